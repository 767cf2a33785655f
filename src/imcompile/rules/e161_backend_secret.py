import re
from urllib.parse import urlsplit

from ..spec.backend import SECRETS
from . import Rule

# Names that hold a secret in any backend, beyond the ones each backend documents.
SECRET_NAME = re.compile(r"(^|_)(password|secret|token|private_key|sas_token)$")
PG_PASSWORD = re.compile(r"(^|\s)password\s*=", re.IGNORECASE)


class BackendSecret(Rule):
    code = "E161"
    summary = "No credentials in the state backend's config"
    help = (
        "The org file is committed and read by everyone: keys, tokens, passwords and "
        "connection strings with a password never go in `terraform.backend.config`. Each "
        "backend reads them from the environment, as it documents: `AWS_ACCESS_KEY_ID` "
        "and `AWS_SECRET_ACCESS_KEY` for s3, `ARM_ACCESS_KEY` or `ARM_CLIENT_SECRET` for "
        "azurerm, `GOOGLE_BACKEND_CREDENTIALS` for gcs, `PG_CONN_STR` for pg, "
        "`TF_HTTP_PASSWORD` for http, `TF_TOKEN_<hostname>` for cloud."
    )

    def check(self, ctx):
        backend = ctx.spec.terraform.backend
        known = SECRETS[backend.type]
        for name, value in backend.config.items():
            env = known.get(name)
            if env is None and name == "conn_str" and _pg_password(value):
                env = "PG_CONN_STR"
            elif env is None and SECRET_NAME.search(name):
                env = "the variable the backend documents for it"
            elif env is None:
                continue
            yield ctx.report(self, ("terraform", "backend", "config", name),
                             f"{name!r} is a secret and the org file is not the place for "
                             f"it: remove it and set {env} in the environment that runs "
                             "Terraform", key=True)


def _pg_password(value) -> bool:
    if not isinstance(value, str):
        return False
    if PG_PASSWORD.search(value):
        return True
    try:
        return urlsplit(value).password is not None
    except ValueError:
        return True  # not a URL we can read: better refused than leaked


RULE = BackendSecret()
