"""Terraform JSON for the PagerDuty provider, one folder per stack, plus a manifest."""

from __future__ import annotations

import json

from ...conventions import GENERATED_BANNER
from .escape import literals
from .backend import state
from .history import removed
from .oncall import add_policies, add_schedules
from .people import add_people
from .plan import Plan
from .services import add_services
from .severities import add_severities, add_slack_channels, add_slack_connections, add_tags
from .stacks import manifest, split
from .synth import synthesize

FOLDER = "terraform"


def plan(model) -> Plan:
    p = Plan()
    add_people(p, model)
    add_severities(p, model)
    add_schedules(p, model)
    add_policies(p, model)
    add_services(p, model)
    add_tags(p, model)
    add_slack_connections(p, model)
    add_slack_channels(p, model)
    return p


def generate(model, previous: dict[str, str] | None = None, sink=None) -> dict[str, str]:
    """{"terraform/...": text}. `previous` (same keys) lets unchanged stacks be reused;
    `sink(path, text)` receives each stack's file as soon as it is made."""
    previous = previous or {}
    # The one escaping layer: from here on, org text is marked as text (see escape.py).
    stacks = split(literals(plan(model)), model.spec.terraform.stacks)
    backend = model.spec.terraform.backend
    for stack in stacks:
        stack.state = state(backend, model.spec.metadata.name, stack.name, stack.depends_on)
    earlier = {k.removeprefix(f"{FOLDER}/"): v for k, v in previous.items()}
    made = (lambda path, text: sink(f"{FOLDER}/{path}", text)) if sink else None
    files = {f"{FOLDER}/{k}": v for k, v in synthesize(stacks, earlier, sink=made).items()}
    gone, kept = removed(earlier, {s.name for s in stacks})
    files.update({f"{FOLDER}/{k}": v for k, v in kept.items()})
    doc = {"//": GENERATED_BANNER, "layout": model.spec.terraform.stacks, **manifest(stacks),
           "backend": backend.type, "removed": gone}
    files[f"{FOLDER}/manifest.json"] = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return files
