from . import Rule
from .. import conventions as names
from ..slack_names import problem


class SlackChannelName(Rule):
    code = "E123"
    phase = "model"
    summary = "Slack channel names follow Slack's rules and are unique"
    help = (
        "Channel names, written out or made by the naming conventions, must be lowercase "
        "letters, digits, '-' and '_', at most 80 characters, not punctuation only, and "
        "unique in the workspace. The incident convention is checked on a sample incident. "
        "Names written out must be unique; names the conventions make are made unique "
        "with a suffix (W143)."
    )

    def check(self, ctx):
        model, org = ctx.model, ctx.spec
        owner: dict[str, str] = {}
        channels = [(("teams", t, "slack", "channel") if org.teams[t].slack.channel
                     else ("slack", "conventions", "team"), f"team {t!r}", name)
                    for t, name in model.team_channels.items()]
        channels += [(s.path + ("slack", "channel") if s.spec.slack.channel
                      else ("slack", "conventions", "service"), f"service {s.id!r}",
                      s.slack_channel) for s in model.services.values()]
        for path, who, name in channels:
            why = problem(name)
            if why:
                yield ctx.report(self, path, f"Slack channel {name!r} of {who} {why}")
            elif path[0] == "slack":
                # Convention-made names that clash get a suffix (W143 says so).
                continue
            elif name in owner:
                yield ctx.report(self, path, f"Slack channel {name!r} of {who} is already "
                                 f"the channel of {owner[name]}")
            else:
                owner[name] = who
        yield from self._incident_channels(ctx, org)

    def _incident_channels(self, ctx, org):
        """The convention on a sample incident; with `{severity}`, once for the label of
        every level that opens channels, as each is written into a workflow."""
        pattern = org.slack.conventions.incident
        sample = names.incident_channel_example(pattern)
        why = problem(sample)
        if why:
            yield ctx.report(self, ("slack", "conventions", "incident"),
                             f"incident channels like {sample!r} break Slack's rules: it {why}")
            return
        if "{severity}" not in pattern:
            return
        for sid, sev in org.severities.items():
            if not sev.slack.incident_channel:
                continue
            # The workflow writes the label as channel_safe makes it (sev-1 for "Sev 1!").
            sample = names.incident_channel_example(pattern, names.channel_safe(sev.label))
            why = problem(sample)
            if why:
                yield ctx.report(self, ("severities", sid, "label"),
                                 f"incident channels of {sev.label} like {sample!r} break "
                                 f"Slack's rules: it {why}")


RULE = SlackChannelName()
