"""Numbers derived from the data: the article's fall, and the record's rates over time.

Units never mix: every function that turns counts into rates takes rows of one unit and
one series and refuses anything else (`MixedUnitsError`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# The reference record's confidence levels, weakest first.
CONFIDENCE = ["low", "low-medium", "medium-low", "medium", "medium-high", "high"]
LOW_CONFIDENCE = {"low", "low-medium", "medium-low"}
DAY = pd.Timedelta(days=1)


class MixedUnitsError(ValueError):
    """Rows of different units or series were given where one is required."""


def confident(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows the charts and checks rely on: the low-confidence ones are set aside (and said so)."""
    return rows[~rows["confidence"].isin(LOW_CONFIDENCE)]


def set_aside(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[rows["confidence"].isin(LOW_CONFIDENCE)]


def _one(rows: pd.DataFrame, column: str) -> str:
    values = rows[column].unique()
    if len(values) > 1:
        raise MixedUnitsError(f"expected rows of one {column}, got: {', '.join(map(str, values))}")
    return values[0]


def days_covered(rows: pd.DataFrame) -> pd.Series:
    """Days from period_start to as_of, both included; a row without a period covers one day."""
    start = rows["period_start"].fillna(rows["as_of"])
    return (rows["as_of"] - start) // DAY + 1


@dataclass(frozen=True)
class Fall:
    start: float
    end: float
    ratio: float  # start / end
    percent: float  # fall as a share of the start
    days: int


def fall(start: float, end: float, start_date: pd.Timestamp, end_date: pd.Timestamp) -> Fall:
    return Fall(start, end, start / end, (start - end) / start * 100, (end_date - start_date) // DAY)


def headline_fall(figures: pd.DataFrame) -> Fall:
    """The article's comparison: its start-of-campaign day against its 8 November day."""
    by_id = figures.set_index("id")
    start, end = by_id.loc["strikes-per-day-start"], by_id.loc["strikes-2017-11-08"]
    return fall(start["value"], end["value"], start["period_start"], end["date"])


def rates_between_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """Average per day between successive cumulative totals of one series.

    The first step runs from the series' period_start (a total of zero). A total lower than
    the one before it contradicts that one and is left out of the steps (see `undrawn_totals`).
    """
    if rows.empty:
        return pd.DataFrame(columns=["start", "end", "count", "days", "per_day", "from_id", "to_id",
                                     "approximate", "series", "unit"])
    unit, series = _one(rows, "unit"), _one(rows, "series")
    rows = rows.sort_values(["as_of", "id"])
    steps, previous = [], None
    for row in rows.itertuples():
        if previous is None:
            start, before, before_id, before_exact = row.period_start, 0.0, "", True
        else:
            if row.value < previous.value or row.as_of == previous.as_of:
                continue
            start = previous.as_of + DAY
            before, before_id = previous.value, previous.id
            before_exact = previous.qualifier == "exact"
        days = (row.as_of - start) // DAY + 1
        steps.append({"start": start, "end": row.as_of, "count": row.value - before, "days": days,
                      "per_day": (row.value - before) / days, "from_id": before_id, "to_id": row.id,
                      "approximate": not (before_exact and row.qualifier == "exact"),
                      "series": series, "unit": unit})
        previous = row
    return pd.DataFrame(steps)


def strike_totals(record: pd.DataFrame) -> pd.DataFrame:
    """Coalition-wide cumulative strike totals, every confidence level."""
    return record[(record["unit"] == "strikes") & (record["kind"] == "cumulative") & (record["scope"] == "Iraq+Syria")]


def undrawn_totals(record: pd.DataFrame, steps: pd.DataFrame) -> list[str]:
    """Confident totals that end no step: alone in their series, or lower than the total before them."""
    return sorted(set(confident(strike_totals(record))["id"]) - set(steps["to_id"]))


def strike_rate_steps(record: pd.DataFrame) -> pd.DataFrame:
    """Step series of strikes per day, one per series with at least two confident totals, kept apart.

    A series with a single total gives only one average since the start of the campaign,
    which says little about the shape of the decline; such series are not drawn.
    """
    totals = confident(strike_totals(record))
    parts = [rates_between_totals(rows) for _, rows in totals.groupby("series", sort=True) if len(rows) >= 2]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else rates_between_totals(totals)


def period_rates(rows: pd.DataFrame) -> pd.DataFrame:
    """Per-day averages of period counts (such as monthly counts) of one unit."""
    if len(rows):
        _one(rows, "unit")
    out = rows[["id", "period_start", "as_of", "value", "qualifier", "series", "confidence"]].copy()
    out["days"] = days_covered(rows)
    out["per_day"] = out["value"] / out["days"]
    return out.sort_values("as_of").reset_index(drop=True)


def monthly_strike_rates(record: pd.DataFrame) -> pd.DataFrame:
    """Coalition-wide strike counts for single months (at most 31 days), as per-day averages."""
    rows = confident(record[(record["unit"] == "strikes") & (record["kind"] == "period")
                            & (record["scope"] == "Iraq+Syria")])
    rows = rows[days_covered(rows) <= 31]
    return period_rates(rows)


def strike_days(record: pd.DataFrame) -> pd.DataFrame:
    """Single-day coalition strike counts, every confidence level (the chart styles them apart)."""
    rows = record[(record["unit"] == "strikes") & (record["kind"] == "day")
                  & (record["scope"] == "Iraq+Syria")]
    return rows.sort_values("as_of").reset_index(drop=True)


def _month_start(dates: pd.Series) -> pd.Series:
    return dates.dt.to_period("M").dt.to_timestamp()


def weapons_by_month(record: pd.DataFrame) -> pd.DataFrame:
    """Weapons released per calendar month, with months derived from year-to-date totals.

    Where two sources give the same month, the more confident one is kept and the other is
    listed in `alternative`. A month is derived when two year-to-date totals (or the start of
    the year and one total) bracket exactly one month without a figure of its own.
    """
    rows = confident(record[(record["unit"] == "weapons released") & (record["kind"] == "period")
                            & (record["scope"] == "Iraq+Syria")])
    if rows.empty:
        return pd.DataFrame(columns=["month", "value", "ids", "derived", "alternative"])
    _one(rows, "unit")
    month = _month_start(rows["as_of"])
    single = (rows["period_start"] == month) & (rows["as_of"] == month + pd.offsets.MonthEnd(0))
    months = rows[single].assign(month=month[single],
                                 rank=rows.loc[single, "confidence"].map(CONFIDENCE.index))
    months = months.sort_values(["month", "rank", "id"], ascending=[True, False, True])
    table = {}
    for m, group in months.groupby("month", sort=True):
        best = group.iloc[0]
        table[m] = {"month": m, "value": best["value"], "ids": best["id"], "derived": False,
                    "alternative": ", ".join(f"{r.id} ({r.value:,.0f})" for r in group.iloc[1:].itertuples())}
    year_to_date = rows[(rows["period_start"].dt.month == 1) & (rows["period_start"].dt.day == 1)
                        & (rows["as_of"] == rows["as_of"] + pd.offsets.MonthEnd(0)) & ~single]
    for year, group in year_to_date.groupby(year_to_date["period_start"].dt.year):
        group = group.sort_values("as_of")
        previous_end, previous_total, previous_id = pd.Timestamp(year, 1, 1) - DAY, 0.0, ""
        for row in group.itertuples():
            span = pd.date_range(previous_end + DAY, row.as_of, freq="MS")
            unknown = [m for m in span if m not in table]
            if len(unknown) == 1:
                known = sum(table[m]["value"] for m in span if m in table)
                ids = f"{row.id} − {previous_id}" if previous_id else row.id
                table[unknown[0]] = {"month": unknown[0], "value": row.value - previous_total - known,
                                     "ids": ids, "derived": True, "alternative": ""}
            previous_end, previous_total, previous_id = row.as_of, row.value, row.id
    return pd.DataFrame(sorted(table.values(), key=lambda r: r["month"])).reset_index(drop=True)


def level_series(record: pd.DataFrame, unit: str) -> pd.DataFrame:
    """A state over time (members, people freed): every row of the unit, dated, confidence kept."""
    rows = record[(record["unit"] == unit) & (record["kind"] == "level")]
    return rows.sort_values(["as_of", "id"]).reset_index(drop=True)


def busiest_step(steps: pd.DataFrame) -> pd.Series:
    return steps.loc[steps["per_day"].idxmax()]


def period_average(rates: pd.DataFrame) -> float:
    """Average per day over several period counts: total count over total days."""
    return float(rates["value"].sum() / rates["days"].sum()) if len(rates) else np.nan
