"""The load and fairness report on a follow-the-sun schedule across three zones,
computed by hand.

Regions keep their local hours: 07:00-16:00 Singapore (23-08 UTC), 09:00-17:00 Berlin
(08-16 UTC in winter), 08:00-16:00 Los Angeles (16-24 UTC in winter, 15-23 UTC once
the US has moved its clocks on Mar 8, three weeks before Europe). Where two regions
meet, the views show the later region (Americas over APAC at 23-24 UTC in winter).
Everyone keeps the default business hours, Mon-Fri 09:00-17:00, in their own zone.
"""

from oncall_orgs import FOLLOW_THE_SUN, at, model

from imcompile.oncall import load_report

HOUR = 3600


def loads(report, person):
    x = report.people[person]
    return (x.seconds / HOUR, x.shifts, x.off_hours / HOUR, x.weekend / HOUR,
            x.longest / HOUR)


def test_a_week_of_follow_the_sun_in_winter():
    # Week 0 (Jan 5-12): wei, jonas, marcus; 7 shifts of 8h each, 56h.
    # wei: 08:00-09:00 SGT is before work on the 5 weekdays (5h) and Sat+Sun are off
    #      (16h): 21h off-hours, 16h at the weekend. marcus: 08:00-09:00 PST, the same.
    # jonas: 09:00-17:00 CET is his working day: only the weekend is off-hours.
    m = model(FOLLOW_THE_SUN)
    report = load_report(m, at("2026-01-05T00:00+00:00"), at("2026-01-12T00:00+00:00"))
    assert loads(report, "wei") == (56, 7, 21, 16, 8)
    assert loads(report, "jonas") == (56, 7, 16, 16, 8)
    assert loads(report, "marcus") == (56, 7, 21, 16, 8)
    assert loads(report, "arjun") == (0, 0, 0, 0, 0)
    assert report.schedules["sun"].coverage == 1.0
    assert report.schedules["sun"].gaps == 0
    team = report.teams["platform"]
    assert (team.load.seconds / HOUR, team.load.shifts) == (168, 21)
    assert team.per_person == {"wei": 56 * HOUR, "arjun": 0, "jonas": 56 * HOUR,
                               "fatima": 0, "marcus": 56 * HOUR, "elena": 0}


def test_off_hours_follow_each_persons_own_daylight_saving():
    # Week 9 (Mar 9-16) is the second people's: arjun, fatima, elena. Los Angeles is on
    # PDT now and keeps 08:00-16:00 local (15-23 UTC); Berlin is still on CET (08-16).
    # elena: 7 x 8h; 08:00-09:00 before work on 5 weekdays + 16h at the weekend = 21h.
    # fatima: 15-16 UTC is the Americas' (the later region): 7 x 7h, 09:00-16:00 CET,
    #   off-hours only at the weekend, 14h.
    # arjun: SGT week 9 ends Mon Mar 16 00:00 SGT (Mar 15 16:00 UTC). Mon Mar 9 from
    #   08:00 SGT (the window's start) 8h, Tue-Sun 07:00-16:00 SGT 6 x 9h: 62h, 7 shifts;
    #   off-hours 1h Mon + 4 x 2h Tue-Fri + 2 x 9h weekend = 27h, 18h at the weekend.
    m = model(FOLLOW_THE_SUN)
    report = load_report(m, at("2026-03-09T00:00+00:00"), at("2026-03-16T00:00+00:00"))
    assert loads(report, "elena") == (56, 7, 21, 16, 8)
    assert loads(report, "fatima") == (49, 7, 14, 14, 7)
    assert loads(report, "arjun") == (62, 7, 27, 18, 9)


def test_a_person_on_two_schedules_at_once_counts_once():
    # `sun2` is a copy of `sun` with the same emea order: in week 0 jonas is on call
    # 08-16 UTC for both at once, in week 1 fatima. Over two weeks he is on call 56h
    # (counted once) in 14 stretches (7 per schedule); the team adds up both schedules,
    # so there he counts 112h, and the team 2 x 336h.
    m = model(FOLLOW_THE_SUN + FOLLOW_THE_SUN.replace("  sun:", "  sun2:"))
    report = load_report(m, at("2026-01-05T00:00+00:00"), at("2026-01-19T00:00+00:00"))
    assert loads(report, "jonas")[:2] == (56, 14)
    assert report.teams["platform"].per_person["jonas"] == 112 * HOUR
    assert report.teams["platform"].load.seconds == 2 * 336 * HOUR
