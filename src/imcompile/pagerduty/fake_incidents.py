"""Incidents with their log entries and severity field values, and schedule overrides,
for the generated account (see fake_data)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .fake_data import HTML, ref

TITLES = ("Checkout fails with timeouts for card payments",
          "Zahlungen schlagen fehl – Timeout bei Ländercode „DE“",
          "Elevated 5xx on the public API after deploy",
          "Search results empty for queries with accents (é, ü, ñ)",
          "Replica lag above 5 minutes",
          "Push notifications delayed ⏱",
          "Login loop for SSO users",
          "Queue consumers stuck after broker restart")
NOTES = ("Rolled back the deploy of 10:02; error rate falling.",
         "Root cause looks like connection pool exhaustion.",
         "Failover to the replica done; monitoring.")


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_incidents(g, count: int) -> None:
    account = g.account
    services, priorities = account["services"], account["priorities"]
    teams = account["teams"][1:]
    for i in range(count):
        service = services[(i * 3) % len(services)]
        k = next(n for n, t in enumerate(teams) if t["id"] == service["teams"][0]["id"])
        people = g.team_people[k]
        manager, responder = people[0], people[1 % len(people)]
        created = datetime(2026, 10, 1, 8, 0, tzinfo=timezone.utc) + timedelta(
            days=2 * i, minutes=17 * i)
        acked = created + timedelta(minutes=(3 + 4 * i) % 25 + 2)
        open_ = i == count - 1 and count > 1  # the last one is still being worked on
        resolved = None if open_ else created + timedelta(minutes=40 + 35 * i)
        priority = priorities[i % 3]
        ident = g.id("incident", i, "Q", 13)
        incident = {
            "id": ident, "type": "incident", "summary": f"[#{1000 + i}] {TITLES[i % len(TITLES)]}",
            "incident_number": 1000 + i, "title": TITLES[i % len(TITLES)],
            "description": TITLES[i % len(TITLES)], "html_url": f"{HTML}/incidents/{ident}",
            "created_at": _iso(created), "status": "acknowledged" if open_ else "resolved",
            "urgency": "high", "service": ref(service),
            "escalation_policy": service["escalation_policy"], "teams": service["teams"],
            "priority": {k2: priority[k2] for k2 in ("id", "type", "summary", "name",
                                                     "description", "color")},
            "assignments": [{"at": _iso(created), "assignee": ref(responder)}],
            "acknowledgements": [{"at": _iso(acked), "acknowledger": ref(responder)}],
            "resolved_at": _iso(resolved) if resolved else None,
            "last_status_change_at": _iso(resolved or acked),
            "incident_key": f"key-{ident.lower()}"}
        account["incidents"].append(incident)
        entries = [
            _entry(g, i, 0, "trigger_log_entry", created, "Triggered through the API.",
                   {"id": service["id"], "type": "service_reference",
                    "summary": service["summary"]}, {"type": "api"}, incident),
            _entry(g, i, 1, "notify_log_entry", created + timedelta(seconds=20),
                   f"Notified {responder['name']} by SMS.", None, {"type": "sms"}, incident,
                   user=ref(responder)),
            _entry(g, i, 2, "acknowledge_log_entry", acked,
                   f"Acknowledged by {responder['name']}.", ref(responder),
                   {"type": "mobile"}, incident),
            _entry(g, i, 3, "annotate_log_entry", acked + timedelta(minutes=6),
                   "Note added.", ref(responder),
                   {"type": "note", "summary": NOTES[i % len(NOTES)]}, incident),
            _entry(g, i, 4, "assign_log_entry", acked + timedelta(minutes=9),
                   f"Assigned to {manager['name']} by {responder['name']}.", ref(responder),
                   {"type": "web_ui"}, incident, assignees=[ref(manager)]),
        ]
        if resolved:
            entries.append(_entry(g, i, 5, "resolve_log_entry", resolved,
                                  f"Resolved by {manager['name']}.", ref(manager),
                                  {"type": "web_ui"}, incident))
        account["log_entries"][ident] = entries[::-1]  # PagerDuty lists the newest first
        field = account["custom_fields"][0]
        account["custom_field_values"][ident] = [{
            "id": field["id"], "type": "field_value", "name": "severity",
            "display_name": "Severity", "data_type": "string",
            "field_type": "single_value_fixed",
            "value": "SEV1" if i % 2 == 0 else None}]


def _entry(g, i, j, kind, when, summary, agent, channel, incident, **extra) -> dict:
    return {"id": g.id("log_entry", (i, j), "R", 13), "type": kind, "summary": summary,
            "created_at": _iso(when), "agent": agent, "channel": channel,
            "incident": {"id": incident["id"], "type": "incident_reference",
                         "summary": incident["summary"]}, **extra}


def add_overrides(g) -> None:
    """One override on now and one next week on the first two schedules."""
    hour = g.now.replace(minute=0)
    for n, schedule in enumerate(g.account["schedules"][:2]):
        people = [u for u in schedule["users"]]
        found = []
        for m, start in enumerate((hour - timedelta(hours=2), hour + timedelta(days=7))):
            found.append({"id": g.id("override", (n, m), "PO"), "type": "override",
                          "start": _iso(start), "end": _iso(start + timedelta(hours=24)),
                          "user": people[(m + 1) % len(people)]})
        g.account["overrides"][schedule["id"]] = found
