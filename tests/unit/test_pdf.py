"""report.pdf from a hand-made report.html laid out with the house stylesheet."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from helpers.errors import BuildError
from helpers.publish import pdf
from pack_folders import DETAILS_MARKER, TITLE, report_html, write_folder

A4_POINTS = (595.28, 841.89)


def page_texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_the_pdf_is_a4_with_the_title_and_page_numbers_in_every_footer(report_folder):
    written = pdf.write_pdf(report_folder, TITLE)
    assert written == report_folder / "report.pdf"
    reader = PdfReader(written)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_POINTS, abs=0.5)
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert TITLE in text


def test_collapsed_details_are_not_printed_and_links_are_kept_without_a_path(report_folder):
    written = pdf.write_pdf(report_folder, TITLE)
    assert DETAILS_MARKER not in "".join(page_texts(written))
    links = [annotation.get_object() for page in PdfReader(written).pages for annotation in page.get("/Annots", [])]
    assert [link["/A"]["/URI"] for link in links if "/A" in link] == ["https://example.org/appendix", "technical.html"]
    assert "table-1" in [link["/Dest"] for link in links if "/Dest" in link]


def test_a_table_that_fits_on_a_page_is_not_split(tmp_path):
    # Enough narrative that the table starts near the foot of page 1: without break-inside it would straddle.
    folder = write_folder(tmp_path / "report", html=report_html(TITLE, filler_paragraphs=24))
    texts = page_texts(pdf.write_pdf(folder, TITLE))
    first = next(n for n, text in enumerate(texts) if "Row 01" in text)
    last = next(n for n, text in enumerate(texts) if "Row 24" in text)
    assert len(texts) >= 2 and first == last != 0


def test_a_title_with_quotes_is_printed_as_written(report_folder):
    title = 'The "Hub" \\ report'
    assert title in page_texts(pdf.write_pdf(report_folder, title))[0]


def test_missing_system_libraries_are_named_not_a_traceback(report_folder, monkeypatch):
    def no_pango(name):
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")

    monkeypatch.setattr(pdf, "import_module", no_pango)
    with pytest.raises(BuildError, match=r"apt-get install libpango-1\.0-0 libpangoft2-1\.0-0"):
        pdf.write_pdf(report_folder, TITLE)
    assert not (report_folder / "report.pdf").exists()
    assert (report_folder / "report.html").exists()


def test_a_folder_without_report_html_is_a_clear_error(tmp_path):
    with pytest.raises(BuildError, match=r"no report\.html"):
        pdf.write_pdf(tmp_path, TITLE)
