"""``make bench``: the engines measured side by side, in one process, round by round.

Every figure is measured in this one run, on this machine, so only the ratios
travel well. The engines take turns: in each round every engine runs its
training step once untimed (so that the timed step cleans up after a step
before it, as in a training loop) and once timed, and the table shows the
median over the rounds and the spread from the fastest to the slowest round.
Taking turns means a busy moment of the machine slows every engine alike, and
the clock is the processor time of this process (``time.process_time``), so
other programs on a shared machine cost it little. Because that clock counts
every thread of the process, NumPy's BLAS gets one thread, as PyTorch does
(``steps._torch``): a second thread that spins while waiting, or waits for a
core that other programs hold, would be counted against the NumPy engines.
The last column counts the timed step's minor page faults: pages of memory
that the system had to hand the process (and clear) during the step, because
the memory allocator had given them back after the step before.
Run from the repository root: ``python benchmarks/run.py [rounds]``.
"""

import gc
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

for _threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")  # read when NumPy is first imported, below
sys.path.insert(0, str(Path(__file__).parent))

import closure_engine  # noqa: E402
import steps  # noqa: E402

import micrograd  # noqa: E402
from micrograd import topological_order, two_moons  # noqa: E402

CHAIN_LIMIT = 1_000_000  # the deepest chain tried
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 9
POINTS = (100, 1_000, 10_000)  # the batch sizes of the array tables


class Collections:
    """Counts the collector's runs and the time spent in them, through ``gc.callbacks``."""

    def __init__(self):
        self.runs, self.seconds, self._since = 0, 0.0, 0.0

    def __call__(self, phase, info):
        if phase == "start":
            self._since = time.process_time()
        else:
            self.runs += 1
            self.seconds += time.process_time() - self._since


def page_faults():
    """Minor page faults of this process so far: each is a page of memory the system handed over."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def side_by_side(engines, rounds=ROUNDS):
    """Time each step in turn, ``rounds`` times: {name: [(seconds, gc runs, gc s, faults)]}."""
    gc_watch = Collections()
    gc.callbacks.append(gc_watch)
    times = {name: [] for name in engines}
    try:
        for _ in range(rounds):
            for name, (step, gc_mode) in engines.items():
                gc.collect()  # the previous engine's garbage is not this one's to pay for
                step()
                if gc_mode == "off":
                    gc.disable()
                gc_watch.runs, gc_watch.seconds = 0, 0.0
                faults, start = page_faults(), time.process_time()
                step()
                elapsed, faults = time.process_time() - start, page_faults() - faults
                gc.enable()
                times[name].append((elapsed, gc_watch.runs, gc_watch.seconds, faults))
    finally:
        gc.callbacks.remove(gc_watch)
    return times


def summary(samples):
    """Median seconds, fastest and slowest seconds, and the medians of the other counts."""
    seconds, runs, in_gc, faults = zip(*samples, strict=True)
    return (statistics.median(seconds), min(seconds), max(seconds),
            statistics.median(runs), statistics.median(in_gc), statistics.median(faults))


def print_table(title, times, reference):
    print(title)
    print(f"  {'':<40} {'median':>9} {'fastest–slowest':>17}  {'× ' + reference:>12}"
          f" {'GC runs':>8} {'in GC':>6} {'page faults':>12}")
    ref = statistics.median(s for s, *_ in times[reference])
    for name, samples in times.items():
        median, fastest, slowest, runs, in_gc, faults = summary(samples)
        print(f"  {name:<40} {fmt_ms(median):>9} {fmt_ms(fastest) + '–' + fmt_ms(slowest):>17}"
              f"  {median / ref:>11.2f}x {runs:>8g} {in_gc / median:>6.0%} {faults:>12,.0f}")


def fmt_ms(seconds):
    ms = seconds * 1e3
    return f"{ms:.0f} ms" if ms >= 100 else f"{ms:.3g} ms"


def moons_engines(X, Y):
    """The step of every engine on one data set, for ``side_by_side``, installed ones only."""
    builders = [
        ("micrograd (scalar Values)", steps.micrograd_step, "on"),
        ("micrograd, collector off", steps.micrograd_step, "off"),
        ("floor of this design (same graph)", steps.floor_step, "on"),
        ("closures (the lecture's design)", steps.closure_step, "on"),
        ("closures, collector off", steps.closure_step, "off"),
        ("PyTorch, a 0-d tensor per number", steps.torch_scalar_step, "on"),
        ("micrograd.tensor (arrays)", steps.tensor_step, "on"),
        ("PyTorch tensors", steps.torch_tensor_step, "on"),
        ("NumPy by hand (no graph)", steps.numpy_step, "on"),
    ]
    engines = {}
    for name, build, gc_mode in builders:
        step = build(X, Y)
        if step is not None:
            engines[name] = (step, gc_mode)
    return engines


def array_engines(X, Y):
    builders = [("micrograd.tensor", steps.tensor_step),
                ("PyTorch tensors", steps.torch_tensor_step), ("NumPy by hand", steps.numpy_step)]
    return {name: (step, "on") for name, build in builders if (step := build(X, Y)) is not None}


def array_table(n):
    """Print the array engines' table on ``n`` points.

    ``main`` runs it in a fresh process for each ``n``, as a user's training
    script would run: how often ``malloc`` hands memory back to the system,
    and so how many page faults a step of big arrays pays, depends on what
    the process has allocated and freed before, and the earlier tables would
    otherwise have set that up for these ones.
    """
    X, Y = two_moons(n, noise=0.1, seed=1)
    engines = array_engines(X, Y)
    if len(engines) > 1:
        gc.collect()
        gc.freeze()
        print_table(f"The same step on {n:,} points, whole arrays, in a fresh process",
                    side_by_side(engines), "micrograd.tensor")
    sys.stdout.flush()


def pairwise_sum(values):
    """Add values as a balanced tree, so a wide sum is not a deep chain: n - 1 additions."""
    while len(values) > 1:
        pairs = [values[i] + values[i + 1] for i in range(0, len(values) - 1, 2)]
        values = pairs + values[2 * len(pairs):]  # an odd one out waits for the next round
    return values[0]


def per_call(fn, calls=3):
    """Median seconds of ``fn()`` over ``calls`` calls in a row, after one warm-up call."""
    gc.collect()
    fn()
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
    print(f"micrograd benchmarks — CPython {platform.python_version()}, {platform.machine()}, "
          f"collector thresholds {gc.get_threshold()}, {ROUNDS} rounds")
    X, Y = two_moons(100, noise=0.1, seed=1)
    graph = steps.micrograd_step(X, Y)()
    nodes = topological_order(graph)
    edges = sum(len(node._prev) for node in nodes)
    engines = moons_engines(X, Y)
    gc.collect()
    gc.freeze()  # the interpreter's, the libraries' and the models' objects: set aside
    times = side_by_side(engines)
    print_table(f"Two-moons training step, 100 points, MLP(2, [16, 16, 1]): "
                f"our graph has {len(nodes):,} nodes and {edges:,} edges",
                times, "micrograd (scalar Values)")
    ours = statistics.median(s for s, *_ in times["micrograd (scalar Values)"])
    floor = statistics.median(s for s, *_ in times["floor of this design (same graph)"])
    closures = statistics.median(s for s, *_ in times["closures (the lecture's design)"])
    print(f"  ours is {closures / ours:.1f}x faster than the closure design "
          f"and {ours / floor:.2f}x the floor of its own design")

    gc.unfreeze()
    for n in POINTS:  # each in a fresh process: see array_table
        sys.stdout.flush()
        subprocess.run([sys.executable, __file__, str(ROUNDS), "--points", str(n)], check=True)

    print("Per operation, memory, depth and reproducibility (scalar engines)")
    print(f"  {'':<34} {'micrograd':>12} {'closures':>12}  {'unit':<8} {'ratio':>8}")
    (run_ours, ops), (run_theirs, _) = wide_graph(micrograd), wide_graph(closure_engine)
    row("forward+backward per operation", per_call(run_ours) / ops * 1e6,
        per_call(run_theirs) / ops * 1e6, "µs", "{:.2f}")
    row("memory per product node", bytes_per_node(micrograd), bytes_per_node(closure_engine),
        "bytes", "{:.0f}")
    deep_ours, deep_theirs = deepest_chain(micrograd), deepest_chain(closure_engine)
    print(f"  {'deepest chain differentiated':<34} {deep_ours:>12,} {deep_theirs:>12,}  nodes"
          f"    (tried up to {CHAIN_LIMIT:,}; recursion limit {sys.getrecursionlimit()})")
    per_op_torch = torch_wide_graph()
    if per_op_torch is None:
        print("  PyTorch rows: torch not installed (pip install torch==2.13.0)")
    else:
        print(f"  {'PyTorch 0-d tensors, per operation':<34} {per_op_torch * 1e6:>12.2f}"
              f" {'':>12}  µs")
    print(f"  seeded training bit-for-bit identical in two fresh processes: "
          f"{'yes' if seeded_runs_identical() else 'NO'}")


if __name__ == "__main__":
    if "--points" in sys.argv:
        array_table(int(sys.argv[sys.argv.index("--points") + 1]))
    else:
        main()
