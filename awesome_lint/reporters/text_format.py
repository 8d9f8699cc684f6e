"""Human output: ``path:line:col: CODE name message [*]`` and a summary.

``[*]`` marks only what plain ``awesome-lint fix`` fixes; unsafe fixes are counted in the
summary as hidden fixes, as ruff does, so a finding left after ``fix`` never looks fixable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import click

from ..engine.diagnostics import Applicability, Diagnostic, Severity
from ..markdown.source import Source


def _style(text: str, color: bool | None, **kw: object) -> str:
    return click.style(text, **kw) if color else text  # type: ignore[arg-type]


def safely_fixable(d: Diagnostic) -> bool:
    """What plain ``awesome-lint fix`` fixes: the only findings marked ``[*]``."""
    return d.fix is not None and d.fix.applicability is Applicability.SAFE


def render(
    diagnostics: Sequence[Diagnostic],
    *,
    color: bool | None,
    statistics: bool,
    quiet: bool,
    sources: Mapping[str, Source] | None = None,
) -> str:
    """The findings, one a line; with ``statistics``, only the count per rule (as ruff)."""
    lines = []
    if statistics:
        counts = Counter((d.code, d.rule) for d in diagnostics)
        fixable = Counter((d.code, d.rule) for d in diagnostics if safely_fixable(d))
        for (code, rule), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            mark = f" ({fixable[(code, rule)]} fixable)" if fixable[(code, rule)] else ""
            lines.append(f"{count:6d}  {code}  {rule}{mark}")
    else:
        for d in diagnostics:
            where = _style(f"{d.path}:{d.line}:{d.column}:", color, bold=True)
            sev = "red" if d.severity is Severity.ERROR else "yellow"
            code = _style(d.code, color, fg=sev, bold=True)
            mark = " " + _style("[*]", color, fg="cyan") if safely_fixable(d) else ""
            lines.append(f"{where} {code} {d.rule} {d.message}{mark}")
    if not quiet:
        lines.append(summary(diagnostics, color))
    return "\n".join(lines)


def summary(diagnostics: Sequence[Diagnostic], color: bool | None) -> str:
    if not diagnostics:
        return _style("No problems found.", color, fg="green")
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    fixable = sum(1 for d in diagnostics if safely_fixable(d))
    hidden = sum(1 for d in diagnostics if d.fix is not None and d.fix.applicability is Applicability.UNSAFE)
    files = len({d.path for d in diagnostics})
    parts = [f"Found {len(diagnostics)} problem{'s' if len(diagnostics) != 1 else ''}"]
    parts.append(f" ({errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''})")
    if files > 1:
        parts.append(f" in {files} files")
    parts.append(".")
    if fixable:
        parts.append(f" {fixable} fixable with `awesome-lint fix`.")
    if hidden:
        parts.append(f" {hidden} hidden fix{'es' if hidden != 1 else ''} can be enabled with `--unsafe-fixes`.")
    return _style("".join(parts), color, fg="red" if errors else "yellow")
