"""Numerical derivatives, and checking the engine's gradients against them.

Taught in the chapters "Derivatives: nudge the input, watch the output" and
"Trusting gradients: checking backward() against numbers"; the tensor engine's
check imports NumPy only when it runs.
"""

import math
import random

from micrograd.engine import Value


def forward_difference(f, x, h=1e-6):
    """The slope of ``f`` at ``x`` from a step forward: (f(x+h) - f(x)) / h.

    Its error shrinks in proportion to ``h``.

    >>> round(forward_difference(lambda x: x * x, 3.0, h=1e-3), 6)
    6.001
    """
    return (f(x + h) - f(x)) / h


def central_difference(f, x, h=1e-6):
    """The slope of ``f`` at ``x`` from steps both ways: (f(x+h) - f(x-h)) / 2h.

    Its error shrinks in proportion to ``h²``.

    >>> round(central_difference(lambda x: x * x, 3.0, h=1e-3), 6)
    6.0
    """
    return (f(x + h) - f(x - h)) / (2 * h)


def partial_derivatives(f, args, h=1e-6):
    """Central-difference partial derivatives of ``f(*args)``, one input at a time.

    >>> slopes = partial_derivatives(lambda a, b, c: a * b + c, [2.0, -3.0, 10.0])
    >>> [round(s, 6) for s in slopes]
    [-3.0, 2.0, 1.0]
    """
    def nudged(i):
        return lambda xi: f(*args[:i], xi, *args[i + 1:])
    return [central_difference(nudged(i), x, h) for i, x in enumerate(args)]


def relative_error(a, b, floor=1e-8):
    """``|a - b|`` scaled by the larger magnitude, so big and small numbers compare fairly.

    Below ``floor`` the scale stops shrinking: two numbers that are both
    almost zero count as close, not as wildly different.

    >>> relative_error(100.0, 101.0)
    0.009900990099009901
    >>> relative_error(1e-300, 0.0)
    1e-292

    A NaN or an infinity on either side is an infinite error: no tolerance
    accepts it, and ``max()`` over many errors cannot pass it over (a NaN
    compares false with everything, so ``max`` would keep whatever came first).

    >>> relative_error(float("nan"), 1.0), relative_error(1.0, float("inf"))
    (inf, inf)
    """
    if not (math.isfinite(a) and math.isfinite(b)):
        return math.inf
    return abs(a - b) / max(abs(a), abs(b), floor)


def gradient_check(f, args, h=1e-6):
    """Compare ``backward()`` with central differences; return the largest relative error.

    ``f`` takes and returns ``Value`` objects; for the numerical side it is
    run again on nudged copies of the inputs.

    >>> gradient_check(lambda a, b: (a * b).tanh() + a ** 3, [0.5, -1.5]) < 1e-7
    True
    >>> gradient_check(lambda a: a * a, [3.0], h=0)
    Traceback (most recent call last):
    ...
    ValueError: h must be a positive finite step, got 0
    """
    if not args:
        raise ValueError("gradient_check needs at least one argument to check, got none")
    if not 0 < h < math.inf:
        raise ValueError(f"h must be a positive finite step, got {h!r}")
    values = [Value(x) for x in args]
    f(*values).backward()
    numeric = partial_derivatives(lambda *xs: f(*map(Value, xs)).data, list(args), h)
    return max(relative_error(v.grad, n) for v, n in zip(values, numeric, strict=True))


def directional_derivative(f, args, direction, h=1e-6):
    """The slope of ``f(*args)`` along ``direction``, by one central difference.

    It measures how fast ``f`` changes when every input moves at once, input
    ``i`` at the speed ``direction[i]``: two calls of ``f``, however many
    inputs it has. The inputs may be numbers or NumPy arrays.

    >>> round(directional_derivative(lambda a, b: a * b, [2.0, -3.0], [1.0, 1.0]), 6)
    -1.0
    """
    def moved(t):
        return f(*(x + t * d for x, d in zip(args, direction, strict=True)))
    return central_difference(moved, 0.0, h)


def directional_check(f, args, h=1e-6, seed=0):
    """Compare ``backward()`` with the slope along a random direction; return the relative error.

    The engine's gradient predicts the slope along a direction ``d`` as
    ``grad · d``; one central difference measures it. The cost is one backward
    pass and two forward passes, whatever the number of inputs.

    >>> directional_check(lambda a, b: (a * b).tanh() + a ** 3, [0.5, -1.5]) < 1e-7
    True
    """
    rng = random.Random(seed)
    direction = [rng.gauss(0.0, 1.0) for _ in args]
    values = [Value(x) for x in args]
    f(*values).backward()
    predicted = sum(v.grad * d for v, d in zip(values, direction, strict=True))
    measured = directional_derivative(lambda *xs: f(*map(Value, xs)).data, args, direction, h)
    return relative_error(predicted, measured)


def tensor_directional_check(f, arrays, h=1e-6, seed=0):
    """``directional_check`` for the tensor engine: ``f`` takes Tensors and returns one number.

    The direction is a random array of each input's shape, and ``grad · d``
    sums the products of all their entries.

    >>> import numpy as np
    >>> f = lambda w, x: (x @ w).tanh().sum()
    >>> tensor_directional_check(f, [np.ones((3, 2)), np.eye(3)]) < 1e-7
    True
    """
    import numpy as np  # here, so that the scalar engine never needs NumPy

    from micrograd.tensor import Tensor

    rng = np.random.default_rng(seed)
    arrays = [np.asarray(a, dtype=np.float64) for a in arrays]
    direction = [rng.standard_normal(a.shape) for a in arrays]
    tensors = [Tensor(a, requires_grad=True) for a in arrays]
    f(*tensors).backward()
    predicted = sum(float(np.sum(t.grad * d)) for t, d in zip(tensors, direction, strict=True))
    measured = directional_derivative(lambda *xs: f(*map(Tensor, xs)).data.item(), arrays,
                                      direction, h)
    return relative_error(predicted, measured)


def forward_reverse_check(f, args, seed=0):
    """Compare ``backward()`` with forward mode along a random direction; return the relative error.

    Reverse mode predicts the slope along ``d`` as ``grad · d``; ``jvp``
    computes the same slope by one forward sweep. No step size is involved,
    so the two agree to rounding, even at a kink, where both take the slope
    ``backward()`` uses and a finite difference straddles the corner.

    >>> forward_reverse_check(lambda a, b: (a * b).tanh() + a ** 3, [0.5, -1.5]) < 1e-15
    True
    >>> forward_reverse_check(lambda a: a.relu(), [0.0])  # a corner: exact agreement
    0.0
    """
    from micrograd.forward import jvp  # forward mode is taught after this module

    rng = random.Random(seed)
    direction = [rng.gauss(0.0, 1.0) for _ in args]
    values = [Value(x) for x in args]
    f(*values).backward()
    reverse = sum(v.grad * d for v, d in zip(values, direction, strict=True))
    _, forward = jvp(f, list(args), direction)
    return relative_error(reverse, forward)
