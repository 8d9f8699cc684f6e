"""awesome-lint: a linter and formatter for awesome-list READMEs.

Kept import-light: the CLI starts fast, and ``from awesome_lint import check`` pulls in the
engine only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "check"]

if TYPE_CHECKING:
    from .api import check


def __getattr__(name: str) -> Any:
    if name == "check":
        from .api import check

        return check
    raise AttributeError(name)
