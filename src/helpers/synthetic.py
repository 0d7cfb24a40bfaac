"""Synthetic extracts: a made-up history of the hub that looks like the published appendices.

Real personal data never enters the repository, so the tests and the default report run on the
six extracts of the input contract (docs/input-contract.md) generated here. The history runs
from January 2013 to the extract date, 30 September 2021, and is calibrated so that the figures
of docs/measures.md land near the levels the 2016 and 2017 appendices and the 2021
Bradford South ward dashboards published (the constants below say which target each serves).
Nothing is copied from a real record: every row is drawn from `numpy.random.default_rng(seed)`,
so one seed always gives the same files.

    python -m helpers.synthetic --out data/synthetic [--seed N] [--scale X]

writes the history twice: `OUT` with risk levels on the `cse` scale and `OUT/ce` with the same
records relabelled to the `ce` scale (the hub changed scale in 2019 and relabelled its history).
`scale` multiplies the numbers of referrals, crimes and suspect management occurrences; the
proportions and the shape of the history stay the same.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.inputs.reference import (
    MANAGEMENT_RISK_LEVELS,
    OUT_OF_AREA,
    OUTSIDE_DISTRICT,
    RISK_SCALES,
    load_reference,
)
from helpers.inputs.schema import EXTRACTS

DEFAULT_SEED = 20160329
HISTORY_START = "2013-01-01"
EXTRACT_DATE = "2021-09-30"  # no record is dated after it
EXTRACT_NAMES = tuple(EXTRACTS)
CSE_LEVELS = RISK_SCALES["cse"]  # the generator works on this scale; `ce` is a relabelling
HIGH, MEDIUM, LOW, NO_RISK = range(4)  # risk levels as indices into a scale, most severe first
SOCIAL_CARE_CODES = ("LAC", "CP", "CIN")
LAC, CP, CIN = range(3)  # social care statuses as indices into SOCIAL_CARE_CODES

# --- Calibration targets -------------------------------------------------------------------
# Tables keyed by the first calendar year of a financial year (2015 = 2015/16). A year not
# listed takes the value of the latest listed year before it.

# New referrals (episodes by start_date). 2012/13 holds only January to March 2013 and
# 2021/22 only April to September 2021. 2014/15: 431 (2016 appendix); 2015/16: 713 in year
# less 63 open at start; 2016/17: 871 (2017 appendix); then a slower rise.
REFERRALS_BY_YEAR = {
    2012: 30,
    2013: 250,
    2014: 431,
    2015: 650,
    2016: 871,
    2017: 930,
    2018: 990,
    2019: 1030,
    2020: 1060,
    2021: 550,
}
# How steeply referrals rise within a year: the monthly weight runs from 1 - r/2 to 1 + r/2.
# 2015/16 showed "an ever increasing rate of referrals" quarter on quarter.
REFERRAL_RAMP_BY_YEAR = {2012: 0.2, 2015: 0.6, 2016: 0.2}
# Share of referrals that are a repeat referral of a child already known to the hub
# (2015/16: 569 children for 713 episodes; 2016/17: 861 for 1,153).
REREFERRAL_SHARE_BY_YEAR = {2012: 0.25, 2015: 0.29, 2016: 0.42}
# A repeat referral comes a while after the child's earlier episode closed: within a month for
# some, otherwise months later; a few come while an earlier episode is still open.
REREFERRAL_SOON_SHARE = 0.35
REREFERRAL_MEAN_GAP_DAYS = 120.0
REREFERRAL_WHILE_OPEN_SHARE = 0.04
# The earlier episode is a random one of those closing in the 30 days up to the gap, so that
# no one episode draws every repeat referral aimed at its day.
REREFERRAL_PICK_WINDOW_DAYS = 30
# Male share of children (2015/16: 18% of children referred; 2016/17 on: 14%).
MALE_SHARE_BY_YEAR = {2012: 0.17, 2015: 0.175, 2016: 0.155}
# Share of first assessments at the no-risk level, by gender. In 2015/16 boys were more often
# found not at risk (18% of referrals but 10% of open cases); from 2016/17 both alike.
NO_RISK_SHARE_BY_YEAR = {2012: (0.25, 0.60), 2015: (0.24, 0.70), 2016: (0.30, 0.30)}  # female, male
# High / Medium / Low shares among first assessments at risk (29 Mar 2016: 13/42/40% with
# 5% no risk; 29 Mar 2017: 11/29/60%).
AT_RISK_MIX_BY_YEAR = {2012: (0.10, 0.48, 0.42), 2016: (0.11, 0.30, 0.59)}
# Age in whole years at a child's first referral, ages 6 to 17 (peak 15 for girls, 14 for boys).
FIRST_REFERRAL_AGES = np.arange(6, 18)
FIRST_REFERRAL_AGE_WEIGHTS = {
    "Female": np.array([0.2, 0.3, 0.4, 0.6, 1.5, 3.5, 7.5, 14, 20, 27, 16, 8]),
    "Male": np.array([0.4, 0.5, 0.8, 1.2, 3, 6, 10, 15, 28, 15, 9, 5]),
}

# Risk reviews. Days from one assessment to the next, by level (higher risk, sooner review).
REVIEW_INTERVAL_DAYS = {HIGH: (21, 42), MEDIUM: (28, 70), LOW: (42, 105)}
# Level after a review that does not close the episode: rows from High, Medium, Low; columns
# to High, Medium, Low. Until the end of July 2016 levels were sticky (29 Mar -> 1 Aug 2016:
# 71% unchanged, 21% down, 8% up); afterwards cases were stepped down faster (29 Mar 2017:
# 60% Low).
MOVES_UNTIL_AUG_2016 = np.array([[0.88, 0.10, 0.02], [0.055, 0.865, 0.08], [0.025, 0.06, 0.915]])
MOVES_FROM_AUG_2016 = np.array([[0.82, 0.15, 0.03], [0.03, 0.73, 0.24], [0.01, 0.03, 0.96]])
# The hub's practice changed after the 2016 follow-up: faster step-downs, no-risk episodes closed
# at once, and from then on a few referrals waiting for (or closed without) a first assessment.
PRACTICE_CHANGE = "2016-08-01"
# Chance that a review closes the episode: a closure rate that follows the hub's practice over
# time, times a factor for the level (High is rarely closed straight away). Quick closures in the
# early hub (63 open on 1 Apr 2015), a caseload that built up through 2015/16 (288 open on
# 29 Mar 2016, only 49 of them closed by 1 Aug 2016), a clear-out in 2016/17 (304 open on
# 29 Mar 2017 after 871 referrals), then a steady state (283-389 children at risk each month of
# 2020). The rate is interpolated linearly between the dated knots.
CLOSE_FACTOR_BY_LEVEL = np.array([0.12, 0.30, 1.0])
CLOSURE_RATE_KNOTS = (
    ("2013-01-01", 3.0),
    ("2015-04-01", 3.0),
    ("2015-12-01", 0.45),
    ("2016-03-01", 0.125),
    ("2016-07-31", 0.125),
    ("2016-09-01", 0.65),
    ("2017-03-01", 0.65),
    ("2017-06-01", 0.55),
    ("2021-09-30", 0.55),
)
MAX_CLOSE_AT_REVIEW = 0.95
# Episodes found not at risk mostly close within days; until August 2016 some lingered for
# weeks (17 open at No CSE Risk on 29 Mar 2016), and a few were later raised to Low.
NO_RISK_SAME_DAY_CLOSE = 0.25
NO_RISK_MEAN_DAYS = 8.0
NO_RISK_LINGER_SHARE = {"until": 0.20, "after": 0.02}
NO_RISK_LINGER_DAYS = (30, 120)
NO_RISK_RAISED_TO_LOW = 0.06
# From August 2016 a few referrals wait days for their first assessment, and a few are closed
# without one ("Not set"); on 29 Mar 2016 there were none.
FIRST_ASSESSMENT_DELAYED_SHARE = 0.10
FIRST_ASSESSMENT_MAX_DELAY_DAYS = 10
NEVER_ASSESSED_SHARE = 0.01
NEVER_ASSESSED_MEAN_DAYS = 20.0
# A few episodes get a provisional level corrected on the same day (two assessments on one day).
SAME_DAY_CORRECTION_SHARE = 0.01
# Tactical snapshot days on which at least one episode closes (the open-on-day rule's edge).
SNAPSHOT_DAYS = ("2016-03-29", "2017-03-29", "2018-03-29", "2019-03-29", "2020-03-29", "2021-03-29")

# Where children live. Weights are the under-18 population times an over-representation factor
# (2016 and 2017 ward tables: Bradford Moor, Keighley West, Tong, Eccleshill high; 2020 Bradford
# South dashboards: Great Horton ~18 a month, Tong ~16.6, Royds ~7.6, Queensbury ~5).
WARD_OVERREPRESENTATION = {
    "Bradford Moor": 1.9,
    "Keighley West": 2.3,
    "Tong": 1.35,
    "Eccleshill": 1.4,
    "Great Horton": 1.55,
    "Wyke": 1.3,
    "Keighley East": 1.3,
    "Bolton and Undercliffe": 1.2,
    "Royds": 0.9,
    "Queensbury": 0.75,
    "Little Horton": 0.9,
    "Windhill and Wrose": 1.2,
    "Heaton": 0.8,
    "Manningham": 0.6,
    "Toller": 0.5,
    "City": 0.7,
    "Ilkley": 0.4,
    "Wharfedale": 0.5,
    "Baildon": 0.7,
    "Bingley Rural": 0.6,
    "Craven": 0.7,
}
WARD_NOT_RECORDED_SHARE = 0.03  # confidential records
# Out-of-area placements by the episode's first level (8-9% of open cases, mostly higher risk).
OUT_OF_AREA_BY_LEVEL = np.array([0.34, 0.06, 0.025, 0.02])

# Children's ethnicity, detailed categories (open cases: ~66-70% White, 12-16% Asian, 7-8% Mixed,
# 4-7% Other mostly Gypsy/Roma, ~1% Black, ~5% not recorded). "" is blank.
CHILD_ETHNICITY = {
    "White - British": 57.5,
    "White - Eastern European": 7.0,
    "White - Irish": 0.5,
    "White - Any Other White Background": 1.0,
    "Asian/British Asian - Pakistani": 10.0,
    "Asian/British Asian - Bangladeshi": 1.5,
    "Asian/British Asian - Indian": 1.0,
    "Asian/British Asian - Other": 1.5,
    "Mixed - White/Asian": 3.0,
    "Mixed - White/Black Caribbean": 2.5,
    "Mixed - Other": 2.0,
    "Gypsy/Roma": 5.0,
    "Other Ethnic Group": 0.7,
    "Arab": 0.3,
    "Black/Black British - African": 0.7,
    "Black/Black British - Caribbean": 0.3,
    "Information Not Yet Obtained": 2.0,
    "": 3.5,
}
EXPLOITATION_SCOPE_CHANGE = "2019-04-01"  # "all child exploitation" from 2019/20
EXPLOITATION_TYPES_BEFORE = {"": 75.0, "CSE": 25.0}
EXPLOITATION_TYPES_FROM = {"CSE": 50.0, "CCE": 25.0, "Missing": 15.0, "Other": 7.0, "": 3.0}

# Social care status of a child, by the most severe first level among their episodes: shares of
# children with a current period (covering their referrals), a past one only, or none (29 Mar
# 2016: ~50% current, 32% never; 56% of High-risk children looked after). Children placed out of
# area are all looked after.
SOCIAL_CARE_HISTORY_BY_LEVEL = np.array(
    [  # current, past only, never
        [0.95, 0.03, 0.02],
        [0.42, 0.22, 0.36],
        [0.36, 0.20, 0.44],
        [0.20, 0.15, 0.65],
    ]
)
CURRENT_STATUS_BY_LEVEL = np.array(
    [  # LAC, CP, CIN
        [0.60, 0.16, 0.24],
        [0.20, 0.20, 0.60],
        [0.10, 0.15, 0.75],
        [0.10, 0.20, 0.70],
    ]
)
EARLIER_CIN_SHARE = 0.3  # children with a current LAC/CP period who were a CIN before it

# Crimes: sexual offences against a victim under 18, and the CSE-tagged ones among them
# (2015/16: 109 of 531; 2016/17: 367 of ~1,000).
CHILD_SEXUAL_OFFENCES_BY_YEAR = {
    2012: 110,
    2013: 450,
    2014: 480,
    2015: 531,
    2016: 1000,
    2017: 1040,
    2018: 1080,
    2019: 1120,
    2020: 1150,
    2021: 600,
}
CSE_CRIMES_BY_YEAR = {
    2012: 14,
    2013: 60,
    2014: 80,
    2015: 109,
    2016: 367,
    2017: 385,
    2018: 400,
    2019: 415,
    2020: 430,
    2021: 225,
}
# When the offence was committed: recent (days before recording), within the last few years, or
# a non-recent disclosure (back to the 1950s); shares by year (2016/17: just over 30% committed
# before the period, half of those before 1 January 2015; 2015/16 fewer).
COMMITTED_MIX_BY_YEAR = {  # recent, within years, non-recent, blank
    2012: (0.80, 0.10, 0.07, 0.03),
    2016: (0.60, 0.21, 0.16, 0.03),
}
COMMITTED_RECENT_MEAN_DAYS = 25.0
COMMITTED_WITHIN_YEARS = (0.1, 1.0)
# Non-recent offences: 3 + 65 u^2.5 years before recording (u uniform): median ~14 years, a few
# per year back to the 1950s.
COMMITTED_NON_RECENT_YEARS = (3.0, 65.0, 2.5)
VICTIM_AGES = np.arange(0, 18)
VICTIM_AGE_WEIGHTS = {
    True: np.array([0, 0, 0, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.8, 1.5, 3, 7, 15, 24, 22, 14, 8]),
    False: np.array([0.5, 1, 2, 3, 4, 4.5, 5, 5, 5, 5, 5.5, 6, 8, 11, 12, 10, 7, 5]),
}
VICTIM_AGE_BLANK_SHARE = 0.02
MALE_VICTIM_SHARE = {True: 0.08, False: 0.18}
VICTIM_GENDER_BLANK_SHARE = 0.01
# Home Office offence codes (the ONS list of sexual offence codes, 2017-18),
# chosen to fit the victim's age and gender.
OFFENCE_DESCRIPTIONS = {
    "17A": "Sexual assault on a male aged 13 and over",
    "17B": "Sexual assault on a male child under 13",
    "19C": "Rape of a female aged 16 and over",
    "19D": "Rape of a female child under 16",
    "19E": "Rape of a female child under 13",
    "19F": "Rape of a male aged 16 and over",
    "19G": "Rape of a male child under 16",
    "19H": "Rape of a male child under 13",
    "20A": "Sexual assault on a female aged 13 and over",
    "20B": "Sexual assault on a female child under 13",
    "21": "Sexual activity involving a child under 13",
    "22B": "Sexual activity involving child under 16",
    "23": "Incest or familial sexual offences",
    "71": "Abuse of children through sexual exploitation",
    "72": "Trafficking for sexual exploitation",
    "73": "Abuse of position of trust of a sexual nature",
    "88A": "Sexual grooming",
    "88C": "Other miscellaneous sexual offences",
    "88E": "Exposure and voyeurism",
}
OFFENCE_CODES_BY_VICTIM = {  # (age group, male victim) -> code weights
    ("under 13", False): {"19E": 20, "20B": 35, "21": 20, "23": 10, "88C": 15},
    ("under 13", True): {"19H": 20, "17B": 40, "21": 20, "23": 8, "88C": 12},
    ("13-15", False): {"19D": 15, "20A": 15, "22B": 25, "71": 15, "88A": 10, "88C": 15, "23": 2, "88E": 3},
    ("13-15", True): {"19G": 15, "17A": 25, "22B": 20, "71": 15, "88A": 10, "88C": 15},
    ("16-17", False): {"19C": 20, "20A": 25, "71": 25, "73": 5, "88C": 17, "88E": 5, "72": 3},
    ("16-17", True): {"19F": 15, "17A": 30, "71": 25, "73": 5, "88C": 25},
    ("unknown", False): {"71": 40, "22B": 30, "88C": 30},
    ("unknown", True): {"71": 40, "22B": 30, "88C": 30},
}
# Outcomes: the older West Yorkshire wording before 1 April 2016 (2016 appendix table), the Home
# Office outcome types from then on (2017 appendix table). NEW is set per year below (older
# crimes are more often finalised); the other outcomes share the rest in these proportions.
OUTCOME_WORDING_CHANGE = "2016-04-01"
OUTCOMES_OLD_WORDING = {
    "15A POLICE DECISION - SUSPECT ID - EVIDENTIAL DIFFICULTIES": 25,
    "18 NO SUSPECT ID - INVESTIGATION COMPLETE": 14,
    "16 SUSPECT ID - VICTIM REFUSES TO SUPPORT PROSECUTION": 12,
    "1A CHARGED": 7,
    "14 SUSPECT NOT ID - VICTIM DECLINES OR UNABLE": 5,
    "10 POLICE NFA PUBLIC INTEREST": 2,
    "NB NO CRIME": 2,
    "8B COMMUNITY RESOLUTION WITHOUT RESTORATIVE JUSTICE": 1,
}
OUTCOMES_NEW_WORDING = {
    "15: POLICE - NAMED SUSPECT, VICTIM SUPPORTS BUT EVIDENTIAL DIFFICULTIES": 61,
    "18: INVESTIGATION COMPLETE NO SUSPECT IDENTIFIED": 31,
    "14: VICTIM DECLINES/UNABLE TO SUPPORT ACTION TO IDENTIFY OFFENDER": 30,
    "16: VICTIM DECLINES/WITHDRAWS SUPPORT - NAMED SUSPECT IDENTIFIED": 25,
    "CANCELLED/TRANSFERRED": 15,
    "21: POLICE - NAMED SUSPECT, INVESTIGATION NOT IN THE PUBLIC INTEREST": 14,
    "1: CHARGED": 10,
    "20: OTHER BODY/AGENCY HAS INVESTIGATION PRIMACY": 10,
    "15: CPS - NAMED SUSPECT, VICTIM SUPPORTS BUT EVIDENTIAL DIFFICULTIES": 7,
    "10: POLICE - FORMAL ACTION NOT IN PUBLIC INTEREST": 3,
    "1A: ALTERNATE OFFENCE CHARGED": 1,
    "3: ADULT CONDITIONAL CAUTION": 1,
    "17: SUSPECT IDENTIFIED BUT PROSECUTION TIME LIMIT EXPIRED": 1,
    "2: YOUTH CAUTION": 1,
    "22: DIVERSIONARY, EDUCATIONAL OR INTERVENTION ACTIVITY": 1,
}
NEW_OUTCOME_SHARE_BY_YEAR = {2012: 0.12, 2013: 0.15, 2014: 0.25, 2015: 0.38, 2016: 0.44, 2017: 0.45, 2021: 0.65}
OUTCOME_BLANK_SHARE_OF_NEW = 0.03  # a blank outcome is read as NEW
CRIME_LOCATION_MIX = (0.77, 0.05, 0.18)  # a ward, OUTSIDE_DISTRICT, blank (not known)

# Suspects and offenders linked to crimes. Share of crimes with at least one linked person and,
# among those, with more than one (2015/16: 75 of 109, 16 of 75; 2016/17: 236 of 367, 29).
WITH_SUSPECT_SHARE_BY_YEAR = {2012: (0.60, 0.68), 2016: (0.60, 0.64)}  # other crimes, CSE crimes
MULTIPLE_SUSPECTS_SHARE_BY_YEAR = {2012: (0.06, 0.19), 2016: (0.06, 0.13)}
EXTRA_SUSPECTS = np.arange(2, 8)  # persons on a crime with more than one (8 two, 7 three, 1 seven)
EXTRA_SUSPECTS_WEIGHTS = np.array([0.50, 0.36, 0.07, 0.03, 0.02, 0.02])
KNOWN_PERSON_SHARE = 0.10  # links to a person already linked to an earlier crime
KNOWN_PERSON_MEAN_GAP_DAYS = 200.0
LISTED_TWICE_SHARE = 0.02  # a person listed as suspect and as offender on one crime
# Age at offence bands (under 18, 18-24, 25-35, 36-45, 46-70): 2015/16 ~25% under 18, ~60% under
# 25, ~78% under 36; 2016/17 ~20% under 18, 65% under 25.
OFFENDER_AGE_BANDS = ((12, 18), (18, 25), (25, 36), (36, 46), (46, 71))  # also the plausible range
OFFENDER_AGE_MIX_BY_YEAR = {2012: (0.25, 0.35, 0.18, 0.11, 0.11), 2016: (0.21, 0.46, 0.14, 0.10, 0.09)}
AGE_BLANK_SHARE = 0.02
FEMALE_OFFENDER_SHARE_BY_YEAR = {2012: 0.05, 2016: 0.17, 2017: 0.12}
OFFENDER_ETHNICITY = {
    "White - British": 40.0,
    "White - Eastern European": 3.0,
    "White - Any Other White Background": 1.0,
    "Asian/British Asian - Pakistani": 25.0,
    "Asian/British Asian - Bangladeshi": 2.0,
    "Asian/British Asian - Indian": 1.0,
    "Asian/British Asian - Other": 3.0,
    "Mixed - White/Asian": 1.5,
    "Mixed - White/Black Caribbean": 1.5,
    "Mixed - Other": 1.0,
    "Black/Black British - African": 1.0,
    "Black/Black British - Caribbean": 1.0,
    "Other Ethnic Group": 0.5,
    "Arab": 0.5,
    "Not Stated": 3.0,
    "Information Not Yet Obtained": 2.0,
    "": 15.0,
}

# Suspect management occurrences (1 Jul 2015 - 30 Jun 2016: 135, 126 under investigation,
# ~80% aged 35 or under, ~10% over 45, ~15% under 18, 8% female, 48% Asian, 36% White,
# 12% not recorded).
OCCURRENCES_BY_YEAR = {2014: 100, 2015: 130, 2016: 150, 2017: 160, 2018: 165, 2019: 170, 2020: 175, 2021: 90}
MANAGEMENT_START = "2014-04-01"
MANAGED_AGAIN_SHARE = 0.10  # occurrences about a person managed before
MANAGED_AGE_BANDS = ((14, 18), (18, 25), (25, 36), (36, 46), (46, 66))
MANAGED_AGE_MIX = (0.16, 0.37, 0.30, 0.08, 0.09)
FEMALE_MANAGED_SHARE = 0.08
MANAGED_ETHNICITY = {
    "Asian/British Asian - Pakistani": 38.0,
    "Asian/British Asian - Bangladeshi": 4.0,
    "Asian/British Asian - Indian": 2.0,
    "Asian/British Asian - Other": 4.0,
    "White - British": 30.0,
    "White - Eastern European": 4.0,
    "White - Any Other White Background": 2.0,
    "Mixed - White/Asian": 1.0,
    "Mixed - White/Black Caribbean": 1.0,
    "Black/Black British - African": 1.0,
    "Black/Black British - Caribbean": 0.5,
    "Other Ethnic Group": 0.5,
    "Not Stated": 3.0,
    "": 9.0,
}
MANAGEMENT_RISK_MIX = (0.15, 0.35, 0.35, 0.14)  # High, Medium, Low, Unsubstantiated; rest blank
# Status as each year's appendix saw it: within a July-June year the older occurrences are more
# often Closed (9 of 135 in July 2015 - June 2016); before July 2015 nearly half were.
CLOSED_SHARE_FROM = "2015-07-01"
CLOSED_SHARE_BEFORE = 0.45
CLOSED_SHARE_RANGE = (0.12, 0.02)  # oldest to newest occurrence of a July-June year

# Untidy codes: a few rows per coded column in another case or with stray spaces.
UNTIDY_SHARE = 0.005
UNTIDY_COLUMNS = {
    "episodes": ("gender", "ethnicity", "ward_code", "exploitation_type"),
    "social_care_status": ("status",),
    "crimes": ("victim_gender", "location_ward_code"),
    "crime_suspects": ("gender", "ethnicity"),
    "suspect_management": ("status", "risk_level", "gender", "ethnicity"),
}

# Identifier prefixes and their digits (wider when a large scale needs it).
ID_FORMATS = {"episode": ("E", 7), "child": ("C", 6), "crime": ("CR", 7), "person": ("P", 5), "occurrence": ("SM", 6)}


# --- Dates as whole days since 1970-01-01 --------------------------------------------------


def _day(iso: str) -> int:
    return int(np.datetime64(iso, "D").astype(np.int64))


def _iso_dates(days: np.ndarray, blank: np.ndarray | None = None) -> np.ndarray:
    """ISO date strings for day numbers, "" where `blank` is true."""
    text = np.datetime_as_string(np.asarray(days, dtype=np.int64).astype("datetime64[D]"), unit="D")
    text = text.astype(object)
    if blank is not None:
        text[blank] = ""
    return text


def _year_month_day(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    dates = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    months = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day_of_month = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
    return years, months, day_of_month


def calendar_age(birth_days: np.ndarray, on_days: np.ndarray) -> np.ndarray:
    """Age in whole years on each day (birthdays counted as people count them)."""
    by, bm, bd = _year_month_day(birth_days)
    oy, om, od = _year_month_day(on_days)
    return oy - by - ((om < bm) | ((om == bm) & (od < bd)))


def financial_year(days: np.ndarray) -> np.ndarray:
    """First calendar year of the financial year (1 April - 31 March) of each day."""
    years, months, _ = _year_month_day(days)
    return years - (months < 4)


def _birth_days(rng: np.random.Generator, on_days: np.ndarray, ages: np.ndarray) -> np.ndarray:
    """Birth days giving each person the calendar age `ages` on `on_days`.

    The fraction of a year past the birthday stays clear of both ends, so the rounding of
    365.2425-day years never moves a calendar age by one.
    """
    fraction = rng.uniform(0.02, 0.98, len(on_days))
    return on_days - np.floor((ages + fraction) * 365.2425).astype(np.int64)


# --- Small helpers ---------------------------------------------------------------------------


def _by_year(table: Mapping[int, object], years: np.ndarray) -> np.ndarray:
    """The table's value for each financial year: the latest listed year on or before it.

    Values that are tuples give one row per year.
    """
    keys = sorted(table)
    values = np.array([table[key] for key in keys])
    return values[np.clip(np.searchsorted(keys, years, side="right") - 1, 0, None)]


def _choose(rng: np.random.Generator, labels: Sequence, weights: Sequence[float], size: int) -> np.ndarray:
    """`size` draws of labels with the given (unnormalised) weights."""
    p = np.asarray(weights, dtype=float)
    picks = rng.choice(len(p), size=size, p=p / p.sum())
    return np.asarray(labels, dtype=object)[picks]


def _choose_rows(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One index per row of a matrix of (normalised) probabilities."""
    cumulative = np.cumsum(probabilities, axis=1)
    draws = rng.random(len(probabilities)) * cumulative[:, -1]
    return (draws[:, None] >= cumulative).sum(axis=1)


def _identifiers(kind: str, numbers: np.ndarray) -> np.ndarray:
    """`E0001234`-style identifiers; every identifier of a kind has the same width."""
    prefix, digits = ID_FORMATS[kind]
    width = max(digits, len(str(int(numbers.max())))) if len(numbers) else digits
    return np.array([f"{prefix}{n:0{width}d}" for n in numbers.tolist()], dtype=object)


def _text(values: np.ndarray, blank: np.ndarray) -> np.ndarray:
    """Integers as text, "" where `blank` is true."""
    text = np.asarray(values).astype(np.int64).astype(str).astype(object)
    text[blank] = ""
    return text


def _scaled(count: float, scale: float) -> int:
    return round(count * scale)


def _events_by_month(
    rng: np.random.Generator,
    yearly: Mapping[int, int],
    scale: float,
    first: str,
    last: str,
    ramp: Mapping[int, float] | None = None,
) -> np.ndarray:
    """Sorted event days: each year's count spread over its months, then uniformly within a month.

    Monthly counts are fixed (largest remainder), so a year's total is exactly its scaled count
    and the quarters follow the year's ramp without sampling noise.
    """
    first_day, last_day = _day(first), _day(last)
    days: list[np.ndarray] = []
    for year, count in sorted(yearly.items()):
        months = np.arange(np.datetime64(f"{year}-04"), np.datetime64(f"{year + 1}-04"))
        month_starts = months.astype("datetime64[D]").astype(np.int64)
        month_ends = (months + 1).astype("datetime64[D]").astype(np.int64) - 1
        inside = (month_ends >= first_day) & (month_starts <= last_day)
        month_starts = np.maximum(month_starts[inside], first_day)
        month_ends = np.minimum(month_ends[inside], last_day)
        slope = _by_year(ramp, np.array([year]))[0] if ramp else 0.0
        weights = 1 + slope * (np.linspace(-0.5, 0.5, len(month_starts)) if len(month_starts) > 1 else 0)
        total = _scaled(count, scale)
        exact = total * weights / weights.sum()
        counts = np.floor(exact).astype(np.int64)
        shortfall = total - counts.sum()
        counts[np.argsort(-(exact - counts), kind="stable")[:shortfall]] += 1
        lengths = month_ends - month_starts + 1
        offsets = np.floor(rng.random(total) * np.repeat(lengths, counts)).astype(np.int64)
        days.append(np.repeat(month_starts, counts) + offsets)
    return np.sort(np.concatenate(days))


def _recent_earlier(rng: np.random.Generator, days: np.ndarray, mean_gap_days: float) -> np.ndarray:
    """For each event (days sorted), an earlier event about `mean_gap_days` before it; -1 if none."""
    gaps = rng.exponential(mean_gap_days, len(days)).astype(np.int64)
    earlier = np.searchsorted(days, days - gaps, side="right") - 1
    return np.minimum(earlier, np.arange(len(days)) - 1)


def _roots(links: np.ndarray) -> np.ndarray:
    """Follow `links` (each index points at itself or an earlier index) to the first of each chain."""
    roots = links.copy()
    while True:
        jumped = roots[roots]
        if np.array_equal(jumped, roots):
            return roots
        roots = jumped


# --- Episodes and their risk assessments -------------------------------------------------------


@dataclass
class _Episodes:
    """Episodes as arrays, one element per episode, in start_date order, with their assessments."""

    start: np.ndarray  # day numbers
    end: np.ndarray  # day numbers, -1 = open
    child: np.ndarray  # index of the child's first episode
    birth: np.ndarray
    male: np.ndarray
    first_level: np.ndarray  # level of the first assessment, -1 = never assessed
    ward: np.ndarray
    ethnicity: np.ndarray
    exploitation_type: np.ndarray
    assessments: pd.DataFrame  # episode (index), day, level, order (within the day)


def _referrals(rng: np.random.Generator, scale: float) -> tuple[np.ndarray, np.ndarray]:
    start = _events_by_month(rng, REFERRALS_BY_YEAR, scale, HISTORY_START, EXTRACT_DATE, REFERRAL_RAMP_BY_YEAR)
    return start, financial_year(start)


def _ward_weights(wards: pd.DataFrame) -> np.ndarray:
    factor = wards["ward_name"].map(WARD_OVERREPRESENTATION).fillna(1.0).to_numpy()
    return wards["population_under_18"].to_numpy() * factor


def _episodes(rng: np.random.Generator, scale: float, wards: pd.DataFrame) -> _Episodes:
    """Referrals, their risk histories and their children: who they are and where they live."""
    start, year = _referrals(rng, scale)
    n = len(start)
    # Every referral draws the child it would have if it were the child's first; a repeat
    # referral then takes its child's (of the same gender, so the gender's share of no-risk
    # first assessments holds).
    male = rng.random(n) < _by_year(MALE_SHARE_BY_YEAR, year)
    ages = np.where(
        male,
        _choose(rng, FIRST_REFERRAL_AGES, FIRST_REFERRAL_AGE_WEIGHTS["Male"], n),
        _choose(rng, FIRST_REFERRAL_AGES, FIRST_REFERRAL_AGE_WEIGHTS["Female"], n),
    ).astype(np.int64)
    birth = _birth_days(rng, start, ages)
    home_ward = _choose(rng, wards["ward_code"].to_numpy(), _ward_weights(wards), n)
    home_ward[rng.random(n) < WARD_NOT_RECORDED_SHARE] = ""
    ethnicity = _choose(rng, list(CHILD_ETHNICITY), list(CHILD_ETHNICITY.values()), n)
    first_level = _first_levels(rng, start, year, male)
    assessments, end = _risk_histories(rng, start, first_level)
    child = _link_repeat_referrals(rng, start, end, year, male, birth)

    placed_away = (first_level >= 0) & (rng.random(n) < OUT_OF_AREA_BY_LEVEL[np.maximum(first_level, 0)])
    exploitation_type = np.where(
        start >= _day(EXPLOITATION_SCOPE_CHANGE),
        _choose(rng, list(EXPLOITATION_TYPES_FROM), list(EXPLOITATION_TYPES_FROM.values()), n),
        _choose(rng, list(EXPLOITATION_TYPES_BEFORE), list(EXPLOITATION_TYPES_BEFORE.values()), n),
    )
    episodes = _Episodes(
        start=start,
        end=end,
        child=child,
        birth=birth[child],
        male=male,
        first_level=first_level,
        ward=np.where(placed_away, OUT_OF_AREA, home_ward[child]),
        ethnicity=ethnicity[child],
        exploitation_type=exploitation_type,
        assessments=assessments,
    )
    _close_on_snapshot_days(episodes)
    return episodes


def _first_levels(rng: np.random.Generator, start: np.ndarray, year: np.ndarray, male: np.ndarray) -> np.ndarray:
    """Level of each referral's first assessment; -1 for the few never assessed."""
    n = len(start)
    no_risk_share = _by_year(NO_RISK_SHARE_BY_YEAR, year)[np.arange(n), male.astype(int)]
    at_risk_level = _choose_rows(rng, _by_year(AT_RISK_MIX_BY_YEAR, year))
    first_level = np.where(rng.random(n) < no_risk_share, NO_RISK, at_risk_level)
    never_assessed = (start >= _day(PRACTICE_CHANGE)) & (rng.random(n) < NEVER_ASSESSED_SHARE)
    return np.where(never_assessed, -1, first_level)


def _link_repeat_referrals(
    rng: np.random.Generator, start: np.ndarray, end: np.ndarray, year: np.ndarray, male: np.ndarray, birth: np.ndarray
) -> np.ndarray:
    """The first episode of each episode's child.

    A repeat referral is a child of the same gender whose earlier episode closed a while before
    (days to a year or so); a few are children with an episode that started a while before and
    may still be open (overlapping episodes). A link that would make the child 18 or over at
    referral is dropped: the referral is a new child.
    """
    n = len(start)
    index = np.arange(n)
    repeat = rng.random(n) < _by_year(REREFERRAL_SHARE_BY_YEAR, year)
    while_open = rng.random(n) < REREFERRAL_WHILE_OPEN_SHARE
    gaps = np.where(
        rng.random(n) < REREFERRAL_SOON_SHARE, rng.integers(0, 31, n), rng.exponential(REREFERRAL_MEAN_GAP_DAYS, n)
    ).astype(np.int64)
    links = index.copy()
    for gender in (False, True):
        group = index[male == gender]  # in start order
        closed = group[end[group] >= 0]
        by_end = closed[np.argsort(end[closed], kind="stable")]
        target = start[group] - gaps[group]
        closed_before = _pick_before(rng, end[by_end], target)
        started_before = _pick_before(rng, start[group], target)
        earlier = np.where(
            while_open[group],
            np.where(started_before >= 0, group[started_before], -1),
            np.where(closed_before >= 0, by_end[closed_before], -1),
        )
        # Only an earlier row can be linked, so following links always ends at a first episode.
        linked = repeat[group] & (earlier >= 0) & (earlier < group)
        links[group[linked]] = earlier[linked]
    while True:
        child = _roots(links)
        adult = calendar_age(birth[child], start) >= 18
        if not adult.any():
            return child
        links[adult] = index[adult]


def _pick_before(rng: np.random.Generator, sorted_days: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """For each target day, the position of a random one of the days in the 30 days up to it.

    The latest day before the target when none falls in that window; -1 when there is none at all.
    """
    first = np.searchsorted(sorted_days, targets - REREFERRAL_PICK_WINDOW_DAYS, side="left")
    after = np.searchsorted(sorted_days, targets, side="right")
    in_window = after - first
    return np.where(in_window > 0, first + np.floor(rng.random(targets.size) * in_window).astype(np.int64), after - 1)


def _closure_rate(days: np.ndarray) -> np.ndarray:
    knot_days = np.array([_day(d) for d, _ in CLOSURE_RATE_KNOTS])
    knot_values = np.array([rate for _, rate in CLOSURE_RATE_KNOTS])
    return np.interp(days, knot_days, knot_values)


def _review_outcomes(rng: np.random.Generator, levels: np.ndarray, days: np.ndarray) -> np.ndarray:
    """The level after a review of at-risk episodes (High, Medium or Low), or -1 when it closes."""
    close = np.minimum(CLOSE_FACTOR_BY_LEVEL[levels] * _closure_rate(days), MAX_CLOSE_AT_REVIEW)
    moves = np.where((days < _day(PRACTICE_CHANGE))[:, None], MOVES_UNTIL_AUG_2016[levels], MOVES_FROM_AUG_2016[levels])
    new_levels = _choose_rows(rng, moves)
    return np.where(rng.random(len(levels)) < close, -1, new_levels)


def _no_risk_days_open(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """How long an episode at the no-risk level stays open before it is closed (or re-reviewed)."""
    n = len(days)
    linger_share = np.where(days < _day(PRACTICE_CHANGE), NO_RISK_LINGER_SHARE["until"], NO_RISK_LINGER_SHARE["after"])
    lingering = rng.random(n) < linger_share
    same_day = rng.random(n) < NO_RISK_SAME_DAY_CLOSE
    quick = 1 + rng.exponential(NO_RISK_MEAN_DAYS, n).astype(np.int64)
    return np.where(lingering, rng.integers(*NO_RISK_LINGER_DAYS, n), np.where(same_day, 0, quick))


def _next_review(rng: np.random.Generator, levels: np.ndarray, days: np.ndarray) -> np.ndarray:
    lows = np.array([REVIEW_INTERVAL_DAYS[level][0] for level in (HIGH, MEDIUM, LOW)])
    highs = np.array([REVIEW_INTERVAL_DAYS[level][1] for level in (HIGH, MEDIUM, LOW)])
    at_risk = levels != NO_RISK
    safe_levels = np.where(at_risk, levels, LOW)
    interval = rng.integers(lows[safe_levels], highs[safe_levels] + 1)
    return days + np.where(at_risk, interval, _no_risk_days_open(rng, days))


def _risk_histories(
    rng: np.random.Generator, start: np.ndarray, first_level: np.ndarray
) -> tuple[pd.DataFrame, np.ndarray]:
    """Simulate every episode's assessments and closure, all episodes a review at a time.

    Returns the assessment rows (episode index, day, level, order within the day) and each
    episode's end day (-1 = open). An episode whose next review falls after the extract date
    stays open.
    """
    extract_day = _day(EXTRACT_DATE)
    n = len(start)
    end = np.full(n, -1, dtype=np.int64)
    delayed = (start >= _day(PRACTICE_CHANGE)) & (rng.random(n) < FIRST_ASSESSMENT_DELAYED_SHARE)
    first_day = start + np.where(delayed, rng.integers(1, FIRST_ASSESSMENT_MAX_DELAY_DAYS + 1, n), 0)
    never = first_level < 0
    closes_unassessed = start + rng.exponential(NEVER_ASSESSED_MEAN_DAYS, n).astype(np.int64)
    closed_unassessed = never & (closes_unassessed <= extract_day)
    end[closed_unassessed] = closes_unassessed[closed_unassessed]

    active = np.flatnonzero(~never & (first_day <= extract_day))
    level = first_level.copy()
    day = first_day.copy()
    rows: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = [(active, day[active], level[active])]
    while active.size:
        review_day = _next_review(rng, level[active], day[active])
        due = review_day <= extract_day
        active, review_day = active[due], review_day[due]
        current = level[active]
        outcome = np.empty(active.size, dtype=np.int64)
        no_risk = current == NO_RISK
        # A no-risk episode is closed at its review, or now and then raised to Low.
        outcome[no_risk] = np.where(rng.random(no_risk.sum()) < NO_RISK_RAISED_TO_LOW, LOW, -1)
        outcome[~no_risk] = _review_outcomes(rng, current[~no_risk], review_day[~no_risk])
        closed = outcome < 0
        end[active[closed]] = review_day[closed]
        active, review_day, outcome = active[~closed], review_day[~closed], outcome[~closed]
        level[active] = outcome
        day[active] = review_day
        rows.append((active, review_day, outcome))

    episode_index = np.concatenate([r[0] for r in rows])
    assessments = pd.DataFrame(
        {
            "episode": episode_index,
            "day": np.concatenate([r[1] for r in rows]),
            "level": np.concatenate([r[2] for r in rows]),
            "order": np.ones(len(episode_index), dtype=np.int64),
        }
    )
    return _add_same_day_corrections(rng, assessments), end


def _add_same_day_corrections(rng: np.random.Generator, assessments: pd.DataFrame) -> pd.DataFrame:
    """A few episodes first assessed at risk get a provisional level, corrected the same day.

    The provisional row is listed first; the simulated level, listed after it, is the one in force.
    """
    firsts = assessments.drop_duplicates("episode")
    firsts = firsts[firsts["level"] != NO_RISK]
    firsts = firsts[rng.random(len(firsts)) < SAME_DAY_CORRECTION_SHARE]
    final = firsts["level"].to_numpy()
    provisional = pd.DataFrame(
        {
            "episode": firsts["episode"].to_numpy(),
            "day": firsts["day"].to_numpy(),
            "level": np.where(final == MEDIUM, HIGH, MEDIUM),
            "order": 0,
        }
    )
    combined = pd.concat([assessments, provisional], ignore_index=True)
    return combined.sort_values(["episode", "day", "order"], kind="stable", ignore_index=True)


def _close_on_snapshot_days(episodes: _Episodes) -> None:
    """Make sure at least one episode closes on each snapshot day.

    An episode closed on a day is not open on it (figures.md); real extracts have such episodes.
    Where none closes naturally, the open episode whose closure is nearest after the day, and
    which has no assessment after it, is closed on the day instead.
    """
    last_assessed = (
        episodes.assessments.groupby("episode")["day"]
        .max()
        .reindex(range(len(episodes.start)), fill_value=-1)
        .to_numpy()
    )
    for snapshot in SNAPSHOT_DAYS:
        day = _day(snapshot)
        if (episodes.end == day).any():
            continue
        candidates = np.flatnonzero((episodes.start < day) & (episodes.end > day) & (last_assessed <= day))
        if candidates.size:
            nearest = candidates[np.argmin(episodes.end[candidates])]
            episodes.end[nearest] = day


# --- Social care status ---------------------------------------------------------------------


def _social_care(rng: np.random.Generator, episodes: _Episodes) -> pd.DataFrame:
    """CIN / CP / LAC periods per child, by the most severe first level among their episodes."""
    extract_day = _day(EXTRACT_DATE)
    frame = pd.DataFrame(
        {
            "child": episodes.child,
            "start": episodes.start,
            "end": np.where(episodes.end < 0, extract_day, episodes.end),
            "level": np.where(episodes.first_level < 0, LOW, episodes.first_level),
            "away": episodes.ward == OUT_OF_AREA,
        }
    )
    children = frame.groupby("child").agg(
        first=("start", "min"), last=("end", "max"), level=("level", "min"), away=("away", "any")
    )
    child = children.index.to_numpy()
    n = len(child)
    first, last, level = (children[c].to_numpy() for c in ("first", "last", "level"))
    birth = episodes.birth[child]
    history = _choose_rows(rng, SOCIAL_CARE_HISTORY_BY_LEVEL[level])
    status = _choose_rows(rng, CURRENT_STATUS_BY_LEVEL[level])
    away = children["away"].to_numpy()
    history[away], status[away] = 0, LAC  # placed out of the district: looked after now

    current = history == 0
    # A current period began up to three years before the first referral (not before birth)
    # and runs on past the last episode; ongoing when that is after the extract date.
    current_start = np.maximum(first - rng.integers(0, 1096, n), birth + 1)
    current_end = last + rng.integers(30, 721, n)
    past = history == 1
    past_start = np.maximum(first - rng.integers(400, 2500, n), birth + 1)
    past_end = np.minimum(past_start + rng.integers(60, 500, n), first - 1)
    earlier_start = np.maximum(current_start - rng.integers(200, 1500, n), birth + 1)
    earlier_end = current_start - rng.integers(1, 60, n)
    earlier_cin = current & (status != CIN) & (rng.random(n) < EARLIER_CIN_SHARE) & (earlier_start <= earlier_end)
    periods = pd.DataFrame(
        {
            "child": np.concatenate([child[past], child[earlier_cin], child[current]]),
            "status": np.concatenate([status[past], np.full(earlier_cin.sum(), CIN), status[current]]),
            "start": np.concatenate([past_start[past], earlier_start[earlier_cin], current_start[current]]),
            "end": np.concatenate([past_end[past], earlier_end[earlier_cin], current_end[current]]),
        }
    )
    periods = periods[(periods["start"] <= periods["end"]) & (periods["start"] <= extract_day)]
    return periods.sort_values(["child", "start"], kind="stable", ignore_index=True)


# --- Crimes, suspects and suspect management ---------------------------------------------------


def _non_recent_years(rng: np.random.Generator, size: int) -> np.ndarray:
    least, span, power = COMMITTED_NON_RECENT_YEARS
    return least + span * rng.random(size) ** power


def _crimes(rng: np.random.Generator, scale: float, wards: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Child sexual offences by recorded date, a share of them CSE-tagged.

    Returns the crimes, their recorded days and their offence days (the committed date, or the
    recorded date when that is blank), from which the ages of the people linked to them are
    worked out.
    """
    cse_days = _events_by_month(rng, CSE_CRIMES_BY_YEAR, scale, HISTORY_START, EXTRACT_DATE)
    other_counts = {y: CHILD_SEXUAL_OFFENCES_BY_YEAR[y] - CSE_CRIMES_BY_YEAR[y] for y in CSE_CRIMES_BY_YEAR}
    other_days = _events_by_month(rng, other_counts, scale, HISTORY_START, EXTRACT_DATE)
    recorded = np.concatenate([cse_days, other_days])
    cse = np.concatenate([np.ones(cse_days.size, bool), np.zeros(other_days.size, bool)])
    order = np.lexsort((rng.random(recorded.size), recorded))  # same-day crimes in random order
    recorded, cse = recorded[order], cse[order]
    n = recorded.size
    year = financial_year(recorded)

    male = rng.random(n) < np.where(cse, MALE_VICTIM_SHARE[True], MALE_VICTIM_SHARE[False])
    gender_blank = rng.random(n) < VICTIM_GENDER_BLANK_SHARE
    age = np.where(
        cse,
        _choose(rng, VICTIM_AGES, VICTIM_AGE_WEIGHTS[True], n),
        _choose(rng, VICTIM_AGES, VICTIM_AGE_WEIGHTS[False], n),
    ).astype(np.int64)
    age_blank = rng.random(n) < VICTIM_AGE_BLANK_SHARE

    kind = _choose_rows(rng, _by_year(COMMITTED_MIX_BY_YEAR, year))  # 0 recent, 1 within years, 2 non-recent, 3 blank
    lag_days = np.select(
        [kind == 0, kind == 1],
        [rng.exponential(COMMITTED_RECENT_MEAN_DAYS, n), rng.uniform(*COMMITTED_WITHIN_YEARS, n) * 365.25],
        _non_recent_years(rng, n) * 365.25,
    ).astype(np.int64)
    committed = recorded - lag_days

    age_group = np.select([age_blank, age < 13, age < 16], ["unknown", "under 13", "13-15"], "16-17")
    offence = np.empty(n, dtype=object)
    for (group, is_male), codes in OFFENCE_CODES_BY_VICTIM.items():
        rows = np.flatnonzero((age_group == group) & (male == is_male))
        offence[rows] = _choose(rng, list(codes), list(codes.values()), rows.size)

    outcome = _outcomes(rng, recorded, year)
    location = _choose(rng, wards["ward_code"].to_numpy(), _ward_weights(wards), n)
    place = _choose_rows(rng, np.tile(CRIME_LOCATION_MIX, (n, 1)))
    location = np.where(place == 1, OUTSIDE_DISTRICT, np.where(place == 2, "", location))

    crimes = pd.DataFrame(
        {
            "crime_id": _identifiers("crime", np.arange(1, n + 1)),
            "recorded_date": _iso_dates(recorded),
            "committed_date": _iso_dates(committed, blank=kind == 3),
            "offence_code": offence,
            "offence_description": np.array([OFFENCE_DESCRIPTIONS[c] for c in offence], dtype=object),
            "cse_flag": np.where(cse, "true", "false").astype(object),
            "victim_age": _text(age, age_blank),
            "victim_gender": np.where(gender_blank, "", np.where(male, "Male", "Female")).astype(object),
            "outcome": outcome,
            "location_ward_code": location.astype(object),
        }
    )
    return crimes, recorded, np.where(kind == 3, recorded, committed)


def _outcomes(rng: np.random.Generator, recorded: np.ndarray, year: np.ndarray) -> np.ndarray:
    """Outcome texts in the wording of the time, NEW more often for recent years."""
    n = recorded.size
    is_new = rng.random(n) < _by_year(NEW_OUTCOME_SHARE_BY_YEAR, year)
    old_wording = recorded < _day(OUTCOME_WORDING_CHANGE)
    outcome = np.where(
        old_wording,
        _choose(rng, list(OUTCOMES_OLD_WORDING), list(OUTCOMES_OLD_WORDING.values()), n),
        _choose(rng, list(OUTCOMES_NEW_WORDING), list(OUTCOMES_NEW_WORDING.values()), n),
    )
    blank_new = rng.random(n) < OUTCOME_BLANK_SHARE_OF_NEW
    return np.where(is_new, np.where(blank_new, "", "NEW"), outcome).astype(object)


@dataclass
class _People:
    """Persons who appear as suspects, offenders or managed suspects."""

    birth: np.ndarray
    female: np.ndarray
    ethnicity: np.ndarray


def _new_people(
    rng: np.random.Generator,
    on_days: np.ndarray,
    age_bands: Sequence[tuple[int, int]],
    age_mix: np.ndarray,
    female_share: np.ndarray,
    ethnicity: Mapping[str, float],
) -> _People:
    """People with the given age mix (one row per person, or per year's mix) on `on_days`."""
    n = on_days.size
    band = _choose_rows(rng, np.broadcast_to(age_mix, (n, len(age_bands))))
    lows = np.array([b[0] for b in age_bands])
    highs = np.array([b[1] for b in age_bands])
    ages = rng.integers(lows[band], highs[band])
    return _People(
        birth=_birth_days(rng, on_days, ages),
        female=rng.random(n) < female_share,
        ethnicity=_choose(rng, list(ethnicity), list(ethnicity.values()), n),
    )


def _crime_suspects(
    rng: np.random.Generator, crimes: pd.DataFrame, recorded: np.ndarray, offence_day: np.ndarray
) -> tuple[pd.DataFrame, int]:
    """Persons linked to crimes; returns the links and the number of persons created."""
    cse = crimes["cse_flag"].to_numpy() == "true"
    year = financial_year(recorded)
    n = recorded.size
    with_share = _by_year(WITH_SUSPECT_SHARE_BY_YEAR, year)[np.arange(n), cse.astype(int)]
    multiple_share = _by_year(MULTIPLE_SUSPECTS_SHARE_BY_YEAR, year)[np.arange(n), cse.astype(int)]
    with_suspect = rng.random(n) < with_share
    count = np.where(rng.random(n) < multiple_share, _choose(rng, EXTRA_SUSPECTS, EXTRA_SUSPECTS_WEIGHTS, n), 1)
    count = np.where(with_suspect, count, 0).astype(np.int64)

    crime = np.repeat(np.arange(n), count)  # in recorded order
    links = crime.size
    link_day = offence_day[crime]
    # Each link draws the person it would be if new; now and then it is instead a person already
    # linked to an earlier crime, unless that would give an implausible age at this offence (a
    # non-recent offence can be decades before the other).
    link_year = year[crime]
    people = _new_people(
        rng,
        link_day,
        OFFENDER_AGE_BANDS,
        _by_year(OFFENDER_AGE_MIX_BY_YEAR, link_year),
        _by_year(FEMALE_OFFENDER_SHARE_BY_YEAR, link_year),
        OFFENDER_ETHNICITY,
    )
    earlier = _recent_earlier(rng, recorded[crime], KNOWN_PERSON_MEAN_GAP_DAYS)
    person_links = np.where((rng.random(links) < KNOWN_PERSON_SHARE) & (earlier >= 0), earlier, np.arange(links))
    while True:
        person = _roots(person_links)
        age = calendar_age(people.birth[person], link_day)
        implausible = (age < OFFENDER_AGE_BANDS[0][0]) | (age >= OFFENDER_AGE_BANDS[-1][1])
        if not implausible.any():
            break
        person_links[implausible] = np.flatnonzero(implausible)
    first_links, person_number = np.unique(person, return_inverse=True)  # numbered by first link
    frame = pd.DataFrame(
        {
            "crime": crime,
            "person": person_number,
            "age": age,
            "age_blank": rng.random(links) < AGE_BLANK_SHARE,
            "gender": np.where(people.female[person], "Female", "Male"),
            "ethnicity": people.ethnicity[person],
        }
    )
    # A person picked twice for one crime by chance is one link; a few are listed twice on purpose.
    frame = frame.drop_duplicates(["crime", "person"], ignore_index=True)
    twice = frame[rng.random(len(frame)) < LISTED_TWICE_SHARE]
    frame = pd.concat([frame, twice]).sort_index(kind="stable").reset_index(drop=True)
    suspects = pd.DataFrame(
        {
            "crime_id": crimes["crime_id"].to_numpy()[frame["crime"].to_numpy()],
            "person_id": _identifiers("person", frame["person"].to_numpy() + 1),
            "age_at_offence": _text(frame["age"].to_numpy(), frame["age_blank"].to_numpy()),
            "gender": frame["gender"].to_numpy().astype(object),
            "ethnicity": frame["ethnicity"].to_numpy().astype(object),
        }
    )
    return suspects, first_links.size


def _suspect_management(rng: np.random.Generator, scale: float, first_person: int) -> pd.DataFrame:
    """Suspect management occurrences; person numbers continue after the crime suspects'."""
    created = _events_by_month(rng, OCCURRENCES_BY_YEAR, scale, MANAGEMENT_START, EXTRACT_DATE)
    n = created.size
    earlier = _recent_earlier(rng, created, 365.0)
    again = (rng.random(n) < MANAGED_AGAIN_SHARE) & (earlier >= 0)
    person = _roots(np.where(again, earlier, np.arange(n)))
    people = _new_people(
        rng, created, MANAGED_AGE_BANDS, np.array(MANAGED_AGE_MIX), np.full(n, FEMALE_MANAGED_SHARE), MANAGED_ETHNICITY
    )
    _, person_number = np.unique(person, return_inverse=True)
    age = calendar_age(people.birth[person], created)

    risk = _choose(rng, [*MANAGEMENT_RISK_LEVELS, ""], [*MANAGEMENT_RISK_MIX, 1 - sum(MANAGEMENT_RISK_MIX)], n)
    return pd.DataFrame(
        {
            "occurrence_id": _identifiers("occurrence", np.arange(1, n + 1)),
            "person_id": _identifiers("person", person_number + first_person + 1),
            "created_date": _iso_dates(created),
            "status": np.where(rng.random(n) < _closed_share(created), "Closed", "Under investigation").astype(object),
            "risk_level": risk,
            "age": _text(age, rng.random(n) < AGE_BLANK_SHARE),
            "gender": np.where(people.female[person], "Female", "Male").astype(object),
            "ethnicity": people.ethnicity[person],
        }
    )


def _closed_share(created: np.ndarray) -> np.ndarray:
    """Chance an occurrence is Closed: falling from the oldest to the newest of each July-June year."""
    years, months, _ = _year_month_day(created)
    july_year = years - (months < 7)
    year_start, year_end = (
        (np.asarray(y - 1970).astype("datetime64[Y]").astype("datetime64[M]") + 6)
        .astype("datetime64[D]")
        .astype(np.int64)
        for y in (july_year, july_year + 1)
    )
    age_in_year = (year_end - created) / (year_end - year_start)
    oldest, newest = CLOSED_SHARE_RANGE
    share = newest + (oldest - newest) * age_in_year
    return np.where(created < _day(CLOSED_SHARE_FROM), CLOSED_SHARE_BEFORE, share)


# --- Assembling the extracts ---------------------------------------------------------------------


def _episode_frames(rng: np.random.Generator, scale: float, wards: pd.DataFrame) -> dict[str, pd.DataFrame]:
    episodes = _episodes(rng, scale, wards)
    assessments = episodes.assessments
    social_care = _social_care(rng, episodes)

    n = len(episodes.start)
    episode_ids = _identifiers("episode", np.arange(1, n + 1))
    _, child_number = np.unique(episodes.child, return_inverse=True)  # children in order of first referral
    child_ids = _identifiers("child", child_number + 1)
    child_id_by_first_episode = np.empty(n, dtype=object)
    child_id_by_first_episode[episodes.child] = child_ids
    extract_day = _day(EXTRACT_DATE)
    return {
        "episodes": pd.DataFrame(
            {
                "episode_id": episode_ids,
                "child_id": child_ids,
                "start_date": _iso_dates(episodes.start),
                "end_date": _iso_dates(np.maximum(episodes.end, 0), blank=episodes.end < 0),
                "date_of_birth": _iso_dates(episodes.birth),
                "gender": np.where(episodes.male, "Male", "Female").astype(object),
                "ethnicity": episodes.ethnicity,
                "ward_code": episodes.ward.astype(object),
                "exploitation_type": episodes.exploitation_type.astype(object),
            }
        ),
        "risk_assessments": pd.DataFrame(
            {
                "episode_id": episode_ids[assessments["episode"].to_numpy()],
                "assessment_date": _iso_dates(assessments["day"].to_numpy()),
                "risk_level": np.array(CSE_LEVELS, dtype=object)[assessments["level"].to_numpy()],
            }
        ),
        "social_care_status": pd.DataFrame(
            {
                "child_id": child_id_by_first_episode[social_care["child"].to_numpy()],
                "status": np.array(SOCIAL_CARE_CODES, dtype=object)[social_care["status"].to_numpy()],
                "start_date": _iso_dates(social_care["start"].to_numpy()),
                "end_date": _iso_dates(
                    social_care["end"].to_numpy(), blank=social_care["end"].to_numpy() > extract_day
                ),
            }
        ),
    }


def _untidy(rng: np.random.Generator, frames: dict[str, pd.DataFrame]) -> None:
    """Spell a few codes as real extracts do: upper or lower case, or with a stray space."""
    styles = (str.upper, str.lower, lambda s: f" {s}", lambda s: f"{s} ", lambda s: f" {s.lower()}")
    for name, columns in UNTIDY_COLUMNS.items():
        frame = frames[name]
        for column in columns:
            values = frame[column].to_numpy(dtype=object).copy()
            rows = np.flatnonzero((values != "") & (rng.random(len(values)) < UNTIDY_SHARE))
            picks = rng.integers(0, len(styles), rows.size)
            for row, pick in zip(rows.tolist(), picks.tolist()):
                values[row] = styles[pick](values[row])
            frame[column] = values


def generate(seed: int = DEFAULT_SEED, scale: float = 1.0) -> dict[str, pd.DataFrame]:
    """The six extracts of one synthetic history, every value a string as it would be in a CSV.

    Risk levels are on the `cse` scale (see `relabel_risk_scale`). The same seed and scale give
    the same frames.
    """
    if scale <= 0:
        raise ValueError(f"scale must be positive, not {scale}")
    rng = np.random.default_rng(seed)
    reference = load_reference()
    frames = _episode_frames(rng, scale, reference.wards)
    frames["crimes"], recorded, offence_day = _crimes(rng, scale, reference.wards)
    frames["crime_suspects"], persons = _crime_suspects(rng, frames["crimes"], recorded, offence_day)
    frames["suspect_management"] = _suspect_management(rng, scale, persons)
    _untidy(rng, frames)
    return {name: frames[name][EXTRACTS[name].column_names].astype(str) for name in EXTRACT_NAMES}


def relabel_risk_scale(frames: Mapping[str, pd.DataFrame], risk_scale: str) -> dict[str, pd.DataFrame]:
    """The extracts with the episodes' risk levels relabelled from the `cse` scale to `risk_scale`.

    Levels map by position (High -> Significant, ..., No CSE Risk -> No Risk), matched as the
    loader matches codes: trimmed and ignoring case.
    """
    if risk_scale not in RISK_SCALES:
        raise ValueError(f"risk_scale must be one of {', '.join(RISK_SCALES)}, not {risk_scale!r}")
    mapping = {old.casefold(): new for old, new in zip(CSE_LEVELS, RISK_SCALES[risk_scale])}
    relabelled = dict(frames)
    assessments = frames["risk_assessments"].copy()
    assessments["risk_level"] = assessments["risk_level"].str.strip().str.casefold().map(mapping)
    relabelled["risk_assessments"] = assessments
    return relabelled


def _date_range(frames: Mapping[str, pd.DataFrame]) -> tuple[str, str]:
    """Earliest and latest date of the records (birth dates and committed dates aside)."""
    columns = {
        "episodes": ("start_date", "end_date"),
        "risk_assessments": ("assessment_date",),
        "crimes": ("recorded_date",),
        "suspect_management": ("created_date",),
    }
    dates = pd.concat([frames[name][col] for name, cols in columns.items() for col in cols])
    dates = dates[dates != ""]
    return str(dates.min()), str(dates.max())


def write(
    frames: Mapping[str, pd.DataFrame],
    out_dir: Path,
    risk_scale: str,
    *,
    seed: int | None = None,
    scale: float | None = None,
) -> Path:
    """Write the extracts as `<name>.csv` with `generated.json`, replacing `out_dir` atomically.

    `frames` are on the `cse` scale (as `generate` returns them) and are written on `risk_scale`.
    The files go into a temporary sibling folder that is renamed into place at the end, so an
    interrupted run never leaves a half-written folder. Sub-folders of an existing `out_dir`
    (e.g. the `ce` copy) are kept.
    """
    out_dir = Path(out_dir)
    frames = relabel_risk_scale(frames, risk_scale)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    try:
        for name in EXTRACT_NAMES:
            frames[name].to_csv(staging / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
        first, last = _date_range(frames)
        metadata = {
            "seed": seed,
            "scale": scale,
            "risk_scale": risk_scale,
            "first_date": first,
            "last_date": last,
            "extract_date": EXTRACT_DATE,
            "rows": {name: len(frames[name]) for name in EXTRACT_NAMES},
        }
        (staging / "generated.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it private; the data folder is an ordinary one
        _replace_folder(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def _replace_folder(new: Path, target: Path) -> None:
    """Rename `new` to `target`, moving the old target's sub-folders across and deleting the rest."""
    if not target.exists():
        new.replace(target)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    target.replace(old)
    new.replace(target)
    for child in sorted(old.iterdir()):
        if child.is_dir() and not (target / child.name).exists():
            child.replace(target / child.name)
    shutil.rmtree(old)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.synthetic",
        description="Write a synthetic history of the hub as the six input extracts: OUT on the cse "
        "risk scale and OUT/ce with the same records on the ce scale.",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write, e.g. data/synthetic")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="multiplies the numbers of children, crimes and occurrences (default 1)",
    )
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    frames = generate(seed=args.seed, scale=args.scale)
    for folder, risk_scale in ((args.out, "cse"), (args.out / "ce", "ce")):
        write(frames, folder, risk_scale, seed=args.seed, scale=args.scale)
        counts = ", ".join(f"{len(frames[name]):,} {name}" for name in EXTRACT_NAMES)
        print(f"wrote {folder} (risk scale {risk_scale}): {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
