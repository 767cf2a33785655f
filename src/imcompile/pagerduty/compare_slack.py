"""Drift of what posts to Slack: the incident-channel workflow with its trigger, and
the Slack connections of teams and services.

The org file gives these no pagerduty_id: a workflow is matched by name, its trigger
by workflow, a connection by its source and channel."""

from __future__ import annotations

from .findings import CHANGED, MISSING, OUTSIDE, Finding

WORKFLOW, TRIGGER = "pagerduty_incident_workflow", "pagerduty_incident_workflow_trigger"


def compare_workflows(run) -> None:
    """`run` is compare._Compare."""
    account = run.account
    run.names.update((w["id"], w.get("name") or w["id"]) for w in account.workflows)
    pairs = run.match(WORKFLOW, "incident workflow", account.workflows,
                      lambda x: x["name"], lambda o: o.get("name") or "", ids=False)
    run.diff("incident workflow", pairs, _workflow_plan, _workflow_obj)
    for r in run.resources(TRIGGER):
        workflow = run.resolved.get((WORKFLOW, r.attrs["workflow"].name))
        if workflow is None:
            continue  # the workflow itself is reported missing
        found = [t for t in account.triggers if (t.get("workflow") or {}).get("id") == workflow]
        name = f"{run.show(workflow)} ({r.attrs['type']})"
        if not found:
            run.findings.append(Finding(MISSING, "workflow trigger", name, r.name,
                                        why="not in PagerDuty: the next apply creates it"))
            continue
        mine = _trigger_plan(r.attrs)
        changes = [c for key in mine for c in run.describe(key, mine[key],
                                                           _trigger_obj(found[0]).get(key))]
        if changes:
            run.findings.append(Finding(CHANGED, "workflow trigger", name, r.name,
                                        found[0].get("id"), changes))
        for extra in found[1:]:
            run.findings.append(Finding(OUTSIDE, "workflow trigger", name,
                                        pd_id=extra.get("id"),
                                        why="a second trigger of the same workflow"))


def _workflow_plan(x: dict) -> dict:
    out = {"name": x["name"], "description": x.get("description")}
    for n, step in enumerate(x.get("step", []), start=1):
        out[f"step {n}"] = step["name"]
        out[f"step {n} action"] = step["action"]
        for i in step.get("input", []):
            out[f"step {n} input {i['name']!r}"] = i["value"]
    return out


def _workflow_obj(o: dict) -> dict:
    """PagerDuty lists every input of an action, defaults included; only the inputs
    the plan sets are compared (what Terraform would change)."""
    out = {"name": o.get("name"), "description": o.get("description")}
    for n, step in enumerate(o.get("steps") or [], start=1):
        config = step.get("action_configuration") or {}
        out[f"step {n}"] = step.get("name")
        out[f"step {n} action"] = config.get("action_id")
        for i in config.get("inputs") or []:
            out[f"step {n} input {i.get('name')!r}"] = i.get("value")
    return out


def _trigger_plan(x: dict) -> dict:
    return {"type": x["type"], "condition": x.get("condition"),
            "all services": bool(x.get("subscribed_to_all_services"))}


def _trigger_obj(o: dict) -> dict:
    return {"type": o.get("trigger_type"), "condition": o.get("condition"),
            "all services": bool(o.get("is_subscribed_to_all_services"))}


def compare_slack(run) -> None:
    connections = run.account.slack_connections
    planned = run.resources("pagerduty_slack_connection")
    if connections is None or not planned:
        return
    by_key = {(c.get("source_id"), c.get("channel_id")): c for c in connections}
    used = set()
    for r in planned:
        source = run.ref(r.attrs["source_id"])
        name = f"{run.show(source)} → {r.attrs['channel_id']}"
        found = by_key.get((source, r.attrs["channel_id"]))
        if found is None:
            if not str(source).endswith("(not in PagerDuty)"):
                run.findings.append(Finding(MISSING, "Slack connection", name, r.name,
                                            why="not in PagerDuty: the next apply creates it"))
            continue
        used.add(found.get("id"))
        mine, theirs = _connection_plan(r.attrs), _connection_obj(found)
        changes = [c for key in mine for c in run.describe(key, mine[key], theirs.get(key))]
        if changes:
            run.findings.append(Finding(CHANGED, "Slack connection", name, r.name,
                                        found.get("id"), changes))
    for c in connections:
        if c.get("id") not in used:
            channel = c.get("channel_name") or c.get("channel_id")
            run.findings.append(Finding(
                OUTSIDE, "Slack connection",
                f"{c.get('source_name') or run.show(c.get('source_id'))} → {channel}",
                pd_id=c.get("id")))


def _connection_plan(x: dict) -> dict:
    config = (x.get("config") or [{}])[0]
    return {"notification type": x.get("notification_type"),
            "events": sorted(config.get("events") or []),
            "priorities": sorted(config.get("priorities") or [])}


def _connection_obj(o: dict) -> dict:
    config = o.get("config") or {}
    return {"notification type": o.get("notification_type"),
            "events": sorted(config.get("events") or []),
            "priorities": sorted(config.get("priorities") or [])}
