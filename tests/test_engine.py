"""The scalar engine: every operation's value and gradient, and its edge cases."""

import json
import math
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scalar_cases import CASES

from micrograd import Value, central_difference, gradient_check, topological_order, weighted_sum

REFERENCE = json.loads((Path(__file__).parent / "reference" / "scalar_torch.json").read_text())

finite = st.floats(min_value=-5, max_value=5, allow_nan=False)
positive = st.floats(min_value=0.1, max_value=5)
away_from_zero = finite.filter(lambda x: abs(x) > 0.1)

UNARY = {
    "neg": (lambda a: -a, finite),
    "exp": (lambda a: a.exp(), finite),
    "log": (lambda a: a.log(), positive),
    "tanh": (lambda a: a.tanh(), finite),
    "sigmoid": (lambda a: a.sigmoid(), finite),
    "relu": (lambda a: a.relu(), away_from_zero),
    "square": (lambda a: a ** 2, finite),
    "cube": (lambda a: a ** 3, finite),
    "sqrt": (lambda a: a ** 0.5, positive),
    "inverse": (lambda a: a ** -1, away_from_zero),
    "reflected_sub": (lambda a: 2.5 - a, finite),
    "reflected_div": (lambda a: 2.5 / a, away_from_zero),
    "reflected_mul": (lambda a: 2.5 * a, finite),
    "reflected_add": (lambda a: 2.5 + a, finite),
}

BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
}


def numeric_slope(f, x):
    return central_difference(lambda t: f(Value(t)).data, x, h=1e-6)


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_gradient_matches_finite_differences(name):
    f, strategy = UNARY[name]

    @given(strategy)
    def check(x):
        a = Value(x)
        f(a).backward()
        assert a.grad == pytest.approx(numeric_slope(f, x), rel=1e-5, abs=1e-6)

    check()


@pytest.mark.parametrize("name", sorted(BINARY))
@given(a=finite, b=away_from_zero)
def test_binary_gradient_matches_finite_differences(name, a, b):
    assert gradient_check(BINARY[name], [a, b]) < 1e-5


@pytest.mark.parametrize("name", sorted(BINARY))
@given(a=finite, b=away_from_zero)
def test_binary_value_matches_float_arithmetic(name, a, b):
    f = BINARY[name]
    assert f(Value(a), Value(b)).data == pytest.approx(f(a, b), rel=1e-12)
    assert f(Value(a), b).data == pytest.approx(f(a, b), rel=1e-12)
    assert f(a, Value(b)).data == pytest.approx(f(a, b), rel=1e-12)


def test_rsub_has_the_right_sign():
    x = Value(3.0)
    y = 10 - x
    y.backward()
    assert (y.data, x.grad) == (7.0, -1.0)


def test_add_reuses_node_accumulates_gradient():
    a = Value(3.0)
    b = a + a
    b.backward()
    assert a.grad == 2.0


def test_cube_by_multiplication_accumulates_gradient():
    x = Value(2.0)
    (x * x * x).backward()
    assert x.grad == 12.0


def test_sum_of_values_starts_from_zero():
    xs = [Value(1.0), Value(2.0), Value(3.5)]
    total = sum(xs)
    total.backward()
    assert total.data == 6.5
    assert [x.grad for x in xs] == [1.0, 1.0, 1.0]


def test_backward_twice_accumulates_into_leaves_only():
    a, b = Value(2.0), Value(-3.0)
    c = a * b
    d = c + a
    d.backward()
    first = (a.grad, b.grad, c.grad, d.grad)
    d.backward()
    assert (a.grad, b.grad) == (2 * first[0], 2 * first[1])
    assert (c.grad, d.grad) == (first[2], first[3])


def test_zeroed_leaves_give_the_same_gradients_again():
    a = Value(0.5)
    out = (a * 3).tanh()
    out.backward()
    first = a.grad
    a.grad = 0.0
    out.backward()
    assert a.grad == first


def _every_node(root):
    """``Value.backward`` without its shortcut: every node passes its gradient on, zero or not."""
    order = topological_order(root)
    for node in order:
        if node._prev:
            node.grad = 0.0
    root.grad += 1.0
    for node in reversed(order):
        node._backward()


def _training_bits(steps=8):
    """The exact bits of the loss, every gradient and every weight, step after step."""
    import random

    from micrograd import MLP, SGD, l2_penalty, max_margin_loss, two_moons
    X, y = two_moons(40, noise=0.1, seed=1)
    model = MLP(2, [16, 16, 1], rng=random.Random(0))
    opt = SGD(model.parameters(), lr=0.5)
    bits = []
    for _ in range(steps):
        loss = max_margin_loss([model(x) for x in X], y) + l2_penalty(model.parameters(), 1e-4)
        opt.zero_grad()
        loss.backward()
        bits.append([loss.data.hex()] + [p.grad.hex() for p in model.parameters()])
        opt.step()
        bits.append([p.data.hex() for p in model.parameters()])
    return bits


def test_skipping_zero_gradients_changes_no_bit(monkeypatch):
    fast = _training_bits()
    monkeypatch.setattr(Value, "backward", _every_node)
    assert _training_bits() == fast


def test_a_zero_gradient_still_carries_an_infinite_local_derivative():
    a, b = Value(float("inf")), Value(2.0)
    c = a * b  # local derivatives (2.0, inf)
    (c * 0.0).backward()  # so c.grad is 0, and d/db = 0 · inf
    assert c.grad == 0.0
    assert math.isnan(b.grad)
    assert a.grad == 0.0


def test_backward_of_a_leaf_is_one():
    x = Value(4.0)
    x.backward()
    assert x.grad == 1.0


def test_inputs_keep_their_order():
    a, b = Value(1.0), Value(2.0)
    assert (a - b)._prev[0] is a
    assert (b * a)._prev == (b, a)


def test_million_deep_chain_under_default_recursion_limit():
    assert sys.getrecursionlimit() <= 10_000
    x = Value(0.5)
    y = x
    for _ in range(1_000_000):
        y = y.relu()
    y.backward()
    assert x.grad == 1.0
    assert len(topological_order(y)) == 1_000_001


@pytest.mark.parametrize("x", [1000.0, -1000.0, 355.0, 710.0, 1e300, -1e300])
def test_tanh_and_sigmoid_saturate_without_overflow(x):
    t, s = Value(x).tanh(), Value(x).sigmoid()
    assert t.data == math.copysign(1.0, x)
    assert s.data == (1.0 if x > 0 else 0.0)
    t.backward()
    s.backward()
    assert t._prev[0].grad == 0.0 and s._prev[0].grad == 0.0


@pytest.mark.parametrize("x", [0.0, -1.0])
def test_log_of_non_positive_raises(x):
    with pytest.raises(ValueError, match="log needs a positive Value"):
        Value(x).log()


@pytest.mark.parametrize("divide", [lambda: Value(1.0) / 0, lambda: Value(1.0) / Value(0.0),
                                    lambda: 1 / Value(0.0)])
def test_division_by_zero_raises(divide):
    with pytest.raises(ZeroDivisionError):
        divide()


def test_value_exponent_raises_type_error_saying_so():
    with pytest.raises(TypeError, match="int or float exponent, got Value"):
        Value(2.0) ** Value(3.0)


def test_negative_base_with_fractional_exponent_raises():
    with pytest.raises(ValueError, match="non-integer power"):
        Value(-2.0) ** 0.5


@pytest.mark.parametrize("bad, type_name", [("abc", "str"), (None, "NoneType"),
                                            (1 + 2j, "complex"), ([1.0], "list"),
                                            (True, "bool")])
def test_value_rejects_non_numbers_naming_the_type(bad, type_name):
    with pytest.raises(TypeError, match=f"got {type_name}"):
        Value(bad)


class Celsius(float):
    """A float subclass, as NumPy's float64 is one."""


@pytest.mark.parametrize("number", [3, Celsius(3.0), -0.0, Fraction(1, 4)])
def test_data_is_always_a_plain_float(number):
    value = Value(number)
    assert type(value.data) is float and value.data == number


def test_micrograd_constructor_order_still_works():
    a, b = Value(2.0), Value(3.0)
    c = Value(5.0, (a, b), "+", (1.0, 1.0), label="c")
    assert (c._prev, c._op, c._local_grads, c.label) == ((a, b), "+", (1.0, 1.0), "c")


@pytest.mark.parametrize("weights, inputs, bias", [([2.0], [Value(1.0)], Value(0.0)),
                                                   ([Value(2.0)], [1.0], Value(0.0)),
                                                   ([Value(2.0)], [Value(1.0)], 0.0)])
def test_weighted_sum_asks_for_values(weights, inputs, bias):
    with pytest.raises(TypeError, match="weighted_sum needs Value objects"):
        weighted_sum(weights, inputs, bias)


def test_operators_reject_non_numbers():
    with pytest.raises(TypeError, match="got str"):
        Value(1.0) + "1"


def assert_matches(reference, inputs, expression):
    """Our value and input gradients agree with PyTorch's to 1e-12."""
    assert reference["inputs"] == inputs, "scalar_cases.py changed: rerun make_reference.py"
    leaves = [Value(x) for x in inputs]
    out = expression(*leaves)
    out.backward()
    assert out.data == pytest.approx(reference["value"], rel=1e-12, abs=1e-14)
    assert [v.grad for v in leaves] == pytest.approx(reference["grads"], rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_stored_pytorch_reference(name):
    assert_matches(REFERENCE[name], *CASES[name])


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_live_pytorch(name):
    pytest.importorskip("torch")
    from make_reference import reference

    inputs, expression = CASES[name]
    assert_matches(reference(inputs, expression), inputs, expression)


@pytest.mark.parametrize("exponent", [0.5, -1, -2.5])
def test_power_of_zero_without_a_finite_slope_raises(exponent):
    with pytest.raises(ZeroDivisionError, match="no finite slope"):
        Value(0.0) ** exponent


def test_power_of_zero_with_a_finite_slope_works():
    x = Value(0.0)
    y = x ** 2 + x ** 1
    y.backward()
    assert (y.data, x.grad) == (0.0, 1.0)


def test_exp_overflow_names_the_value():
    assert Value(709.0).exp().data == math.exp(709.0)
    with pytest.raises(OverflowError, match=r"exp of Value\(710.0\) is too large"):
        Value(710.0).exp()


def test_a_node_needs_one_local_derivative_per_input():
    a = Value(2.0)
    with pytest.raises(ValueError, match="one local derivative per input: 2 inputs, got 0"):
        Value(4.0, (a, a), "+")
