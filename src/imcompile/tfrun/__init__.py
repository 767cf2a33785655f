"""Running Terraform (or OpenTofu) over the generated stacks: `imcompile plan` and `apply`.

Stacks run in the manifest's dependency order, those that do not depend on each other
at the same time (bounded). Terraform's own output is never shown, since a plan can carry
secrets: plans are summarised in names, errors by their `Error:` lines.
"""
