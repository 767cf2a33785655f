"""`imcompile diff` between two versions of a synthetic org that differ in one team.

    python benchmarks/bench_diff.py [--teams 1000] [--repeat 3]

Times the whole comparison the command makes: load and validate both versions, the
semantic changes, the Terraform impact of every stack, and the on-call rendering of the
changed schedules over the default 4 weeks. Prints seconds (best of --repeat) and peak
memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from imcompile.diff import compare
    from imcompile.validate import validate_text

    base_org = synth.synth_org(args.teams)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.yaml"
        head = Path(tmp) / "org.yaml"
        base.write_text(synth.synth_yaml(args.teams))
        head.write_text(synth.to_yaml(synth.change_one_team(base_org, 0)))
        best, report = float("inf"), None
        for _ in range(args.repeat):
            start = time.perf_counter()
            old = validate_text(base.read_bytes(), "base.yaml", model_rules=False).model
            new = validate_text(head.read_bytes(), "org.yaml").model
            report = compare(old, new, "base.yaml")
            best = min(best, time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"teams": args.teams, "seconds": round(best, 3), "peak_mib": round(peak, 1),
                      "changes": len(report.changes), "changed_shifts": len(report.oncall),
                      "terraform": {k: v.counts() for k, v in report.terraform.items()}}))


if __name__ == "__main__":
    main()
