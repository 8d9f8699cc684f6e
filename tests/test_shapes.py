"""The shortcuts taken for speed give the answers the plain algorithms give."""

from __future__ import annotations

import random

from awesome_lint.knowledge.spelling import WordList
from awesome_lint.markdown.inline import Backticks, code_spans


def _plain_skip(text: str, i: int, end: int) -> int:
    """CommonMark's code span, searched for from scratch every time (quadratic, but plainly right)."""
    j = i
    while j < end and text[j] == "`":
        j += 1
    k = j
    while True:
        k = text.find("`", k, end)
        if k == -1:
            return j
        m = k
        while m < end and text[m] == "`":
            m += 1
        if m - k == j - i:
            return m
        k = m


def _plain_code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    i = text.find("`", start, end)
    while i != -1:
        j = _plain_skip(text, i, end)
        run = 0
        while i + run < end and text[i + run] == "`":
            run += 1
        if j > i + run:
            spans.append((i, j))
        i = text.find("`", j, end)
    return spans


def test_code_spans_found_with_the_backtick_memory_are_the_ones_a_plain_search_finds() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("``` a") for _ in range(rng.randint(0, 40)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert code_spans(text, start, end) == _plain_code_spans(text, start, end), (text, start, end)


def test_each_backtick_run_is_skipped_as_a_plain_search_skips_it() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        text = "".join(rng.choice("```ab") for _ in range(rng.randint(1, 30)))
        runs = Backticks(text, len(text))
        i = text.find("`")
        while i != -1:
            assert runs.skip(i) == _plain_skip(text, i, len(text)), (text, i)
            i = text.find("`", _plain_skip(text, i, len(text)))


def test_word_list_knows_exactly_its_words() -> None:
    rng = random.Random(3)
    words = {"".join(rng.choice("abcé") for _ in range(rng.randint(1, 5))) for _ in range(300)}
    listed = WordList.from_words(sorted(words))
    for _ in range(3000):
        word = "".join(rng.choice("abcéd") for _ in range(rng.randint(1, 6)))
        assert (word in listed) == (word in words), word
    assert all(word in listed for word in words)
    assert "x" not in WordList.from_words([])
