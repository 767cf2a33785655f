"""Stacks shaped like the org's (one core, one per team, remote-state reads between them)
holding only `terraform_data`, so real Terraform can apply them without providers."""

from __future__ import annotations

import json
from pathlib import Path

from imcompile.generators.terraform.backend import place, state
from imcompile.spec.backend import Backend

ORG = "acme"


def stack_doc(name: str, deps: list[str], backend: Backend, protect: bool = False,
              wait_for: Path | None = None) -> dict:
    """A stack with one object; a team stack takes the core's ID through remote state.
    `wait_for`: the apply blocks (holding the state lock) until that file exists."""
    value = {"stack": name}
    for dep in deps:
        value[dep] = f"${{data.terraform_remote_state.{dep}.outputs.ids[\"{dep}\"]}}"
    body: dict = {"input": value}
    if protect:
        body["lifecycle"] = {"prevent_destroy": True}
    if wait_for is not None:
        started = wait_for.with_suffix(".started")
        body["provisioner"] = [{"local-exec": {"command":
                                f"touch {started}; while [ ! -f {wait_for} ]; do sleep 0.05; done"}}]
    doc = {"resource": {"terraform_data": {name: body}},
           "output": {"ids": {"value": {name: f"${{terraform_data.{name}.id}}"}}}}
    return place(doc, state(backend, ORG, name, deps))


def write(folder: Path, stacks: dict[str, list[str]], backend: Backend,
          protect: set[str] = frozenset(), removed: dict[str, list[str]] | None = None,
          wait: dict[str, Path] | None = None) -> Path:
    """generated/terraform as `imcompile build` lays it out: a folder per stack and a
    manifest.json (with `removed` stacks, whose folders are kept)."""
    removed = removed or {}
    wait = wait or {}
    folder.mkdir(parents=True, exist_ok=True)
    for name, deps in {**stacks, **removed}.items():
        (folder / name).mkdir(exist_ok=True)
        doc = stack_doc(name, deps, backend, name in protect, wait.get(name))
        (folder / name / "cdk.tf.json").write_text(json.dumps(doc, indent=2))
    entries = lambda d: [{"name": n, "path": f"{n}/cdk.tf.json", "depends_on": deps,
                          "token_env": "PAGERDUTY_TOKEN"} for n, deps in d.items()]
    manifest = {"backend": backend.type, "layout": "per-team", "stacks": entries(stacks),
                "removed": entries(removed)}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return folder
