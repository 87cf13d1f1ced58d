"""The package as its users get it: a wheel and an sdist, a core that needs only Python."""

import subprocess
import sys
import tarfile
import venv
from importlib import metadata
from pathlib import Path

import pytest

import micrograd

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The sdist and the wheel built from it, as `python -m build` makes them."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out),
                    str(ROOT)], check=True, capture_output=True)
    return out


def run(python, code):
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True,
                          cwd=Path(python).parent)


def test_the_version_is_the_distributions():
    assert micrograd.__version__ == metadata.version("micrograd-book")


@pytest.fixture(scope="module")
def clean_python(dist, tmp_path_factory):
    """A fresh virtual environment with the wheel installed and nothing else."""
    env = tmp_path_factory.mktemp("env")
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    wheel = next(dist.glob("micrograd_book-*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True)
    return python


def test_the_wheel_installs_alone_and_trains_with_nothing_but_python(clean_python):
    step = run(clean_python, """
import random, sys
import micrograd
from micrograd import MLP, SGD, max_margin_loss, two_moons
X, y = two_moons(20, seed=0)
model = MLP(2, [8, 1], rng=random.Random(0))
opt = SGD(model.parameters(), lr=0.1)
losses = []
for _ in range(3):
    loss = max_margin_loss([model(x) for x in X], y)
    opt.zero_grad(); loss.backward(); opt.step()
    losses.append(loss.data)
assert losses[-1] < losses[0], losses
print(micrograd.__version__, sorted(m for m in ("numpy", "graphviz") if m in sys.modules))
""")
    assert step.returncode == 0, step.stderr
    assert step.stdout.split() == [micrograd.__version__, "[]"]


def test_a_missing_extra_says_what_to_install(clean_python):
    draw = run(clean_python, "from micrograd import Value, draw_dot; draw_dot(Value(1.0))")
    assert "pip install 'micrograd-book[draw]'" in draw.stderr
    tensor = run(clean_python, "import micrograd.tensor")
    assert "pip install 'micrograd-book[tensor]'" in tensor.stderr


def test_the_sdist_holds_the_license_and_runs_its_own_doctests(dist, tmp_path):
    sdist = next(dist.glob("micrograd_book-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    root = next(tmp_path.glob("micrograd_book-*"))
    assert (root / "LICENSE").read_text().startswith("MIT License")
    assert not (root / "tests").exists()  # the repository's tests need the repository
    doctests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(root),
         "-c", "/dev/null", "--doctest-modules", "micrograd"],
        cwd=root, capture_output=True, text=True)
    assert doctests.returncode == 0, doctests.stdout[-2000:]
    assert " passed" in doctests.stdout
