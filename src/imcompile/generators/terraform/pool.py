"""Synthesis on every core: stacks are independent, so they are synthesised by separate
CDK runtimes at once, each in its own process with its own jsii Node.js child.

One worker process per core synthesises; the parent deals the stacks out to them in
small batches, to whichever is free (a worker that starts late, or a core that other
work slows, takes fewer), and hands the documents on in order as soon as they are made,
so the build writes files while the rest are synthesised. Starting a worker costs
seconds (Python, the jsii runtime, the CDK assemblies), so small builds stay in one
process.

Each stack's output depends on that stack alone, so the files are the same bytes
whichever process made them (tests/test_synth_pool.py holds serial and parallel builds
equal).
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# Below this many resources (about 1 ms each) a build stays in one process: a worker
# would take longer to start than the work it could take over.
MIN_RESOURCES = 6000
# Resources in one batch: small enough to share the end of the build out evenly.
BATCH = 300
JOBS_ENV = "IMCOMPILE_SYNTH_JOBS"


def jobs_for(todo: list, jobs: int | None = None) -> int:
    """How many processes to synthesise `todo` [(stack, ...)] with: `jobs` or
    IMCOMPILE_SYNTH_JOBS when given, else one per core for a large enough build."""
    asked = os.environ.get(JOBS_ENV, "").strip()
    if jobs is None and asked.isdigit() and int(asked) > 0:
        jobs = int(asked)
    size = sum(len(item[0].resources) for item in todo)
    if jobs is None:
        jobs = _cores() if size >= MIN_RESOURCES else 1
    # Never more processes than batches: a stack larger than a batch is cut (synth.py).
    return max(1, min(jobs, max(len(todo), size // BATCH)))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def batches(todo: list, size: int | None = None) -> list[list[int]]:
    """Positions in `todo`, in order, grouped into batches of about `size` resources."""
    size = BATCH if size is None else size
    out: list[list[int]] = [[]]
    load = 0
    for i, (stack, *_) in enumerate(todo):
        if load >= size:
            out.append([])
            load = 0
        out[-1].append(i)
        load += len(stack.resources) + 1
    return [b for b in out if b]


def synthesize(todo: list, cdk, jobs: int = 1):
    """Yield (*item, result) for each item of `todo` [(stack, ...)], in order: made by
    `cdk(todo)` in this process, or by synth.made in `jobs` worker processes. A result
    is yielded as soon as it and every one before it are made."""
    if jobs <= 1:
        yield from cdk(todo)
        return
    work: queue.SimpleQueue = queue.SimpleQueue()
    for batch in batches(todo):
        work.put(batch)
    done = _Done(todo, serving=jobs)
    with tempfile.TemporaryDirectory(prefix="imcompile-pool-") as tmp:
        workers = [_Worker(Path(tmp) / f"worker-{k}.log") for k in range(jobs)]
        threads = [threading.Thread(target=done.serving, args=(w, work), daemon=True)
                   for w in workers]
        finished = False
        try:
            for t in threads:
                t.start()
            while not done.complete() and done.wait():
                yield from done.ready()
            for t in threads:
                t.join()
            finished = True
        finally:
            for w in workers:
                w.stop(kill=not finished)
        failed = next((w.error for w in workers if w.error), None)
        if failed:
            raise RuntimeError(failed)
        if not done.complete():
            raise RuntimeError("a synthesis worker ended without its documents")


class _Done:
    """Documents made so far, by position in `todo`, handed out in order."""

    def __init__(self, todo: list, serving: int = 0):
        self.todo, self.docs, self.next = todo, {}, 0
        self.serving_workers = serving
        self.changed = threading.Condition()

    def add(self, made) -> None:
        with self.changed:
            self.docs.update(made)
            self.changed.notify_all()

    def ready(self):
        while True:
            with self.changed:
                if self.next not in self.docs:
                    return
                doc = self.docs.pop(self.next)  # handed on: not kept twice
            item = self.todo[self.next]
            self.next += 1
            yield (*item, doc)

    def complete(self) -> bool:
        return self.next == len(self.todo)

    def wait(self) -> bool:
        """Until the next document is made; False when no worker is left to make it."""
        with self.changed:
            self.changed.wait_for(lambda: self.next in self.docs or not self.serving_workers)
            return self.next in self.docs

    def serving(self, worker: "_Worker", work: queue.SimpleQueue) -> None:
        try:
            worker.serve(work, self.todo, self)
        finally:
            with self.changed:  # a worker that ends wakes the waiter to look again
                self.serving_workers -= 1
                self.changed.notify_all()


def _take(work: queue.SimpleQueue):
    while True:
        try:
            yield work.get_nowait()
        except queue.Empty:
            return


class _Worker:
    """A process (`python -m` this module: multiprocessing would re-run the caller's main
    script) fed batches over a pipe by a thread of the parent."""

    def __init__(self, log: Path):
        src = str(Path(__file__).resolve().parents[3])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (src, os.environ.get("PYTHONPATH", "")) if p)}
        self.log = log.open("w+b")
        self.error = ""
        self.stopping = False
        # -O: the generated jsii bindings check every argument with typeguard under
        # `if __debug__`, about a quarter of synthesis time; the jsii runtime checks
        # every value's type on its side anyway. (A build in one process keeps them.)
        self.proc = subprocess.Popen([sys.executable, "-O", "-m", __name__], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log)

    def serve(self, work: queue.SimpleQueue, todo: list, docs) -> None:
        """Feed batches until none is left; `docs.add` receives (position, doc) pairs."""
        try:
            for batch in _take(work):
                if self.stopping:
                    return
                _send(self.proc.stdin, [todo[i] for i in batch])
                made = _receive(self.proc.stdout)
                if made is None:  # the worker ended: its reason is in the log
                    self.error = self._reason()
                    return
                docs.add(zip(batch, made))
        except Exception as e:  # noqa: BLE001 - reported by the parent, not lost in a thread
            self.error = self.error or f"a synthesis worker failed: {e}"

    def _reason(self) -> str:
        code = self.proc.wait()
        self.log.seek(0)
        tail = self.log.read().decode(errors="replace").strip().splitlines()[-5:]
        return f"a synthesis worker failed (exit {code}): " + " | ".join(tail)

    def stop(self, kill: bool = False) -> None:
        """End the process: after its batch, or at once (the build has failed)."""
        self.stopping = True
        if kill:
            self.proc.kill()
        else:
            try:
                _send(self.proc.stdin, None)
            except (OSError, ValueError):
                pass
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout, self.log):
            try:
                pipe.close()
            except OSError:
                pass


def _send(pipe, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(struct.pack("<Q", len(data)) + data)
    pipe.flush()


def _receive(pipe):
    head = pipe.read(8)
    if len(head) < 8:
        return None
    return pickle.loads(pipe.read(struct.unpack("<Q", head)[0]))


def _work() -> None:
    """The worker's loop: a batch in, its documents out, until None."""
    from .synth import made
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever else prints goes to the log, not into the results
    while (batch := _receive(sys.stdin.buffer)) is not None:
        _send(results, [result for *_, result in made(batch)])


if __name__ == "__main__":
    _work()
