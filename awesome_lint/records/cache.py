"""Source answers kept between runs, in the link cache's SQLite file (a table of its own).

A record changes rarely, so an answer is reused for ``cache-max-age`` (a month by default);
"this API does not know the identifier" is kept too (it is an answer), a failure never is.
A cache that cannot be opened or written is a warning: it only costs requests.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS paper_records (
    source TEXT NOT NULL,
    ident TEXT NOT NULL,
    data TEXT NOT NULL,
    fetched_at REAL NOT NULL,
    PRIMARY KEY (source, ident)
)
"""


def default_path() -> Path:
    from ..links.cache import default_path as links_default

    return links_default()


class RecordCache:
    def __init__(self, path: Path, max_age: float) -> None:
        self.path = path
        self.max_age = max_age
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), timeout=10)
        self.db.execute(_SCHEMA)

    def get(self, source: str, idents: Iterable[str], now: float | None = None) -> dict[str, Any]:
        """Cached answers (a dict, or None for "unknown to this API") by identifier."""
        now = time.time() if now is None else now
        wanted = list(idents)
        found: dict[str, Any] = {}
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT ident, data FROM paper_records WHERE source = ? AND ident IN ({marks}) AND fetched_at >= ?",
                (source, *chunk, now - self.max_age),
            )
            for ident, data in rows:
                found[ident] = json.loads(data)
        return found

    def put(self, source: str, answers: Mapping[str, Any], now: float | None = None) -> None:
        now = time.time() if now is None else now
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO paper_records VALUES (?, ?, ?, ?)",
                [(source, ident, json.dumps(data), now) for ident, data in answers.items()],
            )

    def close(self) -> None:
        self.db.close()
