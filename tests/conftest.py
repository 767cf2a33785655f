import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

# A small valid org that cases extend. Lines 1-22; cases add from line 23 on.
BASE = """\
apiVersion: imcompile/v1
kind: Organization
metadata: {name: acme}
defaults: {timezone: Europe/Berlin}
severities:
  sev0: {label: SEV0, name: Critical, description: Down., response: {page: always}}
people:
  alice: {name: Alice Chen, email: alice@acme.example}
  bob: {name: Bob Okafor, email: bob@acme.example}
  carol: {name: Carol Diaz, email: carol@acme.example}
teams:
  payments: {name: Payments, managers: [alice], members: [bob, carol]}
schedules:
  payments-primary:
    team: payments
    role: primary
    rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}
    people: [bob, carol]
escalation_policies:
  payments:
    team: payments
    steps: [{notify: ["schedule:payments-primary"], escalate_after: 15m}]
"""


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def write_org(tmp_path: Path, text: str, name: str = "org.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Runbook staleness is measured from "today": pin it so results do not age.
    Tests about staleness set their own date."""
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-11-25")
