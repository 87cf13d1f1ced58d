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

This is the only module of the package that needs NumPy.
"""

import math
import numbers

from micrograd.graph import topological_order
from micrograd.nn import ACTIVATIONS

try:
    import numpy as np
except ImportError:
    raise ImportError("micrograd.tensor needs NumPy: "
                      "pip install 'micrograd-book[tensor]'") from None


class Tensor:
    """An array of numbers that remembers how it was computed, so it can be differentiated.

    >>> x = Tensor([1.0, 2.0, 3.0], label="x")
    >>> y = (x * x).sum()
    >>> y
    Tensor(data=14.0, grad=0.0)
    >>> y.backward()
    >>> x.grad
    array([2., 4., 6.])
    """

    __slots__ = ("_data", "_grad", "label", "_prev", "_op", "_grad_fn")
    __array_ufunc__ = None  # so ``ndarray * Tensor`` calls ``Tensor.__rmul__``

    def __init__(self, data, _children=(), _op="", label="", _grad_fn=None):
        array = np.asarray(data)
        if array.dtype.kind not in "iuf":
            raise TypeError(f"Tensor needs numbers, got {type(data).__name__}: {data!r}")
        if _children:  # an operation's result: no copy is made when it is float64 already
            array = array.astype(np.float64, copy=False)
            array.setflags(write=False)  # not a copy: a hand-built node locks the caller's array
            self._data = array
        else:  # the caller's numbers: copied, so that locking them leaves the caller's alone
            self.data = array
        self._grad = None  # zeros until a gradient arrives: see the grad property
        self.label = label
        self._prev = tuple(_children)
        self._op = _op
        self._grad_fn = _grad_fn

    @property
    def data(self):
        """The numbers: a float64 array, locked so that it is replaced, not edited.

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
        Tensor(data=[10.0], grad=[0.0])
        """
        return self._data

    @data.setter
    def data(self, array):
        """Bind a locked float64 copy of ``array``, so the caller's array stays the caller's.

        >>> x = Tensor([1.0])
        >>> x.data = [2, 3]
        >>> x.data.dtype, x.data.flags.writeable
        (dtype('float64'), False)
        """
        array = np.array(array, dtype=np.float64)
        array.setflags(write=False)
        self._data = array

    @property
    def grad(self):
        """The gradient, an array of ``data``'s shape: zeros until a backward pass reaches it.

        The zeros are made only when they are first needed, and most never are:
        a backward pass hands each interior node a gradient ready-made, which
        may be shared with other nodes and read-only (copy it to change it).

        >>> x = Tensor([1.0, 2.0])
        >>> x.grad
        array([0., 0.])
        """
        if self._grad is None:
            self._grad = np.zeros(self.shape)
        return self._grad

    @grad.setter
    def grad(self, array):
        """Bind ``array`` as the gradient, or forget the gradient with ``None``.

        A leaf's next gradient is added into the array bound, or, after
        ``None``, into new zeros.

        >>> x = Tensor([1.0, 2.0])
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

    @property
    def shape(self):
        """The shape of ``data`` (and of ``grad``).

        >>> Tensor([[1, 2, 3], [4, 5, 6]]).shape
        (2, 3)
        """
        return self._data.shape

    def __repr__(self):
        """Show the numbers and their gradients.

        >>> Tensor([1.5, -2])
        Tensor(data=[1.5, -2.0], grad=[0.0, 0.0])
        """
        return f"Tensor(data={self.data.tolist()!r}, grad={self.grad.tolist()!r})"

    def __add__(self, other):
        """``self + other``: the gradient passes through unchanged to both inputs.

        >>> Tensor([1.0, 2.0]) + 3
        Tensor(data=[4.0, 5.0], grad=[0.0, 0.0])
        """
        other = as_tensor(other)
        return Tensor(self.data + other.data, (self, other), "+",
                      _grad_fn=lambda grad: (grad, grad))

    def __mul__(self, other):
        """``self * other``: each input's gradient is scaled by the *other* input.

        >>> Tensor([1.0, 2.0]) * Tensor([3.0, -1.0])
        Tensor(data=[3.0, -2.0], grad=[0.0, 0.0])
        """
        other = as_tensor(other)
        a, b = self.data, other.data
        return Tensor(a * b, (self, other), "*",
                      _grad_fn=lambda grad: (grad * b, grad * a))

    def __matmul__(self, other):
        """Matrix product ``self @ other``: for ``C = A @ B``, dA = dC @ Bᵀ and dB = Aᵀ @ dC.

        >>> Tensor([[1.0, 2.0]]) @ Tensor([[3.0], [4.0]])
        Tensor(data=[[11.0]], grad=[[0.0]])
        >>> Tensor([[1.0, 2.0]]) @ Tensor([[3.0, 4.0]])
        Traceback (most recent call last):
        ...
        ValueError: cannot multiply matrices of shapes (1, 2) and (1, 2)
        """
        other = as_tensor(other)
        a, b = self.data, other.data
        if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
            raise ValueError(f"cannot multiply matrices of shapes {a.shape} and {b.shape}")
        return Tensor(a @ b, (self, other), "@",
                      _grad_fn=lambda grad: (grad @ b.T, a.T @ grad))

    def __pow__(self, exponent):
        """``self ** exponent`` for a constant exponent: d/dx xⁿ = n·xⁿ⁻¹.

        x⁰ is the constant 1, with slope 0 everywhere, even at 0.

        >>> Tensor([2.0, 3.0]) ** 2
        Tensor(data=[4.0, 9.0], grad=[0.0, 0.0])
        >>> Tensor([0.0, 2.0]) ** 0
        Tensor(data=[1.0, 1.0], grad=[0.0, 0.0])
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
        slope = exponent * x ** (exponent - 1) if exponent else np.zeros(x.shape)
        return Tensor(x ** exponent, (self,), f"**{exponent}",
                      _grad_fn=lambda grad: (grad * slope,))

    def exp(self):
        """``e ** self``, entry by entry: the exponential is its own derivative.

        >>> Tensor([0.0]).exp()
        Tensor(data=[1.0], grad=[0.0])
        """
        e = np.exp(self.data)
        return Tensor(e, (self,), "exp", _grad_fn=lambda grad: (grad * e,))

    def log(self):
        """Natural logarithm, entry by entry: d/dx ln x = 1/x.

        >>> Tensor([1.0]).log()
        Tensor(data=[0.0], grad=[0.0])
        >>> Tensor([1.0, 0.0]).log()
        Traceback (most recent call last):
        ...
        ValueError: log needs positive entries, got 0.0
        """
        x = self.data
        if (x <= 0).any():
            raise ValueError(f"log needs positive entries, got {float(x.min())!r}")
        return Tensor(np.log(x), (self,), "log", _grad_fn=lambda grad: (grad / x,))

    def tanh(self):
        """Hyperbolic tangent, entry by entry: d/dx tanh x = 1 - tanh² x.

        >>> Tensor([0.0, 1000.0]).tanh()
        Tensor(data=[0.0, 1.0], grad=[0.0, 0.0])
        """
        t = np.tanh(self.data)
        return Tensor(t, (self,), "tanh", _grad_fn=lambda grad: (grad * (1.0 - t * t),))

    def sigmoid(self):
        """Logistic sigmoid 1 / (1 + e⁻ˣ), entry by entry: d/dx σ(x) = σ(x)·(1 - σ(x)).

        It is computed as exp(-log(1 + e⁻ˣ)), and ``logaddexp`` finds that
        logarithm without overflow for any sign of x.

        >>> Tensor([0.0, -1000.0]).sigmoid()
        Tensor(data=[0.5, 0.0], grad=[0.0, 0.0])
        """
        s = np.exp(-np.logaddexp(0.0, -self.data))
        return Tensor(s, (self,), "sigmoid", _grad_fn=lambda grad: (grad * s * (1.0 - s),))

    def relu(self):
        """Rectified linear unit max(0, x), entry by entry: slope 1 for x > 0, else 0.

        NaN entries come out as NaN, as in the scalar engine and PyTorch.

        >>> Tensor([-2.0, 3.0, float("nan")]).relu()
        Tensor(data=[0.0, 3.0, nan], grad=[0.0, 0.0, 0.0])
        """
        keep = ~(self.data <= 0)  # NaN fails every comparison, so it passes
        return Tensor(np.maximum(self.data, 0.0), (self,), "ReLU",
                      _grad_fn=lambda grad: (grad * keep,))

    def sum(self, axis=None, keepdims=False):
        """Sum of the entries, over all axes or only over ``axis``, as ``numpy.sum``.

        Every summed entry gets the gradient of the sum it went into: the output
        gradient, with the summed axes put back as size 1, is copied along them.

        >>> m = Tensor([[1.0, 2.0], [3.0, 4.0]])
        >>> m.sum()
        Tensor(data=10.0, grad=0.0)
        >>> m.sum(axis=0)
        Tensor(data=[4.0, 6.0], grad=[0.0, 0.0])
        >>> m.sum(axis=1, keepdims=True)
        Tensor(data=[[3.0], [7.0]], grad=[[0.0], [0.0]])
        """
        shape = self.shape
        kept = np.sum(self.data, axis=axis, keepdims=True)
        kept_shape = kept.shape
        return Tensor(kept if keepdims else kept.squeeze(axis), (self,), "sum",
                      _grad_fn=lambda grad: (np.full(shape, grad.reshape(kept_shape)),))

    def mean(self, axis=None, keepdims=False):
        """Mean of the entries, over all axes or only over ``axis``: the sum divided by the count.

        Shapes are ``numpy.mean``'s. Where NumPy would warn and give NaN, a
        mean of no entries at all, this raises; an empty result is fine.

        >>> m = Tensor([[1.0, 2.0], [3.0, 4.0]])
        >>> m.mean()
        Tensor(data=2.5, grad=0.0)
        >>> m.mean(axis=1)
        Tensor(data=[1.5, 3.5], grad=[0.0, 0.0])
        >>> Tensor(np.zeros((0, 3))).mean(axis=1)
        Tensor(data=[], grad=[])
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

    def __neg__(self):
        """``-self``, as ``self * -1``.

        >>> -Tensor([2.0])
        Tensor(data=[-2.0], grad=[0.0])
        """
        return self * -1

    def __sub__(self, other):
        """``self - other``, as ``self + (-other)``.

        >>> Tensor([5.0]) - 2
        Tensor(data=[3.0], grad=[0.0])
        """
        return self + (-as_tensor(other))

    def __truediv__(self, other):
        """``self / other``: d/da (a/b) = 1/b and d/db (a/b) = -a/b², written -(a/b)/b.

        As in the scalar engine, dividing directly rounds once, and b is never
        squared, so a quotient that fits in a float never overflows on the way.

        >>> Tensor([1.0, 3.0]) / 4
        Tensor(data=[0.25, 0.75], grad=[0.0, 0.0])
        >>> Tensor([49.0]) / 49
        Tensor(data=[1.0], grad=[0.0])
        >>> Tensor([1.0]) / Tensor([0.0])
        Traceback (most recent call last):
        ...
        ZeroDivisionError: division by a Tensor with zero entries
        """
        other = as_tensor(other)
        a, b = self.data, other.data
        if (b == 0).any():
            raise ZeroDivisionError("division by a Tensor with zero entries")
        q = a / b
        return Tensor(q, (self, other), "/", _grad_fn=lambda grad: (grad / b, grad * (-q / b)))

    def __radd__(self, other):
        """``other + self`` when ``other`` is a number or an array, as in ``sum([...])``.

        >>> 2 + Tensor([1.0])
        Tensor(data=[3.0], grad=[0.0])
        """
        return self + other

    def __rmul__(self, other):
        """``other * self`` when ``other`` is a number or an array.

        >>> 2 * Tensor([1.5])
        Tensor(data=[3.0], grad=[0.0])
        """
        return self * other

    def __rsub__(self, other):
        """``other - self``: the number or array comes first.

        >>> 5 - Tensor([2.0])
        Tensor(data=[3.0], grad=[0.0])
        """
        return as_tensor(other) - self

    def __rtruediv__(self, other):
        """``other / self``: the number or array is the numerator.

        >>> 1 / Tensor([4.0])
        Tensor(data=[0.25], grad=[0.0])
        """
        return as_tensor(other) / self

    def __rmatmul__(self, other):
        """``other @ self`` when ``other`` is a nested list or an array.

        >>> np.eye(2) @ Tensor([[1.0], [2.0]])
        Tensor(data=[[1.0], [2.0]], grad=[[0.0], [0.0]])
        """
        return as_tensor(other) @ self

    def _backward(self):
        """Apply the chain rule one step: pass this node's gradient to its inputs.

        An input that was broadcast to a bigger shape gets its gradient summed
        back down to its own shape.

        >>> a = Tensor([1.0, 2.0])
        >>> b = a * 3
        >>> b.grad = np.ones(2)
        >>> b._backward()
        >>> a.grad
        array([3., 3.])
        """
        if not self._prev:
            return  # a leaf has no inputs to pass its gradient to
        for child, grad in zip(self._prev, self._grad_fn(self._grad), strict=True):
            child._add_grad(unbroadcast(grad, child.shape))

    def _add_grad(self, grad):
        """Add one gradient to this tensor's.

        A leaf adds into its own array, in place. An interior node takes the
        first gradient it gets as it is, without adding it to zeros; that array
        may be shared (``+`` passes one array to both inputs), so any further
        gradient makes a new sum instead of writing into it.

        >>> a = Tensor([1.0, 2.0])
        >>> b = a + 1
        >>> b._add_grad(np.ones(2))
        >>> b._add_grad(np.ones(2))
        >>> b.grad
        array([2., 2.])
        """
        if not self._prev:
            self.grad += grad
        elif self._grad is None:
            self._grad = grad
        else:
            self._grad = self._grad + grad

    def backward(self, grad=None):
        """Fill in ``grad`` for every tensor this one depends on.

        As in the scalar engine, interior nodes get fresh gradients on every
        call and leaves *accumulate*. A tensor with one entry seeds its own
        gradient with 1; any other tensor needs ``grad``, the gradient of some
        final number with respect to it, just as in PyTorch.

        >>> x = Tensor([1.0, 2.0])
        >>> y = x * x
        >>> y.backward(grad=[1.0, 1.0])
        >>> x.grad
        array([2., 4.])
        >>> y.backward()
        Traceback (most recent call last):
        ...
        ValueError: backward() without grad needs a single number, got shape (2,)
        """
        if grad is None:
            if self.data.size != 1:
                raise ValueError(f"backward() without grad needs a single number, "
                                 f"got shape {self.shape}")
            grad = np.ones_like(self.data)
        grad = as_tensor(grad).data
        if grad.shape != self.shape:
            raise ValueError(f"backward() needs grad of shape {self.shape}, got {grad.shape}")
        order = topological_order(self)
        for node in order:
            if node._prev:
                node._grad = None
        self._add_grad(grad)
        for node in reversed(order):
            node._backward()


def as_tensor(x):
    """Return ``x`` if it is a ``Tensor``, else wrap the number, list or array in one.

    >>> as_tensor(2)
    Tensor(data=2.0, grad=0.0)
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
    so those axes are summed.

    >>> unbroadcast(np.ones((2, 3)), (3,))
    array([2., 2., 2.])
    >>> unbroadcast(np.ones((2, 3)), (2, 1))
    array([[3.],
           [3.]])
    """
    if grad.shape == shape:
        return grad
    added = tuple(range(grad.ndim - len(shape)))
    if added:
        grad = grad.sum(axis=added)
    stretched = tuple(i for i, size in enumerate(shape) if size == 1 and grad.shape[i] > 1)
    return grad.sum(axis=stretched, keepdims=True) if stretched else grad


class TensorModule:
    """Something with tensor parameters: a layer or a whole network.

    >>> TensorModule().parameters()
    []
    """

    def zero_grad(self):
        """Make every parameter forget its gradient: it reads as zeros until the next one.

        The old arrays are dropped, not filled with zeros, as PyTorch's
        ``zero_grad()`` does by default, so a gradient kept from before stays as it was.

        >>> layer = TensorLayer([[1.0], [2.0]], [0.0])
        >>> layer([[1.0, 1.0]]).backward()
        >>> kept = layer.w.grad
        >>> layer.zero_grad()
        >>> layer.w.grad
        array([[0.],
               [0.]])
        >>> kept
        array([[1.],
               [1.]])
        """
        for p in self.parameters():
            p.grad = None

    def parameters(self):
        """Return the list of ``Tensor`` objects that training adjusts."""
        return []


class TensorLayer(TensorModule):
    """``activation(x @ w + b)`` for a batch ``x``: a whole ``micrograd.nn.Layer`` at once.

    Column j of the (nin, nout) matrix ``w`` holds the weights of neuron j, and
    ``b[j]`` its bias. Row i of ``x`` is example i, so row i of the output holds
    every neuron's answer to example i.

    >>> layer = TensorLayer([[1.0, -1.0], [2.0, 0.5]], [0.0, 1.0], activation="relu")
    >>> layer
    TensorLayer(2, 2, activation='relu')
    >>> layer([[1.0, 1.0], [-1.0, 0.0]])
    Tensor(data=[[3.0, 0.5], [0.0, 2.0]], grad=[[0.0, 0.0], [0.0, 0.0]])
    """

    def __init__(self, w, b, activation="relu"):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
        self.w = Tensor(w, label="w")
        self.b = Tensor(b, label="b")
        if self.w.data.ndim != 2 or self.b.shape != self.w.shape[1:]:
            raise ValueError(f"need w of shape (nin, nout) and b of shape (nout,), "
                             f"got {self.w.shape} and {self.b.shape}")
        self.activation = activation

    @classmethod
    def from_scalar(cls, layer):
        """Copy the weights of a scalar ``micrograd.nn.Layer``.

        >>> import random
        >>> from micrograd.nn import Layer
        >>> TensorLayer.from_scalar(Layer(3, 2, activation="tanh", rng=random.Random(0)))
        TensorLayer(3, 2, activation='tanh')
        """
        neurons = layer.neurons
        rows = [[w.data for w in n.w] for n in neurons]  # row j: the weights of neuron j
        return cls(np.array(rows).T, [n.b.data for n in neurons], neurons[0].activation)

    def __call__(self, x):
        """Return the outputs for a batch ``x`` of shape (n, nin): shape (n, nout).

        >>> layer = TensorLayer([[2.0], [3.0]], [1.0], activation="linear")
        >>> layer([[1.0, 1.0], [0.0, 1.0]])
        Tensor(data=[[6.0], [4.0]], grad=[[0.0], [0.0]])
        """
        act = as_tensor(x) @ self.w + self.b
        return act if self.activation == "linear" else getattr(act, self.activation)()

    def parameters(self):
        """The weight matrix, then the bias vector.

        >>> [p.shape for p in TensorLayer([[1.0, 2.0]], [0.0, 0.0]).parameters()]
        [(1, 2), (2,)]
        """
        return [self.w, self.b]

    def __repr__(self):
        nin, nout = self.w.shape
        return f"TensorLayer({nin}, {nout}, activation={self.activation!r})"


class TensorMLP(TensorModule):
    """A multi-layer perceptron over batches: ``TensorLayer`` objects applied in turn.

    It computes the same function as a scalar ``micrograd.nn.MLP`` with the
    same weights, one batch at a time. Build one with ``from_scalar``: to start
    from fresh random weights, convert a fresh scalar MLP.

    >>> import random
    >>> from micrograd.nn import MLP
    >>> model = TensorMLP.from_scalar(MLP(2, [16, 16, 1], rng=random.Random(0)))
    >>> model.layers[-1]
    TensorLayer(16, 1, activation='linear')
    >>> model([[0.5, -1.0], [1.0, 0.0], [0.0, 0.0]]).shape
    (3, 1)
    """

    def __init__(self, layers):
        self.layers = list(layers)

    @classmethod
    def from_scalar(cls, mlp):
        """Copy the weights of a scalar ``micrograd.nn.MLP``, so both compute the same scores.

        >>> import random
        >>> from micrograd.nn import MLP
        >>> scalar = MLP(3, [4, 4, 1], rng=random.Random(0))
        >>> scalar([2.0, 3.0, -1.0])
        Value(data=4.764698392131953, grad=0.0)
        >>> TensorMLP.from_scalar(scalar)([[2.0, 3.0, -1.0]])
        Tensor(data=[[4.764698392131953]], grad=[[0.0]])
        """
        return cls(TensorLayer.from_scalar(layer) for layer in mlp.layers)

    def __call__(self, x):
        """Feed a batch ``x`` of shape (n, nin) through every layer: shape (n, nout).

        >>> model = TensorMLP([TensorLayer([[1.0, -1.0]], [0.0, 0.0]),
        ...                    TensorLayer([[1.0], [1.0]], [0.5], activation="linear")])
        >>> model([[2.0], [-3.0]])
        Tensor(data=[[2.5], [3.5]], grad=[[0.0], [0.0]])
        """
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        """Every layer's parameters, layer by layer.

        >>> model = TensorMLP([TensorLayer([[1.0, -1.0]], [0.0, 0.0])])
        >>> [p.shape for p in model.parameters()]
        [(1, 2), (2,)]
        """
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return f"TensorMLP({self.layers!r})"


def max_margin_loss(scores, labels):
    """Mean hinge loss ``relu(1 - y·score)`` over a batch, for labels ``y`` of ±1.

    The tensor form of ``micrograd.losses.max_margin_loss``: ``scores`` is a
    ``Tensor`` with one entry per label, such as an (n, 1) batch of scores.

    >>> max_margin_loss(Tensor([[2.0], [0.5]]), [1, 1])
    Tensor(data=0.25, grad=0.0)
    >>> max_margin_loss(Tensor([[2.0], [0.5]]), [1, 1, -1])
    Traceback (most recent call last):
    ...
    ValueError: need one label per score: 2 scores, 3 labels
    >>> max_margin_loss(Tensor([[2.0], [0.5]]), [1, 0])
    Traceback (most recent call last):
    ...
    ValueError: labels must be -1 or +1, got 0
    """
    y = as_tensor(labels).data
    if y.size != scores.data.size:
        raise ValueError(f"need one label per score: {scores.data.size} scores, {y.size} labels")
    wrong = y[(y != 1) & (y != -1)]
    if wrong.size:
        raise ValueError(f"labels must be -1 or +1, got {wrong[0]:g}")
    return (1 - y.reshape(scores.shape) * scores).relu().mean()


def l2_penalty(parameters, alpha):
    """``alpha · Σ p²`` over every entry of every parameter: a pull toward zero.

    The tensor form of ``micrograd.losses.l2_penalty``.

    >>> l2_penalty([Tensor([1.0, -2.0]), Tensor([[3.0]])], alpha=0.5)
    Tensor(data=7.0, grad=0.0)
    """
    return alpha * sum((p * p).sum() for p in parameters)
