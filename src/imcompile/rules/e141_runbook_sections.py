from . import Rule
from ..runbooks import local_runbooks


class RunbookSections(Rule):
    code = "E141"
    summary = "A local runbook has the required sections"
    help = (
        "Every section named in `runbooks.required_sections` (by default Trigger, "
        "Severity, Prerequisites, Steps, Rollback, Owner, Last updated) must be a "
        "Markdown heading of the runbook. Headings match case-insensitively and "
        "ignore anything after a colon; headings inside code blocks do not count."
    )

    def check(self, ctx):
        for sid, book in local_runbooks(ctx):
            if book.readable and book.missing:
                yield ctx.report(self, ("services", sid, "runbook"),
                                 f"runbook {book.ref!r} of service {sid!r} lacks the "
                                 f"section{'s' * (len(book.missing) > 1)} "
                                 f"{', '.join(book.missing)}",
                                 hint="add each as a Markdown heading, e.g. '## Rollback'")


RULE = RunbookSections()
