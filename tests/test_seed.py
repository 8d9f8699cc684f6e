"""The list this project started from: its known defects must be found."""

from __future__ import annotations

import re

import pytest

from .conftest import SEED, SHARED
from .helpers import check

TEXT = SEED.read_text(encoding="utf-8")
LINES = TEXT.split("\n")


def by_code(code: str) -> list[int]:
    return [d.line for d in check(TEXT) if d.code == code]


def test_seed_copy_is_byte_identical() -> None:
    original = SHARED / "seed" / "README.md"
    if not original.is_file():
        pytest.skip("../shared/seed is not present")
    assert SEED.read_bytes() == original.read_bytes()


def test_eight_cell_row() -> None:
    found = [d for d in check(TEXT) if d.code == "AL101"]
    assert [d.line for d in found] == [58]
    assert LINES[57].count("|") - 1 == 8  # an independent count of the row's cells
    assert found[0].message.startswith("Row has 8 cells, the header has 5")


def test_every_header_only_table() -> None:
    delimiter = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
    expected = [
        i  # 1-based header line = index of the delimiter line
        for i in range(1, len(LINES))
        if delimiter.match(LINES[i])
        and (i + 1 >= len(LINES) or not LINES[i + 1].strip() or LINES[i + 1].lstrip().startswith("#"))
    ]
    assert expected == [37, 65, 71]
    assert by_code("AL102") == expected


def test_indented_headings() -> None:
    indented = [i + 1 for i, line in enumerate(LINES) if re.match(r"^ {1,3}#{1,6} ", line)]
    assert len(indented) >= 10
    found = [d for d in check(TEXT) if d.code == "AL301" and "indented" in d.message]
    assert [d.line for d in found] == indented


def test_emphasised_year_headings() -> None:
    wrapped = [i + 1 for i, line in enumerate(LINES) if re.match(r"^\s*#+ \*\*.*\*\*\s*$", line)]
    found = [d.line for d in check(TEXT) if d.code == "AL301" and "wrapped" in d.message]
    assert found == wrapped and len(found) >= 10
