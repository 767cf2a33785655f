"""One measurement in a fresh process: `measure.py TASK ORG_FILE REPEAT` prints JSON."""

from __future__ import annotations

import json
import resource
import sys
import time


def count_resources(model) -> int:
    """PagerDuty objects the org describes: users, teams, memberships, schedules,
    policies, services, integrations and dependencies."""
    services = model.services.values()
    return (len(model.people) + len(model.teams) + len(model.memberships)
            + len(model.schedules) + len(model.policies) + len(model.services)
            + sum(len(s.spec.integrations) for s in services)
            + sum(len(s.depends_on) for s in services))


def main() -> None:
    task, org_file, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
    from imcompile.validate import validate_file

    validate_file(org_file)  # warm imports and caches, as a long-lived CLI run would not
    base_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = validate_file(org_file)
        best = min(best, time.perf_counter() - start)
    if not result.ok:
        raise SystemExit(f"synthetic org is invalid: {result.diagnostics[:3]}")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"task": task, "seconds": best, "resources": count_resources(result.model),
                      "peak_mib": peak_kib / 1024, "growth_mib": (peak_kib - base_kib) / 1024}))


if __name__ == "__main__":
    main()
