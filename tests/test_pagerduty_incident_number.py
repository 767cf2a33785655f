"""`imcompile postmortem` takes an incident's number (`1001`, `#1001`) as well as its ID."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty

from test_pagerduty_postmortem import ORG

TOKEN = "pm-number-token-4c1d"
ACCOUNT = generate()


@pytest.fixture
def org(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(ORG, encoding="utf-8")
    return path


def _postmortem(org, incident):
    with FakePagerDuty(ACCOUNT, token=TOKEN) as fake:
        result = CliRunner().invoke(main, ["postmortem", incident, str(org), "--api-url",
                                           fake.url], env={"PAGERDUTY_TOKEN": TOKEN})
        return result, fake


@pytest.mark.parametrize("number", ["1001", "#1001"])
def test_a_number_drafts_the_same_post_mortem_as_the_id(org, number):
    incident = next(i for i in ACCOUNT["incidents"] if i["incident_number"] == 1001)
    by_id, _ = _postmortem(org, incident["id"])
    by_number, fake = _postmortem(org, number)
    assert by_number.exit_code == 0, by_number.output
    assert by_number.stdout == by_id.stdout
    assert "#1001" in by_number.stdout
    # Found by listing incidents, then read by ID like any other.
    assert fake.count(f"/incidents/{incident['id']}/log_entries") == 1


def test_an_unknown_number_is_a_one_line_error(org):
    result, _ = _postmortem(org, "#99999")
    assert result.exit_code == 1
    assert result.stderr == ("error: PagerDuty has no incident #99999 (404): give its ID "
                             "(e.g. Q1A2B3C4D5E6F7), number or URL\n")
