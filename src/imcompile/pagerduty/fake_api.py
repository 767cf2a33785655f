"""The answers of the fake PagerDuty REST API v2 (see fake_server): GET endpoints in
PagerDuty's shapes, over an account as fake_data generates it."""

from __future__ import annotations

import re
from datetime import datetime

MAX_LIMIT, DEFAULT_LIMIT = 100, 25
SEGMENT = r"([^/]+)"


def error(status: int, message: str, code: int) -> tuple[int, dict]:
    return status, {"error": {"message": message, "code": code}}


NOT_FOUND = error(404, "Not Found", 2100)


class FakeAPI:
    """Endpoint methods take the query (parse_qs form) and path parameters and return
    (status, body). `account` may be changed between requests: tests do."""

    def __init__(self, account: dict):
        self.account = account

    def route(self, path: str, query: dict) -> tuple[int, dict]:
        for pattern, method in ROUTES:
            match = pattern.fullmatch(path)
            if match:
                return getattr(self, method)(query, *match.groups())
        return NOT_FOUND

    def _find(self, kind: str, ident: str) -> dict | None:
        return next((o for o in self.account[kind] if o["id"] == ident), None)

    def _one(self, kind: str, key: str, ident: str, shape=None):
        found = self._find(kind, ident)
        if found is None:
            return NOT_FOUND
        return 200, {key: shape(found) if shape else found}

    def users(self, query):
        return 200, page(self.account["users"], query, "users")

    def user(self, query, ident):
        return self._one("users", "user", ident)

    def teams(self, query):
        return 200, page(self.account["teams"], query, "teams")

    def team(self, query, ident):
        return self._one("teams", "team", ident)

    def members(self, query, ident):
        if self._find("teams", ident) is None:
            return NOT_FOUND
        members = self.account["members"].get(ident, [])
        if "users" in query.get("include[]", []):
            members = [{**m, "user": self._find("users", m["user"]["id"]) or m["user"]}
                       for m in members]
        return 200, page(members, query, "members")

    def schedules(self, query):
        # The list leaves the layers out: they come with GET /schedules/{id}.
        listed = [{k: v for k, v in s.items() if k != "schedule_layers"}
                  for s in self.account["schedules"]]
        return 200, page(listed, query, "schedules")

    def schedule(self, query, ident):
        return self._one("schedules", "schedule", ident)

    def overrides(self, query, ident):
        if self._find("schedules", ident) is None:
            return NOT_FOUND
        since, until = query.get("since", [""])[0], query.get("until", [""])[0]
        if not since or not until:
            return error(400, "Invalid Input Provided: since and until are required", 2001)
        found = [o for o in self.account["overrides"].get(ident, [])
                 if _instant(o["start"]) < _instant(until) and _instant(o["end"]) > _instant(since)]
        return 200, {"overrides": found}

    def policies(self, query):
        return 200, page(self.account["escalation_policies"], query, "escalation_policies")

    def policy(self, query, ident):
        return self._one("escalation_policies", "escalation_policy", ident)

    def _service_view(self, query):
        full = "integrations" in query.get("include[]", [])

        def shape(service):
            if full:
                return service
            refs = [{"id": i["id"], "type": f"{i['type']}_reference", "summary": i["name"]}
                    for i in service["integrations"]]
            return {**service, "integrations": refs}
        return shape

    def services(self, query):
        shape = self._service_view(query)
        return 200, page([shape(s) for s in self.account["services"]], query, "services")

    def service(self, query, ident):
        return self._one("services", "service", ident, self._service_view(query))

    def integration(self, query, service_id, ident):
        service = self._find("services", service_id)
        found = next((i for i in (service or {}).get("integrations", []) if i["id"] == ident), None)
        return (200, {"integration": found}) if found else NOT_FOUND

    def business_services(self, query):
        return 200, page(self.account["business_services"], query, "business_services")

    def business_service(self, query, ident):
        return self._one("business_services", "business_service", ident)

    def _relationships(self, kind, ident):
        if self._find(kind, ident) is None:
            return NOT_FOUND
        return 200, {"relationships": [
            r for r in self.account["dependencies"]
            if ident in (r["supporting_service"]["id"], r["dependent_service"]["id"])]}

    def technical_dependencies(self, query, ident):
        return self._relationships("services", ident)

    def business_dependencies(self, query, ident):
        return self._relationships("business_services", ident)

    def priorities(self, query):
        return 200, page(self.account["priorities"], query, "priorities")

    def custom_fields(self, query):
        return 200, {"fields": self.account["custom_fields"]}

    def incidents(self, query):
        return 200, page(self.account["incidents"], query, "incidents")

    def incident(self, query, ident):
        return self._one("incidents", "incident", ident)

    def log_entries(self, query, ident):
        if self._find("incidents", ident) is None:
            return NOT_FOUND
        return 200, page(self.account["log_entries"].get(ident, []), query, "log_entries")

    def field_values(self, query, ident):
        if self._find("incidents", ident) is None:
            return NOT_FOUND
        return 200, {"custom_fields": self.account["custom_field_values"].get(ident, [])}

    # --- tags: assigned to users, teams and escalation policies only --------------

    def tags(self, query):
        wanted = query.get("query", [""])[0].casefold()
        found = [t for t in self.account.get("tags", []) if wanted in t["label"].casefold()]
        return 200, page(found, query, "tags")

    def tag(self, query, ident):
        found = next((t for t in self.account.get("tags", []) if t["id"] == ident), None)
        return (200, {"tag": found}) if found else NOT_FOUND

    def tagged(self, query, ident, entity_type):
        if entity_type not in TAGGABLE:
            return NOT_FOUND
        if self.tag(query, ident) == NOT_FOUND:
            return NOT_FOUND
        ids = [a["entity_id"] for a in self.account.get("tag_assignments", [])
               if a["tag_id"] == ident and a["entity_type"] == entity_type]
        found = [o for o in self.account[TAGGABLE[entity_type]] if o["id"] in ids]
        return 200, page(found, query, entity_type)

    def entity_tags(self, query, entity_type, ident):
        if self._find(TAGGABLE[entity_type], ident) is None:
            return NOT_FOUND
        ids = [a["tag_id"] for a in self.account.get("tag_assignments", [])
               if a["entity_id"] == ident and a["entity_type"] == entity_type]
        return 200, page([t for t in self.account.get("tags", []) if t["id"] in ids],
                         query, "tags")

    # --- incident workflows and their triggers ------------------------------------

    def workflows(self, query):
        steps = "steps" in query.get("include[]", [])
        listed = [w if steps else {k: v for k, v in w.items() if k != "steps"}
                  for w in self.account.get("incident_workflows", [])]
        return 200, page(listed, query, "incident_workflows")

    def workflow(self, query, ident):
        found = next((w for w in self.account.get("incident_workflows", [])
                      if w["id"] == ident), None)
        return (200, {"incident_workflow": found}) if found else NOT_FOUND

    def triggers(self, query):
        """Cursor pagination, as PagerDuty pages this list."""
        found = self.account.get("workflow_triggers", [])
        workflow = query.get("workflow_id", [""])[0]
        if workflow:
            found = [t for t in found if t["workflow"]["id"] == workflow]
        try:
            limit = min(int(query.get("limit", [DEFAULT_LIMIT])[0]), MAX_LIMIT)
            start = int(query.get("cursor", ["0"])[0] or 0)
        except ValueError:
            return error(400, "Invalid Input Provided: limit and cursor", 2001)
        chunk = found[start:start + max(limit, 1)]
        after = start + len(chunk)
        more = after < len(found)
        return 200, {"triggers": chunk, "limit": limit,
                     "next_cursor": str(after) if more else None, "more": more}

    # --- Slack connections (the Slack integration API; a user token) --------------

    def slack_connections(self, query, workspace):
        found = [c for c in self.account.get("slack_connections", [])
                 if c.get("workspace_id") == workspace]
        return 200, page(found, query, "slack_connections")



ROUTES = [(re.compile(p.replace("{}", SEGMENT)), m) for p, m in (
    ("/users", "users"), ("/users/{}", "user"),
    ("/teams", "teams"), ("/teams/{}", "team"), ("/teams/{}/members", "members"),
    ("/schedules", "schedules"), ("/schedules/{}", "schedule"),
    ("/schedules/{}/overrides", "overrides"),
    ("/escalation_policies", "policies"), ("/escalation_policies/{}", "policy"),
    ("/services", "services"), ("/services/{}", "service"),
    ("/services/{}/integrations/{}", "integration"),
    ("/business_services", "business_services"), ("/business_services/{}", "business_service"),
    ("/service_dependencies/technical_services/{}", "technical_dependencies"),
    ("/service_dependencies/business_services/{}", "business_dependencies"),
    ("/priorities", "priorities"),
    ("/incidents/custom_fields", "custom_fields"),
    ("/incidents", "incidents"), ("/incidents/{}", "incident"),
    ("/incidents/{}/log_entries", "log_entries"),
    ("/incidents/{}/custom_fields/values", "field_values"),
    ("/tags", "tags"), ("/tags/{}", "tag"), ("/tags/{}/{}", "tagged"),
    (r"/(users|teams|escalation_policies)/{}/tags", "entity_tags"),
    ("/incident_workflows", "workflows"), ("/incident_workflows/triggers", "triggers"),
    ("/incident_workflows/{}", "workflow"),
    ("/integration-slack/workspaces/{}/connections", "slack_connections"),
)]
TAGGABLE = {"users": "users", "teams": "teams", "escalation_policies": "escalation_policies"}
SLACK_PREFIX = "/integration-slack/"


def page(items: list, query: dict, key: str) -> dict:
    """Classic pagination as PagerDuty does it."""
    try:
        limit = min(int(query.get("limit", [DEFAULT_LIMIT])[0]), MAX_LIMIT)
        offset = int(query.get("offset", ["0"])[0])
    except ValueError:
        limit, offset = DEFAULT_LIMIT, 0
    chunk = items[offset:offset + max(limit, 0)]
    want_total = query.get("total", ["false"])[0] == "true"
    return {key: chunk, "limit": limit, "offset": offset,
            "more": offset + len(chunk) < len(items),
            "total": len(items) if want_total else None}


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
