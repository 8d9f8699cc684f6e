"""SARIF (validated against a schema), JUnit XML and the GitHub step summary."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema

from .conftest import DATA, SEED, run_cli

BROKEN = "# List\n\n| a | b |\n| --- | --- |\n| 1 |\n| 1 | 2 | 3 |\n\n| c | d |\n| --- | --- |\n"


def sarif(*args: str, cwd: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(run_cli("check", "--format", "sarif", *args, cwd=cwd).stdout)  # type: ignore[no-any-return]


def test_sarif_validates_against_the_schema(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN)
    (isolated / "clean.md").write_text("# Clean\n")
    log = sarif("README.md", "clean.md", cwd=isolated)
    schema = json.loads((DATA / "sarif-2.1.0-subset.schema.json").read_text())
    jsonschema.validate(log, schema, format_checker=jsonschema.FormatChecker())
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "awesome-lint"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["AL101"]["helpUri"].endswith("/rules/table-column-count.md")
    assert rules["AL101"]["shortDescription"]["text"]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["README.md", "clean.md"]
    first, second = run["results"][:2]
    # a short row loses nothing (GitHub shows the cell empty): a warning; extra cells are hidden: an error
    assert first["ruleId"] == "AL101" and first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert second["ruleId"] == "AL101" and second["level"] == "error"
    assert second["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "AL101"


def test_sarif_fix_replays_to_the_fixed_text(isolated: Path) -> None:
    """Applying a result's SARIF replacements by line/column gives what `fix` gives."""
    text = "| a | b |\n| --- | --- |\n| 1 |\n"
    (isolated / "README.md").write_text(text)
    (result,) = sarif("README.md", cwd=isolated)["runs"][0]["results"]
    lines = text.split("\n")
    for replacement in reversed(result["fixes"][0]["artifactChanges"][0]["replacements"]):
        region = replacement["deletedRegion"]
        assert region["startLine"] == region["endLine"]
        line = lines[region["startLine"] - 1]
        lines[region["startLine"] - 1] = (
            line[: region["startColumn"] - 1] + replacement["insertedContent"]["text"] + line[region["endColumn"] - 1 :]
        )
    assert "\n".join(lines) == "| a | b |\n| --- | --- |\n| 1 |  |\n"


def test_sarif_of_the_seed_list_validates() -> None:
    log = json.loads(run_cli("check", "--format", "sarif", str(SEED)).stdout)
    schema = json.loads((DATA / "sarif-2.1.0-subset.schema.json").read_text())
    jsonschema.validate(log, schema, format_checker=jsonschema.FormatChecker())
    assert len(log["runs"][0]["results"]) > 40


def test_junit_xml(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN)
    (isolated / "clean.md").write_text("# Clean\n")
    result = run_cli("check", "--format", "junit", "README.md", "clean.md")
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites" and root.get("failures") == "1"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"README.md", "clean.md"}
    readme = suites["README.md"]
    cases = readme.findall("testcase")
    assert readme.get("tests") == str(len(cases)) == "3"
    failures = [c for c in cases if c.find("failure") is not None]
    # the row with an extra (hidden) cell fails; the short row (shown padded) is a warning
    assert [f.find("failure").get("type") for f in failures] == ["AL101"]  # type: ignore[union-attr]
    warnings = [c.findtext("system-out") or "" for c in cases if c.find("failure") is None]
    assert any("AL102" in w for w in warnings) and any("AL101" in w for w in warnings)
    (clean_case,) = suites["clean.md"].findall("testcase")
    assert clean_case.find("failure") is None


def test_github_step_summary(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN)
    summary = isolated / "summary.md"
    summary.write_text("earlier step\n")
    run_cli("check", "--format", "github", "README.md", env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert text.startswith("earlier step\n## awesome-lint\n")  # appended, not overwritten
    assert "| AL101 table-column-count | 2 | 1 |" in text
    assert "| `README.md:5:1` | AL101 | Row has 1 cell, the header has 2 |" in text


def test_no_step_summary_without_the_variable(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN)
    result = run_cli("check", "--format", "github", "README.md", env={"GITHUB_STEP_SUMMARY": ""})
    assert result.stdout.startswith(b"::warning ") and b"\n::error " in result.stdout
    assert list(isolated.iterdir()) == [isolated / "README.md"]
