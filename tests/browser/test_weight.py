"""A chapter page is light: everything it loads before the reader presses Run
(page, style sheets, scripts, fonts, pictures in view) is at most 1.3 MB.

The figure is printed for each chapter (``pytest -s`` shows it). It is the
bytes the browser received from the book's plain test server, which
compresses nothing: a server that compresses sends less.
"""

import pytest
from harness import chapters, settle

LIMIT = 1.3e6

TRANSFERRED = """() => {
  const entries = [...performance.getEntriesByType("navigation"),
                   ...performance.getEntriesByType("resource")];
  return entries.map(entry => [entry.name, entry.transferSize]);
}"""


def loaded(page):
    """(url, bytes) for every file the page has loaded so far."""
    return page.evaluate(TRANSFERRED)


@pytest.mark.parametrize("path", chapters())
def test_a_chapter_page_loads_at_most_1_3_mb_before_any_run(open_page, path):
    page = open_page(path, wait_until="networkidle")
    settle(page)
    files = loaded(page)
    weight = sum(size for _, size in files)
    print(f"\n{path}: {weight / 1e6:.2f} MB in {len(files)} files")
    heaviest = sorted(files, key=lambda file: -file[1])[:5]
    assert weight <= LIMIT, f"{path} loads {weight / 1e6:.2f} MB; the heaviest: {heaviest}"
    assert not [url for url, _ in files if "/run-in-page/" in url], "Python loaded unasked"


def test_the_weight_counts_every_file_a_page_loads(open_page):
    # transferSize is 0 for a file the browser did not fetch: the sum must see
    # the page itself, its style sheets and its scripts.
    page = open_page("03-chain-rule.html", wait_until="networkidle")
    sizes = dict(loaded(page))
    assert all(size > 0 for size in sizes.values()), sizes
    assert any(url.endswith("03-chain-rule.html") for url in sizes)
    assert any("furo.css" in url for url in sizes) and any("katex" in url for url in sizes)
