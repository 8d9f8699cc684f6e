"""The `awesome` preset: the Node awesome-lint's checks for classic bullet lists."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cmarkgfm
import pytest

from awesome_lint.engine import registry

from .conftest import CORPUS, run_cli
from .helpers import check, fix, short

BULLET_LISTS = [
    "sindresorhus__awesome",
    "vinta__awesome-python",
    "avelino__awesome-go",
    "awesome-selfhosted__awesome-selfhosted",
    "rust-unofficial__awesome-rust",
]


def test_the_preset_names_the_node_tools_checks() -> None:
    codes = {r.code for r in registry.load().resolve("awesome")}
    assert codes == {f"AL6{n:02d}" for n in range(1, 11)} | {"AL202", "AL302", "AL305"}


def test_the_preset_is_off_by_default() -> None:
    text = "# awesome widgets\n\n- [Knob](https://example.org/knob) - turns a value\n"
    assert not [d for d in check(text) if d.code.startswith("AL6")]
    assert {d.code for d in check(text, select=["awesome"])} >= {"AL601", "AL602", "AL603"}


def test_node_rule_names_work_in_suppression_comments() -> None:
    text = '# Awesome Widgets\n\n<!--lint ignore balanced-punctuation-->\nA "quote.\n\nAnother "quote.\n'
    assert short(check(text, select=["AL608"])) == ['6:9: AL608 " is never closed: add the matching "']


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_contributing_guidelines_are_looked_for_in_a_real_repository(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Awesome Widgets\n\n- [Knob](https://example.org/knob) - Turns a value.\n")

    def findings() -> str:
        proc = run_cli("check", "--select", "AL604", "README.md", cwd=tmp_path)
        return proc.stdout.decode()

    assert "AL604" not in findings()  # not a repository: nothing to say
    git(tmp_path, "init", "-q")
    assert "missing contributing.md" in findings()
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "Contributing.md").write_text("  \n")
    assert ".github/Contributing.md is empty" in findings()
    (tmp_path / ".github" / "Contributing.md").write_text("Open a pull request.\n")
    assert "AL604" not in findings()


def test_the_library_api_never_looks_at_the_disk_for_contributing(tmp_path: Path) -> None:
    # checking text is about the text: the runner gathers file facts, the API does not
    assert check("# Awesome Widgets\n", select=["AL604"]) == []


def html(text: str) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(text))


def test_one_space_after_the_marker_renders_the_same() -> None:
    text = "# Awesome Widgets\n\n-   [Knob](https://example.org/knob) - Turns a value.\n*  [Dial](https://example.org/dial) - Dials.\n"
    result = fix(text, select=["AL603"])
    assert (
        result.text
        == "# Awesome Widgets\n\n- [Knob](https://example.org/knob) - Turns a value.\n* [Dial](https://example.org/dial) - Dials.\n"
    )
    assert html(result.text) == html(text)


def test_multi_line_items_keep_their_indentation() -> None:
    text = "# Awesome Widgets\n\n-   [Knob](https://example.org/knob) - Turns\n    a value.\n\n    More.\n"
    assert fix(text, select=["AL603"]).text == text


def test_a_glued_marker_becomes_a_list_item_with_unsafe_fixes() -> None:
    # a paragraph becoming a list item is a page a reader sees change: unsafe (issue 13)
    text = "# Awesome Widgets\n\n-[Knob](https://example.org/knob) - Turns a value.\n"
    assert fix(text, select=["AL603"]).text == text
    result = fix(text, select=["AL603"], unsafe=True)
    assert "<li>" in html(result.text)


def test_unsafe_fixes_capitalise_and_punctuate() -> None:
    text = "# awesome widgets\n\n- [Knob](https://example.org/knob) - turns a value\n"
    result = fix(text, select=["awesome"], unsafe=True)
    assert result.text == (
        "# Awesome Widgets [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
        "- [Knob](https://example.org/knob) - Turns a value.\n"
    )


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
@pytest.mark.parametrize("name", BULLET_LISTS)
def test_real_bullet_lists_fix_losslessly_and_idempotently(name: str) -> None:
    import re

    text = (CORPUS / f"{name}.md").read_text(encoding="utf-8")
    for unsafe in (False, True):
        result = fix(text, select=["awesome"], unsafe=unsafe)
        assert result.refused is None and result.converged
        assert fix(result.text, select=["awesome"], unsafe=unsafe).text == result.text

        # every link destination is still there, in order; in-page anchors may follow a heading
        # the badge was added to (the table of contents is kept in step with it)
        def destinations(markdown: str) -> list[str]:
            return [u for u in re.findall(r"\]\(([^()\s]+)\)", markdown) if not u.startswith("#")]

        it = iter(destinations(result.text))
        assert all(any(u == v for v in it) for u in destinations(text))


def test_a_licence_tag_after_the_full_stop_is_not_an_error() -> None:
    text = "# Awesome Gems\n\n- [dry-rb](https://dry-rb.org/) - Libraries for Ruby. [MIT]\n"
    assert check(text, select=["AL603"]) == []


def test_a_description_opening_with_the_projects_own_name_is_not_a_casing_error() -> None:
    text = (
        "# Awesome Gems\n\n"
        "- [dry-rb](https://dry-rb.org/) - dry-rb is a collection of libraries.\n"
        "- [Redis](https://github.com/redis/redis-rb) - redis-rb is a Redis client.\n"
        "- [Knob](https://example.org/knob) - turns a value.\n"
        "- [Dial](https://example.org/dial) - Dials a value.\n"
    )
    assert short(check(text, select=["AL603"])) == ["5:38: AL603 the description must start with a capital: 'turns'"]


def test_the_lists_own_convention_is_not_reported_for_every_entry() -> None:
    """Most entries end without a full stop: that is how this list is written."""
    entries = [f"- [Tool{i}](https://example.org/{i}) - Does thing {i}\n" for i in range(6)]
    text = "# Awesome Tools\n\n" + "".join(entries) + "- [Gauge](https://example.org/g): Shows a value\n"
    assert short(check(text, select=["AL603"])) == ["9:33: AL603 link and description must be separated with ' - '"]


def test_a_paper_list_without_dashes_is_not_an_awesome_list_error() -> None:
    rows = [f"- [Paper {i}](https://arxiv.org/abs/2401.0000{i}) by Ann Lee, Bo Chen\n" for i in range(5)]
    assert check("# Papers\n\n" + "".join(rows), select=["AL603"]) == []


def test_a_note_without_a_link_is_not_an_entry() -> None:
    text = "# Awesome Things\n\n- *2023/07/31 - added the ICML papers*\n- **CIL**: new classes arrive in tasks.\n"
    assert check(text, select=["AL603"]) == []


def test_a_package_named_by_its_link_is_not_a_misspelt_product() -> None:
    text = (
        "# Awesome Ruby\n\n"
        "- [redis](https://github.com/redis/redis-rb) - A client for Redis.\n"
        "- [gitlab](https://rubygems.org/gems/gitlab) - A client for the Gitlab API.\n"
    )
    assert short(check(text, select=["AL609"])) == ["4:65: AL609 'Gitlab' should be written 'GitLab'"]


def test_a_command_in_lowercase_is_not_a_misspelt_product() -> None:
    text = "# Awesome Tools\n\n- [Sherlock](https://example.org/s) - Shows git history and runs in docker.\n"
    assert check(text, select=["AL609"]) == []


def test_quotes_closed_after_a_word_cjk_quotes_and_kaomoji_are_balanced() -> None:
    text = (
        "# Awesome R\n\n"
        "- [lasso2](https://example.org/lasso2) - L1 constrained estimation aka ‘lasso’.\n"
        "- [Flip](https://example.org/flip) - Cool table animations! (╯°□°）╯︵ ┻━┻\n"
        "- [Alpaca](https://example.org/alpaca) - 以开源、规模较小的‘小羊驼类’模型为主。\n"
    )
    assert check(text, select=["AL608"]) == []
