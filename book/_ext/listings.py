"""Listings of the package: ``literalinclude`` with a caption that says where the code lives.

A ``literalinclude`` with ``:pyobject:`` and no ``:caption:`` is captioned
``micrograd/engine.py › Value.backward``, and the caption links to that object
in the highlighted full source (the pages that ``sphinx.ext.viewcode`` writes).
"""

from pathlib import Path

from docutils import nodes
from sphinx.directives.code import LiteralInclude
from sphinx.util.osutil import relative_uri


class Listing(LiteralInclude):
    def run(self):
        target = self.options.get("pyobject")
        if not target or "caption" in self.options:
            return super().run()
        source = Path(self.env.relfn2path(self.arguments[0])[1])
        path = source.relative_to(Path(self.env.srcdir).parent).as_posix()
        self.options["caption"] = f"{path} › {target}"
        result = super().run()
        if path.startswith("micrograd/"):
            page = f"_modules/{path.removesuffix('.py')}.html"
            uri = f"{relative_uri(f'{self.env.docname}.html', page)}#{target}"
            for caption in result[0].findall(nodes.caption):
                caption.clear()
                caption += nodes.reference("", self.options["caption"], refuri=uri, internal=True)
        return result


def setup(app):
    app.add_directive("literalinclude", Listing, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
