from . import WARNING, Rule
from .. import conventions as names


class SlackChannelAdjusted(Rule):
    code = "W143"
    severity = WARNING
    phase = "model"
    summary = "Convention-made Slack channel names fit and do not clash"
    help = (
        "A name made by a naming convention that is longer than Slack's 80 characters is "
        "cut to 77, leaving room for a clash suffix; a convention-made name already taken "
        "by another team or service gets `-2`, `-3`… (names written out claim first, then "
        "teams, then services, each by ID). generated/slack/channels.json has the final "
        "names; write `slack.channel` on the team or service to choose one yourself."
    )

    def check(self, ctx):
        for ch in names.channels(ctx.model):
            path = ("teams" if ch.kind == "team" else "services", ch.id)
            who = f"{ch.kind} {ch.id!r}"
            if ch.shortened:
                yield ctx.report(self, path, f"the {ch.kind} convention makes a channel "
                                 f"name of {len(ch.convention)} characters for {who}; Slack "
                                 f"allows {names.SLACK_MAX}, so it is shortened to "
                                 f"{names.fit_channel(ch.convention)!r}", key=True)
            if ch.clashed_with:
                yield ctx.report(self, path, f"Slack channel {ch.wanted!r} of {who} is already "
                                 f"the channel of {ch.clashed_with}; it becomes {ch.name!r}", key=True)


RULE = SlackChannelAdjusted()
