"""A Markdown summary for ``$GITHUB_STEP_SUMMARY``: counts per rule and the first findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..diagnostics import Diagnostic, Severity
from ..source import Source

SHOWN = 50


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(diagnostics: Sequence[Diagnostic], *, sources: Mapping[str, Source] | None = None) -> str:
    files = len(sources or {}) or len({d.path for d in diagnostics})
    if not diagnostics:
        return f"## awesome-lint\n\nNo problems found in {files} file{'s' if files != 1 else ''}. ✅\n"
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    lines = [
        "## awesome-lint",
        "",
        f"**{len(diagnostics)} problems** ({errors} errors, {len(diagnostics) - errors} warnings) "
        f"in {files} file{'s' if files != 1 else ''}.",
        "",
        "| Rule | Findings | Fixable |",
        "| --- | --- | --- |",
    ]
    counts = Counter((d.code, d.rule) for d in diagnostics)
    fixable = Counter((d.code, d.rule) for d in diagnostics if d.fixable)
    for (code, rule), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| {code} {rule} | {count} | {fixable[(code, rule)]} |")
    lines += ["", "| Where | Rule | Message |", "| --- | --- | --- |"]
    for d in diagnostics[:SHOWN]:
        lines.append(f"| `{d.path}:{d.line}:{d.column}` | {d.code} | {_cell(d.message)} |")
    if len(diagnostics) > SHOWN:
        lines.append(f"\n…and {len(diagnostics) - SHOWN} more.")
    if any(d.fixable for d in diagnostics):
        lines.append("\nRun `awesome-lint fix` to fix what can be fixed safely.")
    return "\n".join(lines) + "\n"
