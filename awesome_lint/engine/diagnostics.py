"""Diagnostics and fixes are plain values: a rule returns them, the engine and fixer consume them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..markdown.model import Span
from ..util.values import value


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Applicability(str, Enum):
    SAFE = "safe"  # applied by ``awesome-lint fix``
    UNSAFE = "unsafe"  # applied only with ``--unsafe-fixes``: may change meaning


@value(order=True)
class Edit:
    """Replace ``text[start:end]`` with ``content`` (offsets into the normalised text)."""

    start: int
    end: int
    content: str = ""

    @classmethod
    def replace(cls, span: Span, content: str) -> Edit:
        return cls(span.start, span.end, content)

    @classmethod
    def delete(cls, span: Span) -> Edit:
        return cls(span.start, span.end, "")

    @classmethod
    def insert(cls, offset: int, content: str) -> Edit:
        return cls(offset, offset, content)


@value
class Fix:
    """Edits applied together, or not at all; safe ones by ``fix``, unsafe ones only with
    ``--unsafe-fixes``."""

    edits: tuple[Edit, ...]
    applicability: Applicability

    @classmethod
    def safe(cls, *edits: Edit) -> Fix:
        return cls(tuple(sorted(edits)), Applicability.SAFE)

    @classmethod
    def unsafe(cls, *edits: Edit) -> Fix:
        return cls(tuple(sorted(edits)), Applicability.UNSAFE)

    @property
    def start(self) -> int:
        return self.edits[0].start if self.edits else 0

    @property
    def end(self) -> int:
        return max((e.end for e in self.edits), default=0)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: which rule, how bad, what to say, where, and how to fix it. A dataclass,
    which rules change with ``dataclasses.replace``; slotted, since a list can have thousands of
    findings and an instance dict made each about 50 bytes larger (300 bytes to 250)."""

    code: str
    rule: str  # kebab-case name
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None
    # filled in by the engine from the document's source
    path: str = ""
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
