"""Stacks that existed: a stack dropped from the org (a team deleted) keeps its last
Terraform file and an entry under `removed` in manifest.json, so `imcompile apply`
destroys its objects deliberately, `prevent_destroy` still in force, instead of leaving
them orphaned in PagerDuty.

A removed stack stays recorded until its folder is deleted from generated/ by hand,
which is safe once `imcompile apply` has destroyed it.
"""

from __future__ import annotations

import json

from .synth import FILE


def removed(previous: dict[str, str], current: set[str]) -> tuple[list[dict], dict[str, str]]:
    """(manifest entries, files) of stacks an earlier build had and this one has not.

    `previous` holds the earlier build's files, keyed as under generated/terraform/."""
    try:
        earlier = json.loads(previous.get("manifest.json", "{}"))
    except json.JSONDecodeError:
        return [], {}
    entries, files = [], {}
    seen = set()
    for entry in earlier.get("stacks", []) + earlier.get("removed", []):
        name = entry.get("name") if isinstance(entry, dict) else None
        path = f"{name}/{FILE}"
        if not isinstance(name, str) or name in current or name in seen or path not in previous:
            continue
        seen.add(name)
        entries.append({"name": name, "path": path,
                        "depends_on": sorted(d for d in entry.get("depends_on", [])
                                             if isinstance(d, str)),
                        "token_env": entry.get("token_env", "PAGERDUTY_TOKEN")})
        files[path] = previous[path]
    return sorted(entries, key=lambda e: e["name"]), files
