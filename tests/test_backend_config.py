"""`terraform.backend`: the per-stack derivation for every backend type, and the
validate rules E160-E162 with their exact messages and lines."""

from __future__ import annotations

import pytest
from conftest import BASE

from imcompile.generators.terraform.backend import pg_schema, remote_state, settings, workspace
from imcompile.spec.backend import Backend
from imcompile.validate import validate_text


def derived(kind: str, config: dict | None = None, stack: str = "team-payments",
            prefix: str | None = None) -> tuple[dict, dict]:
    b = Backend(type=kind, config=config or {}, prefix=prefix)
    return settings(b, "acme", stack), remote_state(b, "acme", stack)


def test_local_keeps_state_next_to_each_stack():
    own, remote = derived("local")
    assert own == {"path": "terraform.tfstate"}
    assert remote == {"backend": "local", "config": {"path": "../team-payments/terraform.tfstate"}}


def test_s3_key_per_stack_under_the_org_and_the_same_for_remote_state():
    config = {"bucket": "state", "region": "eu-west-1", "use_lockfile": True}
    own, remote = derived("s3", config)
    assert own == {**config, "key": "acme/team-payments/terraform.tfstate"}
    assert remote == {"backend": "s3", "config": own}


def test_the_prefix_replaces_the_org_name():
    own, _ = derived("s3", {"bucket": "b", "region": "r"}, prefix="pagerduty/prod")
    assert own["key"] == "pagerduty/prod/team-payments/terraform.tfstate"


def test_azurerm_key_per_stack():
    own, remote = derived("azurerm", {"storage_account_name": "sa", "container_name": "tf"})
    assert own["key"] == "acme/team-payments/terraform.tfstate"
    assert remote["backend"] == "azurerm" and remote["config"] == own


def test_gcs_prefix_per_stack():
    own, remote = derived("gcs", {"bucket": "state"})
    assert own == {"bucket": "state", "prefix": "acme/team-payments"}
    assert remote == {"backend": "gcs", "config": own}


def test_pg_schema_per_stack_is_a_plain_identifier():
    own, remote = derived("pg")
    assert own == {"schema_name": "acme_team_payments"}
    assert remote == {"backend": "pg", "config": own}, "the connection comes from PG_CONN_STR"


def test_pg_schema_cut_to_63_characters_stays_unique():
    long_a, long_b = pg_schema("acme", "team-" + "a" * 70), pg_schema("acme", "team-" + "a" * 71)
    assert len(long_a) == len(long_b) == 63 and long_a != long_b
    assert pg_schema("9org", "core") == "s_9org_core"


def test_http_addresses_per_stack():
    own, remote = derived("http", {"address": "https://state.example/acme/",
                                   "lock_address": "https://state.example/lock",
                                   "lock_method": "POST"})
    assert own == {"address": "https://state.example/acme/team-payments",
                   "lock_address": "https://state.example/lock/team-payments",
                   "lock_method": "POST"}
    assert remote == {"backend": "http", "config": own}


def test_cloud_one_workspace_per_stack_read_through_the_remote_backend():
    own, remote = derived("cloud", {"organization": "acme-corp"})
    assert own == {"organization": "acme-corp", "workspaces": {"name": "acme-team-payments"}}
    assert remote == {"backend": "remote", "config": {
        "organization": "acme-corp", "hostname": "app.terraform.io",
        "workspaces": {"name": "acme-team-payments"}}}
    assert len(workspace("acme", "x" * 200)) == 90


def findings(block: str) -> list[str]:
    return [d.text() for d in validate_text(BASE + block).diagnostics]


def test_the_default_backend_is_valid():
    assert findings("terraform: {stacks: per-team}\n") == []


def test_a_backend_with_what_it_needs_is_valid():
    assert findings("terraform:\n  backend:\n    type: s3\n"
                    "    config: {bucket: state, region: eu-west-1, use_lockfile: true}\n") == []


@pytest.mark.parametrize("kind, config, missing", [
    ("s3", "{bucket: state}", ["region"]),
    ("s3", "{}", ["bucket", "region"]),
    ("gcs", "{}", ["bucket"]),
    ("azurerm", "{container_name: tf}", ["storage_account_name"]),
    ("http", "{lock_method: POST}", ["address"]),
    ("cloud", "{hostname: tfe.acme.example}", ["organization"]),
])
def test_missing_required_arguments(kind, config, missing):
    block = f"terraform:\n  backend:\n    type: {kind}\n    config: {config}\n"
    assert findings(block) == [
        f"org.yaml:26:13: error E160: the {kind} backend needs {name!r} in "
        "terraform.backend.config" for name in missing]


@pytest.mark.parametrize("kind, key, value, env", [
    ("s3", "secret_key", "abc", "AWS_SECRET_ACCESS_KEY"),
    ("s3", "access_key", "AKIA", "AWS_ACCESS_KEY_ID"),
    ("azurerm", "sas_token", "sv=1", "ARM_SAS_TOKEN"),
    ("azurerm", "client_secret", "x", "ARM_CLIENT_SECRET"),
    ("gcs", "credentials", "{}", "GOOGLE_BACKEND_CREDENTIALS"),
    ("pg", "conn_str", "postgres://tf:hunter2@db/tf", "PG_CONN_STR"),
    ("pg", "conn_str", "host=db user=tf password=hunter2", "PG_CONN_STR"),
    ("http", "password", "x", "TF_HTTP_PASSWORD"),
    ("cloud", "token", "x", "TF_TOKEN_<hostname> (for example TF_TOKEN_app_terraform_io)"),
    ("s3", "vault_token", "x", "the variable the backend documents for it"),
])
def test_secrets_are_refused_with_the_variable_to_use(kind, key, value, env):
    required = {"s3": "bucket: b, region: r, ", "azurerm": "storage_account_name: s, "
                "container_name: c, ", "gcs": "bucket: b, ", "http": "address: a, ",
                "cloud": "organization: o, "}.get(kind, "")
    block = (f"terraform:\n  backend:\n    type: {kind}\n"
             f"    config: {{{required}{key}: \"{value}\"}}\n")
    column = 14 + len(required)
    assert findings(block) == [
        f"org.yaml:26:{column}: error E161: {key!r} is a secret and the org file is not "
        f"the place for it: remove it and set {env} in the environment that runs Terraform"]


def test_a_pg_connection_string_without_a_password_is_fine():
    assert findings("terraform:\n  backend:\n    type: pg\n"
                    "    config: {conn_str: \"postgres://tf@db.internal/tf\"}\n") == []


@pytest.mark.parametrize("kind, key, how", [
    ("s3", "key", "`<prefix>/<stack>/terraform.tfstate`"),
    ("gcs", "prefix", "`<prefix>/<stack>`"),
    ("pg", "schema_name", "`<prefix>_<stack>`"),
    ("cloud", "workspaces", "one workspace `<prefix>-<stack>` per stack"),
    ("local", "path", "`terraform.tfstate` in each stack's folder"),
])
def test_per_stack_settings_are_refused(kind, key, how):
    required = {"s3": "bucket: b, region: r, ", "gcs": "bucket: b, ",
                "cloud": "organization: o, "}.get(kind, "")
    block = f"terraform:\n  backend:\n    type: {kind}\n    config: {{{required}{key}: x}}\n"
    assert findings(block) == [
        f"org.yaml:26:{14 + len(required)}: error E162: {key!r} is derived for each stack "
        f"({how}): remove it (terraform.backend.prefix sets the start)"]


def test_an_unknown_backend_type_is_an_error_with_a_line():
    assert findings("terraform:\n  backend: {type: consul}\n") == [
        "org.yaml:24:19: error E022: terraform.backend.type: 'consul' is not one of "
        "'local', 's3', 'gcs', 'azurerm', 'pg', 'http' or 'cloud'"]


def test_template_sequences_stay_text_in_remote_state_reads():
    own, remote = derived("s3", {"bucket": "a${file(\"/etc/passwd\")}", "region": "%{if 1}x"})
    assert own["bucket"] == 'a${file("/etc/passwd")}', "a backend block is literal"
    assert remote["config"]["bucket"] == 'a$${file("/etc/passwd")}'
    assert remote["config"]["region"] == "%%{if 1}x"
