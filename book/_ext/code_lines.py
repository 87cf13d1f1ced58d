"""Wrapped code keeps Python's indentation in sight.

A line of code too long for the column wraps (book.css), and a browser starts
the rest of it at the left edge, where it reads as a line of its own with no
indentation. Each highlighted line is written as ``<span class="line">`` with
``--indent`` set to the width of its prompt and leading spaces, so that the
stylesheet can hang its continuation under the line's own start. The text of
the block is unchanged: copying it, or running it, gives the same code.
"""

import html
import re

from pygments.formatters import HtmlFormatter
from sphinx.highlighting import PygmentsBridge

TAG = re.compile(r"<[^>]*>")
START = re.compile(r"(?:>>> |\.\.\. )?[ \t]*")


def indent_of(line):
    """The width of a line's prompt and leading spaces, in characters.

    >>> indent_of("...     return self")
    8
    >>> indent_of('<span class="gp">&gt;&gt;&gt; </span><span class="n">x</span>')
    4
    """
    return START.match(html.unescape(TAG.sub("", line))).end()


class LineFormatter(HtmlFormatter):
    """Pygments' HTML, each line of code in a span that knows its indent."""

    def wrap(self, source):
        return super().wrap(self._lines(source))

    @staticmethod
    def _lines(source):
        for is_code, line in source:
            if not is_code:
                yield is_code, line
                continue
            body, end = (line[:-1], "\n") if line.endswith("\n") else (line, "")
            yield 1, f'<span class="line" style="--indent: {indent_of(body)}ch">{body}</span>{end}'


def setup(app):
    PygmentsBridge.html_formatter = LineFormatter
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
