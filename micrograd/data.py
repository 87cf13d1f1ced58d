"""Small data sets for the book's training chapters, made without any download.

Taught in the chapters "Loss" and "Two moons".
"""

import math
import numbers
import random


def tiny_dataset():
    """Four examples with three features each, and a ±1 target for each.

    >>> xs, ys = tiny_dataset()
    >>> xs[0], ys
    ([2.0, 3.0, -1.0], [1.0, -1.0, -1.0, 1.0])
    """
    xs = [
        [2.0, 3.0, -1.0],
        [3.0, -1.0, 0.5],
        [0.5, 1.0, 1.0],
        [1.0, 1.0, -1.0],
    ]
    ys = [1.0, -1.0, -1.0, 1.0]
    return xs, ys


def two_moons(n=100, noise=0.1, seed=0):
    """Two interleaving half circles: ``n`` points and their labels, -1 or +1.

    The upper moon (label -1) gets ``n // 2`` points, the lower one the rest;
    Gaussian noise of standard deviation ``noise`` blurs both.

    >>> X, y = two_moons(4, noise=0.0)
    >>> [[round(c, 3) for c in p] for p in X]
    [[1.0, 0.0], [-1.0, 0.0], [0.0, 0.5], [2.0, 0.5]]
    >>> y
    [-1, -1, 1, 1]
    >>> two_moons(100, noise=-0.1)
    Traceback (most recent call last):
    ...
    ValueError: noise must be a finite number >= 0, got -0.1
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(f"n must be an int, got {type(n).__name__}: {n!r}")
    if n < 2:
        raise ValueError(f"two_moons needs n >= 2 points, got {n}")
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not 0 <= noise < math.inf:
        raise ValueError(f"noise must be a finite number >= 0, got {noise!r}")
    rng = random.Random(seed)
    n_upper = n // 2
    n_lower = n - n_upper
    X = [[math.cos(t), math.sin(t)] for t in _angles(n_upper)]
    X += [[1 - math.cos(t), 0.5 - math.sin(t)] for t in _angles(n_lower)]
    X = [[a + rng.gauss(0, noise), b + rng.gauss(0, noise)] for a, b in X]
    y = [-1] * n_upper + [1] * n_lower
    return X, y


def _angles(k):
    """``k`` angles evenly spaced from 0 to π, both ends included."""
    return [math.pi * i / max(k - 1, 1) for i in range(k)]
