"""Papers against their records (AL7xx), end to end against a real server on 127.0.0.1
serving answers in each API's documented shape (tests/recordserver.py)."""

from __future__ import annotations

import ipaddress
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from awesome_lint import runner
from awesome_lint.records import PaperRecord
from awesome_lint.records.client import Client
from awesome_lint.records.gather import gather
from awesome_lint.records.match import Verdict, compare, normalise
from awesome_lint.records.options import PaperOptions, parse
from awesome_lint.records.sources import s2_headers

from .conftest import CORPUS, needs_corpus
from .helpers import check, short
from .recordserver import RecordServer

DATA = Path(__file__).parent / "data" / "records"
CORPUS_RECORDS = json.loads((DATA / "corpus.json").read_text(encoding="utf-8"))
SHARED = CORPUS  # ../shared/corpus (or $AWESOME_LINT_SHARED/corpus): skipped when absent


def options_for(server: RecordServer, tmp_path: Path, **changes: Any) -> PaperOptions:
    base = dict(
        check=True,
        arxiv_api=server.origin,
        semantic_scholar_api=server.origin,
        crossref_api=server.origin,
        openreview_api=server.origin,
        dblp_api=server.origin,
        arxiv_interval=0.0,
        semantic_scholar_interval=0.0,
        interval=0.0,
        backoff=0.0,
        allow_networks=(ipaddress.ip_network("127.0.0.0/8"),),
        cache=str(tmp_path / "cache.sqlite"),
    )
    base.update(changes)
    return PaperOptions(**base)  # type: ignore[arg-type]


@pytest.fixture
def corpus_server() -> Iterator[RecordServer]:
    with RecordServer(CORPUS_RECORDS["store"]) as server:
        yield server


def run_papers(paths: list[str], options: PaperOptions, select: tuple[str, ...] = ("AL7",)) -> runner.Outcome:
    """check_paths with the papers step, its options set as a [papers] table would set them."""
    import awesome_lint.runner as r

    original = r._paper_options
    r._paper_options = lambda files, request: options  # type: ignore[assignment]
    try:
        return runner.check_paths(paths, select=list(select), papers=runner.PaperRequest(check=True))
    finally:
        r._paper_options = original  # type: ignore[assignment]


def found_keys(outcome: runner.Outcome) -> set[tuple[str, str, str]]:
    out = set()
    for d in outcome.diagnostics:
        key = re.search(r"\b(arxiv|doi|openreview):\S+?(?=[\s:,;)]|$)", d.message)
        assert key, d.message
        out.add((Path(d.path).name, d.code, key.group(0).rstrip(".")))
    return out


@needs_corpus
def test_corpus_records_find_every_planted_defect_and_nothing_on_the_matching_rows(
    corpus_server: RecordServer, tmp_path: Path
) -> None:
    files = sorted({row["file"] for row in CORPUS_RECORDS["rows"]})
    assert len(CORPUS_RECORDS["rows"]) >= 100
    outcome = run_papers([str(SHARED / f) for f in files], options_for(corpus_server, tmp_path, dblp=False))
    planted = {(p["file"], p["code"], p["key"]) for p in CORPUS_RECORDS["planted"]}
    assert {p["kind"] for p in CORPUS_RECORDS["planted"]} == {"published", "older-title", "venue", "wrong-id", "year"}
    found = found_keys(outcome)
    # one real inconsistency of the corpus, beyond the planted ones: the FL list gives this paper
    # as a table row ("Convergence and Communication Tradeoffs", the row its record was built
    # from) and as a bullet ("Convergence-Communication Tradeoffs"): whichever the true record
    # says, one of the two differs from it
    in_corpus = {("youngfish42__Awesome-FL.md", "AL701", "arxiv:2201.12433")}
    assert {f for f in found if f[1] != "AL706"} == planted | in_corpus
    # "could not confirm" only where the recorded answers have no record (arXiv's answer for a
    # batch of ids none of which it lists is not trusted): never on the 120 recorded rows
    recorded = {f"arxiv:{i}" for i in CORPUS_RECORDS["store"]["arxiv"]}
    assert not {f for f in found if f[1] == "AL706" and f[2] in recorded}
    assert outcome.papers is not None
    # batched: every arXiv id of the twelve files in requests of 100, Semantic Scholar's of 500
    arxiv_ids = sum(1 for k in outcome.papers.records if k.startswith("arxiv:"))
    counts = corpus_server.counts()
    assert counts["arxiv"] == -(-arxiv_ids // 100)
    assert counts["semantic-scholar"] <= -(-(arxiv_ids + 100) // 500) + 1


@needs_corpus
def test_a_second_run_sends_no_request(corpus_server: RecordServer, tmp_path: Path) -> None:
    path = str(SHARED / CORPUS_RECORDS["rows"][0]["file"])
    options = options_for(corpus_server, tmp_path, dblp=False)
    first = run_papers([path], options)
    sent = len(corpus_server.requests)
    assert sent > 0
    second = run_papers([path], options)
    assert len(corpus_server.requests) == sent
    assert second.papers is not None and second.papers.requests == 0
    assert all(r.cached for r in second.papers.records.values())
    assert short(second.diagnostics) == short(first.diagnostics)


SMALL = """\
# Papers

| Title | Venue | Code |
| --- | --- | --- |
| [Deep Residual Learning for Image Recognition](https://doi.org/10.1109/CVPR.2016.90) | arXiv | - |
| [Vision Transformers Need Registers](https://openreview.net/forum?id=2dnO3LLiJ1) | ICML 2024 | - |
| Attention Is All You Need for Small Tables | NeurIPS 2017 | - |
"""

SMALL_STORE: dict[str, dict[str, Any]] = {
    "crossref": {
        "10.1109/cvpr.2016.90": {
            "DOI": "10.1109/CVPR.2016.90",
            "type": "proceedings-article",
            "title": ["Deep Residual Learning for Image Recognition"],
            "container-title": ["2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)"],
            "event": {"name": "2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)"},
            "published": {"date-parts": [[2016, 6]]},
            "issued": {"date-parts": [[2016, 6]]},
        }
    },
    "semantic-scholar": {},
    "openreview": {
        "2dnO3LLiJ1": {
            "id": "2dnO3LLiJ1",
            "forum": "2dnO3LLiJ1",
            "content": {
                "title": {"value": "Vision Transformers Need Registers"},
                "venue": {"value": "ICLR 2024 oral"},
                "venueid": {"value": "ICLR.cc/2024/Conference"},
            },
        }
    },
    "dblp": {
        "attention is all you need for small tables": [
            {
                "@score": "12",
                "info": {
                    "title": "Attention Is All You Need for Small Tables.",
                    "venue": "NeurIPS",
                    "year": "2017",
                    "type": "Conference and Workshop Papers",
                },
            }
        ]
    },
}


def small_outcome(server: RecordServer, tmp_path: Path, **changes: Any) -> runner.Outcome:
    readme = tmp_path / "README.md"
    readme.write_text(SMALL, encoding="utf-8")
    return run_papers([str(readme)], options_for(server, tmp_path, **changes))


def test_crossref_openreview_and_dblp_records_are_read_in_their_documented_shapes(tmp_path: Path) -> None:
    with RecordServer(SMALL_STORE) as server:
        outcome = small_outcome(server, tmp_path)
        assert server.counts() == Counter({"crossref": 1, "semantic-scholar": 1, "openreview": 1, "dblp": 1})
    found = short(outcome.diagnostics)
    assert found == [
        "5:90: AL703 listed as a preprint (arXiv), but doi:10.1109/cvpr.2016.90 has since been published: "
        "CVPR 2016; write CVPR 2016",
        "6:86: AL702 venue ICML 2024 disagrees with the record of openreview:2dnO3LLiJ1: ICLR 2024 oral",
    ]
    fix = outcome.diagnostics[0].fix
    assert fix is not None and fix.applicability.value == "unsafe" and fix.edits[0].content == "CVPR 2016"
    assert outcome.papers is not None
    assert outcome.papers.records["title:attention is all you need for small tables"].venue == "NeurIPS"


def test_a_429_is_retried_after_the_servers_retry_after(tmp_path: Path) -> None:
    waits: list[float] = []
    with RecordServer(SMALL_STORE) as server:
        server.throttle["crossref"] = 1
        options = options_for(server, tmp_path, use_cache=False)
        readme = tmp_path / "README.md"
        readme.write_text(SMALL, encoding="utf-8")
        from awesome_lint.markdown.parser import parse
        from awesome_lint.markdown.source import read

        report = gather([parse(read(str(readme)))], options, client=Client(options, sleep=waits.append))
        assert server.counts()["crossref"] == 2
    assert 7.0 in waits  # the server's Retry-After, not the backoff
    assert report.records["doi:10.1109/cvpr.2016.90"].venue.endswith("(CVPR)")


def test_a_retry_after_longer_than_allowed_makes_the_api_unavailable(tmp_path: Path) -> None:
    with RecordServer(SMALL_STORE) as server:
        server.throttle["crossref"] = 5
        outcome = small_outcome(server, tmp_path, max_retry_wait=1.0, use_cache=False)
        assert server.counts()["crossref"] == 1
    assert any(d.code == "AL706" and "asked to wait 7 s" in d.message for d in outcome.diagnostics)


def test_an_api_that_is_down_leaves_its_papers_unconfirmed_and_the_run_ends(tmp_path: Path) -> None:
    with RecordServer(SMALL_STORE) as server:
        server.down |= {"crossref", "semantic-scholar", "openreview", "dblp"}
        outcome = small_outcome(server, tmp_path, retries=1)
    codes = [d.code for d in outcome.diagnostics]
    assert codes == ["AL706", "AL706", "AL706"]  # the DOI, the forum, and the title DBLP was asked for
    assert all(d.severity.value == "warning" for d in outcome.diagnostics)
    assert "HTTP 503" in outcome.diagnostics[0].message
    # nothing failed is cached: the next run asks again
    with RecordServer(SMALL_STORE) as server:
        small_outcome(server, tmp_path)
        assert server.counts()["crossref"] == 1


def test_the_api_key_goes_to_semantic_scholar_only_never_to_a_configured_base(tmp_path: Path) -> None:
    env = {"SEMANTIC_SCHOLAR_API_KEY": "s2-secret"}
    assert s2_headers(PaperOptions(), env)["x-api-key"] == "s2-secret"
    with RecordServer(CORPUS_RECORDS["store"]) as server:
        options = options_for(server, tmp_path, use_cache=False)
        assert "x-api-key" not in s2_headers(options, env)
        readme = tmp_path / "README.md"
        readme.write_text("- [A paper title here](https://arxiv.org/abs/2401.00001)\n", encoding="utf-8")
        from awesome_lint.markdown.parser import parse
        from awesome_lint.markdown.source import read

        gather([parse(read(str(readme)))], options, env=env)
        sent = [r for r in server.requests if r[0] == "semantic-scholar"]
        assert sent and all("s2-secret" not in json.dumps(r[3]) for r in sent)


def test_a_private_api_address_is_refused_unless_allowed(tmp_path: Path) -> None:
    with RecordServer(SMALL_STORE) as server:
        outcome = small_outcome(server, tmp_path, allow_networks=(), use_cache=False)
        assert server.requests == []
    assert any("private address" in d.message and "papers.allow-networks" in d.message for d in outcome.diagnostics)


@pytest.mark.parametrize(
    ("row", "record", "verdict"),
    [
        ("Deep Residual Learning for Image Recognition", "Deep residual learning for image recognition.", Verdict.SAME),
        ("SAM: Segment Anything", "Segment Anything", Verdict.SAME),
        (
            r"\emph{Schr\"odinger} Bridges for $\mathcal{X}$ Generation",
            "Schrödinger Bridges for X Generation",
            Verdict.SAME,
        ),
        ("Towards Robust Video Object Segmentation", "Robust Video Object Segmentation with Memory", Verdict.DIFFERS),
        ("Deep Residual Learning for Image Recognition", "Attention Is All You Need", Verdict.OTHER),
        ("Efficient Video Generation", "Efficient Diffusion for Video Editing at Scale", Verdict.UNSURE),
    ],
)
def test_titles_are_compared_conservatively(row: str, record: str, verdict: Verdict) -> None:
    assert compare(row, record) is verdict


def test_normalise_sets_aside_case_punctuation_latex_and_accents() -> None:
    assert normalise(r"  \textbf{GPT-4}: Technical   Report ") == "gpt 4 technical report"
    assert normalise("Schr\u00f6dinger") == normalise(r"Schr\"{o}dinger") == "schrodinger"


def test_without_records_no_paper_rule_reports() -> None:
    assert check(SMALL, select=["AL7"]) == []


def test_records_round_trip_through_json() -> None:
    record = PaperRecord("arxiv:2401.00001", title="T", venue="CVPR", venue_names=("CVPR",), year=2024)
    assert PaperRecord.from_json(record.key, record.as_json()) == record


def test_papers_options_are_validated_by_name() -> None:
    assert parse(True).check
    assert parse({"arxiv-interval": 0}).arxiv_interval == 0.0
    with pytest.raises(ValueError, match=r"unknown key 'papers\.arxiv-intervall'"):
        parse({"arxiv-intervall": 1})
    with pytest.raises(ValueError, match=r"papers\.crossref-api must be an http"):
        parse({"crossref-api": "ftp://x"})


def test_the_pre_commit_hooks_never_check_papers() -> None:
    hooks = (Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert hooks.count("--no-papers") == 2


def _config(server: RecordServer, tmp_path: Path, check: bool | None = None) -> None:
    bases = "\n".join(
        f'{k} = "{server.origin}"'
        for k in ("arxiv-api", "semantic-scholar-api", "crossref-api", "openreview-api", "dblp-api")
    )
    on = "" if check is None else f"check = {'true' if check else 'false'}\n"
    (tmp_path / ".awesome-lint.toml").write_text(
        f"[papers]\n{on}{bases}\narxiv-interval = 0\nsemantic-scholar-interval = 0\ninterval = 0\n"
        f'allow-networks = ["127.0.0.1/32"]\ncache = "{tmp_path / "cache.sqlite"}"\n',
        encoding="utf-8",
    )
    (tmp_path / "README.md").write_text(SMALL, encoding="utf-8")


def test_check_papers_prints_a_summary_and_json_carries_each_record(tmp_path: Path) -> None:
    from .conftest import run_cli

    with RecordServer(SMALL_STORE) as server:
        _config(server, tmp_path)
        done = run_cli("check", "--papers", "--select", "AL7", "README.md", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "Checked 3 papers" in done.stderr.decode()
        assert "1 published since listed, 1 venue disagrees." in done.stderr.decode()
        assert "AL703" in done.stdout.decode() and "AL702" in done.stdout.decode()
        sent = len(server.requests)
        done = run_cli("check", "--papers", "--format", "json", "--select", "AL7", "README.md", cwd=tmp_path)
        assert len(server.requests) == sent  # the cache answered
        body = json.loads(done.stdout)
        assert [d["code"] for d in body["diagnostics"]] == ["AL703", "AL702"]
        keys = {r["key"]: r for r in body["papers"]}
        assert keys["doi:10.1109/cvpr.2016.90"]["year"] == 2016 and keys["doi:10.1109/cvpr.2016.90"]["cached"]
        assert body["papers_summary"]["requests"] == 0


def test_papers_are_off_unless_asked_and_no_papers_wins_over_the_config(tmp_path: Path) -> None:
    from .conftest import run_cli

    with RecordServer(SMALL_STORE) as server:
        _config(server, tmp_path)
        assert b"AL7" not in run_cli("check", "--select", "AL7", "README.md", cwd=tmp_path).stdout
        _config(server, tmp_path, check=True)
        done = run_cli("check", "--no-papers", "--select", "AL7", "README.md", cwd=tmp_path)
        assert b"AL7" not in done.stdout and b"Checked" not in done.stderr
        assert server.requests == []
        done = run_cli("check", "--select", "AL7", "README.md", cwd=tmp_path)
        assert b"AL703" in done.stdout and server.requests


def test_a_misspelt_papers_key_is_a_one_line_config_error(tmp_path: Path) -> None:
    from .conftest import run_cli

    (tmp_path / ".awesome-lint.toml").write_text("[papers]\nchek = true\n", encoding="utf-8")
    (tmp_path / "README.md").write_text(SMALL, encoding="utf-8")
    done = run_cli("check", "README.md", cwd=tmp_path)
    assert done.returncode == 2
    assert b"unknown key 'papers.chek'" in done.stderr and b"Traceback" not in done.stderr


def test_dblp_is_asked_for_at_most_dblp_limit_titles(tmp_path: Path) -> None:
    rows = "".join(f"| A Paper Without Any Identifier Number {n} | CVPR 2023 |\n" for n in range(5))
    readme = tmp_path / "README.md"
    readme.write_text("| Title | Venue |\n| --- | --- |\n" + rows, encoding="utf-8")
    with RecordServer(SMALL_STORE) as server:
        from awesome_lint.markdown.parser import parse
        from awesome_lint.markdown.source import read

        report = gather([parse(read(str(readme)))], options_for(server, tmp_path, dblp_limit=2))
        assert server.counts() == Counter({"dblp": 2})
    assert len(report.records) == 2


@pytest.mark.parametrize(
    "row",
    [
        "7) DeepSeek-VL2 - a new series of vision-language models featuring dynamic tiling",
        "nnU-Net (paper) (code)",
        "Native Sparse Attention (NSA)",
    ],
)
def test_a_row_that_names_or_describes_a_paper_is_never_another_papers(row: str) -> None:
    records = {
        "7) DeepSeek-VL2 - a new series of vision-language models featuring dynamic tiling": (
            "DeepSeek-VL2: Mixture-of-Experts Vision-Language Models for Advanced Multimodal Understanding"
        ),
        "nnU-Net (paper) (code)": "Automated Design of Deep Learning Methods for Biomedical Image Segmentation",
        "Native Sparse Attention (NSA)": "Native Sparse Attention: Hardware-Aligned and Natively Trainable Sparse Attention",
    }
    assert compare(row, records[row]) is not Verdict.OTHER


def test_an_api_that_refuses_connections_leaves_papers_unconfirmed(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on once this is closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    closed = f"http://127.0.0.1:{port}"
    with RecordServer(SMALL_STORE) as server:
        options = options_for(server, tmp_path, crossref_api=closed, retries=1, use_cache=False)
        readme = tmp_path / "README.md"
        readme.write_text(SMALL, encoding="utf-8")
        outcome = run_papers([str(readme)], options)
    crossref = [d for d in outcome.diagnostics if "doi:10.1109/cvpr.2016.90" in d.message]
    assert [d.code for d in crossref] == ["AL706"]
    assert "Crossref did not answer" in crossref[0].message


def test_a_list_item_whose_first_link_is_a_label_is_compared_by_its_prose_title() -> None:
    from .helpers import link_facts

    facts = link_facts(
        {"papers": {"arxiv:2201.12433": {"title": "FedGCN: Convergence and Communication Tradeoffs", "year": 2022}}}
    )
    good = "- FedGCN: Convergence and Communication Tradeoffs. [[PUB](https://x.org/p)] [[PDF](https://arxiv.org/abs/2201.12433)]\n"
    assert check(good, select=["AL7"], facts=facts) == []
    label_only = "- [[PDF](https://arxiv.org/abs/2201.12433)] FedGCN\n"
    assert check(label_only, select=["AL7"], facts=facts) == []
