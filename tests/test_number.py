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


def test_float_and_item_give_the_plain_number():
    v = Value(2.5) * 2
    assert float(v) == 5.0 and type(float(v)) is float
    assert v.item() == 5.0 and type(v.item()) is float
    assert math.sqrt(Value(16.0)) == 4.0  # math functions accept it through __float__


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
