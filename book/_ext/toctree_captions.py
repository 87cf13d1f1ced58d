"""A toctree's caption ("Part I", say) is written by Sphinx as a paragraph with
the role of a heading, but without the level that such a role requires: screen
readers then cannot place it in the page's outline. Give it level 2, under the
page's title, in the page and in the chapter list beside it."""

from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator


class CaptionLevelTranslator(HTML5Translator):
    def visit_title(self, node):
        super().visit_title(node)
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            start = len(self.body) - 2  # the <p class="caption"> tag, then its <span>
            self.body[start] = self.body[start].replace(
                'role="heading"', 'role="heading" aria-level="2"')


def setup(app):
    app.set_translator("html", CaptionLevelTranslator)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
