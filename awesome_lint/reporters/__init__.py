"""Reporters turn diagnostics into output; each format is a small module with ``render``."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Protocol

from ..diagnostics import Diagnostic
from ..source import Source

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
