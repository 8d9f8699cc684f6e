"""``util.text.occurring``: which strings occur in a text, in one pass when the question is large."""

from __future__ import annotations

import random

import pytest

from awesome_lint.util.text import occurring


@pytest.mark.parametrize("seed", range(4))
def test_occurring_says_what_in_says(seed: int) -> None:
    """Needles overlapping, nested, repeated, empty and absent, over small alphabets (so that
    failure links matter), in texts and question sizes on both sides of the one-pass threshold."""
    rng = random.Random(seed)
    for _ in range(60):
        alphabet = "ab c"[: rng.randint(1, 4)]
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 2000)))
        needles = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9))) for _ in range(rng.randint(0, 3000))]
        assert occurring(needles, text) == {needle for needle in needles if needle in text}


def test_occurring_in_one_pass_finds_words_and_their_parts() -> None:
    text = " ".join(f"entry {i} about tools" for i in range(20_000))
    needles = [f"entry {i}" for i in range(0, 40_000, 7)] + ["tools entry", "bout", "ls e", "zebra", ""]
    assert occurring(needles, text) == {n for n in needles if n in text}
