"""Reading the book's Markdown as data: its fenced blocks, listings and what they cover.

Used by ``test_book.py`` to enforce the book's contract and by ``conftest.py``
to print the listing-coverage report at the end of every test run.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from sphinx.config import Config
from sphinx.directives.code import LiteralIncludeReader

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
PACKAGE = ROOT / "micrograd"

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*(.*)$")


@dataclass
class Block:
    """A fenced block of a chapter: its info string (``{doctest}``, ``python``...) and body."""

    path: Path
    line: int
    info: str
    body: list[str]

    @property
    def directive(self):
        match = re.match(r"\{([\w-]+)\}", self.info)
        return match.group(1) if match else None

    def options(self):
        """The ``:key: value`` lines at the top of a directive's body."""
        opts = {}
        for line in self.body:
            match = re.match(r"^:([\w-]+):\s*(.*)$", line.strip())
            if not match:
                break
            value = match.group(2)
            quoted = len(value) > 1 and value[0] == value[-1] and value[0] in "'\""
            opts[match.group(1)] = value[1:-1] if quoted else value  # "@grad.setter"
        return opts


def chapters():
    """Every Markdown page of the book."""
    return sorted(p for p in BOOK.rglob("*.md") if "_build" not in p.parts)


def blocks(path, lines=None, first_line=1):
    """Every fenced block in a page, nested ones included, in reading order."""
    lines = path.read_text().splitlines() if lines is None else lines
    found, i = [], 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence = match.group(2)
        end = i + 1
        while end < len(lines) and not re.match(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$",
                                                lines[end]):
            end += 1
        body = lines[i + 1:end]
        found.append(Block(path, first_line + i, match.group(3).strip(), body))
        found.extend(blocks(path, body, first_line + i + 1))
        i = end + 1
    return found


def literalincludes():
    """``(block, file, pyobject)`` for every ``literalinclude`` in the book."""
    result = []
    for page in chapters():
        for block in blocks(page):
            if block.directive == "literalinclude":
                target = (page.parent / block.info.split(None, 1)[1].strip()).resolve()
                result.append((block, target, block.options().get("pyobject")))
    return result


def definitions(path):
    """Qualified names of the functions, classes and methods defined in a module."""
    names = []
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        if isinstance(node, ast.ClassDef):
            names += [f"{node.name}.{item.name}" for item in node.body
                      if isinstance(item, ast.FunctionDef)]
    return names


def _lines(node):
    return set(range(node.lineno, node.end_lineno + 1))


def own_lines(path):
    """``(name, lines)`` for each public definition: the numbers of the lines that are its own.

    Public means a reader of the package may use it: no ``_private`` module-level
    names, but every method of a public class, dunder methods such as ``__add__``
    included, and private ones too (``Value._backward`` is the heart of the
    engine). A property's setter is a definition of its own, ``Tensor.grad (setter)``.

    A function's own lines run from its ``def`` to its end; a class's are its
    lines less its methods (decorators included) and blank lines, so a class
    listed up to its first method is shown and its methods are not. A
    definition's own decorators are not among its lines: a listing may prepend them.
    """
    source = path.read_text()
    blank = {n for n, line in enumerate(source.splitlines(), 1) if not line.strip()}
    found = []
    for node in ast.parse(source).body:
        if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) or node.name.startswith("_"):
            continue
        lines = _lines(node)
        for item in node.body if isinstance(node, ast.ClassDef) else ():
            if isinstance(item, ast.FunctionDef):
                setter = any(isinstance(d, ast.Attribute) and d.attr == "setter"
                             for d in item.decorator_list)
                found.append((f"{node.name}.{item.name}" + " (setter)" * setter, _lines(item)))
                lines -= _lines(item).union(*map(_lines, item.decorator_list))
        found.append((node.name, lines - blank))
    return sorted(found, key=lambda entry: min(entry[1]))


class _Line(str):
    """A line of a source file that remembers its number."""


def shown_lines(block, target):
    """The numbers of the lines of ``target`` that a ``literalinclude`` shows.

    Sphinx's own filters pick them, so ``:pyobject:``, ``:start-at:`` and the
    rest mean exactly what they mean in the built book: ``:pyobject:`` of a
    property with a setter, for one, picks the setter.
    """
    reader = LiteralIncludeReader(target, block.options(), Config())
    lines = []
    for number, text in enumerate(target.read_text().splitlines(keepends=True), 1):
        line = _Line(text)
        line.number = number
        lines.append(line)
    for pick in (reader.pyobject_filter, reader.start_filter, reader.end_filter,
                 reader.lines_filter):
        lines = pick(lines)
    return {line.number for line in lines}


def coverage():
    """For each package module: (shown, missing) public definitions by some listing.

    A definition is shown when one listing shows all of its own lines (see
    ``own_lines``): a listing of a whole class shows its methods too, and a
    class listed up to its first method shows only the class itself.
    """
    shown = {}
    for block, target, _ in literalincludes():
        if PACKAGE in target.parents:
            shown.setdefault(target, []).append(shown_lines(block, target))
    report = {}
    for module in sorted(PACKAGE.glob("*.py")):
        if module.name == "__init__.py":
            continue
        seen, missing = [], []
        for name, lines in own_lines(module):
            listed = any(lines <= listing for listing in shown.get(module, []))
            (seen if listed else missing).append(name)
        report[module.stem] = (seen, missing)
    return report


def coverage_report():
    lines = ["Listing coverage: public definitions of the package shown in the book"]
    for module, (shown, missing) in coverage().items():
        total = len(shown) + len(missing)
        percent = 100 * len(shown) / total if total else 100
        lines.append(f"  micrograd/{module}.py: {len(shown)}/{total} ({percent:.0f}%)")
        if missing:
            lines.append("      not shown: " + ", ".join(missing))
    return "\n".join(lines)
