from __future__ import annotations

from pathlib import Path

from awesome_lint.engine import config, registry

from .conftest import SEED, run_cli


def test_init_writes_a_valid_config_tuned_to_the_list(isolated: Path) -> None:
    (isolated / "README.md").write_bytes(SEED.read_bytes())
    result = run_cli("init")
    assert result.returncode == 0, result.stderr
    text = (isolated / ".awesome-lint.toml").read_text(encoding="utf-8")
    # the columns as typo fixes them: `Ppaer` is a defect, not a convention (issue 13)
    assert "19 tables; 19 of them with the columns: Title | Authors | Journal/Conference | Paper | Code" in text
    assert "year sections ordered newest-first" in text
    assert 'placeholders for missing values: "No code" ×10' in text
    assert "Table of Contents" in text
    conf = config.load(isolated / ".awesome-lint.toml")
    config.settle(conf, registry.load())  # every live key is valid
    assert run_cli("check", "README.md").returncode == 1  # and check runs with it


def test_init_picks_the_layout_the_list_uses(isolated: Path) -> None:
    aligned = "# L\n\n| Title | Code |\n| ----- | ---- |\n| A     | x    |\n"
    (isolated / "README.md").write_text(aligned)
    run_cli("init")
    assert 'style = "aligned"' in (isolated / ".awesome-lint.toml").read_text()
    assert run_cli("check", "README.md").stdout.decode().strip() == "No problems found."


def test_init_refuses_to_overwrite(isolated: Path) -> None:
    (isolated / "README.md").write_text("# L\n")
    (isolated / ".awesome-lint.toml").write_text("ignore = []\n")
    result = run_cli("init")
    assert result.returncode == 2 and b"already exists" in result.stderr
    assert (isolated / ".awesome-lint.toml").read_text() == "ignore = []\n"


def test_init_on_a_missing_file(isolated: Path) -> None:
    result = run_cli("init", "nope.md")
    assert result.returncode == 2 and result.stderr == b"awesome-lint: error: nope.md: no such file\n"
    assert not (isolated / ".awesome-lint.toml").exists()


def test_init_turns_the_awesome_preset_on_for_a_classic_list(isolated: Path) -> None:
    entries = "".join(f"- [Tool {i}](https://example.org/{i}) - Does thing {i}.\n" for i in range(12))
    (isolated / "README.md").write_text(f"# Awesome Tools\n\n## Tools\n\n{entries}")
    assert run_cli("init").returncode == 0
    text = (isolated / ".awesome-lint.toml").read_text()
    assert '\nextend-select = ["awesome"]\n' in text and "12 entries of the form" in text
    conf = config.load(isolated / ".awesome-lint.toml")
    assert "AL603" in config.settle(conf, registry.load()).enabled
    assert "AL602" in run_cli("check", "README.md").stdout.decode()  # the preset runs: no badge


def test_init_leaves_the_preset_off_for_a_list_of_papers(isolated: Path) -> None:
    (isolated / "README.md").write_bytes(SEED.read_bytes())
    run_cli("init")
    assert '\n# extend-select = ["awesome"]\n' in (isolated / ".awesome-lint.toml").read_text()


STALE_TOC = """# Awesome Things

## Contents

- [Intro](#introduction-to-the-field)
- [Tools](#command-line-tools)
- [Datasets](#datasets)

## Introduction to the Field

Some text.

## Command-Line Tools

- [Foo](https://example.org/foo) - Does foo.
"""


def test_init_says_which_findings_remain_and_why(isolated: Path) -> None:
    """A ToC link to a heading that is gone is still reported under the config init writes
    (shortened labels are not: the anchor is what matters): init says so, names the rule and
    how to turn it off, and that advice works."""
    (isolated / "README.md").write_text(STALE_TOC)
    result = run_cli("init")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode().splitlines()
    assert out[1] == (
        "Under this config, the list still has 1 finding (1 error): init records the list's conventions, not its defects."
    )
    assert out[2] == "  AL305 toc ×1, e.g. line 7: ToC link #datasets matches no heading"
    assert out[3].endswith('turn the rule off in .awesome-lint.toml: ignore = ["toc"].')
    assert run_cli("check", "README.md").returncode == 1  # what init said is true
    config = isolated / ".awesome-lint.toml"
    config.write_text(config.read_text().replace("\nignore = []\n", '\nignore = ["toc"]\n'))
    after = run_cli("check", "README.md")
    assert after.returncode == 0 and after.stdout.decode().strip() == "No problems found."


def test_init_on_a_list_that_passes_says_nothing_more(isolated: Path) -> None:
    (isolated / "README.md").write_text("# L\n\n| Title | Code |\n| --- | --- |\n| A | x |\n")
    result = run_cli("init")
    assert result.stdout.decode() == "Wrote .awesome-lint.toml; `awesome-lint check README.md` now uses it.\n"
    assert run_cli("check", "README.md").returncode == 0
