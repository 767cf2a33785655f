"""generated/slack/channels.json: the channel of every team and service by the org's
conventions (clashes resolved, long names shortened: conventions.channels), with a
topic and purpose from the org, and the incident channel convention explained.

For Slack admins and incident bots: one JSON file, sorted keys, no timestamps.
"""

from __future__ import annotations

import json

from ... import conventions as names
from ...conventions import GENERATED_BANNER
from ...slack_names import problem
from ..docs.runbook_pages import link as runbook_link

FOLDER = "slack"
# conversations.setTopic / setPurpose refuse more than 250 characters.
TOPIC_MAX = 250
RULES = ("lowercase letters, digits, '-' and '_'; at most 80 characters; not punctuation "
         "only; unique in the workspace")


def _fit(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TOPIC_MAX else text[:TOPIC_MAX - 1].rstrip() + "…"


def entries(model) -> tuple[list[dict], list[dict]]:
    """(teams, services): every channel with its name, topic and purpose."""
    teams, services = [], []
    for ch in names.channels(model):
        entry = {"channel": ch.name, "source": "written" if ch.written else "convention",
                 "valid": problem(ch.name) is None}
        if ch.shortened:
            entry["shortened_from"] = ch.convention
        if ch.clashed_with:
            entry["clash"] = f"{ch.wanted} is the channel of {ch.clashed_with}"
        if ch.kind == "team":
            teams.append(_team(model, ch.id, entry))
        else:
            services.append(_service(model, ch.id, entry))
    return teams, services


def generate(model) -> dict[str, str]:
    org = model.spec
    conv = org.slack.conventions
    teams, services = entries(model)
    levels = [s.label for s in org.severities.values() if s.slack.incident_channel]
    doc = {
        "//": GENERATED_BANNER,
        "workspace_id": org.slack.workspace_id,
        "manage_channels": org.slack.manage_channels,
        "rules": RULES,
        "conventions": {"team": conv.team, "service": conv.service, "incident": conv.incident},
        "incident": {
            "template": conv.incident,
            "placeholders": {k: v for k, v in names.INCIDENT_PLACEHOLDERS.items()
                             if "{" + k + "}" in conv.incident},
            "example": names.incident_channel_example(conv.incident),
            "example_values": names.INCIDENT_EXAMPLE,
            "opened_for": levels,
            # What PagerDuty's "create a channel" workflow step is given, per level.
            "pagerduty_channel_name": {label: names.incident_channel_liquid(conv.incident, label)
                                       for label in levels},
        },
        "teams": teams,
        "services": services,
    }
    text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return {f"{FOLDER}/channels.json": text}


def _team(model, tid: str, entry: dict) -> dict:
    team = model.teams[tid]
    policies = [model.policies[p].name for p in sorted(model.policies_by_team.get(tid, []))]
    topic = f"{team.name} team" + (f" · escalation: {', '.join(policies)}" if policies else "")
    return {"team": tid, "name": team.name, **entry,
            "channel_id": team.slack.channel_id,
            "purpose": _fit(team.description or f"The {team.name} team."),
            "topic": _fit(topic)}


def _service(model, sid: str, entry: dict) -> dict:
    s = model.services[sid]
    policy = model.policies.get(s.escalation_policy)
    topic = f"Alerts for {s.name} (tier {s.tier}) · owner: {model.teams[s.team].name}"
    if policy:
        topic += f" · escalation: {policy.name}"
    if s.runbook:
        topic += f" · runbook: {runbook_link(model.spec, s.runbook)}"
    return {"service": sid, "name": s.name, "team": s.team, **entry,
            "channel_id": s.slack_channel_id,
            "purpose": _fit(s.description or f"Alerts for {s.name}."),
            "topic": _fit(topic)}
