"""Finding rules: every rule, built-in or not, is registered in the ``awesome_lint.rules``
entry-point group, so a third-party package needs nothing but its own metadata.

As flake8 does, a plugin that fails to load, or whose code or name is malformed or taken, is
reported (``Registry.problems``) and skipped rather than breaking the run.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache

from . import lazyre
from .rule import Rule
from .values import field, value

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
            from .textutil import did_you_mean

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


@lru_cache(maxsize=1)
def load() -> Registry:
    registry = Registry()
    for name, target in entry_points(GROUP):
        try:
            rule = _instantiate(load_object(target))
        except Exception as exc:  # a broken plugin must not break everyone's lint
            registry.problems.append(f"rule plugin {name!r} ({target}) failed to load: {type(exc).__name__}: {exc}")
            continue
        registry.add(rule, target)
    if not registry.rules:
        registry.problems.append(
            "no rules found in entry-point group 'awesome_lint.rules': is awesome-lint installed (pip install -e .)?"
        )
    return registry
