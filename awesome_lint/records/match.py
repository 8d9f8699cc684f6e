"""Comparing a row with its record, conservatively: what differs only in writing is the same.

Titles are compared after normalisation (Unicode form, case, LaTeX, punctuation, whitespace);
then by similarity. The thresholds were chosen on the corpus (see ``benchmarks/papers.py``):
titles of one paper in two versions score above ``SAME_PAPER``; titles of two papers that share
a topic's words stay below ``OTHER_PAPER``. Between the two nothing is claimed.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from enum import Enum

SAME_PAPER = 0.75  # at least this similar: one paper, its title written differently
OTHER_PAPER = 0.35  # at most this similar (and few shared words): another paper

_LATEX_CMD = re.compile(r"\\(?:emph|textit|textbf|texttt|textsc|mathrm|mathbf|mathcal|text|mbox)\s*\{([^{}]*)\}")
_LATEX_ACCENT = re.compile(r"\\[`'^\"~=.uvHtcdbk]\s*\{?([A-Za-z])\}?")
_LATEX_BARE = re.compile(r"\\[A-Za-z]+")
_NON_ALNUM = re.compile(r"[\W_]+")


class Verdict(str, Enum):
    SAME = "same"  # equal once normalised, or one contains the other (a method-name prefix)
    DIFFERS = "differs"  # the same paper, its title written otherwise (an older version)
    OTHER = "other"  # a different paper
    UNSURE = "unsure"


def normalise(title: str) -> str:
    """Case, punctuation, LaTeX markup, accents, whitespace and Unicode form set aside."""
    text = _LATEX_CMD.sub(r"\1", title)
    text = _LATEX_ACCENT.sub(r"\1", text)
    text = _LATEX_BARE.sub(" ", text).replace("$", " ").replace("{", "").replace("}", "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return _NON_ALNUM.sub(" ", text).strip()


def similarity(a: str, b: str) -> float:
    """0..1 on normalised titles: the larger of character and word similarity."""
    x, y = normalise(a), normalise(b)
    if not x or not y:
        return 0.0
    chars = SequenceMatcher(None, x, y, autojunk=False).ratio()
    wx, wy = set(x.split()), set(y.split())
    words = len(wx & wy) / len(wx | wy)
    return max(chars, words)


def compare(row_title: str, record_title: str) -> Verdict:
    x, y = normalise(row_title), normalise(record_title)
    if not x or not y:
        return Verdict.UNSURE
    if x == y or _contains(x, y) or _contains(y, x):
        return Verdict.SAME
    score = similarity(x, y)
    if score >= SAME_PAPER:
        return Verdict.DIFFERS
    if score <= OTHER_PAPER:
        return Verdict.OTHER
    return Verdict.UNSURE


def _contains(outer: str, inner: str) -> bool:
    """``inner`` is ``outer`` with a few words added around it (``SAM: Segment Anything``),
    as whole words, and long enough to be a title rather than a phrase."""
    if len(inner.split()) < 2 or len(inner) < 12:
        return False
    return f" {inner} " in f" {outer} "
