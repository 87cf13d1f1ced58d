"""The API page's conventions: public signatures, and links to the chapters a module names.

A signature shows only the arguments a reader passes: the internal ones that
start with an underscore (such as ``Value``'s ``_children``, ``_op`` and
``_local_grads``, which the engine fills in) are left out; the chapters teach
them. A module docstring's sentence ``Taught in the chapters "A neuron" and
"Layers and the MLP".`` links each quoted name to the chapter whose title
contains it (the chapters are the files whose names start with a number), and
the build fails on a name that no chapter's title contains.
"""

import inspect
import re
from pathlib import Path

from sphinx.util import logging

TAUGHT_IN = re.compile(r"Taught in the chapters? (.*?)\.(?=\s|$)", re.S)
QUOTED = re.compile(r'"([^"]+)"')

logger = logging.getLogger(__name__)


def public_signature(app, what, name, obj, options, signature, return_annotation):
    """Drop the parameters whose names start with an underscore."""
    if not signature or "_" not in signature or what not in ("class", "function", "method"):
        return None
    try:
        full = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    parameters = list(full.parameters.values())
    if what == "method" and parameters and parameters[0].name in ("self", "cls"):
        parameters = parameters[1:]
    public = [p for p in parameters if not p.name.startswith("_")]
    if len(public) == len(parameters):
        return None
    shown = full.replace(parameters=public, return_annotation=inspect.Signature.empty)
    return str(shown), return_annotation


def chapter_titles(srcdir):
    """Each chapter's title, by document name, read from its first line."""
    titles = {}
    for source in sorted(Path(srcdir).glob("[0-9]*.md")):
        first = source.read_text(encoding="utf-8").partition("\n")[0]
        if first.startswith("# "):
            titles[source.stem] = first[2:].strip()
    return titles


def link_chapters(app, what, name, obj, options, lines):
    """Turn the chapter names quoted in a module docstring into links."""
    if what != "module":
        return
    titles = chapter_titles(app.srcdir)
    if not titles:  # a book without chapters, such as a test's
        return

    def link(quoted):
        wanted = quoted.group(1)
        found = [doc for doc, title in titles.items() if wanted.lower() in title.lower()]
        if len(found) != 1:
            logger.warning(f"{name}: the docstring names the chapter {wanted!r}, but "
                           f"{len(found)} chapter titles contain it", type="apidocs")
            return quoted.group(0)
        return f":doc:`{wanted} </{found[0]}>`"

    def sentence(match):
        return QUOTED.sub(link, match.group(0))

    lines[:] = TAUGHT_IN.sub(sentence, "\n".join(lines)).split("\n")


def setup(app):
    app.connect("autodoc-process-signature", public_signature)
    app.connect("autodoc-process-docstring", link_chapters)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
