"""Talking to a live PagerDuty account: read it (import, drift, post-mortems), and a
fake REST API v2 server with a generated account for tests and trying the commands.

The token only ever comes from an environment variable and never leaves the client.
"""
