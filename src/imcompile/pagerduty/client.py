"""The official client (`pagerduty.RestApiV2Client`), set up the way imcompile reads.

- The token comes from an environment variable only, and no message this module
  produces contains it in any form (raw, escaped, URL-encoded), nor the last
  characters the client likes to print. A value that cannot be an HTTP header (a line
  break, a control character, a space, a non-ASCII character) is refused before any
  request, with a message that names the variable and never quotes the value.
- `Retry-After` (or PagerDuty's `ratelimit-reset`) is honoured on 429, a bounded
  number of times; then the read fails with a clear message.
- `http://` is accepted for loopback addresses only, so that tests and the fake server
  need no certificates; anything else must be `https://`.
- Every failure becomes a `PagerDutyError` with a one-line message.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from urllib.parse import quote, quote_plus, urlsplit

import pagerduty
from pagerduty.errors import UrlError

DEFAULT_URL = "https://api.pagerduty.com"
TOKEN_ENV = "PAGERDUTY_TOKEN"
# PagerDuty's Slack integration API takes a user token, not an account key.
USER_TOKEN_ENV = "PAGERDUTY_USER_TOKEN"
SLACK_PATH = "/integration-slack"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
RATE_LIMIT_RETRIES = 8
MAX_WAIT = 60.0  # seconds: a longer Retry-After is capped, the budget is bounded anyway
PAGE = 100  # PagerDuty's largest page: fewer requests


# The client logs each retry and server error; the commands report failures in one line
# of their own, so its messages go nowhere unless the application configures logging.
LOG = logging.getLogger("imcompile.pagerduty.client")
LOG.addHandler(logging.NullHandler())


class PagerDutyError(Exception):
    """A failure to read the account, with a message fit to print as it is."""


class NotFound(PagerDutyError):
    """404: no such object."""


class Unavailable(PagerDutyError):
    """402 or 403: the plan or the token does not allow reading this."""


_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def env_name(name: str, option: str = "--token-env") -> str:
    """`name`, given with `option`, if it can be an environment variable's name."""
    if not _ENV_NAME.fullmatch(name):
        raise PagerDutyError(f"{option}: {name!r} is not an environment variable name")
    return name


def token_from_env(name: str = TOKEN_ENV, option: str = "--token-env") -> str:
    """The token in variable `name`, without surrounding whitespace (a pasted key often
    ends in a line break), checked by check_token."""
    token = os.environ.get(env_name(name, option), "").strip()
    if not token:
        raise PagerDutyError(
            f"no PagerDuty token: set the environment variable {name} to a REST API key "
            "(read-only is enough)")
    check_token(token, f"the environment variable {name}")
    return token


def check_token(token: str, source: str = "the token") -> None:
    """Refuse a token that cannot be sent as `Authorization: Token token=...`. The
    message says what kind of character is wrong, never where or which: the value is
    a secret, and a wrong one is often a real key with a stray character."""
    if not token.strip():
        raise PagerDutyError(f"{source} is empty: set it to a PagerDuty REST API key")
    bad = next((c for c in token if not "!" <= c <= "~"), None)
    if bad is None:
        return
    if bad in "\r\n":
        kind = "a line break"
    elif bad in " \t":
        kind = "a space or a tab"
    elif ord(bad) < 32 or ord(bad) == 127:
        kind = "a control character"
    else:
        kind = "a non-ASCII character"
    raise PagerDutyError(f"{source} holds {kind}, which a PagerDuty REST API key never "
                         "contains: set it to the key alone")


def secret_forms(secret: str) -> list[str]:
    """The ways a secret can show up in text: as it is, escaped by repr() or JSON,
    URL-encoded, as bytes. Longest first, so that a longer form is replaced before a
    part of it."""
    if not secret:
        return []
    forms = {secret, repr(secret)[1:-1], json.dumps(secret)[1:-1],
             json.dumps(secret, ensure_ascii=False)[1:-1], quote(secret, safe=""),
             quote_plus(secret, safe=""), repr(secret.encode("utf-8", "replace"))[2:-1]}
    return sorted(forms, key=lambda form: (-len(form), form))


def scrub(text: str, secret: str) -> str:
    for form in secret_forms(secret):
        text = text.replace(form, "***")
    return text


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url.rstrip("/")
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return url.rstrip("/")
    raise PagerDutyError(f"--api-url must be an https:// URL (http:// only on 127.0.0.1 or "
                         f"localhost), not {url!r}")


class _Patient:
    """Loopback http, Retry-After on 429 and bounded retries, for either client below."""

    sleep_timer = 0.05  # network retries back off from here (x2 each), 3 attempts
    timeout = 30

    def _setup(self, url: str) -> None:
        self.log = LOG
        self._url = url  # checked by check_url(); the setter refuses plain http
        self.retry[429] = RATE_LIMIT_RETRIES
        self.rate_limited = 0
        self.waited = 0.0
        self._streak = 0
        self._last_status = None

    def postprocess(self, response) -> None:
        super().postprocess(response)
        self._last_status = response.status_code
        if response.status_code != 429:
            self._streak = 0
            return
        # The client retries a 429 itself; the wait it asks for happens here, so that
        # the client's own backoff (cooldown_factor below) stays negligible.
        self._streak += 1
        self.rate_limited += 1
        wait = _seconds(response.headers.get("retry-after")) or \
            _seconds(response.headers.get("ratelimit-reset"))
        wait = min(MAX_WAIT, 2.0 ** self._streak if wait is None else wait)
        self.waited += wait
        time.sleep(wait)

    def cooldown_factor(self) -> float:
        return 1.0 if self._last_status == 429 else super().cooldown_factor()


class _Client(_Patient, pagerduty.RestApiV2Client):
    def __init__(self, token: str, url: str):
        super().__init__(token, base_url=DEFAULT_URL)
        self._setup(url)


class _SlackClient(_Patient, pagerduty.SlackIntegrationConnectionsApiClient):
    """PagerDuty's Slack integration API: another host, and a user token."""

    def __init__(self, token: str, url: str):
        super().__init__(token)
        self._setup(url)


def slack_url(api_url: str) -> str:
    """Where the Slack integration API of the account at `api_url` is: app.<region>
    beside api.<region>; a loopback server (the fake) serves it under its own root."""
    parts = urlsplit(api_url)
    host = parts.hostname or ""
    if host in LOOPBACK:
        return api_url.rstrip("/") + SLACK_PATH
    return f"https://{host.replace('api.', 'app.', 1)}{SLACK_PATH}"


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


class Reader:
    """Reads one account. Methods raise PagerDutyError, never the client's exceptions."""

    def __init__(self, token: str, url: str = DEFAULT_URL, slack: bool = False):
        check_token(token)
        self.url = check_url(url)
        self.slack = slack
        # the only holder of the token
        self.client = (_SlackClient if slack else _Client)(token, self.url)

    @property
    def requests(self) -> int:
        """HTTP requests made, retries included."""
        return self.client.total_call_count

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Reader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def list(self, path: str, include: tuple = (), **params) -> list[dict]:
        """Every object of an index endpoint, 100 a page."""
        if include:
            params["include[]"] = list(include)
        # The client's iter_all hands cursor-paged lists to iter_cursor with `return`
        # inside a generator, so it yields nothing for them: call iter_cursor itself.
        cursor = self.client.canonical_path(path) in self.client.cursor_based_pagination_paths
        pages = self.client.iter_cursor if cursor else self.client.iter_all
        return self._call(path, lambda: list(pages(path, params=params or None, page_size=PAGE)))

    def first(self, path: str, wanted, **params) -> dict | None:
        """The first object of an index endpoint for which `wanted(obj)` holds, reading
        no more pages than it takes."""
        return self._call(path, lambda: next(
            (o for o in self.client.iter_all(path, params=params or None, page_size=PAGE)
             if wanted(o)), None))

    def get(self, path: str, key: str, include: tuple = (), **params):
        """The `key` member of GET path's body."""
        if include:
            params["include[]"] = list(include)
        body = self._call(path, lambda: self.client.jget(path, params=params or None))
        if not isinstance(body, dict) or key not in body:
            raise PagerDutyError(f"PagerDuty answered GET {path} without {key!r}")
        return body[key]

    def _call(self, path: str, action):
        try:
            return action()
        except pagerduty.HttpError as exc:
            raise self._http_error(path, exc.response) from None
        except UnicodeError:  # check_token makes this unreachable; the text holds the token
            raise PagerDutyError("the token cannot be sent as an HTTP header") from None
        except (pagerduty.Error, UrlError) as exc:
            cause = exc.__cause__ or exc.__context__
            why = _short(cause, self._secret) if cause is not None else "no answer"
            raise PagerDutyError(f"cannot reach PagerDuty at {self.url} (GET {path}): "
                                 f"{why}") from None

    def _http_error(self, path: str, response) -> PagerDutyError:
        status = response.status_code
        if status == 401 and self.slack:
            return PagerDutyError(
                "PagerDuty's Slack API refused the user token (401): it needs a user API "
                f"token of an Owner or Global Admin ({self.url})")
        if status == 401:
            return PagerDutyError(
                "PagerDuty refused the token (401): check the REST API key in the token "
                f"variable, and the account's region ({self.url})")
        if status in (402, 403):
            return Unavailable(f"PagerDuty refused GET {path} ({status}): the token or the "
                               "account's plan does not allow reading it")
        if status == 404:
            return NotFound(f"PagerDuty has no {path} (404)")
        if status == 429:
            return PagerDutyError(
                f"PagerDuty kept rate-limiting the requests (429) after "
                f"{RATE_LIMIT_RETRIES} retries: try again in a minute")
        return PagerDutyError(f"PagerDuty answered GET {path} with {status}: "
                              f"{_message(response, self._secret)}")

    @property
    def _secret(self) -> str:
        return self.client.auth_method.secret


# Defence in depth: text from the server or an exception is scrubbed of the token
# before it is shortened, so that no part of a form of it survives the cut.
def _message(response, secret: str) -> str:
    try:
        error = response.json().get("error", {})
        text = error.get("message") if isinstance(error, dict) else str(error)
    except ValueError:
        text = response.text
    text = scrub(str(text or response.reason_phrase or ""), secret)
    return " ".join(text.split())[:200] or "no message"


def _short(exc: BaseException, secret: str) -> str:
    text = " ".join(scrub(str(exc), secret).split())[:200].rstrip(".")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
