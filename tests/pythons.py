"""Run the package's tests and doctests on every CPython the package claims.

`make pythons` calls this. For each version it finds (installed by pyenv,
or on the PATH as ``python3.X``) it makes a virtual environment
``.venv-3.X``, installs the package with its extras and the pinned test tools
of pyproject.toml, and runs pytest on the package and on every test that needs
no part of the book's tool chain. A version that is not installed is reported
and counts as a failure, never skipped in silence. The Python that runs this
script is left out: ``make pytest`` has run everything on it already.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ["3.11", "3.12", "3.13"]
TOOLS = {"pytest", "hypothesis", "numpy", "graphviz"}  # what the package's tests import
BOOK_TESTS = ["tests/book_contract.py", "tests/test_book.py", "tests/test_examples.py",
              "tests/test_stages.py",
              "tests/test_run_in_page_build.py", "tests/test_packaging.py"]


def find_python(version):
    """The interpreter for ``version``: pyenv's newest 3.X, else python3.X on the PATH."""
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    installed = sorted(pyenv_root.glob(f"versions/{version}.*/bin/python{version}"),
                       key=lambda p: [int(n) for n in p.parts[-3].split(".") if n.isdigit()])
    if installed:
        return str(installed[-1])
    found = shutil.which(f"python{version}")
    if found and "shims" not in Path(found).parts:  # pyenv's shim of a version it lacks
        return found
    return None


def pinned_tools():
    """The test group's pins for the tools the package's tests need."""
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]
    return [pin for pin in groups["test"] if pin.split("=")[0].split(">")[0] in TOOLS]


def test_on(version, python):
    env = ROOT / f".venv-{version}"
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    if not (env / "bin" / "python").exists():
        subprocess.run([python, "-m", "venv", str(env)], check=True)
    subprocess.run(pip + ["-e", f"{ROOT}[draw,tensor]", *pinned_tools()], check=True)
    ignores = [f"--ignore={path}" for path in BOOK_TESTS]
    return subprocess.run([str(env / "bin" / "python"), "-m", "pytest", "-q", "-p",
                           "no:cacheprovider", *ignores], cwd=ROOT).returncode


def main():
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    print(f"CPython {here} runs the whole of `make pytest`; here, the others")
    failed = []
    for version in (v for v in VERSIONS if v != here):
        python = find_python(version)
        if python is None:
            print(f"CPython {version} is not installed: the package is NOT tested on it")
            failed.append(version)
            continue
        print(f"== the package's tests on CPython {version} ({python})", flush=True)
        if test_on(version, python) != 0:
            failed.append(version)
    if failed:
        sys.exit(f"The package's tests failed or did not run on CPython {', '.join(failed)}")
    print(f"The package's tests passed on every other CPython: {', '.join(VERSIONS)} all pass")


if __name__ == "__main__":
    main()
