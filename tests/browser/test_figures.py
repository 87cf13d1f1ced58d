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


# Each picture of a figure: the row it sits in, its filter (dark mode inverts
# it), its frame's class, and the height in pixels of its smallest text.
PICTURES = """figure => [...figure.querySelectorAll(".dag-strip .dag-picture")].map(picture => {
  const box = picture.getBoundingClientRect();
  let smallest = null;
  if (picture.tagName.toLowerCase() === "svg") {
    const scale = box.width / picture.viewBox.baseVal.width;
    const fonts = [...picture.querySelectorAll("text[font-size]")]
      .map(text => parseFloat(text.getAttribute("font-size")) * scale);
    smallest = Math.min(...fonts);
  }
  return {top: Math.round(box.top), filter: getComputedStyle(picture).filter,
          frame: picture.parentElement.closest(".dag-frame")?.className, smallest};
})"""
REDRAWING = 300_000  # ms: the page's Python loads first, on a busy machine


def test_a_redrawn_graph_is_framed_laid_out_and_darkened_as_the_built_one(open_page):
    page = open_page("03-chain-rule.html", width=PHONE, color_scheme="dark")
    settle(page)
    figure = page.locator("figure#fig-03-steps")
    built = figure.evaluate(PICTURES)
    assert len(built) >= 3 and all(p["filter"] != "none" for p in built)
    controls = page.locator("figure#fig-03-steps + .run-controls")
    controls.locator(".run-edit").click()
    controls.locator(".run-button").click()  # the code as the book has it
    page.wait_for_function("n => document.querySelectorAll('#fig-03-steps svg.run-drawn')"
                           ".length === n", arg=len(built), timeout=REDRAWING)
    page.wait_for_timeout(300)
    redrawn = figure.evaluate(PICTURES)
    rows = [sorted({p["top"] - pictures[0]["top"] for p in pictures})
            for pictures in (built, redrawn)]
    assert len(rows[0]) == len(rows[1]), "the strip keeps its rows"
    for before, after in zip(built, redrawn, strict=True):
        assert after["frame"] and "dag-frame" in after["frame"].split()
        assert after["filter"] == before["filter"]
        assert after["smallest"] >= 12 - 0.5, after
    assert page.evaluate(CUT) == []
