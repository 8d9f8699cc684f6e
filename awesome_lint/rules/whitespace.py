from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..markdown.model import Document, Span
from ..util import lazyre

# what a line is (see Whitespace.check)
_SKIP, _BREAK, _TABLE, _HEADING = 1, 2, 4, 8  # code or HTML; a paragraph's line but its last; a table row; a heading
_LONGEST_SPACING = 9  # blank lines counted above a heading: more are never a habit
_WORDS = {2: "two", 3: "three", 4: "four"}
# a thematic break (``---``, ``***``, ``___``) on a line of its own
_RULE_LINE = lazyre.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.MULTILINE)


class Whitespace(Rule):
    """Whitespace that changes nothing a reader sees but makes every diff noisy: trailing spaces
    (two or more at the end of a paragraph line are a hard line break and are kept), runs of
    blank lines, a missing final newline, headings indented by spaces (one space away from
    becoming code), and tabs in table rows (editors disagree on their width, so columns
    drift). Code blocks and raw HTML are left alone. A list that sets its headings off with
    two blank lines throughout (as generated lists do) follows its own convention: two blank
    lines above a heading are not reported there. It is layout: by default ``check`` folds
    its findings into one line per file."""

    code = "AL404"
    name = "whitespace"
    summary = "Trailing spaces, several blank lines in a row, no final newline, tabs in table rows"
    fixable = Fixable.SOMETIMES
    presets = ("layout",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        src = doc.source
        text = doc.text
        # what each line is, a byte a line (sets of line numbers were 5 MB for 1 MB of tables)
        flags = bytearray(src.line_count + 1)
        for index in chain(doc.code_lines, doc.html_lines):
            flags[index] |= _SKIP
        for begin, end in doc.paragraph_lines:
            for index in range(begin, end - 1):
                flags[index] |= _BREAK
        for table in doc.tables:
            for index in table.lines:
                flags[index] |= _TABLE
        for at in doc.sections.heading_ats:
            flags[src.line_index(at >> 32)] |= _HEADING
        spaced = self._heading_spacing(doc, (i for i, flag in enumerate(flags) if flag & _HEADING))
        if spaced > 1:  # a rule between sections is spaced as a heading is
            for m in _RULE_LINE.finditer(text):
                flags[src.line_index(m.start())] |= _HEADING
        blank_run: list[int] = []

        def flush() -> Iterator[Diagnostic]:
            # above a heading, the list's own spacing where its habit is more than one blank
            # line (a generated list: two, and one more after a section's closing note)
            above = spaced > 1 and bool(blank_run) and bool(flags[blank_run[-1] + 1] & _HEADING)
            keep = spaced if above else 1
            if len(blank_run) > (keep + 1 if above else keep):
                first_extra = src.line_start(blank_run[keep])
                after = src.line_end(blank_run[-1]) + 1
                end = min(after, len(text))
                enough = (
                    f"{_WORDS.get(keep, keep)} above a heading are this list's spacing" if above else "one is enough"
                )
                yield self.report(
                    Span(first_extra, first_extra),
                    f"{len(blank_run)} blank lines in a row; {enough}",
                    fix=Fix.safe(Edit.delete(Span(first_extra, end))),
                )
            blank_run.clear()

        end = -1
        for index in range(src.line_count):  # the text read from newline to newline (no list of lines)
            start = end + 1
            end = text.find("\n", start)
            if end == -1:
                end = len(text)
            line = text[start:end]
            if flags[index] & _SKIP:
                if blank_run:
                    yield from flush()
                continue
            stripped = line.rstrip(" \t")
            if not stripped:
                blank_run.append(index)
            elif blank_run:
                yield from flush()
            if len(stripped) != len(line):
                trailing = line[len(stripped) :]
                if stripped and flags[index] & _BREAK and trailing.startswith("  ") and "\t" not in trailing:
                    pass  # a hard line break
                elif stripped or index not in blank_run[1:]:
                    span = Span(start + len(stripped), end)
                    yield self.report(span, "Trailing whitespace", fix=Fix.safe(Edit.delete(span)))
            if flags[index] & _TABLE and "\t" in stripped:
                col = line.index("\t")
                yield self.report(Span(start + col, start + col + 1), "Tab in a table row; use spaces")
        yield from flush()
        yield from self._indented_headings(doc)
        if text and not text.endswith("\n"):
            yield self.report(
                Span(len(text), len(text)),
                "File does not end with a newline",
                fix=Fix.safe(Edit.insert(len(text), "\n")),
            )

    @staticmethod
    def _heading_spacing(doc: Document, headings: Iterable[int]) -> int:
        """The blank lines a list puts above its headings when that is a habit of more than one:
        the most common number N, when three quarters of the headings set off by a blank line
        (and at least three) have N or N + 1 above them (a generator adds one after a section's
        closing note); else 1. Runs of any length scattered above headings are no habit."""
        src, text = doc.source, doc.text

        def blank(index: int) -> bool:
            return index >= 0 and not text[src.line_start(index) : src.line_end(index)].strip(" \t")

        runs: Counter[int] = Counter()
        for h in headings:
            n = 0
            while n < _LONGEST_SPACING and blank(h - 1 - n):
                n += 1
            if n:
                runs[n] += 1
        if not runs:
            return 1
        common, _ = max(runs.items(), key=lambda item: (item[1], -item[0]))
        near = runs[common] + runs[common + 1]
        if common > 1 and near >= 3 and near >= 0.75 * sum(runs.values()):
            return common
        return 1

    def _indented_headings(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.text
        for section in doc.sections:
            h = section.heading
            if h.setext or h.nested:  # in a list item or blockquote, indentation is structure
                continue
            start = h.span.start
            indent = len(text[start : h.content_span.start]) - len(text[start : h.content_span.start].lstrip(" "))
            if indent:
                yield self.report(
                    Span(start, start + indent),
                    f"Heading is indented by {indent} space{'s' if indent > 1 else ''}; start it at the margin",
                    fix=Fix.safe(Edit.delete(Span(start, start + indent))),
                )
