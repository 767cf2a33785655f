from . import Rule
from ..runbooks import local_runbooks


class RunbookMissing(Rule):
    code = "E140"
    summary = "A local runbook is a readable file"
    help = (
        "A service's `runbook` is a URL or a path to a Markdown file, relative to the "
        "folder of the org file (e.g. `runbooks/postgres-failover.md`). The file must "
        "exist, be UTF-8 text and lie inside that folder: an absolute path, `..` out of "
        "it or a symbolic link leading out of it is refused without looking outside, "
        "so the message never tells whether a place outside exists."
    )

    def check(self, ctx):
        for sid, book in local_runbooks(ctx):
            if book.problem:
                yield ctx.report(self, ("services", sid, "runbook"),
                                 f"runbook {book.ref!r} of service {sid!r} {book.problem}",
                                 hint="paths are relative to the org file's folder"
                                 if book.problem == "does not exist" else "")


RULE = RunbookMissing()
