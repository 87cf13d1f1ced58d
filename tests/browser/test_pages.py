"""Every page of the built book loads in a real browser, from the book alone."""

import pytest
from harness import PHONE, book_pages


@pytest.mark.parametrize("path", book_pages())
def test_page_loads_offline_without_errors(open_page, path):
    page = open_page(path)
    assert page.title(), f"{path} has no title"


def test_the_harness_refuses_requests_outside_the_book(browser, book_url):
    page = browser.new_page()
    refused = []
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(book_url)
               else (refused.append(r.request.url), r.abort()))
    page.goto(book_url + "index.html")
    page.evaluate("fetch('http://192.0.2.1/nothing').catch(() => null)")
    page.wait_for_timeout(200)
    page.close()
    assert refused == ["http://192.0.2.1/nothing"]


def test_chapter_pages_render_at_phone_width(open_page):
    page = open_page("01-derivatives.html", width=PHONE)
    assert page.evaluate("document.documentElement.clientWidth") == PHONE
