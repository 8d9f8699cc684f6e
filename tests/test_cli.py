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
    # a short row loses nothing (GitHub shows the cell empty): a warning, not an error
    assert out[-1] == "Found 1 problem (0 errors, 1 warning). 1 fixable with `awesome-lint fix`."


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


# --- options that contradict each other ------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("fix", "--diff", "--check"), "--diff and --check contradict each other; give one of them"),
        (("check", "--links", "--no-links"), "--links and --no-links contradict each other; give one of them"),
        (("fix", "--no-links", "--links"), "--links and --no-links contradict each other; give one of them"),
        (
            ("check", "--cache", "x.sqlite", "--no-cache"),
            "--cache and --no-cache contradict each other; give one of them",
        ),
        (
            ("check", "--changed-since", "HEAD", "--no-links"),
            "--changed-since and --no-links contradict each other; give one of them",
        ),
    ],
    ids=["diff-check", "links-no-links", "no-links-links", "cache-no-cache", "changed-since-no-links"],
)
def test_conflicting_options_are_one_line_and_exit_2(isolated: Path, args: tuple[str, ...], message: str) -> None:
    (isolated / "README.md").write_text(BROKEN)
    result = run_cli(*args, "README.md")
    assert result.returncode == 2
    assert result.stderr.decode() == f"awesome-lint: error: {message}\n" and result.stdout == b""
    assert (isolated / "README.md").read_text() == BROKEN  # nothing was fixed either


# --- fix --check and fix --diff ---------------------------------------------------------------

SHORT_ROW = "| a | b |\n| --- | --- |\n| 1 |\n"
UNFIXABLE_ERROR = "| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n"  # an extra cell: reported, never fixed
UNBALANCED = "| c | d |\n| --- | --- |\n| (x} | 2 |\n"  # an error no fix touches


def test_fix_check_exits_1_exactly_when_a_file_would_be_rewritten(isolated: Path) -> None:
    (isolated / "short.md").write_text(SHORT_ROW)
    (isolated / "extra.md").write_text(UNFIXABLE_ERROR)
    would = run_cli("fix", "--check", "short.md")
    assert would.returncode == 1 and b"Would fix 1 problem in short.md" in would.stdout
    assert (isolated / "short.md").read_text() == SHORT_ROW  # --check writes nothing
    remains = run_cli("fix", "--check", "extra.md")  # an error remains, but nothing would change
    assert remains.returncode == 0, remains.stdout
    assert b"AL101" in remains.stdout  # still reported
    assert run_cli("check", "extra.md").returncode == 1


@pytest.mark.parametrize("mode", ["--check", "--diff"])
def test_fix_check_and_diff_of_stdin_never_print_the_document(isolated: Path, mode: str) -> None:
    result = run_cli("fix", mode, "-", input=SHORT_ROW.encode())
    assert result.returncode == 1
    assert b"| a | b |\n| --- | --- |\n| 1 |  |\n" not in result.stdout.replace(b"+| 1 |  |", b"")
    if mode == "--diff":
        assert result.stdout.decode() == (
            "--- a/-\n+++ b/-\n@@ -1,3 +1,3 @@\n | a | b |\n | --- | --- |\n-| 1 |\n+| 1 |  |\n"
        )
    else:
        assert b"| a | b |" not in result.stdout
    clean = run_cli("fix", mode, "-", input=b"# Clean\n\nText.\n")
    assert clean.returncode == 0 and b"# Clean" not in clean.stdout


def test_fix_of_stdin_still_writes_the_fixed_document(isolated: Path) -> None:
    result = run_cli("fix", "-", input=SHORT_ROW.encode())
    assert result.stdout == b"| a | b |\n| --- | --- |\n| 1 |  |\n"
    assert b"Fixed 1 problem in -" in result.stderr


def _apply(tool: str, directory: Path, patch: bytes) -> None:
    import shutil
    import subprocess

    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    cmd = ["patch", "-p1", "--quiet", "--binary"] if tool == "patch" else ["git", "apply", "--unsafe-paths", "-p1", "-"]
    if tool == "git":
        subprocess.run(["git", "init", "-q"], cwd=directory, check=True)
    done = subprocess.run(cmd, cwd=directory, input=patch, capture_output=True)
    assert done.returncode == 0, done.stderr.decode() + done.stdout.decode()


def _many_tables(n: int) -> str:
    """A list of near-identical small tables: the repetitive shape that made difflib quadratic."""
    return "# Papers\n\n" + "".join(f"## {2000 + i % 25}\n\n|Title|Code|\n|-|-|\n|Paper|\n\n" for i in range(n))


@pytest.mark.parametrize("tool", ["patch", "git"])
@pytest.mark.parametrize(
    "original",
    [
        SHORT_ROW.encode(),
        SHORT_ROW.replace("\n", "\r\n").encode(),  # CRLF stays CRLF, in the diff as in the file
        b"\xef\xbb\xbf" + SHORT_ROW.encode(),  # a BOM
        b"# T\n\n|a|b|\n|-|-|\n|1|",  # no newline at the end, which the fix adds
        b"Intro  \n\n" + b"\n".join(b"line %d" % i for i in range(40)) + b"\n\n\n\nEnd   \n",  # hunks apart
        _many_tables(300).encode(),
    ],
    ids=["lf", "crlf", "bom", "no-final-newline", "two-hunks", "many-tables"],
)
def test_fix_diff_is_a_patch_that_patch_and_git_apply_accept(isolated: Path, original: bytes, tool: str) -> None:
    """Applying the diff to the original gives exactly what `fix` writes."""
    (isolated / "README.md").write_bytes(original)
    diff = run_cli("fix", "--diff", "README.md")
    assert diff.returncode == 1 and diff.stdout.startswith(b"--- a/README.md\n+++ b/README.md\n@@ ")
    assert (isolated / "README.md").read_bytes() == original  # --diff writes nothing
    fixed_dir = isolated / "fixed"
    fixed_dir.mkdir()
    (fixed_dir / "README.md").write_bytes(original)
    assert run_cli("fix", "-q", "README.md", cwd=fixed_dir).returncode in (0, 1)
    want = (fixed_dir / "README.md").read_bytes()
    assert want != original
    patched = isolated / "patched"
    patched.mkdir()
    (patched / "README.md").write_bytes(original)
    _apply(tool, patched, diff.stdout)
    assert (patched / "README.md").read_bytes() == want


def test_fix_diff_of_many_tables_changes_only_the_tables(isolated: Path) -> None:
    """The hunks hold the changed regions: each table's three rewritten lines, and no heading
    or blank line removed and added again (as a poor alignment of repetitive lines would)."""
    (isolated / "README.md").write_text(_many_tables(500))
    lines = run_cli("fix", "--diff", "README.md").stdout.decode().splitlines()[2:]
    removed = [line for line in lines if line.startswith("-")]
    added = [line for line in lines if line.startswith("+")]
    assert removed == ["-|Title|Code|", "-|-|-|", "-|Paper|"] * 500
    assert added == ["+| Title | Code |", "+| --- | --- |", "+| Paper |  |"] * 500


def test_fix_diff_sends_everything_but_the_diff_to_stderr(isolated: Path) -> None:
    (isolated / "README.md").write_text(SHORT_ROW + "\n" + UNFIXABLE_ERROR)
    result = run_cli("fix", "--diff", "README.md")
    assert result.stdout.startswith(b"--- a/README.md") and b"AL101 table-column-count Row has 3" not in result.stdout
    assert b"AL101 table-column-count Row has 3" in result.stderr


# --- what is printed -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "setup",
    [
        lambda d: None,
        lambda d: (d / "missing.md").mkdir(),
        lambda d: (d / "missing.md").write_bytes(b"ok\n\xe9t\xe9\n"),
    ],
    ids=["missing", "directory", "invalid-utf8"],
)
@pytest.mark.parametrize("command", ["check", "fix"])
def test_bad_input_never_says_no_problems_found(isolated: Path, setup, command: str) -> None:  # type: ignore[no-untyped-def]
    setup(isolated)
    result = run_cli(command, "missing.md")
    assert result.returncode == 2 and result.stdout == b"", result.stdout
    assert len(result.stderr.decode().splitlines()) == 1


def test_fixed_line_is_printed_once(isolated: Path) -> None:
    (isolated / "README.md").write_text(SHORT_ROW)
    out = run_cli("fix", "README.md").stdout.decode()
    assert out.count("Fixed") == 1 and "Fixed 1 problem in README.md (AL101 table-column-count ×1)" in out
    (isolated / "a.md").write_text(SHORT_ROW)
    (isolated / "b.md").write_text(SHORT_ROW)
    two = run_cli("fix", "a.md", "b.md").stdout.decode().splitlines()
    assert [line for line in two if line.startswith("Fixed")] == [
        "Fixed 1 problem in a.md (AL101 table-column-count ×1)",
        "Fixed 1 problem in b.md (AL101 table-column-count ×1)",
        "Fixed 2 problems in 2 files.",
    ]


def test_a_failed_write_is_an_error_and_never_says_fixed(isolated: Path) -> None:
    """The write fails (the file-size limit is below the fixed file's size): no "Fixed" line,
    one error line, exit 2, and the file as it was."""
    import resource
    import subprocess
    import sys

    (isolated / "README.md").write_text(SHORT_ROW)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (16, 16))

    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "fix", "README.md"],
        capture_output=True,
        preexec_fn=limit,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert b"Fixed" not in result.stdout + result.stderr
    assert result.stderr.decode().startswith("awesome-lint: error: README.md: cannot write")
    assert (isolated / "README.md").read_text() == SHORT_ROW


def test_statistics_prints_only_the_table(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN + "\n" + WARN_ONLY + "\n" + WARN_ONLY)
    out = run_cli("check", "--statistics", "README.md").stdout.decode().splitlines()
    assert out == [
        "     2  AL102  table-empty",
        "     1  AL101  table-column-count",
        "Found 3 problems (1 error, 2 warnings).",
    ]


def test_only_safe_fixes_are_marked_and_unsafe_ones_are_counted(isolated: Path) -> None:
    (isolated / "README.md").write_text("# L\n\n" + SHORT_ROW + "\n- [x](ttps://example.org) - Y.\n")
    out = run_cli("check", "README.md").stdout.decode().splitlines()
    (short,) = [line for line in out if "AL101" in line]
    (scheme,) = [line for line in out if "AL205" in line]
    assert short.endswith(" [*]") and not scheme.endswith("[*]")
    assert out[-1].endswith("1 fixable with `awesome-lint fix`. 1 hidden fix can be enabled with `--unsafe-fixes`.")
    # after `fix`, what is left is not marked as if `fix` could do more
    run_cli("fix", "README.md")
    left = run_cli("check", "README.md").stdout.decode()
    assert "[*]" not in left and "1 hidden fix can be enabled with `--unsafe-fixes`." in left


def test_rules_shows_which_fixes_are_safe() -> None:
    lines = run_cli("rules").stdout.decode().splitlines()
    by_code = {line.split()[0]: line for line in lines if line.startswith("AL")}
    assert "  safe (sometimes)  " in by_code["AL101"]
    assert "  unsafe (sometimes)  " in by_code["AL205"]  # the scheme repair is a guess
    assert "safe" not in by_code["AL102"].split("warning", 1)[1].split("A table")[0]
    rules = {r["code"]: r for r in json.loads(run_cli("rules", "--format", "json").stdout)}
    assert rules["AL101"]["fix_safety"] == "safe" and rules["AL205"]["fix_safety"] == "unsafe"
    assert rules["AL102"]["fix_safety"] is None


def test_fix_only_reports_what_it_fixed_and_nothing_else(isolated: Path) -> None:
    (isolated / "README.md").write_text(SHORT_ROW + "\n" + UNBALANCED)
    result = run_cli("fix", "--fix-only", "README.md")
    assert result.returncode == 0
    assert result.stdout.decode() == "Fixed 1 problem in README.md (AL101 table-column-count ×1)\n"
    left = run_cli("check", "README.md")  # the bracket is the check's to report (a warning)
    assert "AL204 unbalanced-brackets" in left.stdout.decode() and "AL101" not in left.stdout.decode()
