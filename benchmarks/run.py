"""``make bench``: the engine measured against the lecture's closure design, side by side.

Every figure is measured in this one run, on this machine, so only the ratios
travel well. A time is the median of several calls in a row after one warm-up
call: what each call costs in a loop. Run from the repository root:
``python benchmarks/run.py``.
"""

import gc
import platform
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import closure_engine  # noqa: E402

import micrograd  # noqa: E402
from micrograd import l2_penalty, max_margin_loss, two_moons  # noqa: E402

X, Y = two_moons(100, noise=0.1, seed=1)
CHAIN_LIMIT = 1_000_000  # the deepest chain tried


def per_call(fn, calls=10):
    """Median seconds of ``fn()`` over ``calls`` calls in a row, as in a training loop.

    The garbage collector stays on, as in real use. Old garbage is collected
    first and one warm-up call runs untimed, so that each engine pays for the
    garbage of its own previous step, as it would in a loop, and never for the
    other engine's. (A first call, with no garbage behind it, would flatter the
    closure design.)
    """
    gc.collect()
    fn()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pairwise_sum(values):
    """Add values as a balanced tree, so a wide sum is not a deep chain: n - 1 additions."""
    while len(values) > 1:
        pairs = [values[i] + values[i + 1] for i in range(0, len(values) - 1, 2)]
        values = pairs + values[2 * len(pairs):]  # an odd one out waits for the next round
    return values[0]


def training_step(engine):
    """A full-batch two-moons step function (hinge loss + L2) for ``engine``."""
    random.seed(0)
    model = engine.MLP(2, [16, 16, 1])
    params = model.parameters()

    def step():
        inputs = [[engine.Value(a), engine.Value(b)] for a, b in X]
        scores = [model(x) for x in inputs]
        if engine is micrograd:
            loss = max_margin_loss(scores, Y) + l2_penalty(params, 1e-4)
        else:
            losses = [(1 - y * s).relu() for s, y in zip(scores, Y, strict=True)]
            loss = sum(losses) * (1.0 / len(losses)) + 1e-4 * sum(p * p for p in params)
        for p in params:
            p.grad = 0.0
        loss.backward()
        for p in params:
            p.data -= 0.01 * p.grad
    return step


def tensor_training_step():
    """The same step with ``micrograd.tensor``, the whole batch as arrays; None without NumPy."""
    try:
        from micrograd import tensor
    except ImportError:
        return None
    random.seed(0)
    model = tensor.TensorMLP.from_scalar(micrograd.MLP(2, [16, 16, 1]))  # training_step's weights
    params = model.parameters()

    def step():
        loss = tensor.max_margin_loss(model(X), Y) + tensor.l2_penalty(params, 1e-4)
        model.zero_grad()
        loss.backward()
        for p in params:
            p.data = p.data - 0.01 * p.grad  # a tensor's data is read-only
    return step


def wide_graph(engine, width=20_000):
    """Forward and backward of Σ tanh(xᵢ·yᵢ + xᵢ), summed as a tree: four operations a term."""
    xs = [engine.Value(random.uniform(-1, 1)) for _ in range(width)]
    ys = [engine.Value(random.uniform(-1, 1)) for _ in range(width)]

    def run():
        total = pairwise_sum([(x * y + x).tanh() for x, y in zip(xs, ys, strict=True)])
        total.backward()
    return run, 4 * width


def bytes_per_node(engine, count=20_000):
    """Memory held by ``count`` new product nodes of two existing values, per node."""
    xs = [engine.Value(float(i)) for i in range(count)]
    ys = [engine.Value(float(i) + 0.5) for i in range(count)]
    tracemalloc.start()
    nodes = [x * y for x, y in zip(xs, ys, strict=True)]
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (held - sys.getsizeof(nodes)) / len(nodes)


def differentiates(engine, depth):
    """Whether backward() gets through a chain of ``depth`` tanh nodes."""
    y = x = engine.Value(0.5)
    for _ in range(depth):
        y = y.tanh()
    try:
        y.backward()
    except RecursionError:
        return False
    return x.grad != 0.0


def deepest_chain(engine, limit=CHAIN_LIMIT):
    """The deepest chain that backward() handles, up to ``limit``, found by bisection."""
    if differentiates(engine, limit):
        return limit
    works, fails = 0, limit
    while fails - works > 1:
        middle = (works + fails) // 2
        works, fails = (middle, fails) if differentiates(engine, middle) else (works, middle)
    return works


def seeded_runs_identical():
    """Train two moons for a few steps in two fresh processes; compare every bit."""
    script = Path(__file__).with_name("seeded_run.py")
    outs = {subprocess.run([sys.executable, script], capture_output=True, text=True,
                           check=True).stdout for _ in range(2)}
    return len(outs) == 1


def torch_wide_graph(width=20_000):
    """The same wide graph with 0-dimensional PyTorch tensors, or None without torch."""
    try:
        import torch
    except ImportError:
        return None
    xs = [torch.tensor(random.uniform(-1, 1), dtype=torch.float64, requires_grad=True)
          for _ in range(width)]
    ys = [torch.tensor(random.uniform(-1, 1), dtype=torch.float64, requires_grad=True)
          for _ in range(width)]

    def run():
        total = pairwise_sum([(x * y + x).tanh() for x, y in zip(xs, ys, strict=True)])
        total.backward()
    return per_call(run, 3) / (4 * width)


def row(name, ours, theirs, unit, fmt="{:.1f}"):
    ratio = theirs / ours if ours else float("inf")
    print(f"  {name:<34} {fmt.format(ours):>12} {fmt.format(theirs):>12}  {unit:<8} {ratio:7.1f}x")


def main():
    print(f"micrograd benchmarks — Python {platform.python_version()}, "
          f"{platform.machine()}, GC on (default thresholds {gc.get_threshold()})")
    print(f"  {'':<34} {'micrograd':>12} {'closures':>12}  {'unit':<8} {'ratio':>8}")

    ours, theirs = per_call(training_step(micrograd)), per_call(training_step(closure_engine))
    row("two-moons training step", ours * 1e3, theirs * 1e3, "ms")

    gc.disable()
    theirs_no_gc = per_call(training_step(closure_engine))
    gc.enable()
    print(f"  {'  closures with GC disabled':<34} {'':>12} {theirs_no_gc * 1e3:>12.1f}  ms"
          f"        (GC takes {1 - theirs_no_gc / theirs:.0%} of their step)")
    tensor_step = tensor_training_step()
    if tensor_step is None:
        print("  tensor engine: NumPy not installed (pip install -e '.[tensor]')")
    else:
        tensor_time = per_call(tensor_step, 20)
        print(f"  {'  micrograd.tensor, same step':<34} {tensor_time * 1e3:>12.2f} {'':>12}  ms"
              f"        ({ours / tensor_time:.0f}x faster than the scalar step)")

    (run_ours, ops), (run_theirs, _) = wide_graph(micrograd), wide_graph(closure_engine)
    row("forward+backward per operation", per_call(run_ours, 3) / ops * 1e6,
        per_call(run_theirs, 3) / ops * 1e6, "µs", "{:.2f}")
    row("memory per product node", bytes_per_node(micrograd), bytes_per_node(closure_engine),
        "bytes", "{:.0f}")
    deep_ours, deep_theirs = deepest_chain(micrograd), deepest_chain(closure_engine)
    print(f"  {'deepest chain differentiated':<34} {deep_ours:>12,} {deep_theirs:>12,}  nodes"
          f"    (tried up to {CHAIN_LIMIT:,}; recursion limit {sys.getrecursionlimit()})")

    per_op_torch = torch_wide_graph()
    if per_op_torch is None:
        print("  PyTorch scalar graph: torch not installed (pip install torch==2.13.0)")
    else:
        print(f"  {'PyTorch 0-d tensors, per operation':<34} {per_op_torch * 1e6:>12.2f}"
              f" {'':>12}  µs")

    print(f"  seeded training bit-for-bit identical in two fresh processes: "
          f"{'yes' if seeded_runs_identical() else 'NO'}")


if __name__ == "__main__":
    main()
