"""Chapter 12's ladder: every rung trains the same network to the same gradients."""

import gc
import sys
from pathlib import Path

import pytest

import micrograd
from micrograd import two_moons

sys.path.insert(0, str(Path(__file__).parent.parent))

from benchmarks import ablation  # noqa: E402
from benchmarks import closure_engine as lecture  # noqa: E402

RUNGS = [
    (lecture.Value, lecture.MLP),
    (ablation.GradArgument, None),
    (ablation.FlatBuild, None),
    (ablation.IterativeSort, None),
    (ablation.Slotted, None),
    (ablation.TupleParents, None),
    (ablation.WeightedSum, None),
    (ablation.LocalGrads, None),
    (ablation.EveryNode, micrograd.MLP),
]
X, Y = two_moons(8, noise=0.1, seed=1)


def rung_name(part):
    return getattr(part, "__name__", "")


def gradients(value, model):
    step, params = ablation.training_step(value, X, Y, model)
    loss = step()
    return loss.data, [p.grad for p in params]


@pytest.mark.parametrize(("value", "model"), RUNGS, ids=rung_name)
def test_every_rung_computes_the_package_gradients(value, model):
    loss, grads = gradients(value, model)
    expected_loss, expected = gradients(micrograd.Value, micrograd.MLP)
    assert loss == pytest.approx(expected_loss, abs=1e-12)
    assert len(grads) == len(expected) == 337
    assert grads == pytest.approx(expected, abs=1e-12)
    assert any(g != 0.0 for g in grads)


@pytest.mark.parametrize(("value", "model"), RUNGS[2:], ids=rung_name)
def test_from_the_flat_build_on_a_step_leaves_no_garbage(value, model):
    step, _ = ablation.training_step(value, X, Y, model)
    gc.collect()
    gc.disable()
    try:
        step()
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_local_grads_differs_from_weighted_sum_in_storage_only():
    a, b = ablation.LocalGrads(2.0), ablation.LocalGrads(-3.0)
    c = a * b
    assert c._local_grads == (-3.0, 2.0) and c._prev == (a, b)
    assert not hasattr(c, "__dict__")
    c.backward()
    assert (a.grad, b.grad) == (-3.0, 2.0)
