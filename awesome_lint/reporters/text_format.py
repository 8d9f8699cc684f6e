"""Human output: ``path:line:col: CODE name message [*]`` and a summary.

``[*]`` marks only what plain ``awesome-lint fix`` fixes; unsafe fixes are counted in the
summary as hidden fixes, as ruff does, so a finding left after ``fix`` never looks fixable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence

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
    return "\n".join(_lines(diagnostics, color, statistics, quiet))


def chunks(
    diagnostics: Sequence[Diagnostic],
    *,
    color: bool | None,
    statistics: bool,
    quiet: bool,
    size: int = 1000,
) -> Iterator[str]:
    """What :func:`render` says, ``size`` lines at a time (no newline after the last line of
    each): the whole output as one string, and a string a line, were most of the memory of a
    check with 50,000 findings."""
    lines: list[str] = []
    for line in _lines(diagnostics, color, statistics, quiet):
        lines.append(line)
        if len(lines) >= size:
            yield "\n".join(lines)
            lines.clear()
    if lines:
        yield "\n".join(lines)


def _lines(diagnostics: Sequence[Diagnostic], color: bool | None, statistics: bool, quiet: bool) -> Iterator[str]:
    if statistics:
        counts = Counter((d.code, d.rule) for d in diagnostics)
        fixable = Counter((d.code, d.rule) for d in diagnostics if safely_fixable(d))
        for (code, rule), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            mark = f" ({fixable[(code, rule)]} fixable)" if fixable[(code, rule)] else ""
            yield f"{count:6d}  {code}  {rule}{mark}"
    else:
        for d in diagnostics:
            where = _style(f"{d.path}:{d.line}:{d.column}:", color, bold=True)
            sev = "red" if d.severity is Severity.ERROR else "yellow"
            code = _style(d.code, color, fg=sev, bold=True)
            mark = " " + _style("[*]", color, fg="cyan") if safely_fixable(d) else ""
            yield f"{where} {code} {d.rule} {d.message}{mark}"
    if not quiet:
        yield summary(diagnostics, color)


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
