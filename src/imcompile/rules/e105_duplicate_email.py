from . import Rule


class DuplicateEmail(Rule):
    code = "E105"
    summary = "Emails are unique"
    help = "PagerDuty logins are emails: two people cannot share one (case does not matter)."

    def check(self, ctx):
        first: dict[str, str] = {}
        for pid, p in ctx.spec.people.items():
            email = p.email.strip().lower()
            if email in first:
                yield ctx.report(self, ("people", pid, "email"),
                                 f"{p.email!r} is already the email of {first[email]!r}")
            else:
                first[email] = pid
            if "@" not in email.strip("@"):
                yield ctx.report(self, ("people", pid, "email"),
                                 f"{p.email!r} is not an email address")


RULE = DuplicateEmail()
