from . import WARNING, Rule
from ..runbooks import LAST_UPDATED, local_runbooks, section_key


class RunbookUndated(Rule):
    code = "W141"
    severity = WARNING
    summary = "A local runbook says when it was last updated"
    help = (
        "Staleness is measured from a `Last updated: YYYY-MM-DD` line, or from the "
        "first line under a `Last updated` heading. Without a date a runbook's age "
        "cannot be checked. (A missing required `Last updated` heading is E141 instead.)"
    )

    def check(self, ctx):
        for sid, book in local_runbooks(ctx):
            if not book.readable or book.last_updated:
                continue
            if any(section_key(s) == LAST_UPDATED for s in book.missing):
                continue
            yield ctx.report(self, ("services", sid, "runbook"),
                             f"runbook {book.ref!r} of service {sid!r} {book.date_problem}; "
                             "its age cannot be checked")


RULE = RunbookUndated()
