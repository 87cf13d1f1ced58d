"""Optimizers and the logistic loss, step by step against PyTorch's (tests/reference)."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
import training_cases

from micrograd import SGD, Adam, Value, binary_cross_entropy
from micrograd.tensor import Tensor

TORCH = json.loads(Path(__file__).with_name("reference").joinpath("training_torch.json")
                   .read_text())
OPTIMIZERS = {"SGD": SGD, "Adam": Adam}


def run(name, options, make=Value, read=lambda p: p.data):
    params = [make(x) for x in training_cases.START]
    optimizer = OPTIMIZERS[name](params, **options)
    trajectory = []
    for _ in range(training_cases.STEPS):
        optimizer.zero_grad()
        training_cases.objective(*params).backward()
        optimizer.step()
        trajectory.append([read(p) for p in params])
    return trajectory


@pytest.mark.parametrize("case", training_cases.OPTIMIZERS)
def test_every_step_equals_pytorchs(case):
    ours = run(*training_cases.OPTIMIZERS[case])
    theirs = TORCH["optimizers"][case]
    for step, (mine, torchs) in enumerate(zip(ours, theirs, strict=True)):
        assert mine == pytest.approx(torchs, rel=1e-12, abs=1e-14), f"step {step + 1}"


@pytest.mark.parametrize("case", ["sgd_momentum_weight_decay", "adam_betas_weight_decay"])
def test_tensors_step_as_values_do(case):
    ours = run(*training_cases.OPTIMIZERS[case],
               make=lambda x: Tensor(np.array(x), requires_grad=True),
               read=lambda p: float(p.data))
    assert ours[-1] == pytest.approx(TORCH["optimizers"][case][-1], rel=1e-12, abs=1e-14)


def test_weight_decay_pulls_a_parameter_with_no_gradient_toward_zero():
    p = Value(2.0)
    SGD([p], lr=0.1, weight_decay=0.5).step()
    assert p.data == 2.0 - 0.1 * 0.5 * 2.0


def test_adam_steps_about_lr_whatever_the_gradients_scale():
    for scale in (1e-3, 1.0, 1e6):  # far above eps, which only guards a zero gradient
        p = Value(0.0)
        (p * scale).backward()
        Adam([p], lr=0.01).step()
        assert p.data == pytest.approx(-0.01, rel=1e-3)


@pytest.mark.parametrize("bad, message", [
    ({"lr": 0.0}, "lr must be a positive finite number"),
    ({"betas": (0.9, 1.0)}, "betas must be two numbers in [0, 1)"),
    ({"weight_decay": -1.0}, "weight_decay must be a finite number >= 0"),
])
def test_adam_refuses_settings_that_cannot_train(bad, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace(")", r"\)")):
        Adam([Value(1.0)], **bad)


@pytest.mark.parametrize("case", training_cases.LOGISTIC_CASES)
def test_binary_cross_entropy_and_its_gradient_equal_pytorchs(case):
    scores, labels = training_cases.LOGISTIC_CASES[case]
    values = [Value(s) for s in scores]
    loss = binary_cross_entropy(values, labels)
    loss.backward()
    expected = TORCH["logistic"][case]
    assert loss.data == pytest.approx(expected["value"], rel=1e-14)
    assert [v.grad for v in values] == pytest.approx(expected["grads"], rel=1e-12, abs=1e-300)
    assert all(math.isfinite(v.grad) for v in values)


def test_binary_cross_entropy_refuses_labels_of_zero_and_one():
    with pytest.raises(ValueError, match="labels must be -1 or \\+1, got 0"):
        binary_cross_entropy([Value(1.0), Value(2.0)], [1, 0])
