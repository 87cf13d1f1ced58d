"""The lecture's design turned into ours one factor at a time, for chapter 12's ablation.

Each class below differs from the one before it in exactly one respect:

- ``closure_engine.Value``: each closure captures ``out``, a ring per node;
- ``GradArgument``: each closure takes the gradient as its argument instead;
- ``FlatBuild``: the recursive sort without the nested ``build`` that refers to itself;
- ``IterativeSort``: the package's iterative ``topological_order``;
- ``Slotted``: ``__slots__``, no per-object dictionary;
- ``TupleParents``: inputs in a tuple instead of a set;
- ``WeightedSum``: a neuron is one n-ary weighted-sum node, not a chain;
- ``LocalGrads``: numbers instead of a closure per node, the package's design
  written as barely as the rungs before it;
- ``EveryNode``: the package's own code (its argument checks, its labels, its
  ``MLP``), but a ``backward()`` that runs every node's step, as all the rungs
  before it do.

The last step, skipping the nodes whose gradient is zero, is the package
itself. This is teaching code, not part of the package.
"""

import operator
import random

from micrograd import Value, topological_order


class _Operations:
    """Arithmetic whose closures receive the gradient as an argument: nothing captures ``out``."""

    __slots__ = ()
    parents = set

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda grad: None  # a function per node, as in the lecture's
        self._prev = self.parents(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, _Operations) else type(self)(other)
        out = type(self)(self.data + other.data, (self, other), "+")

        def _backward(grad):
            self.grad += grad
            other.grad += grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, _Operations) else type(self)(other)
        out = type(self)(self.data * other.data, (self, other), "*")

        def _backward(grad):
            self.grad += other.data * grad
            other.grad += self.data * grad
        out._backward = _backward
        return out

    def relu(self):
        positive = self.data > 0
        out = type(self)(self.data if positive else 0.0, (self,), "ReLU")

        def _backward(grad):
            self.grad += positive * grad
        out._backward = _backward
        return out

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return self + (-other)

    def __rsub__(self, other):
        return (-self) + other

    def __rmul__(self, other):
        return self * other


class GradArgument(_Operations):
    """The lecture's ``backward()``, calling each closure with its node's gradient."""

    def backward(self):
        topo, visited = [], set()

        def build(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward(v.grad)


def _build(v, topo, visited):
    """The lecture's recursive sort as a plain function: no closure refers to it."""
    if v not in visited:
        visited.add(v)
        for child in v._prev:
            _build(child, topo, visited)
        topo.append(v)


class FlatBuild(GradArgument):
    def backward(self):
        topo = []
        _build(self, topo, set())
        self.grad = 1.0
        for v in reversed(topo):
            v._backward(v.grad)


class IterativeSort(GradArgument):
    def backward(self):
        self.grad = 1.0
        for v in reversed(topological_order(self)):
            v._backward(v.grad)


class Slotted(_Operations):
    __slots__ = ("data", "grad", "_backward", "_prev", "_op")
    backward = IterativeSort.backward


class TupleParents(Slotted):
    __slots__ = ()
    parents = tuple


class WeightedSum(TupleParents):
    __slots__ = ()

    @classmethod
    def weighted_sum(cls, weights, inputs, bias):
        """``bias + Σ wᵢ·xᵢ`` as one node with 2n + 1 inputs."""
        w_data, x_data = [w.data for w in weights], [x.data for x in inputs]
        data = sum(map(operator.mul, w_data, x_data), bias.data)
        out = cls(data, (*weights, *inputs, bias), "Σwx")

        def _backward(grad):
            for w, x in zip(weights, x_data, strict=True):
                w.grad += x * grad
            for x, w in zip(inputs, w_data, strict=True):
                x.grad += w * grad
            bias.grad += grad
        out._backward = _backward
        return out


class LocalGrads(_Operations):
    """Each node keeps one local derivative per input, and one method does every backward step."""

    __slots__ = ("data", "grad", "_prev", "_op", "_local_grads")

    def __init__(self, data, _children=(), _op="", _local_grads=()):
        self.data = data
        self.grad = 0.0
        self._prev = tuple(_children)
        self._op = _op
        self._local_grads = _local_grads

    def __add__(self, other):
        other = other if isinstance(other, _Operations) else type(self)(other)
        return type(self)(self.data + other.data, (self, other), "+", (1.0, 1.0))

    def __mul__(self, other):
        other = other if isinstance(other, _Operations) else type(self)(other)
        return type(self)(self.data * other.data, (self, other), "*", (other.data, self.data))

    def relu(self):
        positive = self.data > 0
        return type(self)(self.data if positive else 0.0, (self,), "ReLU",
                          (1.0 if positive else 0.0,))

    @classmethod
    def weighted_sum(cls, weights, inputs, bias):
        """``bias + Σ wᵢ·xᵢ`` as one node with 2n + 1 inputs and their local derivatives."""
        w_data, x_data = [w.data for w in weights], [x.data for x in inputs]
        data = sum(map(operator.mul, w_data, x_data), bias.data)
        return cls(data, (*weights, *inputs, bias), "Σwx", (*x_data, *w_data, 1.0))

    def _backward(self):
        grad = self.grad
        for child, local_grad in zip(self._prev, self._local_grads):  # noqa: B905
            child.grad += local_grad * grad

    def backward(self):
        self.grad = 1.0
        for v in reversed(topological_order(self)):
            v._backward()


class EveryNode(Value):
    """The package's engine with a ``backward()`` that has no shortcut for zero gradients.

    Against ``LocalGrads`` it adds what makes the package safe to use: every
    argument checked, a label per node, the package's ``MLP`` with its checked
    inputs, and interior gradients reset so that ``backward()`` can run twice.
    """

    __slots__ = ()

    def backward(self):
        order = topological_order(self)
        for node in order:
            if node._prev:
                node.grad = 0.0
        self.grad += 1.0
        for node in reversed(order):
            node._backward()


class MLP:
    """The two-moons network for any of the classes above: ReLU hidden layers, linear output.

    It draws its weights from ``random`` in the order ``closure_engine.MLP`` does.
    """

    def __init__(self, value, nin, nouts):
        sizes = [nin, *nouts]
        self.value = value
        self.layers = [[([value(random.uniform(-1, 1)) for _ in range(sizes[i])], value(0.0))
                        for _ in range(sizes[i + 1])] for i in range(len(nouts))]

    def neuron(self, w, b, x):
        if hasattr(self.value, "weighted_sum"):
            return self.value.weighted_sum(w, x, b)
        return sum((wi * xi for wi, xi in zip(w, x, strict=True)), b)

    def __call__(self, x):
        for depth, layer in enumerate(self.layers):
            acts = [self.neuron(w, b, x) for w, b in layer]
            x = acts if depth == len(self.layers) - 1 else [a.relu() for a in acts]
        return x[0]

    def parameters(self):
        return [p for layer in self.layers for w, b in layer for p in (*w, b)]


def training_step(value, X, Y, model=None):
    """One full-batch step of the two-moons network built from ``value``, as a function.

    ``model`` is given for the engines that bring their own ``MLP``; the hinge
    loss, the L2 penalty and ``backward()`` are written the same way for all.
    The step calls ``value.backward(loss)``, not ``loss.backward()``, so that a
    rung can change ``backward()`` alone while the package's ``MLP`` builds
    the nodes.
    """
    random.seed(0)
    model = model(2, [16, 16, 1]) if model else MLP(value, 2, [16, 16, 1])
    params = model.parameters()

    def step():
        scores = [model([value(a), value(b)]) for a, b in X]
        losses = [(1 - y * s).relu() for s, y in zip(scores, Y, strict=True)]
        loss = sum(losses) * (1.0 / len(losses)) + 1e-4 * sum(p * p for p in params)
        for p in params:
            p.grad = 0.0
        value.backward(loss)
        return loss
    return step, params
