"""The report's accessibility statement, for the build to place in report.html."""

from __future__ import annotations

ACCESSIBILITY_STATEMENT = (
    "This report aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA. "
    "How it is checked: the report suite's tests open a rendered report in a web browser and test it "
    "with axe-core against the WCAG 2.0 and 2.1 level A and AA rules, and fail on any problem found; "
    "automated tools find only some problems, so headings, tables, alt text and links are also reviewed "
    "by people. The report has its headings in order, tables with header cells and captions, and links "
    "that say where they go, and it works without scripts or a network connection. "
    "Known limits: charts are images. Each has alt text stating its finding and key values, and the "
    "numbers behind it are in a table (collapsed under the chart in the HTML report, and in tables.xlsx "
    "and the tables folder), but the colours inside a chart are not checked automatically. The PDF is "
    "made from the same page for printing and has not been tested with a screen reader: where you can, "
    "use the HTML report or the spreadsheet. "
    "If you need the report in another format, such as large print, plain text or an easy-read summary, "
    "or you find a problem with its accessibility, contact the Hub's data team using the contact details "
    "in this report."
)
