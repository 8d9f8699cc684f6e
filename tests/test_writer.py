"""Writing fixes back: nothing the file had, and nothing done to it meanwhile, is lost."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli
from awesome_lint.fixing import fixer, writer
from awesome_lint.fixing.writer import WriteError, write_source
from awesome_lint.markdown import source
from awesome_lint.markdown.source import read

from .conftest import run_cli
from .test_source import as_nobody, open_directory

MESSY = "|a|b|\n|-|-|\n|1|\n"
CANON = "| a | b |\n| --- | --- |\n| 1 |  |\n"

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if "awesome-lint" in p.name)


# -- an edit made meanwhile is never overwritten -----------------------------------------------


def test_an_edit_made_after_the_read_is_kept_and_the_write_refused(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_text(MESSY)
    src = read("README.md")
    path.write_text(MESSY + "\nA line the user just added.\n")  # the edit, while fix was working
    with pytest.raises(WriteError) as err:
        write_source(src, CANON)
    assert str(err.value) == (
        "README.md: changed on disk since it was read (edited meanwhile?); nothing was written: run fix again"
    )
    assert path.read_text() == MESSY + "\nA line the user just added.\n"
    assert leftovers(isolated) == []


def test_an_edit_of_the_same_size_and_mtime_is_still_seen(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_text(MESSY)
    before = os.stat(path)
    src = read("README.md")
    path.write_text(MESSY.replace("1", "2"))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same mtime: only the bytes differ
    with pytest.raises(WriteError):
        write_source(src, CANON)
    assert path.read_text() == MESSY.replace("1", "2")


def test_a_file_removed_after_the_read_is_not_recreated(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_text(MESSY)
    src = read("README.md")
    path.unlink()
    with pytest.raises(WriteError) as err:
        write_source(src, CANON)
    assert str(err.value) == "README.md: cannot write (No such file or directory); nothing was written"
    assert not path.exists() and leftovers(isolated) == []


def test_a_file_replaced_by_a_fifo_after_the_read_is_not_opened(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_text(MESSY)
    src = read("README.md")
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(WriteError) as err:
        write_source(src, CANON)
    assert str(err.value) == "README.md: not a regular file any more; nothing was written"


def test_an_unchanged_file_is_written(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_text(MESSY)
    write_source(read(path), CANON)
    assert path.read_text() == CANON and leftovers(isolated) == []


def test_fix_refuses_in_one_line_and_exit_2_when_the_file_changed_meanwhile(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (isolated / "README.md").write_text(MESSY)
    real_fix = fixer.fix_source

    def fix_while_the_user_edits(*args: object, **kwargs: object) -> fixer.FixResult:
        result = real_fix(*args, **kwargs)  # type: ignore[arg-type]
        (isolated / "README.md").write_text(MESSY + "edited\n")  # after the read, before the write
        return result

    monkeypatch.setattr(fixer, "fix_source", fix_while_the_user_edits)
    result = CliRunner().invoke(cli.main, ["fix", "README.md"])
    assert result.exit_code == 2
    assert result.stderr == (
        "awesome-lint: error: README.md: changed on disk since it was read (edited meanwhile?); "
        "nothing was written: run fix again\n"
    )
    assert (isolated / "README.md").read_text() == MESSY + "edited\n"


# -- hard links --------------------------------------------------------------------------------


def test_a_file_with_hard_links_is_rewritten_in_place(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_text(MESSY)
    os.link(path, isolated / "docs.md")
    inode = os.stat(path).st_ino
    result = run_cli("fix", "README.md")
    assert result.returncode == 0, result.stderr
    assert path.read_text() == CANON and (isolated / "docs.md").read_text() == CANON  # both names see it
    after = os.stat(path)
    assert after.st_ino == inode and after.st_nlink == 2
    assert leftovers(isolated) == []  # the copy of the old bytes is gone once the new ones are on disk


def test_a_hard_linked_file_edited_meanwhile_is_not_written(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_text(MESSY)
    os.link(path, isolated / "docs.md")
    src = read("README.md")
    path.write_text("edited\n")
    with pytest.raises(WriteError):
        write_source(src, CANON)
    assert (isolated / "docs.md").read_text() == "edited\n" and leftovers(isolated) == []


def test_a_hard_linked_file_keeps_crlf_bom_and_mode(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_bytes(source.BOM + MESSY.replace("\n", "\r\n").encode())
    os.chmod(path, 0o604)
    os.link(path, isolated / "other.md")
    write_source(read(path), CANON)
    assert (isolated / "other.md").read_bytes() == source.BOM + CANON.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o604


def test_a_shorter_text_in_place_leaves_no_old_tail(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_text("# A  \n\n\n\n\ntext   \n")
    os.link(path, isolated / "b.md")
    write_source(read(path), "# A\n\ntext\n")
    assert path.read_bytes() == b"# A\n\ntext\n"


# -- owner and group ---------------------------------------------------------------------------


@needs_root
def test_root_fixing_another_users_file_keeps_its_owner_and_group(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_text(MESSY)
    os.chown(path, 65534, 65534)
    os.chmod(path, 0o640)
    result = run_cli("fix", "README.md")
    assert result.returncode == 0, result.stderr
    info = os.stat(path)
    assert path.read_text() == CANON
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o640)


@needs_root
def test_root_keeps_owner_and_group_of_a_file_in_a_setgid_directory(isolated: Path) -> None:
    shared = isolated / "shared"
    shared.mkdir()
    os.chown(shared, 0, 65534)
    os.chmod(shared, 0o2775)  # new files here get group 65534, unlike the file being fixed
    path = shared / "README.md"
    path.write_text(MESSY)
    os.chown(path, 65534, 0)
    write_source(read(path), CANON)
    info = os.stat(path)
    assert (info.st_uid, info.st_gid) == (65534, 0) and path.read_text() == CANON


def test_the_atomic_write_keeps_mode_and_leaves_no_temporary_file(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_text(MESSY)
    os.chmod(path, 0o754)
    inode = os.stat(path).st_ino
    writer.write_atomic(path, CANON.encode())
    info = os.stat(path)
    assert path.read_text() == CANON and stat.S_IMODE(info.st_mode) == 0o754
    assert info.st_ino != inode  # replaced by rename: a reader saw the old file or the new one
    assert leftovers(isolated) == []


@needs_root
def test_a_user_fixing_a_group_writable_file_of_another_owner_writes_in_place() -> None:
    """Not root, we cannot give a new file another owner: the old inode is rewritten instead."""
    with open_directory() as directory:
        os.chown(directory, 65534, 65534)  # the user may create files here
        path = directory / "README.md"
        path.write_text(MESSY)
        os.chown(path, 0, 65534)
        os.chmod(path, 0o664)  # writable through the group
        inode = os.stat(path).st_ino
        with as_nobody():
            write_source(read(path), CANON)
        info = os.stat(path)
        assert path.read_text() == CANON
        assert (info.st_ino, info.st_uid, info.st_gid) == (inode, 0, 65534)
        assert leftovers(directory) == []
