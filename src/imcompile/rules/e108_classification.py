from . import Rule


class ClassificationTree(Rule):
    code = "E108"
    summary = "The classification tree always reaches a severity"
    help = (
        "Each answer of a question leads to exactly one of a `severity` or the `next` "
        "question, the questions never loop, and every question can be reached from "
        "`start`."
    )

    def check(self, ctx):
        tree = ctx.spec.classification
        if tree is None:
            return
        questions = tree.questions
        for qid, q in questions.items():
            for side in ("if_yes", "if_no"):
                a = getattr(q, side)
                path = ("classification", "questions", qid, side)
                if (a.severity is None) == (a.next is None):
                    yield ctx.report(self, path, f"answer {side} of {qid!r} must lead to "
                                     "exactly one of a severity or the next question")
        reached, order = set(), [tree.start]
        while order:
            qid = order.pop()
            if qid in reached or qid not in questions:
                continue
            reached.add(qid)
            for side in ("if_yes", "if_no"):
                nxt = getattr(questions[qid], side).next
                if nxt is not None:
                    order.append(nxt)
        for qid in questions:
            if qid not in reached:
                yield ctx.report(self, ("classification", "questions", qid),
                                 f"question {qid!r} cannot be reached from {tree.start!r}",
                                 key=True)
        loop = _loop(questions, tree.start)
        if loop:
            yield ctx.report(self, ("classification", "questions", loop[0]),
                             "the questions loop: " + " -> ".join(loop + [loop[0]]), key=True)


def _loop(questions, start):
    def walk(qid, trail):
        if qid in trail:
            return trail[trail.index(qid):]
        if qid not in questions:
            return None
        for side in ("if_yes", "if_no"):
            nxt = getattr(questions[qid], side).next
            if nxt is not None:
                found = walk(nxt, trail + [qid])
                if found:
                    return found
        return None
    return walk(start, [])


RULE = ClassificationTree()
