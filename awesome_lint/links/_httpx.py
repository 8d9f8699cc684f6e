"""httpx, imported without its command-line client.

``import httpx`` also imports ``httpx._main``, the ``httpx`` command, which imports click,
pygments and rich when they are installed (5 ms with pygments alone, tens of milliseconds with
rich) to define a function a link check never calls; without them it fails, and httpx defines
a stub instead. Importing httpx here makes that import fail at once, so httpx takes the stub
every time; nothing else about httpx changes. Every module of this package that uses httpx
imports it from here, so whichever comes first imports it this way.
"""

from __future__ import annotations

import sys

_skip = "httpx" not in sys.modules and "httpx._main" not in sys.modules
if _skip:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]  # None: "import httpx._main" fails
try:
    import httpx as httpx  # re-exported: the package's modules import httpx from here

    # httpcore's errors as httpx's, as httpx.AsyncHTTPTransport translates them
    from httpx._transports.default import map_httpcore_exceptions as map_httpcore_exceptions
finally:
    if _skip:
        del sys.modules["httpx._main"]  # a later, explicit import of the command gets the real one
