"""Every chapter's notebook runs top to bottom in a fresh kernel and prints what the book prints.

The notebooks are part of the built book (``_sources/<chapter>.ipynb``), so
their tests live beside the browser's; they run in Jupyter's kernel.
"""

import nbformat
import pytest
from book_contract import ROOT, chapters
from harness import BUILD
from nbclient import NotebookClient

CHAPTERS = [page.stem for page in chapters() if page.stem[:2].isdigit()]


def printed(outputs):
    """The text a cell printed: its stdout and the value it showed."""
    text = []
    for output in outputs:
        if output["output_type"] == "stream" and output["name"] == "stdout":
            text.append(output["text"])
        elif output["output_type"] == "execute_result":
            text.append(output["data"]["text/plain"] + "\n")
    return "".join(text)


def pictures(outputs):
    return [output["data"]["image/svg+xml"] for output in outputs
            if output["output_type"] == "display_data" and "image/svg+xml" in output["data"]]


def errors(outputs):
    return [output["ename"] for output in outputs if output["output_type"] == "error"]


def runnable(notebook):
    """The notebook without the cells whose ``:skipif:`` condition holds here, as in doctest."""
    notebook.cells = [cell for cell in notebook.cells
                      if not eval(cell.metadata.get("book", {}).get("skipif", "False"))]
    return notebook


def differences(book, ran):
    found = []
    for number, (expected, got) in enumerate(zip(book.cells, ran.cells, strict=True), 1):
        if expected.cell_type != "code":
            continue
        where = f"cell {number} ({expected.source.splitlines()[0][:60]!r})"
        if "raises-exception" in expected.metadata.get("tags", []):
            if errors(got.outputs) != errors(expected.outputs):
                found.append(f"{where} raised {errors(got.outputs)}, "
                             f"the book shows {errors(expected.outputs)}")
        elif errors(got.outputs):
            found.append(f"{where} raised {errors(got.outputs)}")
        if printed(got.outputs) != printed(expected.outputs):
            found.append(f"{where} printed {printed(got.outputs)!r}, "
                         f"the book shows {printed(expected.outputs)!r}")
        if pictures(got.outputs) != pictures(expected.outputs):
            found.append(f"{where} drew {len(pictures(got.outputs))} pictures unlike the book's "
                         f"{len(pictures(expected.outputs))}")
    return found


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_notebook_runs_and_prints_what_the_book_prints(chapter):
    book = runnable(nbformat.read(BUILD / "_sources" / f"{chapter}.ipynb", as_version=4))
    ran = nbformat.reads(nbformat.writes(book), as_version=4)
    # A reader runs it from the book's folder, where chapter 12's `benchmarks` imports.
    NotebookClient(ran, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    found = differences(book, ran)
    assert not found, f"{chapter}.ipynb: {len(found)} differences\n" + "\n".join(found)


def test_every_chapter_page_links_its_notebook_under_the_title():
    missing = [chapter for chapter in CHAPTERS
               if (BUILD / f"{chapter}.html").read_text().count(f"_sources/{chapter}.ipynb") != 1]
    assert not missing, f"no notebook link on {missing}"


def test_the_notebook_link_downloads_a_valid_notebook(open_page):
    tab = open_page("02-value.html")
    link = tab.locator("p.notebook-download a")
    assert link.get_attribute("href") == "_sources/02-value.ipynb"
    with tab.expect_download() as download:
        link.click()
    nbformat.validate(nbformat.read(download.value.path(), as_version=4))
