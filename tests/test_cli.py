"""The command line as a user meets it: formats, exit statuses, no tracebacks."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import BASE, write_org
from imcompile.cli import main

BAD = BASE.replace("members: [bob, carol]", "members: [bbo, carol]")


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_text_format_lists_findings_then_a_summary(tmp_path):
    org = write_org(tmp_path, BAD)
    result = invoke("validate", str(org))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{org}:9:3: warning W101: 'bob' is in no team",
        "   9 |   bob: {name: Bob Okafor, email: bob@acme.example}",
        "     |   ^",
        f"{org}:12:59: error E101: unknown person 'bbo' (did you mean 'bob'?)",
        "  12 |   payments: {name: Payments, managers: [alice], members: [bbo, carol]}",
        "     |                                                           ^",
        "invalid (1 error, 1 warning)",
    ]


def test_json_format_is_machine_readable(tmp_path):
    result = invoke("validate", "--format", "json", str(write_org(tmp_path, BAD)))
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False and report["errors"] == 1
    first = report["diagnostics"][1]
    assert first["code"] == "E101" and first["line"] == 12 and first["col"] == 59
    assert first["path"] == "teams.payments.members[0]"
    assert first["hint"] == "did you mean 'bob'?"


def test_github_format_prints_workflow_annotations(tmp_path):
    org = write_org(tmp_path, BAD)
    result = invoke("validate", "--format", "github", str(org))
    assert result.exit_code == 1
    assert result.output.splitlines()[1] == (
        f"::error file={org},line=12,col=59,title=E101::unknown person 'bbo' "
        "(did you mean 'bob'?)")
    assert any(line.startswith("::warning ") for line in result.output.splitlines())


def test_valid_file_exits_zero_even_with_warnings(tmp_path):
    org = write_org(tmp_path, BASE.replace("people: [bob, carol]", "people: [bob]"))
    result = invoke("validate", str(org))
    assert result.exit_code == 0
    assert "warning W102" in result.output


@pytest.mark.parametrize("args", [["validate", "missing.yaml"],
                                  ["validate", "--format", "xml", "org.yaml"],
                                  ["no-such-command"]])
def test_usage_errors_exit_two(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    write_org(tmp_path, BASE)
    assert invoke(*args).exit_code == 2


def test_console_script_never_shows_a_traceback(tmp_path):
    org = write_org(tmp_path, "apiVersion: imcompile/v1\nkind: Organization\nteams: {x: [\n")
    done = subprocess.run([sys.executable, "-m", "imcompile.cli", "validate", str(org)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "error E001: invalid YAML" in done.stderr


def test_help_names_every_command():
    result = invoke("--help")
    for command in ("validate", "build", "schema"):
        assert command in result.output
