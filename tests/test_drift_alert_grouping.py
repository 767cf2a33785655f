"""Alert grouping goes through `import` and is compared by `drift` where the account
shows it on its services (`alert_grouping_parameters`)."""

from __future__ import annotations

import copy
import json

import yaml
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty

TOKEN = "drift-grouping-7d3e"
ENV = {"PAGERDUTY_TOKEN": TOKEN}


def _account() -> dict:
    account = generate(teams=3, users=12, services=6)
    services = account["services"]
    services[0]["alert_grouping_parameters"] = {"type": "time", "config": {"timeout": 5}}
    services[1]["alert_grouping_parameters"] = {
        "type": "content_based",
        "config": {"aggregate": "any", "fields": ["summary", "source"], "time_window": 600}}
    services[2]["alert_grouping_parameters"] = {"type": "intelligent",
                                                "config": {"time_window": 900}}
    services[3]["alert_grouping_parameters"] = {"type": None, "config": None}
    return account


def _grouping_findings(report: dict) -> list:
    return [(f["name"], c) for f in report["findings"] for c in f["changes"]
            if c["field"] == "alert grouping"]


def test_imported_grouping_is_in_sync_and_a_change_in_pagerduty_is_drift(tmp_path):
    account = _account()
    with FakePagerDuty(copy.deepcopy(account), token=TOKEN) as fake:
        org = tmp_path / "org.yaml"
        made = CliRunner().invoke(main, ["import", "-o", str(org), "--api-url", fake.url],
                                  env=ENV)
        assert made.exit_code == 0, made.output
        services = yaml.safe_load(org.read_text(encoding="utf-8"))["services"]
        by_name = {s["name"]: s for s in services.values()}
        names = [s["name"] for s in account["services"]]
        assert by_name[names[0]]["alert_grouping"] == {"type": "time", "timeout": "5m"}
        assert by_name[names[1]]["alert_grouping"] == {
            "type": "content_based", "time_window": "10m", "fields": ["summary", "source"],
            "aggregate": "any"}
        assert by_name[names[2]]["alert_grouping"] == {"type": "intelligent",
                                                       "time_window": "15m"}
        assert "alert_grouping" not in by_name[names[3]]

        def drift():
            result = CliRunner().invoke(main, ["drift", str(org), "--api-url", fake.url,
                                               "--format", "json", "--overrides-days", "0"],
                                        env=ENV)
            return json.loads(result.output)

        assert _grouping_findings(drift()) == []
        fake.account["services"][0]["alert_grouping_parameters"]["config"]["timeout"] = 10
        fake.account["services"][3]["alert_grouping_parameters"] = {
            "type": "intelligent", "config": {"time_window": 300}}
        assert _grouping_findings(drift()) == [
            (names[0], {"field": "alert grouping", "org": "time, timeout 5m",
                        "pagerduty": "time, timeout 10m"}),
            (names[3], {"field": "alert grouping", "org": "(none)",
                        "pagerduty": "intelligent, window 5m"}),
        ]
