"""`imcompile drift` against a file without PagerDuty IDs says plainly that the next apply
creates second copies of what it matched by name, rather than updating them."""

from __future__ import annotations

import copy
import json

import yaml
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty
from imcompile.pagerduty.yamltext import dump

TOKEN = "drift-unadopted-2e9a"
ENV = {"PAGERDUTY_TOKEN": TOKEN}
ACCOUNT = generate(teams=3, users=12, services=6)


def _drift(tmp_path, strip: tuple[str, ...], *extra):
    with FakePagerDuty(copy.deepcopy(ACCOUNT), token=TOKEN) as fake:
        org = tmp_path / "org.yaml"
        made = CliRunner().invoke(main, ["import", "-o", str(org), "--api-url", fake.url],
                                  env=ENV)
        assert made.exit_code == 0, made.output
        doc = yaml.safe_load(org.read_text(encoding="utf-8"))
        for section in strip:
            for entry in doc[section].values():
                entry.pop("pagerduty_id", None)
        org.write_text(dump(doc), encoding="utf-8")
        result = CliRunner().invoke(main, ["drift", str(org), "--api-url", fake.url,
                                           "--overrides-days", "0", *extra], env=ENV)
        return result, org, doc


def test_teams_without_ids_would_be_created_a_second_time(tmp_path):
    result, org, doc = _drift(tmp_path, ("teams",))
    assert result.exit_code == 2, result.output
    out = result.output
    org_ids = {t["name"]: tid for tid, t in doc["teams"].items()}
    # (Services may differ too: that is another matter.)
    assert f"differ: {len(org_ids)} would be created a second time" in out.splitlines()[0]
    assert (f"In PagerDuty, and in {org} without a pagerduty_id (the next apply does not "
            "adopt these: it creates a second object for each; `imcompile import` writes "
            "the IDs):") in out
    for team in ACCOUNT["teams"]:
        assert (f'  team "{team["name"]}" ({org_ids[team["name"]]}, {team["id"]}): no '
                "pagerduty_id: the next apply creates a second one") in out
    changed = out.split("Different in PagerDuty", 1)[-1] if "Different in" in out else ""
    assert '  team "' not in changed


def test_json_counts_them(tmp_path):
    result, _, _ = _drift(tmp_path, ("people",), "--format", "json")
    report = json.loads(result.output)
    assert report["in_sync"] is False
    assert report["counts"]["unadopted"] == len(ACCOUNT["users"])
    assert report["counts"]["missing"] == report["counts"]["outside"] == 0
    assert {f["type"] for f in report["findings"] if f["kind"] == "unadopted"} == {"user"}


def test_with_every_id_nothing_is_unadopted(tmp_path):
    result, _, _ = _drift(tmp_path, (), "--format", "json")
    assert json.loads(result.output)["counts"]["unadopted"] == 0
