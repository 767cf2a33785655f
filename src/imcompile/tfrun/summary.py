"""A plan in names, from `terraform show -json`: what a reviewer needs, no values."""

from __future__ import annotations

from dataclasses import dataclass

from .. import textsafe

KINDS = {
    "pagerduty_user": "person", "pagerduty_team": "team",
    "pagerduty_team_membership": "team membership", "pagerduty_schedule": "schedule",
    "pagerduty_escalation_policy": "escalation policy", "pagerduty_service": "service",
    "pagerduty_business_service": "business service",
    "pagerduty_service_dependency": "service dependency",
    "pagerduty_service_integration": "service integration",
    "pagerduty_slack_connection": "Slack connection", "pagerduty_tag": "tag",
    "pagerduty_tag_assignment": "tag assignment",
    "pagerduty_incident_workflow": "incident workflow",
    "pagerduty_incident_workflow_trigger": "incident workflow trigger",
    "pagerduty_incident_custom_field": "incident field",
    "pagerduty_incident_custom_field_option": "incident field option",
    "slack_conversation": "Slack channel",
}
# What is lost with the object, said where it is destroyed.
LOSSES = {
    "pagerduty_service": "its incident history is lost",
    "pagerduty_schedule": "its on-call history and overrides are lost",
    "pagerduty_user": "their incident history and notification rules are lost",
    "pagerduty_business_service": "its status history is lost",
}
VERBS = {("create",): "create", ("update",): "update", ("delete",): "destroy",
         ("delete", "create"): "replace", ("create", "delete"): "replace"}


@dataclass(frozen=True)
class Change:
    action: str  # create, update, replace, destroy, move, import
    address: str
    kind: str
    ident: str
    label: str | None

    @property
    def loss(self) -> str:
        tf_type = self.address.split(".")[-2] if "." in self.address else ""
        return LOSSES.get(tf_type, "") if self.action in ("destroy", "replace") else ""

    def text(self) -> str:
        what = f"{self.label} ({self.ident})" if self.label and self.label != self.ident \
            else self.ident
        loss = f" — {self.loss}" if self.loss else ""
        return f"{self.action} {self.kind} {what}{loss}"


def changes(plan: dict) -> list[Change]:
    out = []
    for rc in plan.get("resource_changes", []):
        if rc.get("mode") != "managed":
            continue
        change = rc.get("change", {})
        verb = VERBS.get(tuple(change.get("actions", [])))
        if verb is None and rc.get("previous_address"):
            verb = "move"
        if verb is None and change.get("importing"):
            verb = "import"
        if verb is None:
            continue
        values = change.get("after") or change.get("before") or {}
        name = values.get("name") if isinstance(values, dict) else None
        ident = rc.get("name", "") + (f"[{rc['index']!r}]" if "index" in rc else "")
        out.append(Change(verb, rc.get("address", ""), _kind(rc.get("type", "")),
                          clean(ident), clean(name) if isinstance(name, str) else None))
    return out


def _kind(tf_type: str) -> str:
    return KINDS.get(tf_type) or tf_type.removeprefix("pagerduty_").replace("_", " ")


def clean(text: str) -> str:
    """Org text is hostile: control characters and bidi overrides shown escaped (the one
    output layer, textsafe), and the name cut to a readable length."""
    return textsafe.controls(text)[:200]
