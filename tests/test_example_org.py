"""The example org.yaml: valid, and it shows off what the format can say."""

from zoneinfo import ZoneInfo

from click.testing import CliRunner

from imcompile.cli import main
from imcompile.validate import validate_file


def test_example_org_is_valid_without_warnings(root):
    result = validate_file(root / "org.yaml")
    assert [d.text() for d in result.diagnostics] == []


def test_example_org_starts_with_the_schema_modeline(root):
    first = (root / "org.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schemas/org.v1.schema.json"


def test_example_org_carries_the_seeds(root):
    model = validate_file(root / "org.yaml").model
    org = model.spec
    assert [s.label for s in org.severities.values()] == ["SEV0", "SEV1", "SEV2", "SEV3"]
    assert set(org.roles) == {"incident_commander", "communications_lead",
                              "subject_matter_expert", "scribe"}
    assert len(org.classification.questions) >= 3
    assert len(org.teams) >= 5 and 20 <= len(org.people) <= 35
    zones = {p.timezone or org.defaults.timezone for p in org.people.values()}
    offsets = {ZoneInfo(z).utcoffset(__import__("datetime").datetime(2026, 1, 1)) for z in zones}
    assert len(offsets) >= 3
    forms = {s.form for s in model.schedules.values()}
    assert {"rotation", "secondary", "follow_the_sun", "layers"} <= forms
    assert any(p.from_matrix for p in model.policies.values())
    tiered = [p for p in model.policies.values() if not p.from_matrix and len(p.steps) >= 3
              and all(t.kind == "schedule" for s in p.steps[:3] for t in s.targets)]
    assert tiered, "a tiered L1 -> L2 -> L3 policy"
    assert any(s.support_hours for s in model.services.values()), "business-hours services"
    assert any(b.depends_on for b in org.business_services.values())
    assert any(p.leaving for p in org.people.values())


def test_validate_command_on_the_example(root, monkeypatch):
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0
    assert result.output == "org.yaml is valid (0 errors, 0 warnings)\n"
