"""Words the report and the technical notes share across sections: terms, common rules, disclosure control.

Each section's measures hold the definitions of its own figures (`DEFINITIONS`); the technical notes
list every figure key with its definition.
"""

from __future__ import annotations

TERMS = (
    (
        "Episode",
        "a record opened on the children's social care system for every referral the Hub discusses, "
        "whatever its outcome. A child referred twice has two episodes.",
    ),
    ("New referral", "an episode that started in the year."),
    ("Episodes in year", "the new referrals and the episodes already open when the year began."),
    ("Open case", "a child with an episode open on the snapshot day, counted once."),
    ("Risk level", "the level of the latest risk assessment of an episode; Not set when none has been made yet."),
    ("Child at risk", "a child whose open episode at the end of a month has a risk level above no risk."),
    ("CSE crime", "a sexual offence against a child that the police tagged as child sexual exploitation."),
    ("Offender or suspect", "a person linked to a CSE crime; a person linked to two crimes counts twice."),
    ("Rate per 10,000", "children at risk for every 10,000 children under 18 living in the area."),
    ("c", "a number too small to publish, or one that would let such a number be worked out."),
)

COMMON_RULES = (
    "The reporting year runs from 1 April to 31 March, both days included.",
    "An episode is open on a day when it started on or before that day and had not closed by it: "
    "an episode closed on a day is not open on that day.",
    "The risk level of an episode on a day is the level of its latest assessment on or before that day; "
    "an episode with no assessment yet is 'Not set'.",
    "Percentages are rounded half away from zero to one decimal place in tables and, once, from the exact "
    "ratio, to whole numbers in the text. Unless stated, the denominator includes records with blank or "
    "unknown values.",
    "A change on the previous year is 100 x (this year - last year) / last year, for the same measure "
    "over the same-length period one year earlier.",
    "Ethnicity is reported in broad groups; a blank and categories such as 'Information Not Yet "
    "Obtained' count as not recorded.",
)

DISCLOSURE_RULE = (
    "To prevent any child or other person being identified, numbers from 1 to {t_minus} are not published: "
    "they show as 'c', and so does any other number that would let one be worked out, from this report, its "
    "area packs or the previous year's report. Zeros are shown."
)

DISCLOSURE_METHOD = (
    "Counts from 1 to {t_minus} are hidden as 'c', with any percentage or rate worked out from one. Everything "
    "the year publishes is then held as one system of linear relations: the totals of every table, the same "
    "count wherever it is published again, parts that add up to a published whole, each published percentage "
    "or average as the range its rounding allows, the district against the sum of its area packs, and the "
    "previous year's report. Further numbers are hidden until, for every hidden count (and every small count "
    "no table shows but a reader could work out, such as the district less its areas), the smallest and "
    "largest value it can take given everything published are at least {protection} apart; linear "
    "programming (HiGHS) finds those values. A build whose audit finds a narrower range publishes nothing. "
    "Not covered: relations through values a reader cannot invert linearly (a fitted trend, a projection, "
    "a confidence interval), which are hidden whenever a count they use is; and reports built from different "
    "extracts, whose counts may differ."
)
