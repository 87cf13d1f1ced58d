"""Shared helpers for the test suite."""

import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Shared machines pause now and then; a slow example is not a failing one. Every
# run tries the same examples, so that a red run is the code's doing, not the draw's.
settings.register_profile("book", deadline=None, derandomize=True)
settings.load_profile("book")

# The reference cases are plain modules beside the stored reference values; the
# book's contract helpers and the book's Sphinx extensions are importable too.
sys.path.insert(0, str(Path(__file__).parent / "reference"))
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "book" / "_ext"))


BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_ignore_collect(collection_path, config):
    """tests/browser reads the built book in Chromium: `make browser-test` (-m browser) runs it."""
    if collection_path == BROWSER_TESTS:
        return config.option.markexpr != "browser"
    return None


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    """Print which package definitions the book shows as listings (when Sphinx is there)."""
    try:
        from book_contract import coverage_report
    except ImportError:  # the package's own tests, run without the book's tools
        return

    terminalreporter.write_line("")
    terminalreporter.write_line(coverage_report())
