from . import Rule
from ..model import tier_policy


class UrgencySupportHours(Rule):
    code = "E111"
    summary = "Urgency and support hours combine the way PagerDuty allows"
    help = (
        "`support_hours` urgency (high in support hours, low outside) needs support hours; "
        "support hours on a service whose urgency is constant do nothing and are refused "
        "at apply time, so they are an error here. Support hours are one window a day "
        "that ends after it starts: PagerDuty has no overnight support hours."
    )

    def check(self, ctx):
        org = ctx.spec
        tiers = {t: tier_policy(org, t) for t in {s.tier for s in org.services.values()}}
        for sid, s in org.services.items():
            tier = tiers[s.tier]
            urgency = s.urgency or tier["urgency"]
            hours = s.support_hours or tier["support_hours"]
            path = ("services", sid)
            if urgency == "support_hours" and hours is None:
                yield ctx.report(self, path + ("urgency",) if s.urgency else path,
                                 f"service {sid!r} has support_hours urgency but no "
                                 "support hours", "add support_hours: business_hours")
            elif s.support_hours is not None and urgency != "support_hours":
                yield ctx.report(self, path + ("support_hours",),
                                 f"service {sid!r} has support hours but {urgency} urgency",
                                 "set urgency: support_hours or remove support_hours")
            custom = s.support_hours not in (None, "business_hours")
            if custom and s.support_hours.end != "24:00" and \
                    s.support_hours.end <= s.support_hours.start:
                yield ctx.report(self, path + ("support_hours", "end"),
                                 f"support hours must end after they start on the same day "
                                 f"({s.support_hours.start}-{s.support_hours.end}); PagerDuty "
                                 "has no overnight support hours")


RULE = UrgencySupportHours()
