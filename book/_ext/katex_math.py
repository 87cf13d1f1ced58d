"""The book's equations, typeset while it is built: KaTeX, under Node, turns every
``$...$`` and ``$$...$$`` into HTML, so that a page shows its math with a style
sheet and fonts, and no script.

Each page's formulas go to Node in one call (``katex-render.js`` beside this
file) when its doctree is resolved; a formula KaTeX cannot read stops the build
with KaTeX's message and the page's name. The build copies KaTeX's style sheet
and its woff2 fonts (which every browser the book supports reads) into
``_static/katex/``.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number

ROOT = Path(__file__).resolve().parents[2]
KATEX = ROOT / "node_modules" / "katex" / "dist"
RENDER = Path(__file__).with_name("katex-render.js")
OUT = "_static/katex"
# KaTeX's HTML for each (tex, display) pair met so far in this build.
TYPESET = {}


def display_tex(node):
    """The TeX of a displayed equation: blank-line-separated parts, or a part
    with ``\\\\`` line breaks, are aligned (as MathJax's renderer in Sphinx does)."""
    if node.get("nowrap"):
        return node.astext()
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    if len(parts) == 1 and r"\\" not in parts[0]:
        return parts[0]
    return r"\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}"


def render(formulas, where):
    """KaTeX's HTML for each ``(tex, display)`` pair."""
    result = subprocess.run(["node", str(RENDER)], input=json.dumps(formulas),
                            capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode:
        raise ExtensionError(f"{where}: KaTeX cannot typeset a formula: {result.stderr.strip()}")
    return json.loads(result.stdout)


def formula(node):
    if isinstance(node, nodes.math):
        return node.astext(), False
    return display_tex(node), True


def typeset(app, doctree, docname):
    """Typeset the page's formulas in one call to Node."""
    if app.builder.format != "html":
        return
    found = doctree.findall(lambda node: isinstance(node, nodes.math | nodes.math_block))
    new = sorted({formula(node) for node in found} - TYPESET.keys())
    TYPESET.update(zip(new, render(new, docname), strict=True))


def katex_html(node, where):
    """The node's HTML; a formula outside the page's body (a title shown in the
    next page's link, say) is typeset when it is first met."""
    key = formula(node)
    if key not in TYPESET:
        TYPESET[key] = render([key], where)[0]
    return TYPESET[key]


def visit_math(self, node):
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(katex_html(node, self.builder.current_docname) + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node):
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    if node["number"]:
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(katex_html(node, self.builder.current_docname) + "</div>\n")
    raise nodes.SkipNode


def copy_katex(app, exception):
    """KaTeX's style sheet, naming only the woff2 fonts, and those fonts."""
    if exception or app.builder.format != "html":
        return
    if not (KATEX / "katex.min.css").is_file():
        raise ExtensionError(f"math: {KATEX} is missing; run `npm ci` (make does)")
    out = Path(app.outdir, OUT)
    (out / "fonts").mkdir(parents=True, exist_ok=True)
    css = (KATEX / "katex.min.css").read_text()
    css = re.sub(r',url\([^)]*\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)', "", css)
    (out / "katex.min.css").write_text(css)
    for font in sorted((KATEX / "fonts").glob("*.woff2")):
        shutil.copyfile(font, out / "fonts" / font.name)


def setup(app):
    app.add_html_math_renderer("katex", (visit_math, None), (visit_displaymath, None))
    app.add_css_file("katex/katex.min.css")
    app.connect("doctree-resolved", typeset)
    app.connect("build-finished", copy_katex)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
