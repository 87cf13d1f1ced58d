"""The browser harness: the built book served on 127.0.0.1 to Debian's headless Chromium.

Every test here reads the book as a reader's browser does. The pages come from
``_build/html`` (``make browser-test`` builds it first); the browser may ask for
nothing but the book itself: a request to any other address is refused and
fails the test, so a page that needs the network cannot pass.

Fixtures (imported by this folder's conftest.py):

- ``book_url``: the address the book is served at, such as ``http://127.0.0.1:41234/``.
- ``open_page(path, width=1280, color_scheme="light")``: a fresh page showing
  ``path`` (relative to the book's root), its console errors and refused
  requests checked when the test ends.

Helpers: ``book_pages()`` and ``chapters()`` list the pages, ``settle(page)``
waits until the page's fonts and images have loaded, ``axe(page)`` runs axe-core (from
``node_modules``, which ``make`` installs) over it.
"""

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "_build" / "html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium's own calls home are switched off: this machine, like a reader's
# offline laptop, answers none of them.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
PHONE, DESKTOP = 390, 1280


def book_pages():
    """Every HTML page of the built book (the highlighted sources too), relative to its root."""
    if not (BUILD / "index.html").is_file():
        pytest.exit(f"no built book in {BUILD.relative_to(ROOT)}: run `make html` first", 2)
    return sorted(p.relative_to(BUILD).as_posix() for p in BUILD.rglob("*.html")
                  if p.relative_to(BUILD).parts[0] not in {"_static", "_sources", "_images"})


def chapters():
    """The chapters of the book (their file names start with a number)."""
    return [path for path in book_pages() if path[0].isdigit()]


def settle(page):
    """Wait until the page's fonts (the equations' too) and its images have loaded."""
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_function("[...document.images].every(image => image.complete)")


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe(page, impacts=("serious", "critical"), rules=None):
    """The axe-core violations on ``page`` of these impacts, one line each.

    ``rules`` (a list of rule ids, such as ``["color-contrast"]``) runs only those.
    """
    if not AXE.is_file():
        pytest.exit(f"no {AXE.relative_to(ROOT)}: run `npm ci` (make does)", 2)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    violations = page.evaluate("options => axe.run(document, options)"
                               ".then(result => result.violations)", options)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
            for v in violations if v["impact"] in impacts for node in v["nodes"]]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".whl": "application/zip"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def book_url():
    book_pages()  # fail early, and clearly, without a build
    handler = functools.partial(_QuietHandler, directory=str(BUILD))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, book_url):
    """Open book pages in fresh browser contexts; check each for errors at the end."""
    opened = []

    def open_(path, width=DESKTOP, height=800, color_scheme="light", wait_until="load"):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      color_scheme=color_scheme)
        page = context.new_page()
        page.refused, page.errors = [], []

        def route(r):
            if r.request.url.startswith(book_url):
                r.continue_()
            else:
                page.refused.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
        page.on("response", lambda r: r.status >= 400
                and page.errors.append(f"{r.status} {r.url}"))
        opened.append((path, context, page))
        page.goto(book_url + path, wait_until=wait_until)
        return page

    yield open_
    problems = []
    for path, context, page in opened:
        problems += [f"{path}: asked for {url} outside the book" for url in page.refused]
        problems += [f"{path}: {error}" for error in page.errors]
        context.close()
    assert not problems, "\n".join(problems)
