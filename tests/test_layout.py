"""The package's stages import only the stages below them, as each folder's docstring says.

A README goes through ``markdown`` (read, build the model), ``knowledge`` (what papers, years,
ToCs and awesome-list conventions are), ``engine`` (rules, config, running them), ``rules``,
``fixing`` (apply, verify, write), ``links`` and ``records`` (the network checks) and
``reporters``; the front (``cli``, ``api``, ``runner``, ``init``, ...) sits on top. This test
reads every import of every module (top-level and inside functions) and fails on one that
climbs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "awesome_lint"
ROOT = "awesome_lint"

# what each stage may import besides itself (and the standard library, third-party packages)
ALLOWED: dict[str, set[str]] = {
    "util": set(),
    "markdown": {"util"},
    "knowledge": {"markdown", "util"},
    "engine": {"markdown", "knowledge", "util", "links.options", "records.options", "rules.catalog"},
    "links": {"markdown", "knowledge", "util"},
    "records": {"markdown", "knowledge", "util", "links"},
    "fixing": {"engine", "markdown", "knowledge", "util"},
    "rules": {"engine", "markdown", "knowledge", "util", "links", "records"},
    "reporters": {"engine", "markdown", "knowledge", "util", "links", "records"},
}
FRONT = {"__init__", "__main__", "api", "cli", "init", "mdformat_plugin", "pages", "runner"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> str:
    """``awesome_lint.markdown.model`` -> ``markdown``; ``awesome_lint.links.options`` keeps
    its module, which a stage may be allowed alone."""
    parts = module.split(".")[1:]
    return parts[0] if parts else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == ROOT:  # ``from awesome_lint import api``: each name is a module
                # (the version is the package's own attribute, for every stage to read)
                found.extend((node.lineno, f"{ROOT}.{a.name}") for a in node.names if a.name != "__version__")
            elif target.startswith(ROOT + "."):
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names if a.name.startswith(ROOT + "."))
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_pages" not in p.parts)


def test_every_module_belongs_to_a_stage() -> None:
    strays = [_module(p) for p in _modules() if _stage(_module(p)) not in ALLOWED | dict.fromkeys(FRONT)]
    assert strays == [], "a module outside the stage folders: move it into one, or name it front"


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_stage_imports_only_below_it(stage: str) -> None:
    climbs = []
    for path in _modules():
        if _stage(_module(path)) != stage:
            continue
        for line, target in _imports(path):
            there = target.removeprefix(ROOT + ".")
            if _stage(target) == stage or _stage(target) in ALLOWED[stage]:
                continue
            if any(there == allowed or there.startswith(allowed + ".") for allowed in ALLOWED[stage]):
                continue
            climbs.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}")
    assert climbs == [], f"{stage} may import only {sorted(ALLOWED[stage])}"


def test_each_stage_says_its_job_and_what_it_may_import() -> None:
    for stage in ALLOWED:
        init = PACKAGE / stage / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "May import" in doc, f"{stage}/__init__.py does not say what it may import"
