"""Composite tensor expressions shared by the PyTorch reference script and the tests.

Each case is written with operators and methods that both
``micrograd.tensor.Tensor`` and ``torch.Tensor`` understand (``sum`` and
``mean`` take ``axis`` and ``keepdims`` in both), so one definition serves both
engines. Every expression ends in a single number, like a loss. The inputs are
nested lists; a plain number is a tensor of shape ().
"""

X = [[0.5, -1.2, 2.0], [1.5, 0.3, -0.7]]
W = [[0.2, -0.4, 0.9, 0.1], [-0.6, 0.3, 0.5, -0.8], [0.7, 0.05, -0.3, 0.4]]
B = [0.1, -0.2, 0.3, 0.0]

POINTS = [[0.4, -0.9], [1.1, 0.2], [-0.3, 0.8], [0.9, 1.3]]
W1 = [[0.5, -0.7, 0.3], [0.8, 0.2, -0.6]]
B1 = [0.05, -0.1, 0.2]
W2 = [[0.9], [-0.4], [0.6]]
B2 = [-0.15]

CUBE = [[[0.3, -0.5, 1.2, 0.8], [-1.1, 0.4, 0.9, -0.2], [0.6, 1.5, -0.7, 0.1]],
        [[-0.4, 0.2, 0.7, -1.3], [1.0, -0.6, 0.25, 0.5], [-0.9, 0.35, 1.1, -0.05]]]

CASES = {
    "affine_tanh": ([X, W, B], lambda x, w, b: (x @ w + b).tanh().sum()),
    "two_layer_sigmoid": ([POINTS, W1, B1, W2, B2],
                          lambda x, w1, b1, w2, b2:
                          ((x @ w1 + b1).relu() @ w2 + b2).sigmoid().mean()),
    "hinge": ([[[0.8], [-0.3], [1.7], [0.2]], [[1.0], [-1.0], [1.0], [-1.0]]],
              lambda s, y: (1 - y * s).relu().mean()),
    "outer_broadcast": ([[[0.5], [-0.8], [1.2]], [[0.9, -1.1, 0.4, 1.6]]],
                        lambda a, b: (a * b + a / b - b ** 2).exp().mean(axis=0).sum()),
    "row_scale": ([X, [0.7, -1.3, 0.4]],
                  lambda m, v: (m * v - v).sum(axis=1, keepdims=True).tanh().sum()),
    "scalar_times_matrix": ([2.5, X], lambda s, m: ((s * m) ** 2).mean(axis=1).sum()),
    "log_sum_exp": ([W], lambda a: a.exp().sum(axis=1, keepdims=True).log().mean()),
    "variance": ([W], lambda a: ((a - a.mean(axis=0, keepdims=True)) ** 2).mean()),
    "reflected": ([[[0.6, 1.4], [2.2, 0.9]]],
                  lambda a: ((3 - a) * (2 / a) + (-a) ** 3 + 1 + 0.5 * a).sum()),
    "powers": ([[0.8, 1.3, 2.1]], lambda a: (a ** 2.5 + a ** -1.5 - a ** 0.5).log().sum()),
    "axes_3d": ([CUBE], lambda c: (c.sum(axis=(0, 2)) * c.mean(axis=-1, keepdims=True)).sum()),
}
