from __future__ import annotations

import pytest

from awesome_lint.source import InputError, Position, Source, decode


def test_crlf_is_normalised_and_remembered() -> None:
    src = decode(b"# A\r\n\r\ntext\r\n", "x.md")
    assert src.text == "# A\n\ntext\n"
    assert src.newline == "\r\n"
    assert src.encode() == b"# A\r\n\r\ntext\r\n"


def test_bom_is_stripped_and_restored() -> None:
    src = decode(b"\xef\xbb\xbf# A\n", "x.md")
    assert src.text == "# A\n" and src.bom
    assert src.encode() == b"\xef\xbb\xbf# A\n"


def test_mixed_line_endings_are_flagged() -> None:
    assert decode(b"a\r\nb\nc\n", "x.md").newline == "mixed"
    assert decode(b"a\rb\r\n", "x.md").newline == "mixed"


def test_positions_are_one_based_lines_and_columns() -> None:
    src = Source.from_text("ab\ncd\n")
    assert src.position(0) == Position(1, 1)
    assert src.position(4) == Position(2, 2)
    assert src.line(1) == "cd"
    assert src.line_end(1) == 5  # the final newline is not part of the last line
    assert src.line_count == 2


def test_last_line_without_newline() -> None:
    src = Source.from_text("ab\ncd")
    assert src.line(1) == "cd" and src.line_end(1) == 5


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.md: file is empty"),
        (b"abc\x00def", "x.md: looks like a binary file (it contains NUL bytes)"),
        (b"line one\nline \xff two\n", "x.md:2:6: not valid UTF-8 (byte 0xff); re-save the file as UTF-8"),
    ],
)
def test_bad_input_is_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data, "x.md")
    assert str(err.value) == message
