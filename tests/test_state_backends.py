"""Real state backends: stacks applied with real Terraform to PostgreSQL and to an
S3-compatible server on loopback, through `imcompile apply` and `imcompile plan`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backends import AWS_ENV, make_bucket, postgres, s3_config, s3_server  # noqa: F401
from imcompile.spec.backend import Backend
from tfstate_stacks import write

TEAMS = {"core": [], "team-a": ["core"], "team-b": ["core"], "workflows": ["team-a", "team-b"]}
IMCOMPILE = [sys.executable, "-m", "imcompile.cli"]


@pytest.fixture(params=["pg", "s3"])
def backend(request, monkeypatch):
    """A fresh state namespace (schema or key prefix) in a real backend, per test."""
    prefix = request.node.name.split("[")[0].removeprefix("test_")[:20]
    if request.param == "pg":
        monkeypatch.setenv("PG_CONN_STR", request.getfixturevalue("postgres"))
        return Backend(type="pg", prefix=prefix)
    url = request.getfixturevalue("s3_server")
    for key, value in AWS_ENV.items():
        monkeypatch.setenv(key, value)
    bucket = f"state-{prefix.replace('_', '-')}"
    make_bucket(url, bucket)
    return Backend(type="s3", config=s3_config(url, bucket), prefix=prefix)


def imcompile(*args, check_rc=None, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run([*IMCOMPILE, *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "CI": "true"}, **kw)
    if check_rc is not None:
        assert done.returncode == check_rc, done.stdout + done.stderr
    return done


def fresh_copy(folder: Path, to: Path) -> Path:
    """What a new CI runner checks out: the files, no .terraform, no state."""
    shutil.copytree(folder, to, ignore=shutil.ignore_patterns(".terraform*", "*.tfstate*"))
    return to


def test_a_fresh_workspace_plans_no_changes_after_apply(backend, tmp_path):
    first = write(tmp_path / "one", TEAMS, backend)
    applied = imcompile("apply", "--dir", str(first), check_rc=0)
    assert "stack team-a: applied, 1 change\n  create terraform data team-a\n" in applied.stdout
    assert not list(first.glob("*/*.tfstate")), "state lives in the backend, not on disk"

    second = fresh_copy(first, tmp_path / "two")
    planned = imcompile("plan", "--dir", str(second), check_rc=0)
    assert planned.stdout == "".join(f"stack {s}: no changes\n" for s in TEAMS)


def test_the_state_is_where_the_convention_puts_it(backend, tmp_path):
    folder = write(tmp_path / "gen", {"core": [], "team-a": ["core"]}, backend)
    imcompile("apply", "--dir", str(folder), check_rc=0)
    prefix = backend.prefix
    if backend.type == "pg":
        psql = shutil.which("psql") or sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))[-1]
        listed = subprocess.run([str(psql), os.environ["PG_CONN_STR"], "-Atc",
                                 "select nspname from pg_namespace where nspname like "
                                 f"'{prefix}%' order by 1"], capture_output=True, text=True)
        assert listed.stdout.split() == [f"{prefix}_core", f"{prefix}_team_a"]
    else:
        import boto3
        s3 = boto3.client("s3", endpoint_url=backend.config["endpoints"]["s3"])
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket=backend.config["bucket"])["Contents"]]
        assert sorted(keys) == [f"{prefix}/core/terraform.tfstate",
                                f"{prefix}/team-a/terraform.tfstate"]


def _wait_for(path: Path, proc: subprocess.Popen) -> None:
    """Until the first apply is inside its apply (holding the lock), or it ended."""
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)


def test_a_second_apply_fails_on_the_lock_and_the_state_stays_whole(backend, tmp_path):
    release = tmp_path / "release"
    first = write(tmp_path / "one", {"core": []}, backend, wait={"core": release})
    second = fresh_copy(first, tmp_path / "two")
    running = subprocess.Popen([*IMCOMPILE, "apply", "--dir", str(first)], text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for(release.with_suffix(".started"), running)
        blocked = imcompile("apply", "--dir", str(second), check_rc=1)
    finally:
        release.touch()
        out, err = running.communicate(timeout=600)
    assert running.returncode == 0, out + err
    assert blocked.stdout.startswith(
        "stack core: failed\n  error: stack core: terraform plan failed: the state is "
        "locked by another run")
    assert "Nothing was changed. Wait for that run to finish and try again" in blocked.stdout
    if backend.type == "s3":
        assert "(operation OperationTypeApply, who " in blocked.stdout
        assert f"terraform -chdir={second / 'core'} force-unlock " in blocked.stdout

    after = imcompile("plan", "--dir", str(second), check_rc=0)
    assert after.stdout == "stack core: no changes\n"


def test_a_removed_team_is_destroyed_not_orphaned(backend, tmp_path):
    stacks = {"core": [], "team-a": ["core"], "team-legacy": ["core"]}
    imcompile("apply", "--dir", str(write(tmp_path / "v1", stacks, backend)), check_rc=0)
    del stacks["team-legacy"]
    v2 = write(tmp_path / "v2", stacks, backend, removed={"team-legacy": ["core"]})

    planned = imcompile("plan", "--dir", str(v2), check_rc=2)
    assert planned.stdout.startswith(
        "stack team-legacy (removed from the org: destroyed on apply): changes planned, "
        "1 change\n  destroy terraform data team-legacy\n")
    applied = imcompile("apply", "--dir", str(v2), check_rc=0)
    assert "stack team-legacy (removed from the org: destroyed on apply): destroyed" \
        in applied.stdout
    again = imcompile("plan", "--dir", str(fresh_copy(v2, tmp_path / "v3")), check_rc=0)
    assert "stack team-legacy (removed from the org: destroyed on apply): no changes" \
        in again.stdout


def test_a_removed_team_with_protected_objects_stops_the_apply(backend, tmp_path):
    stacks = {"core": [], "team-legacy": ["core"]}
    v1 = write(tmp_path / "v1", stacks, backend, protect={"team-legacy"})
    imcompile("apply", "--dir", str(v1), check_rc=0)
    v2 = write(tmp_path / "v2", {"core": []}, backend, protect={"team-legacy"},
               removed={"team-legacy": ["core"]})
    stopped = imcompile("apply", "--dir", str(v2), check_rc=1)
    assert stopped.stdout == (
        "stack team-legacy (removed from the org: destroyed on apply): failed\n"
        "  error: stack team-legacy: terraform plan failed: terraform_data.team-legacy is "
        "protected by prevent_destroy, and the plan would destroy it. Nothing was "
        "destroyed. To delete on purpose, first set `prevent_destroy: false` on the entry "
        "in the org file and apply, then remove it; to keep the object in PagerDuty but "
        "stop managing it, `terraform state rm` it\n"
        "stack core: not run: a stack it depends on, or a removed stack, failed\n")
    # Nothing was destroyed: the next plan still stops on the protected object.
    again = imcompile("plan", "--dir", str(fresh_copy(v2, tmp_path / "v3")), check_rc=1)
    assert "terraform_data.team-legacy is protected by prevent_destroy" in again.stdout
