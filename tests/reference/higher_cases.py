"""Second derivatives to compare with PyTorch: each operation alone, and a small network.

Shared by ``make_higher_reference.py`` (which runs them in torch) and the tests.
Every function is written with operators and methods that both ``micrograd.Value``
and ``torch.Tensor`` understand.
"""

# name: (function of one input, points: ordinary ones, kinks, near overflow)
UNARY = {
    "exp": (lambda x: x.exp(), [0.3, -2.0, 700.0, -700.0]),
    "log": (lambda x: x.log(), [0.5, 3.0, 1e-150, 1e150]),
    "tanh": (lambda x: x.tanh(), [0.0, 0.8, -2.5, 20.0]),
    "sigmoid": (lambda x: x.sigmoid(), [0.0, 1.5, -4.0, -700.0]),
    "relu": (lambda x: x.relu(), [0.0, 1.5, -4.0]),
    "square": (lambda x: x ** 2, [0.0, -3.0, 1e150]),
    "cube": (lambda x: x ** 3, [0.0, 2.0, -1e100]),
    "power_2.5": (lambda x: x ** 2.5, [0.7, 4.0]),
    "power_-1.5": (lambda x: x ** -1.5, [0.7, 4.0]),
    "reciprocal": (lambda x: 1 / x, [0.5, -3.0, 1e100]),
    "negate": (lambda x: -x, [2.0]),
    "relu_squared": (lambda x: x.relu() * x.relu(), [0.0, 1.5, -1.0]),
    "constant_base": (lambda x: 2 ** x, [0.0, -1.5, 1000.0]),
    "abs": (lambda x: abs(x), [0.0, -2.0, 3.0]),
}

# name: (function of two inputs, points)
BINARY = {
    "mul": (lambda a, b: a * b, [(2.0, -3.0)]),
    "div": (lambda a, b: a / b, [(1.0, 4.0), (-3.0, 0.5)]),
    "add_sub": (lambda a, b: (a + b) * (a - b), [(1.5, 0.5)]),
    "mixed": (lambda a, b: (a * b).tanh() * a.exp() + b.sigmoid() / a,
              [(0.4, -1.1), (1.2, 2.0)]),
}

# A small network: MLP(2, [4, 4, 1], tanh) on four points, summed squared error.
NETWORK = {"sizes": [2, 4, 4, 1], "seed": 7,
           "xs": [[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [0.0, 2.0]],
           "ys": [1.0, -1.0, 1.0, -1.0]}
