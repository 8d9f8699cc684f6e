"""SARIF (validated against a schema), JUnit XML and the GitHub step summary."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema

from .conftest import DATA, SEED, run_cli

BROKEN = "# List\n\n| a | b |\n| --- | --- |\n| 1 |\n| 1 | 2 | 3 |\n\n| c | d |\n| --- | --- |\n"


SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"  # OASIS's schema, vendored with its licence beside it


def validate_sarif(log: dict) -> None:  # type: ignore[type-arg]
    """Against the full SARIF 2.1.0 schema (draft-04), the one GitHub code scanning reads."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)


def sarif(*args: str, cwd: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(run_cli("check", "--format", "sarif", *args, cwd=cwd).stdout)  # type: ignore[no-any-return]


def test_sarif_validates_against_the_schema(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN)
    (isolated / "clean.md").write_text("# Clean\n")
    log = sarif("README.md", "clean.md", cwd=isolated)
    validate_sarif(log)
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
    validate_sarif(log)
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


def test_the_vendored_schema_rejects_what_sarif_forbids() -> None:
    """The schema is not a stub: a result without a message and an unknown level fail it."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    assert validator.is_valid(good)
    bad_level = {
        **good,
        "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}],
    }
    no_message = {**good, "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "AL101"}]}]}
    assert not validator.is_valid(bad_level) and not validator.is_valid(no_message)


def test_gitlab_code_quality_report(isolated: Path) -> None:
    """The Code Climate JSON GitLab's code-quality widget reads: description, check_name,
    fingerprint, severity and location.path/lines.begin for every finding."""
    (isolated / "README.md").write_text(BROKEN)
    result = run_cli("check", "--format", "gitlab", "README.md")
    assert result.returncode == 1
    issues = json.loads(result.stdout)
    assert len(issues) == 3
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"] == "README.md" and isinstance(issue["location"]["lines"]["begin"], int)
        assert len(issue["fingerprint"]) == 64
    first = issues[0]
    assert first["check_name"] == "AL101 table-column-count" and first["severity"] == "minor"  # a short row: a warning
    assert first["location"]["lines"]["begin"] == 5
    assert first["description"].startswith("AL101 table-column-count: Row has 1 cell, the header has 2")
    assert issues[-1]["severity"] == "minor"  # the warning (AL102)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_survive_lines_moving(isolated: Path) -> None:
    """A merge request that adds lines above a finding does not make it look new."""
    (isolated / "README.md").write_text(BROKEN)
    before = json.loads(run_cli("check", "--format", "gitlab", "README.md").stdout)
    (isolated / "README.md").write_text("Intro.\n\n" + BROKEN)
    after = json.loads(run_cli("check", "--format", "gitlab", "README.md").stdout)
    assert [i["location"]["lines"]["begin"] + 2 for i in before] == [i["location"]["lines"]["begin"] for i in after]
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]


def test_gitlab_report_of_a_clean_file_is_an_empty_array(isolated: Path) -> None:
    (isolated / "README.md").write_text("# Clean\n\nA list.\n")
    result = run_cli("check", "--format", "gitlab", "README.md")
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_step_outputs_count_errors_and_warnings(isolated: Path) -> None:
    (isolated / "README.md").write_text(BROKEN)
    outputs = isolated / "outputs"
    run_cli("check", "--format", "github", "README.md", env={"GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": ""})
    assert outputs.read_text() == "errors=1\nwarnings=2\n"  # the short row is a warning (GitHub pads it)


def test_step_summary_counts_only_safe_fixes_as_fixable(isolated: Path) -> None:
    (isolated / "README.md").write_text("# L\n\n- [x](ttps://example.org) - Y.\n")
    summary = isolated / "summary.md"
    run_cli("check", "--format", "github", "README.md", env={"GITHUB_STEP_SUMMARY": str(summary)})
    text = summary.read_text()
    assert "| AL205 empty-link | 1 | 0 |" in text  # the scheme repair is unsafe
    assert "Run `awesome-lint fix`" not in text
