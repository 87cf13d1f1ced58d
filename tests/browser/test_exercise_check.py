"""The "Your turn" exercises in the page: the stub waits in an editor, and Check gives a verdict.

Check runs the edited stub in the page's own Python, then the book's
``check(...)`` call under it, and shows ✓ or the failing case and its hint
under the stub, by mouse or keyboard, at a phone's width, light and dark.
"""

import pytest
from harness import PHONE
from test_run_in_page import PATIENCE, _luminance

EXERCISE = "div.your-turn"
SOLUTION = 'def my_add(a, b):\n    return Value(a.data + b.data, (a, b), "+", (1.0, 1.0))\n'


def open_exercise(open_page, **options):
    """Open chapter 2 and scroll to its first exercise, whose editor then opens."""
    page = open_page("02-value.html", **options)
    exercise = page.locator(EXERCISE).first
    exercise.scroll_into_view_if_needed()
    editor = exercise.locator("textarea.run-editor")
    editor.wait_for(timeout=PATIENCE)
    return page, exercise, editor


def verdict_after_check(page, exercise, press):
    """Press Check (by ``press``) and return the verdict's text once it is shown."""
    result = exercise.locator("pre.check-result")
    before = result.text_content() if result.is_visible() else None
    press(exercise.locator(".check-button"))
    page.wait_for_function("([el, before]) => !el.hidden && el.textContent !== before",
                           arg=[result.element_handle(), before], timeout=PATIENCE)
    return result.text_content()


def test_the_stub_fails_with_a_hint_and_the_solution_checks(open_page):
    page, exercise, editor = open_exercise(open_page)
    assert page.evaluate("document.activeElement.tagName") != "TEXTAREA"  # focus not taken
    assert "return Value(a.data + b.data)" in editor.input_value()
    bar = exercise.locator(".run-controls").first
    assert bar.locator("button").all_inner_texts()[:2] == ["Run", "Check"]

    message = verdict_after_check(page, exercise, lambda b: b.click())
    assert message.startswith("✗ 2.A: on my_add(Value(2.0), Value(-3.0))")
    assert "Hint: the new Value has no inputs" in message

    editor.fill(SOLUTION)
    assert verdict_after_check(page, exercise, lambda b: b.click()) == "✓ 2.A passed every case."
    assert "check-pass" in exercise.locator("pre.check-result").get_attribute("class")


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_check_works_by_keyboard_at_phone_width_in_both_modes(open_page, color_scheme):
    page, exercise, editor = open_exercise(open_page, width=PHONE, color_scheme=color_scheme)
    page.evaluate(f"document.documentElement.dataset.theme = '{color_scheme}'")
    editor.fill(SOLUTION.replace("(1.0, 1.0)", "(b.data, a.data)"))

    def by_keyboard(button):
        button.focus()
        page.keyboard.press("Enter")

    message = verdict_after_check(page, exercise, by_keyboard)
    assert "Hint: those are a product's local derivatives" in message
    result = exercise.locator("pre.check-result")
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE
    box = result.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    text, ground = result.evaluate("el => [getComputedStyle(el).color, "
                                   "getComputedStyle(document.body).backgroundColor]")
    assert (_luminance(text) > _luminance(ground)) == (color_scheme == "dark")


def test_after_check_only_the_editor_and_the_verdict_show(open_page):
    page, exercise, editor = open_exercise(open_page, width=PHONE)
    verdict_after_check(page, exercise, lambda b: b.click())
    stub, checker = exercise.locator("div.run-example").all()
    assert not stub.is_visible(), "the stub stays hidden behind its editor"
    assert not exercise.locator("pre.run-output").first.is_visible(), "the stub printed nothing"
    assert not checker.locator("xpath=following-sibling::pre[1]").is_visible(), \
        "the verdict is not shown a second time under the check(...) block"
    result = exercise.locator("pre.check-result")
    assert result.evaluate("el => el.scrollWidth <= el.clientWidth"), "the verdict wraps"


def test_a_chapter_5_exercise_runs_in_the_page_and_checks(open_page):
    page = open_page("05-operations.html")
    exercise = page.locator(EXERCISE).filter(has_text='check("5.B", my_sin)')
    exercise.scroll_into_view_if_needed()
    editor = exercise.locator("textarea.run-editor")
    editor.wait_for(timeout=PATIENCE)
    assert not exercise.locator("p.run-local-note").count(), "5.B needs nothing but the page"
    editor.fill("def my_sin(x):\n"
                "    return Value(math.sin(x.data), (x,), 'sin', (math.cos(x.data),))\n")
    assert verdict_after_check(page, exercise, lambda b: b.click()) == "✓ 5.B passed every case."
