"""Link results kept between runs in one SQLite file.

Only good news is reused (alive and redirected links, for ``cache-max-age`` seconds); a dead,
blocked or transient link is checked again on every run, since it may have come back. A cache
that cannot be opened or written is a warning, never a failure: it only costs time.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from . import REUSABLE, LinkResult, Verdict

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    url TEXT PRIMARY KEY,
    verdict TEXT NOT NULL,
    status INTEGER,
    final_url TEXT,
    detail TEXT NOT NULL,
    archived INTEGER NOT NULL,
    checked_at REAL NOT NULL
)
"""


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("awesome-lint", appauthor=False)) / "links.sqlite"


class Cache:
    def __init__(self, path: Path, max_age: float) -> None:
        self.path = path
        self.max_age = max_age
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), timeout=10)
        self.db.execute(_SCHEMA)

    def get(self, urls: Iterable[str], now: float | None = None) -> dict[str, LinkResult]:
        now = time.time() if now is None else now
        wanted = list(urls)
        found: dict[str, LinkResult] = {}
        reusable = tuple(v.value for v in REUSABLE)
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT url, verdict, status, final_url, detail, archived FROM results "
                f"WHERE url IN ({marks}) AND checked_at >= ? AND verdict IN (?, ?)",
                (*chunk, now - self.max_age, *reusable),
            )
            for url, verdict, status, final_url, detail, archived in rows:
                found[url] = LinkResult(
                    url=url,
                    verdict=Verdict(verdict),
                    status=status,
                    final_url=final_url,
                    detail=detail,
                    archived=bool(archived),
                    cached=True,
                )
        return found

    def put(self, results: Iterable[LinkResult], now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (r.url, r.verdict.value, r.status, r.final_url, r.detail, int(r.archived), now)
                    for r in results
                    if not r.cached
                ],
            )

    def close(self) -> None:
        self.db.close()
