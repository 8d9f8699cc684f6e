"""heading-structure says each structural problem once, naming every place it happens."""

from __future__ import annotations

from .helpers import check


def test_the_same_level_jump_throughout_a_list_is_one_finding() -> None:
    body = "".join(f"## Lang {n}\n\n#### Tools\n\n- x\n\n" for n in range(20))
    (found,) = check("# A\n\n" + body, select=["AL302"])
    assert found.line == 5 and "20 times" in found.message and found.message.endswith("use ###")


def test_different_jumps_are_different_findings() -> None:
    text = "# A\n\n### B\n\n## C\n\n#### D\n"
    assert [d.line for d in check(text, select=["AL302"])] == [3, 7]


def test_extra_h1s_are_one_finding() -> None:
    (found,) = check("# A\n\n# B\n\n# C\n", select=["AL302"])
    assert found.line == 3 and "More than one h1" in found.message and "lines 3, 5" in found.message
