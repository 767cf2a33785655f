"""A fake PagerDuty REST API v2 on 127.0.0.1, for tests and for trying the commands.

    python -m imcompile.pagerduty.fake_server [--port 8080] [--size 12] [--idle-timeout 1800]

It answers the GET endpoints imcompile reads, in PagerDuty's shapes: classic
pagination (`limit` up to 100, `offset`, `more`, `total` when asked), `include[]`,
`{"error": {...}}` bodies, 401 for a wrong `Authorization: Token token=...`, 429 with
`Retry-After` when told to rate-limit, and a switch that makes it die after K more
requests. It counts every request. It only listens on the loopback interface, keeps
a bounded log, and stops when its `with` block ends, or after `idle_timeout` seconds
without a request.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections import Counter, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .fake_api import SLACK_PREFIX, FakeAPI, error
from .fake_data import generate

HOST = "127.0.0.1"
LOG_SIZE = 50_000


class FakePagerDuty(FakeAPI):
    """The server and its switches. Use as a context manager, or start()/stop()."""

    def __init__(self, account: dict | None = None, token: str = "fake-token",
                 port: int = 0, idle_timeout: float | None = None,
                 user_token: str = "fake-user-token"):
        super().__init__(generate() if account is None else account)
        self.token = token
        self.user_token = user_token  # the Slack integration API takes only this one
        self.requests = 0
        self.paths: Counter = Counter()
        self.log: deque = deque(maxlen=LOG_SIZE)  # (status, path, query)
        self._lock = threading.Lock()
        self._limited, self._retry_after = 0, 1
        self._fail_after: int | None = None
        self._fail_how = "close"
        self._idle_timeout, self._last = idle_timeout, time.monotonic()
        self._server = ThreadingHTTPServer((HOST, port), _Handler)
        self._server.daemon_threads = True
        self._server.fake = self
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._server.server_address[1]}"

    def start(self) -> "FakePagerDuty":
        self._thread = threading.Thread(target=self._serve, daemon=True, name="fake-pagerduty")
        self._thread.start()
        return self

    def _serve(self) -> None:
        if self._idle_timeout:
            threading.Thread(target=self._watch_idle, daemon=True).start()
        self._server.serve_forever(poll_interval=0.1)

    def _watch_idle(self) -> None:
        while time.monotonic() - self._last < self._idle_timeout:
            time.sleep(min(1.0, self._idle_timeout))
        self._server.shutdown()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> "FakePagerDuty":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait(self) -> None:
        """Block until the server stops (idle timeout or Ctrl-C)."""
        while self._thread and self._thread.is_alive():
            self._thread.join(0.5)

    # --- switches ---------------------------------------------------------------

    def rate_limit(self, count: int, retry_after: int = 1) -> None:
        """Answer the next `count` requests with 429 and `Retry-After: retry_after`."""
        with self._lock:
            self._limited, self._retry_after = count, retry_after

    def die_after(self, count: int, how: str = "close") -> None:
        """After `count` more requests, fail every request: `close` the connection
        without an answer, or answer `500`."""
        with self._lock:
            self._fail_after, self._fail_how = self.requests + count, how

    def revive(self) -> None:
        with self._lock:
            self._fail_after = None

    def count(self, prefix: str = "/") -> int:
        """Requests made to paths starting with `prefix`."""
        with self._lock:
            return sum(n for path, n in self.paths.items() if path.startswith(prefix))

    # --- answering --------------------------------------------------------------

    def answer(self, path: str, query: dict, auth: str | None):
        """(status, body, headers), or None to drop the connection."""
        with self._lock:
            self.requests += 1
            self.paths[path] += 1
            self._last = time.monotonic()
            if self._fail_after is not None and self.requests > self._fail_after:
                if self._fail_how == "close":
                    return None
                return 500, {"error": {"message": "Internal Server Error", "code": 2000}}, {}
            if self._limited > 0:
                self._limited -= 1
                wait = str(self._retry_after)
                return (*error(429, "Rate Limit Exceeded", 2020),
                        {"Retry-After": wait, "ratelimit-limit": "960",
                         "ratelimit-remaining": "0", "ratelimit-reset": wait})
        wanted = self.user_token if path.startswith(SLACK_PREFIX) else self.token
        if auth != f"Token token={wanted}":
            return (*error(401, "Unauthorized", 2006), {})
        return (*self.route(path, query), {})

class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real API
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms stall
    server_version = "fake-pagerduty"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        result = self.server.fake.answer(parts.path.rstrip("/") or "/", query,
                                         self.headers.get("Authorization"))
        if result is None:  # "dead": drop the connection without a word
            self.close_connection = True
            return
        status, body, headers = result
        self.server.fake.log.append((status, parts.path, query))
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802
        status, body = error(405, "The fake only reads: GET requests", 2000)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_PUT = do_DELETE = do_PATCH = do_POST

    def log_message(self, format, *args) -> None:  # quiet: tests read counters instead
        pass


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m imcompile.pagerduty.fake_server",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--size", type=int, default=12,
                        help="number of teams; users are 10 and services 5 per team")
    parser.add_argument("--token", default="fake-token")
    parser.add_argument("--user-token", default="fake-user-token",
                        help="the token the Slack integration API accepts")
    parser.add_argument("--idle-timeout", type=float, default=1800,
                        help="stop after this many seconds without a request")
    args = parser.parse_args(argv)
    account = generate(teams=args.size, users=10 * args.size, services=5 * args.size)
    server = FakePagerDuty(account, token=args.token, port=args.port,
                           idle_timeout=args.idle_timeout, user_token=args.user_token)
    server.start()
    incident = account["incidents"][0]["id"] if account["incidents"] else "-"
    print(f"fake PagerDuty API at {server.url} (stops after {args.idle_timeout:g}s idle)\n"
          f"  export PAGERDUTY_TOKEN={args.token} PAGERDUTY_USER_TOKEN={args.user_token}\n"
          f"  imcompile import -o org.yaml --api-url {server.url}\n"
          f"  imcompile postmortem {incident} org.yaml --api-url {server.url}", flush=True)
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
