"""Org text never becomes Terraform code: every string from the org reaches the .tf.json
escaped (`$${`, `%%{`) and reads back as written, while the compiler's own references
stay live; and a build needs no Terraform binary."""

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from imcompile.build import render
from imcompile.generators.terraform.escape import template
from imcompile.validate import validate_text
from imcompile.writer import read_tree

CASES = Path(__file__).parent / "cases" / "terraform"

# Pieces an attacker or a careless user would put in a name or description.
HOSTILE = ["${", "%{", "$${", "%%{", "$$", "%%", "$", "%", "{", "}", "~", '"', "'", "\\",
           "\\n", "\n", "\r\n", "\r", "\t", "\x00", "\x0b", "\x0c", "\x85", "\u2028",
           "é", "e\u0301", "😀", "\u202e", "TfToken[TOKEN.1]",
           '${file("/etc/passwd")}', "%{ if true }x%{ endif }", "${TfToken[TOKEN.1]}",
           "#{TfToken[TOKEN.1]}", "&{TfToken[TOKEN.1]}", "-1.8881545897087626e+289"]
texts = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=8), max_size=12).map("".join)

# What the compiler itself writes: a reference within a stack or to another stack.
COMPILER_REF = re.compile(r'\$\{(data\.)?[a-z_]+\.[A-Za-z0-9_-]+\.[a-z_]+\}'
                          r'|\$\{data\.terraform_remote_state\.[a-z0-9-]+\.outputs\.'
                          r'[a-z_]+\["[A-Za-z0-9_-]+"\]\}')


CARRIAGE_RETURN = re.compile(r'\$\{"(\$*)((?:\\r)+)"\}')


def hcl_read(value: str) -> tuple[str, list[int]]:
    """What Terraform's template scanner makes of a JSON string: the literal text, and
    where live `${`/`%{` sequences start. Written from the HCL spec, independently of
    the compiler's escaping: `$${`/`%%{` are escapes, any other `$`/`%` is itself; an
    interpolation of a quoted string of `$` and `\r` is those characters (a raw CR would
    derail Terraform's scanner)."""
    out, live, i = [], [], 0
    while i < len(value):
        c = value[i]
        carriage = CARRIAGE_RETURN.match(value, i)
        if carriage:
            out.append(carriage.group(1) + "\r" * (len(carriage.group(2)) // 2))
            i = carriage.end()
        elif c in "$%" and value[i + 1:i + 3] == c + "{":
            out.append(c + "{")
            i += 3
        elif c in "$%" and value[i + 1:i + 2] == "{":
            live.append(i)
            out.append(value[i:i + 2])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out), live


@given(texts)
@settings(max_examples=500)
def test_escaped_text_reads_back_as_written(text):
    escaped = template(text)
    read, live = hcl_read(escaped)
    assert live == []
    assert read == text
    assert "\r" not in escaped


def test_known_edge_cases():
    assert template('${file("/etc/passwd")}') == '$${file("/etc/passwd")}'
    assert template("%{ if true }x%{ endif }") == "%%{ if true }x%%{ endif }"
    assert template("$${already}") == "$$${already}"
    assert template("a$ b% $$ %%") == "a$ b% $$ %%"
    assert template("a\rb\r\r\n") == 'a${"\\r"}b${"\\r\\r"}\n'
    assert template("$$\r$${") == '${"$$\\r"}$$${'


def terraform_reads(values: list[str]) -> list[str]:
    """The values the real Terraform (or OpenTofu) evaluates `values` to, as outputs of a
    configuration without providers."""
    binary = shutil.which("terraform") or shutil.which("tofu")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("neither terraform nor tofu is on PATH: the CI must have one")
        pytest.skip("neither terraform nor tofu is on PATH: escaping not checked "
                    "with the real evaluator")
    import tempfile
    with tempfile.TemporaryDirectory(prefix="imcompile-tf-") as work:
        config = {"output": {f"v{i}": {"value": v} for i, v in enumerate(values)}}
        Path(work, "main.tf.json").write_text(json.dumps(config), encoding="utf-8")
        env = {**os.environ, "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"}
        for args in (["init", "-input=false"], ["apply", "-auto-approve", "-input=false"]):
            done = subprocess.run([binary, *args, "-no-color"], cwd=work, env=env,
                                  capture_output=True, text=True)
            assert done.returncode == 0, done.stderr[-2000:]
        done = subprocess.run([binary, "output", "-json", "-no-color"], cwd=work, env=env,
                              capture_output=True, text=True, check=True)
    outputs = json.loads(done.stdout)
    return [outputs[f"v{i}"]["value"] for i in range(len(values))]


def nfc(text: str) -> str:
    # Terraform normalises every string to Unicode NFC; that is not the escaping's doing.
    return unicodedata.normalize("NFC", text)


@given(st.lists(texts, min_size=150, max_size=150))
@settings(max_examples=3, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow])
def test_terraform_reads_escaped_text_as_written(batch):
    pieces = ["$", "%", "{", "$${", "\r"]
    batch = HOSTILE + ["".join(p) for p in itertools.product(pieces, repeat=3)] + batch
    read = terraform_reads([template(t) for t in batch])
    assert [(t, r) for t, r in zip(batch, read) if r != nfc(t)] == []


def poisoned_example(root) -> str:
    """The example org with a hostile payload in front of every free-text value."""
    payloads = itertools.cycle(['${file("/etc/passwd")}', "%{ if true }x%{ endif }",
                                "$${x}", "${TfToken[TOKEN.1]}", "%%{y}", "${~ 1 ~}$"])
    # Free text: values with a space, and severity labels.

    def poison(value, key=None):
        if isinstance(value, dict):
            return {k: poison(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [poison(v, key) for v in value]
        if isinstance(value, str) and (" " in value or key == "label"):
            return f"{next(payloads)} {value}"
        return value
    spec = yaml.safe_load((root / "org.yaml").read_text(encoding="utf-8"))
    return json.dumps(poison(spec), default=str, indent=1)


def string_values(doc, path=()):
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from string_values(value, (*path, key))
    elif isinstance(doc, list):
        for value in doc:
            yield from string_values(value, path)
    elif isinstance(doc, str):
        yield path, doc


def test_org_text_in_every_field_stays_text(root):
    result = validate_text(poisoned_example(root))
    assert result.ok, [d.text() for d in result.diagnostics]
    files = render(result.model)
    carried, escaped = set(), []
    for rel, text in files.items():
        if not rel.endswith(".tf.json"):
            continue
        for path, value in string_values(json.loads(text)):
            read, live = hcl_read(value)
            # Only a whole compiler reference may be live; org text never is.
            assert live == [] or (live == [0] and COMPILER_REF.fullmatch(value)), \
                (rel, path, value)
            if not live and any(p in read for p in ("${", "%{")):
                carried.add(path[:2] + path[3:] if path[0] == "resource" else path)
                escaped.append(value)
    attributes = {p for p in carried if p[0] == "resource"}
    assert {("resource", "pagerduty_user", "name"), ("resource", "pagerduty_user", "job_title"),
            ("resource", "pagerduty_team", "description"),
            ("resource", "pagerduty_schedule", "description"),
            ("resource", "pagerduty_escalation_policy", "description"),
            ("resource", "pagerduty_service", "description"),
            ("resource", "pagerduty_business_service", "point_of_contact"),
            ("resource", "pagerduty_incident_custom_field_option", "value"),
            ("resource", "pagerduty_incident_workflow", "description")} <= attributes
    assert len(attributes) >= 17, sorted(attributes)
    # And the real evaluator agrees with the scanner above on every one of them.
    assert terraform_reads(escaped) == [nfc(hcl_read(v)[0]) for v in escaped]


def test_a_cdk_token_look_alike_is_plain_text():
    from conftest import BASE
    text = BASE.replace("name: Payments,", 'name: "${TfToken[TOKEN.1]} #{TfToken[TOKEN.2]}",')
    doc = json.loads(render(validate_text(text).model)["terraform/pagerduty/cdk.tf.json"])
    assert doc["resource"]["pagerduty_team"]["payments"]["name"] == \
        "$${TfToken[TOKEN.1]} #{TfToken[TOKEN.2]}"


def test_adoption_ids_are_text():
    from conftest import BASE
    text = BASE.replace("alice@acme.example}", 'alice@acme.example, pagerduty_id: "${path.cwd}"}')
    doc = json.loads(render(validate_text(text).model)["terraform/pagerduty/cdk.tf.json"])
    assert {"id": "$${path.cwd}", "to": "pagerduty_user.alice"} in doc["import"]


def test_several_earlier_ids_make_a_chain_of_moves():
    text = (CASES / "rename.yaml").read_text()
    assert "renamed_from: [billing]" in text
    text = text.replace("renamed_from: [billing]", "renamed_from: [ledger, billing]")
    doc = json.loads(render(validate_text(text).model)["terraform/pagerduty/cdk.tf.json"])
    assert {"from": "pagerduty_service.ledger", "to": "pagerduty_service.billing"} in doc["moved"]
    assert {"from": "pagerduty_service.billing", "to": "pagerduty_service.invoicing"} \
        in doc["moved"]
    assert not any(m["from"] == "pagerduty_service.ledger" and m["to"].endswith("invoicing")
                   for m in doc["moved"])


def test_build_needs_no_terraform_binary(tmp_path):
    """An org with moved and import blocks builds with a PATH that has no Terraform, and
    a `terraform` that is on PATH is never run."""
    text = (CASES / "rename.yaml").read_text().replace(
        "ada: {name: Ada Park, email: ada@acme.example}",
        "ada: {name: Ada Park, email: ada@acme.example, pagerduty_id: PADA001}")
    org = tmp_path / "org.yaml"
    org.write_text(text, encoding="utf-8")
    spy = tmp_path / "bin"
    spy.mkdir()
    # Shell built-ins only: the spy runs with this PATH too.
    (spy / "terraform").write_text(f"#!/bin/sh\necho ran > '{tmp_path}/terraform-ran'\nexit 1\n")
    (spy / "terraform").chmod(0o755)
    outputs = []
    for name, path in (("empty", str(tmp_path / "nothing-here")), ("spy", str(spy))):
        out = tmp_path / name
        done = subprocess.run([sys.executable, "-m", "imcompile.cli", "build", str(org),
                               "--out", str(out)], env={**os.environ, "PATH": path},
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outputs.append(read_tree(out))
    assert not (tmp_path / "terraform-ran").exists()
    assert outputs[0] == outputs[1]
    doc = json.loads(outputs[0]["terraform/pagerduty/cdk.tf.json"])
    assert {"id": "PADA001", "to": "pagerduty_user.ada"} in doc["import"]
    assert {"from": "pagerduty_service.billing", "to": "pagerduty_service.invoicing"} \
        in doc["moved"]
