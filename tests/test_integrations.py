"""Every CI recipe in README.md, run here for real.

- pre-commit: real `pre-commit`, through `try-repo` and through the README's config, on a temp
  git repository, with the hooks installed by pre-commit from this project at the current files.
- The GitHub Action: its composite steps run as the runner runs them (`bash -eo pipefail`),
  with the `${{ }}` expressions evaluated from faked contexts: `GITHUB_*` variables and event
  payloads for `pull_request` and `push`, a bare git repository as "origin", a real HTTP
  server on 127.0.0.1 for the links. `actions/cache/restore` and `save`, which cannot run here,
  are stood in for by a directory of saved caches with the same key and prefix rules.
- SARIF upload and GitLab CI: the README's shell lines, run with pip installing from this
  repository at a commit, and their reports checked (SARIF against the SARIF 2.1.0 schema).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT
from .linkserver import LinkServer
from .test_readme import block
from .test_reporters import validate_sarif

# a short row (fixed safely), a URL scheme typo (an error whose fix is unsafe: reported only)
DEFECTIVE = "# List\n\n|Title|Code|\n|-|-|\n|A paper|\n|Another|[code](ttps://github.com/a/b)|\n"
FIXED = "# List\n\n| Title | Code |\n| --- | --- |\n| A paper |  |\n| Another | [code](ttps://github.com/a/b) |\n"
PLACEHOLDER_URL = "https://github.com/OWNER/awesome-lint"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@t",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@t",
}


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout.strip()


def commit_all(cwd: Path, message: str = "change") -> str:
    git("add", "-A", cwd=cwd)
    git("commit", "-q", "-m", message, cwd=cwd)
    return git("rev-parse", "HEAD", cwd=cwd)


@pytest.fixture(scope="module")
def project_rev(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this project's current files (committed or not): what a user
    pins with `rev:` / `@COMMIT`."""
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
        "shared",
    )
    shutil.copytree(ROOT, copy, dirs_exist_ok=True, ignore=ignore)
    git("init", "-q", cwd=copy)
    return copy, commit_all(copy, "snapshot")


def with_our_repo(text: str, repo: Path, rev: str) -> str:
    """A README recipe with its placeholders (OWNER's repository, COMMIT) pointing here."""
    assert PLACEHOLDER_URL in text and "COMMIT" in text
    return (
        text.replace(f"git+{PLACEHOLDER_URL}@COMMIT", f"git+file://localhost{repo}@{rev}")
        .replace(PLACEHOLDER_URL, str(repo))
        .replace("COMMIT", rev)
    )


# --- pre-commit --------------------------------------------------------------------------------


def pre_commit_bin() -> str:
    found = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed")
    return found


def list_repo(tmp_path: Path) -> Path:
    work = tmp_path / "list"
    work.mkdir()
    git("init", "-q", cwd=work)
    (work / "README.md").write_text(DEFECTIVE)
    # the hooks stay offline even when the config turns link checking on
    (work / ".awesome-lint.toml").write_text("links = true\n")
    return work


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: the hook environment is built once per commit."""
    return tmp_path_factory.mktemp("pre-commit-home")


def run_pre_commit(args: list[str], work: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    result = subprocess.run(
        [pre_commit_bin(), *args], cwd=work, capture_output=True, text=True, env=env, timeout=900, check=False
    )
    out = result.stdout + result.stderr
    if "An unexpected error has occurred" in out and re.search(
        r"No matching distribution|Could not find a version", out
    ):
        pytest.skip(f"pre-commit could not install the hook's dependencies with pip here: {out[-500:]}")
    return result


def assert_each_problem_reported_once(output: str) -> None:
    """The fix hook says what it fixed; the check hook reports what is left; nothing twice."""
    assert "awesome-lint (fix)" in output and "files were modified by this hook" in output
    assert "Fixed 2 problems in README.md" in output
    assert output.index("awesome-lint (fix)") < output.index("README.md:6:")  # the fix hook ran first
    assert output.count("AL205 empty-link") == 1  # the unsafe fix's finding, by the check hook
    assert "AL101" not in output.replace("AL101 table-column-count ×1", "")  # the fixed row: not reported
    assert "Checked" not in output  # no link was checked


def test_pre_commit_try_repo(tmp_path: Path, project_rev: tuple[Path, str], pre_commit_home: Path) -> None:
    """`pre-commit try-repo` at the current commit, one hook at a time (try-repo alone would run
    them in alphabetical order): the fix hook fixes and reports only that, the check hook then
    reports what is left. (try-repo builds the hook environment anew on every call, in a store
    of its own: two calls keep this test affordable.)"""
    repo, rev = project_rev
    work = list_repo(tmp_path)
    git("add", "-A", cwd=work)

    def try_hook(hook: str) -> subprocess.CompletedProcess[str]:
        return run_pre_commit(["try-repo", str(repo), hook, "--ref", rev, "--all-files"], work, pre_commit_home)

    fixed = try_hook("awesome-lint-fix")
    assert fixed.returncode == 1 and "files were modified by this hook" in fixed.stdout, fixed.stdout + fixed.stderr
    assert "Fixed 2 problems in README.md (AL101 table-column-count ×1, AL103 table-format ×1)" in fixed.stdout
    assert "README.md:6:" not in fixed.stdout  # what is left is the check hook's to report
    assert (work / "README.md").read_text() == FIXED
    git("add", "-A", cwd=work)
    checked = try_hook("awesome-lint")
    assert checked.returncode == 1
    assert checked.stdout.count("AL205 empty-link") == 1 and "AL101" not in checked.stdout
    assert "Checked" not in checked.stdout  # offline, although the config turns links on


def test_readme_pre_commit_recipe(tmp_path: Path, project_rev: tuple[Path, str], pre_commit_home: Path) -> None:
    """The README's `.pre-commit-config.yaml`, pointed at this repository and commit."""
    repo, rev = project_rev
    work = list_repo(tmp_path)
    config = with_our_repo(block("pre-commit-config"), repo, rev)
    hooks = [h["id"] for h in yaml.safe_load(config)["repos"][0]["hooks"]]
    assert hooks == ["awesome-lint-fix", "awesome-lint"]
    (work / ".pre-commit-config.yaml").write_text(config)
    git("add", "-A", cwd=work)
    result = run_pre_commit(["run", "--all-files"], work, pre_commit_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert_each_problem_reported_once(result.stdout)
    assert (work / "README.md").read_text() == FIXED
    (work / "README.md").write_text(FIXED.replace("ttps", "https"))
    git("add", "-A", cwd=work)
    clean = run_pre_commit(["run", "--all-files"], work, pre_commit_home)
    assert clean.returncode == 0, clean.stdout


# --- the GitHub Action ---------------------------------------------------------------------------

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
_EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
_NAME = re.compile(r"'[^']*'|([A-Za-z_][\w-]*(?:\.[\w-]+)+)")


def test_no_input_is_interpolated_into_a_script() -> None:
    """A crafted input must stay data: inputs reach `run:` scripts only through `env:`."""
    runs = [step["run"] for step in ACTION["runs"]["steps"] if "run" in step]
    assert runs and not any("${{" in script for script in runs)
    assert ACTION["inputs"]["github-token"]["default"] == "${{ github.token }}"
    assert set(ACTION["outputs"]) == {"exit-code", "errors", "warnings"}


@dataclass
class ActionRun:
    """What one run of the action left: its outputs, job summary and each step's output."""

    outputs: dict[str, str]
    summary: str
    log: str
    failed: int  # the exit status of the first failing step, 0 when none failed
    steps: list[str] = field(default_factory=list)  # names of the steps that ran


class Runner:
    """Runs the composite action's steps as the Actions runner does, in one workspace."""

    def __init__(self, action_path: Path, base: Path, cache_store: Path) -> None:
        self.action_path = action_path
        self.base = base
        self.cache_store = cache_store  # saved caches, one folder per key
        self.runner_temp = base / "runner-temp"
        self.runner_temp.mkdir(exist_ok=True)
        self.saved = 0
        self.installed = False

    def run(
        self,
        workspace: Path,
        *,
        inputs: dict[str, str],
        event_name: str,
        event: dict[str, Any],
        run_id: int,
        base_ref: str = "",
    ) -> ActionRun:
        payload = self.base / f"event-{run_id}.json"
        payload.write_text(json.dumps(event))
        summary = self.base / f"summary-{run_id}.md"
        summary.write_text("")
        github = {
            "action_path": str(self.action_path),
            "base_ref": base_ref,
            "event_name": event_name,
            "event": event,
            "run_id": str(run_id),
            "token": "ghs_not_a_real_token",
            "workspace": str(workspace),
        }
        contexts: dict[str, Any] = {
            "github": github,
            "runner": {"os": "Linux", "temp": str(self.runner_temp)},
            "steps": {},
        }
        contexts["inputs"] = {
            name: self.interpolate(str(spec.get("default", "")), contexts) for name, spec in ACTION["inputs"].items()
        }
        contexts["inputs"].update(inputs)
        env = {
            **os.environ,
            "GITHUB_ACTIONS": "true",
            "GITHUB_ACTION_PATH": str(self.action_path),
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_EVENT_NAME": event_name,
            "GITHUB_EVENT_PATH": str(payload),
            "GITHUB_BASE_REF": base_ref,
            "GITHUB_RUN_ID": str(run_id),
            "GITHUB_STEP_SUMMARY": str(summary),
            "RUNNER_OS": "Linux",
            "RUNNER_TEMP": str(self.runner_temp),
        }
        env.pop("GITHUB_TOKEN", None)
        failed = 0
        log: list[str] = []
        ran: list[str] = []
        for index, step in enumerate(ACTION["runs"]["steps"]):
            condition = str(step.get("if", "success()"))
            if not self.evaluate(condition.removeprefix("${{").removesuffix("}}"), contexts, failed=bool(failed)):
                continue
            if (
                step["name"] == "Install awesome-lint"
                and (self.runner_temp / "awesome-lint-venv/bin/awesome-lint").exists()
            ):
                continue  # installed by an earlier run of this module, which the runner never shares
            ran.append(step["name"])
            if "uses" in step:
                status = self.uses(step, contexts, workspace)
                outputs: dict[str, str] = {}
            else:
                output_file = self.base / f"output-{run_id}-{index}"
                output_file.write_text("")
                step_env = {name: self.interpolate(str(v), contexts) for name, v in step.get("env", {}).items()}
                script = self.base / f"step-{run_id}-{index}.sh"
                script.write_text(step["run"])
                done = subprocess.run(
                    ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                    cwd=workspace,
                    env={**env, **step_env, "GITHUB_OUTPUT": str(output_file)},
                    capture_output=True,
                    text=True,
                    timeout=600,
                    check=False,
                )
                status = done.returncode
                log.append(f"## {step['name']} (exit {status})\n{done.stdout}{done.stderr}")
                outputs = dict(line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line)
            if "id" in step:
                contexts["steps"][step["id"]] = {"outputs": outputs}
            if step["name"] == "Install awesome-lint" and status == 0:
                self.installed = True
            if status and not step.get("continue-on-error") and not failed:
                failed = status
        results = {name: self.interpolate(spec["value"], contexts) for name, spec in ACTION["outputs"].items()}
        return ActionRun(results, summary.read_text(), "\n".join(log), failed, ran)

    def uses(self, step: dict[str, Any], contexts: dict[str, Any], workspace: Path) -> int:
        """actions/cache/restore and save: a key restores exactly, restore-keys by prefix (the
        newest match), and a key is saved once."""
        action = step["uses"]
        given = {name: self.interpolate(str(v), contexts) for name, v in step.get("with", {}).items()}
        path = Path(given["path"])
        path = path if path.is_absolute() else workspace / path
        if action == "actions/cache/restore@v4":
            key = given["key"]
            candidates = [self.cache_store / key] if (self.cache_store / key).is_dir() else []
            for prefix in given.get("restore-keys", "").split():
                if not candidates:
                    found = [p for p in self.cache_store.glob("*") if p.name.startswith(prefix)]
                    candidates = sorted(found, key=lambda p: p.stat().st_mtime_ns)[-1:]
            if candidates:
                shutil.copytree(candidates[0], path, dirs_exist_ok=True)
            return 0
        assert action == "actions/cache/save@v4", action
        target = self.cache_store / given["key"]
        if target.exists() or not path.is_dir():
            return 1  # as the real action: the key exists, or there is nothing to save
        shutil.copytree(path, target)
        self.saved += 1
        return 0

    def interpolate(self, text: str, contexts: dict[str, Any]) -> str:
        return _EXPR.sub(lambda m: str(self.evaluate(m.group(1), contexts)), text)

    def evaluate(self, expression: str, contexts: dict[str, Any], *, failed: bool = False) -> Any:
        """The subset of Actions expressions action.yml uses: context paths, string literals,
        ==, !=, ||, && and the status functions."""

        def value(m: re.Match[str]) -> str:
            if m.group(1) is None:
                return m.group(0)
            found: Any = contexts
            for part in m.group(1).split("."):
                found = found.get(part, "") if isinstance(found, dict) else ""
            return repr(found)

        python = _NAME.sub(value, expression.strip())
        python = python.replace("||", " or ").replace("&&", " and ").replace("!", " not ").replace(" not =", "!=")
        python = python.replace("always()", "True").replace("success()", repr(not failed))
        python = python.replace("failure()", repr(failed))
        return eval(python, {"__builtins__": {}})  # the test's own expressions, from action.yml


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory, project_rev: tuple[Path, str]) -> Runner:
    repo, _ = project_rev
    base = tmp_path_factory.mktemp("actions")
    store = base / "cache-store"
    store.mkdir()
    return Runner(repo, base, store)


@pytest.fixture
def server() -> Iterator[LinkServer]:
    with LinkServer() as s:
        yield s


def origin_with_list(tmp_path: Path, readme: str) -> tuple[Path, Path, str]:
    """A bare "origin" holding a list on `main`, and a full clone of it; returns the head."""
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp_path)
    clone = tmp_path / "clone"
    git("clone", "-q", str(origin), str(clone), cwd=tmp_path)
    (clone / ".awesome-lint.toml").write_text('[links]\nallow-networks = ["127.0.0.1"]\n')
    (clone / "README.md").write_text(readme)
    head = commit_all(clone, "list")
    git("push", "-q", "origin", "HEAD:main", cwd=clone)
    return origin, clone, head


def checkout(origin: Path, where: Path, ref: str = "main") -> Path:
    """As actions/checkout does: a shallow clone of one commit."""
    git("clone", "-q", "--depth=1", "--branch", ref, f"file://{origin}", str(where), cwd=origin.parent)
    return where


def workflow_inputs() -> dict[str, str]:
    """The `with:` of the action's step in the README's workflow."""
    steps = yaml.safe_load(block("workflow"))["jobs"]["lint"]["steps"]
    (ours,) = [s for s in steps if s.get("uses", "").startswith("OWNER/awesome-lint@")]
    assert ours["uses"] == "OWNER/awesome-lint@COMMIT"
    return {name: str(v) for name, v in ours["with"].items()}


def test_readme_workflow_on_a_pull_request(tmp_path: Path, runner: Runner, server: LinkServer) -> None:
    """The README's recipe (links: changed): only the link the pull request adds is checked."""
    inputs = workflow_inputs()
    assert inputs["links"] == "changed" and set(inputs) <= set(ACTION["inputs"])
    origin, clone, _ = origin_with_list(tmp_path, f"# List\n\n- [Old]({server.origin}/missing) - Old.\n")
    git("checkout", "-q", "-b", "feature", cwd=clone)
    with (clone / "README.md").open("a") as fh:
        fh.write(f"- [New]({server.origin}/gone) - New.\n")
    commit_all(clone)
    git("push", "-q", "origin", "feature", cwd=clone)
    workspace = checkout(origin, tmp_path / "workspace", "feature")
    event = {"pull_request": {"base": {"ref": "main"}, "head": {"ref": "feature"}}}
    run = runner.run(workspace, inputs=inputs, event_name="pull_request", event=event, run_id=1, base_ref="main")
    assert run.failed == 0, run.log  # the recipe passes --exit-zero
    assert runner.installed  # by this run or an earlier one: the install step worked
    assert run.outputs == {"exit-code": "0", "errors": "1", "warnings": "0"}, run.log
    assert "::error file=README.md,line=4" in run.log and "/gone" in run.log
    assert "/missing" not in run.log and server.counts["/missing"] == 0
    assert "## awesome-lint" in run.summary and "### Links" in run.summary
    assert f"| {server.origin}/gone | dead |" in run.summary
    assert "Links checked: only the links this pull request adds or changes, against its base branch `main`." in (
        run.summary
    )


def test_action_on_a_push_compares_with_the_previous_head(tmp_path: Path, runner: Runner, server: LinkServer) -> None:
    origin, clone, before = origin_with_list(tmp_path, f"# List\n\n- [Old]({server.origin}/missing) - Old.\n")
    with (clone / "README.md").open("a") as fh:
        fh.write(f"- [New]({server.origin}/gone) - New.\n")
    after = commit_all(clone)
    git("push", "-q", "origin", "HEAD:main", cwd=clone)
    workspace = checkout(origin, tmp_path / "workspace")  # shallow: `before` must be fetched
    event = {"before": before, "after": after, "ref": "refs/heads/main"}
    run = runner.run(workspace, inputs={"links": "changed"}, event_name="push", event=event, run_id=2)
    assert run.failed == 1 and run.outputs["exit-code"] == "1" and run.outputs["errors"] == "1", run.log
    assert "/gone" in run.log and server.counts["/missing"] == 0
    assert f"against the previous head `{before[:12]}`" in run.summary


def test_action_on_a_new_branch_checks_every_link_and_says_why(
    tmp_path: Path, runner: Runner, server: LinkServer
) -> None:
    origin, _, after = origin_with_list(
        tmp_path, f"# List\n\n- [Old]({server.origin}/missing) - Old.\n- [New]({server.origin}/gone) - New.\n"
    )
    workspace = checkout(origin, tmp_path / "workspace")
    event = {"before": "0" * 40, "after": after, "ref": "refs/heads/main", "created": True}
    run = runner.run(workspace, inputs={"links": "changed"}, event_name="push", event=event, run_id=3)
    assert run.outputs["errors"] == "2", run.log
    assert server.counts["/missing"] > 0 and server.counts["/gone"] > 0
    assert "this push creates the branch, so there is no previous head to compare with" in run.summary


def test_action_keeps_link_results_between_runs(tmp_path: Path, runner: Runner, server: LinkServer) -> None:
    """The link cache is saved under a key of the list and restored by prefix: an unchanged
    list's live link is not requested again by the next run, in a fresh checkout."""
    origin, _, after = origin_with_list(tmp_path, f"# List\n\n- [Fine]({server.origin}/ok) - Fine.\n")
    event = {"before": "0" * 40, "after": after, "ref": "refs/heads/main"}
    first = runner.run(
        checkout(origin, tmp_path / "first"), inputs={"links": "all"}, event_name="push", event=event, run_id=4
    )
    assert first.failed == 0 and first.outputs == {"exit-code": "0", "errors": "0", "warnings": "0"}, first.log
    asked = server.counts["/ok"]
    assert asked > 0 and "Save the link cache" in first.steps
    second = runner.run(
        checkout(origin, tmp_path / "second"), inputs={"links": "all"}, event_name="push", event=event, run_id=5
    )
    assert second.failed == 0, second.log
    assert server.counts["/ok"] == asked  # answered from the restored cache
    assert "1 from the cache" in second.summary
    assert "Links checked: every link (`links: all`)." in second.summary


def test_action_defaults_annotate_and_count(tmp_path: Path, runner: Runner) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "README.md").write_text(DEFECTIVE)
    run = runner.run(workspace, inputs={}, event_name="push", event={"before": "0" * 40}, run_id=6)
    assert run.failed == 1
    # the ttps:// scheme is an error; the short row (GitHub pads it) and the layout line are warnings
    assert run.outputs == {"exit-code": "1", "errors": "1", "warnings": "2"}, run.log
    assert "::warning file=README.md,line=5,col=1" in run.log and "::error file=README.md,line=6,col=17" in run.log
    assert "## awesome-lint" in run.summary and "### Links" not in run.summary and "Links checked" not in run.summary
    assert "Restore the link cache" not in run.steps  # links are off: no link cache


def test_action_inputs_are_data_not_code(tmp_path: Path, runner: Runner) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "README.md").write_text("# List\n\nText.\n")
    inputs = {"args": '--exit-zero $(touch pwned-args) ";touch" `touch x`', "paths": "README.md $(touch pwned-paths)"}
    run = runner.run(workspace, inputs=inputs, event_name="push", event={}, run_id=7)
    assert sorted(p.name for p in workspace.iterdir()) == ["README.md"]
    assert run.outputs["exit-code"] == "2", run.log  # the words are taken as arguments, and rejected as such
    bad = runner.run(workspace, inputs={"links": "sometimes"}, event_name="push", event={}, run_id=8)
    assert bad.failed == 2 and "the links input must be off, changed or all" in bad.log
    assert "Check" not in bad.steps


# --- SARIF upload and GitLab CI ------------------------------------------------------------------


@pytest.fixture(scope="module")
def recipe_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fresh virtual environment, first on PATH, as a CI job's Python is."""
    venv = tmp_path_factory.mktemp("recipe-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    return {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "VIRTUAL_ENV": str(venv)}


def run_lines(lines: list[str], cwd: Path, env: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    done = []
    for line in lines:
        result = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
        )
        out = result.stdout + result.stderr
        if result.returncode and re.search(r"No matching distribution|Could not find a version", out):
            pytest.skip(f"pip could not install awesome-lint's dependencies here: {out[-500:]}")
        done.append(result)
    return done


def test_readme_sarif_recipe(tmp_path: Path, project_rev: tuple[Path, str], recipe_env: dict[str, str]) -> None:
    repo, rev = project_rev
    (tmp_path / "README.md").write_text(DEFECTIVE)
    (step,) = [s for s in yaml.safe_load(block("code-scanning")) if "run" in s]
    script = with_our_repo(step["run"], repo, rev)
    install, check = run_lines(script.strip().splitlines(), tmp_path, recipe_env)
    assert install.returncode == 0, install.stderr
    assert check.returncode == 0, check.stderr  # --exit-zero: code scanning decides
    log = json.loads((tmp_path / "awesome-lint.sarif").read_text())
    validate_sarif(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"AL101", "AL205"}
    (upload,) = [s for s in yaml.safe_load(block("code-scanning")) if "uses" in s]
    assert upload["with"]["sarif_file"] == "awesome-lint.sarif"


def test_readme_gitlab_recipe(tmp_path: Path, project_rev: tuple[Path, str], recipe_env: dict[str, str]) -> None:
    repo, rev = project_rev
    (tmp_path / "README.md").write_text(DEFECTIVE)
    job = yaml.safe_load(block("gitlab-ci"))["awesome-lint"]
    report_name = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always"  # the report is kept when the job fails
    script = with_our_repo("\n".join(job["script"]), repo, rev)
    install, check = run_lines(script.splitlines(), tmp_path, recipe_env)
    assert install.returncode == 0, install.stderr
    assert check.returncode == 1  # errors fail the job; the report is written all the same
    issues = json.loads((tmp_path / report_name).read_text())
    assert len(issues) == 3  # the short row, the scheme typo, the table's layout
    assert {"AL101 table-column-count", "AL205 empty-link"} <= {i["check_name"] for i in issues}
    for issue in issues:
        assert issue["location"]["path"] == "README.md" and issue["location"]["lines"]["begin"] >= 1
        assert issue["severity"] in {"minor", "major"} and issue["fingerprint"] and issue["description"]
