"""Reading a Markdown file into text the parser can trust.

Everything downstream works on one normalised string: no BOM, ``\\n`` line endings. What was
normalised away (the BOM, CRLF) is remembered so a writer can put it back byte for byte.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024
BOM = b"\xef\xbb\xbf"


class InputError(Exception):
    """A file we refuse to read; the message is one line meant for the user."""


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in characters


@dataclass(frozen=True)
class Source:
    """The text of one file, normalised, with what is needed to map offsets back to lines."""

    text: str
    path: str = "README.md"
    bom: bool = False
    newline: str = "\n"  # "\n", "\r\n" or "mixed"
    line_starts: tuple[int, ...] = field(default=(), repr=False)

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


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    if starts[-1] == len(text) and len(starts) > 1:
        starts.pop()  # a final newline does not start another line
    return tuple(starts)


def decode(data: bytes, path: str) -> Source:
    """Decode a file's bytes, or raise InputError saying in one line why we will not."""
    if not data:
        raise InputError(f"{path}: file is empty")
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: file is {len(data) / 1048576:.0f} MB, over the 50 MB limit")
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file (it contains NUL bytes)")
    bom = data.startswith(BOM)
    body = data[3:] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        column = exc.start - (body.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{path}:{line}:{column}: not valid UTF-8 (byte 0x{body[exc.start]:02x}); re-save the file as UTF-8"
        ) from None
    text, newline = _normalise_newlines(text)
    return Source(text=text, path=path, bom=bom, newline=newline, line_starts=_line_starts(text))


def read(path: str | Path, display: str | None = None) -> Source:
    """Read a file from disk with the size check done before the bytes are loaded."""
    p = Path(path)
    shown = display if display is not None else str(path)
    try:
        if p.is_dir():
            raise InputError(f"{shown}: is a directory, not a Markdown file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{shown}: file is {size / 1048576:.0f} MB, over the 50 MB limit")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory, not a Markdown file") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    return decode(data, shown)
