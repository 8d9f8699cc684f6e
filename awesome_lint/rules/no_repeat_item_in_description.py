from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic
from ..engine.rule import Context, Rule
from ..knowledge.awesome import PRESET, item_nodes, main_link
from ..markdown.model import Document
from ..util import lazyre

_BOUNDARY = lazyre.compile(r"^[\s.,!?:-]")


class NoRepeatItemInDescription(Rule):
    """A description that starts by repeating the entry's name: ``- [Foo](…) - Foo is a
    library for…``. The name is right there; say what it does: ``- [Foo](…) - Library for…``."""

    code = "AL610"
    name = "no-repeat-item-in-description"
    summary = "A description starts with the entry's own name"
    default_enabled = False
    presets = (PRESET,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for item in doc.list_items:
            if "](" not in item.text and "][" not in item.text:
                continue
            nodes = item_nodes(doc, item)
            index = None
            for i, node in enumerate(nodes):
                if node.type != "link":
                    continue
                # a badge link (an image inside, or another link right after) is not the entry's name
                following = next((n for n in nodes[i + 1 :] if n.type != "text" or n.text.strip()), None)
                if "image" not in node.children and (following is None or following.type != "link"):
                    index = i
                    break
            if index is None or not nodes[index].text.strip():
                continue
            rest = nodes[index + 1 :]
            separator = next(
                (k for k, n in enumerate(rest) if n.type == "text" and " - " in n.text),
                None,
            )
            if separator is None or any(
                n.type not in ("emphasis", "strong", "inlineCode") and not (n.type == "text" and not n.text.strip())
                for n in rest[:separator]
            ):
                continue
            description = (
                rest[separator].text.split(" - ", 1)[1] + "".join(n.text for n in rest[separator + 1 :])
            ).strip()
            name = nodes[index].text
            if description.lower().startswith(name.lower()):
                after = description[len(name) :]
                if not after or _BOUNDARY.match(after):
                    link = main_link(item, nodes[index].url)
                    yield self.report(
                        link.span if link else item.text_span,
                        f"the description repeats the entry's name {name!r}: start with what it is or does",
                    )
