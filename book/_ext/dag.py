"""The ``dag`` directive: a computation-graph figure drawn at build time from live objects.

Its body is Python run with the package's names imported. The argument names
the variable to draw: a ``Value`` or ``Tensor`` (drawn by the package's ``draw_dot``), a
``graphviz.Digraph`` that ``draw_dot`` made earlier, or a list of these (a strip
of frames, left to right). Names defined by one ``dag`` body stay visible to
the later ones on the same page.

Each picture is an ``<img>`` whose alt text describes the graph node by node
(its accessible name), with its width and height (so the page does not jump
when it loads). It is shown at the column's width but never so small that its
text falls under ``SMALLEST_TEXT`` pixels: a wider graph scrolls sideways in
its own box, and a tap opens it full size::

    ```{dag} L
    :caption: The expression after ``L.backward()``.
    :name: fig-example

    a = Value(2.0, label="a")
    L = a * a; L.label = "L"
    L.backward()
    ```
"""

import html
import math
import re
import traceback

from docutils import nodes
from docutils.parsers.rst import directives
from graphviz import Digraph
from sphinx.ext.graphviz import GraphvizError, figure_wrapper, render_dot
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import micrograd
from micrograd.tensor import Tensor

RECORD = re.compile(r'^\s*(n\d+) \[label="\{ (.*?) \| data (\S+) \| grad (\S+) \}"', re.M)
TENSOR_RECORD = re.compile(
    r'^\s*(n\d+) \[label="\{ (.*?) \| shape (\(.*?\))'
    r'(?: \| (data .*?)(?: \| (grad .*?))?)? \}"', re.M)
OPERATION = re.compile(r'^\s*(n\d+)_op \[label=(?:"(.*?)"|(\w+))\]', re.M)
EDGE = re.compile(r"^\s*(n\d+) -> (n\d+)_op", re.M)
TITLE_LINE = re.compile(r'^\s*(?:\w+=\S+ )*label="((?:[^"\\]|\\.)*)"', re.M)  # graph's title
SHADED = re.compile(r"^\s*(n\d+) \[[^\n]*\bstyle=filled", re.M)
SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
FONT_SIZE = re.compile(r'font-size="([\d.]+)"')
SMALLEST_TEXT = 12  # CSS pixels: a picture never shows its node text smaller
TITLE = "Computation graph"

logger = logging.getLogger(__name__)


class dag_picture(nodes.General, nodes.Inline, nodes.Element):
    """One picture of a ``dag`` figure: DOT source, alt text and the page it is on."""


class DagDirective(SphinxDirective):
    has_content = True
    required_arguments = 1
    option_spec = {
        "caption": directives.unchanged_required,
        "name": directives.unchanged,
        "rankdir": lambda arg: directives.choice(arg.lower(), ("lr", "tb")).upper(),
        "edge-labels": directives.flag,
    }

    def run(self):
        namespace = self.env.temp_data.setdefault("dag_namespace", _fresh_namespace())
        source = "\n".join(self.content)
        try:
            exec(compile(source, f"<dag at {self.env.docname}:{self.lineno}>", "exec"), namespace)
        except Exception as error:
            raise self.error(f"dag: the body raised {type(error).__name__}: {error}\n"
                             + traceback.format_exc(limit=-1)) from error
        if not self.options.get("caption"):
            raise self.error("dag: every graph figure needs a :caption:")
        name = self.arguments[0]
        if name not in namespace:
            raise self.error(f"dag: the body does not define {name!r}")
        pictures = [self._picture(item) for item in _as_list(namespace[name])]
        strip = nodes.container("", *pictures, classes=["dag-strip"])
        figure = figure_wrapper(self, strip, self.options["caption"])
        figure["classes"].append("dag")
        figure["dag"] = {"source": source, "name": name, "rankdir": self.options.get("rankdir"),
                         "edge_labels": "edge-labels" in self.options}
        self.add_name(figure)
        return [figure]

    def _picture(self, item):
        rankdir = self.options.get("rankdir", "LR")
        if isinstance(item, (micrograd.Value, Tensor)):
            item = micrograd.draw_dot(item, rankdir=rankdir,
                                      edge_labels="edge-labels" in self.options)
        if not isinstance(item, Digraph):
            raise self.error(f"dag: cannot draw a {type(item).__name__}; "
                             "give a Value, a Tensor, a draw_dot() picture or a list of them")
        titled = item.copy()
        titled.name = TITLE  # the SVG's <title>; an unnamed graph is titled "%3"
        return dag_picture(code=titled.source, dot=item.source, docname=self.env.docname,
                           alt=alt_text(item.source))


def visit_dag_picture(self, node):
    """Write the picture as a link to the full-size SVG around an ``<img>``."""
    try:
        src, svg = render_dot(self, node["code"], {"docname": node["docname"]}, "svg")
    except GraphvizError as error:
        logger.warning(f"dag: dot failed: {error}", location=node)
        raise nodes.SkipNode from error
    text = svg.read_text()
    width_pt, height_pt = (float(pt) for pt in SIZE.search(text).groups())
    width, height = round(width_pt * 4 / 3), round(height_pt * 4 / 3)  # CSS pixels
    smallest_font = min(float(pt) for pt in FONT_SIZE.findall(text))
    narrowest = min(width, math.ceil(width_pt * SMALLEST_TEXT / smallest_font))
    src = html.escape(src.as_posix())
    self.body.append(
        f'<div class="graphviz dag-frame" style="--dag-min: {narrowest:.0f}px">'
        f'<a class="dag-link" href="{src}">'
        f'<img class="dag-picture" src="{src}" alt="{html.escape(node["alt"])}" '
        f'width="{width}" height="{height}" /></a></div>\n')
    raise nodes.SkipNode


def alt_text(dot_source):
    """Describe a ``draw_dot`` picture in words, node by node, for screen readers."""
    values = {name: (label or "a value", f"data {data}, grad {grad}")
              for name, label, data, grad in RECORD.findall(dot_source)}
    for name, label, shape, data, grad in TENSOR_RECORD.findall(dot_source):
        numbers = "".join(f", {field}" for field in (data, grad) if field)
        values[name] = (label or "a tensor", f"shape {shape}{numbers}")
    operations = {name: quoted or bare for name, quoted, bare in OPERATION.findall(dot_source)}
    inputs = {}
    for child, parent in EDGE.findall(dot_source):
        inputs.setdefault(parent, []).append(values[child][0])
    parts = []
    for name, (label, fields) in sorted(values.items(), key=lambda item: int(item[0][1:])):
        made = f" = {operations[name]} of {', '.join(inputs[name])}" if name in operations else ""
        parts.append(f"{label}{made}: {fields}")
    title = TITLE_LINE.search(dot_source)
    shaded = [values[name][0] for name in SHADED.findall(dot_source) if name in values]
    said = f"{title[1]}. " if title else ""
    if shaded:
        said += f"Shaded, as changed by this step: {', '.join(shaded)}. "
    return "Computation graph. " + said + "; ".join(parts) + "."


def _fresh_namespace():
    namespace = {"__name__": "dag"}
    exec("import random\nfrom micrograd import *", namespace)
    return namespace


def _as_list(item):
    return list(item) if isinstance(item, (list, tuple)) else [item]


def setup(app):
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(dag_picture, html=(visit_dag_picture, None))
    app.add_directive("dag", DagDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
