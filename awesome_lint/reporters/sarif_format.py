"""SARIF 2.1.0 for GitHub code scanning: rules with help links, results with regions, fixes.

Columns are Unicode code points (``columnKind``); fix regions are given by line and column,
which stay right for CRLF files, rather than by character offset.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from .. import __version__
from ..engine.diagnostics import Diagnostic, Severity
from ..markdown.source import Source

INFORMATION_URI = "https://github.com/awesome-lint/awesome-lint"
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def help_uri(name: str) -> str:
    return f"{INFORMATION_URI}/blob/main/rules/{name}.md"


def _descriptors(diagnostics: Sequence[Diagnostic]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    from ..engine.registry import load

    registry = load()
    codes = sorted({d.code for d in diagnostics})
    rules: list[dict[str, Any]] = []
    index = {}
    for code in codes:
        rule = registry.get(code)
        sample = next(d for d in diagnostics if d.code == code)
        name = rule.name if rule else sample.rule
        index[code] = len(rules)
        rules.append(
            {
                "id": code,
                "name": name,
                "shortDescription": {"text": rule.summary if rule else name},
                "helpUri": help_uri(name) if rule else f"{INFORMATION_URI}#readme",
                "defaultConfiguration": {"level": (rule.severity if rule else sample.severity).value},
            }
        )
    return rules, index


def _fix(d: Diagnostic, sources: Mapping[str, Source]) -> dict[str, Any] | None:
    source = sources.get(d.path)
    if d.fix is None or source is None:
        return None
    replacements = []
    for edit in d.fix.edits:
        start = source.position(edit.start)
        end = source.position(edit.end)
        replacements.append(
            {
                "deletedRegion": {
                    "startLine": start.line,
                    "startColumn": start.column,
                    "endLine": end.line,
                    "endColumn": end.column,
                },
                "insertedContent": {"text": edit.content},
            }
        )
    return {
        "description": {"text": f"{d.rule} ({d.fix.applicability.value} fix)"},
        "artifactChanges": [{"artifactLocation": {"uri": d.path}, "replacements": replacements}],
    }


def render(
    diagnostics: Sequence[Diagnostic],
    *,
    color: bool | None,
    statistics: bool,
    quiet: bool,
    sources: Mapping[str, Source] | None = None,
) -> str:
    rules, index = _descriptors(diagnostics)
    results = []
    for d in diagnostics:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": "error" if d.severity is Severity.ERROR else "warning",
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": d.path},
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": d.end_line,
                            "endColumn": d.end_column,
                        },
                    }
                }
            ],
        }
        fix = _fix(d, sources or {})
        if fix is not None:
            result["fixes"] = [fix]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "awesome-lint",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": [{"location": {"uri": p}} for p in (sources or {})],
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)
