"""Checks for Part II, the network: a neuron, its parameters, a loss, a step, a loop, two moons.

As in Part I, each check goes from the smallest case to larger ones and
compares the reader's answer with the package's own pieces.
"""

import math
import random

from micrograd.data import tiny_dataset, two_moons
from micrograd.engine import Value, weighted_sum
from micrograd.exercises.checking import (
    Mistake,
    call,
    close,
    expect_value,
    numbers,
    show,
)
from micrograd.exercises.engine_pieces import compare, named
from micrograd.losses import squared_error
from micrograd.nn import MLP


def values(xs):
    """Fresh leaves holding the numbers ``xs``."""
    return [Value(x) for x in xs]


def check_neuron(neuron):
    """6.A: ``neuron(weights, bias, inputs)`` is tanh(Σ wᵢ·xᵢ + b), one input per weight."""
    name = named(neuron, "neuron")
    cases = [([2.0], [0.5], -0.5)] + [(numbers(n, 60 + n), numbers(n, 70 + n),
                                        numbers(1, 80 + n)[0]) for n in (2, 3, 5)]
    for w, x, b in cases:
        n = len(w)
        case = f"{name}(weights={show(w)}, bias={b}, inputs={show(x)})"
        act = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
        ws, xs, bias = values(w), values(x), Value(b)
        out = call(neuron, case, ws, bias, xs)
        expect_value(case, out)
        compare(case, "data", [math.tanh(act)], [out.data],
                [([act], "apply tanh to the sum: the neuron's activation"),
                 ([math.tanh(act - b)], "add the bias b to the weighted sum"),
                 ([math.tanh(act + (n - 1) * b)], "add the bias once, not once per input")],
                "tanh(w₁x₁ + … + wₙxₙ + b)")
        out.backward()
        ref_w, ref_x, ref_b = values(w), values(x), Value(b)
        weighted_sum(ref_w, ref_x, ref_b).tanh().backward()
        compare(case, "weight gradients", [v.grad for v in ref_w], [v.grad for v in ws], [],
                "build the output from the Values themselves (w * x), not from .data")
    case = f"{name}(weights=[3 weights], bias=0.5, inputs=[only 2 inputs])"
    out = _returns(neuron, values([1.0, 2.0, 3.0]), Value(0.5), values([1.0, 1.0]))
    if out is not None:
        raise Mistake(case, "an error: 3 weights need 3 inputs", f"{out!r}",
                      "zip dropped an input without a word: check that there is one input "
                      "per weight, e.g. zip(weights, inputs, strict=True)")


def _returns(answer, *args):
    """What ``answer(*args)`` returns, or None if it raises (as it should, for bad input)."""
    try:
        return answer(*args)
    except Exception:
        return None


def check_parameters(parameters):
    """7.A: ``parameters(model)`` lists every weight and bias of an MLP, each once."""
    for nin, nouts in ((1, [1]), (2, [3, 1]), (3, [4, 4, 1])):
        model = MLP(nin, nouts, rng=random.Random(7))
        case = f"parameters(MLP({nin}, {nouts}))"
        got = call(parameters, case, model)
        want = model.parameters()
        try:
            got = list(got)
        except TypeError:
            raise Mistake(case, "a list of Values", type(got).__name__,
                          "return one flat list") from None
        if not all(isinstance(p, Value) for p in got):
            raise Mistake(case, "a flat list of Values", "a list holding other things",
                          "one flat list of Values, not a list per layer or per neuron")
        if len({id(p) for p in got}) < len(got):
            raise Mistake(case, f"{len(want)} parameters, each once", f"{len(got)} entries",
                          "a parameter listed twice would be stepped twice")
        missing = {id(p) for p in want} - {id(p) for p in got}
        biases = {id(n.b) for layer in model.layers for n in layer.neurons}
        if missing:
            raise Mistake(case, f"{len(want)} parameters", f"{len(got)}",
                          "each neuron's bias b is a parameter too" if missing <= biases
                          else "every neuron of every layer: its weights w and its bias b")


def check_squared_error(squared_error_answer):
    """8.A: ``squared_error(predictions, targets)`` adds up (p - t)², one target per prediction."""
    for n in (1, 2, 4):
        p, t = numbers(n, 90 + n), numbers(n, 95 + n)
        case = f"{named(squared_error_answer, 'squared_error')}({show(p)}, {show(t)}), " \
               "predictions as Values"
        preds = values(p)
        out = call(squared_error_answer, case, preds, t)
        expect_value(case, out)
        diffs = [pi - ti for pi, ti in zip(p, t, strict=True)]
        total = sum(d * d for d in diffs)
        compare(case, "loss", [total], [out.data],
                [([total / n], "the book adds the squares without dividing by their count"),
                 ([sum(diffs)], "square each difference"),
                 ([sum(map(abs, diffs))], "square each difference")],
                "Σ (pᵢ - tᵢ)²")
        out.backward()
        compare(case, "gradients", [2 * d for d in diffs],
                [v.grad for v in preds], [], "d(p - t)²/dp = 2(p - t)")
    out = _returns(squared_error_answer, values([1.0, 2.0, 3.0]), [1.0, 2.0])
    if out is not None:
        raise Mistake("squared_error(3 predictions, 2 targets)", "an error", f"{out!r}",
                      "zip dropped a prediction without a word: check that there is one "
                      "target per prediction, e.g. zip(..., strict=True)")


def check_sgd_step(sgd_step):
    """9.A: ``sgd_step(parameters, lr)`` moves every parameter against its gradient."""
    for n, lr in ((1, 0.1), (3, 0.05), (6, 0.5)):
        data, grads = numbers(n, 100 + n), numbers(n, 110 + n)
        params = values(data)
        for p, g in zip(params, grads, strict=True):
            p.grad = g
        case = f"{named(sgd_step, 'sgd_step')}(data={show(data)}, grads={show(grads)}, lr={lr})"
        call(sgd_step, case, params, lr)
        want = [d - lr * g for d, g in zip(data, grads, strict=True)]
        compare(case, "data", want, [p.data for p in params],
                [([d + lr * g for d, g in zip(data, grads, strict=True)],
                  "the sign: that step goes uphill; step against the gradient, "
                  "p.data -= lr * p.grad"),
                 ([d - g for d, g in zip(data, grads, strict=True)], "scale the step by lr"),
                 (data, "nothing moved: read each gradient before any zeroing, and change "
                        "p.data itself")],
                "p.data - lr · p.grad for every parameter")


def reference_train(model, xs, ys, steps, lr, zero=True):
    """The loop the book teaches, with a switch that forgets to zero the gradients."""
    for _ in range(steps):
        loss = squared_error([model(x) for x in xs], ys)
        if zero:
            model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= lr * p.grad


def check_train(train):
    """9.B: ``train(model, xs, ys, steps, lr)``: forward, loss, zero, backward, step."""
    xs, ys = tiny_dataset()

    def model():
        return MLP(3, [4, 4, 1], activation="tanh", output_activation="tanh",
                   rng=random.Random(5))

    for steps in (1, 2, 10):
        case = (f"{named(train, 'train')}(MLP(3, [4, 4, 1]), *tiny_dataset(), "
                f"steps={steps}, lr=0.05)")
        mine = model()
        call(train, case, mine, xs, ys, steps, 0.05)
        got = [p.data for p in mine.parameters()]
        start, want, stale = model(), model(), model()
        reference_train(want, xs, ys, steps, 0.05)
        reference_train(stale, xs, ys, steps, 0.05, zero=False)
        compare(case, "parameters", [p.data for p in want.parameters()], got,
                [([p.data for p in start.parameters()],
                  "nothing moved: after backward(), step every parameter; and zero the "
                  "gradients before backward(), not between backward() and the step"),
                 ([p.data for p in stale.parameters()],
                  "gradients not zeroed: each step's gradients add to the last; call "
                  "model.zero_grad() before each backward()")],
                "each step: predictions, squared_error, zero_grad(), backward(), "
                "p.data -= lr * p.grad")


PIECES = ("neuron", "squared_error", "backward", "sgd_step")


def check_two_moons(pieces):
    """10.A: the reader's neuron, loss, backward() and step train a network on two moons.

    Its losses must follow the package's own run, step for step.
    """
    if not isinstance(pieces, dict) or not set(PIECES) <= set(pieces):
        got = (", ".join(sorted(pieces)) or "an empty dict") if isinstance(pieces, dict) \
            else type(pieces).__name__
        raise Mistake("the pieces you passed", f"a dict with {', '.join(PIECES)}", got,
                      "gather your functions: {'neuron': my_neuron, 'squared_error': "
                      "my_squared_error, 'backward': my_backward, 'sgd_step': my_sgd_step}")
    X, y = two_moons(30, noise=0.1, seed=1)
    book = list(train_moons({"neuron": lambda w, b, x: weighted_sum(w, x, b).tanh(),
                             "squared_error": squared_error,
                             "backward": Value.backward,
                             "sgd_step": _book_step}, X, y))
    for step, (got, want) in enumerate(zip(train_moons(pieces, X, y), book, strict=True)):
        if not close(got, want):
            raise Mistake(f"two moons, step {step}", f"loss {want:.6g}", f"loss {got:.6g}",
                          "one of your pieces differs from the book's here: check each "
                          "again with its own exercise")


def _book_step(parameters, lr):
    for p in parameters:
        p.data -= lr * p.grad


def train_moons(pieces, X, y, hidden=6, steps=15, lr=0.02):
    """Train a 2-hidden-1 tanh network with the given pieces; yield its loss at each step."""
    rng = random.Random(3)
    layers = [[(values(rng.uniform(-1, 1) for _ in range(nin)), Value(0.0))
               for _ in range(nout)] for nin, nout in ((2, hidden), (hidden, 1))]
    params = [p for layer in layers for w, b in layer for p in (*w, b)]
    for step in range(steps):
        case = f"two moons, step {step}"
        scores = []
        for point in X:
            h = values(point)
            for layer in layers:
                h = [call(pieces["neuron"], case, w, b, h) for w, b in layer]
            scores.append(h[0])
        loss = call(pieces["squared_error"], case, scores, y)
        expect_value(case, loss)
        for p in params:
            p.grad = 0.0
        call(pieces["backward"], case, loss)
        call(pieces["sgd_step"], case, params, lr)
        yield loss.data
