"""A small tensor engine: the same reverse-mode autodiff, over whole NumPy arrays.

Taught in the chapter "From scalars to tensors". A ``Tensor`` is like a ``Value``
whose data is an array of float64 numbers: the graph, the topological order
and the meaning of ``grad`` are unchanged, so a batch of a hundred examples
costs one node per operation instead of one node per number.

Each node keeps a function, ``_grad_fn``, that turns the gradient of its output
into one gradient per input: a tensor's local derivative is a whole Jacobian
matrix, too big to store, but applying it to a gradient is a line of NumPy.
The function closes over arrays and never over tensors, so, as in the scalar
engine, the graph holds no reference cycles.

As in PyTorch, only tensors that ask for a gradient (``requires_grad``)
take part in backward, an interior node forgets its gradient once it has
passed it on, and a backward pass frees what each node saved for it.

This module and ``micrograd.tensor_nn`` (layers, networks and losses, all
reachable from here) are the only modules of the package that need NumPy.
"""

import contextlib
import math
import numbers

from micrograd.graph import topological_order

try:
    import numpy as np
except ImportError:
    raise ImportError("micrograd.tensor needs NumPy: "
                      "pip install 'micrograd-book[tensor]'") from None

_recording = [True]  # False inside ``no_grad()``: operations build no graph


@contextlib.contextmanager
def no_grad():
    """Compute without building a graph, as for predictions or a hand-written update.

    >>> w = Tensor([2.0], requires_grad=True)
    >>> with no_grad():
    ...     y = w * 3
    >>> y, y.requires_grad
    (Tensor(data=[6.0]), False)
    """
    _recording.append(False)
    try:
        yield
    finally:
        _recording.pop()


class LockedArray(np.ndarray):
    """A tensor's numbers: a read-only array whose in-place update says what to write instead.

    Arithmetic on it gives ordinary arrays.

    >>> w = Tensor([1.0, 2.0])
    >>> w.data -= 0.1
    Traceback (most recent call last):
    ...
    ValueError: a Tensor's data is read-only: write p.data = p.data - lr * p.grad instead
    >>> w.data * 2
    array([2., 4.])
    """

    def __isub__(self, other):
        if self.flags.writeable:  # a copy the caller made: theirs to change
            return super().__isub__(other)
        raise ValueError("a Tensor's data is read-only: write p.data = p.data - lr * p.grad "
                         "instead")

    __iadd__ = __imul__ = __itruediv__ = __isub__

    def __array_wrap__(self, array, context=None, return_scalar=False):
        return array[()] if return_scalar else array.view(np.ndarray)

    def __repr__(self):
        return repr(self.view(np.ndarray))


def _locked(array, kind=np.ndarray):
    """``array``, made read-only, as a ``kind`` array."""
    array = array if kind is np.ndarray else array.view(kind)
    array.setflags(write=False)
    return array


def _float_dtype(array, dtype):
    """The dtype a tensor keeps: ``dtype`` if given, float32 for float32 numbers, else float64."""
    if dtype is None:
        return np.float32 if array.dtype == np.float32 else np.float64
    if np.dtype(dtype) not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64, got {np.dtype(dtype)}")
    return np.dtype(dtype)


class Tensor:
    """An array of numbers that remembers how it was computed, so it can be differentiated.

    As in PyTorch, only tensors created with ``requires_grad=True`` (the
    parameters) and results computed from them take part in backward.

    >>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True, label="x")
    >>> y = (x * x).sum()
    >>> y
    Tensor(data=14.0, requires_grad=True)
    >>> y.backward()
    >>> x.grad
    array([2., 4., 6.])
    """

    __slots__ = ("_data", "_grad", "label", "_prev", "_op", "_grad_fn", "requires_grad",
                 "_retains_grad")
    __array_ufunc__ = None  # so ``ndarray * Tensor`` calls ``Tensor.__rmul__``

    def __init__(self, data, _children=(), _op="", label="", _grad_fn=None,
                 requires_grad=False, dtype=None):
        array = np.asarray(data)
        if array.dtype.kind not in "iuf":
            raise TypeError(f"Tensor needs numbers, got {type(data).__name__}: {data!r}")
        if _children and not callable(_grad_fn):
            raise TypeError(f"a node with inputs needs _grad_fn, a function from its gradient "
                            f"to one gradient per input, got {_grad_fn!r}")
        self._grad = None  # zeros until a gradient arrives: see the grad property
        if _op:  # an operation's result: no copy is made when it is float already
            self._data = _locked(array.astype(_float_dtype(array, dtype), copy=False))
        else:  # the caller's numbers: copied, so that locking them leaves the caller's alone
            self._data = _locked(np.array(array, dtype=_float_dtype(array, dtype)), LockedArray)
        self.label = label
        self._prev = tuple(_children)
        self._op = _op
        self._grad_fn = _grad_fn
        self.requires_grad = bool(requires_grad or _children)
        self._retains_grad = False

    @property
    def data(self):
        """The numbers: a float array, locked so that it is replaced, not edited.

        The backward pass uses the arrays that the forward pass saw. Writing
        into one afterwards would silently change gradients, so NumPy refuses;
        binding a new array is fine, and ``SGD.step()`` does just that. The
        lock guards against accidents, not against intent: whoever lifts it,
        with ``x.data.setflags(write=True)``, writes past every check.

        >>> x = Tensor([3.0])
        >>> x.data[0] = 10.0
        Traceback (most recent call last):
        ...
        ValueError: assignment destination is read-only
        >>> x.data = x.data + 7
        >>> x
        Tensor(data=[10.0])
        """
        return self._data

    @data.setter
    def data(self, array):
        """Bind a locked copy of ``array``, so the caller's array stays the caller's.

        The copy keeps the tensor's dtype. A gradient of the old shape is dropped.

        >>> x = Tensor([1.0], requires_grad=True)
        >>> x.data = [2, 3]
        >>> x.data.dtype, x.data.flags.writeable, x.grad
        (dtype('float64'), False, array([0., 0.]))
        """
        array = _locked(np.array(array, dtype=self._data.dtype), LockedArray)
        if array.shape != self.shape:
            self._grad = None
        self._data = array

    @property
    def dtype(self):
        """The type of the numbers: float64 unless float32 was asked for.

        >>> Tensor([1, 2]).dtype, Tensor([1, 2], dtype=np.float32).dtype
        (dtype('float64'), dtype('float32'))
        """
        return self._data.dtype

    @property
    def is_leaf(self):
        """True for a tensor made from numbers, False for the result of an operation.

        >>> x = Tensor([1.0], requires_grad=True)
        >>> x.is_leaf, (x * 2).is_leaf
        (True, False)
        """
        return not self._prev

    @property
    def grad(self):
        """The gradient, an array of ``data``'s shape, or None for a tensor that keeps none.

        As in PyTorch, a leaf with ``requires_grad`` keeps its gradient, and
        reads as zeros until a backward pass reaches it (reading makes the
        zeros, and so does ``repr``). An interior node passes its gradient on
        and forgets it, unless ``retain_grad()`` asked it to keep it; a kept
        interior gradient may be shared with other nodes and read-only (copy
        it to change it).

        >>> x = Tensor([1.0, 2.0], requires_grad=True)
        >>> x.grad
        array([0., 0.])
        >>> print((x * 2).grad, Tensor([1.0]).grad)
        None None
        """
        if self._grad is None and self.requires_grad and (self.is_leaf or self._retains_grad):
            self._grad = np.zeros(self.shape, self.dtype)
        return self._grad

    @grad.setter
    def grad(self, array):
        """Bind ``array`` as the gradient, or forget the gradient with ``None``.

        A leaf's next gradient is added into the array bound, or, after
        ``None``, into new zeros.

        >>> x = Tensor([1.0, 2.0], requires_grad=True)
        >>> x.grad = np.ones(2)
        >>> (x * 3).sum().backward()
        >>> x.grad
        array([4., 4.])
        >>> x.grad = None
        >>> x.grad
        array([0., 0.])
        >>> x.grad = np.zeros(3)
        Traceback (most recent call last):
        ...
        ValueError: grad must have the shape of data, (2,), got (3,)
        """
        if array is not None and np.shape(array) != self.shape:
            raise ValueError(f"grad must have the shape of data, {self.shape}, "
                             f"got {np.shape(array)}")
        self._grad = array

    def retain_grad(self):
        """Ask an interior node to keep its gradient after a backward pass, to read or draw it.

        >>> x = Tensor([1.0, 2.0], requires_grad=True)
        >>> y = x * 3
        >>> y.retain_grad()
        >>> y.sum().backward()
        >>> y.grad
        array([1., 1.])
        """
        if not self.requires_grad:
            raise ValueError("retain_grad() needs a tensor that requires grad: this one "
                             "gets no gradient to keep")
        self._retains_grad = True

    def detach(self):
        """The same numbers, cut off from the graph: a constant that needs no gradient.

        >>> w = Tensor([2.0], requires_grad=True)
        >>> w.detach()
        Tensor(data=[2.0])
        """
        return Tensor(self._data, _op="detach")

    @property
    def shape(self):
        """The shape of ``data`` (and of ``grad``).

        >>> Tensor([[1, 2, 3], [4, 5, 6]]).shape
        (2, 3)
        """
        return self._data.shape

    def __len__(self):
        """The length of the first axis, as for an array.

        >>> len(Tensor([[1, 2, 3], [4, 5, 6]]))
        2
        """
        return len(self._data)

    def item(self):
        """The one number of a one-entry tensor, as a Python float.

        >>> Tensor([[2.5]]).item()
        2.5
        """
        if self._data.size != 1:
            raise ValueError(f"item() needs a single number, got shape {self.shape}")
        return self._data.item()

    def __repr__(self):
        """Show the numbers, and the gradient of a tensor that keeps one.

        >>> Tensor([1.5, -2])
        Tensor(data=[1.5, -2.0])
        >>> Tensor([1.5, -2], requires_grad=True)
        Tensor(data=[1.5, -2.0], grad=[0.0, 0.0])
        >>> Tensor([0.5], dtype=np.float32) * Tensor([2.0], requires_grad=True, dtype=np.float32)
        Tensor(data=[1.0], requires_grad=True, dtype=float32)
        """
        shown = [f"data={self.data.tolist()!r}"]
        if self.grad is not None:
            shown.append(f"grad={self.grad.tolist()!r}")
        elif self.requires_grad:
            shown.append("requires_grad=True")
        if self.dtype != np.float64:
            shown.append(f"dtype={self.dtype}")
        return f"Tensor({', '.join(shown)})"

    def _result(self, data, inputs, op, grad_fn):
        """The output of an operation: a node of the graph if an input needs a gradient.

        Outside the graph (no input requires grad, or inside ``no_grad()``),
        it is a constant, and the backward function and what it saved are dropped.
        """
        if _recording[-1] and any(t.requires_grad for t in inputs):
            return Tensor(data, inputs, op, _grad_fn=grad_fn)
        return Tensor(data, _op=op)

    def _coerce(self, other):
        """``other`` as a Tensor; a number, list or array takes this tensor's dtype."""
        return other if isinstance(other, Tensor) else Tensor(other, dtype=self.dtype)

    def __add__(self, other):
        """``self + other``: the gradient passes through unchanged to both inputs.

        >>> Tensor([1.0, 2.0], requires_grad=True) + 3
        Tensor(data=[4.0, 5.0], requires_grad=True)
        """
        other = self._coerce(other)
        return self._result(self.data + other.data, (self, other), "+",
                            lambda grad: (grad, grad))

    def __mul__(self, other):
        """``self * other``: each input's gradient is scaled by the *other* input.

        An input that needs no gradient gets none, so the other input's
        numbers need not be kept for it.

        >>> Tensor([1.0, 2.0]) * Tensor([3.0, -1.0])
        Tensor(data=[3.0, -2.0])
        """
        other = self._coerce(other)
        a = self.data if other.requires_grad else None
        b = other.data if self.requires_grad else None
        return self._result(self.data * other.data, (self, other), "*",
                            lambda grad: (_times(grad, b), _times(grad, a)))

    def __matmul__(self, other):
        """Matrix product ``self @ other``: for ``C = A @ B``, dA = dC @ Bᵀ and dB = Aᵀ @ dC.

        >>> Tensor([[1.0, 2.0]]) @ Tensor([[3.0], [4.0]])
        Tensor(data=[[11.0]])
        >>> Tensor([[1.0, 2.0]]) @ Tensor([[3.0, 4.0]])
        Traceback (most recent call last):
        ...
        ValueError: cannot multiply matrices of shapes (1, 2) and (1, 2)
        """
        other = self._coerce(other)
        _check_matmul(self.data, other.data)
        a_t = self.data.T if other.requires_grad else None  # dB needs A
        b_t = other.data.T if self.requires_grad else None  # dA needs B
        return self._result(self.data @ other.data, (self, other), "@",
                            lambda grad: (_matmul(grad, b_t), _matmul(a_t, grad)))

    def __pow__(self, exponent):
        """``self ** exponent`` for a constant exponent: d/dx xⁿ = n·xⁿ⁻¹.

        x⁰ is the constant 1, with slope 0 everywhere, even at 0.

        >>> Tensor([2.0, 3.0]) ** 2
        Tensor(data=[4.0, 9.0])
        >>> Tensor([0.0, 2.0]) ** 0
        Tensor(data=[1.0, 1.0])
        >>> Tensor([2.0]) ** Tensor([2.0])
        Traceback (most recent call last):
        ...
        TypeError: Tensor ** exponent needs an int or float exponent, got Tensor
        """
        if isinstance(exponent, bool) or not isinstance(exponent, numbers.Real):
            raise TypeError(f"Tensor ** exponent needs an int or float exponent, "
                            f"got {type(exponent).__name__}")
        x = self.data
        if (x < 0).any() and not float(exponent).is_integer():
            raise ValueError(f"cannot raise negative entries to the non-integer power {exponent}")
        if exponent < 1 and exponent != 0 and (x == 0).any():
            raise ZeroDivisionError(f"zero entries have no finite slope for the power {exponent}")
        slope = exponent * x ** (exponent - 1) if exponent else np.zeros(x.shape, x.dtype)
        return self._result(x ** exponent, (self,), f"**{exponent}",
                            lambda grad: (grad * slope,))

    def exp(self):
        """``e ** self``, entry by entry: the exponential is its own derivative.

        >>> Tensor([0.0]).exp()
        Tensor(data=[1.0])
        """
        e = np.exp(self.data)
        return self._result(e, (self,), "exp", lambda grad: (grad * e,))

    def log(self):
        """Natural logarithm, entry by entry: d/dx ln x = 1/x.

        >>> Tensor([1.0]).log()
        Tensor(data=[0.0])
        >>> Tensor([1.0, 0.0]).log()
        Traceback (most recent call last):
        ...
        ValueError: log needs positive entries, got 0.0
        """
        x = self.data
        if (x <= 0).any():
            raise ValueError(f"log needs positive entries, got {float(x.min())!r}")
        return self._result(np.log(x), (self,), "log", lambda grad: (grad / x,))

    def tanh(self):
        """Hyperbolic tangent, entry by entry: d/dx tanh x = 1 - tanh² x.

        >>> Tensor([0.0, 1000.0]).tanh()
        Tensor(data=[0.0, 1.0])
        """
        t = np.tanh(self.data)
        return self._result(t, (self,), "tanh", lambda grad: (grad * (1.0 - t * t),))

    def sigmoid(self):
        """Logistic sigmoid 1 / (1 + e⁻ˣ), entry by entry: d/dx σ(x) = σ(x)·(1 - σ(x)).

        It is computed as exp(-log(1 + e⁻ˣ)), and ``logaddexp`` finds that
        logarithm without overflow for any sign of x.

        >>> Tensor([0.0, -1000.0]).sigmoid()
        Tensor(data=[0.5, 0.0])
        """
        s = np.exp(-np.logaddexp(0.0, -self.data)).astype(self.dtype, copy=False)
        return self._result(s, (self,), "sigmoid", lambda grad: (grad * s * (1.0 - s),))

    def relu(self):
        """Rectified linear unit max(0, x), entry by entry: slope 1 for x > 0, else 0.

        NaN entries come out as NaN, as in the scalar engine and PyTorch.

        >>> Tensor([-2.0, 3.0, float("nan")]).relu()
        Tensor(data=[0.0, 3.0, nan])
        """
        keep = ~(self.data <= 0)  # NaN fails every comparison, so it passes
        return self._result(np.maximum(self.data, 0.0, dtype=self.dtype), (self,), "ReLU",
                            lambda grad: (grad * keep,))

    def sum(self, axis=None, keepdims=False):
        """Sum of the entries, over all axes or only over ``axis``, as ``numpy.sum``.

        Every summed entry gets the gradient of the sum it went into: the output
        gradient, with the summed axes put back as size 1, is copied along them.

        >>> m = Tensor([[1.0, 2.0], [3.0, 4.0]])
        >>> m.sum()
        Tensor(data=10.0)
        >>> m.sum(axis=0)
        Tensor(data=[4.0, 6.0])
        >>> m.sum(axis=1, keepdims=True)
        Tensor(data=[[3.0], [7.0]])
        """
        shape = self.shape
        kept = np.sum(self.data, axis=axis, keepdims=True)
        kept_shape = kept.shape
        return self._result(kept if keepdims else kept.squeeze(axis), (self,), "sum",
                            lambda grad: (np.full(shape, grad.reshape(kept_shape)),))

    def mean(self, axis=None, keepdims=False):
        """Mean of the entries, over all axes or only over ``axis``: the sum divided by the count.

        Shapes are ``numpy.mean``'s. Where NumPy would warn and give NaN, a
        mean of no entries at all, this raises; an empty result is fine. The
        count is a constant, so it gets no gradient.

        >>> m = Tensor([[1.0, 2.0], [3.0, 4.0]])
        >>> m.mean()
        Tensor(data=2.5)
        >>> m.mean(axis=1)
        Tensor(data=[1.5, 3.5])
        >>> Tensor(np.zeros((0, 3))).mean(axis=1)
        Tensor(data=[])
        >>> Tensor(np.zeros((0, 3))).mean(axis=0)
        Traceback (most recent call last):
        ...
        ValueError: mean has no entries to average over axis=0 of a Tensor of shape (0, 3)
        """
        total = self.sum(axis=axis, keepdims=keepdims)
        axes = range(self.data.ndim) if axis is None else np.atleast_1d(axis)
        count = math.prod(self.shape[a] for a in axes)
        if count == 0:
            raise ValueError(f"mean has no entries to average over axis={axis!r} "
                             f"of a Tensor of shape {self.shape}")
        return total / count

    def max(self, axis=None, keepdims=False):
        """Largest entry, over all axes or only over ``axis``, as ``numpy.max``.

        The gradient goes to the entries that are the maximum; entries that
        tie share it equally, as in PyTorch's ``amax``.

        >>> m = Tensor([[1.0, 5.0], [5.0, 2.0]], requires_grad=True)
        >>> m.max(axis=1)
        Tensor(data=[5.0, 5.0], requires_grad=True)
        >>> m.max().backward()
        >>> m.grad
        array([[0. , 0.5],
               [0.5, 0. ]])
        """
        if self.data.size == 0:
            raise ValueError(f"max of a Tensor of shape {self.shape} has no entries to compare")
        kept = np.max(self.data, axis=axis, keepdims=True)
        winners = self.data == kept
        share = winners / winners.sum(axis=axis, keepdims=True)
        kept_shape = kept.shape
        return self._result(kept if keepdims else kept.squeeze(axis), (self,), "max",
                            lambda grad: (share * grad.reshape(kept_shape),))

    def log_softmax(self, axis=-1):
        """``log(softmax(self))`` along ``axis``: each entry minus the log of the sum of exps.

        The largest entry is subtracted first, so no exp overflows. Its
        gradient is the output gradient minus softmax times that gradient's sum.

        >>> Tensor([[0.0, 0.0], [1000.0, 0.0]]).log_softmax().exp()
        Tensor(data=[[0.5, 0.5], [1.0, 0.0]])
        """
        shifted = self.data - np.max(self.data, axis=axis, keepdims=True)
        out = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
        softmax = np.exp(out)
        return self._result(out, (self,), "log_softmax",
                            lambda grad: (grad - softmax * grad.sum(axis=axis, keepdims=True),))

    def __getitem__(self, index):
        """Entries picked as NumPy picks them: ``x[0]``, ``x[:, 1:]``, ``x[rows, cols]``.

        The gradient is added back to the entries picked, as many times as each was.

        >>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
        >>> x[[0, 2, 2]].sum().backward()
        >>> x.grad
        array([1., 0., 2.])
        """
        if isinstance(index, Tensor):
            raise TypeError("index a Tensor with ints, slices or integer arrays, not a Tensor")
        shape, dtype = self.shape, self.dtype

        def grad_fn(grad):
            whole = np.zeros(shape, dtype)
            np.add.at(whole, index, grad)
            return (whole,)

        return self._result(self.data[index], (self,), "[]", grad_fn)

    def reshape(self, *shape):
        """The same entries in another shape; the gradient is reshaped back.

        >>> Tensor([1.0, 2.0, 3.0, 4.0]).reshape(2, 2)
        Tensor(data=[[1.0, 2.0], [3.0, 4.0]])
        """
        old = self.shape
        return self._result(self.data.reshape(*shape), (self,), "reshape",
                            lambda grad: (grad.reshape(old),))

    @property
    def T(self):
        """The transpose (axes in reverse order); the gradient is transposed back.

        >>> Tensor([[1.0, 2.0]]).T
        Tensor(data=[[1.0], [2.0]])
        """
        return self._result(self.data.T, (self,), "T", lambda grad: (grad.T,))

    def __neg__(self):
        """``-self``: the gradient comes back negated.

        >>> -Tensor([2.0], requires_grad=True)
        Tensor(data=[-2.0], requires_grad=True)
        """
        return self._result(-self.data, (self,), "neg", lambda grad: (-grad,))

    def __sub__(self, other):
        """``self - other``, as ``self + (-other)``.

        >>> Tensor([5.0]) - 2
        Tensor(data=[3.0])
        """
        return self + (-self._coerce(other))

    def __truediv__(self, other):
        """``self / other``: d/da (a/b) = 1/b and d/db (a/b) = -a/b², written -(a/b)/b.

        As in the scalar engine, dividing directly rounds once, and b is never
        squared, so a quotient that fits in a float never overflows on the way.

        >>> Tensor([1.0, 3.0]) / 4
        Tensor(data=[0.25, 0.75])
        >>> Tensor([49.0]) / 49
        Tensor(data=[1.0])
        >>> Tensor([1.0]) / Tensor([0.0])
        Traceback (most recent call last):
        ...
        ZeroDivisionError: division by a Tensor with zero entries
        """
        other = self._coerce(other)
        a, b = self.data, other.data
        if (b == 0).any():
            raise ZeroDivisionError("division by a Tensor with zero entries")
        q = a / b
        slope_b = -q / b if other.requires_grad else None
        return self._result(q, (self, other), "/",
                            lambda grad: (grad / b, _times(grad, slope_b)))

    def __radd__(self, other):
        """``other + self`` when ``other`` is a number or an array, as in ``sum([...])``.

        >>> 2 + Tensor([1.0])
        Tensor(data=[3.0])
        """
        return self + other

    def __rmul__(self, other):
        """``other * self`` when ``other`` is a number or an array.

        >>> 2 * Tensor([1.5])
        Tensor(data=[3.0])
        """
        return self * other

    def __rsub__(self, other):
        """``other - self``: the number or array comes first.

        >>> 5 - Tensor([2.0])
        Tensor(data=[3.0])
        """
        return self._coerce(other) - self

    def __rtruediv__(self, other):
        """``other / self``: the number or array is the numerator.

        >>> 1 / Tensor([4.0])
        Tensor(data=[0.25])
        """
        return self._coerce(other) / self

    def __rmatmul__(self, other):
        """``other @ self`` when ``other`` is a nested list or an array.

        >>> np.eye(2) @ Tensor([[1.0], [2.0]])
        Tensor(data=[[1.0], [2.0]])
        """
        return self._coerce(other) @ self

    def _backward(self):
        """Apply the chain rule one step: pass this node's gradient to its inputs.

        Only inputs that require a gradient get one. An input that was
        broadcast to a bigger shape gets its gradient summed back down to its
        own shape.

        >>> a = Tensor([1.0, 2.0], requires_grad=True)
        >>> b = a * 3
        >>> b._grad = np.ones(2)
        >>> b._backward()
        >>> a.grad
        array([3., 3.])
        """
        for child, grad in zip(self._prev, self._grad_fn(self._grad), strict=True):
            if child.requires_grad:
                child._add_grad(unbroadcast(grad, child.shape))

    def _add_grad(self, grad):
        """Add one gradient to this tensor's.

        A leaf adds into its own array, in place. An interior node takes the
        first gradient it gets as it is, without adding it to zeros; that array
        may be shared (``+`` passes one array to both inputs), so any further
        gradient makes a new sum instead of writing into it.

        >>> a = Tensor([1.0, 2.0], requires_grad=True)
        >>> b = a + 1
        >>> b._add_grad(np.ones(2))
        >>> b._add_grad(np.ones(2))
        >>> b._grad
        array([2., 2.])
        """
        if self.is_leaf:
            self.grad += grad
        elif self._grad is None:
            self._grad = grad
        else:
            self._grad = self._grad + grad

    def backward(self, grad=None, retain_graph=False):
        """Fill in ``grad`` for every tensor with ``requires_grad`` that this one depends on.

        As in PyTorch, leaves *accumulate* their gradients; an interior node
        forgets its gradient once it has passed it on (unless ``retain_grad()``
        asked it to keep it), and each node forgets the arrays its backward
        function saved, so a second backward through the same graph needs
        ``retain_graph=True`` the first time. A tensor with one entry seeds its
        own gradient with 1; any other tensor needs ``grad``.

        >>> x = Tensor([1.0, 2.0], requires_grad=True)
        >>> y = x * x
        >>> y.backward(grad=[1.0, 1.0])
        >>> x.grad
        array([2., 4.])
        >>> y.backward(grad=[1.0, 1.0])
        Traceback (most recent call last):
        ...
        RuntimeError: a second backward() needs backward(retain_graph=True) the first time
        >>> Tensor([1.0]).backward()
        Traceback (most recent call last):
        ...
        RuntimeError: backward() needs a tensor computed from one with requires_grad=True
        """
        if not self.requires_grad:
            raise RuntimeError("backward() needs a tensor computed from one with "
                               "requires_grad=True")
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a single number, "
                                 f"got shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = np.asarray(self._coerce(grad).data)  # a plain array, not the locked kind
        if grad.shape != self.shape:
            raise ValueError(f"backward() needs grad of shape {self.shape}, got {grad.shape}")
        interior = [node for node in topological_order(self) if node._prev]
        if any(node._grad_fn is None for node in interior):
            raise RuntimeError("a second backward() needs backward(retain_graph=True) "
                               "the first time")
        for node in interior:
            node._grad = None
        self._add_grad(grad)
        for node in reversed(interior):
            node._backward()
            if not node._retains_grad:
                node._grad = None  # passed on: only a leaf keeps its gradient
            if not retain_graph:
                node._grad_fn = None  # and with it the arrays it saved


def _times(grad, factor):
    """``grad * factor``, or None when there is no factor: that input needs no gradient."""
    return None if factor is None else grad * factor


def _matmul(a, b):
    """``a @ b``, or None when either is missing: that input needs no gradient."""
    return None if a is None or b is None else a @ b


def _check_matmul(a, b):
    if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
        raise ValueError(f"cannot multiply matrices of shapes {a.shape} and {b.shape}")


def as_tensor(x):
    """Return ``x`` if it is a ``Tensor``, else wrap the number, list or array in one.

    >>> as_tensor(2)
    Tensor(data=2.0)
    >>> as_tensor("2")
    Traceback (most recent call last):
    ...
    TypeError: Tensor needs numbers, got str: '2'
    """
    return x if isinstance(x, Tensor) else Tensor(x)


def unbroadcast(grad, shape):
    """Sum ``grad`` down to ``shape``, undoing NumPy broadcasting.

    Broadcasting copies an input along the axes it lacks (added in front) and
    along its axes of size 1; each copy's gradient flows back to the original,
    so those axes are summed. A size-1 axis stretched to size 0 (an empty
    batch) sums to zero. The result is always an array, even of shape ().

    >>> unbroadcast(np.ones((2, 3)), (3,))
    array([2., 2., 2.])
    >>> unbroadcast(np.ones((2, 3)), (2, 1))
    array([[3.],
           [3.]])
    >>> unbroadcast(np.ones((0, 3)), (1, 3))
    array([[0., 0., 0.]])
    """
    grad = np.asarray(grad)
    if grad.shape == shape:
        return grad
    added = tuple(range(grad.ndim - len(shape)))
    if added:
        grad = grad.sum(axis=added)
    stretched = tuple(i for i, size in enumerate(shape) if size == 1 and grad.shape[i] != 1)
    return np.asarray(grad.sum(axis=stretched, keepdims=True) if stretched else grad)


# The layers and losses made of tensors are in their own module; they are
# reached from here too, as one engine. Imported last: they need Tensor.
from micrograd.tensor_nn import (  # noqa: E402
    TensorLayer,
    TensorMLP,
    TensorModule,
    l2_penalty,
    linear,
    max_margin_loss,
    softmax_cross_entropy,
)

__all__ = ["LockedArray", "Tensor", "TensorLayer", "TensorMLP", "TensorModule", "as_tensor",
           "l2_penalty", "linear", "max_margin_loss", "no_grad", "softmax_cross_entropy",
           "unbroadcast"]
