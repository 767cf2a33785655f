"""Daylight saving: handoffs and restrictions happen at wall-clock time in the
schedule's zone (docs/oncall.md, "Daylight saving").

2026 changes, worked out from the zone rules:
- Europe/Berlin: Sun Mar 29 02:00 CET -> 03:00 CEST (01:00 UTC);
                 Sun Oct 25 03:00 CEST -> 02:00 CET (01:00 UTC).
- America/New_York: Sun Mar 8 02:00 EST -> 03:00 EDT (07:00 UTC);
                    Sun Nov 1 02:00 EDT -> 01:00 EST (06:00 UTC).
"""

from datetime import date, timedelta

import pytest
from oncall_orgs import at, hours, model, rows

from imcompile.oncall import render


def schedule(zone: str, every: str = "1w", handoff: str = '{day: monday, time: "10:00"}',
             restrictions: str = ""):
    m = model(f"""\
  s:
    team: payments
    timezone: {zone}
    rotation: {{every: {every}, handoff: {handoff}, start: 2026-01-05}}
    people: [bob, carol]
{restrictions}""")
    return m.schedules["s"]


@pytest.mark.parametrize("zone,monday,hours_long,offsets", [
    # Berlin spring: Mon Mar 23 10:00 CET (09:00Z) -> Mon Mar 30 10:00 CEST (08:00Z).
    ("Europe/Berlin", "2026-03-23", 167, ("+01:00", "+02:00")),
    # Berlin autumn: Mon Oct 19 10:00 CEST (08:00Z) -> Mon Oct 26 10:00 CET (09:00Z).
    ("Europe/Berlin", "2026-10-19", 169, ("+02:00", "+01:00")),
    # New York spring: Mon Mar 2 10:00 EST (15:00Z) -> Mon Mar 9 10:00 EDT (14:00Z).
    ("America/New_York", "2026-03-02", 167, ("-05:00", "-04:00")),
    # New York autumn: Mon Oct 26 10:00 EDT (14:00Z) -> Mon Nov 2 10:00 EST (15:00Z).
    ("America/New_York", "2026-10-26", 169, ("-04:00", "-05:00")),
])
def test_weekly_handoff_keeps_its_wall_clock_time_across_a_change(zone, monday, hours_long,
                                                                   offsets):
    tuesday_after = (date.fromisoformat(monday) + timedelta(days=8)).isoformat()
    cal = render(schedule(zone), at(f"{monday}T10:00@{zone}"),
                 at(f"{tuesday_after}T10:00@{zone}"))
    first = cal.shifts[0]
    assert first.start.isoformat(timespec="minutes").endswith("T10:00" + offsets[0])
    assert first.end.strftime("%a %H:%M") == "Mon 10:00"
    assert first.end.isoformat(timespec="minutes").endswith("T10:00" + offsets[1])
    assert hours(first.start, first.end) == hours_long
    assert cal.shifts[1].person != first.person


def test_handoff_in_the_spring_gap_moves_forward_by_the_gap():
    # Daily at 02:30 Berlin: 02:30 does not exist on Sun Mar 29, so that handoff is at
    # 03:30 CEST (01:30Z). Sat's turn runs 02:30 CET (01:30Z) -> 01:30Z: 24 hours;
    # Sunday's runs to Mon 02:30 CEST (00:30Z): 23 hours.
    s = schedule("Europe/Berlin", "1d", '{time: "02:30"}')
    cal = render(s, at("2026-03-28T02:30"), at("2026-03-30T02:30+02:00"))
    assert rows(cal) == [
        ("2026-03-28T02:30+01:00", "2026-03-29T03:30+02:00", cal.shifts[0].person),
        ("2026-03-29T03:30+02:00", "2026-03-30T02:30+02:00", cal.shifts[1].person),
    ]
    assert [hours(x.start, x.end) for x in cal.shifts] == [24, 23]


def test_handoff_in_the_repeated_hour_is_the_first_of_the_two():
    # Daily at 02:30 Berlin: on Sun Oct 25, 02:30 happens at 00:30Z (CEST) and at
    # 01:30Z (CET); the handoff is the first. Sunday's turn lasts to Mon 02:30 CET: 25h.
    s = schedule("Europe/Berlin", "1d", '{time: "02:30"}')
    cal = render(s, at("2026-10-24T02:30+02:00"), at("2026-10-26T02:30+01:00"))
    assert [(x.start.isoformat(timespec="minutes"), x.end.isoformat(timespec="minutes"))
            for x in cal.shifts] == [
        ("2026-10-24T02:30+02:00", "2026-10-25T02:30+02:00"),
        ("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00"),
    ]
    assert [hours(x.start, x.end) for x in cal.shifts] == [24, 25]


def test_new_york_gap_and_repeated_hour():
    # 02:30 does not exist on Mar 8 (-> 03:30 EDT, 07:30Z); 01:30 happens twice on
    # Nov 1 (first: 01:30 EDT, 05:30Z).
    spring = render(schedule("America/New_York", "1d", '{time: "02:30"}'),
                    at("2026-03-08T00:00@America/New_York"),
                    at("2026-03-09T00:00@America/New_York"))
    assert spring.shifts[1].start.isoformat(timespec="minutes") == "2026-03-08T03:30-04:00"
    autumn = render(schedule("America/New_York", "1d", '{time: "01:30"}'),
                    at("2026-11-01T00:00-04:00"), at("2026-11-02T12:00-05:00"))
    assert [(x.start.isoformat(timespec="minutes"), x.end.isoformat(timespec="minutes"))
            for x in autumn.shifts[1:]] == [
        ("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00"),
        ("2026-11-02T01:30-05:00", "2026-11-02T12:00-05:00"),
    ]
    assert hours(autumn.shifts[1].start, autumn.shifts[1].end) == 25


def test_twelve_hour_turns_hand_off_at_the_same_wall_clock_times():
    # 12h from 09:00: handoffs at 09:00 and 21:00 local every day. Across Mar 29 the
    # night turn Sat 21:00 CET -> Sun 09:00 CEST is 11 hours; in October, 13.
    s = schedule("Europe/Berlin", "12h", '{time: "09:00"}')
    spring = render(s, at("2026-03-28T21:00"), at("2026-03-29T21:00+02:00"))
    assert [(x.start.strftime("%H:%M"), hours(x.start, x.end)) for x in spring.shifts] == \
        [("21:00", 11), ("09:00", 12)]
    autumn = render(s, at("2026-10-24T21:00+02:00"), at("2026-10-25T21:00+01:00"))
    assert [(x.start.strftime("%H:%M"), hours(x.start, x.end)) for x in autumn.shifts] == \
        [("21:00", 13), ("09:00", 12)]


def test_restriction_windows_are_wall_clock_too():
    # 00:00-08:00 every night: on Mar 29 Berlin that is 7 real hours, on Oct 25, 9.
    s = schedule("Europe/Berlin", restrictions='    restrictions: [{start: "00:00", end: "08:00"}]\n')
    spring = render(s, at("2026-03-29T00:00"), at("2026-03-29T12:00+02:00"))
    autumn = render(s, at("2026-10-25T00:00+02:00"), at("2026-10-25T12:00+01:00"))
    assert [hours(x.start, x.end) for x in spring.shifts] == [7]
    assert [hours(x.start, x.end) for x in autumn.shifts] == [9]
    assert spring.shifts[0].end.isoformat(timespec="minutes") == "2026-03-29T08:00+02:00"


def test_a_day_handed_off_at_midnight_in_a_zone_whose_clocks_change_at_midnight():
    # America/Santiago springs forward at 24:00 on Sat Sep 5 2026: Sun 00:00 does not
    # exist and the handoff happens at 01:00 (-03:00), the first instant of Sunday.
    s = schedule("America/Santiago", "1d", '{time: "00:00"}')
    cal = render(s, at("2026-09-05T12:00@America/Santiago"),
                 at("2026-09-06T12:00@America/Santiago"))
    assert cal.shifts[1].start.isoformat(timespec="minutes") == "2026-09-06T01:00-03:00"
    assert hours(cal.shifts[0].start, cal.shifts[1].start) == 12
