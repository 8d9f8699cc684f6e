"""The ``[links]`` table of the configuration, validated when the config is loaded.

``links = true`` turns checking on with the defaults; a table sets options (``check = true``
turns it on). Every key is checked here, so a typo is an error naming it, never a no-op.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..textutil import did_you_mean

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class LinkOptionError(ValueError):
    """A bad ``[links]`` value; the message names the key."""


@dataclass(frozen=True)
class LinkOptions:
    check: bool = False
    concurrency: int = 64  # requests in flight at once, over all hosts
    workers: int = 0  # processes; 0 means one per 300 URLs, up to the CPUs (at most 4)
    per_host: int = 4  # requests in flight at once to one host:port
    interval: float = 0.0  # seconds between the starts of two requests to one host
    timeout: float = 15.0  # seconds for connecting, and for each read
    retries: int = 2  # extra attempts after a timeout, a reset, a 5xx or a 429
    backoff: float = 1.0  # first wait before a retry, doubled each time
    max_retry_wait: float = 30.0  # longest Retry-After honoured; longer means "blocked"
    max_redirects: int = 10
    max_body: int = 65536  # bytes of a body ever read (only to recognise bot challenges)
    breaker: int = 3  # after this many blocking answers in a row, a host gets no more requests
    cache: str = ""  # SQLite file; "" means the user cache directory
    use_cache: bool = True
    cache_max_age: float = 86400.0  # seconds an alive result is reused
    exclude: tuple[str, ...] = ()  # regular expressions; matching URLs are not checked
    allow_networks: tuple[Network, ...] = ()  # private networks that may be contacted (intranets, tests)
    github_api: str = "https://api.github.com"  # used for github.com repositories when GITHUB_TOKEN is set
    arxiv_api: str = "https://export.arxiv.org"  # arXiv ids are checked in batches through its API
    arxiv_interval: float = 3.0  # arXiv asks for no more than one API request every 3 seconds
    doi_api: str = "https://doi.org"  # DOIs are checked against the handle API, not the publisher
    user_agent: str = "awesome-lint link checker (+https://github.com/awesome-lint/awesome-lint)"
    changed_since: str | None = field(default=None)  # set from the command line only


_KEYS = {f.name.replace("_", "-"): f for f in fields(LinkOptions) if f.name not in ("use_cache", "changed_since")}


def _network(value: str) -> Network:
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise LinkOptionError(f"allow-networks: {value!r} is not an address or network (e.g. 10.0.0.0/8)") from None


def parse(value: Any, base: LinkOptions | None = None) -> LinkOptions:
    """``links = true`` / ``false`` or a table of options."""
    base = base or LinkOptions()
    if isinstance(value, bool):
        return replace(base, check=value)
    if not isinstance(value, Mapping):
        raise LinkOptionError("links must be true, false or a table of options ([links])")
    changes: dict[str, Any] = {}
    for key, raw in value.items():
        spec = _KEYS.get(key)
        if spec is None:
            hint = did_you_mean(key, sorted(_KEYS)) or f"; expected one of {', '.join(sorted(_KEYS))}"
            raise LinkOptionError(f"unknown key 'links.{key}'{hint}")
        default = getattr(base, spec.name)
        if key == "allow-networks":
            if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
                raise LinkOptionError("links.allow-networks must be a list of addresses or networks")
            changes[spec.name] = tuple(_network(v) for v in raw)
        elif key == "exclude":
            if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
                raise LinkOptionError("links.exclude must be a list of regular expressions")
            import re

            for pattern in raw:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise LinkOptionError(f"links.exclude: {pattern!r} is not a regular expression ({exc})") from None
            changes[spec.name] = tuple(raw)
        elif isinstance(default, bool):
            if not isinstance(raw, bool):
                raise LinkOptionError(f"links.{key} must be true or false, not {raw!r}")
            changes[spec.name] = raw
        elif isinstance(default, int):
            least = 0 if key in ("retries", "workers") else 1
            if not isinstance(raw, int) or isinstance(raw, bool) or raw < least:
                raise LinkOptionError(f"links.{key} must be a whole number of at least {least}, not {raw!r}")
            changes[spec.name] = raw
        elif isinstance(default, float):
            if not isinstance(raw, (int, float)) or isinstance(raw, bool) or raw < 0:
                raise LinkOptionError(f"links.{key} must be a number of seconds, not {raw!r}")
            changes[spec.name] = float(raw)
        else:
            if not isinstance(raw, str):
                raise LinkOptionError(f"links.{key} must be a string, not {raw!r}")
            if key.endswith("-api") and not raw.startswith(("http://", "https://")):
                raise LinkOptionError(f"links.{key} must be an http(s) URL, not {raw!r}")
            changes[spec.name] = raw.rstrip("/") if key.endswith("-api") else raw
    return replace(base, **changes)
