"""Reading a Markdown file into text the parser can trust.

Everything downstream works on one normalised string: no BOM, ``\\n`` line endings. What was
normalised away (the BOM, CRLF) is remembered so a writer can put it back byte for byte.
"""

from __future__ import annotations

import bisect
import errno
import os
import stat
import sys
from array import array
from pathlib import Path
from typing import BinaryIO

from ..util.values import field, value

MAX_BYTES = 50 * 1024 * 1024
BOM = b"\xef\xbb\xbf"


class InputError(Exception):
    """A file we refuse to read; the message is one line meant for the user."""


@value
class Position:
    line: int  # 1-based
    column: int  # 1-based, in characters


@value
class Source:
    """The text of one file, normalised, with what is needed to map offsets back to lines."""

    text: str
    path: str = "README.md"
    bom: bool = False
    newline: str = "\n"  # "\n", "\r\n" or "mixed"
    # offsets where lines start: 4 bytes a line in an array (files are capped far below 4 GiB),
    # where a tuple of ints took 40
    # (a third of a check's memory on a file of short lines); derived from ``text``, so not compared
    line_starts: array[int] = field(default_factory=lambda: array("I"), repr=False, compare=False)
    digest: bytes = field(default=b"", repr=False, compare=False)  # of the bytes read; b"" when not from a file

    @classmethod
    def from_text(cls, text: str, path: str = "README.md") -> Source:
        bom = text.startswith("\ufeff")
        if bom:
            text = text[1:]
        text, newline = _normalise_newlines(text)
        return cls(text=text, path=path, bom=bom, newline=newline, line_starts=_line_starts(text))

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> Position:
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(index + 1, offset - self.line_starts[index] + 1)

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding ``offset``."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def line_start(self, index: int) -> int:
        return self.line_starts[index]

    def line_end(self, index: int) -> int:
        """Offset of the end of line ``index`` (0-based), before its newline."""
        if index + 1 < len(self.line_starts):
            return self.line_starts[index + 1] - 1
        end = len(self.text)
        return end - 1 if end and self.text[end - 1] == "\n" else end

    def line(self, index: int) -> str:
        return self.text[self.line_starts[index] : self.line_end(index)]

    def encode(self, text: str | None = None) -> bytes:
        """Turn (possibly edited) normalised text back into the file's own bytes."""
        out = self.text if text is None else text
        if self.newline == "\r\n":
            out = out.replace("\n", "\r\n")
        data = out.encode("utf-8")
        return BOM + data if self.bom else data


def _normalise_newlines(text: str) -> tuple[str, str]:
    if "\r" not in text:
        return text, "\n"
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    if lone_cr == 0 and lone_lf == 0:
        return normalised, "\r\n"
    return normalised, "mixed"


def _line_starts(text: str) -> array[int]:
    starts = array("I", [0])
    append = starts.append
    find = text.find
    pos = find("\n")
    while pos != -1:
        append(pos + 1)
        pos = find("\n", pos + 1)
    if starts[-1] == len(text) and len(starts) > 1:
        starts.pop()  # a final newline does not start another line
    return starts


def decode(data: bytes, path: str, *, digest: bool = True) -> Source:
    """Decode a file's bytes, or raise InputError saying in one line why we will not.

    No bytes at all, or only a BOM, is a valid empty document: markdownlint and mdformat
    accept it, and a commit hook must not stop on a placeholder file.
    """
    shown = printable(path)
    if len(data) > MAX_BYTES:
        raise InputError(f"{shown}: larger than the {_limit()} limit")
    if b"\x00" in data:
        raise InputError(f"{shown}: looks like a binary file (it contains NUL bytes)")
    bom = data.startswith(BOM)
    body = data[3:] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = utf8_position(body, exc.start)
        raise InputError(
            f"{shown}:{line}:{column}: not valid UTF-8 (byte 0x{body[exc.start]:02x}); re-save the file as UTF-8"
        ) from None
    text, newline = _normalise_newlines(text)
    return Source(
        text=text,
        path=path,
        bom=bom,
        newline=newline,
        line_starts=_line_starts(text),
        digest=fingerprint(data) if digest else b"",
    )


def utf8_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of ``offset``, for pointing at an undecodable byte."""
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def printable(path: str) -> str:
    """``path`` for a one-line message: a control character in a file name (a newline) escaped."""
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def fingerprint(data: bytes) -> bytes:
    """What a file held when it was read, to tell before a write whether it changed since."""
    import hashlib  # only when a file may be written back: loading OpenSSL takes 2 to 3 ms

    return hashlib.sha256(data).digest()


def _limit() -> str:
    return _amount(MAX_BYTES)


def _amount(size: int) -> str:
    return f"{size / 1048576:.0f} MB" if MAX_BYTES >= 1048576 else f"{size} bytes"


_NOT_A_FILE = (
    (stat.S_ISDIR, "is a directory", ""),
    (stat.S_ISFIFO, "is a FIFO (named pipe)", "; to read a stream, pass '-' and redirect it to standard input"),
    (stat.S_ISCHR, "is a character device", ""),
    (stat.S_ISBLK, "is a block device", ""),
    (stat.S_ISSOCK, "is a socket", ""),
)


def _refuse_special(mode: int, shown: str, what: str) -> None:
    """Only regular files are read: a FIFO would block forever and a device never ends."""
    if stat.S_ISREG(mode):
        return
    for test, description, hint in _NOT_A_FILE:
        if test(mode):
            raise InputError(f"{shown}: {description}, not a {what}{hint if what == 'Markdown file' else ''}")
    raise InputError(f"{shown}: not a regular file, not a {what}")


def _stat_error(path: str | Path, shown: str, exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT and os.path.islink(path):
        try:
            target = printable(os.fsdecode(os.readlink(path)))
        except OSError:
            target = "a path"
        return InputError(f"{shown}: a symlink to {target}, which does not exist (a dangling symlink)")
    if exc.errno == errno.ENOENT:
        return InputError(f"{shown}: no such file")
    if exc.errno == errno.ELOOP:
        return InputError(f"{shown}: too many levels of symbolic links (a symlink loop?)")
    if exc.errno == errno.ENOTDIR:
        return InputError(f"{shown}: no such file (a part of the path is not a directory)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(f"{shown}: permission denied")
    return InputError(f"{shown}: cannot read ({exc.strerror or exc})")


def read_bytes(path: str | Path, display: str | None = None, *, what: str = "Markdown file") -> bytes:
    """The bytes of a regular file, at most ``MAX_BYTES`` of them, or InputError in one line.

    The type is checked before opening (``os.open`` of a FIFO would wait for a writer) and
    again on the open descriptor, which is opened non-blocking in case the path was swapped
    in between. The size in ``st_size`` is only used to refuse early: a file in ``/proc``
    says 0 and a file being appended to grows, so the read itself stops one byte past the limit.
    """
    shown = printable(display if display is not None else str(path))
    try:
        try:
            info = os.stat(path)
        except OSError as exc:
            raise _stat_error(path, shown, exc) from None
        _refuse_special(info.st_mode, shown, what)
        if info.st_size > MAX_BYTES:
            raise InputError(f"{shown}: file is {_amount(info.st_size)}, over the {_limit()} limit")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags)
        except OSError as exc:
            raise _stat_error(path, shown, exc) from None
        try:
            _refuse_special(os.fstat(fd).st_mode, shown, what)
            return _read_capped(fd, shown)
        finally:
            os.close(fd)
    except ValueError:  # os functions refuse a path with a NUL byte (or not encodable) this way
        if "\0" in os.fsdecode(path):
            raise InputError(f"{shown}: the path contains a NUL byte") from None
        raise InputError(f"{shown}: the path cannot be given to the system (not encodable)") from None
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from None


def _read_capped(fd: int, shown: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_BYTES:
        chunk = os.read(fd, min(_CHUNK, MAX_BYTES + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    raise InputError(f"{shown}: larger than the {_limit()} limit")


_CHUNK = 1 << 20


def read_stdin(stream: BinaryIO | None = None) -> Source:
    """Standard input (``-``): at most one byte past the limit is read, whatever is on the other end."""
    if stream is None:
        if sys.stdin is None:  # started with standard input closed
            raise InputError("-: standard input is closed")
        stream = sys.stdin.buffer
    try:
        data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"-: cannot read standard input ({exc.strerror or exc})") from None
    return decode(data, "-")


def read(path: str | Path, display: str | None = None, *, digest: bool = True) -> Source:
    """Read a Markdown file from disk: a regular file, within the size limit, valid UTF-8.

    ``digest=False`` when the file will not be written back (a check): it is what a write
    compares the file with, to never overwrite an edit made since."""
    shown = display if display is not None else str(path)
    return decode(read_bytes(path, shown), shown, digest=digest)
