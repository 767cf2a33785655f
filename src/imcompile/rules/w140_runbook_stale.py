from . import WARNING, Rule
from ..runbooks import local_runbooks, today
from ..timeparse import seconds


class RunbookStale(Rule):
    code = "W140"
    severity = WARNING
    summary = "A local runbook was updated within runbooks.max_age"
    help = (
        "A runbook whose `Last updated: YYYY-MM-DD` date is older than "
        "`runbooks.max_age` (default 180d) has probably drifted from the system it "
        "describes: review it, then update the date. Today is the system date, or "
        "IMCOMPILE_TODAY=YYYY-MM-DD when set."
    )

    def check(self, ctx):
        books = [(sid, b) for sid, b in local_runbooks(ctx) if b.last_updated]
        if not books:
            return
        max_age = ctx.spec.runbooks.max_age
        try:
            now = today()
        except ValueError as exc:
            yield ctx.report(self, ("runbooks",), f"cannot check runbook ages: {exc}")
            return
        for sid, book in books:
            if (now - book.last_updated).total_seconds() > seconds(max_age):
                yield ctx.report(self, ("services", sid, "runbook"),
                                 f"runbook {book.ref!r} of service {sid!r} was last updated "
                                 f"on {book.last_updated.isoformat()}, more than {max_age} "
                                 "ago (runbooks.max_age)")


RULE = RunbookStale()
