"""table-alignment compares a table with tables of the same columns, and never centres prose."""

from __future__ import annotations

from .helpers import check, fix


def table(header: str, delimiter: str, row: str) -> str:
    return f"{header}\n{delimiter}\n{row}\n\n"


def test_tables_with_other_columns_are_not_compared() -> None:
    papers = table("| Date | Title | Paper |", "|:---:|:---:|:---:|", "| 2024 | X | [p](https://x.org) |")
    apps = table("| Date | Title | App |", "|:---|:---|:---|", "| 2024 | Y | [a](https://y.org) |")
    assert check(papers * 5 + apps, select=["AL105"]) == []
    # the same table among its own kind is reported
    odd = table("| Date | Title | Paper |", "|:---|:---|:---|", "| 2024 | Z | [p](https://z.org) |")
    (found,) = check(papers * 5 + odd, select=["AL105"])
    assert found.line == 22 and "5 of 6 tables with these columns" in found.message


def test_header_names_are_compared_without_case_emphasis_or_punctuation() -> None:
    a = table("| Title | Pub. & Date |", "|---|---|", "| X | 2024 |")
    b = table("| title | **Pub. Date** |", "|:---:|:---:|", "| Y | 2023 |")
    assert [d.line for d in check(a * 3 + b, select=["AL105"])] == [14]


def test_a_title_column_is_never_centred_because_other_tables_centre_it() -> None:
    centred = table("| Title | Venue |", "| :---: | :---: |", "| Learning to Segment Anything Quickly | CVPR'24 |")
    plain = table("| Title | Venue |", "| --- | :---: |", "| A Survey of Incremental Learning | ECCV'22 |")
    text = centred * 3 + plain
    assert check(text, select=["AL105"]) == []
    assert fix(text, unsafe=True).text == text
