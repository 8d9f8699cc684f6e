from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.awesome import PRESET, prose
from ..markdown.model import Document, Span
from ..util import lazyre

# Well-known names, written as their owners write them. Only names whose other spellings are
# not ordinary words: "react", "rust" or "go" in lower case may well mean the verb.
NAMES: dict[str, str] = {
    "GitHub Actions": r"github actions",  # before GitHub: the longer name wins
    "GitHub": "github",
    "GitLab": "gitlab",
    "Bitbucket": "bitbucket",
    "JavaScript": "javascript",
    "TypeScript": "typescript",
    "CoffeeScript": "coffeescript",
    "Node.js": r"node\.?js",
    "Vue.js": r"vue\.?js",
    "Next.js": r"next\.?js",
    "Nuxt.js": r"nuxt\.?js",
    "npm": "npm",
    "macOS": r"mac ?os(?! ?x\b)",
    "iOS": "ios",
    "iPadOS": "ipados",
    "watchOS": "watchos",
    "tvOS": "tvos",
    "Xcode": "xcode",
    "VS Code": r"vs ?code",
    "PowerShell": "powershell",
    "PostgreSQL": "postgresql",
    "MySQL": "mysql",
    "SQLite": "sqlite",
    "MongoDB": "mongodb",
    "GraphQL": "graphql",
    "WebAssembly": r"web ?assembly",
    "WebSocket": "websocket",
    "WordPress": "wordpress",
    "jQuery": "jquery",
    "YouTube": "youtube",
    "LinkedIn": "linkedin",
    "Stack Overflow": r"stack ?overflow",
    "PyTorch": "pytorch",
    "TensorFlow": "tensorflow",
    "NumPy": "numpy",
    "SciPy": "scipy",
    "JupyterLab": "jupyterlab",
    "Elasticsearch": "elasticsearch",
    "OAuth": "oauth",
    "OpenAI": "openai",
    "ChatGPT": "chatgpt",
    "DigitalOcean": "digitalocean",
    "Cloudflare": "cloudflare",
    "Kubernetes": "kubernetes",
    "Git": "git",
    "Docker": "docker",
    "Linux": "linux",
    "Redis": "redis",
    "AWS": "aws",
    "Django": "django",
    "Matplotlib": "matplotlib",
    "Cassandra": "cassandra",
    "Hugging Face": r"hugging ?face",
    "Dropbox": "dropbox",
    "CouchDB": "couchdb",
    "LangChain": "langchain",
    "Keras": "keras",
    "FastAPI": "fastapi",
    "Seaborn": "seaborn",
    "Jupyter": "jupyter",
    "Selenium": "selenium",
    "Ansible": "ansible",
    "InfluxDB": "influxdb",
    "Neo4j": "neo4j",
    "Ubuntu": "ubuntu",
    "Debian": "debian",
    "Raspberry Pi": r"raspberry ?pi",
    "Firefox": "firefox",
    "Chromium": "chromium",
    "SQL Server": r"sql ?server",
    "WebGL": "webgl",
    "WebRTC": "webrtc",
    "FFmpeg": "ffmpeg",
    "OpenGL": "opengl",
    "Vulkan": "vulkan",
    "DynamoDB": "dynamodb",
    "Android": "android",
}
# names whose all-lowercase spelling is also the name of their command or package: "git
# history", "runs in docker", "pip install django" are not misspellings
LOWERCASE_TOO = frozenset(
    {
        "Git",
        "Docker",
        "Redis",
        "MySQL",
        "SQLite",
        "FFmpeg",
        "Matplotlib",
        "NumPy",
        "SciPy",
        "Django",
        "Keras",
        "Seaborn",
        "Selenium",
        "Ansible",
        "Jupyter",
        "JupyterLab",
        "LangChain",
        "FastAPI",
        "TensorFlow",
        "npm",
    }
)
# the macOS of old: "OSX" was never its name ("OS X" and "Mac OS X" were, so they are left alone)
NAMES["macOS"] = r"macosx|mac ?os(?! ?x\b)|osx"
# a name glued to one of these is part of something else: a package, a file, a handle; a slash
# too inside a link's text, which names repositories as owner/name
_GLUE = frozenset("-_.@\\")


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], frozenset[str]]:
    """The names as one pattern, and the first three letters (or two) any of them starts with:
    the pattern is tried only where a word starts with one of those, which is rare."""
    alternatives = "|".join(f"(?P<n{i}>{body})" for i, body in enumerate(NAMES.values()))
    pattern = re.compile(rf"(?<![\w]){'(?:' + alternatives + ')'}(?![\w])", re.IGNORECASE)
    starts = {re.match(r"[a-z0-9]*", alt).group()[:3] for body in NAMES.values() for alt in body.split("|")}  # type: ignore[union-attr]
    return pattern, frozenset(starts)


_WORD = lazyre.compile(r"[A-Za-z][A-Za-z0-9]*")


class AwesomeSpellCheck(Rule):
    """Well-known names spelled the way their owners do not: ``Github``, ``Javascript``,
    ``MacOS``, ``NodeJS``, in prose only. Names glued to ``-``, ``_``, ``.``, ``/`` or ``@``
    are left alone, since they are package names, paths or handles (``javascript-obfuscator``);
    so is the text of a link whose URL holds the name (``[redis](https://github.com/x/redis)``
    names a package or repository), and the all-lowercase spelling of a name that is also its
    command or package (``git``, ``docker``, ``django``)."""

    code = "AL609"
    name = "awesome-spell-check"
    summary = "A well-known name is spelled wrongly (Github, Javascript, MacOS)"
    fixable = Fixable.ALWAYS
    safe_fixes = False
    default_enabled = False
    presets = (PRESET,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        canonical = list(NAMES)
        pattern, starts = _pattern()
        link_texts = [Span(link.span.start, link.url_span.start) for link in doc.links if link.kind == "inline"]
        named = [
            (Span(link.span.start + 1, link.span.start + 1 + len(link.text)), link.url.lower())
            for link in doc.links
            if link.kind in ("inline", "reference")
        ]
        for start, text in prose(doc, cells=True):
            for word in _WORD.finditer(text):
                lead = word.group()[:3].lower()
                if lead not in starts and lead[:2] not in starts:
                    continue
                m = pattern.match(text, word.start())
                if m is None:
                    continue
                found = m.group()
                name = canonical[int(next(k for k, v in m.groupdict().items() if v is not None)[1:])]
                if found == name:
                    continue
                before = text[m.start() - 1] if m.start() else ""
                after = text[m.end()] if m.end() < len(text) else ""
                if before in _GLUE or (
                    after in _GLUE and not (after == "." and text[m.end() + 1 : m.end() + 2] in ("", " ", "\n"))
                ):
                    continue
                span = Span(start + m.start(), start + m.end())
                if "/" in (before, after) and any(t.contains(span) for t in link_texts):
                    continue
                if found.islower() and name in LOWERCASE_TOO:
                    continue  # the command or the package: "git history", "in docker"
                key = re.sub(r"[\s.]", "", found.lower())
                if any(t.contains(span) and key in url for t, url in named):
                    continue  # the package or repository the link names: [redis](…/z-shell/redis)
                yield self.report(
                    span, f"{found!r} should be written {name!r}", fix=Fix.unsafe(Edit.replace(span, name))
                )
