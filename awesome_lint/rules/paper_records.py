"""The AL7xx family: each paper against its record (``check --papers``).

The work is done once per document in :mod:`awesome_lint.records.assess`; each rule reports
its own kind of finding. Without ``--papers`` there are no records and no rule here reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from ..engine.diagnostics import Diagnostic, Edit, Fix, Severity
from ..engine.rule import Context, Fixable, Rule
from ..markdown.model import Document


class _PaperRule(Rule):
    finding_code: ClassVar[str] = ""
    facts_needed = ("papers",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        if "papers" not in ctx.facts:
            return
        from ..records.assess import assess

        for finding in assess(doc, ctx.facts):
            if finding.code != self.code:
                continue
            fix = None
            if finding.replacement is not None:
                span, text = finding.replacement
                fix = Fix.unsafe(Edit.replace(span, text))
            yield self.report(finding.span, finding.message, fix=fix)


class PaperTitleMismatch(_PaperRule):
    """The row's title differs from its record's beyond case, punctuation, LaTeX and
    whitespace, though it is clearly the same paper: most often a title from an older version.
    Fixed with ``--unsafe-fixes`` (the record's title replaces the row's)."""

    code = "AL701"
    name = "paper-title-mismatch"
    summary = "A paper's title differs from its record"
    fixable = Fixable.SOMETIMES
    safe_fixes = False


class VenueMismatch(_PaperRule):
    """The venue cell names another venue, or another year, than the paper's record."""

    code = "AL702"
    name = "venue-mismatch"
    summary = "A paper's venue or its year disagrees with the record"


class PublishedSince(_PaperRule):
    """An entry listed as a preprint (arXiv) has since been published. Fixed with
    ``--unsafe-fixes``: the venue cell is rewritten in the column's own style (``CVPR'24``)."""

    code = "AL703"
    name = "published-since"
    summary = "A paper listed as a preprint has since been published"
    fixable = Fixable.SOMETIMES
    safe_fixes = False


class PaperYearMismatch(_PaperRule):
    """The row is filed under a year (a year heading or column) outside the years its record
    gives: before its first version, or after its publication."""

    code = "AL704"
    name = "paper-year-mismatch"
    summary = "A paper is filed under a year its record contradicts"


class WrongIdentifier(_PaperRule):
    """An arXiv id, DOI or OpenReview forum names another paper than the row's title: the
    commonest copy-paste error in paper lists."""

    code = "AL705"
    name = "wrong-identifier"
    summary = "A paper's identifier names another paper"
    severity = Severity.ERROR


class UnconfirmedPaper(_PaperRule):
    """A paper that could not be checked: its API did not answer, or its record's title is
    neither clearly the row's nor clearly another's. A warning, never an error: doubt."""

    code = "AL706"
    name = "unconfirmed-paper"
    summary = "A paper could not be confirmed against its record"
