"""The tools maintainers already use, run for real: pre-commit, and the GitHub Action's steps."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT
from .linkserver import LinkServer

DEFECTIVE = "# List\n\n|Title|Code|\n|-|-|\n|A paper|\n|Another|[code](https://github.com/a/b)|\n"
# a short row is a warning (GitHub pads it); the config makes it an error, so the hooks and
# the action have an error to fail on that `fix` can repair
SHORT_ROW_IS_AN_ERROR = '[rules.table-column-count]\nseverity = "error"\n'


def git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout.strip()


@pytest.fixture(scope="module")
def project_rev(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this project's current files (committed or not)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    copy = tmp_path_factory.mktemp("awesome-lint-repo")
    ignore = shutil.ignore_patterns(
        ".git",
        ".venv",
        "__pycache__",
        "*.egg-info",
        ".pytest_cache",
        ".mypy_cache",
        ".ruff_cache",
        "out",
        ".hypothesis",
    )
    shutil.copytree(ROOT, copy, dirs_exist_ok=True, ignore=ignore)
    git("init", "-q", cwd=copy)
    git("add", "-A", cwd=copy)
    git("commit", "-q", "-m", "snapshot", cwd=copy)
    return copy, git("rev-parse", "HEAD", cwd=copy)


def test_pre_commit_hooks(tmp_path: Path, project_rev: tuple[Path, str]) -> None:
    pre_commit = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed")
    repo, rev = project_rev
    work = tmp_path / "list"
    work.mkdir()
    git("init", "-q", cwd=work)
    (work / "README.md").write_text(DEFECTIVE)
    # the hooks stay offline even when the config turns link checking on: github.com/a/b would
    # otherwise be reported dead on this machine, which has no network
    (work / ".awesome-lint.toml").write_text("links = true\n\n" + SHORT_ROW_IS_AN_ERROR)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: awesome-lint\n      - id: awesome-lint-fix\n"
    )
    git("add", "-A", cwd=work)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def run(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, "run", hook, "--all-files"], cwd=work, capture_output=True, text=True, env=env, timeout=600
        )

    check = run("awesome-lint")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "README.md:5:1: AL101 table-column-count" in check.stdout
    fixed = run("awesome-lint-fix")
    assert fixed.returncode == 1 and "files were modified by this hook" in fixed.stdout
    assert (
        (work / "README.md").read_text()
        == "# List\n\n| Title | Code |\n| --- | --- |\n| A paper |  |\n| Another | [code](https://github.com/a/b) |\n"
    )
    again = run("awesome-lint")
    assert again.returncode == 0, again.stdout
    assert "Checked" not in again.stdout + again.stderr


def action_steps() -> list[dict[str, str]]:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    return action["runs"]["steps"]  # type: ignore[no-any-return]


def expand(script: str, inputs: dict[str, str], action_path: Path, github: dict[str, str] | None = None) -> str:
    def value(m: re.Match[str]) -> str:
        expr = m.group(1).strip()
        if expr == "github.action_path":
            return str(action_path)
        if expr.startswith("github."):
            return (github or {}).get(expr.removeprefix("github."), "")
        assert expr.startswith("inputs."), expr
        return inputs[expr.removeprefix("inputs.")]

    return re.sub(r"\$\{\{(.*?)\}\}", value, script)


def run_step(
    step: dict[str, Any], inputs: dict[str, str], action_path: Path, cwd: Path, env: dict[str, str], **github: str
) -> subprocess.CompletedProcess[str]:
    step_env = {name: expand(str(v), inputs, action_path, github) for name, v in step.get("env", {}).items()}
    return subprocess.run(
        ["bash", "-e", "-c", expand(step["run"], inputs, action_path, github)],
        cwd=cwd,
        env={**env, **step_env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_github_action_steps_run(tmp_path: Path, project_rev: tuple[Path, str]) -> None:
    repo, _ = project_rev
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs["python"] = sys.executable
    work = tmp_path / "list"
    work.mkdir()
    (work / "README.md").write_text(DEFECTIVE)
    (work / ".awesome-lint.toml").write_text(SHORT_ROW_IS_AN_ERROR)
    summary = tmp_path / "summary.md"
    env = {**os.environ, "RUNNER_TEMP": str(tmp_path / "runner"), "GITHUB_STEP_SUMMARY": str(summary)}
    (tmp_path / "runner").mkdir()
    install_step, check_step = action_steps()
    install = run_step(install_step, inputs, repo, work, env)
    assert install.returncode == 0, install.stderr
    check = run_step(check_step, inputs, repo, work, env)
    assert check.returncode == 1
    assert "::error file=README.md,line=5,col=1" in check.stdout
    assert "## awesome-lint" in summary.read_text()

    # links = changed on a pull request: only the link the pull request adds is checked
    with LinkServer() as server:
        origin = tmp_path / "origin.git"
        git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp_path)
        pr = tmp_path / "pr"
        git("clone", "-q", str(origin), str(pr), cwd=tmp_path)
        (pr / ".awesome-lint.toml").write_text('[links]\nallow-networks = ["127.0.0.1"]\ncache = "c.sqlite"\n')
        (pr / "README.md").write_text(f"# List\n\n- [Old]({server.origin}/missing) - Old.\n")
        git("add", ".", cwd=pr)
        git("commit", "-q", "-m", "list", cwd=pr)
        git("push", "-q", "origin", "HEAD:main", cwd=pr)
        with (pr / "README.md").open("a") as fh:
            fh.write(f"- [New]({server.origin}/gone) - New.\n")
        pr_inputs = {**inputs, "links": "changed"}
        check = run_step(check_step, pr_inputs, repo, pr, env, base_ref="main")
        assert check.returncode == 1, check.stderr
        assert "::error file=README.md,line=4" in check.stdout and "/gone" in check.stdout
        assert "/missing" not in check.stdout and server.counts["/missing"] == 0
        bad = run_step(check_step, {**inputs, "links": "sometimes"}, repo, pr, env)
        assert bad.returncode == 2 and "links input must be off, changed or all" in bad.stderr
