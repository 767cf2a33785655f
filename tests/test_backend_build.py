"""What `imcompile build` writes for `terraform.backend`: each stack's backend and its
remote-state reads by the convention, and a record of stacks that existed."""

from __future__ import annotations

import json

from conftest import BASE

from imcompile.build import build

LEGACY = """\
  legacy-billing:
    team: legacy
    steps: [{notify: ["person:carol"], escalate_after: 15m}]
services:
  legacy-billing: {name: Legacy Billing, team: legacy, tier: 3, escalation_policy: legacy-billing}
"""
S3 = ("  backend:\n    type: s3\n    config: {bucket: acme-state, region: eu-west-1, "
      "use_lockfile: true}\n")


def org(with_legacy: bool, backend: str = S3) -> str:
    text = BASE.replace("teams:\n", "teams:\n  legacy: {name: Legacy, managers: [carol]}\n"
                        if with_legacy else "teams:\n")
    return text + (LEGACY if with_legacy else "") + "terraform:\n  stacks: per-team\n" + backend


def stack(out, name):
    return json.loads((out / "terraform" / name / "cdk.tf.json").read_text())


def manifest(out):
    return json.loads((out / "terraform" / "manifest.json").read_text())


def test_stacks_use_the_org_backend_and_read_each_other_through_it(tmp_path):
    path, out = tmp_path / "org.yaml", tmp_path / "generated"
    path.write_text(org(True))
    assert build(path, out)[0].validation.ok
    legacy = stack(out, "team-legacy")
    config = {"bucket": "acme-state", "region": "eu-west-1", "use_lockfile": True}
    assert legacy["terraform"]["backend"] == {
        "s3": {**config, "key": "acme/team-legacy/terraform.tfstate"}}
    assert legacy["data"]["terraform_remote_state"] == {"core": {
        "backend": "s3", "config": {**config, "key": "acme/core/terraform.tfstate"}}}
    assert manifest(out)["backend"] == "s3" and manifest(out)["removed"] == []

    # A team deleted from the org: its stack is recorded, its file kept, for a
    # deliberate destroy by `imcompile apply`.
    path.write_text(org(False))
    assert build(path, out)[0].validation.ok
    doc = manifest(out)
    assert "team-legacy" not in [s["name"] for s in doc["stacks"]]
    assert doc["removed"] == [{"name": "team-legacy", "path": "team-legacy/cdk.tf.json",
                               "depends_on": ["core"], "token_env": "PAGERDUTY_TOKEN"}]
    assert stack(out, "team-legacy") == legacy, "the last config, prevent_destroy and all"
    assert legacy["resource"]["pagerduty_service"]["legacy-billing"]["lifecycle"] == {
        "prevent_destroy": True}
    # ... and it stays recorded over later builds, and build --check agrees.
    assert build(path, out)[0].validation.ok and manifest(out)["removed"] == doc["removed"]
    assert build(path, out, check=True)[1][:3] == ([], [], [])


def test_a_new_backend_rewrites_every_stack(tmp_path):
    path, out = tmp_path / "org.yaml", tmp_path / "generated"
    path.write_text(org(False, backend=""))
    build(path, out)
    assert stack(out, "team-payments")["terraform"]["backend"] == {
        "local": {"path": "terraform.tfstate"}}
    path.write_text(org(False, backend="  backend: {type: pg}\n"))
    build(path, out)
    for name in ("core", "team-payments"):
        assert stack(out, name)["terraform"]["backend"] == {
            "pg": {"schema_name": f"acme_{name.replace('-', '_')}"}}
    assert stack(out, "team-payments")["data"]["terraform_remote_state"]["core"] == {
        "backend": "pg", "config": {"schema_name": "acme_core"}}
