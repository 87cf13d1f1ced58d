"""Numerical derivatives, and checking the engine's gradients against them.

Taught in the chapters "Derivatives" and "Trusting gradients".
"""

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
    """
    return abs(a - b) / max(abs(a), abs(b), floor)


def gradient_check(f, args, h=1e-6):
    """Compare ``backward()`` with central differences; return the largest relative error.

    ``f`` takes and returns ``Value`` objects; for the numerical side it is
    run again on nudged copies of the inputs.

    >>> gradient_check(lambda a, b: (a * b).tanh() + a ** 3, [0.5, -1.5]) < 1e-7
    True
    """
    values = [Value(x) for x in args]
    f(*values).backward()
    numeric = partial_derivatives(lambda *xs: f(*map(Value, xs)).data, list(args), h)
    return max(relative_error(v.grad, n) for v, n in zip(values, numeric, strict=True))
