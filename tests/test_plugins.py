"""A third-party rule needs nothing but its own package metadata (an entry point)."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from importlib.metadata import entry_points as stdlib_entry_points
from pathlib import Path

from awesome_lint.engine.registry import GROUP, entry_points

from .conftest import run_cli

PLUGIN = '''
from awesome_lint.engine.diagnostics import Severity
from awesome_lint.engine.rule import Rule


class NoTodo(Rule):
    """Reports TODO in list items."""

    code = "XT001"
    name = "no-todo"
    summary = "A list item still says TODO"
    severity = Severity.ERROR

    def check(self, doc, ctx):
        for item in doc.list_items:
            if "TODO" in item.text:
                yield self.report(item.text_span, "Item still says TODO")
'''


def make_distribution(site: Path, name: str, entry: str, module_source: str) -> None:
    """Lay out an installed distribution the way pip would: module + dist-info."""
    (site / f"{name}.py").write_text(textwrap.dedent(module_source))
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[{GROUP}]\n{entry}\n")


def env_with(site: Path) -> dict[str, str]:
    return {"PYTHONPATH": os.pathsep.join([str(site), *sys.path])}


def test_a_separate_package_adds_a_rule(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    make_distribution(site, "awesome_lint_todo", "no-todo = awesome_lint_todo:NoTodo", PLUGIN)
    (tmp_path / "README.md").write_text("# List\n\n- [A](https://a.org) - TODO describe.\n")
    env = env_with(site)
    assert "XT001  no-todo" in run_cli("rules", env=env).stdout.decode()
    result = run_cli("check", "--format", "json", "README.md", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert [(d["code"], d["line"], d["column"]) for d in json.loads(result.stdout)] == [("XT001", 3, 3)]
    only = run_cli("check", "--select", "no-todo", "--format", "json", "README.md", cwd=tmp_path, env=env)
    assert {d["rule"] for d in json.loads(only.stdout)} == {"no-todo"}


def test_a_broken_plugin_is_reported_and_skipped(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    make_distribution(site, "awesome_lint_broken", "broken = awesome_lint_broken:Missing", "X = 1\n")
    (tmp_path / "README.md").write_text("| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n")
    result = run_cli("check", "README.md", cwd=tmp_path, env=env_with(site))
    assert result.returncode == 1  # the built-in rules still ran
    assert b"AL101" in result.stdout
    assert (
        b"awesome-lint: warning: rule plugin 'broken' (awesome_lint_broken:Missing) failed to load: AttributeError"
        in result.stderr
    )


def test_a_rule_that_crashes_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    crashing = (
        PLUGIN.replace('if "TODO" in item.text', "if 1 / 0").replace("XT001", "XT002").replace('"no-todo"', '"crash"')
    )
    make_distribution(site, "awesome_lint_crash", "crash = awesome_lint_crash:NoTodo", crashing)
    (tmp_path / "README.md").write_text("- item\n")
    result = run_cli("check", "README.md", cwd=tmp_path, env=env_with(site))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert b"XT002 crash internal error in rule crash: ZeroDivisionError: division by zero" in result.stdout


def test_fast_entry_point_scan_matches_importlib_metadata() -> None:
    ours = sorted(entry_points(GROUP))
    theirs = sorted((ep.name, ep.value) for ep in stdlib_entry_points(group=GROUP))
    assert ours == theirs and len(ours) >= 6
