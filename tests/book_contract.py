"""Reading the book's Markdown as data: its fenced blocks, listings and what they cover.

Used by ``test_book.py`` to enforce the book's contract and by ``conftest.py``
to print the listing-coverage report at the end of every test run.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

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
            opts[match.group(1)] = match.group(2)
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


def public_definitions(path):
    """Definitions a reader of the package may use: no ``_private`` module-level names.

    Methods count, dunder methods such as ``__add__`` included; a private
    method counts when its class is public (``Value._backward`` is the heart
    of the engine).
    """
    return [name for name in definitions(path) if not name.split(".")[0].startswith("_")]


TRIMS = {"lines", "start-after", "end-before", "start-at", "end-at"}


def coverage():
    """For each package module: (shown, missing) public definitions by some listing.

    A listing of a whole class shows its methods too; a trimmed one
    (``:end-before:`` and the like) shows only the class itself.
    """
    shown, whole = set(), set()
    for block, target, obj in literalincludes():
        if obj:
            shown.add((target, obj))
            if not TRIMS & block.options().keys():
                whole.add((target, obj))
    report = {}
    for module in sorted(PACKAGE.glob("*.py")):
        if module.name == "__init__.py":
            continue
        names = public_definitions(module)

        def is_shown(name, module=module):
            return (module, name) in shown or (module, name.split(".")[0]) in whole

        report[module.stem] = ([n for n in names if is_shown(n)],
                               [n for n in names if not is_shown(n)])
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
