"""What a document model of an object per element costs at the least, beside what ours costs.

    python benchmarks/model_floor.py                # the shapes of adversarial.py at 1 MB
    python benchmarks/model_floor.py --size 500000 --only one-row-tables,headings

The guide asks for a model of plain frozen value objects (sections, tables, rows, cells, links,
list items, each with its span) and for memory within 10x the input on every shape. For each
shape this parses the input, counts its elements, and then makes, for each element, the
smallest object such a model could have: a slotted object holding only its span (a packed int)
and its children (a tuple), nothing else: no text, no level, no section, no title. Its memory,
measured with ``tracemalloc``, is the floor of any model of an object per element; on a shape
of tiny elements it is above 10x the input before a rule has run. Beside it: our model's
memory after the parse, and the peak of the parse, both measured the same way. Our tables are
no longer an object per element (``TableStore``: arrays, read through views), so on the table
shapes our model is below this floor; headings, list items and links still are objects.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from adversarial import SHAPES  # noqa: E402


class Element:
    """The least an element can be: its span and its children."""

    __slots__ = ("children", "span")

    def __init__(self, span: int, children: object = ()) -> None:
        self.span = span
        self.children = children


_BASE = 1 << 40  # spans are packed offsets: ints beyond the small-int cache, as a file's offsets are


def floor_bytes(counts: dict[str, int], cells_per_row: list[int], links_per_item: list[int]) -> int:
    """Memory of the least objects for these elements, measured."""
    gc.collect()
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    kept: list[object] = []
    n = 0

    def span() -> int:
        nonlocal n
        n += 1
        return _BASE + n

    rows_made = 0
    for _table in range(counts["tables"]):
        rows = []
        for _row in range(counts["rows"] // max(counts["tables"], 1)):
            width = cells_per_row[rows_made % len(cells_per_row)] if cells_per_row else 0
            rows_made += 1
            rows.append(Element(span(), tuple(Element(span()) for _ in range(width))))
        kept.append(Element(span(), tuple(rows)))
    for index in range(counts["list_items"]):
        links = links_per_item[index] if index < len(links_per_item) else 0
        kept.append(Element(span(), tuple(Element(span(), span()) for _ in range(links))))
    loose = counts["links"] - sum(links_per_item) - counts["cell_links"]
    kept.extend(Element(span(), span()) for _ in range(max(loose, 0) + counts["cell_links"]))
    kept.extend(Element(span(), span()) for _ in range(counts["headings"]))  # a heading is its section
    used = tracemalloc.get_traced_memory()[0] - start - sys.getsizeof(kept)
    tracemalloc.stop()
    del kept
    return used


def measure(text: str) -> tuple[dict[str, int], int, int, int]:
    from awesome_lint.markdown import parser
    from awesome_lint.markdown.source import Source

    parser.parse_text("# warm\n\n- [a](b)\n\n| a |\n|---|\n")  # imports and caches out of the count
    source = Source.from_text(text, "shape.md")
    gc.collect()
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    doc = parser.parse(source)
    model, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows = [row for table in doc.tables for row in table.all_rows]
    counts = {
        "tables": len(doc.tables),
        "rows": len(rows),
        "cells": sum(len(row.cells) for row in rows),
        "cell_links": sum(len(cell.links) for row in rows for cell in row.cells),
        "links": len(doc.links),
        "list_items": len(doc.list_items),
        "headings": len(doc.sections),
    }
    cells_per_row = [len(row.cells) for row in rows]
    links_per_item = [len(item.links) for item in doc.list_items]
    floor = floor_bytes(counts, cells_per_row, links_per_item)
    return counts, floor, model - start, peak - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--only", default="", help="comma-separated shape names")
    args = parser.parse_args()
    wanted = set(args.only.split(",")) if args.only else set(SHAPES)
    print(f"{'shape':<18}{'bytes/element':>14}{'floor':>8}{'model':>8}{'parse peak':>12}   (x the input)")
    for name, make in SHAPES.items():
        if name not in wanted:
            continue
        text = make(args.size)
        size = len(text.encode("utf-8"))
        counts, floor, model, peak = measure(text)
        elements = counts["rows"] + counts["cells"] + counts["tables"] + counts["links"]
        elements += counts["list_items"] + counts["headings"]
        per = size / max(elements, 1)
        print(f"{name:<18}{per:>14.1f}{floor / size:>7.1f}x{model / size:>7.1f}x{peak / size:>11.1f}x")


if __name__ == "__main__":
    main()
