"""The scalar ``Value`` and its reverse-mode automatic differentiation.

Taught in the chapters "The Value object", "The chain rule, by hand",
"Topological order and backward()" and "Backward through each operation".
Each operation computes its result and records, next to the inputs, the
*local derivative* of the result with respect to each input. ``backward()``
then needs only one rule, the chain rule: a node passes ``local derivative *
its own grad`` to each input.

Storing numbers instead of a closure per node keeps every node free of
reference cycles, so reference counting alone frees a graph.
"""

import functools
import math
import numbers
import operator
import sys

from micrograd.graph import topological_order

_LARGEST_EXP = math.log(sys.float_info.max)  # e ** x overflows a float beyond this


class Value:
    """A scalar that remembers how it was computed, so it can be differentiated.

    ``Value(data)`` makes a leaf. Operations make the other nodes with
    ``Value(result, inputs, op, local_grads)``: one local derivative per input.

    >>> a = Value(2.0, label="a")
    >>> b = Value(-3.0, label="b")
    >>> c = a * b + a
    >>> c
    Value(data=-4.0, grad=0.0)
    >>> c.backward()
    >>> a.grad, b.grad
    (-2.0, 2.0)
    """

    __slots__ = ("data", "grad", "label", "_prev", "_op", "_local_grads")
    __array_ufunc__ = None  # NumPy hands `array * Value` to Value, which refuses the array

    def __init__(self, data, _children=(), _op="", _local_grads=(), label=""):
        if type(data) is not float or len(_children) != len(_local_grads):
            data = _checked_data(data, _children, _local_grads)
        self.data = data
        self.grad = 0.0
        self.label = label
        self._prev = tuple(_children)
        self._op = _op
        self._local_grads = _local_grads

    def __repr__(self):
        """Show the number and its gradient.

        >>> Value(1.5)
        Value(data=1.5, grad=0.0)
        """
        return f"Value(data={self.data!r}, grad={self.grad!r})"

    def __add__(self, other):
        """``self + other``: both local derivatives are 1.

        >>> Value(2.0) + 3
        Value(data=5.0, grad=0.0)
        """
        other = as_value(other)
        return Value(self.data + other.data, (self, other), "+", (1.0, 1.0))

    def __mul__(self, other):
        """``self * other``: each input's local derivative is the *other* input.

        >>> Value(2.0) * Value(-4.0)
        Value(data=-8.0, grad=0.0)
        """
        other = as_value(other)
        return Value(self.data * other.data, (self, other), "*", (other.data, self.data))

    def __pow__(self, exponent):
        """``self ** exponent`` for a constant exponent: d/dx xⁿ = n·xⁿ⁻¹.

        x⁰ is the constant 1, with slope 0 everywhere, even at 0.

        >>> Value(3.0) ** 2
        Value(data=9.0, grad=0.0)
        >>> Value(0.0) ** 0
        Value(data=1.0, grad=0.0)

        Powers without a slope (``_checked_exponent``, below), or too large
        for a float, raise an error.
        """
        x, n = self.data, _checked_exponent(self.data, exponent)
        try:
            data = x ** n
        except OverflowError:
            raise OverflowError(f"Value({x!r}) ** {n!r} is too large for a float") from None
        return Value(data, (self,), f"**{n}", (_power_slope(x, n, data),))

    def exp(self):
        """``e ** self``: the exponential is its own derivative.

        >>> Value(0.0).exp()
        Value(data=1.0, grad=0.0)
        """
        e = math.exp(_checked_exp(self.data))
        return Value(e, (self,), "exp", (e,))

    def log(self):
        """Natural logarithm: d/dx ln x = 1/x.

        >>> Value(1.0).log()
        Value(data=0.0, grad=0.0)
        >>> Value(0.0).log()
        Traceback (most recent call last):
        ...
        ValueError: log needs a positive Value, got 0.0
        """
        x = self.data
        if x <= 0:
            raise ValueError(f"log needs a positive Value, got {x!r}")
        return Value(math.log(x), (self,), "log", (1.0 / x,))

    def tanh(self):
        """Hyperbolic tangent: d/dx tanh x = 1 - tanh² x.

        ``math.tanh`` saturates at ±1 for large inputs instead of overflowing.

        >>> Value(0.0).tanh()
        Value(data=0.0, grad=0.0)
        >>> Value(1000.0).tanh()
        Value(data=1.0, grad=0.0)
        """
        t = math.tanh(self.data)
        return Value(t, (self,), "tanh", (1.0 - t * t,))

    def sigmoid(self):
        """Logistic sigmoid 1 / (1 + e⁻ˣ): d/dx σ(x) = σ(x)·(1 - σ(x)).

        >>> Value(0.0).sigmoid()
        Value(data=0.5, grad=0.0)
        >>> Value(-1000.0).sigmoid()
        Value(data=0.0, grad=0.0)
        """
        s = _logistic(self.data)
        return Value(s, (self,), "sigmoid", (s * (1.0 - s),))

    def relu(self):
        """Rectified linear unit max(0, x): slope 1 for x > 0, else 0.

        A NaN comes out as NaN, so a network that has diverged cannot hide it.

        >>> Value(-2.0).relu(), Value(3.0).relu()
        (Value(data=0.0, grad=0.0), Value(data=3.0, grad=0.0))
        >>> Value(float("nan")).relu()
        Value(data=nan, grad=0.0)
        """
        keep = not self.data <= 0  # NaN fails every comparison, so it passes, as in PyTorch
        return Value(self.data if keep else 0.0, (self,), "ReLU", (1.0 if keep else 0.0,))

    def __neg__(self):
        """``-self``, as ``self * -1``.

        >>> -Value(2.0)
        Value(data=-2.0, grad=0.0)
        """
        return self * -1

    def __sub__(self, other):
        """``self - other``, as ``self + (-other)``.

        >>> Value(5.0) - 2
        Value(data=3.0, grad=0.0)
        """
        return self + (-as_value(other))

    def __truediv__(self, other):
        """``self / other``: d/da (a/b) = 1/b and d/db (a/b) = -a/b², written -(a/b)/b.

        Dividing directly rounds once, so ``x / x`` is exactly 1, and writing
        -a/b² as -(a/b)/b never squares b, which could overflow or underflow
        even when the quotient is an ordinary float.

        >>> Value(1.0) / 4
        Value(data=0.25, grad=0.0)
        >>> Value(49.0) / 49
        Value(data=1.0, grad=0.0)
        """
        other = as_value(other)
        a, b = self.data, other.data
        q = _checked_quotient(a, b)
        return Value(q, (self, other), "/", (1.0 / b, -q / b))

    def __radd__(self, other):
        """``other + self`` when ``other`` is a plain number, as in ``sum([...])``.

        >>> 2 + Value(1.0)
        Value(data=3.0, grad=0.0)
        """
        return self + other

    def __rmul__(self, other):
        """``other * self`` when ``other`` is a plain number.

        >>> 2 * Value(1.5)
        Value(data=3.0, grad=0.0)
        """
        return self * other

    def __rsub__(self, other):
        """``other - self``: the plain number comes first.

        >>> 5 - Value(2.0)
        Value(data=3.0, grad=0.0)
        """
        return as_value(other) - self

    def __rtruediv__(self, other):
        """``other / self``: the plain number is the numerator.

        >>> 1 / Value(4.0)
        Value(data=0.25, grad=0.0)
        """
        return as_value(other) / self

    def __rpow__(self, base):
        """``base ** self`` for a constant positive base: d/dx cˣ = cˣ·ln c.

        >>> 2 ** Value(3.0)
        Value(data=8.0, grad=0.0)
        >>> (-2) ** Value(3.0)
        Traceback (most recent call last):
        ...
        ValueError: a constant base for base ** Value needs to be positive, got -2
        """
        if isinstance(base, bool) or not isinstance(base, numbers.Real) or not base > 0:
            raise ValueError(f"a constant base for base ** Value needs to be positive, "
                             f"got {base!r}")
        try:
            data = float(base) ** self.data
        except OverflowError:
            raise OverflowError(
                f"{base!r} ** Value({self.data!r}) is too large for a float") from None
        return Value(data, (self,), f"{float(base)!r}**", (data * math.log(base),))

    def __abs__(self):
        """``abs(self)``, as relu(x) + relu(-x): slope -1, then +1, and 0 at the corner.

        >>> abs(Value(-2.5))
        Value(data=2.5, grad=0.0)
        """
        return self.relu() + (-self).relu()

    def __float__(self):
        """Refused: through a float, ``math.exp(v)`` would cut ``v`` from its graph, silently.

        >>> import math
        >>> math.exp(Value(1.0))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        TypeError: a Value does not turn into a float: ...
        """
        raise TypeError("a Value does not turn into a float: math's functions would cut it "
                        "from its graph and its gradient would be lost without a word. "
                        "Use v.item() for the number, and Value's operations (v.exp()) to compute")

    def item(self):
        """The plain number, as PyTorch's ``tensor.item()`` gives it.

        >>> Value(2.5).item()
        2.5
        """
        return self.data

    def __round__(self, ndigits=None):
        """``round(self)``: a plain number, since rounding has no useful slope.

        >>> round(Value(2.567), 2), round(Value(2.5))
        (2.57, 2)
        """
        return round(self.data, ndigits)

    def __format__(self, spec):
        """A format spec formats the number: ``f"{loss:.3f}"``; no spec gives the repr.

        >>> f"{Value(0.123456):.3f}"
        '0.123'
        """
        return format(self.data, spec) if spec else repr(self)

    def __lt__(self, other):
        """Order compares numbers (``==`` and hashing stay by identity: graphs rely on it).

        >>> Value(1.0) < Value(2.0), Value(1.0) < 0.5, 3 > Value(2.0)
        (True, False, True)
        """
        return self.data < _number(other)

    def __le__(self, other):
        return self.data <= _number(other)

    def __gt__(self, other):
        return self.data > _number(other)

    def __ge__(self, other):
        return self.data >= _number(other)

    def _backward(self):
        """Apply the chain rule one step: pass this node's gradient to its inputs.

        >>> a = Value(3.0)
        >>> b = a * 2
        >>> b.grad = 1.0
        >>> b._backward()
        >>> a.grad
        2.0
        """
        grad = self.grad
        for child, local_grad in zip(self._prev, self._local_grads):
            child.grad += local_grad * grad

    def backward(self):
        """Fill in ``grad`` for every node this one depends on: d self / d node.

        Interior nodes get fresh gradients on every call. Leaves *accumulate*:
        a second call adds the same gradients again, just as PyTorch does, so
        zero them (``zero_grad()``) before each backward pass in a loop.

        >>> x = Value(3.0)
        >>> y = x * x
        >>> y.backward()
        >>> x.grad
        6.0
        >>> y.backward()
        >>> x.grad
        12.0
        """
        order = topological_order(self)
        for node in order:
            if node._prev:
                node.grad = 0.0
        self.grad += 1.0
        for node in reversed(order):
            if not node.grad and math.isfinite(sum(node._local_grads)):
                continue  # it would pass on 0 · (finite numbers): nothing. But 0 · inf is NaN.
            node._backward()


def as_value(x):
    """Return ``x`` if it is a ``Value``, else wrap the plain number in one.

    >>> as_value(2)
    Value(data=2.0, grad=0.0)
    >>> as_value("2")
    Traceback (most recent call last):
    ...
    TypeError: Value needs an int or float, got str: '2'
    """
    return x if isinstance(x, Value) else Value(x)


def _number(other):
    """The plain number of a Value or a number, for comparisons."""
    return as_value(other).data


def weighted_sum(weights, inputs, bias):
    """Return ``bias + Σ wᵢ·xᵢ`` as a single node, the heart of a neuron.

    The same number as ``sum((w * x for w, x in zip(weights, inputs)), bias)``
    on every Python, with the same gradients, but one node instead of two per input:
    d/dwᵢ = xᵢ, d/dxᵢ = wᵢ and d/db = 1. All arguments are ``Value`` objects.

    >>> w = [Value(2.0), Value(-1.0)]
    >>> out = weighted_sum(w, [Value(3.0), Value(4.0)], Value(0.5))
    >>> out
    Value(data=2.5, grad=0.0)
    >>> out.backward()
    >>> [wi.grad for wi in w]
    [3.0, 4.0]
    """
    if len(weights) != len(inputs):
        raise ValueError(f"weighted_sum needs one input per weight: "
                         f"{len(weights)} weights, got {len(inputs)} inputs")
    try:
        w_data = [w.data for w in weights]
        x_data = [x.data for x in inputs]
        # Left to right, as Python 3.11's sum() adds: from 3.12 on, sum() compensates
        # rounding, and the book's numbers would change in the last digit.
        data = functools.reduce(operator.add, map(operator.mul, w_data, x_data), bias.data)
    except AttributeError:
        raise TypeError("weighted_sum needs Value objects for weights, inputs and bias; "
                        "wrap plain numbers with as_value") from None
    return Value(data, (*weights, *inputs, bias), "Σwx", (*x_data, *w_data, 1.0))


def _power_slope(x, n, data):
    """n·xⁿ⁻¹; where only the slope is too large for a float it is ±inf, as in IEEE arithmetic.

    >>> from micrograd.engine import _power_slope
    >>> _power_slope(0.5, -1023, 0.5 ** -1023)
    -inf
    """
    if not n:
        return 0.0
    try:
        return n * x ** (n - 1)
    except OverflowError:
        return n * (data / x)  # xⁿ / x, which a float division rounds to ±inf


def _logistic(x):
    """1 / (1 + e⁻ˣ), computed without overflow for any sign of x."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


# The guards: each turns input that has no right answer into an error that says
# what was wrong, so that the operations above can show their calculus alone.


def _checked_data(data, inputs, local_grads):
    """Return ``data`` as a float, or say why it cannot be a node's number.

    >>> _checked_data(True, (), ())
    Traceback (most recent call last):
    ...
    TypeError: Value needs an int or float, got bool: True
    >>> _checked_data(1.0, "x", ())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: Value's second argument is ...; a label is a keyword: Value(1.0, label='x')
    """
    if isinstance(data, bool) or not isinstance(data, numbers.Real):
        raise TypeError(f"Value needs an int or float, got {type(data).__name__}: {data!r}")
    if isinstance(inputs, str):
        raise TypeError(f"Value's second argument is an operation's inputs; a label is a "
                        f"keyword: Value({data!r}, label={inputs!r})")
    if len(inputs) != len(local_grads):
        raise ValueError(f"need one local derivative per input: {len(inputs)} inputs, got "
                         f"{len(local_grads)}. An operation records them instead of a "
                         f"_backward closure, e.g. Value(t, (x,), 'tanh', (1 - t * t,))")
    return float(data)


def _checked_exponent(x, exponent):
    """Return the exponent of ``x ** exponent`` as an int or float, if the power has a slope.

    >>> _checked_exponent(0.0, -1)
    Traceback (most recent call last):
    ...
    ZeroDivisionError: Value(0.0) ** -1 has no finite slope at 0
    """
    if isinstance(exponent, bool) or not isinstance(exponent, numbers.Real):
        raise TypeError(
            f"Value ** exponent needs an int or float exponent, got "
            f"{type(exponent).__name__}; for a Value y, write (y * x.log()).exp()")
    n = int(exponent) if isinstance(exponent, numbers.Integral) else float(exponent)
    if x < 0 and not float(n).is_integer():
        raise ValueError(f"cannot raise negative Value({x!r}) to the non-integer power {n!r}")
    if x == 0 and n < 1 and n != 0:
        raise ZeroDivisionError(f"Value(0.0) ** {n!r} has no finite slope at 0")
    return n


def _checked_exp(x):
    """Return ``x`` if ``e ** x`` fits in a float.

    >>> _checked_exp(710.0)
    Traceback (most recent call last):
    ...
    OverflowError: exp of Value(710.0) is too large for a float
    """
    if x > _LARGEST_EXP:
        raise OverflowError(f"exp of Value({x!r}) is too large for a float")
    return x


def _checked_quotient(a, b):
    """Return ``a / b``, or say why the quotient of two Values is no float.

    >>> _checked_quotient(1e300, 1e-300)
    Traceback (most recent call last):
    ...
    OverflowError: Value(1e+300) / Value(1e-300) is too large for a float
    """
    if b == 0:
        raise ZeroDivisionError("division by zero Value")
    q = a / b
    if math.isinf(q) and not math.isinf(a):
        raise OverflowError(f"Value({a!r}) / Value({b!r}) is too large for a float")
    return q
