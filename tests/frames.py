"""Hand-made frames for the measure tests: rows as tuples, date columns parsed."""
from __future__ import annotations

import pandas as pd


def frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    data = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if column.endswith("date") or column == "date_of_birth":
            data[column] = pd.to_datetime(data[column])
    return data
