"""The gradient checkers themselves: they pass correct gradients and catch wrong ones.

The directional checks compare ``backward()`` with one central difference
along a random direction, so they also check whole networks, with hundreds of
parameters, at the price of two forward passes.
"""

import math
import random

import numpy as np
import pytest
from scalar_cases import CASES as SCALAR_CASES
from tensor_cases import CASES as TENSOR_CASES

from micrograd import MLP, Value, max_margin_loss, tensor, two_moons
from micrograd.gradcheck import (
    directional_check,
    directional_derivative,
    forward_reverse_check,
    gradient_check,
    tensor_directional_check,
)
from micrograd.tensor import Tensor, TensorMLP

SEEDS = range(5)


def sloppy_tanh(v):
    """tanh with the local derivative 1 - t where it should be 1 - t²."""
    t = math.tanh(v.data)
    return Value(t, (v,), "tanh", _local_grads=(1.0 - t,))


def sloppy_matmul(A, B):
    """A matrix product whose gradients miss their transposes: right shapes when square."""
    a, b = A.data, B.data
    return Tensor(a @ b, (A, B), "@", _grad_fn=lambda grad: (grad @ b, a.T @ grad))


@pytest.mark.parametrize("name", sorted(SCALAR_CASES))
def test_directional_check_passes_every_scalar_case(name):
    inputs, expression = SCALAR_CASES[name]
    assert max(directional_check(expression, inputs, seed=s) for s in SEEDS) < 1e-7


@pytest.mark.parametrize("name", sorted(TENSOR_CASES))
def test_tensor_directional_check_passes_every_tensor_case(name):
    inputs, expression = TENSOR_CASES[name]
    assert max(tensor_directional_check(expression, inputs, seed=s) for s in SEEDS) < 1e-7


def test_directional_derivative_is_the_gradient_dotted_with_the_direction():
    # f = a·b + b³ at (2, -3): gradient (-3, 29); along (1, 2) the slope is 55
    slope = directional_derivative(lambda a, b: a * b + b ** 3, [2.0, -3.0], [1.0, 2.0])
    assert slope == pytest.approx(55.0, rel=1e-9)


def test_directional_check_agrees_with_gradient_check_on_the_sloppy_tanh():
    def wrong(a):
        return sloppy_tanh(a * 2)
    assert gradient_check(wrong, [0.5]) > 0.1
    assert directional_check(wrong, [0.5]) > 0.1


def test_directional_check_catches_a_slip_in_one_input_of_many_though_diluted():
    def neuron(*w):
        terms = [wi * (i + 1) for i, wi in enumerate(w[1:])]
        return sloppy_tanh(w[0]) + sum(terms)
    args = [0.7] + [0.1] * 49
    errors = [directional_check(neuron, args, seed=s) for s in SEEDS]
    # far above round-off (about 1e-10), far below the one-entry error of 0.38
    assert all(1e-5 < e < 1e-2 for e in errors)
    assert gradient_check(neuron, args) > 0.3


def test_directional_check_costs_three_calls_whatever_the_number_of_inputs():
    calls = []

    def counted(*xs):
        calls.append(1)
        return sum(x * x for x in xs).tanh()

    directional_check(counted, [0.1] * 100)
    assert len(calls) == 3
    calls.clear()
    gradient_check(counted, [0.1] * 100)
    assert len(calls) == 201


def test_tensor_directional_check_catches_a_missing_transpose():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    assert all(tensor_directional_check(lambda A, B: sloppy_matmul(A, B).tanh().sum(),
                                        [a, b], seed=s) > 1e-2 for s in SEEDS)
    assert all(tensor_directional_check(lambda A, B: (A @ B).tanh().sum(),
                                        [a, b], seed=s) < 1e-7 for s in SEEDS)


def test_tensor_directional_check_needs_a_single_number():
    with pytest.raises(ValueError, match="single number"):
        tensor_directional_check(lambda a: a * 2, [np.ones(3)])


def tanh_network_loss(X, y):
    """The two-moons loss as a function of a tanh MLP's six parameter arrays."""
    def loss(w1, b1, w2, b2, w3, b3):
        hidden = (Tensor(X) @ w1 + b1).tanh()
        hidden = (hidden @ w2 + b2).tanh()
        return tensor.max_margin_loss(hidden @ w3 + b3, y)
    return loss


def test_whole_tensor_network_passes_the_directional_check():
    X, y = two_moons(100, noise=0.1, seed=1)
    net = TensorMLP.from_scalar(MLP(2, [16, 16, 1], activation="tanh", rng=random.Random(1)))
    arrays = [p.data for p in net.parameters()]
    assert sum(a.size for a in arrays) == 337
    loss = tanh_network_loss(X, y)
    assert max(tensor_directional_check(loss, arrays, seed=s) for s in SEEDS) < 1e-7


def test_whole_scalar_network_passes_the_directional_check():
    X, y = two_moons(20, noise=0.1, seed=1)
    model = MLP(2, [8, 8, 1], activation="tanh", rng=random.Random(1))
    weights = [p.data for p in model.parameters()]

    def loss(*leaves):
        # the network computes with the checker's leaves in place of its own
        given = iter(leaves)
        for layer in model.layers:
            for neuron in layer.neurons:
                neuron.w = [next(given) for _ in neuron.w]
                neuron.b = next(given)
        return max_margin_loss([model(x) for x in X], y)

    assert max(directional_check(loss, weights, seed=s) for s in SEEDS) < 1e-7


def nan_slope(x):
    """x itself, with a local derivative that is NaN: a broken operation."""
    return Value(x.data, (x,), "broken", (math.nan,))


@pytest.mark.parametrize("f", [lambda a, b: a * 2 + nan_slope(b),
                               lambda a, b: nan_slope(a) + b * 2],
                         ids=["nan-last", "nan-first"])
def test_gradient_check_fails_a_nan_gradient_in_either_place(f):
    assert not gradient_check(f, [1.0, 1.0]) < 1e-6
    assert not directional_check(f, [1.0, 1.0]) < 1e-6


def test_gradient_check_fails_an_infinite_gradient():
    def f(a, b):
        return a * 2 + Value(b.data, (b,), "broken", (math.inf,))
    assert gradient_check(f, [1.0, 1.0]) == math.inf


def test_tensor_directional_check_fails_a_nan_gradient():
    def f(w):
        out = (w * 2.0).sum()
        broken = Tensor(np.zeros(()), (w,), "broken",
                        _grad_fn=lambda g: (np.full(w.shape, np.nan),))
        return out + broken
    assert not tensor_directional_check(f, [np.ones((2, 2))]) < 1e-6


# The third checker: forward mode against reverse mode, no step size


@pytest.mark.parametrize("name", sorted(SCALAR_CASES))
def test_forward_reverse_check_passes_every_scalar_case_to_rounding(name):
    inputs, expression = SCALAR_CASES[name]
    for seed in SEEDS:
        assert forward_reverse_check(expression, inputs, seed=seed) < 1e-13


def test_forward_reverse_check_catches_the_sloppy_tanh():
    def wrong(a):
        return sloppy_tanh(a * 2)
    assert forward_reverse_check(wrong, [0.5]) > 0.1


def test_forward_reverse_check_is_exact_at_a_relu_corner_where_differences_fail():
    def corner(a, b):
        return (a - b).relu() * 3 + a * b
    assert directional_check(corner, [1.0, 1.0]) > 0.1
    assert forward_reverse_check(corner, [1.0, 1.0]) < 1e-15


def test_forward_reverse_check_on_a_whole_scalar_network():
    model = MLP(2, [4, 4, 1], rng=random.Random(0))
    xs = [[0.5, -1.0], [1.0, 2.0], [-0.5, 0.25]]
    start = [p.data for p in model.parameters()]
    assert forward_reverse_check(lambda *ps: loss_through(model, ps, xs), start) < 1e-12


def loss_through(model, ps, xs):
    """The model's loss as a function of parameters ``ps`` given as arguments."""
    k = 0
    for layer in model.layers:
        for neuron in layer.neurons:
            neuron.w, neuron.b = list(ps[k:k + len(neuron.w)]), ps[k + len(neuron.w)]
            k += len(neuron.w) + 1
    return max_margin_loss([model(x) for x in xs], [1, -1, 1])
