"""A real HTTP server on 127.0.0.1 that answers as the paper record APIs do.

It serves records kept in each API's documented response shape (``store``): arXiv's Atom feed
(``/api/query?id_list=``), Semantic Scholar's ``POST /graph/v1/paper/batch``, Crossref's
``/works?filter=doi:…``, OpenReview API 2's ``/notes?ids=`` and DBLP's ``/search/publ/api``.
Every request is recorded; an API can be made to fail (``down``) or to answer 429 with a
``Retry-After`` a number of times first (``throttle``).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

_PATHS = {
    "/api/query": "arxiv",
    "/graph/v1/paper/batch": "semantic-scholar",
    "/works": "crossref",
    "/notes": "openreview",
    "/search/publ/api": "dblp",
}


def atom_feed(entries: list[Mapping[str, Any]]) -> bytes:
    """An arXiv API answer: an Atom feed with opensearch counts and one entry per paper."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">',
        '<link href="http://arxiv.org/api/query" rel="self" type="application/atom+xml"/>',
        '<title type="html">ArXiv Query: id_list</title>',
        f'<opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{len(entries)}'
        "</opensearch:totalResults>",
    ]
    for e in entries:
        parts.append("<entry>")
        parts.append(f"<id>{escape(e['id'])}</id>")
        parts.append(f"<updated>{e['updated']}</updated><published>{e['published']}</published>")
        parts.append(f"<title>{escape(e['title'])}</title><summary>{escape(e.get('summary', ''))}</summary>")
        for name in e.get("authors", []):
            parts.append(f"<author><name>{escape(name)}</name></author>")
        if e.get("doi"):
            parts.append(f'<arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">{escape(e["doi"])}</arxiv:doi>')
        if e.get("journal_ref"):
            parts.append(
                f'<arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">{escape(e["journal_ref"])}'
                "</arxiv:journal_ref>"
            )
        parts.append(f'<link href="{escape(e["id"])}" rel="alternate" type="text/html"/>')
        parts.append(
            '<arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CV" '
            'scheme="http://arxiv.org/schemas/atom"/>'
        )
        parts.append("</entry>")
    parts.append("</feed>")
    return "\n".join(parts).encode()


class Handler(BaseHTTPRequestHandler):
    server: RecordServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, headers: Mapping[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._route(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._route(self.rfile.read(length))

    def _route(self, body: bytes) -> None:
        parts = urlsplit(self.path)
        source = _PATHS.get(parts.path, "")
        self.server.record(source, self.command, self.path, dict(self.headers.items()), body)
        if source in self.server.down:
            self._send(503, b"Service Unavailable")
            return
        if self.server.throttle.get(source, 0) > 0:
            self.server.throttle[source] -= 1
            self._send(429, b"Too Many Requests", {"Retry-After": "7"})
            return
        query = parse_qs(parts.query)
        store = self.server.store.get(source, {})
        if source == "arxiv":
            ids = query.get("id_list", [""])[0].split(",")
            self._send(200, atom_feed([store[i] for i in ids if i in store]), {"Content-Type": "application/atom+xml"})
        elif source == "semantic-scholar":
            ids = json.loads(body)["ids"]
            self._json([store.get(i) for i in ids])
        elif source == "crossref":
            dois = [f[4:] for f in query.get("filter", [""])[0].split(",") if f.startswith("doi:")]
            items = [store[d] for d in dois if d in store]
            self._json(
                {
                    "status": "ok",
                    "message-type": "work-list",
                    "message-version": "1.0.0",
                    "message": {"items": items, "total-results": len(items), "items-per-page": len(dois)},
                }
            )
        elif source == "openreview":
            ids = query.get("ids", [""])[0].split(",")
            notes = [store[i] for i in ids if i in store]
            self._json({"notes": notes, "count": len(notes)})
        elif source == "dblp":
            hits = store.get(query.get("q", [""])[0], [])
            self._json(
                {
                    "result": {
                        "query": query.get("q", [""])[0],
                        "status": {"@code": "200", "text": "OK"},
                        "hits": {"@total": str(len(hits)), "@sent": str(len(hits)), "hit": hits},
                    }
                }
            )
        else:
            self._send(404, b"not found")

    def _json(self, data: object) -> None:
        self._send(200, json.dumps(data).encode(), {"Content-Type": "application/json"})


class RecordServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, store: Mapping[str, Mapping[str, Any]]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.store = store
        self.down: set[str] = set()
        self.throttle: dict[str, int] = {}
        self.requests: list[tuple[str, str, str, dict[str, str], bytes]] = []
        self.lock = threading.Lock()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, source: str, method: str, path: str, headers: dict[str, str], body: bytes) -> None:
        with self.lock:
            self.requests.append((source, method, path, headers, body))

    def counts(self) -> Counter[str]:
        return Counter(r[0] for r in self.requests)

    def __enter__(self) -> RecordServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
