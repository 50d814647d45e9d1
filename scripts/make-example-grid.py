#!/usr/bin/env python3
"""Writes config/data/landscape.npz and config/data/landscape-adam.csv, the files of
config/imported-landscape.toml: a loss landscape as a tool outside lossmap would save it
(numpy's savez_compressed, float32, coordinate arrays by name), and an optimizer's
trajectory recorded on it (Adam, as torch.optim.Adam steps, with its loss).

The surface is a made-up landscape with the features loss-landscape plots show: a narrow
valley around the trained point at (0, 0), a wider basin beside it, and a plateau. Run it
again only to change the example; its output is committed.
"""
import numpy as np

def loss(w1, w2):
    valley = 0.6 * (1 - np.exp(-(w1 ** 2 / 0.08 + w2 ** 2 / 0.5)))
    basin = -0.25 * np.exp(-((w1 + 0.9) ** 2 + (w2 - 0.6) ** 2) / 0.15)
    return 0.05 + valley + basin + 0.35 * (w1 + 0.2 * w2) ** 2 + 0.1 * np.sin(3 * w2) ** 2

def gradient(w, h=1e-6):
    # Central differences: the example's path only needs to look like a recorded run.
    e1, e2 = np.array([h, 0.0]), np.array([0.0, h])
    return np.array([(loss(*(w + e1)) - loss(*(w - e1))) / (2 * h), (loss(*(w + e2)) - loss(*(w - e2))) / (2 * h)])

# An uneven grid: finer near the trained point, as a user might sample it.
w1 = np.concatenate([np.linspace(-1.5, -0.5, 11, endpoint=False), np.linspace(-0.5, 0.5, 31, endpoint=False), np.linspace(0.5, 1.5, 11)])
w2 = np.linspace(-1.0, 1.5, 41)
W1, W2 = np.meshgrid(w1, w2)           # rows along w2, columns along w1
Z = loss(W1, W2).astype(np.float32)
np.savez_compressed("config/data/landscape.npz", w1=w1, w2=w2, loss=Z)

# Adam (Kingma & Ba 2015) from the upper right, as torch.optim.Adam(lr=0.05) steps.
w = np.array([1.3, 1.3]); m = np.zeros(2); v = np.zeros(2)
beta1, beta2, lr, eps = 0.9, 0.999, 0.05, 1e-8
rows = [(w[0], w[1], loss(*w))]
for t in range(1, 121):
    g = gradient(w)
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    w = w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps)
    rows.append((w[0], w[1], loss(*w)))
with open("config/data/landscape-adam.csv", "w") as f:
    f.write("# Adam, lr = 0.05, 120 steps, recorded on the landscape of landscape.npz\n")
    f.write("w1,w2,loss\n")
    for r in rows:
        f.write("%.6f,%.6f,%.6f\n" % r)
