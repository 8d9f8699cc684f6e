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

from awesome_lint.knowledge import hosts as known
from awesome_lint.links.checker import challenge_sign, retry_after
from awesome_lint.links.guard import is_public
from awesome_lint.links.progress import ProgressBar

from .conftest import run_cli
from .linkserver import RETRY_AFTER, TOKEN, Flight, LinkServer


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
    lines = [line for line in lines if line.split(" = ")[0] not in extra]  # a test's own value wins
    lines += [f"{key} = {json.dumps(value)}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def project(tmp_path: Path, origin: str, urls: list[str], **extra: Any) -> Path:
    (tmp_path / ".awesome-lint.toml").write_text(config(origin, **extra), encoding="utf-8")
    body = "".join(f"- [Link {i}]({url}) - A link.\n" for i, url in enumerate(urls))
    readme = tmp_path / "README.md"
    readme.write_text(f"# Links\n\n{body}", encoding="utf-8")
    return readme


# what GitHub Actions would set, cleared, so that no test reaches the real API
NO_GITHUB = {"GITHUB_TOKEN": "", "GITHUB_API_URL": "", "GITHUB_SERVER_URL": ""}


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
        env={**NO_GITHUB, **(env or {})},
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


def origin_of(server: LinkServer, path: str) -> str:
    """/slow times out, so it lives on the other server: a host that times out twice in a row
    is given up for the run, which would leave this one's other behaviours unchecked."""
    return server.other.origin if path == "/slow" else server.origin  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def everything(server: LinkServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, int]:
    tmp = tmp_path_factory.mktemp("everything")
    port = closed_port()
    urls = [origin_of(server, path) + path for path in CASES]
    urls += ["http://nowhere.invalid/page", f"http://127.0.0.1:{port}/page", server.origin + "/ok#fragment"]
    project(tmp, server.origin, urls, breaker=100)  # one host serves every behaviour here
    server.reset()
    report, proc = run_links(tmp, "--no-cache")
    return report, proc.stderr.decode(), port


@pytest.mark.parametrize("path", list(CASES))
def test_verdict(everything: tuple[dict[str, Any], str, int], server: LinkServer, path: str) -> None:
    report, _, _ = everything
    entry = verdicts(report)[origin_of(server, path) + path]
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
    report, _ = run_links(tmp_path, "--no-cache", env={"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": server.origin + "/api"})
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
    env = {**NO_GITHUB, "GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": server.origin + "/api"}
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
        ("[links]\ntimeout = nan\n", "links.timeout must be a finite number, not nan"),
        ("[links]\ntimeout = inf\n", "links.timeout must be a finite number, not inf"),
        ("[links]\ntimeout = -inf\n", "links.timeout must be a finite number, not -inf"),
        ("[links]\ntimeout = 0\n", "links.timeout must be a number of seconds more than 0"),
        ("[links]\ntimeout = 1000000000000000000\n", "links.timeout must be a number of seconds"),
        ("[links]\ndeadline = 0\n", "links.deadline must be a number of seconds more than 0"),
        ("[links]\ndeadline = nan\n", "links.deadline must be a finite number"),
        ("[links]\nbackoff = 1e400\n", "links.backoff must be a finite number"),
        ("[links]\nmax-retry-wait = 100000000\n", "links.max-retry-wait must be a number of seconds at least 0"),
        ("[links]\ninterval = -0.5\n", "links.interval must be a number of seconds at least 0"),
        ("[links]\ncache-max-age = -1\n", "links.cache-max-age must be a"),
        ("[links]\nconcurrency = 0\n", "links.concurrency must be a whole number from 1 to 4,096, not 0"),
        ("[links]\nworkers = 100000\n", "links.workers must be a whole number from 0 to 64"),
        ("[links]\nretries = 1000\n", "links.retries must be a whole number from 0 to 10"),
        ("[links]\nper-host = -3\n", "links.per-host must be a whole number from 1"),
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


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), 0, -1.0, 3601])
def test_link_options_refuse_numbers_out_of_range_themselves(value: float) -> None:
    """The config loader refuses nan and inf for every option; the link options do not rely on it."""
    from awesome_lint.links.options import LinkOptionError, parse

    with pytest.raises(
        LinkOptionError, match=r"^links\.timeout must be a number of seconds more than 0 and at most 3600"
    ):
        parse({"timeout": value})


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


def test_never_more_requests_in_flight_than_the_limits(tmp_path: Path, server: LinkServer) -> None:
    other: LinkServer = server.other  # type: ignore[attr-defined]
    flight = Flight()  # both servers count into one: the run's global limit spans hosts
    server.flight = other.flight = flight
    server.latency = other.latency = 0.02  # requests overlap, as on a real network
    try:
        urls = [f"{origin}/bench/{i}" for i in range(12) for origin in (server.origin, other.origin)]
        project(tmp_path, server.origin, urls, concurrency=3, **{"per-host": 4})
        report, _ = run_links(tmp_path, "--no-cache")
        assert {entry["verdict"] for entry in verdicts(report).values()} == {"alive"}
        assert flight.now == 0 and 1 <= flight.most <= 3  # the global limit holds over both hosts
        one = server.flight = Flight()
        project(tmp_path, server.origin, urls[::2], concurrency=8, **{"per-host": 2})
        report, _ = run_links(tmp_path, "--no-cache")
        assert len(verdicts(report)) == 12
        assert 1 <= one.most <= 2  # and the per-host limit under a looser global one
    finally:
        server.flight, other.flight = Flight(), Flight()
        server.latency = other.latency = 0.0


def test_a_retry_waits_without_holding_the_runs_only_slot(tmp_path: Path, server: LinkServer) -> None:
    # one request in flight at a time: while /busy-seconds waits out its Retry-After, /ok is checked
    urls = [server.origin + "/busy-seconds", server.origin + "/ok"]
    project(tmp_path, server.origin, urls, concurrency=1, **{"per-host": 2})
    server.reset()
    report, _ = run_links(tmp_path, "--no-cache")
    assert {url: entry["verdict"] for url, entry in verdicts(report).items()} == dict.fromkeys(urls, "alive")
    assert [path for _, path, _ in server.requests] == ["/busy-seconds", "/ok", "/busy-seconds"]


def test_the_work_goes_to_the_hosts_with_the_most_left_and_never_past_their_share() -> None:
    from collections import deque

    from awesome_lint.links.checker import _Host, _Work

    a, b = _Host(2), _Host(2)
    work = _Work({a: deque(["a1", "a2", "a3"]), b: deque(["b1"])}, per_host=2)
    assert work.capacity() == 3  # two on a, and b has one URL
    taken = [work.take(), work.take(), work.take()]
    assert taken == [(a, "a1"), (a, "a2"), (b, "b1")]  # a had more left; then a is full (two runners)
    assert work.take() is None  # a3 waits for one of a's runners, b has nothing left
    work.done(b)
    assert work.take() is None
    work.done(a)
    assert work.take() == (a, "a3")
    assert work.take() is None


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a/b?c#d",
        "http://Example.ORG:8080?q=1",
        "http://example.org#top",
        "https://user:pw@example.org:443/x",
        "http://user@host@example.org/x",
        "http://[2001:db8::1]:8443/x",
        "http://[2001:db8::1]/",
        "https://example.org",
        "http://example.org:/x",
        "http://exa\tmple.org/x",
        "mailto:someone@example.org",
        "//example.org/relative",
    ],
)
def test_a_url_and_its_origin_have_the_same_host_key(url: str) -> None:
    from awesome_lint.links.checker import host_key, origin_of

    assert host_key(origin_of(url)) == host_key(url)


def test_one_process_checks_unless_very_many_requests_are_in_flight() -> None:
    import os

    from awesome_lint.links.options import LinkOptions
    from awesome_lint.links.workers import worker_count

    assert worker_count(LinkOptions(), 5000) == 1  # 64 in flight: a second process never paid
    assert worker_count(LinkOptions(concurrency=256), 5000) == 1
    assert worker_count(LinkOptions(workers=3), 10) == 3  # the config decides when it says
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    assert worker_count(LinkOptions(concurrency=1024), 5000) == min(cpus, 4)
    assert worker_count(LinkOptions(concurrency=1024), 400) == 1  # too few URLs to share


_FREEZE_PROBE = """
import gc, sys, time
if sys.argv[1] == "frozen":
    gc.freeze()  # as the command's __main__ does with its own modules
before = gc.get_freeze_count()
from awesome_lint.links.options import LinkOptions
from awesome_lint.links.workers import _run_one
_run_one([], LinkOptions(), None, time.monotonic() + 60)
print(before, gc.get_freeze_count(), gc.isenabled())
"""


def test_the_http_stack_is_frozen_only_where_the_process_froze_its_own_start_up() -> None:
    import sys

    def probe(mode: str) -> list[int]:
        run = subprocess.run([sys.executable, "-c", _FREEZE_PROBE, mode], capture_output=True, text=True, check=True)
        before, after, enabled = run.stdout.split()
        assert enabled == "True"  # the collector runs again after the import
        return [int(before), int(after)]

    assert probe("plain") == [0, 0]  # a program using the package keeps its objects collectable
    before, after = probe("frozen")
    assert 0 < before < after  # the command: the stack is frozen with its modules


def test_hosts_are_never_split_between_workers() -> None:
    from awesome_lint.links.options import LinkOptions
    from awesome_lint.links.workers import partition

    urls = [f"http://h{i % 3}.example/{i}" for i in range(12)] + ["https://arxiv.org/abs/2301.00001"]
    parts = partition(urls, 2, LinkOptions(), None)
    hosts = [{u.split("/")[2] for u in part} for part in parts]
    assert sum(len(part) for part in parts) == len(urls)
    assert not hosts[0] & hosts[1]


# -- odd answers never end the run ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("\u00b2", None),  # str.isdigit() says yes, float() says no: this crashed every run
        ("\u0663", None),
        ("-5", None),
        ("9" * 400, 1e9),  # float() of it is inf; capped, so it is simply "too long to wait"
        ("nan", None),
        ("inf", None),
        ("0.5", None),
        ("soon, maybe", None),
        ("", None),
        ("   ", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date in the past: no wait
        ("Wed, 99 Foo 99999 99:99:99 GMT", None),
        ("Mon, 01 Jan 0000 00:00:00 GMT", 0.0),  # read as 2000, as RFC 5322 says of short years
        ("Fri, 31 Dec 9999 23:59:59 GMT", 1e9),
    ],
)
def test_retry_after_never_raises(value: str, seconds: float | None) -> None:
    assert retry_after(value, now=1445412480.0) == seconds


def test_several_retry_after_headers_take_the_first_usable() -> None:
    import httpx

    from awesome_lint.links.checker import server_wait

    headers = httpx.Headers([(b"Retry-After", b"\xb2"), (b"Retry-After", b"3")])  # as read off the wire
    assert server_wait(headers) == 3.0
    assert server_wait(httpx.Headers([("Retry-After", "nan")])) is None


ODD = [*RETRY_AFTER, "several"]


@pytest.fixture(scope="module")
def odd_answers(server: LinkServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("odd")
    urls = [f"{server.origin}/retry-after/{name}" for name in ODD] + [server.other.origin + "/ok"]  # type: ignore[attr-defined]
    project(tmp, server.origin, urls, breaker=100)
    report, proc = run_links(tmp, "--no-cache")
    assert "Traceback" not in proc.stderr.decode()
    return report


@pytest.mark.parametrize("name", ODD)
def test_an_odd_retry_after_is_one_links_verdict(odd_answers: dict[str, Any], server: LinkServer, name: str) -> None:
    found = verdicts(odd_answers)
    assert found[server.other.origin + "/ok"]["verdict"] == "alive"  # type: ignore[attr-defined]
    entry = found[f"{server.origin}/retry-after/{name}"]
    if name == "huge":  # longer than max-retry-wait: not waited for
        assert entry["verdict"] == "blocked" and "asked to retry after 1000000000 s" in entry["detail"], entry
    else:  # a value that means nothing is as if there were none: retried after the backoff
        assert entry["verdict"] == "alive", entry


def test_an_unexpected_error_in_one_link_is_that_links_verdict(server: LinkServer) -> None:
    import asyncio

    from awesome_lint.links.checker import Checker
    from awesome_lint.links.options import LinkOptions

    class Surprised(Checker):
        """Stands for any bug in checking one page (as the Retry-After crash was)."""

        async def _check_page(self, url: str) -> Any:
            if url.endswith("/surprise"):
                raise RuntimeError("something nobody foresaw")
            return await super()._check_page(url)

    import ipaddress

    options = LinkOptions(allow_networks=(ipaddress.ip_network("127.0.0.1/32"),), timeout=2)
    urls = [server.origin + "/surprise", server.origin + "/ok"]
    results = asyncio.run(Surprised(options, env={}).run(urls))
    assert results[server.origin + "/ok"].verdict.value == "alive"
    surprise = results[server.origin + "/surprise"]
    assert surprise.verdict.value == "transient"
    assert surprise.detail == "not checked: unexpected RuntimeError (something nobody foresaw)"


# -- bounded runs ---------------------------------------------------------------------------------


@pytest.fixture
def hanging() -> Iterator[LinkServer]:
    with LinkServer() as srv:
        yield srv


def test_a_host_that_times_out_twice_in_a_row_is_given_up(tmp_path: Path, hanging: LinkServer) -> None:
    urls = [f"{hanging.origin}/hang/{i}" for i in range(12)]
    project(tmp_path, hanging.origin, urls, timeout=0.3, **{"per-host": 2})
    report, _ = run_links(tmp_path, "--no-cache")
    found = [verdicts(report)[u] for u in urls]
    assert {e["verdict"] for e in found} == {"transient"}
    # the two in flight; after the first timed out, no request started until the second had too
    assert sum(e["detail"] == "timed out after 0.3 s" for e in found) == 2
    given_up = [e for e in found if "timed out twice in a row, so it was given up for this run" in e["detail"]]
    assert len(given_up) == len(urls) - 2
    assert len(hanging.requests) == 2  # neither retried: by then the host was given up


def test_a_trickling_answer_is_cut_and_a_timeout_retried_once(tmp_path: Path, hanging: LinkServer) -> None:
    # a header line every 0.05 s: no read ever waits 0.5 s, the request's deadline cuts it
    project(tmp_path, hanging.origin, [hanging.origin + "/loris"], timeout=0.5, retries=5)
    report, _ = run_links(tmp_path, "--no-cache")
    entry = verdicts(report)[hanging.origin + "/loris"]
    assert entry["verdict"] == "transient" and entry["detail"] == "timed out after 0.5 s (tried 2 times)", entry
    assert hanging.counts["/loris"] == 2


def test_a_host_answering_5xx_forever_gets_the_circuit_breaker(tmp_path: Path, server: LinkServer) -> None:
    urls = [f"{server.origin}/error-forever/{i}" for i in range(20)]
    project(tmp_path, server.origin, urls, breaker=3, **{"per-host": 1})
    server.reset()
    report, _ = run_links(tmp_path, "--no-cache")
    found = [verdicts(report)[u] for u in urls]
    assert {e["verdict"] for e in found} == {"transient"}
    answered = [e for e in found if e["detail"].startswith("HTTP 503")]
    assert 1 <= len(answered) <= 3  # three answers opened the breaker, to one link or to several
    assert all("in a row with an error (last HTTP 503)" in e["detail"] for e in found if e not in answered)
    # HEAD and GET for each of the three answers (one at a time: per-host = 1); before, 20 x 3 x 2
    assert len(server.requests) == 6


def test_the_deadline_ends_the_run_with_every_unfinished_link_unverifiable(
    tmp_path: Path, server: LinkServer, hanging: LinkServer
) -> None:
    urls = [f"{hanging.origin}/hang/{i}" for i in range(3)] + [server.origin + "/ok"]
    project(tmp_path, server.origin, urls, timeout=60, deadline=1)
    server.reset()
    report, _ = run_links(tmp_path, "--no-cache")
    found = verdicts(report)
    assert found[server.origin + "/ok"]["verdict"] == "alive"
    for url in urls[:3]:
        assert found[url]["verdict"] == "transient"
        assert found[url]["detail"] == "not checked: the run reached its deadline (links.deadline = 1 s) first"
    assert {d["code"] for d in report["diagnostics"]} == {"AL503"}


def test_the_deadline_holds_with_several_worker_processes(
    tmp_path: Path, server: LinkServer, hanging: LinkServer
) -> None:
    urls = [f"{hanging.origin}/hang/{i}" for i in range(3)] + [server.origin + "/ok"]
    project(tmp_path, server.origin, urls, timeout=60, deadline=1, workers=2)
    report, _ = run_links(tmp_path, "--no-cache")
    found = verdicts(report)
    assert found[server.origin + "/ok"]["verdict"] == "alive"
    assert all("links.deadline = 1 s" in found[url]["detail"] for url in urls[:3])


# -- the token goes only where the environment or the command line says --------------------------


def test_an_interrupted_run_leaves_no_process_behind(tmp_path: Path, hanging: LinkServer) -> None:
    import os
    import signal
    import sys

    # two worker processes check the links
    urls = [f"{hanging.origin}/hang/{i}" for i in range(4)]
    project(tmp_path, hanging.origin, urls, timeout=60, deadline=120, workers=2)
    proc = subprocess.Popen(
        [sys.executable, "-m", "awesome_lint", "check", "--links", "--no-cache", "README.md"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        # as a terminal starts it: a test run started in the background (``pytest &``) ignores
        # SIGINT, and a child inherits that, so Python would never raise KeyboardInterrupt
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    try:
        assert hanging.seen.wait(60), "no request reached the server"
        os.kill(proc.pid, signal.SIGINT)  # the main process only, as a job runner ending it would
        proc.wait(timeout=60)
        with pytest.raises(ProcessLookupError):  # the whole session is gone: no worker left checking
            os.killpg(proc.pid, 0)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert proc.stderr is not None
        proc.stderr.close()


def test_progress_is_sent_up_in_batches() -> None:
    import multiprocessing

    from awesome_lint.links.workers import _Ticks

    receiver, sender = multiprocessing.Pipe(duplex=False)
    ticks = _Ticks(sender, every=3600.0)
    for n in range(5):
        ticks(n + 1, 5, "example.org")
    assert not receiver.poll()  # nothing yet: a message per link was a system call per link
    ticks.flush()
    assert receiver.recv() == ("tick", 5, "")
    ticks.flush()
    assert not receiver.poll()


def test_a_github_api_from_the_config_file_gets_no_token(tmp_path: Path, server: LinkServer) -> None:
    # a pull request can edit the config: a base it names must not receive the workflow's token
    project(tmp_path, server.origin, ["https://github.com/octo/live"])
    server.reset()
    report, proc = run_links(tmp_path, "--no-cache", env={"GITHUB_TOKEN": TOKEN})
    assert [path for _, path, _ in server.requests] == ["/api/repos/octo/live"]
    assert all("Authorization" not in headers for _, _, headers in server.requests)
    assert verdicts(report)["https://github.com/octo/live"]["verdict"] == "alive"
    assert f"GITHUB_TOKEN not sent to {server.origin}/api: a base from the config file gets no token" in (
        proc.stderr.decode()
    )


def test_the_environment_api_base_wins_over_the_config_file(tmp_path: Path, server: LinkServer) -> None:
    other: LinkServer = server.other  # type: ignore[attr-defined]
    project(tmp_path, other.origin, ["https://github.com/octo/live"])  # the config names the other server
    server.reset()
    other.reset()
    env = {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": server.origin + "/api/"}
    report, _ = run_links(tmp_path, "--no-cache", env=env)
    assert other.requests == []
    assert [h.get("Authorization") for _, _, h in server.requests] == [f"Bearer {TOKEN}"]
    assert verdicts(report)["https://github.com/octo/live"]["verdict"] == "alive"


def test_a_github_api_from_the_command_line_gets_the_token(tmp_path: Path, server: LinkServer) -> None:
    other: LinkServer = server.other  # type: ignore[attr-defined]
    project(tmp_path, other.origin, ["https://github.com/octo/attic"])
    server.reset()
    other.reset()
    report, _ = run_links(tmp_path, "--no-cache", "--github-api", server.origin + "/api", env={"GITHUB_TOKEN": TOKEN})
    assert other.requests == []
    assert [h.get("Authorization") for _, _, h in server.requests] == [f"Bearer {TOKEN}"]
    assert verdicts(report)["https://github.com/octo/attic"]["archived"] is True


def test_a_bad_github_api_on_the_command_line_is_one_line(tmp_path: Path, server: LinkServer) -> None:
    project(tmp_path, server.origin, [server.origin + "/ok"])
    proc = run_cli("check", "--links", "--github-api", "api.github.com", "README.md", cwd=tmp_path, env=NO_GITHUB)
    err = proc.stderr.decode()
    assert (
        proc.returncode == 2
        and err.strip() == "awesome-lint: error: --github-api must be an http(s) URL, not 'api.github.com'"
    )


@pytest.mark.parametrize(
    ("base", "source", "sent"),
    [
        ("https://api.github.com", "default", True),
        ("https://ghe.example.com/api/v3", "environment", True),
        ("https://ghe.example.com/api/v3", "command line", True),
        ("http://127.0.0.1:8080/api", "environment", True),
        ("http://[::1]:8080/api", "command line", True),
        ("http://localhost:8080/api", "environment", True),
        ("http://api.example.com", "environment", False),  # plain http beyond this machine
        ("http://127.0.0.1.example.com/api", "environment", False),
        ("https://api.github.com", "config", False),
        ("https://evil.example.com", "config", False),
        ("http://127.0.0.1:8080/api", "config", False),
        ("https://api.github.com", "enterprise", False),
    ],
)
def test_which_api_bases_get_the_token(base: str, source: str, sent: bool) -> None:
    from awesome_lint.links.options import LinkOptions, token_for

    options = LinkOptions(github_api=base, github_api_source=source)
    assert (token_for(options, "t") == "t") is sent


def test_an_enterprise_environment_keeps_its_token_from_github_com() -> None:
    from awesome_lint.links.options import LinkOptions, token_for, with_environment

    env = {"GITHUB_API_URL": "https://ghe.example.com/api/v3", "GITHUB_SERVER_URL": "https://ghe.example.com"}
    options, warnings = with_environment(LinkOptions(), {**env, "GITHUB_TOKEN": "t"})
    assert options.github_api == "https://api.github.com"  # github.com links are not the enterprise's
    assert token_for(options, "t") is None
    assert warnings == [
        "GITHUB_TOKEN not sent to https://api.github.com: the token is for https://ghe.example.com, not github.com"
    ]
    options, warnings = with_environment(
        LinkOptions(), {"GITHUB_API_URL": "https://api.github.com/", "GITHUB_TOKEN": "t"}
    )
    assert (options.github_api, token_for(options, "t"), warnings) == ("https://api.github.com", "t", [])


# -- addresses that embed another --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
        ("64:ff9b::5db8:d822", True),  # NAT64 of 93.184.216.34
        ("64:ff9b:1::7f00:1", False),  # local-use NAT64: never public
        ("::7f00:1", False),  # IPv4-compatible 127.0.0.1
        ("::a00:1", False),  # IPv4-compatible 10.0.0.1
        ("::ffff:0:7f00:1", False),  # SIIT-translated 127.0.0.1
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:a9fe:a9fe::1", False),  # 6to4 of 169.254.169.254
        ("2002:5db8:d822::1", True),  # 6to4 of 93.184.216.34
        ("2001:0:5db8:d822:0:0:80ff:fefe", False),  # Teredo, client 127.0.1.1
        ("2001:0:5db8:d822:8000:63bf:a247:27dd", True),  # Teredo, server and client public
        ("::", False),
        ("::1", False),
    ],
)
def test_embedded_ipv4_addresses_are_judged_by_what_they_embed(address: str, public: bool) -> None:
    import ipaddress

    assert is_public(ipaddress.ip_address(address)) is public


_NAMESPACE_SCRIPT = r"""
import json, sys, os, subprocess
from pathlib import Path
subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
sys.path.insert(0, sys.argv[1])
from tests.linkserver import LinkServer
work = Path(sys.argv[2])
with LinkServer() as srv:
    port = srv.server_address[1]
    urls = [f"http://[{a}]:{port}/ok" for a in ("64:ff9b::7f00:1", "::7f00:1", "2002:7f00:1::1", "::ffff:0:7f00:1")]
    urls.append("http://93.184.216.34/")  # a public address, with no route out of this namespace
    (work / "README.md").write_text("# L\n\n" + "".join(f"- [x]({u}) - y.\n" for u in urls))
    (work / ".awesome-lint.toml").write_text('[links]\nallow-networks = ["127.0.0.1/32"]\ntimeout = 2\n')
    proc = subprocess.run([sys.executable, "-m", "awesome_lint", "check", "--links", "--no-cache", "--format", "json",
                           "README.md"], cwd=work, capture_output=True, text=True)
    print(json.dumps({"report": json.loads(proc.stdout), "seen": len(srv.requests), "stderr": proc.stderr}))
"""


def test_embedded_loopback_is_skipped_and_an_unreachable_network_is_not_dead(tmp_path: Path) -> None:
    """In a private network namespace (only ``lo``), where nothing can leave the machine."""
    import shutil
    import sys

    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("unshare or ip is not installed")
    if subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode != 0:
        pytest.skip("no unprivileged network namespaces here")
    root = str(Path(__file__).resolve().parent.parent)
    proc = subprocess.run(
        ["unshare", "-rn", sys.executable, "-c", _NAMESPACE_SCRIPT, root, str(tmp_path)],
        capture_output=True, text=True, timeout=120, env={**__import__("os").environ, **NO_GITHUB},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    found = {e["url"]: e for e in out["report"]["links"]}
    assert out["seen"] == 0
    for url, entry in found.items():
        if "93.184.216.34" in url:
            assert entry["verdict"] == "transient" and entry["detail"] == "could not connect: network unreachable"
        else:
            assert entry["verdict"] == "skipped" and "is a private address" in entry["detail"], entry
    assert len(found) == 5
