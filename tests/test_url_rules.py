"""URLs: clutter is removed only where it is clutter; a URL holding two URLs, or naming a
paper id that cannot exist, is a broken link (empty-link), found offline."""

from __future__ import annotations

from awesome_lint.rules.url_clutter import clean_url

from .helpers import check, fix, short

WAYBACK = "https://web.archive.org/web/20230101000000/https://example.org/a//b"
SCHOLAR = "https://scholar.archive.org/work/abc/access/wayback/https://example.org/paper.pdf"


def test_a_url_embedded_in_a_path_keeps_its_double_slash() -> None:
    assert clean_url(SCHOLAR) == (SCHOLAR, [])
    # the embedded URL's own path may still have a doubled slash
    assert clean_url(WAYBACK) == (WAYBACK.replace("a//b", "a/b"), ["// in the path"])
    text = f"- [Old]({SCHOLAR}) - Archived.\n"
    assert check(text, select=["AL207"]) == []
    assert fix(text, unsafe=True).text == text


def test_a_doubled_scheme_is_a_broken_link_not_clutter() -> None:
    text = "- [Repo](https://https://github.com/a/b) - Code.\n"
    assert check(text, select=["AL207"]) == []
    assert short(check(text, select=["AL205"])) == [
        "1:10: AL205 Link URL is broken: the scheme is written twice (https://https://); link to https://github.com/a/b"
    ]
    assert fix(text).text == text  # never "cleaned" into https://https:/github.com
    assert fix(text, unsafe=True).text == "- [Repo](https://github.com/a/b) - Code.\n"


def test_a_prefix_written_twice_is_repaired_only_unsafely() -> None:
    text = "- [P](https://doi.org/https://doi.org/10.1145/3292500) - Paper.\n"
    (found,) = check(text, select=["AL205"])
    assert found.severity.value == "error" and "https://doi.org/ is written twice" in found.message
    assert fix(text, unsafe=True).text == "- [P](https://doi.org/10.1145/3292500) - Paper.\n"


def test_two_glued_urls_are_reported_without_a_fix() -> None:
    text = "- [P](https://arxiv.org/abs/2301.00001https://github.com/a/b) - Paper.\n"
    (found,) = check(text, select=["AL205"])
    assert "glued together" in found.message and found.fix is None


def test_tracking_in_a_link_written_as_html_is_the_authors_intent() -> None:
    text = (
        '<p align="center"><a href="https://sponsor.example.com/?utm_source=list">'
        '<img src="https://img.example.com/logo.svg?utm_campaign=x"></a></p>\n\n'
        "- [Post](https://blog.example.org/post?utm_source=twitter&id=3) - Blog.\n"
    )
    assert short(check(text, select=["AL207"])) == [
        "3:10: AL207 URL carries utm_source; link to https://blog.example.org/post?id=3"
    ]


def test_an_arxiv_id_of_an_impossible_shape_is_found_offline() -> None:
    text = (
        "- [A](https://arxiv.org/abs/2502.155892) - six digits.\n"
        "- [B](https://arxiv.org/pdf/2513.15589v1.pdf) - month 13.\n"
        "- [C](https://arxiv.org/abs/1804.0962) - four digits in 2018.\n"
        "- [D](https://arxiv.org/abs/2502.15589) - fine.\n"
        "- [E](https://arxiv.org/html/2412.18552v1/x1.png) - a figure, fine.\n"
        "- [F](https://arxiv.org/abs/hep-th/9901001) - old style, fine.\n"
    )
    found = check(text, select=["AL205"])
    assert [d.line for d in found] == [1, 2, 3]
    assert all(d.severity.value == "error" and "arXiv id" in d.message for d in found)
    assert "month 13 does not exist" in found[1].message


def test_a_malformed_doi_is_found_offline() -> None:
    text = "- [A](https://doi.org/10.1109) - no suffix.\n- [B](https://doi.org/10.1109/CVPR.2020.001) - fine.\n"
    assert [d.line for d in check(text, select=["AL205"])] == [1]


def test_with_link_results_the_identifier_is_dead_links_to_report() -> None:
    from .helpers import link_facts

    url = "https://arxiv.org/abs/2502.155892"
    facts = link_facts({url: {"verdict": "dead", "status": None, "final_url": None, "detail": "not an arXiv id"}})
    assert check(f"- [A]({url}) - x.\n", select=["AL205"], facts=facts) == []


def test_urls_glued_by_latex_braces_are_two_urls() -> None:
    text = "- [C](https://github.com/a/b}{https://github.com/a/b) - Code.\n"
    (found,) = check(text, select=["AL205"])
    assert "glued together" in found.message and found.fix is None


def test_a_url_passed_as_a_parameter_is_left_alone() -> None:
    text = "- [R](https://example.org/redirect?to=https://github.com/a/b) - Redirect.\n"
    assert check(text, select=["AL205", "AL207"]) == []


def test_a_long_url_cut_in_a_message_says_so() -> None:
    url = "https://openaccess.thecvf.com//content/CVPR2025/papers/Deng_MNE-SLAM_Multi-Agent_Neural_SLAM_paper.pdf"
    (finding,) = check(f"- [Paper]({url}) - SLAM.\n", select=["AL207"])
    suggested = finding.message.split("link to ", 1)[1]
    # cut, and marked as cut: not a whole, wrong URL
    assert suggested.endswith("…") and url.replace(".com//", ".com/").startswith(suggested[:-1])


def test_a_host_without_a_scheme_is_a_relative_path_on_github() -> None:
    text = (
        "- [Paper](arxiv.org/abs/2306.09683) - found.\n"
        "- [Page](someone.github.io/Project/) - found.\n"
        "- [Docs](docs/README.md) - a file.\n"
        "- [Setup](setup.py) - a file whose suffix is a top-level domain too.\n"
        "- [Notes](notes.md#top) - a file.\n"
        "- [Release](v1.2.3/notes) - a folder.\n"
    )
    assert [d.line for d in check(text, select=["AL205"])] == [1, 2]
    fixed = fix(text, unsafe=True).text.splitlines()
    assert fixed[:2] == [
        "- [Paper](https://arxiv.org/abs/2306.09683) - found.",
        "- [Page](https://someone.github.io/Project/) - found.",
    ]
    assert fixed[2:] == text.splitlines()[2:]
