"""Regenerate ``tensor_torch.json``: values and gradients computed by PyTorch in float64.

Needs torch (a CPU build: ``pip install torch==2.13.0``). Run from the repository root:
``python tests/reference/make_tensor_reference.py``. The expressions and their
inputs live in ``tensor_cases.py``, which the tests read too.
"""

import json
from pathlib import Path

import torch
from tensor_cases import CASES


def reference(inputs, expression):
    """Value and input gradients (nested lists) of ``expression`` at ``inputs``, by torch."""
    leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in inputs]
    out = expression(*leaves)
    out.backward()
    return {"inputs": inputs, "value": out.item(), "grads": [leaf.grad.tolist() for leaf in leaves]}


if __name__ == "__main__":
    table = {name: reference(inputs, expr) for name, (inputs, expr) in CASES.items()}
    table["_generated_by"] = f"torch {torch.__version__}, float64"
    path = Path(__file__).with_name("tensor_torch.json")
    path.write_text(json.dumps(table, indent=2, sort_keys=True) + "\n")
    print(f"wrote {len(CASES)} cases to {path.name}")
