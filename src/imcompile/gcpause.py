"""Pausing the cyclic garbage collector around bulk work.

Loading and resolving a large org allocates hundreds of thousands of small acyclic
objects; each allocation burst triggers full collections that walk the whole heap and
cost a third of the run. Reference counting frees these objects anyway, so collection
is paused during the work and runs once afterwards.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
