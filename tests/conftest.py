"""Shared helpers for the test suite."""

import sys
from pathlib import Path

from hypothesis import settings

# Shared machines pause now and then; a slow example is not a failing one.
settings.register_profile("book", deadline=None)
settings.load_profile("book")

# The reference cases are plain modules beside the stored reference values; the
# book's contract helpers and the book's Sphinx extensions are importable too.
sys.path.insert(0, str(Path(__file__).parent / "reference"))
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "book" / "_ext"))


def pytest_terminal_summary(terminalreporter):
    """Print which package definitions the book shows as listings."""
    from book_contract import coverage_report

    terminalreporter.write_line("")
    terminalreporter.write_line(coverage_report())
