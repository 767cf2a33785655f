"""Run work over stacks in dependency order, independent ones concurrently (bounded)."""

from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from typing import Callable

SKIPPED = "skipped"


def run(deps: dict[str, set[str]], work: Callable[[str], bool], limit: int = 4) -> dict:
    """Call work(stack) once every stack it depends on succeeded; `work` returns True on
    success. A stack whose dependency failed is not run: {stack: True | False | SKIPPED}."""
    result: dict[str, object] = {}
    waiting = dict(deps)
    with ThreadPoolExecutor(max_workers=max(1, limit)) as pool:
        running = {}
        while waiting or running:
            for name in sorted(waiting):
                needs = waiting[name] & set(deps)
                if any(result.get(d) in (False, SKIPPED) for d in needs):
                    result[name] = SKIPPED
                    del waiting[name]
                elif all(result.get(d) is True for d in needs) and len(running) < limit:
                    running[pool.submit(work, name)] = name
                    del waiting[name]
            if not running:
                if waiting:  # a cycle: nothing can start
                    result.update({n: SKIPPED for n in waiting})
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                result[running.pop(future)] = bool(future.result())
    return result


def reverse(deps: dict[str, set[str]]) -> dict[str, set[str]]:
    """For destroying: a stack goes after every stack that depends on it."""
    out: dict[str, set[str]] = {name: set() for name in deps}
    for name, needs in deps.items():
        for dep in needs:
            if dep in out:
                out[dep].add(name)
    return out
