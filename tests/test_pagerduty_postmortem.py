"""`imcompile postmortem`: a draft from a PagerDuty incident and the org's severity rules."""

import pytest
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty

TOKEN = "pm-token-0b7e"
ACCOUNT = generate()
INCIDENTS = ACCOUNT["incidents"]

# The fake's incidents: #1000 has priority P1 and the severity field SEV1, acknowledged
# after 5m and resolved after 40m; #1001 has priority P2 and no field, acknowledged
# after 9m and resolved after 1h 15m; the last one is still open.
ORG = """\
apiVersion: imcompile/v1
kind: Organization
metadata: {name: acme}
defaults: {timezone: Europe/Berlin}
severities:
  sev0:
    label: SEV0
    name: Critical
    pagerduty_priority: P1
    description: Down.
    response: {page: always, acknowledge_within: 5m, resolve_target: 30m}
    roles: [incident_commander]
    postmortem: {required: true, within: 48h}
  sev1:
    label: SEV1
    name: High
    pagerduty_priority: P2
    description: Degraded.
    response: {page: always, acknowledge_within: 5m, resolve_target: 1h}
    roles: [incident_commander, scribe]
    postmortem: {required: true, within: 72h}
  sev2:
    label: SEV2
    name: Medium
    pagerduty_priority: P3
    description: Impaired.
    response: {page: business_hours}
roles:
  incident_commander: {name: Incident Commander, summary: Runs the response.}
  scribe: {name: Scribe, summary: Keeps the record.}
"""


@pytest.fixture
def fake():
    with FakePagerDuty(ACCOUNT, token=TOKEN) as server:
        yield server


@pytest.fixture
def org(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(ORG, encoding="utf-8")
    return path


def postmortem(fake, org, incident, *extra, token=TOKEN):
    return CliRunner().invoke(main, ["postmortem", incident, str(org), "--api-url", fake.url,
                                     *extra], env={"PAGERDUTY_TOKEN": token})


def row(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| {name} |"))


def test_severity_comes_from_the_severity_field_before_the_priority(fake, org):
    result = postmortem(fake, org, INCIDENTS[0]["id"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith(f"# Post-mortem: {INCIDENTS[0]['title']}\n")
    assert row(text, "Severity") == \
        "| Severity | SEV1 (High): from the incident's severity field (SEV1) |"
    assert row(text, "Started") == "| Started | 2026-10-01 10:00 (Europe/Berlin) |"
    assert row(text, "Duration") == "| Duration | 40m |"
    assert row(text, "Time to acknowledge") == "| Time to acknowledge | 5m (target 5m: met) |"
    assert row(text, "Time to resolve") == "| Time to resolve | 40m (target 1h: met) |"
    assert row(text, "Post-mortem") == \
        "| Post-mortem | required for SEV1: due 2026-10-04 10:40 (72h after resolution) |"


def test_without_the_field_the_priority_decides_and_missed_targets_say_by_how_much(fake, org):
    text = postmortem(fake, org, INCIDENTS[1]["id"]).output
    assert row(text, "Severity") == "| Severity | SEV1 (High): from priority P2, mapped in the org file |"
    assert row(text, "Time to acknowledge") == \
        "| Time to acknowledge | 9m (target 5m: missed by 4m) |"
    assert row(text, "Time to resolve") == \
        "| Time to resolve | 1h 15m (target 1h: missed by 15m) |"


def test_the_timeline_is_the_log_oldest_first_with_notes_and_responders(fake, org):
    text = postmortem(fake, org, INCIDENTS[0]["id"]).output
    timeline = text.split("## Timeline (Europe/Berlin)\n\n", 1)[1].split("\n\n", 1)[0]
    lines = timeline.splitlines()[2:]
    entries = sorted(ACCOUNT["log_entries"][INCIDENTS[0]["id"]], key=lambda e: e["created_at"])
    assert len(lines) == len(entries) == 6
    assert lines[0] == "| 2026-10-01 10:00 | Triggered through the API. |"
    note = next(e for e in entries if e["type"] == "annotate_log_entry")
    assert lines[3] == (f"| 2026-10-01 10:11 | Note by {note['agent']['summary']}: "
                        f"{note['channel']['summary']} |")
    assert lines[-1].startswith("| 2026-10-01 10:40 | Resolved by ")
    responders = text.split("## Responders\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert responders == [f"- {INCIDENTS[0]['assignments'][0]['assignee']['summary']}",
                          f"- {entries[4]['assignees'][0]['summary']}"]
    assert "Roles for SEV1: Incident Commander: (name), Scribe: (name)" in text


def test_the_template_sections_are_left_for_people(fake, org):
    text = postmortem(fake, org, INCIDENTS[0]["id"]).output
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Summary", "## Impact", "## Timeline (Europe/Berlin)",
                        "## Responders", "## Root causes", "## What went well",
                        "## What could be improved", "## Action items", "## Lessons learned"]
    assert [f"{n}. Why? (to write)" for n in range(1, 6)] == \
        [line for line in text.splitlines() if line.endswith(". Why? (to write)")]
    assert "| Action | Owner | Due date | Status |" in text
    assert "blameless" in text.split("\n\n")[1]


def test_an_open_incident_is_ongoing(fake, org):
    text = postmortem(fake, org, INCIDENTS[-1]["html_url"]).output  # a URL works too
    assert row(text, "Duration") == "| Duration | ongoing |"
    assert row(text, "Time to resolve") == "| Time to resolve | not resolved yet |"
    assert row(text, "Post-mortem") == \
        "| Post-mortem | required for SEV1: due 72h after resolution |"


def test_writes_a_file_with_o(fake, org, tmp_path):
    out = tmp_path / "pm.md"
    result = postmortem(fake, org, INCIDENTS[0]["id"], "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Post-mortem: ")
    again = postmortem(fake, org, INCIDENTS[0]["id"], "-o", str(out))
    assert again.exit_code == 1 and "--force" in again.stderr


def test_an_unknown_incident_and_a_bad_token_are_one_line_errors(fake, org):
    missing = postmortem(fake, org, "Q0000000000000")
    assert missing.exit_code == 1
    assert missing.stderr.strip().startswith("error: PagerDuty has no incident 'Q0000000000000'")
    refused = postmortem(fake, org, INCIDENTS[0]["id"], token="bad")
    assert refused.exit_code == 1
    assert refused.stderr.strip().startswith("error: PagerDuty refused the token (401)")
    assert "Traceback" not in missing.output + refused.output
