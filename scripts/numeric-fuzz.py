#!/usr/bin/env python3
"""Mutated numeric configs through `lossmap check` and `lossmap render` (issue 13).

Each config is one of a few small templates (a formula, a built-in, a perceptron on inline
points, a sweep, a grid of maps, a loss curve) with one to four keys set to numbers at the
limits of a double: ±1e308, the largest double, subnormals (1e-320, 5e-324), 2^53 and its
neighbours, ranges a few ulps wide, nan and inf, and random magnitudes from 1e-324 to 1e308,
plus titles and labels with characters that renderers refuse (noncharacters, NUL escapes).

For every config it asserts what the issue asks of the tool:
  - neither command exits with anything but 0 (fine) or 1 (a clean error): a Swift runtime
    trap exits 132 (SIGILL), a crash 134/139, a kill by the timeout is reported too;
  - a config that `check` accepts renders (`render` exits 0): the two never disagree.

Usage:
  scripts/numeric-fuzz.py [--count N] [--seed S] [--jobs J] [--binary PATH] [--keep DIR]

The binary defaults to .build/debug/lossmap (build it first, or pass --binary). Failing configs
are copied into --keep (default: a temporary folder, printed) with the commands' output.
Exits 0 when every config held both promises, 1 otherwise. Deterministic for a given seed.
"""

import argparse
import concurrent.futures
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

LARGEST = 1.7976931348623157e308
TWO53 = float(2 ** 53)

# Numbers chosen where doubles misbehave: overflow of a span or a product (1e308, the largest
# double), gradual underflow (the subnormals 1e-310, 1e-320, 5e-324, the smallest), the end
# of exact integers (2^53, where x + 1 == x), square roots of the extremes (1e154, 1e-154,
# whose squares overflow or underflow) and the non-finite values TOML can write.
EXTREMES = [
    0.0, -0.0, 1.0, -1.0, 0.5,
    1e308, -1e308, LARGEST, -LARGEST, 1e307, 1e306, 1e300, -1e300,
    1e-300, 2.2250738585072014e-308, 1e-310, 1e-320, 5e-324, -5e-324, -1e-320,
    TWO53, TWO53 + 2, -TWO53, 1e16, 1e-16, 1e154, 1e-154, 1e200, 1e-200,
    math.nan, math.inf, -math.inf,
]


def extreme(rng):
    """A number at a limit, or a random magnitude anywhere in the doubles' range."""
    if rng.random() < 0.6:
        return rng.choice(EXTREMES)
    magnitude = 10 ** rng.uniform(-323, 308.2)
    return magnitude if rng.random() < 0.5 else -magnitude


def toml_float(x):
    """A TOML float: nan and inf spelt as TOML spells them, others round-tripping exactly."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = repr(float(x))
    return text if any(c in text for c in ".en") else text + ".0"


def toml_string(s):
    """A basic TOML string; characters outside printable ASCII as \\uXXXX / \\UXXXXXXXX escapes."""
    out = []
    for ch in s:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        elif code <= 0xFFFF:
            out.append("\\u%04X" % code)
        else:
            out.append("\\U%08X" % code)
    return '"' + "".join(out) + '"'


def few_ulps(rng, x):
    """A range from x to a few ulps above it."""
    hi = x
    for _ in range(rng.randint(1, 12)):
        hi = math.nextafter(hi, math.inf)
    return [x, hi]


def extreme_range(rng):
    kind = rng.random()
    if kind < 0.3:
        return few_ulps(rng, rng.choice([0.0, 1.0, -1.0, 1e300, 1e-300, TWO53, 5e-324, 1e-320]))
    if kind < 0.5:
        lo = rng.choice([0.0, -1.0, -10.0])
        return [lo, extreme(rng)]
    a, b = extreme(rng), extreme(rng)
    return [min(a, b), max(a, b)] if rng.random() < 0.9 else [a, b]


# Text Cairo may refuse: noncharacters (U+FFFF, U+FDD0…U+FDEF, U+1FFFE), NUL and other
# controls, a lone combining mark, a very long line, bidirectional controls.
TEXTS = [
    "\uFFFF", "a\uFFFEb", "\uFDD0", "\uFDEF end", "\U0001FFFE", "\U0010FFFF", "x\u0000y",
    "\u0007bell", "\u0301", "W" * 3000, "\u202Eright to left", "tab\there", "line\nbreak",
    "η = 1e308", "",
]


def template(rng):
    """A small valid config as a dict of sections; numbers are then mutated in place."""
    choice = rng.choice(["expression", "builtin", "perceptron", "sweep", "grid", "curve"])
    top = {"title": "numeric edge", "size": [320, 240]}
    surface = {"resolution": rng.choice([8, 16, 24, 40])}
    optimizer = {"steps": rng.choice([5, 20, 60]), "learning_rates": [0.1]}
    extra = {}
    coefficient = toml_float(extreme(rng)) if rng.random() < 0.5 else "1.0"
    if choice in ("expression", "grid", "curve"):
        form = rng.choice([
            "c * (w1^2 + w2^2)", "w1^2 + c * w2^2", "c", "c * w1 + w2^2", "exp(c * w1) + w2^2",
            "c * abs(w1) + abs(w2)", "log(c + w1^2 + w2^2)", "sqrt(c * (w1^2 + w2^2))",
            "(w1 - c)^2 + w2^2", "c / (1 + w1^2 + w2^2)",
        ])
        surface["expression"] = form.replace("c", "(" + coefficient + ")")
        surface["w1"] = [-2.0, 2.0]
        surface["w2"] = [-2.0, 2.0]
        optimizer["start"] = [1.5, -1.0]
        if choice == "grid":
            top["layout"] = "grid"
            optimizer["learning_rates"] = [0.01, 0.1, 0.5]
        if choice == "curve":
            top["loss_curve"] = True
            optimizer["learning_rates"] = [0.01, 1.5]
    elif choice == "builtin":
        surface["function"] = rng.choice(["quadratic", "rosenbrock", "himmelblau", "beale", "booth",
                                          "saddle", "rastrigin", "six-hump-camel"])
    else:
        surface["model"] = "perceptron"
        surface["points"] = [[1.0, 0.0, 2.0], [0.0, 1.0, 1.0], [1.0, 1.0, 2.5]]
        if choice == "sweep":
            top["kind"] = "sweep"
            extra["sweep"] = {"from": 1e-4, "to": 1.0, "count": rng.choice([2, 10, 30])}
            optimizer = {"steps": 20, "start": [0.0, 0.0]}
    return choice, {"top": top, "surface": surface, "optimizer": optimizer, **extra}


def mutate(rng, config):
    """Sets one to four keys to extreme values."""
    top, surface, optimizer = config["top"], config["surface"], config["optimizer"]
    mutators = [
        lambda: surface.__setitem__("w1", extreme_range(rng)),
        lambda: surface.__setitem__("w2", extreme_range(rng)),
        lambda: (surface.__setitem__("w1", extreme_range(rng)), surface.__setitem__("w2", extreme_range(rng))),
        lambda: surface.__setitem__("levels", rng.choice([1, 2, 3, 20, 200])),
        lambda: surface.__setitem__("levels", sorted(extreme(rng) for _ in range(rng.randint(1, 4)))),
        lambda: surface.__setitem__("level_scale", rng.choice(["linear", "log", "quantile"])),
        lambda: surface.__setitem__("resolution", rng.choice([8, 9, 64, 2 ** 53, -1, 0])),
        lambda: optimizer.__setitem__("learning_rates", [abs(extreme(rng)) for _ in range(rng.randint(1, 3))]),
        lambda: optimizer.__setitem__("start", [extreme(rng), extreme(rng)]),
        lambda: optimizer.__setitem__("steps", rng.choice([1, 2, 300, 2 ** 53])),
        lambda: optimizer.__setitem__("method", rng.choice(["momentum", "nesterov", "adagrad", "rmsprop", "adam"])),
        lambda: optimizer.__setitem__("gradient_tolerance", abs(extreme(rng))),
        lambda: optimizer.__setitem__("loss_change_tolerance", abs(extreme(rng))),
        lambda: top.__setitem__("size", [rng.choice([16, 17, 40, 320, 2 ** 53]), rng.choice([16, 17, 40, 240])]),
        lambda: top.__setitem__("scale", rng.choice([0.25, 0.3, 1.0, 8.0, 1e-320, 1e308])),
        lambda: top.__setitem__("aspect", rng.choice(["equal", "auto"])),
        lambda: top.__setitem__("loss_curve", True),
        lambda: top.__setitem__("layout", "grid"),
        lambda: top.__setitem__("title", rng.choice(TEXTS)),
        lambda: top.__setitem__("subtitle", rng.choice(TEXTS)),
        lambda: top.__setitem__("footnote", rng.choice(TEXTS)),
        lambda: config.setdefault("marker", {"at": [0.0, 0.0]}).__setitem__("at", [extreme(rng), extreme(rng)]),
        lambda: config.setdefault("marker", {"at": [0.0, 0.0]}).__setitem__("label", rng.choice(TEXTS)),
        lambda: config.setdefault("run", {}).__setitem__("label", rng.choice(TEXTS)),
        lambda: surface.__setitem__("contour_labels", True),
        lambda: (optimizer.__setitem__("relative_to", "critical"),
                 optimizer.__setitem__("learning_rates", [abs(extreme(rng)), 0.5])),
        lambda: optimizer.__setitem__("learning_rates", [rng.choice([0.5, 1.9, 2.0, 2.1, 1e3, 1e150, 1e300])]),
        lambda: top.__setitem__("critical_rate", rng.random() < 0.5),
    ]
    if "model" in surface:
        mutators += [
            lambda: surface.__setitem__("points", [[extreme(rng), extreme(rng), extreme(rng)] for _ in range(rng.randint(1, 4))]),
            lambda: surface.__setitem__("minimum", [extreme(rng), extreme(rng)]),
            lambda: surface.__setitem__("bias", extreme(rng)),
            lambda: surface.__setitem__("activation", rng.choice(["linear", "sigmoid", "tanh", "relu"])),
            lambda: surface.__setitem__("loss", rng.choice(["mse", "cross-entropy", "mae"])),
            lambda: (surface.pop("w1", None), surface.pop("w2", None)),
        ]
    if "sweep" in config:
        mutators += [
            lambda: (optimizer.__setitem__("relative_to", "critical"),
                     config["sweep"].__setitem__("from", abs(extreme(rng))), config["sweep"].__setitem__("to", 1e308)),
            lambda: config["sweep"].__setitem__("from", abs(extreme(rng))),
            lambda: config["sweep"].__setitem__("to", abs(extreme(rng))),
        ]
    for _ in range(rng.randint(1, 4)):
        rng.choice(mutators)()
    # A run section needs a learning rate of its own when [optimizer] has only a list.
    if "run" in config and config["top"].get("kind") != "sweep":
        config["run"].setdefault("learning_rate", 0.05)


def value_text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return toml_float(v)
    if isinstance(v, str):
        return toml_string(v)
    return "[" + ", ".join(value_text(x) for x in v) + "]"


def toml_text(config):
    lines = [f"{k} = {value_text(v)}" for k, v in config["top"].items()]
    for section in ("surface", "optimizer", "sweep"):
        if section in config:
            lines.append(f"\n[{section}]")
            lines += [f"{k} = {value_text(v)}" for k, v in config[section].items()]
    for section in ("run", "marker"):
        if section in config:
            lines.append(f"\n[[{section}]]")
            lines += [f"{k} = {value_text(v)}" for k, v in config[section].items()]
    return "\n".join(lines) + "\n"


def run_one(binary, folder, index, text, timeout):
    """Runs check, then render when check accepts; returns (index, outcome, details)."""
    case = os.path.join(folder, f"case{index:05d}")
    os.makedirs(case)
    path = os.path.join(case, "fig.toml")
    with open(path, "w", encoding="utf-8", errors="surrogatepass") as f:
        f.write(text)
    env = dict(os.environ, SWIFT_BACKTRACE="enable=no")

    def run(*args):
        try:
            p = subprocess.run([binary, *args], cwd=case, env=env, capture_output=True, timeout=timeout)
            return p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            return "timeout", ""

    check_rc, check_out = run("check", "--quiet", "fig.toml")
    if check_rc not in (0, 1):
        return index, "check-crash", f"check exited {check_rc}\n{check_out[-2000:]}"
    if check_rc == 1:
        return index, "refused", ""
    render_rc, render_out = run("render", "--quiet", "--jobs", "1", "--output", "out", "fig.toml")
    if render_rc == 0:
        return index, "rendered", ""
    if render_rc == 1:
        return index, "disagree", f"check accepted, render failed:\n{render_out[-2000:]}"
    return index, "render-crash", f"render exited {render_rc}\n{render_out[-2000:]}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", ".build", "debug", "lossmap"))
    parser.add_argument("--keep", help="folder for failing configs (default: a new temporary folder)")
    args = parser.parse_args()

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no lossmap binary at {binary}: build it, or pass --binary")
    rng = random.Random(args.seed)
    cases = []
    for _ in range(args.count):
        kind, config = template(rng)
        mutate(rng, config)
        cases.append((kind, toml_text(config)))

    work = tempfile.mkdtemp(prefix="lossmap-numeric-fuzz-")
    keep = args.keep or tempfile.mkdtemp(prefix="lossmap-numeric-findings-")
    os.makedirs(keep, exist_ok=True)
    counts = {}
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_one, binary, work, i, text, args.timeout) for i, (_, text) in enumerate(cases)]
        for future in concurrent.futures.as_completed(futures):
            index, outcome, details = future.result()
            counts[outcome] = counts.get(outcome, 0) + 1
            if outcome not in ("rendered", "refused"):
                failures.append(index)
                name = os.path.join(keep, f"{outcome}-{index:05d}")
                with open(name + ".toml", "w", encoding="utf-8") as f:
                    f.write(cases[index][1])
                with open(name + ".txt", "w", encoding="utf-8") as f:
                    f.write(details)
    shutil.rmtree(work, ignore_errors=True)

    accepted = counts.get("rendered", 0) + counts.get("disagree", 0) + counts.get("render-crash", 0)
    print(f"configs tried: {args.count} (seed {args.seed})")
    print(f"refused by check: {counts.get('refused', 0)}")
    print(f"accepted by check: {accepted}")
    print(f"rendered: {counts.get('rendered', 0)}")
    for outcome in ("check-crash", "render-crash", "disagree"):
        print(f"{outcome}: {counts.get(outcome, 0)}")
    if failures:
        print(f"failing configs and their output: {keep}")
        return 1
    shutil.rmtree(keep, ignore_errors=True) if not args.keep else None
    return 0


if __name__ == "__main__":
    sys.exit(main())
