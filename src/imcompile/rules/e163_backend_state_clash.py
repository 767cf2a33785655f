from ..generators.terraform.backend import pg_schema, prefix_of
from . import Rule

# Stacks every layout may have besides one per team.
FIXED = ("pagerduty", "core", "workflows", "slack", "slack-channels")


class BackendStateClash(Rule):
    code = "E163"
    summary = "Two stacks would share one PostgreSQL schema"
    help = (
        "With the pg backend each stack's state lives in the schema `<prefix>_<stack>`, "
        "with every character PostgreSQL would need quoted turned into `_`: teams `a-b` "
        "and `a_b` would share one schema, and each apply would destroy the other "
        "team's objects. Rename one of the teams."
    )

    def check(self, ctx):
        org = ctx.spec
        backend = org.terraform.backend
        if backend.type != "pg":
            return
        prefix = prefix_of(backend, org.metadata.name)
        seen = {pg_schema(prefix, name): name for name in FIXED}
        for team in org.teams:
            stack = f"team-{team}"
            schema = pg_schema(prefix, stack)
            if schema in seen:
                yield ctx.report(self, ("teams", team), f"stack {stack} would keep its state "
                                 f"in schema {schema!r}, like stack {seen[schema]}: rename "
                                 "the team", key=True)
            else:
                seen[schema] = stack


RULE = BackendStateClash()
