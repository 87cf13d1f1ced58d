"""Neurons, layers and MLPs: shapes, parameters, errors and reproducibility."""

import os
import random
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from micrograd import MLP, Layer, Neuron, Value


def test_mlp_parameter_count_matches_micrograd():
    assert len(MLP(2, [16, 16, 1]).parameters()) == 337
    assert len(MLP(3, [4, 4, 1]).parameters()) == 41


def test_default_mlp_has_relu_hidden_layers_and_linear_output():
    model = MLP(2, [16, 16, 1])
    assert [layer.neurons[0].activation for layer in model.layers] == ["relu", "relu", "linear"]


def test_notebook_tanh_network():
    model = MLP(3, [4, 4, 1], activation="tanh", output_activation="tanh")
    out = model([2.0, 3.0, -1.0])
    assert out._op == "tanh"
    assert -1 < out.data < 1


def test_micrograd_style_constructors_still_work():
    assert Neuron(3, nonlin=False).activation == "linear"
    assert Neuron(3).activation == "relu"
    layer = Layer(3, 2, nonlin=False)
    assert all(n.activation == "linear" for n in layer.neurons)
    v = Value(2.0, (), "")
    assert (v._prev, v._op) == ((), "")


def test_one_neuron_layer_returns_a_value_wider_returns_a_list():
    assert isinstance(Layer(2, 1)([1.0, 2.0]), Value)
    outs = Layer(2, 3)([1.0, 2.0])
    assert isinstance(outs, list) and len(outs) == 3


def test_width_one_inner_layer_works():
    model = MLP(2, [16, 1, 1])
    out = model([0.5, -0.5])
    assert isinstance(out, Value)
    out.backward()
    assert len(model.parameters()) == 16 * 3 + 17 + 2


@pytest.mark.parametrize("module", [Neuron(2), Layer(2, 3), MLP(2, [4, 1])],
                         ids=["Neuron", "Layer", "MLP"])
@pytest.mark.parametrize("inputs", [[1.0], [1.0, 2.0, 3.0]])
def test_wrong_number_of_inputs_names_both_counts(module, inputs):
    with pytest.raises(ValueError, match=f"expected 2 inputs, got {len(inputs)}"):
        module(inputs)


def test_layer_output_is_each_neurons_own_output():
    layer = Layer(3, 4, activation="tanh")
    x = [0.5, -1.0, 2.0]
    assert [out.data for out in layer(x)] == [n(x).data for n in layer.neurons]


def test_forward_skips_the_checks_but_weighted_sum_still_counts():
    neuron = Neuron(2)
    assert neuron.forward([Value(1.0), Value(2.0)]).data == neuron([1.0, 2.0]).data
    with pytest.raises(ValueError, match="2 weights, got 3 inputs"):
        neuron.forward([Value(1.0), Value(2.0), Value(3.0)])


@pytest.mark.parametrize("nin", [0, -1])
def test_a_neuron_needs_at_least_one_input(nin):
    with pytest.raises(ValueError, match=f"at least one input, got nin={nin}"):
        Neuron(nin)


def test_a_one_input_network_takes_any_single_real_number():
    model = MLP(1, [3, 1], rng=random.Random(0))
    assert model(Fraction(1, 2)).data == model(0.5).data


def test_unknown_activation_is_rejected():
    with pytest.raises(ValueError, match="activation must be one of"):
        MLP(2, [3, 1], activation="softplus")


def test_mlp_needs_a_layer():
    with pytest.raises(ValueError, match="at least one layer"):
        MLP(2, [])


def test_zero_grad_clears_every_parameter():
    model = MLP(3, [4, 4, 1])
    model([1.0, -2.0, 0.5]).backward()
    assert any(p.grad != 0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_neuron_gradients_match_the_explicit_sum():
    n = Neuron(3, activation="tanh", rng=random.Random(3))
    x = [Value(0.5), Value(-1.5), Value(2.0)]
    n(x).backward()
    fast = [p.grad for p in n.parameters()] + [xi.grad for xi in x]
    n.zero_grad()
    for xi in x:
        xi.grad = 0.0
    slow = sum((wi * xi for wi, xi in zip(n.w, x, strict=True)), n.b).tanh()
    slow.backward()
    assert fast == pytest.approx([p.grad for p in n.parameters()] + [xi.grad for xi in x],
                                 rel=1e-14)


def test_same_seed_same_weights_through_random_module_or_rng():
    random.seed(7)
    a = [p.data for p in MLP(2, [4, 1]).parameters()]
    random.seed(7)
    b = [p.data for p in MLP(2, [4, 1]).parameters()]
    c = [p.data for p in MLP(2, [4, 1], rng=random.Random(7)).parameters()]
    assert a == b == c


SEEDED_RUN = Path(__file__).parent.parent / "benchmarks" / "seeded_run.py"


def test_seeded_training_is_bit_for_bit_identical_across_processes():
    """Fresh interpreters with different hash seeds print the same bits for every parameter."""
    runs = [subprocess.run([sys.executable, SEEDED_RUN], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in (1, 2)]
    assert runs[0] == runs[1]
    assert len(runs[0].split()) == 1 + 337


@pytest.mark.parametrize("build", [lambda: Layer(2, 0), lambda: MLP(2, [0, 1])])
def test_empty_layers_are_refused(build):
    with pytest.raises(ValueError, match="at least one neuron, got nout=0"):
        build()
