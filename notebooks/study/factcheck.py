"""Fact-check each article figure against the official record, by explicit rules.

Each figure names its rule in `article_figures.csv` (column `check`). A rule returns a
`Check`: the verdict, the record's numbers behind it (`params`, turned into words by
`text.py` in either language) and the ids of the record rows it rests on. The record's
own copy of the article's claim (the figure's `record_id`) is never counted as evidence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np
import pandas as pd

from . import analysis
from .analysis import DAY, NEAREST_LEVEL_WINDOW, confident

SUPPORTED, CONTRADICTED, OUTDATED, NOT_CHECKABLE = "supported", "contradicted", "outdated", "not_checkable"
VERDICTS = (SUPPORTED, CONTRADICTED, OUTDATED, NOT_CHECKABLE)

# How far a record value may sit from a claim and still agree with it, by the claim's qualifier.
TOLERANCE = {"exact": (0.98, 1.02), "about": (0.9, 1.1), "nearly": (0.9, 1.0),
             "up to": (0.0, 1.0), "more than": (1.0, np.inf), "at least": (1.0, np.inf)}
# A claimed maximum day is contradicted by averages only when it is at least this many times
# the busiest month's daily average in the same period, and no recorded day reaches it.
MAX_DAY_TO_BUSIEST_MONTH = 3
CADENCE_WINDOW = pd.Timedelta(days=120)


@dataclass(frozen=True)
class Check:
    verdict: str
    reason: str  # key of the sentence in strings.csv that explains the verdict
    params: dict = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    gap: float | None = None  # claim divided by the record's comparable number, where meaningful


def agrees(claim: float, qualifier: str, observed: float) -> bool:
    low, high = TOLERANCE[qualifier]
    return claim * low <= observed <= claim * high


def _independent(record: pd.DataFrame, figure: pd.Series) -> pd.DataFrame:
    return record[record["id"] != figure["record_id"]]


def start_rate(figure, data) -> Check:
    """'Up to N strikes a day at the start': set against the record's counts for that period."""
    start, end = analysis.claim_window(figure)
    record = _independent(data.record, figure)
    rate = analysis.start_rate(analysis.monthly_strike_rates(record), figure)
    if rate is None:
        return Check(NOT_CHECKABLE, "reason_no_record")
    days = analysis.strike_days(confident(record))
    days = days[(days["as_of"] >= start) & (days["as_of"] <= end)]
    params = {key: rate[key] for key in ("average", "total", "days", "first", "last", "busiest_rate",
                                         "busiest_month", "lower_bound")}
    evidence = rate["ids"]
    gap = figure["value"] / rate["average"]
    if len(days) and days["value"].max() >= figure["value"]:
        top = analysis.busiest_day(days)
        return Check(SUPPORTED, "reason_start_day_reached", params | {"day": top["as_of"], "day_value": top["value"]},
                     evidence + (top["id"],), gap)
    if figure["value"] >= MAX_DAY_TO_BUSIEST_MONTH * rate["busiest_rate"]:
        return Check(CONTRADICTED, "reason_start_far_above", params, evidence, gap)
    return Check(NOT_CHECKABLE, "reason_start_averages_only", params, evidence, gap)


def peak_day(figure, data) -> Check:
    """'More than N strikes on peak days': is there a recorded day that reaches N?"""
    start, end = analysis.claim_window(figure)
    record = _independent(data.record, figure)
    days = analysis.strike_days(confident(record))
    days = days[(days["as_of"] >= start) & (days["as_of"] <= end)]
    steps = analysis.strike_rate_steps(record)
    steps = steps[(steps["start"] >= start) & (steps["end"] <= end)]
    params = {}
    evidence = ()
    if len(steps):
        peak = analysis.peak(steps)
        params |= {"peak_rate": peak["per_day"], "peak_start": peak["start"], "peak_end": peak["end"]}
        evidence += tuple(i for i in (peak["from_id"], peak["to_id"]) if i)
    if days.empty:
        return Check(NOT_CHECKABLE, "reason_no_days", params, evidence)
    top = analysis.busiest_day(days)
    params |= {"day": top["as_of"], "day_value": top["value"], "day_qualifier": top["qualifier"]}
    evidence = (top["id"],) + evidence
    if agrees(figure["value"], figure["qualifier"], top["value"]):
        return Check(SUPPORTED, "reason_peak_day_found", params, evidence)
    return Check(NOT_CHECKABLE, "reason_peak_day_missing", params, evidence)


def single_day(figure, data) -> Check:
    """A count for one day: does any source other than the claimant give that day?"""
    record = _independent(data.record, figure)
    days = analysis.strike_days(record)
    same = days[days["as_of"] == figure["date"]]
    later = days[(days["as_of"] > figure["date"]) & (days["as_of"] <= figure["date"] + 60 * DAY)
                 & (days["value"] <= figure["value"])]
    params = {"later_days": list(later["as_of"]), "later_count": len(later)}
    if same.empty:
        return Check(NOT_CHECKABLE, "reason_only_claimant", params, tuple(later["id"]))
    observed = same["value"].iloc[0]
    verdict = SUPPORTED if agrees(figure["value"], figure["qualifier"], observed) else CONTRADICTED
    return Check(verdict, "reason_day_recorded", params | {"observed": observed},
                 tuple(same["id"]) + tuple(later["id"]), figure["value"] / observed if observed else None)


def people_freed(figure, data) -> Check:
    """A level at a date: the nearest independent record of the same unit, within 45 days."""
    record = _independent(data.record, figure)
    series = analysis.level_series(record, figure["unit"])
    nearest = analysis.nearest_levels(series, figure["date"], NEAREST_LEVEL_WINDOW)
    series = confident(series)
    before = series[series["as_of"] < figure["date"] - NEAREST_LEVEL_WINDOW]
    after = series[series["as_of"] > figure["date"] + NEAREST_LEVEL_WINDOW]
    params = {}
    if len(before):
        params |= {"before_value": before["value"].iloc[-1], "before_date": before["as_of"].iloc[-1]}
    if len(after):
        params |= {"after_value": after["value"].iloc[-1], "after_date": after["as_of"].iloc[-1]}
    if nearest.empty:
        return Check(NOT_CHECKABLE, "reason_no_record", params)
    matches = nearest["value"].map(lambda v: agrees(figure["value"], figure["qualifier"], v))
    evidence = tuple(nearest["id"])
    params |= {"observed": nearest["value"].iloc[0], "observed_date": nearest["as_of"].iloc[0],
               "stated_by": nearest["stated_by"].iloc[0]}
    if matches.all():
        return Check(SUPPORTED, "reason_level_matches", params, evidence)
    if not matches.any():
        return Check(CONTRADICTED, "reason_level_differs", params, evidence,
                     figure["value"] / params["observed"])
    return Check(NOT_CHECKABLE, "reason_sources_disagree",
                 params | {"values": sorted(nearest["value"])}, evidence)


def membership(figure, data) -> Check:
    """A count true at one date: does it still hold at the report's publication date?"""
    published = data.sources.set_index("id").loc[figure["source_id"], "published"]
    levels = analysis.level_series(_independent(data.record, figure), figure["unit"])
    then, now_row = analysis.level_at(levels, figure["date"]), analysis.level_at(levels, published)
    if now_row is None:
        return Check(NOT_CHECKABLE, "reason_no_record")
    params, evidence = {"published": published}, ()
    then_ok = False
    if then is not None:
        params |= {"then_value": then["value"], "then_date": then["as_of"]}
        evidence += (then["id"],)
        then_ok = agrees(figure["value"], figure["qualifier"], then["value"])
    series = confident(levels)
    params |= {"now_value": now_row["value"], "now_date": now_row["as_of"]}
    evidence += (now_row["id"],) if now_row["id"] not in evidence else ()
    later = series[series["as_of"] > published]
    if len(later):
        params |= {"later_value": later["value"].iloc[0], "later_date": later["as_of"].iloc[0]}
        evidence += (later["id"].iloc[0],)
    if agrees(figure["value"], figure["qualifier"], now_row["value"]):
        return Check(SUPPORTED, "reason_members_current", params, evidence)
    if then_ok:
        return Check(OUTDATED, "reason_members_outdated", params, evidence, figure["value"] / now_row["value"])
    return Check(CONTRADICTED, "reason_members_differ", params, evidence, figure["value"] / now_row["value"])


def active_members(figure, data) -> Check:
    """Named members 'took an active part': does the record count strikes by each of them?"""
    named = [n.strip() for n in figure["names_en"].split(";") if n.strip()]
    record = _independent(data.record, figure)
    by_country = record[(record["country"] != "") & (record["country"] != "United States")
                        & record["unit"].str.startswith("strikes (")]
    if by_country.empty:
        return Check(NOT_CHECKABLE, "reason_no_record")
    top = by_country.sort_values("value", ascending=False).drop_duplicates("country")
    ranking = list(top["country"])
    striking = confident(analysis.level_series(record, "countries conducting strikes"))
    striking = striking[striking["as_of"] <= figure["date"]]
    # Countries the report leaves out although they struck more than one of those it names.
    lowest_named = max((ranking.index(n) for n in named if n in ranking), default=-1)
    unnamed = [c for c in ranking[:lowest_named + 1] if c not in named]
    params = {"ranking": ranking, "named": named, "values": dict(zip(top["country"], top["value"])),
              "unnamed": unnamed}
    evidence = tuple(top["id"])
    if len(striking):
        params |= {"striking": striking["value"].max()}
        evidence += (striking.loc[striking["value"].idxmax(), "id"],)
    if all(n in ranking for n in named):
        return Check(SUPPORTED, "reason_named_strike", params, evidence)
    return Check(NOT_CHECKABLE, "reason_named_missing",
                 params | {"missing": [n for n in named if n not in ranking]}, evidence)


def cadence(figure, data) -> Check:
    """Reports a week: from how many days each strike release covered around the figure's date.

    A figure with a period describes practice over it (the last 120 days are read); a figure
    without one describes practice from its date on (the next 120 days).
    """
    releases = data.record[(data.record["series"] == "cjtf-oir-strike-release")
                           & (data.record["derived"] == "no") & (data.record["unit"] == "strikes")]
    if pd.notna(figure["period_start"]):
        start, end = figure["date"] - CADENCE_WINDOW, figure["date"]
    else:
        start, end = figure["date"], figure["date"] + CADENCE_WINDOW
    releases = releases[(releases["as_of"] >= start) & (releases["as_of"] <= end)]
    if releases.empty:
        return Check(NOT_CHECKABLE, "reason_no_record")
    span = float(np.median(analysis.days_covered(releases)))
    per_week = 7 / span
    params = {"releases": len(releases), "span": span, "per_week": per_week, "from": start, "to": end}
    verdict = SUPPORTED if round(per_week) == figure["value"] else CONTRADICTED
    return Check(verdict, "reason_cadence", params, tuple(releases["id"]), figure["value"] / per_week)


def campaign_age(figure, data) -> Check:
    """Years since the first event of the record (the first strike), in whole years."""
    if data.events.empty:
        return Check(NOT_CHECKABLE, "reason_no_record")
    first = data.events.sort_values("date").iloc[0]
    elapsed = (figure["date"] - first["date"]) // DAY / 365.25
    params = {"start": first["date"], "years": elapsed}
    verdict = SUPPORTED if int(elapsed) == figure["value"] else CONTRADICTED
    return Check(verdict, "reason_age", params, (first["id"],))


RULES = {"start_rate": start_rate, "peak_day": peak_day, "single_day": single_day,
         "people_freed": people_freed, "membership": membership, "active_members": active_members,
         "cadence": cadence, "campaign_age": campaign_age}


def check_figure(figure: pd.Series, data) -> Check:
    rule = RULES.get(figure["check"])
    return rule(figure, data) if rule else Check(NOT_CHECKABLE, "reason_no_rule")


def check_all(figures: pd.DataFrame, record: pd.DataFrame, events: pd.DataFrame,
              sources: pd.DataFrame) -> pd.DataFrame:
    """One row per article figure: the figure's columns, then its verdict, the sentence key that
    explains it (`reason`), the gap, the evidence ids and the record's numbers (`params`).

    Computed from the frames given, each time it is called: nothing is kept between calls.
    """
    data = SimpleNamespace(record=record, events=events, sources=sources)
    checks = [check_figure(figure, data) for _, figure in figures.iterrows()]
    return figures.assign(verdict=[c.verdict for c in checks], reason=[c.reason for c in checks],
                          gap=[np.nan if c.gap is None else c.gap for c in checks],
                          evidence=[", ".join(c.evidence) for c in checks], params=[c.params for c in checks])
