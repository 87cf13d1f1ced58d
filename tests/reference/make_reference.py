"""Regenerate the stored PyTorch values: ``scalar_torch.json`` and ``tensor_torch.json``.

Needs torch (a CPU build: ``pip install torch==2.13.0``). Run from the repository root:
``python tests/reference/make_reference.py``. The expressions and their inputs live in
``scalar_cases.py`` and ``tensor_cases.py``, which the tests read too; the tests also
call ``reference`` directly for a live comparison when torch is installed.
"""

import json
from pathlib import Path

import scalar_cases
import tensor_cases
import torch


def reference(inputs, expression):
    """Value and input gradients of ``expression`` at ``inputs``, by torch autograd in float64.

    Gradients of scalar inputs come back as numbers, of array inputs as nested lists.
    """
    leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in inputs]
    out = expression(*leaves)
    out.backward()
    return {"inputs": inputs, "value": out.item(), "grads": [leaf.grad.tolist() for leaf in leaves]}


def write(cases, filename):
    table = {name: reference(inputs, expr) for name, (inputs, expr) in cases.items()}
    table["_generated_by"] = f"torch {torch.__version__}, float64"
    path = Path(__file__).with_name(filename)
    path.write_text(json.dumps(table, indent=2, sort_keys=True) + "\n")
    print(f"wrote {len(cases)} cases to {path.name}")


if __name__ == "__main__":
    write(scalar_cases.CASES, "scalar_torch.json")
    write(tensor_cases.CASES, "tensor_torch.json")
