"""Run buttons: every example runs in the page's own Python and prints what the book shows.

Each chapter is opened once and its Run buttons are pressed in reading order,
so one Python session serves the whole page, as it serves a reader who reads
from the top. What the page prints is compared with the output that the
book's doctests expect, with the same options (such as ``+ELLIPSIS``).
"""

import doctest
import json
import re

import pytest
from harness import BUILD, PHONE, book_pages

EXAMPLES = BUILD / "_static" / "run-in-page" / "pages"
RUN = "div.run-example + .run-controls > .run-button"
OUTPUT = "div.run-example + .run-controls + pre.run-output"
TRACEBACK = "Traceback (most recent call last):\n  ...\n"
# Long enough for the slowest example on a busy machine; only a hang fails.
PATIENCE = 300_000
# The page's Python (built with Emscripten's C library) rounds some results in
# the last bit otherwise than the Python the book is built with: math.tanh(0.7)
# is 0.6043677771171634 there and 0.6043677771171636 here, and so is
# (3.0 + 1e-13) ** 2. These blocks print the book's lines with other last digits.
# Found by their code, so that a block added above them does not move them.
LAST_DIGITS_DIFFER = {"01-derivatives": "forward_difference(f, 3.0, h)",
                      "07-mlp": "model([2.0, 3.0, -1.0])",
                      "08-loss": "all(p.grad != 0 for p in params)",
                      "11-gradient-checking": "smooth = lambda a, b"}
NUMBER = re.compile(r"-?\d+(\.\d+)?(e[-+]?\d+)?")
EXCEPTION = re.compile(r"^(Traceback \(most recent call last\):\n  \.\.\.\n)"
                       r"(?:[\w.]+\.)?(\w+)(?::.*)?$", re.M)


def pages_with_examples():
    book_pages()  # a clear message when the book is not built
    return sorted(path.stem for path in EXAMPLES.glob("*.json"))


def examples_of(name):
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def expected_output(block):
    """What the book's doctests expect a block to print, errors as the page shows them."""
    return "".join(want if exc_msg is None else TRACEBACK + exc_msg
                   for want, exc_msg, _ in block["expected"])


def prints_as_expected(got, block):
    flags = 0
    for _, _, names in block["expected"]:
        for name in names:
            flags |= doctest.OPTIONFLAGS_BY_NAME[name]
    want = expected_output(block)
    if flags & doctest.IGNORE_EXCEPTION_DETAIL:  # as doctest: the exception's type only
        want, got = (EXCEPTION.sub(r"\1\2", text) for text in (want, got))
    return doctest.OutputChecker().check_output(want, got, flags)


def run(page, index):
    """Press the Run button of example block ``index``; return what the page prints."""
    output = page.locator(OUTPUT).nth(index)
    done = int(output.get_attribute("data-done") or 0)
    # A solution's block is folded away until the reader opens it: press the button itself.
    page.locator(RUN).nth(index).dispatch_event("click")
    page.wait_for_function(f"el => Number(el.dataset.done || 0) > {done} "
                           "|| el.previousElementSibling.querySelector('.run-error')",
                           arg=output.element_handle(), timeout=PATIENCE)
    error = page.locator(".run-error").all_inner_texts()
    assert not error, f"the Run button failed: {error}"
    return output.text_content()


@pytest.mark.parametrize("name", pages_with_examples())
def test_every_example_prints_what_the_book_shows(open_page, name):
    blocks = examples_of(name)["blocks"]
    page = open_page(f"{name}.html")
    runnable = [block for block in blocks if not block["needs"]]
    assert page.locator(RUN).count() == len(runnable)
    notes = page.locator("div.run-example.run-local-only + p.run-local-note").all_text_contents()
    assert notes == [f"Runs in a local Python (needs {block['needs']})."
                     for block in blocks if block["needs"]]
    wrong = []
    for index, block in enumerate(runnable):
        got = run(page, index)
        if name in LAST_DIGITS_DIFFER and LAST_DIGITS_DIFFER[name] in block["code"]:
            assert NUMBER.sub("N", got) == NUMBER.sub("N", expected_output(block)), got
        elif not prints_as_expected(got, block):
            wrong.append(f"block {index + 1} of {len(blocks)}:\n{block['code']}"
                         f"--- the book shows:\n{expected_output(block)}"
                         f"--- the page printed:\n{got}")
    assert not wrong, f"{len(wrong)} blocks of {name} print otherwise:\n" + "\n".join(wrong)


def test_examples_that_need_numpy_have_a_note_no_run_and_load_nothing(open_page):
    page = open_page("13-tensors.html", wait_until="networkidle")
    local = page.locator("div.run-example.run-local-only")
    assert local.count() > 0
    for index in range(local.count()):
        block = local.nth(index)
        note = block.locator("xpath=following-sibling::*[1]")
        assert note.get_attribute("class") == "run-local-note"
        note.scroll_into_view_if_needed()  # read, as a reader reads it
        assert re.fullmatch(r"Runs in a local Python \(needs (numpy|torch)\)\.",
                            note.text_content())
    assert page.locator("div.run-local-only + .run-controls").count() == 0
    page.wait_for_timeout(500)
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [url for url in loaded if "/run-in-page/" in url]


def test_a_page_nobody_runs_loads_no_python(open_page):
    page = open_page("04-backward.html", wait_until="networkidle")
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert any("/_static/run-in-page.js" in url for url in loaded)
    assert not [url for url in loaded if "/run-in-page/" in url]


def test_a_reader_edits_runs_again_and_resets(open_page):
    page = open_page("01-derivatives.html")
    editors = page.locator("textarea.run-editor")
    page.locator("div.run-example + .run-controls > .run-edit").nth(1).click()
    editors.first.fill("y = 6 * 7\ny")
    assert run(page, 1) == "42\n"
    editors.first.fill("y + 1")
    assert run(page, 1) == "43\n"

    page.locator(".run-restart").nth(1).click()
    assert "NameError: name 'y' is not defined" in run(page, 1)
    assert page.locator(OUTPUT).nth(1).evaluate("el => el.classList.contains('run-failed')")
    assert "NameError" in page.locator(".run-status").nth(1).text_content()

    page.locator("div.run-example + .run-controls > .run-reset").nth(1).click()
    assert editors.count() == 0
    assert page.locator("div.run-example").nth(1).is_visible()
    assert not page.locator(OUTPUT).nth(1).is_visible()
    assert prints_as_expected(run(page, 1), examples_of("01-derivatives")["blocks"][1])


# An example that prints a line and then keeps Python busy for half a minute.
LONG_RUN = ("import time\nprint('started')\nend = time.monotonic() + 30\n"
            "while time.monotonic() < end:\n    pass\n")


def test_the_page_answers_and_shows_what_is_printed_while_an_example_runs(open_page):
    page = open_page("01-derivatives.html")
    page.locator("div.run-example + .run-controls > .run-edit").first.click()
    page.locator("textarea.run-editor").first.fill(LONG_RUN)
    output = page.locator(OUTPUT).first.element_handle()
    page.locator(RUN).first.click()
    page.wait_for_function("el => el.textContent === 'started\\n'", arg=output,
                           timeout=PATIENCE)
    # The page paints a frame, and its own script answers, before the run ends.
    running = page.evaluate("el => new Promise(answer => requestAnimationFrame("
                            "() => answer(el.dataset.done === undefined)))", output)
    assert running, "the page answered only when the example had finished"
    assert page.locator(".run-status").first.text_content() == "Running…"
    assert output.get_attribute("aria-busy") == "true"


def test_run_works_from_the_keyboard(open_page):
    page = open_page("01-derivatives.html")
    page.locator(RUN).first.focus()
    page.keyboard.press("Enter")
    # The first example imports the package: it prints nothing, and says so.
    page.wait_for_function("el => el.textContent === 'Done — no output.'",
                           arg=page.locator(".run-status").first.element_handle(),
                           timeout=PATIENCE)
    assert not page.locator(OUTPUT).first.is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Run"
    page.locator("div.run-example + .run-controls > .run-edit").first.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Control+a")
    page.keyboard.type("2 ** 10")
    page.keyboard.press("Control+Enter")
    page.wait_for_function("el => el.textContent === '1024\\n'",
                           arg=page.locator(OUTPUT).first.element_handle(), timeout=PATIENCE)


def test_a_graph_is_redrawn_from_edited_code(open_page):
    name = next(n for n in pages_with_examples() if examples_of(n)["dags"])
    dag = examples_of(name)["dags"][0]
    page = open_page(f"{name}.html")
    figure_controls = page.locator("figure.run-dag + .run-controls").first
    figure_controls.locator(".run-edit").click()
    editor = page.locator("figure.run-dag + .run-controls + textarea.run-editor").first
    editor.fill(f'{dag["name"]} = Value(1.5, label="reader") * 2\n')
    figure_controls.locator(".run-button").click()
    drawn = page.locator("figure.run-dag svg.run-drawn").first
    drawn.wait_for(timeout=PATIENCE)
    assert "reader" in drawn.text_content()
    figure_controls.locator(".run-reset").click()
    assert page.locator("figure.run-dag svg.run-drawn").count() == 0


def test_from_a_file_the_run_button_says_how_to_serve_the_book(browser):
    page = browser.new_page()
    page.goto((BUILD / "01-derivatives.html").as_uri())
    page.locator(RUN).first.click()
    status = page.locator(".run-status").first
    status.wait_for(state="visible")
    page.wait_for_function("el => el.textContent.includes('make serve')",
                           arg=status.element_handle())
    assert "python -m http.server -d _build/html" in status.text_content()
    page.close()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_output_fits_a_phone_and_reads_in_both_modes(open_page, color_scheme):
    page = open_page("02-value.html", width=PHONE, color_scheme=color_scheme)
    blocks = [b for b in examples_of("02-value")["blocks"] if not b["needs"]]
    printing = next(i for i, block in enumerate(blocks) if expected_output(block))
    run(page, printing)
    output = page.locator(OUTPUT).nth(printing)
    assert output.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE
    box = output.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    text, ground = output.evaluate("el => [getComputedStyle(el).color, "
                                   "getComputedStyle(el).backgroundColor]")
    assert _luminance(text) != _luminance(ground)
    assert (_luminance(text) > _luminance(ground)) == (color_scheme == "dark")


def _luminance(css_colour):
    red, green, blue = (float(x) for x in re.findall(r"[\d.]+", css_colour)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


RUNAWAY = "while True:\n    pass\n"


def test_stop_ends_a_runaway_loop_and_the_next_run_prints_the_book_s_output(open_page):
    page = open_page("03-chain-rule.html")
    blocks = [b for b in examples_of("03-chain-rule")["blocks"] if not b["needs"]]
    run(page, 0)
    page.locator("div.run-example + .run-controls > .run-edit").nth(1).click()
    page.locator("textarea.run-editor").first.fill(RUNAWAY)
    page.locator(RUN).nth(1).click()
    stop = page.locator(".run-stop").nth(1)
    stop.wait_for(state="visible")
    page.wait_for_function("el => el.textContent === 'Running…'",
                           arg=page.locator(".run-status").nth(1).element_handle())
    assert page.evaluate("document.activeElement.textContent") == "Stop"
    stop.click()
    status = page.locator(".run-status").nth(1)
    page.wait_for_function("el => el.textContent.startsWith('Stopped.')",
                           arg=status.element_handle(), timeout=PATIENCE)
    assert page.locator(RUN).nth(1).is_visible() and not stop.is_visible()
    # Reset puts the book's code back; the next example starts Python again,
    # reruns the earlier ones and prints the book's output.
    page.locator("div.run-example + .run-controls > .run-reset").nth(1).click()
    assert prints_as_expected(run(page, 2), blocks[2])


def test_reset_restores_python_s_state_so_the_next_example_prints_the_book_s_output(open_page):
    page = open_page("03-chain-rule.html")
    blocks = [b for b in examples_of("03-chain-rule")["blocks"] if not b["needs"]]
    run(page, 0)
    page.locator("div.run-example + .run-controls > .run-edit").nth(1).click()
    editor = page.locator("textarea.run-editor").first
    # Every name the block binds now holds a number the book never shows.
    editor.fill(blocks[1]["code"].replace("2.0", "7.5").replace("3.0", "-4.25"))
    run(page, 1)
    page.locator("div.run-example + .run-controls > .run-reset").nth(1).click()
    assert prints_as_expected(run(page, 2), blocks[2]), blocks[2]


def test_redraw_of_a_failing_edit_reports_the_error_and_keeps_the_picture(open_page):
    name = next(n for n in pages_with_examples() if examples_of(n)["dags"])
    dag = examples_of(name)["dags"][0]
    page = open_page(f"{name}.html")
    figure = page.locator("figure.run-dag").first
    before = figure.inner_html()
    controls = page.locator("figure.run-dag + .run-controls").first
    controls.locator(".run-edit").click()
    assert dag["name"] in controls.locator(".run-status").text_content()
    editor = page.locator("figure.run-dag + .run-controls + textarea.run-editor").first
    for code, error in [(f"{dag['name']} = Value(1.0) / 0\n", "ZeroDivisionError"),
                        (f"{dag['name']} = Value(1.0) +\n", "SyntaxError"),
                        ("unrelated = 1\n", None)]:
        editor.fill(code)
        controls.locator(".run-button").click()
        status = controls.locator(".run-status")
        page.wait_for_function("el => el.classList.contains('run-error')",
                               arg=status.element_handle(), timeout=PATIENCE)
        if error:
            assert error in status.text_content() and "still the one before" in \
                status.text_content()
        assert "Redrawn" not in status.text_content()
        assert figure.inner_html() == before
        page.evaluate("el => el.classList.remove('run-error')", status.element_handle())


def test_the_page_s_python_is_offered_to_other_scripts(open_page):
    page = open_page("02-value.html")
    result = page.evaluate("bookPython.run('print(6 * 7)\\n1 / 0')", )
    assert result["output"].startswith("42\n") and "ZeroDivisionError" in result["error"]
    assert page.evaluate("bookPython.run('x = 1')") == {"output": "", "error": None}
