"""`imcompile import` adopts what the account already has instead of asking users to
delete it: the `severity` incident field."""

from __future__ import annotations

import copy

import yaml
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty
from imcompile.validate import validate_file

TOKEN = "u+TOKEN-adopt-51c0"


def _import(account: dict, out):
    with FakePagerDuty(copy.deepcopy(account), token=TOKEN) as fake:
        return CliRunner().invoke(main, ["import", "-o", str(out), "--api-url", fake.url],
                                  env={"PAGERDUTY_TOKEN": TOKEN})


def test_the_existing_severity_field_is_adopted(tmp_path):
    account = generate(teams=3, users=12, services=6)
    field = next(f for f in account["custom_fields"] if f["name"] == "severity")
    out = tmp_path / "org.yaml"
    result = _import(account, out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["pagerduty"]["severity_field_id"] == field["id"]
    assert "delete" not in text and "rename" not in text
    # Its options are named in a note, since Terraform makes its own.
    assert (f"pagerduty: the incident field 'severity' ({field['id']}) is adopted; its "
            "options SEV0, SEV1, SEV2, SEV3 are not") in result.stderr
    assert validate_file(out).ok


def test_no_severity_field_no_id(tmp_path):
    account = generate(teams=3, users=12, services=6)
    account["custom_fields"] = []
    out = tmp_path / "org.yaml"
    assert _import(account, out).exit_code == 0
    assert "severity_field_id" not in yaml.safe_load(out.read_text(encoding="utf-8"))[
        "pagerduty"]
