"""The files the book's Run buttons install: wheels made the same way every time, that import."""

import sys
import zipfile

import run_in_page
from docutils import nodes


def test_a_wheel_is_the_same_file_each_time_it_is_written(tmp_path):
    files = run_in_page.package_files(run_in_page.ROOT / "micrograd", "micrograd")
    first, second = tmp_path / "a.whl", tmp_path / "b.whl"
    run_in_page.write_wheel(first, "micrograd", "1.0.0", files)
    run_in_page.write_wheel(second, "micrograd", "1.0.0", files)
    assert first.read_bytes() == second.read_bytes()


def test_the_package_wheel_holds_the_package_and_imports(tmp_path, monkeypatch):
    files = run_in_page.package_files(run_in_page.ROOT / "micrograd", "micrograd")
    wheel = tmp_path / "micrograd-1.0.0-py3-none-any.whl"
    run_in_page.write_wheel(wheel, "micrograd", "1.0.0", files)
    names = zipfile.ZipFile(wheel).namelist()
    assert "micrograd/engine.py" in names and "micrograd-1.0.0.dist-info/RECORD" in names
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    for name in [m for m in sys.modules if m == "micrograd" or m.startswith("micrograd.")]:
        monkeypatch.delitem(sys.modules, name)
    import micrograd

    assert micrograd.__file__.startswith(str(tmp_path))
    assert (micrograd.Value(2.0) * 3).data == 6.0


def test_a_module_is_missing_in_the_page_when_it_or_what_it_imports_is_not_shipped():
    assert run_in_page.missing_module("micrograd") is None
    assert run_in_page.missing_module("benchmarks.closure_engine") is None
    assert run_in_page.missing_module("micrograd.tensor") == "numpy"
    assert run_in_page.missing_module("torch.nn") == "torch"


def needs_of(*examples):
    """What the build marks each of a page's doctest blocks as needing, in order."""
    page = nodes.section()
    for example in examples:
        page += nodes.literal_block(example, example, testnodetype="doctest")
    return [block["needs"] for block in run_in_page.page_examples(page, "")["blocks"]]


def test_only_a_block_that_reads_a_torch_blocks_name_needs_torch():
    torch_block = ">>> import torch\n>>> x = torch.tensor(2.0)\n>>> t = x.tanh()\n"
    assert needs_of(
        torch_block,
        ">>> t.item()\n0.96\n",  # reads t, which only the torch block made
        ">>> def my_tanh(x):\n...     return x.tanh()\n",  # x is the function's own
        ">>> [x * 2 for x in range(3)]\n[0, 2, 4]\n",  # x is the comprehension's own
        ">>> x = Value(2.0)\n>>> x.data\n2.0\n",  # assigned here before it is read
        ">>> x.grad\n0.0\n",  # x is now the Value of the block above
    ) == ["torch", "torch", None, None, None, None]
