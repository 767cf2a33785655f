"""Properties of rendering that hold for any schedule (hypothesis), and a brute-force
oracle that walks the window 15 minutes at a time.

Every boundary the generated schedules can have (handoffs, restriction edges, layer
starts and ends, zone offsets) lies on a 15-minute grid, so checking each 15-minute
cell of the window against the oracle checks the whole window.
"""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st

from imcompile.model import Layer, Schedule, Window
from imcompile.oncall import render
from imcompile.oncall.intervals import merge_same

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
         "Etc/UTC", "America/Santiago"]
PEOPLE = ["ann", "ben", "cat", "dev"]
QUARTER = 15 * 60
TURNS = [3600, 5 * 3600, 8 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400]

# Dates near the 2026 daylight-saving changes of the zones above, and plain ones.
NEAR_CHANGES = [date(2026, 3, 8), date(2026, 3, 29), date(2026, 4, 5), date(2026, 9, 6),
                date(2026, 10, 4), date(2026, 10, 25), date(2026, 11, 1), date(2026, 6, 15)]


@st.composite
def windows(draw):
    start = draw(st.integers(0, 95)) * 15
    duration = draw(st.integers(1, 96)) * 15
    day = draw(st.none() | st.integers(0, 6))
    return Window(start, duration, day)


@st.composite
def layers(draw, zone: str, index: int):
    tz = ZoneInfo(zone)
    first = draw(st.sampled_from(NEAR_CHANGES)) - timedelta(days=draw(st.integers(0, 60)))
    minute = draw(st.integers(0, 95)) * 15
    virtual_start = datetime(first.year, first.month, first.day, minute // 60, minute % 60,
                             tzinfo=tz)
    end = None
    if draw(st.booleans()):
        end_day = first + timedelta(days=draw(st.integers(1, 90)))
        end = datetime(end_day.year, end_day.month, end_day.day, tzinfo=tz)
    return Layer(
        id=f"l{index}", name=f"l{index}",
        people=tuple(draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4))),
        virtual_start=virtual_start, turn_seconds=draw(st.sampled_from(TURNS)),
        windows=tuple(draw(st.lists(windows(), max_size=3))), end=end, path=())


@st.composite
def schedules(draw, max_layers: int = 3):
    zone = draw(st.sampled_from(ZONES))
    count = draw(st.integers(1, max_layers))
    return Schedule(id="s", name="s", team="t", timezone=zone, role=None, form="layers",
                    layers=tuple(draw(layers(zone, i)) for i in range(count)),
                    description="", prevent_destroy=False, path=())


@st.composite
def spans_of_time(draw, max_hours: int = 21 * 24):
    """A window on the 15-minute grid near a daylight-saving change."""
    day = draw(st.sampled_from(NEAR_CHANGES)) + timedelta(days=draw(st.integers(-10, 40)))
    start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc) + timedelta(
        seconds=draw(st.integers(0, 95)) * QUARTER)
    return start, start + timedelta(seconds=draw(st.integers(1, max_hours * 4)) * QUARTER)


def ts(moment: datetime) -> int:
    return int(moment.timestamp())


def as_tuples(calendar):
    return [(ts(s.start), ts(s.end), s.person) for s in calendar.shifts]


# --- the oracle: one instant at a time, straight from the rules --------------------

def _instant(naive: datetime, tz) -> int:
    return int(naive.replace(tzinfo=tz).timestamp())


def _allowed(layer, tz, t: int) -> bool:
    if not layer.windows:
        return True
    today = datetime.fromtimestamp(t, tz).date()
    for day in (today - timedelta(days=1), today):
        midnight = datetime(day.year, day.month, day.day)
        for w in layer.windows:
            if w.day is not None and w.day != day.weekday():
                continue
            opens = midnight + timedelta(minutes=w.start_minute)
            closes = opens + timedelta(minutes=w.duration_minutes)
            if _instant(opens, tz) <= t < _instant(closes, tz):
                return True
    return False


def _turn(layer, tz, t: int) -> int:
    origin = layer.virtual_start.replace(tzinfo=None)
    step = timedelta(seconds=layer.turn_seconds)
    k = max(0, (datetime.fromtimestamp(t, tz).replace(tzinfo=None) - origin) // step)
    while _instant(origin + (k + 1) * step, tz) <= t:
        k += 1
    while k > 0 and _instant(origin + k * step, tz) > t:
        k -= 1
    return k


def oracle(schedule, t: int) -> str | None:
    tz = ZoneInfo(schedule.timezone)
    for layer in reversed(schedule.layers):
        if t < ts(layer.virtual_start) or (layer.end and t >= ts(layer.end)):
            continue
        if _allowed(layer, tz, t):
            return layer.people[_turn(layer, tz, t) % len(layer.people)]
    return None


def who_at(tuples, t: int) -> str | None:
    return next((p for s, e, p in tuples if s <= t < e), None)


# --- properties ----------------------------------------------------------------------

@settings(max_examples=100, deadline=None)
@given(schedules(), spans_of_time())
def test_shifts_are_sorted_disjoint_merged_and_inside_the_window(schedule, window):
    cal = render(schedule, *window)
    begin, finish = ts(window[0]), ts(window[1])
    found = as_tuples(cal)
    for s, e, _ in found:
        assert begin <= s < e <= finish
    for (_, e1, p1), (s2, _, p2) in zip(found, found[1:]):
        assert e1 <= s2, "shifts overlap"
        assert not (e1 == s2 and p1 == p2), "adjacent shifts of one person are not merged"
    # gaps are exactly the rest of the window
    pieces = sorted([(s, e) for s, e, _ in found] + [(ts(g.start), ts(g.end)) for g in cal.gaps])
    assert pieces[0][0] == begin and pieces[-1][1] == finish
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))


@settings(max_examples=100, deadline=None)
@given(schedules(), spans_of_time(), st.floats(0, 1))
def test_rendering_a_window_is_rendering_its_halves(schedule, window, where):
    start, end = window
    middle = start + timedelta(seconds=int((end - start).total_seconds() * where))
    whole = as_tuples(render(schedule, start, end))
    halves = as_tuples(render(schedule, start, middle)) + as_tuples(render(schedule, middle, end))
    assert whole == merge_same(halves)


@settings(max_examples=50, deadline=None)
@given(schedules(), spans_of_time(max_hours=72))
def test_every_quarter_hour_matches_the_brute_force_oracle(schedule, window):
    found = as_tuples(render(schedule, *window))
    for t in range(ts(window[0]), ts(window[1]), QUARTER):
        assert who_at(found, t) == oracle(schedule, t), datetime.fromtimestamp(t, timezone.utc)


@settings(max_examples=100, deadline=None)
@given(schedules(max_layers=1), spans_of_time(max_hours=96))
def test_a_started_layer_covers_exactly_its_restricted_hours(schedule, window):
    """With at least one person, a layer has someone on call at every moment its
    restrictions allow (from its start, before its end) and at no other."""
    layer = schedule.layers[0]
    tz = ZoneInfo(schedule.timezone)
    found = as_tuples(render(schedule, *window))
    for t in range(ts(window[0]), ts(window[1]), QUARTER):
        active = ts(layer.virtual_start) <= t and not (layer.end and t >= ts(layer.end))
        assert (who_at(found, t) is not None) == (active and _allowed(layer, tz, t))
