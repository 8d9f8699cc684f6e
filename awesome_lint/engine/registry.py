"""Finding rules: every rule, built-in or not, is registered in the ``awesome_lint.rules``
entry-point group, so a third-party package needs nothing but its own metadata.

As flake8 does, a plugin that fails to load, or whose code or name is malformed or taken, is
reported (``Registry.problems``) and skipped rather than breaking the run.

The built-in rules are registered the same way, but what each declares (code, name, options,
presets...) is also written down in :mod:`.rules.catalog`: listing, selecting and configuring
them reads that, and a rule's module is imported only when the rule runs. Importing all 42
rule modules at every start cost more than checking a typical list.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, ClassVar

from ..markdown.model import Document
from ..util import lazyre
from ..util.values import field, value
from .diagnostics import Diagnostic, Severity
from .rule import Context, Fixable, Rule

GROUP = "awesome_lint.rules"
_CODE = lazyre.compile(r"^[A-Z]{1,6}[0-9]{1,5}$")
_NAME = lazyre.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class SelectionError(ValueError):
    """A selector names no rule."""


@value(frozen=False)
class Registry:
    rules: list[Rule] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    _keys: dict[str, Rule] = field(default_factory=dict)

    def add(self, rule: Rule, origin: str = "") -> None:
        where = f" (from {origin})" if origin else ""
        code = getattr(rule, "code", None)
        name = getattr(rule, "name", None)
        if not isinstance(code, str) or not _CODE.match(code):
            self.problems.append(f"rule {name or rule!r}{where}: invalid code {code!r}; skipped")
            return
        if not isinstance(name, str) or not _NAME.match(name):
            self.problems.append(f"rule {code}{where}: name {name!r} is not kebab-case; skipped")
            return
        for key in (code.lower(), name):
            if key in self._keys:
                self.problems.append(
                    f"rule {code} {name}{where}: {key!r} is already taken by {self._keys[key].code}; skipped"
                )
                return
        self._keys[code.lower()] = rule
        self._keys[name] = rule
        self.rules.append(rule)
        self.rules.sort(key=lambda r: r.code)

    def get(self, key: str) -> Rule | None:
        return self._keys.get(key.strip().lower())

    def find_alias(self, key: str) -> Rule | None:
        """A rule by code, name, or another tool's name for it (suppression comments)."""
        found = self.get(key)
        if found is not None:
            return found
        key = key.strip().lower()
        for rule in self.rules:
            if key in rule.aliases:
                return rule
        return None

    def resolve(self, selector: str) -> list[Rule]:
        """Rules named by ``selector``: ``ALL``, a code, a name, a preset (``awesome``), or a
        code prefix (``AL1``)."""
        key = selector.strip()
        if key.upper() == "ALL":
            return list(self.rules)
        exact = self.get(key)
        if exact is not None:
            return [exact]
        preset = [r for r in self.rules if key.lower() in getattr(r, "presets", ())]
        if preset:
            return preset
        prefix = key.upper()
        matched = [r for r in self.rules if r.code.startswith(prefix)] if prefix[:1].isalpha() else []
        if not matched:
            from ..util.text import did_you_mean

            hint = did_you_mean(key, [r.name for r in self.rules])
            raise SelectionError(
                f"unknown rule {selector!r}{hint or ''}: use a code (AL101), a name (table-column-count), "
                "a preset (awesome) or a code prefix (AL1); `awesome-lint rules` lists them"
            )
        return matched

    def resolve_all(self, selectors: Iterable[str]) -> set[str]:
        codes: set[str] = set()
        for selector in selectors:
            codes.update(r.code for r in self.resolve(selector))
        return codes


def _normalise(dist: str) -> str:
    return re.sub(r"[-_.]+", "_", dist).lower()


def entry_points(group: str) -> Iterator[tuple[str, str]]:
    """``(name, value)`` of every entry point in ``group``, as importlib.metadata finds them.

    Reads ``*.dist-info/entry_points.txt`` on ``sys.path`` directly, the first distribution of
    a name winning as in importlib.metadata: importing that module costs about 50 ms (it pulls
    in email and zipfile), a quarter of our start-up budget.
    """
    seen: set[str] = set()
    for entry in sys.path:
        folder = entry or "."
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                stem = name[: -len(".dist-info")]
            elif name.endswith(".egg-info"):
                stem = name[: -len(".egg-info")]
            else:
                continue
            key = _normalise(stem.split("-")[0])
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            yield from _parse_entry_points(text, group)


def _parse_entry_points(text: str, group: str) -> Iterator[tuple[str, str]]:
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            continue
        if current == group and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), value.split("[")[0].strip()


def load_object(value: str) -> object:
    module, _, attrs = value.partition(":")
    obj: object = importlib.import_module(module.strip())
    for attr in filter(None, attrs.strip().split(".")):
        obj = getattr(obj, attr)
    return obj


def _instantiate(obj: object) -> Rule:
    if isinstance(obj, type):
        return obj()  # type: ignore[no-any-return]
    return obj  # type: ignore[return-value]


#: the class attributes that describe a rule, as :mod:`.rules.catalog` records them
METADATA = (
    "code",
    "name",
    "summary",
    "severity",
    "fixable",
    "options",
    "choices",
    "default_enabled",
    "safe_fixes",
    "unsafe_fixes",
    "aliases",
    "presets",
    "facts_needed",
)


def describe(rule: Rule | type[Rule]) -> dict[str, Any]:
    """What ``rule`` declares, in the catalog's terms: enums by value, and only what differs
    from :class:`Rule`'s defaults."""
    out = {}
    for attr in METADATA:
        item = getattr(rule, attr)
        if attr in Rule.__dict__ and item == Rule.__dict__[attr]:
            continue
        out[attr] = item.value if isinstance(item, (Severity, Fixable)) else item
    return out


class DeferredRule(Rule):
    """A built-in rule known from its catalog entry. Everything the registry and the
    configuration read is a class attribute, as on the rule itself; the rule's module is
    imported the first time it checks a document or anything else of it is asked for."""

    target: ClassVar[str] = ""  # the entry point's object reference, ``module:Class``

    def loaded(self) -> Rule:
        rule: Rule | None = self.__dict__.get("_loaded")
        if rule is None:
            rule = self.__dict__["_loaded"] = _instantiate(load_object(self.target))
        return rule

    def prepare(self, doc: Document, ctx: Context) -> Any:
        return self.loaded().prepare(doc, ctx)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        return self.loaded().check(doc, ctx)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_loaded":
            raise AttributeError(name)
        return getattr(self.loaded(), name)


def _deferred(target: str, entry: dict[str, Any]) -> Rule:
    module, _, qualname = target.partition(":")
    attrs = dict(entry)  # what it does not say is Rule's default
    if "severity" in attrs:
        attrs["severity"] = Severity(attrs["severity"])
    if "fixable" in attrs:
        attrs["fixable"] = Fixable(attrs["fixable"])
    # named and placed as the rule's own class: `type(rule).__module__` tells a built-in rule
    cls: type[DeferredRule] = type(
        qualname, (DeferredRule,), {**attrs, "target": target, "__module__": module, "__qualname__": qualname}
    )
    return cls()


@lru_cache(maxsize=1)
def load() -> Registry:
    from ..rules.catalog import RULES

    registry = Registry()
    for name, target in entry_points(GROUP):
        try:
            entry = RULES.get(target)
            rule = _deferred(target, entry) if entry is not None else _instantiate(load_object(target))
        except Exception as exc:  # a broken plugin must not break everyone's lint
            registry.problems.append(f"rule plugin {name!r} ({target}) failed to load: {type(exc).__name__}: {exc}")
            continue
        registry.add(rule, target)
    if not registry.rules:
        registry.problems.append(
            "no rules found in entry-point group 'awesome_lint.rules': is awesome-lint installed (pip install -e .)?"
        )
    return registry
