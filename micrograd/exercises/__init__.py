"""Your turn: check the pieces of the engine you write yourself.

Each chapter of Parts I and II ends with a "Your turn" exercise: a short stub
of one piece of the engine or the network to fill in. ``check`` runs your
piece on cases from small to large, compares it with the package and with
nudging, and says which case failed first, with a hint.

>>> from micrograd import Value
>>> def mul(a, b):
...     return Value(a.data * b.data, (a, b), "*", (b.data, a.data))
>>> check("2.B", mul)
✓ 2.B passed every case.
>>> def mul(a, b):
...     return Value(a.data * b.data, (a, b), "*", (a.data, b.data))
>>> print(check("2.B", mul))
✗ 2.B: on mul(Value(2.0), Value(-3.0))
  expected gradients [-3, 2]
  got      gradients [2, -3]
Hint: each input's local derivative is the other input: if a moves by 1 and b stays, a·b moves by b
"""

from micrograd.exercises import engine_pieces as engine
from micrograd.exercises import network_pieces as network
from micrograd.exercises.checking import Mistake, Result

CHECKS = {
    "2.A": ("Record a sum: add(a, b)", engine.check_add),
    "2.B": ("Record a product: mul(a, b)", engine.check_mul),
    "3.A": ("One chain-rule step: backward_step(node)", engine.check_backward_step),
    "4.A": ("Topological order: topological_order(root)", engine.check_topological_order),
    "4.B": ("The whole backward pass: backward(root)", engine.check_backward),
    "5.A": ("tanh that never overflows: tanh(x)", engine.check_tanh),
    "5.B": ("An operation the package lacks: sin(x)", engine.check_sin),
    "5.C": ("ReLU and its kink: relu(x)", engine.check_relu),
    "5.D": ("A number minus a Value: rsub(x, other)", engine.check_rsub),
    "6.A": ("A neuron: neuron(weights, bias, inputs)", network.check_neuron),
    "7.A": ("Every parameter, once: parameters(model)", network.check_parameters),
    "8.A": ("A loss: squared_error(predictions, targets)", network.check_squared_error),
    "9.A": ("One step downhill: sgd_step(parameters, lr)", network.check_sgd_step),
    "9.B": ("The training loop: train(model, xs, ys, steps, lr)", network.check_train),
    "10.A": ("Your engine on two moons: a dict of your pieces", network.check_two_moons),
}


def exercises():
    """The exercises, as a dict from id to title, in the book's order.

    >>> exercises()["4.A"]
    'Topological order: topological_order(root)'
    """
    return {key: title for key, (title, _) in CHECKS.items()}


def check(exercise_id, answer):
    """Check your ``answer`` to exercise ``exercise_id``; print the result to read it.

    >>> check("2.C", print)
    ✗ 2.C: there is no exercise '2.C'; exercises() lists them: 2.A, 2.B, 3.A, ...
    >>> print(check("2.A", 42))
    ✗ 2.A: the exercise asks for a function (Record a sum: add(a, b)), got int: 42
    """
    if exercise_id not in CHECKS:
        listed = ", ".join(list(CHECKS)[:3])
        return Result(exercise_id, f"there is no exercise {exercise_id!r}; "
                                   f"exercises() lists them: {listed}, ...")
    title, run = CHECKS[exercise_id]
    if exercise_id != "10.A" and (not callable(answer) or isinstance(answer, type)):
        kind = "class" if isinstance(answer, type) else type(answer).__name__
        return Result(exercise_id, f"the exercise asks for a function ({title}), "
                                   f"got {kind}: {answer!r}")
    try:
        run(answer)
    except Mistake as mistake:
        return Result(exercise_id, mistake)
    except Exception as error:  # never let the reader see a traceback from the checker
        return Result(exercise_id, f"your answer broke the check itself "
                                   f"({type(error).__name__}: {error}); "
                                   f"does it take the arguments the stub takes?")
    return Result(exercise_id, None)
