"""Reporters turn diagnostics into output; each format is a small module with ``render``."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Protocol

from ..diagnostics import Diagnostic

FORMATS = ("text", "json", "github")


class Reporter(Protocol):
    def __call__(
        self, diagnostics: Sequence[Diagnostic], *, color: bool | None, statistics: bool, quiet: bool
    ) -> str: ...


def get(name: str) -> Reporter:
    module = importlib.import_module(f"{__name__}.{name}_format")
    render: Reporter = module.render
    return render
