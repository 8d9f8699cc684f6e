"""JUnit XML for CI systems that show test reports.

One test suite per checked file; one test case per finding (an error fails it, a warning
passes with the finding in ``system-out``); a file without findings has one passing case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from xml.etree import ElementTree as ET

from ..engine.diagnostics import Diagnostic, Severity
from ..markdown.source import Source


def _line(d: Diagnostic) -> str:
    return f"{d.path}:{d.line}:{d.column}: {d.code} {d.rule} {d.message}"


def render(
    diagnostics: Sequence[Diagnostic],
    *,
    color: bool | None,
    statistics: bool,
    quiet: bool,
    sources: Mapping[str, Source] | None = None,
) -> str:
    by_path: dict[str, list[Diagnostic]] = {p: [] for p in (sources or {})}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    total_tests = sum(max(1, len(found)) for found in by_path.values())
    total_failures = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    root = ET.Element("testsuites", name="awesome-lint", tests=str(total_tests), failures=str(total_failures))
    for path, found in by_path.items():
        failures = sum(1 for d in found if d.severity is Severity.ERROR)
        suite = ET.SubElement(
            root, "testsuite", name=path, tests=str(max(1, len(found))), failures=str(failures), errors="0"
        )
        if not found:
            ET.SubElement(suite, "testcase", classname=path, name="awesome-lint")
        for d in found:
            case = ET.SubElement(suite, "testcase", classname=path, name=f"{d.code} {d.rule} at {d.line}:{d.column}")
            if d.severity is Severity.ERROR:
                failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
                failure.text = _line(d)
            else:
                ET.SubElement(case, "system-out").text = "warning: " + _line(d)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
