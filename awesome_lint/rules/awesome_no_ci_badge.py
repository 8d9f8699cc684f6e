from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Severity
from ..engine.rule import Context, Rule
from ..knowledge.awesome import PRESET
from ..markdown.model import Document
from ..util import lazyre

_TITLE = lazyre.compile(r"build status|travis|circleci", re.IGNORECASE)
_LEGACY = lazyre.compile(r"travis|circleci", re.IGNORECASE)
_URL = lazyre.compile(
    r"appveyor"
    r"|/actions/workflows/[^/?#]+/badge\.svg|/workflows/[^/?#]+/badge\.svg"
    r"|shields\.io/github/(?:actions/)?workflow/status"
    r"|/badges/[^/?#]+/pipeline\.svg|dev\.azure\.com/.+/_apis/build/status",
    re.IGNORECASE,
)


class AwesomeNoCiBadge(Rule):
    """A continuous-integration badge in the README: it tells readers of a list nothing about
    the list. Travis, CircleCI, GitHub Actions, AppVeyor, GitLab and Azure Pipelines badges
    are reported outside list entries, where they can only be the list's own; an entry's
    badge shows its project's build status (the Node awesome-lint reports Travis and CircleCI
    badges there too)."""

    code = "AL606"
    name = "awesome-no-ci-badge"
    summary = "The README shows a CI badge"
    severity = Severity.ERROR
    default_enabled = False
    presets = (PRESET,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        in_entry = {link.span for item in doc.list_items for link in item.links}
        for link in doc.links:
            if link.kind != "image":
                continue
            if link.span in in_entry:
                continue  # an entry may show its project's build status; the list's own badge is what goes
            if _TITLE.search(link.title) or _LEGACY.search(link.url) or _URL.search(link.url):
                yield self.report(link.span, "a CI badge tells readers nothing about the list: remove it")
