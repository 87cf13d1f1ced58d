"""The differential fuzzer: random programs on both engines, judged against exact arithmetic.

Hypothesis writes random expression DAGs (``tests/reference/programs.py``):
shared nodes and reuse, reflected forms with constants, every operation, and
for tensors broadcasting, matrix products and sums and means over axes. Each
program runs on ``Value`` and on ``Tensor``, and every node's value and every
input's gradient must lie within the error bound that the exact reference
computes beside the exact answer. A fixed corpus is also checked against
stored PyTorch float64 results, and when torch is installed, fresh programs
are run on it live.

Set ``MICROGRAD_FUZZ_EXAMPLES`` to run more programs than the default, for a
long search.
"""

import json
import os
import random
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from programs import Reference, generate, run

from micrograd import Value
from micrograd.tensor import Tensor

EXAMPLES = int(os.environ.get("MICROGRAD_FUZZ_EXAMPLES", "150"))
CORPUS = json.loads((Path(__file__).parent / "reference" / "fuzz_torch.json").read_text())
fuzz = settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow])
programs = st.randoms(use_true_random=False)


def exact_array(a):
    return np.vectorize(Fraction, otypes=[object])(np.asarray(a, dtype=float))


def assert_within(got, want, bound, what, program):
    """Every entry of ``got`` (floats) lies within ``bound`` of the exact ``want``."""
    miss = np.asarray(np.abs(exact_array(got) - np.asarray(want, dtype=object)), dtype=object)
    miss = miss.astype(float)
    allowed = np.asarray(bound) * (1 + 1e-9) + 1e-300
    assert (miss <= allowed).all(), (
        f"{what}: got {np.asarray(got).tolist()}, exact {np.asarray(want, float).tolist()}, "
        f"off by {miss.tolist()}, allowed {allowed.tolist()}\nprogram = {json.dumps(program)}")


def value_leaf(data):
    return Value(data)


def tensor_leaf(data):
    return Tensor(data, requires_grad=True)


def data_of(node):
    return node.data


def check_engine(program, leaf):
    """Run ``program`` on one engine and hold every number to the reference's bounds."""
    ref = Reference(program)
    leaves, nodes = run(program, leaf)
    for k, (node, exact) in enumerate(zip(nodes, ref.nodes, strict=True)):
        assert_within(data_of(node), exact.x, exact.e, f"value of node {k}", program)
    if ref.ambiguous:
        return  # a ReLU input within rounding of 0: either slope is right
    nodes[-1].backward()
    grads, errs = ref.backward()
    for k, node in enumerate(leaves):
        assert_within(node.grad, grads[k], errs[k], f"gradient of leaf {k}", program)


@fuzz
@given(programs)
def test_scalar_programs_on_value_match_exact_arithmetic(rng):
    check_engine(generate(rng), value_leaf)


@fuzz
@given(programs)
def test_scalar_programs_on_zero_dimensional_tensors_match_exact_arithmetic(rng):
    check_engine(generate(rng), tensor_leaf)


@fuzz
@given(programs)
def test_tensor_programs_match_exact_arithmetic(rng):
    check_engine(generate(rng, tensors=True), tensor_leaf)


one_operation = st.sampled_from(["add", "sub", "mul", "div", "relu", "tanh", "sigmoid", "exp",
                                 "log", "pow", "rsub", "rdiv", "divc"])
wide = st.floats(min_value=-1e20, max_value=1e20, allow_nan=False).filter(lambda x: abs(x) > 1e-20)


@fuzz
@given(one_operation, wide, wide, st.sampled_from([0, 1, 2, 3, -1, -2, 0.5, 1.5, -0.5, 7.0]))
def test_each_operation_on_exact_inputs_is_rounded_as_tightly_as_a_float_allows(op, a, b, param):
    a = min(abs(a), 700.0) if op == "exp" else abs(a) if op in ("log", "pow") else a
    program = {"leaves": [a, b], "ops": [[op, 0, 1 if op in ("add", "sub", "mul", "div") else None,
                                          param]]}
    program["ops"].append(["add", 2, 2, None])  # the result feeds a sum twice: reuse
    if not (op == "divc" and param == 0):
        check_engine(program, value_leaf)
        check_engine(program, tensor_leaf)


def test_generated_programs_use_every_operation():
    seen = set()
    for k in range(300):
        for tensors in (False, True):
            seen |= {op for op, *_ in generate(random.Random(k), tensors=tensors)["ops"]}
    assert seen == {"add", "sub", "mul", "div", "matmul", "neg", "relu", "tanh", "sigmoid", "exp",
                    "log", "pow", "radd", "rsub", "rmul", "rdiv", "divc", "mulc", "sum", "mean"}


def test_generated_programs_share_nodes():
    shared = 0
    for k in range(100):
        program = generate(random.Random(k))
        used = [i for _, i, j, _ in program["ops"] for i in (i, j) if i is not None]
        shared += len(used) != len(set(used))
    assert shared > 50


# --- PyTorch: a stored corpus, and live when torch is installed -----------------------------

def close_to_torch(ours, torch_result, program, ref_bound):
    """Our number and PyTorch's agree within twice the reference's error bound (both may err)."""
    miss = np.abs(np.asarray(ours, dtype=float) - np.asarray(torch_result, dtype=float))
    allowed = 2 * np.asarray(ref_bound) * (1 + 1e-9) + 1e-300
    assert (miss <= allowed).all(), (
        f"ours {np.asarray(ours).tolist()}, PyTorch {torch_result}, allowed {allowed.tolist()}\n"
        f"program = {json.dumps(program)}")


def compare_with_torch(program, torch_result, leaf):
    ref = Reference(program)
    leaves, nodes = run(program, leaf)
    close_to_torch(data_of(nodes[-1]), torch_result["value"], program, ref.nodes[-1].e)
    if ref.ambiguous:
        return
    nodes[-1].backward()
    _, errs = ref.backward()
    for k, node in enumerate(leaves):
        close_to_torch(node.grad, torch_result["grads"][k], program, errs[k])


@pytest.mark.parametrize("name", sorted(k for k in CORPUS if not k.startswith("_")))
def test_corpus_matches_stored_pytorch_results(name):
    case = CORPUS[name]
    tensors = name.startswith("tensor")
    program = generate(random.Random(case["seed"]), tensors=tensors)
    assert program == case["program"], "programs.py changed: rerun make_reference.py"
    compare_with_torch(program, case, tensor_leaf if tensors else value_leaf)


@settings(max_examples=max(EXAMPLES // 3, 10))
@given(programs, st.booleans())
def test_programs_match_live_pytorch(rng, tensors):
    pytest.importorskip("torch")
    from make_reference import run_torch

    program = generate(rng, tensors=tensors)
    compare_with_torch(program, run_torch(program), tensor_leaf if tensors else value_leaf)


# --- which inputs need gradients: requires_grad mixes and no_grad ---------------------------

@fuzz
@given(programs, st.randoms(use_true_random=False))
def test_leaves_without_requires_grad_change_no_other_gradient(rng, pick):
    program = generate(rng, tensors=True)
    if Reference(program).ambiguous:
        return  # a ReLU input within rounding of 0: either slope is right
    wanted = [pick.random() < 0.5 for _ in program["leaves"]]
    wanted[pick.randrange(len(wanted))] = True
    leaves, nodes = run(program, tensor_leaf)
    mixed = iter(wanted)
    some, some_nodes = run(program, lambda data: Tensor(data, requires_grad=next(mixed)))
    if not some_nodes[-1].requires_grad:
        return  # the result does not depend on any leaf that was picked
    nodes[-1].backward()
    some_nodes[-1].backward()
    for everything, picked, wants in zip(leaves, some, wanted, strict=True):
        if wants:
            assert picked.grad.tobytes() == everything.grad.tobytes()
        else:
            assert picked.grad is None


@fuzz
@given(programs)
def test_no_grad_gives_the_same_numbers_and_builds_no_graph(rng):
    from micrograd.tensor import no_grad

    program = generate(rng, tensors=True)
    _, nodes = run(program, tensor_leaf)
    with no_grad():
        _, quiet = run(program, tensor_leaf)
    for node, calm in zip(nodes, quiet, strict=True):
        assert calm.is_leaf and node.data.tobytes() == calm.data.tobytes()
