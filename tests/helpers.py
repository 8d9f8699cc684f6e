"""Test helpers: checking and fixing text in-process through the public library API."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from awesome_lint.api import check_source
from awesome_lint.engine import config, registry
from awesome_lint.engine.diagnostics import Diagnostic
from awesome_lint.fixing.fixer import FixResult, fix_source
from awesome_lint.markdown.source import Source

_EMPTY = Path(tempfile.gettempdir())


def settings(select: Sequence[str] | None = None, options: dict[str, Any] | None = None) -> config.Settings:
    conf = config.from_mapping({"rules": options or {}}, None)
    return config.settle(conf, registry.load(), select=select)


def check(
    text: str,
    select: Sequence[str] | None = None,
    options: dict[str, Any] | None = None,
    facts: dict[str, Any] | None = None,
) -> list[Diagnostic]:
    return check_source(Source.from_text(text), settings(select, options), facts=facts)


def fix(
    text: str,
    select: Sequence[str] | None = None,
    unsafe: bool = False,
    options: dict[str, Any] | None = None,
    facts: dict[str, Any] | None = None,
) -> FixResult:
    return fix_source(Source.from_text(text), settings(select, options), unsafe=unsafe, facts=facts)


def link_facts(spec: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Facts written as JSON (a rule page's ``json facts`` block) as the engine gets them: link
    results by URL, and ``"repository"``: what the files beside the README say."""
    from awesome_lint.knowledge.repository import RepositoryFacts
    from awesome_lint.links import LinkResult, Verdict

    spec = dict(spec)
    facts: dict[str, Any] = {}
    if "repository" in spec:
        facts["repository"] = RepositoryFacts(**spec.pop("repository"))
    if "papers" in spec:  # paper records by identifier, as `--papers` would have found them
        from awesome_lint.records import PaperRecord

        facts["papers"] = {key: PaperRecord.from_json(key, fields) for key, fields in spec.pop("papers").items()}
    facts["links"] = {
        url: LinkResult(url=url, **{**fields, "verdict": Verdict(fields["verdict"])}) for url, fields in spec.items()
    }
    return facts


def short(diagnostics: Sequence[Diagnostic]) -> list[str]:
    return [f"{d.line}:{d.column}: {d.code} {d.message}" for d in diagnostics]


def corpus_and_mixes(pieces: Sequence[str], seed: int, count: int = 300) -> list[str]:
    """The corpus lists and the seed, then ``count`` documents of 1 to 40 ``pieces`` drawn at
    random (``seed``): what a test of the model's stores reads."""
    import random

    from .conftest import SEED, corpus_files

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in [*corpus_files(), SEED]]
    rng = random.Random(seed)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(count)]
    return texts
