"""`imcompile classify`: the decision tree walked at the prompt or with --answers, and
the response of the severity it reaches."""

import pytest
from click.testing import CliRunner

from conftest import BASE, write_org
from imcompile.cli import main


@pytest.fixture
def example(root, monkeypatch):
    monkeypatch.chdir(root)


def run(*args, input=None):
    return CliRunner().invoke(main, ["classify", *args], input=input)


def test_prompt_walks_the_tree_to_a_severity(example):
    result = run(input="n\ny\ny\n")
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    assert out[0] == ("When in doubt, declare an incident and assume the higher severity: "
                      "you can always downgrade later."), "the org's rule, said once"
    assert "1. Is production completely down or critical data at risk? [y/n]: n" in out
    assert "3. Is there a workaround? [y/n]: y" in out
    assert "4. Are customers impacted? [y/n]: " not in result.output
    assert "SEV1 High · major incident" in out
    assert "  → Page on-call, assign an incident commander." in out
    assert "Roles:       Incident Commander, Subject Matter Expert" in out
    assert "Updates:     internal every 30m; status page every 1h" in out
    assert "Post-mortem: Required, within 48h of resolution" in out


def test_the_prompt_asks_again_until_it_gets_yes_or_no(example):
    result = run(input="maybe\ny\n")
    assert result.exit_code == 0
    assert "Error: invalid input" in result.output
    assert "SEV0 Critical · major incident" in result.output


def test_answers_for_scripts(example):
    result = run("--answers", "no, no, no")
    assert result.exit_code == 0
    assert "SEV3 Low" in result.output.splitlines()[1]
    assert "Page:        Never: a ticket in the owning team's queue" in result.output
    assert "Post-mortem: Not required" in result.output
    assert "Channel:" not in result.output, "SEV3 opens no incident channel"


def test_service_names_who_is_paged_in_order(example):
    result = run("--answers", "yes", "--service", "payments-api")
    assert result.exit_code == 0
    assert ("Who:         Payments escalation for Payments API: Payments Primary first; "
            "Payments Secondary at 15m; Katarina Novák at 30m; Davin Mensah at 1h") \
        in result.output.splitlines()
    assert "Channel:     open #inc-[YYYYMMDD]-[number], e.g. #inc-20260105-42" \
        in result.output.splitlines()


@pytest.mark.parametrize("args,message", [
    (["--answers", "no,yes"], "error: --answers ran out: question 3, 'Is there a "
                               "workaround?', has no answer (2 given)"),
    (["--answers", "yes,no"], "error: --answers has 2 answers but the questions reach a "
                               "severity after 1"),
    (["--answers", "yes,perhaps"], "error: --answers: answer 2, 'perhaps', is not yes or no"),
    (["--answers", "yes", "--service", "payment-api"],
     "error: --service: unknown service 'payment-api' (did you mean 'payments-api'?)"),
])
def test_bad_answers_are_one_line_and_exit_two(example, args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.output == message + "\n"


def test_an_org_without_questions_exits_one(tmp_path):
    org = write_org(tmp_path, BASE)
    result = run(str(org), "--answers", "yes")
    assert result.exit_code == 1
    assert result.output == (f"error: {org} has no classification section: add the severity "
                             "questions (see docs/format.md)\n")


def test_an_invalid_org_exits_one_with_its_findings(tmp_path):
    org = write_org(tmp_path, BASE.replace("members: [bob, carol]", "members: [bbo, carol]"))
    result = run(str(org), "--answers", "yes")
    assert result.exit_code == 1
    assert "error E101: unknown person 'bbo'" in result.output
    assert result.output.splitlines()[-1] == (f"error: {org} is invalid: run "
                                              f"`imcompile validate {org}`")
