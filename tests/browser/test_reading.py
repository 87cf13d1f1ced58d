"""Reading comfort: prose lines a reader's eye can follow, wrapped code that keeps
its indentation, a printed page without buttons, and a favicon that names the
book's tab."""

import pytest
from harness import BUILD, DESKTOP, PHONE, chapters, settle

# For each paragraph of three lines or more in the article's prose: its
# characters per line (the length of its visible text over its height in lines).
CHARACTERS_PER_LINE = """() => {
  const widths = [];
  for (const p of document.querySelectorAll('article[role=main] p')) {
    if (p.closest('.admonition, figure, table, .run-output')) continue;
    const lines = Math.round(p.getBoundingClientRect().height
                             / parseFloat(getComputedStyle(p).lineHeight));
    const seen = p.cloneNode(true);  // KaTeX's MathML copy of each formula is not seen
    seen.querySelectorAll('.katex-mathml').forEach(copy => copy.remove());
    if (lines >= 3) widths.push(seen.textContent.length / lines);
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


# For each line of code that wraps: where its text starts (after its prompt and
# indentation), where its continuation lines start, and the most it may hang.
WRAPPED_CODE = """() => {
  const found = [];
  const range = document.createRange();
  for (const line of document.querySelectorAll("div.highlight pre span.line")) {
    const pieces = [];  // [text node, its rectangles]
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      range.selectNodeContents(node);
      pieces.push([node, [...range.getClientRects()].filter(r => r.width > 0)]);
    }
    const rects = pieces.flatMap(([, r]) => r);
    if (!rects.length) continue;
    const first = Math.min(...rects.map(r => r.top)), height = rects[0].height;
    const rest = rects.filter(r => r.top > first + height / 2);
    if (!rest.length) continue;
    let offset = parseInt(getComputedStyle(line).getPropertyValue("--indent"));
    let start = null;
    for (const [node] of pieces) {
      if (offset < node.length) {
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        start = range.getClientRects()[0].left;
        break;
      }
      offset -= node.length;
    }
    const pre = line.closest("pre").getBoundingClientRect();
    found.push({text: line.textContent, start, left: pre.left,
                hang: Math.min(...rest.map(r => r.left)), cap: 0.3 * window.innerWidth});
  }
  return found;
}"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_wrapped_code_goes_on_under_its_own_start(open_page, width):
    page = open_page("05-operations.html", width=width)
    settle(page)
    wrapped = page.evaluate(WRAPPED_CODE)
    print(f"\n{len(wrapped)} lines of code wrap at {width} px")
    assert wrapped, "no line of code wraps: the test shows nothing"
    for line in wrapped:
        under_start = line["hang"] > line["start"] + 1
        capped = line["hang"] >= line["left"] + line["cap"] - 1
        assert under_start or capped, line


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
