"""The ``[papers]`` table of the configuration, validated when the config is loaded.

``papers = true`` turns checking on with the defaults; a table sets options (``check = true``
turns it on). Every key is checked here, so a typo is an error naming it, never a no-op.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from ..util.text import did_you_mean

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

ARXIV_API = "https://export.arxiv.org"
SEMANTIC_SCHOLAR_API = "https://api.semanticscholar.org"
CROSSREF_API = "https://api.crossref.org"
OPENREVIEW_API = "https://api2.openreview.net"
DBLP_API = "https://dblp.org"


class PaperOptionError(ValueError):
    """A bad ``[papers]`` value; the message names the key."""


@dataclass(frozen=True)
class PaperOptions:
    check: bool = False
    timeout: float = 20.0  # seconds for one request
    retries: int = 2  # extra attempts after a timeout, a reset, a 5xx or a 429
    backoff: float = 1.0  # first wait before a retry, doubled each time
    max_retry_wait: float = 60.0  # longest Retry-After honoured; longer means the API is unavailable
    cache: str = ""  # SQLite file; "" means the link cache's file
    use_cache: bool = True
    cache_max_age: float = 30 * 86400.0  # seconds a record is reused: records change rarely
    arxiv_api: str = ARXIV_API
    arxiv_interval: float = 3.0  # arXiv asks for no more than one API request every 3 seconds
    semantic_scholar_api: str = SEMANTIC_SCHOLAR_API
    semantic_scholar_interval: float = 1.0  # one request a second is the unauthenticated rate
    crossref_api: str = CROSSREF_API
    openreview_api: str = OPENREVIEW_API
    dblp_api: str = DBLP_API
    dblp: bool = True  # search DBLP by title for entries that carry no identifier
    dblp_limit: int = 100  # at most this many title searches a run (one request each)
    interval: float = 1.0  # seconds between two requests to Crossref, OpenReview or DBLP
    allow_networks: tuple[Network, ...] = ()  # private networks the APIs may be on (tests, mirrors)
    mailto: str = ""  # sent to Crossref, which serves identified clients from its polite pool
    user_agent: str = "awesome-lint paper records (+https://github.com/awesome-lint/awesome-lint)"


_KEYS = {f.name.replace("_", "-"): f for f in fields(PaperOptions) if f.name != "use_cache"}


def parse(value: Any, base: PaperOptions | None = None) -> PaperOptions:
    """``papers = true`` / ``false`` or a table of options."""
    base = base or PaperOptions()
    if isinstance(value, bool):
        return replace(base, check=value)
    if not isinstance(value, Mapping):
        raise PaperOptionError("papers must be true, false or a table of options ([papers])")
    changes: dict[str, Any] = {}
    for key, raw in value.items():
        spec = _KEYS.get(key)
        if spec is None:
            hint = did_you_mean(key, sorted(_KEYS)) or f"; expected one of {', '.join(sorted(_KEYS))}"
            raise PaperOptionError(f"unknown key 'papers.{key}'{hint}")
        default = getattr(base, spec.name)
        if key == "allow-networks":
            if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
                raise PaperOptionError("papers.allow-networks must be a list of addresses or networks")
            try:
                changes[spec.name] = tuple(ipaddress.ip_network(v, strict=False) for v in raw)
            except ValueError as exc:
                raise PaperOptionError(f"papers.allow-networks: {exc}") from None
        elif isinstance(default, bool):
            if not isinstance(raw, bool):
                raise PaperOptionError(f"papers.{key} must be true or false, not {raw!r}")
            changes[spec.name] = raw
        elif isinstance(default, int):
            if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
                raise PaperOptionError(f"papers.{key} must be a whole number of at least 0, not {raw!r}")
            changes[spec.name] = raw
        elif isinstance(default, float):
            if not isinstance(raw, (int, float)) or isinstance(raw, bool) or not 0 <= raw < float("inf"):
                raise PaperOptionError(f"papers.{key} must be a number of seconds, not {raw!r}")
            changes[spec.name] = float(raw)
        else:
            if not isinstance(raw, str):
                raise PaperOptionError(f"papers.{key} must be a string, not {raw!r}")
            if key.endswith("-api") and not raw.startswith(("http://", "https://")):
                raise PaperOptionError(f"papers.{key} must be an http(s) URL, not {raw!r}")
            changes[spec.name] = raw.rstrip("/") if key.endswith("-api") else raw
    return replace(base, **changes)
