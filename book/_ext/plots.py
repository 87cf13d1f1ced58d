"""Plots named by their place on the page, described in words, and readable on a phone.

Inside MyST, every ``{eval-rst}`` block starts the plot directive's counter
afresh, so each page's plots would all be written to ``<page>-1.png``. Here
the n-th plot of a page is written to ``<page>-plot<n>.png`` unless it names
its own ``:filename-prefix:``. Every plot image gets the class ``book-plot``
(the style sheet gives it a light card in dark mode), its caption as alt text
unless it has its own ``:alt:``, and its width and height, so that the page
does not move when the image arrives.

Text in a plot is never smaller than the figure's base font size (a legend's
``fontsize="small"`` reads as the base size), and the build fails if a
figure's text would be under ``SMALLEST_TEXT`` pixels on a phone, where the
image is ``PHONE_COLUMN`` pixels wide.
"""

from pathlib import Path

import matplotlib.pyplot as plt
from docutils import nodes
from matplotlib import font_manager
from matplotlib.sphinxext import plot_directive
from matplotlib.sphinxext.plot_directive import PlotDirective
from matplotlib.text import Text
from sphinx.util.images import get_image_size

SMALLEST_TEXT = 10  # CSS pixels
PHONE_COLUMN = 342  # CSS pixels: the text column of a 390-pixel-wide phone
font_manager.font_scalings.update({"xx-small": 1.0, "x-small": 1.0, "small": 1.0})


class PagePlot(PlotDirective):
    def run(self):
        count = self.state.document.settings.env.temp_data.get("plot_count", 0) + 1
        self.state.document.settings.env.temp_data["plot_count"] = count
        page = Path(self.state.document.settings.env.docname).name
        self.options.setdefault("filename-prefix", f"{page}-plot{count}")
        self.options["class"] = [*self.options.get("class", []), "book-plot"]
        sizes, run_code = [], plot_directive._run_code

        def run_then_measure(*args, **kwargs):  # the figures are closed once saved
            result = run_code(*args, **kwargs)
            sizes.extend(smallest_text_on_a_phone(plt.figure(n)) for n in plt.get_fignums())
            return result

        plot_directive._run_code = run_then_measure
        try:
            result = super().run()
        finally:
            plot_directive._run_code = run_code
        if sizes and min(sizes) < SMALLEST_TEXT:
            raise self.error(f"plot: its smallest text would be {min(sizes):.1f} px on a "
                             f"phone (at least {SMALLEST_TEXT} px): use a narrower figure "
                             "or larger fonts")
        return result


def smallest_text_on_a_phone(figure):
    """How many CSS pixels tall the figure's smallest text is when shown on a phone."""
    sizes = [text.get_fontsize() for text in figure.findobj(Text)
             if text.get_visible() and text.get_text().strip()]
    return min(sizes, default=SMALLEST_TEXT * 72) / 72 / figure.get_figwidth() * PHONE_COLUMN


def describe_and_size_plots(app, doctree, docname):
    """Give each plot its caption as alt text and its size in pixels."""
    for image in doctree.findall(nodes.image):
        if "book-plot" not in image["classes"]:
            continue
        figure = image.parent
        captions = [node for node in figure.findall(nodes.caption)] \
            if isinstance(figure, nodes.figure) else []
        if "alt" not in image and captions:
            image["alt"] = "Plot: " + " ".join(captions[0].astext().split())
        size = get_image_size(Path(app.srcdir) / image["uri"])
        if size and "width" not in image:
            image["width"], image["height"] = (str(n) for n in size)


def setup(app):
    app.setup_extension("matplotlib.sphinxext.plot_directive")
    app.add_directive("plot", PagePlot, override=True)
    app.connect("doctree-resolved", describe_and_size_plots)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
