"""Regenerate the stored PyTorch values: the two case tables and the fuzzer's corpus.

Needs torch (a CPU build: ``pip install torch==2.13.0``). Run from the repository root:
``python tests/reference/make_reference.py``. The expressions and their inputs live in
``scalar_cases.py`` and ``tensor_cases.py``, which the tests read too; the tests also
call ``reference`` directly for a live comparison when torch is installed. The
fuzzer's corpus is the random programs of ``programs.py`` made from the seeds
``FUZZ_SEEDS``; ``run_torch`` runs any such program.
"""

import json
import random
from pathlib import Path

import programs
import scalar_cases
import tensor_cases
import torch
import training_cases

FUZZ_SEEDS = range(60)


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


def run_torch(program):
    """Value of a fuzzer program and the gradients of its inputs, by torch autograd in float64."""
    def leaf(data):
        return torch.tensor(data, dtype=torch.float64, requires_grad=True)

    leaves, nodes = programs.run(program, leaf)
    nodes[-1].backward()
    grads = [torch.zeros_like(x) if x.grad is None else x.grad for x in leaves]
    return {"value": nodes[-1].item(), "grads": [g.tolist() for g in grads]}


def write_fuzz_corpus(filename):
    table = {}
    for seed in FUZZ_SEEDS:
        for kind in ("scalar", "tensor"):
            program = programs.generate(random.Random(seed), tensors=kind == "tensor")
            table[f"{kind}_{seed:03d}"] = {"seed": seed, "program": program, **run_torch(program)}
    table["_generated_by"] = f"torch {torch.__version__}, float64"
    path = Path(__file__).with_name(filename)
    path.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    print(f"wrote {len(table) - 1} programs to {path.name}")


def optimizer_run(name, options):
    """The three parameters after each of ``STEPS`` steps of torch.optim's ``name``."""
    params = [torch.tensor(x, dtype=torch.float64, requires_grad=True)
              for x in training_cases.START]
    optimizer = getattr(torch.optim, name)(params, **options)
    trajectory = []
    for _ in range(training_cases.STEPS):
        optimizer.zero_grad()
        training_cases.objective(*params).backward()
        optimizer.step()
        trajectory.append([p.item() for p in params])
    return trajectory


def logistic_loss(scores, labels):
    """PyTorch's mean binary cross-entropy on logits, for labels of ±1, and its gradient."""
    s = torch.tensor(scores, dtype=torch.float64, requires_grad=True)
    targets = (torch.tensor(labels, dtype=torch.float64) + 1) / 2
    loss = torch.nn.functional.binary_cross_entropy_with_logits(s, targets)
    loss.backward()
    return {"value": loss.item(), "grads": s.grad.tolist()}


def write_training(filename):
    table = {
        "optimizers": {name: optimizer_run(*run)
                       for name, run in training_cases.OPTIMIZERS.items()},
        "logistic": {name: logistic_loss(*case)
                     for name, case in training_cases.LOGISTIC_CASES.items()},
        "_generated_by": f"torch {torch.__version__}, float64",
    }
    path = Path(__file__).with_name(filename)
    path.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    print(f"wrote optimizer runs and losses to {path.name}")


if __name__ == "__main__":
    write(scalar_cases.CASES, "scalar_torch.json")
    write(tensor_cases.CASES, "tensor_torch.json")
    write_fuzz_corpus("fuzz_torch.json")
    write_training("training_torch.json")
