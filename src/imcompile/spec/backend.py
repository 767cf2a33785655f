"""`terraform.backend`: where every stack keeps its state, and what each backend needs.

The tables below are the one place that knows each backend's rules: the validate rules
E160-E162 and the generator's per-stack derivation both read them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import Spec

BackendType = Literal["local", "s3", "gcs", "azurerm", "pg", "http", "cloud"]

# Arguments the org must give, by backend (as Terraform names them).
REQUIRED: dict[str, tuple[str, ...]] = {
    "local": (),
    "s3": ("bucket", "region"),
    "gcs": ("bucket",),
    "azurerm": ("storage_account_name", "container_name"),
    "pg": (),
    "http": ("address",),
    "cloud": ("organization",),
}

# Arguments imcompile derives for each stack: one stack, one state.
DERIVED: dict[str, tuple[str, ...]] = {
    "local": ("path", "workspace_dir"),
    "s3": ("key",),
    "gcs": ("prefix",),
    "azurerm": ("key",),
    "pg": ("schema_name",),
    "http": (),
    "cloud": ("workspaces",),
}

# Secrets never go in the org file: the argument, and where the backend reads it from.
SECRETS: dict[str, dict[str, str]] = {
    "s3": {"access_key": "AWS_ACCESS_KEY_ID", "secret_key": "AWS_SECRET_ACCESS_KEY",
           "token": "AWS_SESSION_TOKEN", "sse_customer_key": "AWS_SSE_CUSTOMER_KEY"},
    "gcs": {"credentials": "GOOGLE_BACKEND_CREDENTIALS", "access_token": "GOOGLE_OAUTH_ACCESS_TOKEN",
            "encryption_key": "GOOGLE_ENCRYPTION_KEY"},
    "azurerm": {"access_key": "ARM_ACCESS_KEY", "sas_token": "ARM_SAS_TOKEN",
                "client_secret": "ARM_CLIENT_SECRET",
                "client_certificate_password": "ARM_CLIENT_CERTIFICATE_PASSWORD",
                "oidc_token": "ARM_OIDC_TOKEN"},
    "pg": {},  # conn_str is refused only when it carries a password (rule E161)
    "http": {"password": "TF_HTTP_PASSWORD", "client_private_key_pem": "TF_HTTP_CLIENT_PRIVATE_KEY_PEM"},
    "cloud": {"token": "TF_TOKEN_<hostname> (for example TF_TOKEN_app_terraform_io)"},
    "local": {},
}


class Backend(Spec):
    type: BackendType = Field(
        "local",
        description="Where the stacks keep their Terraform state. `local` (files next to "
        "each stack) is for trying things on a laptop; a team needs a remote backend.",
    )
    config: dict[str, Any] = Field(
        default_factory=dict,
        description="The backend's own arguments, as Terraform names them, minus the "
        "per-stack ones (derived: s3/azurerm `key`, gcs `prefix`, pg `schema_name`, cloud "
        "`workspaces`) and secrets (read from the environment, e.g. `PG_CONN_STR`, "
        "`AWS_SECRET_ACCESS_KEY`).",
    )
    prefix: str | None = Field(
        None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,99}$",
        description="Start of every stack's state key, workspace or schema name. Omitted: "
        "the org's `metadata.name`, so several orgs can share one bucket or database.",
    )
