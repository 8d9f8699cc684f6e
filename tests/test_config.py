from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint import api, config, registry

from .conftest import run_cli

TABLE = "| a | b |\n|---|---|\n| 1 |\n"


def codes(path: Path, **kw: object) -> list[str]:
    settings = api.settings_for(path, **kw)  # type: ignore[arg-type]
    from awesome_lint.source import read

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
        ("[rules.table-format]\nstyle = 'wide'\n", "style must be 'compact' or 'aligned', not 'wide'"),
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
