"""report.pdf: the report for committee papers, A4, made from report.html with WeasyPrint.

The page layout is the print part of the report's own stylesheet (templates/hub/report.css:
`@page` and `@media print`): A4, "Page N of M", tables and charts kept whole where they fit,
collapsed "Data behind Figure" tables left out. The title in the footer is added here, as it is
the one rule that differs between reports. Links stay links in the PDF.
"""

from __future__ import annotations

import contextlib
import logging
import re
from importlib import import_module
from pathlib import Path

from helpers.errors import BuildError

PDF_FILE = "report.pdf"
SYSTEM_LIBRARIES = (
    "WeasyPrint cannot load the system libraries it draws text with (Pango): install them, "
    "e.g. `apt-get install libpango-1.0-0 libpangoft2-1.0-0` on Debian or Ubuntu, "
    "`brew install pango` on macOS; report.html is unaffected"
)


def css_string(text: str) -> str:
    """A CSS string literal holding `text` exactly."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def footer_css(title: str) -> str:
    return f"@page {{ @bottom-left {{ content: {css_string(title)}; }} }}"


def printed(page: str) -> str:
    """The page as it prints: the collapsed "Data behind Figure" tables (hidden on paper by the print
    stylesheet) taken out before layout, which spares WeasyPrint styling a third of the report's elements."""
    return re.sub(r"<details>.*?</details>", "", page, flags=re.S)


def prepare() -> None:
    """Load WeasyPrint ahead of the PDF (in the process that will lay it out), when it loads at all: the
    failure is reported by write_pdf."""
    with contextlib.suppress(BuildError):
        _weasyprint()


def _weasyprint():
    """WeasyPrint, or a BuildError saying what to install: it loads Pango when first imported."""
    try:
        return import_module("weasyprint")
    except OSError as error:
        raise BuildError(f"{SYSTEM_LIBRARIES} ({error})") from None


def write_pdf(folder: Path, title: str) -> Path:
    """Make report.pdf from the folder's report.html; the title goes in every page's footer."""
    source = folder / "report.html"
    if not source.is_file():
        raise BuildError(f"{folder} is not a finished report folder: it has no report.html")
    weasyprint = _weasyprint()
    # WeasyPrint logs every CSS property it does not support (JupyterLab's, ours for screens) as a warning.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    target = folder / PDF_FILE
    try:
        # No base URL: a link to a file beside the report (technical.html) stays relative in the PDF
        # instead of becoming this machine's absolute path; the page needs no other file (images are inline).
        document = weasyprint.HTML(string=printed(source.read_text(encoding="utf-8")), base_url=None).render(
            stylesheets=[weasyprint.CSS(string=footer_css(title))]
        )
        document.write_pdf(str(target))
    except OSError as error:
        target.unlink(missing_ok=True)
        if "library" in str(error):  # cffi's "cannot load library ...", when Pango is first called
            raise BuildError(f"{SYSTEM_LIBRARIES} ({error})") from None
        raise BuildError(f"could not write {PDF_FILE}: {error.strerror or error}") from None
    return target
