"""A PagerDuty token that cannot be an HTTP header is refused before any request, in
one line that names the variable and never the value; and no form of any token
(raw, repr-escaped, JSON-escaped, URL-encoded) reaches the output, even when the
server echoes it back."""

import json
from urllib.parse import quote, quote_plus

import pytest
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.pagerduty.client import PagerDutyError, Reader, scrub
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty

ACCOUNT = generate()
GOOD = "y_SECRET-pd-token-Q9x4"
INCIDENT = ACCOUNT["incidents"][0]["id"]

REFUSED = [
    ("abc\ndef-SECRET", "a line break"),
    ("tok\r\nX-Evil: 1", "a line break"),
    ("abc\u00e9-SECRET", "a non-ASCII character"),
    ("abc\u2028def-SECRET", "a non-ASCII character"),
    ("abc\x01def-SECRET", "a control character"),
    ("abc\x7fdef-SECRET", "a control character"),
    ("abc def-SECRET", "a space or a tab"),
    ("abc\tdef-SECRET", "a space or a tab"),
]


def forms(token: str) -> list[str]:
    return [token, repr(token)[1:-1], json.dumps(token)[1:-1], quote(token, safe=""),
            quote_plus(token), repr(token.encode())[2:-1]]


def run(args, token, var="PAGERDUTY_TOKEN"):
    return CliRunner().invoke(main, args, env={var: token})


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    path = tmp_path_factory.mktemp("org") / "org.yaml"
    with FakePagerDuty(ACCOUNT, token=GOOD) as fake:
        done = run(["import", "-o", str(path), "--api-url", fake.url], GOOD)
    assert done.exit_code == 0, done.output
    return path


def commands(org, tmp_path, url):
    return {"import": ["import", "-o", str(tmp_path / "new.yaml"), "--api-url", url],
            "drift": ["drift", str(org), "--api-url", url],
            "postmortem": ["postmortem", INCIDENT, str(org), "--api-url", url]}


@pytest.mark.parametrize("token,kind", REFUSED)
def test_a_token_that_cannot_be_a_header_is_refused_before_any_request(
        org, tmp_path, token, kind):
    with FakePagerDuty(ACCOUNT, token=token) as fake:
        results = {name: run(args, token) for name, args in
                   commands(org, tmp_path, fake.url).items()}
        assert fake.requests == 0
    after = {"import": "; nothing was written"}
    for name, result in results.items():
        assert result.exit_code == 1, result.output
        assert result.output == (
            f"error: the environment variable PAGERDUTY_TOKEN holds {kind}, which a "
            "PagerDuty REST API key never contains: set it to the key alone"
            f"{after.get(name, '')}\n")
    assert not (tmp_path / "new.yaml").exists()
    for form in forms(token):
        assert form not in "".join(r.output for r in results.values())


@pytest.mark.parametrize("token", ["", "   ", "\n", "\t\r\n"])
def test_an_empty_or_blank_token_is_refused(org, tmp_path, token):
    with FakePagerDuty(ACCOUNT, token=GOOD) as fake:
        for name, args in commands(org, tmp_path, fake.url).items():
            result = run(args, token)
            assert result.exit_code == 1
            assert result.output.startswith(
                "error: no PagerDuty token: set the environment variable PAGERDUTY_TOKEN "
                "to a REST API key (read-only is enough)"), (name, result.output)
            assert len(result.output.splitlines()) == 1
        assert fake.requests == 0


def test_the_message_names_the_variable_given_with_token_env(org, tmp_path):
    with FakePagerDuty(ACCOUNT, token=GOOD) as fake:
        result = run(["drift", str(org), "--api-url", fake.url, "--token-env", "PD_READ"],
                     "abc\ndef", var="PD_READ")
    assert result.exit_code == 1
    assert result.output == (
        "error: the environment variable PD_READ holds a line break, which a PagerDuty "
        "REST API key never contains: set it to the key alone\n")


def test_a_token_env_that_is_not_a_variable_name_is_an_error(org, tmp_path):
    result = run(["drift", str(org), "--token-env", "PD\nREAD"], GOOD)
    assert result.exit_code == 1
    assert result.output == "error: --token-env: 'PD\\nREAD' is not an environment " \
                            "variable name\n"


def test_surrounding_whitespace_is_not_part_of_the_token(org, tmp_path):
    with FakePagerDuty(ACCOUNT, token=GOOD) as fake:
        result = run(["drift", str(org), "--api-url", fake.url], f"  {GOOD}\n")
    assert result.exit_code in (0, 2), result.output


# A token that can be a header but holds characters that every escaping changes.
ODD = 'y_SECRET"pd\\tok+en/%41=Q9x4'


class Echo(FakePagerDuty):
    """A server that puts the Authorization header, in every encoding, in its errors,
    after `pad` characters (messages are cut at 200)."""

    pad = 0

    def answer(self, path, query, auth):
        with self._lock:
            self.requests += 1
        token = (auth or "").removeprefix("Token token=")
        text = "x" * self.pad + " | ".join(forms(token))
        return 500, {"error": {"message": text, "code": 2000}}, {}


@pytest.mark.parametrize("pad", [0, 190])
def test_a_token_the_server_echoes_is_scrubbed_in_every_form(org, tmp_path, pad):
    with Echo(ACCOUNT, token=ODD) as fake:
        fake.pad = pad
        results = {name: run(args, ODD) for name, args in
                   commands(org, tmp_path, fake.url).items()}
        assert fake.requests > 0
    for name, result in results.items():
        assert result.exit_code == 1, (name, result.output)
        assert f"with 500: {'x' * pad}***" in result.output, result.output
        for form in forms(ODD):
            assert form not in result.output, (name, form, result.output)
        assert ODD[:8] not in result.output  # not even the part before a cut


def test_the_reader_refuses_a_bad_token_without_quoting_it():
    with pytest.raises(PagerDutyError) as caught:
        Reader("abc\ndef-SECRET", "http://127.0.0.1:9")
    assert str(caught.value) == ("the token holds a line break, which a PagerDuty REST "
                                 "API key never contains: set it to the key alone")


def test_scrub_replaces_longer_forms_before_their_parts():
    text = f"a {json.dumps(ODD)} b {quote(ODD, safe='')} c {ODD}"
    assert scrub(text, ODD) == 'a "***" b *** c ***'


@pytest.mark.parametrize("incident", ["../../users?x=1", "a\nb", "", "Q1/../../users"])
def test_an_incident_that_is_not_an_id_is_refused_before_any_request(org, incident):
    with FakePagerDuty(ACCOUNT, token=GOOD) as fake:
        result = run(["postmortem", incident, str(org), "--api-url", fake.url], GOOD)
        assert fake.requests == 0
    assert result.exit_code == 1
    assert result.output == (
        f"error: {incident!r} is not a PagerDuty incident ID, number or URL (e.g. "
        "Q1A2B3C4D5E6F7, 1234 or https://acme.pagerduty.com/incidents/Q1A2B3C4D5E6F7)\n")


def test_an_incident_url_is_still_accepted(org, tmp_path):
    with FakePagerDuty(ACCOUNT, token=GOOD) as fake:
        result = run(["postmortem", f"https://acme.pagerduty.com/incidents/{INCIDENT}",
                      str(org), "-o", str(tmp_path / "pm.md"), "--api-url", fake.url], GOOD)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pm.md").exists()


@pytest.mark.parametrize("command", ["import", "postmortem"])
def test_an_output_that_cannot_be_written_is_one_line(org, tmp_path, command):
    (tmp_path / "file").write_text("a file, not a folder")
    target = tmp_path / "file" / "out.txt"
    args = {"import": ["import", "-o", str(target)],
            "postmortem": ["postmortem", INCIDENT, str(org), "-o", str(target)]}[command]
    with FakePagerDuty(ACCOUNT, token=GOOD) as fake:
        result = run([*args, "--api-url", fake.url], GOOD)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == f"error: cannot write {target}: Not a directory"
    assert (tmp_path / "file").read_text() == "a file, not a folder"
