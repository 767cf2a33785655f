"""Synthesis on several cores writes the same bytes as synthesis in one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imcompile.build import build
from imcompile.generators.terraform import pool, synth
from imcompile.generators.terraform.escape import Literal
from imcompile.generators.terraform.plan import Resource
from imcompile.generators.terraform.stacks import Stack


def _per_team_org(root: Path, tmp_path: Path) -> Path:
    text = (root / "org.yaml").read_text(encoding="utf-8")
    assert "terraform:\n  stacks: single\n" in text
    org = tmp_path / "org.yaml"
    org.write_text(text.replace("terraform:\n  stacks: single\n",
                                "terraform:\n  stacks: per-team\n"), encoding="utf-8")
    shutil.copytree(root / "runbooks", tmp_path / "runbooks")
    return org


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(org: Path, out: Path, jobs: str, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setenv(pool.JOBS_ENV, jobs)
    result, _ = build(org, out)
    assert result.validation.ok, result.validation.diagnostics[:2]
    return _tree(out)


def test_parallel_build_equals_serial_build(root, tmp_path, monkeypatch) -> None:
    org = _per_team_org(root, tmp_path)
    serial = _build(org, tmp_path / "serial", "1", monkeypatch)
    parallel = _build(org, tmp_path / "parallel", "3", monkeypatch)
    again = _build(org, tmp_path / "again", "3", monkeypatch)
    stacks = [k for k in serial if k.endswith("/cdk.tf.json")]
    assert len(stacks) > 3  # enough stacks for three processes to share
    assert parallel == serial
    assert again == parallel


def _todo(*sizes: int) -> list:
    return [(Stack(f"s{i}", resources=[object()] * n), "") for i, n in enumerate(sizes)]


def test_small_builds_and_single_stacks_stay_in_one_process(monkeypatch) -> None:
    monkeypatch.delenv(pool.JOBS_ENV, raising=False)
    monkeypatch.setattr(pool, "_cores", lambda: 8)
    assert pool.jobs_for(_todo(50, 50, 50)) == 1
    assert pool.jobs_for(_todo(pool.MIN_RESOURCES * 2)) == 1
    assert pool.jobs_for(_todo(*[100] * 200)) == 8
    assert pool.jobs_for(_todo(*[100] * 200), jobs=2) == 2
    monkeypatch.setenv(pool.JOBS_ENV, "3")
    assert pool.jobs_for(_todo(5, 5, 5, 5)) == 3


@pytest.mark.parametrize("sizes", [(9, 1, 1, 1, 8, 2), (1,) * 7, (30, 1)])
def test_shares_cover_every_stack_once_and_balance(sizes) -> None:
    todo = _todo(*sizes)
    groups = pool.shares(todo, 3)
    assert sorted(i for g in groups for i in g) == list(range(len(todo)))
    loads = [sum(sizes[i] + 1 for i in g) for g in groups]
    loads[0] -= pool.head_start(todo, 3)  # the parent's share: more, for the workers' start
    assert max(loads) - min(loads) <= max(sizes) + 1


def test_the_parent_takes_more_while_the_workers_start() -> None:
    todo = _todo(*[20] * 1000)
    groups = pool.shares(todo, 2)
    # Each stack weighs its resources plus one.
    extra = (len(groups[0]) - len(groups[1])) * 21
    assert pool.HEAD_START - 21 <= extra <= pool.HEAD_START + 21


def _team_stack(name: str, attrs: dict) -> Stack:
    return Stack(name, resources=[Resource("team:x", "pagerduty_team", "t", attrs)])


def test_a_failing_worker_fails_the_build_with_its_reason() -> None:
    good = _team_stack("team-a", {"name": Literal("A")})
    bad = _team_stack("team-b", {"name": Literal("B"), "bogus": {"x": Literal("y")}})
    with pytest.raises(RuntimeError, match=r"a synthesis worker failed \(exit 1\): .*"
                       r"the PagerDuty bindings have no block TeamBogus"):
        synth.synthesize([good, bad], {}, jobs=2)


def test_literals_reach_a_worker_as_text() -> None:
    # Org text containing `${` stays escaped text whichever process synthesised it.
    stacks = [_team_stack(f"team-{i}", {"name": Literal("${file(\"/etc/passwd\")}")})
              for i in range(2)]
    serial = synth.synthesize(stacks, {}, jobs=1)
    parallel = synth.synthesize(stacks, {}, jobs=2)
    assert parallel == serial
    assert '"name": "$${file(\\"/etc/passwd\\")}"' in parallel["team-1/cdk.tf.json"]
