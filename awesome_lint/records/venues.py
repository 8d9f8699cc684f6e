"""Venues as lists write them (``CVPR'23``, ``NeurIPS 2022``, ``arXiv``) and as records name them.

Only well-known abbreviations are compared: a venue this module does not know is never said to
disagree with a record, since "ICRA-W" against "ICRA" or a journal's many names would be
guesses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..knowledge.papers import plain, years_named

#: abbreviation (as written by most lists) by its casefolded form
KNOWN = {
    v.casefold(): v
    for v in (
        "CVPR ICCV ECCV WACV BMVC ACCV NeurIPS ICML ICLR AAAI IJCAI COLT AISTATS UAI ACL EMNLP NAACL COLING EACL "
        "CoNLL TACL KDD WWW SIGIR WSDM CIKM RecSys ICDE VLDB SIGMOD ICRA IROS CoRL RSS MICCAI ISBI MIDL TPAMI TIP "
        "IJCV TMLR JMLR TKDE TNNLS TOG SIGGRAPH INTERSPEECH ICASSP ACMMM MM ICME 3DV CHI UIST ICSE FSE ASE ISCA "
        "MICRO HPCA OSDI SOSP NSDI USENIX CCS NDSS LREC ICDM SDM ECIR"
    ).split()
}
#: full names as Semantic Scholar, Crossref and DBLP write them, to their abbreviation
FULL_NAMES = {
    "computer vision and pattern recognition": "CVPR",
    "ieee/cvf conference on computer vision and pattern recognition": "CVPR",
    "international conference on computer vision": "ICCV",
    "ieee/cvf international conference on computer vision": "ICCV",
    "european conference on computer vision": "ECCV",
    "neural information processing systems": "NeurIPS",
    "advances in neural information processing systems": "NeurIPS",
    "international conference on machine learning": "ICML",
    "international conference on learning representations": "ICLR",
    "aaai conference on artificial intelligence": "AAAI",
    "international joint conference on artificial intelligence": "IJCAI",
    "annual meeting of the association for computational linguistics": "ACL",
    "conference on empirical methods in natural language processing": "EMNLP",
    "north american chapter of the association for computational linguistics": "NAACL",
    "knowledge discovery and data mining": "KDD",
    "the web conference": "WWW",
    "international conference on robotics and automation": "ICRA",
    "conference on robot learning": "CoRL",
}
ALIASES = {"nips": "NeurIPS", "neurips": "NeurIPS", "acm mm": "ACMMM", "acmmm": "ACMMM"}
_PREPRINT = re.compile(r"\b(?:arxiv|corr|preprint|biorxiv|medrxiv|ssrn|techrxiv|chemrxiv)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def is_preprint(text: str) -> bool:
    return bool(_PREPRINT.search(text))


def abbreviations(text: str) -> set[str]:
    """The known venue abbreviations a cell or a record's venue names."""
    body = plain(text)
    found = set()
    lowered = body.casefold()
    for name, abbr in FULL_NAMES.items():
        if name in lowered:
            found.add(abbr)
    for alias, abbr in ALIASES.items():
        if re.search(rf"\b{re.escape(alias)}\b", lowered):
            found.add(abbr)
    for word in _WORD.findall(body):
        key = word.casefold()
        if key in KNOWN:
            found.add(KNOWN[key])
        else:  # CVPR2023, ICLR24
            m = re.fullmatch(r"([a-z]+)(?:\d{2}|\d{4})", key)
            if m and m.group(1) in KNOWN:
                found.add(KNOWN[m.group(1)])
    return found


def record_abbreviations(names: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for name in names:
        found |= abbreviations(name)
    return found


def is_workshop(text: str) -> bool:
    return bool(re.search(r"workshop|\bW\b|-W\b|findings", text, re.IGNORECASE))


def cell_year(text: str) -> int | None:
    years = list(years_named(text))
    return years[0] if len(years) == 1 else None


_STYLES = (
    (re.compile(r"^[A-Za-z][A-Za-z0-9]*['’](\d{2})$"), "{abbr}{q}{yy}"),
    (re.compile(r"^[A-Za-z][A-Za-z0-9]* (?:19|20)\d{2}$"), "{abbr} {yyyy}"),
    (re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:19|20)\d{2}$"), "{abbr}{yyyy}"),
    (re.compile(r"^[A-Za-z][A-Za-z0-9]*$"), "{abbr}"),
)


def column_style(cells: Iterable[str]) -> str | None:
    """How a column writes venues (``{abbr}'{yy}``…): the commonest form among its plain cells."""
    seen: Counter[str] = Counter()
    quote = "'"
    for text in cells:
        for pattern, style in _STYLES:
            if pattern.match(text.strip()):
                seen[style] += 1
                if "’" in text:
                    quote = "’"
                break
    if not seen:
        return None
    style = seen.most_common(1)[0][0]
    return style.replace("{q}", quote)


def write(style: str, abbr: str, year: int) -> str:
    return style.format(abbr=abbr, yy=f"{year % 100:02d}", yyyy=str(year))
