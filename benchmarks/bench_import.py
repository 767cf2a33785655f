"""Benchmark `imcompile import` against the fake PagerDuty API on 127.0.0.1, then the
first `imcompile build` of the file it wrote.

    python benchmarks/bench_import.py [--users 3000] [--services 1000] [--teams 100]
                                      [--no-build] [--timeout 600]

Generates an account of that size, serves it, runs `imcompile import` in this process
(as a user would, with the file validated at the end) and prints the seconds it took
and the API requests it made, counted by the server, with the time split into reading
the account, writing the file and validating it. The network is loopback: a real
account adds PagerDuty's latency to every request, and its rate limit (about 900
requests a minute) makes the request count the figure that matters there.

Then it builds the imported file cold, each build in a fresh process (benchmarks/
measure.py, as `imcompile build` would run): once as written (every object adopted by
an import block) and once with every PagerDuty ID taken out (the same resources, no
import blocks), and prints both times, their ratio (target: at most 1.5) and the peak
memory, and import + build against the target of 60 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from click.testing import CliRunner  # noqa: E402

from imcompile.cli import main  # noqa: E402
from imcompile.pagerduty.account import read_account  # noqa: E402
from imcompile.pagerduty.client import Reader  # noqa: E402
from imcompile.pagerduty.fake_data import generate  # noqa: E402
from imcompile.pagerduty.fake_server import FakePagerDuty  # noqa: E402
from imcompile.pagerduty.importer import import_org  # noqa: E402
from imcompile.pagerduty.yamltext import dump  # noqa: E402
from imcompile.validate import validate_text  # noqa: E402

ID = re.compile(r"/(P|Q)[A-Z0-9]{5,}")


def main_(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=3000)
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--teams", type=int, default=100)
    parser.add_argument("--no-build", action="store_true", help="stop after the import")
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds before one build is stopped (default 600)")
    args = parser.parse_args(argv)
    account = generate(teams=args.teams, users=args.users, services=args.services)
    sizes = {k: len(account[k]) for k in ("users", "teams", "schedules", "escalation_policies",
                                          "services", "business_services", "dependencies")}
    sizes["integrations"] = sum(len(s["integrations"]) for s in account["services"])
    print("account: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sizes.items()))

    with FakePagerDuty(account, token="bench-token") as fake, \
            tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "org.yaml"
        started = time.perf_counter()
        result = CliRunner().invoke(main, ["import", "-o", str(out), "--api-url", fake.url],
                                    env={"PAGERDUTY_TOKEN": "bench-token"})
        total = time.perf_counter() - started
        if result.exit_code != 0:
            print(result.output, file=sys.stderr)
            return 1
        requests = fake.requests
        by_endpoint = Counter(ID.sub("/{id}", path) for path, n in fake.paths.items()
                              for _ in range(n))
        size = out.stat().st_size

        # The same work in phases, to see where the time goes.
        started = time.perf_counter()
        with Reader("bench-token", fake.url) as reader:
            read = read_account(reader)
        t_read = time.perf_counter() - started
        started = time.perf_counter()
        imported = import_org(read, url=fake.url)
        text = dump(imported.doc, imported.comments, imported.header)
        t_write = time.perf_counter() - started
        started = time.perf_counter()
        checked = validate_text(text, file="org.yaml")
        t_validate = time.perf_counter() - started

    print(f"imcompile import: {total:.2f} s, {requests} API requests "
          f"({size / 1024:.0f} KiB written, {len(checked.diagnostics)} findings)")
    print(f"  phases: read {t_read:.2f} s, convert and write {t_write:.2f} s, "
          f"validate {t_validate:.2f} s")
    print("  requests by endpoint: " + ", ".join(
        f"{path} {n}" for path, n in sorted(by_endpoint.items(), key=lambda kv: -kv[1])))
    if not args.no_build:
        builds(text, total, args.timeout)
    return 0


def strip_ids(value):
    """The org with every PagerDuty ID taken out: what a hand-written file would say."""
    if isinstance(value, dict):
        return {k: strip_ids(v) for k, v in value.items()
                if k not in ("pagerduty_id", "pagerduty_dependency_ids", "severity_field_id",
                             "tier_tag_ids", "pagerduty_tier_tags")}
    if isinstance(value, list):
        return [strip_ids(v) for v in value]
    return value


def builds(text: str, import_seconds: float, timeout: float) -> None:
    import yaml
    with tempfile.TemporaryDirectory() as tmp:
        adopted, plain = Path(tmp) / "adopted.yaml", Path(tmp) / "plain.yaml"
        adopted.write_text(text, encoding="utf-8")
        plain.write_text(dump(strip_ids(yaml.safe_load(text))), encoding="utf-8")
        figures = {}
        for name, org in (("with ids", adopted), ("without ids", plain)):
            figures[name] = measure_build(org, Path(tmp) / f"out-{org.stem}", timeout)
            r = figures[name]
            if r is None:
                print(f"build {name}: over {timeout:.0f}s, stopped")
                continue
            print(f"build {name}: {r['seconds']:.2f} s (+ {r['startup_seconds']:.2f} s "
                  f"startup), {r['resources']} resources, {r['imports']} import blocks, "
                  f"peak {r['peak_mib']:.0f} MiB Python + {r['node_mib']:.0f} MiB Node.js"
                  + (f", workers {r['workers_mib']:.0f} MiB" if r["workers_mib"] > 50 else ""))
    a, b = figures.get("with ids"), figures.get("without ids")
    if a and b:
        print(f"build with ids / without: {a['seconds'] / b['seconds']:.2f} (target <= 1.5)")
    if a:
        whole = import_seconds + a["startup_seconds"] + a["seconds"]
        print(f"import + build: {whole:.1f} s (target < 60 s on 2 cores)")


def measure_build(org: Path, out: Path, timeout: float) -> dict | None:
    measure = Path(__file__).resolve().parent / "measure.py"
    try:
        done = subprocess.run([sys.executable, str(measure), "build", str(org), "1", str(out)],
                              capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as e:
        raise SystemExit(f"build of {org.name} failed:\n{e.stderr[-2000:]}") from None
    r = json.loads(done.stdout.strip().splitlines()[-1])
    r["imports"] = sum(len(json.loads(p.read_text(encoding="utf-8")).get("import", []))
                       for p in out.rglob("cdk.tf.json"))
    return r


if __name__ == "__main__":
    os.environ.pop("PAGERDUTY_TOKEN", None)  # the benchmark uses the fake's own token
    sys.exit(main_())
