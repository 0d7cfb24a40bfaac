"""The synthetic generator: deterministic, within the input contract, and near the published levels.

The contract checks are written directly with pandas (not through the loader), and the headline
figures are computed here by the definitions of docs/measures.md, so a change to the
generator that breaks either shows up here first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import synthetic
from helpers.inputs.reference import (
    EXPLOITATION_TYPES,
    GENDERS,
    MANAGEMENT_RISK_LEVELS,
    MANAGEMENT_STATUSES,
    OUT_OF_AREA,
    OUTSIDE_DISTRICT,
    RISK_SCALES,
    SOCIAL_CARE_STATUSES,
    load_reference,
)
from helpers.inputs.schema import EXTRACTS

DATE_COLUMNS = {
    "episodes": ("start_date", "end_date", "date_of_birth"),
    "risk_assessments": ("assessment_date",),
    "social_care_status": ("start_date", "end_date"),
    "crimes": ("recorded_date", "committed_date"),
    "suspect_management": ("created_date",),
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return synthetic.generate(seed=synthetic.DEFAULT_SEED)


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def _codes(series: pd.Series) -> pd.Series:
    """Codes as the loader matches them: trimmed, ignoring case."""
    return series.str.strip().str.casefold()


def _folded(labels) -> set[str]:
    return {label.casefold() for label in labels}


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series.replace("", None))


def _age(birth_dates: pd.Series, on_dates: pd.Series) -> pd.Series:
    """Calendar age in whole years."""
    birth, on = _dates(birth_dates), _dates(on_dates)
    return (
        on.dt.year
        - birth.dt.year
        - ((on.dt.month < birth.dt.month) | ((on.dt.month == birth.dt.month) & (on.dt.day < birth.dt.day)))
    )


def _open_on(episodes: pd.DataFrame, day: str) -> pd.DataFrame:
    """Episodes open on a day (figures.md: an episode closed on the day is not open on it)."""
    return episodes[(episodes["start_date"] <= day) & ((episodes["end_date"] == "") | (episodes["end_date"] > day))]


def _latest_per_child(episodes: pd.DataFrame) -> pd.DataFrame:
    return episodes.sort_values(["start_date", "episode_id"]).drop_duplicates("child_id", keep="last")


def _level_on(assessments: pd.DataFrame, day: str) -> pd.Series:
    """Each episode's level on a day: its latest assessment on or before it, the last listed on ties."""
    return assessments[assessments["assessment_date"] <= day].groupby("episode_id")["risk_level"].last()


def _episodes_in_year(episodes: pd.DataFrame, first_year: int) -> pd.DataFrame:
    start, end = f"{first_year}-04-01", f"{first_year + 1}-03-31"
    return episodes[(episodes["start_date"] <= end) & ((episodes["end_date"] == "") | (episodes["end_date"] >= start))]


# --- Determinism and shape ---------------------------------------------------------------------


def test_same_seed_gives_identical_frames(frames):
    again = synthetic.generate(seed=synthetic.DEFAULT_SEED)
    assert list(again) == list(frames)
    for name in frames:
        pd.testing.assert_frame_equal(again[name], frames[name])


def test_another_seed_gives_another_history(frames):
    other = synthetic.generate(seed=synthetic.DEFAULT_SEED + 1)
    assert not other["episodes"].equals(frames["episodes"])
    assert not other["crimes"].equals(frames["crimes"])


def test_columns_are_the_contract_columns_in_order(frames):
    assert list(frames) == list(EXTRACTS)
    for name, frame in frames.items():
        assert list(frame.columns) == EXTRACTS[name].column_names, name
        assert frame.map(lambda value: isinstance(value, str)).all().all(), f"{name} holds a non-string value"


def test_dates_are_iso_and_none_after_the_extract_date(frames):
    for name, columns in DATE_COLUMNS.items():
        for column in columns:
            values = frames[name][column]
            given = values[values != ""]
            assert given.map(lambda v: bool(ISO_DATE.fullmatch(v))).all(), f"{name}.{column}"
            pd.to_datetime(given, format="%Y-%m-%d")  # raises on an impossible date
            assert given.max() <= synthetic.EXTRACT_DATE, f"{name}.{column}"
            if EXTRACTS[name].columns[EXTRACTS[name].column_names.index(column)].required:
                assert (values != "").all(), f"{name}.{column} has blanks"


def test_identifiers_are_unique_with_a_prefix_per_kind(frames):
    patterns = {
        ("episodes", "episode_id"): r"E\d{7}",
        ("episodes", "child_id"): r"C\d{6}",
        ("crimes", "crime_id"): r"CR\d{7}",
        ("crime_suspects", "person_id"): r"P\d{5}",
        ("suspect_management", "person_id"): r"P\d{5}",
        ("suspect_management", "occurrence_id"): r"SM\d{6}",
    }
    for (name, column), pattern in patterns.items():
        assert frames[name][column].str.fullmatch(pattern).all(), f"{name}.{column}"
    for name, column in (("episodes", "episode_id"), ("crimes", "crime_id"), ("suspect_management", "occurrence_id")):
        assert frames[name][column].is_unique, f"{name}.{column}"


# --- The contract's rules ------------------------------------------------------------------------


def test_episodes_follow_the_contract(frames, reference):
    episodes = frames["episodes"]
    closed = episodes[episodes["end_date"] != ""]
    assert (closed["end_date"] >= closed["start_date"]).all()
    assert (episodes["date_of_birth"] < episodes["start_date"]).all()
    assert _age(episodes["date_of_birth"], episodes["start_date"]).between(0, 17).all()
    assert _codes(episodes["gender"]).isin(_folded(GENDERS)).all()
    assert _codes(episodes["ethnicity"]).isin(_folded(reference.ethnicity["ethnicity"]) | {""}).all()
    wards = _folded(reference.wards["ward_code"]) | {OUT_OF_AREA.casefold(), ""}
    assert _codes(episodes["ward_code"]).isin(wards).all()
    assert _codes(episodes["exploitation_type"]).isin(_folded(EXPLOITATION_TYPES) | {""}).all()


def test_assessments_belong_to_episodes_and_fall_within_them(frames):
    episodes = frames["episodes"].set_index("episode_id")
    assessments = frames["risk_assessments"]
    assert assessments["episode_id"].isin(episodes.index).all()
    start = assessments["episode_id"].map(episodes["start_date"])
    end = assessments["episode_id"].map(episodes["end_date"])
    assert (assessments["assessment_date"] >= start).all()
    assert ((end == "") | (assessments["assessment_date"] <= end)).all()
    assert set(assessments["risk_level"]) == set(RISK_SCALES["cse"])


def test_social_care_periods_follow_the_contract(frames):
    periods = frames["social_care_status"]
    assert periods["child_id"].isin(frames["episodes"]["child_id"]).all()
    assert _codes(periods["status"]).isin(_folded(SOCIAL_CARE_STATUSES)).all()
    ended = periods[periods["end_date"] != ""]
    assert (ended["end_date"] >= ended["start_date"]).all()


def test_crimes_follow_the_contract(frames, reference):
    crimes = frames["crimes"]
    ages = pd.to_numeric(crimes["victim_age"].replace("", None))
    assert ages.dropna().between(0, 17).all()
    assert set(crimes["cse_flag"]) == {"true", "false"}
    assert _codes(crimes["victim_gender"]).isin(_folded(GENDERS) | {""}).all()
    assert crimes["outcome"].isin(set(reference.crime_outcomes["outcome"]) | {""}).all()
    locations = _folded(reference.wards["ward_code"]) | {OUTSIDE_DISTRICT.casefold(), ""}
    assert _codes(crimes["location_ward_code"]).isin(locations).all()
    committed = crimes[crimes["committed_date"] != ""]
    assert (committed["committed_date"] <= committed["recorded_date"]).all()
    assert crimes.groupby("offence_code")["offence_description"].nunique().eq(1).all()


def test_outcomes_use_the_wording_of_their_time(frames, reference):
    crimes = frames["crimes"]
    wording = reference.crime_outcomes.set_index("outcome")["wording"]
    finalised = crimes[~crimes["outcome"].isin(["", "NEW"])]
    old = finalised["outcome"].map(wording).str.contains("2016 appendix")
    old |= finalised["outcome"] == "NB NO CRIME"
    assert (old == (finalised["recorded_date"] < "2016-04-01")).all()


def test_suspects_and_managed_suspects_follow_the_contract(frames):
    suspects = frames["crime_suspects"]
    assert suspects["crime_id"].isin(frames["crimes"]["crime_id"]).all()
    assert pd.to_numeric(suspects["age_at_offence"].replace("", None)).dropna().between(12, 70).all()
    assert _codes(suspects["gender"]).isin(_folded(GENDERS) | {""}).all()
    managed = frames["suspect_management"]
    assert _codes(managed["status"]).isin(_folded(MANAGEMENT_STATUSES)).all()
    assert _codes(managed["risk_level"]).isin(_folded(MANAGEMENT_RISK_LEVELS) | {""}).all()


def test_the_untidiness_of_real_extracts_is_there(frames, reference):
    episodes, assessments, crimes, suspects = (
        frames[n] for n in ("episodes", "risk_assessments", "crimes", "crime_suspects")
    )
    assert episodes["child_id"].duplicated().any(), "no repeat referrals"
    assert (episodes["ethnicity"] == "").any() and (episodes["ward_code"] == "").any()
    assert (_codes(episodes["ward_code"]) == OUT_OF_AREA.casefold()).any()
    assert not episodes["episode_id"].isin(assessments["episode_id"]).all(), "every episode is assessed"
    assert (crimes["committed_date"].str[:4] < "1960").any(), "no offences from the 1950s"
    assert assessments.duplicated(["episode_id", "assessment_date"]).any(), "no two assessments on one day"
    assert (episodes["end_date"] == "2016-03-29").any(), "no episode closes on the snapshot day"
    canonical = set(reference.ethnicity["ethnicity"]) | {""}
    assert not episodes["ethnicity"].isin(canonical).all(), "every ethnicity is tidy"
    assert not episodes["gender"].isin(GENDERS).all(), "every gender is tidy"
    assert suspects.duplicated(["crime_id", "person_id"]).any(), "nobody is listed twice on a crime"
    assert (suspects.drop_duplicates(["crime_id", "person_id"])["person_id"].value_counts() > 1).any()
    assert not crimes[crimes["cse_flag"] == "false"]["crime_id"].isin(suspects["crime_id"]).all()
    assert crimes[crimes["cse_flag"] == "false"]["crime_id"].isin(suspects["crime_id"]).any()


# --- Calibration: headline figures near the published ones ----------------------------------------


def test_new_referrals_2014_15_are_the_published_431(frames):
    starts = frames["episodes"]["start_date"]
    assert abs(starts.between("2014-04-01", "2015-03-31").sum() - 431) <= 10


def test_referrals_rise_quarter_on_quarter_in_2015_16(frames):
    starts = pd.to_datetime(frames["episodes"]["start_date"])
    in_year = starts[(starts >= "2015-04-01") & (starts <= "2016-03-31")]
    quarters = in_year.dt.to_period("Q").value_counts().sort_index().tolist()
    assert quarters == sorted(quarters) and len(quarters) == 4


def test_strategic_figures_2015_16(frames):
    episodes = frames["episodes"]
    in_year = _episodes_in_year(episodes, 2015)
    assert abs(len(in_year) - 713) <= 40
    assert abs((in_year["start_date"] < "2015-04-01").sum() - 63) <= 20
    children = in_year.groupby("child_id").size()
    assert abs(len(children) - 569) <= 40
    assert abs((children >= 2).sum() - 106) <= 20
    firsts = frames["risk_assessments"].sort_values("assessment_date", kind="stable").drop_duplicates("episode_id")
    no_risk = in_year["episode_id"].map(firsts.set_index("episode_id")["risk_level"]).eq("No CSE Risk").sum()
    assert 25 <= 100 * no_risk / len(in_year) <= 35
    male = _codes(_latest_per_child(in_year)["gender"]).eq("male").mean() * 100
    assert 15 <= male <= 21
    age = _age(in_year["date_of_birth"], in_year["start_date"])
    gender = _codes(in_year["gender"])
    assert age[gender == "female"].value_counts().idxmax() == 15
    assert age[gender == "male"].value_counts().idxmax() == 14
    assert 0 < (age < 10).sum() < 0.05 * len(in_year)


def test_strategic_figures_2016_17(frames):
    in_year = _episodes_in_year(frames["episodes"], 2016)
    assert abs(len(in_year) - 1153) <= 60
    assert abs((in_year["start_date"] < "2016-04-01").sum() - 282) <= 30
    assert abs(in_year["child_id"].nunique() - 861) <= 45
    male = _codes(_latest_per_child(in_year)["gender"]).eq("male").mean() * 100
    assert 11 <= male <= 17


def test_tactical_snapshot_29_march_2016(frames):
    day = "2016-03-29"
    children = _latest_per_child(_open_on(frames["episodes"], day))
    assert abs(len(children) - 288) <= 25
    levels = children["episode_id"].map(_level_on(frames["risk_assessments"], day)).fillna("Not set")
    shares = levels.value_counts(normalize=True) * 100
    assert (levels != "Not set").all()
    assert 8 <= shares["High"] <= 18 and 35 <= shares["Medium"] <= 48 and 34 <= shares["Low"] <= 47
    assert 6 <= _codes(children["gender"]).eq("male").mean() * 100 <= 15
    assert 5 <= _codes(children["ward_code"]).eq(OUT_OF_AREA.casefold()).mean() * 100 <= 12


def test_followup_to_1_august_2016(frames):
    assessments = frames["risk_assessments"]
    children = _latest_per_child(_open_on(frames["episodes"], "2016-03-29"))
    rank = {level: i for i, level in enumerate(RISK_SCALES["cse"])} | {"Closed": len(RISK_SCALES["cse"]) - 1}
    before = children["episode_id"].map(_level_on(assessments, "2016-03-29")).map(rank)
    closed = (children["end_date"] != "") & (children["end_date"] <= "2016-08-01")
    after = children["episode_id"].map(_level_on(assessments, "2016-08-01")).where(~closed, "Closed").map(rank)
    assert 62 <= (before == after).mean() * 100 <= 78
    assert 15 <= (after > before).mean() * 100 <= 28
    assert 4 <= (after < before).mean() * 100 <= 13
    assert abs(closed.sum() - 49) <= 15


def test_children_at_risk_each_month_of_2020_on_the_ce_scale(frames):
    ce = synthetic.relabel_risk_scale(frames, "ce")
    not_at_risk = {RISK_SCALES["ce"][-1], "Not set"}
    for month in pd.period_range("2020-01", "2020-12", freq="M"):
        day = month.end_time.strftime("%Y-%m-%d")
        open_episodes = _open_on(ce["episodes"], day)
        levels = open_episodes["episode_id"].map(_level_on(ce["risk_assessments"], day)).fillna("Not set")
        at_risk = open_episodes[~levels.isin(not_at_risk)]["child_id"].nunique()
        assert 283 <= at_risk <= 389, f"{month}: {at_risk}"


def test_cse_crimes_2015_16_and_their_suspects(frames):
    crimes = frames["crimes"]
    in_year = crimes[crimes["recorded_date"].between("2015-04-01", "2016-03-31")]
    cse = in_year[in_year["cse_flag"] == "true"]
    assert abs(len(in_year) - 531) <= 25
    assert abs(len(cse) - 109) <= 10
    links = frames["crime_suspects"].drop_duplicates(["crime_id", "person_id"])
    per_crime = links[links["crime_id"].isin(cse["crime_id"])].groupby("crime_id").size()
    assert abs(len(per_crime) - 75) <= 12
    assert abs(per_crime.sum() - 103) <= 25


def test_cse_crimes_2016_17_include_non_recent_offences(frames):
    crimes = frames["crimes"]
    cse = crimes[crimes["recorded_date"].between("2016-04-01", "2017-03-31") & (crimes["cse_flag"] == "true")]
    assert abs(len(cse) - 367) <= 20
    non_recent = cse[(cse["committed_date"] != "") & (cse["committed_date"] < "2016-04-01")]
    assert 25 <= 100 * len(non_recent) / len(cse) <= 40
    assert 30 <= 100 * (non_recent["committed_date"] < "2015-01-01").mean() <= 70


def test_suspect_management_july_2015_to_june_2016(frames):
    managed = frames["suspect_management"]
    in_period = managed[managed["created_date"].between("2015-07-01", "2016-06-30")]
    assert abs(len(in_period) - 135) <= 7
    assert abs(_codes(in_period["status"]).eq("under investigation").sum() - 126) <= 8


# --- Scale ---------------------------------------------------------------------------------------


def test_scale_multiplies_the_counts_and_keeps_the_shape(frames):
    larger = synthetic.generate(seed=synthetic.DEFAULT_SEED, scale=10)
    ratio = len(larger["episodes"]) / len(frames["episodes"])
    assert 9.5 <= ratio <= 10.5
    assert larger["episodes"]["start_date"].between("2014-04-01", "2015-03-31").sum() == 4310
    in_year = _episodes_in_year(larger["episodes"], 2015)
    assert abs(len(in_year) - 7130) <= 250
    children = _latest_per_child(_open_on(larger["episodes"], "2016-03-29"))
    assert abs(len(children) - 2880) <= 200


def test_scale_must_be_positive():
    with pytest.raises(ValueError, match="scale must be positive, not 0"):
        synthetic.generate(scale=0)


# --- Writing ---------------------------------------------------------------------------------------


def _read_folder(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False) for name in EXTRACTS}


def test_write_round_trips_and_relabels_the_risk_scale(frames, tmp_path):
    out = synthetic.write(frames, tmp_path / "data", "ce", seed=7, scale=1.0)
    written = _read_folder(out)
    for name in ("episodes", "crimes", "crime_suspects", "suspect_management", "social_care_status"):
        pd.testing.assert_frame_equal(written[name], frames[name], check_dtype=False)
    relabelled = frames["risk_assessments"]["risk_level"].map(dict(zip(RISK_SCALES["cse"], RISK_SCALES["ce"])))
    assert written["risk_assessments"]["risk_level"].tolist() == relabelled.tolist()
    metadata = json.loads((out / "generated.json").read_text())
    assert metadata["seed"] == 7 and metadata["risk_scale"] == "ce"
    assert metadata["last_date"] <= synthetic.EXTRACT_DATE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"], "a temporary folder was left behind"


def test_write_replaces_a_folder_whole_and_keeps_its_subfolders(frames, tmp_path):
    target = tmp_path / "data"
    (target / "ce").mkdir(parents=True)
    (target / "stale.csv").write_text("old")
    synthetic.write(frames, target, "cse")
    assert not (target / "stale.csv").exists()
    assert (target / "ce").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_failed_write_leaves_nothing_behind(frames, tmp_path):
    incomplete = {name: frame for name, frame in frames.items() if name != "suspect_management"}
    with pytest.raises(KeyError):
        synthetic.write(incomplete, tmp_path / "data", "cse")
    assert list(tmp_path.iterdir()) == []


def test_cli_writes_both_scales_byte_for_byte_reproducibly(tmp_path, capsys):
    for run in ("first", "second"):
        assert synthetic.main(["--out", str(tmp_path / run), "--seed", "11"]) == 0
    output = capsys.readouterr().out.splitlines()
    assert len(output) == 4 and all(line.startswith("wrote ") for line in output)
    for folder in ("", "ce"):
        for name in [*EXTRACTS, "generated"]:
            suffix = ".json" if name == "generated" else ".csv"
            first = (tmp_path / "first" / folder / f"{name}{suffix}").read_bytes()
            assert first == (tmp_path / "second" / folder / f"{name}{suffix}").read_bytes(), f"{folder}/{name}"
    cse_levels = set(pd.read_csv(tmp_path / "first" / "risk_assessments.csv", dtype=str)["risk_level"])
    ce_levels = set(pd.read_csv(tmp_path / "first" / "ce" / "risk_assessments.csv", dtype=str)["risk_level"])
    assert cse_levels == set(RISK_SCALES["cse"]) and ce_levels == set(RISK_SCALES["ce"])
