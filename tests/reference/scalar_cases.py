"""Composite scalar expressions shared by the PyTorch reference script and the tests.

Each case is written with operators and methods that both ``micrograd.Value``
and ``torch.Tensor`` understand, so one definition serves both engines.
"""

CASES = {
    "chain_rule_intro": ([2.0, -3.0, 10.0, -2.0], lambda a, b, c, f: (a * b + c) * f),
    "neuron_tanh": ([2.0, 0.0, -3.0, 1.0, 6.8813735870195432],
                    lambda x1, x2, w1, w2, b: (x1 * w1 + x2 * w2 + b).tanh()),
    "reuse": ([-4.0, 2.0], lambda a, b: (a * b + b ** 3) * (a + a) - a / b),
    "reflected": ([1.5, -0.5], lambda a, b: 2 - a + 3 / b - 2 * a * b + 1 + (4 - b) ** 2),
    "exp_log": ([0.7, 2.5], lambda a, b: (a.exp() * b).log() + (b / a).log() * a),
    "sigmoid_relu": ([0.3, -1.2], lambda a, b: (a * 3).sigmoid() * (a - b).relu() + b.relu()),
    "powers": ([1.3, 0.8], lambda a, b: a ** 2.5 + b ** -1.5 - a ** 0.5 * b ** 3),
    "deep_mix": ([-0.4, 0.9, 1.7], lambda a, b, c: ((a * b).tanh() + (b * c).sigmoid()
                                                       - (c - a).relu() ** 2
                                                       + (a * c).exp() / (1 + b ** 2)).tanh()),
}
