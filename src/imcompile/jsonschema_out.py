"""The published JSON Schema, generated from the spec models."""

from __future__ import annotations

import json

from .spec import API_VERSION, Organization

def schema() -> dict:
    body = Organization.model_json_schema(by_alias=True)
    _close_id_maps(body)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"imcompile organisation ({API_VERSION})",
        "description": "The org.yaml format: people, teams, services, severities, on-call "
                       "rotations, escalation and Slack conventions. Generated from the "
                       "imcompile models — do not edit.",
        **{k: v for k, v in body.items() if k not in ("title", "description")},
    }


def _close_id_maps(node) -> None:
    """Maps keyed by IDs refuse keys that are not IDs, as the loader does."""
    if isinstance(node, dict):
        if "patternProperties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _close_id_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_id_maps(value)


def schema_text() -> str:
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
