"""What a rule is. Built-in and third-party rules are the same kind of object.

A rule is a class with a stable ``code`` (``AL101``), a kebab-case ``name``, a one-line
``summary``, a default severity, whether it can fix, and its options with their defaults.
``check`` reads the document model and yields diagnostics; it does no I/O: facts from outside
(link results, say) arrive through the context.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any, ClassVar

from ..markdown.model import Document, Span
from ..util.values import field, value
from .diagnostics import Diagnostic, Fix, Severity


class Fixable(str, Enum):
    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@value
class Context:
    """What a rule may know besides the document: where it is and how it is configured."""

    path: str = "README.md"
    options: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.WARNING
    facts: Mapping[str, Any] = field(default_factory=dict)  # gathered before rules run
    prepared: Any = None  # what the rule's own ``prepare`` returned for this document

    def option(self, name: str) -> Any:
        return self.options[name]


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[Fixable] = Fixable.NEVER
    options: ClassVar[Mapping[str, Any]] = {}
    choices: ClassVar[Mapping[str, tuple[Any, ...]]] = {}  # options limited to a few values
    default_enabled: ClassVar[bool] = True
    # False for a rule whose fixes are all unsafe: `fix` without --unsafe-fixes need not run it
    # between passes (typo, mojibake), only once on the result
    safe_fixes: ClassVar[bool] = True
    # True for a rule with both kinds (heading-style: indentation is safe, removing bold is not);
    # `awesome-lint rules` shows it, so a user knows what plain `fix` leaves alone
    unsafe_fixes: ClassVar[bool] = False
    aliases: ClassVar[tuple[str, ...]] = ()  # other tools' names, honoured in suppression comments
    presets: ClassVar[tuple[str, ...]] = ()  # groups a selection can name, e.g. select = ["awesome"]
    # facts from outside the document ("repository", "links", "papers"): a rule is not run when
    # one of them was not gathered (links are gathered only with --links), having nothing to say
    facts_needed: ClassVar[tuple[str, ...]] = ()

    def prepare(self, doc: Document, ctx: Context) -> Any:
        """Start work that runs outside this process (a subprocess), before any rule checks,
        so that it runs beside them on another core; ``check`` then gets the result of this
        as ``ctx.prepared``. A rule that waits on nothing need not define it. ``check`` must
        still work when called without it (``ctx.prepared`` is None)."""
        return None

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def report(self, span: Span, message: str, *, fix: Fix | None = None) -> Diagnostic:
        return Diagnostic(code=self.code, rule=self.name, severity=self.severity, message=message, span=span, fix=fix)

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.name}>"


def fix_safety(rule: Rule) -> str:
    """``safe``, ``unsafe`` or ``partly unsafe`` (empty for a rule that never fixes).

    Safe means GitHub renders the same page after the fix; the fix engine holds every safe fix
    to that, whatever the rule says (see :mod:`.fixer`)."""
    if rule.fixable is Fixable.NEVER:
        return ""
    if not rule.safe_fixes:
        return "unsafe"
    return "partly unsafe" if rule.unsafe_fixes else "safe"
