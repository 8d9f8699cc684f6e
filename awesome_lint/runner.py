"""Checking files from the command line's point of view: paths, stdin, config per file,
and input errors collected rather than raised, so one bad file does not hide the others."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import api
from .engine import config as config_mod
from .engine import registry as registry_mod
from .engine.diagnostics import Diagnostic, Severity
from .knowledge.repository import with_file_facts
from .markdown import parser
from .markdown import source as source_mod
from .markdown.model import Document
from .util.values import field, value

if TYPE_CHECKING:
    from .fixing.fixer import FixResult
    from .links.gather import LinkReport
    from .records.gather import PaperReport


@value(frozen=False)
class Outcome:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fatal: str | None = None  # a configuration or selection error: nothing was checked
    fixes: list[FixResult] = field(default_factory=list)
    sources: dict[str, source_mod.Source] = field(default_factory=dict)  # every file read
    links: LinkReport | None = None  # when links were checked
    papers: PaperReport | None = None  # when papers were checked against their records

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)


def read_stdin() -> source_mod.Source:
    return source_mod.read_stdin()


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
            if self.explicit is not None and not os.path.lexists(self.explicit):
                raise config_mod.ConfigError(f"{self.explicit}: config file not found")
            self.cache[found] = api.settings_for(path, config=found, **self.selection)  # type: ignore[arg-type]
        return self.cache[found]


def unique_paths(paths: Sequence[str]) -> list[str]:
    """``paths`` without repeats of one file under two names; a path that cannot be resolved
    (a symlink loop, a NUL byte) is kept as given, for the reader to say what is wrong with it."""
    seen: set[str] = set()
    out = []
    for p in paths:
        key = p if p == "-" else _real(p)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _real(path: str) -> str:
    try:
        return os.path.realpath(path, strict=True)
    except (OSError, ValueError):
        return path


@value
class LinkRequest:
    """What the command line says about link checking; None fields defer to the config."""

    check: bool | None = None
    changed_since: str | None = None
    cache: str | None = None
    use_cache: bool = True
    progress: Callable[[int, int, str], None] | None = None
    github_api: str | None = None  # the one API base, besides the environment's, that may get GITHUB_TOKEN


@value
class PaperRequest:
    """What the command line says about paper records; ``check=None`` defers to the config."""

    check: bool | None = None
    cache: str | None = None
    use_cache: bool = True
    progress: Callable[[int, int, str], None] | None = None


def check_paths(
    paths: Sequence[str],
    *,
    config: Path | None = None,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fix: bool = False,
    unsafe: bool = False,
    links: LinkRequest | None = None,
    papers: PaperRequest | None = None,
) -> Outcome:
    """Check (and with ``fix``, fix in memory) each path; nothing is written here.

    One path for every file, in stages: read it and settle its configuration once; parse it
    once; gather the facts the rules need (link verdicts, paper records: one run over all
    files); then run the rules (``check``) or fix, re-run and verify (``fix``); the caller
    reports. Check and fix differ only in that last stage.
    """
    outcome = Outcome()
    reg = registry_mod.load()
    outcome.warnings.extend(reg.problems)
    settings = SettingsCache(config, select=select, extend_select=extend_select, ignore=ignore)
    files = _read(paths, settings, outcome, digest=fix)
    if outcome.fatal is not None:
        return outcome
    docs: dict[str, Document] = {}  # parsed before the rules only when facts need every file
    facts = _gather(files, docs, links, papers, outcome)
    if outcome.fatal is not None:
        return outcome
    for src, conf in files:
        doc = docs.pop(src.path, None) or parser.parse(src)
        # what the files beside this one say (a contributing guide), for the rules that ask
        file_facts = with_file_facts(src.path, conf.active(src.path), facts)
        if fix and src.newline == "mixed":
            outcome.input_errors.append(
                f"{src.path}: mixed line endings (CRLF and LF); not fixed, since keeping both is not "
                "possible: convert the file to one style first"
            )
        if fix and src.newline != "mixed":
            from .fixing.fixer import fix_source

            result = fix_source(src, conf, unsafe=unsafe, facts=file_facts, doc=doc)
            outcome.fixes.append(result)
            outcome.diagnostics.extend(result.remaining)
        else:
            outcome.diagnostics.extend(api.check_source(src, conf, facts=file_facts, doc=doc))
    return outcome


def _read(
    paths: Sequence[str], settings: SettingsCache, outcome: Outcome, *, digest: bool
) -> list[tuple[source_mod.Source, config_mod.Settings]]:
    """Read each path (``-``: standard input) and settle its configuration; a file that cannot
    be read is an input error, a broken configuration ends the run. ``digest``: the file may be
    written back, so remember what it held (a check need not hash it)."""
    files: list[tuple[source_mod.Source, config_mod.Settings]] = []
    for raw in unique_paths(paths):
        try:
            if raw == "-":
                src = read_stdin()
                conf = settings.for_path(None)
            else:
                src = source_mod.read(raw, digest=digest)
                conf = settings.for_path(Path(raw))
        except source_mod.InputError as exc:
            outcome.input_errors.append(str(exc))
            continue
        except config_mod.ConfigError as exc:
            outcome.fatal = str(exc)
            return files
        outcome.sources[src.path] = src
        files.append((src, conf))
    return files


def _gather(
    files: Sequence[tuple[source_mod.Source, config_mod.Settings]],
    docs: dict[str, Document],
    links: LinkRequest | None,
    papers: PaperRequest | None,
    outcome: Outcome,
) -> dict[str, Any]:
    """The facts of one run over all files: link verdicts (``--links``), paper records
    (``--papers``). Parses the files into ``docs`` when a gatherer needs them."""
    facts: dict[str, Any] = {}
    options = _link_options(files, links)
    if options is not None and files:
        from .links.gather import LinkRunError, gather

        docs.update({src.path: parser.parse(src) for src, _ in files})
        try:
            outcome.links = gather(list(docs.values()), options, progress=links.progress if links else None)
        except LinkRunError as exc:
            outcome.fatal = str(exc)
            return facts
        outcome.warnings.extend(outcome.links.warnings)
        facts["links"] = outcome.links.results

    paper_options = _paper_options(files, papers)
    if paper_options is not None and files:
        from .records.gather import gather as gather_papers

        if not docs:
            docs.update({src.path: parser.parse(src) for src, _ in files})
        outcome.papers = gather_papers(list(docs.values()), paper_options, progress=papers.progress if papers else None)
        outcome.warnings.extend(outcome.papers.warnings)
        facts["papers"] = outcome.papers.records
    return facts


def _link_options(files: Sequence[tuple[source_mod.Source, config_mod.Settings]], request: LinkRequest | None) -> Any:
    """The link options for this run, or None when links are not checked.

    One run checks links once, over all files, with the ``[links]`` table of the first file's
    configuration; the command line's flags win over it.
    """
    from dataclasses import replace

    configured = files[0][1].config.links if files else None
    if request is None or request.check is None:
        if configured is None or not configured.check:
            return None
    elif not request.check:
        return None
    from .links.options import LinkOptions

    options = configured or LinkOptions()
    if request is None:
        return replace(options, check=True)
    if request.github_api:
        options = replace(options, github_api=request.github_api.rstrip("/"), github_api_source="command line")
    return replace(
        options,
        check=True,
        changed_since=request.changed_since,
        cache=request.cache if request.cache is not None else options.cache,
        use_cache=request.use_cache,
    )


def _paper_options(files: Sequence[tuple[source_mod.Source, config_mod.Settings]], request: PaperRequest | None) -> Any:
    """The paper options for this run, or None when papers are not checked against records:
    the first file's ``[papers]`` table, the command line's flags winning over it."""
    from dataclasses import replace

    configured = files[0][1].config.papers if files else None
    if request is None or request.check is None:
        if configured is None or not configured.check:
            return None
    elif not request.check:
        return None
    from .records.options import PaperOptions

    options = configured or PaperOptions()
    cache = request.cache if request is not None and request.cache is not None else options.cache
    if not cache and files and files[0][1].config.links is not None:
        cache = files[0][1].config.links.cache  # the same SQLite file as the link results
    use_cache = request.use_cache if request is not None else True
    return replace(options, check=True, cache=cache, use_cache=use_cache and options.use_cache)
