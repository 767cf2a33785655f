"""Local runbooks: found next to the org file, checked for their sections and their
age (against IMCOMPILE_TODAY in tests), listed in the docs' runbook index."""

from pathlib import Path

from click.testing import CliRunner

from conftest import BASE, write_org
from imcompile.cli import main
from imcompile.generators import docs
from imcompile.runbooks import inspect, inspect_services
from imcompile.validate import validate_file, validate_text

GOOD = """\
# Runbook: API errors

## Trigger
Alert "API error rate".

Severity
--------
SEV1

## Prerequisites
Access to the deploy pipeline.

## Steps
```sh
# a comment in a code block, not a heading
## Rollback
```
1. Roll back.

## ROLLBACK
Re-deploy.

## Owner: Payments
## Last updated
2026-03-01
"""

ORG = BASE + """\
services:
  api: {name: API, team: payments, tier: 2, runbook: runbooks/api.md}
"""


def org_with_runbook(tmp_path, text=GOOD, org=ORG) -> Path:
    (tmp_path / "runbooks").mkdir(exist_ok=True)
    (tmp_path / "runbooks" / "api.md").write_text(text, encoding="utf-8")
    return write_org(tmp_path, org)


def messages(result):
    return [d.text().split(": ", 1)[1] for d in result.diagnostics]


def test_sections_are_headings_outside_code_blocks_in_any_case(tmp_path):
    (tmp_path / "x.md").write_text(GOOD)
    book = inspect("x.md", tmp_path, ["Trigger", "Severity", "steps", "Rollback", "Owner",
                                      "Last updated", "Verification"])
    assert book.missing == ("Verification",)
    assert str(book.last_updated) == "2026-03-01"


def test_inline_last_updated_line_counts(tmp_path):
    (tmp_path / "x.md").write_text("# X\n\n**Last updated:** 2025-12-01\n")
    assert str(inspect("x.md", tmp_path, []).last_updated) == "2025-12-01"


def test_a_complete_recent_runbook_passes(tmp_path, monkeypatch):
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-06-01")
    assert messages(validate_file(org_with_runbook(tmp_path))) == []


def test_runbooks_are_found_next_to_the_org_file_not_the_working_folder(tmp_path,
                                                                       monkeypatch):
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-06-01")
    org = org_with_runbook(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = CliRunner().invoke(main, ["validate", str(org)])
    assert result.exit_code == 0, result.output


def test_missing_file_is_an_error(tmp_path):
    org = write_org(tmp_path, ORG)
    assert messages(validate_file(org)) == [
        "error E140: runbook 'runbooks/api.md' of service 'api' does not exist "
        "(paths are relative to the org file's folder)"]


def test_missing_sections_are_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-06-01")
    org = org_with_runbook(tmp_path, GOOD.replace("## ROLLBACK", "## Undo"))
    assert messages(validate_file(org)) == [
        "error E141: runbook 'runbooks/api.md' of service 'api' lacks the section Rollback "
        "(add each as a Markdown heading, e.g. '## Rollback')"]


def test_staleness_follows_the_injected_date(tmp_path, monkeypatch):
    org = org_with_runbook(tmp_path)
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-08-28")  # 180 days after 2026-03-01
    assert messages(validate_file(org)) == []
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-08-29")
    assert messages(validate_file(org)) == [
        "warning W140: runbook 'runbooks/api.md' of service 'api' was last updated on "
        "2026-03-01, more than 180d ago (runbooks.max_age)"]


def test_the_org_sets_the_maximum_age(tmp_path, monkeypatch):
    org = org_with_runbook(tmp_path, org=ORG + "runbooks: {max_age: 400d}\n")
    monkeypatch.setenv("IMCOMPILE_TODAY", "2027-01-01")
    assert messages(validate_file(org)) == []


def test_an_undated_runbook_is_a_warning(tmp_path):
    org = org_with_runbook(tmp_path, GOOD.replace("2026-03-01", "last spring"))
    assert messages(validate_file(org)) == [
        "warning W141: runbook 'runbooks/api.md' of service 'api' has no 'Last updated: "
        "YYYY-MM-DD' date; its age cannot be checked"]


def test_a_bad_injected_date_is_reported_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("IMCOMPILE_TODAY", "tomorrow")
    result = validate_file(org_with_runbook(tmp_path))
    assert result.ok
    assert messages(result) == ["warning W140: cannot check runbook ages: "
                                "IMCOMPILE_TODAY='tomorrow' is not a date (YYYY-MM-DD)"]


def test_text_not_read_from_a_file_has_no_folder_to_check(tmp_path):
    """A base revision read from git (`imcompile diff`) is validated as text."""
    assert validate_text(ORG, "origin/main:org.yaml").ok


def test_urls_are_not_read(tmp_path):
    org = write_org(tmp_path, ORG.replace("runbooks/api.md", "https://wiki.example/api"))
    assert messages(validate_file(org)) == []


def test_the_index_shows_date_and_sections_not_staleness(tmp_path, monkeypatch):
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-06-01")
    org = org_with_runbook(tmp_path, org=ORG + "  web: {name: Web, team: payments, tier: 3, "
                           "runbook: 'https://wiki.example/web'}\n  batch: {name: Batch, "
                           "team: payments, tier: 4}\n")
    model = validate_file(org).model
    page = docs.generate(model, inspect_services(model, tmp_path))["docs/Runbooks.md"]
    assert "| API | Payments | `runbooks/api.md` | 2026-03-01 | all 7 present |" in page
    assert "| Web | Payments | [runbook](https://wiki.example/web) | — | not checked (a link) |" \
        in page
    assert "| Batch | Payments | none | — | — |" in page


def test_unreadable_runbooks_say_why(tmp_path):
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "latin1.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    assert inspect("folder.md", tmp_path, []).problem == "is not a file"
    assert inspect("latin1.md", tmp_path, []).problem == "is not UTF-8 text"
