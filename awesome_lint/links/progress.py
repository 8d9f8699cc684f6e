"""A one-line progress bar for link checking, drawn on a terminal only."""

from __future__ import annotations

import time
from typing import TextIO


class ProgressBar:
    def __init__(self, stream: TextIO, width: int = 30, every: float = 0.1, label: str = "Checking links") -> None:
        self.stream = stream
        self.label = label
        self.width = width
        self.every = every
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int, host: str) -> None:
        now = time.monotonic()
        if done < total and now - self.last < self.every:
            return
        self.last = now
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"\r{self.label} [{bar}] {done}/{total} {host[:40]}"
        self.stream.write(line.ljust(100)[:100])
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()
