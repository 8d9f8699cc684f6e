"""The README's commands and sample output stay true."""

from __future__ import annotations

import re

from .conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_sample_output_is_what_the_tool_prints() -> None:
    m = re.search(r"It prints findings such as\n\n```text\n(.*?)```", README, re.DOTALL)
    assert m
    result = run_cli("check", "examples/awesome-papers.md", cwd=ROOT)
    assert result.returncode == 1  # "exits 1 because the example has errors"
    out = result.stdout.decode().splitlines()
    for line in m.group(1).splitlines():
        assert line in out


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci and "<!-- test-command -->" in README


def test_readme_lists_every_builtin_rule() -> None:
    from awesome_lint import registry

    for rule in registry.load().rules:
        if type(rule).__module__.startswith("awesome_lint."):
            assert f"| {rule.code} | [{rule.name}](rules/{rule.name}.md) |" in README


def test_project_docs_pass_their_own_linter() -> None:
    paths = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "rules").glob("*.md"))]
    result = run_cli("check", *paths, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.decode().strip() == "No problems found.", result.stdout.decode()
