"""The tensor engine as PyTorch works: which tensors get gradients, what a step keeps,
and an engine a user can use (constructors, indexing, float32, clear messages)."""

import random

import numpy as np
import pytest

from micrograd import MLP, SGD, max_margin_loss, tensor, topological_order, two_moons
from micrograd.nn import Layer
from micrograd.tensor import Tensor, TensorLayer, TensorMLP, no_grad, unbroadcast


def moons_step(model, n=100, data_requires_grad=False):
    """One training step's loss on two moons: hinge loss plus the L2 penalty."""
    X, y = two_moons(n, noise=0.1, seed=1)
    scores = model(Tensor(X, requires_grad=data_requires_grad))
    return tensor.max_margin_loss(scores, y) + tensor.l2_penalty(model.parameters(), 1e-4)


def saved_arrays(root):
    """The distinct arrays that the graph's backward functions hold."""
    saved = {}
    for node in topological_order(root):
        cells = node._grad_fn.__closure__ if node._grad_fn else None
        for cell in cells or ():
            if isinstance(cell.cell_contents, np.ndarray):
                saved[id(cell.cell_contents)] = cell.cell_contents
    return saved


# --- requires_grad, no_grad, detach, retain_grad ---------------------------------------------

def test_data_and_constants_need_no_gradient_and_parameters_do():
    model = TensorMLP(2, [4, 1], seed=0)
    X = Tensor([[0.5, -1.0]])
    assert not X.requires_grad and X.grad is None
    assert all(p.requires_grad for p in model.parameters())
    loss = moons_step(model, n=10)
    loss.backward()
    assert X.grad is None
    assert all(p.grad.shape == p.shape for p in model.parameters())


def test_a_graph_of_constants_is_not_built_and_cannot_be_differentiated():
    out = (Tensor([1.0, 2.0]) * 3).sum()
    assert out.is_leaf and not out.requires_grad
    with pytest.raises(RuntimeError, match="requires_grad=True"):
        out.backward()


def test_no_grad_builds_no_graph_and_gives_the_same_numbers():
    model = TensorMLP(2, [8, 1], seed=1)
    X = np.random.default_rng(0).normal(size=(5, 2))
    with no_grad():
        quiet = model(X)
    loud = model(X)
    assert quiet.is_leaf and not quiet.requires_grad and loud.requires_grad
    assert quiet.data.tobytes() == loud.data.tobytes()


def test_no_grad_is_restored_after_an_error():
    w = Tensor([1.0], requires_grad=True)
    with pytest.raises(ZeroDivisionError), no_grad():
        w / 0
    assert (w * 2).requires_grad


def test_detach_shares_the_numbers_and_stops_the_gradient():
    w = Tensor([2.0, 3.0], requires_grad=True)
    out = (w * w.detach()).sum()  # d/dw of w·c with c = w held constant is c
    out.backward()
    np.testing.assert_array_equal(w.grad, [2.0, 3.0])
    assert np.shares_memory(w.detach().data, w.data) and not w.detach().requires_grad


def test_interior_gradients_are_freed_unless_retained():
    x = Tensor([1.0, -2.0], requires_grad=True)
    hidden, kept = x * 3, x.exp()
    kept.retain_grad()
    (hidden * kept).sum().backward()
    assert hidden.grad is None and hidden._grad is None
    np.testing.assert_allclose(kept.grad, [3.0, -6.0])
    np.testing.assert_allclose(x.grad, 3 * np.exp([1.0, -2.0]) * (1 + np.array([1.0, -2.0])))


def test_retain_grad_needs_a_tensor_that_gets_a_gradient():
    with pytest.raises(ValueError, match="retain_grad"):
        Tensor([1.0]).retain_grad()


def test_a_second_backward_needs_retain_graph_and_then_accumulates():
    w = Tensor([1.0, 2.0], requires_grad=True)
    loss = (w * w).sum()
    loss.backward(retain_graph=True)
    loss.backward()
    np.testing.assert_array_equal(w.grad, [4.0, 8.0])
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        loss.backward()


# --- what a training step keeps: counted in arrays ------------------------------------------

def test_a_step_saves_only_the_arrays_its_backward_needs():
    loss = moons_step(TensorMLP(2, [16, 16, 1], seed=0))
    # Three fused layers save x (for dw): X, h1, h2; the two hidden ones also save w
    # (for dh), the first does not (X needs no gradient); two ReLU masks; the hinge saves
    # the labels, its ReLU mask and the count it divides by; the penalty saves each of
    # the six parameters (p * p) and alpha.
    assert len(saved_arrays(loss)) == 3 + 2 + 2 + 3 + 6 + 1
    loss_all = moons_step(TensorMLP(2, [16, 16, 1], seed=0), data_requires_grad=True)
    assert len(saved_arrays(loss_all)) == 17 + 1  # now the first layer keeps w for dX too


def test_after_backward_a_step_keeps_only_parameter_gradients():
    model = TensorMLP(2, [16, 16, 1], seed=0)
    loss = moons_step(model)
    loss.backward()
    nodes = topological_order(loss)
    assert not saved_arrays(loss)
    with_grad = [node for node in nodes if node._grad is not None]
    assert {id(node) for node in with_grad} == {id(p) for p in model.parameters()}


def test_retain_graph_keeps_the_saved_arrays():
    loss = moons_step(TensorMLP(2, [16, 16, 1], seed=0))
    before = saved_arrays(loss)
    loss.backward(retain_graph=True)
    assert saved_arrays(loss).keys() == before.keys()


# --- the fused layer -------------------------------------------------------------------------

def test_a_layer_is_one_node_with_the_gradients_of_two():
    layer = TensorLayer.random(3, 4, activation="linear", rng=random.Random(0))
    x = Tensor(np.random.default_rng(0).normal(size=(5, 3)), requires_grad=True)
    out = layer(x)
    assert out._op == "@+" and out._prev == (x, layer.w, layer.b)
    upstream = np.random.default_rng(1).normal(size=(5, 4))
    out.backward(grad=upstream)
    two_nodes = [Tensor(a, requires_grad=True) for a in (x.data, layer.w.data, layer.b.data)]
    (two_nodes[0] @ two_nodes[1] + two_nodes[2]).backward(grad=upstream)
    for fused, separate in zip((x, layer.w, layer.b), two_nodes, strict=True):
        assert fused.grad.tobytes() == separate.grad.tobytes()


# --- an engine a user can use ---------------------------------------------------------------

def test_tensor_mlp_from_sizes_draws_the_scalar_mlps_weights():
    scalar = MLP(2, [16, 16, 1], rng=random.Random(7))
    model = TensorMLP(2, [16, 16, 1], seed=7)
    X, _ = two_moons(10, noise=0.1, seed=0)
    np.testing.assert_allclose(model(X).data.ravel(), [scalar(x).data for x in X], rtol=1e-12)
    assert repr(model.layers[0]) == "TensorLayer(2, 16, activation='relu')"
    assert model.layers[-1].activation == "linear"


def test_tensor_layer_random_matches_the_scalar_layer():
    twin, scalar = TensorLayer.random(3, 2, rng=random.Random(0)), Layer(3, 2, rng=random.Random(0))
    assert twin.w.data.tolist() == [[n.w[i].data for n in scalar.neurons] for i in range(3)]


def test_tensor_layer_given_sizes_points_to_random():
    with pytest.raises(TypeError, match=r"TensorLayer.random\(2, 4\)"):
        TensorLayer(2, 4)


@pytest.mark.parametrize("nouts", [16, []])
def test_tensor_mlp_needs_a_list_of_widths(nouts):
    with pytest.raises(TypeError, match="nouts must be a list of layer widths"):
        TensorMLP(2, nouts)


def test_float32_on_request_stays_float32_through_training():
    model = TensorMLP(2, [8, 1], seed=0, dtype=np.float32)
    optimizer = SGD(model.parameters(), lr=0.1)
    X, y = two_moons(20, noise=0.1, seed=0)
    twin = TensorMLP(2, [8, 1], seed=0)
    np.testing.assert_allclose(model(X).data, twin(X).data, rtol=1e-6)
    losses = []
    for _ in range(5):
        loss = tensor.max_margin_loss(model(X), y)
        assert loss.dtype == np.float32
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert all(p.dtype == np.float32 and p.grad.dtype == np.float32
               for p in model.parameters())
    assert losses[-1] < losses[0]


def test_other_dtypes_are_refused():
    with pytest.raises(ValueError, match="dtype must be float32 or float64, got int64"):
        Tensor([1, 2], dtype=np.int64)


def test_in_place_update_of_data_says_how_to_write_it():
    w = Tensor([1.0, 2.0], requires_grad=True)
    (w * w).sum().backward()
    for update in ("-=", "+=", "*=", "/="):
        with pytest.raises(ValueError, match=r"write p.data = p.data - lr \* p.grad instead"):
            exec(f"w.data {update} 0.1 * w.grad", {"w": w})
    w.data = w.data - 0.1 * w.grad
    np.testing.assert_allclose(w.data, [0.8, 1.6])
    mine = w.data.copy()
    mine -= 1  # a copy is the caller's to change
    np.testing.assert_allclose(mine, [-0.2, 0.6])


def test_data_arithmetic_gives_plain_arrays():
    w = Tensor([1.0, 2.0])
    assert type(w.data * 2) is np.ndarray and type(w.data.sum()) is np.float64


def test_indexing_a_batch_and_its_length():
    x = Tensor(np.arange(6.0).reshape(3, 2), requires_grad=True)
    assert len(x) == 3 and x[1].data.tolist() == [2.0, 3.0] and x[-1, 0].item() == 4.0
    with pytest.raises(TypeError, match="not a Tensor"):
        x[Tensor([0])]


def test_max_shares_the_gradient_between_ties():
    x = Tensor([3.0, 1.0, 3.0], requires_grad=True)
    x.max().backward()
    np.testing.assert_array_equal(x.grad, [0.5, 0.0, 0.5])
    with pytest.raises(ValueError, match="no entries"):
        Tensor(np.zeros(0)).max()


def test_log_softmax_does_not_overflow_and_rows_sum_to_one():
    logits = Tensor([[1000.0, 0.0, -1000.0], [0.1, 0.2, 0.3]])
    probabilities = logits.log_softmax().exp().data
    assert np.isfinite(probabilities).all()
    np.testing.assert_allclose(probabilities.sum(axis=1), [1.0, 1.0])


def test_softmax_cross_entropy_matches_the_formula():
    logits = np.random.default_rng(0).normal(size=(4, 3))
    labels = [2, 0, 1, 1]
    got = tensor.softmax_cross_entropy(Tensor(logits), labels).item()
    want = np.mean([np.log(np.exp(row).sum()) - row[k] for row, k in zip(logits, labels,
                                                                         strict=True)])
    assert got == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("labels, message", [
    ([0, 1], "one label per row"), ([0, 1, 3], "class numbers from 0 to 2, got 3"),
    ([0, -1, 1], "got -1"), ([0, 0.5, 1], "got 0.5")])
def test_softmax_cross_entropy_refuses_bad_labels(labels, message):
    with pytest.raises(ValueError, match=message):
        tensor.softmax_cross_entropy(Tensor(np.zeros((3, 3))), labels)


# --- the defects found in review, one test each ---------------------------------------------

def test_unbroadcast_over_an_empty_batch_gives_zeros_of_the_input_shape():
    assert unbroadcast(np.ones((0, 3)), (1, 3)).tolist() == [[0.0, 0.0, 0.0]]
    bias = Tensor([[1.0, 2.0, 3.0]], requires_grad=True)
    (Tensor(np.zeros((0, 3))) + bias).sum().backward()
    assert bias.grad.tolist() == [[0.0, 0.0, 0.0]]


def test_rebinding_data_of_another_shape_drops_the_old_gradient():
    x = Tensor([1.0], requires_grad=True)
    (x * 2).sum().backward()
    x.data = [2.0, 3.0]
    assert x.grad.shape == (2,) and not x.grad.any()
    (x * x).sum().backward()
    np.testing.assert_array_equal(x.grad, [4.0, 6.0])


def test_a_zero_dimensional_interior_gradient_is_an_array():
    x = Tensor([1.0, 2.0], requires_grad=True)
    total = (x * x).sum()
    total.retain_grad()
    doubled = total * Tensor(2.0)
    doubled.retain_grad()
    doubled.backward()
    assert type(total.grad) is np.ndarray and total.grad.shape == ()
    assert type(doubled.grad) is np.ndarray


def test_a_node_built_by_hand_without_a_backward_function_is_refused_at_once():
    a = Tensor([1.0], requires_grad=True)
    with pytest.raises(TypeError, match="needs _grad_fn"):
        Tensor([2.0], (a,), "custom")


def test_mean_divides_by_a_constant_that_gets_no_gradient():
    x = Tensor([1.0, 2.0, 4.0], requires_grad=True)
    m = x.mean()
    count = m._prev[1]
    assert not count.requires_grad and count.item() == 3.0
    m.backward()
    assert count.grad is None


def test_negation_is_one_node_of_its_input():
    x = Tensor([1.0, -2.0], requires_grad=True)
    y = -x
    assert y._op == "neg" and y._prev == (x,)
    y.backward(grad=[1.0, 1.0])
    assert x.grad.tolist() == [-1.0, -1.0]


@pytest.mark.parametrize("scores, message", [
    (np.ones((3, 1)), "micrograd.tensor.max_margin_loss takes a Tensor.*got ndarray"),
    ([1.0, 2.0, 3.0], "got list: for a list of Value objects, use micrograd.max_margin_loss"),
])
def test_tensor_loss_given_the_wrong_kind_names_the_engine(scores, message):
    with pytest.raises(TypeError, match=message):
        tensor.max_margin_loss(scores, [1, -1, 1])


def test_scalar_loss_given_a_tensor_names_the_engine():
    with pytest.raises(TypeError, match="got a Tensor of shape \\(1, 1\\).*micrograd.tensor"):
        max_margin_loss(Tensor([[1.0]]), [1])
