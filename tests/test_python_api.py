"""The public Python API of the README: check, fix and list rules, as the README shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import awesome_lint
from awesome_lint import check, fix, list_rules

ROOT = Path(__file__).resolve().parent.parent
RAGGED = "# List\n\n| Title | Code |\n|---|---|\n| A Paper |  [code](https://github.com/a/b) |\n"


def test_check_reports_what_the_command_line_reports() -> None:
    found = check("# List\n\n| Title | Code |\n| --- | --- |\n| A | B | C |\n", path="README.md")
    assert [(d.line, d.code) for d in found] == [(5, "AL101")]


def test_fix_returns_the_fixed_text_and_leaves_its_input_alone() -> None:
    result = fix(RAGGED, path="README.md")
    assert result.refused is None
    assert result.changed
    assert result.text == "# List\n\n| Title | Code |\n| --- | --- |\n| A Paper | [code](https://github.com/a/b) |\n"
    assert fix(result.text).changed is False  # idempotent


def test_list_rules_lists_every_rule_in_code_order() -> None:
    listed = list_rules()
    codes = [r.code for r in listed]
    assert codes == sorted(codes)
    assert {"AL101", "AL201", "AL401"} <= set(codes)
    assert all(r.name and r.summary for r in listed)


def test_the_readme_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    assert set(awesome_lint.__all__) >= {"check", "fix", "list_rules"}
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(RAGGED, encoding="utf-8")
    exec(compile(code.group(1), "README.md", "exec"), {})
    assert (tmp_path / "README.md").read_text(encoding="utf-8").startswith("# List\n\n| Title | Code |\n| --- | --- |")
    assert "AL101 table-column-count" in capsys.readouterr().out
