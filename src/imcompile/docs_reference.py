"""docs/format.md and docs/rules.md, generated from the models and the rules' metadata.

Run `python -m imcompile.docs_reference [DIR]` to rewrite them (default: docs/).
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .codes import LOAD_AND_SCHEMA_CODES
from .conventions import GENERATED_BANNER
from .examples import EXAMPLES, INTRO
from .rules import all_rules
from .spec import Organization
from .spec import base

NAMED_STRINGS = {
    id(base.Slug): "ID", id(base.Duration): "duration", id(base.TimeOfDay): "time",
    id(base.Date): "date", id(base.Timezone): "time zone", id(base.Text): "text",
}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def type_name(tp) -> str:
    if id(tp) in NAMED_STRINGS:
        return NAMED_STRINGS[id(tp)]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        pattern = next((getattr(a, "pattern", None) for a in args[1:]
                        if getattr(a, "pattern", None)), None)
        return "target" if pattern and pattern.startswith("^(schedule") else type_name(args[0])
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        parts = [type_name(a) for a in args if a is not type(None)]
        return " or ".join(parts)
    if origin is list:
        return f"list of {type_name(args[0])}"
    if origin is dict:
        return f"map of {type_name(args[0])} → {type_name(args[1])}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return {str: "text", int: "integer", bool: "boolean"}.get(tp, str(tp))


def _models_in(tp) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    return [m for a in typing.get_args(tp) for m in _models_in(a)]


def _default(field) -> str:
    if field.is_required():
        return "**required**"
    value = field.get_default(call_default_factory=True)
    if value is None or value == {} or value == []:
        return ""
    if isinstance(value, BaseModel):
        return ""
    return f"`{value}`"


def _model_section(model: type[BaseModel]) -> list[str]:
    lines = [f"### {model.__name__}", ""]
    if model.__doc__ and model is not Organization:
        lines += [" ".join(model.__doc__.split()), ""]
    lines += ["| Key | Type | Default | Description |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        lines.append(f"| `{field.alias or name}` | {_cell(type_name(field.annotation))} | "
                     f"{_cell(_default(field))} | {_cell(field.description or '')} |")
    return lines + [""]


def format_reference() -> str:
    out = [f"<!-- {GENERATED_BANNER} -->", "", "# The org file format (imcompile/v1)", "",
           INTRO.strip(), ""]
    out += ["## Sections", ""]
    for name, field in Organization.model_fields.items():
        key = field.alias or name
        out += [f"### `{key}`", "", _cell(field.description or SECTION_TEXT.get(key, "")), ""]
        if key in EXAMPLES:
            out += ["```yaml", EXAMPLES[key].strip(), "```", ""]
    out += ["## Reference", "", "Every key of every mapping, generated from the models.", ""]
    seen, queue = set(), [Organization]
    while queue:
        model = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        out += _model_section(model)
        for field in model.model_fields.values():
            queue += [m for m in _models_in(field.annotation) if m not in seen]
    return "\n".join(out).rstrip() + "\n"


SECTION_TEXT = {
    "apiVersion": "Always `imcompile/v1`. Checked before anything else.",
    "kind": "Always `Organization`.",
    "metadata": "The organisation's name and where its docs live.",
    "defaults": "The time zone and business hours used wherever none is given.",
    "classification": "The severity decision tree.",
    "communication": "Audiences of the communication matrix and public contact points.",
    "escalation_matrix": "The org-level escalation matrix, written into a policy per team.",
    "slack": "Slack workspace and channel naming conventions.",
    "pagerduty": "Facts about the PagerDuty account the compiler must respect.",
    "terraform": "How the Terraform is laid out and protected.",
}


def rules_reference() -> str:
    out = [f"<!-- {GENERATED_BANNER} -->", "", "# Diagnostics", "",
           "`imcompile validate` reports every finding at once, each with a stable code, "
           "its place in the file and the YAML path. Codes starting with `E` are errors "
           "(exit status 1); `W` are warnings (exit status 0).", "",
           "## Reading the file and its schema", "", "| Code | Check | Help |", "|---|---|---|"]
    for code, (summary, help_text) in LOAD_AND_SCHEMA_CODES.items():
        out.append(f"| {code} | {_cell(summary)} | {_cell(help_text)} |")
    out += ["", "## Rules", ""]
    for rule in all_rules():
        out += [f"### {rule.code}: {rule.summary}", "",
                f"Severity: {rule.severity}. Checked on the "
                f"{'file as written' if rule.phase == 'spec' else 'resolved organisation'}.",
                "", " ".join(rule.help.split()), ""]
    return "\n".join(out).rstrip() + "\n"


def outputs() -> dict[str, str]:
    return {"format.md": format_reference(), "rules.md": rules_reference()}


def main(argv: list[str]) -> None:
    target = Path(argv[0] if argv else "docs")
    target.mkdir(parents=True, exist_ok=True)
    for name, text in outputs().items():
        (target / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
