"""Machine output. The schema is stable: CI scripts parse it.

A JSON array; one object per diagnostic with ``path``, ``line``, ``column``, ``end_line``,
``end_column`` (1-based), ``code``, ``rule``, ``severity``, ``message``, ``fixable`` and
``fix`` (``null``, or ``{"applicability": "safe"|"unsafe", "edits": [{"start", "end",
"content"}]}`` with character offsets into the file's text).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..diagnostics import Diagnostic
from ..source import Source


def as_dict(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message,
        "fixable": d.fixable,
        "fix": None
        if d.fix is None
        else {
            "applicability": d.fix.applicability.value,
            "edits": [{"start": e.start, "end": e.end, "content": e.content} for e in d.fix.edits],
        },
    }


def render(
    diagnostics: Sequence[Diagnostic],
    *,
    color: bool | None,
    statistics: bool,
    quiet: bool,
    sources: Mapping[str, Source] | None = None,
) -> str:
    return json.dumps([as_dict(d) for d in diagnostics], indent=2, ensure_ascii=False)
