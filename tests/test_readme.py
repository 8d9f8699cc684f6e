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
    from awesome_lint.engine import registry

    for rule in registry.load().rules:
        if type(rule).__module__.startswith("awesome_lint."):
            assert f"| {rule.code} | [{rule.name}](rules/{rule.name}.md) |" in README


def test_project_docs_pass_their_own_linter() -> None:
    paths = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "rules").glob("*.md"))]
    result = run_cli("check", *paths, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.decode().strip() == "No problems found.", result.stdout.decode()


def block(marker: str) -> str:
    m = re.search(rf"<!-- {marker} -->\n```\w+\n(.*?)```", README, re.DOTALL)
    assert m, marker
    return m.group(1)


def test_pre_commit_snippet_names_our_hooks() -> None:
    import yaml

    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    config = yaml.safe_load(block("pre-commit-config"))
    assert {h["id"] for h in config["repos"][0]["hooks"]} == hooks == {"awesome-lint", "awesome-lint-fix"}
    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()):
        assert hook["language"] == "python" and hook["types"] == ["markdown"]


def test_workflow_uses_only_inputs_the_action_has() -> None:
    import yaml

    inputs = set(yaml.safe_load((ROOT / "action.yml").read_text())["inputs"])
    steps = yaml.safe_load(block("workflow"))["jobs"]["lint"]["steps"]
    ours = [s for s in steps if s.get("uses", "").startswith("OWNER/awesome-lint@")]
    assert len(ours) == 1 and set(ours[0]["with"]) <= inputs
    (scanning,) = [s for s in yaml.safe_load(block("code-scanning")) if "run" in s]
    assert "--format sarif" in scanning["run"]


def test_junit_command_as_written(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    (tmp_path / "README.md").write_text("| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n")  # an extra cell: an error
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]}
    result = subprocess.run(["bash", "-c", block("junit-command")], cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert (tmp_path / "awesome-lint.xml").read_text().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
