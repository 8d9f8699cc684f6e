from __future__ import annotations

from .helpers import check

HEAD = "| a | b |\n| --- | --- |\n"  # canonical: only AL101 fires on the short rows below


def found(text: str, *select: str) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in check(text, select=list(select or ("AL101",)))]


def test_disable_and_enable_by_name_or_code() -> None:
    text = (
        HEAD + "| 1 |\n\n"  # line 3: reported
        "<!-- awesome-lint-disable table-column-count -->\n\n" + HEAD + "| 2 |\n\n"  # line 8: disabled
        "<!-- awesome-lint-enable AL101 -->\n\n" + HEAD + "| 3 |\n"  # line 14: enabled again
    )
    assert found(text) == [(3, "AL101"), (15, "AL101")]


def test_disable_next_line_right_before_a_table() -> None:
    text = "<!-- awesome-lint-disable-next-line AL103 -->\n|a|b|\n|-|-|\n\n|c|d|\n|-|-|\n"
    assert found(text, "AL103") == [(5, "AL103")]


def test_disable_all_then_enable_one() -> None:
    text = "<!-- awesome-lint-disable -->\n\n|a|b|\n|-|-|\n| 1 |\n\n<!-- awesome-lint-enable AL101 -->\n\n|a|b|\n|-|-|\n| 1 |\n"
    # AL103 stays disabled on both tables; AL101 comes back for the second one only
    assert found(text, "AL101", "AL103") == [(11, "AL101")]


def test_disable_next_line_hides_only_the_named_rule_on_that_line() -> None:
    text = "<!-- awesome-lint-disable-next-line AL103 -->\n|a|b|\n|-|-|\n| 1 |\n"
    assert found(text, "AL101", "AL103") == [(4, "AL101")]


def test_disable_file() -> None:
    assert found(HEAD + "| 1 |\n\n<!-- awesome-lint-disable-file -->\n") == []
    assert found(HEAD + "| 1 |\n\n<!-- awesome-lint-disable-file table-empty -->\n") == [(3, "AL101")]


def test_node_awesome_lint_comments() -> None:
    text = "<!--lint disable-->\n\n" + HEAD + "| 1 |\n\n<!--lint enable-->\n\n" + HEAD + "| 2 |\n"
    assert found(text) == [(11, "AL101")]
    ignored = "<!--lint ignore table-column-count-->\n" + HEAD + "| 1 |\n\n" + HEAD + "| 2 |\n"
    assert found(ignored) == [(8, "AL101")]


def test_node_rule_names_we_do_not_know_are_ignored() -> None:
    assert found("<!--lint disable awesome-github-->\n\n" + HEAD + "| 1 |\n") == [(5, "AL101")]


def test_unknown_name_in_our_comment_suppresses_nothing() -> None:
    assert found("<!-- awesome-lint-disable table-colum-count -->\n\n" + HEAD + "| 1 |\n") == [(5, "AL101")]


def test_comments_in_code_blocks_do_nothing() -> None:
    assert found("```\n<!-- awesome-lint-disable-file -->\n```\n\n" + HEAD + "| 1 |\n") == [(7, "AL101")]


def test_folded_layout_counts_only_what_comments_leave() -> None:
    """The layout summary is built while the rules run (its findings are never kept): it must say
    what listing every finding, silencing the commented ones and folding the rest would say."""
    from pathlib import Path

    from awesome_lint import api
    from awesome_lint.engine import run as engine
    from awesome_lint.markdown import parser
    from awesome_lint.markdown.source import Source

    text = (
        "|a|b|\n|-|-|\n|1|2|\n\n"  # a table out of layout: counted
        "<!-- awesome-lint-disable-next-line AL103 -->\n|c|d|\n|-|-|\n\n"  # silenced: not counted
        "<!-- awesome-lint-disable AL103 -->\n\n|e|f|\n|-|-|\n\n<!-- awesome-lint-enable AL103 -->\n\n"
        "|g|h|\n|-|-|\ntrailing space \n"  # counted: a table and a line
    )
    settings = api.settings_for(Path("README.md"))
    doc = parser.parse(Source.from_text(text))
    active = settings.active("README.md")
    listed = engine.run(doc, active, settings.registry)
    folded = engine.run(doc, active, settings.registry, fold=settings.folded)
    assert folded == engine.fold_layout(listed, settings.folded)
    (summary,) = [d for d in folded if d.code == "AL100"]
    assert summary.line == 1
    assert summary.message.startswith("2 tables and 1 line are not in canonical layout")
