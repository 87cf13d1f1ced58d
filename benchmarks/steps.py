"""One two-moons training step, written for every engine that ``make bench`` compares.

Every step function does the same work: a full-batch forward pass of an
MLP(2, [16, 16, 1]) with ReLU hidden layers, the mean hinge loss plus an L2
penalty of 1e-4, a backward pass, and a plain SGD update with rate 0.01. All
of them start from the same weights (``random.seed(0)``, then ``MLP``).

- ``micrograd_step``: the package, one ``Value`` per number;
- ``closure_step``: the lecture's design (``closure_engine.py``);
- ``floor_step``: the least this design costs in Python, on the same graph (same
  nodes, same edges): a slotted object per node with its two tuples, a
  multiply-add per edge going forward and back, and the sort's visit per edge;
- ``tensor_step``: ``micrograd.tensor``, the whole batch as arrays;
- ``torch_scalar_step`` and ``torch_tensor_step``: PyTorch, one 0-dimensional
  tensor per number, or the whole batch as matrices;
- ``numpy_step``: the gradients written out by hand in NumPy, no graph at all.

A builder returns None when the library it needs is not installed.
"""

import operator
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import closure_engine  # noqa: E402

import micrograd  # noqa: E402
from micrograd import l2_penalty, max_margin_loss, topological_order  # noqa: E402

LR, ALPHA = 0.01, 1e-4


def _model(engine=micrograd):
    random.seed(0)
    return engine.MLP(2, [16, 16, 1])


def _weights():
    """The starting weights as (rows of weights, biases) per layer, from the scalar MLP."""
    return [([[w.data for w in n.w] for n in layer.neurons], [n.b.data for n in layer.neurons])
            for layer in _model().layers]


def micrograd_step(X, Y):
    model = _model()
    params = model.parameters()

    def step():
        scores = [model(x) for x in X]
        loss = max_margin_loss(scores, Y) + l2_penalty(params, ALPHA)
        for p in params:
            p.grad = 0.0
        loss.backward()
        for p in params:
            p.data -= LR * p.grad
        return loss
    return step


def closure_step(X, Y):
    model = _model(closure_engine)
    params = model.parameters()
    Value = closure_engine.Value

    def step():
        scores = [model([Value(a), Value(b)]) for a, b in X]
        losses = [(1 - y * s).relu() for s, y in zip(scores, Y, strict=True)]
        loss = sum(losses) * (1.0 / len(losses)) + ALPHA * sum(p * p for p in params)
        for p in params:
            p.grad = 0.0
        loss.backward()
        for p in params:
            p.data -= LR * p.grad
        return loss
    return step


class _Node:
    """The least a node of this design can be: a slotted object with two tuples."""

    __slots__ = ("data", "grad", "_prev", "_local_grads")

    def __init__(self, data, prev, local_grads):
        self.data = data
        self.grad = 0.0
        self._prev = prev
        self._local_grads = local_grads


def floor_step(X, Y):
    """The work no engine of this design can avoid, on the graph of ``micrograd_step``.

    Four pieces, each in the cheapest Python there is: a slotted node per node
    of the graph, with a tuple of its inputs and a tuple of its local
    derivatives; a multiply-add per edge going forward (in C); the topological
    sort, which visits every edge; and a multiply-add per edge going back.
    Nothing here finds a value, chooses an operation or checks an argument,
    so the sum of the four is a floor under any engine that builds this graph.
    """
    root = micrograd_step(X, Y)()
    order = topological_order(root)
    data = [node.data for node in order]
    inputs = [list(node._prev) for node in order]
    local_grads = [list(node._local_grads) for node in order]
    weights = [g for node in order for g in node._local_grads]
    values = [child.data for node in order for child in node._prev]

    def step():
        nodes = list(map(_Node, data, map(tuple, inputs), map(tuple, local_grads)))
        sum(map(operator.mul, weights, values))
        for node in reversed(topological_order(root)):
            grad = node.grad
            for child, local in zip(node._prev, node._local_grads):  # noqa: B905
                child.grad += local * grad
        return nodes[-1]
    return step


def tensor_step(X, Y):
    try:
        import numpy as np

        from micrograd import tensor
    except ImportError:
        return None
    model = tensor.TensorMLP.from_scalar(_model())
    params = model.parameters()
    x, y = tensor.Tensor(X), np.array(Y)  # converted once, as for PyTorch and NumPy by hand

    def step():
        loss = tensor.max_margin_loss(model(x), y) + tensor.l2_penalty(params, ALPHA)
        model.zero_grad()
        loss.backward()
        for p in params:
            p.data = p.data - LR * p.grad
        return loss
    return step


def _torch():
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)  # every other engine here runs on one core
    return torch


def torch_scalar_step(X, Y):
    torch = _torch()
    if torch is None:
        return None

    def scalar(x):
        return torch.tensor(x, dtype=torch.float64, requires_grad=True)
    layers = [([[scalar(w) for w in row] for row in rows], [scalar(b) for b in biases])
              for rows, biases in _weights()]
    params = [p for rows, biases in layers
              for row, b in zip(rows, biases, strict=True) for p in (*row, b)]

    def forward(x):
        for depth, (rows, biases) in enumerate(layers):
            acts = [sum((w * xi for w, xi in zip(row, x, strict=True)), b)
                    for row, b in zip(rows, biases, strict=True)]
            x = acts if depth == len(layers) - 1 else [a.relu() for a in acts]
        return x[0]

    def step():
        inputs = [[torch.tensor(a, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)]
                  for a, b in X]
        losses = [(1 - y * forward(x)).relu() for x, y in zip(inputs, Y, strict=True)]
        loss = sum(losses) * (1.0 / len(losses)) + ALPHA * sum(p * p for p in params)
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= LR * p.grad
        return loss
    return step


def torch_tensor_step(X, Y):
    torch = _torch()
    if torch is None:
        return None
    params = []
    for rows, biases in _weights():
        params += [torch.tensor(rows, dtype=torch.float64).T.contiguous().requires_grad_(),
                   torch.tensor(biases, dtype=torch.float64, requires_grad=True)]
    x = torch.tensor(X, dtype=torch.float64)
    y = torch.tensor(Y, dtype=torch.float64).reshape(-1, 1)

    def step():
        h = x
        for i in range(0, len(params), 2):
            h = h @ params[i] + params[i + 1]
            if i + 2 < len(params):
                h = h.relu()
        loss = (1 - y * h).relu().mean() + ALPHA * sum((p * p).sum() for p in params)
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= LR * p.grad
        return loss
    return step


def numpy_step(X, Y):
    """Forward, backward and update written by hand: the least Python can ask of NumPy."""
    try:
        import numpy as np
    except ImportError:
        return None
    params = []
    for rows, biases in _weights():
        params += [np.array(rows).T.copy(), np.array(biases)]
    x = np.array(X, dtype=float)
    y = np.array(Y, dtype=float).reshape(-1, 1)
    n = len(x)

    def step():
        w1, b1, w2, b2, w3, b3 = params
        a1 = x @ w1 + b1
        h1 = np.maximum(a1, 0.0)
        a2 = h1 @ w2 + b2
        h2 = np.maximum(a2, 0.0)
        s = h2 @ w3 + b3
        margin = 1.0 - y * s
        loss = np.maximum(margin, 0.0).mean() + ALPHA * sum((p * p).sum() for p in params)
        ds = np.where(margin > 0, -y / n, 0.0)
        da2 = (ds @ w3.T) * (a2 > 0)
        da1 = (da2 @ w2.T) * (a1 > 0)
        grads = [x.T @ da1, da1.sum(0), h1.T @ da2, da2.sum(0), h2.T @ ds, ds.sum(0)]
        for p, g in zip(params, grads, strict=True):
            p -= LR * (g + 2 * ALPHA * p)
        return loss
    return step
