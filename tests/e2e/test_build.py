"""End to end: build one year on synthetic data; report.html, tables, figures.json and manifest.json agree."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from importlib.metadata import version
from pathlib import Path

import pytest

import output_contract
from helpers import paths, synthetic
from helpers.build import run as build
from helpers.build.notebooks import section_notebooks
from helpers.build.privacy import find_leaks
from helpers.errors import InputError
from helpers.inputs.scope import load_data
from helpers.params import resolve
from helpers.year import load_year, publish_year


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("data") / "synthetic"
    synthetic.write(synthetic.generate(seed=7), folder, "cse")
    return folder


@pytest.fixture(scope="module")
def built(data_dir, tmp_path_factory):
    params = resolve("2015-16", overrides={"data_dir": str(data_dir)})
    out_root = tmp_path_factory.mktemp("outputs")
    folder = build.build(params, out_root)
    return params, out_root, folder


def test_the_layout_is_complete(built):
    _, out_root, folder = built
    assert folder == out_root / "2015-16"
    for name in (
        "report.html",
        "figures.json",
        "manifest.json",
        "headlines.md",
        "sections/01_strategic.ipynb",
        "sections/01_strategic.html",
        "tables/strategic_referrals_by_year.csv",
        "tables/strategic_referrals_by_quarter.csv",
        "tables/strategic_age_by_gender.csv",
    ):
        assert (folder / name).is_file(), name
    assert not list(out_root.glob(".building-*"))


@pytest.fixture(scope="module")
def published(built):
    params, _, _ = built
    extracts, reference = load_year(params)
    return publish_year(params, extracts, reference).report(params)


def test_figures_json_agrees_with_the_year_publication(built, published):
    _, _, folder = built
    written = json.loads((folder / "figures.json").read_text())
    expected = {k: v for k, v in published.figures.items() if k.startswith("strategic.")}
    assert {k: v for k, v in written.items() if k.startswith("strategic.")} == expected
    assert expected["strategic.months_in_year"] == 12


def test_tables_agree_with_the_year_publication(built, published):
    _, _, folder = built
    for name in (
        "strategic_referrals_by_year",
        "strategic_referrals_by_quarter",
        "strategic_monthly_referrals",
        "strategic_age_by_gender",
    ):
        written = (folder / "tables" / f"{name}.csv").read_text()
        assert written == published.tables[name].to_csv()


def test_report_shows_the_figures_and_headlines_without_code_or_network(built):
    _, _, folder = built
    linked = (folder / "report.html").read_text()
    page = re.sub(r'<a class="figure" href="technical.html#[^"]*">([^<]*)</a>', r"\1", linked)  # the words read
    figures = json.loads((folder / "figures.json").read_text())
    assert f"there were {figures['strategic.episodes_in_year']:,} episodes" in page
    assert f"{figures['strategic.children']:,} individual children" in page
    headlines = [line[2:] for line in (folder / "headlines.md").read_text().splitlines() if line.startswith("- ")]
    assert len(headlines) >= 4
    for headline in headlines:
        assert html.escape(headline) in page
    order = [
        page.index(f'id="{heading}"')
        for heading in ("Key-headlines", "Strategic-overview", "Data-quality", "About-this-report", "Accessibility")
    ]
    assert order == sorted(order)
    assert '<a href="technical.html">' in page and '<a href="changes.html">' in page
    assert "<script" not in page and "jp-InputArea-editor" not in page and "jp-CodeMirrorEditor" not in page
    assert 'src="http' not in page and 'href="http' not in page
    assert page.count('src="data:image/png;base64,') == page.count("<img") >= 4
    assert "Table 1.1: New referrals and episodes by financial year" in page
    analyst_page = (folder / "sections" / "01_strategic.html").read_text()
    assert 'href="../technical.html#strategic.episodes_in_year"' in analyst_page  # from sections/, one level up
    assert 'href="technical.html#' not in analyst_page


def test_manifest_records_provenance(built, data_dir):
    params, _, folder = built
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["parameters"] == {**params.to_mapping(), "data_dir": "synthetic"}  # no path of the machine
    assert manifest["suite_version"] == version("cse-hub-report") and manifest["disclosure_audit"]["passed"]
    by_extract = {entry["extract"]: entry for entry in manifest["inputs"]}
    episodes = data_dir / "episodes.csv"
    assert by_extract["episodes"]["sha256"] == hashlib.sha256(episodes.read_bytes()).hexdigest()
    assert by_extract["episodes"]["rows"] == len(episodes.read_text().splitlines()) - 1
    assert [s["notebook"] for s in manifest["sections"]] == [p.stem for p in section_notebooks(paths.notebooks_dir())]
    assert all(len(s["fingerprint"]) == 64 and s["reused"] is False for s in manifest["sections"])
    assert manifest["package_versions"]["papermill"] == "2.7.0"
    assert manifest["start_time"] <= manifest["end_time"]


def test_no_identifier_or_birth_date_reaches_the_outputs(built):
    params, _, folder = built
    data, _ = load_data(params)
    assert find_leaks(folder, data) == []


def test_the_output_contract_holds(built, published):
    _, _, folder = built
    assert output_contract.problems(folder, published.count_keys) == []


def test_a_failed_build_leaves_the_previous_report_untouched(built, data_dir, tmp_path):
    _params, out_root, folder = built
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    broken = tmp_path / "broken"
    shutil.copytree(data_dir, broken)
    episodes = (broken / "episodes.csv").read_text().splitlines()
    episodes[3] = episodes[3].replace(episodes[3].split(",")[2], "29/03/2016", 1)
    (broken / "episodes.csv").write_text("\n".join(episodes) + "\n")
    with pytest.raises(InputError, match=r"episodes\.csv"):
        build.build(resolve("2015-16", overrides={"data_dir": str(broken)}), out_root)
    after = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before
    assert not list(out_root.glob(".building-*"))


def test_the_technical_notes_define_every_published_figure(built):
    _, _, folder = built
    notes = (folder / "technical.html").read_text()
    for key in json.loads((folder / "figures.json").read_text()):
        assert f'<dt id="{key}">' in notes, f"{key} has no definition in technical.html"
    assert '<a href="report.html">Back to the report</a>' in notes and "Reports audited together" in notes


def test_the_publication_pack_and_the_log_are_written(built):
    _, _, folder = built
    for name in (
        "report.pdf",
        "tables.xlsx",
        "tidy/published_values.csv",
        "tidy/metadata.json",
        "changes.md",
        "changes.html",
        "build.log",
        "technical.html",
    ):
        assert (folder / name).is_file(), name
    log = (folder / "build.log").read_text()
    assert "validating the extracts in synthetic" in log and "Checking every output" in log
