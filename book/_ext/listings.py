"""Listings of the package: ``literalinclude`` with a caption that says where the code lives.

A ``literalinclude`` with ``:pyobject:`` and no ``:caption:`` is captioned
``micrograd/engine.py › Value.backward``, and the caption links to that object
in the highlighted full source (the pages that ``sphinx.ext.viewcode`` writes).
Those pages mark only the objects that the API page documents; a caption of
any other object (a private helper, or a method such as ``Value.__init__``)
links to the nearest enclosing object that is marked, or else to the file.

A *stage* shows some lines of an object, the way a chapter reads it before
later chapters add the rest: ``:lines:`` picks the lines (counted from the
object's ``def``) and ``:stage:`` names the stage, which the caption adds
(``micrograd/engine.py › Value.backward, the plain sweep``). The shown lines
are themselves code: ``tests/test_stages.py`` runs every stage of the book.
"""

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import LiteralInclude
from sphinx.util.osutil import relative_uri


class Listing(LiteralInclude):
    option_spec = {**LiteralInclude.option_spec, "stage": directives.unchanged_required}

    def run(self):
        target = self.options.get("pyobject")
        stage = self.options.pop("stage", None)
        if stage and not ("lines" in self.options and target):
            raise self.error(f"stage {stage!r} needs :pyobject: and the :lines: it shows")
        if not target or "caption" in self.options:
            return super().run()
        source = Path(self.env.relfn2path(self.arguments[0])[1])
        path = source.relative_to(Path(self.env.srcdir).parent).as_posix()
        self.options["caption"] = f"{path} › {target}" + (f", {stage}" if stage else "")
        result = super().run()
        for caption in result[0].findall(nodes.caption):
            caption.clear()  # the caption is a name, not markup: __mul__ is not bold "mul"
            caption += nodes.Text(self.options["caption"])
        if path.startswith("micrograd/"):
            page = f"_modules/{path.removesuffix('.py')}.html"
            uri = relative_uri(f"{self.env.docname}.html", page)
            module = path.removesuffix(".py").replace("/", ".")
            for caption in result[0].findall(nodes.caption):
                caption.clear()
                caption += nodes.reference("", self.options["caption"], refuri=uri,
                                           internal=True, listing=(module, target))
        return result


def link_to_marked_objects(app, doctree, docname):
    """Point each caption at the object's mark in the source page, or its class's."""
    modules = getattr(app.env, "_viewcode_modules", {})
    for reference in doctree.findall(nodes.reference):
        if "listing" not in reference:
            continue
        module, target = reference["listing"]
        marked = modules.get(module) and modules[module][2]
        parts = target.split(".")
        while parts and ".".join(parts) not in (marked or {}):
            parts.pop()
        if parts:
            reference["refuri"] += "#" + ".".join(parts)


def setup(app):
    app.add_directive("literalinclude", Listing, override=True)
    app.connect("doctree-resolved", link_to_marked_objects)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
