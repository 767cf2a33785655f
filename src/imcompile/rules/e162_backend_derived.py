from ..spec.backend import DERIVED
from . import Rule

HOW = {
    "key": "`<prefix>/<stack>/terraform.tfstate`",
    "prefix": "`<prefix>/<stack>`",
    "schema_name": "`<prefix>_<stack>`",
    "workspaces": "one workspace `<prefix>-<stack>` per stack",
    "path": "`terraform.tfstate` in each stack's folder",
    "workspace_dir": "the stack's folder",
}


class BackendDerived(Rule):
    code = "E162"
    summary = "Per-stack state settings are not set by hand"
    help = (
        "Every stack needs a state of its own, so imcompile derives the per-stack "
        "arguments from `terraform.backend.prefix` (default: `metadata.name`) and the "
        "stack's name: s3 and azurerm `key`, gcs `prefix`, pg `schema_name`, cloud "
        "`workspaces`. One value set by hand would make all stacks share one state and "
        "destroy each other's objects."
    )

    def check(self, ctx):
        backend = ctx.spec.terraform.backend
        for name in backend.config:
            if name in DERIVED[backend.type]:
                yield ctx.report(self, ("terraform", "backend", "config", name),
                                 f"{name!r} is derived for each stack ({HOW[name]}): "
                                 "remove it (terraform.backend.prefix sets the start)",
                                 key=True)


RULE = BackendDerived()
