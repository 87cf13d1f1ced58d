"""The book read on a phone and on a desktop, in light and dark: readable, accessible, steady."""

import re

import pytest
from harness import BUILD, DESKTOP, PHONE, axe, book_pages, chapters, settle
from plots import PHONE_COLUMN

MODES = ["light", "dark"]
# The axe-core rules that read colours, run again in dark mode.
DARK_RULES = ["color-contrast", "link-in-text-block"]
# The smallest node text a graph picture may show, in CSS pixels, at each width.
GRAPH_TEXT = {PHONE: 10, DESKTOP: 12}


def pages_with(text):
    """The pages whose HTML contains ``text``."""
    return [path for path in book_pages() if text in (BUILD / path).read_text()]


def show_in(page, mode):
    """Switch the reader's system setting; the page follows it, without easing
    its colours in (axe would read a colour half-way)."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.emulate_media(color_scheme=mode)
    page.wait_for_function("dark => matchMedia('(prefers-color-scheme: dark)').matches === dark",
                           arg=mode == "dark")


@pytest.mark.parametrize("path", book_pages())
def test_no_serious_accessibility_violations_in_light_or_dark(open_page, path):
    page = open_page(path)
    settle(page)
    found = [f"light: {violation}" for violation in axe(page)]
    # Dark mode changes only the colours: check them again.
    show_in(page, "dark")
    found += [f"dark: {violation}" for violation in axe(page, rules=DARK_RULES)]
    assert found == []


# For every graph picture on the page: the smallest font size in its SVG,
# times the scale at which the page shows the SVG.
GRAPH_TEXT_SIZES = """async () => {
  const sizes = [];
  for (const picture of document.querySelectorAll("figure.dag .dag-picture")) {
    const source = picture.getAttribute("src") || picture.getAttribute("data");
    const text = await (await fetch(new URL(source, document.baseURI))).text();
    const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    const units = svg.viewBox.baseVal.width;
    const scale = /scale\\(([\\d.]+)/.exec(svg.querySelector("g").getAttribute("transform"));
    const fonts = [...svg.querySelectorAll("text")]
      .map(text => parseFloat(text.getAttribute("font-size")));
    const shown = picture.getBoundingClientRect().width;
    sizes.push([picture.closest("figure").id,
                Math.min(...fonts) * (scale ? parseFloat(scale[1]) : 1) * shown / units]);
  }
  return sizes;
}"""


@pytest.mark.parametrize("path", pages_with('class="dag '))
def test_graph_text_is_readable_on_a_phone_and_a_desktop(open_page, path):
    page = open_page(path)
    settle(page)
    small = []
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 800})
        for mode in MODES:
            show_in(page, mode)
            sizes = page.evaluate(GRAPH_TEXT_SIZES)
            assert sizes, f"{path} shows no graph picture"
            small += [f"{figure} at {width} px, {mode}: {size:.1f} px"
                      for figure, size in sizes if size < GRAPH_TEXT[width]]
    assert small == [], "node text under 10 px on a phone or 12 px on a desktop"


# What sticks out of the page, or out of its box (code wraps instead: a reader
# on a phone rarely notices that a box scrolls sideways).
OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = root.scrollWidth > root.clientWidth
    ? [`the page is ${root.scrollWidth} px wide`] : [];
  for (const box of document.querySelectorAll("pre, figcaption, .caption-text"))
    if (box.scrollWidth > box.clientWidth + 1)
      wide.push(`${box.tagName} ${box.className} runs past its box: ${box.textContent}`);
  return wide;
}"""


@pytest.mark.parametrize("path", book_pages())
def test_no_page_scrolls_sideways_on_a_phone(open_page, path):
    page = open_page(path, width=PHONE)
    settle(page)
    assert page.evaluate(OVERFLOW) == []


LAYOUT_SHIFT = """{
  window.layoutShift = 0;
  new PerformanceObserver(list => {
    for (const shift of list.getEntries())
      if (!shift.hadRecentInput) window.layoutShift += shift.value;
  }).observe({type: "layout-shift", buffered: true});
}"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("path", chapters())
def test_chapter_layout_barely_shifts_while_loading(browser, book_url, path, width):
    # The shifts of the first screen while the page loads and typesets, summed
    # (stricter than the windowed "cumulative layout shift" of web vitals).
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFT)
    page.goto(book_url + path)
    settle(page)
    page.wait_for_timeout(300)
    shift = page.evaluate("window.layoutShift")
    context.close()
    assert shift < 0.1


@pytest.mark.parametrize("path", pages_with("book-plot"))
def test_plots_are_described_and_fill_a_phone_column(open_page, path):
    # The build checks each plot's text against this width (book/_ext/plots.py).
    page = open_page(path, width=PHONE)
    settle(page)
    plots = page.evaluate("""[...document.querySelectorAll("img.book-plot")].map(image =>
        [image.getAttribute("src"), image.alt, image.getBoundingClientRect().width,
         image.hasAttribute("width") && image.hasAttribute("height")])""")
    assert plots
    for src, alt, shown, sized in plots:
        assert alt.startswith("Plot: ") and src not in alt, src
        assert shown >= PHONE_COLUMN and sized, src


def test_a_printed_page_shows_every_solution(open_page):
    page = open_page("01-derivatives.html")
    settle(page)
    folded = "document.querySelectorAll('.dropdown.admonition.toggle-hidden').length"
    assert page.evaluate(folded) > 0, "the solutions should start folded on screen"
    page.emulate_media(media="print")
    hidden = page.evaluate("""[...document.querySelectorAll(
        ".dropdown.admonition > :not(.admonition-title, button, .run-controls, .run-output)")]
        .filter(part => getComputedStyle(part).visibility !== "visible"
                        || part.getBoundingClientRect().height === 0).length""")
    assert hidden == 0


def search(page, book_url, query):
    """The results of a search, in order: [link, summary] (an object has no summary)."""
    page.goto(f"{book_url}search.html?q={query}")
    page.wait_for_function("""() => document.querySelector('p.search-summary')
        ?.textContent.startsWith('Search finished')
        && [...document.querySelectorAll('#search-results li')]
        .filter(li => !li.matches('.kind-object')).every(li => li.querySelector('p.context'))""")
    return page.eval_on_selector_all("#search-results li", """items => items.map(li => [
        li.querySelector('a').getAttribute('href'), li.querySelector('p.context')?.textContent])""")


def test_search_puts_the_chapter_that_teaches_it_first_and_chapters_before_the_rest(
        open_page, book_url):
    results = search(open_page("index.html"), book_url, "gradient check")
    assert results[0][0].startswith("11-gradient-checking.html"), results[:3]
    chapter = [link[0].isdigit() for link, _ in results]
    assert chapter == sorted(chapter, reverse=True), "a chapter comes after another page"
    assert False in chapter, "the query finds the API too"


@pytest.mark.parametrize("query", ["partial derivative", "chain rule", "tanh"])
def test_search_summaries_show_no_tex(open_page, book_url, query):
    summaries = [summary for _, summary in search(open_page("index.html"), book_url, query)
                 if summary]
    assert summaries
    for summary in summaries:
        assert not re.search(r"\\[a-zA-Z]+|\$|\^\{|_\{", summary), summary


def test_search_results_show_the_sentence_that_matched(open_page):
    page = open_page("search.html?q=topological")
    page.wait_for_selector("#search-results li p.context")
    page.wait_for_function("""() => [...document.querySelectorAll('#search-results li')]
        .filter(li => !li.matches('.kind-object')).every(li => li.querySelector('p.context'))""")
    summaries = page.eval_on_selector_all("#search-results li p.context",
                                          "ps => ps.map(p => p.textContent)")
    assert summaries
    for summary in summaries:
        assert "topological" in summary.lower(), summary
        assert "System Settings" not in summary and "Contents" not in summary[:40], summary
