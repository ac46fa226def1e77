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
STRIKES, US_STRIKES = "strikes", "strikes (US only)"
SCOPES = ("Iraq", "Syria")  # the two countries of the campaign, whose day counts add up to the coalition's
# Events that mark facts of the campaign (events.csv, column `marks`), read by the rules and the charts.
CAMPAIGN_START, FIRST_PARTNER_STRIKE, FIRST_SYRIA_STRIKE = "campaign-start", "first-partner-strike", "first-syria-strike"


class MixedUnitsError(ValueError):
    """Rows of different units or series were given where one is required."""


def _set_aside_mask(rows: pd.DataFrame) -> pd.Series:
    mask = rows["confidence"].isin(LOW_CONFIDENCE)
    if "use" in rows:  # the record marks the side of a conflict between sources that the study does not use
        mask |= rows["use"] == "no"
    return mask.astype(bool)


def relied_on(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows the charts and checks rely on: rows of low confidence, and rows the record marks as not
    used (the other side of a conflict), are set aside, and listed as such."""
    return rows[~_set_aside_mask(rows)]


def set_aside(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[_set_aside_mask(rows)]


def marked(events: pd.DataFrame, mark: str) -> pd.Series | None:
    """The relied-on event that marks a fact of the campaign (its start, say); None if none does."""
    rows = relied_on(events)
    rows = rows[rows.get("marks", pd.Series("", index=rows.index)) == mark].sort_values("date")
    return rows.iloc[0] if len(rows) else None


def charted_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events numbered on the decline charts: those marked for them, of confidence the study relies on."""
    return relied_on(events[events["on_chart"] == "yes"])


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


def fall_direction(fall: pd.Series) -> str:
    """The suffix of a sentence key by which way the report's two figures move: '' (a fall), '_rise', '_same'."""
    return "" if fall["percent"] > 0 else "_rise" if fall["percent"] < 0 else "_same"


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
    return sorted(set(relied_on(totals)["id"]) - set(steps["to_id"]))


def strike_rate_steps(record: pd.DataFrame) -> pd.DataFrame:
    """Step series of strikes per day, one per series with at least two confident totals, kept apart.

    A series with a single total gives only one average since the start of the campaign,
    which says little about the shape of the decline; such series are not drawn.
    """
    totals = relied_on(strike_totals(record))
    parts = [rates_between_totals(rows) for _, rows in totals.groupby("series", sort=True) if len(rows) >= 2]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts, ignore_index=True) if parts else rates_between_totals(totals.iloc[:0])


def period_rates(rows: pd.DataFrame) -> pd.DataFrame:
    """Per-day averages of period counts (such as monthly counts) of one unit."""
    if len(rows):
        _one(rows, "unit")
    out = rows[["id", "period_start", "as_of", "value", "qualifier", "series", "confidence", "publisher",
                "publisher_ar"]].copy()
    out["days"] = days_covered(rows)
    out["per_day"] = out["value"] / out["days"]
    return out.sort_values("as_of").reset_index(drop=True)


def monthly_strike_rates(record: pd.DataFrame) -> pd.DataFrame:
    """Coalition-wide strike counts for single months (at most 31 days), as per-day averages."""
    rows = relied_on(record[(record["unit"] == "strikes") & (record["kind"] == "period")
                            & (record["scope"] == "Iraq+Syria")])
    rows = rows[days_covered(rows) <= 31]
    return period_rates(rows)


def strike_days(record: pd.DataFrame) -> pd.DataFrame:
    """Single-day coalition strike counts the study relies on (low-confidence and unused rows are listed
    apart, never drawn nor evidence)."""
    rows = relied_on(record[(record["unit"] == "strikes") & (record["kind"] == "day")
                            & (record["scope"] == "Iraq+Syria")])
    return rows.sort_values("as_of").reset_index(drop=True)


def _whole(rows: pd.DataFrame, partners_from: pd.Timestamp | None) -> pd.Series:
    """Whether each row counts every coalition strike of its country and days: a coalition count does,
    and a US-only count does while the US struck alone (before the first partner's strike)."""
    alone = rows["as_of"] < partners_from if partners_from is not None else pd.Series(False, index=rows.index)
    return ((rows["unit"] == STRIKES) | ((rows["unit"] == US_STRIKES) & alone)).astype(bool)


SHORT_RELEASE_DAYS = 7  # a release of at most a week is read day by day; a longer one only as a total


def days_by_country(record: pd.DataFrame, events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp
                    ) -> pd.DataFrame:
    """Every day of start..end with the strikes the record allows in Iraq and in Syria, and in all.

    For each day and country: `*_low` and `*_high`, the fewest and most strikes the record allows
    (high is infinite where nothing bounds it), and `*_how`, what sets them:
    - `day`: counts of that day alone (several rows of one day are different strikes, and add up);
    - `window`: a release covering a few days (up to `SHORT_RELEASE_DAYS`), whose count, less the days of it
      known one by one, bounds each of its other days;
    - `totals`: two running totals, whose difference, less the days between them known one by one,
      bounds each day between them;
    - `none-yet`: Syria before the first strike there (events.csv marks it): no strikes;
    - `open`: nothing bounds it.
    A US-only count covers all strikes only before the first partner's strike (events.csv marks
    it); after that it is a lower bound. Rows of low confidence and rows the record does not use are
    left out. `ids` lists the rows behind each day.
    """
    partners = marked(events, FIRST_PARTNER_STRIKE)
    partners_from = partners["date"] if partners is not None else None
    syria = marked(events, FIRST_SYRIA_STRIKE)
    rows = relied_on(record[record["unit"].isin([STRIKES, US_STRIKES])])
    # Only the columns used below: rows are walked one by one, and each walk copies every column.
    rows = rows[["id", "as_of", "period_start", "value", "unit", "qualifier", "kind", "scope", "series", "url"]]
    rows = rows.assign(whole=_whole(rows, partners_from))
    days = pd.date_range(start, end, freq="D")
    day_numbers = days.to_numpy()
    out = pd.DataFrame({"day": days})
    for country in SCOPES:
        low, high = np.zeros(len(days)), np.full(len(days), np.inf)
        how, ids = np.full(len(days), "open", dtype=object), np.full(len(days), "", dtype=object)
        exact = np.zeros(len(days), dtype=bool)
        mine = rows[rows["scope"] == country]
        single = mine[(mine["kind"] == "day") & mine["as_of"].isin(days)]
        for day_, group in single.groupby("as_of"):
            i = (day_ - start).days
            low[i] = group["value"].sum()
            exact[i] = bool(group["whole"].all())
            high[i] = low[i] if exact[i] else np.inf
            how[i], ids[i] = "day", ", ".join(group["id"])
        if country == "Syria" and syria is not None:
            before = (day_numbers < np.datetime64(syria["date"])) & ~exact
            low[before], high[before], how[before], exact[before] = 0.0, 0.0, "none-yet", True
        counted = single[single["whole"]]  # the day rows a bound may subtract: whole counts of their day
        counted_on, counted_url, counted_value = (counted["as_of"].to_numpy(), counted["url"].to_numpy(),
                                                  counted["value"].to_numpy())

        def bound(first: pd.Timestamp, last: pd.Timestamp, count: float, kind: str, row_ids: str, url: str) -> None:
            """Each free day of first..last has at most `count`, less the days of it counted one by one.
            A release counts from its own time, so a day another release counted may overlap it without
            being part of it: only the same page's days are taken off on its last day (and, for a
            window, on every day); every page's days are taken off before it."""
            first, last = np.datetime64(first), np.datetime64(last)
            free = (day_numbers >= first) & (day_numbers <= last) & ~exact
            if not free.any():
                return
            taken = (counted_on >= first) & (counted_on <= last) & (counted_url == url)
            if kind == "totals":
                taken |= (counted_on >= first) & (counted_on < last)
            room = max(count - counted_value[taken].sum(), 0.0)
            tighter = free & (high > room)
            high[tighter], how[tighter], ids[tighter] = room, kind, row_ids

        windows = rows[(rows["scope"].isin([country, "Iraq+Syria"])) & (rows["kind"] == "period") & rows["whole"]
                       & (rows["qualifier"] == "exact")]
        windows = windows[days_covered(windows) <= SHORT_RELEASE_DAYS]
        for w in windows.sort_values(["as_of", "id"]).itertuples():
            bound(w.period_start, w.as_of, w.value, "window", w.id, w.url)
        totals = mine[(mine["kind"] == "cumulative") & mine["whole"] & (mine["qualifier"] == "exact")]
        for _, series in totals.groupby("series", sort=True):  # totals of different series never chain
            previous = None
            for t in series.sort_values(["as_of", "id"]).drop_duplicates("as_of", keep="last").itertuples():
                first = t.period_start if previous is None else previous.as_of + DAY
                before_value = 0.0 if previous is None else previous.value
                bound(first, t.as_of, t.value - before_value, "totals",
                      t.id if previous is None else f"{previous.id}, {t.id}", t.url)
                previous = t
        key = country.lower()
        out[f"{key}_low"], out[f"{key}_high"], out[f"{key}_how"], out[f"{key}_ids"] = low, high, how, ids
    out["low"] = out["iraq_low"] + out["syria_low"]
    out["high"] = out["iraq_high"] + out["syria_high"]
    out["exact"] = out["low"] == out["high"]
    return out


def day_kinds(days: pd.DataFrame, claim: float) -> pd.Series:
    """What the record says of each day of `days_by_country` against a claimed maximum: `counted` (its
    count known whole, from a release of that day), `bounded` (kept below the claim by the releases and
    totals around it) or `open` (nothing keeps it below the claim)."""
    counted = days["exact"] & (days[["iraq_how", "syria_how"]] == "day").any(axis=1)
    return pd.Series(np.where(counted, "counted", np.where(days["high"] < claim, "bounded", "open")), index=days.index)


def claim_days(days: pd.DataFrame, figure: pd.Series) -> pd.DataFrame:
    """The days of `days_by_country` inside the claim's period, each with its `kind` (`day_kinds`)
    against the claimed figure: what the verdict, the sentence and the chart's title all rest on."""
    first, last = claim_window(figure)
    inside = days[(days["day"] >= first) & (days["day"] <= last)]
    return inside.assign(kind=day_kinds(inside, figure["value"]))


def busiest_counted(days: pd.DataFrame) -> pd.Series | None:
    """The busiest of the `claim_days` counted whole, or None when none is."""
    counted = days[days["kind"] == "counted"]
    return counted.loc[counted["low"].idxmax()] if len(counted) else None


def quiet_windows(record: pd.DataFrame, events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp,
                  at_most: float) -> pd.DataFrame:
    """Releases covering a few days, start..end, that count every coalition strike of their days and so
    few of them that one of the days had at most `at_most` (two strikes over two days: a day of one or none)."""
    partners, syria = marked(events, FIRST_PARTNER_STRIKE), marked(events, FIRST_SYRIA_STRIKE)
    rows = relied_on(record[(record["kind"] == "period") & (record["qualifier"] == "exact")])
    rows = rows[(rows["period_start"] >= start) & (rows["as_of"] <= end) & (days_covered(rows) <= SHORT_RELEASE_DAYS)]
    whole = _whole(rows, partners["date"] if partners is not None else None)
    alone = (rows["scope"] == "Iraq") & (rows["as_of"] < syria["date"] if syria is not None else False)
    rows = rows[whole & ((rows["scope"] == "Iraq+Syria") | alone)]
    # A release counts from its own time: one whose days another release counted one by one (a 'last 24
    # hours' after that day's own release) holds only part of them, and guarantees nothing of its days.
    days = relied_on(record[record["kind"] == "day"])
    overlapped = [((days["as_of"] >= w.period_start) & (days["as_of"] <= w.as_of) & (days["url"] != w.url)).any()
                  for w in rows.itertuples()]
    rows = rows[~pd.Series(overlapped, index=rows.index, dtype=bool)]
    return rows[rows["value"] // days_covered(rows) <= at_most].sort_values("as_of")


def days_between(record: pd.DataFrame, events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """Coalition-wide single days known exactly, start..end: the record's days of both countries
    together, and the days whose count `days_by_country` settles in each country."""
    together = strike_days(record)
    together = together[(together["as_of"] >= start) & (together["as_of"] <= end) & (together["qualifier"] == "exact")]
    together = together.assign(day=together["as_of"])[["day", "value", "id"]].rename(columns={"id": "ids"})
    apart = relied_on(record[record["scope"].isin(SCOPES) & record["unit"].isin([STRIKES, US_STRIKES])])
    apart = apart[(apart["as_of"] >= start) & (apart["as_of"] <= end)]
    if len(apart):
        by_country = days_by_country(record, events, apart["as_of"].min(), apart["as_of"].max())
        settled = by_country[by_country["exact"] & (by_country[["iraq_how", "syria_how"]] == "day").any(axis=1)]
        settled = settled.assign(value=settled["low"],
                                 ids=settled["iraq_ids"].str.cat(settled["syria_ids"], sep=", ").str.strip(", "))
        together = pd.concat([together, settled[["day", "value", "ids"]]], ignore_index=True)
    return together.sort_values(["day", "ids"]).drop_duplicates("day").reset_index(drop=True)


def _month_start(dates: pd.Series) -> pd.Series:
    return dates.dt.to_period("M").dt.to_timestamp()


WEAPONS_SERIES = "afcent"  # one publisher and one unit for the whole campaign: AFCENT's weapons released


def _months(start: pd.Timestamp, end: pd.Timestamp) -> list[pd.Timestamp]:
    return list(pd.date_range(start.to_period("M").to_timestamp(), end, freq="MS"))


def weapons_by_month(record: pd.DataFrame) -> pd.DataFrame:
    """AFCENT's weapons released, one row per calendar month from its first month to its last.

    Each month is `read` (a figure of its own), `derived` (exactly one month left unknown inside a
    total: the total less the known months), `average` (several months known only together, through
    a total: each drawn at the stretch's average, with the stretch's total in `stretch_total`) or
    `missing` (no figure and no total covering it). Totals count only when stated exactly; where one
    total nests in another from the same start (year to date), their difference is used. Other
    sources' figures for a month (another series, or a row the record does not use) are listed in
    `alternative` and `alternative_values`, never drawn as the month's value.
    """
    columns = ["month", "value", "status", "ids", "stretch", "stretch_total", "stretch_months", "alternative",
               "alternative_values", "publisher", "publisher_ar"]
    # Only the columns used below: rows are walked one by one, and each walk copies every column.
    rows = record.loc[(record["unit"] == "weapons released") & (record["kind"].isin(["period", "cumulative"]))
                      & (record["scope"] == "Iraq+Syria"),
                      ["id", "as_of", "period_start", "value", "qualifier", "series", "publisher", "publisher_ar",
                       "confidence", "use"]]
    own = relied_on(rows[rows["series"] == WEAPONS_SERIES])
    if own.empty:
        return pd.DataFrame(columns=columns)
    first = _month_start(own["period_start"].fillna(own["as_of"])).min()
    single = (_month_start(rows["period_start"].fillna(rows["as_of"])) == _month_start(rows["as_of"])) \
        & (rows["as_of"] == rows["as_of"] + pd.offsets.MonthEnd(0))
    table = {m: {"month": m, "value": np.nan, "status": "missing", "ids": "", "stretch": "", "stretch_total": np.nan,
                 "stretch_months": 0, "alternative": "", "alternative_values": (), "publisher": "", "publisher_ar": ""}
             for m in _months(first, own["as_of"].max())}
    read = own[single.loc[own.index]].assign(month=lambda r: _month_start(r["as_of"]),
                                              rank=lambda r: r["confidence"].map(CONFIDENCE.index))
    read = read.sort_values(["month", "rank", "id"], ascending=[True, False, True]).drop_duplicates("month")
    for row in read.itertuples():
        table[row.month] |= {"value": row.value, "status": "read", "ids": row.id, "publisher": row.publisher,
                             "publisher_ar": row.publisher_ar}
    others = rows[single & ~rows["id"].isin(read["id"])].assign(month=lambda r: _month_start(r["as_of"]))
    for month, group in others.sort_values("id").groupby("month"):
        if month in table:
            table[month] |= {"alternative": ", ".join(f"{r.id} ({r.value:,.0f})" for r in group.itertuples()),
                             "alternative_values": tuple(group["value"])}
    totals = own[~single.loc[own.index] & (own["qualifier"] == "exact")].assign(
        start=lambda r: _month_start(r["period_start"].fillna(r["as_of"])), end=lambda r: _month_start(r["as_of"]))
    known_sums: list[tuple[set, float]] = []  # stretches already worked out: their months and their sum

    def unknown(total) -> list[pd.Timestamp]:
        inside = _months(total.start, total.end)
        taken = set().union(*(months for months, _ in known_sums)) if known_sums else set()
        return [m for m in inside if table[m]["status"] == "missing" and m not in taken]

    all_totals = list(totals.itertuples())
    pending = list(all_totals)
    while pending:  # the total with the fewest months left unknown first, so a stretch is never cut too wide
        pending.sort(key=lambda t: (len(unknown(t)), (t.end - t.start).days, t.id))
        total = pending.pop(0)
        months = unknown(total)
        if not months:
            continue
        nested = [t for t in all_totals if t.start == total.start and t.end < total.end]
        base, since, ids = 0.0, total.start, total.id
        if nested:  # year to date: the difference from the latest earlier total of the same year
            before = max(nested, key=lambda t: t.end)
            base, since, ids = before.value, before.end + pd.offsets.MonthBegin(1), f"{total.id} − {before.id}"
        span = set(_months(since, total.end))
        if not set(months) <= span:
            base, since, ids, span = 0.0, total.start, total.id, set(_months(total.start, total.end))
        known = sum(table[m]["value"] for m in span if table[m]["status"] in ("read", "derived"))
        known += sum(value for stretch, value in known_sums if stretch <= span)
        remainder = total.value - base - known
        published = {"publisher": total.publisher, "publisher_ar": total.publisher_ar}  # the total's, the later one
        if len(months) == 1:
            table[months[0]] |= {"value": remainder, "status": "derived", "ids": ids} | published
            continue
        name = ids
        for m in months:
            table[m] |= {"value": remainder / len(months), "status": "average", "ids": ids, "stretch": name,
                         "stretch_total": remainder, "stretch_months": len(months)} | published
        known_sums.append((set(months), remainder))
    return pd.DataFrame(list(table.values()), columns=columns).reset_index(drop=True)


def weapons_stretches(months: pd.DataFrame) -> pd.DataFrame:
    """The stretches of months known only together: one row each, with its months, total and average."""
    averaged = months[months["status"] == "average"]
    return (averaged.groupby("stretch", sort=False)
            .agg(first=("month", "min"), last=("month", "max"), months=("month", list), total=("stretch_total", "first"),
                 average=("value", "first"), ids=("ids", "first"))
            .reset_index(drop=True).sort_values("first").reset_index(drop=True))


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
    known = relied_on(levels)
    known = known[known["as_of"] <= date]
    return known.iloc[-1] if len(known) else None


def period_average(rates: pd.DataFrame) -> float:
    """Average per day over several period counts: total count over total days."""
    return float(rates["value"].sum() / rates["days"].sum()) if len(rates) else np.nan
