"""Every stage the book shows is code that runs and does what the chapter says.

A stage is a ``literalinclude`` with ``:pyobject:``, ``:lines:`` and ``:stage:``
(``book/_ext/listings.py``): some lines of a package function, as an early
chapter reads it. Each test reads the lines exactly as the build does, turns
them back into a function, and checks it against the package's own.
"""

import math
import random
import re
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.directives.code import LiteralIncludeReader

import micrograd.engine
from micrograd import Value

BOOK = Path(__file__).parent.parent / "book"
INCLUDE = re.compile(r"```\{literalinclude\} (\S+)\n((?::[\w-]+:.*\n)+)```")


def book_stages():
    """Every stage in the book: (chapter, file, options)."""
    for chapter in sorted(BOOK.glob("*.md")):
        for match in INCLUDE.finditer(chapter.read_text()):
            options = dict(re.findall(r":([\w-]+): *(.*)", match[2]))
            if "stage" in options:
                yield chapter.name, (BOOK / match[1]).resolve(), options


def staged_function(path, options):
    """The stage's lines as the reader sees them, defined as a function in the package's module."""
    reader_options = {"pyobject": options["pyobject"], "lines": options["lines"]}
    config = SimpleNamespace(source_encoding="utf-8-sig")
    text, _ = LiteralIncludeReader(str(path), reader_options, config).read()
    namespace = dict(vars(micrograd.engine))
    exec(textwrap.dedent(text), namespace)
    return namespace[options["pyobject"].split(".")[-1]]


def check_constructor_idea(init):
    a, b = Value(1.0), Value(2.0)
    for args in [(2.5,), (3.0, (a, b), "+", (1.0, 1.0)), (-1.0, (a,), "tanh", (0.5,), "t")]:
        real, staged = Value(*args), Value.__new__(Value)
        init(staged, *args)
        for field in Value.__slots__:
            assert getattr(staged, field) == getattr(real, field), field


def random_graph(rng):
    """A graph with shared nodes, zeros and dead ReLUs, so that many gradients are zero."""
    nodes = [Value(rng.choice([0.0, -1.5, 2.0, rng.uniform(-3, 3)])) for _ in range(4)]
    for _ in range(30):
        x, y = rng.choice(nodes), rng.choice(nodes)
        nodes.append(rng.choice([x + y, x * y, x.relu(), x.tanh(), x - y, x * 0.0]))
    return nodes


def check_plain_sweep(backward):
    rng = random.Random(0)
    for _ in range(200):
        graphs = []
        state = rng.getstate()
        for sweep in (Value.backward, backward):
            rng.setstate(state)
            nodes = random_graph(rng)
            sweep(nodes[-1])
            sweep(nodes[-1])  # leaves accumulate, interior nodes start afresh
            graphs.append([node.grad.hex() for node in nodes])
        assert graphs[0] == graphs[1]
    big, two = Value(math.inf), Value(2.0)
    backward(big * two * 0.0)
    assert big.grad == 0.0 and math.isnan(two.grad)


def check_class_attributes(cls):
    assert cls.__doc__ == Value.__doc__ and cls.__slots__ == Value.__slots__
    assert not hasattr(cls, "__array_ufunc__"), "the first listing leaves NumPy out"
    node = cls.__new__(cls)
    with pytest.raises(AttributeError):
        node.gard = 1.0  # the slots are all a Value has


CHECKS = {
    ("Value", "its attributes"): check_class_attributes,
    ("Value.__init__", "the idea"): check_constructor_idea,
    ("Value.backward", "the plain sweep"): check_plain_sweep,
}

STAGES = list(book_stages())


@pytest.mark.parametrize("chapter, path, options", STAGES,
                         ids=[f"{c}:{o['pyobject']}" for c, _, o in STAGES])
def test_stage_runs_and_matches_the_package(chapter, path, options):
    key = (options["pyobject"], options["stage"])
    assert key in CHECKS, f"{chapter} shows stage {key} and no test checks it"
    CHECKS[key](staged_function(path, options))


def test_every_checked_stage_is_in_the_book():
    shown = {(options["pyobject"], options["stage"]) for _, _, options in STAGES}
    assert set(CHECKS) <= shown

