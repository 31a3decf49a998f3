"""Checking that a cost grows linearly, without tight timed tests.

`grows_linearly` times a function on an input of size n and of size 4n (best of a few
runs each, so a busy moment on a shared machine does not count) and compares: linear
work takes about 4 times as long, quadratic work 16 times. The bar sits between them,
and small absolute times are floored so timer noise on tiny inputs cannot fail it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

LINEAR_BAR = 9.0  # 4x the input: linear is ~4x the time, quadratic ~16x


def best_time(call: Callable[[], Any], runs: int = 3) -> float:
    """The fastest of `runs` timings of `call()`, in seconds."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def growth(
    work: Callable[[Any], Any], make: Callable[[int], Any], n: int, runs: int = 3
) -> tuple[float, float]:
    """(seconds at size n, seconds at size 4n), inputs built outside the timing."""
    small, large = make(n), make(4 * n)
    return best_time(lambda: work(small), runs), best_time(lambda: work(large), runs)


def grows_linearly(
    work: Callable[[Any], Any], make: Callable[[int], Any], n: int, floor: float = 0.02, runs: int = 3
) -> str:
    """Raise AssertionError when 4x the input costs more than LINEAR_BAR x the time."""
    small, large = growth(work, make, n, runs)
    ratio = large / max(small, floor)
    message = (
        f"size {n}: {small:.3f}s, size {4 * n}: {large:.3f}s, ratio {ratio:.1f} (linear ~4, quadratic ~16)"
    )
    assert ratio < LINEAR_BAR, message
    return message
