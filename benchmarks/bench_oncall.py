"""The on-call engine's benchmark, runnable on its own:

    python benchmarks/bench_oncall.py [--sizes 10,100,1000] [--weeks 13] [--repeat 5]

For each synthetic org (benchmarks/synth.py: 2 schedules a team, weekly turns), after
validating it (not timed):
  render   every schedule over WEEKS weeks from the latest rotation start, into
           Calendar objects with aware datetimes (imcompile.oncall.render_all);
  report   the load and fairness report over the same window;
  rules    the on-call checks of `imcompile validate` (E130-E132, W130, W131), cold.
Seconds are the best of --repeat runs. The target: render, 13 weeks, N = 1000, < 1 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

from imcompile import rules  # noqa: E402
from imcompile.oncall import load_report, reference_start, render_all  # noqa: E402
from imcompile.rules import _oncall  # noqa: E402
from imcompile.loader import load_file  # noqa: E402
from imcompile.validate import validate_document  # noqa: E402

ONCALL_CODES = ("E130", "E131", "E132", "W130", "W131")


def best(repeat: int, run) -> tuple[float, object]:
    fastest, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest, result


def oncall_rules(doc, result) -> list:
    _oncall._CACHE["model"] = None  # cold: nothing rendered yet
    ctx = rules.Context(doc, result.spec, result.model)
    return [d for r in rules.all_rules() if r.code in ONCALL_CODES for d in r.check(ctx)]


def measure(n: int, weeks: int, repeat: int, folder: Path) -> list[tuple]:
    org_file = folder / f"org-{n}.yaml"
    org_file.write_text(synth.synth_yaml(n), encoding="utf-8")
    doc = load_file(org_file)
    result = validate_document(doc)
    if not result.ok:
        raise SystemExit(f"synthetic org is invalid: {result.diagnostics[:3]}")
    model = result.model
    start = reference_start(model)
    end = start + timedelta(weeks=weeks)
    seconds, calendars = best(repeat, lambda: render_all(model, start, end))
    shifts = sum(len(c.shifts) for c in calendars.values())
    rows = [("render", n, len(calendars), shifts, seconds)]
    seconds, _ = best(repeat, lambda: load_report(model, start, end))
    rows.append(("report", n, len(calendars), shifts, seconds))
    seconds, found = best(repeat, lambda: oncall_rules(doc, result))
    rows.append(("rules", n, len(calendars), shifts, seconds, f"{len(found)} findings"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="numbers of teams")
    parser.add_argument("--weeks", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=5, help="runs; the best is kept")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
          f"window {args.weeks} weeks; best of {args.repeat}")
    print(f"{'task':<7} {'teams':>5} {'schedules':>9} {'shifts':>7} {'seconds':>8} "
          f"{'µs/shift':>8}  note")
    with tempfile.TemporaryDirectory(prefix="imcompile-oncall-") as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            for task, teams, schedules, shifts, seconds, *note in measure(
                    n, args.weeks, args.repeat, Path(tmp)):
                print(f"{task:<7} {teams:>5} {schedules:>9} {shifts:>7} {seconds:>8.3f} "
                      f"{seconds / max(shifts, 1) * 1e6:>8.1f}  {' '.join(note)}".rstrip(),
                      flush=True)


if __name__ == "__main__":
    main()
