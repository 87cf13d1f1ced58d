"""Optimizers: turning gradients into better parameters.

Taught in the chapter "The optimizer and the training loop".
"""

import math
import numbers


class SGD:
    """Stochastic gradient descent, with optional momentum.

    Each ``step()`` moves every parameter a little against its gradient:
    ``p.data = p.data - lr * p.grad``. With ``momentum`` m, the step is taken
    along a running velocity ``v = m·v + grad`` instead, as in PyTorch's SGD.
    With ``weight_decay`` λ, the gradient gets ``λ·p`` added first: the
    gradient of an L2 penalty ``λ/2·Σp²``, without building it into the graph.
    ``lr`` is a plain attribute, so a schedule can change it between steps.
    The parameters may be ``Value`` or ``Tensor`` objects.

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
    >>> SGD([p, p])
    Traceback (most recent call last):
    ...
    ValueError: a parameter appears more than once in parameters: it would be stepped twice
    """

    def __init__(self, parameters, lr=0.1, momentum=0.0, weight_decay=0.0):
        if hasattr(parameters, "parameters"):
            raise TypeError(f"{type(self).__name__} needs the parameters to train, not the model: "
                            f"pass {type(parameters).__name__.lower()}.parameters()")
        self.parameters = _distinct(parameters)
        self.lr = lr  # checked by the property below
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
        self.momentum = momentum
        self.weight_decay = _checked_decay(weight_decay)
        self.velocity = [0.0] * len(self.parameters)

    @property
    def lr(self):
        """The learning rate: a positive finite number, checked whenever it is set.

        >>> opt = SGD([], lr=0.1)
        >>> opt.lr = 0
        Traceback (most recent call last):
        ...
        ValueError: lr must be a positive finite number, got 0
        """
        return self._lr

    @lr.setter
    def lr(self, lr):
        """Check and set the learning rate, as the constructor does.

        >>> SGD([], lr="0.1")
        Traceback (most recent call last):
        ...
        TypeError: lr must be a positive finite number, got str: '0.1'
        """
        if isinstance(lr, bool) or not isinstance(lr, numbers.Real):
            raise TypeError(f"lr must be a positive finite number, got {type(lr).__name__}: {lr!r}")
        if not 0 < lr < math.inf:
            raise ValueError(f"lr must be a positive finite number, got {lr!r}")
        self._lr = lr

    def step(self):
        """Move every parameter one step downhill.

        The step binds a new number (or array) to ``p.data`` rather than
        changing the old one in place: a ``Tensor``'s array is read-only.
        """
        for i, p in enumerate(self.parameters):
            grad = p.grad + self.weight_decay * p.data
            self.velocity[i] = self.momentum * self.velocity[i] + grad
            p.data = p.data - self.lr * self.velocity[i]

    def zero_grad(self):
        """Set every parameter's gradient to zero before the next backward pass.

        A ``Value``'s gradient becomes 0.0; a ``Tensor`` forgets its array (a
        gradient kept from before stays as it was) and reads as zeros until the next one.
        """
        for p in self.parameters:
            p.grad = 0.0 if isinstance(p.grad, numbers.Real) else None


class Adam(SGD):
    """Adam: a step for each parameter scaled by its own recent gradients.

    It keeps two running averages per parameter, of the gradient (``m``, a
    momentum) and of its square (``v``), each corrected for starting at zero,
    and steps ``lr · m̂ / (√v̂ + eps)``. A parameter whose gradient is steady
    moves about ``lr`` per step whatever the gradient's size, so one learning
    rate suits weights of very different scales. The same rule as PyTorch's
    ``torch.optim.Adam``, ``weight_decay`` included (added to the gradient).

    >>> from micrograd import Value
    >>> p = Value(1.0)
    >>> opt = Adam([p], lr=0.1)
    >>> (p * p * 1000).backward()  # a steep slope, still a step of about lr
    >>> opt.step()
    >>> round(p.data, 6)
    0.9
    """

    def __init__(self, parameters, lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(parameters, lr, weight_decay=weight_decay)
        self.betas = betas
        if not all(0 <= b < 1 for b in betas):
            raise ValueError(f"betas must be two numbers in [0, 1), got {betas!r}")
        self.eps = eps
        self.steps = 0
        self.average = [0.0] * len(self.parameters)         # m: of the gradient
        self.average_square = [0.0] * len(self.parameters)  # v: of its square

    def step(self):
        """Move every parameter by its own corrected average slope."""
        b1, b2 = self.betas
        self.steps += 1
        for i, p in enumerate(self.parameters):
            grad = p.grad + self.weight_decay * p.data
            self.average[i] = b1 * self.average[i] + (1 - b1) * grad
            self.average_square[i] = b2 * self.average_square[i] + (1 - b2) * grad * grad
            m = self.average[i] / (1 - b1 ** self.steps)
            v = self.average_square[i] / (1 - b2 ** self.steps)
            p.data = p.data - self.lr * m / (v ** 0.5 + self.eps)


def _distinct(parameters):
    """The parameters as a list, refusing one that appears twice (it would be stepped twice)."""
    parameters = list(parameters)
    if len({id(p) for p in parameters}) < len(parameters):
        raise ValueError("a parameter appears more than once in parameters: "
                         "it would be stepped twice")
    return parameters


def _checked_decay(weight_decay):
    if not 0 <= weight_decay < math.inf:
        raise ValueError(f"weight_decay must be a finite number >= 0, got {weight_decay!r}")
    return weight_decay
