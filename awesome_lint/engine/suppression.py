"""Inline suppression comments.

Ours::

    <!-- awesome-lint-disable [rule ...] -->       from this line on (all rules when none named)
    <!-- awesome-lint-enable [rule ...] -->
    <!-- awesome-lint-disable-next-line [rule ...] -->
    <!-- awesome-lint-disable-file [rule ...] -->

and the Node awesome-lint (remark-message-control) ones, so lists that use them keep working::

    <!--lint disable [rule ...]-->   <!--lint enable [rule ...]-->   <!--lint ignore [rule ...]-->

``lint ignore`` covers the next block (up to the next blank line), as remark's "next node" does.
Rules are named by code, name, or another tool's name for them (``Rule.aliases``); a Node
rule name we have no equivalent for is ignored, as it is meant for the Node tool.
"""

from __future__ import annotations

import re

from ..markdown.model import Document
from ..util import lazyre
from ..util.values import value
from .diagnostics import Diagnostic
from .registry import Registry

_OURS = lazyre.compile(r"^\s*awesome-lint-(disable-next-line|disable-file|disable|enable)\b(.*)$", re.DOTALL)
_NODE = lazyre.compile(r"^\s*lint\s+(disable|enable|ignore)\b(.*)$", re.DOTALL)

ALL = "*"


@value
class _Directive:
    line: int  # 0-based line where it takes effect
    action: str  # disable | enable | only (a line range)
    codes: frozenset[str]  # ALL for every rule
    until: int = -1  # for "only": last line covered


def _codes(names: str, registry: Registry, strict: bool) -> frozenset[str] | None:
    words = [w for w in re.split(r"[\s,]+", names.strip()) if w]
    if not words:
        return frozenset({ALL})
    codes = set()
    for word in words:
        rule = registry.find_alias(word)
        if rule is not None:
            codes.add(rule.code)
        elif strict:
            codes.add(word.upper())  # unknown: keeps nothing else from being suppressed
    return frozenset(codes) if codes else None


class Suppressions:
    def __init__(self, doc: Document, registry: Registry) -> None:
        self.file_codes: set[str] = set()
        self.directives: list[_Directive] = []
        src = doc.source
        for comment in doc.comments:
            body = comment.body
            first = src.line_index(comment.span.start)
            last = src.line_index(max(comment.span.end - 1, comment.span.start))
            if m := _OURS.match(body):
                kind, names = m.group(1), m.group(2)
                codes = _codes(names, registry, strict=True)
                if codes is None:
                    continue
                if kind == "disable-file":
                    self.file_codes |= codes
                elif kind == "disable-next-line":
                    self.directives.append(_Directive(last + 1, "only", codes, last + 1))
                else:
                    self.directives.append(_Directive(first, kind, codes))
            elif m := _NODE.match(body):
                kind, names = m.group(1), m.group(2)
                codes = _codes(names, registry, strict=False)
                if codes is None:
                    continue
                if kind == "ignore":
                    begin, end = _next_block(doc, last + 1)
                    self.directives.append(_Directive(begin, "only", codes, end))
                else:
                    self.directives.append(_Directive(first, kind, codes))

    def __bool__(self) -> bool:
        return bool(self.file_codes or self.directives)

    def suppressed(self, diagnostic: Diagnostic) -> bool:
        return self.suppressed_at(diagnostic.code, diagnostic.line)

    def suppressed_at(self, code: str, line_number: int) -> bool:
        """Whether a finding of rule ``code`` on line ``line_number`` (1-based) is silenced."""
        if ALL in self.file_codes or code in self.file_codes:
            return True
        line = line_number - 1
        disabled = False
        for d in self.directives:
            if d.action == "only":
                if d.line <= line <= d.until and (ALL in d.codes or code in d.codes):
                    return True
                continue
            if d.line > line:
                continue
            if ALL in d.codes or code in d.codes:
                disabled = d.action == "disable"
        return disabled


def _next_block(doc: Document, line: int) -> tuple[int, int]:
    src = doc.source
    n = src.line_count
    while line < n and not src.line(line).strip():
        line += 1
    end = line
    while end + 1 < n and src.line(end + 1).strip():
        end += 1
    return line, end


def apply(diagnostics: list[Diagnostic], doc: Document, registry: Registry) -> list[Diagnostic]:
    if not doc.comments:
        return diagnostics
    sup = Suppressions(doc, registry)
    if not sup:
        return diagnostics
    return [d for d in diagnostics if not sup.suppressed(d)]
