"""The PagerDuty token comes from the environment only, and never shows up in output,
logs, exceptions or files, whether the token is accepted or refused."""

import logging

import pytest
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.pagerduty.client import PagerDutyError, Reader
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty

TOKEN = "y_SECRET-pd-token-Q9x4"
ACCOUNT = generate()


def invoke(*args, token=TOKEN):
    return CliRunner().invoke(main, list(args), env={"PAGERDUTY_TOKEN": token})


@pytest.mark.parametrize("token", [TOKEN, "y_SECRET-wrong-token-K3w8"])
def test_the_token_appears_nowhere(tmp_path, caplog, token):
    caplog.set_level(logging.DEBUG)  # the client's debug log included
    org, again, pm = tmp_path / "org.yaml", tmp_path / "again.yaml", tmp_path / "pm.md"
    with FakePagerDuty(ACCOUNT, token=TOKEN) as fake:
        fake.rate_limit(1, retry_after=0)  # the retry path logs too
        results = [invoke("import", "-o", str(org), "--api-url", fake.url),
                   invoke("import", "-o", str(again), "--api-url", fake.url, token=token)]
        for fmt in ("text", "json", "markdown"):
            results.append(invoke("drift", str(org), "--format", fmt, "--api-url", fake.url,
                                  token=token))
        results.append(invoke("postmortem", ACCOUNT["incidents"][0]["id"], str(org), "-o",
                              str(pm), "--api-url", fake.url, token=token))
    seen = caplog.text + "".join(r.output for r in results)
    seen += "".join(repr(r.exception) for r in results if r.exception)
    seen += "".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    assert token not in seen
    assert token[-4:] not in seen  # the client likes to print the last four characters
    if token != TOKEN:
        assert [r.exit_code for r in results] == [0, 1, 1, 1, 1, 1]


def test_the_token_is_not_in_the_readers_errors_or_its_repr():
    with FakePagerDuty(ACCOUNT, token="other") as fake:
        reader = Reader(TOKEN, fake.url)
        with pytest.raises(PagerDutyError) as caught:
            reader.list("/users")
    assert TOKEN not in str(caught.value) and TOKEN[-4:] not in str(caught.value)
    assert TOKEN not in repr(reader) and TOKEN not in repr(vars(reader))


def test_there_is_no_option_to_pass_the_token():
    result = CliRunner().invoke(main, ["import", "--help"])
    assert "--token-env" in result.output and "--token " not in result.output
    refused = CliRunner().invoke(main, ["import", "--token", TOKEN])
    assert refused.exit_code == 2
