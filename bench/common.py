"""Shared pieces of the benchmarks: timing, percentiles and the BENCH line format.

Figures are ratios against a limit measured in the same run (the raw SQL, a bare view,
COPY), because absolute times vary between runs on this machine kind.
"""

import statistics
import time
from collections.abc import Callable


def bench(name: str, value: float, unit: str) -> None:
    """Print one figure as `BENCH <name> <value> <unit>` so that runs can be compared."""
    print(f"BENCH {name} {value:.4g} {unit}", flush=True)


def timings(action: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    """Seconds per call of `action`, after `warmup` untimed calls."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
