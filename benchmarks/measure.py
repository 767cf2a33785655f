"""One measurement in a fresh process: `measure.py TASK ORG_FILE REPEAT [OUT_DIR]` prints JSON.

Tasks:
  validate          best of REPEAT `validate_file(org)` runs, after one warm-up run.
  build             one cold `imcompile.build.build(org, OUT_DIR)` (OUT_DIR empty or absent).
  build-per-team    the same; the org file is expected to say `terraform: {stacks: per-team}`.
                    (IMCOMPILE_SYNTH_JOBS=1 in the environment: in one process.)
  rebuild-one-team  one `build(org, OUT_DIR)` into an OUT_DIR that an earlier build filled.
  handwritten       one run of benchmarks/handwritten_cdk.py: read the YAML, declare the
                    constructs, `app.synth()` into OUT_DIR.

For the CDK tasks, `startup_seconds` is the time to import the Python modules and start
the jsii runtime (Node.js child process, cdktn and PagerDuty provider assemblies); it is
the same for imcompile and the hand-written app and is not part of `seconds`.

`peak_mib` is this Python process's ru_maxrss. The jsii runtime is a separate Node.js
process that ru_maxrss of RUSAGE_SELF does not see: `node_mib` is the peak RSS (VmHWM)
of this process's descendants, read from /proc just before exiting. A build that
synthesises on several cores runs worker processes (Python and their own Node.js) that
have ended by then: `workers_mib` is ru_maxrss of RUSAGE_CHILDREN, the largest of them.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The provider submodules both the hand-written app and imcompile's synthesis use.
CDK_MODULES = ("user", "team", "team_membership", "schedule", "escalation_policy", "service",
               "service_integration", "service_dependency", "data_pagerduty_priority",
               "provider")


def count_resources(model) -> int:
    """PagerDuty objects the org describes: users, teams, memberships, schedules,
    policies, services, integrations and dependencies."""
    services = model.services.values()
    return (len(model.people) + len(model.teams) + len(model.memberships)
            + len(model.schedules) + len(model.policies) + len(model.services)
            + sum(len(s.spec.integrations) for s in services)
            + sum(len(s.depends_on) for s in services))


def count_tf_resources(root: Path) -> int:
    """Entries under `resource` (not `data`) in every cdk.tf.json below `root`."""
    total = 0
    for path in Path(root).rglob("cdk.tf.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        total += sum(len(entries) for entries in doc.get("resource", {}).values())
    return total


def descendants_peak_mib() -> float:
    """Largest VmHWM among this process's descendants (the jsii Node.js runtime)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                    stat = f.read()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    mine, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - mine
        mine |= frontier
    peak_kib = 0
    for pid in mine:
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak_kib = max(peak_kib, int(line.split()[1]))
        except OSError:
            continue
    return peak_kib / 1024


def start_cdk() -> None:
    from imcompile.jsii_env import configure
    configure()
    import importlib

    import cdktn  # noqa: F401
    for name in CDK_MODULES:
        importlib.import_module(f"cdktn_provider_pagerduty.{name}")


def run_validate(org_file: str, repeat: int) -> dict:
    from imcompile.validate import validate_file

    validate_file(org_file)  # warm imports and caches, as a long-lived CLI run would not
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = validate_file(org_file)
        best = min(best, time.perf_counter() - start)
    if not result.ok:
        raise SystemExit(f"synthetic org is invalid: {result.diagnostics[:3]}")
    return {"seconds": best, "resources": count_resources(result.model)}


def run_build(org_file: str, out_dir: str) -> dict:
    started = time.perf_counter()
    start_cdk()
    from imcompile.build import build
    startup = time.perf_counter() - started

    start = time.perf_counter()
    result, _ = build(org_file, out_dir)
    seconds = time.perf_counter() - start
    if not result.validation.ok:
        raise SystemExit(f"synthetic org is invalid: {result.validation.diagnostics[:3]}")
    return {"seconds": seconds, "startup_seconds": startup,
            "resources": count_tf_resources(Path(out_dir))}


def run_handwritten(org_file: str, out_dir: str) -> dict:
    started = time.perf_counter()
    start_cdk()
    sys.path.insert(0, str(HERE))
    import handwritten_cdk
    startup = time.perf_counter() - started

    start = time.perf_counter()
    handwritten_cdk.main(org_file, out_dir)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "startup_seconds": startup,
            "resources": count_tf_resources(Path(out_dir))}


def main() -> None:
    task, org_file, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
    out_dir = sys.argv[4] if len(sys.argv) > 4 else None
    base_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if task == "validate":
        figures = run_validate(org_file, repeat)
    elif task in ("build", "build-per-team", "rebuild-one-team"):
        figures = run_build(org_file, out_dir)
    elif task == "handwritten":
        figures = run_handwritten(org_file, out_dir)
    else:
        raise SystemExit(f"unknown task {task!r}")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"task": task, **figures, "peak_mib": peak_kib / 1024,
                      "growth_mib": (peak_kib - base_kib) / 1024,
                      "node_mib": descendants_peak_mib(), "workers_mib": workers_kib / 1024}))


if __name__ == "__main__":
    main()
