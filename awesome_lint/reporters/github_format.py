"""GitHub Actions workflow commands: findings show up as annotations on the pull request."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..engine.diagnostics import Diagnostic, Severity
from ..markdown.source import Source


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(
    diagnostics: Sequence[Diagnostic],
    *,
    color: bool | None,
    statistics: bool,
    quiet: bool,
    sources: Mapping[str, Source] | None = None,
) -> str:
    lines = []
    for d in diagnostics:
        kind = "error" if d.severity is Severity.ERROR else "warning"
        props = [
            f"file={_prop(d.path)}",
            f"line={d.line}",
            f"col={d.column}",
            f"endLine={d.end_line}",
            f"endColumn={d.end_column}",
            f"title={_prop(f'{d.code} {d.rule}')}",
        ]
        lines.append(f"::{kind} {','.join(props)}::{_data(d.message)}")
    return "\n".join(lines)
