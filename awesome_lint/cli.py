"""The command line: parse options, load config, call the library, pick a reporter."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> NoReturn:
    click.echo(f"awesome-lint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="awesome-lint")
def main() -> None:
    """Lint and fix awesome-list READMEs: tables of papers, bullet lists, links, headings.

    \b
    awesome-lint check README.md     report problems (exit 1 when there are errors)
    awesome-lint fix README.md       fix what can be fixed safely, in place
    awesome-lint rules               list every rule
    awesome-lint rule AL101          explain one rule, with examples
    awesome-lint init                write a config tuned to README.md
    """


def _outcome(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: Path | None,
    links: dict[str, Any] | None = None,
    quiet: bool = False,
    **fixing: bool,
) -> Any:
    """Check (or fix in memory) the paths; warnings go to stderr, a config error ends the run."""
    from . import runner

    bar = None
    request = None
    papers = None
    if links is not None:
        links = dict(links)
        papers_check = links.pop("papers", None)
        papers = runner.PaperRequest(
            check=papers_check, cache=links["cache"], use_cache=links["use_cache"], progress=_paper_bar(quiet)
        )
        if links["changed_since"] and links["check"] is None:
            links["check"] = True  # --changed-since is about links: it implies --links
        if not quiet and sys.stderr.isatty():
            from .links.progress import ProgressBar

            bar = ProgressBar(sys.stderr)
        request = runner.LinkRequest(progress=bar, **links)
    try:
        outcome = runner.check_paths(
            paths or ("README.md",),
            config=config,
            select=_split(select) or None,
            extend_select=_split(extend_select),
            ignore=_split(ignore),
            links=request,
            papers=papers,
            **fixing,
        )
    finally:
        if bar is not None:
            bar.finish()
        if papers is not None and papers.progress is not None:
            papers.progress.finish()  # type: ignore[attr-defined]
    for problem in outcome.warnings:
        click.echo(f"awesome-lint: warning: {problem}", err=True)
    if outcome.fatal:
        _fail(outcome.fatal)
    if outcome.links is not None and not quiet:
        click.echo(outcome.links.summary(), err=True)
    if outcome.papers is not None and not quiet:
        from collections import Counter

        click.echo(outcome.papers.summary(Counter(d.code for d in outcome.diagnostics)), err=True)
    return outcome


def _paper_bar(quiet: bool) -> Any:
    if quiet or not sys.stderr.isatty():
        return None
    from .links.progress import ProgressBar

    return ProgressBar(sys.stderr, label="Checking papers")


def _github_files(outcome: Any) -> None:
    """In a GitHub Actions step: the job summary (findings; links checked and why not alive)
    and the step's outputs ``errors`` and ``warnings``, read from the files Actions names."""
    from .engine.diagnostics import Severity
    from .reporters import step_summary

    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    output_path = os.environ.get("GITHUB_OUTPUT")
    errors = sum(1 for d in outcome.diagnostics if d.severity is Severity.ERROR)
    writes = []
    if summary_path:
        writes.append(
            (summary_path, step_summary.render(outcome.diagnostics, sources=outcome.sources, links=outcome.links))
        )
    if output_path:
        writes.append((output_path, f"errors={errors}\nwarnings={len(outcome.diagnostics) - errors}\n"))
    for path, text in writes:
        try:
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            click.echo(f"awesome-lint: warning: cannot write {path}: {exc.strerror or exc}", err=True)


def _exit(outcome: Any, *, exit_zero: bool, changes: bool = False) -> None:
    """2 for input errors, 1 for error findings (or changes a --check/--diff would make)."""
    for error in outcome.input_errors:
        click.echo(f"awesome-lint: error: {error}", err=True)
    if outcome.input_errors:
        sys.exit(EXIT_USAGE)
    if changes or (outcome.has_errors and not exit_zero):
        sys.exit(EXIT_FINDINGS)


_selection = [
    click.option(
        "--select",
        multiple=True,
        metavar="RULES",
        help="Only these rules: codes, names, prefixes (AL1) or presets (awesome), comma-separated.",
    ),
    click.option("--extend-select", multiple=True, metavar="RULES", help="Rules to add to the configured selection."),
    click.option("--ignore", multiple=True, metavar="RULES", help="Rules to skip, on top of the configured ones."),
    click.option(
        "--config",
        type=click.Path(path_type=Path),  # the loader says in one line what is wrong with it
        help="Config file to use instead of the nearest .awesome-lint.toml / pyproject.toml.",
    ),
]


_output = [
    click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found (or remain, for fix)."),
    click.option("--statistics", is_flag=True, help="Also print the number of findings per rule."),
    click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary."),
    click.option("--color/--no-color", default=None, help="Colour the output (default: only on a terminal)."),
]


_links = [
    click.option(
        "--links",
        "links_on",
        is_flag=True,
        help="Check that links are alive (network; off unless given here or `links = true` in the config).",
    ),
    click.option("--no-links", "links_off", is_flag=True, help="Do not check links, whatever the config says."),
    click.option(
        "--changed-since",
        metavar="REV",
        help="Check only links that are new or changed since git revision REV (implies --links).",
    ),
    click.option("--cache", "links_cache", metavar="PATH", help="Link result cache (SQLite) to use."),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the link result cache."),
    click.option(
        "--github-api",
        metavar="URL",
        help="GitHub API base that may receive GITHUB_TOKEN (default: $GITHUB_API_URL, else api.github.com).",
    ),
    click.option(
        "--papers/--no-papers",
        "papers_check",
        default=None,
        help="Check each paper against its record: title, venue, year (network; off unless given "
        "here or `papers = true` in the config).",
    ),
]


def link_options(func: Any) -> Any:
    for option in reversed(_links):
        func = option(func)
    return func


def _refuse_conflicts(**given: object) -> None:
    """One line and exit 2 for options that contradict each other, rather than silently
    letting one of them win (``--links --no-links``, ``--cache X --no-cache``)."""
    pairs = [
        ("links_on", "links_off", "--links", "--no-links"),
        ("changed_since", "links_off", "--changed-since", "--no-links"),
        ("links_cache", "no_cache", "--cache", "--no-cache"),
        ("diff", "check_only", "--diff", "--check"),
    ]
    for first, second, shown_first, shown_second in pairs:
        if given.get(first) not in (None, False) and given.get(second):
            _fail(f"{shown_first} and {shown_second} contradict each other; give one of them")


def _link_request(
    links_on: bool,
    links_off: bool,
    changed_since: str | None,
    links_cache: str | None,
    no_cache: bool,
    github_api: str | None = None,
    papers_check: bool | None = None,
) -> dict[str, Any]:
    _refuse_conflicts(
        links_on=links_on, links_off=links_off, changed_since=changed_since, links_cache=links_cache, no_cache=no_cache
    )
    check = True if links_on else (False if links_off else None)
    return {
        "check": check,
        "changed_since": changed_since,
        "cache": links_cache,
        "use_cache": not no_cache,
        "github_api": github_api,
        "papers": papers_check,
    }


def output_options(func: Any) -> Any:
    for option in reversed(_output):
        func = option(func)
    return func


def selection_options(func: Any) -> Any:
    for option in reversed(_selection):
        func = option(func)
    return func


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@selection_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif", "junit", "gitlab"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@output_options
@link_options
@click.option("--fix", "do_fix", is_flag=True, help="Fix what can be fixed, as `awesome-lint fix` does.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix: also apply fixes that may change meaning.")
def check(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: Path | None,
    fmt: str,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    color: bool | None,
    links_on: bool,
    links_off: bool,
    changed_since: str | None,
    links_cache: str | None,
    no_cache: bool,
    github_api: str | None,
    papers_check: bool | None,
    do_fix: bool,
    unsafe_fixes: bool,
) -> None:
    """Check Markdown files (default: README.md; '-' reads standard input).

    With --links, every web link is checked too (each distinct URL once, results cached):
    dead links are errors (AL501); redirects (AL502) and links that block robots or time out
    (AL503) are warnings.

    Exit status: 0 when no error-severity finding, 1 when there are errors, 2 on a usage,
    configuration or input error.
    """
    links = _link_request(links_on, links_off, changed_since, links_cache, no_cache, github_api, papers_check)
    if do_fix:
        _run_fix(
            paths,
            select,
            extend_select,
            ignore,
            config,
            diff=False,
            check_only=False,
            unsafe=unsafe_fixes,
            color=color,
            quiet=quiet,
            statistics=statistics,
            exit_zero=exit_zero,
            links=links,
        )
        return
    outcome = _outcome(paths, select, extend_select, ignore, config, links=links, quiet=quiet)
    from . import reporters

    if color is None and fmt == "text":
        color = sys.stdout.isatty()
    extra: dict[str, Any] = {}
    if fmt == "json" and outcome.links is not None:
        extra["links"] = outcome.links
    if fmt == "json" and outcome.papers is not None:
        extra["papers"] = outcome.papers
    # a file that could not be read was not checked: "No problems found." would be a false all-clear
    quiet_summary = quiet or (bool(outcome.input_errors) and not outcome.diagnostics)
    if fmt == "text":  # written as it is made: a file can have tens of thousands of findings
        from .reporters import text_format

        for chunk in text_format.chunks(outcome.diagnostics, color=color, statistics=statistics, quiet=quiet_summary):
            click.echo(chunk, color=color)
    else:
        out = reporters.get(fmt)(
            outcome.diagnostics,
            color=color,
            statistics=statistics,
            quiet=quiet_summary,
            sources=outcome.sources,
            **extra,
        )
        if out:
            click.echo(out, color=color)
    if fmt == "github":
        _github_files(outcome)
    _exit(outcome, exit_zero=exit_zero)


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@selection_options
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing (exit 1 if any).")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 when something would change.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change meaning (typos, URLs).")
@click.option(
    "--fix-only",
    is_flag=True,
    help="Only fix: neither report what is left nor exit 1 for it (a pre-commit fix hook before the check hook).",
)
@output_options
@link_options
def fix(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: Path | None,
    diff: bool,
    check_only: bool,
    unsafe_fixes: bool,
    fix_only: bool,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    color: bool | None,
    links_on: bool,
    links_off: bool,
    changed_since: str | None,
    links_cache: str | None,
    no_cache: bool,
    github_api: str | None,
    papers_check: bool | None,
) -> None:
    """Fix Markdown files in place (default: README.md; '-' reads stdin, writes stdout).

    Applies safe fixes (and unsafe ones with --unsafe-fixes) until nothing changes, then
    reports what it fixed and what is left. Tables are rewritten without ever dropping a
    cell; a file that is not valid UTF-8 is never touched. Writes are atomic and keep the
    file's line endings, BOM and permissions.

    With --links and --unsafe-fixes, permanently redirected links (AL502) are updated to
    where they now lead.

    Exit status: 0 when no error remains, 1 otherwise; with --check/--diff, 1 exactly when a
    file would be rewritten; 2 on a usage, configuration or input error.
    """
    _refuse_conflicts(diff=diff, check_only=check_only)
    links = _link_request(links_on, links_off, changed_since, links_cache, no_cache, github_api, papers_check)
    _run_fix(
        paths,
        select,
        extend_select,
        ignore,
        config,
        diff=diff,
        check_only=check_only,
        unsafe=unsafe_fixes,
        color=color,
        quiet=quiet,
        statistics=statistics,
        exit_zero=exit_zero,
        fix_only=fix_only,
        links=links,
    )


def _run_fix(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: Path | None,
    *,
    diff: bool,
    check_only: bool,
    unsafe: bool,
    color: bool | None,
    quiet: bool,
    statistics: bool,
    exit_zero: bool,
    fix_only: bool = False,
    links: dict[str, Any] | None = None,
) -> None:
    """Fix in memory, then write, print a diff, or only tell what would change.

    ``--check`` and ``--diff`` write nothing, never print the document (not even for '-'),
    and exit 1 exactly when a file would be rewritten: remaining errors do not count, since
    the question they answer is "is this file formatted?". A file's "Fixed" line is printed
    once, after its write succeeded, and the total only when several files were fixed.
    """
    from .fixing import writer
    from .reporters.unified_diff import unified_diff

    outcome = _outcome(paths, select, extend_select, ignore, config, links=links, quiet=quiet, fix=True, unsafe=unsafe)
    if color is None:
        color = sys.stdout.isatty()
    dry_run = diff or check_only
    # stdout carries the fixed text of '-', or the diff: everything else goes to stderr then
    to_stderr = diff or (not dry_run and any(r.source.path == "-" for r in outcome.fixes))

    def log(message: str) -> None:
        click.echo(message, err=to_stderr, color=color)

    would_change = False
    fixed_files: list[int] = []
    for result in outcome.fixes:
        src = result.source
        if result.refused:
            outcome.input_errors.append(f"{src.path}: {result.refused}")
        if result.withheld:
            names = ", ".join(f"{code} {rule}" for code, rule in result.withheld)
            log(f"{src.path}: fixes of of {names} left out: they would change what GitHub shows (please report it)")
        if not result.converged:
            log(
                f"{src.path}: fixes failed to converge after {10} passes ({', '.join(result.unconverged_rules)}); "
                "the file was fixed as far as possible, please report this"
            )
        if src.path == "-" and not dry_run:
            sys.stdout.buffer.write(src.encode(result.text))
            sys.stdout.flush()
        if not result.changed:
            continue
        would_change = True
        count = sum(result.fixed.values())
        problems = f"{count} problem{'s' if count != 1 else ''}"
        detail = ", ".join(f"{code} {rule} ×{n}" for (code, rule), n in sorted(result.fixed.items()))
        if diff:
            before = src.encode(src.text).decode("utf-8")
            after = src.encode(result.text).decode("utf-8")
            sys.stdout.buffer.write(unified_diff(before, after, f"a/{src.path}", f"b/{src.path}").encode("utf-8"))
            sys.stdout.flush()
        elif check_only:
            log(f"Would fix {problems} in {src.path} ({detail})")
        else:
            if src.path != "-":
                try:
                    writer.write_source(src, result.text)
                except writer.WriteError as exc:
                    outcome.input_errors.append(str(exc))
                    continue
            fixed_files.append(count)
            log(f"Fixed {problems} in {src.path} ({detail})")
    if fix_only:  # what is left is the check hook's to report, once
        _exit(outcome, exit_zero=True, changes=dry_run and would_change)
        return
    from .reporters.text_format import chunks, summary

    for chunk in chunks(outcome.diagnostics, color=color, statistics=statistics, quiet=True):
        log(chunk)  # what is left, a thousand lines at a time
    if not quiet:
        if len(fixed_files) > 1:
            total = sum(fixed_files)
            log(f"Fixed {total} problem{'s' if total != 1 else ''} in {len(fixed_files)} files.")
        if outcome.diagnostics:
            log("Remaining: " + summary(outcome.diagnostics, color))
        elif not would_change and not outcome.input_errors:
            log("Nothing to fix.")
    _exit(outcome, exit_zero=exit_zero or dry_run, changes=dry_run and would_change)


@main.command()
@click.argument("path", default="README.md", required=False)
@click.option("--output", "-o", default=".awesome-lint.toml", show_default=True, help="Where to write the config.")
def init(path: str, output: str) -> None:
    """Write a commented .awesome-lint.toml tuned to PATH (default README.md).

    Records the list's own conventions: its table columns and layout, year order, table of
    contents heading and placeholders; turns the awesome preset on for a classic bullet list.
    Refuses to overwrite an existing file.
    """
    from .engine import registry
    from .init import detect, render_config
    from .markdown import parser, source

    target = Path(output)
    if target.exists():
        _fail(f"{output} already exists; remove it or pass --output to write elsewhere")
    try:
        src = source.read(path)
    except source.InputError as exc:
        _fail(str(exc))
    text = render_config(detect(parser.parse(src)), path, {r.name for r in registry.load().rules})
    try:
        with target.open("x", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    click.echo(f"Wrote {output}; `awesome-lint check {path}` now uses it.")
    _tell_what_remains(path, target)


def _tell_what_remains(path: str, config: Path) -> None:
    """Check the list under the new config and say what still fails, and why: init writes
    down the list's conventions (its columns, its ToC heading), never its defects, so a ToC
    whose labels differ from the headings, say, is still reported."""
    from collections import Counter

    from . import runner
    from .engine.diagnostics import Severity
    from .reporters.text_format import safely_fixable

    outcome = runner.check_paths([path], config=config)
    if outcome.fatal or outcome.input_errors or not outcome.diagnostics:
        return
    errors = sum(1 for d in outcome.diagnostics if d.severity is Severity.ERROR)
    count = len(outcome.diagnostics)
    click.echo(
        f"Under this config, the list still has {count} finding{'s' if count != 1 else ''} "
        f"({errors} error{'s' if errors != 1 else ''}): init records the list's conventions, not its defects."
    )
    by_rule = Counter((d.code, d.rule) for d in outcome.diagnostics)
    for (code, rule), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        found = [d for d in outcome.diagnostics if d.code == code]
        if any(safely_fixable(d) for d in found):
            note = " (`awesome-lint fix` fixes this)"
        elif any(d.fix is not None for d in found):
            note = " (`awesome-lint fix --unsafe-fixes` can fix this)"
        else:
            note = ""
        click.echo(f"  {code} {rule} ×{n}, e.g. line {found[0].line}: {found[0].message}{note}")
    rule = sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))[0][0][1]
    click.echo(
        f"Fix them, or, where the list does this on purpose (a heading the table of contents leaves "
        f'out on purpose, say), turn the rule off in {config}: ignore = ["{rule}"].'
    )


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(fmt: str) -> None:
    """List every rule: code, name, default severity, whether it can fix, summary."""
    from .engine import registry

    reg = registry.load()
    for problem in reg.problems:
        click.echo(f"awesome-lint: warning: {problem}", err=True)
    if fmt == "json":
        import json

        click.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.value,
                        "fixable": r.fixable.value,
                        "fix_safety": _fix_safety(r),
                        "default": r.default_enabled,
                        "presets": list(r.presets),
                        "summary": r.summary,
                    }
                    for r in reg.rules
                ],
                indent=2,
            )
        )
        return
    width = max((len(r.name) for r in reg.rules), default=10)
    for r in reg.rules:
        safety = _fix_safety(r)
        fix = "" if safety is None else f"{safety} ({r.fixable.value})"
        off = "" if r.default_enabled else " (off by default" + "".join(f"; preset {p}" for p in r.presets) + ")"
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {fix:<24}  {r.summary}{off}")
    click.echo(
        "\nsafe: `awesome-lint fix` applies it (GitHub shows the same page); unsafe: only with `--unsafe-fixes`;"
        "\nalways/sometimes: whether every finding of the rule comes with a fix."
    )


def _fix_safety(rule: Any) -> str | None:
    """ "safe" when plain ``fix`` applies the rule's fixes, "unsafe" when only ``--unsafe-fixes``
    does, "partly unsafe" when some are each (heading-style)."""
    from .engine.rule import fix_safety

    return fix_safety(rule) or None


@main.command("rule")
@click.argument("name")
def show_rule(name: str) -> None:
    """Print the documentation page of rule NAME (a code such as AL101 or a name)."""
    from . import pages
    from .engine import registry

    rule = registry.load().get(name)
    if rule is None:
        _fail(f"unknown rule {name!r}; `awesome-lint rules` lists them")
    click.echo(pages.page_text(rule))
