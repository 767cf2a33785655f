"""Plan or apply every stack of a manifest: removed stacks are destroyed first (their
dependents before them), then the others are applied in dependency order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import order
from .manifest import Entry, Manifest
from .summary import Change, changes
from .terraform import Stack, StackError


@dataclass
class Outcome:
    stack: str
    status: str = "skipped"  # no changes | changes | applied | destroyed | failed | skipped
    removed: bool = False
    changes: list[Change] = field(default_factory=list)
    error: str = ""


@dataclass
class Runner:
    manifest: Manifest
    binary: str
    limit: int = 4
    lock_timeout: str = "0s"
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def _stack(self, entry: Entry) -> Stack:
        return Stack(self.binary, Path(self.manifest.folder) / entry.name, entry.token_env,
                     self.lock_timeout, self.manifest.backend)

    def _work(self, entry: Entry, apply: bool, lock: bool):
        def work(_name: str) -> bool:
            outcome = Outcome(entry.name, removed=entry.removed)
            self.outcomes[entry.name] = outcome
            stack = self._stack(entry)
            try:
                stack.init()
                if stack.plan(destroy=entry.removed, lock=lock):
                    outcome.changes = changes(stack.show())
                    outcome.status = "changes"
                    if apply:
                        stack.apply()
                        outcome.status = "destroyed" if entry.removed else "applied"
                else:
                    outcome.status = "no changes"
            except StackError as exc:
                outcome.status, outcome.error = "failed", str(exc)
            except (OSError, ValueError) as exc:  # the binary vanished, show gave no JSON
                outcome.status = "failed"
                outcome.error = f"stack {entry.name}: running Terraform failed: {exc}"
            finally:
                stack.forget_plan()
            return outcome.status != "failed"
        return work

    def _run(self, entries: list[Entry], apply: bool, lock: bool, destroy: bool) -> bool:
        names = {e.name for e in entries}
        deps = {e.name: set(e.depends_on) & names for e in entries}
        if destroy:
            deps = order.reverse(deps)
        by_name = {e.name: e for e in entries}
        result = order.run(deps, lambda n: self._work(by_name[n], apply, lock)(n),
                           self.limit)
        for name, status in result.items():
            self.outcomes.setdefault(name, Outcome(name, removed=by_name[name].removed))
        return all(status is True for status in result.values())

    def plan(self, only: set[str] | None = None) -> list[Outcome]:
        """Plan without taking the state lock: a review reads the backend, never writes."""
        wanted = [e for e in self.manifest.stacks if only is None or e.name in only]
        self._run(self.manifest.removed, apply=False, lock=False, destroy=True)
        self._run(wanted, apply=False, lock=False, destroy=False)
        return self.results()

    def apply(self) -> list[Outcome]:
        """Destroy removed stacks, then apply; nothing is applied after a failed destroy."""
        if self._run(self.manifest.removed, apply=True, lock=True, destroy=True):
            self._run(self.manifest.stacks, apply=True, lock=True, destroy=False)
        else:
            for entry in self.manifest.stacks:
                self.outcomes[entry.name] = Outcome(entry.name)
        return self.results()

    def results(self) -> list[Outcome]:
        order_ = [e.name for e in self.manifest.removed + self.manifest.stacks]
        return sorted(self.outcomes.values(), key=lambda o: order_.index(o.stack))
