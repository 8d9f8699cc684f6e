"""Checking files from the command line's point of view: paths, stdin, config per file,
and input errors collected rather than raised, so one bad file does not hide the others."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import api
from . import config as config_mod
from . import registry as registry_mod
from . import source as source_mod
from .diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from .fixer import FixResult


@dataclass
class Outcome:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fatal: str | None = None  # a configuration or selection error: nothing was checked
    fixes: list[FixResult] = field(default_factory=list)
    sources: dict[str, source_mod.Source] = field(default_factory=dict)  # every file read

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def read_stdin() -> source_mod.Source:
    data = sys.stdin.buffer.read(source_mod.MAX_BYTES + 1)
    return source_mod.decode(data, "-")


class SettingsCache:
    def __init__(self, explicit: Path | None, **selection: object) -> None:
        self.explicit = explicit
        self.selection = selection
        self.cache: dict[Path | None, config_mod.Settings] = {}

    def for_path(self, path: Path | None) -> config_mod.Settings:
        found = self.explicit
        if found is None:
            found = config_mod.discover(path.parent if path is not None else Path.cwd())
        if found not in self.cache:
            if self.explicit is not None and not self.explicit.is_file():
                raise config_mod.ConfigError(f"{self.explicit}: config file not found")
            self.cache[found] = api.settings_for(path, config=found, **self.selection)  # type: ignore[arg-type]
        return self.cache[found]


def unique_paths(paths: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for p in paths:
        key = p if p == "-" else str(Path(p).resolve())
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def check_paths(
    paths: Sequence[str],
    *,
    config: Path | None = None,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fix: bool = False,
    unsafe: bool = False,
) -> Outcome:
    """Check (and with ``fix``, fix in memory) each path; nothing is written here."""
    outcome = Outcome()
    reg = registry_mod.load()
    outcome.warnings.extend(reg.problems)
    settings = SettingsCache(config, select=select, extend_select=extend_select, ignore=ignore)
    for raw in unique_paths(paths):
        try:
            if raw == "-":
                src = read_stdin()
                conf = settings.for_path(None)
            else:
                src = source_mod.read(raw)
                conf = settings.for_path(Path(raw))
        except source_mod.InputError as exc:
            outcome.input_errors.append(str(exc))
            continue
        except config_mod.ConfigError as exc:
            outcome.fatal = str(exc)
            return outcome
        outcome.sources[src.path] = src
        if not fix:
            outcome.diagnostics.extend(api.check_source(src, conf))
            continue
        from .fixer import fix_source

        if src.newline == "mixed":
            outcome.input_errors.append(
                f"{src.path}: mixed line endings (CRLF and LF); not fixed, since keeping both is not "
                "possible: convert the file to one style first"
            )
            outcome.diagnostics.extend(api.check_source(src, conf))
            continue
        result = fix_source(src, conf, unsafe=unsafe)
        outcome.fixes.append(result)
        outcome.diagnostics.extend(result.remaining)
    return outcome
