"""The CDK Terrain app a user would write by hand instead of using imcompile.

    python benchmarks/handwritten_cdk.py ORG_FILE [OUT_DIR]

It reads the same organisation file (plain YAML, `yaml.safe_load`) and declares the
PagerDuty objects with the typed constructs of cdktn-provider-pagerduty, in one stack,
wiring references the CDK way (`user.id` tokens), then runs `app.synth()`.

Covered: users, teams (with parents), team memberships, weekly/daily rotation schedules
(including `secondary_of` copies), one escalation policy per team from the
`escalation_matrix` (roles primary, secondary, team_manager), services (constant urgency
from their tier, prevent_destroy), their integrations, service dependencies, priority
look-ups, and a sensitive output of the integration keys.

Left out compared with imcompile's output: the severity custom field and its options,
the Slack incident workflows and their triggers, tier tags and tag assignments, Slack
connections, alert grouping, business services, support-hours urgency, layers /
follow-the-sun / restrictions in schedules, explicit `escalation_policies`, the outputs
of every ID, stable logical IDs (CDK derives them from construct paths), and all of the
validation (a mistyped person or team is a KeyError here, or a bad plan later).
"""

from __future__ import annotations

import re
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from imcompile.jsii_env import configure  # only points jsii at the bundled node binary

configure()
from cdktn import App, TerraformOutput, TerraformStack  # noqa: E402
from cdktn_provider_pagerduty import (  # noqa: E402
    data_pagerduty_priority, escalation_policy, schedule, service, service_dependency,
    service_integration, team, team_membership, user)
from cdktn_provider_pagerduty.provider import PagerdutyProvider  # noqa: E402

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
INTEGRATION_TYPES = {"events_api_v2": "events_api_v2_inbound_integration",
                     "email": "generic_email_inbound_integration"}


def seconds(text: str) -> int:
    return sum(int(n) * UNITS[u] for n, u in re.findall(r"(\d+)([smhdw])", text))


def rotation_start(rotation: dict, tz: str) -> str:
    start = date.fromisoformat(rotation["start"])
    handoff = rotation["handoff"]
    if "day" in handoff:
        start += timedelta(days=(DAYS.index(handoff["day"]) - start.weekday()) % 7)
    hh, mm = map(int, handoff["time"].split(":"))
    return datetime.combine(start, time(hh, mm), tzinfo=ZoneInfo(tz)).isoformat()


class OrgStack(TerraformStack):
    def __init__(self, scope, name: str, org: dict):
        super().__init__(scope, name)
        PagerdutyProvider(self, "pagerduty")
        default_tz = org["defaults"]["timezone"]

        users = {}
        for pid, p in org["people"].items():
            users[pid] = user.User(self, f"user-{pid}", name=p["name"], email=p["email"],
                                   time_zone=p.get("timezone", default_tz),
                                   job_title=p.get("job_title"))

        teams = {}
        for tid, t in org["teams"].items():
            teams[tid] = team.Team(self, f"team-{tid}", name=t["name"],
                                   description=t.get("description"))
        for tid, t in org["teams"].items():
            if t.get("parent"):
                teams[tid].parent = teams[t["parent"]].id
            for role, key in (("manager", "managers"), ("responder", "members")):
                for pid in t.get(key, []):
                    team_membership.TeamMembership(
                        self, f"member-{tid}-{pid}", team_id=teams[tid].id,
                        user_id=users[pid].id, role=role)

        schedules, by_role = {}, {}
        for sid, s in org["schedules"].items():
            source = org["schedules"][s["secondary_of"]] if "secondary_of" in s else s
            people = source["people"]
            shift = s.get("shift", 1) % len(people) if "secondary_of" in s else 0
            tz = s.get("timezone") or source.get("timezone") or default_tz
            start = rotation_start(source["rotation"], tz)
            layer = schedule.ScheduleLayer(
                name=sid, start=start, rotation_virtual_start=start,
                rotation_turn_length_seconds=seconds(source["rotation"]["every"]),
                users=[users[pid].id for pid in people[shift:] + people[:shift]])
            schedules[sid] = schedule.Schedule(
                self, f"schedule-{sid}", name=s.get("name", sid), time_zone=tz,
                teams=[teams[s["team"]].id], layer=[layer],
                lifecycle={"prevent_destroy": True})
            role = s.get("role") or ("secondary" if "secondary_of" in s else None)
            by_role.setdefault((s["team"], role), schedules[sid])

        matrix, policies = org["escalation_matrix"], {}
        for tid, t in org["teams"].items():
            if (tid, "primary") not in by_role:
                continue
            rules = []
            for step in matrix["steps"]:
                targets = []
                for ref in step["notify"]:
                    role = ref.removeprefix("role:")
                    if role == "team_manager":
                        targets += [escalation_policy.EscalationPolicyRuleTarget(
                            type="user_reference", id=users[m].id) for m in t["managers"]]
                    elif (tid, role) in by_role:
                        targets.append(escalation_policy.EscalationPolicyRuleTarget(
                            type="schedule_reference", id=by_role[tid, role].id))
                rules.append(escalation_policy.EscalationPolicyRule(
                    escalation_delay_in_minutes=seconds(step.get("escalate_after", "30m")) // 60,
                    target=targets))
            policies[tid] = escalation_policy.EscalationPolicy(
                self, f"policy-{tid}", name=f"{t['name']} escalation",
                num_loops=matrix.get("repeat", 0), teams=[teams[tid].id], rule=rules)

        services, keys = {}, {}
        for sid, s in org["services"].items():
            tier = org["tiers"][s["tier"]]
            services[sid] = service.Service(
                self, f"service-{sid}", name=s["name"],
                description=f"Tier {s['tier']}. Runbook: {s['runbook']}",
                escalation_policy=policies[s["team"]].id,
                acknowledgement_timeout="null", auto_resolve_timeout="null",
                incident_urgency_rule=service.ServiceIncidentUrgencyRule(
                    type="constant", urgency=tier["urgency"]),
                lifecycle={"prevent_destroy": True})
            for iid, integration in s.get("integrations", {}).items():
                created = service_integration.ServiceIntegration(
                    self, f"integration-{sid}-{iid}", name=iid.title(),
                    service=services[sid].id, type=INTEGRATION_TYPES[integration["type"]])
                keys[f"{sid}-{iid}"] = created.integration_key
        for sid, s in org["services"].items():
            for dep in s.get("depends_on", []):
                service_dependency.ServiceDependency(
                    self, f"dependency-{sid}-{dep}", dependency=[
                        service_dependency.ServiceDependencyDependency(
                            supporting_service=[service_dependency.
                                                ServiceDependencyDependencySupportingService(
                                                    id=services[dep].id, type="service")],
                            dependent_service=[service_dependency.
                                               ServiceDependencyDependencyDependentService(
                                                   id=services[sid].id, type="service")])])

        for name in sorted({s["pagerduty_priority"] for s in org["severities"].values()}):
            data_pagerduty_priority.DataPagerdutyPriority(self, f"priority-{name}", name=name)
        TerraformOutput(self, "integration_keys", value=keys, sensitive=True)


def synth(org: dict, outdir: str | Path) -> Path:
    """Synthesise `org` into `outdir`; the path of the stack's cdk.tf.json."""
    app = App(outdir=str(outdir))
    OrgStack(app, "pagerduty", org)
    app.synth()
    return Path(outdir) / "stacks" / "pagerduty" / "cdk.tf.json"


def main(org_file: str | Path, outdir: str | Path) -> Path:
    with open(org_file, encoding="utf-8") as f:
        org = yaml.safe_load(f)
    return synth(org, outdir)


if __name__ == "__main__":
    out = sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="handwritten-")
    print(main(sys.argv[1], out))
