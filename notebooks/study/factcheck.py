"""Fact-check each article figure against the official record, by explicit rules.

Each figure names its rule in `article_figures.csv` (column `check`). A rule judges the figure
at the date or period the figure refers to (its row's `date` and `period_start`), from the
record's rows about that period that were published by the time of the report (a claim about
what came after the report is judged on the months that followed it). It returns a `Check`:

- `verdict`, one level of the scale below;
- `reason`, the evidence that exists, `missing`, the evidence the record lacks, and `margin`,
  how far the evidence would have to move to change the verdict: each a sentence key of
  `strings.csv`, filled from `params`, the record's numbers behind the verdict;
- `context`, sentences a reader should have beside the verdict (a later change, a derived count);
- `evidence`, the ids of the rows it rests on.

The record's own copy of the article's claim (the figure's `record_id`) is never evidence.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import analysis
from .analysis import DAY, relied_on
from .data import source_of

# The scale, from best to worst; data/README.md says what each level means.
ACCURATE, MOSTLY_ACCURATE, UNPROVEN, UNLIKELY, INACCURATE = (
    "accurate", "mostly_accurate", "unproven", "unlikely", "inaccurate")
VERDICTS = (ACCURATE, MOSTLY_ACCURATE, UNPROVEN, UNLIKELY, INACCURATE)
BANDS_FILE = Path(__file__).with_name("bands.csv")  # every band the rules use, once; the codebook shows the same file
RELEASES = "cjtf-oir-strike-release"
PER_DAY = "strikes per day"
STRICT = {"more than"}  # qualifiers whose lower edge is excluded: 50 is not more than 50


@lru_cache(maxsize=1)
def bands() -> dict[str, tuple[float, float]]:
    """Each band's edges (low, high), from `bands.csv`; a blank high edge is no limit."""
    table = pd.read_csv(BANDS_FILE, dtype={"band": str}, keep_default_na=False)
    return {row.band: (float(row.low) if row.low != "" else -np.inf, float(row.high) if row.high != "" else np.inf)
            for row in table.itertuples()}


def band_days(name: str) -> pd.Timedelta:
    """A band of days (`level window`, `cadence after`) as a length of time: its high edge."""
    return pd.Timedelta(days=bands()[name][1])


class Amount(NamedTuple):
    """A number with its unit, written as the language counts it ('3 strikes', 'غارتان')."""
    value: float
    unit: str
    qualifier: str = "exact"


class Rate(NamedTuple):
    """A rate with its unit, written to a precision that means something ('5.5 strikes a day')."""
    value: float
    unit: str
    qualifier: str = "exact"


class Span(NamedTuple):
    """A period, written as one ('April–September 2017')."""
    start: pd.Timestamp
    end: pd.Timestamp


class Count(NamedTuple):
    """A country's own count, with the date it was counted to ('France: 796 strikes, September 2016')."""
    country: str
    amount: Amount
    as_of: pd.Timestamp


class Label(NamedTuple):
    """Text from the data in both languages."""
    en: str
    ar: str


@dataclass(frozen=True)
class Check:
    verdict: str
    reason: str
    params: dict
    evidence: tuple[str, ...] = ()
    missing: str | tuple[str, ...] = ()  # one sentence key, or several
    margin: str | None = None
    context: tuple[str, ...] = ()

    def __post_init__(self):
        if isinstance(self.missing, str):
            object.__setattr__(self, "missing", (self.missing,))


def edges(claim: float, qualifier: str) -> tuple[float, float]:
    """The values that agree with a claim, from `low` to `high`, by its qualifier's band."""
    low, high = bands()[qualifier]
    return claim * low, claim * high


def within(observed: float, low: float, high: float, strict: bool = False) -> bool:
    return (observed > low if strict else observed >= low) and observed <= high


def agrees(claim: float, qualifier: str, observed: float) -> bool:
    return within(observed, *edges(claim, qualifier), strict=qualifier in STRICT)


def _steps(distance: float, step: float) -> float:
    return round(distance / step, 9)  # so that 0.1 * 3 steps is 3 steps, not 2.9999


def flip_distance(observed: float, low: float, high: float, strict: bool = False, step: float = 1.0) -> float:
    """The smallest change of `observed`, in whole `step`s, that turns it from agreeing with the band
    low..high to not agreeing, or the other way round. The edges are included (the low one excluded
    when `strict`); an infinite edge is never crossed."""
    def out_below(k):  # steps down until observed leaves (or, below the band, never enters) the band
        gap = _steps(observed - low, step)
        return np.floor(gap) + 1 if not strict else max(np.ceil(gap), 1)
    if within(observed, low, high, strict):
        down = out_below(0) if np.isfinite(low) else np.inf
        up = np.floor(_steps(high - observed, step)) + 1 if np.isfinite(high) else np.inf
        return float(min(down, up) * step)
    if observed <= low:
        gap = _steps(low - observed, step)
        return float((np.floor(gap) + 1 if strict else max(np.ceil(gap), 1)) * step)
    return float(max(np.ceil(_steps(observed - high, step)), 1) * step)


def margin_of(claim: float, qualifier: str, observed: float, step: float = 1.0) -> float:
    """How far a record value would have to move for its agreement with the claim to flip."""
    return flip_distance(observed, *edges(claim, qualifier), strict=qualifier in STRICT, step=step)


def _independent(record: pd.DataFrame, figure: pd.Series) -> pd.DataFrame:
    return record[record["id"] != figure["record_id"]]


def published_by(rows: pd.DataFrame, date: pd.Timestamp) -> pd.DataFrame:
    """Rows published on or before `date`. Partial dates ('2017-11') count as published by any
    day they contain; a row without a publication date counts as published on the date it is true
    at (`as_of`), the earliest it can have been."""
    stamp = date.strftime("%Y-%m-%d")
    published = rows["published"].fillna("").astype(str)
    undated = (rows["as_of"] <= date) if "as_of" in rows else pd.Series(True, index=rows.index)
    # A boolean mask even when empty: an empty object-typed one would select columns, not rows.
    known = published.map(lambda p: p != "" and p <= stamp[:len(p)]).astype(bool)
    return rows[(known | ((published == "") & undated)).astype(bool)]


def _report_date(figure: pd.Series, data) -> pd.Timestamp:
    return source_of(figure, data.sources)["published"]


def _evidence(figure: pd.Series, data) -> pd.DataFrame:
    """The record as evidence for a figure: relied-on rows, published by the time of the report, never
    the claim's own copy."""
    return relied_on(published_by(_independent(data.record, figure), _report_date(figure, data)))


def _within(rows: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    return rows[(rows["as_of"] >= start) & (rows["as_of"] <= end)]


def _day_context(day: pd.Series) -> tuple[str, ...]:
    """What a reader should know about a single day a verdict rests on."""
    notes = ()
    if day["derived"] == "yes":
        notes += ("context_day_derived",)
    if day["qualifier"] in ("at least", "more than"):
        notes += ("context_day_lower_bound",)
    return notes


def _firm(day: pd.Series) -> bool:
    """A day count that can carry a verdict alone: stated as such, exact and of high confidence."""
    return day["derived"] == "no" and day["qualifier"] == "exact" and day["confidence"] == "high"


def start_rate(figure, data) -> Check:
    """'Up to N strikes in a day when the campaign began', judged on the single days of its period.

    Each day gets the fewest and most strikes the record allows (`analysis.days_by_country`): its
    own count, or the bound that a release covering a few days, or two running totals around it,
    set. A recorded day that reaches N makes it accurate; if no day could have reached N it is
    inaccurate; if some days are open, it is unlikely when N is at least `unlikely` times the
    busiest recorded day, and unproven otherwise. Without any day of the period on record, the
    period's monthly counts stand in, by the same multiple.
    """
    start, end = analysis.claim_window(figure)
    record = _evidence(figure, data)
    claim = figure["value"]
    multiple = bands()["unlikely"][0]
    single = _within(analysis.strike_days(record), start, end)
    params = {"window": Span(start, end)}
    reaching = single[single["value"] >= claim]
    if len(reaching):
        top = analysis.busiest_day(reaching)
        params |= {"day": top["as_of"], "day_amount": Amount(top["value"], "strikes", top["qualifier"]),
                   "day_slack": Amount(top["value"] - claim + 1, "strikes")}
        return Check(ACCURATE if _firm(top) else MOSTLY_ACCURATE, "reason_start_day_reached", params, (top["id"],),
                     margin="margin_day_lower", context=_day_context(top))
    days = analysis.claim_days(analysis.days_by_country(record, data.events, start, end), figure)
    counted = days[days["kind"] == "counted"]
    rate = analysis.start_rate(analysis.monthly_strike_rates(record), figure)
    context, month_ids = (), ()
    if rate is not None:
        params |= {"period": Span(rate["first"], rate["last"]), "total": Amount(rate["total"], "strikes"),
                   "days": Amount(rate["days"], "days"),
                   "average": Rate(rate["average"], PER_DAY, "at least" if rate["lower_bound"] else "exact"),
                   "series": rate["series"], "busiest_rate": Rate(rate["busiest_rate"], PER_DAY),
                   "busiest_month": rate["busiest_month"]}
        month_ids = rate["ids"]
    if counted.empty:
        if rate is None:
            return Check(UNPROVEN, "reason_no_record", params, (), "missing_days", "margin_any_count")
        threshold = claim / multiple
        params |= {"multiple": claim / rate["busiest_rate"], "threshold": Rate(threshold, PER_DAY),
                   "factor": threshold / rate["busiest_rate"]}
        context = ("context_lower_bound",) if rate["lower_bound"] else ()
        verdict, margin = ((UNLIKELY, "margin_unlikely") if rate["busiest_rate"] <= threshold
                           else (UNPROVEN, "margin_unproven_start"))
        return Check(verdict, "reason_start_averages", params, month_ids, "missing_days", margin, context)
    busiest = analysis.busiest_counted(days)
    most = days.loc[days["high"].idxmax()]
    open_days = days[days["kind"] == "open"]  # days the record leaves room for the claim on
    ids = tuple(dict.fromkeys(i for column in ("iraq_ids", "syria_ids") for cell in days[column] if cell
                              for i in cell.split(", ")))
    params |= {"day_count": Amount(len(counted), "days"), "window_days": Amount(len(days), "days"),
               "busiest_day": busiest["day"], "busiest": Amount(busiest["low"], "strikes"),
               "bounded_days": Amount((days["kind"] == "bounded").sum(), "days"),
               "open_days": Amount(len(open_days), "days"), "claim_multiple": claim / max(busiest["low"], 1),
               "claim_strikes": Amount(claim, "strikes")}
    if rate is not None:
        context += ("context_start_months",)
    if open_days.empty:  # every day bounded below the claim: none could have reached it
        params |= {"most": Amount(most["high"], "strikes"), "most_day": most["day"],
                   "turn": Amount(claim - most["high"], "strikes")}
        return Check(INACCURATE, "reason_start_days_bounded", params, ids, "missing_nothing", "margin_start_bounded",
                     context)
    params["open_list"] = [Span(*run) for run in _runs(open_days["day"])]
    threshold = np.floor(claim / multiple)  # the busiest day at or below it leaves the claim 'unlikely'
    if busiest["low"] <= threshold:
        params["turn"] = Amount(threshold + 1 - busiest["low"], "strikes")
        return Check(UNLIKELY, "reason_start_days", params, ids, "missing_days_unbounded", "margin_unlikely_days",
                     context)
    params["turn"] = Amount(busiest["low"] - threshold, "strikes")
    return Check(UNPROVEN, "reason_start_days", params, ids, "missing_days_unbounded", "margin_unproven_days", context)


def _runs(dates: pd.Series) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Consecutive days as (first, last) runs."""
    runs = []
    for date in sorted(dates):
        if runs and date - runs[-1][1] == DAY:
            runs[-1] = (runs[-1][0], date)
        else:
            runs.append((date, date))
    return runs


def peak_day(figure, data) -> Check:
    """'More than N strikes on peak days': is there a recorded day of the period that passes N?"""
    start, end = analysis.claim_window(figure)
    record = _evidence(figure, data)
    days = _within(analysis.strike_days(record), start, end)
    steps = analysis.strike_rate_steps(record)
    steps = steps[(steps["start"] >= start) & (steps["end"] <= end)]
    params = {"day_count": Amount(days["as_of"].nunique(), "days"), "window": Span(start, end)}
    evidence, context = (), ()
    if len(steps):
        peak = analysis.peak(steps)
        params |= {"peak_rate": Rate(peak["per_day"], PER_DAY), "peak_span": Span(peak["start"], peak["end"]),
                   "peak_series": peak["series"]}
        evidence += tuple(i for i in (peak["from_id"], peak["to_id"]) if i)
        context += ("context_peak_average",)
    if days.empty:
        return Check(UNPROVEN, "reason_no_days", params, evidence, "missing_days", "margin_any_day", context)
    reaching = days[days["value"].map(lambda v: agrees(figure["value"], figure["qualifier"], v))]
    top = analysis.busiest_day(reaching if len(reaching) else days)
    params |= {"day": top["as_of"], "day_amount": Amount(top["value"], "strikes", top["qualifier"]),
               "reaching": len(reaching), "reaching_days": Amount(len(reaching), "days"),
               "day_slack": Amount(margin_of(figure["value"], figure["qualifier"], top["value"]), "strikes")}
    if reaching.empty:
        return Check(UNPROVEN, "reason_peak_day_missing", params, (top["id"],) + evidence, "missing_days_sampled",
                     "margin_day_short", context)
    firm = reaching[reaching.apply(_firm, axis=1)]
    reason, margin = (("reason_peak_one_day", "margin_day_lower") if len(reaching) == 1
                      else ("reason_peak_days", "margin_days_lower"))
    verdict = ACCURATE if len(firm) else MOSTLY_ACCURATE
    if verdict == MOSTLY_ACCURATE and len(reaching) == 1:
        margin = "margin_day_lower_firm"  # a firmer count of the same day, not a change of it, would make it accurate
    context = (() if len(firm) else _day_context(top)) + context
    return Check(verdict, reason, params, tuple(reaching["id"]) + evidence, "missing_days_sampled", margin, context)


def _covering(releases: pd.DataFrame, date: pd.Timestamp) -> pd.DataFrame:
    """Releases whose days include `date`."""
    first = releases["period_start"].fillna(releases["as_of"])
    return releases[(first <= date) & (releases["as_of"] >= date)]


def single_day(figure, data) -> Check:
    """A count for one day: does a source other than the claimant give that day?"""
    record = _evidence(figure, data)
    days = analysis.strike_days(record)
    same = days[days["as_of"] == figure["date"]]
    # Days as quiet soon after are context, whenever they were published; never evidence.
    following = analysis.strike_days(_independent(data.record, figure))
    later = following[(following["as_of"] > figure["date"]) & (following["as_of"] <= figure["date"] + 60 * DAY)
                      & (following["value"] <= figure["value"])]
    params = {"date": figure["date"], "later_days": list(later["as_of"])}
    context = ()
    if len(later):  # said to come from after the report when none of them was published by then
        reported = _report_date(figure, data)
        context = ("context_later_days" if len(published_by(later, reported)) else "context_later_days_after",)
    if same.empty:
        releases = record[(record["series"] == RELEASES) & (record["derived"] == "no")]
        covering = _covering(releases, figure["date"])
        one_day = releases[(analysis.days_covered(releases) == 1) & (releases["as_of"] < figure["date"])]
        if len(covering):  # a release of several days counts that day only within its total
            wide = covering.loc[analysis.days_covered(covering).idxmax()]
            params |= {"release_span": Span(wide["period_start"], wide["as_of"]),
                       "release_amount": Amount(wide["value"], "strikes")}
            missing = "missing_release_spans_day"
        elif len(one_day):
            params["last_daily"] = one_day["as_of"].max()
            missing = "missing_release_after"
        else:
            missing = "missing_release_for_day"
        reason = "reason_only_claimant" if figure["record_id"] else "reason_no_day_count"
        return Check(UNPROVEN, reason, params, tuple(covering["id"]) if len(covering) else (), missing,
                     "margin_any_count_day", context)
    observed = same["value"].iloc[0]
    params |= {"observed": Amount(observed, "strikes"),
               "slack": Amount(margin_of(figure["value"], figure["qualifier"], observed), "strikes")}
    if agrees(figure["value"], figure["qualifier"], observed):
        return Check(ACCURATE, "reason_day_recorded", params, tuple(same["id"]), margin="margin_tolerance",
                     context=context)
    return Check(INACCURATE, "reason_day_recorded", params, tuple(same["id"]), margin="margin_tolerance_out",
                 context=context)


def lowest_day(figure, data) -> Check:
    """'The fewest strikes of any day since operations began': the claimed day against every single day
    of the campaign before it that the record counts whole, published by the time of the report."""
    start, end = analysis.claim_window(figure)
    record = _evidence(figure, data)
    days = analysis.days_between(record, data.events, start, end - DAY)
    params = {"window": Span(start, end - DAY), "date": figure["date"], "day_count": Amount(len(days), "days")}
    if days.empty:
        return Check(UNPROVEN, "reason_no_days", params, (), "missing_days", "margin_any_day")
    fewest = days["value"].min()
    quietest = days[days["value"] == fewest]
    params |= {"fewest": Amount(fewest, "strikes"), "fewest_days": list(quietest["day"]),
               "fewest_count": Amount(len(quietest), "days"), "claim_amount": Amount(figure["value"], "strikes"),
               # the fewest would have to fall below the claimed day's count for the claim to fail
               "turn": Amount(fewest - figure["value"] + 1, "strikes")}
    evidence = tuple(dict.fromkeys(i for cell in quietest["ids"] for i in cell.split(", ")))
    missing = "missing_days_whole_sampled"
    windows = analysis.quiet_windows(record, data.events, start, end - DAY, figure["value"])
    context = ()
    if len(windows):  # releases of a few days too quiet for every day of them to have had more
        params["quiet_windows"] = [Span(w.period_start, w.as_of) for w in windows.itertuples()]
        context = ("context_lowest_windows",)
        evidence += tuple(windows["id"])
    if fewest < figure["value"]:
        params["turn"] = Amount(figure["value"] - fewest, "strikes")
        return Check(INACCURATE, "reason_lowest_beaten", params, evidence, missing, "margin_lowest_beaten", context)
    reason = "reason_lowest_tied" if fewest == figure["value"] else "reason_lowest_held"
    return Check(MOSTLY_ACCURATE, reason, params, evidence, missing, "margin_lowest", context)


def month_count(figure, data) -> Check:
    """A count for a stretch of days ('dozens of strikes during November'): the releases of those days
    add up to a lower bound; two running totals around the stretch, to an upper bound."""
    start, end = analysis.claim_window(figure)
    low_edge, high_edge = edges(figure["value"], figure["qualifier"])
    record = _evidence(figure, data)
    releases = record[(record["unit"] == analysis.STRIKES) & (record["scope"] == "Iraq+Syria")
                      & record["kind"].isin(["day", "period"]) & (record["series"] == RELEASES)]
    first = releases["period_start"].fillna(releases["as_of"])
    releases = releases[(first >= start) & (releases["as_of"] <= end)]
    counted = _apart(releases)
    low = float(counted["value"].sum())
    params = {"window": Span(start, end), "low": Amount(low, "strikes"), "releases": Amount(len(counted), "strike releases"),
              "low_edge": Amount(low_edge, "strikes"), "high_edge": Amount(np.floor(high_edge), "strikes")}
    high, bracket = _bracket(record, start, end)
    context = ()
    later, later_bracket = _bracket(relied_on(_independent(data.record, figure)), start, end)
    if bracket is None and later_bracket is not None:
        params |= {"later_total": Amount(later, "strikes"), "later_span": Span(*later_bracket[1])}
        context = ("context_count_later_above" if later > high_edge else "context_count_later_below" if later < low_edge
                   else "context_count_later_within",)
    evidence = tuple(counted["id"])
    if bracket is not None:
        params |= {"high": Amount(high, "strikes"), "bracket_span": Span(*bracket[1])}
        evidence += bracket[0]
    if low > high_edge or high < low_edge:
        above = low > high_edge
        params["turn"] = Amount(margin_of(figure["value"], figure["qualifier"], low if above else high), "strikes")
        return Check(INACCURATE, "reason_count_above" if above else "reason_count_below", params, evidence,
                     "missing_nothing", "margin_count_moved", context)
    if low >= low_edge and high <= high_edge:
        params["turn"] = Amount(min(low - low_edge + 1, np.floor(high_edge) - high + 1), "strikes")
        return Check(ACCURATE, "reason_count_within", params, evidence, "missing_nothing", "margin_count_moved",
                     context)
    # A lower bound alone tests only the claim's lower edge; a claim with an upper edge ('dozens', not
    # hundreds) is left unproven until a total published by then bounds the period from above.
    if low >= low_edge:
        params["turn"] = Amount(np.floor(high_edge) + 1 - low, "strikes")
        return Check(UNPROVEN, "reason_count_lower", params, evidence, "missing_count_total", "margin_count_open",
                     context)
    params["turn"] = Amount(low_edge - low, "strikes")
    return Check(UNPROVEN, "reason_count_lower", params, evidence, "missing_count_total", "margin_count_short",
                 context)


def _apart(releases: pd.DataFrame) -> pd.DataFrame:
    """Releases whose days do not overlap, the widest first: counts that can be added up."""
    taken: list[tuple[pd.Timestamp, pd.Timestamp]] = []
    kept = []
    ordered = releases.assign(covered=analysis.days_covered(releases)).sort_values(["covered", "id"],
                                                                                  ascending=[False, True])
    for row in ordered.itertuples():
        first = row.period_start if pd.notna(row.period_start) else row.as_of
        if all(row.as_of < a or first > b for a, b in taken):
            taken.append((first, row.as_of))
            kept.append(row.Index)
    return releases.loc[kept].sort_values("as_of")


def _bracket(record: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp):
    """The strikes between the last running total before `start` and the first on or after `end`, of one
    series: an upper bound for the days between. Returns (count, ((ids), (first day, last day))) or
    (inf, None)."""
    totals = record[(record["unit"] == analysis.STRIKES) & (record["kind"] == "cumulative")
                    & (record["scope"] == "Iraq+Syria")]
    best = None
    for _, rows in totals.groupby("series"):
        before, after = rows[rows["as_of"] < start], rows[rows["as_of"] >= end]
        if before.empty or after.empty:
            continue
        a, b = before.loc[before["as_of"].idxmax()], after.loc[after["as_of"].idxmin()]
        found = (b["value"] - a["value"], ((a["id"], b["id"]), (a["as_of"] + DAY, b["as_of"])))
        if best is None or (found[1][1][1] - found[1][1][0]) < (best[1][1][1] - best[1][1][0]):
            best = found
    return best if best is not None else (np.inf, None)


_COMMAND = re.compile(r"\b[A-Z]{2,}(?:-[A-Z]{2,})*\b")


def _commands(stated_by: str) -> set[str]:
    """The commands and bodies a row's `stated_by` names by their initials (CJTF-OIR, CENTCOM, DoD)."""
    return set(_COMMAND.findall(str(stated_by)))


def levels_by_claim(levels: pd.DataFrame, figure: pd.Series) -> pd.DataFrame:
    """The relied-on levels a claim can be judged on: dated within the `level window` before it, and
    published by its date."""
    levels = relied_on(levels)
    window = band_days("level window")
    return published_by(levels[(levels["as_of"] <= figure["date"]) & (levels["as_of"] >= figure["date"] - window)],
                        figure["date"])


def level(figure, data) -> Check:
    """A level at a date (people freed, territory retaken): the last independent figure published by the
    claim's date, within the `level window` before it. A figure published later, above all one from the
    claimant's own command, repeats rather than confirms, and is context."""
    window = band_days("level window")
    levels = relied_on(analysis.level_series(_independent(data.record, figure), figure["unit"]))
    known = levels_by_claim(levels, figure)
    params = {"date": figure["date"], "window_days": Amount(window // DAY, "days")}
    context = ()
    later = levels[levels["as_of"] > figure["date"] + window]
    if len(later):
        params |= {"after_value": Amount(later["value"].iloc[-1], figure["unit"]),
                   "after_date": later["as_of"].iloc[-1]}
        context += ("context_people_later",)
    soon = levels[~levels["id"].isin(known["id"]) & (levels["as_of"] >= figure["date"])
                  & (levels["as_of"] <= figure["date"] + window)]
    if len(soon):
        first = soon.iloc[0]
        claimant = data.record.set_index("id")["stated_by"].get(figure["record_id"], "") if figure["record_id"] else ""
        same = bool(_commands(claimant) & _commands(first["stated_by"]))
        params |= {"later_value": Amount(first["value"], figure["unit"], first["qualifier"]),
                   "later_date": first["as_of"], "later_by": sorted(_commands(first["stated_by"]))}
        context = ("context_level_same_source" if same else "context_level_after_claim",) + context
    if known.empty:
        return Check(UNPROVEN, "reason_no_record", params, (), "missing_level", "margin_any_level", context)
    nearest = known[known["as_of"] == known["as_of"].max()]
    evidence = tuple(nearest["id"])
    matches = nearest["value"].map(lambda v: agrees(figure["value"], figure["qualifier"], v))
    if matches.any() and not matches.all():
        params["values"] = [Amount(v, figure["unit"]) for v in sorted(nearest["value"])]
        return Check(UNPROVEN, "reason_sources_disagree", params, evidence, margin="margin_sources_agree",
                     context=context)
    row = nearest.iloc[0]
    # A share moves in percentage points, not in its own unit ('6 points', not '6% of the territory').
    slack_unit = "study percentage points" if figure["unit"].startswith("percent") else figure["unit"]
    params |= {"observed": Amount(row["value"], figure["unit"], row["qualifier"]), "observed_date": row["as_of"],
               "slack": Amount(margin_of(figure["value"], figure["qualifier"], row["value"]), slack_unit),
               "gap_days": Amount((figure["date"] - row["as_of"]) // DAY, "days")}
    if matches.all():
        return Check(ACCURATE, "reason_level_matches", params, evidence, "missing_nothing", "margin_tolerance",
                     context)
    if row["as_of"] < figure["date"]:  # a level can change in the days between: this cannot settle it
        return Check(UNPROVEN, "reason_level_before", params, evidence, "missing_level_on_date",
                     "margin_tolerance_out", context)
    return Check(INACCURATE, "reason_level_differs", params, evidence, margin="margin_tolerance_out", context=context)


def membership(figure, data) -> Check:
    """A count true at the figure's own date; what it had become by the report's date is context."""
    levels = published_by(analysis.level_series(_independent(data.record, figure), figure["unit"]),
                          _report_date(figure, data))
    then = analysis.level_at(levels, figure["date"])
    params = {"date": figure["date"]}
    if then is None:
        return Check(UNPROVEN, "reason_no_record", params, (), "missing_level_before", "margin_any_level")
    params |= {"then": Amount(then["value"], figure["unit"]), "then_date": then["as_of"],
               "slack": Amount(margin_of(figure["value"], figure["qualifier"], then["value"]), figure["unit"])}
    evidence, context = (then["id"],), ()
    published = _report_date(figure, data)
    now = analysis.level_at(analysis.level_series(_independent(data.record, figure), figure["unit"]), published)
    if published > figure["date"] and now is not None and now["value"] != then["value"]:
        params |= {"published": published, "now": Amount(now["value"], figure["unit"]), "now_date": now["as_of"]}
        context = ("context_members_by_report",)
    if agrees(figure["value"], figure["qualifier"], then["value"]):
        return Check(ACCURATE, "reason_members_then", params, evidence, "missing_nothing", "margin_tolerance", context)
    return Check(INACCURATE, "reason_members_then", params, evidence, "missing_nothing", "margin_tolerance_out",
                 context)


def active_members(figure, data) -> Check:
    """Named members 'took an active part', and 'only a few' did: does the record count strikes by each
    named member, does it rank any other above them, and were those striking few among the members?"""
    named = [n.strip() for n in figure["names_en"].split(";") if n.strip()]
    record = _evidence(figure, data)
    by_country = record[(record["country"] != "") & (record["country"] != "United States")
                        & record["unit"].str.startswith("strikes (")]
    params = {"named": named, "named_count": Amount(len(named), "countries")}
    if by_country.empty:
        return Check(UNPROVEN, "reason_no_record", params, (), "missing_country_counts",
                     "margin_named_missing")
    top = by_country.sort_values("value", ascending=False).drop_duplicates("country")
    ranking = list(top["country"])
    # Countries the report leaves out although the record gives them more strikes than one it names.
    lowest_named = max((ranking.index(n) for n in named if n in ranking), default=-1)
    floor = top["value"].iloc[lowest_named] if lowest_named >= 0 else np.inf
    unnamed = [c for c, v in zip(top["country"], top["value"]) if c not in named and v > floor]
    shown = top[top["country"].isin(named + unnamed)]
    params |= {"counts": [Count(r.country, Amount(r.value, "strikes", r.qualifier), r.as_of) for r in shown.itertuples()],
               "unnamed": unnamed, "unnamed_count": len(unnamed)}
    evidence = tuple(shown["id"])
    context, weaker = (), []
    if unnamed:
        lowest = top.set_index("country").loc[ranking[lowest_named]]
        above = top.set_index("country").loc[unnamed[-1]]
        params |= {"lowest_named": [ranking[lowest_named]],
                   "unnamed_turn": Amount(above["value"] - lowest["value"], "strikes")}  # equal is no longer above
        context += ("context_unnamed_one" if len(unnamed) == 1 else "context_unnamed_several",)
        weaker.append("prominence")
    striking = analysis.level_series(record, "countries conducting strikes")
    members = analysis.level_series(record, "coalition members")
    if len(striking) and len(members):
        most = striking.loc[striking["value"].idxmax()]
        size = analysis.level_at(members, most["as_of"])
        size = members.iloc[0] if size is None else size
        few_share = bands()["few"][1]
        share = most["value"] / size["value"]
        params |= {"striking": Amount(most["value"], "countries"), "striking_date": most["as_of"],
                   "members": Amount(size["value"], "coalition members"),
                   "few_max": Amount(np.floor(few_share * size["value"]), "countries"),
                   "few_turn": Amount(abs(np.floor(few_share * size["value"]) - most["value"]) + (share <= few_share),
                                      "countries")}
        evidence += (most["id"], size["id"])
        if share <= few_share:
            context += ("context_few_holds",)
        else:
            context += ("context_few_fails",)
            weaker.append("few")
    missing = [n for n in named if n not in ranking]
    if missing:
        params["missing"] = missing
        return Check(UNPROVEN, "reason_named_missing", params, evidence, "missing_country_counts",
                     "margin_named_missing", context)
    if weaker:
        return Check(MOSTLY_ACCURATE, "reason_named_strike", params, evidence, "missing_nothing",
                     "margin_named_unnamed" if "prominence" in weaker else "margin_named_few", context)
    return Check(ACCURATE, "reason_named_strike", params, evidence, "missing_nothing", "margin_named", context)


def release_spans(record: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp,
                  cutoff: pd.Timestamp) -> pd.DataFrame:
    """The strike releases about start..end and published by `cutoff`, one row each: its id, when
    it was published and how many days it covered (a release's rows share its address)."""
    rows = published_by(relied_on(record[(record["series"] == RELEASES) & (record["derived"] == "no")
                                         & (record["unit"] == "strikes")]), cutoff)
    rows = _within(rows, start, end).assign(covered=lambda r: analysis.days_covered(r))
    rows = rows.sort_values(["covered", "id"], ascending=[False, True]).drop_duplicates("url")
    return rows[["id", "url", "published", "as_of", "covered"]].sort_values("as_of").reset_index(drop=True)


def cadence_band(per_week: float) -> tuple[float, float]:
    """Reports a week that agree with a claim of `per_week`: releases covering whole days, from the
    whole days below 7 / per_week to those above it (twice a week: releases of 3 or 4 days, 1.75 to
    2.33 a week; daily: releases of one day, 7 a week)."""
    days = 7 / per_week
    return 7 / np.ceil(days), 7 / max(np.floor(days), 1)


def _per_week(covered) -> float:
    return 7 / float(np.median(covered))


def _cadence_agrees(covered, claim: float) -> bool:
    low, high = cadence_band(claim)
    return low - 1e-9 <= _per_week(covered) <= high + 1e-9


def _releases_to_turn(covered: list[int], claim: float) -> int:
    """How many releases would have to cover a different number of days for the typical one to change
    the verdict: try moving the releases nearest the claim's edges, one at a time."""
    agreed = _cadence_agrees(covered, claim)
    for moved in range(1, len(covered) + 1):
        for extreme in (1, 7 * 4):  # a daily release, or one covering four weeks
            changed = sorted(covered, key=lambda c: -abs(c - extreme))  # those furthest from it move first
            trial = [extreme] * moved + changed[moved:]
            if _cadence_agrees(trial, claim) != agreed:
                return moved
    return len(covered)


def cadence(figure, data) -> Check:
    """Reports a week, from the days each strike release covered.

    A figure with a period describes practice over it, from the releases published by its date;
    a figure without one describes practice from its date on: the releases of the next 120 days.
    """
    after = band_days("cadence after")
    if pd.notna(figure["period_start"]):
        start, end, cutoff = figure["period_start"], figure["date"], _report_date(figure, data)
    else:
        start = figure["date"]
        end = cutoff = figure["date"] + after
    releases = release_spans(_independent(data.record, figure), start, end, cutoff)
    low, high = cadence_band(figure["value"])
    params = {"window": Span(start, end), "band_low": Rate(low, figure["unit"]), "band_high": Rate(high, figure["unit"])}
    if releases.empty:
        return Check(UNPROVEN, "reason_no_record", params, (), "missing_releases", "margin_any_release")
    per_week = _per_week(releases["covered"])
    own = releases["covered"].map(lambda c: _cadence_agrees([c], figure["value"]))
    exceptions = releases[~own]
    params |= {"releases": Amount(len(releases), "strike releases"), "per_week": Rate(per_week, figure["unit"]),
               "typical": Amount(float(np.median(releases["covered"])), "days"),
               "turn": Amount(_releases_to_turn(list(releases["covered"]), figure["value"]), "strike releases")}
    one_day = releases[releases["covered"] == 1]
    missing = ()
    if releases["as_of"].min() - start > after:  # much of the period has no release at all
        params["first_release"] = releases["as_of"].min()
        missing += ("missing_releases_before",)
    if len(one_day) and one_day["as_of"].max() < releases["as_of"].max():
        params["last_daily"] = one_day["as_of"].max()
        missing += ("missing_daily_after",)
    missing = missing or ("missing_nothing",)
    context = ()
    if len(exceptions):
        last = exceptions.iloc[-1]
        params |= {"exceptions": Amount(len(exceptions), "strike releases"), "exception_date": last["as_of"],
                   "exception_days": Amount(last["covered"], "days")}
        context = ("context_release_exception" if len(exceptions) == 1 else "context_release_exceptions",)
    evidence = tuple(releases["id"])
    if not _cadence_agrees(releases["covered"], figure["value"]):
        return Check(INACCURATE, "reason_cadence", params, evidence, missing, "margin_releases", context)
    return Check(MOSTLY_ACCURATE if len(exceptions) else ACCURATE, "reason_cadence", params, evidence, missing,
                 "margin_releases", context)


def campaign_age(figure, data) -> Check:
    """Years from the campaign's start (the event events.csv marks as such) to the figure's date; 'about
    N years' holds within the `years about` band."""
    first = analysis.marked(data.events, analysis.CAMPAIGN_START)
    if first is None:
        return Check(UNPROVEN, "reason_no_record", {}, (), "missing_campaign_start", "margin_any_event")
    elapsed = (figure["date"] - first["date"]) // DAY
    low, high = bands()["years about"]
    year = 365.25
    band = ((figure["value"] + low) * year, (figure["value"] + high) * year)  # in days
    accurate = within(elapsed, *band)
    turn = flip_distance(elapsed, *band)
    # Moving the start earlier makes the campaign older: which way the nearer edge lies says which.
    later_edge = accurate and elapsed - turn < band[0] or not accurate and elapsed > band[1]
    params = {"start": first["date"], "first_event": Label(first.get("label_en") or first["event_en"],
                                                         first.get("label_ar") or first["event_ar"]),
              "years": Rate(elapsed / year, "years"), "turn_days": Amount(turn, "days")}
    margin = "margin_age_later" if later_edge else "margin_age_earlier"
    return Check(ACCURATE if accurate else INACCURATE, "reason_age", params, (first["id"],), "missing_nothing", margin)


def event_date(claim: pd.Series, events: pd.DataFrame) -> Check:
    """A date the report gives for an event ('on Sunday', 'days ago'): does the event's date in the record
    fall within the days the wording allows (`date_from` to `date_to`)?"""
    found = relied_on(events[events["id"] == claim["event_id"]])
    params = {"allowed": Span(claim["date_from"], claim["date_to"])}
    if found.empty:
        return Check(UNPROVEN, "reason_no_record", params, (), "missing_event", "margin_any_event")
    event = found.iloc[0]
    gap = (event["date"] - claim["date_from"]) // DAY
    span = (claim["date_to"] - claim["date_from"]) // DAY
    params |= {"event_date": event["date"], "turn_days": Amount(flip_distance(gap, 0, span), "days")}
    inside = claim["date_from"] <= event["date"] <= claim["date_to"]
    return Check(ACCURATE if inside else INACCURATE, "reason_event_date", params, (event["id"],), "missing_nothing",
                 "margin_event_date")


RULES = {"start_rate": start_rate, "peak_day": peak_day, "single_day": single_day, "lowest_day": lowest_day,
         "month_count": month_count, "level": level, "membership": membership, "active_members": active_members,
         "cadence": cadence, "campaign_age": campaign_age}


def check_figure(figure: pd.Series, data) -> Check:
    rule = RULES.get(figure["check"])
    return rule(figure, data) if rule else Check(UNPROVEN, "reason_no_rule", {})


def check_all(figures: pd.DataFrame, record: pd.DataFrame, events: pd.DataFrame,
              sources: pd.DataFrame) -> pd.DataFrame:
    """One row per article figure: the figure's columns, then its verdict and the sentence keys that
    explain it (`reason`, `missing`, `margin`, `context`), the evidence ids and the record's numbers.

    Computed from the frames given: frames of the same contents give the same verdicts, so the last few
    results are kept by a fingerprint of the frames' contents (a page asks for them several times), and
    any edit of a frame, however small, computes them afresh.
    """
    key = tuple(_fingerprint(frame) for frame in (figures, record, events, sources))
    if key not in _RECENT:
        # The rules filter these small tables hundreds of times: plain Python strings make each filter
        # a quarter faster than the loader's Arrow-backed ones (measured), and change no value.
        data = SimpleNamespace(record=_plain_strings(record), events=_plain_strings(events), sources=sources)
        _RECENT[key] = [check_figure(figure, data) for _, figure in figures.iterrows()]
        while len(_RECENT) > 4:
            _RECENT.pop(next(iter(_RECENT)))
    return _as_frame(figures, _RECENT[key])


_RECENT: dict[tuple, list[Check]] = {}  # the last few results of check_all, by the fingerprint of its frames


def _fingerprint(frame: pd.DataFrame) -> bytes:
    """The contents of a frame, columns and index included, as a short digest."""
    digest = hashlib.sha256("\x1f".join(map(str, frame.columns)).encode())
    digest.update(pd.util.hash_pandas_object(frame.astype(str), index=True).to_numpy().tobytes())
    return digest.digest()


def _plain_strings(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.astype({column: object for column, kind in rows.dtypes.items() if kind == "str"})


def _as_frame(rows: pd.DataFrame, checks: list[Check]) -> pd.DataFrame:
    return rows.assign(verdict=[c.verdict for c in checks], reason=[c.reason for c in checks],
                       missing=[c.missing for c in checks], margin=[c.margin or "" for c in checks],
                       context=[c.context for c in checks], evidence=[", ".join(c.evidence) for c in checks],
                       params=[dict(c.params) for c in checks])  # copies: a reader's edit cannot reach the kept ones


def check_claims(claims: pd.DataFrame, checks: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The inventory of the report's statements (claims.csv), each with its verdict where a rule checks
    it: a figure's own check (from `checks`, a frame of `check_all`), or the date rule for an event."""
    by_figure = checks.set_index("id")
    out = []
    for _, claim in claims.iterrows():
        if claim["status"] != "checked":
            out.append(None)
        elif claim["figure_id"]:
            figure = by_figure.loc[claim["figure_id"]]
            out.append(Check(figure["verdict"], figure["reason"], figure["params"], tuple(figure["evidence"].split(", ")),
                             figure["missing"], figure["margin"] or None, figure["context"]))
        else:
            out.append(event_date(claim, events))
    return claims.assign(verdict=[c.verdict if c else "" for c in out], reason=[c.reason if c else "" for c in out],
                         missing=[c.missing if c else () for c in out], margin=[c.margin or "" if c else "" for c in out],
                         context=[c.context if c else () for c in out],
                         evidence=[", ".join(c.evidence) if c else "" for c in out],
                         params=[c.params if c else {} for c in out])
