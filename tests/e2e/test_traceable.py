"""Every number traceable, on built reports: the 2015-16 district report and the 2020-21 report of the Bradford South
area, each of all five sections, from seeded synthetic data. In report.html every number of the narrative (the
sentences the section notebooks say, and the data-quality part) and of the key headlines links to the definition of
its figure on technical.html, names a key of figures.json and reads as its value there; headlines.md stays plain."""

from __future__ import annotations

import html
import json
import pickle
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import nbformat
import pytest

from helpers import paths, synthetic
from helpers.build import run as build
from helpers.display import section as section_module
from helpers.display.narrative import NarrativeFormatter, linked_html, plain_text
from helpers.display.section import PUBLICATION_ENV
from helpers.params import Params, resolve
from helpers.sections import SECTIONS
from traceable_links import LINK, PRIVATE_USE, reads_as, unlinked_numbers

NUMBER_SPECS = re.compile(r"count|pct|num1|whole|bracketed_pct|[,.\d]*f")  # the specs that write a number
SAID = r'<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-OutputArea-output"[^>]*>(.*?)</div>'
QUALITY = r'(<h2 id="Data-quality">.*?)</div>'
# (year, the data folder under the generated one and its risk scale, overrides): the reports built and checked.
REPORTS = {
    "district 2015-16": ("2015-16", "", {}),
    "Bradford South 2020-21": ("2020-21", "ce", {"area": "Bradford South"}),
}


class Built(NamedTuple):
    params: Params
    folder: Path
    publication: Path  # the report as the build handed it to the section kernels


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """Seeded synthetic extracts on the cse scale, with their ce copy in ce/, as `make data` lays them out."""
    folder = tmp_path_factory.mktemp("data") / "synthetic"
    frames = synthetic.generate(seed=7)
    synthetic.write(frames, folder, "cse")
    synthetic.write(frames, folder / "ce", "ce")
    return folder


@pytest.fixture(scope="module", params=list(REPORTS))
def report(request, data, tmp_path_factory) -> Built:
    year, extracts, overrides = REPORTS[request.param]
    params = resolve(year, overrides={"data_dir": str(data / extracts), **overrides})
    out_root = tmp_path_factory.mktemp("outputs")
    folder = build.build(params, out_root)
    # The report as the build handed it to the section kernels, from the year the build decided (outputs/.cache).
    (decided,) = out_root.glob(f".cache/year-{year}-*.pickle")
    publication = tmp_path_factory.mktemp("publication") / "report.pickle"
    publication.write_bytes(pickle.dumps(pickle.loads(decided.read_bytes()).report(params)))
    return Built(params, folder, publication)


def narrative(page: str) -> list[str]:
    """The paragraphs (and list items) of report.html's narrative: what each section notebook said, and the
    data-quality part; split at each paragraph's end, so that no word of it is left out."""
    said = re.findall(SAID, page, flags=re.S) + re.findall(QUALITY, page, flags=re.S)
    return [paragraph for part in said for paragraph in re.split(r"</(?:p|li)>", part) if words_of(paragraph)]


def words_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def test_every_number_of_the_narrative_links_to_its_figure(report):
    page = (report.folder / "report.html").read_text()
    assert all(f">{section.title}<" in page for section in SECTIONS)  # all five sections were built
    paragraphs = narrative(page)
    assert len(paragraphs) > 40
    assert "Every record passed the plausibility rules" in paragraphs[-1]  # the data-quality part is there
    for paragraph in paragraphs:
        assert unlinked_numbers(paragraph) == [], f"numbers with no link in: {words_of(paragraph)}"
    assert len(LINK.findall("".join(paragraphs))) > 60


def test_every_figure_link_names_a_published_and_defined_key(report):
    page, notes = (report.folder / "report.html").read_text(), (report.folder / "technical.html").read_text()
    figures = json.loads((report.folder / "figures.json").read_text())
    for key, text in LINK.findall(page):
        assert key in figures, f"{key} is linked but not in figures.json"
        assert f'<dt id="{key}">' in notes, f"{key} is linked but not defined in technical.html"
        assert reads_as(html.unescape(text), figures[key]), f"{text!r} links to {key}, which is {figures[key]!r}"
    assert not PRIVATE_USE.search(page)


def replay_narrative(notebook: Path, params: Params, monkeypatch) -> tuple[list[tuple[str | None, str]], list[str]]:
    """Runs a section notebook's code in this process as the build's kernel ran it, recording every number that a
    count/pct/num1/whole/bracketed_pct or fixed-point (`.2f`) spec writes, with the key it was marked with (None: no
    key), and the Markdown of each narrative paragraph shown."""
    written: list[tuple[str | None, str]] = []
    format_field = NarrativeFormatter.format_field

    def recording(self, value, spec):
        text = format_field(self, value, spec)
        if NUMBER_SPECS.fullmatch(spec) and plain_text(text).strip(" ()") not in ("", "some", "not available"):
            links = LINK.findall(linked_html(text))
            written.append(links[0] if links else (None, text.strip(" ()")))
        return text

    shown: list[dict] = []
    monkeypatch.setattr(NarrativeFormatter, "format_field", recording)
    monkeypatch.setattr(section_module, "display", lambda data, raw=False: shown.append(data))
    namespace: dict = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, str(notebook), "exec"), namespace)
            if "parameters" in cell.metadata.get("tags", []):
                namespace.update(params.to_mapping())  # what papermill injects after the parameters cell
    return written, [data["text/markdown"] for data in shown if "text/markdown" in data]


def built_narrative(notebook: Path) -> list[str]:
    """The Markdown of the narrative paragraphs of an executed notebook, in order."""
    return [
        output["data"]["text/markdown"]
        for cell in nbformat.read(notebook, as_version=4).cells
        for output in cell.get("outputs", [])
        if "text/markdown" in output.get("data", {})
    ]


def test_every_number_the_narrative_specs_write_is_linked(report, monkeypatch):
    """Each section notebook is run again here, in this process, on the same publication, recording every number a
    spec writes; the run must show the very narrative the build published, every number it recorded must carry a
    key, and report.html's narrative must hold each as a link. (The numbers of the words a section wrote, which no
    spec writes, are checked on report.html itself by the first test.)"""
    monkeypatch.setenv(PUBLICATION_ENV, str(report.publication))
    in_report = Counter(
        LINK.findall("".join(re.findall(SAID, (report.folder / "report.html").read_text(), flags=re.S)))
    )
    recorded = Counter()
    for section in SECTIONS:
        written, shown = replay_narrative(paths.notebooks_dir() / section.notebook, report.params, monkeypatch)
        recorded[section.slug] = len(written)
        built = built_narrative(report.folder / "sections" / section.notebook)
        assert shown == built, f"{section.notebook} ran differently"
        assert [text for key, text in written if key is None] == [], f"{section.notebook} writes numbers with no key"
        missing = Counter((key, html.escape(text)) for key, text in written) - in_report
        assert not missing, f"numbers of {section.notebook} not linked in report.html: {sorted(missing)}"
    assert recorded["strategic"] >= 10  # the strategic narrative alone writes a dozen numbers by its specs
    assert recorded["wards"] >= 4


def test_the_headlines_link_their_numbers_and_headlines_md_stays_plain(report):
    page = (report.folder / "report.html").read_text()
    plain = [line[2:] for line in (report.folder / "headlines.md").read_text().splitlines() if line.startswith("- ")]
    items = re.findall(
        r"<li>(.*?) <a href=\"#[^\"]+\">See [^<]+</a></li>",
        re.search(r'<ul class="headlines">(.*?)</ul>', page, flags=re.S)[1],
    )
    assert len(plain) >= 5
    assert len(items) == len(plain)
    for text, item in zip(plain, items, strict=True):
        assert not re.search("[<\ue000-\uf8ff]", text)
        assert html.unescape(LINK.sub(r"\2", item)) == text
        assert LINK.search(item), f"no number linked in: {text}"
        assert unlinked_numbers(item) == [], f"a number with no link in: {text}"
