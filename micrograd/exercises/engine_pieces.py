"""Checks for Part I, the engine: operations, the chain-rule step, the order, backward().

Each check calls the reader's answer on cases from smallest to largest, and
compares it with the package and, for smooth operations, with nudging
(``partial_derivatives``). The first case that fails is the one reported.
"""

import math

from micrograd.engine import Value
from micrograd.exercises.checking import (
    Mistake,
    all_close,
    call,
    expect_value,
    numbers,
    show,
)
from micrograd.gradcheck import partial_derivatives
from micrograd.graph import topological_order


def named(answer, name):
    """The name the reader gave their function, for messages; ``name`` for a lambda."""
    given = getattr(answer, "__name__", "<")
    return name if given.startswith("<") else given


def run_operation(answer, name, args, shared=False):
    """Call ``answer`` on Values holding ``args``, then backward(): the case, data, gradients.

    With ``shared=True`` the one Value ``x`` is passed as every argument.
    """
    name = named(answer, name)
    if shared:
        x = Value(args[0])
        leaves, inputs = [x], [x] * len(args)
        case = f"{name}(x, x) with x = Value({args[0]!r})"
    else:
        leaves = inputs = [Value(a) for a in args]
        case = f"{name}({', '.join(f'Value({a!r})' for a in args)})"
    out = call(answer, case, *inputs, overflow_hint=TOO_BIG)
    expect_recorded(case, out, len(args))
    out.backward()
    return case, out.data, [leaf.grad for leaf in leaves]


def expect_recorded(case, out, count):
    """Raise unless the reader returned a ``Value`` that remembers its ``count`` inputs."""
    expect_value(case, out)
    if not out._prev:
        raise Mistake(case, "a Value that records its inputs", "a Value with no inputs",
                      NO_INPUTS[count])


def compare(case, what, expected, got, known_mistakes, hint):
    """Raise unless ``got`` matches ``expected``; a known mistake's numbers get its own hint."""
    if all_close(expected, got):
        return
    for wrong, wrong_hint in known_mistakes:
        if all_close(wrong, got):
            hint = wrong_hint
            break
    raise Mistake(case, f"{what} {show(expected)}", f"{what} {show(got)}", hint)


TOO_BIG = ("a value near overflow: e ** x is too big for a float once x passes 709, so "
           "tanh through e ** (2x) fails at 355; math.tanh saturates at ±1 instead")
NO_INPUTS = {1: "the new Value has no input: give it its input and its local derivative, "
                "Value(data, (x,), op, (local_grad,))",
             2: "the new Value has no inputs: give it its inputs and their local derivatives, "
                "Value(data, (a, b), op, (local_grad_a, local_grad_b))"}


def check_add(add):
    """2.A: ``add(a, b)`` records a sum: data a + b, local derivatives 1 and 1."""
    for a, b in [(2.0, -3.0), *zip(numbers(5, 21), numbers(5, 22), strict=True)]:
        case, data, grads = run_operation(add, "add", (a, b))
        compare(case, "data", [a + b], [data], [], "the sum's data is a.data + b.data")
        compare(case, "gradients", [1.0, 1.0], grads,
                [([b, a], "those are a product's local derivatives; a sum passes its "
                          "gradient on unchanged, so both local derivatives are 1"),
                 ([1.0, 0.0], "b got no gradient: record both inputs, (a, b), "
                              "with one local derivative each")],
                "d(a + b)/da = d(a + b)/db = 1")
    case, data, grads = run_operation(add, "add", (4.0, 4.0), shared=True)
    compare(case, "gradient", [2.0], grads, [],
            "x is used twice, so its gradient is the sum of both uses: 2")


def check_mul(mul):
    """2.B: ``mul(a, b)`` records a product: each local derivative is the *other* input."""
    for a, b in [(2.0, -3.0), *zip(numbers(5, 23), numbers(5, 24), strict=True)]:
        case, data, grads = run_operation(mul, "mul", (a, b))
        compare(case, "data", [a * b], [data], [([a + b], "that is a sum: multiply")],
                "the product's data is a.data * b.data")
        compare(case, "gradients", [b, a], grads,
                [([a, b], "each input's local derivative is the other input: if a moves "
                          "by 1 and b stays, a·b moves by b"),
                 ([1.0, 1.0], "1 and 1 are a sum's local derivatives; a product's are "
                              "the other input")],
                "d(a·b)/da = b and d(a·b)/db = a")
    case, data, grads = run_operation(mul, "mul", (3.0, 3.0), shared=True)
    compare(case, "gradient", [6.0], grads, [], "x·x has slope 2x: both uses add up")


def check_unary(answer, name, function, slope, xs, known_mistakes, hint, smooth=True):
    """Check a one-input operation against ``function`` and its ``slope`` at each x.

    Where the function is smooth the slope is also compared with nudging.
    """
    for x in xs:
        case, data, grads = run_operation(answer, name, (x,))
        compare(case, "data", [function(x)], [data], [], f"the data is {name}(x.data)")
        expected = [slope(x)]
        if smooth and abs(x) < 20:
            nudged = partial_derivatives(function, [x])
            assert all_close(expected, nudged, 1e-4), (name, x)  # the checker's own slope
        compare(case, "gradient", expected, grads,
                [(wrong(x), why) for wrong, why in known_mistakes if wrong(x) is not None],
                hint)


def check_tanh(tanh):
    """5.A: ``tanh(x)``, with local derivative 1 - tanh², even for very large x."""
    check_unary(tanh, "tanh", math.tanh, lambda x: 1 - math.tanh(x) ** 2,
                [0.0, 0.5, *numbers(4, 51), -2.5, 20.0, -400.0, 400.0],
                [(lambda x: [1 - x * x], "1 - x² uses the input; the slope is 1 - t², "
                                         "with t = tanh(x), the output"),
                 (lambda x: [math.tanh(x)], "that is tanh itself; its slope is 1 - tanh²"),
                 (lambda x: [1 + math.tanh(x) ** 2], "the sign: the slope is 1 - tanh²")],
                "d tanh(x)/dx = 1 - tanh(x)²")


def check_sin(sin):
    """5.B: ``sin(x)``, an operation the package lacks: its local derivative is cos x."""
    check_unary(sin, "sin", math.sin, math.cos,
                [0.0, 1.0, *numbers(5, 52), math.pi],
                [(lambda x: [-math.cos(x)], "the sign: d sin(x)/dx = +cos x"),
                 (lambda x: [math.sin(x)], "sin x is the value; the slope is cos x"),
                 (lambda x: [1.0], "1 is the slope of x itself; sin's is cos x")],
                "d sin(x)/dx = cos x")


def check_relu(relu):
    """5.C: ``relu(x)``: slope 1 right of the kink, 0 left of it and at 0 itself."""
    check_unary(relu, "relu", lambda x: max(x, 0.0), lambda x: 1.0 if x > 0 else 0.0,
                [2.0, -1.0, *numbers(4, 53), 0.0],
                [(lambda x: [1.0] if x == 0 else None,
                  "the slope at the kink, x = 0: the book (and PyTorch) takes 0 there; "
                  "test x.data > 0, not >= 0"),
                 (lambda x: [1.0] if x < 0 else None, "left of 0 ReLU is flat: slope 0")],
                "ReLU's slope is 1 where x > 0 and 0 elsewhere", smooth=False)


def check_rsub(rsub):
    """5.D: ``rsub(x, other)`` is ``other - x`` for a plain number ``other``."""
    for x, other in [(2.0, 5.0), *zip(numbers(5, 54), numbers(5, 55), strict=True)]:
        leaf = Value(x)
        case = f"{named(rsub, 'rsub')}(Value({x!r}), {other!r}), that is {other!r} - Value({x!r})"
        out = call(rsub, case, leaf, other)
        expect_recorded(case, out, 1)
        compare(case, "data", [other - x], [out.data],
                [([x - other], "the sign of the subtraction: in other - x the plain number "
                               "comes first; x - other is the other way round")],
                "other - x.data")
        out.backward()
        compare(case, "gradient", [-1.0], [leaf.grad],
                [([1.0], "x enters other - x with a minus sign, so its slope is -1")],
                "d(other - x)/dx = -1")


def example_graphs():
    """Graphs from smallest to largest, each with what a wrong sweep does to it first."""
    def product():
        a, b = Value(2.0), Value(-3.0)
        return a * b, [a, b]

    def twice():
        x = Value(3.0)
        return x + x, [x]

    def shared_product():
        a, b = Value(2.0), Value(-3.0)
        e = a * b
        return e * e, [a, b]

    def running_example():
        a, b, c, f = Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)
        return (a * b + c) * f, [a, b, c, f]

    def reused():
        a, b = Value(2.0), Value(3.0)
        return (a + b) * a, [a, b]

    def deep_chain():
        x = Value(0.5)
        y = x
        for _ in range(600):  # deeper than Python's 1000 nested calls
            y = y * 1.0001 + 0.0
        return y, [x]

    return [("a * b with a = 2, b = -3", product,
             "multiply the node's gradient by each local derivative"),
            ("x + x with x = 3", twice,
             "x is used twice: use += so that the second use adds to the first, "
             "where = throws the first away"),
            ("e * e with e = a * b, a = 2, b = -3", shared_product,
             "e is used twice: it must gather both uses' gradients first, then pass them "
             "on once; sweep each node once, in reverse topological order"),
            ("the running example (a*b + c) * f", running_example,
             "sweep the nodes from the output back: reversed(topological order)"),
            ("(a + b) * a with a = 2, b = 3 (a used twice)", reused,
             "a node used twice: pass on the node's own gradient, self.grad, to every "
             "input, never an input's gradient"),
            ("a chain of 1200 operations", deep_chain,
             "a deep graph: visit nodes with a loop, not by recursion")]


def sweep(build, step):
    """Build a graph, seed its output with 1, call ``step`` on every node from the output back.

    Return the leaves' gradients.
    """
    root, leaves = build()
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        step(node)
    return [leaf.grad for leaf in leaves]


def assigning_step(node):
    """A mistake: ``=`` where ``+=`` is needed, so a second use overwrites the first."""
    for child, local in zip(node._prev, node._local_grads, strict=True):
        child.grad = local * node.grad


def passing_input_grad_step(node):
    """The notebook's slip in ``+``: an input gets the previous input's gradient."""
    grad = node.grad
    for child, local in zip(node._prev, node._local_grads, strict=True):
        child.grad += local * grad
        grad = child.grad


def unscaled_step(node):
    """A mistake: the local derivative alone, without the node's own gradient."""
    for child, local in zip(node._prev, node._local_grads, strict=True):
        child.grad += local


def swapped_step(node):
    """A mistake: each input paired with the other input's local derivative."""
    for child, local in zip(node._prev, reversed(node._local_grads), strict=True):
        child.grad += local * node.grad


def check_backward_step(backward_step):
    """3.A: ``backward_step(node)`` does one chain-rule step: every input gets local·grad.

    The check calls the step on every node in the right order, so a wrong
    number is the step's own doing.
    """
    for case, build, _ in example_graphs()[:-1]:
        root, leaves = build()
        root.backward()
        got = sweep(build, lambda node, case=case: call(backward_step, case, node))
        compare(case, "gradients", [leaf.grad for leaf in leaves], got,
                [(sweep(build, assigning_step), "use += so that a second use of an input "
                                                "adds to the first, where = throws it away"),
                 (sweep(build, passing_input_grad_step),
                  "pass on the node's own gradient, node.grad, to every input, never an "
                  "input's gradient"),
                 (sweep(build, unscaled_step), "the chain rule multiplies: each local "
                                               "derivative times the node's own gradient, "
                                               "node.grad"),
                 (sweep(build, swapped_step), "pair each input with its own local derivative: "
                                              "node._prev[i] goes with node._local_grads[i]")],
                "each input's gradient grows by its local derivative times the node's "
                "gradient")


def check_backward(backward):
    """4.B: ``backward(root)`` fills every node's gradient, as ``Value.backward`` does."""
    for case, build, hint in example_graphs():
        root, leaves = build()
        root.backward()
        expected = [leaf.grad for leaf in leaves]
        root, leaves = build()
        call(backward, case, root)
        got = [leaf.grad for leaf in leaves]
        if all(g == 0 for g in got) and any(expected):  # nothing reached the inputs
            hint = NO_SEED if seeded_works(backward, case, build, expected) else NO_SWEEP
        compare(case, "gradients", expected, got, [], hint)


NO_SEED = ("start by setting the output's own gradient to 1, before the sweep: every other "
           "gradient is a multiple of it")
NO_SWEEP = ("no gradient reached the inputs: after the seed, every node must pass its "
            "gradient on, from the output back, in reverse topological order")


def seeded_works(backward, case, build, expected):
    """True when ``backward`` gets it right once the output's gradient is already 1.

    Then the sweep is right and only the seed is missing, or comes too late.
    """
    root, leaves = build()
    root.grad = 1.0
    call(backward, case, root)
    return all_close(expected, [leaf.grad for leaf in leaves])


def check_topological_order(topological_order_answer):
    """4.A: every node once, each after all of its inputs, the output last."""
    for case, build, _ in example_graphs():
        root, _ = build()
        want = topological_order(root)
        order = call(topological_order_answer, case, root)
        if not isinstance(order, (list, tuple)):
            raise Mistake(case, "a list of nodes", type(order).__name__,
                          "return the list of nodes you built")
        if len({id(n) for n in order}) < len(order):
            raise Mistake(case, f"{len(want)} nodes, each once", f"{len(order)} entries",
                          "a node used twice is listed twice: remember the nodes you have "
                          "visited (a set) and skip them")
        if {id(n) for n in order} != {id(n) for n in want}:
            raise Mistake(case, f"{len(want)} nodes", f"{len(order)} nodes",
                          "list every node the output depends on, inputs of inputs too")
        where = {id(n): i for i, n in enumerate(order)}
        if any(where[id(c)] > where[id(n)] for n in order for c in n._prev):
            raise Mistake(case, "each node after all of its inputs", "an input after its user",
                          "the order: append a node only after all of its inputs are listed")
