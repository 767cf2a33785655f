"""Round trip: fixtures -> fake PagerDuty -> `imcompile import` -> Terraform plan.

The Terraform generated from the imported file must describe exactly the objects that
were read: every attribute compared with the fixture's value, and an import block for
each object, so that the first apply adopts them instead of creating copies.
"""

from datetime import datetime

import pytest
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.generators import terraform
from imcompile.generators.terraform.plan import Ref
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty
from imcompile.runbooks import today
from imcompile.validate import validate_file

ADOPTED = ("pagerduty_user", "pagerduty_team", "pagerduty_team_membership",
           "pagerduty_schedule", "pagerduty_escalation_policy", "pagerduty_service",
           "pagerduty_service_integration", "pagerduty_business_service")


@pytest.fixture(scope="module")
def roundtrip(tmp_path_factory):
    account = generate()
    out = tmp_path_factory.mktemp("roundtrip") / "org.yaml"
    with FakePagerDuty(account, token="t0ken-for-roundtrip") as fake:
        result = CliRunner().invoke(main, ["import", "-o", str(out), "--api-url", fake.url],
                                    env={"PAGERDUTY_TOKEN": "t0ken-for-roundtrip"})
    assert result.exit_code == 0, result.output
    checked = validate_file(out)
    assert checked.ok, [d.text() for d in checked.diagnostics]
    plan = terraform.plan(checked.model)
    return account, Plan(plan)


class Plan:
    """The Terraform plan, looked up by PagerDuty ID, with references turned into the
    PagerDuty IDs of the objects they point at."""

    def __init__(self, plan):
        self.resources = plan.resources
        self.by_name = {(r.tf_type, r.name): r for r in plan.resources}
        self.by_import = {(r.tf_type, r.import_id): r for r in plan.resources if r.import_id}

    def attrs(self, tf_type: str, pd_id: str) -> dict:
        return self.resolve(self.by_import[(tf_type, pd_id)].attrs)

    def resolve(self, value):
        if isinstance(value, Ref):
            return self.by_name[(value.tf_type, value.name)].import_id
        if isinstance(value, dict):
            return {k: self.resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        return value


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def present(**fields) -> dict:
    """What Terraform is given: unset (None) attributes are left out."""
    return {k: v for k, v in fields.items() if v is not None}


def test_every_object_read_gets_an_import_block_and_nothing_else_is_created(roundtrip):
    account, plan = roundtrip
    read = {
        "pagerduty_user": {u["id"] for u in account["users"]},
        "pagerduty_team": {t["id"] for t in account["teams"]},
        "pagerduty_team_membership": {f"{m['user']['id']}:{tid}"
                                      for tid, ms in account["members"].items() for m in ms},
        "pagerduty_schedule": {s["id"] for s in account["schedules"]},
        "pagerduty_escalation_policy": {p["id"] for p in account["escalation_policies"]},
        "pagerduty_service": {s["id"] for s in account["services"]},
        "pagerduty_service_integration": {f"{s['id']}.{i['id']}" for s in account["services"]
                                          for i in s["integrations"]},
        "pagerduty_business_service": {b["id"] for b in account["business_services"]},
    }
    for tf_type in ADOPTED:
        made = [r for r in plan.resources if r.tf_type == tf_type]
        assert {r.import_id for r in made} == read[tf_type], tf_type
        assert len(made) == len(read[tf_type]), tf_type


def test_users_and_teams_carry_the_accounts_values(roundtrip):
    account, plan = roundtrip
    for u in account["users"]:
        assert plan.attrs("pagerduty_user", u["id"]) == present(
            name=u["name"], email=u["email"], role=u["role"], time_zone=u["time_zone"],
            job_title=u["job_title"]), u["name"]
    for t in account["teams"]:
        assert plan.attrs("pagerduty_team", t["id"]) == present(
            name=t["name"], description=t["description"],
            parent=(t["parent"] or {}).get("id")), t["name"]
    for tid, members in account["members"].items():
        for m in members:
            uid = m["user"]["id"]
            assert plan.attrs("pagerduty_team_membership", f"{uid}:{tid}") == {
                "team_id": tid, "user_id": uid, "role": m["role"]}


def expected_layer(layer: dict) -> dict:
    restrictions = [present(type=r["type"], start_time_of_day=r["start_time_of_day"],
                            duration_seconds=r["duration_seconds"],
                            start_day_of_week=r["start_day_of_week"])
                    for r in layer["restrictions"]]
    return present(name=layer["name"], start=instant(layer["start"]),
                   end=instant(layer["end"]) if layer["end"] else None,
                   rotation_virtual_start=instant(layer["rotation_virtual_start"]),
                   rotation_turn_length_seconds=layer["rotation_turn_length_seconds"],
                   users=[u["user"]["id"] for u in layer["users"]],
                   restriction=restrictions or None)


def test_schedules_keep_layers_rotations_people_and_restrictions(roundtrip):
    account, plan = roundtrip
    for s in account["schedules"]:
        attrs = plan.attrs("pagerduty_schedule", s["id"])
        layers = attrs.pop("layer")
        for layer in layers:  # Terraform gets ISO strings; compare the instants they name
            for key in ("start", "end", "rotation_virtual_start"):
                if key in layer:
                    layer[key] = instant(layer[key])
        assert attrs == present(name=s["name"], time_zone=s["time_zone"],
                                description=s["description"],
                                teams=[t["id"] for t in s["teams"]]), s["name"]
        # PagerDuty lists the highest layer first; Terraform wants them in order.
        # Ended layers are left out: the provider ends a layer that leaves the config.
        assert layers == [expected_layer(x) for x in reversed(s["schedule_layers"])
                          if not x["end"] or instant(x["end"]).date() > today()], s["name"]


def test_escalation_policies_keep_rules_delays_and_targets(roundtrip):
    account, plan = roundtrip
    for p in account["escalation_policies"]:
        assert plan.attrs("pagerduty_escalation_policy", p["id"]) == present(
            name=p["name"], description=p["description"], num_loops=p["num_loops"],
            teams=[t["id"] for t in p["teams"]],
            rule=[{"escalation_delay_in_minutes": r["escalation_delay_in_minutes"],
                   **({"escalation_rule_assignment_strategy": {"type": "round_robin"}}
                      if r["escalation_rule_assignment_strategy"] == "round_robin" else {}),
                   "target": [{"type": t["type"], "id": t["id"]} for t in r["targets"]]}
                  for r in p["escalation_rules"]]), p["name"]


def test_services_keep_urgency_support_hours_and_timeouts(roundtrip):
    account, plan = roundtrip
    for s in account["services"]:
        # The description as the account has it: nothing appended, so no drift.
        description = s["description"] or ""
        actions = [{**a, "at": [a["at"]]} for a in s["scheduled_actions"]]
        assert plan.attrs("pagerduty_service", s["id"]) == present(
            name=s["name"], description=description,
            escalation_policy=s["escalation_policy"]["id"],
            acknowledgement_timeout=str(s["acknowledgement_timeout"] or "null"),
            auto_resolve_timeout=str(s["auto_resolve_timeout"] or "null"),
            incident_urgency_rule=s["incident_urgency_rule"],
            support_hours=s["support_hours"], scheduled_actions=actions or None), s["name"]


def test_integrations_keep_names_types_vendors_and_emails(roundtrip):
    account, plan = roundtrip
    types = {"events_api_v2_inbound_integration": "events_api_v2_inbound_integration",
             "generic_email_inbound_integration": "generic_email_inbound_integration"}
    for s in account["services"]:
        for i in s["integrations"]:
            vendor = (i["vendor"] or {}).get("id")
            assert plan.attrs("pagerduty_service_integration", f"{s['id']}.{i['id']}") == present(
                name=i["name"], service=s["id"], vendor=vendor,
                type=None if vendor else types[i["type"]],
                integration_email=i.get("integration_email")), i["name"]


def test_business_services_and_dependencies_are_the_accounts(roundtrip):
    account, plan = roundtrip
    for b in account["business_services"]:
        assert plan.attrs("pagerduty_business_service", b["id"]) == present(
            name=b["name"], description=b["description"],
            point_of_contact=b["point_of_contact"], team=(b["team"] or {}).get("id"))
    made = set()
    for r in plan.resources:
        if r.tf_type == "pagerduty_service_dependency":
            dep = plan.resolve(r.attrs["dependency"][0])
            made.add((dep["supporting_service"][0]["id"], dep["dependent_service"][0]["id"]))
    assert made == {(d["supporting_service"]["id"], d["dependent_service"]["id"])
                    for d in account["dependencies"]}
