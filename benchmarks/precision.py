"""Precision of the default rules on the corpus, read against the ledger of judged findings.

    .venv/bin/python benchmarks/precision.py                 # findings per rule per list, and the ledger's table
    .venv/bin/python benchmarks/precision.py sample AL201 12  # a judging sheet: 12 findings with their context

The ledger (``tests/data/precision-ledger.tsv``) records findings read one by one against the
source: ``true`` (a maintainer would fix it), ``debatable`` (a matter of the list's taste) or
``false`` (the tool misunderstood the list), with the reason. Its rounds are successive
readings: the table counts every round (a finding read twice, by its latest verdict), and
every row is a regression guard (``tests/test_precision_ledger.py``: a finding judged false
never comes back, a true one is never lost).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awesome_lint.engine import registry  # noqa: E402
from awesome_lint.engine.diagnostics import Diagnostic  # noqa: E402
from tests.ledger import CORPUS, Entry, corpus_findings, load_ledger  # noqa: E402


def table(findings: dict[str, list[Diagnostic]], entries: list[Entry]) -> list[tuple[str, ...]]:
    """Per rule: how often it fires now, and of the judged findings that still fire (every
    round; a finding read twice counts once, with its latest verdict), how many are true,
    debatable, false (``open``); judged false and no longer fired are counted apart, as fixed."""
    fired: Counter[str] = Counter(d.code for ds in findings.values() for d in ds)
    names = {d.code: d.rule for ds in findings.values() for d in ds}
    names.update({r.code: r.name for r in registry.load().rules})
    verdicts: dict[str, Counter[str]] = defaultdict(Counter)
    fixed: Counter[str] = Counter()
    latest: dict[tuple[str, int, str, str], Entry] = {}
    for e in entries:
        key = (e.file, e.line, e.code, e.match)
        if key not in latest or e.round >= latest[key].round:
            latest[key] = e
    for e in latest.values():
        if e.verdict == "false":
            fixed[e.code] += 1
        elif any(e.matches(d) for d in findings.get(e.file, [])):
            verdicts[e.code]["false" if e.verdict == "open" else e.verdict] += 1
    rows = []
    for code in sorted(set(fired) | set(verdicts) | set(fixed)):
        v = verdicts[code]
        judged = sum(v.values())
        good = v["true"] + v["debatable"]
        share = f"{100 * good / judged:.0f} %" if judged else "-"
        rows.append(
            (
                code,
                names.get(code, "?"),
                str(fired[code]),
                str(judged),
                str(v["true"]),
                str(v["debatable"]),
                str(v["false"]),
                share,
                str(fixed[code]),
            )
        )
    return rows


def sample(findings: dict[str, list[Diagnostic]], code: str, n: int, seed: int, fresh: bool = False) -> None:
    """Print ``n`` random findings of ``code`` with their context; ``fresh``: only findings the
    ledger has not judged yet (a new round reads new findings)."""
    judged = load_ledger() if fresh else []
    pool = [
        (name, d)
        for name, ds in findings.items()
        for d in ds
        if d.code == code and not any(e.file == name and e.matches(d) for e in judged)
    ]
    random.Random(seed).shuffle(pool)
    for name, d in sorted(pool[:n], key=lambda p: (p[0], p[1].line)):
        lines = (CORPUS / name).read_text(encoding="utf-8", errors="replace").splitlines()
        print(f"=== {name}\t{d.line}\t{d.code}\t{d.message}")
        for i in range(max(0, d.line - 4), min(len(lines), d.line + 3)):
            mark = ">>" if i + 1 == d.line else "  "
            print(f"{mark}{i + 1:5d}| {lines[i][:400]}")
    print(f"({min(n, len(pool))} of {len(pool)} {code} findings)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")
    s = sub.add_parser("sample", help="print a judging sheet for one rule")
    s.add_argument("code")
    s.add_argument("n", type=int, nargs="?", default=10)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--fresh", action="store_true", help="only findings the ledger has not judged yet")
    args = parser.parse_args()
    findings = corpus_findings()
    if args.command == "sample":
        sample(findings, args.code.upper(), args.n, args.seed, args.fresh)
        return 0
    per_list: dict[str, Counter[str]] = defaultdict(Counter)
    for name, ds in findings.items():
        for d in ds:
            per_list[d.code][name] += 1
    print("Findings per rule per list (default rules)\n")
    for code in sorted(per_list):
        counts = ", ".join(f"{name.removesuffix('.md')} {n}" for name, n in per_list[code].most_common())
        print(f"{code} ({sum(per_list[code].values())}): {counts}\n")
    entries = load_ledger()
    print("| code | rule | fired | judged | true | debatable | false | true or debatable | false, fixed since |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in table(findings, entries):
        print("| " + " | ".join(row) + " |")
    still = [e for e in entries if e.verdict == "false" and any(e.matches(d) for d in findings.get(e.file, []))]
    open_ = [e for e in entries if e.verdict == "open"]
    print(f"\nfindings judged false that still fire: {len(still)}; open (false, not fixed yet): {len(open_)}")
    for e in open_:
        print(f"  open: {e.file}:{e.line} {e.code} {e.reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
