"""Optimizer runs and losses that the tests compare with PyTorch's.

``make_reference.py`` runs each with torch and stores the result in
``training_torch.json``; ``tests/test_optim.py`` runs the same with the package.
"""

START = [0.5, -1.5, 2.0]
STEPS = 25


def objective(a, b, c):
    """A curved valley in three parameters, written for Values and torch tensors alike."""
    return (a * b - 1) ** 2 + (b.tanh() + c) ** 2 + 0.1 * c ** 4


# name -> (optimizer class name, keyword arguments), the same names in both libraries
OPTIMIZERS = {
    "sgd": ("SGD", {"lr": 0.05}),
    "sgd_momentum": ("SGD", {"lr": 0.05, "momentum": 0.9}),
    "sgd_momentum_weight_decay": ("SGD", {"lr": 0.05, "momentum": 0.9, "weight_decay": 0.1}),
    "adam": ("Adam", {"lr": 0.1}),
    "adam_betas_weight_decay": ("Adam", {"lr": 0.1, "betas": (0.8, 0.99), "eps": 1e-6,
                                         "weight_decay": 0.05}),
}

# name -> (scores, labels of ±1): ordinary, at zero, and far out where a naive log(1 + e^x)
# would overflow
LOGISTIC_CASES = {
    "ordinary": ([2.0, -0.5, 0.25], [1, 1, -1]),
    "zero": ([0.0, 0.0], [1, -1]),
    "far_out": ([30.0, -40.0, 800.0, -800.0], [-1, 1, 1, 1]),
}
