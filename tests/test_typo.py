"""typo (AL401) reports only what it can know, and never rewrites a name or an identifier."""

from __future__ import annotations

import pytest

from .conftest import CORPUS
from .helpers import check, fix

# Real shapes from awesome lists: each line holds a word a spelling engine gets wrong.
NAMES = """\
# Tools

- [tui-app](https://github.com/example/tui-app) - Terminal dashboard built on ratatui, with ratatui-based widgets.
- [ratatui](https://github.com/ratatui/ratatui) - Build terminal user interfaces.
- [bump](https://github.com/example/bump) - Bumps versions according to [semver](https://semver.org/) rules.
- [gob](https://github.com/example/gob) - [Gradle](https://docs.gradle.org/)/Maven like build tool for Go.
- [aurora](https://github.com/example/aurora) - ANSI colors that support fmt.Printf/Sprintf.
- [binst](https://github.com/example/binst) - Installs binaries like cargo-binstall does.
- [ark](https://github.com/example/ark) - Bindings to Circom's R1CS, for Groth16 Proof generation.
- [sandbox](https://github.com/example/sandbox) - Runs untrusted code in a jail.
- [clib](https://github.com/example/clib) - A `printf` and `struct` helper for C.
- [mbrl](https://github.com/example/mbrl) - Model-based control.
  - ExpEnv: [gym, cartpole, reacher](https://github.com/openai/gym)

## Papers

- FedPerfix: Towards Partial Model Personalization. (*École des Ponts ParisTech*)
- SPARE: SeRies PArameter EffiCient tuning.
- YANN: **Y**et **A**nother **N**eural **N**etwork.
- Xiaoyu Zhang, Ajmal Mian, Rohit Gupta, and Mubarak Shah. arXiv, 2020.
- Kiran Karra and Chace Ashcraft. arXiv, 2021.
- A talk by Inge van den Ende (2024).
- Bayesian methods (Instituto de Ciencias Matematicas, Madrid).
"""

UNCHANGED = [
    "ratatui",
    "semver",
    "Gradle",
    "fmt.Printf",
    "cargo-binstall",
    "Groth16",
    "École des Ponts",
    "FedPerfix",
    "untrusted",
    "Mian",
    "Chace",
    "Ende",
    "Instituto",
    "**Y**et",
    "SeRies PArameter",
    "reacher",
]


@pytest.mark.parametrize("mode", ["off", "prose"])
def test_names_and_identifiers_are_never_reported(mode: str) -> None:
    options = {"typo": {"near-misses": mode}}
    found = [(d.line, d.message) for d in check(NAMES, select=["AL401"], options=options)]
    assert found == []


def test_every_guess_is_only_a_guess() -> None:
    """With ``near-misses = "all"`` a lowercase word edited at its first letter is a guess too
    (``untrusted`` is one edit from ``entrusted``), reported without a fix; names are not."""
    found = check(NAMES, select=["AL401"], options={"typo": {"near-misses": "all"}})
    assert [(d.line, d.message, d.fix) for d in found] == [(10, "'untrusted' may be a typo of 'entrusted'", None)]


@pytest.mark.parametrize("mode", ["off", "prose", "all"])
def test_unsafe_fixes_leave_names_and_identifiers_unchanged(mode: str) -> None:
    result = fix(NAMES, select=["AL401"], unsafe=True, options={"typo": {"near-misses": mode}})
    assert result.text == NAMES
    for word in UNCHANGED:
        assert word in result.text


def test_known_misspellings_in_prose_are_reported_and_fixed() -> None:
    text = "- [tool](https://example.com/tool) - A seperator for infrastucture code.\n"
    found = [d.message for d in check(text, select=["AL401"])]
    assert found == ["'seperator' may be a typo of 'separator'", "'infrastucture' may be a typo of 'infrastructure'"]
    assert fix(text, select=["AL401"], unsafe=True).text == text.replace("seperator", "separator").replace(
        "infrastucture", "infrastructure"
    )


def test_a_capitalised_known_misspelling_in_a_title_is_reported() -> None:
    text = "- Federated Debiasing for Fair and Trasnferable Representations.\n"
    assert [d.message for d in check(text, select=["AL401"])] == ["'Trasnferable' may be a typo of 'Transferable'"]


def test_a_near_miss_guess_is_off_by_default_and_never_rewritten() -> None:
    text = "This list collects the lateset papers.\n"
    assert check(text, select=["AL401"]) == []
    options = {"typo": {"near-misses": "prose"}}
    found = check(text, select=["AL401"], options=options)
    assert [(d.message, d.fix) for d in found] == [("'lateset' may be a typo of 'latest'", None)]
    assert fix(text, select=["AL401"], unsafe=True, options=options).text == text


def test_a_word_in_a_link_to_a_heading_is_checked_against_the_heading() -> None:
    text = "- [Research Ppaers](#research-papers)\n\n## Research Papers\n"
    found = check(text, select=["AL401"])
    assert [d.message for d in found] == ["'Ppaers' may be a typo of 'Papers'"]
    assert fix(text, select=["AL401"], unsafe=True).text.startswith("- [Research Papers](#research-papers)")


def test_a_real_word_in_a_link_to_a_heading_is_not_a_typo() -> None:
    text = "- [Training Framework](#training-frameworks)\n\n## Training Frameworks\n"
    assert check(text, select=["AL401"]) == []


def test_a_typo_copied_into_a_title_slug_is_still_a_typo() -> None:
    """A long URL slug made from a title names nothing: its words are the title's, typos too."""
    text = (
        "- Federated Deep AUC Maximization for Hetergeneous Data. "
        "[[VIDEO](https://slideslive.com/38959/federated-deep-auc-maximization-for-hetergeneous-data)]\n"
    )
    assert [d.message for d in check(text, select=["AL401"])] == ["'Hetergeneous' may be a typo of 'Heterogeneous'"]


CORPUS_NAMES = {
    "rust-unofficial__awesome-rust": ["ratatui", "cargo-binstall", "Groth16", "semver"],
    "avelino__awesome-go": ["semver", "Gradle", "fmt.Printf"],
    "cmhungsteve__Awesome-Transformer-Attention": ["École des Ponts"],
    "youngfish42__Awesome-FL": ["FedPerfix"],
    "sorrycc__awesome-javascript": ["untrusted"],
    "vinta__awesome-python": ["untrusted"],
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
@pytest.mark.parametrize("name", sorted(CORPUS_NAMES))
def test_unsafe_typo_fixes_on_the_corpus_change_no_name(name: str) -> None:
    text = (CORPUS / f"{name}.md").read_text(encoding="utf-8")
    for mode in ("off", "all"):
        fixed = fix(text, select=["AL401"], unsafe=True, options={"typo": {"near-misses": mode}}).text
        for word in CORPUS_NAMES[name]:
            assert word in text
            assert fixed.count(word) == text.count(word), (mode, word)


def test_character_offsets_stay_right_after_non_ascii_text_on_a_long_line() -> None:
    """typos reports byte offsets; they are turned into characters once per line."""
    text = "- Ünïcödé 日本語 with a seperator, " * 200 + "\n"
    found = check(text, select=["AL401"])
    assert len(found) == 200
    assert all(text[d.span.start : d.span.end] == "seperator" for d in found)


def test_a_masked_text_reads_as_the_text_with_only_its_kept_runs() -> None:
    """The prose typos reads is held as kept runs over the document, not as a second copy: every
    slice of it must read as the copy did (blanks for what is hidden, newlines where they were)."""
    from array import array

    from awesome_lint.knowledge.spelling import Masked

    text = "ab 日本\ncd https://例.com/x\n\nef gh\nij"
    kept = [(0, 2), (8, 10), (26, 28), (31, 33)]
    copy = "".join(ch if ch == "\n" or any(a <= i < b for a, b in kept) else " " for i, ch in enumerate(text))
    masked = Masked(text, array("Q", [a << 32 | b for a, b in kept]))
    assert str(masked) == copy
    assert all(masked[i:j] == copy[i:j] for i in range(len(text) + 1) for j in range(i, len(text) + 2))
    assert "".join(masked.pieces(size=3)) == copy
    assert masked.find("\n", 5) == text.find("\n", 5)


def test_a_typo_after_blanked_non_ascii_text_is_placed_right() -> None:
    """typos counts bytes of the masked text, where a blanked ``日本`` is two spaces, not six bytes."""
    text = "- [工具](https://例子.com/路径) `代码` <b>粗体</b> a seperator here.\n" * 3
    found = check(text, select=["AL401"])
    assert [text[d.span.start : d.span.end] for d in found] == ["seperator"] * 3


BULLET_PAPERS = """\
## News

- 2024.05: our work on Hetergeneous clients is out, see the [paper](https://arxiv.org/abs/2401.00001).

## Papers

- Federated Learning for Hetergeneous Data. [[PUB](https://dl.acm.org/doi/10.1145/3447548.3467281)] [[CODE](https://github.com/example/fl)]
- **DIAL**: "Robotic Skill Acquistion via Instruction Augmentation", *arXiv, Nov 2022*. [[Paper](https://arxiv.org/abs/2211.11736)]
- **MVD**: "Masked Video Distillation", CVPR, 2023 (*Fudan Univeristy*). [[Paper](https://arxiv.org/abs/2212.04500)]
- **A Survey of Multimodal Segmentaion** (CVPR 2023) [paper](https://example.org/survey.pdf)
- (AAAI) Continual Learning with Hierachical Prompts (**AAAI 2024**). [[PDF](https://example.org/hp.pdf)]

## Tools

- [tool](https://github.com/example/tool) - A seperator for infrastucture code.
- Lists of tools for privacy that are availble in some form: [PRISM Break](https://prism-break.org/)

| Title | Code |
| --- | --- |
| Robust and Trasnferable Learning | [code](https://github.com/example/z) |
"""
IN_A_TITLE = "; it is in a paper title, so check the paper before changing it"


def test_a_typo_in_a_bullet_papers_title_is_reported_and_never_fixed() -> None:
    """A list item that is a paper quotes its title as a table's title cell does: its typos are
    reported with the caveat and left alone, while a software item's description, a News
    item's words and a paper's affiliation beside its title are still fixed."""
    found = [(d.line, d.message, d.fix is not None) for d in check(BULLET_PAPERS, select=["AL401"])]
    assert found == [
        (3, "'Hetergeneous' may be a typo of 'Heterogeneous'", True),
        (7, "'Hetergeneous' may be a typo of 'Heterogeneous'" + IN_A_TITLE, False),
        (8, "'Acquistion' may be a typo of 'Acquisition'" + IN_A_TITLE, False),
        (9, "'Univeristy' may be a typo of 'University'", True),
        (10, "'Segmentaion' may be a typo of 'Segmentation'" + IN_A_TITLE, False),
        (11, "'Hierachical' may be a typo of 'Hierarchical'" + IN_A_TITLE, False),
        (15, "'seperator' may be a typo of 'separator'", True),
        (15, "'infrastucture' may be a typo of 'infrastructure'", True),
        (16, "'availble' may be a typo of 'available'", True),
        (20, "'Trasnferable' may be a typo of 'Transferable'" + IN_A_TITLE, False),
    ]
    fixed = fix(BULLET_PAPERS, select=["AL401"], unsafe=True).text
    lines, fixed_lines = BULLET_PAPERS.splitlines(), fixed.splitlines()
    changed = [i + 1 for i, (a, b) in enumerate(zip(lines, fixed_lines, strict=True)) if a != b]
    assert changed == [3, 9, 15, 16]
    for word in ("Hetergeneous Data", "Acquistion", "Segmentaion", "Hierachical", "Trasnferable"):
        assert word in fixed
    assert "Fudan University" in fixed and "A separator for infrastructure" in fixed and "are available" in fixed


@pytest.mark.parametrize(
    ("item", "title"),
    [
        ("- Title of the Paper. Venue, 2023. [[PUB](https://example.org/p)]", "Title of the Paper"),
        (
            '- **DIAL**: "Robotic Skill Acquisition", *arXiv*. [[Paper](https://example.org/p)]',
            "Robotic Skill Acquisition",
        ),
        ("- 🌟 **A Survey of Things**  arXiv 2025, [Paper](https://example.org/p)", "A Survey of Things"),
        (
            "- (AAAI) Learning vs. Forgetting Things (**AAAI 2024**). [[PDF](https://example.org/p)]",
            "Learning vs. Forgetting Things",
        ),
        (
            "- Learning to Rank Things [[code](https://github.com/a/b)] [[paper](https://example.org/p)]",
            "Learning to Rank Things",
        ),
        ("- Learning to Rank Things [[code](https://github.com/a/b)] [[blog](https://example.org/p)]", None),
        (
            "- Learning to Rank Things [[code](https://github.com/a/b)] [[link](https://arxiv.org/abs/2401.00001)]",
            "Learning to Rank Things",
        ),
        ("- Learning to Rank Things.   [[link]](https://example.org/p)", "Learning to Rank Things"),
        ("- Learning to Rank Things [link](https://example.org/p)", None),
        ("- Use it with the [tool](https://example.org/p) for things.", None),
        ("- [A Paper About Things](https://arxiv.org/abs/2401.00001) - what it finds.", "A Paper About Things"),
        ("- [OPT-66B](https://arxiv.org/abs/2205.01068) - a model.", None),
    ],
)
def test_a_paper_items_title_is_only_its_title(item: str, title: str | None) -> None:
    """What :func:`papers.item_title` takes for a paper item's title: the title alone, never its
    venue, label or affiliation, and nothing of an item that names no paper."""
    from awesome_lint.knowledge.papers import item_title
    from awesome_lint.markdown import parser
    from awesome_lint.markdown.source import Source

    doc = parser.parse(Source.from_text(item + "\n"))
    span = item_title(doc, doc.list_items[0])
    assert (doc.text[span.start : span.end] if span is not None else None) == title
