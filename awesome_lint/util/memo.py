"""What several rules work out from one document, made once per document.

A check runs its rules one after another over the same document; what more than one of them
derives from it (a scan of the whole text, an index of its sections) is made by the first that
asks and shared with the rest. One document is remembered per builder: the document itself is
kept beside what was made of it, so its id cannot be reused by another while it is remembered,
and the next document replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

_T = TypeVar("_T")
_D = TypeVar("_D")

_MADE: dict[Callable[..., Any], tuple[object, Any]] = {}


def per_document(doc: _D, build: Callable[[_D], _T]) -> _T:
    """What ``build`` makes of ``doc``, made once for the last document asked about. The caller
    must not change what it gets back unless every caller means to share the change."""
    known = _MADE.get(build)
    if known is not None and known[0] is doc:
        return cast(_T, known[1])
    made = build(doc)
    _MADE[build] = (doc, made)
    return made
