"""micrograd: a scalar reverse-mode autodiff engine and a small neural-net library.

>>> from micrograd import Value
>>> x = Value(2.0)
>>> y = x * x + 3 * x
>>> y.backward()
>>> y.data, x.grad
(10.0, 7.0)
"""

__version__ = "2.0.0"

from micrograd.data import tiny_dataset, two_moons
from micrograd.draw import draw_dot
from micrograd.engine import Value, as_value, weighted_sum
from micrograd.forward import jvp
from micrograd.gradcheck import (
                                 central_difference,
                                 directional_check,
                                 directional_derivative,
                                 forward_difference,
                                 forward_reverse_check,
                                 gradient_check,
                                 partial_derivatives,
                                 relative_error,
                                 tensor_directional_check,
)
from micrograd.graph import topological_order, trace
from micrograd.higher import grad, recorded_gradients
from micrograd.losses import (
    accuracy,
    binary_cross_entropy,
    l2_penalty,
    max_margin_loss,
    mean_squared_error,
    squared_error,
)
from micrograd.nn import MLP, Layer, Module, Neuron
from micrograd.optim import SGD, Adam

__all__ = [
    "MLP", "SGD", "Adam", "Layer", "Module", "Neuron", "Value",
    "accuracy", "as_value", "binary_cross_entropy", "central_difference", "directional_check",
    "directional_derivative", "draw_dot", "forward_difference", "forward_reverse_check",
    "grad", "gradient_check", "jvp",
    "l2_penalty", "max_margin_loss", "mean_squared_error", "partial_derivatives",
    "recorded_gradients", "relative_error", "squared_error", "tensor_directional_check",
    "tiny_dataset",
    "topological_order", "trace",
    "two_moons", "weighted_sum",
]
