"""The "Your turn" exercises: stubs fail, solutions pass, wrong answers get the right hint.

The stubs and the solutions are read from the chapters themselves, so the
book and these tests cannot drift apart. The wrong answers are the ones a
learner really writes, among them the four bugs of the lecture's notebook:
``+`` passing on an input's gradient, ``__rsub__``'s sign, ``tanh`` through
``exp(2x)`` overflowing and ``zip`` dropping inputs.
"""

import doctest
import re
from pathlib import Path

import pytest

from micrograd import MLP, Value, squared_error, topological_order
from micrograd.exercises import check, exercises
from micrograd.exercises.checking import numbers

BOOK = Path(__file__).resolve().parents[1] / "book"
SECTION = re.compile(r"^## Your turn (\S+): .*?(?=^## )", re.S | re.M)
BLOCK = re.compile(r"```\{doctest\} your-turn\n(.*?)```", re.S)
CALL = re.compile(r'check\("([^"]+)", (\w+)\)')
SETUP = ("import math\nimport random\nfrom micrograd import *\n"
         "from micrograd.exercises import check\n")


def source(block):
    """The Python of a doctest block, without its expected output."""
    return "".join(example.source for example in doctest.DocTestParser().get_examples(block))


def book_exercises():
    """{id: (name, stub, [solution, ...])} from every chapter's "Your turn" sections."""
    found = {}
    for chapter in sorted(BOOK.glob("*.md")):
        for section in SECTION.finditer(chapter.read_text()):
            stub, checker, *solutions = BLOCK.findall(section.group(0))
            exercise_id, name = CALL.search(checker).groups()
            assert exercise_id == section.group(1)
            found[exercise_id] = (name, source(stub), [source(s) for s in solutions])
    return found


BOOK_EXERCISES = book_exercises()


def answer(code, name):
    """Run ``code`` as a reader's cell would and return what it defines as ``name``."""
    namespace = {}
    exec(SETUP + code, namespace)
    return namespace[name]


def test_the_book_has_an_exercise_for_every_check_and_at_least_twelve():
    assert list(BOOK_EXERCISES) == list(exercises())
    assert len(BOOK_EXERCISES) >= 12
    chapters = {key.split(".")[0] for key in BOOK_EXERCISES}
    assert chapters == {str(n) for n in range(2, 11)}


@pytest.mark.parametrize("exercise_id", list(BOOK_EXERCISES))
def test_every_stub_as_given_fails_with_a_hint(exercise_id):
    name, stub, _ = BOOK_EXERCISES[exercise_id]
    result = check(exercise_id, answer(stub, name))
    assert not result
    assert "Hint:" in str(result) and str(result).startswith(f"✗ {exercise_id}: on ")


@pytest.mark.parametrize("exercise_id", list(BOOK_EXERCISES))
def test_every_book_solution_passes(exercise_id):
    name, stub, solutions = BOOK_EXERCISES[exercise_id]
    assert solutions
    namespace = {}
    exec(SETUP + stub, namespace)
    for solution in solutions:
        exec(solution, namespace)
        result = check(exercise_id, namespace[name])
        assert result, str(result)
        assert str(result) == f"✓ {exercise_id} passed every case."


# The package's own pieces, seen as answers: a check that refused them would be wrong.
PACKAGE_ANSWERS = {
    "2.A": Value.__add__, "2.B": Value.__mul__, "3.A": Value._backward,
    "4.A": topological_order, "4.B": Value.backward, "5.A": Value.tanh,
    "5.C": Value.relu, "5.D": Value.__rsub__, "6.A": None, "7.A": MLP.parameters,
    "8.A": squared_error,
}


@pytest.mark.parametrize("exercise_id", [k for k, v in PACKAGE_ANSWERS.items() if v])
def test_the_package_passes_its_own_exercises(exercise_id):
    result = check(exercise_id, PACKAGE_ANSWERS[exercise_id])
    assert result, str(result)


# Correct answers written otherwise than the book's: no false alarms.
DIFFERENT_BUT_RIGHT = {
    "2.A": ['def my_add(a, b):\n    return Value(b.data + a.data, (b, a), "+", (1, 1))',
            "def my_add(a, b):\n    return a + b"],
    "2.B": ['def my_mul(a, b):\n    return Value(b.data * a.data, (b, a), "*", (a.data, b.data))',
            "def my_mul(a, b):\n    return a * b"],
    "3.A": ["def my_backward_step(node):\n"
            "    for i in range(len(node._prev)):\n"
            "        node._prev[i].grad = node._prev[i].grad + node._local_grads[i] * node.grad",
            "def my_backward_step(node):\n    node._backward()"],
    "4.A": ["def my_topological_order(root):\n"
            "    order, seen, stack = [], {root}, [root]\n"
            "    while stack:\n"
            "        node = stack.pop()\n"
            "        order.append(node)\n"
            "        for c in node._prev:\n"
            "            if c not in seen:\n"
            "                seen.add(c)\n"
            "                stack.append(c)\n"
            "    # Kahn's way, backwards: count users, then list a node once all users are listed\n"
            "    users = {id(n): 0 for n in order}\n"
            "    for n in order:\n"
            "        for c in n._prev:\n"
            "            users[id(c)] += 1\n"
            "    ready, result = [root], []\n"
            "    while ready:\n"
            "        n = ready.pop()\n"
            "        result.append(n)\n"
            "        for c in n._prev:\n"
            "            users[id(c)] -= 1\n"
            "            if users[id(c)] == 0:\n"
            "                ready.append(c)\n"
            "    return result[::-1]",
            "def my_topological_order(root):\n    return list(topological_order(root))"],
    "4.B": ["def my_backward(root):\n"
            "    order = topological_order(root)\n"
            "    for node in order:\n"
            "        node.grad = 0.0\n"
            "    root.grad = 1.0\n"
            "    for node in order[::-1]:\n"
            "        node._backward()",
            "def my_backward(root):\n    root.backward()"],
    "5.A": ["def my_tanh(x):\n"
            "    e = math.exp(-2 * abs(x.data))\n"
            "    t = math.copysign((1 - e) / (1 + e), x.data)\n"
            "    return Value(t, (x,), 'tanh', (1 - t ** 2,))",
            "def my_tanh(x):\n    return 2 * (2 * x).sigmoid() - 1"],
    "5.B": ["def my_sin(x):\n    s, c = math.sin(x.data), math.cos(x.data)\n"
            "    return Value(s, (x,), 'sin', (c,))",
            "def my_sin(x):\n"
            "    return Value(math.sin(x.data), (x,), 'sin', (math.sin(x.data + math.pi / 2),))"],
    "5.C": ["def my_relu(x):\n    return x.relu()",
            "def my_relu(x):\n"
            "    if x.data <= 0:\n        return Value(0.0, (x,), 'relu', (0.0,))\n"
            "    return Value(x.data, (x,), 'relu', (1.0,))"],
    "5.D": ["def my_rsub(x, other):\n    return -x + other",
            "def my_rsub(x, other):\n    return Value(other - x.data, (x,), '-', (-1.0,))"],
    "6.A": ["def my_neuron(weights, bias, inputs):\n"
            "    if len(weights) != len(inputs):\n"
            "        raise ValueError('one input per weight')\n"
            "    act = bias\n"
            "    for w, x in zip(weights, inputs):\n        act = act + w * x\n"
            "    return act.tanh()",
            "def my_neuron(weights, bias, inputs):\n"
            "    return weighted_sum(weights, inputs, bias).tanh()"],
    "7.A": ["def my_parameters(model):\n    return model.parameters()",
            "def my_parameters(model):\n"
            "    found = []\n"
            "    for layer in reversed(model.layers):\n"
            "        for neuron in layer.neurons:\n"
            "            found += [neuron.b, *neuron.w]\n"
            "    return found"],
    "8.A": ["def my_squared_error(predictions, targets):\n"
            "    return sum((t - p) ** 2 for p, t in zip(predictions, targets, strict=True))",
            "def my_squared_error(predictions, targets):\n"
            "    assert len(predictions) == len(targets)\n"
            "    return sum((p - t) * (p - t) for p, t in zip(predictions, targets))"],
    "9.A": ["def my_sgd_step(parameters, lr):\n"
            "    for p in parameters:\n        p.data = p.data - lr * p.grad",
            "def my_sgd_step(parameters, lr):\n    SGD(parameters, lr=lr).step()"],
    "9.B": ["def my_train(model, xs, ys, steps, lr):\n"
            "    opt = SGD(model.parameters(), lr=lr)\n"
            "    for _ in range(steps):\n"
            "        loss = squared_error([model(x) for x in xs], ys)\n"
            "        opt.zero_grad()\n        loss.backward()\n        opt.step()",
            "def my_train(model, xs, ys, steps, lr):\n"
            "    for _ in range(steps):\n"
            "        loss = squared_error([model(x) for x in xs], ys)\n"
            "        loss.backward()\n"
            "        for p in model.parameters():\n"
            "            p.data -= lr * p.grad\n            p.grad = 0.0"],
    "10.A": ["pieces = {'neuron': lambda w, b, x: weighted_sum(w, x, b).tanh(),\n"
             "          'squared_error': squared_error, 'backward': Value.backward,\n"
             "          'sgd_step': lambda ps, lr: SGD(ps, lr=lr).step()}",
             "def backward(root):\n"
             "    root.grad = 1.0\n"
             "    for node in reversed(topological_order(root)):\n        node._backward()\n"
             "def step(ps, lr):\n    for p in ps:\n        p.data -= lr * p.grad\n"
             "def neuron(w, b, x):\n"
             "    return sum((wi * xi for wi, xi in zip(w, x, strict=True)), b).tanh()\n"
             "pieces = {'neuron': neuron, 'squared_error': squared_error,\n"
             "          'backward': backward, 'sgd_step': step}"],
}


@pytest.mark.parametrize("exercise_id, index",
                         [(k, i) for k, v in DIFFERENT_BUT_RIGHT.items() for i in range(len(v))])
def test_a_correct_answer_written_differently_passes(exercise_id, index):
    code = DIFFERENT_BUT_RIGHT[exercise_id][index]
    name = "pieces" if exercise_id == "10.A" else BOOK_EXERCISES[exercise_id][0]
    result = check(exercise_id, answer(code, name))
    assert result, str(result)


# Wrong answers a learner really writes, each with (part of) the hint it must get.
MUTANTS = {
    "2.A": [('def my_add(a, b):\n    return Value(a.data + b.data, (a, b), "+", (b.data, a.data))',
             "a product's local derivatives"),
            ("def my_add(a, b):\n    return Value(a.data + b.data)",
             "has no inputs"),
            ('def my_add(a, b):\n    return Value(a.data + b.data, (a,), "+", (1.0,))',
             "b got no gradient"),
            ('def my_add(a, b):\n    return Value(a.data + b.data, (a, b), "+")',
             "raised an error")],
    "2.B": [('def my_mul(a, b):\n    return Value(a.data * b.data, (a, b), "*", (a.data, b.data))',
             "the other input: if a moves by 1"),
            ('def my_mul(a, b):\n    return Value(a.data * b.data, (a, b), "*", (1.0, 1.0))',
             "a sum's local derivatives"),
            ('def my_mul(a, b):\n    return Value(a.data + b.data, (a, b), "*", (b.data, a.data))',
             "that is a sum"),
            ("def my_mul(a, b):\n    return a.data * b.data", "return a Value")],
    "3.A": [("def my_backward_step(node):\n"   # = where += is needed
             "    for child, local in zip(node._prev, node._local_grads):\n"
             "        child.grad = local * node.grad", "use +="),
            ("def my_backward_step(node):\n"   # the notebook's `+`: the first input's gradient
             "    grad = node.grad\n"
             "    for child, local in zip(node._prev, node._local_grads):\n"
             "        child.grad += local * grad\n"
             "        grad = child.grad", "never an input's gradient"),
            ("def my_backward_step(node):\n"
             "    for child in node._prev:\n        child.grad += node.grad",
             "each input's gradient grows by its local derivative times"),
            ("def my_backward_step(node):\n"   # the local derivative alone
             "    for child, local in zip(node._prev, node._local_grads):\n"
             "        child.grad += local", "times the node's own gradient, node.grad"),
            ("def my_backward_step(node):\n"   # children and local derivatives mispaired
             "    for child, local in zip(reversed(node._prev), node._local_grads):\n"
             "        child.grad += local * node.grad",
             "pair each input with its own local derivative")],
    "4.A": [("def my_topological_order(root):\n"   # no memory of visited nodes
             "    order = []\n"
             "    def visit(v):\n"
             "        for c in v._prev:\n            visit(c)\n"
             "        order.append(v)\n"
             "    visit(root)\n    return order", "listed twice"),
            ("def my_topological_order(root):\n"   # a node before its inputs
             "    order, seen, stack = [], set(), [root]\n"
             "    while stack:\n"
             "        node = stack.pop()\n"
             "        if node not in seen:\n"
             "            seen.add(node)\n            order.append(node)\n"
             "            stack.extend(node._prev)\n"
             "    return order", "append a node only after all of its inputs"),
            ("def my_topological_order(root):\n"   # the lecture's recursion, on a deep graph
             "    order, seen = [], set()\n"
             "    def visit(v):\n"
             "        if v not in seen:\n"
             "            seen.add(v)\n"
             "            for c in v._prev:\n                visit(c)\n"
             "            order.append(v)\n"
             "    visit(root)\n    return order", "explicit stack"),
            ("def my_topological_order(root):\n    return list(dict.fromkeys([*root._prev, root]))",
             "inputs of inputs too")],
    "4.B": [("def my_backward(root):\n"
             "    root.grad = 1.0\n"
             "    for node in topological_order(root):\n        node._backward()",
             "topological order"),
            ("def my_backward(root):\n"
             "    for node in reversed(topological_order(root)):\n        node._backward()",
             "the output's own gradient to 1"),
            ("def my_backward(root):\n"   # no sweep at all
             "    root.grad = 1.0", "from the output back, in reverse topological order"),
            ("def my_backward(root):\n"   # the seed set after the sweep
             "    for node in reversed(topological_order(root)):\n        node._backward()\n"
             "    root.grad = 1.0", "start by setting the output's own gradient to 1"),
            ("def my_backward(root):\n"   # depth first, before every use has delivered
             "    root.grad = 1.0\n"
             "    stack = [root]\n"
             "    while stack:\n"
             "        node = stack.pop()\n"
             "        node._backward()\n"
             "        stack.extend(node._prev)", "")],
    "5.A": [("def my_tanh(x):\n"   # the notebook's formula through exp(2x)
             "    t = (math.exp(2 * x.data) - 1) / (math.exp(2 * x.data) + 1)\n"
             "    return Value(t, (x,), 'tanh', (1 - t ** 2,))", "near overflow"),
            ("def my_tanh(x):\n"
             "    return Value(math.tanh(x.data), (x,), 'tanh', (1 - x.data ** 2,))",
             "uses the input"),
            ("def my_tanh(x):\n"
             "    t = math.tanh(x.data)\n    return Value(t, (x,), 'tanh', (t,))",
             "that is tanh itself"),
            ("def my_tanh(x):\n"
             "    t = math.tanh(x.data)\n    return Value(t, (x,), 'tanh', (1 + t * t,))",
             "the sign")],
    "5.B": [("def my_sin(x):\n"
             "    return Value(math.sin(x.data), (x,), 'sin', (-math.cos(x.data),))",
             "the sign"),
            ("def my_sin(x):\n    return Value(math.sin(x.data), (x,), 'sin', (math.sin(x.data),))",
             "sin x is the value"),
            ("def my_sin(x):\n    return Value(math.sin(x.data), (x,), 'sin', (1.0,))",
             "1 is the slope of x"),
            ("def my_sin(x):\n    return Value(math.cos(x.data), (x,), 'sin', (math.cos(x.data),))",
             "sin(x.data)")],
    "5.C": [("def my_relu(x):\n"
             "    return Value(max(x.data, 0.0), (x,), 'relu', (1.0 if x.data >= 0 else 0.0,))",
             "the kink"),
            ("def my_relu(x):\n    return Value(max(x.data, 0.0), (x,), 'relu', (1.0,))",
             "left of 0 ReLU is flat"),
            ("def my_relu(x):\n"
             "    return Value(x.data, (x,), 'relu', (1.0 if x.data > 0 else 0.0,))",
             "relu(x.data)")],
    "5.D": [("def my_rsub(x, other):\n    return x - other",   # the notebook's __rsub__
             "the sign of the subtraction"),
            ("def my_rsub(x, other):\n    return Value(other - x.data, (x,), '-', (1.0,))",
             "slope is -1"),
            ("def my_rsub(x, other):\n    return other - x.data", "return a Value"),
            ("def my_rsub(x, other):\n    return Value(other - x.data)",
             "has no input: give it its input and its local derivative")],
    "6.A": [("def my_neuron(weights, bias, inputs):\n"   # the notebook's zip
             "    return sum((w * x for w, x in zip(weights, inputs)), bias).tanh()",
             "zip dropped an input"),
            ("def my_neuron(weights, bias, inputs):\n"
             "    return sum((w * x for w, x in zip(weights, inputs, strict=True)), bias)",
             "apply tanh"),
            ("def my_neuron(weights, bias, inputs):\n"
             "    return sum(w * x for w, x in zip(weights, inputs, strict=True)).tanh()",
             "add the bias"),
            ("def my_neuron(weights, bias, inputs):\n"
             "    return sum((w * x + bias for w, x in zip(weights, inputs, strict=True)),"
             " Value(0.0)).tanh()", "once, not once per input"),
            ("def my_neuron(weights, bias, inputs):\n"
             "    act = sum(w.data * x.data for w, x in zip(weights, inputs, strict=True))\n"
             "    return Value(act + bias.data).tanh()", "from the Values themselves")],
    "7.A": [("def my_parameters(model):\n"
             "    return [p for layer in model.layers for n in layer.neurons for p in n.w]",
             "bias b is a parameter too"),
            ("def my_parameters(model):\n"
             "    return [n.parameters() for layer in model.layers for n in layer.neurons]",
             "one flat list"),
            ("def my_parameters(model):\n"
             "    return [p for layer in model.layers for n in layer.neurons\n"
             "            for p in n.w + [n.b]] + model.layers[0].neurons[0].w",
             "stepped twice"),
            ("def my_parameters(model):\n    return model.layers[-1].parameters()",
             "every neuron of every layer")],
    "8.A": [("def my_squared_error(predictions, targets):\n"   # the notebook's zip
             "    return sum((p - t) ** 2 for p, t in zip(predictions, targets))",
             "zip dropped a prediction"),
            ("def my_squared_error(predictions, targets):\n"
             "    return sum((p - t) ** 2 for p, t in zip(predictions, targets, strict=True))"
             " / len(targets)", "without dividing"),
            ("def my_squared_error(predictions, targets):\n"
             "    return sum(p - t for p, t in zip(predictions, targets, strict=True))",
             "square each difference"),
            ("def my_squared_error(predictions, targets):\n"
             "    return sum((p.data - t) ** 2 for p, t in zip(predictions, targets, strict=True))",
             "return a Value")],
    "9.A": [("def my_sgd_step(parameters, lr):\n"
             "    for p in parameters:\n        p.data += lr * p.grad", "goes uphill"),
            ("def my_sgd_step(parameters, lr):\n"
             "    for p in parameters:\n        p.data -= p.grad", "scale the step by lr"),
            ("def my_sgd_step(parameters, lr):\n"
             "    for p in parameters:\n        p.grad = 0.0\n        p.data -= lr * p.grad",
             "nothing moved")],
    "9.B": [("def my_train(model, xs, ys, steps, lr):\n"   # never zeroed
             "    for _ in range(steps):\n"
             "        loss = squared_error([model(x) for x in xs], ys)\n"
             "        loss.backward()\n"
             "        for p in model.parameters():\n            p.data -= lr * p.grad",
             "gradients not zeroed"),
            ("def my_train(model, xs, ys, steps, lr):\n"   # zeroed between backward and step
             "    for _ in range(steps):\n"
             "        loss = squared_error([model(x) for x in xs], ys)\n"
             "        loss.backward()\n        model.zero_grad()\n"
             "        for p in model.parameters():\n            p.data -= lr * p.grad",
             "nothing moved"),
            ("def my_train(model, xs, ys, steps, lr):\n"   # uphill
             "    for _ in range(steps):\n"
             "        loss = squared_error([model(x) for x in xs], ys)\n"
             "        model.zero_grad()\n        loss.backward()\n"
             "        for p in model.parameters():\n            p.data += lr * p.grad",
             "each step: predictions")],
    "10.A": [("pieces = {'neuron': lambda w, b, x: weighted_sum(w, x, b).tanh()}",
              "gather your functions"),
             ("def step(ps, lr):\n    for p in ps:\n        p.data += lr * p.grad\n"
              "pieces = {'neuron': lambda w, b, x: weighted_sum(w, x, b).tanh(),\n"
              "          'squared_error': squared_error, 'backward': Value.backward,\n"
              "          'sgd_step': step}", "one of your pieces differs"),
             ("pieces = {'neuron': lambda w, b, x: sum((wi * xi for wi, xi in zip(w, x)), b),\n"
              "          'squared_error': squared_error, 'backward': Value.backward,\n"
              "          'sgd_step': lambda ps, lr: SGD(ps, lr=lr).step()}",
              "one of your pieces differs"),
             ("pieces = [squared_error, Value.backward]", "gather your functions")],
}


@pytest.mark.parametrize("exercise_id, index",
                         [(k, i) for k, v in MUTANTS.items() for i in range(len(v))])
def test_a_wrong_answer_fails_with_the_hint_for_its_mistake(exercise_id, index):
    code, hint = MUTANTS[exercise_id][index]
    name = "pieces" if exercise_id == "10.A" else BOOK_EXERCISES[exercise_id][0]
    result = check(exercise_id, answer(code, name))
    assert not result
    message = str(result)
    assert message.startswith(f"✗ {exercise_id}: on ") and "\nHint: " in message
    assert hint in message.split("\nHint: ")[1] or hint in message, message
    assert "(b.data, a.data)" not in message, "a hint points the way; it does not solve"
    if exercise_id == "3.A":  # the check sweeps in order itself; topological order is ch. 4
        assert "topological" not in message and "reverse" not in message, message


def test_every_exercise_has_at_least_three_wrong_answers_and_two_right_ones():
    for exercise_id in exercises():
        assert len(MUTANTS[exercise_id]) >= 3, exercise_id
        assert len(DIFFERENT_BUT_RIGHT[exercise_id]) >= 2, exercise_id


def test_the_failing_case_reported_is_the_first_that_fails():
    def add_wrong_left_of_zero(a, b):
        local = (1.0, 1.0) if a.data >= 0 else (0.5, 1.0)
        return Value(a.data + b.data, (a, b), "+", local)
    firsts = [a for a in numbers(5, 21) if a < 0]
    assert firsts, "the seeded cases include a negative first input"
    result = str(check("2.A", add_wrong_left_of_zero))
    assert result.startswith(f"✗ 2.A: on add_wrong_left_of_zero(Value({firsts[0]!r}), ")


class NotAFunction:
    pass


@pytest.mark.parametrize("exercise_id, given, words", [
    ("2.Z", len, "there is no exercise '2.Z'"),
    (3, len, "there is no exercise 3"),
    ("2.A", NotAFunction, "asks for a function"),
    ("2.A", 42, "got int: 42"),
    ("2.A", lambda: None, "does it take the arguments the stub takes?"),
    ("4.B", lambda root: 1 / 0, "ZeroDivisionError: division by zero"),
    ("10.A", "my pieces", "gather your functions"),
    ("10.A", {"neuron": 1, "squared_error": 2, "backward": 3, "sgd_step": 4},
     "pass the function itself"),
])
def test_bad_answers_get_a_message_not_a_traceback(exercise_id, given, words):
    result = check(exercise_id, given)
    assert not result
    assert words in str(result)


def test_a_result_is_true_when_passed_and_prints_its_message():
    passed, failed = check("2.A", Value.__add__), check("2.A", Value.__mul__)
    assert bool(passed) and str(passed) == repr(passed) == "✓ 2.A passed every case."
    assert not failed and "Hint:" in repr(failed)


def test_a_slope_off_by_a_thousandth_fails():
    sin = answer("def my_sin(x):\n    return Value(math.sin(x.data), (x,), 'sin', "
                 "(math.cos(x.data) * (1 + 1e-3),))", "my_sin")
    assert "d sin(x)/dx = cos x" in str(check("5.B", sin))


def test_readme_exercise_example_prints_what_it_says(capsys):
    readme = (BOOK.parent / "README.md").read_text()
    code = next(block for block in re.findall(r"```python\n(.*?)```", readme, re.S)
                if "micrograd.exercises" in block)
    exec(code, {})
    promised = [line.split("# ")[1] for line in code.splitlines() if "print(" in line]
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("{'2.A': 'Record a sum: add(a, b)', ")
    assert printed[1] == promised[1]


def test_the_checks_are_called_one_way_and_how_to_read_gives_no_answer_away():
    chapters = {path.name: path.read_text() for path in sorted(BOOK.glob("*.md"))}
    bare = [name for name, text in chapters.items()
            if re.search(r'^>>> check\("\d+\.[A-Z]"', text, re.M)]
    assert not bare, f"print(check(...)) as the stubs do, not a bare check(...), in {bare}"
    sample = source("".join(re.findall(r"```\{doctest\}\n(.*?)```",
                                       chapters["how-to-read.md"], re.S)))
    for exercise_id, (_, _, solutions) in BOOK_EXERCISES.items():
        for solution in solutions:
            body = "\n".join(line for line in solution.splitlines()[1:]
                             if "check(" not in line).strip()
            assert body not in sample, f"how-to-read prints {exercise_id}'s solution"


def test_no_exercise_asks_again_for_a_your_turn_function():
    for chapter in sorted(BOOK.glob("*.md")):
        text = chapter.read_text()
        ours = set(re.findall(r"^>>> def (my_\w+)\(", "".join(BLOCK.findall(text)), re.M))
        plain = "".join(re.findall(r"```\{doctest\}\n(.*?)```", text, re.S))
        again = ours & set(re.findall(r"^>>> def (my_\w+)\(", plain, re.M))
        assert not again, f"{chapter.name}: an exercise repeats Your turn's {again}"
