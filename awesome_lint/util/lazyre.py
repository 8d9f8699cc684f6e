"""Regular expressions compiled when first used, not when their module is imported.

The modules a plain ``check`` imports define about 120 patterns at module level, and a check of
a typical list uses about half of them: compiling every one at import was a tenth of the
start-up. ``compile`` returns a stand-in with the pattern's interface; the first attribute
asked of it (``match``, ``finditer``, ``pattern``...) compiles the pattern, and that attribute
is then stored on the stand-in, so later calls cost what they cost on a compiled pattern.

A stand-in is not an ``re.Pattern`` instance: call its methods (``_WORD.finditer(text)``)
rather than handing it to ``re.sub`` and friends.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast


class _Lazy:
    def __init__(self, pattern: Any, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_source", "_compiled"):  # copy and pickle probe these
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        value = getattr(self._compiled, name)
        setattr(self, name, value)  # found in the instance from now on: __getattr__ is not called again
        return value

    def __repr__(self) -> str:
        pattern, flags = self._source
        return f"lazyre.compile({pattern!r}, {re.RegexFlag(flags)!r})" if flags else f"lazyre.compile({pattern!r})"


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done the first time the pattern is used."""
    return cast("re.Pattern[AnyStr]", _Lazy(pattern, int(flags)))
