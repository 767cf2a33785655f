"""What a responder reads on the wiki pages: links to the one policy, how each service
is paged, readable graphs, channel examples and the team tree."""

import shutil
from pathlib import Path

import pytest

from imcompile.generators import docs
from imcompile.runbooks import inspect_services
from imcompile.validate import validate_file


def generate(path: Path) -> dict[str, str]:
    result = validate_file(path)
    assert result.ok, [d.text() for d in result.diagnostics]
    files = docs.generate(result.model, inspect_services(result.model, path.parent),
                          path.parent)
    return {Path(k).stem: v for k, v in files.items() if k.startswith("docs/")}


@pytest.fixture(scope="module")
def example(root):
    return generate(root / "org.yaml")


def variant(root, tmp_path, old: str, new: str) -> dict[str, str]:
    """The example org with `old` replaced by `new`, with its runbooks beside it."""
    text = (root / "org.yaml").read_text()
    assert old in text
    (tmp_path / "org.yaml").write_text(text.replace(old, new, 1))
    shutil.copytree(root / "runbooks", tmp_path / "runbooks")
    return generate(tmp_path / "org.yaml")


def test_escalation_links_go_to_the_policy_not_the_page_top(example):
    services = example["Services"]
    assert "[Payments escalation](Escalation#policy-payments-escalation)" in services
    assert "](Escalation)" not in services.split("|---|", 1)[1]
    assert '## <a id="policy-payments-escalation"></a>Payments escalation' \
        in example["Escalation"]
    assert "(Escalation#policy-payments-escalation)" in example["On-Call"]


def test_services_show_urgency_and_support_hours(example):
    catalogue = example["Services"].split("\n\n## ", 1)[0]
    rows = {r.split(" | ")[0].lstrip("| "): r for r in catalogue.splitlines()
            if r.startswith("| ")}
    assert "| Paged |" in rows["Service"]
    assert "| high, any hour |" in rows["Payments API"]
    assert "| high Mon–Fri 09:00–17:00 Europe/Berlin, else low |" in rows["Internal Admin"]
    assert "| low, never wakes anyone |" in rows["Developer Docs"]
    # Email alerts carry no severity (W150): the example pages Help Center at high urgency.
    assert "| high, any hour |" in rows["Help Center"]
    assert "Depends on" not in rows["Service"], "a narrow table: dependencies below it"


def test_severity_based_urgency_is_named(root, tmp_path):
    pages = variant(root, tmp_path, "    urgency: high\n    integrations:\n      helpdesk-email",
                    "    urgency: severity_based\n    integrations:\n      helpdesk-email")
    row = next(r for r in pages["Services"].splitlines() if r.startswith("| Help Center |"))
    assert "| by the alert's severity |" in row


def test_dependencies_are_listed_as_a_table_too(example):
    assert ("| Payments API | Postgres (main cluster)<br>Ledger<br>API Gateway | "
            "Checkout Web<br>Internal Admin |") in example["Services"]


def test_past_twenty_services_the_graph_is_drawn_per_team(root, tmp_path):
    extra = "".join(f"  extra-{i}: {{name: Extra {i}, team: web, tier: 4, "
                    "depends_on: [checkout-web]}\n" for i in range(12))
    services = variant(root, tmp_path, "\nservices:\n", "\nservices:\n" + extra)["Services"]
    graphs = services.split("## Dependencies", 1)[1]
    assert "### Payments" in graphs and "### Web" in graphs
    assert graphs.count("```mermaid") == graphs.count("\n### ")


def test_severity_pages_give_their_own_channel_example(root, tmp_path):
    found = variant(root, tmp_path, "incident: inc-{date}-{slug}",
                    "incident: inc-{severity}-{slug}")
    assert "e.g. `#inc-sev0-42`" in found["Severity-SEV0"]
    assert "e.g. `#inc-sev1-42`" in found["Severity-SEV1"]


def test_a_level_never_paged_does_not_name_the_on_call(example):
    sev3 = example["Severity-SEV3"]
    assert "- **Paged:** Never: a ticket in the owning team's queue" in sev3
    assert "on-call" not in sev3
    assert "- **Who:** nobody is paged; the owning team takes the ticket" in sev3


def test_when_unsure_rule_is_said_once_per_page(example):
    for name in ("Home", "Severity-Levels", "Classify-an-Incident"):
        assert example[name].count("assume the higher severity") == 1, name


def test_team_hierarchy_is_a_tree_on_the_escalation_page(example):
    text = example["Escalation"]
    tree = text.split("## Teams", 1)[1].split("\n## ", 1)[0]
    assert "\n- **Engineering** · managers: Davin Mensah\n" in tree
    assert ("\n    - **Payments** · managers: Katarina Novák · escalation: "
            "[Payments escalation](Escalation#policy-payments-escalation)\n") in tree
    assert "\n- **Customer Support**" in tree


def test_pagerduty_subdomain_links_who_is_on_call_now(root, tmp_path):
    found = variant(root, tmp_path, "\nterraform:\n",
                    "\npagerduty:\n  subdomain: acme\n\nterraform:\n")
    assert ("Who is on call right now: [PagerDuty's on-call page]"
            "(https://acme.pagerduty.com/oncalls)") in found["On-Call"]
    assert "who it is now: [PagerDuty](https://acme.pagerduty.com/oncalls)" in found["Home"]


def test_without_a_subdomain_no_pagerduty_link_is_guessed(example):
    assert "pagerduty.com" not in example["On-Call"] + example["Home"]
    assert "see PagerDuty (or run `imcompile oncall`)" in example["On-Call"]


def test_an_adopted_schedule_links_its_pagerduty_page(root, tmp_path):
    found = variant(root, tmp_path, "  payments-primary:\n    team: payments\n",
                    "  payments-primary:\n    team: payments\n    pagerduty_id: PABC123\n")
    assert found["On-Call"].count("pagerduty.com") == 0, "no subdomain, no link"
    (tmp_path / "org.yaml").write_text((tmp_path / "org.yaml").read_text().replace(
        "\nterraform:\n", "\npagerduty:\n  subdomain: acme\n\nterraform:\n", 1))
    text = generate(tmp_path / "org.yaml")["On-Call"]
    assert ("On call now: [the schedule in PagerDuty]"
            "(https://acme.pagerduty.com/schedules/PABC123).") in text
