"""Build ``corpus.json``: records, in each API's documented shape, for real corpus rows.

This machine cannot reach the APIs, so the records are made from the rows themselves: for
most rows the record says what the row says (its title; the venue and year its venue cell
names; arXiv's first version in the year the identifier encodes). Some carry a defect as it
occurs in practice, planted in the record so that the row (real text) is the one in error:

* published: the row says arXiv, the record says a conference a year after the preprint;
* older-title: the row's title is an older version's (the record's title was reworded);
* venue: the row names one conference, the record another of the same year;
* wrong-id: the row's arXiv id is another corpus paper's (the record has that paper's title);
* year: the row is filed under a year two years before its first version.

Run from the repository's root: ``python tests/data/records/build.py``. Deterministic.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from awesome_lint.knowledge.papers import cell_at, entries, plain, venue_column, year_column, years_named
from awesome_lint.markdown.parser import parse
from awesome_lint.markdown.source import read
from awesome_lint.records import venues
from awesome_lint.records.assess import _title_place
from awesome_lint.records.match import Verdict, compare

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"
FILES = [
    "BBBBchan__Awesome-Semi-Supervised-Semantic-Segmentation.md",
    "CHIANGEL__Awesome-LLM-for-RecSys.md",
    "ChenHsing__Awesome-Video-Diffusion-Models.md",
    "Jack-bo1220__Awesome-Remote-Sensing-Foundation-Models.md",
    "Kedreamix__Awesome-Talking-Head-Synthesis.md",
    "KwanWaiPang__Awesome-Learning-based-VO-VIO.md",
    "he-y__Awesome-Pruning.md",
    "jianzongwu__Awesome-Open-Vocabulary.md",
    "subeeshvasu__Awesome-Deblurring.md",
    "yingchengyang__Reinforcement-Learning-Papers.md",
    "youngfish42__Awesome-FL.md",
    "yueliu1999__Awesome-Jailbreak-on-LLMs.md",
]
PER_FILE = 10
OTHER = {
    "CVPR": "ICCV",
    "ICCV": "CVPR",
    "ECCV": "CVPR",
    "NeurIPS": "ICML",
    "ICML": "NeurIPS",
    "ICLR": "NeurIPS",
    "AAAI": "IJCAI",
    "IJCAI": "AAAI",
    "KDD": "WWW",
    "WWW": "KDD",
    "SIGIR": "KDD",
    "ACL": "EMNLP",
    "EMNLP": "ACL",
}
FULL = {v: k for k, v in venues.FULL_NAMES.items() if not k.startswith("ieee")}


def id_year(ident: str) -> int:
    m = re.match(r"(\d{2})\d{2}\.", ident)
    if m:
        return 2000 + int(m.group(1))
    m = re.search(r"/(\d{2})", ident)
    assert m
    return (1900 if int(m.group(1)) > 90 else 2000) + int(m.group(1))


def arxiv_entry(ident: str, title: str, year: int) -> dict[str, Any]:
    return {
        "id": f"http://arxiv.org/abs/{ident}v2",
        "published": f"{year}-03-14T17:59:58Z",
        "updated": f"{year}-06-01T10:00:00Z",
        "title": title,
        "summary": "Abstract omitted.",
        "authors": ["A. Author", "B. Author"],
    }


def s2_paper(ident: str, title: str, abbr: str | None, venue_text: str, year: int) -> dict[str, Any]:
    paper: dict[str, Any] = {
        "paperId": f"{abs(hash(ident)) % 16**40:040x}",
        "externalIds": {"ArXiv": ident},
        "title": title,
        "year": year,
        "publicationDate": f"{year}-06-18",
    }
    if abbr is None and not venue_text:
        paper["venue"] = "arXiv.org"
        paper["publicationVenue"] = {
            "id": "1901e811-ee72-4b20-8f7e-de08cd395a10",
            "name": "arXiv.org",
            "alternate_names": ["ArXiv"],
            "issn": "2331-8422",
            "type": "repository",
        }
    elif abbr is None:
        paper["venue"] = venue_text
        paper["publicationVenue"] = None
    else:
        name = FULL.get(abbr, abbr)
        paper["venue"] = name
        paper["publicationVenue"] = {
            "id": f"venue-{abbr.lower()}",
            "name": name,
            "type": "conference",
            "alternate_names": [abbr],
        }
    return paper


def main() -> None:
    store: dict[str, dict[str, Any]] = {"arxiv": {}, "semantic-scholar": {}}
    planted: list[dict[str, str]] = []
    rows: list[dict[str, Any]] = []
    for name in FILES:
        doc = parse(read(str(CORPUS / name)))
        picked = 0
        for entry in entries(doc):
            if picked >= PER_FILE or entry.row is None or entry.table is None or not entry.title:
                continue
            arxiv = [i[6:] for i in entry.ids if i.startswith("arxiv:")]
            place = _title_place(doc, entry)
            cell = cell_at(entry.row, venue_column(entry.table))
            if len(entry.ids) != 1 or not arxiv or place is None or cell is None:
                continue
            ident, first = arxiv[0], id_year(arxiv[0])
            text = plain(cell.text)
            row_year = entry.table.year
            ycell = cell_at(entry.row, year_column(entry.table))
            if ycell is not None and len(years_named(ycell.text)) == 1:
                row_year = next(iter(years_named(ycell.text)))
            named = sorted(venues.abbreviations(text))
            cell_year = venues.cell_year(text)
            year = cell_year or row_year or first
            if row_year is not None and not (first <= row_year <= max(year, first)):
                continue  # the corpus row disagrees with arXiv already: not a clean "matching" row
            if year < first:
                continue
            rows.append(
                {
                    "file": name,
                    "ident": ident,
                    "title": place[0],
                    "text": text,
                    "named": named,
                    "first": first,
                    "year": year,
                    "row_year": row_year,
                }
            )
            picked += 1
    kinds = ["published", "older-title", "venue", "wrong-id", "year"]
    turn = 0
    by_file: dict[str, int] = {}
    for n, row in enumerate(rows):
        ident, title, first, year, text = row["ident"], row["title"], row["first"], row["year"], row["text"]
        abbr = row["named"][0] if len(row["named"]) == 1 else None
        preprint = venues.is_preprint(text)
        kind = None
        if n % 5 == 2 and by_file.get(row["file"], 0) < 2:
            for k in kinds[turn:] + kinds[:turn]:
                if (k == "published" and preprint and not row["named"]) or (
                    k == "venue" and abbr in OTHER and not venues.is_workshop(text)
                ):
                    kind = k
                elif k == "older-title":
                    older = title.replace(":", " via", 1) if ":" in title else "Towards " + title.rsplit(" ", 1)[0]
                    if compare(title, older) is Verdict.DIFFERS:
                        kind = k
                elif k == "wrong-id" or (
                    k == "year" and row["row_year"] is not None and venues.cell_year(text) is None
                ):
                    kind = k
                if kind:
                    turn = (kinds.index(kind) + 1) % len(kinds)
                    break
        record_title, s2_abbr, s2_text, s2_year, arxiv_year = title, abbr, "" if preprint else text, year, first
        if preprint:
            s2_abbr, s2_text, s2_year = None, "", first
        code = ""
        if kind == "published":
            s2_abbr, s2_year, code = "CVPR", first + 1, "AL703"
        elif kind == "older-title":
            record_title, code = title, "AL701"
            # the record has the current title; the row keeps the older one: served reworded
            record_title = title.replace(":", " via", 1) if ":" in title else "Towards " + title.rsplit(" ", 1)[0]
        elif kind == "venue":
            s2_abbr, code = OTHER[abbr], "AL702"  # type: ignore[index]
        elif kind == "wrong-id":
            other = rows[(n + len(rows) // 2) % len(rows)]["title"]
            if compare(title, other) is not Verdict.OTHER:
                kind = None
            else:
                record_title, code = other, "AL705"
        elif kind == "year":
            arxiv_year = row["row_year"] + 2
            s2_year, code = max(s2_year, arxiv_year) if not preprint else arxiv_year, "AL704"
        if kind:
            by_file[row["file"]] = by_file.get(row["file"], 0) + 1
            planted.append({"file": row["file"], "key": f"arxiv:{ident}", "kind": kind, "code": code})
        store["arxiv"][ident] = arxiv_entry(ident, record_title, arxiv_year)
        store["semantic-scholar"][f"ARXIV:{ident}"] = s2_paper(ident, record_title, s2_abbr, s2_text, s2_year)
    out = {
        "rows": [{k: r[k] for k in ("file", "ident", "title", "text")} for r in rows],
        "planted": planted,
        "store": store,
    }
    Path(__file__).with_name("corpus.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(len(rows), "rows,", len(planted), "planted:", sorted({p["kind"] for p in planted}))


if __name__ == "__main__":
    main()
