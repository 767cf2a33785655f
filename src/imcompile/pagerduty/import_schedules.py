"""Schedules from PagerDuty to the org format: layers, rotations, restrictions.

PagerDuty lists a schedule's layers with the highest precedence first; the org format
lists them lowest first ("a later layer takes precedence"), so the order is reversed.
A layer's `rotation_virtual_start` becomes the rotation's start date and handoff time
in the schedule's time zone, which is exactly what the Terraform generator turns back
into `start` and `rotation_virtual_start`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..conventions import title_from_id
from ..timeparse import DAYS
from .slugs import assign

WEEK, DAY = 604800, 86400
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def zone(name: str | None) -> str:
    """PagerDuty's `UTC` is the provider's `Etc/UTC`: the same zone, a name it accepts."""
    return "Etc/UTC" if name in (None, "", "UTC") else name


def local(stamp: str, tz: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(ZoneInfo(tz))


def duration(total: int) -> str:
    """Seconds as the format writes durations: 604800 -> `1w`, 5400 -> `1h30m`."""
    parts = []
    for unit, size in (("w", WEEK), ("d", DAY), ("h", 3600), ("m", 60), ("s", 1)):
        count, total = divmod(total, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0m"


def schedule_layers(schedule: dict, people: dict, note) -> dict:
    """{layer ID: layer} in the org's order. `note(text)` records what cannot be kept."""
    tz = zone(schedule.get("time_zone"))
    api_layers = list(reversed(schedule.get("schedule_layers") or []))
    ids = assign([(layer["id"], layer.get("name") or "", f"layer-{n + 1}")
                  for n, layer in enumerate(api_layers)])
    out = {}
    for layer in api_layers:
        lid = ids[layer["id"]]
        entry = {}
        name = layer.get("name") or ""
        if name and name != title_from_id(lid):
            entry["name"] = name
        entry["rotation"] = _rotation(layer, tz, name, note)
        entry["people"] = _people(layer, people, name, note)
        restrictions = _restrictions(layer.get("restrictions") or [], name, note)
        if restrictions:
            entry["restrictions"] = restrictions
        if layer.get("end"):
            entry["end"] = _end(layer, tz, entry["rotation"]["start"], name, note)
        out[lid] = entry
    return out


def _rotation(layer: dict, tz: str, name: str, note) -> dict:
    anchor = local(layer["rotation_virtual_start"], tz)
    turn = int(layer["rotation_turn_length_seconds"])
    if anchor.second or anchor.microsecond:
        note(f"layer {name!r}: handoffs at {anchor:%H:%M:%S} are written to the minute")
    handoff = {"time": f"{anchor:%H:%M}"}
    if turn % WEEK == 0:
        handoff = {"day": DAY_NAMES[anchor.weekday()], **handoff}
    begins = layer.get("start")
    if begins and local(begins, tz) != anchor:
        note(f"layer {name!r} starts {local(begins, tz):%Y-%m-%d %H:%M} in PagerDuty but its "
             f"rotation counts from {anchor:%Y-%m-%d %H:%M}; the format has one date for both, "
             "so the first apply moves the layer's start to the rotation's")
    return {"every": duration(turn), "handoff": handoff, "start": anchor.date().isoformat()}


def _people(layer: dict, people: dict, name: str, note) -> list[str]:
    out = []
    for entry in layer.get("users") or []:
        user = (entry.get("user") or entry).get("id")
        if user in people:
            out.append(people[user])
        else:
            note(f"layer {name!r}: user {user} is not among the account's users; left out")
    return out


def _end(layer: dict, tz: str, start: str, name: str, note) -> str:
    ends = local(layer["end"], tz)
    day = ends.date()
    if ends.time() != datetime.min.time():
        note(f"layer {name!r} ends {ends:%Y-%m-%d %H:%M}; the format ends layers at "
             f"midnight, so it ends at the start of {day}")
    if day.isoformat() <= start:
        day = datetime.fromisoformat(start).date() + timedelta(days=1)
        note(f"layer {name!r} ended before its rotation's first day; written to end "
             f"on {day}, the day after")
    return day.isoformat()


def _hhmm(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


def _restrictions(items: list[dict], name: str, note) -> list[dict]:
    """PagerDuty restrictions as windows. Weekly ones of the same hours on several
    days become one window with those days, in PagerDuty's order."""
    out: list[dict] = []
    for r in items:
        hh, mm, *rest = (r.get("start_time_of_day") or "00:00:00").split(":")
        if rest and int(float(rest[0])):
            note(f"layer {name!r}: a restriction starting at {r['start_time_of_day']} is "
                 "written to the minute")
        start = int(hh) * 60 + int(mm)
        minutes = int(r.get("duration_seconds") or 0) // 60
        if r.get("type") == "daily_restriction":
            if minutes < 1440:  # a whole-day daily restriction restricts nothing
                out.append({"start": _hhmm(start), "end": _hhmm(start + minutes)})
            continue
        day = int(r.get("start_day_of_week") or 1) - 1
        if minutes > 1440:
            note(f"layer {name!r}: a weekly restriction of {duration(minutes * 60)} is written "
                 "as one window a day; it covers the same hours")
        while minutes > 0:
            chunk = min(minutes, 1440)
            _add_window(out, DAYS[day % 7], _hhmm(start), _hhmm(start + chunk))
            minutes -= chunk
            day += 1
    return out


def _add_window(out: list, day: str, start: str, end: str) -> None:
    last = out[-1] if out else None
    if last and last.get("days") and (last["start"], last["end"]) == (start, end):
        last["days"].append(day)
    else:
        out.append({"days": [day], "start": start, "end": end})
