"""The Python that the book's Run buttons use prints as Python's prompt does."""

import doctest
import importlib.util
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "book" / "_static" / "page_python.py"
spec = importlib.util.spec_from_file_location("page_python", SOURCE)
page_python = importlib.util.module_from_spec(spec)
spec.loader.exec_module(page_python)


def test_its_own_examples_pass():
    assert doctest.testmod(page_python).failed == 0


def test_an_expression_inside_a_loop_is_echoed_as_at_the_prompt():
    session = page_python.new_session()
    assert page_python.run("for i in range(2):\n    i * 10", session) == "0\n10\n"


def test_none_is_not_echoed_and_names_stay_for_the_next_block():
    session = page_python.new_session("from math import sqrt")
    assert page_python.run("x = sqrt(16)\nNone", session) == ""
    assert page_python.run("x", session) == "4.0\n"


def test_a_syntax_error_is_shown_as_python_shows_it():
    printed = page_python.run("x = = 1", page_python.new_session())
    assert printed.splitlines()[-1] == "SyntaxError: invalid syntax"


def test_dot_sources_draws_a_value_and_a_list_of_pictures():
    from micrograd import Value, draw_dot

    a = Value(2.0, label="a")
    assert page_python.dot_sources(a, rankdir="TB") == [draw_dot(a, rankdir="TB").source]
    assert page_python.dot_sources([a, draw_dot(a)]) == [draw_dot(a).source] * 2


def test_echo_gets_each_piece_as_it_is_printed_and_run_returns_them_all():
    pieces = []
    printed = page_python.run("print('a')\n2 + 2\n1 / 0", page_python.new_session(),
                              echo=pieces.append)
    assert printed.startswith("a\n4\nTraceback")
    assert "".join(pieces) == printed
