"""What the copy buttons copy, pasted page by page into a fresh Python prompt.

The reader opens ``python`` in the book's folder, and for every example block
of a page, in reading order, presses the block's copy button, pastes, and
presses Enter. Each statement must then print what the book prints, and raise
only where the book shows a traceback. The copies are taken in Chromium, by
clicking each block's own copy button and reading the clipboard.
"""

import code
import contextlib
import io
import re
import sys
from dataclasses import dataclass

import pytest
from book_contract import BOOK, ROOT, blocks, chapters
from examples import _parser, copied

PAGES = [page.stem for page in chapters() if page.stem not in {"index", "api"}]


@dataclass
class Statement:
    source: str
    output: str
    error: BaseException | None


class Prompt(code.InteractiveConsole):
    """A fresh ``python`` prompt that records what each statement printed or raised."""

    def __init__(self):
        super().__init__({"__name__": "__console__", "__doc__": None})
        self.statements = []

    def runcode(self, code):
        source = "\n".join(self.buffer)
        out, error = io.StringIO(), None
        with contextlib.redirect_stdout(out):
            try:
                exec(code, self.locals)
            except Exception as raised:
                error = raised
        if source.strip():
            self.statements.append(Statement(source, out.getvalue(), error))

    def showsyntaxerror(self, filename=None, **kwargs):
        self.statements.append(Statement("\n".join(self.buffer), "", sys.exc_info()[1]))

    def paste(self, text):
        """Paste ``text`` and press Enter; say whether the prompt is ready for more."""
        more = False
        for line in text.split("\n"):
            more = self.push(line)
        if more:
            self.resetbuffer()
        return not more


def exception_name(exc_msg):
    return re.match(r"[\w.]+", exc_msg).group(0).rsplit(".", 1)[-1]


def problems(block_text, prompt, copy=copied):
    """What goes wrong when this block's copy is pasted, as a list of sentences."""
    expected = _parser.get_examples(block_text)
    prompt.statements = []
    ready = prompt.paste(copy(block_text))
    found = [] if ready else ["the prompt still waits for the end of an indented block"]
    got = prompt.statements
    if [s.source.strip() for s in got] != [e.source.strip() for e in expected]:
        return found + [f"ran {len(got)} statements, the book shows {len(expected)}: "
                        + "; ".join(f"{s.source!r} -> {s.error!r}" for s in got if s.error)]
    for example, statement in zip(expected, got, strict=True):
        if example.exc_msg is None and statement.error is not None:
            found.append(f"{example.source.strip()!r} raised {statement.error!r}")
        elif example.exc_msg is not None and statement.error is None:
            found.append(f"{example.source.strip()!r} did not raise")
        elif (example.exc_msg is not None
              and type(statement.error).__name__ != exception_name(example.exc_msg)):
            found.append(f"{example.source.strip()!r} raised {statement.error!r}, "
                         f"the book shows {example.exc_msg.strip()!r}")
        elif example.exc_msg is None and statement.output != example.want:
            found.append(f"{example.source.strip()!r} printed {statement.output!r}, "
                         f"the book shows {example.want!r}")
    return found


@pytest.fixture
def fresh_prompt(monkeypatch):
    """A prompt as `python` opens it in the book's folder, where `benchmarks` imports."""
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    return Prompt()


def skipped(page):
    """For each example block the page shows: whether doctest skips it here (``:skipif:``)."""
    shown = [block.options() for block in blocks(BOOK / f"{page}.md")
             if block.directive == "doctest" and "hide" not in block.options()]
    return [bool(eval(options.get("skipif", "False"))) for options in shown]


def copies(tab):
    """The shown text of each example block of a page, and what its copy button copies."""
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    blocks = tab.locator("div.highlight-pycon")
    found = []
    for number in range(blocks.count()):
        block = blocks.nth(number)
        tab.evaluate("navigator.clipboard.writeText('')")
        block.locator("button.copybtn").evaluate("button => button.click()")
        found.append((block.locator("pre").text_content(),
                      tab.evaluate("navigator.clipboard.readText()")))
    return found


@pytest.mark.parametrize("page", PAGES)
def test_every_copied_block_pastes_into_python_and_prints_what_the_page_shows(
        page, open_page, fresh_prompt):
    blocks = copies(open_page(f"{page}.html"))
    skips = skipped(page)
    assert len(blocks) == len(skips), "the page shows other example blocks than its source"
    failures = []
    for number, ((text, copy), skip) in enumerate(zip(blocks, skips, strict=True), 1):
        if copy != copied(text):
            failures.append(f"block {number}: the button copied {copy!r}, not {copied(text)!r}")
        if not skip:
            failures += [f"block {number}: {problem}"
                         for problem in problems(text, fresh_prompt, lambda _, c=copy: c)]
    assert not failures, f"{page}: {len(failures)} problems\n" + "\n".join(failures)


def test_a_loop_pastes_only_when_its_block_closes_it():
    shown = ">>> for i in range(2):\n...     print(i)\n0\n1\n>>> i\n1\n"
    assert problems(shown, Prompt())
    closed = ">>> for i in range(2):\n...     print(i)\n...\n0\n1\n>>> i\n1\n"
    assert problems(closed, Prompt()) == []


def test_a_copied_output_line_is_caught():
    shown = ">>> from fractions import Fraction\n>>> Fraction(1, 2)\nFraction(1, 2)\n"
    assert problems(shown, Prompt()) == []
    with_output = problems(shown, Prompt(), lambda text: copied(text, only_prompt_lines=False))
    assert with_output and "ran 3 statements" in with_output[0]


def test_an_unexpected_error_and_a_missing_one_are_caught():
    assert problems(">>> 1 / 0\n0\n", Prompt())
    assert problems(">>> 1 / 1\nTraceback (most recent call last):\n  ...\n"
                    "ZeroDivisionError: division by zero\n", Prompt())
    assert problems(">>> 1 / 0\nTraceback (most recent call last):\n  ...\n"
                    "ZeroDivisionError: division by zero\n", Prompt()) == []

