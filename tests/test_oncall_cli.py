"""`imcompile oncall` as a user meets it: each view and format, and the errors.

The org: a weekly primary [bob, carol, dan] handing off Mondays 10:00 Berlin from
Mon 2026-01-05 (turn 1 = carol from Jan 12, turn 2 = dan from Jan 19, turn 3 = bob
from Jan 26), its secondary_of copy one turn later (carol, dan, bob, ...), and a
daily office-hours rotation [carol, bob] from Jan 5 (Mon Jan 12 is turn 7: bob).
"""

import json
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner
from oncall_orgs import org

from imcompile.cli import main
from imcompile.commands import oncall as oncall_command

SCHEDULES = """\
  primary:
    team: payments
    role: primary
    rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}
    people: [bob, carol, dan]
  secondary: {team: payments, secondary_of: primary}
  days:
    team: payments
    rotation: {every: 1d, handoff: {time: "09:00"}, start: 2026-01-05}
    people: [carol, bob]
    restrictions: [business_hours]
"""
POLICY = """\
escalation_policies:
  payments:
    team: payments
    steps:
      - {notify: ["schedule:primary"], escalate_after: 15m}
      - {notify: ["schedule:secondary", "schedule:days"], escalate_after: 15m}
      - {notify: ["person:alice"]}
"""


@pytest.fixture
def org_file(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(org(SCHEDULES, POLICY), encoding="utf-8")
    return str(path)


def oncall(*args):
    return CliRunner().invoke(main, ["oncall", *args])


def lines(result):
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


# --- who is on call at an instant ------------------------------------------------

AT_0930 = [
    "On call at Mon 2026-01-12 09:30 CET",
    "",
    "Payments (payments)",
    "  step 1  at once    Bob Okafor (primary, until Mon 2026-01-12 10:00 CET)",
    "  step 2  after 15m  Carol Diaz (secondary, until Mon 2026-01-12 10:00 CET); "
    "Bob Okafor (days, until Mon 2026-01-12 17:00 CET)",
    "  step 3  after 30m  Alice Chen",
    "",
    "Schedules",
    "  primary    Bob Okafor  until Mon 2026-01-12 10:00 CET",
    "  secondary  Carol Diaz  until Mon 2026-01-12 10:00 CET",
    "  days       Bob Okafor  until Mon 2026-01-12 17:00 CET",
]


def test_at_names_each_steps_people_and_until_when(org_file):
    assert lines(oncall(org_file, "--at", "2026-01-12T09:30")) == AT_0930


def test_without_options_it_is_who_is_on_call_now(org_file, monkeypatch):
    monkeypatch.setattr(oncall_command, "now",
                        lambda: datetime(2026, 1, 12, 8, 30, tzinfo=timezone.utc))
    assert lines(oncall(org_file)) == AT_0930


def test_a_time_with_an_offset_is_taken_as_given(org_file):
    # 09:30Z is 10:30 in Berlin: carol has taken over the primary.
    out = lines(oncall(org_file, "--at", "2026-01-12T09:30Z"))
    assert out[0] == "On call at Mon 2026-01-12 10:30 CET"
    assert out[3] == "  step 1  at once    Carol Diaz (primary, until Mon 2026-01-19 10:00 CET)"


def test_at_a_time_when_a_schedule_has_nobody(org_file):
    out = lines(oncall(org_file, "--at", "2026-01-12T20:00", "--schedule", "days"))
    assert out[-1] == "  days  nobody on call  until Tue 2026-01-13 09:00 CET"


def test_at_for_one_person_keeps_what_pages_them(org_file):
    out = lines(oncall(org_file, "--at", "2026-01-12T09:30", "--person", "carol"))
    assert out[-2:] == ["Schedules", "  secondary  Carol Diaz  until Mon 2026-01-12 10:00 CET"]
    assert "Payments (payments)" in out


def test_at_as_json(org_file):
    data = json.loads(oncall(org_file, "--at", "2026-01-12T09:30", "--format", "json").output)
    assert data["at"] == "2026-01-12T09:30:00+01:00"
    steps = data["policies"]["payments"]["steps"]
    assert [s["people"] for s in steps] == [["bob"], ["carol", "bob"], ["alice"]]
    assert [s["after_seconds"] for s in steps] == [0, 900, 1800]
    assert steps[0]["targets"] == [{"kind": "schedule", "id": "primary", "person": "bob",
                                    "since": "2026-01-05T10:00:00+01:00",
                                    "until": "2026-01-12T10:00:00+01:00"}]
    assert data["schedules"]["days"] == [{"start": "2026-01-12T09:00:00+01:00",
                                          "end": "2026-01-12T17:00:00+01:00",
                                          "person": "bob"}]
    assert data["gaps"] == {"primary": [], "secondary": [], "days": []}


# --- calendars ------------------------------------------------------------------------

def test_calendar_lists_shifts_and_gaps_in_the_schedules_zone(org_file):
    out = lines(oncall(org_file, "--from", "2026-01-12", "--until", "2026-01-14",
                       "--schedule", "primary", "--schedule", "days"))
    assert out == [
        "Primary (primary), times in Europe/Berlin",
        "  from                      until                     length  on call",
        "  Mon 2026-01-12 00:00 CET  Mon 2026-01-12 10:00 CET  10h     Bob Okafor",
        "  Mon 2026-01-12 10:00 CET  Wed 2026-01-14 00:00 CET  1d 14h  Carol Diaz",
        "",
        "Days (days), times in Europe/Berlin",
        "  from                      until                     length  on call",
        "  Mon 2026-01-12 00:00 CET  Mon 2026-01-12 09:00 CET  9h      nobody on call",
        "  Mon 2026-01-12 09:00 CET  Mon 2026-01-12 17:00 CET  8h      Bob Okafor",
        "  Mon 2026-01-12 17:00 CET  Tue 2026-01-13 09:00 CET  16h     nobody on call",
        "  Tue 2026-01-13 09:00 CET  Tue 2026-01-13 17:00 CET  8h      Carol Diaz",
        "  Tue 2026-01-13 17:00 CET  Wed 2026-01-14 00:00 CET  7h      nobody on call",
    ]


def test_calendar_as_json_is_the_contract(org_file):
    data = json.loads(oncall(org_file, "--from", "2026-01-12T10:00", "--weeks", "3",
                             "--format", "json").output)
    assert set(data) == {"schedules", "gaps"}
    assert set(data["schedules"]) == set(data["gaps"]) == {"primary", "secondary", "days"}
    assert data["schedules"]["primary"] == [
        {"start": "2026-01-12T10:00:00+01:00", "end": "2026-01-19T10:00:00+01:00",
         "person": "carol"},
        {"start": "2026-01-19T10:00:00+01:00", "end": "2026-01-26T10:00:00+01:00",
         "person": "dan"},
        {"start": "2026-01-26T10:00:00+01:00", "end": "2026-02-02T10:00:00+01:00",
         "person": "bob"},
    ]
    assert data["gaps"]["days"][0] == {"start": "2026-01-12T17:00:00+01:00",
                                       "end": "2026-01-13T09:00:00+01:00"}
    for shifts in data["schedules"].values():
        starts = [datetime.fromisoformat(s["start"]) for s in shifts]
        assert starts == sorted(starts)


def test_weeks_defaults_to_four_from_the_current_hour(org_file, monkeypatch):
    """Four weeks, the same look-ahead as `diff`."""
    monkeypatch.setattr(oncall_command, "now",
                        lambda: datetime(2026, 1, 12, 9, 41, 7, tzinfo=timezone.utc))
    data = json.loads(oncall(org_file, "--schedule", "primary", "--weeks", "4", "--format",
                             "json").output)
    shifts = data["schedules"]["primary"]
    assert shifts[0]["start"] == "2026-01-12T10:00:00+01:00"  # 09:41Z rounded down
    assert shifts[-1]["end"] == "2026-02-09T10:00:00+01:00"
    again = json.loads(oncall(org_file, "--schedule", "primary", "--from", "2026-01-12T09:00Z",
                              "--format", "json").output)
    assert again == data


def test_calendar_as_markdown(org_file):
    out = lines(oncall(org_file, "--from", "2026-01-12", "--until", "2026-01-13",
                       "--schedule", "primary", "--format", "markdown"))
    assert out == [
        "## Primary (primary), times in Europe/Berlin",
        "",
        "| from | until | length | on call |",
        "|---|---|---|---|",
        "| Mon 2026-01-12 00:00 CET | Mon 2026-01-12 10:00 CET | 10h | Bob Okafor |",
        "| Mon 2026-01-12 10:00 CET | Tue 2026-01-13 00:00 CET | 14h | Carol Diaz |",
    ]


# --- one person ---------------------------------------------------------------------------

def test_person_sees_their_shifts_in_their_own_zone(org_file):
    out = lines(oncall(org_file, "--from", "2026-01-12T10:00", "--weeks", "3",
                       "--person", "dan"))
    assert out == [
        "Dan Wu (dan), times in America/New_York",
        "  from                      until                     length  schedule",
        "  Mon 2026-01-12 04:00 EST  Mon 2026-01-19 04:00 EST  1w      secondary",
        "  Mon 2026-01-19 04:00 EST  Mon 2026-01-26 04:00 EST  1w      primary",
        "",
        "2w on call in 2 shifts",
    ]


def test_person_as_json_keeps_the_contract(org_file):
    # Week of Jan 12 10:00: primary is carol's, secondary dan's; of the office days bob
    # has Mon (from 10:00, where the window starts), Wed and Fri.
    data = json.loads(oncall(org_file, "--from", "2026-01-12T10:00", "--weeks", "1",
                             "--person", "bob", "--format", "json").output)
    assert data == {"person": "bob", "gaps": {}, "schedules": {"days": [
        {"start": f"2026-01-{day}T{start}:00+01:00", "end": f"2026-01-{day}T17:00:00+01:00",
         "person": "bob"} for day, start in (("12", "10:00"), ("14", "09:00"), ("16", "09:00"))
    ]}}


def test_person_without_shifts_says_so(org_file):
    out = lines(oncall(org_file, "--from", "2026-01-12", "--weeks", "1", "--person", "alice"))
    assert out[1] == "  no shifts from Mon 2026-01-12 00:00 CET to Mon 2026-01-19 00:00 CET"


# --- the report --------------------------------------------------------------------------------

def test_report_counts_hours_off_hours_and_weekends_per_person_and_team(org_file):
    # Three weeks, one each: 168h, of which 5 x 8h in business hours (in each person's
    # own zone: dan's week is Mon 04:00 EST to Mon 04:00 EST), so 128h off-hours, and
    # one weekend, 48h.
    out = lines(oncall(org_file, "--from", "2026-01-12T10:00", "--weeks", "3", "--schedule",
                       "primary", "--report"))
    assert out[:14] == [
        "On-call load from Mon 2026-01-12 10:00 CET to Mon 2026-02-02 10:00 CET",
        "",
        "People",
        "  person      hours  shifts  off-hours  weekend  longest",
        "  Bob Okafor  168h   1       128h       48h      168h",
        "  Carol Diaz  168h   1       128h       48h      168h",
        "  Dan Wu      168h   1       128h       48h      168h",
        "",
        "Teams",
        "  team      hours  shifts  off-hours  weekend  people  busiest          quietest",
        "  Payments  504h   3       384h       144h     3       Bob Okafor 168h  Dan Wu 168h",
        "",
        "Schedules",
        "  schedule  coverage  gaps  people  largest share",
    ]


def test_report_as_json(org_file):
    data = json.loads(oncall(org_file, "--from", "2026-01-12", "--weeks", "1", "--report",
                             "--format", "json").output)
    report = data["report"]
    assert set(data) == {"schedules", "gaps", "report"}
    # Office hours only: 5 days x 8h, alternating carol/bob from Mon (bob) -> bob 3 days.
    assert report["schedules"]["days"] == {"coverage_percent": round(40 / 168 * 100, 2),
                                           "gaps": 6, "people": {"carol": 16.0, "bob": 24.0}}
    # bob: primary Mon 00:00-10:00 and office hours Mon 09-17, Wed, Fri: the hour both
    # have him counts once, 17h + 8h + 8h.
    assert report["people"]["bob"]["hours"] == 33.0
    assert report["people"]["bob"]["shifts"] == 4
    assert report["people"]["bob"]["longest_hours"] == 17.0
    assert report["teams"]["payments"]["hours"] == 2 * 168 + 40


# --- errors --------------------------------------------------------------------------------

@pytest.mark.parametrize("args,message", [
    (["--at", "tomorrow"], "Error: --at: 'tomorrow' is not an ISO 8601 time "
                           "(e.g. 2026-03-02T10:00 or 2026-03-02T10:00+01:00)"),
    (["--from", "2026-13-01"], "Error: --from: '2026-13-01' is not an ISO 8601 time "
                               "(e.g. 2026-03-02T10:00 or 2026-03-02T10:00+01:00)"),
    (["--from", "2026-01-12", "--until", "12/01/2026"],
     "Error: --until: '12/01/2026' is not an ISO 8601 time "
     "(e.g. 2026-03-02T10:00 or 2026-03-02T10:00+01:00)"),
    (["--from", "2026-01-12", "--until", "2026-01-11"],
     "Error: --until 2026-01-11T00:00:00+01:00 is not after --from 2026-01-12T00:00:00+01:00"),
    (["--until", "2026-01-20", "--weeks", "2"], "Error: give --until or --weeks, not both"),
    (["--weeks", "0"], "Error: --weeks: '0' is not a number of weeks from 1 to 520"),
    (["--weeks", "two"], "Error: --weeks: 'two' is not a number of weeks from 1 to 520"),
    (["--weeks", "99999999999"],
     "Error: --weeks: '99999999999' is not a number of weeks from 1 to 520"),
    (["--from", "2026-01-01", "--until", "2046-01-01"],
     "Error: the window is longer than 520 weeks: shorten it"),
    (["--at", "9999-12-31T23:00"], "Error: --at: '9999-12-31T23:00' is outside the years "
                                   "1971 to 8999"),
    (["--at", "2026-01-12", "--weeks", "1"],
     "Error: --at shows one instant: leave out --from, --until, --weeks and --report"),
    (["--report", "--person", "bob"], "Error: --report covers everyone: leave out --person"),
    (["--person", "bbo"], "Error: unknown person 'bbo' (did you mean 'bob'?)"),
    (["--schedule", "primry"], "Error: unknown schedule 'primry' (did you mean 'primary'?)"),
    (["--schedule", "nothing-like-it"], "Error: unknown schedule 'nothing-like-it'"),
])
def test_usage_errors_are_one_line_and_exit_two(org_file, args, message):
    result = oncall(org_file, *args)
    assert result.exit_code == 2
    assert result.output.splitlines() == [message]
    assert result.stdout == ""


def test_an_invalid_org_prints_its_diagnostics_and_exits_one(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(org(SCHEDULES.replace("[bob, carol, dan]", "[bob, carol, dna]"), POLICY),
                    encoding="utf-8")
    result = oncall(str(path), "--at", "2026-01-12T09:30")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.output.splitlines() == [
        f"{path}:26:26: error E101: unknown person 'dna' (did you mean 'dan'?)",
        "invalid (1 error, 0 warnings)",
    ]
    assert "Traceback" not in result.output


def test_a_missing_org_file_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = oncall("--at", "2026-01-12")
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_the_command_is_listed_in_help():
    assert "oncall" in CliRunner().invoke(main, ["--help"]).output


def test_person_alone_lists_their_shifts_for_the_next_four_weeks(org_file, monkeypatch):
    monkeypatch.setattr(oncall_command, "now",
                        lambda: datetime(2026, 1, 12, 9, 41, tzinfo=timezone.utc))
    assert oncall(org_file, "--person", "dan").output == \
        oncall(org_file, "--person", "dan", "--from", "2026-01-12T09:00Z", "--weeks", "4").output


def test_at_for_a_person_who_is_on_nothing(org_file):
    assert lines(oncall(org_file, "--at", "2026-01-12T09:30", "--person", "dan")) == [
        "Dan Wu is not on call at Mon 2026-01-12 09:30 CET"]


def test_at_as_markdown(org_file):
    out = lines(oncall(org_file, "--at", "2026-01-12T09:30", "--schedule", "primary",
                       "--format", "markdown"))
    assert out == [
        "On call at Mon 2026-01-12 09:30 CET",
        "",
        "## Payments (payments)",
        "",
        "| step | paged | who |",
        "|---|---|---|",
        "| step 1 | at once | Bob Okafor (primary, until Mon 2026-01-12 10:00 CET) |",
        "| step 2 | after 15m | Carol Diaz (secondary, until Mon 2026-01-12 10:00 CET); "
        "Bob Okafor (days, until Mon 2026-01-12 17:00 CET) |",
        "| step 3 | after 30m | Alice Chen |",
        "",
        "## Schedules",
        "",
        "| schedule | on call | until |",
        "|---|---|---|",
        "| primary | Bob Okafor | until Mon 2026-01-12 10:00 CET |",
    ]


def test_report_as_markdown_has_a_table_per_section(org_file):
    out = lines(oncall(org_file, "--from", "2026-01-12", "--weeks", "1", "--report",
                       "--format", "markdown"))
    assert [line for line in out if line.startswith("## ")] == \
        ["## People", "## Teams", "## Schedules"]
    assert "| person | hours | shifts | off-hours | weekend | longest |" in out
    assert "| Bob Okafor | 33h | 4 | 9h | 0h | 17h |" in out
