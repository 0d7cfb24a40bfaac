"""No identifier or date of birth from the inputs reaches any output; unsuppressed builds say so on every page."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers import synthetic
from helpers.build import run as build
from helpers.build.privacy import find_leaks, parameter_dates
from helpers.build.report import UNSUPPRESSED_BANNER
from helpers.inputs.loading import load_extracts
from helpers.inputs.schema import IDENTIFIER_COLUMNS
from helpers.params import resolve
from helpers.year import load_year, publish_year

PLANTED = "ZQXPLANT"  # a prefix no report text contains, so a substring search is exact


def planted_frames() -> dict[str, pd.DataFrame]:
    """Synthetic extracts whose every identifier carries a distinctive prefix, consistently across files."""
    frames = synthetic.generate(seed=11)
    for frame in frames.values():
        for column in IDENTIFIER_COLUMNS:
            if column in frame:
                frame[column] = PLANTED + frame[column].astype(str)
    return frames


@pytest.fixture(scope="module")
def planted_build(tmp_path_factory) -> tuple[Path, dict[str, pd.DataFrame], Path]:
    frames = planted_frames()
    data = tmp_path_factory.mktemp("planted") / "data"
    synthetic.write(frames, data, "cse")
    out = tmp_path_factory.mktemp("outputs")
    folder = build.build(resolve("2015-16", overrides={"data_dir": str(data)}), out)
    return folder, frames, data


def _output_texts(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8", errors="replace")
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_no_planted_identifier_in_any_output_file(planted_build):
    folder, *_ = planted_build
    texts = _output_texts(folder)
    assert any(name.endswith(".ipynb") for name in texts) and "report.html" in texts
    for name, text in texts.items():
        assert PLANTED not in text, f"{name} holds an identifier from the inputs"


def test_no_date_of_birth_in_any_output_file(planted_build):
    folder, frames, _ = planted_build
    births = pd.to_datetime(frames["episodes"]["date_of_birth"]).drop_duplicates()
    written = {d.strftime("%Y-%m-%d") for d in births} | {d.strftime("%d/%m/%Y") for d in births}
    for name, text in _output_texts(folder).items():
        found = sorted(w for w in written if w in text)
        assert not found, f"{name} holds {len(found)} dates of birth from the inputs"


def test_figures_publish_no_count_below_the_threshold(planted_build):
    folder, _, data = planted_build
    figures = json.loads((folder / "figures.json").read_text())
    params = resolve("2015-16", overrides={"data_dir": str(data)})
    # Which figures are counts of people or crimes is what the sections declare, not a pattern of key names.
    counts = publish_year(params, *load_year(params)).report(params).count_keys
    assert {"management.occurrences", "management.female", "strategic.new_referrals"} <= set(counts)
    for key in counts:
        assert figures[key] in ("c", None, 0) or figures[key] >= 10, key


def test_the_leak_check_finds_a_planted_identifier(tmp_path):
    frames = planted_frames()
    data = tmp_path / "data"
    synthetic.write(frames, data, "cse")
    extracts = load_extracts(data, "cse")
    out = tmp_path / "out"
    out.mkdir()
    (out / "table.csv").write_text(f"ward,children\nx,{frames['episodes']['child_id'].iloc[5]}\n")
    (out / "notes.md").write_text(f"born {pd.Timestamp(frames['episodes']['date_of_birth'].iloc[3]):%d/%m/%Y}\n")
    (out / "log.txt").write_text(f"see 2016/{frames['crimes']['crime_id'].iloc[2]}.\n")
    leaks = find_leaks(out, extracts)
    assert leaks == [
        "log.txt holds a crime_id from the inputs",
        "notes.md holds a date_of_birth from the inputs",
        "table.csv holds a child_id from the inputs",
    ]


def test_the_leak_check_finds_references_written_with_slashes(tmp_path):
    frames = synthetic.generate(seed=2)
    frames["crimes"]["crime_id"] = "13/" + frames["crimes"]["crime_id"].str[2:] + "/16"
    frames["crime_suspects"]["crime_id"] = "13/" + frames["crime_suspects"]["crime_id"].str[2:] + "/16"
    synthetic.write(frames, tmp_path / "data", "cse")
    extracts = load_extracts(tmp_path / "data", "cse")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "figures.json").write_text(f'{{"x": "{frames["crimes"]["crime_id"].iloc[0]}"}}')
    assert find_leaks(tmp_path / "out", extracts) == ["figures.json holds a crime_id from the inputs"]


def test_an_embedded_chart_is_not_read_as_text_but_the_words_beside_it_are(tmp_path):
    frames = synthetic.generate(seed=2)
    synthetic.write(frames, tmp_path / "data", "cse")
    extracts = load_extracts(tmp_path / "data", "cse")
    child = frames["episodes"]["child_id"].iloc[0]
    out = tmp_path / "out"
    out.mkdir()
    # By chance a chart's base64 can spell an identifier; it is pixels, not words a reader sees.
    png = f"data:image/png;base64,iVBORw0KGgo+{child}+AAA="
    (out / "report.html").write_text(f'<img src="{png}" alt="A chart">')
    (out / "section.ipynb").write_text(
        f'{{"data": {{"image/png": "iVBORw0KGgo+{child}\\nAAA=", "text/html": "<img src=\\"{png}\\">"}}}}'
    )
    assert find_leaks(out, extracts) == []
    (out / "report.html").write_text(f'<img src="{png}" alt="Child {child}">')
    assert find_leaks(out, extracts) == ["report.html holds a child_id from the inputs"]
    # The same text anywhere but an image's source, or not a PNG, is read.
    (out / "report.html").write_text(f"<td>data:image/png;base64,iVBORw0KGgo+{child}</td>")
    (out / "section.ipynb").write_text(f'{{"data": {{"image/png": "{child}"}}}}')
    assert find_leaks(out, extracts) == [
        "report.html holds a child_id from the inputs",
        "section.ipynb holds a child_id from the inputs",
    ]


def test_an_unsuppressed_build_carries_the_banner_on_every_page(tmp_path):
    data = tmp_path / "data"
    synthetic.write(synthetic.generate(seed=3), data, "cse")
    params = resolve("2015-16", overrides={"data_dir": str(data), "suppression_threshold": 0})
    folder = build.build(params, tmp_path / "outputs", only=["strategic"])
    assert folder.name == "2015-16-unsuppressed"
    pages = [folder / "report.html", *sorted((folder / "sections").glob("*.html"))]
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text()
        banner = text.index(f'<div class="hub-banner" role="note">{UNSUPPRESSED_BANNER}</div>')
        assert banner < text.index('<div class="jp-Cell'), f"{page.name}: the banner is not at the top"
    assert "position: fixed" in (folder / "report.html").read_text()  # repeated on every printed page
    assert not (tmp_path / "outputs" / "2015-16").exists()


def test_a_birth_date_the_parameters_state_is_not_a_leak(tmp_path):
    frames = synthetic.generate(seed=6)
    episodes = frames["episodes"]
    # A child born on a day the report states, on every episode of the child (one date of birth per child).
    episodes.loc[episodes["child_id"] == episodes.loc[0, "child_id"], "date_of_birth"] = "2009-07-01"
    synthetic.write(frames, tmp_path / "data", "cse")
    extracts = load_extracts(tmp_path / "data", "cse")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notebook.ipynb").write_text('{"non_recent_before": "2009-07-01"}')
    assert find_leaks(tmp_path / "out", extracts) == ["notebook.ipynb holds a date_of_birth from the inputs"]
    stated = parameter_dates(["2009-07-01", ["2015-07-01", "2016-06-30"], 10, ["2015-04"]])
    assert {pd.Timestamp("2009-07-01"), pd.Timestamp("2014-07-01")} <= stated  # and a year before, as compared
    assert pd.Timestamp("2015-04-01") not in stated  # a month is not a stated day
    assert find_leaks(tmp_path / "out", extracts, stated_dates=stated) == []


MARKUP = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def build_from_a_home_folder(tmp_path_factory):
    """Extracts in a data folder under a made-up user's home directory, the folder's name holding markup."""
    home = tmp_path_factory.mktemp("home") / "zqxuser"
    data = home / f"extracts {MARKUP}"
    frames = synthetic.generate(seed=11)
    frames["crimes"]["offence_description"] = MARKUP  # free text of the inputs, never published
    synthetic.write(frames, data, "cse")
    out = tmp_path_factory.mktemp("outputs")
    folder = build.build(resolve("2015-16", overrides={"data_dir": str(data)}), out, only=["strategic", "crimes"])
    return folder, home


def test_no_path_or_user_name_of_the_machine_in_any_output(build_from_a_home_folder):
    folder, home = build_from_a_home_folder
    for name, text in _output_texts(folder).items():
        assert "zqxuser" not in text and str(home) not in text, f"{name} names the machine's folders"
        assert str(folder.parent) not in text and ".building-" not in text, f"{name} names the build's folders"


def test_markup_from_the_inputs_never_reaches_a_page_as_markup(build_from_a_home_folder):
    folder, _ = build_from_a_home_folder
    pages = list(folder.rglob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        assert MARKUP not in page.read_text(encoding="utf-8"), f"{page.name} holds markup from the inputs"
