"""A Value behaves like a number where Python code expects one.

Conversions, formatting, ordering by value, a constant base, ``abs`` and
``round``; ``==`` and hashing stay by identity, because the graph's sets and
dicts rely on it; a NumPy array on the left is refused instead of being
turned into an array of Values.
"""

import math

import numpy as np
import pytest

from micrograd import Value, central_difference, grad, jvp


def test_item_gives_the_plain_number():
    v = Value(2.5) * 2
    assert v.item() == 5.0 and type(v.item()) is float


@pytest.mark.parametrize("convert", [float, math.exp, math.sin, lambda v: math.sqrt(v)])
def test_float_and_maths_functions_refuse_a_value_instead_of_dropping_its_gradient(convert):
    with pytest.raises(TypeError, match=r"gradient would be lost .* Use v.item\(\)"):
        convert(Value(1.0))


def test_format_spec_formats_the_number_and_no_spec_gives_the_repr():
    loss = Value(0.123456)
    assert f"{loss:.3f}" == "0.123"
    assert f"{loss:>8.2f}" == "    0.12"
    assert f"{loss}" == "Value(data=0.123456, grad=0.0)"


def test_abs_is_differentiable_with_slope_zero_at_the_corner():
    for x, value, slope in [(-2.0, 2.0, -1.0), (3.0, 3.0, 1.0), (0.0, 0.0, 0.0)]:
        v = Value(x)
        out = abs(v)
        out.backward()
        assert (out.data, v.grad) == (value, slope)


def test_ordering_compares_values_and_numbers():
    a, b = Value(1.0), Value(2.0)
    assert a < b and a <= b and b > a and b >= a
    assert not (a > b) and a <= 1.0 and 0.5 < a and 3 > a
    assert max([a, b]) is b and sorted([b, a]) == [a, b]


def test_equality_and_hashing_stay_by_identity():
    a, b = Value(1.0), Value(1.0)
    assert a != b and a == a
    assert len({a, b}) == 2


def test_constant_base_power_matches_the_exponential():
    x = Value(3.0)
    y = 2 ** x
    y.backward()
    assert y.data == 8.0
    assert math.isclose(x.grad, 8.0 * math.log(2), rel_tol=1e-15)
    assert math.isclose(grad(grad(lambda t: 2 ** t))(3.0), 8.0 * math.log(2) ** 2, rel_tol=1e-14)
    assert math.isclose(jvp(lambda t: 10 ** t, [2.0], [1.0])[1], 100 * math.log(10), rel_tol=1e-15)
    assert math.isclose(x.grad, central_difference(lambda t: 2 ** t, 3.0), rel_tol=1e-8)


@pytest.mark.parametrize("base", [0, -2.0, "2"])
def test_constant_base_must_be_a_positive_number(base):
    with pytest.raises(ValueError, match="constant base .* needs to be positive"):
        base ** Value(1.0)


def test_round_gives_a_plain_number():
    assert round(Value(2.567), 2) == 2.57
    assert round(Value(2.5)) == 2 and type(round(Value(2.5))) is int


def test_numpy_array_on_the_left_is_refused():
    with pytest.raises(TypeError, match="Value needs an int or float, got ndarray"):
        np.array([1.0, 2.0]) * Value(3.0)
    with pytest.raises(TypeError, match="got ndarray"):
        np.array([1.0, 2.0]) + Value(3.0)


# Mistakes answered in the book's words


def test_sgd_given_the_model_says_to_pass_its_parameters():
    from micrograd import MLP, SGD
    with pytest.raises(TypeError, match=r"not the model: pass mlp.parameters\(\)"):
        SGD(MLP(2, [3, 1], seed=0))


@pytest.mark.parametrize("lr, error", [("0.1", TypeError), (0, ValueError), (math.inf, ValueError),
                                       (True, TypeError), (-0.1, ValueError)])
def test_a_bad_learning_rate_is_refused_by_name_at_once_or_later(lr, error):
    from micrograd import SGD
    with pytest.raises(error, match="lr must be a positive finite number"):
        SGD([Value(1.0)], lr=lr)
    opt = SGD([Value(1.0)], lr=0.1)
    with pytest.raises(error, match="lr must be a positive finite number"):
        opt.lr = lr
    assert opt.lr == 0.1


def test_a_batch_given_to_the_scalar_mlp_says_one_example_at_a_time():
    from micrograd import MLP
    model = MLP(2, [3, 1], seed=0)
    with pytest.raises(TypeError, match="one example at a time.*model\\(x\\) for x in X"):
        model([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(TypeError, match="one example at a time"):
        model(np.array([[1.0, 2.0], [3.0, 4.0]]))


def test_a_bool_label_is_refused_as_a_bool():
    from micrograd import max_margin_loss
    with pytest.raises(TypeError, match="labels must be the numbers -1 or \\+1, got the bool True"):
        max_margin_loss([Value(1.0)], [True])


def test_mlp_seed_works_like_two_moons_seed():
    import random

    from micrograd import MLP
    a, b = MLP(2, [3, 1], seed=4), MLP(2, [3, 1], rng=random.Random(4))
    assert [p.data for p in a.parameters()] == [p.data for p in b.parameters()]
    assert [p.data for p in MLP(2, [3, 1], seed=5).parameters()] != [p.data for p in a.parameters()]
    with pytest.raises(TypeError, match="either rng or seed"):
        MLP(2, [3, 1], seed=1, rng=random.Random(1))


def test_mean_squared_error_is_the_summed_one_over_the_count():
    from micrograd import mean_squared_error, squared_error
    preds, targets = [Value(0.5), Value(-1.0), Value(2.0)], [1.0, -1.0, 0.0]
    mse = mean_squared_error(preds, targets)
    assert mse.data == pytest.approx(squared_error(preds, targets).data / 3, rel=1e-15)
    mse.backward()
    assert [p.grad for p in preds] == pytest.approx([2 * (0.5 - 1) / 3, 0.0, 2 * 2.0 / 3])
