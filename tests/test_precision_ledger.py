"""The precision ledger holds: no finding judged false comes back, no finding judged true is lost."""

from __future__ import annotations

from collections import Counter

from .conftest import CORPUS, needs_corpus
from .ledger import VERDICTS, corpus_findings, load_ledger

ENTRIES = load_ledger()


def test_ledger_rows_are_well_formed() -> None:
    assert ENTRIES, "the ledger is empty"
    for e in ENTRIES:
        assert e.verdict in VERDICTS, e
        assert e.reason.strip(), f"{e}: a verdict needs its reason"
        assert e.match.strip() and e.line > 0 and e.code.startswith("AL"), e
    keys = Counter((e.round, e.file, e.line, e.code, e.match) for e in ENTRIES)
    assert [k for k, n in keys.items() if n > 1] == []


@needs_corpus
def test_judged_findings_stay_judged() -> None:
    findings = corpus_findings({e.file for e in ENTRIES})
    assert set(findings) == {e.file for e in ENTRIES if (CORPUS / e.file).is_file()}
    back = [e for e in ENTRIES if e.verdict == "false" and any(e.matches(d) for d in findings[e.file])]
    assert back == [], "findings judged false are reported again"
    lost = [e for e in ENTRIES if e.verdict == "true" and not any(e.matches(d) for d in findings[e.file])]
    assert lost == [], "findings judged true are no longer reported"
    fixed = [e for e in ENTRIES if e.verdict == "open" and not any(e.matches(d) for d in findings[e.file])]
    assert fixed == [], "open false findings no longer fire: mark them false"
