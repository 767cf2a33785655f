"""`imcompile diff` read as a reviewer reads it: times with their zone, repeating shifts
as ranges, whole shifts, the pager at the apply, gaps only where coverage is promised,
Slack renames, the headline, net hours, double duty, names instead of IDs, and the same
--from and --weeks as `oncall`."""

import json
import shutil

import pytest
from click.testing import CliRunner

from conftest import BASE
from imcompile.cli import main

ORG = BASE + """\
services:
  api: {name: Payments API, team: payments, tier: 2}
"""


def diff(tmp_path, base: str, head: str, *args) -> str:
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    (tmp_path / "org.yaml").write_text(head, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", "--base-file", str(tmp_path / "base.yaml"),
                                       str(tmp_path / "org.yaml"), *args])
    assert result.exit_code == 0, result.output
    return result.output


def lines(out: str) -> list[str]:
    return out.splitlines()


# --- the example org: someone leaves a follow-the-sun rotation --------------------------

@pytest.fixture
def leaving_fts(root, tmp_path):
    """Jonas Weber (Europe region of both platform schedules) is marked leaving; Nora
    Berg had joined the region earlier, so the region still has two people."""
    shutil.copytree(root / "runbooks", tmp_path / "runbooks")
    text = (root / "org.yaml").read_text(encoding="utf-8")
    text = text.replace("  jonas-weber:\n", "  nora-berg:\n    name: Nora Berg\n"
                        "    email: nora.berg@acme.example\n  jonas-weber:\n", 1)
    text = text.replace("members: [tan-wei-ling, arjun-nair, jonas-weber, fatima-elamrani, "
                        "marcus-johnson, elena-garcia]",
                        "members: [tan-wei-ling, arjun-nair, jonas-weber, fatima-elamrani, "
                        "marcus-johnson, elena-garcia, nora-berg]")
    text = text.replace("people: [jonas-weber, fatima-elamrani]",
                        "people: [jonas-weber, fatima-elamrani, nora-berg]")
    base = text.replace("people: [fatima-elamrani, jonas-weber]",
                        "people: [fatima-elamrani, nora-berg, jonas-weber]")
    head = text.replace("people: [fatima-elamrani, jonas-weber]",
                        "people: [nora-berg, fatima-elamrani, jonas-weber]")
    head = head.replace("  jonas-weber:\n", "  jonas-weber:\n    leaving: true\n", 1)
    return lambda *args: diff(tmp_path, base, head, "--from", "2026-12-01T09:00", *args)


def test_follow_the_sun_shifts_are_merged_into_ranges_per_region(leaving_fts):
    out = lines(leaving_fts())
    primary = [line for line in out if line.startswith("  Platform Primary (Europe): ")]
    assert primary == [
        "  Platform Primary (Europe): daily 08:00–16:00 Etc/UTC, 7 Dec – 13 Dec 2026: "
        "Jonas Weber → Fatima El Amrani",
        "  Platform Primary (Europe): daily 08:00–16:00 Etc/UTC, 14 Dec – 20 Dec 2026: "
        "Fatima El Amrani → Nora Berg",
        "  Platform Primary (Europe): daily 08:00–16:00 Etc/UTC, 21 Dec – 27 Dec 2026: "
        "Nora Berg → Fatima El Amrani",
        "  Platform Primary (Europe): Mon 2026-12-28 08:00–16:00 Etc/UTC: "
        "Jonas Weber → Nora Berg"]
    # The region by its name, in the changes too.
    assert "  Platform Primary / Europe: Jonas Weber leaves the rotation" in out


def test_leaving_risk_gives_the_whole_shift(leaving_fts):
    out = lines(leaving_fts())
    assert ("  !! Jonas Weber is on call for Platform Secondary this week (daily 08:00–16:00 "
            "Etc/UTC, 30 Nov – 6 Dec 2026) and is being removed: make sure someone covers "
            "the shift") in out
    # A two-week turn that starts next Monday, whole, not cut at the end of the week.
    assert ("  !! Jonas Weber is on call for Support L3 this week (Mon 2026-12-07 10:00 – "
            "Mon 2026-12-21 10:00 Europe/Berlin) and is being removed: make sure someone "
            "covers the shift") in out


def test_json_has_iso_times_with_offsets_and_ids_beside_names(leaving_fts):
    data = json.loads(leaving_fts("--format", "json"))
    assert data["from"] == "2026-12-01T09:00:00+01:00"
    row = data["oncall"][0]
    assert {k: row[k] for k in ("schedule", "schedule_name", "region", "region_name",
                                "timezone", "before", "before_name", "after",
                                "after_name")} == {
        "schedule": "platform-primary", "schedule_name": "Platform Primary",
        "region": "emea", "region_name": "Europe", "timezone": "Etc/UTC",
        "before": "jonas-weber", "before_name": "Jonas Weber",
        "after": "fatima-elamrani", "after_name": "Fatima El Amrani"}
    assert row["occurrences"][0] == {"start": "2026-12-07T08:00:00+00:00",
                                     "end": "2026-12-07T16:00:00+00:00"}
    assert len(row["occurrences"]) == 7
    hours = {(h["person"], h["schedule"]): h for h in data["hours"]}
    assert hours["jonas-weber", "platform-primary"]["person_name"] == "Jonas Weber"


def test_net_hours_per_person_over_every_schedule(leaving_fts):
    out = lines(leaving_fts())
    assert ("  Net per person: Jonas Weber -504h, Nora Berg +64h, Fatima El Amrani +104h, "
            "Henrik Larsen +336h") in out
    data = json.loads(leaving_fts("--format", "json"))
    assert data["net_hours"][0] == {"person": "jonas-weber", "person_name": "Jonas Weber",
                                    "before": 504.0, "after": 0.0, "delta": -504.0}


def test_same_person_on_call_in_two_schedules_at_once(leaving_fts):
    # Jonas leaves Support L3 to Henrik alone, who is also in the identity rotation.
    assert ("  !  Henrik Larsen is on call for Identity Secondary and Support L3 at the same "
            "time: Mon, Tue, Wed, Thu 17:00–09:00 next day Europe/Berlin, 7 Dec – 10 Dec "
            "2026; Fri 2026-12-11 17:00 – Mon 2026-12-14 09:00 Europe/Berlin") \
        in lines(leaving_fts())


def test_headline_fits_a_notification_and_leads_the_comment(leaving_fts):
    headline = ("5 changes, 7 risks; Terraform: 3 to update — !! Jonas Weber is on call for "
                "Platform Primary this week and is being removed")
    assert json.loads(leaving_fts("--format", "json"))["headline"] == headline
    assert leaving_fts("--format", "markdown").splitlines()[1] == f"### imcompile: {headline}"
    first = lines(leaving_fts())[0]
    assert first.startswith("Changes against ") and first.endswith("base.yaml: " + headline)


def test_a_long_headline_is_cut_to_140_characters(tmp_path):
    long_name = "Payments " + "Very " * 40 + "Primary"
    head = ORG.replace("    role: primary\n", f"    role: primary\n    name: {long_name}\n")
    head = head.replace("people: [bob, carol]", "people: [carol, bob]")
    data = json.loads(diff(tmp_path, ORG, head, "--from", "2026-01-07T15:00", "--format",
                           "json"))
    assert len(data["headline"]) <= 140
    assert data["headline"].startswith("1 change, 1 risk; Terraform: 1 to update — ! "
                                       "schedule Payments Very Very")
    assert data["headline"].endswith("Very…")


# --- the pager at the apply --------------------------------------------------------------

def test_pager_changing_hands_at_the_apply_is_a_risk(tmp_path):
    """Bob holds the week from Mon 2026-01-05 10:00; reordered, Carol holds it."""
    head = ORG.replace("people: [bob, carol]", "people: [carol, bob]")
    out = lines(diff(tmp_path, ORG, head, "--from", "2026-01-07T15:00"))
    assert ("  !  schedule Payments Primary changes hands at the apply (Wed 2026-01-07 15:00 "
            "Europe/Berlin): Bob Okafor is on call just before, Carol Diaz just after; tell "
            "Carol Diaz they are on call from the apply") in out


def test_pager_left_with_nobody_at_the_apply_is_loud(tmp_path):
    head = ORG.replace("    people: [bob, carol]\n",
                       "    people: [bob, carol]\n    restrictions: [business_hours]\n")
    out = lines(diff(tmp_path, ORG, head, "--from", "2026-01-07T20:00"))
    assert ("  !! schedule Payments Primary changes hands at the apply (Wed 2026-01-07 20:00 "
            "Europe/Berlin): Bob Okafor is on call just before, nobody just after; nobody is "
            "on call from then: make sure someone is") in out


# --- gaps only where coverage is promised --------------------------------------------------

OFFICE = """\
  office:
    team: payments
    rotation: {every: 1w, handoff: {day: monday, time: "09:00"}, start: 2026-01-05}
    people: [alice, bob]
    restrictions: [business_hours]
"""


def test_a_new_business_hours_schedule_is_not_a_gap_risk(tmp_path):
    head = ORG.replace("escalation_policies:\n", OFFICE + "escalation_policies:\n")
    out = diff(tmp_path, ORG, head, "--from", "2026-01-05")
    assert "coverage gap" not in out
    # Office hands over at 09:00, Payments Primary at 10:00: Bob holds both for an hour.
    assert [line for line in lines(out) if line.startswith("  ! ")] == [
        "  !  Bob Okafor is on call for Office and Payments Primary at the same time: "
        "Mon 2026-01-12 09:00–10:00 Europe/Berlin; Mon 2026-01-26 09:00–10:00 "
        "Europe/Berlin"]
    # Its hours, merged: the new schedule's weekdays.
    assert ("  Office: weekdays 09:00–17:00 Europe/Berlin, 5 Jan – 9 Jan 2026: nobody → "
            "Alice Chen") in lines(out)


def test_business_hours_first_step_for_a_support_hours_service_is_not_a_risk(tmp_path):
    base = ORG.replace("tier: 2}", "tier: 3}")
    head = base.replace("    people: [bob, carol]\n",
                        "    people: [bob, carol]\n    restrictions: [business_hours]\n")
    assert "coverage gap" not in diff(tmp_path, base, head, "--from", "2026-01-05")


def test_a_24x7_schedule_with_nobody_on_call_is_a_gap_risk(tmp_path):
    head = ORG.replace("escalation_policies:\n", """\
  nights:
    team: payments
    rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-12}
    people: [alice, carol]
escalation_policies:
""")
    out = lines(diff(tmp_path, ORG, head, "--from", "2026-01-05", "--weeks", "2"))
    assert ("  !! schedule Nights gets a coverage gap where it has no restrictions (24×7): "
            "nobody is on call Mon 2026-01-05 00:00 – Mon 2026-01-12 10:00 "
            "Europe/Berlin") in out


def test_first_change_of_the_example_org_flags_only_promised_gaps(root, tmp_path):
    """Identity Secondary covers nights and weekends on purpose: its office hours are no
    risk. Support L1 (office hours) is the first step of a policy that Help Center
    pages at all hours: its nights are."""
    shutil.copytree(root / "runbooks", tmp_path / "runbooks")
    out = lines(diff(tmp_path, "", (root / "org.yaml").read_text(encoding="utf-8"),
                     "--from", "2026-12-01"))
    assert [line for line in out if "coverage gap" in line and line.startswith("  !")] == [
        "  !! schedule Support L1 gets a coverage gap where it is the first step of Support "
        "(tiered L1 → L2 → L3), which Help Center pages at all hours: nobody is on call "
        "Tue 2026-12-01 00:00–09:00 Europe/Berlin; Mon, Tue, Wed, Thu 17:00–09:00 next day "
        "Europe/Berlin, 1 Dec – 24 Dec 2026 and 5 more times"]
    assert ("  !  Henrik Larsen is on call for Identity Secondary and Support L3 at the same "
            "time: Mon 2026-12-28 17:00 – Tue 2026-12-29 00:00 Europe/Berlin") in out
    assert any(line.endswith("and 1 more time") for line in out)


# --- names ---------------------------------------------------------------------------------

def test_a_renamed_service_says_its_slack_channel_changes(tmp_path):
    head = ORG.replace("  api: {name: Payments API, team: payments, tier: 2}",
                       "  payments-api: {name: Payments API, team: payments, tier: 2, "
                       "renamed_from: [api]}")
    out = lines(diff(tmp_path, ORG, head))
    slack = out[out.index("Slack") + 1]
    assert slack == ("  Payments API: alert channel #alerts-api → #alerts-payments-api "
                     "(the service's ID changes)")


def test_dependencies_are_named_not_ids(tmp_path):
    base = ORG + """\
  ledger: {name: General Ledger, team: payments, tier: 2}
business_services:
  checkout: {name: Checkout, depends_on: [api]}
"""
    head = base.replace("tier: 2}\nbusiness", "tier: 2, depends_on: [api]}\nbusiness")
    head = head.replace("checkout: {name: Checkout, depends_on: [api]}",
                        "checkout: {name: Checkout, depends_on: [api, ledger]}")
    out = lines(diff(tmp_path, base, head))
    assert "  General Ledger: depends on: (none) → Payments API" in out
    assert "  Checkout: depends_on: Payments API → General Ledger, Payments API" in out


# --- the same window as `oncall` -----------------------------------------------------------

def test_from_without_an_offset_is_in_the_orgs_zone_as_oncall_reads_it(tmp_path):
    head = ORG.replace("people: [bob, carol]", "people: [carol, bob]")
    naive = json.loads(diff(tmp_path, ORG, head, "--from", "2026-01-07T15:00", "--format",
                            "json"))
    offset = json.loads(diff(tmp_path, ORG, head, "--from", "2026-01-07T15:00+01:00",
                             "--format", "json"))
    assert naive == offset
    assert naive["from"] == "2026-01-07T15:00:00+01:00"
    assert naive["weeks"] == 4


def test_diff_and_oncall_look_ahead_alike_and_say_so(tmp_path):
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    data = json.loads(CliRunner().invoke(main, [
        "oncall", str(tmp_path / "org.yaml"), "--from", "2026-01-12T10:00", "--format",
        "json"]).output)
    ends = [s["end"] for s in data["schedules"]["payments-primary"]]
    assert ends[-1] == "2026-02-09T10:00:00+01:00"  # 4 weeks, as diff
    diff_help = CliRunner().invoke(main, ["diff", "--help"]).output
    oncall_help = CliRunner().invoke(main, ["oncall", "--help"]).output
    assert "org's default time zone unless it has an offset (as `oncall --from`)" in \
        " ".join(diff_help.split())
    assert "as `oncall` does. [default: 4]" in " ".join(diff_help.split())
    assert "Default: 4, as `diff`." in " ".join(oncall_help.split())
    assert "org's default zone, as `diff --from`" in " ".join(oncall_help.split())
