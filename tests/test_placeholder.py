"""placeholder reports a column's mixed spellings once, and its fix mends every odd cell."""

from __future__ import annotations

from .helpers import check, fix

TABLE = "| Title | Code |\n| --- | --- |\n" + "| A | - |\n" * 5 + "| B | N/A |\n| C | TBD |\n| D | N/A |\n"


def test_a_columns_mixed_spellings_are_one_finding_naming_every_line() -> None:
    (found,) = check(TABLE, select=["AL206"])
    assert found.line == 8 and "(lines 8, 9, 10)" in found.message


def test_the_one_fix_mends_every_odd_cell() -> None:
    result = fix(TABLE, select=["AL206"], unsafe=True).text
    assert "N/A" not in result and "TBD" not in result and result.count("| - |") == 8
