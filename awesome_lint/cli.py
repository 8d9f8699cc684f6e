"""The command line: parse options, load config, call the library, pick a reporter."""

from __future__ import annotations

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
    awesome-lint rules               list every rule
    awesome-lint rule AL101          explain one rule, with examples
    """


_selection = [
    click.option("--select", multiple=True, metavar="RULES", help="Only these rules: codes, names or prefixes (AL1), comma-separated."),
    click.option("--extend-select", multiple=True, metavar="RULES", help="Rules to add to the configured selection."),
    click.option("--ignore", multiple=True, metavar="RULES", help="Rules to skip, on top of the configured ones."),
    click.option(
        "--config",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Config file to use instead of the nearest .awesome-lint.toml / pyproject.toml.",
    ),
]


def selection_options(func: Any) -> Any:
    for option in reversed(_selection):
        func = option(func)
    return func


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@selection_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True, help="Output format.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option("--statistics", is_flag=True, help="Also print the number of findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color/--no-color", default=None, help="Colour the output (default: only on a terminal).")
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
) -> None:
    """Check Markdown files (default: README.md; '-' reads standard input).

    Exit status: 0 when no error-severity finding, 1 when there are errors, 2 on a usage,
    configuration or input error.
    """
    from . import runner

    outcome = runner.check_paths(
        paths or ("README.md",),
        config=config,
        select=_split(select) or None,
        extend_select=_split(extend_select),
        ignore=_split(ignore),
    )
    for problem in outcome.warnings:
        click.echo(f"awesome-lint: warning: {problem}", err=True)
    if outcome.fatal:
        _fail(outcome.fatal)
    from . import reporters

    if color is None and fmt == "text":
        color = sys.stdout.isatty()
    out = reporters.get(fmt)(outcome.diagnostics, color=color, statistics=statistics, quiet=quiet)
    if out:
        click.echo(out, color=color)
    for error in outcome.input_errors:
        click.echo(f"awesome-lint: error: {error}", err=True)
    if outcome.input_errors:
        sys.exit(EXIT_USAGE)
    if outcome.has_errors and not exit_zero:
        sys.exit(EXIT_FINDINGS)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(fmt: str) -> None:
    """List every rule: code, name, default severity, whether it can fix, summary."""
    from . import registry

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
                        "default": r.default_enabled,
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
        off = "" if r.default_enabled else " (off by default)"
        click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {fix}  {r.summary}{off}")
    click.echo("\n[*] always fixable   (*) sometimes fixable")


@main.command("rule")
@click.argument("name")
def show_rule(name: str) -> None:
    """Print the documentation page of rule NAME (a code such as AL101 or a name)."""
    from . import pages, registry

    rule = registry.load().get(name)
    if rule is None:
        _fail(f"unknown rule {name!r}; `awesome-lint rules` lists them")
    click.echo(pages.page_text(rule))
