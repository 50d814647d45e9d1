#!/usr/bin/env python3
"""Times numpy's vectorised evaluation of a perceptron's loss surface on a grid, the case
`lossmap bench --surfaces` times: sigmoid with cross-entropy on 1,000 points over a 400x400
grid of w1, w2 in [-3, 3], bias 0. The data are the benchmark's own (SurfaceBenchmark.
syntheticData): SplitMix64 from seed 0x9E3779B97F4A7C15, two clouds labelled 0 and 1, so
both sides evaluate the same numbers. Prints the median of --runs whole-grid evaluations and
a checksum (the sum of the grid's values) that lossmap compares with its own.

    python3 benchmarks/perceptron_numpy.py [--runs 5] [--points 1000] [--grid 400] [--json]

numpy runs on one core (its ufuncs are not threaded) but with its SIMD loops for exp and
log1p; the grid is evaluated a block of rows at a time so the temporaries stay small
(BLOCK rows x grid x points doubles), with in-place ufuncs so no time goes to allocation.
"""
import argparse
import json
import resource
import statistics
import sys
import time

try:
    import numpy as np
except ImportError:
    sys.exit("numpy is missing: pip install numpy")

MASK = (1 << 64) - 1
# Rows of the grid per block: 8 x 400 x 1000 doubles is 25.6 MB a temporary, a few of them.
BLOCK = 8


def splitmix64(seed):
    """Steele, Lea & Flood 2014, as Sources/LossmapCore/SplitMix64.swift."""
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def synthetic_classification(count):
    """SurfaceBenchmark.syntheticData(count:classification: true), value for value."""
    gen = splitmix64(0x9E3779B97F4A7C15)

    def uniform():
        return (next(gen) >> 11) / float(1 << 53)

    x1, x2, y = [], [], []
    for i in range(count):
        label = float(i % 2)
        x1.append(2 * uniform() - 1 + label)
        x2.append(2 * uniform() - 1 - label)
        y.append(label)
    return np.array(x1), np.array(x2), np.array(y)


def grid_positions(lo, hi, n):
    """Grid.evenlySpaced: lo + span * (k / (n - 1)), the last pinned to hi."""
    k = np.arange(n, dtype=np.float64)
    xs = lo + (hi - lo) * (k / (n - 1))
    xs[-1] = hi
    return xs


def evaluate(x1, x2, y, ws, bias=0.0):
    """Mean sigmoid cross-entropy softplus(z) - y*z, softplus(z) = max(z, 0) + log1p(exp(-|z|)),
    at every (w1, w2) of the grid ws x ws; row j holds w2 = ws[j]."""
    n, m = len(ws), len(y)
    out = np.empty((n, n))
    z = np.empty((BLOCK, n, m))
    t = np.empty((BLOCK, n, m))
    a = ws[None, :, None] * x1[None, None, :]           # w1 * x1, the same for every row
    for j0 in range(0, n, BLOCK):
        rows = min(BLOCK, n - j0)
        zb, tb = z[:rows], t[:rows]
        # z = w1*x1 + w2*x2 + b, summed in the order lossmap sums it.
        np.add(a, (ws[j0:j0 + rows, None, None] * x2[None, None, :]), out=zb)
        if bias != 0.0:
            zb += bias
        np.abs(zb, out=tb)
        np.negative(tb, out=tb)
        np.exp(tb, out=tb)
        np.log1p(tb, out=tb)
        tb -= y * zb
        np.maximum(zb, 0.0, out=zb)
        tb += zb
        out[j0:j0 + rows] = tb.mean(axis=2)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--grid", type=int, default=400)
    parser.add_argument("--json", action="store_true", help="one line of JSON, for lossmap bench")
    args = parser.parse_args()
    x1, x2, y = synthetic_classification(args.points)
    ws = grid_positions(-3.0, 3.0, args.grid)
    evaluate(x1, x2, y, ws[:BLOCK + 1])                  # warm-up: page in numpy's loops
    times = []
    for _ in range(max(1, args.runs)):
        start = time.perf_counter()
        grid = evaluate(x1, x2, y, ws)
        times.append(time.perf_counter() - start)
    result = {"median_seconds": statistics.median(times), "runs": len(times), "checksum": float(grid.sum()),
              "points": args.points, "grid": args.grid, "numpy": np.__version__,
              # Peak resident memory of this process (ru_maxrss is KiB on Linux, bytes on macOS).
              "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"numpy {np.__version__}: sigmoid/cross-entropy, {args.points} points, {args.grid}x{args.grid} grid: "
              f"{result['median_seconds'] * 1e3:.1f} ms median of {len(times)} runs, peak memory {result['peak_mib']:.0f} MiB "
              f"(checksum {result['checksum']!r})")


if __name__ == "__main__":
    main()
