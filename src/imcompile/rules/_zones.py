"""Time zone names people write that are not the IANA names they mean.

Not a rule (the leading underscore keeps it out of `all_rules()`).
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import datetime
from functools import cache
from pathlib import Path

# What people mean by the abbreviations they write: (zone, where) pairs. An abbreviation
# names a clock, not a place: following "did you mean 'MST'" for PST would move an
# on-call by an hour for eight months a year, so these are answered with the places.
_US = {"P": ("America/Los_Angeles", "US Pacific time"),
       "M": ("America/Denver", "US Mountain time"), "C": ("America/Chicago", "US Central time"),
       "E": ("America/New_York", "US Eastern time"), "AK": ("America/Anchorage", "Alaska")}
ABBREVIATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    **{f"{k}{s}T": (v,) for k, v in _US.items() for s in "SD"},
    "MST": (_US["M"], ("America/Phoenix", "Arizona")),
    "CST": (_US["C"], ("Asia/Shanghai", "China")),
    "IST": (("Asia/Kolkata", "India"), ("Europe/Dublin", "Ireland"), ("Asia/Jerusalem", "Israel")),
    "HST": (("Pacific/Honolulu", "Hawaii"),),
    "GMT": (("Europe/London", "UK"), ("Etc/UTC", "UTC without daylight saving")),
    "BST": (("Europe/London", "UK"),),
    "WET": (("Europe/Lisbon", "Portugal"),), "WEST": (("Europe/Lisbon", "Portugal"),),
    **{k: (("Europe/Berlin", "Germany"), ("Europe/Paris", "France"))
       for k in ("CET", "CEST", "MET", "MEST")},
    **{k: (("Europe/Athens", "Greece"), ("Europe/Helsinki", "Finland")) for k in ("EET", "EEST")},
    "MSK": (("Europe/Moscow", "Moscow"),),
    **{k: (("America/Halifax", "Atlantic Canada"),) for k in ("AST", "ADT")},
    "NST": (("America/St_Johns", "Newfoundland"),), "NDT": (("America/St_Johns", "Newfoundland"),),
    "BRT": (("America/Sao_Paulo", "Brazil"),),
    "ART": (("America/Argentina/Buenos_Aires", "Argentina"),),
    "SAST": (("Africa/Johannesburg", "South Africa"),),
    "EAT": (("Africa/Nairobi", "East Africa"),), "WAT": (("Africa/Lagos", "West Africa"),),
    "GST": (("Asia/Dubai", "Gulf"),), "PKT": (("Asia/Karachi", "Pakistan"),),
    "NPT": (("Asia/Kathmandu", "Nepal"),), "ICT": (("Asia/Bangkok", "Indochina"),),
    "WIB": (("Asia/Jakarta", "Western Indonesia"),), "PHT": (("Asia/Manila", "Philippines"),),
    "SGT": (("Asia/Singapore", "Singapore"),), "HKT": (("Asia/Hong_Kong", "Hong Kong"),),
    "JST": (("Asia/Tokyo", "Japan"),), "KST": (("Asia/Seoul", "Korea"),),
    **{k: (("Australia/Sydney", "Sydney"),) for k in ("AEST", "AEDT")},
    **{k: (("Australia/Adelaide", "Adelaide"),) for k in ("ACST", "ACDT")},
    "AWST": (("Australia/Perth", "Perth"),),
    **{k: (("Pacific/Auckland", "New Zealand"),) for k in ("NZST", "NZDT")},
}


def abbreviation(name: str) -> tuple[tuple[str, str], ...]:
    """The zones an abbreviation such as `PST` or `EST5EDT` stands for (empty: none)."""
    found = re.fullmatch(r"([A-Za-z]{2,5})(?:[0-9]+[A-Za-z]*)?", name)
    return ABBREVIATIONS.get(found.group(1).upper(), ()) if found else ()


def choices(zones: tuple[tuple[str, str], ...]) -> str:
    """`write 'Asia/Kolkata' for India or 'Europe/Dublin' for Ireland`."""
    named = [f"{zone!r} for {where}" for zone, where in zones]
    body = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]
    return f"write {body}"


def _zoneinfo_files():
    for base in zoneinfo.TZPATH:
        yield Path(base)
    try:  # the tzdata wheel, where the system has no zone files
        from importlib.resources import files
        yield Path(str(files("tzdata") / "zoneinfo"))
    except (ImportError, ModuleNotFoundError, TypeError):
        return


@cache
def _tables() -> tuple[frozenset[str], dict[str, str]]:
    """(current names from zone.tab and zone1970.tab, alias -> target from tzdata.zi)."""
    for base in _zoneinfo_files():
        if not (base / "zone.tab").is_file():
            continue
        current: set[str] = set()
        for table in ("zone.tab", "zone1970.tab"):
            path = base / table
            if path.is_file():
                for line in path.read_text(encoding="utf-8").splitlines():
                    fields = line.split("\t")
                    if len(fields) >= 3 and not line.startswith("#"):
                        current.add(fields[2])
        links = {}
        zi = base / "tzdata.zi"
        if zi.is_file():
            for line in zi.read_text(encoding="utf-8").splitlines():
                if line.startswith("L "):
                    _, target, alias = line.split()[:3]
                    links[alias] = target
        return frozenset(current), links
    return frozenset(), {}


def _offset(zone: zoneinfo.ZoneInfo) -> str:
    seconds = int(datetime(2026, 1, 15, tzinfo=zone).utcoffset().total_seconds())
    sign = "+" if seconds >= 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _fixed(zone: zoneinfo.ZoneInfo) -> bool:
    return len({datetime(2026, m, 15, tzinfo=zone).utcoffset() for m in (1, 7)}) == 1


def legacy(name: str) -> tuple[str, str] | None:
    """(what is wrong, what to write) for a legacy name such as MST, GMT or US/Pacific.

    None for a current name, an `Etc/` zone (a deliberate fixed offset) or when the
    system has no zone tables to tell.
    """
    current, links = _tables()
    if not current or name in current or name.startswith("Etc/") or name == "Factory":
        return None
    zone = zoneinfo.ZoneInfo(name)
    target = links.get(name)
    meant = abbreviation(name)
    # Whether EST5EDT or CET is a zone or a link depends on the tzdata release: the
    # words for such names do not.
    if _fixed(zone) and (meant or not target):
        what = f"a legacy zone fixed at {_offset(zone)} all year, without daylight saving"
    elif target and not meant:
        what = f"a legacy name for {target!r}"
    else:
        what = "a legacy name kept for old files"
    if meant:
        return what, choices(meant)
    if target and target in current:
        return what, f"write {target!r}"
    return what, "use a Region/City name such as 'Europe/Berlin'"
