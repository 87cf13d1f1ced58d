"""A short seeded two-moons training run that prints every parameter's exact bits."""

import random

from micrograd import MLP, SGD, l2_penalty, max_margin_loss, two_moons

random.seed(1)
X, y = two_moons(100, noise=0.1, seed=1)
model = MLP(2, [16, 16, 1])
opt = SGD(model.parameters(), lr=0.5)
for _ in range(3):
    loss = max_margin_loss([model(x) for x in X], y) + l2_penalty(model.parameters(), 1e-4)
    opt.zero_grad()
    loss.backward()
    opt.step()
print(loss.data.hex(), *(p.data.hex() for p in model.parameters()))
