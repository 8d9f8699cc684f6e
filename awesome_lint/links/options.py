"""The ``[links]`` table of the configuration, validated when the config is loaded.

``links = true`` turns checking on with the defaults; a table sets options (``check = true``
turns it on). Every key is checked here, so a typo is an error naming it, never a no-op.
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..util.text import did_you_mean

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class LinkOptionError(ValueError):
    """A bad ``[links]`` value; the message names the key."""


@dataclass(frozen=True)
class LinkOptions:
    check: bool = False
    concurrency: int = 64  # requests in flight at once, over all hosts
    workers: int = 0  # processes; 0: one per 256 requests in flight and per 300 URLs, up to the CPUs, at most 4
    per_host: int = 4  # requests in flight at once to one host:port
    interval: float = 0.0  # seconds between the starts of two requests to one host
    timeout: float = 15.0  # seconds for one whole request: connecting, sending, reading the answer
    retries: int = 2  # extra attempts after a reset, a 5xx or a 429 (a timeout is retried once at most)
    backoff: float = 1.0  # first wait before a retry, doubled each time
    max_retry_wait: float = 30.0  # longest Retry-After honoured; longer means "blocked"
    max_redirects: int = 10
    max_body: int = 65536  # bytes of a body ever read (only to recognise bot challenges)
    breaker: int = 3  # after this many blocking or 5xx answers in a row, a host gets no more requests
    deadline: float = 300.0  # seconds for the whole run; links unfinished by then are unverifiable
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
    # where github_api came from: "default", "config", "environment" or "command line"; the
    # token goes only to a base the repository's own config file did not choose (see token_for)
    github_api_source: str = "default"


_NOT_KEYS = ("use_cache", "changed_since", "github_api_source")
_KEYS = {f.name.replace("_", "-"): f for f in fields(LinkOptions) if f.name not in _NOT_KEYS}

# the range each number may take: a NaN, an infinity or a value far outside these is a mistake
# (``timeout = nan`` made every link "timed out after nan s"; a huge one overflows the event loop)
_DAY = 86400.0
_INT_RANGES = {
    "concurrency": (1, 4096),
    "workers": (0, 64),
    "per-host": (1, 1024),
    "retries": (0, 10),
    "max-redirects": (1, 100),
    "max-body": (1, 2**30),
    "breaker": (1, 1_000_000),
}
_FLOAT_RANGES = {  # (least, most, whether the least itself is allowed)
    "interval": (0.0, 3600.0, True),
    "timeout": (0.0, 3600.0, False),
    "backoff": (0.0, 3600.0, True),
    "max-retry-wait": (0.0, _DAY, True),
    "cache-max-age": (0.0, 3650 * _DAY, True),
    "arxiv-interval": (0.0, 3600.0, True),
    "deadline": (0.0, 7 * _DAY, False),
}


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
            least, most = _INT_RANGES[key]
            if not isinstance(raw, int) or isinstance(raw, bool) or not least <= raw <= most:
                raise LinkOptionError(f"links.{key} must be a whole number from {least} to {most:,}, not {raw!r}")
            changes[spec.name] = raw
        elif isinstance(default, float):
            changes[spec.name] = _seconds(key, raw)
        else:
            if not isinstance(raw, str):
                raise LinkOptionError(f"links.{key} must be a string, not {raw!r}")
            if key.endswith("-api") and not raw.startswith(("http://", "https://")):
                raise LinkOptionError(f"links.{key} must be an http(s) URL, not {raw!r}")
            changes[spec.name] = raw.rstrip("/") if key.endswith("-api") else raw
            if key == "github-api":
                changes["github_api_source"] = "config"
    return replace(base, **changes)


def _seconds(key: str, raw: Any) -> float:
    least, most, inclusive = _FLOAT_RANGES[key]
    if not isinstance(raw, (int, float)) or isinstance(raw, bool):
        raise LinkOptionError(f"links.{key} must be a number of seconds, not {raw!r}")
    low = "at least" if inclusive else "more than"
    if not math.isfinite(raw) or raw < least or (raw == least and not inclusive) or raw > most:
        raise LinkOptionError(
            f"links.{key} must be a number of seconds {low} {least:g} and at most {most:g}, not {raw!r}"
        )
    return float(raw)


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def with_environment(options: LinkOptions, env: Mapping[str, str]) -> tuple[LinkOptions, list[str]]:
    """Apply ``GITHUB_API_URL`` (which GitHub Actions sets) and say, as warnings, what was not used.

    The environment's base serves github.com links only when the environment is github.com's
    (``GITHUB_SERVER_URL`` unset or github.com): on GitHub Enterprise it names the enterprise's
    API, which knows nothing of github.com repositories, and the token is the enterprise's too.
    """
    from urllib.parse import urlsplit

    warnings: list[str] = []
    if options.github_api_source == "command line":
        return options, warnings
    env_api = env.get("GITHUB_API_URL", "").strip().rstrip("/")
    if env_api and not env_api.startswith(("http://", "https://")):
        warnings.append(f"GITHUB_API_URL {env_api!r} is not an http(s) URL; not used")
        env_api = ""
    if env_api:
        server = urlsplit(env.get("GITHUB_SERVER_URL", "").strip()).hostname
        if server in (None, "github.com", "www.github.com"):
            options = replace(options, github_api=env_api, github_api_source="environment")
        else:  # an enterprise server: its token is not for github.com
            options = replace(options, github_api_source="enterprise")
    token = env.get("GITHUB_TOKEN")
    if token and token_for(options, token) is None:
        if options.github_api_source == "config":
            why = "a base from the config file gets no token; give it with --github-api or GITHUB_API_URL"
        elif options.github_api_source == "enterprise":
            why = f"the token is for {env.get('GITHUB_SERVER_URL', '').strip()}, not github.com"
        else:
            why = "a token goes over https only (plain http only to a loopback address)"
        warnings.append(f"GITHUB_TOKEN not sent to {options.github_api}: {why}")
    return options, warnings


def token_for(options: LinkOptions, token: str | None) -> str | None:
    """The GitHub token, if the API base may receive it; else None.

    The config file belongs to the repository, so in CI a pull request can edit it: a base it
    names would receive the workflow's token. Only a base from the environment
    (``GITHUB_API_URL``, which Actions sets, GitHub Enterprise included), the command line or
    the default gets the token, and only over https (plain http to a loopback address, for tests).
    """
    if not token or options.github_api_source not in ("default", "environment", "command line"):
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(options.github_api)
    if parts.scheme == "https" or (parts.scheme == "http" and _loopback(parts.hostname or "")):
        return token
    return None
