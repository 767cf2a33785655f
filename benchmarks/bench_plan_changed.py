"""`imcompile plan --changed` in a 1,000-team per-team layout, one team changed.

    python benchmarks/bench_plan_changed.py [--teams 1000]

Stacks hold `terraform_data` (no provider to download) with the org's layout: `core`
and `team-<n>` stacks reading core through remote state. After a commit, one team's
file changes; the figure is the wall time of `imcompile plan --changed HEAD`, and the
count of stacks it planned (1: the plans of unchanged stacks are not run).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from tfstate_stacks import write  # noqa: E402

from imcompile.spec.backend import Backend  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=1000)
    teams = parser.parse_args().teams
    with tempfile.TemporaryDirectory(prefix="imcompile-bench-plan-") as tmp:
        repo = Path(tmp)
        stacks = {"core": [], **{f"team-t{i:04d}": ["core"] for i in range(teams)}}
        folder = write(repo / "generated" / "terraform", stacks, Backend())
        # The core stack is applied, so that the team's plan reads its remote state.
        for step in (["init", "-input=false"], ["apply", "-auto-approve", "-input=false"]):
            subprocess.run(["terraform", f"-chdir={folder / 'core'}", *step], check=True,
                           capture_output=True)
        (repo / ".gitignore").write_text(".terraform*\n*.tfstate*\n")
        git = ["git", "-c", "user.name=b", "-c", "user.email=b@b"]
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        subprocess.run([*git, "add", "."], cwd=repo, check=True)
        subprocess.run([*git, "commit", "-qm", "org"], cwd=repo, check=True)
        changed = folder / "team-t0000" / "cdk.tf.json"
        doc = json.loads(changed.read_text())
        doc["resource"]["terraform_data"]["team-t0000"]["input"]["stack"] = "changed"
        changed.write_text(json.dumps(doc))
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "imcompile.cli", "plan", "--changed",
                               "HEAD", "--dir", str(folder)], cwd=repo, capture_output=True,
                              text=True)
        seconds = time.perf_counter() - start
    planned = [line for line in done.stdout.splitlines() if line.startswith("stack ")]
    print(f"plan --changed, {teams} teams, one changed: {seconds:.2f} s, exit "
          f"{done.returncode}, stacks planned: {len(planned)} ({', '.join(planned)})")


if __name__ == "__main__":
    main()
