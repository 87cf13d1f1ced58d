"""Derivatives of derivatives: a backward pass that records its own graph.

Taught in the chapter "Forward mode and derivatives of derivatives".
``backward()`` multiplies plain numbers, so the gradients it leaves behind
cannot be differentiated again. Here every local derivative is itself built
from ``Value`` operations on the node's inputs (``local_derivatives``), and
``recorded_gradients`` adds up the chain rule with ``Value`` operations too, so each
gradient is a ``Value`` with a graph of its own, as PyTorch's
``backward(create_graph=True)`` gives. ``grad`` wraps this as a function
transformation that nests.
"""

import math
from contextlib import contextmanager

from micrograd.engine import Value, as_value
from micrograd.graph import topological_order

_running = []  # one entry for each grad or jvp that is evaluating its function now


def local_derivatives(node):
    """The derivative of ``node`` with respect to each of its inputs, as differentiable Values.

    They equal the numbers that ``backward()`` uses, but are written with the
    package's operations on the inputs (or on ``node`` itself, where that is
    shorter), so a derivative of them can be taken in turn. A ReLU's slope is
    a step, 0 or 1, whose own slope is 0: it stays a plain number.

    >>> from micrograd.higher import local_derivatives
    >>> x = Value(3.0)
    >>> [d.data for d in local_derivatives(x ** 2)]
    [6.0]
    >>> y = x.exp()
    >>> local_derivatives(y)[0] is y
    True
    """
    op, inputs = node._op, node._prev
    match op:
        case "+" | "copy":
            return (1.0,) * len(inputs)
        case "*":
            a, b = inputs
            return (b, a)
        case "/":
            a, b = inputs
            return (1 / b, -node / b)
        case "exp":
            return (node,)
        case "log":
            return (1 / inputs[0],)
        case "tanh":
            return (1 - node * node,)
        case "sigmoid":
            return (node * (1 - node),)
        case "softplus":  # log(1 + eᶻ), of binary_cross_entropy
            return (inputs[0].sigmoid(),)
        case "ReLU":
            return node._local_grads
        case "Σwx":
            k = len(inputs) // 2
            return (*inputs[k:2 * k], *inputs[:k], 1.0)
    if op.endswith("**"):  # a constant base c: d/dx cˣ = cˣ · ln c
        return (node * math.log(float(op[:-2])),)
    if op.startswith("**"):
        n = float(op[2:])
        return (n * inputs[0] ** (n - 1) if n else 0.0,)
    raise ValueError(f"no differentiable local derivative for the operation {op!r}; "
                     f"add a case for it to local_derivatives")


def nodes_between(out, inputs):
    """The nodes of ``out``'s graph that lie on a path to one of ``inputs``, inputs first.

    Only these carry a derivative of ``out`` with respect to the inputs; the
    walk does not go past an input.

    >>> from micrograd.higher import nodes_between
    >>> a, b = Value(1.0), Value(2.0)
    >>> c = a * a
    >>> len(nodes_between(c + b, [a]))
    3
    """
    targets = set(inputs)
    on_path = set()
    for node in topological_order(out):
        if node in targets or any(child in on_path for child in node._prev):
            on_path.add(node)
    return [node for node in topological_order(out) if node in on_path]


def recorded_gradients(out, inputs):
    """d out / d x for each ``x`` in ``inputs``, as Values that record how they were computed.

    The same chain rule as ``backward()``, run with ``Value`` operations, so
    that each gradient can be differentiated again: ``recorded_gradients`` of a
    gradient is a second derivative. Nothing is written to ``.grad``.

    >>> x = Value(2.0)
    >>> (dy,) = recorded_gradients(x ** 3, [x])
    >>> dy.data
    12.0
    >>> (d2y,) = recorded_gradients(dy, [x])
    >>> d2y.data
    12.0
    """
    path = nodes_between(out, inputs)
    on_path, targets = set(path), set(inputs)
    grads = {out: Value(1.0)}
    for node in reversed(path):
        if node in targets:
            continue  # the derivative stops at an input
        for child, local in zip(node._prev, local_derivatives(node), strict=True):
            if child in on_path:
                step = times(local, grads[node])
                grads[child] = grads[child] + step if child in grads else step
    return [grads.get(x, Value(0.0)) for x in inputs]


def times(local, v):
    """``local * v``, skipping the multiplication by a local derivative of exactly 1.

    >>> from micrograd.higher import times
    >>> v = Value(2.0)
    >>> times(1.0, v) is v, times(3.0, v).data
    (True, 6.0)
    """
    return v if isinstance(local, float) and local == 1.0 else local * v


def grad(f, argnum=0):
    """The function that returns ∂f/∂(argument ``argnum``) at its arguments.

    Called with plain numbers it returns a float; called with Values, or
    inside another ``grad`` or ``jvp``, it returns a ``Value`` that can be
    differentiated again, so ``grad`` nests.

    >>> grad(lambda x: x ** 3)(2.0)
    12.0
    >>> grad(grad(lambda x: x ** 3))(2.0)
    12.0
    >>> grad(lambda x, y: x * y, argnum=1)(3.0, 4.0)
    3.0
    """
    if isinstance(argnum, bool) or not isinstance(argnum, int):
        raise TypeError(f"argnum must be the position of an argument, an int, "
                        f"got {type(argnum).__name__}: {argnum!r}")

    def derivative(*args):
        if not -len(args) <= argnum < len(args):
            raise IndexError(f"grad(f, argnum={argnum}) needs an argument number {argnum}, "
                             f"but was called with {len(args)} arguments")
        inputs = fresh_inputs(args)
        (slope,) = recorded_gradients(evaluate(f, inputs), [inputs[argnum]])
        return plain_if_outermost(slope, args)
    return derivative


def fresh_inputs(args):
    """One new node per argument, for a transformation to differentiate with respect to.

    A number becomes a leaf. A Value becomes a ``copy`` node whose slope to it
    is 1, so that derivatives computed here still lead back to it, and two
    arguments that are one Value stay two inputs.

    >>> from micrograd.higher import fresh_inputs
    >>> x = Value(2.0)
    >>> a, b = fresh_inputs([x, 3.0])
    >>> a._prev == (x,), a._op, b._prev
    (True, 'copy', ())
    """
    return [Value(a.data, (a,), "copy", (1.0,)) if isinstance(a, Value) else Value(a)
            for a in args]


def evaluate(f, inputs):
    """``f(*inputs)`` as a Value, noting meanwhile that a transformation is running.

    >>> from micrograd.higher import evaluate
    >>> evaluate(lambda x: 5, [Value(1.0)])
    Value(data=5.0, grad=0.0)
    """
    with _transforming():
        out = f(*inputs)
    if isinstance(out, (list, tuple)) or hasattr(out, "shape"):
        raise TypeError(f"grad and jvp need a function that returns one number, "
                        f"got {type(out).__name__}")
    return as_value(out)


def plain_if_outermost(v, args):
    """A float when called with plain numbers from outside any transformation, else the Value.

    Inside another ``grad`` or ``jvp`` the Value must stay: the function may
    depend on the outer transformation's inputs even when its own arguments
    are plain numbers.

    >>> from micrograd.higher import plain_if_outermost
    >>> plain_if_outermost(Value(2.0), [1.0]), plain_if_outermost(Value(2.0), [Value(1.0)])
    (2.0, Value(data=2.0, grad=0.0))
    """
    if _running or any(isinstance(a, Value) for a in args):
        return v
    return v.data


@contextmanager
def _transforming():
    _running.append(True)
    try:
        yield
    finally:
        _running.pop()
