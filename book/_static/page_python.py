"""The Python side of the book's Run buttons: an example runs as at Python's prompt.

The page's Pyodide (in a web worker) imports this module once and calls
``run`` for each block, with one namespace per page. Each top-level statement is compiled as the
prompt compiles what is typed at it (mode ``"single"``), so the value of an
expression is printed with ``repr``, and an error ends only its own statement.
An error is shown as the book's doctests show it: the first and last line of
the traceback; for code the reader wrote (``name_lines=True``), with the
lines of it that the error passed through between them.

>>> session = new_session("x = 2")
>>> print(run("x * 3\\nfor i in range(2):\\n    i\\nx / 0\\nx + 1", session), end="")
6
0
1
Traceback (most recent call last):
  ...
ZeroDivisionError: division by zero
3
>>> print(run("def half(x):\\n    return x / 0\\nhalf(2)", session, name_lines=True), end="")
Traceback (most recent call last):
  line 3: half(2)
  line 2: return x / 0
ZeroDivisionError: division by zero
"""

import ast
import contextlib
import io
import traceback


def new_session(setup=""):
    """A fresh namespace for a page's examples, with ``setup`` run in it."""
    namespace = {"__name__": "__main__"}
    exec(compile(setup, "<setup>", "exec"), namespace)
    return namespace


class _Echo(io.StringIO):
    """Keeps what is printed, and passes each piece to ``echo`` as it is printed."""

    def __init__(self, echo):
        super().__init__()
        self.echo = echo

    def write(self, text):
        self.echo(text)
        return super().write(text)


def _lines_passed(error, code):
    """The lines of ``code`` that ``error`` passed through, as ``  line N: text``."""
    lines = code.splitlines()
    return "\n".join(f"  line {frame.lineno}: {lines[frame.lineno - 1].strip()}"
                     for frame in traceback.extract_tb(error.__traceback__)
                     if frame.filename == "<example>" and 0 < frame.lineno <= len(lines))


def run(code, namespace, echo=None, name_lines=False):
    """Run ``code`` statement by statement in ``namespace``; return what it printed.

    ``echo``, if given, is called with each piece of text as it is printed,
    so that a reader sees a long example's lines while it runs.
    ``name_lines`` names the lines of ``code`` that an error passed through.
    """
    printed = _Echo(echo) if echo else io.StringIO()
    with contextlib.redirect_stdout(printed):
        try:
            statements = ast.parse(code, "<example>").body
        except SyntaxError as error:
            print("".join(traceback.format_exception_only(error)), end="")
            return printed.getvalue()
        for statement in statements:
            interactive = ast.Interactive([statement])
            try:
                exec(compile(interactive, "<example>", "single"), namespace)
            except Exception as error:
                print("Traceback (most recent call last):")
                print(name_lines and _lines_passed(error, code) or "  ...")
                print(traceback.format_exception_only(error)[-1], end="")
    return printed.getvalue()


def dot_sources(item, rankdir="LR"):
    """The DOT text of each picture that a ``dag`` figure draws from ``item``."""
    from graphviz import Digraph

    from micrograd import Value, draw_dot

    items = item if isinstance(item, list) else [item]
    return [draw_dot(x, rankdir=rankdir).source if isinstance(x, Value) else x.source
            for x in items if isinstance(x, Value | Digraph)]
