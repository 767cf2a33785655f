"""The final schedule, computed by hand for each kind of rotation.

Every expected list below was worked out on paper from the rules in docs/oncall.md;
the comment above each case shows the working. Times are Europe/Berlin unless a case
says otherwise; 2026-01-05 is a Monday.
"""

from dataclasses import replace

from oncall_orgs import FOLLOW_THE_SUN, at, gaps, model, org, rows

from imcompile.oncall import render, render_all
from imcompile.validate import validate_text

WEEKLY = """\
  primary:
    team: payments
    role: primary
    rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}
    people: [bob, carol]
"""


def test_weekly_rotation_hands_off_in_list_order():
    # Turn 0 = bob from Mon Jan 5 10:00, turn 1 = carol from Jan 12, turn 2 = bob again.
    cal = render(model(WEEKLY).schedules["primary"], at("2026-01-12T00:00"),
                 at("2026-01-26T00:00"))
    assert rows(cal) == [
        ("2026-01-12T00:00+01:00", "2026-01-12T10:00+01:00", "bob"),
        ("2026-01-12T10:00+01:00", "2026-01-19T10:00+01:00", "carol"),
        ("2026-01-19T10:00+01:00", "2026-01-26T00:00+01:00", "bob"),
    ]
    assert gaps(cal) == []


def test_nobody_is_on_call_before_the_first_handoff():
    # rotation.start Jan 5 is the first handoff: the days before it are a gap.
    cal = render(model(WEEKLY).schedules["primary"], at("2026-01-01T00:00"),
                 at("2026-01-06T00:00"))
    assert gaps(cal) == [("2026-01-01T00:00+01:00", "2026-01-05T10:00+01:00")]
    assert rows(cal) == [("2026-01-05T10:00+01:00", "2026-01-06T00:00+01:00", "bob")]


def test_first_handoff_is_the_handoff_day_on_or_after_the_start():
    # start Wed Jan 7, handoff on Mondays: the first handoff is Mon Jan 12 10:00.
    m = model(WEEKLY.replace("start: 2026-01-05", "start: 2026-01-07"))
    cal = render(m.schedules["primary"], at("2026-01-12T00:00"), at("2026-01-13T00:00"))
    assert gaps(cal) == [("2026-01-12T00:00+01:00", "2026-01-12T10:00+01:00")]
    assert rows(cal)[0][2] == "bob"


def test_a_window_long_after_the_start_finds_its_turn_by_division():
    # Mon 2031-01-06 is 261 weeks after Jan 5 2026: turn 261 is odd -> carol, then
    # turn 262 -> bob from Jan 13 10:00.
    cal = render(model(WEEKLY).schedules["primary"], at("2031-01-06T12:00"),
                 at("2031-01-14T00:00"))
    assert rows(cal) == [
        ("2031-01-06T12:00+01:00", "2031-01-13T10:00+01:00", "carol"),
        ("2031-01-13T10:00+01:00", "2031-01-14T00:00+01:00", "bob"),
    ]


def test_daily_rotation_restricted_to_business_hours_skips_the_weekend():
    # Turn k is day k from Mon Jan 5 09:00: carol, bob, carol, bob, carol (Mon-Fri);
    # Sat (bob) and Sun (carol) are outside business hours: nobody on call then.
    m = model("""\
  days:
    team: payments
    rotation: {every: 1d, handoff: {time: "09:00"}, start: 2026-01-05}
    people: [carol, bob]
    restrictions: [business_hours]
""")
    cal = render(m.schedules["days"], at("2026-01-05T00:00"), at("2026-01-13T00:00"))
    assert rows(cal) == [
        (f"2026-01-{day:02d}T09:00+01:00", f"2026-01-{day:02d}T17:00+01:00", who)
        for day, who in [(5, "carol"), (6, "bob"), (7, "carol"), (8, "bob"), (9, "carol"),
                         (12, "bob")]
    ]
    # Monday Jan 12 is turn 7 (odd): bob, although carol had the Friday: turns count on.
    assert gaps(cal)[-2:] == [("2026-01-09T17:00+01:00", "2026-01-12T09:00+01:00"),
                              ("2026-01-12T17:00+01:00", "2026-01-13T00:00+01:00")]


def test_restriction_across_midnight_carries_into_the_next_day():
    # 17:00-09:00 every night. Week of Jan 12 is carol's (turn 1). The window opens at
    # Tue 00:00 inside Monday night's window: carol until 09:00, then Tuesday night.
    m = model(WEEKLY + '    restrictions: [{start: "17:00", end: "09:00"}]\n')
    cal = render(m.schedules["primary"], at("2026-01-13T00:00"), at("2026-01-15T00:00"))
    assert rows(cal) == [
        ("2026-01-13T00:00+01:00", "2026-01-13T09:00+01:00", "carol"),
        ("2026-01-13T17:00+01:00", "2026-01-14T09:00+01:00", "carol"),
        ("2026-01-14T17:00+01:00", "2026-01-15T00:00+01:00", "carol"),
    ]
    assert gaps(cal) == [("2026-01-13T09:00+01:00", "2026-01-13T17:00+01:00"),
                         ("2026-01-14T09:00+01:00", "2026-01-14T17:00+01:00")]


def test_weekly_restriction_windows_on_some_days_only():
    # Saturday and Sunday 10:00-18:00 only; week of Jan 5 (turn 0) is bob's.
    m = model(WEEKLY + '    restrictions: [{days: [sat, sun], start: "10:00", end: "18:00"}]\n')
    cal = render(m.schedules["primary"], at("2026-01-05T00:00"), at("2026-01-12T00:00"))
    assert rows(cal) == [("2026-01-10T10:00+01:00", "2026-01-10T18:00+01:00", "bob"),
                         ("2026-01-11T10:00+01:00", "2026-01-11T18:00+01:00", "bob")]


LAYERS = """\
  stacked:
    team: payments
    layers:
      around-the-clock:
        rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}
        people: [bob, carol]
      weekdays:
        rotation: {every: 1d, handoff: {time: "09:00"}, start: 2026-01-05}
        people: [carol, bob]
        restrictions: [business_hours]
"""


def test_the_last_layer_wins_where_it_has_someone():
    # Bottom layer: bob all week from Mon 10:00. Top layer, weekdays 09-17: carol Mon,
    # bob Tue, carol Wed, bob Thu, carol Fri. Where the top layer is bob, his stretches
    # join into one; before Mon 09:00 neither layer has started.
    cal = render(model(LAYERS).schedules["stacked"], at("2026-01-05T00:00"),
                 at("2026-01-12T00:00"))
    assert gaps(cal) == [("2026-01-05T00:00+01:00", "2026-01-05T09:00+01:00")]
    assert rows(cal) == [
        ("2026-01-05T09:00+01:00", "2026-01-05T17:00+01:00", "carol"),
        ("2026-01-05T17:00+01:00", "2026-01-07T09:00+01:00", "bob"),
        ("2026-01-07T09:00+01:00", "2026-01-07T17:00+01:00", "carol"),
        ("2026-01-07T17:00+01:00", "2026-01-09T09:00+01:00", "bob"),
        ("2026-01-09T09:00+01:00", "2026-01-09T17:00+01:00", "carol"),
        ("2026-01-09T17:00+01:00", "2026-01-12T00:00+01:00", "bob"),
    ]


def test_a_layer_that_ends_leaves_a_gap_until_its_successor_hands_off():
    # `old` ends on Jan 19, i.e. at 00:00 that day, cutting carol's turn short; `new`
    # starts counting from its first handoff, Mon Jan 19 10:00 (carol): ten hours with
    # nobody in between. Two stretches of carol, not one.
    m = model("""\
  changing:
    team: payments
    layers:
      old:
        rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}
        people: [bob, carol]
        end: 2026-01-19
      new:
        rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-19}
        people: [carol, bob]
""")
    cal = render(m.schedules["changing"], at("2026-01-12T00:00"), at("2026-01-27T00:00"))
    assert rows(cal) == [
        ("2026-01-12T00:00+01:00", "2026-01-12T10:00+01:00", "bob"),
        ("2026-01-12T10:00+01:00", "2026-01-19T00:00+01:00", "carol"),
        ("2026-01-19T10:00+01:00", "2026-01-26T10:00+01:00", "carol"),
        ("2026-01-26T10:00+01:00", "2026-01-27T00:00+01:00", "bob"),
    ]
    assert gaps(cal) == [("2026-01-19T00:00+01:00", "2026-01-19T10:00+01:00")]


def test_secondary_of_is_the_primary_shifted_by_one_turn():
    m = model(WEEKLY.replace("[bob, carol]", "[bob, carol, dan]")
              + "  secondary: {team: payments, secondary_of: primary}\n")
    cals = render_all(m, at("2026-01-05T10:00"), at("2026-01-26T10:00"))
    assert [r[2] for r in rows(cals["primary"])] == ["bob", "carol", "dan"]
    assert [r[2] for r in rows(cals["secondary"])] == ["carol", "dan", "bob"]


def test_leaving_people_are_out_of_the_rotation():
    # dan is leaving: the list becomes [bob, carol] and turns count over that list.
    three = WEEKLY.replace("[bob, carol]", "[bob, dan, carol]")
    staying = model(three)
    leaving = validate_text(org(three).replace(
        "timezone: America/New_York}", "timezone: America/New_York, leaving: true}")).model
    window = at("2026-01-05T10:00"), at("2026-01-26T10:00")
    assert [r[2] for r in rows(render(staying.schedules["primary"], *window))] == \
        ["bob", "dan", "carol"]
    assert [r[2] for r in rows(render(leaving.schedules["primary"], *window))] == \
        ["bob", "carol", "bob"]


def test_follow_the_sun_hands_the_pager_round_three_zones():
    # Regions in UTC: 00-08 Singapore (08-16 local), 08-16 Berlin (09-17 CET),
    # 16-24 Los Angeles (08-16 PST). Week 0 is the first person of each region,
    # week 1 the second. The day is covered without a gap.
    cal = render(model(FOLLOW_THE_SUN).schedules["sun"], at("2026-01-11T00:00+00:00"),
                 at("2026-01-12T16:00+00:00"))
    assert rows(cal) == [
        ("2026-01-11T00:00+00:00", "2026-01-11T08:00+00:00", "wei"),
        ("2026-01-11T08:00+00:00", "2026-01-11T16:00+00:00", "jonas"),
        ("2026-01-11T16:00+00:00", "2026-01-12T00:00+00:00", "marcus"),
        ("2026-01-12T00:00+00:00", "2026-01-12T08:00+00:00", "arjun"),
        ("2026-01-12T08:00+00:00", "2026-01-12T16:00+00:00", "fatima"),
    ]
    assert gaps(cal) == []


def test_a_layer_without_anyone_left_has_nobody_on_call():
    m = model(WEEKLY)
    schedule = m.schedules["primary"]
    empty = replace(schedule, layers=(replace(schedule.layers[0], people=()),))
    cal = render(empty, at("2026-01-12T00:00"), at("2026-01-13T00:00"))
    assert rows(cal) == [] and gaps(cal) == [("2026-01-12T00:00+01:00",
                                              "2026-01-13T00:00+01:00")]


def test_times_come_back_in_the_schedules_zone():
    m = model(WEEKLY.replace("role: primary", "timezone: America/New_York"))
    cal = render(m.schedules["primary"], at("2026-01-12T16:00+00:00"),
                 at("2026-01-12T18:00+00:00"))
    assert rows(cal) == [("2026-01-12T11:00-05:00", "2026-01-12T13:00-05:00", "carol")]
