from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..markdown.model import END_MASK, Document, Span
from ..markdown.parser import whole_emphasis


class HeadingStyle(Rule):
    """ATX headings written in ways that render but read badly or break tools: whole text
    wrapped in emphasis (``### **2024**``: the heading is already bold, and the ``**`` leaks
    into plain-text tools and some anchors), closing ``#``s. An indented heading is layout,
    which the whitespace rule reports. Closing ``#``s are removed safely (GitHub renders the
    same heading); removing the emphasis is unsafe, since the heading's text is no longer bold."""

    code = "AL301"
    name = "heading-style"
    summary = "A heading is wrapped in emphasis, or has closing #s"
    fixable = Fixable.ALWAYS
    unsafe_fixes = True  # removing emphasis: the heading's text is no longer bold

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        text = doc.text
        sections = doc.sections
        unlike = sections.store.raws  # headings whose ``raw`` is not the text at their content
        for index, (at, content) in enumerate(zip(sections.heading_ats, sections.content_ats, strict=True)):
            # what both findings need, read before a heading is made: a ``*`` or ``_`` opening
            # its text, or a ``#`` after it
            start, end = content >> 32, content & END_MASK
            plain = text[start : start + 1] not in ("*", "_") and text.find("#", end, at & END_MASK) < 0
            if plain and index not in unlike:
                continue
            h = sections[index].heading
            if h.setext or h.html:
                continue
            markup = whole_emphasis(h.raw) if h.raw[:1] in ("*", "_") else None
            if markup:
                cs = h.content_span
                yield self.report(
                    cs,
                    f"Heading text is wrapped in {markup}...{markup}; headings are already emphasised",
                    fix=Fix.unsafe(
                        Edit.delete(Span(cs.start, cs.start + len(markup))),
                        Edit.delete(Span(cs.end - len(markup), cs.end)),
                    ),
                )
            tail = text[h.content_span.end : h.span.end]
            if tail.strip().startswith("#"):
                start = h.content_span.end if h.raw else h.content_span.end + len(tail) - len(tail.lstrip())
                yield self.report(
                    Span(h.content_span.end, h.span.end),
                    "Heading has closing #s; remove them",
                    fix=Fix.safe(Edit.delete(Span(start, h.span.end))),
                )
