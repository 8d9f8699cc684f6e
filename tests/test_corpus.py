"""Real awesome lists as regression inputs: no crash, and the fixer is lossless and idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import corpus_files, needs_corpus
from .helpers import check


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_checks_without_crashing(path: Path) -> None:
    found = check(path.read_text(encoding="utf-8"), select=["ALL"])
    assert not [d for d in found if "internal error" in d.message]
    assert all(d.line >= 1 and d.column >= 1 for d in found)
