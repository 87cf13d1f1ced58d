"""Optimizers: turning gradients into better parameters.

Taught in the chapter "The optimizer and the training loop".
"""


class SGD:
    """Stochastic gradient descent, with optional momentum.

    Each ``step()`` moves every parameter a little against its gradient:
    ``p.data -= lr * p.grad``. With ``momentum`` m, the step is taken along a
    running velocity ``v = m·v + grad`` instead, as in PyTorch's SGD.
    ``lr`` is a plain attribute, so a schedule can change it between steps.

    >>> from micrograd import Value
    >>> p = Value(1.0)
    >>> opt = SGD([p], lr=0.1)
    >>> (p * p).backward()
    >>> opt.step()
    >>> p
    Value(data=0.8, grad=2.0)
    >>> opt.zero_grad()
    >>> p.grad
    0.0
    """

    def __init__(self, parameters, lr=0.1, momentum=0.0):
        if lr <= 0:
            raise ValueError(f"lr must be positive, got {lr!r}")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
        self.parameters = list(parameters)
        self.lr = lr
        self.momentum = momentum
        self.velocity = [0.0] * len(self.parameters)

    def step(self):
        """Move every parameter one step downhill."""
        for i, p in enumerate(self.parameters):
            self.velocity[i] = self.momentum * self.velocity[i] + p.grad
            p.data -= self.lr * self.velocity[i]

    def zero_grad(self):
        """Set every parameter's gradient to zero before the next backward pass."""
        for p in self.parameters:
            p.grad = 0.0
