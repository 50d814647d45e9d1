#!/usr/bin/env python3
"""The animation benchmark made the way matplotlib users make it: FuncAnimation and
PillowWriter. Rosenbrock on [-2, 2] x [-1, 3], a 400 x 400 grid, 20 log-spaced levels filled
and lined, 4 gradient-descent runs from (-1.5, 2), the paths growing 8 steps a frame over 60
frames, a colorbar and a legend, 800 x 500 pixels, 10 frames a second, written as a GIF.
Usage: animation_matplotlib.py OUTPUT.gif"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.animation import FuncAnimation, PillowWriter  # noqa: E402

# The surface and the descent are the reference figure's (same folder).
from reference_matplotlib import descend, rosenbrock_grid  # noqa: E402

FRAMES = 60
STEPS_PER_FRAME = 8


def main(output):
    W1, W2, Z, levels = rosenbrock_grid()
    fig, ax = plt.subplots(figsize=(8, 5), dpi=100)
    filled = ax.contourf(W1, W2, Z, levels=np.concatenate([[Z.min()], levels, [Z.max()]]), cmap="viridis")
    ax.contour(W1, W2, Z, levels=levels, colors="k", linewidths=0.6, alpha=0.3)
    colors = ["#D55E00", "#CC79A7", "#E69F00", "#56B4E9"]
    steps = (FRAMES - 1) * STEPS_PER_FRAME
    paths = [descend(rate, steps) for rate in [0.0001, 0.0005, 0.001, 0.0015]]
    lines = [ax.plot([], [], "-o", color=c, markersize=2, label=f"η = {r}")[0]
             for c, r in zip(colors, [0.0001, 0.0005, 0.001, 0.0015])]
    balls = [ax.plot([], [], "o", color=c, markersize=8, markeredgecolor="white")[0] for c in colors]
    ax.plot([1], [1], "*", color="white", markeredgecolor="black", markersize=12, label="minimum")
    counter = ax.text(0.98, 0.97, "", transform=ax.transAxes, ha="right", va="top",
                      bbox=dict(facecolor="white", alpha=0.85, edgecolor="none"))
    ax.set_xlim(-2, 2)
    ax.set_ylim(-1, 3)
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    ax.set_title("Gradient descent on Rosenbrock")
    fig.colorbar(filled, ax=ax, label="loss")
    ax.legend(loc="upper left", bbox_to_anchor=(1.3, 1), fontsize=7)
    fig.tight_layout()

    def update(frame):
        k = frame * STEPS_PER_FRAME
        for line, ball, path in zip(lines, balls, paths):
            shown = path[: k + 1]
            line.set_data(shown[:, 0], shown[:, 1])
            ball.set_data([shown[-1, 0]], [shown[-1, 1]])
        counter.set_text(f"step {k} of {steps}")
        return lines + balls + [counter]

    animation = FuncAnimation(fig, update, frames=FRAMES, blit=False)
    animation.save(output, writer=PillowWriter(fps=10), dpi=100)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "animation-matplotlib.gif")
