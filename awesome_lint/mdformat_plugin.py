"""An mdformat plugin that formats tables the awesome-lint way: every cell kept.

mdformat (with mdformat-gfm) renders tables from markdown-it's tokens, which drop a row's
extra cells and re-escape cell text. With this plugin (``pip install awesome-lint``, then
``mdformat --extensions gfm --extensions awesome_lint``, or ``extensions = ["gfm",
"awesome_lint"]`` in ``.mdformat.toml``), tables are read from the source and laid out by
awesome-lint's ``table-format``: aligned by default, like mdformat-gfm, compact with
mdformat-gfm's ``--compact-tables``. Cell text is kept byte for byte.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from .markdown.mdit_table import find_table, install, line_text
from .markdown.model import Align
from .markdown.tablefmt import render_rows
from .markdown.tablesplit import alignment, split_cells

TOKEN = "awesome_table"
CHANGES_AST = False


def _rows(state: Any, start: int, end: int) -> list[list[str]]:
    out = []
    for line in range(start, end):
        text = line_text(state, line)
        out.append([text[s:e] for s, e in split_cells(text)])
    return out


def _table_rule(state: Any, start: int, end: int, silent: bool) -> bool:
    found = find_table(state, start, end)
    if found is None:
        return False
    if silent:
        return True
    rows = _rows(state, start, found)
    token = state.push(TOKEN, "table", 0)
    token.map = [start, found]
    token.meta = {"header": rows[0], "aligns": [alignment(c).value for c in rows[1]], "rows": rows[2:]}
    state.line = found
    return True


def _html(self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
    """HTML for mdformat's "is the output equivalent?" check: GitHub's padding, raw cells."""
    meta = tokens[idx].meta
    width = len(meta["header"])
    head = "".join(f"<th>{html.escape(c)}</th>" for c in meta["header"])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row + [""] * (width - len(row))) + "</tr>"
        for row in meta["rows"]
    )
    return f"<table><tr>{head}</tr>{body}</table>\n"


def update_mdit(mdit: Any) -> None:
    mdit.enable("table")
    install(mdit, _table_rule)  # where GitHub starts tables, under a line of text too
    mdit.add_render_rule(TOKEN, _html)


def _compact(context: Any) -> bool:
    opts = context.options.get("mdformat", {})
    from_plugin = opts.get("plugin", {}).get("tables", {}).get("compact_tables")
    return bool(from_plugin or opts.get("compact_tables"))


def _render(node: Any, context: Any) -> str:
    meta = node.meta
    width = len(meta["header"])
    rows = [meta["header"], *[row + [""] * (width - len(row)) for row in meta["rows"]]]
    aligns = [Align(a) for a in meta["aligns"]]
    return "\n".join(render_rows(rows, aligns, "compact" if _compact(context) else "aligned"))


RENDERERS: Mapping[str, Any] = {TOKEN: _render}
