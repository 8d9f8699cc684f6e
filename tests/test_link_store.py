"""The links of a document are kept in arrays (``LinkStore``) and read through views.

A holder (a cell, a list item) keeps only the numbers of its links; ``doc.links`` is every
link in order of where it begins, whatever order they were found in; views of one link are
equal and hash alike; and the parse makes no object per link.
"""

from __future__ import annotations

import gc

from awesome_lint.markdown.model import Link, LinkStore
from awesome_lint.markdown.parser import parse_text


def _said(link: Link) -> tuple[object, ...]:
    return (link.kind, link.text, link.url, (link.span.start, link.span.end), link.holder, link.title, link.label)


def test_the_parse_makes_no_object_for_a_link() -> None:
    text = "".join(f"| {i} | [y](https://e.com/{i}) |\n" for i in range(2000))
    gc.collect()
    before = sum(1 for obj in gc.get_objects() if type(obj) is Link)  # what other tests keep
    doc = parse_text("| a | b |\n|---|---|\n" + text)
    gc.collect()
    made = sum(1 for obj in gc.get_objects() if type(obj) is Link) - before
    assert len(doc.links) == 2000 and made == 0
    assert doc.links[1999].url == "https://e.com/1999"
    assert doc.tables[0].row_links(2001) == (doc.links[1999],)


def test_links_are_in_document_order_though_found_otherwise() -> None:
    # a definition is found after the blocks; an image inside a link before the link
    doc = parse_text("[![b](https://i/b.svg)](https://e/a) [r][ref]\n\n[ref]: https://e/r\n\nlast [z](https://e/z)\n")
    assert [(link.kind, link.url) for link in doc.links] == [
        ("inline", "https://e/a"),
        ("image", "https://i/b.svg"),
        ("reference", "https://e/r"),
        ("definition", "https://e/r"),
        ("inline", "https://e/z"),
    ]
    assert [link.span.start for link in doc.links] == sorted(link.span.start for link in doc.links)
    assert doc.links[-1] == doc.links[4] and doc.links[1:3] == (doc.links[1], doc.links[2])


def test_a_link_put_in_order_keeps_its_resolved_destination() -> None:
    # the badge is found first; both destinations have an escape, kept apart from the text
    doc = parse_text("[![b](https://i/b\\_x.svg)](https://e/a\\_b) [c](https://e/c\\_d)\n")
    assert [link.url for link in doc.links] == ["https://e/a_b", "https://i/b_x.svg", "https://e/c_d"]
    assert [link.kind for link in doc.links] == ["inline", "image", "inline"]


def test_an_items_links_across_a_nested_list_are_all_its_own() -> None:
    doc = parse_text("- [a](https://e/a)\n\n  - [b](https://e/b)\n\n  then [c](https://e/c)\n")
    outer, inner = doc.list_items
    assert [link.url for link in outer.links] == ["https://e/a", "https://e/c"]
    assert [link.url for link in inner.links] == ["https://e/b"]


def test_views_of_one_link_are_equal_and_hash_alike() -> None:
    text = '- [A \\[x\\]](https://e/a\\_b "T") and ![img](p.png) <https://auto> <x@y.org>\n'
    first, second = parse_text(text), parse_text(text)
    assert first.links == second.links and hash(first.links[0]) == hash(second.links[0])
    assert first.list_items[0].links == tuple(first.links)
    link = first.links[0]
    # the text as written, the destination with its escape resolved, the title kept
    assert _said(link) == (
        "inline",
        "A \\[x\\]",
        "https://e/a_b",
        (link.span.start, link.span.end),
        "list-item",
        "T",
        "",
    )
    assert [ln.url for ln in first.links][1:] == ["p.png", "https://auto", "mailto:x@y.org"]
    assert first.links[0] != first.links[1]


def test_a_link_made_alone_says_what_it_was_given() -> None:
    text = "see [paper](https://arxiv.org/abs/2401.00001)"
    link = Link.make(
        text, "inline", "paper", "https://arxiv.org/abs/2401.00001", 4 << 32 | 45, 12 << 32 | 44, "paragraph"
    )
    assert (link.text, link.url, link.kind, link.holder) == ("paper", text[12:44], "inline", "paragraph")
    assert (link.url_span.start, link.url_span.end) == (12, 44)
    assert link == parse_text(text).links[0]


def test_a_store_keeps_a_text_not_written_after_the_bracket() -> None:
    store = LinkStore("[x](u)")
    number = store.add("inline", "other", "u", 0 << 32 | 6, 4 << 32 | 5, "paragraph")
    assert Link(store, number).text == "other" and Link(store, number).url == "u"
