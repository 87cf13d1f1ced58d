"""A page's examples in reading order, and copy text that pastes into Python.

An *example block* is a ``{doctest}`` block that the page shows. Its
*examples* are the ``>>>`` statements in it, each with the output the book
prints. This module is the one place that says which blocks those are and
what a reader types from them; the notebook extension and the tests use it.

As a Sphinx extension it also closes every compound statement of an example
block (a ``for`` loop, a ``def``) with a bare ``...`` line, as Python's own
prompt shows it. The copy button turns that line into the blank line which
ends the statement, so that a loop pasted into a prompt runs before the next
line arrives.
"""

import codeop
import doctest
import re
import warnings
from html.parser import HTMLParser

from docutils import nodes

# The copy button's prompt: ``>>>``, or ``...`` followed by a space or by nothing.
PROMPT = r">>> |\.\.\.(?: |$)"

_parser = doctest.DocTestParser()


def is_example_block(node):
    """Whether a doctree node is a ``{doctest}`` block shown on the page."""
    return isinstance(node, nodes.literal_block) and node.get("testnodetype") == "doctest"


def example_blocks(doctree):
    """The example blocks of a page, in reading order (exercise solutions included)."""
    return [node for node in doctree.findall(nodes.literal_block) if is_example_block(node)]


def examples(node):
    """The ``doctest.Example`` objects of a block, with their ``# doctest:`` options."""
    return _parser.get_examples(node.get("test", node.astext()))


def needs_blank_line(source):
    """Whether a statement typed at a prompt waits for a blank line to run.

    >>> needs_blank_line("for i in range(3):\\n    print(i)\\n")
    True
    >>> needs_blank_line("x = (1,\\n     2)\\n")
    False
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return codeop.compile_command(source.rstrip("\n"), "<example>", "single") is None
    except (SyntaxError, ValueError, OverflowError):
        return False


def closed(text):
    """The text of an example block with a ``...`` line after each compound statement.

    >>> closed(">>> for i in range(2):\\n...     print(i)\\n0\\n1")
    '>>> for i in range(2):\\n...     print(i)\\n...\\n0\\n1'
    """
    lines = text.split("\n")
    ends = [(example.lineno + example.source.count("\n"), example.indent)
            for example in _parser.get_examples(text) if needs_blank_line(example.source)]
    for end, indent in reversed(ends):
        if end < len(lines) and lines[end].strip() == "...":
            continue  # the book closes it already
        lines.insert(end, " " * indent + "...")
    return "\n".join(lines)


def copied(text, prompt=PROMPT, only_prompt_lines=True, remove_prompts=True, empty_lines=True):
    """What the copy button copies from a block that shows ``text``.

    A line-for-line port of sphinx-copybutton's ``formatCopyText`` for a
    prompt pattern; the arguments are its settings, in its order.

    >>> copied(">>> for i in range(2):\\n...     print(i)\\n...\\n0\\n1\\n>>> i\\n1\\n")
    'for i in range(2):\\n    print(i)\\n\\ni'
    """
    pattern = re.compile(f"^({prompt})(.*)")
    lines, found = [], False
    for line in text.split("\n"):
        match = pattern.match(line)
        if match:
            found = True
            lines.append(match.group(2) if remove_prompts else line)
        elif not only_prompt_lines or (empty_lines and not line.strip()):
            lines.append(line)
    if found:
        text = "\n".join(lines)
    return text[:-1] if text.endswith("\n") else text


class _ExampleTexts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._depth, self._in_block, self._pre = [], 0, None, None

    def handle_starttag(self, tag, attrs):
        self._depth += tag == "div"
        if tag == "div" and "highlight-pycon" in (dict(attrs).get("class") or "").split():
            self._in_block = self._depth
        elif tag == "pre" and self._in_block:
            self._pre = []

    def handle_endtag(self, tag):
        if tag == "pre" and self._pre is not None:
            self.texts.append("".join(self._pre))
            self._pre = None
        elif tag == "div":
            if self._in_block == self._depth:
                self._in_block = None
            self._depth -= 1

    def handle_data(self, data):
        if self._pre is not None:
            self._pre.append(data)


def example_texts(page_html):
    """The text of every example block of a built HTML page, in reading order."""
    parser = _ExampleTexts()
    parser.feed(page_html)
    return parser.texts


def close_compound_statements(app, doctree, docname):
    for node in example_blocks(doctree):
        text = closed(node.astext())
        if text != node.astext():
            node.rawsource = text
            node[:] = [nodes.Text(text)]


def setup(app):
    app.connect("doctree-resolved", close_compound_statements)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
