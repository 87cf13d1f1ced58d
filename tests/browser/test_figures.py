"""A graph picture wider than its column is never silently cut: it shows whole,
or a line under it says that it scrolls and offers to fit it to the page."""

import pytest
from harness import BUILD, DESKTOP, PHONE, book_pages, settle

DAG_PAGES = [path for path in book_pages() if 'class="dag ' in (BUILD / path).read_text()]

# The figures whose frame scrolls with no visible cue beside it.
CUT = """() => [...document.querySelectorAll("figure.dag .dag-frame")].filter(frame => {
  if (frame.scrollWidth <= frame.clientWidth + 1) return false;
  const cue = frame.nextElementSibling;
  return !(cue && cue.matches(".dag-scroll-cue") && cue.getClientRects().length
           && frame.tabIndex === 0);
}).map(frame => frame.closest("figure").id)"""


@pytest.mark.parametrize("path", DAG_PAGES)
def test_every_graph_shows_whole_or_says_that_it_scrolls(open_page, path):
    page = open_page(path, width=PHONE)
    settle(page)
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(400)  # the check waits for the resizing to end
        assert page.evaluate(CUT) == [], f"cut at {width} px"


def test_a_wide_graph_fits_the_page_and_returns_to_full_size(open_page):
    page = open_page("10-two-moons.html", width=PHONE)
    settle(page)
    cue = page.locator("p.dag-scroll-cue:visible").first
    frame = cue.locator("xpath=preceding-sibling::*[1]")
    full = frame.evaluate("f => f.scrollWidth")
    assert full > frame.evaluate("f => f.clientWidth") + 1
    cue.locator("button").click()
    assert frame.evaluate("f => f.scrollWidth <= f.clientWidth + 1")
    assert cue.locator("button").get_attribute("aria-pressed") == "true"
    cue.locator("button").click()
    assert frame.evaluate("f => f.scrollWidth") == full
