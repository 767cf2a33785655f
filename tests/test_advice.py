"""Advice validate gives that a user can follow (issue 13): abbreviations answered with
the zones they stand for, legacy zones named with the current ones, and the holes and
load checks beyond the one case each has in the malformed-file table."""

import pytest

from conftest import BASE
from imcompile.validate import validate_text


def org(*subs, extra=""):
    text = BASE
    for old, new in subs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text + extra


def found(text):
    return [f"{d.code}: {d.message} ({d.hint})" if d.hint else f"{d.code}: {d.message}"
            for d in validate_text(text).diagnostics]


def codes(text):
    return [d.code for d in validate_text(text).diagnostics]


ZONE = "timezone: Europe/Berlin"


@pytest.mark.parametrize("written,advice", [
    ("PDT", "write 'America/Los_Angeles' for US Pacific time"),
    ("EDT", "write 'America/New_York' for US Eastern time"),
    ("CST", "write 'America/Chicago' for US Central time or 'Asia/Shanghai' for China"),
    ("CEST", "write 'Europe/Berlin' for Germany or 'Europe/Paris' for France"),
    ("BST", "write 'Europe/London' for UK"),
    ("AEST", "write 'Australia/Sydney' for Sydney"),
    ("JST", "write 'Asia/Tokyo' for Japan"),
    ("pst", "write 'America/Los_Angeles' for US Pacific time"),
])
def test_an_abbreviation_is_answered_with_the_zones_it_stands_for(written, advice):
    assert found(org((ZONE, f"timezone: {written}"))) == [
        f"E104: {written!r} is an abbreviation, not a time zone ({advice})"]


@pytest.mark.parametrize("written,advice", [
    ("EST", "time zone 'EST' is a legacy zone fixed at UTC-05:00 all year, without daylight "
            "saving (write 'America/New_York' for US Eastern time)"),
    ("GMT", "time zone 'GMT' is a legacy zone fixed at UTC+00:00 all year, without daylight "
            "saving (write 'Europe/London' for UK or 'Etc/UTC' for UTC without daylight saving)"),
    ("US/Pacific", "time zone 'US/Pacific' is a legacy name for 'America/Los_Angeles' "
                   "(write 'America/Los_Angeles')"),
])
def test_a_legacy_zone_is_a_warning_with_the_current_name(written, advice):
    result = validate_text(org((ZONE, f"timezone: {written}")))
    assert result.ok
    assert found(org((ZONE, f"timezone: {written}"))) == [f"W104: {advice}"]


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Kolkata", "Europe/Dublin",
                                  "Etc/UTC", "Etc/GMT+5"])
def test_current_and_deliberate_fixed_zones_are_fine(zone):
    assert codes(org((ZONE, f"timezone: {zone}"))) == []


def test_a_persons_reversed_business_hours_are_refused():
    text = org(("bob@acme.example}",
                'bob@acme.example, business_hours: {start: "18:00", end: "08:30"}}'))
    assert found(text) == ['E112: business hours must end after they start on the same day '
                           '(18:00-08:30) (did you mean start: "08:30", end: "18:00"?)']


def test_business_hours_to_midnight_are_fine():
    text = org((ZONE, ZONE + ', business_hours: {start: "16:00", end: "24:00"}'))
    assert codes(text) == []


# --- the escalation matrix goes through E120 like a team's own policy ---------------

TEAMS = ("payments: {name: Payments,", "payments: {name: Payments, parent: exec,")
EXEC = ("teams:\n", "teams:\n  exec: {name: Exec, managers: [alice]}\n")


def test_the_matrix_may_still_reach_the_parent_teams_manager():
    text = org(TEAMS, EXEC, ("managers: [alice], members: [bob, carol]", "members: [bob, carol]"),
               extra='escalation_matrix:\n  teams: [payments]\n'
                     '  steps: [{notify: ["role:primary"]}, {notify: ["role:parent_manager"]}]\n')
    assert "E120" not in codes(text)


def test_the_matrix_may_not_name_another_teams_schedule():
    text = org(EXEC, ("schedules:\n", "schedules:\n  exec-primary:\n    team: exec\n"
                      "    rotation: {every: 1w, start: 2026-01-05}\n    people: [alice]\n"),
               extra='escalation_matrix:\n  teams: [payments]\n'
                     '  steps: [{notify: ["schedule:exec-primary"]}]\n')
    assert "E120: schedule 'exec-primary' belongs to team 'exec', not 'payments', whose " \
        "policy the escalation matrix writes (target a schedule of 'payments', or move the " \
        "policy)" in found(text)


# --- rotations that start later -------------------------------------------------------

API = "services:\n  api: {name: API, team: payments, tier: 1, runbook: \"https://wiki.example/api\"}\n"


def test_a_rotation_that_started_before_today_is_fine():
    assert codes(org(extra=API)) == []


def test_a_rotation_starting_today_is_fine():
    assert codes(org(("start: 2026-01-05", "start: 2026-11-23"), extra=API)) == []


def test_a_tier_2_service_may_wait_for_its_rotation():
    text = org(("start: 2026-01-05", "start: 2027-03-01"), extra=API.replace("tier: 1", "tier: 2"))
    assert codes(text) == []


# --- load across schedules --------------------------------------------------------------

WEB = ("members: [bob, carol]}",
       "members: [bob, carol]}\n  web: {name: Web, managers: [alice], members: [bob, carol]}")


def web(people, steps):
    return ("escalation_policies:",
            "  web-primary:\n    team: web\n    role: primary\n"
            "    rotation: {every: 1w, handoff: {day: monday, time: \"10:00\"}, start: 2026-01-05}\n"
            f"    people: {people}\nescalation_policies:\n  web: {{team: web, steps: [{steps}]}}")


def test_a_schedule_of_a_later_step_does_not_add_to_the_load():
    # bob and carol are the web team's second step, after alice: not first responders.
    text = org(WEB, web("[bob, carol]", '{notify: ["person:alice"]}, {notify: ["schedule:web-primary"]}'))
    assert "W132" not in codes(text)


def test_load_below_the_share_across_schedules_is_fine():
    text = org(WEB, web("[bob, carol, alice]", '{notify: ["schedule:web-primary"]}'),
               extra="oncall: {max_share: 0.7}\n")
    assert "W132" not in codes(text)


def test_a_handoff_in_the_irish_clock_change_names_the_offset_beside_ist():
    # IST is Irish summer time here, and India's time to a Bangalore office.
    text = org((ZONE, "timezone: Europe/Dublin"),
               ('every: 1w, handoff: {day: monday, time: "10:00"}', 'every: 1d, handoff: {time: "01:30"}'))
    assert found(text) == [
        "W131: the handoff at 01:30 (Europe/Dublin) does not exist on Sun 2026-03-29: clocks "
        "go from 01:00 to 02:00, so it happens at 02:30 IST (UTC+01:00) (and on 1 more date in "
        "the year checked) (hand off outside the change, or use a time zone without daylight "
        "saving such as Etc/UTC)"]


# --- E130 from today --------------------------------------------------------------------

def test_a_layer_that_ends_before_its_successor_starts_leaves_a_gap_from_today():
    layers = ('    rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}\n'
              '    people: [bob, carol]\n',
              '    layers:\n      old:\n'
              '        rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}\n'
              '        people: [bob, carol]\n        end: 2026-12-10\n      new:\n'
              '        rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2027-01-04}\n'
              '        people: [carol, bob]\n')
    assert found(org(layers, extra=API)) == [
        "E130: tier-1 service 'api' pages nobody for 3w 4d 10h in the time from 2026-11-25 to "
        "2027-02-01: first Thu 2026-12-10 00:00 CET–Mon 2027-01-04 10:00 CET (escalation policy "
        "'payments' reaches no one then) (cover that time in one of the policy's schedules, or "
        "add a step that notifies a person)"]


# Berlin 08-20 and New York 14-02 meet end to end while both zones keep winter time (or
# both summer time); from 2027-03-14 to 03-28 New York is on summer time alone, 02:00 New
# York is 07:00 Berlin, and 07:00-08:00 has nobody: 13 mornings, 03-15 to 03-27.
TWO_ZONES = ('    people: [bob, carol]\n',
             '    people: [bob, carol]\n    restrictions: [{start: "08:00", end: "20:00"}]\n'
             '  payments-us:\n    team: payments\n    timezone: America/New_York\n'
             '    rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}\n'
             '    people: [carol, bob]\n    restrictions: [{start: "14:00", end: "02:00"}]\n')
BOTH = ('notify: ["schedule:payments-primary"]',
        'notify: ["schedule:payments-primary", "schedule:payments-us"]')


def test_the_window_from_the_latest_start_misses_a_spring_mismatch_months_later():
    assert codes(org(TWO_ZONES, BOTH, extra=API)) == []


def test_the_window_from_today_finds_the_spring_mismatch(monkeypatch):
    monkeypatch.setenv("IMCOMPILE_TODAY", "2027-03-10")
    assert found(org(TWO_ZONES, BOTH, extra=API)) == [
        "E130: tier-1 service 'api' pages nobody for 13h in the 4 weeks from 2027-03-10: "
        "first Mon 2027-03-15 07:00–08:00 CET (escalation policy 'payments' reaches no one "
        "then) (cover that time in one of the policy's schedules, or add a step that notifies "
        "a person)"]
