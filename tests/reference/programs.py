"""Random programs for the differential fuzzer, and a reference that knows how wrong a float may be.

A program is plain data (JSON-friendly): its leaves, then instructions that each
apply one operation to earlier nodes, so a node can feed many later ones. The
last node is a single number. ``run`` evaluates a program on any engine that
speaks the common dialect: ``micrograd.Value``, ``micrograd.tensor.Tensor`` and
``torch.Tensor``.

``Reference`` evaluates the same program exactly: rational operations with
``fractions.Fraction``, and exp, log, tanh, sigmoid and fractional powers with
``decimal`` at 60 digits. Beside every exact number it carries a bound on how far
a float64 engine's number may lie from it: the error that reached the
operation's inputs, carried through the operation by the mean value theorem,
plus half a unit in the last place for each correctly rounded step (two units
for a library function). The backward pass is treated the same way, so a
gradient outside its bound is a wrong gradient, not rounding.

``generate`` builds programs with a ``random.Random``, consulting the reference
as it goes so that every operation stays in its domain (no division by a number
whose float could be zero, no logarithm of a number whose float could be
negative, nothing near overflow).
"""

import decimal
import math
from fractions import Fraction

import numpy as np

U = 2.0 ** -53  # the unit roundoff of float64: a correctly rounded step errs by at most U·|x|
TINY = 1e-300  # slack for underflow to the subnormal range
LIBRARY = 4 * U  # exp, log, tanh, pow from a maths library: within two units in the last place
SIGMOID = 16 * U  # a few library steps in a row
decimal.getcontext().prec = 60

UNARY = ["neg", "relu", "tanh", "sigmoid", "exp", "log", "pow", "radd", "rsub", "rmul", "rdiv",
         "divc", "mulc"]
BINARY = ["add", "sub", "mul", "div"]
POWERS = [0, 1, 2, 3, -1, -2, 0.5, 1.5, -0.5]
CONSTANTS = [2.5, -3.0, 0.1, 7.0, -0.75]
SHAPES = [(), (3,), (2, 3), (3, 1), (1, 3), (3, 2), (2, 1)]


# --- running a program on an engine ---------------------------------------------------------

def apply(op, x, y=None, param=None):
    """One instruction, written so that Value, our Tensor and torch.Tensor all understand it."""
    table = {
        "add": lambda: x + y, "sub": lambda: x - y, "mul": lambda: x * y, "div": lambda: x / y,
        "matmul": lambda: x @ y, "neg": lambda: -x, "relu": lambda: x.relu(),
        "tanh": lambda: x.tanh(), "sigmoid": lambda: x.sigmoid(), "exp": lambda: x.exp(),
        "log": lambda: x.log(), "pow": lambda: x ** param, "radd": lambda: param + x,
        "rsub": lambda: param - x, "rmul": lambda: param * x, "rdiv": lambda: param / x,
        "divc": lambda: x / param, "mulc": lambda: x * param,
        "sum": lambda: x.sum(**param), "mean": lambda: x.mean(**param),
    }
    return table[op]()


def run(program, leaf):
    """Evaluate ``program``, ``leaf(data)`` making each input; return the leaves and all nodes."""
    nodes = [leaf(data) for data in program["leaves"]]
    leaves = list(nodes)
    for op, i, j, param in program["ops"]:
        if op in ("sum", "mean"):
            param = {"axis": _axis(param["axis"]), "keepdims": param["keepdims"]}
        nodes.append(apply(op, nodes[i], None if j is None else nodes[j], param))
    return leaves, nodes


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


# --- the reference ---------------------------------------------------------------------------

def exact(data):
    """Nested lists of floats as an object array of exact Fractions."""
    return np.vectorize(Fraction, otypes=[object])(np.asarray(data, dtype=float))


def _f(a):
    """An exact array (or number) as float64."""
    return np.asarray(a, dtype=object).astype(float)


def _mag(a):
    """|a| as floats, for error bounds."""
    return np.abs(_f(a))


def _decimal(f):
    return decimal.Decimal(f.numerator) / decimal.Decimal(f.denominator)


def _elementwise(fn, a):
    return np.vectorize(lambda f: Fraction(fn(_decimal(f))), otypes=[object])(a)


def _tanh(d):
    e = (-2 * abs(d)).exp()  # no overflow: at most 1
    t = (1 - e) / (1 + e)
    return t if d >= 0 else -t


def _sigmoid(d):
    if d >= 0:
        return 1 / (1 + (-d).exp())
    e = d.exp()
    return e / (1 + e)


def _sum_to(a, shape):
    """Sum ``a`` down to ``shape``, undoing broadcasting (works for object and float arrays)."""
    a = np.asarray(a)
    lead = a.ndim - len(shape)
    if lead:
        a = np.asarray(a.sum(axis=tuple(range(lead))))
    stretched = tuple(k for k, n in enumerate(shape) if n == 1 and a.shape[k] != 1)
    if stretched:
        a = np.asarray(a.sum(axis=stretched, keepdims=True))
    return a.reshape(shape)


def _summed_count(big, shape):
    """How many entries of ``big`` fold into each entry when summed down to ``shape``."""
    return max(1, int(np.prod(big)) // max(1, int(np.prod(shape))))


class Node:
    """An exact value, a bound on a float engine's error in it, and what backward needs."""

    def __init__(self, x, e, op=None, inputs=(), **saved):
        self.x = np.asarray(x, dtype=object)
        self.e = np.broadcast_to(np.asarray(e, dtype=float), self.x.shape).copy()
        self.op, self.inputs, self.saved = op, inputs, saved

    @property
    def shape(self):
        return self.x.shape


class Reference:
    """Exact forward and backward passes of a program, each number with an error bound."""

    def __init__(self, program):
        self.nodes = [Node(exact(d), 0.0) for d in program["leaves"]]
        self.ambiguous = False  # a ReLU input whose float may sit on the other side of 0
        for op, i, j, param in program["ops"]:
            self.push(op, i, j, param)

    def push(self, op, i, j=None, param=None):
        node = forward(op, self.nodes[i], None if j is None else self.nodes[j], param)
        self.nodes.append(node)
        if op == "relu":
            x, e = self.nodes[i].x, self.nodes[i].e
            self.ambiguous |= bool(((_mag(x) <= e) & (e > 0)).any())
        return node

    def pop(self):
        self.nodes.pop()

    def backward(self):
        """Exact gradients of the last node with respect to every node, and their error bounds."""
        n = len(self.nodes)
        grads = [None] * n
        errs = [None] * n
        grads[-1] = np.ones(self.nodes[-1].shape, dtype=object) * Fraction(1)
        errs[-1] = np.zeros(self.nodes[-1].shape)
        index = {id(node): k for k, node in enumerate(self.nodes)}
        for k in range(n - 1, -1, -1):
            node, g, ge = self.nodes[k], grads[k], errs[k]
            if g is None or node.op is None:
                continue
            for child, (c, ce) in zip(node.inputs, backward(node, g, ge), strict=True):
                if id(child) not in index:
                    continue  # a constant of a reflected operation
                c_exact = _sum_to(c, child.shape)
                m = _summed_count(np.shape(c), child.shape)
                c_err = _sum_to(ce, child.shape) + (m - 1) * U * _sum_to(_mag(c) + ce, child.shape)
                ci = index[id(child)]
                if grads[ci] is None:
                    grads[ci] = np.asarray(c_exact, dtype=object)
                    errs[ci] = np.asarray(c_err, dtype=float) + U * _mag(c_exact)
                else:
                    grads[ci] = grads[ci] + c_exact
                    errs[ci] = errs[ci] + c_err + U * (_mag(grads[ci]) + errs[ci] + c_err)
        for k, node in enumerate(self.nodes):
            if grads[k] is None:
                grads[k] = np.zeros(node.shape, dtype=object) * Fraction(0)
                errs[k] = np.zeros(node.shape)
        return grads, errs


def _round(z, prop, rel=U):
    """The bound after one rounded step: the propagated error plus the rounding of the result."""
    return prop + rel * (_mag(z) + prop) + TINY


def forward(op, a, b, param):
    """The exact result of one instruction and the bound on a float engine's error in it."""
    if op in ("radd", "rsub", "rmul", "rdiv", "divc", "mulc"):
        c = Node(exact(param), 0.0)
        left, right, base = {"radd": (c, a, "add"), "rsub": (c, a, "sub"),
                             "rmul": (c, a, "mul"), "rdiv": (c, a, "div"),
                             "divc": (a, c, "div"), "mulc": (a, c, "mul")}[op]
        return forward(base, left, right, None)
    x, e = a.x, a.e
    if op in ("add", "sub"):
        z = x + b.x if op == "add" else x - b.x
        return Node(z, _round(z, e + b.e), op, (a, b))
    if op == "mul":
        z = x * b.x
        prop = _mag(x) * b.e + e * _mag(b.x) + e * b.e
        return Node(z, _round(z, prop), op, (a, b))
    if op == "div":
        z = x / b.x
        by = _mag(b.x)
        prop = (by * e + _mag(x) * b.e) / (by * (by - b.e))
        return Node(z, _round(z, prop), op, (a, b))
    if op == "matmul":
        z = x @ b.x
        k = x.shape[1]
        prop = _mag(x) @ b.e + e @ _mag(b.x) + e @ b.e
        gamma = k * U / (1 - k * U)
        return Node(z, prop + gamma * ((_mag(x) + e) @ (_mag(b.x) + b.e)) + TINY, op, (a, b))
    if op == "neg":
        return Node(-x, e, op, (a,))
    if op == "relu":
        z = np.vectorize(lambda f: f if f > 0 else Fraction(0), otypes=[object])(x)
        return Node(z, e, op, (a,))
    if op == "pow":
        return _power(a, param)
    if op == "exp":
        z = _elementwise(lambda d: d.exp(), x)
        prop = np.exp(_f(x) + e) * e
        return Node(z, _round(z, prop, LIBRARY), op, (a,))
    if op == "log":
        z = _elementwise(lambda d: d.ln(), x)
        xm = _mag(x)
        return Node(z, _round(z, e / (xm - e), LIBRARY) + U, op, (a,))
    if op == "tanh":
        z = _elementwise(_tanh, x)
        return Node(z, _round(z, e, LIBRARY), op, (a,))
    if op == "sigmoid":
        z = _elementwise(_sigmoid, x)
        rel = SIGMOID * (1 + _mag(x))
        return Node(z, e / 4 + rel * _mag(z) + TINY, op, (a,))
    if op in ("sum", "mean"):
        axis, keepdims = _axis(param["axis"]), param["keepdims"]
        z = np.sum(x, axis=axis, keepdims=keepdims)
        m = _summed_count(x.shape, np.shape(z))
        err = np.sum(e, axis=axis, keepdims=keepdims)
        err = err + (m - 1) * U * np.sum(_mag(x) + e, axis=axis, keepdims=keepdims)
        if op == "mean":
            z = z / m
            err = _round(z, err / m)
        return Node(z, err + TINY, op, (a,), kept=np.sum(x, axis=axis, keepdims=True).shape,
                    count=m)
    raise ValueError(f"unknown operation {op!r}")


def _power(a, n):
    x, e = a.x, a.e
    if n == 0:
        return Node(np.ones(x.shape, dtype=object) * Fraction(1), 0.0, "pow", (a,), n=n)
    if n == 1:
        return Node(x, e, "pow", (a,), n=n)
    if float(n).is_integer():
        z = x ** int(n)
    else:
        z = _elementwise(lambda d: d ** decimal.Decimal(n), x)
    xm = _mag(x)
    slope = abs(n) * np.maximum((xm + e) ** (n - 1), np.maximum(xm - e, 0) ** (n - 1))
    return Node(z, _round(z, slope * e, LIBRARY), "pow", (a,), n=n)


def backward(node, g, ge):
    """Each input's exact gradient contribution (before unbroadcasting) and its error bound.

    ``g`` is the exact gradient of the node's output and ``ge`` the bound on a
    float engine's error in it. Every product ``local · g`` is one rounded step
    whose local derivative carries its own forward error.
    """
    op, ins = node.op, node.inputs

    def times(local, local_err):
        c = g * local
        prop = _mag(local) * ge + local_err * _mag(g) + local_err * ge
        return c, _round(c, prop)

    if op in ("add", "sub"):
        sign = 1 if op == "add" else -1
        return [(g, ge + TINY), (g * sign, ge + TINY)]
    if op == "mul":
        a, b = ins
        return [times(b.x, b.e), times(a.x, a.e)]
    if op == "div":
        a, b = ins
        by = _mag(b.x)
        inv = 1 / b.x
        inv_err = _round(inv, b.e / (by * (by - b.e)))
        q = node.x
        slope = -q / b.x
        slope_err = _round(slope, (by * node.e + _mag(q) * b.e) / (by * (by - b.e)))
        return [times(inv, inv_err), times(slope, slope_err)]
    if op == "matmul":
        a, b = ins
        ga = g @ b.x.T
        gb = a.x.T @ g
        ka, kb = b.x.shape[1], a.x.shape[0]

        def bound(p, pe, q, qe, k):
            gamma = k * U / (1 - k * U)
            return _mag(p) @ qe + pe @ _mag(q) + pe @ qe + gamma * ((_mag(p) + pe) @ (_mag(q) + qe))

        return [(ga, bound(g, ge, b.x.T, b.e.T, ka) + TINY),
                (gb, bound(a.x.T, a.e.T, g, ge, kb) + TINY)]
    if op == "neg":
        return [(-g, ge)]
    if op == "relu":
        (a,) = ins
        keep = np.vectorize(lambda f: Fraction(1) if f > 0 else Fraction(0), otypes=[object])(a.x)
        return [(g * keep, ge * _f(keep))]
    if op == "pow":
        (a,) = ins
        n = node.saved["n"]
        if n == 0:
            return [(g * 0, np.zeros(np.shape(g)))]
        if n == 1:
            return [(g, ge)]
        x, e = a.x, a.e
        xm = _mag(x)
        if float(n - 1).is_integer():
            local = n * x ** int(n - 1)
        else:
            local = n * _elementwise(lambda d: d ** decimal.Decimal(n - 1), x)
        curve = abs(n * (n - 1)) * np.maximum((xm + e) ** (n - 2), np.maximum(xm - e, 0) ** (n - 2))
        local_err = _round(local, curve * e, 2 * LIBRARY)
        return [times(local, local_err)]
    if op == "exp":
        return [times(node.x, node.e)]
    if op == "log":
        (a,) = ins
        xm = _mag(a.x)
        inv = 1 / a.x
        return [times(inv, _round(inv, a.e / (xm * (xm - a.e))))]
    if op == "tanh":
        t, te = node.x, node.e
        local = 1 - t * t
        return [times(local, (2 * _mag(t) + te) * te + 2 * U)]
    if op == "sigmoid":
        s, se = node.x, node.e
        local = s * (1 - s)
        return [times(local, (1 + 2 * _mag(s) + se) * se + 2 * U)]
    if op in ("sum", "mean"):
        (a,) = ins
        kept = node.saved["kept"]
        c = np.broadcast_to(np.reshape(g, kept), a.shape)
        ce = np.broadcast_to(np.reshape(ge, kept), a.shape)
        if op == "mean":
            m = node.saved["count"]
            c = c / m
            ce = _round(c, ce / m)
        return [(c, ce)]
    raise ValueError(f"unknown operation {op!r}")


# --- generating programs -----------------------------------------------------------------------

def _ok(node, limit=1e30):
    """True if a node stays far from overflow and its bound still says something."""
    m = _mag(node.x)
    return bool(np.all(np.isfinite(m)) and np.all(m < limit)
                and np.all(node.e <= 1e-6 * (m + 1)))


def _in_domain(op, a, b, param):
    """True if the float inputs an engine sees are surely inside the operation's domain."""
    if op in ("div", "rdiv"):
        d = b if op == "div" else a
        return bool(np.all(_mag(d.x) > 4 * d.e + 1e-12))
    if op == "divc":
        return True
    if op == "log":
        return bool(np.all(_f(a.x) > 4 * a.e + 1e-12))
    if op == "pow" and param not in (0, 1, 2, 3):
        if float(param).is_integer():
            return bool(np.all(_mag(a.x) > 4 * a.e + 1e-6))
        return bool(np.all(_f(a.x) > 4 * a.e + 1e-6))
    if op == "exp":
        return bool(np.all(_f(a.x) < 30))
    return True


def _leaf(rng, shape):
    def number():
        return rng.choice([0.0, 1.0, -1.0, 0.5, 2.0]) if rng.random() < 0.15 else round(
            rng.uniform(-3, 3), rng.choice([1, 3, 17]))
    if shape == ():
        return number()
    return np.array([number() for _ in range(int(np.prod(shape)))]).reshape(shape).tolist()


def _pick(rng, count):
    """An earlier node, favouring recent ones, so chains grow while old nodes get reused."""
    if rng.random() < 0.6:
        return max(0, count - 1 - rng.randint(0, 2))
    return rng.randrange(count)


def generate(rng, tensors=False, size=None):
    """A random program, valid in every step; ``tensors`` adds shapes, broadcasting and matmul."""
    size = size or rng.randint(3, 14)
    n_leaves = rng.randint(1, 4)
    shapes = [rng.choice(SHAPES) if tensors else () for _ in range(n_leaves)]
    program = {"leaves": [_leaf(rng, s) for s in shapes], "ops": []}
    ref = Reference(program)
    attempts = 0
    while len(program["ops"]) < size and attempts < 20 * size:
        attempts += 1
        instruction = _propose(rng, ref, tensors)
        if instruction is None:
            continue
        op, i, j, param = instruction
        a, b = ref.nodes[i], None if j is None else ref.nodes[j]
        if op != "matmul" and not _in_domain(op, a, b, param):
            continue
        node = ref.push(op, i, j, param)
        if not _ok(node):
            ref.pop()
            continue
        program["ops"].append([op, i, j, param])
    last = len(ref.nodes) - 1
    if ref.nodes[last].shape != ():
        program["ops"].append(["sum", last, None, {"axis": None, "keepdims": False}])
    return program


def _propose(rng, ref, tensors):
    nodes = ref.nodes
    i = _pick(rng, len(nodes))
    a = nodes[i]
    kind = rng.random()
    if kind < 0.4:
        op = rng.choice(BINARY)
        partners = [j for j, b in enumerate(nodes) if _broadcasts(a.shape, b.shape)]
        j = rng.choice(partners)
        if rng.random() < 0.5:
            i, j = j, i  # either side may be the broadcast one
        return op, i, j, None
    if tensors and kind < 0.5:
        partners = [j for j, b in enumerate(nodes)
                    if len(a.shape) == 2 and len(b.shape) == 2 and a.shape[1] == b.shape[0]]
        return ("matmul", i, rng.choice(partners), None) if partners else None
    if tensors and kind < 0.62 and a.shape:
        op = rng.choice(["sum", "mean"])
        axes = [None] + list(range(-len(a.shape), len(a.shape)))
        if len(a.shape) == 2:
            axes.append([0, 1])
        return op, i, None, {"axis": rng.choice(axes), "keepdims": rng.random() < 0.5}
    op = rng.choice(UNARY)
    param = rng.choice(POWERS) if op == "pow" else rng.choice(CONSTANTS)
    return op, i, None, param if op in ("pow", "radd", "rsub", "rmul", "rdiv", "divc",
                                        "mulc") else None


def _broadcasts(s, t):
    try:
        np.broadcast_shapes(s, t)
    except ValueError:
        return False
    return math.prod(np.broadcast_shapes(s, t)) <= 12
