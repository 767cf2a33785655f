"""`imcompile import` against the fake PagerDuty: what a user sees and what is written."""

import copy
import socket
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
import yaml
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty

TOKEN = "u+TOKEN-import-7f3a"
ACCOUNT = generate()


def run(fake_or_url, out, *extra, token=TOKEN):
    url = getattr(fake_or_url, "url", fake_or_url)
    env = {"PAGERDUTY_TOKEN": token} if token else {"PAGERDUTY_TOKEN": ""}
    return CliRunner().invoke(main, ["import", "-o", str(out), "--api-url", url, *extra],
                              env=env)


@pytest.fixture
def fake():
    with FakePagerDuty(copy.deepcopy(ACCOUNT), token=TOKEN) as server:
        yield server


def one_line_error(result, *words):
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    for word in words:
        assert word in lines[0]
    return lines[0]


def test_import_writes_a_valid_file_that_validate_accepts(fake, tmp_path):
    out = tmp_path / "org.yaml"
    result = run(fake, out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schemas/org.v1.schema.json\n")
    checked = CliRunner().invoke(main, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output
    # The only finding is the account owner, who is in no team in the account itself.
    assert checked.output.count("warning W101") == 1 and " error E" not in checked.output


def test_all_pages_are_read_100_at_a_time(fake, tmp_path):
    out = tmp_path / "org.yaml"
    assert run(fake, out).exit_code == 0
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert len(doc["people"]) == len(ACCOUNT["users"]) == 120  # more than one page
    pages = [q for status, path, q in fake.log if path == "/users"]
    assert [(q["limit"], q["offset"]) for q in pages] == [(["100"], ["0"]), (["100"], ["100"])]


def test_requests_stay_few(fake, tmp_path):
    assert run(fake, tmp_path / "org.yaml").exit_code == 0
    a = ACCOUNT
    # lists (users 2 pages, then one page each), members per team, one GET per
    # schedule for its layers, dependencies per service and business service,
    # priorities and incident fields, tags and each tier tag's policies, workflows.
    expected = (2 + 1 + len(a["teams"]) + 1 + len(a["schedules"]) + 1 + 1 + 1
                + len(a["services"]) + len(a["business_services"]) + 1 + 1
                + 1 + len(a["tags"]) + 1)
    assert fake.requests == expected
    assert fake.count("/services/") == 0  # integrations came with the list (include[])


def test_unicode_names_survive_and_ids_are_slugs(fake, tmp_path):
    out = tmp_path / "org.yaml"
    assert run(fake, out).exit_code == 0
    people = yaml.safe_load(out.read_text(encoding="utf-8"))["people"]
    by_name = {}
    for pid, p in people.items():
        by_name.setdefault(p["name"], []).append(pid)
    assert by_name["Zoë Müller"] == ["zoe-muller"]
    assert by_name["Chloé Iyer"] == ["chloe-iyer"]
    # No Latin letters to slug: the ID comes from the email address.
    assert people[by_name["渡辺 健"][0]]["email"].startswith(by_name["渡辺 健"][0].split("-")[0])
    assert sorted(by_name["Alex Kim"]) == ["alex-kim", "alex-kim-2"]


def test_ids_do_not_depend_on_the_order_pagerduty_lists_things(tmp_path):
    shuffled = copy.deepcopy(ACCOUNT)
    for key in ("users", "teams", "schedules", "escalation_policies", "services"):
        shuffled[key].reverse()
    with FakePagerDuty(copy.deepcopy(ACCOUNT), token=TOKEN) as a, \
            FakePagerDuty(shuffled, token=TOKEN) as b:
        assert run(a, tmp_path / "a.yaml").exit_code == 0
        assert run(b, tmp_path / "b.yaml").exit_code == 0
    first = (tmp_path / "a.yaml").read_text(encoding="utf-8").split("\n", 2)[2]
    second = (tmp_path / "b.yaml").read_text(encoding="utf-8").split("\n", 2)[2]
    assert first == second  # everything below the header line naming the URL


def test_a_rate_limited_response_is_retried_after_the_wait_asked_for(fake, tmp_path):
    fake.rate_limit(2, retry_after=1)
    result = run(fake, tmp_path / "org.yaml")
    assert result.exit_code == 0, result.output
    assert "rate-limited 2 times, waited 2s as asked" in result.stdout
    assert [s for s, _, _ in fake.log][:3] == [429, 429, 200]


def test_endless_rate_limiting_gives_up_with_a_clear_error(fake, tmp_path):
    out = tmp_path / "org.yaml"
    fake.rate_limit(1000, retry_after=0)
    one_line_error(run(fake, out), "rate-limiting", "(429)")
    assert not out.exists()


def test_a_bad_token_is_one_line_and_nothing_is_written(fake, tmp_path):
    out = tmp_path / "org.yaml"
    line = one_line_error(run(fake, out, token="wrong-token-9z9z"),
                          "PagerDuty refused the token (401)")
    assert "9z9z" not in line  # not even the end of the token
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_missing_token_says_which_variable(fake, tmp_path):
    one_line_error(run(fake, tmp_path / "org.yaml", token=None), "PAGERDUTY_TOKEN")
    result = CliRunner().invoke(main, ["import", "-o", str(tmp_path / "o.yaml"), "--api-url",
                                       fake.url, "--token-env", "PD_RO_KEY"],
                                env={"PD_RO_KEY": TOKEN, "PAGERDUTY_TOKEN": ""})
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("how, words", [("close", ("cannot reach PagerDuty",)),
                                         ("500", ("with 500",))])
def test_a_server_dying_mid_import_leaves_the_old_file_untouched(fake, tmp_path, how, words):
    out = tmp_path / "org.yaml"
    out.write_text("the file from before\n", encoding="utf-8")
    fake.die_after(30, how=how)
    one_line_error(run(fake, out, "--force"), *words)
    assert out.read_text(encoding="utf-8") == "the file from before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.yaml"]  # no temp file left


def test_an_unreachable_endpoint_is_named(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    one_line_error(run(f"http://127.0.0.1:{port}", tmp_path / "org.yaml"),
                   f"cannot reach PagerDuty at http://127.0.0.1:{port}")


def test_in_a_real_process_a_dying_server_is_still_one_line(fake, tmp_path):
    """No log lines from the client's retries: pytest's log capture hides them here."""
    fake.die_after(5)
    done = subprocess.run([sys.executable, "-m", "imcompile.cli", "import", "-o",
                           str(tmp_path / "org.yaml"), "--api-url", fake.url],
                          env={"PAGERDUTY_TOKEN": TOKEN, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith(f"error: cannot reach PagerDuty at {fake.url} (GET /teams/")
    assert line.endswith("Server disconnected without sending a response; nothing was written")
    assert not (tmp_path / "org.yaml").exists()


def test_plain_http_is_refused_off_loopback(tmp_path):
    one_line_error(run("http://pagerduty.example", tmp_path / "org.yaml"), "https://")


def test_an_existing_file_is_not_replaced_without_force(fake, tmp_path):
    out = tmp_path / "org.yaml"
    out.write_text("mine\n", encoding="utf-8")
    one_line_error(run(fake, out), "--force")
    assert out.read_text(encoding="utf-8") == "mine\n" and fake.requests == 0


def test_what_the_format_cannot_say_is_noted_and_still_valid(fake, tmp_path):
    schedule = fake.account["schedules"][0]
    top = schedule["schedule_layers"][0]
    begins = datetime.fromisoformat(top["start"]) + timedelta(hours=2)
    top["start"] = begins.isoformat()  # the layer began after its rotation's anchor
    top["restrictions"] = [{"type": "weekly_restriction", "start_time_of_day": "09:00:00",
                            "duration_seconds": 5 * 86400, "start_day_of_week": 1}]
    policy = fake.account["escalation_policies"][0]
    policy["teams"] = []
    fake.account["services"][0]["integrations"].append(
        {"id": "PNAGIOS", "type": "nagios_inbound_integration", "name": "Nagios",
         "summary": "Nagios", "vendor": None})
    out = tmp_path / "org.yaml"
    result = run(fake, out)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("import note:")]
    text = " ".join(notes)
    assert "the first apply moves the layer's start" in text
    assert "one window a day; it covers the same hours" in text
    assert "in no team in PagerDuty; the format needs one: put in 'Payments'" in text
    assert "nagios_inbound_integration" in text
    written = out.read_text(encoding="utf-8")
    assert written.count("# import note:") == len(notes)
    layers = yaml.safe_load(written)["schedules"]["payments-primary"]["layers"]
    assert layers["layer-2"]["restrictions"] == [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "09:00"}]


def test_integration_keys_never_reach_the_file(fake, tmp_path):
    out = tmp_path / "org.yaml"
    assert run(fake, out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    keys = [i["integration_key"] for s in ACCOUNT["services"] for i in s["integrations"]
            if "integration_key" in i]
    assert keys and not any(k in text for k in keys)
