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
    if links is not None:
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
            **fixing,
        )
    finally:
        if bar is not None:
            bar.finish()
    for problem in outcome.warnings:
        click.echo(f"awesome-lint: warning: {problem}", err=True)
    if outcome.fatal:
        _fail(outcome.fatal)
    if outcome.links is not None and not quiet:
        click.echo(outcome.links.summary(), err=True)
    return outcome


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
        "--links/--no-links",
        "links_check",
        default=None,
        help="Check that links are alive (network; off unless given here or `links = true` in the config).",
    ),
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
]


def link_options(func: Any) -> Any:
    for option in reversed(_links):
        func = option(func)
    return func


def _link_request(
    links_check: bool | None,
    changed_since: str | None,
    links_cache: str | None,
    no_cache: bool,
    github_api: str | None = None,
) -> dict[str, Any]:
    return {
        "check": links_check,
        "changed_since": changed_since,
        "cache": links_cache,
        "use_cache": not no_cache,
        "github_api": github_api,
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
    type=click.Choice(["text", "json", "github", "sarif", "junit"]),
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
    links_check: bool | None,
    changed_since: str | None,
    links_cache: str | None,
    no_cache: bool,
    github_api: str | None,
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
    links = _link_request(links_check, changed_since, links_cache, no_cache, github_api)
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
    out = reporters.get(fmt)(
        outcome.diagnostics, color=color, statistics=statistics, quiet=quiet, sources=outcome.sources, **extra
    )
    if out:
        click.echo(out, color=color)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_path:
        from .reporters import step_summary

        try:
            with open(summary_path, "a", encoding="utf-8") as fh:
                fh.write(step_summary.render(outcome.diagnostics, sources=outcome.sources))
        except OSError as exc:
            click.echo(f"awesome-lint: warning: cannot write the step summary {summary_path}: {exc}", err=True)
    _exit(outcome, exit_zero=exit_zero)


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@selection_options
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing (exit 1 if any).")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 when something would change.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change meaning (typos, URLs).")
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
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    color: bool | None,
    links_check: bool | None,
    changed_since: str | None,
    links_cache: str | None,
    no_cache: bool,
    github_api: str | None,
) -> None:
    """Fix Markdown files in place (default: README.md; '-' reads stdin, writes stdout).

    Applies safe fixes (and unsafe ones with --unsafe-fixes) until nothing changes, then
    reports what it fixed and what is left. Tables are rewritten without ever dropping a
    cell; a file that is not valid UTF-8 is never touched. Writes are atomic and keep the
    file's line endings, BOM and permissions.

    With --links and --unsafe-fixes, permanently redirected links (AL502) are updated to
    where they now lead.

    Exit status: 0 when no error remains (and, with --check/--diff, nothing would change),
    1 otherwise, 2 on a usage, configuration or input error.
    """
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
        links=_link_request(links_check, changed_since, links_cache, no_cache, github_api),
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
    links: dict[str, Any] | None = None,
) -> None:
    import difflib

    from . import reporters, writer

    outcome = _outcome(paths, select, extend_select, ignore, config, links=links, quiet=quiet, fix=True, unsafe=unsafe)
    if color is None:
        color = sys.stdout.isatty()
    to_stdout = any(r.source.path == "-" for r in outcome.fixes)

    def log(message: str) -> None:
        # when the fixed text goes to stdout, everything else goes to stderr
        click.echo(message, err=to_stdout, color=color)

    would_change = False
    total_fixed = 0
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
        if src.path == "-":
            sys.stdout.buffer.write(src.encode(result.text))
            sys.stdout.flush()
        if not result.changed:
            continue
        would_change = True
        count = sum(result.fixed.values())
        total_fixed += count
        detail = ", ".join(f"{code} {rule} ×{n}" for (code, rule), n in sorted(result.fixed.items()))
        if diff:
            click.echo(
                "".join(
                    difflib.unified_diff(
                        src.text.splitlines(keepends=True),
                        result.text.splitlines(keepends=True),
                        fromfile=f"a/{src.path}",
                        tofile=f"b/{src.path}",
                    )
                ),
                nl=False,
            )
        elif check_only:
            log(f"Would fix {count} problem{'s' if count != 1 else ''} in {src.path} ({detail})")
        else:
            if src.path != "-":
                try:
                    writer.write_source(src, result.text)
                except writer.WriteError as exc:
                    outcome.input_errors.append(str(exc))
                    continue
            log(f"Fixed {count} problem{'s' if count != 1 else ''} in {src.path} ({detail})")
    remaining = reporters.get("text")(outcome.diagnostics, color=color, statistics=statistics, quiet=True)
    if remaining:
        log(remaining)
    if not quiet:
        from .reporters.text_format import summary

        verb = "Would fix" if (diff or check_only) else "Fixed"
        if total_fixed:
            log(f"{verb} {total_fixed} problem{'s' if total_fixed != 1 else ''}.")
        if outcome.diagnostics:
            log("Remaining: " + summary(outcome.diagnostics, color))
        elif not total_fixed:
            log("Nothing to fix.")
    _exit(outcome, exit_zero=exit_zero, changes=(diff or check_only) and would_change)


@main.command()
@click.argument("path", default="README.md", required=False)
@click.option("--output", "-o", default=".awesome-lint.toml", show_default=True, help="Where to write the config.")
def init(path: str, output: str) -> None:
    """Write a commented .awesome-lint.toml tuned to PATH (default README.md).

    Records the list's own conventions: its table columns and layout, year order, table of
    contents heading and placeholders; turns the awesome preset on for a classic bullet list.
    Refuses to overwrite an existing file.
    """
    from . import parser, registry, source
    from .init import detect, render_config

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


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(fmt: str) -> None:
    """List every rule: code, name, default severity, whether it can fix, summary."""
    from . import registry
    from .rule import fix_safety

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
                        "fix_safety": fix_safety(r) or None,
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
        fix = {"never": "   ", "sometimes": "(*)", "always": "[*]"}[r.fixable.value]
        safety = {"unsafe": "unsafe", "partly unsafe": "partly"}.get(fix_safety(r), "")
        off = "" if r.default_enabled else " (off by default" + "".join(f"; preset {p}" for p in r.presets) + ")"
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {fix} {safety:<6}  {r.summary}{off}")
    click.echo(
        "\n[*] always fixable   (*) sometimes fixable   unsafe: only with --unsafe-fixes, since what GitHub"
        " shows changes   partly: some of its fixes only with --unsafe-fixes"
    )


@main.command("rule")
@click.argument("name")
def show_rule(name: str) -> None:
    """Print the documentation page of rule NAME (a code such as AL101 or a name)."""
    from . import pages, registry

    rule = registry.load().get(name)
    if rule is None:
        _fail(f"unknown rule {name!r}; `awesome-lint rules` lists them")
    click.echo(pages.page_text(rule))
