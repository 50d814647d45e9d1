#!/usr/bin/env python3
"""The 3-D benchmark made the way people make it today: numpy and matplotlib's mplot3d. The
lesson's error surface (a linear perceptron, mean squared error on config/lecture/data/lesson.csv,
800 at W1 = 40, W2 = 10) on [-20, 60]^2 as an 80 x 80 shaded surface coloured by the loss,
with two gradient-descent paths (eta 0.01 and 0.05, 100 steps from (40, 10)) drawn at their
losses, 1600 x 1000 pixels, written as PNG. mplot3d orders whole artists, not segments, so a
path lying on the surface is drawn entirely in front of it or entirely behind it.
Usage: surface_mplot3d.py OUTPUT.png"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "config", "lecture", "data", "lesson.csv")) as f:
    # Comment lines, then the header x1,x2,y, then the rows.
    DATA = np.loadtxt([line for line in f if not line.startswith("#")][1:], delimiter=",")
X, Y = DATA[:, :2], DATA[:, 2]


def loss(w1, w2):
    errors = w1[..., None] * X[:, 0] + w2[..., None] * X[:, 1] - Y
    return (errors ** 2).mean(axis=-1)


def gradient(w):
    errors = X @ w - Y
    return 2 * (X.T @ errors) / len(Y)


def descend(rate, steps=100, start=(40.0, 10.0)):
    w = np.array(start)
    path = [w.copy()]
    for _ in range(steps):
        w = w - rate * gradient(w)
        if not np.all(np.isfinite(w)):
            break
        path.append(w.copy())
    return np.array(path)


def main(output):
    w1 = np.linspace(-20, 60, 80)
    w2 = np.linspace(-20, 60, 80)
    W1, W2 = np.meshgrid(w1, w2)
    Z = loss(W1, W2)
    fig = plt.figure(figsize=(16, 10), dpi=100)
    ax = fig.add_subplot(projection="3d")
    surface = ax.plot_surface(W1, W2, Z, cmap="viridis", rstride=1, cstride=1, linewidth=0, antialiased=True)
    for rate, color in ((0.01, "#D55E00"), (0.05, "#CC79A7")):
        path = descend(rate)
        ax.plot(path[:, 0], path[:, 1], loss(path[:, 0], path[:, 1]), "-o", color=color, markersize=3,
                label=f"η = {rate}")
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    ax.set_zlabel("loss")
    ax.set_title("The lesson's error surface")
    fig.colorbar(surface, ax=ax, shrink=0.6, label="loss")
    ax.legend()
    fig.savefig(output, dpi=100)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "surface-mplot3d.png")
