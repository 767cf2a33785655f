from . import Rule


class BusinessHoursOrder(Rule):
    code = "E112"
    summary = "Business hours end after they start"
    help = (
        "`defaults.business_hours` (and a person's own `business_hours`) are one working "
        "day: they end after they start on the same day. Reversed, they would become "
        "overnight support hours, which PagerDuty cannot take (see E111), and restrict "
        "`business_hours` schedules to the night."
    )

    def check(self, ctx):
        org = ctx.spec
        places = [(("defaults", "business_hours"), org.defaults.business_hours)]
        places += [(("people", pid, "business_hours"), p.business_hours)
                   for pid, p in org.people.items() if p.business_hours is not None]
        for path, hours in places:
            if hours.end != "24:00" and hours.end <= hours.start:
                yield ctx.report(
                    self, path + ("end",),
                    f"business hours must end after they start on the same day "
                    f"({hours.start}-{hours.end})",
                    f"did you mean start: \"{hours.end}\", end: \"{hours.start}\"?"
                    if hours.end < hours.start else "")


RULE = BusinessHoursOrder()
