from __future__ import annotations

import contextlib
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_lint import runner
from awesome_lint.markdown import source
from awesome_lint.markdown.source import InputError, Position, Source, decode, read

from .conftest import run_cli


def test_crlf_is_normalised_and_remembered() -> None:
    src = decode(b"# A\r\n\r\ntext\r\n", "x.md")
    assert src.text == "# A\n\ntext\n"
    assert src.newline == "\r\n"
    assert src.encode() == b"# A\r\n\r\ntext\r\n"


def test_bom_is_stripped_and_restored() -> None:
    src = decode(b"\xef\xbb\xbf# A\n", "x.md")
    assert src.text == "# A\n" and src.bom
    assert src.encode() == b"\xef\xbb\xbf# A\n"


def test_mixed_line_endings_are_flagged() -> None:
    assert decode(b"a\r\nb\nc\n", "x.md").newline == "mixed"
    assert decode(b"a\rb\r\n", "x.md").newline == "mixed"


def test_positions_are_one_based_lines_and_columns() -> None:
    src = Source.from_text("ab\ncd\n")
    assert src.position(0) == Position(1, 1)
    assert src.position(4) == Position(2, 2)
    assert src.line(1) == "cd"
    assert src.line_end(1) == 5  # the final newline is not part of the last line
    assert src.line_count == 2


def test_last_line_without_newline() -> None:
    src = Source.from_text("ab\ncd")
    assert src.line(1) == "cd" and src.line_end(1) == 5


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"abc\x00def", "x.md: looks like a binary file (it contains NUL bytes)"),
        (b"line one\nline \xff two\n", "x.md:2:6: not valid UTF-8 (byte 0xff); re-save the file as UTF-8"),
    ],
)
def test_bad_input_is_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data, "x.md")
    assert str(err.value) == message


# -- what is a document ------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf"], ids=["empty", "only-bom"])
def test_an_empty_file_is_an_empty_document(data: bytes) -> None:
    src = decode(data, "x.md")
    assert src.text == "" and src.bom == (data != b"") and src.encode() == data


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf"], ids=["empty", "only-bom"])
def test_an_empty_file_checks_clean_and_fix_writes_nothing(isolated: Path, data: bytes) -> None:
    path = isolated / "empty.md"
    path.write_bytes(data)
    before = os.stat(path)
    checked = run_cli("check", "empty.md")
    assert checked.returncode == 0 and checked.stderr == b"", checked.stderr
    fixed = run_cli("fix", "empty.md")
    assert fixed.returncode == 0 and fixed.stderr == b"", fixed.stderr
    after = os.stat(path)
    assert path.read_bytes() == data and (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_an_empty_file_gets_only_real_findings(isolated: Path) -> None:
    (isolated / "empty.md").write_bytes(b"")
    result = run_cli("check", "--select", "awesome-heading", "empty.md")
    assert result.returncode == 1 and b"AL601 awesome-heading missing main heading" in result.stdout
    assert result.stderr == b""


# -- what is not a file ------------------------------------------------------------------------


def test_a_fifo_is_refused_at_once_without_waiting_for_a_writer(isolated: Path) -> None:
    os.mkfifo(isolated / "f.md")
    result = run_cli("check", "f.md")  # a blocking open would wait for a writer until the timeout
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "awesome-lint: error: f.md: is a FIFO (named pipe), not a Markdown file; "
        "to read a stream, pass '-' and redirect it to standard input\n"
    )


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_character_device_is_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} is absent here")
    result = run_cli("check", device)  # /dev/zero would grow memory until killed
    assert result.returncode == 2
    assert result.stderr.decode() == f"awesome-lint: error: {device}: is a character device, not a Markdown file\n"


def test_a_block_device_is_refused_without_being_opened() -> None:
    devices = [f"/dev/{n}" for n in sorted(os.listdir("/dev")) if stat.S_ISBLK(os.lstat(f"/dev/{n}").st_mode)]
    if not devices:
        pytest.skip("no block device here")
    with pytest.raises(InputError) as err:
        read(devices[0])
    assert str(err.value) == f"{devices[0]}: is a block device, not a Markdown file"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.md"))
        with pytest.raises(InputError) as err:
            read(tmp_path / "s.md", "s.md")
    assert str(err.value) == "s.md: is a socket, not a Markdown file"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read(tmp_path, "docs")
    assert str(err.value) == "docs: is a directory, not a Markdown file"


def test_a_symlink_loop_is_one_line_and_exit_2(isolated: Path) -> None:
    (isolated / "a").symlink_to("b")
    (isolated / "b").symlink_to("a")
    assert runner.unique_paths(["a", "./a", "b"]) == ["a", "./a", "b"]  # no RuntimeError from resolve()
    for command in ("check", "fix"):
        result = run_cli(command, "a")
        assert result.returncode == 2
        assert result.stderr.decode() == "awesome-lint: error: a: too many levels of symbolic links (a symlink loop?)\n"


def test_a_dangling_symlink_names_its_target(isolated: Path) -> None:
    (isolated / "README.md").symlink_to("gone.md")
    result = run_cli("check", "README.md")
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "awesome-lint: error: README.md: a symlink to gone.md, which does not exist (a dangling symlink)\n"
    )


def test_a_path_through_a_file_is_no_such_file(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("# A\n")
    with pytest.raises(InputError) as err:
        read(tmp_path / "x.md" / "y.md", "x.md/y.md")
    assert str(err.value) == "x.md/y.md: no such file (a part of the path is not a directory)"


def test_a_path_with_a_nul_byte_is_refused_in_one_line() -> None:
    assert runner.unique_paths(["a\0b.md"]) == ["a\0b.md"]
    outcome = runner.check_paths(["a\0b.md"])
    assert outcome.input_errors == ["a\\x00b.md: the path contains a NUL byte"]


def test_a_path_the_system_cannot_take_is_refused_in_one_line() -> None:
    with pytest.raises(InputError) as err:
        read("\ud800.md")  # a lone surrogate: no byte string stands for it
    assert str(err.value) == "\\ud800.md: the path cannot be given to the system (not encodable)"


def test_a_control_character_in_a_name_keeps_the_message_on_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read(tmp_path / "a\nb.md", "a\nb.md")
    assert str(err.value) == "a\\nb.md: no such file"


def test_a_file_removed_after_it_was_listed_is_no_such_file(isolated: Path) -> None:
    (isolated / "README.md").write_text("# A\n")
    listed = runner.unique_paths(["README.md"])
    (isolated / "README.md").unlink()
    outcome = runner.check_paths(listed)
    assert outcome.input_errors == ["README.md: no such file"] and outcome.fatal is None


@contextlib.contextmanager
def as_nobody() -> Iterator[None]:
    """Run the block with the effective uid of an unprivileged user, so permissions apply."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(65534)
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@contextlib.contextmanager
def open_directory() -> Iterator[Path]:
    """A directory anybody may enter (unlike pytest's tmp_path under /tmp/pytest-of-root)."""
    directory = Path(tempfile.mkdtemp())
    os.chmod(directory, 0o755)
    try:
        yield directory
    finally:
        shutil.rmtree(directory)


def test_an_unreadable_file_is_permission_denied() -> None:
    with open_directory() as directory:
        path = directory / "README.md"
        path.write_text("# A\n")
        os.chmod(path, 0)
        with as_nobody(), pytest.raises(InputError) as err:
            read(path, "README.md")
    assert str(err.value) == "README.md: permission denied"


# -- size: never trust st_size -----------------------------------------------------------------


def test_the_read_stops_at_the_limit_whatever_st_size_says(monkeypatch: pytest.MonkeyPatch) -> None:
    proc = "/proc/self/maps"  # a regular file whose st_size is 0, whatever it holds
    if not os.path.exists(proc) or os.stat(proc).st_size != 0:
        pytest.skip("no /proc here")
    monkeypatch.setattr(source, "MAX_BYTES", 64)
    with pytest.raises(InputError) as err:
        read(proc)
    assert str(err.value) == f"{proc}: larger than the 64 bytes limit"


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 100)
    (tmp_path / "x.md").write_bytes(b"a" * 100)
    assert read(tmp_path / "x.md").text == "a" * 100
    (tmp_path / "x.md").write_bytes(b"a" * 101)
    with pytest.raises(InputError) as err:
        read(tmp_path / "x.md", "x.md")
    assert str(err.value) == "x.md: file is 101 bytes, over the 100 bytes limit"


def test_stdin_over_the_limit_is_one_line_and_exit_2(isolated: Path) -> None:
    result = run_cli("check", "-", input=b"a" * (source.MAX_BYTES + 1))
    assert result.returncode == 2
    assert result.stderr.decode() == "awesome-lint: error: -: larger than the 50 MB limit\n"


def test_a_very_long_line_is_checked(isolated: Path) -> None:
    (isolated / "long.md").write_text("| a |" + " [x](https://example.com) |" * 40_000 + "\n")
    result = run_cli("check", "long.md")
    assert result.returncode in (0, 1) and result.stderr == b"", result.stderr


def test_stdin_closed_is_one_line_and_exit_2(isolated: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "check", "-"],
        capture_output=True,
        preexec_fn=lambda: os.close(0),  # as `awesome-lint check - <&-` starts it
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.decode() == "awesome-lint: error: -: standard input is closed\n"


def test_stdin_that_cannot_be_read_is_one_line(isolated: Path) -> None:
    with open(isolated / "out", "wb") as write_only:  # as `awesome-lint check - 0>out` starts it
        result = subprocess.run(
            [sys.executable, "-m", "awesome_lint", "check", "-"], stdin=write_only, capture_output=True, timeout=120
        )
    assert result.returncode == 2
    assert result.stderr.decode() == "awesome-lint: error: -: cannot read standard input (Bad file descriptor)\n"
