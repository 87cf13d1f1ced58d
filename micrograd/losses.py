"""Loss functions: one number that says how wrong a model is.

Taught in the chapters "Loss" and "Two moons". Each loss checks that
predictions and targets pair up one to one, instead of letting ``zip`` drop
the extra items silently, and that the predictions are ``Value`` objects, so
that the loss can be differentiated.

A NaN prediction makes the loss NaN, as in PyTorch, so a run that has
diverged cannot look healthy; ``accuracy`` refuses a NaN score outright,
because it has no sign to count.

>>> max_margin_loss([Value(float("nan"))], [1])
Value(data=nan, grad=0.0)
>>> accuracy([Value(float("nan"))], [-1])
Traceback (most recent call last):
...
ValueError: score 0 is NaN, so it has no sign: has training diverged?
"""

import math

from micrograd.engine import Value, _logistic, weighted_sum


def squared_error(predictions, targets):
    """Sum of squared differences, what the lecture calls "mean squared error".

    The lecture adds the squares without dividing by their count; so does
    this function, so that its numbers match.

    >>> squared_error([Value(0.5), Value(-1.0)], [1.0, -1.0])
    Value(data=0.25, grad=0.0)
    """
    _check_pairs(predictions, targets)
    return sum((p - t) ** 2 for p, t in zip(predictions, targets, strict=True))


def max_margin_loss(scores, labels):
    """Mean hinge loss ``max(0, 1 - y·score)`` for labels ``y`` of ±1.

    A point that is on the right side with a margin of at least 1 costs
    nothing; any other point costs how far it falls short.

    >>> max_margin_loss([Value(2.0), Value(0.5)], [1, 1])
    Value(data=0.25, grad=0.0)
    >>> max_margin_loss([Value(2.0), Value(0.5)], [1, 0])
    Traceback (most recent call last):
    ...
    ValueError: labels must be -1 or +1, got 0
    """
    _check_pairs(scores, labels)
    _check_signs(labels)
    losses = [(1 - y * s).relu() for s, y in zip(scores, labels, strict=True)]
    return sum(losses) * (1.0 / len(losses))


def binary_cross_entropy(scores, labels):
    """Mean logistic loss ``log(1 + e^(-y·score))`` for labels ``y`` of ±1.

    The score is a logit: σ(score) is the model's probability of the label +1,
    and the loss is the mean of -log(probability given to the true label),
    PyTorch's ``binary_cross_entropy_with_logits`` with targets (y + 1) / 2.
    Unlike the hinge it never stops pulling: a right answer costs a little
    less the surer it is.

    >>> binary_cross_entropy([Value(0.0)], [1])   # a coin toss costs log 2
    Value(data=0.6931471805599453, grad=0.0)
    >>> binary_cross_entropy([Value(800.0)], [-1])  # sure and wrong: no overflow
    Value(data=800.0, grad=0.0)
    """
    _check_pairs(scores, labels)
    _check_signs(labels)
    losses = [_softplus(-y * s) for s, y in zip(scores, labels, strict=True)]
    return sum(losses) * (1.0 / len(losses))


def _softplus(z):
    """log(1 + eᶻ) as one node, its slope σ(z); written so that eᶻ never overflows."""
    x = z.data
    return Value(max(x, 0.0) + math.log1p(math.exp(-abs(x))), (z,), "softplus", (_logistic(x),))


def mean_squared_error(predictions, targets):
    """The mean of the squared differences: ``squared_error`` divided by the count.

    Its size does not grow with the number of examples, so a learning rate
    that suits a batch of 10 suits a batch of 1000.

    >>> mean_squared_error([Value(0.5), Value(-1.0)], [1.0, -1.0])
    Value(data=0.125, grad=0.0)
    """
    return squared_error(predictions, targets) * (1.0 / len(predictions))


def l2_penalty(parameters, alpha):
    """``alpha · Σ p²``: a pull of every parameter toward zero.

    >>> l2_penalty([Value(1.0), Value(-2.0)], alpha=0.1)
    Value(data=0.5, grad=0.0)
    """
    parameters = list(parameters)
    return alpha * weighted_sum(parameters, parameters, Value(0.0))  # Σ p·p as one node


def accuracy(scores, labels):
    """The fraction of scores whose sign matches the ±1 label.

    >>> accuracy([Value(2.0), Value(-0.5), Value(1.0)], [1, -1, -1])
    0.6666666666666666
    """
    _check_pairs(scores, labels)
    _check_signs(labels)
    for i, s in enumerate(scores):
        if math.isnan(s.data):
            raise ValueError(f"score {i} is NaN, so it has no sign: has training diverged?")
    return sum((s.data > 0) == (y > 0) for s, y in zip(scores, labels, strict=True)) / len(labels)


def _check_pairs(predictions, targets):
    """Raise unless there is one target per prediction, and every prediction is a ``Value``."""
    if hasattr(predictions, "shape"):  # a Tensor or an array: the other engine's input
        raise TypeError(f"predictions must be a list of Value objects, got a "
                        f"{type(predictions).__name__} of shape {predictions.shape}: for the "
                        f"tensor engine, use micrograd.tensor's loss of the same name")
    if len(predictions) != len(targets):
        raise ValueError(f"need one target per prediction: "
                         f"{len(predictions)} predictions, {len(targets)} targets")
    if not predictions:
        raise ValueError("need at least one prediction, got none")
    for p in predictions:
        if not isinstance(p, Value):
            raise TypeError(f"predictions must be Value objects, a model's outputs, "
                            f"got {type(p).__name__}: {p!r}")


def _check_signs(labels):
    """Raise ``ValueError`` unless every label is -1 or +1: 0/1 labels would train wrongly."""
    for y in labels:
        if isinstance(y, bool):
            raise TypeError(f"labels must be the numbers -1 or +1, got the bool {y!r}")
        if y not in (-1, 1):
            raise ValueError(f"labels must be -1 or +1, got {y!r}")
