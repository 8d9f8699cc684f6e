"""Reporters turn diagnostics into output; each format is a small module with ``render``.

May import: ``awesome_lint.engine``, ``awesome_lint.markdown``, ``awesome_lint.knowledge``,
``awesome_lint.util``, and the facts of ``awesome_lint.links`` and ``awesome_lint.records``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Protocol

from ..engine.diagnostics import Diagnostic
from ..markdown.source import Source

FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


class Reporter(Protocol):
    def __call__(
        self,
        diagnostics: Sequence[Diagnostic],
        *,
        color: bool | None,
        statistics: bool,
        quiet: bool,
        sources: Mapping[str, Source] | None = None,
    ) -> str: ...


def get(name: str) -> Reporter:
    module = importlib.import_module(f"{__name__}.{name}_format")
    render: Reporter = module.render
    return render
