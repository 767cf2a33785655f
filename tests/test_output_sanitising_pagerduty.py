"""Text from a PagerDuty account, which never went through `validate`, as `drift`,
`postmortem` and `import` show it: through the same output layer as the org's text."""

import copy
import json

from click.testing import CliRunner

from imcompile.cli import main
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty
from test_output_sanitising import (BIDI, COMMAND, ESC, EVIL, HTML, IMAGE, LINK, MENTION,
                                    _no_control_or_command, _no_live_markdown)


def test_drift_shows_the_accounts_hostile_text_escaped(tmp_path):
    """Names and descriptions typed into PagerDuty never went through validate."""
    env = {"PAGERDUTY_TOKEN": "drift-token-5c1d"}
    with FakePagerDuty(copy.deepcopy(generate()), token=env["PAGERDUTY_TOKEN"]) as fake:
        org = tmp_path / "org.yaml"
        assert CliRunner().invoke(main, ["import", "-o", str(org), "--api-url", fake.url],
                                  env=env).exit_code == 0
        team = fake.account["teams"][0]
        team["description"] = f"{EVIL} {LINK} {MENTION}"
        fake.account["users"][0]["name"] = f"{COMMAND}{BIDI}"
        outs = {fmt: CliRunner().invoke(main, ["drift", str(org), "--api-url", fake.url,
                                               "--format", fmt], env=env)
                for fmt in ("text", "markdown", "json")}
    for result in outs.values():
        assert result.exit_code == 2, result.output
        _no_control_or_command(result.output)
    assert r"PagerDuty has Mallory\x1b]8;;http://evil\x1b\\n::error::pwned\u202e ##\x5badd-mask]x" \
        in outs["text"].output
    _no_live_markdown(outs["markdown"].output)
    report = json.loads(outs["json"].output)
    assert any(c["pagerduty"] == f"{EVIL} {LINK} {MENTION}"
               for f in report["findings"] for c in f["changes"])


def test_postmortem_draft_escapes_the_incidents_text(tmp_path):
    """An incident title is whatever the alert that opened it said."""
    account = copy.deepcopy(generate())
    incident = account["incidents"][0]
    incident["title"] = f"{EVIL}\n# heading {LINK} {IMAGE} {MENTION} {HTML} fixes #12"
    incident["service"]["summary"] = f"{MENTION} | {LINK}"
    org = tmp_path / "org.yaml"
    org.write_text("apiVersion: imcompile/v1\nkind: Organization\nmetadata: {name: acme}\n"
                   "defaults: {timezone: Europe/Berlin}\nseverities:\n  sev0: {label: SEV0, "
                   "name: Critical, description: Down., response: {page: always}}\n",
                   encoding="utf-8")
    with FakePagerDuty(account, token="pm-token-0b7e") as fake:
        result = CliRunner().invoke(main, ["postmortem", incident["id"], str(org),
                                           "--api-url", fake.url],
                                    env={"PAGERDUTY_TOKEN": "pm-token-0b7e"})
    assert result.exit_code == 0, result.output
    draft = result.output
    _no_control_or_command(draft)
    _no_live_markdown(draft)
    assert r"fixes \#&#8203;12" in draft  # no cross-reference to issue 12
    assert draft.startswith(r"# Post-mortem: Mallory\\x1b\]8;;http:&#8203;//evil\\x1b\\ "
                            r"::error::pwned\\u202e \#\#\[add-mask\]x \# heading")
    service = next(line for line in draft.splitlines() if line.startswith("| Service |"))
    assert service == r"| Service | @&#8203;acme/oncall-team \| \[x\](http:&#8203;//evil.example) |"


def test_import_notes_show_the_accounts_text_escaped(tmp_path):
    account = copy.deepcopy(generate())
    layer = account["schedules"][0]["schedule_layers"][0]
    layer["users"][0] = {"user": {"id": f"X{ESC}[2J\n::error::pwned ##[add-mask]y"}}
    with FakePagerDuty(account, token="imp-token-1") as fake:
        result = CliRunner().invoke(main, ["import", "-o", str(tmp_path / "org.yaml"),
                                           "--api-url", fake.url],
                                    env={"PAGERDUTY_TOKEN": "imp-token-1"})
    note = next(line for line in result.stderr.splitlines() if "is not among" in line)
    assert r"user X\x1b[2J\n::error::pwned ##\x5badd-mask]y is not among" in note
    _no_control_or_command(result.stderr)
