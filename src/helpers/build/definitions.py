"""Rules common to every section, for the report's definitions part.

Each section module holds the plain-English definitions of its own figures (`DEFINITIONS`),
worded from ../shared/spec/figures.md, which is the authority.
"""
from __future__ import annotations

COMMON_RULES = (
    "The reporting year runs from 1 April to 31 March, both days included.",
    "An episode is open on a day when it started on or before that day and had not closed by it: "
    "an episode closed on a day is not open on that day.",
    "The risk level of an episode on a day is the level of its latest assessment on or before that day; "
    "an episode with no assessment yet is 'Not set'.",
    "Percentages are rounded half away from zero to one decimal place in tables and to whole numbers "
    "in the text. Unless stated, the denominator includes records with blank or unknown values.",
    "A change on the previous year is 100 x (this year - last year) / last year, for the same measure "
    "over the same-length period one year earlier.",
    "Ethnicity is reported in broad groups; a blank and categories such as 'Information Not Yet "
    "Obtained' count as not recorded.",
)

DISCLOSURE_RULE = (
    "To prevent children or other persons being identified, counts from 1 to {t_minus} are replaced by "
    "'c', and so is any percentage, rate or change worked out from such a count. Where a table has totals, "
    "a further cell is suppressed in any row or column that would otherwise let a suppressed count be "
    "worked out by subtraction. Zeros are shown. The check covers the rows and columns of each table "
    "and, where a table's total is published as a figure, that total too."
)
