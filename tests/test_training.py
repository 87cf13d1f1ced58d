"""Training end to end: losses, the optimizer, and the two data sets."""

import random

import pytest

from micrograd import (
    MLP,
    SGD,
    Value,
    accuracy,
    l2_penalty,
    max_margin_loss,
    squared_error,
    tiny_dataset,
    two_moons,
)


def test_tiny_dataset_loss_goes_below_one_thousandth():
    xs, ys = tiny_dataset()
    model = MLP(3, [4, 4, 1], activation="tanh", output_activation="tanh", rng=random.Random(1))
    opt = SGD(model.parameters(), lr=0.2)
    for _ in range(200):
        loss = squared_error([model(x) for x in xs], ys)
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.data < 1e-3


def test_two_moons_reaches_full_training_accuracy():
    X, y = two_moons(100, noise=0.1, seed=1)
    model = MLP(2, [16, 16, 1], rng=random.Random(1))
    opt = SGD(model.parameters())
    steps = 100
    for k in range(steps):
        scores = [model(x) for x in X]
        loss = max_margin_loss(scores, y) + l2_penalty(model.parameters(), alpha=1e-4)
        opt.zero_grad()
        loss.backward()
        opt.lr = 1.0 - 0.9 * k / steps
        opt.step()
    assert accuracy([model(x) for x in X], y) == 1.0


def test_sgd_step_moves_against_the_gradient():
    p = Value(3.0)
    opt = SGD([p], lr=0.25)
    (p * p).backward()
    opt.step()
    assert p.data == 3.0 - 0.25 * 6.0


def test_momentum_remembers_the_previous_step():
    p = Value(1.0)
    opt = SGD([p], lr=0.1, momentum=0.9)
    for _ in range(2):
        opt.zero_grad()
        p.backward()  # d p / d p = 1
        opt.step()
    assert p.data == pytest.approx(1.0 - 0.1 * 1.0 - 0.1 * (0.9 + 1.0))


@pytest.mark.parametrize("kwargs, match", [({"lr": 0}, "lr must be a positive finite number"),
                                           ({"momentum": 1.0}, "momentum must be in")])
def test_sgd_rejects_bad_settings(kwargs, match):
    with pytest.raises(ValueError, match=match):
        SGD([Value(1.0)], **kwargs)


def test_forgetting_zero_grad_piles_up_gradients():
    p = Value(2.0)
    for _ in range(3):
        (p * p).backward()
    assert p.grad == 3 * 4.0


@pytest.mark.parametrize("loss", [squared_error, max_margin_loss, accuracy])
def test_losses_refuse_mismatched_lengths(loss):
    with pytest.raises(ValueError, match="2 predictions, 3 targets"):
        loss([Value(1.0), Value(2.0)], [1, 1, 1])


def test_squared_error_matches_hand_computation():
    loss = squared_error([Value(0.5), Value(-2.0)], [1.0, -1.0])
    assert loss.data == 0.25 + 1.0


def test_max_margin_loss_is_zero_beyond_the_margin():
    assert max_margin_loss([Value(1.5), Value(-3.0)], [1, -1]).data == 0.0


def test_l2_penalty_gradient_is_two_alpha_p():
    ps = [Value(1.5), Value(-2.0)]
    l2_penalty(ps, alpha=0.1).backward()
    assert [p.grad for p in ps] == pytest.approx([0.3, -0.4])


def test_two_moons_is_seeded_and_balanced():
    X1, y1 = two_moons(51, noise=0.2, seed=3)
    X2, y2 = two_moons(51, noise=0.2, seed=3)
    assert (X1, y1) == (X2, y2)
    assert len(X1) == 51 and y1.count(-1) == 25 and y1.count(1) == 26
    assert two_moons(51, noise=0.2, seed=4)[0] != X1


def test_two_moons_needs_two_points():
    with pytest.raises(ValueError, match="n >= 2"):
        two_moons(1)


@pytest.mark.parametrize("loss", [max_margin_loss, accuracy])
def test_losses_for_signs_refuse_zero_one_labels(loss):
    with pytest.raises(ValueError, match="labels must be -1 or \\+1, got 0"):
        loss([Value(1.0), Value(-2.0)], [1, 0])
