"""Run every benchmark and print a table of figures.

    python benchmarks/run.py [--tasks validate,build,handwritten,rebuild-one-team,...]
                             [--sizes 10,100,1000] [--repeat 3] [--rounds 1]
                             [--timeout 300]

Tasks (default: all):
  validate          load + validate the synthetic org; best of --repeat runs.
  build             cold imcompile build, single-stack layout, into an empty folder; 1 run.
  handwritten       benchmarks/handwritten_cdk.py, the CDK Terrain app a user would write
                    by hand for the same org; 1 run.
  rebuild-one-team  with `terraform: {stacks: per-team}`: a cold build (row
                    build-per-team), then team 0 changed (synth.change_one_team) and a
                    second build into the same folder (row rebuild-one-team), which
                    reuses the unchanged stacks; the count of stack files (cdk.tf.json)
                    whose bytes changed is checked (exactly team-t0000's) and printed;
                    other changed files (docs) are listed.
  build-per-team    only the cold per-team build.
  build-per-team-serial
                    the cold per-team build in one process (IMCOMPILE_SYNTH_JOBS=1), to
                    compare with the build on every core.

The cold per-team build (on every core) and the hand-written app are compared in a note
at the end, at each size both ran: the target is at most 0.5x the hand-written app. The
hand-written app's time varies a lot from run to run on a shared machine (49 s to 150 s
for 1000 teams on one day): `--rounds 3` runs the tasks three times in rotation and
compares the best of each.

Each measurement runs in a fresh subprocess, so that peak memory (max RSS) belongs to
that measurement alone and the rebuild starts as cold as `imcompile build` would. A
measurement that exceeds --timeout seconds is killed and reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

MEASURE = HERE / "measure.py"
TASKS = ("validate", "build", "handwritten", "rebuild-one-team", "build-per-team",
         "build-per-team-serial")
DEFAULT_TASKS = ("validate", "build", "handwritten", "rebuild-one-team",
                 "build-per-team-serial")
HEADER = (f"{'task':<21} {'teams':>5} {'resources':>9} {'seconds':>8} {'startup s':>9} "
          f"{'peak MiB':>8} {'node MiB':>8} {'wkr MiB':>7} {'µs/resource':>11}  note")
LEGEND = """\
resources: validate = count_resources() of the validated model (PagerDuty objects the
  org describes); every other task = entries under `resource` (not `data`) in the
  generated cdk.tf.json files, all stacks together (rebuild: the whole tree after it).
seconds: validate = best of --repeat; other tasks = one run each round, excluding `startup s`
  (Python imports + starting the jsii Node.js runtime and loading the cdktn/provider
  assemblies, the same for imcompile and the hand-written app).
peak MiB = ru_maxrss of the measuring Python process; node MiB = peak RSS (VmHWM) of its
  jsii Node.js child, which ru_maxrss of RUSAGE_SELF does not include; wkr MiB = the
  largest synthesis worker process (Python with its Node.js), when the build used them.
build tasks time all of imcompile.build.build(): validation, Terraform synthesis, the
  other generators build() runs (docs, Slack) and writing the folder.
µs/resource = seconds / resources."""


class Timeout(Exception):
    pass


def measure(task: str, org_file: Path, repeat: int, timeout: float,
            out_dir: Path | None = None) -> dict:
    env = dict(os.environ)
    env.pop("IMCOMPILE_SYNTH_JOBS", None)
    if task.endswith("-serial"):
        task, env["IMCOMPILE_SYNTH_JOBS"] = task.removesuffix("-serial"), "1"
    argv = [sys.executable, str(MEASURE), task, str(org_file), str(repeat)]
    if out_dir is not None:
        argv.append(str(out_dir))
    # Own process group, so that a timeout also ends the jsii Node.js child.
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=env)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise Timeout(f"timed out after {timeout:g}s, killed") from None
    if proc.returncode != 0:
        raise RuntimeError(f"{task} failed (exit {proc.returncode}):\n{err[-2000:]}")
    return json.loads(out.strip().splitlines()[-1])


def row(task: str, n: int, r: dict | None, note: str = "") -> None:
    if r is None:
        print(f"{task:<21} {n:>5} {'-':>9} {'-':>8} {'-':>9} {'-':>8} {'-':>8} {'-':>7} "
              f"{'-':>11}  {note}", flush=True)
        return
    per = r["seconds"] / max(r["resources"], 1) * 1e6
    startup = f"{r['startup_seconds']:.2f}" if "startup_seconds" in r else "-"
    node = f"{r['node_mib']:.1f}" if r.get("node_mib") else "-"
    workers = f"{r['workers_mib']:.0f}" if r.get("workers_mib", 0) > 50 else "-"
    print(f"{task:<21} {n:>5} {r['resources']:>9} {r['seconds']:>8.3f} {startup:>9} "
          f"{r['peak_mib']:>8.1f} {node:>8} {workers:>7} {per:>11.1f}  {note}".rstrip(),
          flush=True)
    # Best of the rounds: the machine's speed drifts, the best run is the least disturbed.
    SECONDS[(task, n)] = min(SECONDS.get((task, n), float("inf")), r["seconds"])


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def run_one(task: str, n: int, tmp: Path, args) -> None:
    try:
        if task in ("validate", "build", "handwritten", "build-per-team-serial"):
            org_file = tmp / f"org-{n}.yaml"
            if task == "build-per-team-serial":
                org_file = per_team_org(n, tmp)
            out_dir = None if task == "validate" else tmp / f"{task}-{n}"
            if out_dir:
                shutil.rmtree(out_dir, ignore_errors=True)  # cold: a round starts empty
            row(task, n, measure(task, org_file, args.repeat, args.timeout, out_dir))
        else:
            per_team(task, n, tmp, args)
    except Timeout as e:
        row(task, n, None, str(e))
    except RuntimeError as e:
        row(task, n, None, "FAILED (stderr below)")
        print(e, file=sys.stderr)


def per_team_org(n: int, tmp: Path, org: dict | None = None) -> Path:
    org = org or synth.synth_org(n)
    org["terraform"] = {"stacks": "per-team"}
    org_file = tmp / f"org-per-team-{n}.yaml"
    org_file.write_text(synth.to_yaml(org), encoding="utf-8")
    return org_file


def per_team(task: str, n: int, tmp: Path, args) -> None:
    org = synth.synth_org(n)
    org_file, out_dir = per_team_org(n, tmp, org), tmp / f"per-team-{n}"
    shutil.rmtree(out_dir, ignore_errors=True)  # cold: a round starts empty
    try:
        cold = measure("build-per-team", org_file, 1, args.timeout, out_dir)
    except Timeout as e:
        row("build-per-team", n, None, str(e))
        if task == "rebuild-one-team":
            row(task, n, None, "skipped: its cold build timed out")
        return
    stacks = len(list(out_dir.rglob("cdk.tf.json")))
    row("build-per-team", n, cold, f"{stacks} stacks")
    if task != "rebuild-one-team":
        return
    before = snapshot(out_dir)
    org_file.write_text(synth.to_yaml(synth.change_one_team(org, 0)), encoding="utf-8")
    try:
        again = measure(task, org_file, 1, args.timeout, out_dir)
    except Timeout as e:
        row(task, n, None, str(e))
        return
    after = snapshot(out_dir)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    changed_stacks = [k for k in changed if k.endswith("/cdk.tf.json")]
    others = [k for k in changed if k not in changed_stacks]
    # Only Terraform is checked; other generated files (docs) may follow the change.
    ok = changed_stacks == ["terraform/team-t0000/cdk.tf.json"] and not any(
        k.startswith("terraform/") for k in others)
    note = f"stack files changed {len(changed_stacks)}/{stacks} {'OK' if ok else 'UNEXPECTED'}"
    if changed_stacks and len(changed_stacks) <= 3:
        note += f" ({', '.join(changed_stacks)})"
    if others:
        note += f"; also changed: {', '.join(others[:5])}" + (" ..." if len(others) > 5 else "")
    row(task, n, again, note)
    RATIOS.append((n, again["seconds"], cold["seconds"]))


RATIOS: list[tuple[int, float, float]] = []
SECONDS: dict[tuple[str, int], float] = {}


def compare_notes(sizes: list[int]) -> None:
    for n in sizes:
        cold, hand = SECONDS.get(("build-per-team", n)), SECONDS.get(("handwritten", n))
        serial = SECONDS.get(("build-per-team-serial", n))
        if cold and hand:
            print(f"note: {n} teams: per-team cold build {cold:.2f}s / hand-written app "
                  f"{hand:.2f}s = {cold / hand:.2f} (target <= 0.5; best of each)")
        if cold and serial:
            print(f"note: {n} teams: per-team cold build on {os.cpu_count()} cores {cold:.2f}s"
                  f" / in one process {serial:.2f}s = {cold / serial:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default=",".join(DEFAULT_TASKS),
                        help=f"comma-separated, from {', '.join(TASKS)} (default: "
                             f"{','.join(DEFAULT_TASKS)})")
    parser.add_argument("--sizes", default="10,100,1000", help="numbers of teams")
    parser.add_argument("--repeat", type=int, default=3, help="runs of validate (best kept)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="run the task list this many times in rotation; the notes "
                             "compare the best time of each task (default 1)")
    parser.add_argument("--also", default="oncall,docs,diff,import",
                        help="component benchmarks run after the table, each its own "
                             "script bench_<name>.py (default: all; '' for none)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds before one measurement is killed (default 300)")
    args = parser.parse_args()
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        parser.error(f"unknown task(s) {', '.join(unknown)}; choose from {', '.join(TASKS)}")
    sizes = [int(s) for s in args.sizes.split(",")]
    print(LEGEND)
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start "
          "(other work on the machine inflates the seconds)")
    print()
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory(prefix="imcompile-bench-") as tmp:
        tmp = Path(tmp)
        for n in sizes:
            (tmp / f"org-{n}.yaml").write_text(synth.synth_yaml(n), encoding="utf-8")
            for _ in range(args.rounds):  # in rotation: each task meets the same drift
                for task in tasks:
                    run_one(task, n, tmp, args)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    compare_notes(sizes)
    for n, rebuild, cold in RATIOS:
        print(f"note: {n} teams, per-team layout: rebuild one team {rebuild:.2f}s / cold "
              f"{cold:.2f}s = {rebuild / cold:.2f} (ratio rebuild/cold)")
    for name in [a.strip() for a in args.also.split(",") if a.strip()]:
        script = HERE / f"bench_{name}.py"
        if not script.exists():
            print(f"\n== bench_{name}.py: not found")
            continue
        print(f"\n== bench_{name}.py", flush=True)
        try:
            subprocess.run([sys.executable, str(script)], check=False,
                           timeout=max(args.timeout, 900))
        except subprocess.TimeoutExpired:
            print(f"bench_{name}.py: over {max(args.timeout, 900):.0f}s, stopped")


if __name__ == "__main__":
    main()
