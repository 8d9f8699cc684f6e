"""Writing a fixed file back without losing anything the file had, or anything done to it meanwhile.

A file with one name is replaced atomically: the new bytes go to a temporary file beside it,
get its mode, owner and group, are flushed to disk, and are renamed over it, so a reader or a
crash sees the old file or the new one, never half of one. A file with several hard links is
rewritten in place instead, since a rename would leave the other names on the old text; a
copy of the old bytes sits beside it until the new ones are on disk, so a crash in between
loses nothing. Symlinks are written through to their target.

Just before either, the file is read again and compared byte for byte with what was checked:
an edit made while ``fix`` ran is never overwritten by the result of a stale read.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from ..markdown.source import InputError, Source, fingerprint, printable, read_bytes


class WriteError(Exception):
    """A file we did not write; the message is one line meant for the user, naming the file."""


def write_source(src: Source, text: str) -> None:
    """Write (possibly edited) normalised ``text`` back to the file ``src`` was read from, in the
    file's own line endings and BOM, refusing if the file no longer holds what was read."""
    write_atomic(src.path, src.encode(text), expect=src.digest or None)


def write_atomic(path: str | Path, data: bytes, *, expect: bytes | None = None) -> None:
    """Replace the contents of the file at ``path`` (for a symlink, of its target) with ``data``.

    ``expect`` is the :func:`~awesome_lint.markdown.source.fingerprint` of the bytes the new text was
    made from; when given, the write is refused if the file holds anything else by then.
    """
    shown = printable(str(path))
    try:
        target = Path(os.path.realpath(path))
        info = os.stat(target)
        if not stat.S_ISREG(info.st_mode):
            raise WriteError(f"{shown}: not a regular file any more; nothing was written")
        if info.st_nlink > 1 or not _replace(target, info, data, expect, shown):
            _rewrite_in_place(target, data, expect, shown)
    except WriteError:
        raise
    except ValueError:
        raise WriteError(f"{shown}: the path contains a NUL byte") from None
    except OSError as exc:
        raise WriteError(f"{shown}: cannot write ({exc.strerror or exc}); nothing was written") from None


def _unchanged(target: Path, expect: bytes | None, shown: str) -> bytes | None:
    """The file's bytes now, after checking they are still the ones the fix was made from."""
    if expect is None:
        return None
    try:
        current = read_bytes(target, shown)
    except InputError as exc:
        raise WriteError(f"{exc}; nothing was written") from None
    if fingerprint(current) != expect:
        raise WriteError(
            f"{shown}: changed on disk since it was read (edited meanwhile?); nothing was written: run fix again"
        )
    return current


def _replace(target: Path, info: os.stat_result, data: bytes, expect: bytes | None, shown: str) -> bool:
    """Write ``data`` to a temporary file and rename it over ``target``.

    Returns False, having written nothing, when the temporary file cannot be given the
    target's owner and group (we are not root and the file is someone else's): the caller
    then rewrites in place, which keeps them.
    """
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".awesome-lint.tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            made = os.fstat(fh.fileno())
            if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
                try:
                    os.fchown(fh.fileno(), info.st_uid, info.st_gid)
                except PermissionError:
                    os.unlink(tmp)
                    return False
            os.fchmod(fh.fileno(), stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _unchanged(target, expect, shown)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_directory(target.parent)
    return True


def _rewrite_in_place(target: Path, data: bytes, expect: bytes | None, shown: str) -> None:
    """Overwrite ``target``'s own inode, so every hard link to it sees the new text."""
    old = _unchanged(target, expect, shown)
    if old is None:
        old = read_bytes(target, shown)
    backup_fd, backup = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".awesome-lint.orig")
    try:
        with os.fdopen(backup_fd, "wb") as fh:
            fh.write(old)
            fh.flush()
            os.fsync(fh.fileno())
        flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(target, flags)
        with os.fdopen(fd, "wb") as out:
            if not stat.S_ISREG(os.fstat(out.fileno()).st_mode):
                raise WriteError(f"{shown}: not a regular file any more; nothing was written")
            out.write(data)
            out.flush()
            out.truncate()
            os.fsync(out.fileno())
    except BaseException:
        # the copy is removed only when the new bytes are known to be on disk, or none were written
        with contextlib.suppress(OSError, InputError):
            if read_bytes(target, shown) in (old, data):
                os.unlink(backup)
        raise
    os.unlink(backup)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable; not every system can open a directory, so best effort."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
