"""The tensor engine: every operation's gradient, broadcasting, errors, and agreement
with the scalar engine and with PyTorch."""

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from tensor_cases import CASES

from micrograd import MLP, SGD, l2_penalty, max_margin_loss, tensor, topological_order, two_moons
from micrograd.tensor import Tensor, TensorLayer, TensorMLP, unbroadcast

REFERENCE = json.loads((Path(__file__).parent / "reference" / "tensor_torch.json").read_text())

RNG = np.random.default_rng(0)


def uniform(*shape, low=-2.0, high=2.0):
    """A fixed array of the given shape (shape () for no arguments) with entries in [low, high)."""
    return RNG.uniform(low, high, shape)


def positive(*shape):
    return uniform(*shape, low=0.5, high=2.0)


def away_from_zero(*shape):
    """Entries at least 0.2 from zero, where ReLU has its kink."""
    return uniform(*shape, low=0.2, high=2.0) * RNG.choice([-1.0, 1.0], shape)


def numeric_gradient(objective, x, h=1e-5):
    """Central differences of ``objective()`` with respect to each entry of the array ``x``."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        up = objective()
        x[i] = saved - h
        down = objective()
        x[i] = saved
        grad[i] = (up - down) / (2 * h)
    return grad


def assert_gradients_match_finite_differences(f, *arrays):
    """Backward through ``f`` with a random upstream gradient, then nudge every input entry.

    The number being differentiated is ``Σ upstream · f(inputs)``, so every
    entry of the output gets a different weight.
    """
    arrays = [np.array(a, dtype=np.float64) for a in arrays]
    leaves = [Tensor(a, requires_grad=True) for a in arrays]
    out = f(*leaves)
    upstream = np.random.default_rng(1).uniform(-1, 1, out.shape)
    out.backward(grad=upstream)

    def objective():
        return np.sum(upstream * f(*map(Tensor, arrays)).data)

    for leaf, x in zip(leaves, arrays, strict=True):
        assert leaf.grad.shape == x.shape
        np.testing.assert_allclose(leaf.grad, numeric_gradient(objective, x),
                                   rtol=1e-6, atol=1e-6)


OPERATIONS = {
    "add (3,1) + (1,4)": (lambda a, b: a + b, [uniform(3, 1), uniform(1, 4)]),
    "sub (2,3) - (3,)": (lambda a, b: a - b, [uniform(2, 3), uniform(3)]),
    "mul (2,3) * (3,)": (lambda a, b: a * b, [uniform(2, 3), uniform(3)]),
    "mul scalar * matrix": (lambda s, m: s * m, [uniform(), uniform(2, 3)]),
    "div (2,3) / (2,1)": (lambda a, b: a / b, [uniform(2, 3), positive(2, 1)]),
    "neg": (lambda a: -a, [uniform(2, 3)]),
    "pow 3": (lambda a: a ** 3, [uniform(2, 3)]),
    "pow -2": (lambda a: a ** -2, [positive(2, 3)]),
    "pow 0.5": (lambda a: a ** 0.5, [positive(2, 3)]),
    "exp": (lambda a: a.exp(), [uniform(2, 3)]),
    "log": (lambda a: a.log(), [positive(2, 3)]),
    "tanh": (lambda a: a.tanh(), [uniform(2, 3)]),
    "sigmoid": (lambda a: a.sigmoid(), [uniform(2, 3)]),
    "relu": (lambda a: a.relu(), [away_from_zero(2, 3)]),
    "matmul (2,3) @ (3,4)": (lambda a, b: a @ b, [uniform(2, 3), uniform(3, 4)]),
    "matmul (1,3) @ (3,1)": (lambda a, b: a @ b, [uniform(1, 3), uniform(3, 1)]),
    "reflected 2 + t": (lambda a: 2 + a, [uniform(2, 3)]),
    "reflected 2 - t": (lambda a: 2 - a, [uniform(2, 3)]),
    "reflected 2 * t": (lambda a: 2 * a, [uniform(2, 3)]),
    "reflected 2 / t": (lambda a: 2 / a, [positive(2, 3)]),
    "reflected array - t": (lambda a: np.arange(3.0) - a, [uniform(2, 3)]),
    "reflected array @ t": (lambda a: np.ones((2, 3)) @ a, [uniform(3, 4)]),
    "sum": (lambda a: a.sum(), [uniform(2, 3)]),
    "sum axis=0": (lambda a: a.sum(axis=0), [uniform(2, 3)]),
    "sum axis=1 keepdims": (lambda a: a.sum(axis=1, keepdims=True), [uniform(2, 3)]),
    "sum axis=(0,2)": (lambda a: a.sum(axis=(0, 2)), [uniform(2, 3, 4)]),
    "sum axis=-1 keepdims": (lambda a: a.sum(axis=-1, keepdims=True), [uniform(2, 3, 4)]),
    "sum keepdims": (lambda a: a.sum(keepdims=True), [uniform(2, 3)]),
    "mean": (lambda a: a.mean(), [uniform(2, 3)]),
    "mean axis=0": (lambda a: a.mean(axis=0), [uniform(2, 3)]),
    "mean axis=1 keepdims": (lambda a: a.mean(axis=1, keepdims=True), [uniform(2, 3)]),
    "mean axis=(0,2) keepdims": (lambda a: a.mean(axis=(0, 2), keepdims=True),
                                 [uniform(2, 3, 4)]),
    "layer (x @ w + b).tanh()": (lambda x, w, b: (x @ w + b).tanh(),
                                 [uniform(5, 3), uniform(3, 4), uniform(4)]),
    "reuse x * x + x": (lambda x: x * x + x, [uniform(2, 3)]),
    "linear(x, w, b)": (lambda x, w, b: tensor.linear(x, w, b),
                        [uniform(5, 3), uniform(3, 4), uniform(4)]),
    "index row": (lambda a: a[1], [uniform(3, 4)]),
    "index slice": (lambda a: a[:, 1:3], [uniform(3, 4)]),
    "index repeated rows and columns": (lambda a: a[[0, 2, 2], [1, 1, 3]], [uniform(3, 4)]),
    "transpose": (lambda a: a.T * np.arange(3.0), [uniform(3, 2)]),
    "reshape": (lambda a: a.reshape(3, 4) * np.arange(4.0), [uniform(2, 6)]),
    "max": (lambda a: a.max(), [uniform(3, 4)]),
    "max axis=0": (lambda a: a.max(axis=0), [uniform(3, 4)]),
    "max axis=1 keepdims": (lambda a: a.max(axis=1, keepdims=True), [uniform(3, 4)]),
    "log_softmax": (lambda a: a.log_softmax(), [uniform(3, 4)]),
    "log_softmax axis=0": (lambda a: a.log_softmax(axis=0), [uniform(3, 4)]),
    "softmax_cross_entropy": (lambda a: tensor.softmax_cross_entropy(a, [3, 0, 1]),
                              [uniform(3, 4)]),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_gradient_matches_finite_differences(name):
    f, inputs = OPERATIONS[name]
    assert_gradients_match_finite_differences(f, *inputs)


SMALL = st.floats(-3, 3)


def small_arrays(shape, elements=SMALL):
    return hnp.arrays(np.float64, shape, elements=elements)


BROADCASTING = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
}


@pytest.mark.parametrize("name", sorted(BROADCASTING))
@given(data=st.data(), shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3,
                                                                   max_side=3))
def test_broadcasting_gradient_matches_finite_differences(name, data, shapes):
    a = data.draw(small_arrays(shapes.input_shapes[0]))
    b = data.draw(small_arrays(shapes.input_shapes[1], st.floats(0.5, 3)))
    assert_gradients_match_finite_differences(BROADCASTING[name], a, b)


UNARY = {
    "exp": lambda a: a.exp(),
    "tanh": lambda a: a.tanh(),
    "sigmoid": lambda a: a.sigmoid(),
    "relu": lambda a: a.relu(),
    "square": lambda a: a ** 2,
}


@pytest.mark.parametrize("name", sorted(UNARY))
@given(x=small_arrays(hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
                      st.floats(-3, -0.1) | st.floats(0.1, 3)))
def test_unary_gradient_matches_finite_differences(name, x):
    assert_gradients_match_finite_differences(UNARY[name], x)


def test_unbroadcast_sums_added_and_stretched_axes():
    grad = np.arange(24.0).reshape(2, 3, 4)
    assert unbroadcast(grad, (3, 1)).shape == (3, 1)
    np.testing.assert_array_equal(unbroadcast(grad, (3, 1)), grad.sum(axis=(0, 2))[:, None])
    assert unbroadcast(grad, ()) == grad.sum()
    assert unbroadcast(grad, (2, 3, 4)) is grad


def test_backward_twice_accumulates_into_leaves_only():
    x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * x
    y.retain_grad()
    z = y.sum()
    z.backward(retain_graph=True)
    first = x.grad.copy()
    z.backward()
    np.testing.assert_array_equal(x.grad, 2 * first)
    np.testing.assert_array_equal(y.grad, [1.0, 1.0, 1.0])
    assert z.grad is None  # interior, and not asked to keep its gradient


def test_zero_grad_gives_the_same_gradients_again():
    layer = TensorLayer(uniform(3, 2), uniform(2), activation="tanh")
    loss = layer(uniform(4, 3)).sum()
    loss.backward(retain_graph=True)
    first = [p.grad.copy() for p in layer.parameters()]
    layer.zero_grad()
    assert all(not p.grad.any() for p in layer.parameters())
    loss.backward()
    for p, g in zip(layer.parameters(), first, strict=True):
        np.testing.assert_array_equal(p.grad, g)


def test_zero_grad_leaves_a_kept_gradient_alone():
    layer = TensorLayer(uniform(3, 2), uniform(2), activation="tanh")
    optimizer = SGD(layer.parameters())
    for clear in (layer.zero_grad, optimizer.zero_grad):
        layer(uniform(4, 3)).sum().backward()
        kept = [p.grad for p in layer.parameters()]
        copies = [g.copy() for g in kept]
        clear()
        for p, g, copy in zip(layer.parameters(), kept, copies, strict=True):
            np.testing.assert_array_equal(g, copy)
            assert p.grad.shape == p.shape and not p.grad.any()


def test_a_leaf_adds_its_first_gradient_to_zeros_even_after_zero_grad():
    x = Tensor([1.0, 2.0], requires_grad=True)
    optimizer = SGD([x])
    for _ in range(2):  # the gradient that arrives is -0.0, and 0.0 + -0.0 is 0.0
        (x * -0.0).sum().backward()
        assert not np.signbit(x.grad).any()
        optimizer.zero_grad()


def test_backward_of_a_leaf_is_its_seed():
    x = Tensor(4.0, requires_grad=True)
    x.backward()
    assert x.grad == 1.0
    m = Tensor([[1.0, 2.0]], requires_grad=True)
    m.backward(grad=[[3.0, 4.0]])
    np.testing.assert_array_equal(m.grad, [[3.0, 4.0]])


def test_single_entry_matrix_needs_no_grad_argument():
    x = Tensor([[2.0]], requires_grad=True)
    (x * x).backward()
    np.testing.assert_array_equal(x.grad, [[4.0]])


def test_inputs_keep_their_order():
    a, b = Tensor([[1.0]], requires_grad=True), Tensor([[2.0]], requires_grad=True)
    assert (a - b)._prev[0] is a
    assert (b @ a)._prev == (b, a)
    assert (b @ a)._op == "@"


def test_backward_functions_hold_arrays_never_tensors():
    x, w = Tensor(uniform(4, 3), requires_grad=True), Tensor(uniform(3, 2), requires_grad=True)
    loss = ((x @ w).tanh() ** 2 - (w.exp() / 2).mean(axis=0)).relu().sum()
    for node in topological_order(loss):
        cells = node._grad_fn.__closure__ or () if node._prev else ()
        captured = [cell.cell_contents for cell in cells]
        assert not any(isinstance(value, Tensor) for value in captured), node._op


def test_data_is_a_float64_copy_and_grad_has_its_shape():
    source = np.array([[1, 2, 3]])
    x = Tensor(source, requires_grad=True)
    source[0, 0] = 100
    assert x.data.dtype == np.float64 and x.data[0, 0] == 1.0
    assert x.grad.shape == x.shape == (1, 3)


def test_a_node_built_by_hand_holds_float64_and_locks_a_float64_array_without_copying():
    x = Tensor([1.0, 2.0])
    ints = np.array([1, 2])
    node = Tensor(ints, (x,), "id", _grad_fn=lambda grad: (grad,))
    assert node.data.dtype == np.float64 and ints.flags.writeable
    floats = np.array([1.0, 2.0])
    node = Tensor(floats, (x,), "id", _grad_fn=lambda grad: (grad,))
    assert node.data is floats and not floats.flags.writeable


@pytest.mark.filterwarnings("error")
def test_tanh_and_sigmoid_saturate_without_overflow():
    x = Tensor([1000.0, -1000.0, 1e300, -1e300], requires_grad=True)
    np.testing.assert_array_equal(x.tanh().data, [1.0, -1.0, 1.0, -1.0])
    s = x.sigmoid()
    np.testing.assert_array_equal(s.data, [1.0, 0.0, 1.0, 0.0])
    s.sum().backward()
    np.testing.assert_array_equal(x.grad, [0.0, 0.0, 0.0, 0.0])


@pytest.mark.parametrize("bad, type_name", [("abc", "str"), (None, "NoneType"),
                                            (1 + 2j, "complex"), (True, "bool"),
                                            ([1.0, "a"], "list")])
def test_tensor_rejects_non_numbers_naming_the_type(bad, type_name):
    with pytest.raises(TypeError, match=f"Tensor needs numbers, got {type_name}"):
        Tensor(bad)


def test_operators_reject_non_numbers():
    with pytest.raises(TypeError, match="got str"):
        Tensor([1.0]) + "1"


def test_tensor_exponent_raises_type_error_saying_so():
    with pytest.raises(TypeError, match="int or float exponent, got Tensor"):
        Tensor([2.0]) ** Tensor([3.0])


def test_negative_base_with_fractional_exponent_raises():
    with pytest.raises(ValueError, match="negative entries to the non-integer power 0.5"):
        Tensor([4.0, -2.0]) ** 0.5


@pytest.mark.parametrize("x", [[1.0, 0.0], [-1.0, 2.0]])
def test_log_of_non_positive_raises(x):
    with pytest.raises(ValueError, match="log needs positive entries"):
        Tensor(x).log()


@pytest.mark.parametrize("divide", [lambda: Tensor([1.0]) / 0,
                                    lambda: Tensor([1.0, 2.0]) / Tensor([3.0, 0.0]),
                                    lambda: 1 / Tensor([0.0]),
                                    lambda: Tensor([0.0]) ** -1])
def test_division_by_zero_raises(divide):
    with pytest.raises(ZeroDivisionError, match="zero entries"):
        divide()


@pytest.mark.parametrize("a, b", [((2, 3), (2, 3)), ((3,), (3, 1)), ((2, 3), (3,))])
def test_matmul_shape_mismatch_names_both_shapes(a, b):
    with pytest.raises(ValueError, match=rf"shapes \({a[0]},.*\) and \({b[0]},.*\)"):
        Tensor(np.ones(a)) @ Tensor(np.ones(b))


def test_elementwise_shape_mismatch_names_both_shapes():
    with pytest.raises(ValueError, match=r"broadcast.*\(2,3\).*\(4,\)"):
        Tensor(np.ones((2, 3))) * Tensor(np.ones(4))


def test_backward_of_non_scalar_needs_grad():
    y = Tensor([1.0, 2.0], requires_grad=True) * 2
    with pytest.raises(ValueError, match=r"without grad needs a single number, got shape \(2,\)"):
        y.backward()


def test_backward_grad_must_have_the_output_shape():
    y = Tensor([1.0, 2.0], requires_grad=True) * 2
    with pytest.raises(ValueError, match=r"grad of shape \(2,\), got \(3,\)"):
        y.backward(grad=[1.0, 1.0, 1.0])


def test_layer_rejects_unknown_activation_and_mismatched_bias():
    with pytest.raises(ValueError, match="activation must be one of"):
        TensorLayer([[1.0]], [0.0], activation="softmax")
    with pytest.raises(ValueError, match=r"got \(2, 3\) and \(2,\)"):
        TensorLayer(np.ones((2, 3)), np.zeros(2))


def test_max_margin_loss_needs_one_label_per_score():
    with pytest.raises(ValueError, match="2 scores, 3 labels"):
        tensor.max_margin_loss(Tensor([[1.0], [2.0]]), [1, -1, 1])


def test_rest_of_the_package_does_not_import_numpy():
    code = "import sys, micrograd; print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def assert_same(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-12)


def scalar_layer_arrays(layer, attribute):
    """A scalar layer's weights and biases (``"data"`` or ``"grad"``) as a tensor layer's arrays."""
    w = np.array([[getattr(p, attribute) for p in n.w] for n in layer.neurons]).T
    b = np.array([getattr(n.b, attribute) for n in layer.neurons])
    return w, b


def scalar_objective(model, X, y):
    """Max-margin loss plus L2 penalty of a scalar MLP, one example at a time."""
    return max_margin_loss([model(x) for x in X], y) + l2_penalty(model.parameters(), alpha=1e-4)


def tensor_objective(model, X, y):
    """The same loss for a tensor MLP, the whole batch at once."""
    return (tensor.max_margin_loss(model(X), y)
            + tensor.l2_penalty(model.parameters(), alpha=1e-4))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_tensor_mlp_gives_the_same_loss_and_gradients_as_the_scalar_mlp(seed):
    X, y = two_moons(20, 0.1, seed)
    scalar = MLP(2, [16, 16, 1], rng=random.Random(seed))
    twin = TensorMLP.from_scalar(scalar)
    loss, tensor_loss = scalar_objective(scalar, X, y), tensor_objective(twin, X, y)
    loss.backward()
    tensor_loss.backward()
    assert tensor_loss.data == pytest.approx(loss.data, rel=1e-12)
    for layer, twin_layer in zip(scalar.layers, twin.layers, strict=True):
        w_grad, b_grad = scalar_layer_arrays(layer, "grad")
        assert_same(twin_layer.w.grad, w_grad)
        assert_same(twin_layer.b.grad, b_grad)
    assert sum(p.data.size for p in twin.parameters()) == len(scalar.parameters()) == 337


def test_tensor_mlp_trains_along_the_same_path_as_the_scalar_mlp():
    X, y = two_moons(20, 0.1, seed=3)
    scalar = MLP(2, [16, 16, 1], rng=random.Random(3))
    twin = TensorMLP.from_scalar(scalar)
    for _ in range(3):
        loss, tensor_loss = scalar_objective(scalar, X, y), tensor_objective(twin, X, y)
        scalar.zero_grad()
        twin.zero_grad()
        loss.backward()
        tensor_loss.backward()
        for p in scalar.parameters() + twin.parameters():
            p.data = p.data - 0.5 * p.grad  # rebinding: a tensor's data is read-only
    for layer, twin_layer in zip(scalar.layers, twin.layers, strict=True):
        w, b = scalar_layer_arrays(layer, "data")
        np.testing.assert_allclose(twin_layer.w.data, w, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(twin_layer.b.data, b, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
def test_from_scalar_keeps_every_activation(activation):
    scalar = MLP(3, [4, 5, 2], activation=activation, output_activation="tanh",
                 rng=random.Random(4))
    twin = TensorMLP.from_scalar(scalar)
    X = uniform(6, 3)
    outputs = [scalar(list(x)) for x in X]
    sum(sum(row) for row in outputs).backward()
    scores = twin(X)
    scores.sum().backward()
    assert_same(scores.data, [[v.data for v in row] for row in outputs])
    for layer, twin_layer in zip(scalar.layers, twin.layers, strict=True):
        assert twin_layer.activation == layer.neurons[0].activation
        w_grad, b_grad = scalar_layer_arrays(layer, "grad")
        assert_same(twin_layer.w.grad, w_grad)
        assert_same(twin_layer.b.grad, b_grad)


def assert_matches(reference, inputs, expression):
    """Our value and input gradients agree with PyTorch's to 1e-12."""
    assert reference["inputs"] == inputs, "tensor_cases.py changed: rerun make_reference.py"
    leaves = [Tensor(x, requires_grad=True) for x in inputs]
    out = expression(*leaves)
    out.backward()
    assert out.data == pytest.approx(reference["value"], rel=1e-12, abs=1e-14)
    for leaf, grad in zip(leaves, reference["grads"], strict=True):
        np.testing.assert_allclose(leaf.grad, grad, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_stored_pytorch_reference(name):
    assert_matches(REFERENCE[name], *CASES[name])


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_live_pytorch(name):
    pytest.importorskip("torch")
    from make_reference import reference

    inputs, expression = CASES[name]
    assert_matches(reference(inputs, expression), inputs, expression)


def by_hand_training(X, Y, steps, lr=0.01, alpha=1e-4):
    """The tensor engine's training step, written out with the very NumPy calls it makes.

    The lines follow the graph's nodes, forward and then backward; a parameter's
    gradient starts from zeros and adds its contributions in the order the
    backward pass visits them (the penalty's first). Returns the last loss and
    the parameters.
    """
    params = [np.array(p, dtype=float) for layer in TensorMLP.from_scalar(
        _moons_model()).layers for p in (layer.w.data, layer.b.data)]
    for _ in range(steps):
        w1, b1, w2, b2, w3, b3 = params
        x, y = np.array(X, dtype=float), np.array(np.asarray(Y), dtype=float).reshape(-1, 1)
        n = np.array(float(len(x)))
        a1 = x @ w1
        keep1 = ~(a1 + b1 <= 0)
        h1 = np.where(keep1, a1 + b1, 0.0)
        a2 = h1 @ w2
        keep2 = ~(a2 + b2 <= 0)
        h2 = np.where(keep2, a2 + b2, 0.0)
        s = h2 @ w3 + b3
        margin = 1.0 + (y * s) * -1.0
        keep = ~(margin <= 0)
        hinge = np.sum(np.where(keep, margin, 0.0)) / n
        l2 = np.sum(w1 * w1) + 0.0  # Python's sum starts from 0
        for p in params[1:]:
            l2 = l2 + np.sum(p * p)
        loss = hinge + l2 * alpha
        d_margin = np.broadcast_to(1.0 / n, margin.shape) * keep
        d_s = (d_margin * -1.0) * y
        d_h2 = d_s @ w3.T
        d_z2 = d_h2 * keep2
        d_h1 = d_z2 @ w2.T
        d_z1 = d_h1 * keep1
        local = [(x.T @ d_z1), d_z1.sum(axis=0), (h1.T @ d_z2), d_z2.sum(axis=0),
                 (h2.T @ d_s), d_s.sum(axis=0)]
        grads = []
        for p, g in zip(params, local, strict=True):
            square = alpha * p  # from p * p in the penalty, once for each factor
            total = np.zeros(p.shape)
            for part in (square, square, g):
                total += part
            grads.append(total)
        params = [p - lr * g for p, g in zip(params, grads, strict=True)]
    return loss, params


def _moons_model():
    random.seed(0)
    return MLP(2, [16, 16, 1])


@pytest.mark.parametrize("n", [100, 1_000, 10_000])
def test_training_gives_the_same_bits_as_the_steps_written_out(n):
    X, Y = two_moons(n, noise=0.1, seed=1)
    model = TensorMLP.from_scalar(_moons_model())
    params = model.parameters()
    for _ in range(20):
        loss = tensor.max_margin_loss(model(X), Y) + tensor.l2_penalty(params, 1e-4)
        model.zero_grad()
        loss.backward()
        for p in params:
            p.data = p.data - 0.01 * p.grad
    want_loss, want_params = by_hand_training(X, Y, 20)
    assert loss.data.tobytes() == np.asarray(want_loss).tobytes()
    for p, want in zip(params, want_params, strict=True):
        assert p.data.tobytes() == want.tobytes()


def test_grad_of_another_shape_is_refused():
    x = Tensor([1.0, 2.0])
    with pytest.raises(ValueError, match=r"grad must have the shape of data, \(2,\), got \(2, 2\)"):
        x.grad = np.zeros((2, 2))
