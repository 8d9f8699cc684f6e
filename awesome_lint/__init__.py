"""awesome-lint: a linter and formatter for awesome-list READMEs.

The public API is :func:`check`, :func:`fix` and :func:`list_rules` (see ``awesome_lint.api``).
Kept import-light: the CLI starts fast, and ``from awesome_lint import check`` pulls in the
engine only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "check", "fix", "list_rules"]

if TYPE_CHECKING:
    from .api import check, fix, list_rules


def __getattr__(name: str) -> Any:
    if name in ("check", "fix", "list_rules"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
