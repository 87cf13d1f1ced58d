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

    def __init__(self, parameters, lr=0.1, momentum=0.0):
        if hasattr(parameters, "parameters"):
            raise TypeError(f"SGD needs the parameters to train, not the model: "
                            f"pass {type(parameters).__name__.lower()}.parameters()")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
        self.parameters = list(parameters)
        if len({id(p) for p in self.parameters}) < len(self.parameters):
            raise ValueError("a parameter appears more than once in parameters: "
                             "it would be stepped twice")
        self.lr = lr
        self.momentum = momentum
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
            self.velocity[i] = self.momentum * self.velocity[i] + p.grad
            p.data = p.data - self.lr * self.velocity[i]

    def zero_grad(self):
        """Set every parameter's gradient to zero before the next backward pass.

        A ``Value``'s gradient becomes 0.0; a ``Tensor`` forgets its array (a
        gradient kept from before stays as it was) and reads as zeros until the next one.
        """
        for p in self.parameters:
            p.grad = 0.0 if isinstance(p.grad, numbers.Real) else None
