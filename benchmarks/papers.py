"""Time paper-record checking on a 1,000-paper list against local record servers.

    python benchmarks/papers.py                 # 1,000 papers: 700 arXiv, 200 DOI, 100 OpenReview
    python benchmarks/papers.py --papers 5000
    python benchmarks/papers.py --thresholds    # how the title thresholds fare on the corpus

Serves every record from the test suite's record server on 127.0.0.1 (answers in each API's
documented shape, tests/recordserver.py), with the spacing between requests set to 0 (in
production arXiv's 3 s between batches dominates: ``ceil(arXiv ids / 100) x 3 s``). Prints the
requests each source got, the ideal (``ceil(N / batch)``), the time of a cold and of a warm run
(the warm one answered by the cache alone), and the findings. Nothing is asserted here.
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from awesome_lint.markdown.parser import parse  # noqa: E402
from awesome_lint.markdown.source import Source  # noqa: E402
from awesome_lint.records.gather import gather  # noqa: E402
from awesome_lint.records.options import PaperOptions  # noqa: E402
from tests.recordserver import RecordServer  # noqa: E402

WORDS = "neural sparse attention graph video diffusion robust learning efficient scalable".split()


def title(n: int) -> str:
    words = [WORDS[(n // 10**i) % len(WORDS)].capitalize() for i in range(4)]
    return f"{' '.join(words)} Model Number {n}"


def build(n: int) -> tuple[str, dict[str, dict[str, object]]]:
    store: dict[str, dict[str, object]] = {"arxiv": {}, "semantic-scholar": {}, "crossref": {}, "openreview": {}}
    rows = ["# Papers", "", "## 2023", "", "| Title | Venue | Code |", "| --- | --- | --- |"]
    for i in range(n):
        t = title(i)
        if i % 10 < 7:
            ident = f"2301.{i:05d}"
            link = f"https://arxiv.org/abs/{ident}"
            store["arxiv"][ident] = {
                "id": f"http://arxiv.org/abs/{ident}v1",
                "published": "2023-01-10T00:00:00Z",
                "updated": "2023-01-10T00:00:00Z",
                "title": t,
            }
            published = i % 20 == 0
            store["semantic-scholar"][f"ARXIV:{ident}"] = {
                "paperId": f"{i:040x}",
                "title": t,
                "year": 2023,
                "venue": "Computer Vision and Pattern Recognition" if published else "arXiv.org",
                "publicationVenue": {"name": "Computer Vision and Pattern Recognition", "alternate_names": ["CVPR"]}
                if published
                else {"name": "arXiv.org", "alternate_names": ["ArXiv"], "type": "repository"},
            }
            venue = "arXiv'23"
        elif i % 10 < 9:
            doi = f"10.1000/bench.{i}"
            link = f"https://doi.org/{doi}"
            store["crossref"][doi] = {
                "DOI": doi,
                "title": [t],
                "container-title": ["Computer Vision and Pattern Recognition (CVPR)"],
                "published": {"date-parts": [[2023, 6]]},
                "type": "proceedings-article",
            }
            venue = "CVPR'23"
        else:
            forum = f"bench{i:06d}"
            link = f"https://openreview.net/forum?id={forum}"
            store["openreview"][forum] = {
                "id": forum,
                "content": {"title": {"value": t}, "venue": {"value": "ICLR 2023 poster"}},
            }
            venue = "ICLR'23"
        rows.append(f"| [{t}]({link}) | {venue} | - |")
    return "\n".join(rows) + "\n", store


def thresholds() -> None:
    """Title verdicts on the corpus: pairs of rows that give one identifier two titles (mostly
    one paper written two ways, some real copy-paste errors), and random pairs of different
    identifiers (different papers)."""
    import random
    from collections import Counter, defaultdict

    from awesome_lint.knowledge.papers import entries
    from awesome_lint.markdown.source import read
    from awesome_lint.records.assess import _title_place
    from awesome_lint.records.match import compare, normalise, similarity

    by_id: dict[str, set[str]] = defaultdict(set)
    for path in sorted((ROOT.parent / "shared" / "corpus").glob("*.md")):
        doc = parse(read(str(path)))
        for entry in entries(doc):
            place = _title_place(doc, entry) if entry.title else None
            for ident in entry.ids if place else ():
                by_id[ident].add(place[0])  # type: ignore[index]
    same = [
        (a, b)
        for titles in by_id.values()
        for i, a in enumerate(sorted(titles))
        for b in sorted(titles)[i + 1 :]
        if normalise(a) != normalise(b)
    ]
    firsts = [min(t) for t in by_id.values()]
    rng = random.Random(0)
    other = [(rng.choice(firsts), rng.choice(firsts)) for _ in range(20000)]
    other = [(a, b) for a, b in other if normalise(a) != normalise(b)]
    for name, pairs in (("one identifier, two titles", same), ("different identifiers", other)):
        counts = Counter(compare(a, b).value for a, b in pairs)
        top = max(similarity(a, b) for a, b in pairs)
        print(f"{name}: {len(pairs):,} pairs, {dict(counts)}, highest similarity {top:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--papers", type=int, default=1000)
    ap.add_argument("--thresholds", action="store_true", help="title verdicts on the corpus instead")
    args = ap.parse_args()
    if args.thresholds:
        thresholds()
        return
    text, store = build(args.papers)
    doc = parse(Source.from_text(text, "README.md"))
    with RecordServer(store) as server, tempfile.TemporaryDirectory() as tmp:
        options = PaperOptions(
            check=True,
            arxiv_api=server.origin,
            semantic_scholar_api=server.origin,
            crossref_api=server.origin,
            openreview_api=server.origin,
            dblp_api=server.origin,
            arxiv_interval=0.0,
            semantic_scholar_interval=0.0,
            interval=0.0,
            allow_networks=(ipaddress.ip_network("127.0.0.0/8"),),
            cache=str(Path(tmp) / "cache.sqlite"),
        )
        started = time.perf_counter()
        cold = gather([doc], options)
        cold_s = time.perf_counter() - started
        counts = server.counts()
        started = time.perf_counter()
        warm = gather([doc], options)
        warm_s = time.perf_counter() - started
    ids = {
        "arxiv": len(store["arxiv"]),
        "semantic-scholar": len(store["arxiv"]) + len(store["crossref"]),
        "crossref": len(store["crossref"]),
        "openreview": len(store["openreview"]),
    }
    batch = {"arxiv": 100, "semantic-scholar": 500, "crossref": 100, "openreview": 100}
    print(f"{args.papers:,} papers ({cold.papers:,} entries with an identifier)")
    print(f"{'source':<18} {'ids':>6} {'requests':>9} {'ideal':>6}")
    for source, n in ids.items():
        print(f"{source:<18} {n:>6} {counts[source]:>9} {math.ceil(n / batch[source]):>6}")
    published = sum(1 for r in cold.records.values() if r.venue)
    print(f"cold run {cold_s:.2f} s, {cold.requests} requests; warm run {warm_s:.2f} s, {warm.requests} requests")
    print(f"records with a venue: {published:,}; arXiv spacing in production adds {3 * (counts['arxiv'] - 1)} s")


if __name__ == "__main__":
    main()
