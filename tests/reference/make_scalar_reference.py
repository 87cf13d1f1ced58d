"""Regenerate ``scalar_torch.json``: values and gradients computed by PyTorch in float64.

Needs torch (a CPU build: ``pip install torch==2.13.0``). Run from the repository root:
``python tests/reference/make_scalar_reference.py``.
"""

import json
from pathlib import Path

import torch
from scalar_cases import CASES


def reference(inputs, expression):
    """Value and input gradients of ``expression`` at ``inputs``, by torch autograd."""
    leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in inputs]
    out = expression(*leaves)
    out.backward()
    return {"inputs": inputs, "value": out.item(), "grads": [leaf.grad.item() for leaf in leaves]}


if __name__ == "__main__":
    table = {name: reference(inputs, expr) for name, (inputs, expr) in CASES.items()}
    table["_generated_by"] = f"torch {torch.__version__}, float64"
    path = Path(__file__).with_name("scalar_torch.json")
    path.write_text(json.dumps(table, indent=2, sort_keys=True) + "\n")
    print(f"wrote {len(CASES)} cases to {path.name}")
