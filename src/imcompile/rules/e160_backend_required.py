from ..spec.backend import REQUIRED
from . import Rule


class BackendRequired(Rule):
    code = "E160"
    summary = "The state backend has the arguments it needs"
    help = (
        "Each `terraform.backend` type needs some arguments in `config` before Terraform "
        "can reach it: s3 `bucket` and `region`, gcs `bucket`, azurerm "
        "`storage_account_name` and `container_name`, http `address` (each stack's "
        "address is `<address>/<stack>`), cloud `organization`. Without them every "
        "`terraform init` stops and asks."
    )

    def check(self, ctx):
        backend = ctx.spec.terraform.backend
        for name in REQUIRED[backend.type]:
            value = backend.config.get(name)
            if value is None or value == "":
                yield ctx.report(self, ("terraform", "backend", "config"),
                                 f"the {backend.type} backend needs {name!r} in "
                                 "terraform.backend.config")


RULE = BackendRequired()
