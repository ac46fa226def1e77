"""Numbers derived from the data: the article's fall, and the record's rates over time.

Units never mix: every function that turns counts into rates takes rows of one unit and
one series and refuses anything else (`MixedUnitsError`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

# The reference record's confidence levels, weakest first.
CONFIDENCE = ["low", "low-medium", "medium-low", "medium", "medium-high", "high"]
LOW_CONFIDENCE = {"low", "low-medium", "medium-low"}
DAY = pd.Timedelta(days=1)
NEAREST_LEVEL_WINDOW = pd.Timedelta(days=45)  # how far from a claim's date a record level may be to judge it


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


def fall(start: pd.Series, end: pd.Series) -> pd.Series:
    """The report's comparison: its day at the start of the campaign against its last day.

    `start` and `end` are rows of the figures (value, period_start or date). Returns the two
    values, `ratio` (start / end), `percent` (the fall as a share of the start) and `days`
    from the start of the campaign to the last day.
    """
    began, _ = claim_window(start)
    return pd.Series({"start": start["value"], "end": end["value"], "ratio": start["value"] / end["value"],
                      "percent": (start["value"] - end["value"]) / start["value"] * 100,
                      "days": (end["date"] - began) // DAY}, name="fall")


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


def undrawn_totals(totals: pd.DataFrame, steps: pd.DataFrame) -> list[str]:
    """Confident totals that end no step: alone in their series, or lower than the total before them."""
    return sorted(set(confident(totals)["id"]) - set(steps["to_id"]))


def strike_rate_steps(record: pd.DataFrame) -> pd.DataFrame:
    """Step series of strikes per day, one per series with at least two confident totals, kept apart.

    A series with a single total gives only one average since the start of the campaign,
    which says little about the shape of the decline; such series are not drawn.
    """
    totals = confident(strike_totals(record))
    parts = [rates_between_totals(rows) for _, rows in totals.groupby("series", sort=True) if len(rows) >= 2]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else rates_between_totals(totals.iloc[:0])


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
    listed in `alternative` (with its id) and `alternative_values`. A month is derived when two
    year-to-date totals (or the start of the year and one total) bracket exactly one month
    without a figure of its own.
    """
    rows = confident(record[(record["unit"] == "weapons released") & (record["kind"] == "period")
                            & (record["scope"] == "Iraq+Syria")])
    if rows.empty:
        return pd.DataFrame(columns=["month", "value", "ids", "derived", "alternative", "alternative_values"])
    _one(rows, "unit")
    month = _month_start(rows["as_of"])
    single = (rows["period_start"] == month) & (rows["as_of"] == month + pd.offsets.MonthEnd(0))
    months = rows[single].assign(month=month[single],
                                 rank=rows.loc[single, "confidence"].map(CONFIDENCE.index))
    months = months.sort_values(["month", "rank", "id"], ascending=[True, False, True])
    table = {}
    for m, group in months.groupby("month", sort=True):
        best = group.iloc[0]
        others = group.iloc[1:]
        table[m] = {"month": m, "value": best["value"], "ids": best["id"], "derived": False,
                    "alternative": ", ".join(f"{r.id} ({r.value:,.0f})" for r in others.itertuples()),
                    "alternative_values": tuple(others["value"])}
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
                                     "ids": ids, "derived": True, "alternative": "", "alternative_values": ()}
            previous_end, previous_total, previous_id = row.as_of, row.value, row.id
    return pd.DataFrame(sorted(table.values(), key=lambda r: r["month"])).reset_index(drop=True)


def level_series(record: pd.DataFrame, unit: str) -> pd.DataFrame:
    """A state over time (members, people freed): every row of the unit, dated, confidence kept."""
    rows = record[(record["unit"] == unit) & (record["kind"] == "level")]
    return rows.sort_values(["as_of", "id"]).reset_index(drop=True)


def peak(steps: pd.DataFrame) -> pd.Series:
    """The campaign's peak: the step with the most strikes a day (of the steps given)."""
    return steps.loc[steps["per_day"].idxmax()]


def busiest_day(days: pd.DataFrame) -> pd.Series:
    """The single day with the most strikes (of the days given)."""
    return days.loc[days["value"].idxmax()]


def claim_window(figure: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days a figure speaks of: its period, or its single date."""
    start = figure["period_start"] if pd.notna(figure["period_start"]) else figure["date"]
    return start, figure["date"]


def start_rate(monthly: pd.DataFrame, claim: pd.Series) -> pd.Series | None:
    """Strikes a day at the start of the campaign: the monthly counts within the claim's period.

    One series only (the one covering most days), never a mix. Returns the average (total
    count over total days), the busiest month and its rate, the period covered and the ids;
    None when no monthly count falls within the period.
    """
    start, end = claim_window(claim)
    months = monthly[(monthly["period_start"] >= start) & (monthly["as_of"] <= end)]
    if months.empty:
        return None
    months = months[months["series"] == months.groupby("series")["days"].sum().idxmax()]
    busiest = months.loc[months["per_day"].idxmax()]
    return pd.Series({"average": period_average(months), "total": months["value"].sum(),
                      "days": months["days"].sum(), "first": months["period_start"].min(),
                      "last": months["as_of"].max(), "busiest_rate": busiest["per_day"],
                      "busiest_month": busiest["as_of"], "series": busiest["series"],
                      "lower_bound": bool((months["qualifier"] != "exact").any()), "ids": tuple(months["id"])},
                     name="start rate")


def level_at(levels: pd.DataFrame, date: pd.Timestamp) -> pd.Series | None:
    """The last confident level (members, people freed) recorded on or before `date`; None if there is none."""
    known = confident(levels)
    known = known[known["as_of"] <= date]
    return known.iloc[-1] if len(known) else None


def nearest_levels(levels: pd.DataFrame, date: pd.Timestamp, window: pd.Timedelta) -> pd.DataFrame:
    """The confident levels closest to `date`, no further than `window` from it (several if tied)."""
    rows = confident(levels)
    distance = (rows["as_of"] - date).abs()
    rows, distance = rows[distance <= window], distance[distance <= window]
    return rows[distance == distance.min()]


def period_average(rates: pd.DataFrame) -> float:
    """Average per day over several period counts: total count over total days."""
    return float(rates["value"].sum() / rates["days"].sum()) if len(rates) else np.nan
