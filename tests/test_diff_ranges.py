"""Repeating stretches merged into ranges (`imcompile.diff.when.merge`): nothing is lost
or invented, and the words say what a calendar would show."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from imcompile.diff.when import iso, merge

BERLIN = ZoneInfo("Europe/Berlin")


def day(d: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 23, hour, minute, tzinfo=BERLIN) + timedelta(days=d)


def test_weekdays_across_the_spring_change_are_one_range_in_wall_clock_time():
    items = [(day(d, 9), day(d, 17), "x") for d in range(12) if day(d, 9).weekday() < 5]
    [row] = merge(items, "Europe/Berlin")
    assert row["when"] == "weekdays 09:00–17:00 Europe/Berlin, 23 Mar – 3 Apr 2026"
    # Offsets change on 29 March: each occurrence keeps its own.
    assert iso(row["occurrences"][0][0]) == "2026-03-23T09:00:00+01:00"
    assert iso(row["occurrences"][-1][0]) == "2026-04-03T09:00:00+02:00"


def test_a_skipped_day_splits_the_range_and_overnight_reads_next_day():
    items = [(day(d, 22), day(d + 1, 6), "x") for d in range(10) if d != 2]
    assert [r["when"] for r in merge(items, "Europe/Berlin")] == [
        "Mon, Tue 22:00–06:00 next day Europe/Berlin, 23 Mar – 24 Mar 2026",
        "daily 22:00–06:00 next day Europe/Berlin, 26 Mar – 1 Apr 2026"]


def test_a_lone_or_long_stretch_is_shown_with_its_dates():
    assert [r["when"] for r in merge([(day(0, 10), day(7, 10), "x"), (day(9, 1), day(9, 2),
                                                                       "y")],
                                     "Europe/Berlin")] == [
        "Mon 2026-03-23 10:00 – Mon 2026-03-30 10:00 Europe/Berlin",
        "Wed 2026-04-01 01:00–02:00 Europe/Berlin"]


stretches = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 23), st.integers(1, 60),
              st.sampled_from("ab")),
    max_size=30, unique_by=lambda t: t[0])


@settings(max_examples=60, deadline=None)
@given(stretches)
def test_every_stretch_is_in_exactly_one_row_under_its_own_key(found):
    # One stretch a day at most, from hour h for n hours: never overlapping when n < 24.
    items = [(day(d, h), day(d, h) + timedelta(hours=n % 23 + 1), key)
             for d, h, n, key in found]
    rows = merge(items, "Europe/Berlin")
    back = sorted((a, b, r["key"]) for r in rows for a, b in r["occurrences"])
    assert back == sorted(items)
    for r in rows:
        starts = [a.astimezone(BERLIN).time() for a, _ in r["occurrences"]]
        assert len(set(starts)) == 1
        assert r["when"].count("Europe/Berlin") == 1
