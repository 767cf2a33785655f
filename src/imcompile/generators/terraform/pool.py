"""Synthesis on every core: stacks are independent, so shares of them are synthesised by
separate CDK runtimes at once, each in its own process with its own jsii Node.js child.

The parent synthesises one share itself while worker processes do the others, so a
machine with N cores starts N-1 extra runtimes. Starting one costs seconds (Python, the
jsii runtime, the CDK assemblies), so small builds stay in one process: a build goes
parallel only when its stacks hold enough resources to pay for that.

Each stack's output depends on that stack alone, so the files are the same bytes
whichever process made them (tests/test_synth_pool.py holds serial and parallel builds
equal).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

# Starting a worker (Python, Node.js, the CDK assemblies) takes about as long as
# synthesising this many resources (about 1 ms each), so the parent, which starts at
# once, takes that many more; and below MIN_RESOURCES a build stays in one process.
HEAD_START = 2000
MIN_RESOURCES = 6000
JOBS_ENV = "IMCOMPILE_SYNTH_JOBS"


def jobs_for(todo: list, jobs: int | None = None) -> int:
    """How many processes to synthesise `todo` [(stack, inputs)] with: `jobs` or
    IMCOMPILE_SYNTH_JOBS when given, else one per core for a large enough build."""
    asked = os.environ.get(JOBS_ENV, "").strip()
    if jobs is None and asked.isdigit() and int(asked) > 0:
        jobs = int(asked)
    if jobs is None:
        size = sum(len(stack.resources) for stack, _ in todo)
        jobs = _cores() if size >= MIN_RESOURCES else 1
    return max(1, min(jobs, len(todo)))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def head_start(todo: list, n: int) -> int:
    """HEAD_START, or less in a build too small for it to leave the workers anything."""
    return min(HEAD_START, sum(len(stack.resources) for stack, _ in todo) // (2 * n))


def shares(todo: list, n: int) -> list[list[int]]:
    """Positions in `todo` split into n shares of about equal resource counts, largest
    stacks first, each share in `todo`'s order; the first share (the parent's) is
    larger by head_start(), for the workers' start."""
    loads = [-head_start(todo, n)] + [0] * (n - 1)
    groups: list[list[int]] = [[] for _ in range(n)]
    by_size = sorted(range(len(todo)), key=lambda i: -len(todo[i][0].resources))
    for i in by_size:
        k = loads.index(min(loads))
        groups[k].append(i)
        loads[k] += len(todo[i][0].resources) + 1
    return [sorted(g) for g in groups if g]


def synthesize(todo: list, cdk, jobs: int = 1):
    """Yield (stack, inputs, doc) for each of `todo`, made by `cdk(todo_share)`, in
    `jobs` processes; the parent's own share first, then each worker's in turn."""
    if jobs <= 1:
        yield from cdk(todo)
        return
    groups = shares(todo, jobs)
    with tempfile.TemporaryDirectory(prefix="imcompile-pool-") as tmp:
        workers = [(g, _start([todo[i] for i in g], Path(tmp) / f"share-{k}.in"))
                   for k, g in enumerate(groups[1:])]
        try:
            yield from cdk([todo[i] for i in groups[0]])
            for group, worker in workers:
                for i, doc in zip(group, _finish(*worker), strict=True):
                    stack, inputs = todo[i]
                    yield stack, inputs, doc
        finally:
            for _, (proc, errors) in workers:  # on an error in the parent's share
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
                errors.close()


def _start(share: list, path: Path):
    """A worker process: `python -m` this module, not multiprocessing, which would
    re-run the caller's main script in each worker."""
    path.write_bytes(pickle.dumps(share, protocol=pickle.HIGHEST_PROTOCOL))
    src = str(Path(__file__).resolve().parents[3])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (src, os.environ.get("PYTHONPATH", "")) if p)}
    # Whatever the worker prints goes to a file, shown if it fails; results to another.
    errors = path.with_suffix(".log").open("w+b")
    proc = subprocess.Popen([sys.executable, "-m", __name__, str(path)], env=env,
                            stdin=subprocess.DEVNULL, stdout=errors, stderr=errors)
    return proc, errors


def _finish(proc, errors) -> list[dict]:
    code = proc.wait()
    with errors:
        errors.seek(0)
        tail = errors.read().decode(errors="replace").strip().splitlines()[-5:]
    if code != 0:
        raise RuntimeError(f"a synthesis worker failed (exit {code}): " + " | ".join(tail))
    return pickle.loads(Path(errors.name).with_suffix(".out").read_bytes())


def _work(path: str) -> None:
    from .synth import _cdk
    share = pickle.loads(Path(path).read_bytes())
    docs = [doc for _, _, doc in _cdk(share)]
    Path(path).with_suffix(".out").write_bytes(
        pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    _work(sys.argv[1])
