"""Sphinx configuration for micrograd, the book (sources in book/, built with -W -n)."""

import sys
from pathlib import Path

from matplotlib.sphinxext import plot_directive

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "book" / "_ext"))

project = "micrograd, the book"
author = "the micrograd book authors"
copyright = "2026, the micrograd book authors"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.graphviz",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
    "sphinx_togglebutton",
    "code_lines",
    "katex_math",
    "matplotlib.sphinxext.plot_directive",
    "dag",
    "examples",
    "listings",
    "notebooks",
    "plots",
    "run_in_page",
    "apidocs",
    "toctree_captions",
]

exclude_patterns = ["_ext", "_build"]

# Markdown: $math$, labelled $$equations$$ (label), ::: fences.
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
# Typeset at build time (book/_ext/katex_math.py): the pages carry no math script.
html_math_renderer = "katex"
myst_heading_anchors = 3

# Strict references; every figure, listing and equation numbered.
nitpicky = True
numfig = True
math_numfig = True
numfig_format = {"figure": "Figure %s", "code-block": "Listing %s", "table": "Table %s"}

# Every doctest may use the package, as a reader who has run `from micrograd import *`.
doctest_global_setup = """
import random
from micrograd import *
"""
doctest_default_flags = 0  # exact output, as the reader sees it

autodoc_member_order = "bysource"


graphviz_output_format = "svg"

# Plots are drawn at build time as PNG, which carries no time stamp.
plot_formats = [("png", 144)]
plot_html_show_formats = False
plot_html_show_source_link = False
plot_pre_code = "import matplotlib.pyplot as plt\nimport random\nfrom micrograd import *\n"
# 5 inches wide, so that 11-point text stays above 10 px on a phone (book/_ext/plots.py).
plot_rcparams = {"figure.figsize": (5, 3), "figure.dpi": 144, "axes.grid": True,
                 "font.size": 11}
# Only the HTML figure: the default template adds a second, "not html" figure
# that is dropped when writing but still takes a figure number.
plot_template = plot_directive.TEMPLATE.split(".. only:: not html")[0]

# Furo: its drawers are plain HTML (a checkbox and its labels), so the chapter
# list and the page's contents open on any screen, with a few kilobytes of script
# and no icon font. drawers.js lets a keyboard open them and Escape close them.
html_theme = "furo"
html_title = "micrograd, the book"
html_static_path = ["book/_static"]
html_css_files = ["book.css", "exercise-check.css"]
html_js_files = ["drawers.js", "figures.js", "search-summary.js",
                 ("exercise-check.js", {"defer": "defer"})]
html_last_updated_fmt = None
html_search_scorer = "book/_ext/search-scorer.js"  # chapters first, then the API
html_favicon = "book/_static/favicon.svg"  # two values feeding a third
html_theme_options = {
    "top_of_page_buttons": ["view"],  # the page's Markdown source
}
# The copy button copies what a reader types: the code after each >>> or ...
# prompt, and no output. A bare ... (which book/_ext/examples.py adds after
# each loop or def) becomes the blank line that ends the statement.
copybutton_prompt_text = r">>> |\.\.\.(?: |$)"
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
