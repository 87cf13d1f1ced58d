"""Run buttons: every example of a page runs in the reader's browser, offline.

Python there is Pyodide (CPython compiled to WebAssembly) from the npm
package that ``package.json`` pins, and graph pictures are redrawn by
``@viz-js/viz`` (Graphviz compiled to WebAssembly); the HTML build copies
both from ``node_modules`` into ``_static/run-in-page/``. The package reaches
the page as a wheel built here from ``micrograd/``, and ``graphviz`` (which
``draw_dot`` uses) as a wheel made from the installed package's own files.
Every zip is written with fixed dates and in a fixed order, so two builds
write the same bytes.

For each page the build writes ``_static/run-in-page/pages/<page>.json``: the
code of each example block, in reading order, and the body of each ``dag``
figure. ``run-in-page.js`` adds the buttons; it fetches that file and starts
Python, in a web worker (``run-in-page-worker.js``), only when the reader
first presses one of them.
"""

import ast
import doctest
import json
import shutil
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from docutils import nodes

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
OUT = "_static/run-in-page"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm",
                 "python_stdlib.zip", "pyodide-lock.json")
VIZ = "@viz-js/viz/dist/viz-global.js"
# Files of the repository (outside the package) that the book's examples
# read or import, put at the same paths in the page's Python.
EXAMPLE_FILES = ("benchmarks/closure_engine.py", "benchmarks/ablation.py",
                 "tests/reference/scalar_cases.py",
                 "tests/reference/scalar_torch.json")
IMPORT_ROOTS = (ROOT, ROOT / "tests" / "reference")
SHIPPED = {"micrograd", "graphviz", "benchmarks", "scalar_cases"}
# 1980-01-01, the earliest date a zip can hold: a wheel built today and
# tomorrow is the same file.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_parser = doctest.DocTestParser()


def example_blocks(doctree):
    """The page's ``{doctest}`` blocks, in reading order."""
    return [node for node in doctree.findall(nodes.literal_block)
            if node.get("testnodetype") == "doctest"]


def examples(node):
    """The ``doctest.Example`` objects of a block, with their ``# doctest:`` options."""
    return _parser.get_examples(node.get("test", node.astext()))


def block_code(node):
    """What a reader types from a block: the source of its ``>>>`` examples."""
    return "".join(example.source for example in examples(node))


def _names(code):
    r"""The top-level modules ``code`` imports, the page's names it reads, and the names it binds.

    A name is the page's when the code reads it before binding it: not a
    function's parameter or local (``x`` in ``def f(x)``), a comprehension's
    variable, or a name that an earlier line of the same code assigned.

    >>> modules, reads, binds = _names("def f(x):\n    return x * k\nx = 2\nprint(f(x))")
    >>> sorted(reads), sorted(binds)
    (['k', 'print'], ['f', 'x'])
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set(), set(), set()
    modules = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
               for alias in node.names}
    modules |= {node.module for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.level == 0}
    reads, binds = set(), set()
    for statement in tree.body:  # in order: a line reads what earlier lines left
        reads |= _reads(statement) - binds
        binds |= _binds(statement)
    return modules, reads, binds


SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda,
          ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _reads(node, local=frozenset()):
    """The names ``node`` reads that no function or comprehension around them binds."""
    if isinstance(node, ast.Name):
        return {node.id} - local if isinstance(node.ctx, ast.Load) else set()
    if isinstance(node, SCOPES):
        local = local | _locals(node)
    return set().union(*(_reads(child, local) for child in ast.iter_child_nodes(node)))


def _locals(scope):
    """The names a function, lambda or comprehension binds for itself: parameters too."""
    names = {arg.arg for arg in ast.walk(scope.args) if isinstance(arg, ast.arg)} \
        if hasattr(scope, "args") else set()
    for node in ast.walk(scope):
        if node is not scope:
            names |= _binds(node, nested=True)
    return names


def _binds(node, nested=False):
    """The names a statement binds in the namespace it runs in (not inside its functions)."""
    if isinstance(node, ast.Name):
        return {node.id} if not isinstance(node.ctx, ast.Load) else set()
    if isinstance(node, ast.Import | ast.ImportFrom):
        return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    names = {node.name} if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef
                                      | ast.ClassDef) else set()
    if nested or isinstance(node, SCOPES):
        return names
    return names.union(*(_binds(child) for child in ast.iter_child_nodes(node)))


def _imports_on_load(code):
    """The modules that importing ``code`` imports: its module-level imports only.

    An import inside a function runs only when the function is called, as
    NumPy in ``gradcheck.tensor_directional_check``; one inside a module-level
    ``try`` runs on load, as NumPy in ``micrograd.tensor``.
    """
    body = ast.parse(code).body
    body += [stmt for node in body if isinstance(node, ast.Try) for stmt in node.body]
    return {alias.name for node in body if isinstance(node, ast.Import) for alias in node.names} \
        | {node.module for node in body if isinstance(node, ast.ImportFrom) and node.level == 0}


def missing_module(module, seen=()):
    """The module that the page's Python lacks for ``import module``, or None.

    The page has the standard library, the package, ``graphviz`` and the
    example files; a shipped module is importable when all it imports is.

    >>> missing_module("micrograd"), missing_module("micrograd.tensor"), missing_module("torch")
    (None, 'numpy', 'torch')
    """
    top = module.split(".")[0]
    if top in sys.stdlib_module_names or module in seen:
        return None
    if top not in SHIPPED:
        return top
    for root in IMPORT_ROOTS:
        path = root.joinpath(*module.split("."))
        for source in (path.with_suffix(".py"), path / "__init__.py"):
            if source.is_file():
                for imported in _imports_on_load(source.read_text()):
                    lacking = missing_module(imported, (*seen, module))
                    if lacking:
                        return lacking
    return None


def page_examples(doctree, setup):
    """What ``run-in-page.js`` needs to know of a page: its blocks and its ``dag`` bodies.

    A block that imports a module the page's Python lacks, or reads a name
    that only such a block defines, is marked ``"needs"`` with that module,
    and gets a note instead of a Run button.
    """
    blocks, lacking_names = [], {}
    for node in example_blocks(doctree):
        code = block_code(node)
        modules, reads, binds = _names(code)
        needs = next(filter(None, map(missing_module, sorted(modules))), None)
        needs = needs or next((lacking_names[name] for name in sorted(reads)
                               if name in lacking_names), None)
        if "sys.setrecursionlimit(" in code:  # a deep recursion overflows the browser's stack
            needs = needs or "a deeper stack than a browser gives"
        for name in binds:
            if needs:
                lacking_names[name] = needs
            else:
                lacking_names.pop(name, None)
        blocks.append({"code": code, "needs": needs,
                       "expected": [[example.want, example.exc_msg, _flags(example)]
                                    for example in examples(node)]})
        node["classes"].append("run-example")
        if needs:  # no Run button: a note says where it runs, and the page loads nothing
            node["classes"].append("run-local-only")
            note = nodes.paragraph("", f"Runs in a local Python (needs {needs}).",
                                   classes=["run-local-note"])
            node.parent.insert(node.parent.index(node) + 1, note)
    dags = []
    for figure in doctree.findall(nodes.figure):
        if "dag" in figure["classes"] and figure.get("dag"):
            dag = figure["dag"]
            dags.append({"source": dag["source"], "name": dag["name"],
                         "rankdir": dag["rankdir"] or "LR"})
            figure["classes"].append("run-dag")
    return {"setup": setup, "blocks": blocks, "dags": dags}


def _flags(example):
    return sorted(name for name, flag in doctest.OPTIONFLAGS_BY_NAME.items()
                  if example.options.get(flag))


def write_page_examples(app, doctree, docname):
    if app.builder.format != "html":
        return
    data = page_examples(doctree, app.config.doctest_global_setup)
    if data["blocks"] or data["dags"]:
        _pages.add(docname)
        path = Path(app.outdir, OUT, "pages", f"{docname}.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")


_pages = set()


def add_page_examples_link(app, pagename, templatename, context, doctree):
    """Point ``run-in-page.js`` at the page's examples (pages without examples get none)."""
    if pagename in _pages:
        url = context["pathto"](f"{OUT}/pages/{pagename}.json", 1)
        context["metatags"] = context.get("metatags", "") + \
            f'\n<meta name="run-in-page" content="{url}">'


def write_wheel(path, name, version, files):
    """Write a pure-Python wheel of ``files`` (archive name -> bytes), always the same bytes."""
    tag = f"{name}-{version}.dist-info"
    files = dict(sorted(files.items()))
    files[f"{tag}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    files[f"{tag}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: micrograd-book\n"
                             b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    files[f"{tag}/RECORD"] = "".join(f"{n},,\n" for n in [*files, f"{tag}/RECORD"]).encode()
    write_zip(path, files)


def write_zip(path, files):
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(info, data)


def package_files(folder, prefix):
    return {f"{prefix}/{p.relative_to(folder).as_posix()}": p.read_bytes()
            for p in sorted(folder.rglob("*.py"))}


def copy_runtime(app, exception):
    """Copy Pyodide and Viz into the build and write the wheels the page installs."""
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir, OUT)
    missing = [f for f in (*(f"pyodide/{n}" for n in PYODIDE_FILES), VIZ)
               if not (NODE_MODULES / f).is_file()]
    if missing:
        raise RuntimeError(f"run_in_page: {NODE_MODULES / missing[0]} is missing; "
                           "run `npm ci` (make does) to install the book's JavaScript")
    for name in PYODIDE_FILES:
        _copy(NODE_MODULES / "pyodide" / name, out / "pyodide" / name)
    _copy(NODE_MODULES / VIZ, out / "viz-global.js")
    shutil.rmtree(out / "wheels", ignore_errors=True)  # only this build's wheels
    version = metadata.version("micrograd-book")
    write_wheel(out / "wheels" / f"micrograd_book-{version}-py3-none-any.whl", "micrograd_book",
                version, package_files(ROOT / "micrograd", "micrograd"))
    import graphviz

    version = metadata.version("graphviz")
    write_wheel(out / "wheels" / f"graphviz-{version}-py3-none-any.whl", "graphviz", version,
                package_files(Path(graphviz.__file__).parent, "graphviz"))
    write_zip(out / "example-files.zip", {name: (ROOT / name).read_bytes()
                                           for name in EXAMPLE_FILES})
    wheels = sorted(p.name for p in (out / "wheels").glob("*.whl"))
    (out / "wheels" / "index.json").write_text(json.dumps(wheels) + "\n")


def _copy(source, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.stat().st_size != source.stat().st_size \
            or target.read_bytes() != source.read_bytes():
        shutil.copyfile(source, target)


def setup(app):
    app.add_js_file("run-in-page.js", loading_method="defer")
    app.add_css_file("run-in-page.css")
    app.connect("doctree-resolved", write_page_examples)
    app.connect("html-page-context", add_page_examples_link)
    app.connect("build-finished", copy_runtime)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
