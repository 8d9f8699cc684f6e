"""Link checking against a real HTTP server on 127.0.0.1 (no other address is contacted).

The command line runs in a subprocess, as a user would run it; the known hosts (GitHub's
API, the DOI handle API, arXiv's API) are pointed at the local server through the config.
"""

from __future__ import annotations

import io
import json
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from awesome_lint.links import known
from awesome_lint.links.checker import challenge_sign, retry_after
from awesome_lint.links.guard import is_public
from awesome_lint.links.progress import ProgressBar

from .conftest import run_cli
from .linkserver import TOKEN, LinkServer


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    with LinkServer() as srv, LinkServer() as other:
        srv.other_origin = other.origin
        srv.other = other  # type: ignore[attr-defined]
        yield srv


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def config(origin: str, **extra: Any) -> str:
    lines = [
        "[links]",
        'allow-networks = ["127.0.0.1/32"]',
        "timeout = 1",
        "retries = 2",
        "backoff = 0.05",
        "max-retry-wait = 5",
        f'github-api = "{origin}/api"',
        f'doi-api = "{origin}/doi"',
        f'arxiv-api = "{origin}/arxiv"',
        "arxiv-interval = 0",
    ]
    lines += [f"{key} = {json.dumps(value)}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def project(tmp_path: Path, origin: str, urls: list[str], **extra: Any) -> Path:
    (tmp_path / ".awesome-lint.toml").write_text(config(origin, **extra), encoding="utf-8")
    body = "".join(f"- [Link {i}]({url}) - A link.\n" for i, url in enumerate(urls))
    readme = tmp_path / "README.md"
    readme.write_text(f"# Links\n\n{body}", encoding="utf-8")
    return readme


def run_links(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[dict[str, Any], subprocess.CompletedProcess[bytes]]:
    # --cache and --no-cache contradict each other (exit 2): the cache file only when it is used
    cache = () if "--no-cache" in args else ("--cache", str(tmp_path / "cache.sqlite"))
    proc = run_cli(
        "check",
        "--links",
        *cache,
        "--format",
        "json",
        *args,
        "README.md",
        cwd=tmp_path,
        env={"GITHUB_TOKEN": "", **(env or {})},
    )
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return json.loads(proc.stdout), proc


def verdicts(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["url"]: entry for entry in report["links"]}


# -- every behaviour, in one run -----------------------------------------------------------

CASES = {
    "/ok": ("alive", "HTTP 200"),
    "/missing": ("dead", "HTTP 404"),
    "/gone": ("dead", "HTTP 410"),
    "/moved": ("redirected", "HTTP 200"),
    "/moved-twice": ("redirected", "HTTP 200"),
    "/moved-dead": ("dead", "HTTP 404"),
    "/temporary": ("alive", "HTTP 200"),
    "/loop-a": ("dead", "redirect loop"),
    "/cookie-dance": ("alive", "HTTP 200"),
    "/no-head": ("alive", "HTTP 200"),
    "/challenge": ("blocked", "cf-mitigated: challenge"),
    "/robot-999": ("blocked", "HTTP 999"),
    "/busy-seconds": ("alive", "HTTP 200"),
    "/busy-date": ("alive", "HTTP 200"),
    "/busy-forever": ("blocked", "HTTP 429"),
    "/flaky": ("alive", "HTTP 200"),
    "/down": ("transient", "HTTP 503"),
    "/slow": ("transient", "timed out"),
    "/reset": ("transient", "connection reset"),
    "/endless": ("alive", "HTTP 200"),
    "/endless-error": ("blocked", "HTTP 403"),
    "/to-metadata": ("skipped", "169.254.169.254"),
    "/to-loopback": ("skipped", "127.0.0.2"),
    "/to-ftp": ("skipped", "not a web address"),
}


@pytest.fixture(scope="module")
def everything(server: LinkServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, int]:
    tmp = tmp_path_factory.mktemp("everything")
    port = closed_port()
    urls = [server.origin + path for path in CASES]
    urls += ["http://nowhere.invalid/page", f"http://127.0.0.1:{port}/page", server.origin + "/ok#fragment"]
    project(tmp, server.origin, urls, breaker=100)  # one host serves every behaviour here
    server.reset()
    report, proc = run_links(tmp, "--no-cache")
    return report, proc.stderr.decode(), port


@pytest.mark.parametrize("path", list(CASES))
def test_verdict(everything: tuple[dict[str, Any], str, int], server: LinkServer, path: str) -> None:
    report, _, _ = everything
    entry = verdicts(report)[server.origin + path]
    verdict, detail = CASES[path]
    assert (entry["verdict"], detail in entry["detail"]) == (verdict, True), entry


def test_permanent_redirects_lead_to_their_end(everything: tuple[dict[str, Any], str, int], server: LinkServer) -> None:
    found = verdicts(everything[0])
    assert found[server.origin + "/moved"]["final_url"] == server.origin + "/ok"
    assert found[server.origin + "/moved-twice"]["final_url"] == server.origin + "/ok"
    assert found[server.origin + "/temporary"]["final_url"] is None


def test_unknown_host_and_refused_connection_are_dead(everything: tuple[dict[str, Any], str, int]) -> None:
    report, _, port = everything
    found = verdicts(report)
    assert found["http://nowhere.invalid/page"]["verdict"] == "dead"
    assert "unknown host" in found["http://nowhere.invalid/page"]["detail"]
    assert found[f"http://127.0.0.1:{port}/page"]["verdict"] == "dead"
    assert "refused" in found[f"http://127.0.0.1:{port}/page"]["detail"]


def test_rules_report_each_verdict_at_its_link(everything: tuple[dict[str, Any], str, int], server: LinkServer) -> None:
    report, stderr, _ = everything
    codes = {(d["code"], d["message"].split()[2 if d["code"] == "AL501" else 0]) for d in report["diagnostics"]}
    assert ("AL501", server.origin + "/missing") in codes
    assert ("AL502", server.origin + "/moved") in codes
    by_code = {d["code"] for d in report["diagnostics"]}
    assert by_code == {"AL501", "AL502", "AL503"}
    dead = [d for d in report["diagnostics"] if d["code"] == "AL501"]
    assert all(d["severity"] == "error" for d in dead)
    assert "Checked 26 links" in stderr and "dead" in stderr


def test_a_url_is_requested_once_whatever_its_fragment(
    everything: tuple[dict[str, Any], str, int], server: LinkServer
) -> None:
    report, _, _ = everything
    assert server.origin + "/ok#fragment" not in verdicts(report)
    # /ok itself, the end of /moved and /moved-twice and /temporary: HEAD each time, never GET
    assert all(method == "HEAD" for method, path, _ in server.requests if path == "/ok")
    locations = verdicts(report)[server.origin + "/ok"]["locations"]
    assert [loc["line"] for loc in locations] == [3, 29]


def test_the_private_address_was_never_contacted(
    everything: tuple[dict[str, Any], str, int], server: LinkServer
) -> None:
    # /to-loopback redirects to 127.0.0.2 on this very port: the guard refused before connecting
    assert server.counts["/to-loopback"] >= 1
    assert server.counts["/ok"] >= 1  # the only way to reach /ok on 127.0.0.2 would show here as a GET
    assert not any(h.get("Host", "").startswith("127.0.0.2") for _, _, h in server.requests)


# -- politeness, cache, pull requests ----------------------------------------------------------


def test_each_url_is_requested_once_per_run_across_files(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, [server.origin + "/ok"] * 3)
    (tmp_path / "OTHER.md").write_text(f"# Other\n\n[again]({server.origin}/ok)\n", encoding="utf-8")
    server.reset()
    proc = run_cli("check", "--links", "--no-cache", "README.md", "OTHER.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert server.counts["/ok"] == 1


def test_a_second_run_sends_no_request_for_live_links(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, [server.origin + "/ok", server.origin + "/moved"])
    run_links(tmp_path)
    server.reset()
    report, proc = run_links(tmp_path)
    assert server.requests == []
    assert all(entry["cached"] for entry in report["links"])
    assert verdicts(report)[server.origin + "/moved"]["verdict"] == "redirected"
    assert "2 from the cache" in proc.stderr.decode()


def test_failures_are_checked_again_every_run(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, [server.origin + "/ok", server.origin + "/missing"])
    run_links(tmp_path)
    server.reset()
    report, _ = run_links(tmp_path)
    assert server.counts["/missing"] == 2 and server.counts["/ok"] == 0  # HEAD, then GET to confirm
    assert verdicts(report)[server.origin + "/missing"]["cached"] is False


def test_no_cache_neither_reads_nor_writes(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, [server.origin + "/ok"])
    run_links(tmp_path, "--no-cache")
    assert not (tmp_path / "cache.sqlite").exists()


def test_the_circuit_breaker_stops_asking_a_blocking_host(tmp_path: Path, server: LinkServer) -> None:
    urls = [f"{server.origin}/challenge?n={i}" for i in range(6)]
    project(tmp_path, server.origin, urls, breaker=2, **{"per-host": 1})
    server.reset()
    report, _ = run_links(tmp_path, "--no-cache")
    found = [verdicts(report)[u] for u in urls]
    assert all(entry["verdict"] == "blocked" for entry in found)
    assert sum("not checked" in entry["detail"] for entry in found) >= 3
    assert server.counts["/challenge"] <= 2 * 3  # HEAD and GET for at most three of them


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_since_checks_only_new_links(tmp_path: Path, server: LinkServer) -> None:
    readme = project(tmp_path, server.origin, [server.origin + "/missing"])
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "add", "README.md")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "list")
    readme.write_text(readme.read_text() + f"- [New]({server.origin}/gone) - New.\n", encoding="utf-8")
    server.reset()
    report, proc = run_links(tmp_path, "--changed-since", "HEAD")
    assert [entry["url"] for entry in report["links"]] == [server.origin + "/gone"]
    assert [d["code"] for d in report["diagnostics"]] == ["AL501"]
    assert server.counts["/missing"] == 0
    assert "1 unchanged not checked" in proc.stderr.decode()


def test_changed_since_a_bad_revision_is_one_line(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, [server.origin + "/ok"])
    proc = run_cli("check", "--changed-since", "HEAD", "README.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr.decode().strip().splitlines()
        == ["awesome-lint: error: --changed-since HEAD: README.md is not inside a git repository"]
        or "no such revision" in proc.stderr.decode()
    )
    git(tmp_path, "init", "-q")
    proc = run_cli("check", "--changed-since", "nope", "README.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert "no such revision" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


# -- known hosts through their APIs ---------------------------------------------------------------


def test_github_repositories_are_checked_through_the_api(tmp_path: Path, server: LinkServer) -> None:
    repos = ["octo/live", "octo/attic", "octo/old", "octo/none", "octo/elsewhere"]
    project(tmp_path, server.origin, [f"https://github.com/{r}" for r in repos])
    server.reset()
    server.other.reset()  # type: ignore[attr-defined]
    report, _ = run_links(tmp_path, "--no-cache", env={"GITHUB_TOKEN": TOKEN})
    found = verdicts(report)
    assert found["https://github.com/octo/live"]["verdict"] == "alive"
    assert found["https://github.com/octo/attic"]["archived"] is True
    assert found["https://github.com/octo/old"]["verdict"] == "redirected"
    assert found["https://github.com/octo/old"]["final_url"] == "https://github.com/octo/new"
    assert found["https://github.com/octo/none"]["verdict"] == "dead"
    assert found["https://github.com/octo/elsewhere"]["verdict"] == "transient"
    codes = sorted(d["code"] for d in report["diagnostics"])
    assert codes == ["AL501", "AL502", "AL503", "AL504"]
    # the token went to the API and nowhere else
    assert server.requests and all(h.get("Authorization") == f"Bearer {TOKEN}" for _, _, h in server.requests)
    assert server.other.requests == []  # type: ignore[attr-defined]


def test_renamed_repository_is_fixed_with_unsafe_fixes(tmp_path: Path, server: LinkServer) -> None:
    readme = project(tmp_path, server.origin, ["https://github.com/octo/old", server.origin + "/moved#part"])
    env = {"GITHUB_TOKEN": TOKEN}
    proc = run_cli("fix", "--links", "--no-cache", "README.md", cwd=tmp_path, env=env)
    assert "octo/old" in readme.read_text() and proc.returncode == 0
    proc = run_cli("fix", "--links", "--no-cache", "--unsafe-fixes", "README.md", cwd=tmp_path, env=env)
    text = readme.read_text()
    assert "https://github.com/octo/new)" in text and f"{server.origin}/ok#part)" in text, proc.stderr.decode()
    assert "AL502 redirected-link ×2" in proc.stdout.decode()


def test_dois_are_checked_against_the_handle_api(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, ["https://doi.org/10.1234/ok", "https://dx.doi.org/10.1234/nope"])
    server.reset()
    report, _ = run_links(tmp_path, "--no-cache")
    found = verdicts(report)
    assert found["https://doi.org/10.1234/ok"]["verdict"] == "alive"
    assert found["https://dx.doi.org/10.1234/nope"]["verdict"] == "dead"
    assert sorted(path for _, path, _ in server.requests) == [
        "/doi/api/handles/10.1234/nope",
        "/doi/api/handles/10.1234/ok",
    ]


def test_arxiv_papers_are_checked_in_one_batch(tmp_path: Path, server: LinkServer) -> None:
    urls = [
        "https://arxiv.org/abs/2301.00001",
        "https://arxiv.org/pdf/2301.00002v2.pdf",
        "http://arxiv.org/abs/hep-th/9901001",
        "https://arxiv.org/abs/2301.99999",
        "https://arxiv.org/abs/2399.00001",
    ]
    project(tmp_path, server.origin, urls)
    server.reset()
    report, _ = run_links(tmp_path, "--no-cache")
    found = {url: entry["verdict"] for url, entry in verdicts(report).items()}
    assert found == dict(zip(urls, ["alive", "alive", "alive", "dead", "dead"], strict=True))
    assert [path for _, path, _ in server.requests] == ["/arxiv/api/query"]
    assert "month 99" in verdicts(report)["https://arxiv.org/abs/2399.00001"]["detail"]


# -- switching it on and off ------------------------------------------------------------------------


def test_links_are_not_checked_unless_asked(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, [server.origin + "/missing"])
    server.reset()
    assert run_cli("check", "README.md", cwd=tmp_path).returncode == 0
    assert server.requests == []
    (tmp_path / ".awesome-lint.toml").write_text(config(server.origin, check=True), encoding="utf-8")
    assert run_cli("check", "--no-cache", "README.md", cwd=tmp_path).returncode == 1
    server.reset()
    assert run_cli("check", "--no-links", "README.md", cwd=tmp_path).returncode == 0
    assert server.requests == []


def test_httpx_is_imported_only_when_links_are_checked(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# A\n\n[x](https://example.org)\n", encoding="utf-8")
    code = (
        "import sys\nfrom awesome_lint.cli import main\n"
        "try:\n    main(['check', 'README.md'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('httpx', 'httpcore', 'sqlite3', 'anyio') if m in sys.modules))"
    )
    proc = subprocess.run([__import__("sys").executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("links = 3\n", "links must be true, false or a table"),
        ("[links]\nconcurency = 4\n", "unknown key 'links.concurency'; did you mean 'concurrency'?"),
        ("[links]\ntimeout = -1\n", "links.timeout must be a number of seconds"),
        ('[links]\nallow-networks = ["intranet"]\n', "'intranet' is not an address or network"),
        ('[links]\nexclude = ["("]\n', "links.exclude: '(' is not a regular expression"),
        ('[links]\ngithub-api = "api.github.com"\n', "links.github-api must be an http(s) URL"),
    ],
)
def test_bad_link_config_is_one_line(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / ".awesome-lint.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "README.md").write_text("# A\n", encoding="utf-8")
    proc = run_cli("check", "README.md", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and len(err.strip().splitlines()) == 1 and message in err, err


def test_excluded_urls_are_not_requested(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, [server.origin + "/missing", server.origin + "/ok"], exclude=["/missing$"])
    server.reset()
    report, proc = run_links(tmp_path, "--no-cache")
    assert [e["url"] for e in report["links"]] == [server.origin + "/ok"]
    assert server.counts["/missing"] == 0 and "1 excluded" in proc.stderr.decode()


# -- units --------------------------------------------------------------------------------------------


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412490.0) == 0.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_challenge_signs() -> None:
    import httpx

    assert challenge_sign(httpx.Headers({"cf-mitigated": "challenge"}), b"") == "cf-mitigated: challenge"
    assert "just a moment" in challenge_sign(httpx.Headers({}), b"<title>Just a moment...</title>")
    assert challenge_sign(httpx.Headers({}), b"Forbidden") == ""


@pytest.mark.parametrize(
    ("ident", "problem"),
    [
        ("2301.00001", None),
        ("0704.0001", None),
        ("1412.1234", None),
        ("hep-th/9901001", None),
        ("math.GT/0309136", None),
        ("2313.00001", "month 13"),
        ("1501.1234", "5 digits"),
        ("0612.0001", "April 2007"),
        ("hep-th/0805001", "1991 to March 2007"),
        ("paper.pdf", "not of the form"),
    ],
)
def test_arxiv_identifier_forms(ident: str, problem: str | None) -> None:
    found = known.arxiv_id_problem(ident)
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_known_host_urls() -> None:
    assert known.github_repo("https://github.com/octo/repo.git") == known.GitHubRepo("octo", "repo")
    assert known.github_repo("https://github.com/octo/repo/blob/main/x") is None
    assert known.github_repo("https://github.com/topics/python") is None
    assert known.doi("https://doi.org/10.1145/3292500.3330701") == "10.1145/3292500.3330701"
    assert known.arxiv_id("https://arxiv.org/pdf/2301.00002v2.pdf") == "2301.00002v2"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("169.254.169.254", False),
        ("100.100.100.200", False),
        ("192.0.0.192", False),
        ("::ffff:127.0.0.1", False),
        ("fd00:ec2::254", False),
        ("2606:4700::1111", True),
    ],
)
def test_only_public_addresses_are_contacted_by_default(address: str, public: bool) -> None:
    import ipaddress

    assert is_public(ipaddress.ip_address(address)) is public


def test_progress_bar_draws_and_clears() -> None:
    out = io.StringIO()
    bar = ProgressBar(out)
    bar(1, 2, "example.org")
    bar(2, 2, "example.org")
    bar.finish()
    text = out.getvalue()
    assert "1/2 example.org" in text and "2/2" in text and text.endswith("\r")


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, [server.origin + "/ok"])
    proc = run_cli("check", "--links", "--no-cache", "README.md", cwd=tmp_path)
    assert "\r" not in proc.stderr.decode() and "Checked 1 link" in proc.stderr.decode()


def test_unknown_hosts_everywhere_mean_offline_not_dead(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, ["http://first.invalid/", "http://second.invalid/page"])
    report, _ = run_links(tmp_path, "--no-cache")
    found = verdicts(report)
    assert {e["verdict"] for e in found.values()} == {"transient"}
    assert all("offline?" in e["detail"] for e in found.values())
    assert report["diagnostics"] and {d["code"] for d in report["diagnostics"]} == {"AL503"}


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[str]:
    """An HTTPS server with a self-signed certificate: no browser would trust it either."""
    import shutil
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip

    class Quiet(BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Quiet)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_an_untrusted_certificate_is_unverifiable_not_dead(tmp_path: Path, server: LinkServer, tls_server: str) -> None:
    project(tmp_path, server.origin, [tls_server])
    report, _ = run_links(tmp_path, "--no-cache")
    entry = verdicts(report)[tls_server]
    assert entry["verdict"] == "transient" and "TLS" in entry["detail"], entry


def test_the_cache_lives_in_the_user_cache_directory(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, [server.origin + "/ok"])
    cache_home = tmp_path / "xdg-cache"
    proc = run_cli("check", "--links", "README.md", cwd=tmp_path, env={"XDG_CACHE_HOME": str(cache_home)})
    assert proc.returncode == 0, proc.stderr.decode()
    assert (cache_home / "awesome-lint" / "links.sqlite").is_file()


def test_a_progress_bar_on_a_terminal(tmp_path: Path, server: LinkServer) -> None:
    import os
    import pty
    import sys

    project(tmp_path, server.origin, [f"{server.origin}/ok?n={i}" for i in range(5)])
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "awesome_lint", "check", "--links", "--no-cache", "README.md"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=follower, timeout=120,
    )  # fmt: skip
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert proc.returncode == 0
    text = drawn.decode()
    assert "Checking links [" in text and "5/5" in text and "Checked 5 links" in text


def test_several_worker_processes_give_the_same_verdicts(tmp_path: Path, server: LinkServer) -> None:
    other: LinkServer = server.other  # type: ignore[attr-defined]
    urls = [server.origin + p for p in ("/ok", "/missing", "/moved", "/gone")] + [other.origin + "/ok"]
    project(tmp_path, server.origin, urls, workers=2)
    server.reset()
    other.reset()
    report, _ = run_links(tmp_path, "--no-cache")
    found = {url: entry["verdict"] for url, entry in verdicts(report).items()}
    assert found == dict(zip(urls, ["alive", "dead", "redirected", "dead", "alive"], strict=True))
    assert report["summary"]["requests"] == len(server.requests) + len(other.requests)
    assert other.counts["/ok"] == 1 and server.counts["/ok"] == 2  # /ok, and where /moved leads


def test_hosts_are_never_split_between_workers() -> None:
    from awesome_lint.links.options import LinkOptions
    from awesome_lint.links.workers import partition

    urls = [f"http://h{i % 3}.example/{i}" for i in range(12)] + ["https://arxiv.org/abs/2301.00001"]
    parts = partition(urls, 2, LinkOptions(), None)
    hosts = [{u.split("/")[2] for u in part} for part in parts]
    assert sum(len(part) for part in parts) == len(urls)
    assert not hosts[0] & hosts[1]
