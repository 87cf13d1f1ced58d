"""Each chapter as a Jupyter notebook, written into the HTML build.

For every chapter page the HTML build writes ``_sources/<page>.ipynb`` and
offers it in a line under the title.
The notebook follows the page: prose as Markdown cells (math as ``$...$``,
numbered equations with their numbers), each example as a code cell that
keeps the book's output as the cell's output, each graph picture as a cell
that draws it, and exercises with their solutions' code. A cell whose last
example shows a traceback is tagged ``raises-exception``. A block that the
book's doctests run only under a condition (``:skipif:``) keeps it in the
cells' metadata, ``{"book": {"skipif": "..."}}``.

Everything in a notebook is made from the page, in order, so two builds write
the same bytes: cell ids are numbered, and nothing records a time.
"""

import ast
import base64
import re
from pathlib import Path, PurePosixPath

import graphviz
import nbformat
from dag import dag_picture
from docutils import nodes
from examples import examples, is_example_block
from nbformat import v4
from sphinx.ext.doctest import doctestopt_re
from sphinx.ext.graphviz import graphviz as graphviz_node

# Jupyter prints results with IPython's pretty printer; the book shows repr(),
# as Python's prompt does.
SETUP = """\
# Results print as Python prints them, as in the book.
%config PlainTextFormatter.pprint = False"""

# A graph picture's code runs in a namespace of its own, as the dag directive runs it.
DRAW = """
# The code of a graph picture runs apart from the examples, as in the book:
# a cell that starts with `%%draw name` runs in a namespace of its own and draws `name`.
import micrograd
from IPython.display import display

_pictures = {}
exec("import random\\nfrom micrograd import *", _pictures)


def _draw(line, cell):
    name, *options = line.split()
    exec(cell, _pictures)
    shown = _pictures[name]
    for item in shown if isinstance(shown, (list, tuple)) else [shown]:
        if hasattr(item, "_prev"):  # a Value or a Tensor, not a picture drawn already
            item = micrograd.draw_dot(item, "TB" if "TB" in options else "LR",
                                      edge_labels="edge-labels" in options)
        display(item)


get_ipython().register_magic_function(_draw, "cell", "draw")"""

METADATA = {
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python"},
}


def notebook_name(docname):
    return f"{docname}.ipynb"


class NotebookWriter:
    """Turns a resolved page into notebook cells, walking the doctree in reading order."""

    def __init__(self, app, docname):
        self.app, self.docname = app, docname
        self.numbers = app.env.toc_fignumbers.get(docname, {})
        self.cells, self.markdown, self.attachments = [], [], {}

    def notebook(self, doctree):
        self.code(SETUP + (DRAW if any("dag" in figure for figure in doctree.findall(nodes.figure))
                           else ""))
        for child in doctree.children:
            self.block(child, level=0)
        self.flush()
        for number, cell in enumerate(self.cells, 1):
            cell["id"] = f"cell-{number}"
        return v4.new_notebook(cells=self.cells, metadata=METADATA)

    # -- cells ------------------------------------------------------------

    def flush(self):
        if self.markdown:
            cell = v4.new_markdown_cell("\n\n".join(self.markdown))
            if self.attachments:
                cell["attachments"] = self.attachments
            self.cells.append(cell)
        self.markdown, self.attachments = [], {}

    def code(self, source, outputs=(), tags=(), book=None):
        self.flush()
        cell = v4.new_code_cell(source, outputs=list(outputs))
        if tags:
            cell.metadata["tags"] = list(tags)
        if book:
            cell.metadata["book"] = book
        self.cells.append(cell)

    # -- block elements ---------------------------------------------------

    def block(self, node, level):
        if isinstance(node, nodes.section):
            for child in node.children:
                self.block(child, level + 1)
        elif isinstance(node, nodes.title):
            self.markdown.append("#" * level + " " + self.inline(node))
        elif isinstance(node, nodes.paragraph):
            self.markdown.append(self.inline(node))
        elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            self.markdown.append(self.listing(node))
        elif is_example_block(node):
            self.example_block(node)
        elif isinstance(node, nodes.literal_block):
            self.markdown.append(fenced(node))
        elif isinstance(node, nodes.container) and "literal-block-wrapper" in node["classes"]:
            caption = node.next_node(nodes.caption)
            self.markdown.append(f"*{self.inline(caption)}*\n\n" + fenced(node.next_node(
                nodes.literal_block)))
        elif isinstance(node, nodes.figure) and "dag" in node:
            self.dag(node)
        elif isinstance(node, nodes.figure):
            self.plot(node)
        elif isinstance(node, nodes.math_block):
            self.markdown.append(self.equation(node))
        elif isinstance(node, nodes.admonition):
            title = node.next_node(nodes.title)
            self.markdown.append(f"**{self.inline(title)}**")
            for child in node.children[1:]:
                self.block(child, level)
        elif isinstance(node, nodes.table):
            self.markdown.append(self.table(node))
        elif isinstance(node, nodes.block_quote):
            self.markdown.append("\n".join("> " + line for line in
                                           self.inline(node).split("\n")))
        elif isinstance(node, nodes.transition):
            self.markdown.append("---")
        elif isinstance(node, (nodes.target, nodes.comment, nodes.raw, graphviz_node, dag_picture,
                               nodes.substitution_definition, nodes.system_message)):
            pass
        elif isinstance(node, nodes.Element):
            for child in node.children:
                self.block(child, level)

    def example_block(self, node):
        """One code cell per run of examples, cut after each example that prints."""
        book = {"skipif": node["skipif"]} if node.get("skipif") else None
        sources = []
        for example in examples(node):
            sources.append(doctestopt_re.sub("", example.source).rstrip("\n"))
            if example.want or example.exc_msg:
                self.code("\n".join(sources), [output_of(example)],
                          ["raises-exception"] if example.exc_msg else (), book)
                sources = []
        if sources:
            self.code("\n".join(sources), book=book)

    def dag(self, figure):
        dag = figure["dag"]
        pictures = [node["dot"] for node in figure.findall(dag_picture)]
        outputs = [v4.new_output("display_data", {"image/svg+xml": svg(code)})
                   for code in pictures]
        self.markdown.append(f"*{self.caption(figure)}*")
        line = " ".join(filter(None, ["%%draw", dag["name"], dag["rankdir"],
                                      "edge-labels" if dag["edge_labels"] else None]))
        self.code(line + "\n" + dag["source"].rstrip("\n"), outputs)

    def plot(self, figure):
        caption = self.caption(figure)
        image = figure.next_node(nodes.image)
        path = Path(self.app.srcdir, image["candidates"].get("*", image["uri"])).resolve()
        if path.name.startswith("measured-") or not path.is_file():
            self.markdown.append(f"*{caption}* (The book's page shows this plot, drawn from "
                                 "timings measured while the book was built.)")
            return
        self.attachments[path.name] = {"image/png": base64.b64encode(path.read_bytes()).decode()}
        self.markdown.append(f"![{path.stem}](attachment:{path.name})\n\n*{caption}*")

    def caption(self, figure):
        caption = figure.next_node(nodes.caption)
        label = self.number("figure", figure)
        text = self.inline(caption) if caption else ""
        return f"Figure {label}: {text}" if label else text

    def number(self, kind, node):
        for node_id in node["ids"]:
            if node_id in self.numbers.get(kind, {}):
                return ".".join(map(str, self.numbers[kind][node_id]))
        return None

    def equation(self, node):
        number = self.number("displaymath", node) or node.get("number")
        tag = f"\n\\tag{{{number}}}" if number else ""
        return f"$$\n{node.astext().strip()}{tag}\n$$"

    def listing(self, node):
        items = []
        for index, item in enumerate(node.children, 1):
            marker = f"{index}." if isinstance(node, nodes.enumerated_list) else "-"
            text = "\n\n".join(self.inline(child) if isinstance(child, nodes.paragraph)
                               else self.listing(child) if isinstance(child, nodes.Sequential)
                               else self.inline(child) for child in item.children)
            items.append(marker + " " + text.replace("\n", "\n" + " " * (len(marker) + 1)))
        return "\n".join(items)

    def table(self, node):
        rows = [[self.inline(entry).replace("|", "\\|").replace("\n", " ")
                 for entry in row.findall(nodes.entry)] for row in node.findall(nodes.row)]
        head = len(list(node.findall(nodes.thead))) and 1
        if not head:
            rows.insert(0, [""] * len(rows[0]))
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * len(rows[0]))
        return "\n".join(lines)

    # -- inline elements --------------------------------------------------

    def inline(self, node):
        if isinstance(node, nodes.Text):
            return escape(node.astext())
        if isinstance(node, nodes.literal):
            return code_span(node.astext())
        if isinstance(node, nodes.math):
            return f"${node.astext()}$"
        inner = "".join(self.inline(child) for child in node.children)
        if isinstance(node, nodes.emphasis):
            return f"*{inner}*"
        if isinstance(node, nodes.strong):
            return f"**{inner}**"
        if isinstance(node, nodes.reference):
            return self.link(node, inner)
        return inner

    def link(self, node, text):
        uri = node.get("refuri", "")
        if re.match(r"https?://", uri):
            return f"[{text}]({uri})"
        page = uri.split("#")[0].removesuffix(".html")
        if page in self.app.env.all_docs and is_chapter(self.app, page):
            return f"[{text}]({notebook_name(PurePosixPath(page).name)})"
        return text


def output_of(example):
    if example.exc_msg:
        name, _, message = example.exc_msg.rstrip("\n").partition(":")
        traceback = example.want.rstrip("\n").split("\n")
        return v4.new_output("error", ename=name.rsplit(".", 1)[-1], evalue=message.strip(),
                             traceback=traceback)
    want = re.sub(r"(?m)^<BLANKLINE>$", "", example.want)
    if prints(example.source):
        return v4.new_output("stream", name="stdout", text=want)
    return v4.new_output("execute_result", {"text/plain": want.rstrip("\n")},
                         execution_count=None)


def prints(source):
    """Whether a statement's output is printed text, not the value of an expression."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return True
    last = tree.body[-1] if tree.body else None
    if not isinstance(last, ast.Expr):
        return True
    call = last.value
    return (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            and call.func.id == "print")


def svg(dot_source):
    return graphviz.Source(dot_source).pipe(format="svg", encoding="utf-8")


def fenced(node):
    language = node.get("language", "")
    language = "python" if language in ("default", "python3", "py") else language
    language = "" if language in ("none", "text") else language
    text = node.astext().rstrip("\n")
    fence = "```" if "```" not in text else "````"
    return f"{fence}{language}\n{text}\n{fence}"


def code_span(text):
    ticks = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def escape(text):
    """Plain text as Markdown: no character of it starts emphasis, math, code or HTML."""
    return re.sub(r"([\\`*$<\[\]])", r"\\\1", text)


def is_chapter(app, docname):
    return re.fullmatch(app.config.notebook_pages, docname) is not None


def write_notebook(app, doctree, docname):
    if app.builder.format != "html" or not is_chapter(app, docname):
        return
    notebook = NotebookWriter(app, docname).notebook(doctree)
    nbformat.validate(notebook)
    path = Path(app.outdir, "_sources", notebook_name(docname))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(notebook) + "\n")
    title = doctree.next_node(nodes.title)
    if title is not None:
        href = "../" * docname.count("/") + "_sources/" + notebook_name(docname)
        link = (f'<p class="notebook-download"><a href="{href}" download>'
                "Download this chapter as a Jupyter notebook</a> to run its examples "
                "in Jupyter.</p>\n")
        title.parent.insert(title.parent.index(title) + 1, nodes.raw("", link, format="html"))


def setup(app):
    app.add_config_value("notebook_pages", r"\d\d-[\w-]+", "html")
    app.connect("doctree-resolved", write_notebook)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
