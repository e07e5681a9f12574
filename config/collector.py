"""Pausing Python's cyclic garbage collector while one request builds many short-lived objects."""

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Run the block without the cyclic garbage collector, then turn it back on (if it was on).

    A 10,000-row import allocates some 200,000 objects (cells, values, rows, model instances) that
    all live until the import ends; the collector would walk them again and again in full
    collections that free nothing (0.3-0.5 s of the import's 2 s, bench/RESULTS.md). Reference
    counting still frees everything that is not in a cycle; the collector catches up when the block
    ends. A block inside another leaves the collector to the outer one."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
