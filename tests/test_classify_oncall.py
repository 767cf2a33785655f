"""`classify --service` says who is on call for the service, and a known severity fills
the incident channel convention."""

import shutil

import pytest
from click.testing import CliRunner

from imcompile.cli import main


def run(*args):
    return CliRunner().invoke(main, ["classify", *args])


@pytest.fixture
def example(root, monkeypatch):
    monkeypatch.chdir(root)


def test_service_names_who_is_on_call_at_that_time(example):
    result = run("--answers", "yes", "--service", "payments-api", "--at", "2026-12-01T03:00")
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    who = out.index(next(line for line in out if line.startswith("Who:")))
    assert out[who + 1:who + 5] == [
        "On call:     step 1, at once: Lukas Becker (Payments Primary, until Mon "
        "2026-12-07 10:00 CET)",
        "             step 2, after 15m: Tobias Schmidt (Payments Secondary, until Mon "
        "2026-12-07 10:00 CET)",
        "             step 3, after 30m: Katarina Novák",
        "             step 4, after 1h: Davin Mensah",
    ]


def test_a_schedule_with_nobody_on_call_says_until_when(example):
    result = run("--answers", "yes", "--service", "help-center", "--at",
                 "2026-12-01T03:00+01:00")
    assert result.exit_code == 0, result.output
    assert ("On call:     step 1, at once: nobody on Support L1 until Tue 2026-12-01 "
            "09:00 CET") in result.output.splitlines()


def test_without_service_nobody_is_looked_up(example):
    assert "On call:" not in run("--answers", "yes").output


@pytest.mark.parametrize("value,message", [
    ("tomorrow", "error: --at: 'tomorrow' is not an ISO 8601 time (e.g. 2026-03-02T03:00)"),
    ("0001-01-01T00:00", "error: --at: '0001-01-01T00:00' is outside the years 1971 to 8999"),
])
def test_bad_time_is_one_line_and_exits_two(example, value, message):
    result = run("--answers", "yes", "--service", "payments-api", "--at", value)
    assert (result.exit_code, result.output) == (2, message + "\n")


def test_known_severity_fills_the_channel_convention(root, tmp_path):
    text = (root / "org.yaml").read_text().replace("incident: inc-{date}-{slug}",
                                                   "incident: inc-{severity}-{slug}")
    (tmp_path / "org.yaml").write_text(text)
    shutil.copytree(root / "runbooks", tmp_path / "runbooks")
    result = run(str(tmp_path / "org.yaml"), "--answers", "no,yes,yes")
    assert result.exit_code == 0, result.output
    assert "Channel:     open #inc-sev1-[number], e.g. #inc-sev1-42" \
        in result.output.splitlines()
