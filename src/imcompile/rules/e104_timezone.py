from functools import cache
from zoneinfo import available_timezones

from . import Rule, did_you_mean
from ._zones import abbreviation, choices


@cache
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


class InvalidTimezone(Rule):
    code = "E104"
    summary = "Time zones are IANA names PagerDuty accepts"
    help = (
        "Every time zone must be an IANA name such as `Europe/Berlin`. PagerDuty rejects "
        "`UTC`: write `Etc/UTC`. An abbreviation such as `PST` or `IST` is answered "
        "with the zones it stands for (`IST`: India, Ireland or Israel), not with the "
        "closest name."
    )

    def check(self, ctx):
        for path, zone in timezones(ctx.spec):
            if zone == "UTC":
                yield ctx.report(self, path, "PagerDuty rejects the time zone 'UTC'",
                                 "write 'Etc/UTC'")
            elif zone not in known_zones() and abbreviation(zone):
                yield ctx.report(self, path, f"{zone!r} is an abbreviation, not a time zone",
                                 choices(abbreviation(zone)))
            elif zone not in known_zones():
                yield ctx.report(self, path, f"unknown time zone {zone!r}",
                                 did_you_mean(zone, known_zones()) or
                                 "use an IANA name such as 'Europe/Berlin'")


def timezones(org):
    yield ("defaults", "timezone"), org.defaults.timezone
    for pid, p in org.people.items():
        if p.timezone:
            yield ("people", pid, "timezone"), p.timezone
    for sid, s in org.schedules.items():
        if s.timezone:
            yield ("schedules", sid, "timezone"), s.timezone
        for rid, r in (s.follow_the_sun or {}).items():
            if r.timezone:
                yield ("schedules", sid, "follow_the_sun", rid, "timezone"), r.timezone
    for sid, s in org.services.items():
        if s.support_hours not in (None, "business_hours") and s.support_hours.timezone:
            yield ("services", sid, "support_hours", "timezone"), s.support_hours.timezone
    for tier, t in org.tiers.items():
        if t.support_hours not in (None, "business_hours") and t.support_hours.timezone:
            yield ("tiers", tier, "support_hours", "timezone"), t.support_hours.timezone


RULE = InvalidTimezone()
