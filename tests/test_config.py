from __future__ import annotations

import math
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_lint import api
from awesome_lint.engine import config, registry
from awesome_lint.engine.diagnostics import Diagnostic
from awesome_lint.engine.rule import Context, Rule
from awesome_lint.markdown.model import Document

from .conftest import run_cli
from .test_source import as_nobody, open_directory

TABLE = "| a | b |\n|---|---|\n| 1 |\n"


def codes(path: Path, **kw: object) -> list[str]:
    settings = api.settings_for(path, **kw)  # type: ignore[arg-type]
    from awesome_lint.markdown.source import read

    return [d.code for d in api.check_source(read(path), settings)]


def test_nearest_config_walking_up_wins(tmp_path: Path) -> None:
    (tmp_path / ".awesome-lint.toml").write_text('ignore = ["AL101"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    readme = deep / "README.md"
    readme.write_text(TABLE)
    assert "AL101" not in codes(readme)
    (deep / "pyproject.toml").write_text('[tool.awesome-lint]\nselect = ["AL101"]\n')
    assert codes(readme) == ["AL101"]


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".awesome-lint.toml").write_text('select = ["table-column-count"]\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (sub / "README.md").write_text(TABLE)
    assert config.discover(sub) == tmp_path / ".awesome-lint.toml"
    assert codes(sub / "README.md") == ["AL101"]


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    (tmp_path / ".awesome-lint.toml").write_text('select = ["AL102"]\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["AL1"]\nignore = ["table-format"]\n')
    (tmp_path / "README.md").write_text(TABLE)
    assert codes(tmp_path / "README.md", config=other) == ["AL101"]


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("AL101", {"AL101"}),
        ("table-column-count", {"AL101"}),
        ("AL1", {"AL101", "AL102", "AL103", "AL104", "AL105"}),
        ("ALL", None),
    ],
)
def test_select_by_code_name_or_prefix(selector: str, expected: set[str] | None) -> None:
    reg = registry.load()
    got = reg.resolve_all([selector])
    assert got == (expected if expected is not None else {r.code for r in reg.rules})


def test_extend_select_and_ignore() -> None:
    reg = registry.load()
    conf = config.from_mapping({"select": ["AL10"], "extend-select": ["AL205"], "ignore": ["AL103"]}, None)
    settings = config.settle(conf, reg)
    assert settings.enabled == {"AL101", "AL102", "AL104", "AL105", "AL205"}


def test_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / ".awesome-lint.toml").write_text(
        '[per-file-ignores]\n"docs/*.md" = ["AL101"]\n"CHANGELOG.md" = ["ALL"]\n'
    )
    (tmp_path / "docs").mkdir()
    for name in ("README.md", "docs/x.md", "CHANGELOG.md"):
        (tmp_path / name).write_text(TABLE)
    assert "AL101" in codes(tmp_path / "README.md")
    assert "AL101" not in codes(tmp_path / "docs" / "x.md")
    assert codes(tmp_path / "CHANGELOG.md") == []


def test_rule_severity_and_options(tmp_path: Path) -> None:
    (tmp_path / ".awesome-lint.toml").write_text(
        '[rules.table-column-count]\nseverity = "warning"\n[rules.AL103]\nstyle = "aligned"\n'
    )
    (tmp_path / "README.md").write_text(TABLE)
    settings = api.settings_for(tmp_path / "README.md")
    assert settings.per_rule["AL101"].severity.value == "warning"
    assert settings.per_rule["AL103"].options["style"] == "aligned"
    result = run_cli("check", "README.md", cwd=tmp_path)
    assert result.returncode == 0  # the only error was downgraded to a warning


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("selectt = []\n", "unknown key 'selectt'; did you mean 'select'?"),
        ('select = ["AL999"]\n', "unknown rule 'AL999'"),
        ('select = ["table-colum-count"]\n', "unknown rule 'table-colum-count'; did you mean 'table-column-count'?"),
        ("[rules.no-such-rule]\nseverity = 'error'\n", "unknown rule 'no-such-rule'"),
        (
            "[rules.table-format]\nstyl = 'compact'\n",
            "unknown option 'styl'; did you mean 'style'?; table-format takes severity, style",
        ),
        (
            "[rules.table-format]\nstyle = 'wide'\n",
            "style must be one of 'consistent', 'compact' or 'aligned', not 'wide'",
        ),
        ("[rules.table-format]\nseverity = 'fatal'\n", 'severity must be "error" or "warning"'),
        ("select = 'AL1\n", "invalid TOML"),
        ("select = 3\n", "select: expected a list of rule codes or names"),
    ],
)
def test_broken_config_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / ".awesome-lint.toml").write_text(content)
    (tmp_path / "README.md").write_text(TABLE)
    result = run_cli("check", "README.md", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_pyproject_keys_are_named_with_their_prefix(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.awesome-lint]\nignor = []\n")
    (tmp_path / "README.md").write_text(TABLE)
    result = run_cli("check", "README.md", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown key 'tool.awesome-lint.ignor'; did you mean 'ignore'?" in result.stderr.decode()


def test_missing_explicit_config(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(TABLE)
    result = run_cli("check", "--config", "nope.toml", "README.md", cwd=tmp_path)
    assert result.returncode == 2 and "nope.toml: config file not found" in result.stderr.decode()


# -- a config file that cannot be one ----------------------------------------------------------


def one_line_error(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert result.stdout == b"" or b"Traceback" not in result.stdout
    return err


def test_config_with_bytes_that_are_not_utf8_names_the_file_and_the_byte(tmp_path: Path) -> None:
    (tmp_path / ".awesome-lint.toml").write_bytes(b'# caf\xe9\nselect = ["AL1"]\n')
    (tmp_path / "README.md").write_text(TABLE)
    err = one_line_error(run_cli("check", "README.md", cwd=tmp_path))
    assert err == (
        f"awesome-lint: error: {tmp_path / '.awesome-lint.toml'}:1:6: not valid UTF-8 (byte 0xe9); "
        "re-save the config as UTF-8\n"
    )


def test_config_with_a_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / ".awesome-lint.toml").write_bytes(b'\xef\xbb\xbfselect = ["AL102"]\n')
    (tmp_path / "README.md").write_text(TABLE)
    assert codes(tmp_path / "README.md") == []  # AL101 is not selected: the config was read


def test_explicit_config_that_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "README.md").write_text(TABLE)
    err = one_line_error(run_cli("check", "--config", "conf", "README.md", cwd=tmp_path))
    assert err == "awesome-lint: error: conf: is a directory, not a config file\n"


def test_discovered_config_that_is_a_fifo_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".awesome-lint.toml")
    (tmp_path / "README.md").write_text(TABLE)
    err = one_line_error(run_cli("check", "README.md", cwd=tmp_path))
    assert err == f"awesome-lint: error: {tmp_path / '.awesome-lint.toml'}: is a FIFO (named pipe), not a config file\n"


def test_discovered_config_that_is_a_directory_or_dangling_symlink_is_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(TABLE)
    (tmp_path / ".awesome-lint.toml").symlink_to("shared/lint.toml")
    err = one_line_error(run_cli("check", "README.md", cwd=tmp_path))
    assert err == (
        f"awesome-lint: error: {tmp_path / '.awesome-lint.toml'}: a symlink to shared/lint.toml, "
        "which does not exist (a dangling symlink)\n"
    )
    (tmp_path / ".awesome-lint.toml").unlink()
    (tmp_path / ".awesome-lint.toml").mkdir()
    err = one_line_error(run_cli("check", "README.md", cwd=tmp_path))
    assert err == f"awesome-lint: error: {tmp_path / '.awesome-lint.toml'}: is a directory, not a config file\n"


def test_a_pyproject_that_is_a_fifo_is_not_ours_and_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pyproject.toml")
    (tmp_path / "README.md").write_text(TABLE)
    result = run_cli("check", "README.md", cwd=tmp_path)
    # the check ran with the defaults: the short row is found (a warning, so exit 0)
    assert result.returncode == 0 and b"AL101" in result.stdout


@pytest.mark.parametrize("name", ["pyproject.toml", "typos.toml", "_typos.toml", ".typos.toml"])
def test_the_spelling_engine_reads_no_config_from_the_working_directory(isolated: Path, name: str) -> None:
    from awesome_lint.knowledge import spelling

    if spelling._typos_binary() is None:
        pytest.skip("typos is not installed")
    os.mkfifo(isolated / name)  # typos would block on it until its timeout, then find nothing
    found = spelling.TyposRun("We recieve it.\n").result()
    assert [(m.word, m.corrections) for m in found] == [("recieve", ("receive",))]


def test_an_unreadable_config_is_permission_denied() -> None:
    with open_directory() as directory:
        conf = directory / "lint.toml"
        conf.write_text('select = ["AL1"]\n')
        os.chmod(conf, 0)
        with as_nobody(), pytest.raises(config.ConfigError) as err:
            config.load(conf)
    assert str(err.value) == f"{conf}: permission denied"


def test_config_nested_too_deeply_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "deep.toml").write_text("select = " + "[" * 100_000 + "]" * 100_000 + "\n")
    with pytest.raises(config.ConfigError) as err:
        config.load(tmp_path / "deep.toml")
    assert str(err.value).startswith(f"{tmp_path / 'deep.toml'}: invalid TOML")


# -- numbers: finite, and not negative where that is nonsense ----------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[links]\ntimeout = nan\n", "links.timeout must be a finite number, not nan"),
        ("[links]\nbackoff = inf\n", "links.backoff must be a finite number, not inf"),
        ("[links]\ncache-max-age = -inf\n", "links.cache-max-age must be a finite number, not -inf"),
        ("[rules.table-format]\nstyle = nan\n", "rules.table-format.style must be a finite number, not nan"),
        ('[per-file-ignores]\n"*.md" = [1.0, nan]\n', "per-file-ignores.*.md[1] must be a finite number, not nan"),
    ],
)
def test_non_finite_numbers_are_refused_by_name(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / ".awesome-lint.toml").write_text(content)
    (tmp_path / "README.md").write_text(TABLE)
    err = one_line_error(run_cli("check", "README.md", cwd=tmp_path))
    assert err == f"awesome-lint: error: {tmp_path / '.awesome-lint.toml'}: {message}\n"


def test_non_finite_numbers_in_pyproject_are_named_with_their_prefix(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nratio = nan\n[tool.awesome-lint.links]\ntimeout = nan\n")
    with pytest.raises(config.ConfigError) as err:
        config.load(tmp_path / "pyproject.toml")
    assert (
        str(err.value)
        == f"{tmp_path / 'pyproject.toml'}: tool.awesome-lint.links.timeout must be a finite number, not nan"
    )


class Sized(Rule):
    code = "XT901"
    name = "sized"
    summary = "a rule with numeric options"
    options = {"max-length": 80, "ratio": 0.5, "offset": -1}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        return iter(())


def settle_sized(**options: object) -> config.Settings:
    reg = registry.Registry()
    reg.add(Sized())
    return config.settle(config.Config(rules={"sized": options}), reg)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max-length": -1}, "[rules.sized] max-length must not be negative, not -1"),
        ({"ratio": -0.5}, "[rules.sized] ratio must not be negative, not -0.5"),
        ({"ratio": math.nan}, "[rules.sized] ratio must be a finite number, not nan"),
        ({"ratio": math.inf}, "[rules.sized] ratio must be a finite number, not inf"),
    ],
)
def test_rule_numbers_are_finite_and_in_range(options: dict[str, object], message: str) -> None:
    with pytest.raises(config.ConfigError) as err:
        settle_sized(**options)
    assert str(err.value) == f"command line: {message}"


def test_rule_numbers_in_range_are_taken() -> None:
    settings = settle_sized(**{"max-length": 0, "ratio": 2, "offset": -5})
    assert dict(settings.per_rule["XT901"].options) == {"max-length": 0, "ratio": 2, "offset": -5}
