"""Follow-the-sun regions keep their local hours across daylight-saving changes: the
on-call engine, E132, the Terraform and the docs, against cases computed by hand.

In 2027 the US moves its clocks on Sun Mar 14 and Nov 7, the UK on Sun Mar 28 and
Oct 31: from Mar 14 to Mar 27 and from Oct 31 to Nov 6 New York is 4 hours behind
London instead of 5. Singapore (UTC+8) never changes.
"""

import json
from datetime import datetime, timezone

from click.testing import CliRunner
from oncall_orgs import HEAD

from imcompile.build import render as build_files
from imcompile.cli import main
from imcompile.diff.oncall_impact import compare
from imcompile.diff.semantic import Names
from imcompile.generators.docs import generate
from imcompile.oncall import on_call_at, policies_at, render
from imcompile.validate import validate_text

ROTATION = '{every: 1w, handoff: {day: monday, time: "09:00"}, start: 2027-01-04}'


def org(regions: str, schedule_zone: str = "Europe/London") -> str:
    return HEAD + f"""\
  sun:
    team: platform
    role: primary
    timezone: {schedule_zone}
    rotation: {ROTATION}
    follow_the_sun:
{regions}escalation_policies:
  platform:
    team: platform
    steps:
      - {{notify: ["schedule:sun"]}}
"""


# New York, London and Singapore, each 09:00-17:00 local. Not a valid layout (it
# leaves 22:00-01:00 UTC to nobody), but the engine answers for it all the same.
NINE_TO_FIVE = """\
      apac: {name: APAC, timezone: Asia/Singapore, hours: {start: "09:00", end: "17:00"}, people: [wei, arjun]}
      emea: {name: EMEA, timezone: Europe/London, hours: {start: "09:00", end: "17:00"}, people: [jonas, fatima]}
      amer: {name: Americas, timezone: America/New_York, hours: {start: "09:00", end: "17:00"}, people: [marcus, elena]}
"""


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def nine_to_five():
    return validate_text(org(NINE_TO_FIVE), model_rules=False).model


def paged(model, moment) -> tuple:
    (policy,) = policies_at(model, moment)
    return policy.steps[0].people


def test_spring_mismatch_week_keeps_new_york_and_london_at_local_hours():
    # Sat 2027-03-20 13:30 UTC: New York is on EDT (since Mar 14), 09:30 local, inside
    # its hours; London still on GMT, 13:30, inside; Singapore 21:30, outside. Weekly
    # turns from Mon Jan 4 09:00 local: Mar 15 09:00 starts turn 10 (70 days), even,
    # so each region's first person: marcus and jonas. Both are paged.
    m = nine_to_five()
    now = on_call_at(m.schedules["sun"], utc("2027-03-20T13:30"))
    assert (now.person, now.also) == ("marcus", ("jonas",))
    assert paged(m, utc("2027-03-20T13:30")) == ("marcus", "jonas")
    # A week earlier New York is still on EST: 08:30 there, before its hours. London
    # 13:30 GMT in turn 9 (Mar 8-15), odd: fatima alone.
    assert paged(m, utc("2027-03-13T13:30")) == ("fatima",)


def test_autumn_mismatch_week_keeps_new_york_and_london_at_local_hours():
    # Wed 2027-11-03 13:30 UTC: London is back on GMT (since Oct 31), 13:30; New York
    # still on EDT (until Nov 7), 09:30: both inside. Nov 1 09:00 starts turn 43
    # (301 days), odd: the second people, elena and fatima. Singapore 21:30: outside.
    m = nine_to_five()
    assert paged(m, utc("2027-11-03T13:30")) == ("elena", "fatima")
    # Wed Nov 10, New York on EST: 08:30 there, outside. London in turn 44: jonas.
    assert paged(m, utc("2027-11-10T13:30")) == ("jonas",)
    # In summer both are on daylight time: 09:30 EDT and 14:30 BST, turn 26 (Jul 5-12).
    assert paged(m, utc("2027-07-07T13:30")) == ("marcus", "jonas")


def test_each_region_is_wall_clock_in_its_own_zone_all_year():
    # Singapore's 09:00-17:00 is 01:00-09:00 UTC all year; London's moves with BST.
    m = nine_to_five()
    cal = render(m.schedules["sun"], utc("2027-07-05T00:00"), utc("2027-07-06T00:00"))
    got = [(s.start.astimezone(timezone.utc).strftime("%H:%M"),
            s.end.astimezone(timezone.utc).strftime("%H:%M"), s.person) for s in cal.shifts]
    # Mon Jul 5 (turn 26, 182 days: the first people): APAC from 09:00 SGT = 01:00 UTC
    # (wei); London from 09:00 BST = 08:00 UTC (jonas); New York from 09:00 EDT = 13:00
    # UTC to 17:00 EDT = 21:00 UTC (marcus). Where two overlap, the later region (in
    # file order) is shown: EMEA over APAC 08:00-09:00, Americas over EMEA 13:00-16:00.
    assert got == [("01:00", "08:00", "wei"), ("08:00", "13:00", "jonas"),
                   ("13:00", "21:00", "marcus")]
    now = on_call_at(m.schedules["sun"], utc("2027-07-05T08:30"))
    assert (now.person, now.also) == ("jonas", ("wei",))


# Two regions that meet exactly whenever New York and London agree: London 01:00-14:00,
# New York 09:00-19:00 (14:00-24:00 London). In the mismatch weeks New York's hours are
# 13:00-23:00 London: 23:00-24:00 is uncovered (and 13:00-14:00 doubly covered).
MISMATCH_GAP = """\
      emea: {timezone: Europe/London, hours: {start: "00:00", end: "14:00"}, people: [jonas, fatima]}
      amer: {timezone: America/New_York, hours: {start: "09:00", end: "19:00"}, people: [marcus, elena]}
"""


def findings(text: str) -> list[str]:
    return [f"{d.severity} {d.code}: {d.message}" for d in validate_text(text).diagnostics]


def test_a_gap_only_in_the_mismatch_weeks_is_reported_with_its_dates():
    # Spring: Sun Mar 14 23:00 GMT is 19:00 EDT, New York's end; Sat Mar 27 the last
    # such night (Mar 28 London is on BST: 23:00 BST = 18:00 EDT). 14 nights. Autumn:
    # Sun Oct 31 (GMT again) to Sat Nov 6 (New York on EST from Nov 7): 7 nights.
    # The whole line, as validate prints it: at the `follow_the_sun:` key.
    assert [d.text() for d in validate_text(org(MISMATCH_GAP)).diagnostics] == [
        "org.yaml:27:5: error E132: follow-the-sun schedule 'sun' leaves hours uncovered "
        "while its regions' clocks disagree (Europe/London): 23:00–24:00 on 14 days from "
        "Sun 2027-03-14 to Sat 2027-03-27; 23:00–24:00 on 7 days from "
        "Sun 2027-10-31 to Sat 2027-11-06 (the regions' clocks change on different "
        "dates then: extend a region's hours by the hour, or write one region's hours "
        "in another's time zone)"]


def test_the_same_gap_reads_in_the_schedules_zone():
    # Written against UTC the same gap is 23:00-24:00 UTC: the same dates.
    assert findings(org(MISMATCH_GAP, "Etc/UTC")) == [
        "error E132: follow-the-sun schedule 'sun' leaves hours uncovered while its "
        "regions' clocks disagree (Etc/UTC): 23:00–24:00 on 14 days from "
        "Sun 2027-03-14 to Sat 2027-03-27; 23:00–24:00 on 7 days from "
        "Sun 2027-10-31 to Sat 2027-11-06"]


def test_a_gap_that_a_mismatch_week_moves_is_dated_run_by_run():
    # London ends at 13:00 now: 13:00-14:00 London (08:00-09:00 in New York) is nobody's
    # whenever the clocks agree: Jan 4-Mar 13 (69 days) and from Mar 28 (217 days to
    # Oct 30). In the mismatch weeks New York takes it (09:00 EDT = 13:00 GMT) and
    # 23:00-24:00 opens instead (Mar 14-27). No hour is uncovered in every week.
    text = org(MISMATCH_GAP.replace('end: "14:00"', 'end: "13:00"'))
    assert findings(text) == [
        "error E132: follow-the-sun schedule 'sun' leaves hours uncovered while its "
        "regions' clocks disagree (Europe/London): 13:00–14:00 on 69 days from "
        "Mon 2027-01-04 to Sat 2027-03-13; 23:00–24:00 on 14 days from "
        "Sun 2027-03-14 to Sat 2027-03-27; 13:00–14:00 on 217 days from "
        "Sun 2027-03-28 to Sat 2027-10-30; and 2 more times"]


def test_a_gap_in_every_week_and_more_in_the_mismatch_weeks():
    text = org(MISMATCH_GAP.replace('start: "00:00", end: "14:00"',
                                    'start: "02:00", end: "14:00"').replace(
        'end: "19:00"', 'end: "20:00"'))
    # 01:00-02:00 London is never covered (20:00-21:00 in New York, or 21:00-22:00 in
    # the mismatch weeks). 00:00-01:00 London is New York's 19:00-20:00 while the
    # clocks agree, its 20:00-21:00 in mismatch weeks: uncovered from Mon Mar 15 00:00
    # GMT (Sun 20:00 EDT) to Sun Mar 28 00:00 GMT (London changes at 01:00), and from
    # Mon Nov 1 to Sun Nov 7 00:00 GMT (Sat 20:00 EDT; New York changes at 02:00).
    assert findings(text) == [
        "error E132: follow-the-sun schedule 'sun' leaves 01:00–02:00 every day uncovered "
        "(Europe/London), and more while its regions' clocks disagree: "
        "00:00–01:00 on 14 days from Mon 2027-03-15 to Sun 2027-03-28; "
        "00:00–01:00 on 7 days from Mon 2027-11-01 to Sun 2027-11-07"]


# London 00:00-14:00 and New York 09:00-20:00 (14:00-01:00 London): they overlap
# 00:00-01:00 London while the clocks agree; in the mismatch weeks New York is 13:00-24:00
# London and the overlap moves to 13:00-14:00. Nothing is ever uncovered, and no
# overlap holds in every week.
MISMATCH_OVERLAP = MISMATCH_GAP.replace('end: "19:00"', 'end: "20:00"')


def test_an_overlap_only_in_the_mismatch_weeks_is_allowed_and_both_are_paged():
    result = validate_text(org(MISMATCH_OVERLAP))
    assert [d.text() for d in result.diagnostics] == []
    m = result.model
    # Sat Mar 20 13:30 UTC = 13:30 GMT = 09:30 EDT: turn 10, jonas and marcus.
    assert paged(m, utc("2027-03-20T13:30")) == ("marcus", "jonas")
    # Sat Mar 6 13:30 UTC = 08:30 EST: London alone, turn 8 (Mar 1-8): jonas.
    assert paged(m, utc("2027-03-06T13:30")) == ("jonas",)


def test_the_on_call_page_lists_the_seasonal_overlaps_with_dates():
    page = generate(validate_text(org(MISMATCH_OVERLAP)).model)["docs/On-Call.md"]
    # Hours and handoffs in each region's own zone, not the schedule's.
    assert "| Emea | Europe/London | Jonas Weber → Fatima Amrani | weekly | Monday 09:00 " \
        "| every day 00:00–14:00 |" in page
    assert "| Amer | America/New\\_York | Marcus Johnson → Elena Garcia | weekly | " \
        "Monday 09:00 | every day 09:00–20:00 |" in page
    # Sun Mar 14: 00:00-01:00 GMT is still Sat 19:00 EST in New York, 13:00 GMT is
    # 09:00 EDT; from Mon Mar 15 only 13:00-14:00 until London changes (Mar 28). Sun
    # Oct 31 likewise (00:00 BST is 19:00 EDT), then 13:00-14:00 until Sat Nov 6.
    assert "- Emea and Amer: 00:00–01:00, 13:00–14:00 on Sun 2027-03-14\n" \
        "- Emea and Amer: 13:00–14:00 on 13 days from Mon 2027-03-15 to Sat 2027-03-27\n" \
        in page
    assert "- Emea and Amer: 00:00–01:00, 13:00–14:00 on Sun 2027-10-31\n" \
        "- Emea and Amer: 13:00–14:00 on 6 days from Mon 2027-11-01 to Sat 2027-11-06\n" \
        in page


def test_an_overlap_every_week_is_still_refused():
    # New York from 08:00: 13:00-01:00 London, or 12:00-24:00 in the mismatch weeks.
    # 13:00-14:00 is London's and New York's in every week of the year.
    text = org(MISMATCH_OVERLAP.replace('start: "09:00"', 'start: "08:00"'))
    assert [d.text() for d in validate_text(text).diagnostics] == [
        "org.yaml:29:7: error E132: regions 'emea' and 'amer' of schedule 'sun' overlap "
        "13:00–14:00 every day (Europe/London); both are paged then (make one region's "
        "hours end where the next one's start)"]


def test_diff_shows_the_mismatch_weeks_when_a_region_moves_to_its_own_zone():
    # The Americas written in London time (14:00-24:00) and then in their own zone
    # (09:00-19:00 New York): the same hours whenever the clocks agree, so `diff` shows
    # changed shifts only in the mismatch week (Sun Mar 14 from 13:00 London, to Sat
    # Mar 27): 13:00-14:00 goes from London's jonas to New York's marcus (the later
    # region), 23:00-24:00 from marcus to nobody. Turn 10 (Mar 15-22) is jonas's and
    # marcus's; turns 9 (Sun Mar 14) and 11 (from Mon Mar 22) fatima's and elena's.
    written_in_london = MISMATCH_GAP.replace(
        'timezone: America/New_York, hours: {start: "09:00", end: "19:00"}',
        'timezone: Europe/London, hours: {start: "14:00", end: "24:00"}')
    base = validate_text(org(written_in_london)).model
    head = validate_text(org(MISMATCH_GAP), model_rules=False).model
    rows, _, _ = compare(base, head, Names(base, head), start=utc("2027-03-01T00:00"),
                         weeks=5)
    # London keeps GMT until Mar 28, so the UTC times below are London's wall clock.
    shown = sorted((o["start"][:16], o["end"][:16], r["before_name"], r["after_name"])
                   for r in rows for o in r["occurrences"])
    assert shown[:3] == [
        ("2027-03-14T13:00", "2027-03-14T14:00", "Fatima Amrani", "Elena Garcia"),
        ("2027-03-14T23:00", "2027-03-15T00:00", "Elena Garcia", "nobody"),
        ("2027-03-15T13:00", "2027-03-15T14:00", "Jonas Weber", "Marcus Johnson"),
    ]
    assert shown[-1] == ("2027-03-27T23:00", "2027-03-28T00:00", "Elena Garcia", "nobody")
    assert len(shown) == 28  # 14 days, two changes each
    assert len(rows) < len(shown), "repeating changes are merged into ranges"


def test_a_regions_handoff_is_checked_against_its_own_clock_changes():
    # Sunday 02:30 exists in London all year (the UK changes at 01:00 GMT); in New York
    # it is inside the spring-forward gap on Sun 2027-03-14.
    text = org(MISMATCH_OVERLAP).replace('handoff: {day: monday, time: "09:00"}',
                                         'handoff: {day: sunday, time: "02:30"}')
    assert [d.text() for d in validate_text(text).diagnostics] == [
        "org.yaml:26:56: warning W131: the handoff at 02:30 (America/New_York) does not "
        "exist on Sun 2027-03-14: clocks go from 02:00 to 03:00, so it happens at 03:30 "
        "EDT (UTC-04:00) (hand off outside the change, or use a time zone without daylight saving "
        "such as Etc/UTC)"]


def test_oncall_at_names_every_region_that_is_paged(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(org(MISMATCH_OVERLAP), encoding="utf-8")
    # Sat Mar 20 13:30 UTC (14:30 in Berlin, the org's zone): New York 09:30 EDT, its
    # hours until 20:00 EDT = 24:00 GMT; London 13:30 GMT. Turn 10: marcus and jonas.
    result = CliRunner().invoke(main, ["oncall", str(path), "--at", "2027-03-20T13:30Z"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "On call at Sat 2027-03-20 14:30 CET",
        "",
        "Platform (platform)",
        "  step 1  at once  Marcus Johnson and Jonas Weber (sun, until Sun 2027-03-21 "
        "00:00 GMT)",
        "",
        "Schedules",
        "  sun  Marcus Johnson and Jonas Weber  until Sun 2027-03-21 00:00 GMT",
    ]


def test_the_example_keeps_its_regions_local_hours(root):
    result = validate_text((root / "org.yaml").read_text(encoding="utf-8"))
    assert [d.text() for d in result.diagnostics] == []
    m = result.model
    # Fri 2026-03-20 15:30 UTC: Los Angeles is on PDT since Mar 8 (08:30, inside
    # 08:00-16:00), Berlin still on CET (16:30, inside 09:00-17:00), Singapore 23:30.
    # Turn 10 from Mon Jan 5 00:00 local (Mar 16): the first people of each region.
    (policy,) = policies_at(m, utc("2026-03-20T15:30"), ids={"platform-escalation"})
    assert policy.steps[0].people == ("marcus-johnson", "jonas-weber")
    stack = json.loads(build_files(m)["terraform/pagerduty/cdk.tf.json"])
    zones = {k: v["time_zone"] for k, v in stack["resource"]["pagerduty_schedule"].items()
             if k.startswith("platform-primary")}
    assert zones == {"platform-primary__apac": "Asia/Singapore",
                     "platform-primary__emea": "Europe/Berlin",
                     "platform-primary__amer": "America/Los_Angeles"}
    step = stack["resource"]["pagerduty_escalation_policy"]["platform-escalation"]["rule"][0]
    assert [t["id"] for t in step["target"]] == [
        f"${{pagerduty_schedule.platform-primary__{r}.id}}" for r in ("apac", "emea", "amer")]
