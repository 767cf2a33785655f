"""The committed schema and format/rules references match the models, and the schema
accepts what imcompile accepts."""

import json

import jsonschema
import pytest
from click.testing import CliRunner

from imcompile import docs_reference
from imcompile.cli import main
from imcompile.codes import LOAD_AND_SCHEMA_CODES
from imcompile.examples import EXAMPLES, example_org
from imcompile.jsonschema_out import schema_text
from imcompile.loader import load_file, load_text
from imcompile.rules import all_rules
from imcompile.validate import validate_text
from malformed_cases import CASES


def _json_keys(value):
    """JSON has only string keys: tiers keyed 1, 2, 3 become "1", "2", "3"."""
    if isinstance(value, dict):
        return {str(k): _json_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_keys(v) for v in value]
    return value


def test_committed_schema_is_current(root):
    committed = (root / "schemas" / "org.v1.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run `make schema` to regenerate the schema"


def test_schema_command_prints_the_schema():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "imcompile organisation (imcompile/v1)"


def test_schema_accepts_the_example_org(root):
    schema = json.loads(schema_text())
    data = _json_keys(load_file(root / "org.yaml").data)
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize("edit,where", [
    (lambda d: d["people"]["alice"].update(emial="x"), "emial"),
    (lambda d: d["people"].update({"Bad ID": d["people"]["alice"]}), "Bad ID"),
    (lambda d: d["schedules"]["payments-primary"]["rotation"].update(every="15"), "15"),
])
def test_schema_refuses_what_validate_refuses(root, edit, where):
    data = _json_keys(load_text(example_org()).data)
    edit(data)
    errors = list(jsonschema.Draft202012Validator(json.loads(schema_text())).iter_errors(data))
    assert errors and any(where in e.message for e in errors)


@pytest.mark.parametrize("name", docs_reference.outputs())
def test_committed_reference_docs_are_current(root, name):
    committed = (root / "docs" / name).read_text(encoding="utf-8")
    assert committed == docs_reference.outputs()[name], "run `make docs` to regenerate"


def test_format_reference_has_an_example_for_every_section():
    text = docs_reference.format_reference()
    from imcompile.spec import Organization
    for name, field in Organization.model_fields.items():
        key = field.alias or name
        assert key in EXAMPLES, f"section {key} has no example"
        assert EXAMPLES[key].strip() in text


def test_the_examples_together_are_a_valid_org():
    result = validate_text(example_org(), "example.yaml")
    assert result.ok, [d.text() for d in result.diagnostics]
    assert result.diagnostics == []


def test_rules_have_unique_codes_and_help():
    rules = all_rules()
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes))
    assert not set(codes) & set(LOAD_AND_SCHEMA_CODES)
    for rule in rules:
        assert rule.code[0] in "EW" and rule.summary and len(rule.help) > 40
        assert (rule.code[0] == "E") == (rule.severity == "error")


def test_every_code_has_a_malformed_case():
    """Every error path is exercised by the malformed-file table (E003, the size
    limit, is fed a small limit in test_loader instead of a 10 MiB file)."""
    seen = {line.split()[2].rstrip(":") for *_, line in CASES}
    expected = ({r.code for r in all_rules()} | set(LOAD_AND_SCHEMA_CODES)) - {"E003"}
    assert expected <= seen, sorted(expected - seen)
