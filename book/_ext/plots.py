"""Plots named by their place on the page, so that two plots never share a file.

Inside MyST, every ``{eval-rst}`` block starts the plot directive's counter
afresh, so each page's plots would all be written to ``<page>-1.png``. Here
the n-th plot of a page is written to ``<page>-plot<n>.png`` unless it names
its own ``:filename-prefix:``. Every plot image gets the class ``book-plot``
(the style sheet gives it a light card in dark mode).
"""

from pathlib import Path

from matplotlib.sphinxext.plot_directive import PlotDirective


class PagePlot(PlotDirective):
    def run(self):
        count = self.state.document.settings.env.temp_data.get("plot_count", 0) + 1
        self.state.document.settings.env.temp_data["plot_count"] = count
        page = Path(self.state.document.settings.env.docname).name
        self.options.setdefault("filename-prefix", f"{page}-plot{count}")
        self.options["class"] = [*self.options.get("class", []), "book-plot"]
        return super().run()


def setup(app):
    app.setup_extension("matplotlib.sphinxext.plot_directive")
    app.add_directive("plot", PagePlot, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
