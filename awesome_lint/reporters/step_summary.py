"""A Markdown summary for ``$GITHUB_STEP_SUMMARY``: counts per rule, the first findings, and,
when links were checked, what was checked and every link that is not plainly alive."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..engine.diagnostics import Diagnostic, Severity
from ..markdown.source import Source
from .text_format import safely_fixable

if TYPE_CHECKING:
    from ..links.gather import LinkReport

SHOWN = 50


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(
    diagnostics: Sequence[Diagnostic], *, sources: Mapping[str, Source] | None = None, links: LinkReport | None = None
) -> str:
    files = len(sources or {}) or len({d.path for d in diagnostics})
    if not diagnostics:
        lines = ["## awesome-lint", "", f"No problems found in {files} file{'s' if files != 1 else ''}. ✅"]
        return "\n".join(lines + _links(links)) + "\n"
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    lines = [
        "## awesome-lint",
        "",
        f"**{len(diagnostics)} problem{'s' if len(diagnostics) != 1 else ''}** ({_count(errors, 'error')}, "
        f"{_count(len(diagnostics) - errors, 'warning')}) "
        f"in {files} file{'s' if files != 1 else ''}.",
        "",
        "| Rule | Findings | Fixable |",
        "| --- | --- | --- |",
    ]
    counts = Counter((d.code, d.rule) for d in diagnostics)
    fixable = Counter((d.code, d.rule) for d in diagnostics if safely_fixable(d))
    for (code, rule), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| {code} {rule} | {count} | {fixable[(code, rule)]} |")
    lines += ["", "| Where | Rule | Message |", "| --- | --- | --- |"]
    for d in diagnostics[:SHOWN]:
        lines.append(f"| `{d.path}:{d.line}:{d.column}` | {d.code} | {_cell(d.message)} |")
    if len(diagnostics) > SHOWN:
        lines.append(f"\n…and {len(diagnostics) - SHOWN} more.")
    if any(safely_fixable(d) for d in diagnostics):
        lines.append("\nRun `awesome-lint fix` to fix what can be fixed safely.")
    return "\n".join(lines + _links(links)) + "\n"


def _links(report: LinkReport | None) -> list[str]:
    """What the link check covered (how many, from the cache, left out as unchanged) and the
    links that are not alive, with their verdict and where they are."""
    if report is None:
        return []
    from ..links import Verdict

    lines = ["", "### Links", "", report.summary()]
    troubled = [(url, r) for url, r in report.results.items() if r.verdict is not Verdict.ALIVE]
    if troubled:
        lines += ["", "| Link | Verdict | Why | Where |", "| --- | --- | --- | --- |"]
        for url, r in troubled[:SHOWN]:
            where = ", ".join(f"`{loc.path}:{loc.line}`" for loc in report.locations.get(url, [])[:3])
            lines.append(f"| {_cell(r.url)} | {r.verdict.value} | {_cell(r.detail)} | {where} |")
        if len(troubled) > SHOWN:
            lines.append(f"\n…and {len(troubled) - SHOWN} more.")
    return lines
