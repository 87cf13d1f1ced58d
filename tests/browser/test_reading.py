"""Reading comfort: prose lines a reader's eye can follow, a printed page without
buttons, and a favicon that names the book's tab."""

import pytest
from harness import BUILD, chapters, settle

# For each paragraph of three lines or more in the article's prose: its
# characters per line (its length over its height in lines).
CHARACTERS_PER_LINE = """() => {
  const widths = [];
  for (const p of document.querySelectorAll('article[role=main] p')) {
    if (p.closest('.admonition, figure, table, .run-output')) continue;
    const lines = Math.round(p.getBoundingClientRect().height
                             / parseFloat(getComputedStyle(p).lineHeight));
    if (lines >= 3) widths.push(p.textContent.length / lines);
  }
  return widths.sort((a, b) => a - b);
}"""


@pytest.mark.parametrize("width", [1280, 1440])
@pytest.mark.parametrize("path", ["index.html", "how-to-read.html", *chapters()[::3]])
def test_prose_lines_hold_about_75_characters_on_a_desktop(open_page, path, width):
    page = open_page(path, width=width)
    settle(page)
    widths = page.evaluate(CHARACTERS_PER_LINE)
    assert widths, f"{path} has no paragraph of three lines"
    median, high = widths[len(widths) // 2], widths[int(len(widths) * 0.9)]
    print(f"\n{path} at {width} px: median {median:.0f}, 90th percentile {high:.0f} "
          "characters a line")
    assert median <= 75 and high <= 85


CONTROLS = (".run-controls, .run-stop, .copybtn, button.toggle-button, .theme-toggle, "
            "label[for='__toc'], label[for='__navigation'], .sidebar-drawer, .toc-drawer, "
            ".back-to-top, .headerlink")


def test_a_printed_page_shows_no_control(open_page):
    page = open_page("03-chain-rule.html")
    settle(page)
    assert page.locator(".run-controls").count() > 0 and page.locator(".copybtn").count() > 0
    page.emulate_media(media="print")
    shown = page.evaluate(f"""[...document.querySelectorAll("{CONTROLS}")].filter(el => {{
        const box = el.getBoundingClientRect();
        return box.width * box.height > 0 && getComputedStyle(el).visibility !== "hidden";
      }}).map(el => el.className)""")
    assert shown == []


def test_every_page_names_a_favicon_that_is_in_the_book(open_page):
    page = open_page("index.html")
    icon = page.locator("link[rel~='icon']").get_attribute("href")
    assert (BUILD / icon.split("?")[0]).is_file()
    assert page.evaluate("fetch(document.querySelector(\"link[rel~='icon']\").href)"
                         ".then(r => r.ok)")
