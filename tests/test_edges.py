"""Both engines at the edges: exact division, x ** 0, NaN, overflow, and bad arguments named."""

import math
import random
import re
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from micrograd import (
    MLP,
    SGD,
    Layer,
    Neuron,
    Value,
    accuracy,
    draw_dot,
    gradient_check,
    max_margin_loss,
    squared_error,
    two_moons,
)
from micrograd import tensor as T
from micrograd.tensor import Tensor, TensorLayer, TensorMLP

NAN = float("nan")
floats = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False).filter(lambda x: x != 0)


# x ** 0 at zero

def test_value_to_the_power_zero_at_zero_is_one_with_slope_zero():
    x = Value(0.0)
    y = x ** 0
    y.backward()
    assert (y.data, x.grad) == (1.0, 0.0)


def test_tensor_to_the_power_zero_at_zero_is_one_with_slope_zero():
    x = Tensor([0.0, 2.0], requires_grad=True)
    y = (x ** 0).sum()
    y.backward()
    assert y.data == 2.0
    assert x.grad.tolist() == [0.0, 0.0]


def test_relu_output_of_zero_to_the_power_zero_keeps_upstream_gradient_finite():
    w = Value(-1.0)
    (w.relu() ** 0 * 3).backward()
    assert w.grad == 0.0


@pytest.mark.parametrize("exponent", [0.5, -1])
def test_tensor_power_of_zero_without_a_finite_slope_raises(exponent):
    with pytest.raises(ZeroDivisionError, match="zero entries"):
        Tensor([0.0, 1.0]) ** exponent


# Division rounds once

def test_division_is_its_own_node():
    q = Value(6.0) / Value(3.0)
    assert (q._op, q._local_grads) == ("/", (1.0 / 3.0, -2.0 / 3.0))


def test_value_divided_by_itself_is_exactly_one_for_every_integer_to_1000():
    assert all((Value(float(n)) / n).data == 1.0 for n in range(1, 1001))


def test_tensor_divided_by_itself_is_exactly_one_for_every_integer_to_1000():
    n = np.arange(1.0, 1001.0)
    assert ((Tensor(n) / Tensor(n)).data == 1.0).all()


@given(a=floats, b=floats)
def test_quotient_is_the_correctly_rounded_float_quotient(a, b):
    if math.isinf(a / b):
        return  # too large for a float: refused, tested below
    assert (Value(a) / Value(b)).data == a / b
    assert (a / Value(b)).data == a / b
    assert (Tensor([a]) / b).data[0] == a / b


def test_exact_division_keeps_relu_on_the_flat_side_of_its_kink():
    a = Value(49.0)
    (1 - a / 49).relu().backward()
    assert a.grad == 0.0
    t = Tensor([49.0], requires_grad=True)
    (1 - t / 49).relu().sum().backward()
    assert t.grad.tolist() == [0.0]


def test_tensor_mean_divides_once():
    assert Tensor([0.1] * 49).mean().data == np.mean([0.1] * 49)


# Division's local derivatives neither overflow nor underflow

def test_tiny_denominator_gives_its_quotient():
    a, b = Value(1.0), Value(1e-160)
    q = a / b
    q.backward()
    assert q.data == 1e160 and a.grad == 1e160
    assert b.grad == -math.inf  # the true slope, -1e320, is too large for a float


@pytest.mark.parametrize("base, n", [(1e-160, -1), (0.5, -1023), (-1e-160, -1), (1e-200, -1)])
def test_a_finite_power_never_raises_though_its_slope_overflows(base, n):
    x = Value(base)
    y = x ** n
    assert y.data == base ** n
    y.backward()
    assert x.grad == -math.inf  # n·xⁿ⁻¹ is below -1e308 in every case


def test_huge_quotient_of_equals_has_the_right_slopes():
    a, b = Value(1e200), Value(1e200)
    (a / b).backward()
    assert (a.grad, b.grad) == (1e-200, -1e-200)
    ta, tb = Tensor([1e200], requires_grad=True), Tensor([1e200], requires_grad=True)
    (ta / tb).sum().backward()
    assert (ta.grad[0], tb.grad[0]) == (1e-200, -1e-200)


def test_huge_value_divided_by_itself_then_multiplied_back_has_slope_one():
    x = Value(1e200)
    ((x / x) * x).backward()
    assert x.grad == 1.0
    t = Tensor([1e200], requires_grad=True)
    ((t / t) * t).sum().backward()
    assert t.grad.tolist() == [1.0]


# NaN propagates

UNARY = {
    "relu": lambda a: a.relu(), "tanh": lambda a: a.tanh(), "sigmoid": lambda a: a.sigmoid(),
    "exp": lambda a: a.exp(), "log": lambda a: a.log(), "square": lambda a: a ** 2,
    "sqrt": lambda a: a ** 0.5, "neg": lambda a: -a, "add": lambda a: a + 1,
    "radd": lambda a: 1 + a, "sub": lambda a: a - 1, "rsub": lambda a: 1 - a,
    "mul": lambda a: a * 2, "rmul": lambda a: 2 * a, "div": lambda a: a / 2,
    "rdiv": lambda a: 2 / a, "div_by_nan": lambda a: Value(1.0) / a if isinstance(a, Value)
    else Tensor([1.0]) / a,
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_nan_propagates_through_every_value_operation(name):
    x = Value(NAN)
    y = UNARY[name](x)
    y.backward()
    assert math.isnan(y.data)


@pytest.mark.parametrize("name", sorted(UNARY))
@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")  # NumPy's notice of a NaN
def test_nan_propagates_through_every_tensor_operation(name):
    x = Tensor([NAN], requires_grad=True)
    y = UNARY[name](x).sum()
    y.backward()
    assert math.isnan(y.data)


def test_relu_passes_the_gradient_of_a_nan_as_pytorch_does():
    x = Value(NAN)
    x.relu().backward()
    t = Tensor([NAN, -1.0, 2.0], requires_grad=True)
    t.relu().sum().backward()
    assert x.grad == 1.0 and t.grad.tolist() == [1.0, 0.0, 1.0]


def test_nan_flows_through_matmul_and_reductions():
    m = Tensor([[NAN, 1.0], [2.0, 3.0]])
    out = (m @ Tensor([[1.0], [1.0]])).sum(axis=0).mean()
    assert math.isnan(out.data)


def test_losses_of_a_nan_prediction_are_nan():
    assert math.isnan(max_margin_loss([Value(NAN)], [1]).data)
    assert math.isnan(squared_error([Value(NAN)], [1.0]).data)
    assert math.isnan(T.max_margin_loss(Tensor([[NAN]]), [1]).data)


def test_accuracy_refuses_a_nan_score_instead_of_counting_it():
    with pytest.raises(ValueError, match="score 1 is NaN"):
        accuracy([Value(1.0), Value(NAN)], [1, -1])


# A tensor's data cannot be edited behind the graph's back

def test_tensor_data_cannot_be_written_in_place():
    x = Tensor([3.0])
    with pytest.raises(ValueError, match="read-only"):
        x.data[0] = 10.0
    with pytest.raises(ValueError, match="read-only"):
        x.data += 1


def test_rebinding_tensor_data_leaves_the_recorded_graph_alone():
    x = Tensor([3.0], requires_grad=True)
    y = (x * x).sum()
    x.data = [10.0]
    y.backward()
    assert y.data == 9.0 and x.grad.tolist() == [6.0]
    assert not x.data.flags.writeable


def test_tensor_copies_the_array_it_is_given():
    source = np.array([1.0, 2.0])
    x = Tensor(source)
    source[0] = 5.0
    assert x.data.tolist() == [1.0, 2.0] and source.flags.writeable


# The optimizer, with both engines

def test_sgd_steps_tensor_parameters_by_rebinding():
    w = Tensor([1.0, -2.0], requires_grad=True)
    opt = SGD([w], lr=0.5)
    (w * w).sum().backward()
    opt.step()
    assert w.data.tolist() == [0.0, 0.0] and not w.data.flags.writeable


def test_sgd_zero_grad_gives_tensor_parameters_zero_arrays():
    w = Tensor([[1.0, 2.0]], requires_grad=True)
    opt = SGD([w])
    (w * w).sum().backward()
    opt.zero_grad()
    assert w.grad.tolist() == [[0.0, 0.0]]
    assert repr(w) == "Tensor(data=[[1.0, 2.0]], grad=[[0.0, 0.0]])"


def test_sgd_zero_grad_clears_a_nan_gradient():
    p, t = Value(1.0), Tensor([1.0], requires_grad=True)
    p.grad, t.grad = NAN, np.array([NAN])
    opt = SGD([p, t])
    opt.zero_grad()
    assert p.grad == 0.0 and t.grad.tolist() == [0.0]


def test_sgd_with_momentum_trains_scalar_and_tensor_twins_alike():
    X, y = two_moons(10, noise=0.1, seed=2)
    scalar = MLP(2, [4, 1], rng=random.Random(2))
    twin = TensorMLP.from_scalar(scalar)
    opts = SGD(scalar.parameters(), lr=0.3, momentum=0.5), SGD(twin.parameters(), lr=0.3,
                                                                 momentum=0.5)
    for _ in range(5):
        losses = max_margin_loss([scalar(x) for x in X], y), T.max_margin_loss(twin(X), y)
        for opt, loss in zip(opts, losses, strict=True):
            opt.zero_grad()
            loss.backward()
            opt.step()
    assert losses[0].data == pytest.approx(float(losses[1].data), rel=1e-12)
    w0 = np.array([[w.data for w in n.w] for n in scalar.layers[0].neurons]).T
    np.testing.assert_allclose(twin.layers[0].w.data, w0, rtol=1e-12)


@pytest.mark.parametrize("lr", [NAN, math.inf, 0.0, -1.0])
def test_sgd_refuses_a_learning_rate_that_is_not_positive_and_finite(lr):
    with pytest.raises(ValueError, match=f"lr must be a positive finite number, got {lr!r}"):
        SGD([Value(1.0)], lr=lr)


def test_sgd_refuses_a_parameter_passed_twice():
    p = Value(1.0)
    with pytest.raises(ValueError, match="appears more than once"):
        SGD([p, Value(2.0), p])


# Overflow names the operation and the value

@pytest.mark.parametrize("compute, message", [
    (lambda: Value(1e200) ** 2, r"Value\(1e\+200\) \*\* 2 is too large for a float"),
    (lambda: Value(-1e-160) ** -2, r"Value\(-1e-160\) \*\* -2 is too large for a float"),
    (lambda: Value(1e300) / Value(1e-300),
     r"Value\(1e\+300\) / Value\(1e-300\) is too large for a float"),
    (lambda: 1e300 / Value(1e-300), r"Value\(1e\+300\) / Value\(1e-300\)"),
])
def test_overflow_names_the_operation_and_the_value(compute, message):
    with pytest.raises(OverflowError, match=message):
        compute()


def test_dividing_infinity_is_not_called_an_overflow():
    assert (Value(math.inf) / 2).data == math.inf


# Sizes

@pytest.mark.parametrize("make, error, message", [
    (lambda: Neuron(2.5), TypeError, "nin must be an int, got float: 2.5"),
    (lambda: Neuron("3"), TypeError, "nin must be an int, got str: '3'"),
    (lambda: Neuron(True), TypeError, "nin must be an int, got bool: True"),
    (lambda: Layer(2, 2.5), TypeError, "nout must be an int, got float: 2.5"),
    (lambda: Layer(2.5, 2), TypeError, "nin must be an int, got float: 2.5"),
    (lambda: MLP(2, 5), TypeError, "nouts must be a list of layer widths.*got int: 5"),
    (lambda: MLP(2, None), TypeError, "nouts must be a list.*got NoneType: None"),
    (lambda: MLP(2, iter([4, 1])), TypeError, "nouts must be a list.*got list_iterator"),
    (lambda: MLP(2, [4, 2.5]), TypeError, "nout must be an int, got float: 2.5"),
    (lambda: MLP(2, [4, 0]), ValueError, "at least one neuron, got nout=0"),
    (lambda: two_moons(100.0), TypeError, "n must be an int, got float: 100.0"),
    (lambda: two_moons(True), TypeError, "n must be an int, got bool"),
])
def test_sizes_must_be_ints_and_the_error_names_the_argument(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_sizes_may_be_numpy_integers():
    assert len(MLP(np.int64(2), (np.int64(3), 1)).parameters()) == 13


# rng

@pytest.mark.parametrize("rng", [0, 42, "seed"])
def test_a_seed_in_place_of_rng_is_refused(rng):
    with pytest.raises(TypeError, match="rng must be a random.Random"):
        Neuron(2, rng=rng)
    with pytest.raises(TypeError, match="rng must be a random.Random"):
        MLP(2, [3, 1], rng=rng)


def test_rng_none_draws_from_the_random_module():
    random.seed(5)
    first = [w.data for w in Neuron(3).w]
    random.seed(5)
    assert [w.data for w in Neuron(3, rng=None).w] == first


# Activation names are checked even where they are not yet used

@pytest.mark.parametrize("kwargs", [{"activation": "bogus"}, {"output_activation": "bogus"}])
def test_mlp_checks_both_activation_names_always(kwargs):
    name = next(iter(kwargs))
    with pytest.raises(ValueError, match=f"{name} must be one of"):
        MLP(2, [3], **kwargs)


# A network's input must be an ordered list

@pytest.mark.parametrize("x, type_name", [(None, "NoneType"), ({1.0: "a", 2.0: "b"}, "dict"),
                                          ({1.0, 2.0}, "set"),
                                          (frozenset({1.0, 2.0}), "frozenset")])
def test_networks_refuse_inputs_without_an_order(x, type_name):
    model = MLP(2, [3, 1], rng=random.Random(0))
    for module in (model, model.layers[0], model.layers[0].neurons[0]):
        with pytest.raises(TypeError, match=f"expected a list of 2 inputs, got {type_name}"):
            module(x)


def test_networks_still_take_tuples_and_arrays():
    model = MLP(2, [3, 1], rng=random.Random(0))
    assert model((0.5, -1.0)).data == model(np.array([0.5, -1.0])).data == model([0.5, -1.0]).data


# Losses need the model's outputs

@pytest.mark.parametrize("loss, args", [(max_margin_loss, ([0.5, -2.0], [1, -1])),
                                        (squared_error, ([0.5, -2.0], [1.0, -1.0])),
                                        (accuracy, ([0.5, -2.0], [1, -1]))])
def test_losses_refuse_plain_floats_for_predictions(loss, args):
    with pytest.raises(TypeError, match="predictions must be Value objects.*got float: 0.5"):
        loss(*args)


@pytest.mark.parametrize("labels, bad", [([1, 0], "0"), ([5, -1], "5"), ([1, NAN], "nan")])
def test_tensor_max_margin_loss_refuses_labels_other_than_plus_minus_one(labels, bad):
    with pytest.raises(ValueError, match=f"labels must be -1 or \\+1, got {bad}"):
        T.max_margin_loss(Tensor([[0.5], [1.0]]), labels)


@pytest.mark.parametrize("shape, axis, keepdims", [
    ((0,), None, False), ((0, 3), None, True), ((3, 0), None, False),
    ((0, 3), 1, False), ((0, 3), -1, True), ((0, 3), 0, False), ((3, 0), 1, True),
    ((0, 3), (), False), ((2, 0, 3), (0, 2), False), ((2, 0, 3), (1,), True),
])
def test_mean_over_empty_axes_has_numpy_s_shape_or_is_refused_where_numpy_gives_nan(
        shape, axis, keepdims):
    x = Tensor(np.zeros(shape), requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            want = np.mean(x.data, axis=axis, keepdims=keepdims)
        except RuntimeWarning:  # "Mean of empty slice", and NaN entries
            want = None
    if want is None:
        message = f"no entries to average over axis={axis!r} of a Tensor of shape {shape}"
        with pytest.raises(ValueError, match=re.escape(message)):
            x.mean(axis=axis, keepdims=keepdims)
        return
    m = x.mean(axis=axis, keepdims=keepdims)
    assert m.shape == want.shape
    np.testing.assert_array_equal(m.data, want)
    m.backward(grad=np.ones(m.shape))
    assert x.grad.shape == shape


@pytest.mark.parametrize("noise", [NAN, math.inf, -0.1, "0.1", True])
def test_two_moons_refuses_noise_that_is_not_a_finite_number_at_least_zero(noise):
    with pytest.raises(ValueError, match="noise must be a finite number >= 0"):
        two_moons(10, noise=noise)


def test_draw_dot_refuses_a_label_that_is_not_a_string():
    with pytest.raises(TypeError, match="a label must be a str, got int: 5"):
        draw_dot(Value(1.0, label=5) * 2)


def test_draw_dot_refuses_a_graph_larger_than_max_nodes():
    x = Value(0.5)
    y = x
    for _ in range(1000):
        y = y.relu()  # 1001 nodes
    with pytest.raises(ValueError, match="at most max_nodes=1000 nodes, got a graph of 1001"):
        draw_dot(y)
    assert "n1000" in draw_dot(y, max_nodes=1001).source


def test_gradient_check_refuses_no_arguments():
    with pytest.raises(ValueError, match="at least one argument"):
        gradient_check(lambda: Value(1.0), [])


@pytest.mark.parametrize("h", [0, -1e-6, NAN, math.inf])
def test_gradient_check_refuses_a_step_that_is_not_positive_and_finite(h):
    with pytest.raises(ValueError, match="h must be a positive finite step"):
        gradient_check(lambda a: a * a, [3.0], h=h)


def test_numpy_integer_exponent_works_like_an_int():
    x, y = Value(3.0), Value(3.0)
    a, b = x ** np.int64(2), y ** 2
    a.backward()
    b.backward()
    assert (a.data, a._op, x.grad) == (b.data, b._op, y.grad) == (9.0, "**2", 6.0)
    assert type(x.grad) is float


def test_tensor_layer_still_checks_its_activation_name():
    with pytest.raises(ValueError, match="activation must be one of"):
        TensorLayer([[1.0]], [0.0], activation="bogus")


def test_a_label_passed_where_the_inputs_go_is_named_as_a_keyword():
    with pytest.raises(TypeError, match=r"a label is a keyword: Value\(1.0, label='x'\)"):
        Value(1.0, "x")


def test_an_operation_without_local_derivatives_is_shown_the_packages_way():
    x = Value(0.5)
    with pytest.raises(ValueError, match=r"instead of a _backward closure, e.g. Value\(t, \(x,\)"):
        Value(0.46, (x,), "tanh")
