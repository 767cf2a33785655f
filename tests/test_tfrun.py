"""`imcompile plan` and `apply` with real Terraform (local state, no providers), and the
pieces they are made of: the plan in names, the order of stacks, the predicted impact."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading

from tfstate_stacks import write

from imcompile.diff.tfimpact import StackImpact
from imcompile.spec.backend import Backend
from imcompile.tfrun import order
from imcompile.tfrun.predict import risks
from imcompile.tfrun.summary import changes

TEAMS = {"core": [], "team-a": ["core"], "team-b": ["core"]}
IMCOMPILE = [sys.executable, "-m", "imcompile.cli"]


def imcompile(*args, ci=False, cwd=None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD")}
    if ci:
        env["CI"] = "true"
    return subprocess.run([*IMCOMPILE, *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=600)


def test_apply_refuses_local_state_on_a_ci_runner(tmp_path):
    folder = write(tmp_path / "gen", TEAMS, Backend())
    done = imcompile("apply", "--dir", str(folder), ci=True)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(
        "error: the stacks keep their Terraform state in local files (terraform.backend is "
        "not set in the org file), and a CI runner forgets them when the job ends: the next "
        "run would create every object again. Set a remote backend, for example\n")
    assert done.stderr.endswith(
        "  terraform:\n    backend:\n      type: s3\n"
        "      config: {bucket: my-state-bucket, region: eu-west-1, use_lockfile: true}\n"
        "then run `imcompile build` and commit (README, section State). "
        "--allow-local-state runs anyway.\n")
    assert not list(folder.glob("*/.terraform")), "nothing was run"


def test_apply_then_plan_with_local_state_on_a_laptop(tmp_path):
    folder = write(tmp_path / "gen", TEAMS, Backend())
    done = imcompile("apply", "--dir", str(folder))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "".join(f"stack {s}: applied, 1 change\n  create terraform data {s}\n"
                                  for s in TEAMS)
    again = imcompile("plan", "--dir", str(folder))
    assert (again.returncode, again.stdout) == (0, "".join(f"stack {s}: no changes\n"
                                                           for s in TEAMS))


def test_plan_changed_plans_only_the_stacks_whose_files_changed(tmp_path):
    repo = tmp_path / "repo"
    folder = write(repo / "generated" / "terraform", TEAMS, Backend())
    git = lambda *a: subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *a],
                                    cwd=repo, check=True, capture_output=True)
    git("init", "-q")
    (repo / ".gitignore").write_text(".terraform*\n*.tfstate*\n")
    git("add", ".")
    git("commit", "-qm", "org")
    assert imcompile("apply", "--dir", str(folder)).returncode == 0
    doc = json.loads((folder / "team-b" / "cdk.tf.json").read_text())
    doc["resource"]["terraform_data"]["team-b"]["input"]["stack"] = "team-b, renamed"
    (folder / "team-b" / "cdk.tf.json").write_text(json.dumps(doc))
    done = imcompile("plan", "--changed", "HEAD", "--dir", str(folder), cwd=repo)
    assert (done.returncode, done.stdout) == (
        2, "stack team-b: changes planned, 1 change\n  update terraform data team-b\n")


def test_a_failed_stack_stops_its_dependents_and_says_why(tmp_path):
    folder = write(tmp_path / "gen", TEAMS, Backend())
    doc = json.loads((folder / "core" / "cdk.tf.json").read_text())
    doc["output"]["ids"]["value"]["core"] = "${terraform_data.nowhere.id}"
    (folder / "core" / "cdk.tf.json").write_text(json.dumps(doc))
    done = imcompile("plan", "--dir", str(folder))
    assert done.returncode == 1
    assert done.stdout == (
        "stack core: failed\n"
        "  error: stack core: terraform plan failed: Error: Reference to undeclared resource\n"
        "stack team-a: not run: a stack it depends on, or a removed stack, failed\n"
        "stack team-b: not run: a stack it depends on, or a removed stack, failed\n")


def test_a_missing_manifest_or_terraform_is_one_clear_line(tmp_path):
    done = imcompile("plan", "--dir", str(tmp_path))
    assert (done.returncode, done.stderr) == (
        1, f"error: {tmp_path}/manifest.json does not exist: run `imcompile build` first\n")
    folder = write(tmp_path / "gen", TEAMS, Backend())
    done = imcompile("plan", "--dir", str(folder), "--terraform", "no-such-terraform")
    assert (done.returncode, done.stderr) == (
        1, "error: 'no-such-terraform' is not an executable on PATH\n")
    (folder / "manifest.json").write_text('{"stacks": [{"name": "../../etc"}]}')
    done = imcompile("plan", "--dir", str(folder))
    assert done.stderr == (f"error: {folder}/manifest.json is not a manifest imcompile wrote "
                           "(bad stack name '../../etc'): run `imcompile build` again\n")


PLAN = {"resource_changes": [
    {"address": "pagerduty_schedule.payments-primary", "mode": "managed",
     "type": "pagerduty_schedule", "name": "payments-primary",
     "change": {"actions": ["update"], "before": {"name": "Payments Primary"},
                "after": {"name": "Payments Primary"}}},
    {"address": "pagerduty_service.legacy-billing", "mode": "managed",
     "type": "pagerduty_service", "name": "legacy-billing",
     "change": {"actions": ["delete"], "before": {"name": "Legacy Billing"}, "after": None}},
    {"address": "pagerduty_user.eve", "mode": "managed", "type": "pagerduty_user",
     "name": "eve", "change": {"actions": ["create"], "before": None,
                               "after": {"name": "Eve\x1b[31m\u202eEvil"}}},
    {"address": "pagerduty_team.ops", "mode": "managed", "type": "pagerduty_team",
     "name": "ops", "change": {"actions": ["no-op"], "before": {}, "after": {}}},
    {"address": "data.pagerduty_priority.p1", "mode": "data", "type": "pagerduty_priority",
     "name": "p1", "change": {"actions": ["read"]}},
]}


def test_a_plan_in_names_never_values():
    assert [c.text() for c in changes(PLAN)] == [
        "update schedule Payments Primary (payments-primary)",
        "destroy service Legacy Billing (legacy-billing) — its incident history is lost",
        "create person Eve\\x1b[31m\\u202eEvil (eve)",
    ]


def test_differences_from_the_predicted_impact_are_risks():
    predicted = {"team-payments": StackImpact(update=["pagerduty_schedule.payments-primary"],
                                              create=["pagerduty_service.new"])}
    planned = {"team-payments": changes(PLAN)}
    assert risks(predicted, planned) == [
        "stack team-payments: Terraform would create pagerduty_user.eve, which the change "
        "to the org file does not explain: the account drifted from the last apply, or "
        "the prediction is wrong",
        "stack team-payments: Terraform would destroy pagerduty_service.legacy-billing, "
        "which the change to the org file does not explain: the account drifted from the "
        "last apply, or the prediction is wrong",
        "stack team-payments: the change to the org file should create "
        "pagerduty_service.new, but Terraform does not plan to: the account drifted from "
        "the last apply, or the prediction is wrong",
    ]


def test_stacks_start_after_their_dependencies_and_within_the_bound():
    deps = {"core": set(), "a": {"core"}, "b": {"core"}, "c": {"core"}, "d": {"a", "b"}}
    lock, done, running, peak = threading.Lock(), [], set(), [0]

    def work(name):
        with lock:
            assert deps[name] <= set(done), f"{name} started before {deps[name]}"
            running.add(name)
            peak[0] = max(peak[0], len(running))
        with lock:
            running.discard(name)
            done.append(name)
        return name != "c"

    assert order.run(deps, work, limit=2) == {"core": True, "a": True, "b": True,
                                              "c": False, "d": True}
    assert peak[0] <= 2 and done[0] == "core" and done[-1] == "d"
    assert order.run({"x": set(), "y": {"x"}}, lambda n: n != "x") == {
        "x": False, "y": order.SKIPPED}


def test_destroy_order_puts_dependents_first():
    assert order.reverse({"core": set(), "team": {"core"}}) == {"core": {"team"},
                                                               "team": set()}


def test_a_bad_lock_timeout_is_a_usage_error(tmp_path):
    done = imcompile("apply", "--lock-timeout", "soon", "--dir", str(tmp_path))
    assert done.returncode == 2
    assert "Invalid value for '--lock-timeout': 'soon' is not a duration such as 30s, " \
           "5m or 1h" in done.stderr


def test_the_markdown_summary_escapes_org_text():
    from imcompile.tfrun import render
    from imcompile.tfrun.run import Outcome
    plan = {"resource_changes": [{
        "address": "pagerduty_service.x", "mode": "managed", "type": "pagerduty_service",
        "name": "x", "change": {"actions": ["update"], "before": {},
                                "after": {"name": "<img src=x onerror=alert(1)> `code` "
                                                   "@acme/oncall"}}}]}
    text = render.markdown([Outcome("team-a", "changes", changes=changes(plan)),
                            Outcome("core", "no changes")], [])
    assert text == (
        "### Terraform plan\n\n1 stack with changes or errors, 1 without.\n\n"
        "<details><summary>stack team-a: changes planned, 1 change</summary>\n\n"
        # The one output layer (textsafe): HTML escaped, no code span, no live mention.
        "- update service &lt;img src=x onerror=alert(1)&gt; \\`code\\` @&#8203;acme/oncall "
        "(x)\n\n"
        "</details>\n")


def test_atlantis_yaml_has_a_project_per_stack_in_dependency_order(tmp_path, monkeypatch):
    import yaml
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "generated" / "terraform", {"core": [], "team-a": ["core"],
                                                 "workflows": ["team-a"]},
          Backend(), removed={"team-old": ["core"]})
    done = imcompile("atlantis", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# generated by imcompile from generated/terraform/"
                                  "manifest.json: run `imcompile atlantis` again\n")
    doc = yaml.safe_load(done.stdout)
    assert [(p["name"], p["dir"], p["workflow"], p["execution_order_group"],
             p.get("depends_on")) for p in doc["projects"]] == [
        ("team-old", "generated/terraform/team-old", "imcompile-destroy", 0, None),
        ("core", "generated/terraform/core", "imcompile", 1, None),
        ("team-a", "generated/terraform/team-a", "imcompile", 2, ["core"]),
        ("workflows", "generated/terraform/workflows", "imcompile", 3, ["team-a"]),
    ]
    assert doc["workflows"]["imcompile-destroy"]["plan"]["steps"][1] == {
        "plan": {"extra_args": ["-destroy"]}}


def test_plan_changed_lists_what_the_org_change_does_not_explain_as_risks(tmp_path, root):
    """The org file did not change, yet the stack's plan has a change: drift."""
    repo = tmp_path / "repo"
    folder = write(repo / "generated" / "terraform", {"pagerduty": []}, Backend())
    (repo / "org.yaml").write_text((root / "org.yaml").read_text())
    shutil.copytree(root / "runbooks", repo / "runbooks")
    git = lambda *a: subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *a],
                                    cwd=repo, check=True, capture_output=True)
    git("init", "-q")
    (repo / ".gitignore").write_text(".terraform*\n*.tfstate*\n")
    git("add", ".")
    git("commit", "-qm", "org")
    (folder / "pagerduty" / "cdk.tf.json").write_text(
        (folder / "pagerduty" / "cdk.tf.json").read_text().replace('"stack": "pagerduty"',
                                                                  '"stack": "drifted"'))
    done = imcompile("plan", "--changed", "HEAD", "--dir", str(folder), "org.yaml", cwd=repo)
    assert (done.returncode, done.stdout) == (2, (
        "stack pagerduty: changes planned, 1 change\n"
        "  create terraform data pagerduty\n"
        "risks (1):\n"
        "  ! stack pagerduty: Terraform would create terraform_data.pagerduty, which the "
        "change to the org file does not explain: the account drifted from the last apply, "
        "or the prediction is wrong\n"))
