from . import Rule
from ..channel_template import problem


class SlackConvention(Rule):
    code = "E129"
    summary = "Slack naming conventions use only their own placeholders"
    help = (
        "A convention is text with placeholders in braces: `{team}` in the team "
        "convention, `{service}` and `{team}` in the service convention, `{date}`, "
        "`{number}`, `{slug}` and `{severity}` in the incident convention. Nothing else "
        "may stand in braces: no format specs (`{team:>10}`), attributes or indexes, and "
        "no brace outside a placeholder."
    )

    def check(self, ctx):
        conventions = ctx.spec.slack.conventions
        for kind in ("team", "service", "incident"):
            why = problem(getattr(conventions, kind), kind)
            if why:
                yield ctx.report(self, ("slack", "conventions", kind),
                                 f"the {kind} channel convention {why}")


RULE = SlackConvention()
