"""Which year a heading names.

A heading names a year when, once everything but ASCII letters and digits is set aside (emoji,
punctuation, emphasis, CJK, and the letters of mojibake such as ``üìÜ``), what is left is a
four-digit year from 1900 to 2099, optionally with the word "Year" before or after it. So
``2024``, ``**📆 2024**``, ``üìÜ 2024``, ``Year 2023``, ``[2022]``, ``2021年`` name a year;
``2019 and earlier``, ``Before 2020``, ``CVPR 2023`` and ``2023-2024`` do not: they are
ranges or topics, and guessing a single year for them would make year rules lie.

Navigation after the year is not part of what it names: ``### 2023 [[Back to Top](#contents)]``
and ``## 2022 <a href="#top">↑</a>`` name 2023 and 2022. Only in-page links are set aside; a
link elsewhere (``2023 [CVPR](https://…)``) is a topic, and stays one.
"""

from __future__ import annotations

import re

from ..util import lazyre

_YEAR_HEADING = lazyre.compile(r"^(?:year )?((?:19|20)\d\d)(?: year)?$", re.IGNORECASE)
_NOISE = lazyre.compile(r"[^A-Za-z0-9]+")


def heading_year(text: str) -> int | None:
    cleaned = _NOISE.sub(" ", text).strip()
    m = _YEAR_HEADING.match(cleaned)
    return int(m.group(1)) if m else None


# an in-page link (``[Back to Top](#top)``, ``[↑](#contents)``), in Markdown or in HTML
_PAGE_LINK = lazyre.compile(r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*<?#[^()\s]*>?\s*\)")
_HTML_PAGE_LINK = lazyre.compile(r"<a\s[^<>]*href\s*=\s*[\"']?#[^<>]*>[^<]*</a\s*>", re.IGNORECASE)
_IMAGE = lazyre.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")


def section_year(text: str, raw: str) -> int | None:
    """The year a heading names, given its rendered ``text`` and its Markdown ``raw``."""
    year = heading_year(text)
    if year is None and ("#" in raw or "!" in raw):
        year = heading_year(_IMAGE.sub(" ", _HTML_PAGE_LINK.sub(" ", _PAGE_LINK.sub(" ", raw))))
    return year
