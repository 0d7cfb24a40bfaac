"""Row and column labels that several sections' tables share, so that they read the same everywhere."""

TOTAL = "Total"
GRAND_TOTAL = "Grand total"
NOT_KNOWN = "Not known"
THIS_PERIOD = "This period"
YEAR_EARLIER = "A year earlier"
GENDER_COLUMNS = ("Female", "Male", "Other or unknown")
