"""`imcompile diff` in real git repositories: changes in names, risks, exit codes."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BASE
from imcompile.cli import main
from imcompile.diff.report import GITHUB_LIMIT, MARKER, Report, markdown
from imcompile.diff.semantic import Change

ORG = BASE + """\
services:
  api: {name: Payments API, team: payments, tier: 2}
  ledger: {name: Ledger, team: payments, tier: 2, depends_on: [api]}
"""
GOLDEN = Path(__file__).parent / "golden" / "diff"


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x"})


@pytest.fixture
def repo(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "org.yaml").write_text(ORG)
    git(tmp_path, "add", "org.yaml")
    git(tmp_path, "commit", "-q", "-m", "org")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def diff(repo, new_text, *args):
    (repo / "org.yaml").write_text(new_text)
    return CliRunner().invoke(main, ["diff", *args])


def lines(result):
    return result.output.splitlines()


def test_no_change_exits_zero_with_exit_code(repo):
    result = diff(repo, ORG, "--exit-code")
    assert result.exit_code == 0
    assert result.output == "No changes against HEAD.\n"


def test_changes_exit_two_with_exit_code(repo):
    result = diff(repo, ORG.replace("name: Ledger", "name: General Ledger"), "--exit-code")
    assert result.exit_code == 2
    assert "  General Ledger: name: Ledger → General Ledger" in lines(result)
    assert "  update   pagerduty_service.ledger" in lines(result)


def test_people_added_leaving_removed(repo):
    text = ORG.replace("  carol: {name: Carol Diaz, email: carol@acme.example}\n",
                       "  carol: {name: Carol Diaz, email: carol@acme.example, leaving: true}\n"
                       "  dan: {name: Dan Wu, email: dan@acme.example}\n")
    text = text.replace("members: [bob, carol]", "members: [bob, carol, dan]")
    out = lines(diff(repo, text))
    assert "  Dan Wu: joins (dan@acme.example)" in out
    assert ("  Carol Diaz: is leaving: taken out of every schedule and escalation policy; "
            "their user stays until a later change") in out
    assert "  Payments: Dan Wu joins as responder" in out
    assert "  Payments Primary: Carol Diaz leaves the rotation" in out


def test_removing_a_rostered_person_is_a_loud_risk(repo):
    text = ORG.replace("  carol: {name: Carol Diaz, email: carol@acme.example}\n", "")
    text = text.replace("[bob, carol]", "[bob]").replace("people: [bob]", "people: [bob, alice]")
    result = diff(repo, text)
    out = lines(result)
    assert out[2] == "RISKS"
    assert ("  !! Carol Diaz is removed while still on a schedule or escalation policy: mark "
            "them `leaving: true` first and remove them in a later change (PagerDuty needs "
            "the staged offboarding)") in out
    assert "  Carol Diaz: is removed from PagerDuty" in out
    assert "  destroy  pagerduty_user.carol" in out


def test_deleting_a_service_warns_of_lost_history(repo):
    text = ORG.replace("  ledger: {name: Ledger, team: payments, tier: 2, depends_on: [api]}\n",
                       "")
    out = lines(diff(repo, text))
    assert ("  !! PagerDuty service Ledger will be destroyed, and its incident history with "
            "it (if it was renamed, list the old ID in renamed_from); it has prevent_destroy, "
            "so the apply will stop: set `prevent_destroy: false` on it and apply first, then "
            "remove it") in out


def test_an_unprotected_service_is_lost_without_the_prevent_destroy_stop(repo):
    base = ORG.replace("kind: Organization\n",
                       "kind: Organization\nterraform: {prevent_destroy: false}\n")
    (repo / "org.yaml").write_text(base)
    git(repo, "commit", "-qam", "unprotected")
    text = base.replace("  ledger: {name: Ledger, team: payments, tier: 2, depends_on: [api]}\n",
                        "")
    assert ("  !! PagerDuty service Ledger will be destroyed, and its incident history with "
            "it (if it was renamed, list the old ID in renamed_from)") in lines(diff(repo, text))


def test_renamed_service_is_a_move_not_a_loss(repo):
    text = ORG.replace("  ledger: {name: Ledger, team: payments, tier: 2, depends_on: [api]}",
                       "  books: {name: Ledger, team: payments, tier: 2, depends_on: [api], "
                       "renamed_from: [ledger]}")
    result = diff(repo, text, "--format", "json")
    report = json.loads(result.output)
    assert report["risks"] == []
    pagerduty = report["terraform"]["pagerduty"]
    assert pagerduty["move"] == [
        "pagerduty_service.ledger → pagerduty_service.books",
        "pagerduty_service_dependency.ledger__api → pagerduty_service_dependency.books__api"]
    assert (pagerduty["create"], pagerduty["destroy"], pagerduty["update"]) == ([], [], [])
    assert {"section": "Services", "subject": "Ledger",
            "text": "ID renamed from ledger (moved, history kept)"} in report["changes"]


def test_rotation_changes(repo):
    text = ORG.replace('every: 1w, handoff: {day: monday, time: "10:00"}',
                       'every: 2w, handoff: {day: tuesday, time: "09:00"}')
    text = text.replace("people: [bob, carol]", "people: [carol, bob, alice]")
    text = text.replace("    role: primary\n", "    role: primary\n    timezone: Europe/London\n")
    out = lines(diff(repo, text))
    assert "  Payments Primary: Alice Chen joins the rotation" in out
    assert "  Payments Primary: order: Bob Okafor, Carol Diaz → Carol Diaz, Bob Okafor" in out
    assert ("  Payments Primary: handoff: Monday 10:00 Europe/Berlin → Tuesday 09:00 "
            "Europe/London") in out
    assert "  Payments Primary: turn: 1w → 2w" in out
    assert "  Payments Primary: time zone: Europe/Berlin → Europe/London" in out


def test_escalation_and_service_changes(repo):
    text = ORG.replace('steps: [{notify: ["schedule:payments-primary"], escalate_after: 15m}]',
                       'steps: [{notify: ["schedule:payments-primary"], escalate_after: 5m}, '
                       '{notify: ["person:alice"]}]')
    text = text.replace("api: {name: Payments API, team: payments, tier: 2}",
                        "api: {name: Payments API, team: payments, tier: 3}")
    out = lines(diff(repo, text))
    assert "  Payments: step 1: Payments Primary then 15m → Payments Primary then 5m" in out
    assert "  Payments: step 2: (no step) → Alice Chen then 30m" in out
    assert "  Payments API: tier: 2 → 3" in out
    assert "  Payments API: urgency: high → support_hours" in out


def test_membership_role_and_only_team(repo):
    text = ORG.replace("managers: [alice], members: [bob, carol]",
                       "managers: [alice, bob], members: [carol]")
    out = lines(diff(repo, text))
    assert "  Payments: Bob Okafor: responder → manager" in out


def test_severity_and_slack_changes(repo):
    text = ORG.replace("description: Down.", "description: Everything is down.")
    text = text.replace("members: [bob, carol]}", "members: [bob, carol], "
                        "slack: {channel: payments-oncall}}")
    out = lines(diff(repo, text))
    assert "  SEV0: description: Down. → Everything is down." in out
    assert "  Payments: team channel #team-payments → #payments-oncall" in out


def test_single_person_schedule_is_a_risk(repo):
    out = lines(diff(repo, ORG.replace("people: [bob, carol]", "people: [bob]")))
    assert "  !  schedule Payments Primary is left with one person" in out


def test_missing_ref_is_a_clear_error(repo):
    result = diff(repo, ORG, "--base", "origin/nope")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith(
        "error: git ref 'origin/nope' does not exist")


def test_default_base_prefers_origin_main(repo, tmp_path_factory):
    clone = tmp_path_factory.mktemp("clone")
    git(clone, "clone", "-q", "--depth", "1", f"file://{repo}", ".")
    (clone / "org.yaml").write_text(ORG.replace("name: Ledger", "name: Books"))
    os.chdir(clone)
    result = CliRunner().invoke(main, ["diff"])
    assert result.exit_code == 0
    assert lines(result)[0].startswith("Changes against origin/main:")


def test_base_file_compares_two_files(tmp_path):
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(ORG)
    new.write_text(ORG.replace("name: Ledger", "name: Books"))
    result = CliRunner().invoke(main, ["diff", "--base-file", str(old), str(new)])
    assert "  Books: name: Ledger → Books" in lines(result)


def test_invalid_head_is_reported_not_compared(repo):
    result = diff(repo, ORG.replace("team: payments, tier: 2}", "team: paymnts, tier: 2}", 1))
    assert result.exit_code == 1
    assert "error E101: unknown team 'paymnts'" in result.output


def test_markdown_comment_has_marker_counts_and_details(repo):
    text = ORG.replace("  ledger: {name: Ledger, team: payments, tier: 2, depends_on: [api]}\n",
                       "")
    md = diff(repo, text, "--format", "markdown").output
    assert md.startswith(MARKER + "\n")
    assert "**1 change** · **1 risk**" in md
    assert md.index("Risks") < md.index("<details>")
    assert len(md) < GITHUB_LIMIT


def test_markdown_truncates_under_githubs_limit():
    many = [Change("People", f"Person {i}", "joins " + "x" * 200) for i in range(2000)]
    from imcompile.diff.risks import Risk
    md = markdown(Report("HEAD", many, [Risk("danger", "something loud")]))
    assert len(md) <= GITHUB_LIMIT
    assert "something loud" in md
    assert "Truncated: the full report is" in md
    assert md.count("<details") == md.count("</details>")


def test_golden_comment_for_a_realistic_change(root, tmp_path, monkeypatch):
    """A realistic change to the example org: a new engineer joins payments on call, the
    handoff moves, SEV1's acknowledgement target tightens, the internal admin tool moves
    to the platform team. IMCOMPILE_UPDATE_GOLDENS=1 rewrites the golden."""
    head = (root / "org.yaml").read_text(encoding="utf-8")
    changed = head.replace("people:\n", "people:\n  noah-fischer:\n    name: Noah Fischer\n"
                           "    email: noah.fischer@acme.example\n", 1)
    changed = changed.replace("members: [tobias-schmidt, amara-nwosu, lukas-becker, sofia-rossi]",
                              "members: [tobias-schmidt, amara-nwosu, lukas-becker, sofia-rossi, "
                              "noah-fischer]")
    changed = changed.replace("people: [tobias-schmidt, amara-nwosu, lukas-becker]",
                              "people: [tobias-schmidt, amara-nwosu, noah-fischer, lukas-becker]")
    changed = changed.replace('handoff: {day: monday, time: "10:00"}',
                              'handoff: {day: monday, time: "09:00"}', 1)
    changed = changed.replace("acknowledge_within: 15m", "acknowledge_within: 10m", 1)
    assert changed.count("noah-fischer") == 3
    base, new = tmp_path / "base.yaml", tmp_path / "org.yaml"
    shutil.copytree(root / "runbooks", tmp_path / "runbooks")  # org.yaml's local runbooks
    base.write_text(head, encoding="utf-8")
    new.write_text(changed, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", "--base-file", "base.yaml", "org.yaml",
                                       "--format", "markdown", "--from", "2026-11-30"],
                           catch_exceptions=False)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    golden = GOLDEN / "example.md"
    if os.environ.get("IMCOMPILE_UPDATE_GOLDENS") == "1":
        golden.write_text(result.output, encoding="utf-8")
    assert result.output == golden.read_text(encoding="utf-8")


def test_leaving_person_on_call_this_week_is_a_risk(repo):
    """The rotation starts Monday 2026-01-05 10:00 Berlin with Bob, then Carol: on
    Monday 2026-01-12 at 12:00 UTC Carol is on call until the next Monday 10:00."""
    text = ORG.replace("carol@acme.example}", "carol@acme.example, leaving: true}")
    text = text.replace("managers: [alice], members: [bob, carol]",
                        "managers: [alice], members: [bob, carol]")
    text = text.replace("people: [bob, carol]", "people: [bob, carol, alice]")
    out = lines(diff(repo, text, "--from", "2026-01-12T12:00"))
    # The whole turn, from its handoff on: not cut at the start of the look-ahead.
    assert ("  !! Carol Diaz is on call for Payments Primary this week (Mon 2026-01-12 10:00 – "
            "Mon 2026-01-19 10:00 Europe/Berlin) and is being removed: make sure someone "
            "covers the shift") in out


def test_changed_shifts_and_hours_in_names(repo):
    out = lines(diff(repo, ORG.replace("people: [bob, carol]", "people: [carol, bob]"),
                     "--from", "2026-01-05", "--weeks", "2"))
    assert ("On call, 2 weeks from Mon 2026-01-05 00:00 Europe/Berlin (changed shifts, in "
            "each schedule's zone)") in out
    assert ("  Payments Primary: Mon 2026-01-05 10:00 – Mon 2026-01-12 10:00 Europe/Berlin: "
            "Bob Okafor → Carol Diaz") in out


def test_coverage_gap_introduced_is_a_risk(repo):
    text = ORG.replace("    people: [bob, carol]\n",
                       "    people: [bob, carol]\n    restrictions: [business_hours]\n")
    out = lines(diff(repo, text, "--from", "2026-01-05"))
    # Before 10:00 on the 5th the rotation has not started on either side: the first
    # new gap is that evening. The schedule is the first step of a policy that a tier-2
    # service pages at all hours, so its nights are a risk.
    assert ("  !! schedule Payments Primary gets a coverage gap where it is the first step "
            "of Payments, which Payments API pages at all hours: nobody is on call "
            "Mon, Tue, Wed, Thu 17:00–09:00 next day Europe/Berlin, 5 Jan – 29 Jan 2026; "
            "Fri 2026-01-09 17:00 – Mon 2026-01-12 09:00 Europe/Berlin and 3 more times") in out
