"""The published JSON Schema, generated from the spec models."""

from __future__ import annotations

import json

from .spec import API_VERSION, Organization

def schema() -> dict:
    body = Organization.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"imcompile organisation ({API_VERSION})",
        "description": "The org.yaml format: people, teams, services, severities, on-call "
                       "rotations, escalation and Slack conventions. Generated from the "
                       "imcompile models — do not edit.",
        **{k: v for k, v in body.items() if k not in ("title", "description")},
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
