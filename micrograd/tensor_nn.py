"""Layers, networks and losses for the tensor engine: whole batches at once.

Taught in the chapter "From scalars to tensors", beside ``micrograd.tensor``,
which holds the ``Tensor`` itself and re-exports everything here. A layer
is one fused node, ``linear``, and an activation; its weights and biases
are the tensors that require gradients.
"""

import numbers
import random

import numpy as np

from micrograd.nn import ACTIVATIONS
from micrograd.tensor import Tensor, _check_matmul, _matmul


def linear(x, w, b):
    """``x @ w + b`` as one node, as PyTorch's ``addmm``: one step of backward instead of two.

    The product is not kept as a tensor of its own, and the bias is added
    into it in place, so a layer makes one array where two nodes made two.
    The gradients are those of the two nodes: dx = g @ wᵀ, dw = xᵀ @ g, and
    db = g summed over the batch.

    >>> x = Tensor([[1.0, 2.0]])
    >>> w = Tensor([[3.0], [4.0]], requires_grad=True)
    >>> b = Tensor([0.5], requires_grad=True)
    >>> out = linear(x, w, b)
    >>> out
    Tensor(data=[[11.5]], requires_grad=True)
    >>> out.backward()
    >>> w.grad, b.grad
    (array([[1.],
           [2.]]), array([1.]))
    """
    _check_matmul(x.data, w.data)
    x_t = x.data.T if w.requires_grad else None  # dw needs x
    w_t = w.data.T if x.requires_grad else None  # dx needs w
    out = x.data @ w.data
    out += b.data
    return x._result(out, (x, w, b), "@+",
                     lambda grad: (_matmul(grad, w_t), _matmul(x_t, grad), grad))


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
    every neuron's answer to example i. ``w`` and ``b`` become parameters:
    tensors that require grad.

    >>> layer = TensorLayer([[1.0, -1.0], [2.0, 0.5]], [0.0, 1.0], activation="relu")
    >>> layer
    TensorLayer(2, 2, activation='relu')
    >>> layer([[1.0, 1.0], [-1.0, 0.0]])
    Tensor(data=[[3.0, 0.5], [0.0, 2.0]], requires_grad=True)
    >>> TensorLayer(2, 4)
    Traceback (most recent call last):
    ...
    TypeError: TensorLayer takes weights and biases, not sizes: use TensorLayer.random(2, 4)
    """

    def __init__(self, w, b, activation="relu", dtype=None):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
        if isinstance(w, numbers.Integral) and isinstance(b, numbers.Integral):
            raise TypeError(f"TensorLayer takes weights and biases, not sizes: "
                            f"use TensorLayer.random({w}, {b})")
        self.w = Tensor(w, label="w", requires_grad=True, dtype=dtype)
        self.b = Tensor(b, label="b", requires_grad=True, dtype=dtype)
        if self.w.data.ndim != 2 or self.b.shape != self.w.shape[1:]:
            raise ValueError(f"need w of shape (nin, nout) and b of shape (nout,), "
                             f"got {self.w.shape} and {self.b.shape}")
        self.activation = activation

    @classmethod
    def random(cls, nin, nout, activation="relu", rng=None, dtype=None):
        """A layer of fresh weights, drawn as ``micrograd.nn.Layer`` draws them.

        Each neuron in turn draws its ``nin`` weights uniform in [-1, 1] from
        ``rng`` (a ``random.Random``); biases start at 0. The same ``rng``
        state gives the scalar layer's very numbers.

        >>> from micrograd.nn import Layer
        >>> twin = TensorLayer.random(3, 2, rng=random.Random(0))
        >>> scalar = Layer(3, 2, rng=random.Random(0))
        >>> twin.w.data[:, 0].tolist() == [w.data for w in scalar.neurons[0].w]
        True
        """
        rng = random.Random() if rng is None else rng
        rows = [[rng.uniform(-1, 1) for _ in range(nin)] for _ in range(nout)]
        return cls(np.array(rows).T.reshape(nin, nout), np.zeros(nout), activation, dtype)

    @classmethod
    def from_scalar(cls, layer):
        """Copy the weights of a scalar ``micrograd.nn.Layer``.

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
        Tensor(data=[[6.0], [4.0]], requires_grad=True)
        """
        act = linear(self.w._coerce(x), self.w, self.b)
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

    ``TensorMLP(nin, nouts, seed=s)`` draws the very weights of
    ``micrograd.nn.MLP(nin, nouts, rng=random.Random(s))``, so both compute
    the same function, the tensor one a batch at a time. ``dtype=np.float32``
    asks for single precision.

    >>> model = TensorMLP(2, [16, 16, 1], seed=0)
    >>> model.layers[-1]
    TensorLayer(16, 1, activation='linear')
    >>> model([[0.5, -1.0], [1.0, 0.0], [0.0, 0.0]]).shape
    (3, 1)
    >>> TensorMLP(2, 16)
    Traceback (most recent call last):
    ...
    TypeError: nouts must be a list of layer widths, such as [16, 16, 1], got int: 16
    """

    def __init__(self, nin, nouts, activation="relu", output_activation="linear", seed=None,
                 dtype=None):
        if not isinstance(nouts, (list, tuple)) or not nouts:
            raise TypeError(f"nouts must be a list of layer widths, such as [16, 16, 1], "
                            f"got {type(nouts).__name__}: {nouts!r}")
        rng = random.Random(seed)
        sizes = [nin, *nouts]
        last = len(nouts) - 1
        self.layers = [TensorLayer.random(sizes[i], sizes[i + 1], rng=rng, dtype=dtype,
                                          activation=output_activation if i == last
                                          else activation)
                       for i in range(len(nouts))]

    @classmethod
    def from_layers(cls, layers):
        """A network made of the given ``TensorLayer`` objects, in order.

        >>> model = TensorMLP.from_layers([TensorLayer([[1.0, -1.0]], [0.0, 0.0]),
        ...                                TensorLayer([[1.0], [1.0]], [0.5], "linear")])
        >>> model([[2.0], [-3.0]])
        Tensor(data=[[2.5], [3.5]], requires_grad=True)
        """
        model = cls.__new__(cls)  # skips __init__, which draws layers from sizes
        model.layers = list(layers)
        return model

    @classmethod
    def from_scalar(cls, mlp):
        """Copy the weights of a scalar ``micrograd.nn.MLP``, so both compute the same scores.

        >>> from micrograd.nn import MLP
        >>> scalar = MLP(3, [4, 4, 1], rng=random.Random(0))
        >>> scalar([2.0, 3.0, -1.0])
        Value(data=4.764698392131953, grad=0.0)
        >>> TensorMLP.from_scalar(scalar)([[2.0, 3.0, -1.0]])
        Tensor(data=[[4.764698392131953]], requires_grad=True)
        """
        return cls.from_layers(TensorLayer.from_scalar(layer) for layer in mlp.layers)

    def __call__(self, x):
        """Feed a batch ``x`` of shape (n, nin) through every layer: shape (n, nout).

        >>> model = TensorMLP(3, [4, 1], seed=0)
        >>> model(np.ones((5, 3))).shape
        (5, 1)
        """
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        """Every layer's parameters, layer by layer.

        >>> [p.shape for p in TensorMLP(1, [2, 1]).parameters()]
        [(1, 2), (2,), (2, 1), (1,)]
        """
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return f"TensorMLP({self.layers!r})"


def _check_scores(scores, loss):
    """Raise unless ``scores`` is a Tensor, naming the scalar engine's loss for anything else."""
    if not isinstance(scores, Tensor):
        raise TypeError(f"micrograd.tensor.{loss} takes a Tensor of scores, such as a "
                        f"TensorMLP's output, got {type(scores).__name__}: for a list of "
                        f"Value objects, use micrograd.{loss}")


def max_margin_loss(scores, labels):
    """Mean hinge loss ``relu(1 - y·score)`` over a batch, for labels ``y`` of ±1.

    The tensor form of ``micrograd.losses.max_margin_loss``: ``scores`` is a
    ``Tensor`` with one entry per label, such as an (n, 1) batch of scores.

    >>> max_margin_loss(Tensor([[2.0], [0.5]]), [1, 1])
    Tensor(data=0.25)
    >>> max_margin_loss(Tensor([[2.0], [0.5]]), [1, 1, -1])
    Traceback (most recent call last):
    ...
    ValueError: need one label per score: 2 scores, 3 labels
    >>> max_margin_loss(Tensor([[2.0], [0.5]]), [1, 0])
    Traceback (most recent call last):
    ...
    ValueError: labels must be -1 or +1, got 0
    """
    _check_scores(scores, "max_margin_loss")
    y = scores._coerce(labels).data
    if y.size != scores.data.size:
        raise ValueError(f"need one label per score: {scores.data.size} scores, {y.size} labels")
    wrong = y[(y != 1) & (y != -1)]
    if wrong.size:
        raise ValueError(f"labels must be -1 or +1, got {wrong[0]:g}")
    return (1 - y.reshape(scores.shape) * scores).relu().mean()


def softmax_cross_entropy(logits, labels):
    """Mean of ``-log softmax(logits)[i, labels[i]]``: the loss for choosing one class of many.

    ``logits`` is an (n, classes) Tensor of scores, ``labels`` n class
    numbers from 0 to classes - 1, as for PyTorch's ``cross_entropy``.

    >>> softmax_cross_entropy(Tensor([[0.0, 0.0], [0.0, 0.0]]), [0, 1])  # ln 2: a coin toss
    Tensor(data=0.6931471805599453)
    >>> softmax_cross_entropy(Tensor([[0.0, 0.0]]), [2])
    Traceback (most recent call last):
    ...
    ValueError: labels must be class numbers from 0 to 1, got 2
    """
    _check_scores(logits, "softmax_cross_entropy")
    if logits.data.ndim != 2:
        raise ValueError(f"softmax_cross_entropy needs logits of shape (n, classes), "
                         f"got {logits.shape}")
    n, classes = logits.shape
    y = np.asarray(labels)
    if y.shape != (n,):
        raise ValueError(f"need one label per row of logits: {n} rows, labels of shape {y.shape}")
    wrong = y[(y != np.round(y)) | (y < 0) | (y >= classes)] if y.size else y
    if wrong.size or y.dtype.kind not in "iuf":
        raise ValueError(f"labels must be class numbers from 0 to {classes - 1}, "
                         f"got {wrong[0] if wrong.size else y.dtype}")
    return -logits.log_softmax(axis=1)[np.arange(n), y.astype(int)].mean()


def l2_penalty(parameters, alpha):
    """``alpha · Σ p²`` over every entry of every parameter: a pull toward zero.

    The tensor form of ``micrograd.losses.l2_penalty``.

    >>> l2_penalty([Tensor([1.0, -2.0]), Tensor([[3.0]])], alpha=0.5)
    Tensor(data=7.0)
    """
    return alpha * sum((p * p).sum() for p in parameters)
