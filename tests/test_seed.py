"""The list this project started from: its known defects must be found."""

from __future__ import annotations

import re

import pytest

from .conftest import SEED, SHARED
from .helpers import check, fix

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
    found = [d for d in check(TEXT, select=["layout"]) if d.code == "AL404" and "indented" in d.message]
    assert [d.line for d in found] == indented


def test_layout_is_one_finding_by_default() -> None:
    """Layout renders the same: by default it is one line for the file, counting what the
    layout rules find when selected one by one."""
    listed = check(TEXT, select=["layout"])
    tables = sum(1 for d in listed if d.code == "AL103")
    lines = sum(1 for d in listed if d.code == "AL404")
    assert tables >= 15 and lines >= 17  # the seed's tables and its indented headings, at least
    default = check(TEXT)
    assert not [d for d in default if d.code in ("AL103", "AL404")]
    summary = [d for d in default if d.code == "AL100"]
    assert len(summary) == 1
    assert summary[0].message.startswith(f"{tables} tables and {lines} lines are not in canonical layout")
    assert summary[0].line == min(d.line for d in listed)


def test_emphasised_year_headings() -> None:
    wrapped = [i + 1 for i, line in enumerate(LINES) if re.match(r"^\s*#+ \*\*.*\*\*\s*$", line)]
    found = [d.line for d in check(TEXT) if d.code == "AL301" and "wrapped" in d.message]
    assert found == wrapped and len(found) >= 10


def findings(code: str) -> list[tuple[int, str]]:
    return [(d.line, d.message) for d in check(TEXT) if d.code == code]


def test_duplicated_links_in_the_eight_cell_row() -> None:
    found = findings("AL202")
    assert [line for line, _ in found] == [58, 58]
    assert "papers/00780.pdf is already linked on line 46" in found[0][1]  # the Cs2K paper
    assert found[1][1] == "https://github.com/AsteRiRi/SPPA is already linked in this entry"


def _anchors_and_toc_links(text: str) -> tuple[set[str], list[str]]:
    """Anchors of every heading as GitHub makes them, and the ToC's fragments, found with
    regular expressions rather than the parser."""
    from awesome_lint.markdown.anchors import Slugger

    slugger = Slugger()
    # the headings as GitHub shows them: emphasis markers are not text
    anchors = {slugger.slug(m.group(1).strip().replace("**", "")) for m in re.finditer(r"^ *#+ (.*)$", text, re.M)}
    return anchors, re.findall(r"^ *- \[[^\]]*\]\(#([^)]*)\)", text, re.M)


def test_toc_links_broken_only_by_mojibake_are_the_headings_fault() -> None:
    from awesome_lint.rules.mojibake import repaired

    anchors, toc_links = _anchors_and_toc_links(TEXT)
    broken = [link for link in toc_links if link not in anchors]
    assert len(broken) == 5  # mojibake made the headings' anchors differ from the ToC's
    # every one is right for its heading once the heading's mojibake is repaired
    fixed_anchors, _ = _anchors_and_toc_links("\n".join(repaired(line) for line in LINES))
    assert all(link in fixed_anchors for link in broken)
    assert findings("AL305") == [] and findings("AL306") == []
    # the garbled headings are reported, by the mojibake rule
    garbled = {i + 1 for i, line in enumerate(LINES) if re.match(r"^ *#+ .*\uf8ff", line)}
    assert garbled <= {line for line, _ in findings("AL402")}


def test_after_unsafe_fixes_every_toc_link_points_at_a_heading() -> None:
    result = fix(TEXT, unsafe=True).text
    anchors, toc_links = _anchors_and_toc_links(result)
    assert len(toc_links) == 15 and [link for link in toc_links if link not in anchors] == []
    assert [d for d in check(result) if d.code in ("AL305", "AL306")] == []


def test_empty_sections() -> None:
    assert [m for _, m in findings("AL303")] == [
        "Section 'Detailed Explanation' is empty; add its content or remove the heading",
        "Section '\\uf8ffüìÇ Datasets' is empty; add its content or remove the heading",  # repr shows U+F8FF
    ]


def test_year_headings_at_the_level_of_their_topic() -> None:
    found = findings("AL302")
    year_lines = [i + 1 for i, line in enumerate(LINES) if re.match(r"^ *### \*\*.*\d{4}\*\*", line)]
    # one finding per topic, at its first year, naming the lines of all its years
    named: list[int] = []
    for line, message in found:
        listed = re.search(r"\(lines? ([\d, ]+)\)", message)
        named += [int(n) for n in listed.group(1).split(", ")] if listed else [line]
        assert listed is None or int(listed.group(1).split(", ")[0]) == line
    assert named == year_lines
    assert len(found) < len(year_lines)


def test_mismatched_bracket() -> None:
    assert findings("AL204") == [(117, "'(' is closed by '}': \"(CVPR'23}\"")]


def test_url_clutter() -> None:
    found = [m for _, m in findings("AL207")]
    assert len(found) == 2
    assert "#:~:text" in found[0] and "tab=readme-ov-file" in found[1]


def test_typos_in_headers_toc_and_prose() -> None:
    found = findings("AL401")
    headers = [i + 1 for i, line in enumerate(LINES) if re.match(r"^ *\| Title \|", line)]
    assert [line for line, m in found if "Column name 'Ppaer'" in m] == headers
    assert (14, "'Ppaers' may be a typo of 'Papers'") in found  # the ToC link's own anchor says "papers"
    assert len(found) == len(headers) + 1  # nothing else: authors, venues and titles are not typos


def test_lateset_is_a_near_miss_reported_when_asked() -> None:
    """`lateset` is in no list of known misspellings: only the dictionary guess finds it, and
    a guess is off by default (most unknown words in a list are names) and never rewritten."""
    options = {"typo": {"near-misses": "prose"}}
    found = [(d.line, d.message, d.fix) for d in check(TEXT, select=["AL401"], options=options)]
    assert (2, "'lateset' may be a typo of 'latest'", None) in found
    assert len(found) == TEXT.count("| Ppaer |") + 2
    assert "lateset" in fix(TEXT, select=["AL401"], unsafe=True, options=options).text


def test_unsafe_fix_spells_paper_in_every_header() -> None:
    result = fix(TEXT, select=["AL401"], unsafe=True)
    assert "Ppaer" not in result.text
    assert result.text.count("| Paper |") == TEXT.count("| Ppaer |")
    assert "Research Papers](#-research-papers)" in result.text
    assert fix(TEXT, select=["AL401"]).text == TEXT  # unsafe fixes only when asked


def test_every_mojibake_line() -> None:
    suspicious = {i + 1 for i, line in enumerate(LINES) if re.search("[\uf8ff√¬‚≠]", line)}
    assert len(suspicious) == 31
    assert {line for line, _ in findings("AL402")} == suspicious


def test_no_break_spaces_in_the_rbc_title() -> None:
    (rbc,) = [i + 1 for i, line in enumerate(LINES) if "RBC: Rectifying" in line]
    assert [m for line, m in findings("AL402") if line == rbc] == [
        "Mojibake '¬†' (UTF-8 read as Mac Roman); it was a no-break space (U+00A0)"
    ] * 2
    repaired = fix(TEXT, select=["AL402", "AL403"], unsafe=True).text
    assert "RBC: Rectifying the Biased Context in Continual" in repaired  # plain spaces at last
    assert "\u00a0" not in repaired and "¬" not in repaired
