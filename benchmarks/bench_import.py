"""Benchmark `imcompile import` against the fake PagerDuty API on 127.0.0.1.

    python benchmarks/bench_import.py [--users 3000] [--services 1000] [--teams 100]

Generates an account of that size, serves it, runs `imcompile import` in this process
(as a user would, with the file validated at the end) and prints the seconds it took
and the API requests it made, counted by the server, with the time split into reading
the account, writing the file and validating it. The network is loopback: a real
account adds PagerDuty's latency to every request, and its rate limit (about 900
requests a minute) makes the request count the figure that matters there.
"""

from __future__ import annotations

import argparse
import os
import re
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
    return 0


if __name__ == "__main__":
    os.environ.pop("PAGERDUTY_TOKEN", None)  # the benchmark uses the fake's own token
    sys.exit(main_())
