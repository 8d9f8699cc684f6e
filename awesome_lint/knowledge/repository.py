"""Facts about the files beside a README, gathered by the runner before rules run (rules do
no I/O, and the library API, which checks text, never looks at the disk)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..util.values import value

# what GitHub links as contribution guidelines: CONTRIBUTING with any of these endings, in the
# folder itself, in .github/ or in docs/
_NAMES = ("contributing.md", "contributing.rst", "contributing.txt", "contributing")
_FOLDERS = ("", ".github", "docs")


@value
class RepositoryFacts:
    in_repository: bool  # the README lies inside a git work tree
    contributing: str | None = None  # the guidelines file found, relative to the README's folder
    contributing_empty: bool = False


def facts_for(path: str) -> RepositoryFacts:
    if path == "-":
        return RepositoryFacts(in_repository=False)
    folder = Path(path).resolve().parent
    if not any((parent / ".git").exists() for parent in (folder, *folder.parents)):
        return RepositoryFacts(in_repository=False)
    for sub in _FOLDERS:
        where = folder / sub if sub else folder
        try:
            names = {p.name.lower(): p for p in where.iterdir() if p.is_file()}
        except OSError:
            continue
        for name in _NAMES:
            found = names.get(name)
            if found is not None:
                try:
                    empty = not found.read_text(encoding="utf-8", errors="replace").strip()
                except OSError:
                    empty = False
                return RepositoryFacts(True, str(found.relative_to(folder)), empty)
    return RepositoryFacts(in_repository=True)


def with_file_facts(path: str, active: Sequence[Any], facts: Mapping[str, Any] | None) -> dict[str, Any]:
    """``facts`` plus what the active rules (``ActiveRule`` objects) need to know about the files
    beside ``path``: nothing is looked up unless a rule asks."""
    out = dict(facts or {})
    if any("repository" in entry.rule.facts_needed for entry in active):
        out["repository"] = facts_for(path)
    return out
