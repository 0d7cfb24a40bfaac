"""The publication pack: files made from a finished report folder, one module per output.

Each function reads what the build already wrote (report.html, tables/*.csv, figures.json,
headlines.md, manifest.json) and writes beside it; none recomputes a figure, so the pack can
only publish what passed disclosure control.

- `pdf.write_pdf`: report.pdf, A4, from report.html with WeasyPrint.
- `workbook.write_workbook`: tables.xlsx following the GSS spreadsheet guidance, with gptables.
- `tidy.write_tidy`: tidy/published_values.csv, every published value in long format, and
  tidy/metadata.json describing its columns.
- `changes.write_changes`: changes.md and changes.html, what changed since the previous render.
- `accessibility.ACCESSIBILITY_STATEMENT`: the report's accessibility statement.
"""
