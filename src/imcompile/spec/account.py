"""What the PagerDuty account can do: its plan and add-ons, the Slack workflow step it
offers, and which alert severities set an incident's priority."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Slug, Spec, Text

PlanName = Literal["free", "professional", "business", "enterprise", "digital_operations"]
Addon = Literal["aiops", "advanced_permissions"]
AlertSeverity = Literal["critical", "error", "warning", "info"]
# `digital_operations` is the former name of `enterprise`.
PLAN_RANK = {"free": 0, "professional": 1, "business": 2, "enterprise": 3,
             "digital_operations": 3}


class IncidentChannelStep(Spec):
    """PagerDuty's "create a Slack channel" workflow step. No public PagerDuty source
    confirms the action ID or the input names and values: they are settings, so an
    account that shows others (in a workflow built in the UI, read back with the API)
    can be matched without a new release."""

    action: Text = Field(
        "pagerduty.com:slack:create-a-channel:4",
        description="Action ID of the step (unverified default).",
    )
    workspace_input: Text = Field("Workspace", description="Name of the workspace input.")
    channel_name_input: Text = Field(
        "Channel Name", description="Name of the input that takes the channel name."
    )
    inputs: dict[Text, str] = Field(
        default_factory=lambda: {"Channel visibility": "public", "Pin incident": "true"},
        description="Further inputs, name to value, written in this order (unverified "
        "defaults; one third-party source gives `Public` and `Yes`).",
    )


class Account(Spec):
    plan: PlanName | None = Field(
        None,
        description="The account's PagerDuty plan. When set, `validate` refuses features "
        "the plan lacks (E157). Omitted: no plan check.",
    )
    addons: list[Addon] = Field(
        default_factory=list, description="Add-ons the account has bought."
    )
    incident_channel_step: IncidentChannelStep = Field(default_factory=IncidentChannelStep)
    priority_from_alerts: dict[AlertSeverity, Slug] = Field(
        default_factory=dict,
        description="Alert severity (Events API v2) to the severity level an incident "
        "opened by such an alert gets: every service's orchestration sets that level's "
        "priority and severity field. Omitted: a person sets the priority.",
    )

    def has_plan(self, plan: str) -> bool:
        """Whether the account is on `plan` or above; an unstated plan is not checked."""
        return self.plan is None or PLAN_RANK[self.plan] >= PLAN_RANK[plan]
