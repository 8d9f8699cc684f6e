"""Machine output. The schema is stable: CI scripts parse it.

A JSON array; one object per diagnostic with ``path``, ``line``, ``column``, ``end_line``,
``end_column`` (1-based), ``code``, ``rule``, ``severity``, ``message``, ``fixable`` and
``fix`` (``null``, or ``{"applicability": "safe"|"unsafe", "edits": [{"start", "end",
"content"}]}`` with character offsets into the file's text).

With ``--links`` the output is an object instead: ``{"diagnostics": [...as above...],
"links": [...], "summary": {...}}``, one entry per checked URL with its ``verdict``,
``status``, ``final_url``, ``detail``, ``cached``, ``archived`` and ``locations``.

With ``--papers`` it is an object too, with ``"papers"``: each record found (``key``, ``found``,
``title``, ``venue``, ``venue_names``, ``year``, ``first_year``, ``sources``, ``problem``,
``cached``) and ``"papers_summary"``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..engine.diagnostics import Diagnostic
from ..markdown.source import Source

if TYPE_CHECKING:
    from ..links.gather import LinkReport
    from ..records.gather import PaperReport


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
    links: LinkReport | None = None,
    papers: PaperReport | None = None,
) -> str:
    found = [as_dict(d) for d in diagnostics]
    if papers is not None:
        body = json.loads(render(diagnostics, color=color, statistics=statistics, quiet=quiet, links=links))
        if isinstance(body, list):
            body = {"diagnostics": body}
        body["papers"] = [r.as_json() for r in papers.records.values()]
        body["papers_summary"] = {
            "papers": papers.papers,
            "records": len(papers.records),
            "requests": papers.requests,
            "requests_by_source": dict(papers.requests_by_source),
            "seconds": round(papers.seconds, 3),
        }
        return json.dumps(body, indent=2, ensure_ascii=False)
    if links is None:
        return json.dumps(found, indent=2, ensure_ascii=False)
    checked = [
        {
            "url": r.url,
            "verdict": r.verdict.value,
            "status": r.status,
            "final_url": r.final_url,
            "detail": r.detail,
            "cached": r.cached,
            "archived": r.archived,
            "locations": [vars(loc) for loc in links.locations.get(url, [])],
        }
        for url, r in links.results.items()
    ]
    summary = {
        "checked": len(links.results),
        "requests": links.requests,
        "seconds": round(links.seconds, 3),
        "unchanged": links.unchanged,
        "excluded": links.excluded,
        "verdicts": {v.value: n for v, n in links.counts.items()},
    }
    return json.dumps({"diagnostics": found, "links": checked, "summary": summary}, indent=2, ensure_ascii=False)
