"""Forward mode: the derivative along a direction, carried from the inputs to the output.

Taught in the chapter "Forward mode and derivatives of derivatives". Where
``backward()`` sweeps from the output back to every input, ``jvp`` sweeps
the other way: each node's *tangent*, how fast it moves when the inputs move
along the given direction, is the sum over its inputs of local derivative
times the input's tangent. One sweep gives one directional derivative, for
any number of outputs; reverse mode gives every input's derivative of one
output.
"""

from micrograd.engine import as_value
from micrograd.higher import (
                              evaluate,
                              fresh_inputs,
                              local_derivatives,
                              nodes_between,
                              plain_if_outermost,
                              times,
)


def jvp(f, primals, tangents):
    """``(f(*primals), d/dt f(primals + t·tangents) at t = 0)``, by one forward sweep.

    The second number is the Jacobian-vector product: the slope of ``f``
    along the direction ``tangents``. Kinks follow ``backward()``'s rules
    (ReLU's slope at 0 is 0). Floats come back for plain-number arguments
    outside any other transformation, Values otherwise, so ``jvp`` nests
    with itself and with ``grad``.

    >>> jvp(lambda x, y: x * y + x.exp(), [0.0, 3.0], [1.0, 0.0])
    (1.0, 4.0)
    >>> jvp(lambda x: x.relu(), [0.0], [1.0])
    (0.0, 0.0)
    """
    primals, tangents = list(primals), list(tangents)
    if len(primals) != len(tangents):
        raise ValueError(f"jvp needs one tangent per primal: {len(primals)} primals, "
                         f"got {len(tangents)} tangents")
    inputs = fresh_inputs(primals)
    out = evaluate(f, inputs)
    tangent = dict(zip(inputs, map(as_value, tangents), strict=True))
    for node in nodes_between(out, inputs):
        if node not in tangent:
            pairs = zip(node._prev, local_derivatives(node), strict=True)
            tangent[node] = sum(times(local, tangent[x]) for x, local in pairs if x in tangent)
    slope = as_value(tangent.get(out, 0.0))
    return (plain_if_outermost(out, primals + tangents),
            plain_if_outermost(slope, primals + tangents))
