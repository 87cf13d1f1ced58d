"""Neurons, layers and the multi-layer perceptron, with a PyTorch-like API.

Taught in the chapters "A neuron" and "Layers and the MLP". Every module knows
its ``parameters()`` (the ``Value`` objects that training adjusts) and can
``zero_grad()`` them.
"""

import numbers
import random
from collections.abc import Mapping, Set

from micrograd.engine import Value, as_value, weighted_sum

ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")


class Module:
    """Something with parameters: a neuron, a layer or a whole network.

    >>> Module().parameters()
    []
    """

    def zero_grad(self):
        """Set the gradient of every parameter back to zero.

        >>> n = Neuron(2)
        >>> n([1.0, 2.0]).backward()
        >>> n.zero_grad()
        >>> [p.grad for p in n.parameters()]
        [0.0, 0.0, 0.0]
        """
        for p in self.parameters():
            p.grad = 0.0

    def parameters(self):
        """Return the list of ``Value`` objects that training adjusts."""
        return []


class Neuron(Module):
    """One neuron: ``activation(w · x + b)``.

    Weights start uniform in [-1, 1], drawn from ``rng`` (Python's ``random``
    module unless you pass a ``random.Random``); the bias starts at 0.
    A seed is not accepted in place of ``rng``: every neuron of a layer would
    get the same seed, and so the same weights.
    ``nonlin=False`` is kept from micrograd's API and means ``activation="linear"``.

    >>> n = Neuron(2, activation="tanh", rng=random.Random(0))
    >>> n
    Neuron(2, activation='tanh')
    >>> len(n.parameters())
    3
    >>> Neuron(2, rng=42)
    Traceback (most recent call last):
    ...
    TypeError: rng must be a random.Random, such as random.Random(42), or None, got int: 42
    """

    def __init__(self, nin, nonlin=True, activation="relu", rng=None):
        _check_size("nin", nin, "a neuron needs at least one input")
        _check_activation("activation", activation)
        rng = random if rng is None else rng
        if not hasattr(rng, "uniform"):
            raise TypeError(f"rng must be a random.Random, such as random.Random(42), or None, "
                            f"got {type(rng).__name__}: {rng!r}")
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0.0)
        self.activation = activation if nonlin else "linear"

    def __call__(self, x):
        """Return the neuron's output for the inputs ``x``, after checking them.

        >>> n = Neuron(2, rng=random.Random(0))
        >>> n([1.0, 2.0, 3.0])
        Traceback (most recent call last):
        ...
        ValueError: expected 2 inputs, got 3
        """
        return self.forward(_checked_inputs(x, len(self.w)))

    def forward(self, x):
        """The output for ``x``, a list of ``Value`` objects already checked.

        >>> n = Neuron(2, activation="linear", rng=random.Random(0))
        >>> n.forward([Value(1.0), Value(2.0)])
        Value(data=1.7206613148113061, grad=0.0)
        """
        act = weighted_sum(self.w, x, self.b)
        return act if self.activation == "linear" else getattr(act, self.activation)()

    def parameters(self):
        """The weights, then the bias."""
        return self.w + [self.b]

    def __repr__(self):
        return f"Neuron({len(self.w)}, activation={self.activation!r})"


class Layer(Module):
    """``nout`` neurons that each see the same ``nin`` inputs.

    Keyword arguments go to every ``Neuron``. A layer of one neuron returns a
    ``Value``; a wider layer returns a list of them.

    >>> layer = Layer(3, 2, rng=random.Random(0))
    >>> layer
    Layer(3, 2, activation='relu')
    >>> len(layer([1.0, 2.0, 3.0]))
    2
    """

    def __init__(self, nin, nout, **kwargs):
        _check_size("nout", nout, "a layer needs at least one neuron")
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        """Return each neuron's output (a single ``Value`` if there is one neuron)."""
        x = _checked_inputs(x, len(self.neurons[0].w))  # once, not once per neuron
        outs = [n.forward(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs

    def parameters(self):
        """Every neuron's parameters, neuron by neuron.

        >>> len(Layer(3, 2).parameters())  # 2 neurons, each 3 weights and a bias
        8
        """
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        first = self.neurons[0]
        return f"Layer({len(first.w)}, {len(self.neurons)}, activation={first.activation!r})"


class MLP(Module):
    """A multi-layer perceptron: layers applied one after another.

    ``nouts`` lists the width of each layer. Hidden layers use ``activation``;
    the last layer uses ``output_activation`` (linear by default, so scores are
    unbounded), as in the micrograd repository. The network of the lecture's
    video is ``activation="tanh", output_activation="tanh"``.

    >>> model = MLP(2, [16, 16, 1], rng=random.Random(0))
    >>> model
    MLP(2, [16, 16, 1], activation='relu', output_activation='linear')
    >>> len(model.parameters())
    337

    ``seed=0`` is short for ``rng=random.Random(0)``, as in ``two_moons(seed=0)``:

    >>> a, b = MLP(2, [3, 1], seed=0), MLP(2, [3, 1], rng=random.Random(0))
    >>> [p.data for p in a.parameters()] == [p.data for p in b.parameters()]
    True
    """

    def __init__(self, nin, nouts, activation="relu", output_activation="linear", rng=None,
                 seed=None):
        if seed is not None:
            if rng is not None:
                raise TypeError("give either rng or seed, not both")
            rng = random.Random(seed)
        if not isinstance(nouts, (list, tuple)):
            raise TypeError(f"nouts must be a list of layer widths, such as [16, 16, 1], "
                            f"got {type(nouts).__name__}: {nouts!r}")
        if not nouts:
            raise ValueError("nouts must list the width of at least one layer, got []")
        _check_activation("activation", activation)
        _check_activation("output_activation", output_activation)
        self.nin, self.nouts = nin, list(nouts)
        self.activation, self.output_activation = activation, output_activation
        sizes = [nin] + self.nouts
        last = len(nouts) - 1
        self.layers = [
            Layer(sizes[i], sizes[i + 1], rng=rng,
                  activation=output_activation if i == last else activation)
            for i in range(len(nouts))
        ]

    def __call__(self, x):
        """Feed ``x`` through every layer in turn.

        >>> model = MLP(3, [4, 4, 1], rng=random.Random(0))
        >>> model([2.0, 3.0, -1.0])
        Value(data=4.764698392131953, grad=0.0)
        """
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        """Every layer's parameters, layer by layer."""
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return (f"MLP({self.nin}, {self.nouts}, activation={self.activation!r}, "
                f"output_activation={self.output_activation!r})")


def _checked_inputs(x, nin):
    """``x`` as a list of ``nin`` Values: numbers are wrapped, a wrong count refused.

    A single input becomes a list of one. ``None``, and collections without an
    order of their own (a set, or a dict, whose keys would be used), are refused.
    """
    if isinstance(x, (Value, numbers.Real)):
        x = [x]
    elif x is None or isinstance(x, (Mapping, Set)):
        raise TypeError(f"expected a list of {nin} inputs, got {type(x).__name__}: {x!r}")
    if any(isinstance(xi, (list, tuple)) or getattr(xi, "shape", ()) for xi in x):
        raise TypeError(f"a scalar model takes one example at a time, a list of {nin} "
                        f"numbers, got a batch: use [model(x) for x in X], or TensorMLP")
    x = [as_value(xi) for xi in x]
    if len(x) != nin:
        raise ValueError(f"expected {nin} inputs, got {len(x)}")
    return x


def _check_size(name, size, meaning):
    """Raise unless ``size`` is an int of at least 1; ``meaning`` says why it must be."""
    if isinstance(size, bool) or not isinstance(size, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(size).__name__}: {size!r}")
    if size < 1:
        raise ValueError(f"{meaning}, got {name}={size}")


def _check_activation(name, activation):
    """Raise unless ``activation`` is one of the names in ``ACTIVATIONS``."""
    if activation not in ACTIVATIONS:
        raise ValueError(f"{name} must be one of {ACTIVATIONS}, got {activation!r}")
