"""A page's examples: set up at the top of each chapter, and closed so that they paste."""

import re

from book_contract import BOOK, blocks
from examples import PROMPT, closed, copied, needs_blank_line

CHAPTERS = sorted(BOOK.glob("[0-9][0-9]-*.md"))


def test_every_chapter_starts_its_examples_with_a_set_up_block():
    """A reader who follows a page from the top has everything its examples use."""
    not_set_up = []
    for page in CHAPTERS:
        first = next(block for block in blocks(page) if block.directive == "doctest")
        lines = [line for line in first.body if line.strip()]
        if not lines or not all(re.match(r">>> (import|from) ", line) for line in lines):
            not_set_up.append(f"{page.name}:{first.line}")
    assert not not_set_up, "make the first example block only import:\n" + "\n".join(not_set_up)


def test_a_loop_is_closed_with_a_bare_prompt_line_as_python_shows_it():
    shown = ">>> for i in range(2):\n...     print(i)\n0\n1\n>>> i\n1"
    assert closed(shown) == ">>> for i in range(2):\n...     print(i)\n...\n0\n1\n>>> i\n1"


def test_a_statement_already_closed_or_complete_gets_no_extra_line():
    already = ">>> if True:\n...     x = 1\n...\n>>> x\n1"
    assert closed(already) == already
    bracketed = ">>> xs = [1,\n...       2]\n>>> xs\n[1, 2]"
    assert closed(bracketed) == bracketed


def test_compound_statements_wait_for_a_blank_line():
    assert needs_blank_line("def f(x):\n    return x\n")
    assert needs_blank_line("try:\n    1 / 0\nexcept ZeroDivisionError:\n    pass\n")
    assert not needs_blank_line("f = lambda x: x\n")
    assert not needs_blank_line("1 +\n")  # a syntax error is left for Python to report


def test_the_copy_keeps_code_and_blank_closing_lines_and_drops_output():
    text = ">>> for i in range(2):\n...     print(i)\n...\n0\n1\n>>> i\n1\n"
    assert copied(text) == "for i in range(2):\n    print(i)\n\ni"


def test_the_prompt_pattern_reads_output_that_starts_with_dots_as_output():
    assert re.match(f"^({PROMPT})", "... x")
    assert re.match(f"^({PROMPT})", "...")
    assert not re.match(f"^({PROMPT})", "...and more")
    assert not re.match(f"^({PROMPT})", "  ...")
