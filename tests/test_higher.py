"""Forward mode and derivatives of derivatives: ``jvp``, ``grad`` and ``recorded_gradients``.

Checked against stored PyTorch double-backward values (``reference/higher_torch.json``),
against central differences of the package's own first derivatives, and against each
other, including nestings whose inner function is called with plain numbers.
"""

import json
import math
import random
from fractions import Fraction
from pathlib import Path

import pytest
from higher_cases import BINARY, NETWORK, UNARY
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from programs import Reference, generate, run

from micrograd import MLP, Value, as_value, central_difference, grad, jvp, recorded_gradients
from micrograd.graph import topological_order
from micrograd.higher import local_derivatives
from micrograd.losses import binary_cross_entropy, squared_error

TORCH = json.loads((Path(__file__).parent / "reference" / "higher_torch.json").read_text())


def close(a, b, rel=1e-9, abs_=1e-12):
    return a == b or math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


def hessian(f, point):
    n = len(point)
    return [[grad(grad(f, argnum=i), argnum=j)(*point) for j in range(n)] for i in range(n)]


UNARY_ROWS = [(name, i) for name, (_, pts) in UNARY.items() for i in range(len(pts))]
BINARY_ROWS = [(name, i) for name, (_, pts) in BINARY.items() for i in range(len(pts))]


@pytest.mark.parametrize(("name", "i"), UNARY_ROWS)
def test_first_and_second_derivative_of_each_operation_match_torch(name, i):
    f = UNARY[name][0]
    ref = TORCH["unary"][name][i]
    (x,) = ref["point"]
    assert close(grad(f)(x), ref["grad"][0])
    assert close(grad(grad(f))(x), ref["hessian"][0][0])
    assert close(jvp(f, [x], [1.0])[1], ref["grad"][0])
    assert close(jvp(grad(f), [x], [1.0])[1], ref["hessian"][0][0])  # forward over reverse
    reverse_over_forward = grad(lambda t: jvp(f, [t], [1.0])[1])(x)
    assert close(reverse_over_forward, ref["hessian"][0][0])


@pytest.mark.parametrize(("name", "i"), BINARY_ROWS)
def test_hessian_of_two_input_functions_matches_torch(name, i):
    f = BINARY[name][0]
    ref = TORCH["binary"][name][i]
    point = ref["point"]
    for row, ref_row in zip(hessian(f, point), ref["hessian"], strict=True):
        assert all(close(a, b) for a, b in zip(row, ref_row, strict=True)), (row, ref_row)


def stored_network():
    """The network of the stored case, with the weights the generator drew."""
    case = TORCH["network"]
    model = MLP(2, case["sizes"][1:], activation="tanh")
    weights = [p for layer in case["layers"] for neuron in layer for p in neuron]
    for p, w in zip(model.parameters(), weights, strict=True):
        p.data = w
    return model


def loss_of(model):
    return squared_error([model(x) for x in NETWORK["xs"]], NETWORK["ys"])


def hessian_vector_product(model, v):
    params = model.parameters()
    slopes = recorded_gradients(loss_of(model), params)
    along_v = sum(g * vi for g, vi in zip(slopes, v, strict=True))
    return [h.data for h in recorded_gradients(along_v, params)]


def test_mlp_loss_and_gradient_match_torch():
    case, model = TORCH["network"], stored_network()
    loss = loss_of(model)
    assert close(loss.data, case["loss"])
    slopes = recorded_gradients(loss, model.parameters())
    assert all(close(g.data, r) for g, r in zip(slopes, case["grad"], strict=True))


def test_mlp_hessian_vector_product_matches_torch_double_backward():
    case = TORCH["network"]
    hv = hessian_vector_product(stored_network(), case["v"])
    assert any(abs(h) > 1e-3 for h in hv)
    assert all(close(a, b, rel=1e-8) for a, b in zip(hv, case["hvp"], strict=True))


def test_mlp_hessian_vector_product_matches_differences_of_gradients():
    model, v = stored_network(), TORCH["network"]["v"]
    hv = hessian_vector_product(model, v)
    params = model.parameters()
    start = [p.data for p in params]

    def gradient_at(t):
        for p, s, vi in zip(params, start, v, strict=True):
            p.data = s + t * vi
        return [g.data for g in recorded_gradients(loss_of(model), params)]

    h = 1e-5
    plus, minus = gradient_at(h), gradient_at(-h)
    numeric = [(a - b) / (2 * h) for a, b in zip(plus, minus, strict=True)]
    assert all(close(a, b, rel=1e-5, abs_=1e-6) for a, b in zip(hv, numeric, strict=True))


def slope(f, x, h=1e-5):
    return central_difference(f, x, h)


def test_grad_of_closure_called_with_a_number_inside_jvp():
    assert jvp(lambda x: grad(lambda y: x * y)(1.0), [2.0], [1.0]) == (2.0, 1.0)


MIXED = {
    # f(x) whose body calls grad or jvp with plain numbers, the result depending on x
    "grad_inside_jvp": lambda x: grad(lambda y: (x * y).tanh() * y)(0.7),
    "jvp_inside_grad": lambda x: jvp(lambda y: (x * y).exp(), [0.3], [1.0])[1],
    "grad_inside_grad": lambda x: grad(lambda y: x ** 3 * y ** 2)(1.5),
    "both_arguments": lambda x: grad(lambda y, z: y * z * x, argnum=1)(2.0, 0.5) + x.sigmoid(),
    "constant_inside": lambda x: x * grad(lambda y: y * y)(3.0),
}


@pytest.mark.parametrize("name", MIXED)
def test_mixed_nestings_with_plain_number_arguments_match_differences(name):
    f = MIXED[name]
    for x in (-0.8, 0.4, 1.3):
        numeric = slope(lambda t: as_value(f(Value(t))).item(), x)
        assert close(grad(f)(x), numeric, rel=1e-6, abs_=1e-8)
        assert close(jvp(f, [x], [1.0])[1], numeric, rel=1e-6, abs_=1e-8)


def test_nesting_to_third_order():
    f = lambda x: (x * 0.5).tanh() * x.exp()  # noqa: E731
    third = grad(grad(grad(f)))
    for x in (-1.0, 0.2, 1.1):
        numeric = slope(grad(grad(f)), x, h=1e-4)
        assert close(third(x), numeric, rel=1e-6)
        assert close(jvp(grad(grad(f)), [x], [1.0])[1], third(x), rel=1e-12)
    assert grad(grad(grad(lambda x: x ** 3)))(2.0) == 6.0


def test_grad_and_jvp_agree_on_random_functions_and_directions():
    rng = random.Random(0)
    f = lambda a, b, c: ((a * b).tanh() + (b / c).sigmoid() * a.exp() - (c * a).relu()) ** 2  # noqa: E731
    for _ in range(20):
        point = [rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(0.5, 2)]
        d = [rng.uniform(-1, 1) for _ in point]
        by_reverse = sum(grad(f, argnum=i)(*point) * di for i, di in enumerate(d))
        assert close(jvp(f, point, d)[1], by_reverse, rel=1e-12, abs_=1e-14)


def test_jvp_at_a_relu_kink_follows_backward():
    x = Value(0.0)
    x.relu().backward()
    assert jvp(lambda t: t.relu(), [0.0], [1.0]) == (0.0, x.grad) == (0.0, 0.0)


def test_plain_numbers_in_give_floats_out_and_values_give_values():
    assert type(grad(lambda x: x * x)(3.0)) is float
    assert type(jvp(lambda x: x * x, [3.0], [1.0])[1]) is float
    x = Value(3.0)
    dx = grad(lambda t: t * t)(x)
    assert isinstance(dx, Value) and dx.data == 6.0
    dx.backward()
    assert x.grad == 2.0  # the gradient's own graph leads back to x


def test_same_value_twice_is_two_arguments():
    x = Value(3.0)
    assert grad(lambda a, b: a * b)(x, x).data == 3.0


def test_gradients_write_nothing_to_grad():
    x = Value(2.0)
    y = x * x
    recorded_gradients(y, [x])
    assert (x.grad, y.grad) == (0.0, 0.0)


def test_grad_of_a_function_that_ignores_its_argument_is_zero():
    assert grad(lambda x: 5.0)(1.0) == 0.0
    assert jvp(lambda x: 5.0, [1.0], [1.0]) == (5.0, 0.0)


def test_local_derivatives_equal_the_numbers_backward_uses():
    a, b = Value(0.7), Value(-1.3)
    for node in (a + b, a * b, a / b, a.exp(), a.log(), b.tanh(), b.sigmoid(), b.relu(),
                 a ** 2.5, b ** 3, b ** 0, -a, a - b, 2 / b):
        ours = [d.data if isinstance(d, Value) else d for d in local_derivatives(node)]
        assert ours == pytest.approx(list(node._local_grads), rel=1e-15)


def test_an_operation_without_a_rule_is_named():
    odd = Value(1.0, (Value(2.0),), "sin", (0.5,))
    with pytest.raises(ValueError, match="'sin'.*local_derivatives"):
        grad(lambda x: odd * x + x)(1.0) if False else recorded_gradients(odd, list(odd._prev))


def test_bad_arguments_are_refused_in_words():
    with pytest.raises(TypeError, match="argnum must be the position of an argument"):
        grad(lambda x: x, argnum="x")
    with pytest.raises(IndexError, match="argnum=2.*2 arguments"):
        grad(lambda x, y: x * y, argnum=2)(1.0, 2.0)
    with pytest.raises(ValueError, match="one tangent per primal: 2 primals, got 1"):
        jvp(lambda x, y: x * y, [1.0, 2.0], [1.0])
    with pytest.raises(TypeError, match="returns one number, got list"):
        grad(lambda x: [x, x])(1.0)
    with pytest.raises(TypeError, match="Value needs an int or float, got str"):
        grad(lambda x: x)("1.0")


# The fuzzer's random programs (tests/reference/programs.py), differentiated twice

fuzz = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)


def program_function(program):
    """The program as a function of its leaves' numbers."""
    def f(*xs):
        given = iter(xs)
        _, nodes = run(program, lambda _: next(given))
        return nodes[-1]
    return f


@fuzz
@given(st.randoms(use_true_random=False))
def test_recorded_gradients_of_random_programs_are_exact_to_rounding(rng):
    program = generate(rng)
    ref = Reference(program)
    assume(not ref.ambiguous)
    leaves, nodes = run(program, Value)
    slopes = recorded_gradients(nodes[-1], leaves)
    grads, errs = ref.backward()
    for k, g in enumerate(slopes):
        assert abs(Fraction(g.data) - grads[k]) <= 4 * float(errs[k]) + 1e-300, (k, program)


@fuzz
@given(st.randoms(use_true_random=False))
def test_second_derivatives_of_random_programs_agree_forward_over_reverse(rng):
    program = generate(rng)
    assume(not Reference(program).ambiguous)
    f = program_function(program)
    point = list(program["leaves"])
    d = [rng.uniform(-1, 1) for _ in point]
    leaves = [Value(x) for x in point]
    slopes = recorded_gradients(f(*leaves), leaves)
    along_d = sum(g * di for g, di in zip(slopes, d, strict=True))
    reverse = [h.data for h in recorded_gradients(along_d, leaves)]
    forward = [jvp(grad(f, argnum=i), point, d)[1] for i in range(len(point))]
    # The two orders round differently: each rounding is at most an ulp of the largest
    # number the derivative's graph holds, and a program has a few dozen of them.
    largest = max((abs(n.data) for n in topological_order(along_d) if math.isfinite(n.data)),
                  default=0.0)
    for r, fw in zip(reverse, forward, strict=True):
        if math.isfinite(r) and abs(r) < 1e30:
            tolerance = 1e-10 * (1 + max(map(abs, reverse))) + 1e-13 * largest
            assert close(r, fw, rel=1e-8, abs_=tolerance), (
                json.dumps(program), d, reverse, forward)
        else:
            assert not math.isfinite(r) or abs(fw) >= 1e29, program


def test_the_logistic_loss_has_second_derivatives_and_a_forward_slope():
    def loss(s):
        return binary_cross_entropy([s * 2.0], [1])
    slope = grad(loss)
    for s in (-3.0, 0.3, 5.0):
        assert close(jvp(loss, [s], [1.0])[1], slope(s), rel=1e-12)
        assert close(grad(slope)(s), central_difference(slope, s, h=1e-5), rel=1e-6)
