"""The on-call checks of `imcompile validate` (E130-E132, W130, W131) beyond the one
case each has in the malformed-file table: what they leave alone, and where their
window comes from."""

from datetime import datetime
from zoneinfo import ZoneInfo

from oncall_orgs import org

from imcompile.oncall import reference_start
from imcompile.validate import validate_text


def found(text: str) -> list[str]:
    """`code: message` of every diagnostic."""
    return [f"{d.code}: {d.message}" for d in validate_text(text).diagnostics]


def codes(text: str) -> list[str]:
    return [d.code for d in validate_text(text).diagnostics]


def weekly(people: str, every: str = "1w", name: str = "primary", extra: str = "") -> str:
    return (f"  {name}:\n    team: payments\n    role: primary\n"
            f"    rotation: {{every: {every}, handoff: {{day: monday, time: \"10:00\"}}, "
            f"start: 2026-01-05}}\n    people: {people}\n{extra}")


def test_the_window_starts_at_the_latest_rotation_start_not_today():
    text = org(weekly("[bob, carol]") + '  later:\n    team: payments\n'
               '    rotation: {every: 1d, handoff: {time: "08:00"}, start: 2026-02-03}\n'
               '    people: [carol, bob]\n')
    model = validate_text(text).model
    assert reference_start(model) == datetime(2026, 2, 3, 8, 0,
                                              tzinfo=ZoneInfo("Europe/Berlin"))


# --- E130 ---------------------------------------------------------------------------

TWO_ZONES = """\
  berlin:
    team: payments
    rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}
    people: [bob, carol]
    restrictions: [{start: "08:00", end: "20:00"}]
  new-york:
    team: payments
    timezone: America/New_York
    rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}
    people: [carol, bob]
    restrictions: [{start: "20:00", end: "08:00"}]
"""
API = "services:\n  api: {name: API, team: payments, tier: 1, runbook: \"https://wiki.example/api\"}\n"


def policy(*steps: str) -> str:
    rows = "".join(f"      - {{notify: [{s}]}}\n" for s in steps)
    return f"escalation_policies:\n  payments:\n    team: payments\n    steps:\n{rows}"


def test_two_zones_that_look_complementary_leave_hours_uncovered():
    # Berlin 08-20 is 07-19 UTC in winter; New York 20-08 is 01-13 UTC: 19-01 UTC has
    # nobody, six hours a day, although the wall-clock hours add up to a day.
    out = found(org(TWO_ZONES, policy('"schedule:berlin", "schedule:new-york"') + API))
    assert out == ["E130: tier-1 service 'api' pages nobody for 1w in the 4 weeks from "
                   "2026-01-05: first Mon 2026-01-05 20:00–Tue 02:00 CET (escalation policy "
                   "'payments' reaches no one then)"]


def test_a_person_step_always_reaches_someone():
    text = org(TWO_ZONES, policy('"schedule:berlin", "schedule:new-york"', '"person:alice"')
               + API)
    assert "E130" not in codes(text)


def test_a_policy_e122_already_reports_is_not_reported_again():
    text = org(TWO_ZONES, policy('"schedule:berlin"') + API)
    assert codes(text) == ["E122", "W106"]  # W106: no policy notifies new-york


def test_a_tier_2_service_may_have_gaps():
    text = org(TWO_ZONES, policy('"schedule:berlin", "schedule:new-york"')
               + API.replace("tier: 1", "tier: 2"))
    assert codes(text) == []


# --- E131 ----------------------------------------------------------------------------------

def test_a_secondary_one_turn_later_never_clashes():
    assert codes(org(weekly("[bob, carol]")
                     + "  secondary: {team: payments, secondary_of: primary}\n")) == []


def test_a_separate_secondary_that_repeats_the_primary_clashes():
    text = org(weekly("[bob, carol]") + "  backup:\n    team: payments\n    role: secondary\n"
               "    rotation: {every: 1d, start: 2026-01-05}\n    people: [carol, bob]\n")
    assert found(text) == [
        "E131: 'bob' is primary ('primary') and secondary ('backup') at once, "
        "Tue 2026-01-06 09:00–Wed 09:00 CET, and 15 more times in the 4 weeks from 2026-01-05"]


def test_a_clash_that_comes_once_a_cycle_is_found_beyond_the_lookahead():
    # Primary weekly [bob, carol, dan]: b c d b c d ... Backup on 2-week turns
    # [dan, carol]: d d c c d d ... No clash in the 4 lookahead weeks; in week 6 (from
    # Feb 9) both are dan, then carol in week 8, dan in 9, carol in 11: the check looks
    # at the 12-week joint cycle and finds all four.
    text = org(weekly("[bob, carol, dan]") + "  backup:\n    team: payments\n"
               "    role: secondary\n    rotation: {every: 2w, handoff: {day: monday, time: "
               "\"10:00\"}, start: 2026-01-05}\n    people: [dan, carol]\n")
    assert found(text) == [
        "E131: 'dan' is primary ('primary') and secondary ('backup') at once, "
        "Mon 2026-02-09 10:00 CET–Mon 2026-02-16 10:00 CET, and 3 more times in the 12 weeks "
        "from 2026-01-05"]


# --- W130 ----------------------------------------------------------------------------------

def test_a_share_is_measured_over_whole_rotation_cycles():
    # Two people on 3-week turns: 4 weeks would give 75% / 25%; the 6-week cycle 50/50.
    assert codes(org(weekly("[bob, carol]", every="3w"))) == []


def test_max_share_is_configurable():
    text = org(weekly("[bob, carol, dan]"), "oncall: {max_share: 0.3}\n")
    assert found(text) == [
        f"W130: {p!r} is on call for 33% of the time schedule 'primary' covers in the 6 weeks "
        "from 2026-01-05 (oncall.max_share is 30%)" for p in ("bob", "carol", "dan")]


def test_a_secondary_copy_is_not_warned_about_twice():
    text = org(weekly("[bob, carol, bob]")
               + "  secondary: {team: payments, secondary_of: primary}\n")
    # bob is two of three turns (67%) of both; and turn 2 is bob's in both (E131).
    assert sorted(codes(text)) == ["E131", "W105", "W130"]


# --- W131 ----------------------------------------------------------------------------------

def daily(time: str, every: str = "1d", zone: str = "Europe/Berlin") -> str:
    return (f"  s:\n    team: payments\n    timezone: {zone}\n"
            f"    rotation: {{every: {every}, handoff: {{time: \"{time}\"}}, "
            f"start: 2026-01-05}}\n    people: [bob, carol]\n")


def test_handoffs_outside_the_change_are_fine():
    assert codes(org(daily("09:00", every="12h"))) == []
    assert codes(org(daily("02:30", zone="Etc/UTC"))) == []
    assert codes(org(daily("03:00"))) == []  # 03:00 exists on both days


def test_a_repeated_hour_is_reported_with_the_first_of_the_two():
    assert found(org(daily("01:30", zone="America/New_York"))) == [
        "W131: the handoff at 01:30 (America/New_York) happens twice on Sun 2026-11-01: clocks "
        "go back from 02:00 to 01:00, and it is the first of the two"]


def test_hourly_turns_always_meet_the_change():
    assert codes(org(daily("09:00", every="1h"))) == ["W131"]


def test_a_handoff_day_that_misses_the_sunday_of_the_change_is_fine():
    text = org(weekly("[bob, carol]").replace('time: "10:00"', 'time: "02:30"'))
    assert codes(text) == []


# --- E132 ------------------------------------------------------------------------------------

def sun(amer_hours: str) -> str:
    return f"""\
  sun:
    team: platform
    timezone: Etc/UTC
    rotation: {{every: 1w, handoff: {{day: monday, time: "00:00"}}, start: 2026-01-05}}
    follow_the_sun:
      apac: {{hours: {{start: "00:00", end: "08:00"}}, people: [wei, arjun]}}
      emea: {{hours: {{start: "08:00", end: "16:00"}}, people: [jonas, fatima]}}
      amer: {{hours: {amer_hours}, people: [marcus, elena]}}
"""


def test_three_regions_that_meet_end_to_end_are_fine():
    assert codes(org(sun('{start: "16:00", end: "24:00"}'))) == []


def test_a_region_on_weekdays_only_leaves_the_weekend_evenings():
    assert found(org(sun('{days: [mon, tue, wed, thu, fri], start: "16:00", end: "24:00"}'))) \
        == ["E132: follow-the-sun schedule 'sun' leaves Sat 16:00–Sun 00:00, Sun 16:00–Mon "
            "00:00 uncovered (Etc/UTC)"]


def test_a_region_across_midnight_that_overlaps_the_next_one():
    assert found(org(sun('{start: "16:00", end: "01:00"}'))) == [
        "E132: regions 'apac' and 'amer' of schedule 'sun' overlap 00:00–01:00 every day "
        "(Etc/UTC); both are paged then"]
