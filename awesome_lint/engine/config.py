"""Configuration: ``.awesome-lint.toml`` or ``[tool.awesome-lint]`` in ``pyproject.toml``.

The nearest one walking up from the checked file wins (``--config`` overrides). Everything
is validated against the registered rules before any file is checked, so a typo in a key or a
rule name is a clear error naming it, never a silent no-op.
"""

from __future__ import annotations

import fnmatch
import math
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..markdown import source
from ..util.text import did_you_mean
from ..util.values import field, value
from .diagnostics import Severity
from .registry import Registry, SelectionError
from .rule import Rule

CONFIG_NAME = ".awesome-lint.toml"
_T = TypeVar("_T")
_TOP_KEYS = {"select", "extend-select", "ignore", "per-file-ignores", "rules", "links", "papers"}


class ConfigError(Exception):
    """A broken configuration; the message is one line meant for the user."""


@value
class Config:
    path: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    links: Any = None  # links.options.LinkOptions when the config has a links key
    papers: Any = None  # records.options.PaperOptions when the config has a papers key

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def _load_toml(path: Path) -> dict[str, Any]:
    """Parse a config file, refusing in one line naming it what cannot be a config.

    The bytes are read as a Markdown file is (a regular file only, size-capped, so a FIFO or
    a device under the config's name cannot hang the run) and decoded here, so bad bytes are
    reported with their position instead of escaping the TOML parser as a traceback.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        data = source.read_bytes(path, str(path), what="config file")
    except source.InputError as exc:
        raise ConfigError(str(exc)) from None
    if data.startswith(source.BOM):  # some Windows editors add one; TOML has no use for it
        data = data[len(source.BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = source.utf8_position(data, exc.start)
        raise ConfigError(
            f"{source.printable(str(path))}:{line}:{column}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "re-save the config as UTF-8"
        ) from None
    try:
        parsed: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source.printable(str(path))}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{source.printable(str(path))}: invalid TOML: nested too deeply") from None
    return parsed


def _refuse_non_finite(data: Mapping[str, Any], where: str, prefix: str) -> None:
    """No option anywhere takes ``nan`` or ``inf`` (TOML allows both): refuse them by name.

    Checked once over the whole table, so an option added later is covered without asking.
    """
    stack: list[tuple[str, Any]] = [(f"{prefix}{key}", value) for key, value in data.items()]
    while stack:
        name, value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            raise ConfigError(f"{where}: {name} must be a finite number, not {value}")
        if isinstance(value, Mapping):
            stack.extend((f"{name}.{key}", item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{name}[{index}]", item) for index, item in enumerate(value))


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of rule codes or names")
    return tuple(value)


def _network_table(table: Any, parse: Callable[[Any], _T], error: type[Exception], where: str, prefix: str) -> _T:
    """A ``[links]`` or ``[papers]`` table read by its stage's own parser; its complaint becomes
    a configuration error naming the file."""
    try:
        return parse(table)
    except error as exc:
        raise ConfigError(f"{where}: {prefix}{exc}") from None


def from_mapping(data: Mapping[str, Any], path: Path | None, prefix: str = "") -> Config:
    where = source.printable(str(path)) if path else "config"
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        hint = did_you_mean(unknown[0], sorted(_TOP_KEYS)) or f"; expected one of {', '.join(sorted(_TOP_KEYS))}"
        raise ConfigError(f"{where}: unknown key '{prefix}{unknown[0]}'{hint}")
    _refuse_non_finite(data, where, prefix)
    pfi = data.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}: {prefix}per-file-ignores must be a table of glob = [rules]")
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{where}: {prefix}rules must hold one table per rule, e.g. [{prefix}rules.table-format]")
    links = papers = None
    if "links" in data:
        from ..links.options import LinkOptionError
        from ..links.options import parse as parse_links

        links = _network_table(data["links"], parse_links, LinkOptionError, where, prefix)
    if "papers" in data:
        from ..records.options import PaperOptionError
        from ..records.options import parse as parse_papers

        papers = _network_table(data["papers"], parse_papers, PaperOptionError, where, prefix)
    return Config(
        path=path,
        links=links,
        papers=papers,
        select=_strings(data["select"], f"{where}: {prefix}select") if "select" in data else None,
        extend_select=_strings(data.get("extend-select", []), f"{where}: {prefix}extend-select"),
        ignore=_strings(data.get("ignore", []), f"{where}: {prefix}ignore"),
        per_file_ignores=tuple(
            (glob, _strings(v, f"{where}: {prefix}per-file-ignores.{glob}")) for glob, v in pfi.items()
        ),
        rules=rules,
    )


def load(path: Path) -> Config:
    data = _load_toml(path)
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("awesome-lint")
        if section is None:
            raise ConfigError(f"{path}: has no [tool.awesome-lint] table")
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.awesome-lint] must be a table")
        return from_mapping(section, path, "tool.awesome-lint.")
    return from_mapping(data, path)


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = source.read_bytes(pyproject, what="config file")
    except source.InputError:
        return False  # someone else's file we cannot read is not ours to complain about
    return b"[tool.awesome-lint" in data


def discover(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a directory).

    A ``.awesome-lint.toml`` that is not a readable file (a directory, a dangling symlink, a
    FIFO) is still returned: loading it then says what is wrong, where skipping it would
    silently check with other settings. A directory we may not look into counts as holding none.
    """
    try:
        current = Path(os.path.realpath(start))
    except (OSError, ValueError):
        return None
    while True:
        candidate = current / CONFIG_NAME
        if os.path.lexists(candidate):
            return candidate
        pyproject = current / "pyproject.toml"
        if _has_tool_table(pyproject):
            return pyproject
        if current.parent == current:
            return None
        current = current.parent


@value
class ActiveRule:
    rule: Rule
    severity: Severity
    options: Mapping[str, Any]
    severity_configured: bool = False  # else a rule may report some findings at another severity


def _check_type(default: Any, value: Any) -> bool:
    if default is None:
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, (list, tuple)):
        return isinstance(value, list)
    return isinstance(value, type(default))


def _out_of_range(default: Any, value: Any) -> str | None:
    """Why a number cannot be meant, judged generically: ``nan`` and ``inf`` never are, and a
    negative value is nonsense for an option whose default is a count or a size (not negative)."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    if not math.isfinite(value):
        return "must be a finite number"
    if isinstance(default, (int, float)) and not isinstance(default, bool) and default >= 0 and value < 0:
        return "must not be negative"
    return None


@value
class Settings:
    """A configuration checked against the registry: what runs on which file, and how."""

    config: Config
    registry: Registry
    enabled: frozenset[str]
    per_rule: Mapping[str, ActiveRule]
    per_file: tuple[tuple[str, frozenset[str]], ...]
    # layout rules on by default but not named by any selection: their findings are folded
    # into one per file, since layout is the fixer's business, not the reader's
    folded: frozenset[str] = frozenset()

    def active(self, path: str | None) -> list[ActiveRule]:
        skip: set[str] = set()
        if path is not None and self.per_file:
            rel = _relative(path, self.config.root)
            for glob, codes in self.per_file:
                if fnmatch.fnmatch(rel, glob) or ("/" not in glob and fnmatch.fnmatch(os.path.basename(rel), glob)):
                    skip.update(codes)
        return [self.per_rule[code] for code in sorted(self.enabled - skip)]


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def settle(
    config: Config,
    registry: Registry,
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Settings:
    """Validate ``config`` and the command line's selection against the registry."""
    where = str(config.path) if config.path else "command line"
    try:
        if select:
            named = registry.resolve_all(select)
            enabled = set(named)
        elif config.select is not None:
            named = registry.resolve_all(config.select)
            enabled = set(named)
        else:
            named = set()
            enabled = {r.code for r in registry.rules if r.default_enabled}
        named |= registry.resolve_all(config.extend_select)
        named |= registry.resolve_all(extend_select)
        enabled |= named
        enabled -= registry.resolve_all(config.ignore)
        enabled -= registry.resolve_all(ignore)
        per_file = tuple((glob, frozenset(registry.resolve_all(codes))) for glob, codes in config.per_file_ignores)
    except SelectionError as exc:
        raise ConfigError(f"{where}: {exc}") from None

    per_rule: dict[str, ActiveRule] = {}
    configured: dict[str, Mapping[str, Any]] = {}
    for key, table in config.rules.items():
        rule = registry.get(key)
        if rule is None:
            hint = did_you_mean(key, [r.name for r in registry.rules]) or "; `awesome-lint rules` lists them"
            raise ConfigError(f"{where}: [rules.{key}]: unknown rule {key!r}{hint}")
        configured[rule.code] = table
    for rule in registry.rules:
        table = dict(configured.get(rule.code, {}))
        severity = rule.severity
        if "severity" in table:
            value = table.pop("severity")
            try:
                severity = Severity(value)
            except ValueError:
                raise ConfigError(
                    f'{where}: [rules.{rule.name}] severity must be "error" or "warning", not {value!r}'
                ) from None
        options = dict(rule.options)
        for key, value in table.items():
            if key not in rule.options:
                known = ", ".join(["severity", *sorted(rule.options)])
                hint = did_you_mean(key, ["severity", *rule.options])
                raise ConfigError(
                    f"{where}: [rules.{rule.name}]: unknown option {key!r}{hint}; {rule.name} takes {known}"
                )
            if not _check_type(rule.options[key], value):
                raise ConfigError(
                    f"{where}: [rules.{rule.name}] {key} must be a {type(rule.options[key]).__name__}, not {value!r}"
                )
            problem = _out_of_range(rule.options[key], value)
            if problem:
                raise ConfigError(f"{where}: [rules.{rule.name}] {key} {problem}, not {value!r}")
            allowed = rule.choices.get(key)
            if allowed is not None and value not in allowed:
                if len(allowed) > 2:
                    choices = "one of " + ", ".join(repr(c) for c in allowed[:-1]) + f" or {allowed[-1]!r}"
                else:
                    choices = " or ".join(repr(c) for c in allowed)
                raise ConfigError(f"{where}: [rules.{rule.name}] {key} must be {choices}, not {value!r}")
            options[key] = value
        per_rule[rule.code] = ActiveRule(
            rule=rule,
            severity=severity,
            options=options,
            severity_configured="severity" in configured.get(rule.code, {}),
        )
    layout = {r.code for r in registry.rules if "layout" in r.presets}
    return Settings(
        config=config,
        registry=registry,
        enabled=frozenset(enabled),
        per_rule=per_rule,
        per_file=per_file,
        folded=frozenset((layout & enabled) - named),
    )
