"""GitLab's code-quality report: the Code Climate JSON that a merge request widget reads.

GitLab reads ``description``, ``check_name``, ``fingerprint``, ``severity`` and
``location.path`` with ``location.lines.begin``. The fingerprint identifies a finding across
commits, so a merge request shows only the findings it introduces or resolves: it is made
from the path, the rule and the message (and which occurrence of that message it is), not
the line number, so editing lines above a finding does not make it look new.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ..engine.diagnostics import Diagnostic, Severity
from ..markdown.source import Source

# Code Climate severities: info, minor, major, critical, blocker
SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def render(
    diagnostics: Sequence[Diagnostic],
    *,
    color: bool | None,
    statistics: bool,
    quiet: bool,
    sources: Mapping[str, Source] | None = None,
) -> str:
    seen: Counter[tuple[str, str, str]] = Counter()
    issues: list[dict[str, Any]] = []
    for d in diagnostics:
        key = (d.path, d.code, d.message)
        seen[key] += 1
        identity = "\0".join((*key, str(seen[key])))
        issues.append(
            {
                "type": "issue",
                "check_name": f"{d.code} {d.rule}",
                "description": f"{d.code} {d.rule}: {d.message}",
                "categories": ["Style"],
                "severity": SEVERITY[d.severity],
                "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest(),
                "location": {"path": d.path, "lines": {"begin": d.line, "end": d.end_line}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False)
