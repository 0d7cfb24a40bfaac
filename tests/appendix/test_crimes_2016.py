"""The 2015/16 appendix's crimes figures reproduced from record-level extracts read by the loader: the outcome
table, the child sexual offences and CSE crimes, the persons linked to them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import REFERENCE, publish_year, report_params
from helpers.disclosure.publication import DISTRICT
from helpers.errors import InputError
from helpers.inputs.loading import load_extracts
from helpers.inputs.schema import EXTRACTS, Extracts
from helpers.inputs.scope import ScopeData
from helpers.sections.crimes import measures as crimes


def declared(data: Extracts):
    """The crimes section of the district report, as declared (before disclosure control)."""
    params = report_params()
    return crimes.publication(ScopeData(params, data, data, REFERENCE, params.period))


def values(publication) -> dict[str, object]:
    return {f.key: f.value for f in publication.figures}


def table(publication, name: str):
    return next(t for t in publication.tables if t.name == name).data


OUTCOMES_2016 = [  # the 2015/16 appendix's outcome table, as published
    ("10 POLICE NFA PUBLIC INTEREST", 2, 1.8),
    ("14 SUSPECT NOT ID - VICTIM DECLINES OR UNABLE", 5, 4.6),
    ("15A POLICE DECISION - SUSPECT ID - EVIDENTIAL DIFFICULTIES", 25, 22.9),
    ("16 SUSPECT ID - VICTIM REFUSES TO SUPPORT PROSECUTION", 12, 11.0),
    ("18 NO SUSPECT ID - INVESTIGATION COMPLETE", 14, 12.8),
    ("1A CHARGED", 7, 6.4),
    ("8B COMMUNITY RESOLUTION WITHOUT RESTORATIVE JUSTICE", 1, 0.9),
    ("NB NO CRIME", 2, 1.8),
    ("NEW", 41, 37.6),
]
PERSONS_PER_CRIME_2016 = {1: 59, 2: 8, 3: 7, 7: 1}  # 75 crimes with a suspect, 103 links; 34 with none


def _csv(header: list[str], rows: list[list[object]]) -> str:
    return ",".join(header) + "\n" + "".join(",".join("" if v is None else str(v) for v in row) + "\n" for row in rows)


def write_2016_appendix_extracts(folder: Path, outcome_of_first_crime: str | None = None) -> Path:
    """A data folder whose crimes reproduce the 2015/16 appendix: 531 child sexual offences, 109 of them CSE
    with the published outcomes, and the published numbers of persons linked to them.

    The outcomes are written in the untidy case a real export may use (the loader matches them
    case-insensitively); a person is listed twice on one crime, which is still one link.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "episodes.csv").write_text(
        _csv(EXTRACTS["episodes"].column_names, [["E1", "C1", "2015-05-01", "", "2001-01-01", "Female", "", "", ""]])
    )
    (folder / "risk_assessments.csv").write_text(
        _csv(["episode_id", "assessment_date", "risk_level"], [["E1", "2015-05-01", "Low"]])
    )
    outcomes = [text for text, number, _ in OUTCOMES_2016 for _ in range(number)]
    if outcome_of_first_crime is not None:
        outcomes[0] = outcome_of_first_crime
    crimes_rows, suspect_rows = [], []
    persons = [n for n, crimes_with_n in PERSONS_PER_CRIME_2016.items() for _ in range(crimes_with_n)]
    persons += [0] * (len(outcomes) - len(persons))
    person = 0
    for number, (outcome, linked) in enumerate(zip(outcomes, persons, strict=True), start=1):
        recorded = dt.date(2015, 4, 1) + dt.timedelta(days=number * 3)
        crimes_rows.append(
            [
                f"CR{number:06d}",
                recorded,
                "",
                "",
                "",
                "yes",
                14,
                "Female",
                outcome.lower() if number % 2 else outcome,
                "",
            ]
        )
        for _ in range(linked):
            person += 1
            suspect_rows.append([f"CR{number:06d}", f"PX{person:05d}", 20, "Male", "White - British"])
    suspect_rows.append(suspect_rows[0])  # the first crime's person listed again
    for number in range(len(outcomes) + 1, 532):
        crimes_rows.append([f"CR{number:06d}", dt.date(2015, 4, 2), "", "", "", "no", 15, "Female", "", ""])
    (folder / "crimes.csv").write_text(_csv(EXTRACTS["crimes"].column_names, crimes_rows))
    (folder / "crime_suspects.csv").write_text(_csv(EXTRACTS["crime_suspects"].column_names, suspect_rows))
    return folder


@pytest.fixture(scope="module")
def appendix_2016(tmp_path_factory) -> Extracts:
    return load_extracts(write_2016_appendix_extracts(tmp_path_factory.mktemp("appendix") / "data"), "cse")


def test_the_2016_outcome_table_is_reproduced_from_records(appendix_2016):
    found = declared(appendix_2016)
    rows = list(table(found, "crimes_outcomes").itertuples(index=False, name=None))
    assert rows[:-1] == OUTCOMES_2016
    assert rows[-1][:2] == ("Grand total", 109)
    unsuppressed = publish_year(appendix_2016, (crimes,), threshold=0, areas=False)[0][DISTRICT]
    assert unsuppressed.tables["crimes_outcomes"].cells["Crimes"].tolist() == [2, 5, 25, 12, 14, 7, 1, 2, 41, 109]
    published = publish_year(appendix_2016, (crimes,), areas=False)[0][DISTRICT]
    with_threshold = published.tables["crimes_outcomes"].cells.set_index("Outcome")["Crimes"]
    assert with_threshold["1A CHARGED"] == "c" and with_threshold["NB NO CRIME"] == "c"
    # The 2 no crimes are the 109 CSE crimes less the 41 under investigation (NEW) and the 66 finalised: one of
    # the three goes too, and so does every figure that repeats it.
    assert with_threshold["NEW"] == "c" and published.figures["crimes.under_investigation"] == "c"
    assert published.figures["crimes.finalised"] == 66 and with_threshold["Grand total"] == 109


def test_the_2016_crime_and_suspect_figures_are_reproduced(appendix_2016):
    found = declared(appendix_2016)
    figures = values(found)
    assert figures["crimes.child_sexual_offences"] == 531
    assert figures["crimes.cse_crimes"] == 109
    assert figures["crimes.cse_pct"] == 20.5
    assert (figures["crimes.under_investigation"], figures["crimes.under_investigation_pct"]) == (41, 37.6)
    assert (figures["crimes.finalised"], figures["crimes.finalised_pct"]) == (66, 60.6)
    assert (figures["crimes.with_suspect"], figures["crimes.with_suspect_pct"]) == (75, 68.8)
    assert figures["crimes.suspect_links"] == 103  # 59 + 2 x 8 + 3 x 7 + 7 x 1
    assert figures["crimes.with_multiple_suspects"] == 16  # 8 crimes with two persons, 7 with three, 1 with seven
    per_crime = table(found, "crimes_suspects_per_crime")
    assert dict(zip(per_crime["Persons linked to the crime"], per_crime["Crimes"], strict=True)) == {
        "0": 34,
        "1": 59,
        "2": 8,
        "3": 7,
        "4": 0,
        "5": 0,
        "6": 0,
        "7": 1,
        "Total": 109,
    }


def test_an_outcome_missing_from_the_reference_list_is_a_validation_error_naming_it(tmp_path):
    folder = write_2016_appendix_extracts(tmp_path / "data", outcome_of_first_crime="11 POLICE NFA MADE UP")
    with pytest.raises(InputError) as error:
        load_extracts(folder, "cse")
    message = str(error.value)
    assert "crimes.csv, row 2: column outcome must be an outcome listed in the reference crime_outcomes.csv" in message
    assert "'11 police nfa made up'" in message  # the first crime is written in lower case
