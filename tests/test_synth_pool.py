"""Synthesis on several cores writes the same bytes as synthesis in one process."""

from __future__ import annotations

import queue
import re
import shutil
import threading
from pathlib import Path

import pytest

from imcompile.build import build
from imcompile.generators.terraform.backend import state
from imcompile.spec.backend import Backend
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
    monkeypatch.setattr(pool, "BATCH", 1)  # a batch a stack: every process takes some
    org = _per_team_org(root, tmp_path)
    serial = _build(org, tmp_path / "serial", "1", monkeypatch)
    parallel = _build(org, tmp_path / "parallel", "3", monkeypatch)
    again = _build(org, tmp_path / "again", "3", monkeypatch)
    stacks = [k for k in serial if k.endswith("/cdk.tf.json")]
    assert len(stacks) > 3  # enough stacks for three processes to share
    assert parallel == serial
    assert again == parallel


def test_a_single_stack_cut_into_pieces_equals_the_serial_build(root, tmp_path,
                                                                 monkeypatch) -> None:
    monkeypatch.setattr(pool, "BATCH", 20)  # the example's one stack in many pieces
    org = tmp_path / "org.yaml"
    shutil.copy(root / "org.yaml", org)
    shutil.copytree(root / "runbooks", tmp_path / "runbooks")
    serial = _build(org, tmp_path / "serial", "1", monkeypatch)
    parallel = _build(org, tmp_path / "parallel", "2", monkeypatch)
    assert parallel == serial


def _todo(*sizes: int) -> list:
    return [(Stack(f"s{i}", resources=[object()] * n), "") for i, n in enumerate(sizes)]


def test_small_builds_stay_in_one_process_and_a_large_single_stack_does_not(
        monkeypatch) -> None:
    monkeypatch.delenv(pool.JOBS_ENV, raising=False)
    monkeypatch.setattr(pool, "_cores", lambda: 8)
    assert pool.jobs_for(_todo(50, 50, 50)) == 1
    assert pool.jobs_for(_todo(pool.BATCH * 2)) == 1  # too small for workers
    # One large stack is cut into pieces, so it has every core, not one.
    assert pool.jobs_for(_todo(pool.MIN_RESOURCES * 2)) == 8
    assert pool.jobs_for(_todo(pool.BATCH * 3), jobs=8) == 3  # no more than its pieces
    assert pool.jobs_for(_todo(*[100] * 200)) == 8
    assert pool.jobs_for(_todo(*[100] * 200), jobs=2) == 2
    monkeypatch.setenv(pool.JOBS_ENV, "3")
    assert pool.jobs_for(_todo(5, 5, 5, 5)) == 3


@pytest.mark.parametrize("sizes", [(9, 1, 1, 1, 8, 2), (1,) * 7, (30, 1)])
def test_batches_cover_every_stack_once_in_order(sizes) -> None:
    found = pool.batches(_todo(*sizes), 10)
    assert [i for b in found for i in b] == list(range(len(sizes)))
    # Each batch holds about 10 resources (one stack more at most).
    for b in found[:-1]:
        assert 10 <= sum(sizes[i] + 1 for i in b) <= 10 + max(sizes) + 1


def _team_stack(name: str, attrs: dict) -> Stack:
    stack = Stack(name, resources=[Resource("team:x", "pagerduty_team", "t", attrs)])
    stack.state = state(Backend(), "acme", name, ())  # local state, as a build sets it
    return stack


def test_a_failing_worker_fails_the_build_with_its_reason(tmp_path, monkeypatch) -> None:
    bad = _team_stack("team-b", {"name": Literal("B"), "bogus": {"x": Literal("y")}})
    work: queue.SimpleQueue = queue.SimpleQueue()
    work.put([0])
    worker, done = pool._Worker(tmp_path / "worker.log"), pool._Done([(bad, "", 1)])
    worker.serve(work, done.todo, done)
    worker.stop()
    assert done.docs == {}
    assert re.fullmatch(r"a synthesis worker failed \(exit 1\): .*the PagerDuty bindings "
                        r"have no block TeamBogus", worker.error)
    # Whichever process meets it, the build fails with that reason.
    monkeypatch.setattr(pool, "BATCH", 1)
    with pytest.raises((RuntimeError, TypeError), match="have no block TeamBogus"):
        synth.synthesize([_team_stack(f"team-{i}", bad.resources[0].attrs) for i in range(4)],
                         {}, jobs=2)


def test_literals_reach_a_worker_as_text(monkeypatch) -> None:
    # Org text containing `${` stays escaped text whichever process synthesised it.
    monkeypatch.setattr(pool, "BATCH", 1)  # a batch a stack: the worker takes one at once
    stacks = [_team_stack(f"team-{i}", {"name": Literal("${file(\"/etc/passwd\")}")})
              for i in range(2)]
    serial = synth.synthesize(stacks, {}, jobs=1)
    parallel = synth.synthesize(stacks, {}, jobs=2)
    assert parallel == serial
    assert '"name": "$${file(\\"/etc/passwd\\")}"' in parallel["team-1/cdk.tf.json"]


class _HeldWorker:
    """A stand-in for a worker process: makes each batch's documents at once, except
    the last stack's, which it holds until the test releases it."""

    release = threading.Event()
    held_for = []

    def __init__(self, log):
        self.error = ""

    def serve(self, work, todo, docs):
        for batch in pool._take(work):
            if len(todo) - 1 in batch:
                # False if the build waited for this before writing anything.
                _HeldWorker.held_for.append(_HeldWorker.release.wait(timeout=20))
            docs.add((i, {"doc": i}) for i in batch)

    def stop(self, kill=False):
        pass


def test_documents_are_handed_on_while_the_rest_are_made(monkeypatch) -> None:
    """The first files are handed on before the last stack is made, not after the
    whole synthesis."""
    monkeypatch.setattr(pool, "BATCH", 1)
    monkeypatch.setattr(pool, "_Worker", _HeldWorker)
    _HeldWorker.release.clear()
    _HeldWorker.held_for.clear()
    todo = _todo(1, 1, 1, 1, 1, 1)
    got = []
    for stack, _, doc in pool.synthesize(todo, cdk=None, jobs=2):
        got.append((stack.name, doc["doc"]))
        _HeldWorker.release.set()  # the first document is out: let the last one go
    assert got == [(f"s{i}", i) for i in range(6)]
    assert _HeldWorker.held_for == [True]


def test_documents_are_handed_on_in_order_whoever_finishes_first() -> None:
    done = pool._Done(_todo(1, 1, 1))
    done.add([(1, "b")])
    assert list(done.ready()) == []  # the first is not made yet
    done.add([(0, "a")])
    assert [doc for _, _, doc in done.ready()] == ["a", "b"]
    done.add([(2, "c")])
    assert [doc for _, _, doc in done.ready()] == ["c"] and done.complete()
    assert done.docs == {}  # handed on, not kept


def test_a_build_writes_stack_files_into_its_stage_as_they_come(root, tmp_path,
                                                               monkeypatch) -> None:
    """Stack files reach the staging folder during synthesis; the folder the user sees
    changes only at the swap, and a failure after some stacks leaves it as it was."""
    from imcompile import writer
    org = _per_team_org(root, tmp_path)
    out = tmp_path / "out"
    before = _build(org, out, "1", monkeypatch)
    staged_during = []
    real = writer.Stage.put

    def spying(self, rel, text):
        real(self, rel, text)
        if rel.endswith("cdk.tf.json"):
            staged_during.append((rel, (self.root / rel).is_file(), _tree(out) == before))
        if len(staged_during) == 3:
            raise OSError(28, "No space left on device", str(self.root / rel))

    monkeypatch.setattr(writer.Stage, "put", spying)
    (org.parent / "org.yaml").write_text(org.read_text(encoding="utf-8").replace(
        "Payments", "Paiements"), encoding="utf-8")
    with pytest.raises(writer.OutputError, match=r"cannot write .*out/.*: No space left"):
        build(org, out)
    assert all(on_disk and unchanged for _, on_disk, unchanged in staged_during)
    assert _tree(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out-staging")]


def test_pieces_of_a_stack_merge_back_and_must_agree_on_the_rest() -> None:
    stack = _team_stack("core", {"name": Literal("A")})
    stack.resources = stack.resources * 5
    stack.outputs = {"o": {"value": "x"}}
    cut = synth._pieces(stack, 2)
    assert [len(p.resources) for p in cut] == [2, 2, 1]
    assert [bool(p.outputs) for p in cut] == [True, False, False]
    merged = synth._merge([
        {"terraform": {"v": 1}, "resource": {"t": {"a": 1}}, "import": [1], "output": {"o": 1}},
        {"terraform": {"v": 1}, "resource": {"t": {"b": 2}, "u": {"c": 3}}, "import": [2]}])
    assert merged == {"terraform": {"v": 1}, "resource": {"t": {"a": 1, "b": 2}, "u": {"c": 3}},
                      "import": [1, 2], "output": {"o": 1}}
    with pytest.raises(RuntimeError, match="pieces of a stack disagree on 'terraform'"):
        synth._merge([{"terraform": {"v": 1}}, {"terraform": {"v": 2}}])
