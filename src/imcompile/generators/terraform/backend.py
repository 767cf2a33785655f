"""Each stack's state by one convention, and how another stack reads it.

The org names a backend once (`terraform.backend`); every stack gets its own state in
it: s3/azurerm key `<prefix>/<stack>/terraform.tfstate`, gcs prefix `<prefix>/<stack>`,
pg schema `<prefix>_<stack>`, http address `<address>/<stack>`, one HCP Terraform
workspace `<prefix>-<stack>`. `terraform_remote_state` reads a stack through the same
backend with the same derived settings, so stacks find each other on any runner.
"""

from __future__ import annotations

import hashlib
import re

from ...spec.backend import Backend

PG_MAX = 63  # PostgreSQL identifiers
WORKSPACE_MAX = 90  # HCP Terraform workspace names
HTTP_ADDRESSES = ("address", "lock_address", "unlock_address")
STATE_FILE = "terraform.tfstate"


def prefix_of(backend: Backend, org: str) -> str:
    return org if backend.prefix is None else backend.prefix


def settings(backend: Backend, org: str, stack: str) -> dict:
    """The stack's backend arguments: the org's, plus the derived per-stack ones."""
    kind, config, prefix = backend.type, dict(backend.config), prefix_of(backend, org)
    if kind == "local":
        return {"path": STATE_FILE}
    if kind in ("s3", "azurerm"):
        config["key"] = f"{prefix}/{stack}/{STATE_FILE}"
    elif kind == "gcs":
        config["prefix"] = f"{prefix}/{stack}"
    elif kind == "pg":
        config["schema_name"] = pg_schema(prefix, stack)
    elif kind == "http":
        for key in HTTP_ADDRESSES:
            if config.get(key):
                config[key] = f"{str(config[key]).rstrip('/')}/{stack}"
    elif kind == "cloud":
        config["workspaces"] = {"name": workspace(prefix, stack)}
    return dict(sorted(config.items()))


def remote_state(backend: Backend, org: str, stack: str) -> dict:
    """The `terraform_remote_state` body that reads `stack` from a stack next to it."""
    if backend.type == "local":
        return {"backend": "local", "config": {"path": f"../{stack}/{STATE_FILE}"}}
    config = _literal(settings(backend, org, stack))
    if backend.type == "cloud":
        # The cloud block has no remote-state twin: the `remote` backend reads the same
        # workspaces.
        config.setdefault("hostname", "app.terraform.io")
        return {"backend": "remote", "config": config}
    return {"backend": backend.type, "config": config}


def _literal(value):
    """A backend block is taken literally, but a data source's arguments are templates:
    `${` and `%{` from the org file must stay text there too."""
    if isinstance(value, str):
        return value.replace("${", "$${").replace("%{", "%%{")
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal(v) for v in value]
    return value


def state(backend: Backend, org: str, stack: str, depends_on) -> dict:
    """Everything a stack's file says about state, as plain data (part of its fingerprint)."""
    return {"type": backend.type, "config": settings(backend, org, stack),
            "remote": {d: remote_state(backend, org, d) for d in sorted(depends_on)}}


def place(doc: dict, stack_state: dict) -> dict:
    """Write the stack's backend and remote-state reads into its Terraform JSON."""
    tf = doc.setdefault("terraform", {})
    tf.pop("backend", None)
    tf.pop("cloud", None)
    if stack_state["type"] == "cloud":
        tf["cloud"] = stack_state["config"]
    else:
        tf["backend"] = {stack_state["type"]: stack_state["config"]}
    data = doc.get("data", {})
    data.pop("terraform_remote_state", None)
    if stack_state["remote"]:
        data["terraform_remote_state"] = dict(stack_state["remote"])
    if data:
        doc["data"] = data
    else:
        doc.pop("data", None)
    return doc


def pg_schema(prefix: str, stack: str) -> str:
    """`<prefix>_<stack>` as a plain PostgreSQL identifier: lower case, `_` for anything
    else, a hash of the full name when it has to be cut to 63 characters."""
    name = re.sub(r"[^a-z0-9_]", "_", f"{prefix}_{stack}".lower())
    if not re.match(r"[a-z_]", name):
        name = "s_" + name
    return _fit(name, f"{prefix}_{stack}", PG_MAX, "_")


def workspace(prefix: str, stack: str) -> str:
    """`<prefix>-<stack>` within HCP Terraform's rules for workspace names."""
    name = re.sub(r"[^A-Za-z0-9_-]", "-", f"{prefix}-{stack}")
    return _fit(name, f"{prefix}-{stack}", WORKSPACE_MAX, "-")


def _fit(name: str, full: str, limit: int, sep: str) -> str:
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(full.encode()).hexdigest()[:8]
    return f"{name[:limit - 9]}{sep}{digest}"
