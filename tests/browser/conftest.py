"""Fixtures of the browser harness (see ``harness.py``)."""

from harness import book_url, browser, open_page  # noqa: F401
