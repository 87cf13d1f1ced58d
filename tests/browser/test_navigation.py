"""A reader moves through the book: the chapter list and the page's contents open
on a phone, a tablet and a desktop, close again, and lead where they say."""

import pytest
from harness import DESKTOP, PHONE

TABLET = 820
WIDTHS = [PHONE, TABLET, DESKTOP]
CHAPTER = "03-chain-rule.html"

CHAPTERS = {"toggle": 'label[for="__navigation"]:not(.overlay)', "drawer": ".sidebar-drawer"}
CONTENTS = {"toggle": 'label[for="__toc"]:not(.overlay)', "drawer": ".toc-drawer"}

# Whether the whole drawer is inside the window (it slides in from an edge).
ON_SCREEN = """selector => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth + 0.5;
}"""
OFF_SCREEN = """selector => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return box.right <= 0.5 || box.left >= window.innerWidth - 0.5;
}"""


def toggle(page, drawer):
    """The drawer's button that the reader can see at this width."""
    return page.locator(drawer["toggle"] + ":visible")


def wait_open(page, drawer):
    page.wait_for_function(ON_SCREEN, arg=drawer["drawer"])
    assert toggle(page, drawer).get_attribute("aria-expanded") == "true"


def wait_closed(page, drawer):
    page.wait_for_function(OFF_SCREEN, arg=drawer["drawer"])
    assert toggle(page, drawer).get_attribute("aria-expanded") == "false"


def tap_beside(page, drawer, width):
    """Tap the shaded page beside an open drawer (the chapters slide in from the left)."""
    page.mouse.click(width - 10 if drawer is CHAPTERS else 10, 400)


def open_and_close_three_ways(page, drawer, width):
    button = toggle(page, drawer)
    assert button.count() == 1, "one visible button opens the drawer"
    wait_closed(page, drawer)
    # The button, pressed from the keyboard (a tap on it lands on the shade).
    button.click()
    wait_open(page, drawer)
    button.focus()
    page.keyboard.press("Enter")
    wait_closed(page, drawer)
    # Escape, which gives the focus back to the button.
    button.click()
    wait_open(page, drawer)
    page.keyboard.press("Escape")
    wait_closed(page, drawer)
    assert page.evaluate("document.activeElement.getAttribute('for')") \
        == drawer["toggle"].split('"')[1]
    # A tap beside the drawer.
    button.click()
    wait_open(page, drawer)
    tap_beside(page, drawer, width)
    wait_closed(page, drawer)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_chapter_list_opens_closes_and_leads_to_another_chapter(open_page, width):
    page = open_page(CHAPTER, width=width)
    if width >= DESKTOP:
        # A desktop shows the chapter list beside the page, with nothing to open.
        assert toggle(page, CHAPTERS).count() == 0
        assert page.evaluate(ON_SCREEN, CHAPTERS["drawer"])
    else:
        open_and_close_three_ways(page, CHAPTERS, width)
        toggle(page, CHAPTERS).click()
        wait_open(page, CHAPTERS)
    page.locator(".sidebar-drawer a[href='04-backward.html']").click()
    page.wait_for_url("**/04-backward.html")
    assert "backward" in page.title().lower()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_contents_open_close_and_lead_to_a_section(open_page, width):
    page = open_page(CHAPTER, width=width)
    open_and_close_three_ways(page, CONTENTS, width)
    toggle(page, CONTENTS).click()
    wait_open(page, CONTENTS)
    link = page.locator(".toc-drawer a[href^='#']").nth(2)
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url("**" + target)
    wait_closed(page, CONTENTS)
    # The page scrolls (smoothly) until the section is at the top of the window.
    page.wait_for_function("id => Math.abs(document.getElementById(id)"
                           ".getBoundingClientRect().top) < 120", arg=target[1:])


def test_a_page_without_sections_offers_no_contents_button(open_page):
    page = open_page("index.html", width=PHONE)
    assert toggle(page, CONTENTS).count() == 0
    toggle(page, CHAPTERS).click()
    wait_open(page, CHAPTERS)


def test_on_a_desktop_a_button_hides_and_shows_the_chapter_list_for_the_session(open_page):
    page = open_page(CHAPTER, width=DESKTOP)
    button = page.locator(".chapter-list-toggle")
    list_shown = "() => document.querySelector('.sidebar-drawer').getBoundingClientRect().width > 0"
    assert button.is_visible() and page.evaluate(list_shown)
    assert button.get_attribute("aria-expanded") == "true"
    article = page.locator("article[role=main]").bounding_box()
    # From the keyboard: the button is in the tab order and answers Enter.
    button.focus()
    page.keyboard.press("Enter")
    assert not page.evaluate(list_shown)
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-label") == "Show the chapter list"
    assert page.locator("article[role=main]").bounding_box()["x"] != article["x"]
    # The next page, in the same tab, keeps the list hidden until it is asked for.
    page.locator("a.next-page").click()
    page.wait_for_url("**/04-backward.html")
    assert not page.evaluate(list_shown)
    button.focus()
    page.keyboard.press("Space")
    assert page.evaluate(list_shown)
    assert button.get_attribute("aria-expanded") == "true"
    page.reload()
    assert page.evaluate(list_shown)


def test_on_a_phone_the_chapter_list_has_no_hide_button(open_page):
    page = open_page(CHAPTER, width=PHONE)
    assert page.locator(".chapter-list-toggle").count() == 1
    assert not page.locator(".chapter-list-toggle").is_visible()
