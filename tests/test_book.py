"""The book's contract: listings come from the package, examples run, pictures are live."""

import ast
import html
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from book_contract import (
    BOOK,
    PACKAGE,
    ROOT,
    Block,
    blocks,
    chapters,
    coverage,
    definitions,
    literalincludes,
    own_lines,
    shown_lines,
)
from sphinx.cmd.build import build_main

from micrograd import Value, draw_dot

PACKAGE_CLASSES = {name for module in PACKAGE.glob("*.py") for name in definitions(module)
                   if "." not in name and name[0].isupper()}
PACKAGE_NAMES = {name.split(".")[-1] for module in PACKAGE.glob("*.py")
                 for name in definitions(module)} - {"__init__", "__call__", "__repr__"}
TOP_LEVEL_NAMES = {name for module in PACKAGE.glob("*.py") for name in definitions(module)
                   if "." not in name}
RUNNABLE = {"doctest", "testcode", "testoutput", "testsetup", "testcleanup"}


def pasted_definitions(block):
    """Package classes or functions that a non-listing block defines itself."""
    found, current_class = [], None
    for line in block.body:
        line = re.sub(r"^\s*(>>>|\.\.\.) ?", "", line)
        match = re.match(r"^(\s*)(class|def)\s+(\w+)\W*(\w*)", line)
        if not match:
            continue
        indent, kind, name, first = match.groups()
        if kind == "class" and not indent:
            current_class = name
            if name in PACKAGE_CLASSES:
                found.append(name)
        elif kind == "def" and name in PACKAGE_NAMES and (
                current_class in PACKAGE_CLASSES if indent
                else name in TOP_LEVEL_NAMES or first == "self"):  # a method, pasted bare
            found.append(name)
    return found


def all_blocks():
    return [block for page in chapters() for block in blocks(page)]


def where(block):
    return f"{block.path.relative_to(ROOT)}:{block.line}"


def test_no_package_code_is_pasted_into_the_book():
    pasted = [f"{where(b)} defines {name}" for b in all_blocks()
              if b.directive != "literalinclude" for name in pasted_definitions(b)]
    assert not pasted, "show the package's code with literalinclude instead:\n" + "\n".join(pasted)


def test_the_pasted_code_check_catches_a_pasted_class():
    block = Block(BOOK / "x.md", 1, "python", ["class Value:", "    def __add__(self, o):"])
    assert pasted_definitions(block) == ["Value", "__add__"]
    renamed = Block(BOOK / "x.md", 1, "{doctest}", [">>> class Buggy(Value):",
                                                    "...     def __add__(self, o):"])
    assert pasted_definitions(renamed) == []


def test_every_literalinclude_target_exists():
    missing = []
    for block, target, pyobject in literalincludes():
        if not target.is_file():
            missing.append(f"{where(block)}: no file {target.relative_to(ROOT)}")
        elif pyobject and pyobject not in definitions(target):
            missing.append(f"{where(block)}: no {pyobject} in {target.relative_to(ROOT)}")
    assert not missing, "\n".join(missing)


def test_package_listings_name_an_object():
    whole_files = [where(block) for block, target, pyobject in literalincludes()
                   if PACKAGE in target.parents and not pyobject]
    assert not whole_files, "list a method, function or class with :pyobject:"


def test_no_unrun_examples():
    """A ``>>>`` example outside a doctest block would never be checked."""
    unrun = [where(b) for b in all_blocks()
             if b.directive not in RUNNABLE and b.directive is None
             and any(line.lstrip().startswith(">>>") for line in b.body)]
    assert not unrun, "use a {doctest} block for these examples:\n" + "\n".join(unrun)


def test_every_display_equation_is_labelled():
    """Unlabelled equations get random anchors, which makes two builds differ."""
    unlabelled = []
    for page in chapters():
        opened = None
        for number, line in enumerate(page.read_text().splitlines(), 1):
            if not line.startswith("$$"):
                continue
            if opened is None and line.strip() == "$$":
                opened = number
            elif opened is not None:
                if not re.fullmatch(r"\$\$\s*\([\w:-]+\)\s*", line):
                    unlabelled.append(f"{page.relative_to(ROOT)}:{opened}")
                opened = None
    assert not unlabelled, "label these equations: $$ ... $$ (label)\n" + "\n".join(unlabelled)


def toctree_entries():
    entries = set()
    for page in chapters():
        for block in blocks(page):
            if block.directive == "toctree":
                folder = page.parent.relative_to(BOOK)
                entries |= {(folder / line.strip()).as_posix().removeprefix("./")
                            for line in block.body
                            if line.strip() and not line.strip().startswith(":")}
    return entries


def test_every_chapter_is_in_the_table_of_contents():
    pages = {p.relative_to(BOOK).with_suffix("").as_posix() for p in chapters()} - {"index"}
    assert pages - toctree_entries() == set()


@pytest.mark.parametrize("module", ["engine", "nn"])
def test_the_book_shows_every_definition_of_the_engine_and_nn(module):
    shown, missing = coverage()[module]
    assert shown and not missing, f"not shown as a listing: {missing}"


def test_listing_coverage_is_computed_from_the_book():
    report = coverage()
    assert "engine" in report and "nn" in report
    shown, missing = report["engine"]
    assert "Value._backward" in shown  # how-to-read shows it
    assert set(shown).isdisjoint(missing)


def test_coverage_counts_the_lines_a_listing_really_shows():
    module = PACKAGE / "tensor.py"
    own = dict(own_lines(module))

    def listing(*options):
        return shown_lines(Block(BOOK / "x.md", 1, "{literalinclude} ../micrograd/tensor.py",
                                 list(options)), module)

    setter = listing(":pyobject: Tensor.grad")  # Sphinx picks the last definition of the name
    assert own["Tensor.grad (setter)"] <= setter and not own["Tensor.grad"] & setter
    getter = listing(":pyobject: Tensor", ":start-at: def grad(self):",
                     ':end-before: "@grad.setter"')
    assert own["Tensor.grad"] <= getter and not own["Tensor.grad (setter)"] & getter
    header = listing(":pyobject: Tensor", ":end-before: def __init__")
    assert own["Tensor"] <= header and not own["Tensor.__init__"] & header


def test_alt_text_describes_every_node():
    from dag import alt_text
    a = Value(2.0, label="a")
    b = a * 3
    b.label = "b"
    b.backward()
    text = alt_text(draw_dot(b).source)
    assert "a: data 2.0000, grad 3.0000" in text
    assert "b = * of a, a value: data 6.0000, grad 1.0000" in text


def test_alt_text_of_a_frame_carries_its_title_and_its_shaded_boxes():
    from dag import alt_text
    a = Value(2.0, label="a")
    b = a * 3
    b.label = "b"
    picture = draw_dot(b)
    picture.attr(label="b._backward(): a.grad = 3", labelloc="t")
    picture.node("n0", style="filled", fillcolor="#fde9a9")
    text = alt_text(picture.source)
    assert text.startswith("Computation graph. b._backward(): a.grad = 3. "
                           "Shaded, as changed by this step: a. a: data")
    assert "Shaded" not in alt_text(draw_dot(b).source)


def test_alt_text_names_word_operations_and_describes_tensors():
    from dag import alt_text

    from micrograd.tensor import Tensor
    w = Tensor([[1.0, 2.0]], label="w", requires_grad=True)
    out = w.tanh().sum()
    out.label = "out"
    text = alt_text(draw_dot(out).source)
    assert "w: shape (1, 2), data [[1, 2]], grad [[0, 0]]" in text
    assert "a tensor = tanh of w" in text
    assert "out = sum of a tensor: shape ()" in text


@pytest.fixture(scope="module")
def mini_book(tmp_path_factory):
    """A small book built with the real configuration: the API page and two figures."""
    src = tmp_path_factory.mktemp("book") / "book"
    src.mkdir()
    shutil.copytree(PACKAGE, src.parent / "micrograd")
    shutil.copy(BOOK / "api.md", src / "api.md")
    (src / "index.md").write_text(textwrap.dedent("""\
        # Mini book

        ```{toctree}
        api
        figures
        ```
        """))
    (src / "figures.md").write_text(textwrap.dedent("""\
        # Figures

        The slope of $y = x^2$:

        $$
        y' = 2x
        $$ (eq-mini)

        ```{literalinclude} ../micrograd/engine.py
        :pyobject: Value.backward
        ```

        ```{dag} d
        :caption: A known expression.
        :name: fig-known

        a = Value(2.0, label="a")
        b = Value(-3.0, label="b")
        d = a * b + 10; d.label = "d"
        d.backward()
        ```

        ```{dag} frames
        :caption: Two frames.
        :rankdir: TB

        frames = [a, d]
        ```

        ```{eval-rst}
        .. plot::
           :caption: A rising line.

           plt.plot([0, 1], [0, 1])
        ```

        ```{eval-rst}
        .. plot::
           :caption: A falling line.

           plt.plot([0, 1], [1, 0])
        ```
        """))
    out = src / "_out"
    status = build_main(["-c", str(ROOT), "-W", "-n", "-q", "-b", "html", str(src), str(out)])
    return status, out


def test_mini_book_builds_strictly(mini_book):
    status, _ = mini_book
    assert status == 0


def test_dag_directive_draws_data_and_grad_into_svg(mini_book):
    _, out = mini_book
    svgs = [html.unescape(p.read_text()) for p in (out / "_images").glob("*.svg")]
    known = [svg for svg in svgs if "data 4.0000" in svg]
    assert known, "no SVG shows d = 2 * -3 + 10 = 4"
    assert "grad -3.0000" in known[0] and "grad 1.0000" in known[0]  # a.grad and d.grad
    page = (out / "figures.html").read_text()
    assert 'id="fig-known"' in page and "Figure 1" in page
    assert page.count('class="dag-picture"') == 3
    assert 'alt="Computation graph. a: data 2.0000, grad -3.0000;' in page  # its accessible name
    assert not [svg for svg in svgs if "<title>%3</title>" in svg]



def test_dag_rankdir_option_accepts_both_directions():
    from dag import DagDirective
    rankdir = DagDirective.option_spec["rankdir"]
    assert (rankdir("TB"), rankdir("lr")) == ("TB", "LR")


def test_two_plots_on_a_page_get_two_files(mini_book):
    _, out = mini_book
    page = (out / "figures.html").read_text()
    images = re.findall(r'<img[^>]+class="[^"]*book-plot[^"]*"[^>]* '
                        r'src="(_images/figures-plot\d\.png)"', page)
    assert images == ["_images/figures-plot1.png", "_images/figures-plot2.png"]
    assert (out / images[0]).read_bytes() != (out / images[1]).read_bytes()


def test_listing_caption_names_and_links_its_source(mini_book):
    _, out = mini_book
    page = (out / "figures.html").read_text()
    assert ('<a class="reference internal" href="_modules/micrograd/engine.html#Value.backward">'
            "micrograd/engine.py › Value.backward</a>") in page
    assert 'id="Value.backward"' in (out / "_modules" / "micrograd" / "engine.html").read_text()


def test_equations_are_typeset_at_build_time_and_render_offline(mini_book):
    """KaTeX's HTML is in the page; its style sheet and fonts come from the book itself."""
    _, out = mini_book
    page = (out / "figures.html").read_text()
    assert not re.search(r"<script[^>]*mathjax", page, re.IGNORECASE)
    assert 'id="equation-eq-mini"' in page and 'class="katex-display"' in page
    sheets = re.findall(r'<link[^>]+href="([^"]*katex[^"]*)"', page)
    assert sheets and not sheets[0].startswith(("http:", "https:", "//"))
    css = (out / sheets[0].split("?")[0]).read_text()
    fonts = re.findall(r"url\(([^)]+)\)", css)
    assert fonts and all(f.endswith(".woff2") for f in fonts)
    assert all((out / "_static" / "katex" / font).is_file() for font in fonts)


def test_a_formula_katex_cannot_read_names_its_page():
    from katex_math import render

    with pytest.raises(Exception, match=r"chapter-x: KaTeX cannot typeset.*\\frac\{1\}"):
        render([[r"\frac{1}", True]], "chapter-x")


def test_api_reference_lists_the_package(mini_book):
    _, out = mini_book
    page = (out / "api.html").read_text()
    for name in ["micrograd.engine.Value", "micrograd.engine.Value.backward",
                 "micrograd.nn.MLP", "micrograd.nn.Neuron", "micrograd.optim.SGD",
                 "micrograd.draw.draw_dot", "micrograd.losses.max_margin_loss"]:
        assert f'id="{name}"' in page, name


def test_api_signatures_show_only_public_arguments(mini_book):
    _, out = mini_book
    page = html.unescape(re.sub(r"<[^>]+>", "", (out / "api.html").read_text()))
    assert "micrograd.engine.Value(data, label='')" in page
    assert "_children" not in page and "_local_grads" not in page


def test_api_page_has_a_section_per_module(mini_book):
    _, out = mini_book
    page = (out / "api.html").read_text()
    for module in ["engine", "graph", "nn", "losses", "optim", "data", "gradcheck", "draw",
                   "tensor"]:
        assert f"<h2>micrograd.{module}<" in page, module


def test_module_docstrings_link_the_chapters_they_name():
    from apidocs import link_chapters

    class App:
        srcdir = BOOK

    lines = ['Taught in the chapters "A neuron" and', '"Layers and the MLP". Then "more".']
    link_chapters(App, "module", "micrograd.nn", None, {}, lines)
    assert lines == ["Taught in the chapters :doc:`A neuron </06-neuron>` and",
                     ':doc:`Layers and the MLP </07-mlp>`. Then "more".']


def test_plot_text_is_measured_at_a_phone_s_width():
    import matplotlib.pyplot as plt
    from plots import PHONE_COLUMN, smallest_text_on_a_phone
    figure = plt.figure(figsize=(5, 3))
    figure.text(0.5, 0.5, "label", fontsize=11)
    figure.text(0.5, 0.2, "tiny", fontsize=6)
    assert smallest_text_on_a_phone(figure) == 6 / 72 / 5 * PHONE_COLUMN
    plt.close(figure)


def test_plots_get_their_caption_as_alt_text_and_their_size(mini_book):
    _, out = mini_book
    page = (out / "figures.html").read_text()
    assert '<img alt="Plot: A rising line." class="plot-directive book-plot" height="432"' in page


def test_a_failing_dag_body_names_the_chapter_and_line(tmp_path, capsys):
    (tmp_path / "index.md").write_text("# Broken\n\n```{dag} x\n:caption: Bad.\n\nx = 1 / 0\n```\n")
    status = build_main(["-c", str(ROOT), "-W", "-q", "-b", "html", str(tmp_path),
                         str(tmp_path / "_out")])
    assert status != 0
    err = capsys.readouterr().err
    assert "index.md:3" in err and "ZeroDivisionError" in err


def test_package_modules_say_which_chapter_teaches_them():
    for module in PACKAGE.glob("*.py"):
        doc = ast.get_docstring(ast.parse(module.read_text())) or ""
        if module.name != "__init__.py":
            assert "chapter" in doc.lower(), f"{module.name}: name the chapter in the docstring"


def test_every_public_function_has_a_doctest_example():
    """Each public function, class and method shows an example (a method may be
    shown in its class's example instead)."""
    missing = []
    for module in PACKAGE.glob("*.py"):
        for node in ast.parse(module.read_text()).body:
            if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) or node.name[0] == "_":
                continue
            class_doc = ast.get_docstring(node) or ""
            if ">>>" not in class_doc:
                missing.append(f"{module.name}:{node.lineno} {node.name}")
            for method in node.body if isinstance(node, ast.ClassDef) else []:
                if (isinstance(method, ast.FunctionDef) and method.name[0] != "_"
                        and ">>>" not in (ast.get_docstring(method) or "")
                        and f".{method.name}(" not in class_doc):
                    missing.append(f"{module.name}:{method.lineno} {node.name}.{method.name}")
    assert not missing, "\n".join(missing)


def test_book_sources_name_no_machine_paths():
    for path in [*chapters(), *ROOT.glob("*.md"), ROOT / "conf.py"]:
        text = path.read_text()
        assert not re.search(r"/(tmp|home|root|work)/", text), path
    assert Path(ROOT / "README.md").exists()


def test_readme_example_runs_and_prints_what_it_says(capsys):
    readme = (ROOT / "README.md").read_text()
    code = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    promised = re.search(r"print\(y\.data, x\.grad\)\s+# (.*)", code).group(1)
    assert capsys.readouterr().out.strip() == promised
