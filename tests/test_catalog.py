"""The catalog of built-in rules (``awesome_lint/rules/catalog.py``) says what each rule's
class says: the registry lists, selects and configures rules from it without importing them.

After changing a rule's code, name, summary, severity, options or presets, rewrite it:

    .venv/bin/python tests/test_catalog.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from awesome_lint.engine import registry
from awesome_lint.rules.catalog import RULES

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "awesome_lint" / "rules" / "catalog.py"
HEADER = '''"""What each built-in rule declares, keyed by its entry point (``module:Class``).

The registry reads this to list, select and configure the built-in rules without importing
their modules; a rule's module is imported when the rule runs. Generated from the classes by
``python tests/test_catalog.py``, and ``tests/test_catalog.py`` fails when it is out of date.
"""

from __future__ import annotations

from typing import Any

RULES: dict[str, dict[str, Any]] = '''


def builtin_targets() -> dict[str, str]:
    """Entry point name -> target, for the rules this package registers."""
    return {
        name: target for name, target in registry.entry_points(registry.GROUP) if target.startswith("awesome_lint.")
    }


def described() -> dict[str, dict[str, Any]]:
    return {target: registry.describe(registry.load_object(target)) for target in sorted(builtin_targets().values())}  # type: ignore[arg-type]


def test_catalog_says_what_the_rule_classes_say() -> None:
    assert described() == RULES, "the rule catalog is out of date: run `.venv/bin/python tests/test_catalog.py`"


def test_every_builtin_rule_is_deferred_until_it_runs() -> None:
    code = (
        "import sys\n"
        "from awesome_lint import api\nfrom awesome_lint.engine import registry\n"
        "reg = registry.load()\n"
        "assert len(reg.rules) >= 40, len(reg.rules)\n"
        "assert not [m for m in sys.modules if m.startswith('awesome_lint.rules.') and m != 'awesome_lint.rules.catalog']\n"
        "api.check('# Title\\n\\nSome text.\\n', select=['typo'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('awesome_lint.rules.'))\n"
        "assert loaded == ['awesome_lint.rules.catalog', 'awesome_lint.rules.typo'], loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_deferred_rule_answers_for_its_class() -> None:
    rule = registry.load().get("typo")
    assert rule is not None
    assert type(rule).__module__ == "awesome_lint.rules.typo"
    assert rule.code == "AL401" and "near-misses" in rule.options
    assert rule.loaded().name == "typo"  # type: ignore[attr-defined]
    assert callable(rule._prose)  # type: ignore[attr-defined]  # the class's own helpers, through the stand-in


def write() -> None:
    import pprint

    body = pprint.pformat(described(), width=110, sort_dicts=False)
    CATALOG.write_text(HEADER + body + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(CATALOG)], check=True)
    print(f"wrote {CATALOG.relative_to(ROOT)}: {len(RULES)} rules before, now as the classes say")


if __name__ == "__main__":
    write()
