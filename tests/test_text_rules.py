"""mojibake (AL402) and invisible-character (AL403): only what is really garbled or hidden."""

from __future__ import annotations

import pytest

from .helpers import check, short


def test_accented_letters_inside_a_word_are_not_mojibake() -> None:
    text = "- Conformal prediction (Instituto de Telecomunicações, Instituto Superior Técnico).\n"
    assert check(text, select=["AL402"]) == []


def test_an_emoji_that_lost_a_byte_is_still_reported() -> None:
    found = check("# üéì Awesome List\n", select=["AL402"])
    assert [d.message for d in found] == [
        "Mojibake 'üéì' lost a byte and cannot be repaired exactly; it was likely '🎓'"
    ]


def test_a_typographic_no_break_space_is_not_reported() -> None:
    text = "- [s](https://e.org/s) –\u00a0A CLI.\n- [t](https://e.org/t) - Zones —\u00a0Tempo is 10\u00a0km.\n"
    assert check(text, select=["AL403"]) == []


def test_a_no_break_space_between_words_and_a_soft_hyphen_are_reported() -> None:
    text = "- Rectifying the\u00a0Biased Context, con\u00adtemporary.\n"
    assert short(check(text, select=["AL403"])) == [
        "1:17: AL403 No-break space inside text; use a normal space",
        "1:37: AL403 Invisible soft hyphen (U+00AD) in text",
    ]


def test_no_break_spaces_on_one_line_are_one_finding_with_one_fix() -> None:
    from .helpers import fix

    text = "- Tianfang\u00a0Zhang,\u00a0Huy\u00a0Phan, Yan\u00a0Wang. *ACM MobiCom*, 2024.\n"
    found = check(text, select=["AL403"])
    assert short(found) == ["1:11: AL403 No-break space inside text (4 on this line); use a normal space"]
    assert fix(text, select=["AL403"], unsafe=True).text == text.replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("\n", []),
        ("x\n\n", []),
        (" \n", ["1:1: AL404 Trailing whitespace"]),
        ("\t", ["1:1: AL404 Trailing whitespace", "1:2: AL404 File does not end with a newline"]),
        (
            "a\n\n\nb",
            ["3:1: AL404 2 blank lines in a row; one is enough", "4:2: AL404 File does not end with a newline"],
        ),
        ("a  \nb\n", []),  # two spaces inside a paragraph: a hard line break
        ("a \nb\n\n\n\n", ["1:2: AL404 Trailing whitespace", "4:1: AL404 3 blank lines in a row; one is enough"]),
        ("| a\t| b |\n|---|---|\n", ["1:4: AL404 Tab in a table row; use spaces"]),
    ],
)
def test_whitespace_at_the_edges_of_a_text(text: str, expected: list[str]) -> None:
    """An empty file, a lone newline, a last line without one, blank lines at the end, a hard
    line break and a tab in a table: what whitespace reports on each (a faster search from
    line to line, tried and not kept, looped for ever on an empty file)."""
    assert short(check(text, ["whitespace"])) == expected
