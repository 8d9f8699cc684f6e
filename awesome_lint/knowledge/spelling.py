"""The spelling engines behind the ``typo`` rule.

- ``typos`` (the typos-cli binary from PyPI): a maintained list of known misspellings, very
  precise on prose. It runs as a subprocess reading the text on standard input.
- A near-miss check against a real English dictionary (pyspellchecker's frequency list): a
  word the dictionary does not know that is one edit (an adjacent transposition counts as
  one) away from a frequent word, such as ``lateset``. This finds what a list of known
  misspellings cannot, but half of such words in a software list are names and jargon, so
  the rule asks for it only with its ``near-misses`` option, and never rewrites a guess.
  The dictionary is cached as plain text in the user's cache directory (the known words as
  one sorted word list, the frequent ones with their counts): pyspellchecker's own loader
  takes about 0.3 s. The sorted list is memory-mapped and searched by bisection where it
  lies, so a run pays nothing to load it (splitting its 160,000 lines took 75 ms at every
  start), and the frequent words are read only when a word needs its near misses.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import sys
from array import array
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..markdown.model import END_MASK
from ..util.values import value

if TYPE_CHECKING:
    import mmap
    import subprocess
    import threading

FREQUENT = 5000  # a correction must be a word at least this frequent in the dictionary


@value
class Misspelling:
    start: int  # character offset into the checked text
    word: str
    corrections: tuple[str, ...]


def _typos_binary() -> str | None:
    here = Path(sys.executable).parent / ("typos.exe" if os.name == "nt" else "typos")
    if here.exists():
        return str(here)
    import shutil  # 5 ms of imports (bz2, lzma) when typos is not beside the interpreter

    return shutil.which("typos")


class Masked:
    """A text with only some runs of it kept and the rest blanked, offsets unchanged: a blanked
    character reads as a space, a newline stays a newline. Held as the kept runs (one packed int
    each, ``start << 32 | end``, sorted and disjoint) over the original text: a second copy of the
    text, held while every other rule ran and then encoded whole for ``typos``, was a third of the
    peak memory of a check. Sliced, it makes only the part asked for."""

    __slots__ = ("runs", "text")

    def __init__(self, text: str, runs: array[int]) -> None:
        self.text = text
        self.runs = runs

    def __len__(self) -> int:
        return len(self.text)

    def find(self, sub: str, start: int = 0, end: int | None = None) -> int:
        """Only a newline is looked for: it is where it is in the text, blanked or not."""
        if sub != "\n":
            raise ValueError("only a newline can be found in a masked text")
        return self.text.find(sub, start, len(self.text) if end is None else end)

    def __getitem__(self, key: slice) -> str:
        start, stop, _ = key.indices(len(self.text))
        if start >= stop:
            return ""
        runs = self.runs
        text = self.text
        parts: list[str] = []
        at = start
        index = max(bisect.bisect_right(runs, start << 32 | END_MASK) - 1, 0)
        while index < len(runs) and at < stop:
            run = runs[index]
            index += 1
            kept_start, kept_end = max(run >> 32, at), min(run & END_MASK, stop)
            if kept_end <= at:
                continue
            if kept_start >= stop:
                break
            if kept_start > at:
                parts.append(_blanked(text, at, kept_start))
            parts.append(text[kept_start:kept_end])
            at = kept_end
        if at < stop:
            parts.append(_blanked(text, at, stop))
        return "".join(parts)

    def __str__(self) -> str:
        return self[:]

    def pieces(self, size: int = 1 << 16) -> Iterator[str]:
        """The masked text, ``size`` characters at a time."""
        for at in range(0, len(self.text), size):
            yield self[at : at + size]


def _blanked(text: str, start: int, end: int) -> str:
    if text.find("\n", start, end) == -1:
        return " " * (end - start)
    return "\n".join(" " * len(line) for line in text[start:end].split("\n"))


class TyposRun:
    """typos-cli checking ``text`` in the background while the caller does other work: a thread
    writes the text to its standard input a piece at a time (encoded whole, the copy was held
    by ``Popen`` to the end of the run) and another reads its answers, so typos reads while
    the other rules run, and a typos that never ends costs the run a minute, not for ever."""

    def __init__(self, text: str | Masked) -> None:
        self.text = text
        self.proc: subprocess.Popen[bytes] | None = None
        self._answer: list[bytes] = []
        self._reader: threading.Thread | None = None
        binary = _typos_binary()
        if binary is None or not _has_words(text):
            return
        import subprocess  # only when there is prose to check: 10 ms of imports
        import threading

        try:
            self.proc = subprocess.Popen(
                # --isolated: no typos config from the working directory, where a FIFO under one of
                # its names would stall the check until the timeout, and results would depend on cwd
                [binary, "--isolated", "--format", "json", "-"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self.proc = None
            return
        threading.Thread(target=self._feed, args=(self.proc,), daemon=True).start()
        self._reader = threading.Thread(target=self._drain, args=(self.proc,), daemon=True)
        self._reader.start()

    def _feed(self, proc: subprocess.Popen[bytes]) -> None:
        stdin = proc.stdin
        assert stdin is not None
        try:
            pieces = self.text.pieces() if isinstance(self.text, Masked) else [self.text]
            for piece in pieces:
                stdin.write(piece.encode("utf-8"))
        except (OSError, ValueError):  # typos ended early, or was killed at the timeout
            pass
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    def _drain(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        self._answer.append(proc.stdout.read())

    def result(self) -> list[Misspelling]:
        if self.proc is None or self._reader is None:
            return []
        self._reader.join(timeout=60)
        if self._reader.is_alive():
            self.proc.kill()
            self.proc.wait()
            return []
        self.proc.wait()
        return _parse_typos(self.text, b"".join(self._answer))


def _has_words(text: str | Masked) -> bool:
    if isinstance(text, str):
        return bool(text.strip())
    return any(text.text[run >> 32 : run & END_MASK].strip() for run in text.runs)


def _parse_typos(text: str | Masked, stdout: bytes) -> list[Misspelling]:
    import json
    from array import array

    # where each line starts, 8 bytes a line: splitting the text into lines cost a string per
    # line, more than the text itself on a file of short lines, for the few lines typos names
    starts = array("q", [0])
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    count = len(starts)
    out = []
    # byte offsets become character offsets from the last one on the same line (typos reports
    # a line's words in order), so a megabyte on one line is decoded once, not once per word
    encoded: tuple[int, bytes] = (-1, b"")
    last = (-1, 0, 0)  # line, byte offset, character offset
    current: tuple[int, str, bool] = (-1, "", True)
    for raw in stdout.decode("utf-8", "replace").splitlines():
        try:
            item = json.loads(raw)
        except json.JSONDecodeError:
            continue
        if item.get("type") != "typo":
            continue
        index = int(item["line_num"]) - 1
        if not 0 <= index < count:
            continue
        offset = int(item["byte_offset"])
        if current[0] != index:  # typos names a line's words together: one slice a line
            end = starts[index + 1] - 1 if index + 1 < count else len(text)
            line = text[starts[index] : end]
            current = (index, line, line.isascii())
        _, line, ascii_line = current
        if ascii_line:
            column = offset
        else:
            if encoded[0] != index:
                encoded = (index, line.encode("utf-8"))
            _, byte, char = last if last[0] == index and last[1] <= offset else (index, 0, 0)
            column = char + len(encoded[1][byte:offset].decode("utf-8", "ignore"))
            last = (index, offset, column)
        out.append(Misspelling(starts[index] + column, item["typo"], tuple(item.get("corrections", ()))))
    return out


def _cache_dir() -> Path:
    """Named after the dictionary file it was made from, so an upgrade makes a new one.

    The file is found by walking sys.path: importlib.metadata or importlib.util would cost
    10 to 25 ms of imports at every start.
    """
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = "unknown"
    for entry in sys.path:
        path = os.path.join(entry or ".", "spellchecker", "resources", "en.json.gz")
        try:
            with open(path, "rb") as fh:
                head = fh.read(65536)
                size = os.fstat(fh.fileno()).st_size
        except OSError:
            continue
        import zlib

        tag = f"{size}-{zlib.crc32(head):08x}"  # the content, not the install: one cache per version
        break
    return Path(base) / "awesome-lint" / f"words-en-{tag}"


class WordList:
    """Words sorted in UTF-8 byte order (which is code point order), one a line, searched by
    bisection over the bytes themselves: nothing is split or hashed when it is opened, and
    each look-up reads about 17 lines. ``data`` is a memory map of the cache file or bytes."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        self.data = data

    @classmethod
    def from_words(cls, words: list[str]) -> WordList:
        return cls("\n".join(sorted(words)).encode("utf-8"))

    def __contains__(self, word: str) -> bool:
        key = word.encode("utf-8")
        data = self.data
        lo, hi = 0, len(data)  # both always at the start of a line (or the end)
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            end = data.find(b"\n", start, hi)
            if end == -1:
                end = hi
            line = data[start:end]
            if line == key:
                return True
            if line < key:
                lo = end + 1
            else:
                hi = start
        return False


def _open_words(path: Path) -> WordList:
    import mmap

    with open(path, "rb") as fh:
        try:
            return WordList(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
        except (ValueError, OSError):  # an empty file cannot be mapped; some file systems cannot map
            return WordList(fh.read())


@lru_cache(maxsize=1)
def known_words() -> WordList:
    """All known English words."""
    folder = _cache_dir()
    try:
        return _open_words(folder / "known.txt")
    except OSError:
        known_text, _ = _build_cache(folder)
        return WordList(known_text.encode("utf-8"))


@lru_cache(maxsize=1)
def frequent_words() -> dict[str, int]:
    """The frequent English words with their frequency (7,700 of them: a dict is fastest)."""
    folder = _cache_dir()
    try:
        frequent_text = (folder / "frequent.tsv").read_text(encoding="utf-8")
    except OSError:
        _, frequent_text = _build_cache(folder)
    frequent = {}
    for line in frequent_text.splitlines():
        word, _, freq = line.partition("\t")
        frequent[word] = int(freq)
    return frequent


def dictionary() -> tuple[WordList, dict[str, int]]:
    """All known English words, and the frequent ones with their frequency."""
    return known_words(), frequent_words()


def _build_cache(folder: Path) -> tuple[str, str]:
    from spellchecker import SpellChecker

    words = SpellChecker(distance=1).word_frequency.dictionary
    known_text = "\n".join(sorted(words))
    frequent_text = "".join(f"{w}\t{n}\n" for w, n in words.items() if n >= FREQUENT)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in (("known.txt", known_text), ("frequent.tsv", frequent_text)):
            tmp = folder / f".{name}.{os.getpid()}.tmp"
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, folder / name)
    except OSError:
        pass  # an unwritable cache only costs time
    return known_text, frequent_text


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edits(word: str) -> set[str]:
    """Every string one edit from ``word``: delete, swap, replace, insert."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + swaps + replaces + inserts)


def near_misses(word: str) -> list[str]:
    """Frequent words one edit from ``word`` (lowercase, unknown to the dictionary), best first."""
    frequent = frequent_words()
    found = [c for c in _edits(word) if c in frequent and c != word]
    return sorted(found, key=lambda w: -frequent[w])


_SUFFIXES = ("s", "es", "ed", "d", "er", "r", "ers", "ing", "ings", "ly", "ness", "able")


def known(word: str) -> bool:
    """In the dictionary, or a regular inflection of a word that is (attaches, getters, bundler)."""
    words = known_words()
    if word in words:
        return True
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if stem in words or stem + "e" in words:
                return True
            if len(stem) >= 2 and stem[-1] == stem[-2] and stem[:-1] in words:
                return True  # doubled consonant: getters, shipped
    return False


def edit_kind(word: str, correction: str) -> str:
    """How ``word`` differs from ``correction`` by one edit: insert, delete, swap or replace."""
    if len(word) == len(correction) + 1:
        return "insert"
    if len(word) + 1 == len(correction):
        return "delete"
    diffs = [i for i, (a, b) in enumerate(zip(word, correction, strict=False)) if a != b]
    if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
        return "swap"
    return "replace"
