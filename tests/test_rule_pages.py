"""Every rule page in rules/ is executable documentation: its bad example yields exactly the
diagnostics it lists, its fixed example is what `fix` produces, its good example is clean."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from awesome_lint import pages
from awesome_lint.engine import registry
from awesome_lint.engine.rule import fix_safety

from .conftest import ROOT
from .helpers import check, fix, link_facts, short

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PAGES = sorted((ROOT / "rules").glob("*.md"))
_BLOCK = re.compile(
    r"^```(\w+) (example|diagnostics|fixed|unsafe|good|options|facts)\n(.*?)^```$", re.MULTILINE | re.DOTALL
)


@dataclass
class Example:
    markdown: str
    diagnostics: list[str] | None = None
    fixed: str | None = None
    unsafe_fixed: str | None = None  # a ``markdown unsafe`` block: what `fix --unsafe-fixes` makes of it
    options: dict[str, object] = field(default_factory=dict)
    facts: dict[str, Any] | None = None


def parse_page(text: str) -> tuple[list[Example], list[tuple[str, dict[str, Any] | None]], dict[str, Any] | None]:
    """Examples, good examples, and the link results a page's examples are checked with
    (a ``json facts`` block: what `--links` would have found, since the pages run offline)."""
    examples: list[Example] = []
    good: list[tuple[str, dict[str, Any] | None]] = []  # with the facts in force where each stands
    options: dict[str, object] = {}
    facts: dict[str, Any] | None = None
    for m in _BLOCK.finditer(text):
        kind, body = m.group(2), m.group(3)
        if kind == "options":
            options = tomllib.loads(body)
        elif kind == "facts":
            facts = link_facts(json.loads(body))
        elif kind == "example":
            examples.append(Example(body, options=options, facts=facts))
        elif kind == "diagnostics":
            examples[-1].diagnostics = [line for line in body.splitlines() if line.strip()]
        elif kind == "fixed":
            examples[-1].fixed = body
        elif kind == "unsafe":
            examples[-1].unsafe_fixed = body
        elif kind == "good":
            good.append((body, facts))
    return examples, good, facts


def rule_for(page: Path):
    rule = registry.load().get(page.stem)
    assert rule is not None, f"{page.name} documents no registered rule"
    return rule


def test_every_builtin_rule_has_a_page() -> None:
    names = {p.stem for p in PAGES}
    builtin = [r for r in registry.load().rules if type(r).__module__.startswith("awesome_lint.")]
    assert builtin
    assert sorted(r.name for r in builtin if r.name not in names) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_has_the_standard_sections(page: Path) -> None:
    rule = rule_for(page)
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# {rule.code} {rule.name}\n")
    for heading in (
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Use instead",
        "## Fix safety",
        "## Options",
    ):
        assert heading in text, f"{page.name} lacks {heading}"
    assert f"| {rule.code} | {rule.name} | {rule.severity.value} | {rule.fixable.value} |" in text


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_page_examples_run(page: Path) -> None:
    rule = rule_for(page)
    text = page.read_text(encoding="utf-8")
    examples, good, _ = parse_page(text)
    # a page whose fix is documented as unsafe shows what `fix --unsafe-fixes` does
    unsafe = text.split("## Fix safety", 1)[1].lstrip().startswith("Unsafe")
    assert examples and good, f"{page.name} needs an example and a good example"
    for example in examples:
        options = {rule.name: example.options} if example.options else None
        found = check(example.markdown, select=[rule.code], options=options, facts=example.facts)
        assert example.diagnostics is not None, f"{page.name}: example without diagnostics block"
        assert short(found) == example.diagnostics
        if example.fixed is not None:
            kw: dict[str, Any] = {"select": [rule.code], "options": options, "facts": example.facts}
            result = fix(example.markdown, unsafe=unsafe, **kw)
            assert result.text == example.fixed
            assert fix(result.text, unsafe=unsafe, **kw).text == result.text
            if unsafe:  # and a plain `fix` leaves it alone
                assert fix(example.markdown, **kw).text == example.markdown
        if example.unsafe_fixed is not None:  # a rule with safe and unsafe fixes shows both results
            kw = {"select": [rule.code], "options": options, "facts": example.facts}
            result = fix(example.markdown, unsafe=True, **kw)
            assert result.text == example.unsafe_fixed
            assert fix(result.text, unsafe=True, **kw).text == result.text
    for body, facts in good:
        assert short(check(body, select=[rule.code], facts=facts)) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_fix_safety_section_says_what_the_rule_does(page: Path) -> None:
    """The page and `awesome-lint rules` agree on whether plain `fix` applies the rule's fixes."""
    rule = rule_for(page)
    said = page.read_text(encoding="utf-8").split("## Fix safety", 1)[1].lstrip()
    safety = fix_safety(rule)
    if safety == "unsafe":
        assert said.startswith("Unsafe")
    elif safety == "partly unsafe":
        assert said.startswith("Partly unsafe")
    elif safety == "safe":
        assert said.startswith("Safe")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_rule_command_prints_the_page(page: Path) -> None:
    rule = rule_for(page)
    assert pages.page_text(rule) == page.read_text(encoding="utf-8")


def test_rules_command_marks_the_unsafe_fixes() -> None:
    from .conftest import run_cli

    lines = {line.split()[1]: line for line in run_cli("rules").stdout.decode().splitlines() if line.startswith("AL")}
    for name in ("url-clutter", "table-alignment", "toc", "typo", "mojibake"):
        assert " unsafe (" in lines[name] and "partly" not in lines[name], lines[name]
    assert " partly unsafe (always)" in lines["heading-style"]
    assert " safe (sometimes)" in lines["table-format"]
    data = json.loads(run_cli("rules", "--format", "json").stdout)
    safety = {r["name"]: r["fix_safety"] for r in data}
    assert safety["url-clutter"] == "unsafe" and safety["table-format"] == "safe"
    assert safety["heading-style"] == "partly unsafe" and safety["duplicate-entry"] is None
