from . import WARNING, Rule
from ._zones import legacy
from .e104_timezone import known_zones, timezones


class LegacyTimezone(Rule):
    code = "W104"
    severity = WARNING
    summary = "Time zones are current names, not legacy ones"
    help = (
        "Warns about a zone that tzdata keeps only for old files: a fixed offset such as "
        "`MST` or `EST` (no daylight saving, so Denver or New York on-call moves by an hour "
        "for eight months a year), a rule name such as `EST5EDT`, or an alias such as "
        "`GMT`, `US/Pacific` or `Asia/Calcutta`. The hint names the current zone, from "
        "tzdata's own tables (zone.tab and the links of tzdata.zi)."
    )

    def check(self, ctx):
        for path, zone in timezones(ctx.spec):
            if zone == "UTC" or zone not in known_zones():
                continue  # E104's
            found = legacy(zone)
            if found:
                what, hint = found
                yield ctx.report(self, path, f"time zone {zone!r} is {what}", hint)


RULE = LegacyTimezone()
