"""Run every benchmark and print a table of figures.

    python benchmarks/run.py [--sizes 10,100,1000] [--repeat 3]

Each measurement runs in a fresh subprocess so that peak memory (max RSS) belongs to
that measurement alone. Times are the best of --repeat runs inside that process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

MEASURE = HERE / "measure.py"


def measure(task: str, org_file: Path, repeat: int) -> dict:
    out = subprocess.run([sys.executable, str(MEASURE), task, str(org_file), str(repeat)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tasks", default="validate")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'task':<10} {'teams':>6} {'resources':>9} {'bytes':>10} {'seconds':>8} "
          f"{'peak MiB':>9} {'µs/resource':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            org_file = Path(tmp) / f"org-{n}.yaml"
            org_file.write_text(synth.synth_yaml(n), encoding="utf-8")
            for task in args.tasks.split(","):
                r = measure(task, org_file, args.repeat)
                per = r["seconds"] / max(r["resources"], 1) * 1e6
                print(f"{task:<10} {n:>6} {r['resources']:>9} {org_file.stat().st_size:>10} "
                      f"{r['seconds']:>8.3f} {r['peak_mib']:>9.1f} {per:>11.1f}")


if __name__ == "__main__":
    main()
