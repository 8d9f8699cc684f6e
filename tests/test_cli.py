from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import SEED, run_cli

BROKEN = "| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n"
WARN_ONLY = "| a | b |\n| --- | --- |\n"


def test_errors_exit_1_warnings_exit_0(isolated: Path) -> None:
    (isolated / "bad.md").write_text(BROKEN)
    (isolated / "warn.md").write_text(WARN_ONLY)
    assert run_cli("check", "bad.md").returncode == 1
    assert run_cli("check", "warn.md").returncode == 0
    assert run_cli("check", "--exit-zero", "bad.md").returncode == 0


def test_default_path_is_readme(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN)
    result = run_cli("check")
    assert result.returncode == 1 and b"README.md:3:1: AL101 table-column-count" in result.stdout


def test_text_format_line(isolated: Path) -> None:
    (isolated / "README.md").write_text("| a | b |\n| --- | --- |\n| 1 |\n")
    out = run_cli("check", "README.md").stdout.decode().splitlines()
    assert out[0] == "README.md:3:1: AL101 table-column-count Row has 1 cell, the header has 2 [*]"
    assert out[-1] == "Found 1 problem (1 error, 0 warnings). 1 fixable with `awesome-lint fix`."


def test_json_schema(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN)
    data = json.loads(run_cli("check", "--format", "json", "README.md").stdout)
    assert data == [
        {
            "path": "README.md",
            "line": 3,
            "column": 1,
            "end_line": 3,
            "end_column": 14,
            "code": "AL101",
            "rule": "table-column-count",
            "severity": "error",
            "message": "Row has 3 cells, the header has 2; GitHub does not show the extra 1 cell (3): merge or remove them",
            "fixable": False,
            "fix": None,
        }
    ]


def test_github_format(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN + "\n" + WARN_ONLY)
    out = run_cli("check", "--format", "github", "README.md").stdout.decode().splitlines()
    assert out[0].startswith(
        "::error file=README.md,line=3,col=1,endLine=3,endColumn=14,title=AL101 table-column-count::Row has 3 cells"
    )
    assert out[1].startswith("::warning file=README.md,line=5,col=1,")


def test_statistics_and_quiet(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN + "\n" + WARN_ONLY + "\n" + WARN_ONLY)
    out = run_cli("check", "--statistics", "-q", "README.md").stdout.decode()
    assert "     2  AL102  table-empty\n" in out and "     1  AL101  table-column-count\n" in out
    assert "Found" not in out


def test_select_and_ignore_on_the_command_line(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN + "\n" + WARN_ONLY)
    codes = lambda *a: {d["code"] for d in json.loads(run_cli("check", "--format", "json", *a, "README.md").stdout)}  # noqa: E731
    assert codes("--select", "AL102") == {"AL102"}
    assert codes("--select", "AL1", "--ignore", "table-empty,AL103") == {"AL101"}
    bad = run_cli("check", "--select", "AL9", "README.md")
    assert bad.returncode == 2 and b"unknown rule 'AL9'" in bad.stderr


def test_colour_only_when_asked_or_on_a_tty(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN)
    assert b"\x1b[" not in run_cli("check", "README.md").stdout  # a pipe is not a terminal
    assert b"\x1b[" in run_cli("check", "--color", "README.md").stdout


def test_stdin(isolated: Path) -> None:
    result = run_cli("check", "-", input=BROKEN.encode())
    assert result.returncode == 1 and result.stdout.startswith(b"-:3:1: AL101")


def test_bom_and_crlf_just_work(isolated: Path) -> None:
    (isolated / "README.md").write_bytes(b"\xef\xbb\xbf" + BROKEN.replace("\n", "\r\n").encode())
    result = run_cli("check", "--format", "json", "README.md")
    assert [(d["line"], d["column"], d["end_column"]) for d in json.loads(result.stdout)] == [(3, 1, 14)]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: None, "awesome-lint: error: missing.md: no such file"),
        (lambda d: (d / "missing.md").mkdir(), "awesome-lint: error: missing.md: is a directory, not a Markdown file"),
        (
            lambda d: (d / "missing.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"),
            "awesome-lint: error: missing.md: looks like a binary file (it contains NUL bytes)",
        ),
        (
            lambda d: (d / "missing.md").write_bytes(b"ok\n\xe9t\xe9\n"),
            "awesome-lint: error: missing.md:2:1: not valid UTF-8 (byte 0xe9); re-save the file as UTF-8",
        ),
        (
            lambda d: os.truncate(d / "missing.md", 60 * 1024 * 1024) if (d / "missing.md").touch() is None else None,
            "awesome-lint: error: missing.md: file is 60 MB, over the 50 MB limit",
        ),
    ],
    ids=["missing", "directory", "binary", "invalid-utf8", "gigantic"],
)
def test_bad_input_is_one_line_and_exit_2(isolated: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    setup(isolated)
    result = run_cli("check", "missing.md")
    assert result.returncode == 2
    assert result.stderr.decode() == message + "\n"


def test_one_bad_file_does_not_hide_the_others(isolated: Path) -> None:
    (isolated / "good.md").write_text(BROKEN)
    result = run_cli("check", "nope.md", "good.md")
    assert result.returncode == 2
    assert b"good.md:3:1: AL101" in result.stdout and b"nope.md: no such file" in result.stderr


def test_same_file_twice_is_checked_once(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN)
    data = json.loads(run_cli("check", "--format", "json", "README.md", "./README.md").stdout)
    assert len(data) == 1


def test_rules_lists_every_rule() -> None:
    out = run_cli("rules").stdout.decode()
    for code, name in [
        ("AL101", "table-column-count"),
        ("AL102", "table-empty"),
        ("AL103", "table-format"),
        ("AL205", "empty-link"),
        ("AL301", "heading-style"),
        ("AL404", "whitespace"),
    ]:
        assert f"{code}  {name}" in out


def test_rule_prints_its_page() -> None:
    result = run_cli("rule", "AL101")
    assert result.returncode == 0 and result.stdout.decode().startswith("# AL101 table-column-count\n")
    assert run_cli("rule", "whitespace").stdout.startswith(b"# AL404 whitespace")
    missing = run_cli("rule", "nope")
    assert missing.returncode == 2 and b"unknown rule 'nope'" in missing.stderr


def test_help_explains() -> None:
    out = run_cli("check", "--help").stdout.decode()
    assert "Exit status" in out and "--select" in out and "--format" in out


def test_seed_check_reports_json_without_error(isolated: Path) -> None:
    result = run_cli("check", "--format", "json", str(SEED))
    assert result.returncode == 1 and result.stderr == b""
    assert len(json.loads(result.stdout)) > 40
