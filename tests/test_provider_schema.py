"""The provider-schema oracle: real cdktn output passes, broken JSON is reported exactly."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from imcompile import jsii_env
from imcompile.provider_schema import Attr, check, load_schema, snake_case

jsii_env.configure()  # before the first cdktn import

PD = "pagerduty_schedule.payments-primary"
LAYER = f"{PD}.layer[0]"


def _synth(outdir: Path) -> dict:
    import cdktn
    from cdktn_provider_pagerduty.data_pagerduty_priority import DataPagerdutyPriority
    from cdktn_provider_pagerduty.escalation_policy import (
        EscalationPolicy,
        EscalationPolicyRule,
        EscalationPolicyRuleEscalationRuleAssignmentStrategy,
        EscalationPolicyRuleTarget,
    )
    from cdktn_provider_pagerduty.provider import PagerdutyProvider
    from cdktn_provider_pagerduty.schedule import Schedule, ScheduleLayer, ScheduleLayerRestriction
    from cdktn_provider_pagerduty.service import (
        Service,
        ServiceIncidentUrgencyRule,
        ServiceIncidentUrgencyRuleDuringSupportHours,
        ServiceIncidentUrgencyRuleOutsideSupportHours,
        ServiceSupportHours,
    )
    from cdktn_provider_pagerduty.user import User

    app = cdktn.App(outdir=str(outdir))
    stack = cdktn.TerraformStack(app, "pagerduty")
    PagerdutyProvider(stack, "pagerduty")
    alice = User(stack, "alice", name="Alice Chen", email="alice@acme.example")
    schedule = Schedule(
        stack, "payments-primary", name="Payments primary", time_zone="Europe/Berlin",
        overflow=False,
        layer=[ScheduleLayer(
            name="Weekly", start="2026-01-05T10:00:00+01:00",
            rotation_virtual_start="2026-01-05T10:00:00+01:00",
            rotation_turn_length_seconds=604800, users=[alice.id],
            restriction=[ScheduleLayerRestriction(
                type="weekly_restriction", start_day_of_week=1,
                start_time_of_day="09:00:00", duration_seconds=3600)],
        )],
    )
    policy = EscalationPolicy(
        stack, "payments", name="Payments", num_loops=2, depends_on=[alice],
        rule=[EscalationPolicyRule(
            escalation_delay_in_minutes=15,
            target=[EscalationPolicyRuleTarget(type="schedule_reference", id=schedule.id)],
            escalation_rule_assignment_strategy=(
                EscalationPolicyRuleEscalationRuleAssignmentStrategy(type="round_robin")),
        )],
    )
    Service(
        stack, "payments-api", name="Payments API", escalation_policy=policy.id,
        alert_creation="create_alerts_and_incidents",
        incident_urgency_rule=ServiceIncidentUrgencyRule(
            type="use_support_hours",
            during_support_hours=ServiceIncidentUrgencyRuleDuringSupportHours(
                type="constant", urgency="high"),
            outside_support_hours=ServiceIncidentUrgencyRuleOutsideSupportHours(
                type="constant", urgency="low"),
        ),
        support_hours=ServiceSupportHours(
            type="fixed_time_per_day", time_zone="Europe/Berlin", days_of_week=[1, 2, 3, 4, 5],
            start_time="09:00:00", end_time="17:00:00"),
    )
    DataPagerdutyPriority(stack, "p1", name="P1")
    app.synth()
    (path,) = outdir.rglob("cdk.tf.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _synth(tmp_path_factory.mktemp("cdktn-out"))


@pytest.fixture
def tf(synthesized: dict) -> dict:
    return copy.deepcopy(synthesized)


def test_schema_is_loaded_once_and_cached() -> None:
    load_schema.cache_clear()
    schema = load_schema()
    assert load_schema() is schema
    assert "pagerduty_schedule" in schema and "data.pagerduty_priority" in schema
    assert "pagerduty_priority" not in schema and "data.pagerduty_user" in schema


def test_schema_shapes() -> None:
    schema = load_schema()
    user = schema["pagerduty_user"]
    assert user.attributes["email"] == Attr("string", True)
    assert user.attributes["teams"] == Attr("list<string>", False)
    layer = schema["pagerduty_schedule"].blocks["layer"]
    assert layer.required and layer.max_items is None
    assert layer.block.attributes["rotation_turn_length_seconds"] == Attr("number", True)
    assert schema["pagerduty_schedule"].attributes["overflow"] == Attr("boolean", False)
    assert layer.block.blocks["restriction"].block.attributes["duration_seconds"].required
    service = schema["pagerduty_service"]
    urgency = service.blocks["incident_urgency_rule"]
    assert urgency.max_items == 1 and not urgency.required
    assert urgency.block.blocks["during_support_hours"].max_items == 1
    assert service.blocks["support_hours"].block.attributes["days_of_week"].kind == "list<number>"
    assert service.blocks["scheduled_actions"].max_items is None
    rule = schema["pagerduty_escalation_policy"].blocks["rule"].block
    assert rule.blocks["escalation_rule_assignment_strategy"].max_items == 1
    assert rule.blocks["target"].required
    assert schema["data.pagerduty_priority"].attributes == {"name": Attr("string", True)}


def test_snake_case_matches_cdktn() -> None:
    assert snake_case("rotationTurnLengthSeconds") == "rotation_turn_length_seconds"
    assert snake_case("escalationDelayInMinutes") == "escalation_delay_in_minutes"
    assert snake_case("id") == "id"


def test_synthesized_app_is_clean(synthesized: dict) -> None:
    assert check(synthesized) == []
    # How cdktn renders blocks: list blocks as lists, single (max 1) blocks as objects.
    res = synthesized["resource"]
    assert isinstance(res["pagerduty_schedule"]["payments-primary"]["layer"], list)
    assert isinstance(res["pagerduty_service"]["payments-api"]["incident_urgency_rule"], dict)
    assert res["pagerduty_escalation_policy"]["payments"]["depends_on"] == ["pagerduty_user.alice"]


def test_unknown_attribute(tf: dict) -> None:
    sched = tf["resource"]["pagerduty_schedule"]["payments-primary"]
    sched["layers"] = sched.pop("layer")
    assert check(tf) == [
        f'{PD}: unknown attribute "layers"',
        f'{PD}: missing required block "layer"',
    ]


def test_missing_required_attribute(tf: dict) -> None:
    del tf["resource"]["pagerduty_user"]["alice"]["email"]
    assert check(tf) == ['pagerduty_user.alice: missing required attribute "email"']


def test_wrong_types(tf: dict) -> None:
    sched = tf["resource"]["pagerduty_schedule"]["payments-primary"]
    sched["layer"][0]["restriction"][0]["duration_seconds"] = "3600"
    sched["overflow"] = "false"
    sched["teams"] = ["T1", 5]
    tf["resource"]["pagerduty_user"]["alice"]["name"] = 7
    assert check(tf) == [
        f'{LAYER}.restriction[0]: "duration_seconds" must be a number, got "3600"',
        f'{PD}: "overflow" must be a boolean, got "false"',
        f'{PD}: "teams[1]" must be a string, got 5',
        'pagerduty_user.alice: "name" must be a string, got 7',
    ]


def test_interpolations_and_meta_arguments_are_accepted(tf: dict) -> None:
    sched = tf["resource"]["pagerduty_schedule"]["payments-primary"]
    sched["layer"][0]["rotation_turn_length_seconds"] = "${var.turn}"
    sched["overflow"] = "${var.overflow}"
    sched["teams"] = "${data.pagerduty_team.x.id}"
    sched["lifecycle"] = {"prevent_destroy": True}
    sched["provider"] = "pagerduty.eu"
    sched["count"] = 1
    tf["data"]["pagerduty_priority"]["p1"]["depends_on"] = ["pagerduty_user.alice"]
    assert check(tf) == []


def test_single_block_as_object_or_one_item_list(tf: dict) -> None:
    svc = tf["resource"]["pagerduty_service"]["payments-api"]
    svc["incident_urgency_rule"] = [svc["incident_urgency_rule"]]
    assert check(tf) == []
    svc["incident_urgency_rule"] = svc["incident_urgency_rule"] * 2
    svc["incident_urgency_rule"][1] = {"urgency": "high"}
    assert check(tf) == [
        'pagerduty_service.payments-api: "incident_urgency_rule" allows at most 1 block, got 2',
        'pagerduty_service.payments-api.incident_urgency_rule[1]: '
        'missing required attribute "type"',
    ]


def test_list_block_given_as_object(tf: dict) -> None:
    sched = tf["resource"]["pagerduty_schedule"]["payments-primary"]
    sched["layer"] = sched["layer"][0]
    assert check(tf) == [f'{PD}: "layer" must be a list of blocks, got an object']


def test_nesting_mismatches(tf: dict) -> None:
    sched = tf["resource"]["pagerduty_schedule"]["payments-primary"]
    sched["time_zone"] = {"name": "Europe/Berlin"}
    sched["layer"][0]["restriction"] = "daily"
    policy = tf["resource"]["pagerduty_escalation_policy"]["payments"]
    policy["rule"][0]["target"] = ["schedule_reference"]
    assert check(tf) == [  # document order: cdktn sorts keys
        'pagerduty_escalation_policy.payments.rule[0]: '
        '"target[0]" must be a block object, got "schedule_reference"',
        f'{LAYER}: "restriction" is a block, not an attribute (got "daily")',
        f'{PD}: "time_zone" is an attribute, not a block',
    ]


def test_unknown_types(tf: dict) -> None:
    tf["resource"]["pagerduty_rota"] = {"x": {"name": "X"}}
    tf["data"]["pagerduty_priorities"] = {"all": {}}
    assert check(tf) == [
        'pagerduty_rota.x: unknown resource type "pagerduty_rota"',
        'data.pagerduty_priorities.all: unknown data source type "pagerduty_priorities"',
    ]


def test_data_source_checked(tf: dict) -> None:
    tf["data"]["pagerduty_priority"]["p1"] = {"label": "P1"}
    assert check(tf) == [
        'data.pagerduty_priority.p1: unknown attribute "label"',
        'data.pagerduty_priority.p1: missing required attribute "name"',
    ]
