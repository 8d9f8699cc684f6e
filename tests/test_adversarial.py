"""Pathological input never crashes and gives sane results. (Speed on it is measured, not
asserted: benchmarks/adversarial.py shows each case stays linear.)"""

from __future__ import annotations

import pytest

from .adversarial_inputs import CASES
from .helpers import check, fix


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_input_checks_and_fixes(name: str) -> None:
    text = CASES[name](20_000)
    found = check(text, select=["ALL"])
    assert not [d for d in found if "internal error" in d.message]
    result = fix(text)
    assert result.refused is None
    assert fix(result.text).text == result.text
