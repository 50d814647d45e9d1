#!/usr/bin/env python3
"""The reference figure of `lossmap bench`, made the way people make it today: numpy and
matplotlib. Rosenbrock on [-2, 2] x [-1, 3], a 400 x 400 grid, 20 log-spaced levels filled
and lined, 4 gradient-descent runs of 500 steps from (-1.5, 2), a colorbar and a legend,
1600 x 1000 pixels, written as PNG. Usage: reference_matplotlib.py OUTPUT.png"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def rosenbrock(w1, w2):
    return (1 - w1) ** 2 + 100 * (w2 - w1 ** 2) ** 2


def gradient(w):
    w1, w2 = w
    return np.array([-2 * (1 - w1) - 400 * w1 * (w2 - w1 ** 2), 200 * (w2 - w1 ** 2)])


def descend(rate, steps=500, start=(-1.5, 2.0)):
    w = np.array(start)
    path = [w.copy()]
    for _ in range(steps):
        w = w - rate * gradient(w)
        if not np.all(np.isfinite(w)):
            break
        path.append(w.copy())
    return np.array(path)


def rosenbrock_grid():
    """Rosenbrock on a 400 x 400 grid over [-2, 2] x [-1, 3], and 20 levels log-spaced above
    its minimum, as lossmap's log scale spaces them."""
    w1 = np.linspace(-2, 2, 400)
    w2 = np.linspace(-1, 3, 400)
    W1, W2 = np.meshgrid(w1, w2)
    Z = rosenbrock(W1, W2)
    span = Z.max() - Z.min()
    offset = span * 1e-4
    levels = Z.min() + np.logspace(np.log10(offset), np.log10(span + offset), 22)[1:-1] - offset
    return W1, W2, Z, levels


def main(output):
    W1, W2, Z, levels = rosenbrock_grid()
    fig, ax = plt.subplots(figsize=(16, 10), dpi=100)
    filled = ax.contourf(W1, W2, Z, levels=np.concatenate([[Z.min()], levels, [Z.max()]]), cmap="viridis")
    ax.contour(W1, W2, Z, levels=levels, colors="k", linewidths=0.6, alpha=0.3)
    colors = ["#D55E00", "#CC79A7", "#E69F00", "#56B4E9"]
    for rate, color in zip([0.0001, 0.0005, 0.001, 0.0015], colors):
        path = descend(rate)
        ax.plot(path[:, 0], path[:, 1], "-o", color=color, markersize=3, label=f"η = {rate}")
    ax.plot([1], [1], "*", color="white", markeredgecolor="black", markersize=16, label="minimum")
    ax.set_xlim(-2, 2)
    ax.set_ylim(-1, 3)
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    ax.set_title("Gradient descent on Rosenbrock")
    fig.colorbar(filled, ax=ax, label="loss")
    ax.legend(loc="upper left", bbox_to_anchor=(1.25, 1))
    fig.savefig(output, dpi=100)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "reference-matplotlib.png")
