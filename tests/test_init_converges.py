"""`init` writes down the list's conventions, never its defects: `init`, then `fix
--unsafe-fixes`, then `check` agree with each other on every real list."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint import api
from awesome_lint.engine import registry
from awesome_lint.engine.diagnostics import Diagnostic, Severity
from awesome_lint.fixing.fixer import fix_source
from awesome_lint.init import _repaired, detect, render_config
from awesome_lint.markdown import parser
from awesome_lint.markdown.source import Source

from .conftest import SEED, corpus_files


def init_config(text: str, folder: Path) -> Path:
    conv = detect(parser.parse_text(text))
    path = folder / ".awesome-lint.toml"
    path.write_text(render_config(conv, "README.md", {r.name for r in registry.load().rules}), encoding="utf-8")
    return path


def test_init_writes_the_column_name_as_typo_would_fix_it(tmp_path: Path) -> None:
    config = init_config(SEED.read_text(encoding="utf-8"), tmp_path).read_text(encoding="utf-8")
    assert '"Paper"' in config and "Ppaer" not in config


def test_init_writes_the_toc_heading_without_its_mojibake(tmp_path: Path) -> None:
    config = init_config(SEED.read_text(encoding="utf-8"), tmp_path).read_text(encoding="utf-8")
    assert 'heading = "📖 Table of Contents"' in config and "üìñ" not in config


def test_column_names_are_written_down_repaired() -> None:
    text = "| Title | Caf\u00c3\u00a9 | Venue\u200b |\n| --- | --- | --- |\n| a | b | c |\n"
    assert detect(parser.parse_text(text)).header == ["Title", "Café", "Venue"]


def test_columns_with_a_defect_and_no_fix_are_not_written_down() -> None:
    text = "| Title | Venue |\n| --- | --- |\n| a | b |\n"
    doc = parser.parse_text(text)
    cell = doc.tables[0].header.cells[1]
    unfixable = Diagnostic("AL401", "typo", Severity.WARNING, "a guess, not a fix", cell.span)
    assert _repaired(doc, cell.span, [unfixable]) is None
    assert _repaired(doc, doc.tables[0].header.cells[0].span, [unfixable]) == "Title"


@pytest.mark.parametrize("path", [SEED, *corpus_files()], ids=lambda p: p.name[:40])
def test_init_then_unsafe_fix_then_check_converges(path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    config = init_config(text, tmp_path)
    readme = tmp_path / "README.md"
    settings = api.settings_for(readme, config=config)
    result = fix_source(Source.from_text(text, str(readme)), settings, unsafe=True)
    assert result.refused is None and result.converged, result.unconverged_rules
    after = api.check_source(Source.from_text(result.text, str(readme)), settings)
    assert [f"{d.line}: {d.code} {d.message}" for d in after if d.fix is not None] == []
