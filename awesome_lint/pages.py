"""Rule documentation pages: ``rules/<name>.md`` in the repository, shipped inside the wheel
as ``awesome_lint/_pages``. A rule without a page (a plugin's) is described from its class."""

from __future__ import annotations

import inspect
from pathlib import Path

from .engine.rule import Rule

_PACKAGED = Path(__file__).parent / "_pages"
_REPO = Path(__file__).parent.parent / "rules"


def page_path(rule: Rule) -> Path | None:
    for folder in (_PACKAGED, _REPO):
        candidate = folder / f"{rule.name}.md"
        if candidate.is_file():
            return candidate
    return None


def page_text(rule: Rule) -> str:
    path = page_path(rule)
    if path is not None and type(rule).__module__.startswith("awesome_lint."):
        return path.read_text(encoding="utf-8")
    doc = inspect.getdoc(type(rule)) or rule.summary
    options = "".join(f"- `{k}` (default `{v!r}`)\n" for k, v in rule.options.items()) or "None.\n"
    return (
        f"# {rule.code} {rule.name}\n\n{rule.summary}\n\n"
        f"Severity: {rule.severity.value}. Fixable: {rule.fixable.value}.\n\n"
        f"## What it does\n\n{doc}\n\n## Options\n\n{options}"
    )
