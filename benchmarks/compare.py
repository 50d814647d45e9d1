#!/usr/bin/env python3
"""Times `lossmap render` of the reference figure against the matplotlib script, both as
whole processes, alternating, several runs each, and reports medians, their ratio, the PNG
sizes and the peak memory (max RSS) of each. Run from the repository root after
`make release` (the static, non-PIE build whose start-up this measures):

    python3 benchmarks/compare.py [--runs 11]          # the reference still figure (PNG)
    python3 benchmarks/compare.py --animation          # the 60-frame 800x500 GIF
    python3 benchmarks/compare.py --surface            # the 3-D surface (mplot3d)

matplotlib comes from PyPI (`pip install matplotlib`); the script says so if it is missing.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def timed(cmd):
    """Wall time and max RSS (MiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far (KiB on Linux); a child that
    # is not the largest yet reports nothing new, so keep the running maximum per command.
    return elapsed, max(before, after) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=None, help="runs of each (default 11; 5 with --animation)")
    parser.add_argument("--animation", action="store_true",
                        help="compare the 60-frame 800x500 GIF (animation.toml, animation_matplotlib.py) instead")
    parser.add_argument("--surface", action="store_true",
                        help="compare the 3-D surface figure (surface.toml, surface_mplot3d.py) instead")
    parser.add_argument("--lossmap", default=os.path.join(ROOT, ".build/release/lossmap"))
    args = parser.parse_args()
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        sys.exit("matplotlib is missing: pip install matplotlib")
    if not os.path.exists(args.lossmap):
        sys.exit(f"{args.lossmap} is missing: make release")

    runs = args.runs or (5 if args.animation else 11)
    config, script, ours_name, theirs_name, kind = (
        ("animation.toml", "animation_matplotlib.py", "animation.gif", "matplotlib.gif", "GIF") if args.animation
        else ("surface.toml", "surface_mplot3d.py", "surface.png", "matplotlib.png", "PNG") if args.surface
        else ("reference.toml", "reference_matplotlib.py", "reference.png", "matplotlib.png", "PNG"))
    out = tempfile.mkdtemp(prefix="lossmap-compare-")
    ours = [args.lossmap, "render", os.path.join(HERE, config), "--output", out, "--quiet", "--force"]
    theirs = [sys.executable, os.path.join(HERE, script), os.path.join(out, theirs_name)]
    # Warm both up once (page cache, font cache), then alternate so drift hits both alike.
    subprocess.run(ours, check=True)
    subprocess.run(theirs, check=True)
    times = {"lossmap": [], "matplotlib": []}
    for _ in range(runs):
        times["lossmap"].append(timed(ours)[0])
        times["matplotlib"].append(timed(theirs)[0])
    peak = {}
    # Peak memory, measured one process at a time with /usr/bin/time-like accounting.
    for name, cmd in (("lossmap", ours), ("matplotlib", theirs)):
        pid = os.fork()
        if pid == 0:
            os.execvp(cmd[0], cmd) if name == "lossmap" else os.execv(cmd[0], cmd)
        _, _, usage = os.wait4(pid, 0)
        peak[name] = usage.ru_maxrss / 1024
    m_ours = statistics.median(times["lossmap"])
    m_theirs = statistics.median(times["matplotlib"])
    size_ours = os.path.getsize(os.path.join(out, ours_name))
    size_theirs = os.path.getsize(os.path.join(out, theirs_name))
    print(f"runs: {runs} each, alternating")
    print(f"lossmap render   median {m_ours * 1000:8.1f} ms   peak {peak['lossmap']:6.1f} MiB   {kind} {size_ours:8d} bytes")
    print(f"matplotlib       median {m_theirs * 1000:8.1f} ms   peak {peak['matplotlib']:6.1f} MiB   {kind} {size_theirs:8d} bytes")
    print(f"ratio (matplotlib / lossmap): {m_theirs / m_ours:.1f}x")


if __name__ == "__main__":
    main()
