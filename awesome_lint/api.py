"""The Python API: thin keyword-only functions over the engine, kept stable.

- :func:`check` a Markdown string: the findings, as ``awesome-lint check`` reports them.
- :func:`fix` a Markdown string: the fixed text and what is left, as ``awesome-lint fix``.
- :func:`list_rules`: every registered rule (built-in and from plugins) with its code and options.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .engine import config as config_mod
from .engine import registry
from .engine import run as engine
from .engine.diagnostics import Diagnostic
from .engine.rule import Rule
from .fixing import fixer
from .markdown import parser
from .markdown.model import Document
from .markdown.source import Source


def settings_for(
    path: Path | None = None,
    *,
    config: Path | None = None,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> config_mod.Settings:
    """Find (or load ``config``), validate, and return the settings for checking ``path``."""
    found = config if config is not None else config_mod.discover(path.parent if path else Path.cwd())
    conf = config_mod.load(found) if found is not None else config_mod.Config()
    return config_mod.settle(conf, registry.load(), select=select, extend_select=extend_select, ignore=ignore)


def check_source(
    source: Source,
    settings: config_mod.Settings,
    *,
    facts: Mapping[str, Any] | None = None,
    doc: Document | None = None,
) -> list[Diagnostic]:
    """Check ``source``; ``facts`` are gathered beforehand (link results), ``doc`` is its parse if done."""
    if doc is None:
        doc = parser.parse(source)
    return engine.run(doc, settings.active(source.path), settings.registry, facts=facts, fold=settings.folded)


def check(
    text: str,
    *,
    path: str = "README.md",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    config: Path | None = None,
) -> list[Diagnostic]:
    """Check Markdown ``text``; ``path`` is used for reports and per-file ignores only."""
    settings = settings_for(Path(path), config=config, select=select, ignore=ignore)
    return check_source(Source.from_text(text, path), settings)


def fix(
    text: str,
    *,
    path: str = "README.md",
    unsafe: bool = False,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    config: Path | None = None,
) -> fixer.FixResult:
    """Fix Markdown ``text`` as ``awesome-lint fix`` would: ``.text`` is the result (the input
    unchanged when no fix is safe), ``.remaining`` the findings left, ``.refused`` why nothing was
    changed if so. ``unsafe`` also applies fixes that change what a reader sees."""
    settings = settings_for(Path(path), config=config, select=select, ignore=ignore)
    return fixer.fix_source(Source.from_text(text, path), settings, unsafe=unsafe)


def list_rules() -> list[Rule]:
    """Every registered rule, built-in and from plugins, in code order."""
    return sorted(registry.load().rules, key=lambda r: r.code)
