"""One stack's Terraform runs. Output is captured, never passed through: a plan can
carry secrets. Errors are reduced to their `Error:` lines and what a person can do."""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

PLAN_FILE = ".terraform/imcompile.tfplan"  # Terraform's own folder: never read as ours
LOCK_INFO = re.compile(r"^\s*(ID|Path|Operation|Who|Created):\s*(.*)$", re.MULTILINE)
PROTECTED = re.compile(r"Resource (\S+) has lifecycle\.prevent_destroy set")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class StackError(Exception):
    """A Terraform run failed; the message is for the user and carries no raw output."""


@dataclass
class Stack:
    binary: str
    folder: Path
    token_env: str = "PAGERDUTY_TOKEN"
    lock_timeout: str = "0s"
    backend: str = "local"

    @property
    def name(self) -> str:
        return self.folder.name

    def _env(self) -> dict[str, str]:
        env = dict(os.environ, TF_IN_AUTOMATION="1", TF_INPUT="0")
        # The provider reads PAGERDUTY_TOKEN; a stack may name another variable for it.
        if self.token_env != "PAGERDUTY_TOKEN" and self.token_env in env \
                and self.token_env.startswith("PAGERDUTY"):
            env["PAGERDUTY_TOKEN"] = env[self.token_env]
        return env

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([self.binary, f"-chdir={self.folder}", *args, "-no-color"],
                              capture_output=True, text=True, env=self._env(),
                              stdin=subprocess.DEVNULL)

    def init(self) -> None:
        done = self._run("init", "-input=false", "-reconfigure")
        if done.returncode:
            raise StackError(self._explain("init", done))

    def plan(self, destroy: bool = False, lock: bool = True) -> bool:
        """Plan into the stack's plan file; True when it has changes."""
        args = ["plan", "-input=false", "-detailed-exitcode", f"-out={PLAN_FILE}"]
        args += [f"-lock-timeout={self.lock_timeout}"] if lock else ["-lock=false"]
        done = self._run(*args, *(["-destroy"] if destroy else []))
        if done.returncode in (0, 2):
            return done.returncode == 2
        raise StackError(self._explain("plan", done))

    def show(self) -> dict:
        done = self._run("show", "-json", PLAN_FILE)
        if done.returncode:
            raise StackError(self._explain("show", done))
        return json.loads(done.stdout)

    def apply(self) -> None:
        done = self._run("apply", "-input=false", f"-lock-timeout={self.lock_timeout}",
                         PLAN_FILE)
        if done.returncode:
            raise StackError(self._explain("apply", done))

    def forget_plan(self) -> None:
        (self.folder / PLAN_FILE).unlink(missing_ok=True)

    def _explain(self, step: str, done: subprocess.CompletedProcess) -> str:
        text = ANSI.sub("", done.stderr + "\n" + done.stdout)
        where = f"stack {self.name}: terraform {step} failed"
        if "Error acquiring the state lock" in text:
            return f"{where}: {locked(text, self.folder, self.backend)}"
        protected = PROTECTED.findall(text)
        if protected:
            return f"{where}: {_protected(sorted(set(protected)))}"
        errors = [line.strip() for line in text.splitlines() if line.startswith("Error:")]
        return f"{where}: " + ("; ".join(dict.fromkeys(errors)) or
                               f"exit status {done.returncode}, no error message")


def locked(text: str, folder: Path, backend: str) -> str:
    head = "the state is locked by another run"
    if backend == "pg":
        # The pg backend reports the lock it asked for, not the holder's, and its
        # advisory locks end with the holder's database connection.
        return (f"{head}. Nothing was changed. Wait for that run to finish and try again "
                "(a pg lock is released when the run holding it ends)")
    info = dict(LOCK_INFO.findall(text))
    who = ", ".join(f"{k.lower()} {info[k]}" for k in ("Operation", "Who", "Created")
                    if info.get(k))
    lock_id = info.get("ID", "<lock ID>")
    return (f"{head} ({who or 'no details'}). Nothing was changed. Wait for that run to "
            "finish and try again; if it died, release the lock with "
            f"`terraform -chdir={folder} force-unlock {lock_id}`")


def _protected(addresses: list[str]) -> str:
    return (f"{', '.join(addresses)} {'is' if len(addresses) == 1 else 'are'} protected by "
            "prevent_destroy, and the plan would destroy "
            f"{'it' if len(addresses) == 1 else 'them'}. Nothing was destroyed. To delete "
            "on purpose, first set `prevent_destroy: false` on the entry in the org file "
            "and apply, then remove it; to keep the object in PagerDuty but stop managing "
            "it, `terraform state rm` it")
