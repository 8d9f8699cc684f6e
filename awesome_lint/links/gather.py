"""Gather the link facts for a run: which URLs, which of them changed, the cache, the checker.

Called once per run, before any rule runs, over every file being checked, so a URL that
appears in three files is still requested once.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..markdown.model import Document
from . import LinkResult, Verdict, checkable, request_url
from .options import LinkOptions, with_environment


class LinkRunError(Exception):
    """Link checking cannot start (a bad revision, not a git repository); one line for the user."""


@dataclass
class Location:
    path: str
    line: int
    column: int


@dataclass
class LinkReport:
    results: dict[str, LinkResult] = field(default_factory=dict)  # by requested URL (no fragment)
    locations: dict[str, list[Location]] = field(default_factory=dict)
    unchanged: int = 0  # URLs left out by --changed-since
    excluded: int = 0
    requests: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def counts(self) -> Counter[Verdict]:
        return Counter(r.verdict for r in self.results.values())

    def summary(self) -> str:
        n = len(self.results)
        cached = sum(r.cached for r in self.results.values())
        head = f"Checked {n:,} link{'s' if n != 1 else ''} in {self.seconds:.1f} s"
        notes = [f"{cached:,} from the cache"] if cached else []
        notes.append(f"{self.requests:,} request{'s' if self.requests != 1 else ''}")
        if self.unchanged:
            notes.append(f"{self.unchanged:,} unchanged not checked")
        if self.excluded:
            notes.append(f"{self.excluded:,} excluded")
        counts = self.counts
        verdicts = ", ".join(f"{counts[v]:,} {v.value}" for v in Verdict if counts[v])
        return f"{head} ({', '.join(notes)})" + (f": {verdicts}." if verdicts else ".")


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise LinkRunError(f"--changed-since needs git, which could not be run ({exc.strerror or exc})") from None


def old_text(path: str, rev: str) -> str | None:
    """``path`` as it was at ``rev``, or None when it did not exist there."""
    if path == "-":
        return None
    file = Path(path).resolve()
    where = file.parent
    verify = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], where)
    if verify.returncode != 0:
        inside = _git(["rev-parse", "--is-inside-work-tree"], where)
        if inside.returncode != 0:
            raise LinkRunError(f"--changed-since {rev}: {path} is not inside a git repository")
        raise LinkRunError(f"--changed-since {rev}: no such revision in the repository of {path}")
    shown = _git(["show", f"{rev}:./{file.name}"], where)
    if shown.returncode != 0:
        return None  # a new file: every link in it is new
    return shown.stdout


def gather(
    docs: Sequence[Document],
    options: LinkOptions,
    *,
    progress: Callable[[int, int, str], None] | None = None,
) -> LinkReport:
    from ..markdown.parser import parse
    from ..markdown.source import Source

    if options.github_api_source == "command line" and not options.github_api.startswith(("http://", "https://")):
        raise LinkRunError(f"--github-api must be an http(s) URL, not {options.github_api!r}")
    report = LinkReport()
    options, report.warnings = with_environment(options, os.environ)
    wanted: dict[str, None] = {}
    excluded: set[str] = set()
    unchanged: set[str] = set()
    patterns = [re.compile(p) for p in options.exclude]
    for doc in docs:
        old_urls: set[str] = set()
        if options.changed_since:
            before = old_text(doc.source.path, options.changed_since)
            if before is not None:
                old_doc = parse(Source.from_text(before, doc.source.path))
                old_urls = {request_url(link.url) for link in old_doc.links if checkable(link)}
        for link in doc.links:
            if not checkable(link):
                continue
            url = request_url(link.url)
            pos = doc.source.position(link.span.start)
            report.locations.setdefault(url, []).append(Location(doc.source.path, pos.line, pos.column))
            if url in wanted or url in excluded:
                continue
            if any(p.search(url) for p in patterns):
                excluded.add(url)
            elif url in old_urls:
                unchanged.add(url)
            else:
                wanted[url] = None
    report.excluded = len(excluded)
    report.unchanged = len(unchanged - wanted.keys())
    report.locations = {url: where for url, where in report.locations.items() if url in wanted}
    started = time.monotonic()
    cache = None
    if options.use_cache:
        from .cache import Cache, default_path

        path = Path(options.cache) if options.cache else default_path()
        try:
            cache = Cache(path, options.cache_max_age)
            report.results.update(cache.get(wanted))
        except Exception as exc:  # sqlite3.Error, OSError: a broken cache only costs time
            report.warnings.append(f"link cache {path} not used ({exc})")
            cache = None
    todo = [url for url in wanted if url not in report.results]
    if todo:
        from .workers import check_urls

        checked = check_urls(todo, options, progress)
        report.results.update(checked.results)
        report.requests = checked.requests
    if cache is not None:
        try:
            cache.put(report.results.values())
        except Exception as exc:
            report.warnings.append(f"link cache {cache.path} not updated ({exc})")
        finally:
            cache.close()
    report.seconds = time.monotonic() - started
    return report
