"""Bounds in validate (issue 10): the values just inside every bound pass, those just
outside fail with their line, and no command crashes on what validate refuses."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BASE
from imcompile import conventions as names
from imcompile.channel_template import TemplateError, render
from imcompile.validate import validate_text
from test_malformed import org_source, run_in


def report(text):
    return [d.text() for d in validate_text(text).diagnostics if d.is_error]


INSIDE = {
    "first-day": [("start: 2026-01-05", "start: 2000-01-03")],
    "last-day": [("start: 2026-01-05", "start: 2100-12-27")],
    "window-ends-at-midnight": [("    people: [bob, carol]\n",
                                 '    people: [bob, carol]\n    restrictions: [{start: "16:00", end: "24:00"}]\n')],
    "handoff-at-23-59": [('time: "10:00"', 'time: "23:59"')],
    "week-long-escalation": [("escalate_after: 15m", "escalate_after: 7d")],
    "label-of-32": [("label: SEV0", "label: " + "S" * 32)],
    "name-of-100": [("name: Alice Chen", "name: " + "A" * 100)],
    "description-over-lines": [("description: Down.", 'description: "Down.\\n\\tEverything."')],
}


@pytest.mark.parametrize("name", INSIDE)
def test_values_inside_the_bounds_are_valid(name):
    assert report(org_source({"sub": INSIDE[name]})) == []


def test_every_documented_placeholder_is_accepted():
    text = BASE + ("slack: {conventions: {team: 't-{team}', service: 'a-{team}-{service}', "
                   "incident: 'inc-{date}-{number}-{severity}-{slug}'}}\n")
    assert report(text) == []


OUTSIDE = [
    (("start: 2026-01-05", "start: 1999-12-31"),
     "org.yaml:17:73: error E022: schedules.payments-primary.rotation.start: '1999-12-31' is outside the years 2000 to 2100"),
    (("start: 2026-01-05", "start: 2101-01-01"),
     "org.yaml:17:73: error E022: schedules.payments-primary.rotation.start: '2101-01-01' is outside the years 2000 to 2100"),
    (("start: 2026-01-05", "start: 2027-02-29"),
     "org.yaml:17:73: error E022: schedules.payments-primary.rotation.start: '2027-02-29' is not a day of the calendar"),
    (("escalate_after: 15m", "escalate_after: 7d1m"),
     "org.yaml:22:69: error E022: escalation_policies.payments.steps[0].escalate_after: 7d1m is longer than 7d (a step waits at most a week)"),
    (("label: SEV0", "label: " + "S" * 33),
     "org.yaml:6:17: error E022: severities.sev0.label is 33 characters long; at most 32 are allowed"),
    (("bob@acme.example}", "bob@acme.example, slack_id: [U1]}"),
     "org.yaml:9:62: error E022: people.bob.slack_id must be text, not a list"),
    (("bob@acme.example}", 'bob@acme.example, slack_id: "U1\\nU2"}'),
     "org.yaml:9:62: error E022: people.bob.slack_id: 'U1\\nU2' must be one line: no line breaks or tabs"),
    (("label: SEV0", 'label: "SEV\\t0"'),
     "org.yaml:6:17: error E022: severities.sev0.label: 'SEV\\t0' must be one line: no line breaks or tabs"),
]


@pytest.mark.parametrize("pair,expected", OUTSIDE, ids=[p[1] for p, _ in OUTSIDE])
def test_values_just_outside_the_bounds_are_refused(pair, expected):
    assert report(org_source({"sub": [pair]})) == [expected]


def test_a_control_character_in_a_key_is_reported_once_and_shown_escaped(tmp_path):
    text = org_source({"sub": [("  bob: {name", '  "bob\\0": {name')]})
    result = run_in(tmp_path, text, "validate")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "org.yaml:9:3: error E014: the key 'bob\\x00' in people holds the control character U+0000 (NUL); org text may hold none",
        '   9 |   "bob\\0": {name: Bob Okafor, email: bob@acme.example}',
        "     |   ^",
        "invalid (1 error, 0 warnings)"]


def test_every_control_character_is_refused_and_never_printed():
    for code in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]:
        text = org_source({"sub": [("name: Alice Chen", f'name: "Alice\\u{code:04x}Chen"')]})
        found = report(text)
        assert [line.split()[2] for line in found] == ["E014:"], hex(code)
        assert f"U+{code:04X}" in found[0]
        assert not any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in found[0]), hex(code)


@pytest.mark.parametrize("escape", ["\\N", "\\e", "\\r", "\\x1B", "\\U0000009b", "\\a"])
def test_every_escape_that_makes_a_control_character_is_caught(escape):
    text = org_source({"sub": [("description: Down.", f'description: "Down.{escape}"')]})
    assert [line.split()[2] for line in report(text)] == ["E014:"]


def test_bidirectional_overrides_are_refused_written_raw_or_escaped():
    for name in ("Alice \u202enehC", '"Alice \\u2066x"'):
        text = org_source({"sub": [("name: Alice Chen", f"name: {name}")]})
        assert [line.split()[2] for line in report(text)] == ["E014:"], name
    # The marks that order mixed-direction names are not controls.
    assert report(org_source({"sub": [("name: Alice Chen", "name: Alice \u200fChen")]})) == []


def test_other_backslashes_are_text():
    text = org_source({"sub": [("description: Down.", 'description: "C:\\\\x00 \\\\d+ \\u00e9 \\t\\n"')]})
    assert report(text) == []


HOSTILE = [
    ("start: 2026-01-05", "start: 2026-02-30", "E022"),
    ("start: 2026-01-05", "start: 9999-12-31", "E022"),
    ('time: "10:00"', 'time: "24:00"', "E022"),
    ("escalate_after: 15m", "escalate_after: 99999999999999999999999h", "E022"),
    ("name: Payments,", 'name: "Pay\\e[31mments",', "E014"),
]


@pytest.mark.parametrize("command", [["oncall"], ["oncall", "--report"], ["build"],
                                     ["diff", "--base-file", "base.yaml"]])
@pytest.mark.parametrize("old,new,code", HOSTILE, ids=[h[1] for h in HOSTILE])
def test_no_command_crashes_on_what_validate_refuses(tmp_path, command, old, new, code):
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    result = run_in(tmp_path, org_source({"sub": [(old, new)]}), *command)
    assert result.exit_code == 1, result.output
    assert f"error {code}:" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, (ValueError, OverflowError, KeyError))


def test_conventions_fill_in_only_their_placeholders():
    assert names.team_channel("team-{team}", "payments") == "team-payments"
    assert names.service_channel("alerts-{team}-{service}", "api", "web") == "alerts-web-api"
    # A value is never read as a template itself.
    assert render("x-{team}", "team", team="{service}") == "x-{service}"
    assert names.incident_channel_blank("inc-{date}-{slug}") == "inc-[YYYYMMDD]-[number]"
    assert names.incident_channel_liquid("inc-{severity}-{number}", "SEV1") == \
        "inc-sev1-{{ incident.number }}"


@pytest.mark.parametrize("pattern", ["{team!r}", "{team[0]}", "{0}", "{}", "{{team}}", "}{team}"])
def test_conventions_refuse_what_str_format_would_read(pattern):
    with pytest.raises(TemplateError):
        render(pattern, "team", team="payments")


printable = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=30)


@settings(max_examples=100, deadline=None)
@given(pattern=printable)
def test_any_convention_is_used_or_refused_with_its_line(pattern):
    found = validate_text(BASE + f"slack: {{conventions: {{team: {json.dumps(pattern, ensure_ascii=False)}}}}}\n")
    codes = {d.code for d in found.diagnostics if d.is_error}
    assert codes <= {"E022", "E123", "E129"}
    assert all(d.line == 23 for d in found.diagnostics if d.is_error)
    if found.ok:
        assert found.model.team_channels["payments"] == \
            names.fit_channel(pattern.replace("{team}", "payments"))


@settings(max_examples=60, deadline=None)
@given(year=st.integers(0, 9999), month=st.integers(0, 99), day=st.integers(0, 99))
def test_any_date_of_the_right_shape_is_used_or_refused_with_its_line(year, month, day):
    when = f"{year:04d}-{month:02d}-{day:02d}"
    found = validate_text(org_source({"sub": [("start: 2026-01-05", f"start: {when}")]}))
    errors = [d.text() for d in found.diagnostics if d.is_error]
    start = "org.yaml:17:73: error E022: schedules.payments-primary.rotation.start: "
    assert errors == [] or errors[0].startswith(start), errors
    assert found.ok == (errors == [])


def test_the_rules_never_see_a_control_character():
    text = org_source({"sub": [("timezone: Europe/Berlin", 'timezone: "Europe/Berlin\\e[2J"')]})
    assert report(text) == [
        "org.yaml:4:22: error E014: defaults.timezone holds the control character U+001B (ESC); org text may hold none"]
