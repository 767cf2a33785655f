"""Real state backends on loopback for the tests: PostgreSQL (Debian's server, started
in a temporary folder) and an S3-compatible server (moto's server mode)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

MISSING_PG = ("PostgreSQL's initdb and pg_ctl are not installed, so the pg backend "
              "scenarios cannot run: `apt-get install -y postgresql` (.ci/run does it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _server_user() -> tuple[list[str], int | None, int | None]:
    """PostgreSQL refuses to run as root: drop to the postgres (or nobody) user."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        pw = pwd.getpwnam("nobody")
    return (["setpriv", f"--reuid={pw.pw_uid}", f"--regid={pw.pw_gid}", "--clear-groups"],
            pw.pw_uid, pw.pw_gid)


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server on a loopback port; yields its connection string."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(MISSING_PG)
        pytest.skip(MISSING_PG)
    prefix, uid, gid = _server_user()
    # Not under pytest's tmp folder: its parents are private to root.
    home = Path(tempfile.mkdtemp(prefix="imcompile-pg-"))
    home.chmod(0o755)
    if uid is not None:
        os.chown(home, uid, gid)
    data, port = home / "data", free_port()
    run = lambda *args: subprocess.run([*prefix, *args], check=True, capture_output=True,
                                       text=True, timeout=120)
    run(initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    run(pg_ctl, "-D", str(data), "-l", str(home / "log"), "-w", "-t", "60", "start",
        "-o", f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off")
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres?sslmode=disable"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 on a loopback port; yields the endpoint URL."""
    from moto.server import ThreadedMotoServer
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{port}"
    try:
        yield url
    finally:
        server.stop()


AWS_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_REGION": "eu-west-1", "AWS_EC2_METADATA_DISABLED": "true"}


def make_bucket(url: str, name: str) -> None:
    import boto3
    client = boto3.client("s3", endpoint_url=url, region_name="eu-west-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    client.create_bucket(Bucket=name,
                         CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})


def s3_config(url: str, bucket: str) -> dict:
    """The org's s3 backend config for the moto server: no credentials in it."""
    return {"bucket": bucket, "region": "eu-west-1", "use_lockfile": True,
            "endpoints": {"s3": url}, "use_path_style": True,
            "skip_credentials_validation": True, "skip_requesting_account_id": True,
            "skip_metadata_api_check": True, "skip_region_validation": True}
