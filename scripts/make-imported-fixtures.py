#!/usr/bin/env python3
"""Writes the numpy files of Tests/LossmapConfigTests/ImportedSurfaceTests.swift with real numpy,
into Tests/LossmapConfigTests/Fixtures/imported/. The files are committed; rerun only to change
them:

    python3 scripts/make-imported-fixtures.py

Needs python3 with numpy (written with numpy 2.4). Every coordinate and loss is a dyadic
fraction, exact in binary, so the Swift test recomputes each value from the formulas below and
compares with ==, without reading numpy's output back. Both losses are lopsided in w1 and w2,
so a grid read with rows and columns swapped cannot pass.

- asymmetric.npy: the loss alone, 5 rows by 7 columns, Z[i, j] = f(w1[j], w2[i]) with
  w1 = linspace(-3, 3, 7) and w2 = linspace(0, 2, 5) (the config gives these as `w1`, `w2`),
  f(w1, w2) = (w1 - 1)^2 + 2 (w2 - 0.5)^2 + 0.25 w1 w2.
- landscape.npz: loss-landscape's array names (Li et al. 2018, its .h5 files), written as
  numpy's savez_compressed writes them: xcoordinates (7 uneven w1), ycoordinates (5 uneven
  w2) and train_loss[i, j] = g(x[j], y[i]), g(x, y) = (x - 0.25)^2 + 0.5 (y - 0.5)^2 + 0.25 x y + 1.
"""
import os

import numpy as np

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "LossmapConfigTests", "Fixtures", "imported")


def f(w1, w2):
    return (w1 - 1) ** 2 + 2 * (w2 - 0.5) ** 2 + 0.25 * w1 * w2


def g(x, y):
    return (x - 0.25) ** 2 + 0.5 * (y - 0.5) ** 2 + 0.25 * x * y + 1


def main():
    os.makedirs(FOLDER, exist_ok=True)
    w1 = np.linspace(-3, 3, 7)
    w2 = np.linspace(0, 2, 5)
    W1, W2 = np.meshgrid(w1, w2)  # rows along w2, columns along w1
    np.save(os.path.join(FOLDER, "asymmetric.npy"), f(W1, W2).astype("<f8"))

    x = np.array([-1, -0.5, -0.25, 0, 0.25, 0.5, 1], dtype="<f8")
    y = np.array([-0.5, 0, 0.5, 1, 2], dtype="<f8")
    X, Y = np.meshgrid(x, y)
    np.savez_compressed(os.path.join(FOLDER, "landscape.npz"), xcoordinates=x, ycoordinates=y, train_loss=g(X, Y))


if __name__ == "__main__":
    main()
