"""Every link inside the built book leads somewhere: the file exists, and so does the #anchor.

Plain Python over the HTML files (no browser); it runs with the browser tests
because it reads the same build.
"""

import functools
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from harness import BUILD, book_pages


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.anchors = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.anchors.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and "preload" in (attrs.get("rel") or "")):
                self.links.append(attrs[name])


@functools.cache
def _parse(path):
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(page):
    """The internal links of ``page`` (relative to the build) that lead nowhere."""
    source = BUILD / page
    broken = []
    for link in _parse(source).links:
        url = urlsplit(link)
        if url.scheme or url.netloc or link.startswith(("mailto:", "javascript:")):
            continue
        target = (source.parent / unquote(url.path)).resolve() if url.path else source
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{link} (no such file)")
        elif url.fragment and target.suffix == ".html" \
                and unquote(url.fragment) not in _parse(target).anchors:
            broken.append(f"{link} (no such anchor)")
    return broken


def test_every_internal_link_and_anchor_resolves():
    broken = [f"{page}: {link}" for page in book_pages() for link in broken_links(page)]
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)


def test_the_link_checker_finds_a_missing_anchor(tmp_path, monkeypatch):
    (tmp_path / "a.html").write_text('<p id="here"><a href="#here">ok</a>'
                                     '<a href="b.html#gone">gone</a><a href="c.html">no file</a>')
    (tmp_path / "b.html").write_text('<h1 id="there">b</h1>')
    monkeypatch.setitem(globals(), "BUILD", tmp_path)
    assert broken_links("a.html") == ["b.html#gone (no such anchor)", "c.html (no such file)"]


