"""Services, their integrations and urgency, and business services, for the importer."""

from __future__ import annotations

import re

from ..conventions import TIER_TAG, title_from_id
from ..timeparse import DAYS
from .account import Account
from .import_schedules import duration, zone
from .slugs import assign

UNOWNED = "imported-unowned"
PLACEHOLDER_TIER = 2
INTEGRATION_TYPES = {"events_api_v2_inbound_integration": "events_api_v2",
                     "generic_email_inbound_integration": "email"}
# What `imcompile build` appends to a service's description (generators/terraform/
# services.py): read back, so that re-importing a managed account keeps the runbook;
# builds before 0.2 also wrote the tier.
RUNBOOK_TAIL = re.compile(r"(?:^|\s+)Runbook: (?P<runbook>\S+)\s*$")
TIER_TAIL = re.compile(r"(?:^|\s+)Tier (?P<tier>[1-9])\.\s*$")



def service_entries(account: Account, out) -> dict:
    ids, deps = out.ids, {}
    for rel in account.dependencies:
        deps.setdefault(rel["dependent_service"]["id"], []).append(rel["supporting_service"]["id"])
    adopted = _dependency_ids(account, ids)
    policies = out.doc["escalation_policies"]
    result = {}
    for s in sorted(account.services, key=lambda s: ids[s["id"]]):
        sid, path = ids[s["id"]], ("services", ids[s["id"]])
        policy = ids.get((s.get("escalation_policy") or {}).get("id"))
        if policy not in policies:
            out.note(path, "its escalation policy was not read; the format needs one: set "
                     "escalation_policy")
        entry = {"name": s["name"], "team": policies[policy]["team"] if policy in policies
                 else UNOWNED}
        # A tier written into the description by an old build, else the policy's tier
        # tag (a policy carries the most critical tier it pages for; two tags, one
        # left behind by hand, count as the more critical).
        tagged = policies.get(policy, {}).get("pagerduty_tier_tags")
        entry["tier"] = min(tagged) if tagged else PLACEHOLDER_TIER
        entry.update(_described(s.get("description") or "", out, path))
        if policy in policies:
            entry["escalation_policy"] = policy
        entry.update(_urgency(s, out, path))
        for key in ("acknowledgement_timeout", "auto_resolve_timeout"):
            entry[key] = duration(int(s[key])) if s.get(key) else "off"
        depends = sorted(ids[d] for d in deps.get(s["id"], []) if d in ids)
        if depends:
            entry["depends_on"] = depends
        grouping = _grouping(s.get("alert_grouping_parameters"), out, path)
        if grouping:
            entry["alert_grouping"] = grouping
        integrations = _integrations(s, out, path)
        if integrations:
            entry["integrations"] = integrations
        entry["pagerduty_id"] = s["id"]
        if s["id"] in adopted:
            entry["pagerduty_dependency_ids"] = adopted[s["id"]]
        result[sid] = entry
    return result


def tier_tags(account: Account, doc: dict) -> dict[str, list[int]]:
    """Adopt the account's tier tags: their IDs go into `pagerduty.tier_tag_ids` (a
    second tag with the same label would be refused); returns {policy ID: tiers it is
    tagged with}, for the assignments' import blocks."""
    labels = {t["id"]: TIER_TAG.fullmatch(t.get("label") or "") for t in account.tags}
    ids = {int(m["tier"]): tag for tag, m in labels.items() if m}
    if ids:
        doc.setdefault("pagerduty", {})["tier_tag_ids"] = dict(sorted(ids.items()))
    found: dict[str, list[int]] = {}
    for tag, policies in account.tagged.items():
        for policy in policies if labels.get(tag) else ():
            found.setdefault(policy, []).append(int(labels[tag]["tier"]))
    return {k: sorted(v) for k, v in found.items()}


def _described(text: str, out, path: tuple) -> dict:
    """tier, description and runbook, as far as the description holds them."""
    text = text.strip()
    entry = {}
    runbook = RUNBOOK_TAIL.search(text)
    if runbook:
        text, entry["runbook"] = text[:runbook.start()], runbook["runbook"]
        if not runbook["runbook"].startswith(("https://", "http://")):
            out.note(path, f"runbook {runbook['runbook']!r} is a file of the repository the "
                     "account was built from: copy it next to this file")
    tier = TIER_TAIL.search(text)
    if tier:
        text, entry["tier"] = text[:tier.start()], int(tier["tier"])
    if text:
        entry["description"] = text
    return entry


def _urgency(s: dict, out, path: tuple) -> dict:
    rule = s.get("incident_urgency_rule") or {"type": "constant", "urgency": "high"}
    if rule.get("type") != "use_support_hours":
        return {"urgency": rule.get("urgency") or "high"}
    during = (rule.get("during_support_hours") or {}).get("urgency")
    outside = (rule.get("outside_support_hours") or {}).get("urgency")
    if (during, outside) != ("high", "low"):
        out.note(path, f"urgency is {during} in support hours and {outside} outside; the "
                 "format has high in and low outside them, written so")
    hours = s.get("support_hours") or {}
    end = (hours.get("end_time") or "17:00:00")[:5]
    found = {"urgency": "support_hours", "support_hours": {
        "timezone": zone(hours.get("time_zone")),
        "days": [DAYS[d - 1] for d in hours.get("days_of_week") or [1, 2, 3, 4, 5]],
        "start": (hours.get("start_time") or "09:00:00")[:5],
        "end": "24:00" if end == "23:59" else end}}
    actions = s.get("scheduled_actions") or []
    if not (len(actions) == 1 and actions[0].get("to_urgency") == "high"
            and (actions[0].get("at") or {}).get("name") == "support_hours_start"):
        out.note(path, "Terraform raises open low-urgency incidents to high when support hours "
                 "start; PagerDuty has other scheduled actions here, which the first apply "
                 "replaces")
    return found


def _integrations(s: dict, out, path: tuple) -> dict:
    found = [i for i in s.get("integrations") or [] if "name" in i]
    ids = assign([(i["id"], i["name"], i["type"]) for i in found])
    result = {}
    for i in sorted(found, key=lambda i: ids[i["id"]]):
        iid = ids[i["id"]]
        vendor = (i.get("vendor") or {}).get("id")
        kind = "vendor" if vendor else INTEGRATION_TYPES.get(i["type"])
        if kind is None:
            out.note(path, f"integration {i['name']!r} is of type {i['type']}, which the format "
                     "cannot write; left out (Terraform leaves it alone)")
            continue
        entry = {"type": kind}
        if i["name"] != title_from_id(iid):
            entry["name"] = i["name"]
        if vendor:
            entry["vendor"] = vendor
        if kind == "email" and i.get("integration_email"):
            entry["email"] = i["integration_email"]
        entry["pagerduty_id"] = i["id"]  # never the integration key: it is a secret
        result[iid] = entry
    return result


def business_entries(account: Account, out) -> dict:
    ids, deps = out.ids, {}
    for rel in account.dependencies:
        deps.setdefault(rel["dependent_service"]["id"], []).append(rel["supporting_service"]["id"])
    adopted = _dependency_ids(account, ids)
    result = {}
    for b in sorted(account.business_services, key=lambda b: ids[b["id"]]):
        entry = {"name": b["name"]}
        if b.get("description"):
            entry["description"] = b["description"]
        team = (b.get("team") or {}).get("id")
        if team in ids:
            entry["team"] = ids[team]
        if b.get("point_of_contact"):
            entry["point_of_contact"] = b["point_of_contact"]
        depends = sorted(ids[d] for d in deps.get(b["id"], []) if d in ids)
        if depends:
            entry["depends_on"] = depends
        entry["pagerduty_id"] = b["id"]
        if b["id"] in adopted:
            entry["pagerduty_dependency_ids"] = adopted[b["id"]]
        result[ids[b["id"]]] = entry
    return result


def _grouping(params: dict | None, out, path: tuple) -> dict | None:
    """A service's alert grouping, as PagerDuty keeps it on the service: a `time`
    timeout in minutes, a window in seconds."""
    kind = (params or {}).get("type")
    if not kind:
        return None
    config = params.get("config") or {}
    entry = {"type": kind}
    if kind == "time":
        if not config.get("timeout"):
            out.note(path, "alert grouping by time until the incident is resolved cannot be "
                     "written: left out")
            return None
        entry["timeout"] = duration(int(config["timeout"]) * 60)
    elif config.get("time_window"):
        entry["time_window"] = duration(int(config["time_window"]))
    if kind.startswith("content") and config.get("fields"):
        entry["fields"] = list(config["fields"])
        entry["aggregate"] = config.get("aggregate") or "all"
    return entry


def _dependency_ids(account: Account, ids: dict) -> dict[str, dict[str, str]]:
    """{dependent's PagerDuty ID: {supporting org ID: dependency ID}}, for import blocks."""
    found: dict[str, dict[str, str]] = {}
    for rel in account.dependencies:
        supporting = ids.get(rel["supporting_service"]["id"])
        if supporting and rel.get("id"):
            found.setdefault(rel["dependent_service"]["id"], {})[supporting] = rel["id"]
    return {k: dict(sorted(v.items())) for k, v in found.items()}
