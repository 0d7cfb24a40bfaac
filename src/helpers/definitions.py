"""Plain-English definitions of the published figures, for the report's definitions part.

Worded from ../shared/spec/figures.md, which is the authority; each entry names the figure key
that figures.json and tables/ use.
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

DEFINITIONS: dict[str, str] = {
    "strategic.episodes_in_year": "Episodes open at some point in the year: started on or before 31 March "
    "and not closed before 1 April (an episode closed on 1 April counts).",
    "strategic.open_at_start": "Of the episodes in year, those that started before 1 April.",
    "strategic.new_referrals": "Episodes that started in the year.",
    "strategic.monthly_average_referrals": "New referrals divided by 12, to one decimal place.",
    "strategic.no_risk_at_referral": "Episodes in year whose first assessment (the earliest, whenever it "
    "was made) found no risk.",
    "strategic.no_risk_at_referral_pct": "No risk at referral as a percentage of episodes in year.",
    "strategic.children": "Different children among the episodes in year.",
    "strategic.children_referred_more_than_once": "Children with two or more episodes in year.",
    "strategic.male_children_pct": "Percentage of those children recorded as male on their latest episode "
    "in the year.",
    "strategic.peak_age_female": "The most frequent age in whole years at the start of the episode, over "
    "girls' episodes in year (a tie goes to the younger age).",
    "strategic.peak_age_male": "The same for boys' episodes.",
    "strategic.new_referrals_change_pct": "Change in new referrals on the previous reporting year.",
    "strategic.previous_new_referrals": "New referrals in the previous reporting year.",
    "strategic.previous_monthly_average_referrals": "Monthly average of new referrals in the previous "
    "reporting year.",
}

DISCLOSURE_RULE = (
    "To prevent children or other persons being identified, counts from 1 to {t_minus} are replaced by "
    "'c', and so is any percentage, rate or change worked out from such a count. Where a table has totals, "
    "a further cell is suppressed in any row or column that would otherwise let a suppressed count be "
    "worked out by subtraction. Zeros are shown. The check covers the rows and columns of each table; "
    "figures quoted in the text are suppressed by the same rule."
)
