"""What the docs and Slack generators add to `imcompile build`, for a synthetic org.

    python benchmarks/bench_docs.py [N_TEAMS] [--repeat 3]

Validates benchmarks/synth.py's org of N_TEAMS teams (default 1000; not timed), then
times what build.render adds for generated/docs/ and generated/slack/: the runbook
inspection, the docs generator and the Slack generator, best of --repeat runs (the
first run also pays for loading the Jinja templates, as a cold build does; it is shown
separately). Peak memory: the largest amount Python allocated during one generation
(tracemalloc), and the process's ru_maxrss. The budget is 1 s for N = 1000.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import synth  # noqa: E402
from imcompile import runbooks  # noqa: E402
from imcompile.generators import docs, slack  # noqa: E402
from imcompile.validate import validate_text  # noqa: E402

BUDGET_SECONDS = 1.0


def generate(model) -> dict[str, str]:
    files = docs.generate(model, runbooks.inspect_services(model, None))
    files.update(slack.generate(model))
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_teams", type=int, nargs="?", default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    result = validate_text(synth.synth_yaml(args.n_teams), "synth.yaml")
    if not result.ok:
        print("the synthetic org is invalid:", result.diagnostics[0].text(), file=sys.stderr)
        return 1
    model = result.model

    start = time.perf_counter()
    files = generate(model)
    cold = time.perf_counter() - start
    warm = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        generate(model)
        warm.append(time.perf_counter() - start)

    tracemalloc.start()
    generate(model)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    size = sum(len(text.encode("utf-8")) for text in files.values())
    print(f"teams            {args.n_teams}")
    print(f"services         {len(model.services)}")
    print(f"files            {len(files)} ({size / 1024 / 1024:.1f} MiB)")
    print(f"seconds, cold    {cold:.3f}  (first run: templates loaded and compiled)")
    print(f"seconds, best    {min(warm):.3f}  (best of {args.repeat})")
    print(f"peak MiB, alloc  {peak / 1024 / 1024:.1f}  (tracemalloc, one generation)")
    print(f"peak MiB, rss    {maxrss_kib / 1024:.1f}  (ru_maxrss of this process)")
    verdict = "within" if cold < BUDGET_SECONDS else "OVER"
    print(f"budget           {verdict} {BUDGET_SECONDS:.0f} s (cold run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
