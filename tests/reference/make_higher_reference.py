"""Regenerate ``higher_torch.json``: PyTorch's first and second derivatives for the tests.

Needs torch (a CPU build: ``pip install torch==2.13.0``). Run from the repository root:
``python tests/reference/make_higher_reference.py``. The second derivatives come from
``torch.autograd.grad(..., create_graph=True)`` twice (double backward); the network's
Hessian-vector product is the gradient of ``gradient · v``.
"""

import json
import random
from pathlib import Path

import higher_cases
import torch


def leaf(x):
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)


def derivatives(f, xs):
    """Value, gradient and Hessian (as nested lists) of ``f`` at the point ``xs``."""
    leaves = [leaf(x) for x in xs]
    out = f(*leaves)
    grads = torch.autograd.grad(out, leaves, create_graph=True)
    hessian = []
    for g in grads:
        if g.requires_grad:
            row = torch.autograd.grad(g, leaves, allow_unused=True, retain_graph=True)
            hessian.append([0.0 if r is None else r.item() for r in row])
        else:
            hessian.append([0.0] * len(leaves))
    return {"point": list(xs), "value": out.item(), "grad": [g.item() for g in grads],
            "hessian": hessian}


def network_hvp(case):
    """The network's weights, a direction ``v``, and loss, gradient and Hessian·v there."""
    rng = random.Random(case["seed"])
    sizes = case["sizes"]
    layers = [[[rng.uniform(-1, 1) for _ in range(nin + 1)] for _ in range(nout)]
              for nin, nout in zip(sizes, sizes[1:], strict=False)]  # weights, then bias
    flat = [leaf(p) for layer in layers for neuron in layer for p in neuron]
    v = [rng.gauss(0, 1) for _ in flat]
    loss = 0
    for x, y in zip(case["xs"], case["ys"], strict=True):
        acts, k = [torch.tensor(xi, dtype=torch.float64) for xi in x], 0
        for depth, layer in enumerate(layers):
            outs = []
            for neuron in layer:
                w, b = flat[k:k + len(neuron) - 1], flat[k + len(neuron) - 1]
                k += len(neuron)
                s = b + sum(wi * ai for wi, ai in zip(w, acts, strict=True))
                outs.append(s if depth == len(layers) - 1 else s.tanh())
            acts = outs
        loss = loss + (acts[0] - y) ** 2
    grads = torch.autograd.grad(loss, flat, create_graph=True)
    hv = torch.autograd.grad(sum(g * vi for g, vi in zip(grads, v, strict=True)), flat)
    return {**case, "layers": layers, "v": v, "loss": loss.item(),
            "grad": [g.item() for g in grads], "hvp": [h.item() for h in hv]}


def main():
    table = {
        "unary": {name: [derivatives(f, [x]) for x in points]
                  for name, (f, points) in higher_cases.UNARY.items()},
        "binary": {name: [derivatives(f, list(p)) for p in points]
                   for name, (f, points) in higher_cases.BINARY.items()},
        "network": network_hvp(higher_cases.NETWORK),
        "_generated_by": f"torch {torch.__version__}, float64, double backward",
    }
    path = Path(__file__).with_name("higher_torch.json")
    path.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    print(f"wrote {path.name}")


if __name__ == "__main__":
    main()
