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

from dataclasses import dataclass
from types import SimpleNamespace
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import analysis
from .analysis import DAY, NEAREST_LEVEL_WINDOW, confident
from .data import source_of

# The scale, from best to worst; data/README.md says what each level means.
ACCURATE, MOSTLY_ACCURATE, UNPROVEN, UNLIKELY, INACCURATE = (
    "accurate", "mostly_accurate", "unproven", "unlikely", "inaccurate")
VERDICTS = (ACCURATE, MOSTLY_ACCURATE, UNPROVEN, UNLIKELY, INACCURATE)

# How far a record value may sit from a claim and still agree with it, by the claim's qualifier.
TOLERANCE = {"exact": (0.98, 1.02), "about": (0.9, 1.1), "nearly": (0.9, 1.0),
             "up to": (0.0, 1.0), "more than": (1.0, np.inf), "at least": (1.0, np.inf)}
# A claimed single day this many times the busiest month's daily average, with no recorded day to
# show it, is judged unlikely (never false: averages cannot rule a day out). In the record's own
# days of 2017, the busiest recorded day was under 1.5 times the average around it.
UNLIKELY_MULTIPLE = 3
CADENCE_AFTER = pd.Timedelta(days=120)  # how long after the report its 'from now on' practice is read
RELEASES = "cjtf-oir-strike-release"
PER_DAY = "strikes per day"


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


def agrees(claim: float, qualifier: str, observed: float) -> bool:
    low, high = TOLERANCE[qualifier]
    if qualifier == "more than":  # strictly: 50 is not more than 50
        return observed > claim
    return claim * low <= observed <= claim * high


def slack(claim: float, qualifier: str, observed: float) -> float:
    """How far `observed` may move before it stops agreeing with the claim (or, if it does not
    agree, how far it must move to agree): the distance to the nearer edge of the tolerance."""
    low, high = TOLERANCE[qualifier]
    edges = [e for e in (claim * low, claim * high) if np.isfinite(e)]
    return float(min(abs(observed - e) for e in edges))


def _independent(record: pd.DataFrame, figure: pd.Series) -> pd.DataFrame:
    return record[record["id"] != figure["record_id"]]


def published_by(rows: pd.DataFrame, date: pd.Timestamp) -> pd.DataFrame:
    """Rows published on or before `date`. Partial dates ('2017-11') count as published by any
    day they contain; rows without a publication date are kept (their date is their own)."""
    stamp = date.strftime("%Y-%m-%d")
    published = rows["published"].fillna("").astype(str)
    # A boolean mask even when empty: an empty object-typed one would select columns, not rows.
    return rows[published.map(lambda p: p == "" or p <= stamp[:len(p)]).astype(bool)]


def _report_date(figure: pd.Series, data) -> pd.Timestamp:
    return source_of(figure, data.sources)["published"]


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
    """'Up to N strikes in a day when the campaign began': days and monthly counts of that period."""
    start, end = analysis.claim_window(figure)
    record = published_by(_independent(data.record, figure), _report_date(figure, data))
    claim = figure["value"]
    days = _within(analysis.strike_days(confident(record)), start, end)
    params = {"window": Span(start, end), "day_count": Amount(days["as_of"].nunique(), "days")}
    reaching = days[days["value"] >= claim]
    if len(reaching):
        top = analysis.busiest_day(reaching)
        params |= {"day": top["as_of"], "day_amount": Amount(top["value"], "strikes", top["qualifier"]),
                   "day_slack": Amount(top["value"] - claim + 1, "strikes")}
        return Check(ACCURATE if _firm(top) else MOSTLY_ACCURATE, "reason_start_day_reached", params, (top["id"],),
                     margin="margin_day_lower", context=_day_context(top))
    missing = "missing_days_sampled" if len(days) else "missing_days"
    rate = analysis.start_rate(analysis.monthly_strike_rates(record), figure)
    if rate is None:
        return Check(UNPROVEN, "reason_no_record", params, tuple(days["id"]), missing, "margin_any_count")
    threshold = claim / UNLIKELY_MULTIPLE
    params |= {"period": Span(rate["first"], rate["last"]), "total": Amount(rate["total"], "strikes"),
               "days": Amount(rate["days"], "days"),
               "average": Rate(rate["average"], PER_DAY, "at least" if rate["lower_bound"] else "exact"),
               "series": rate["series"], "busiest_rate": Rate(rate["busiest_rate"], PER_DAY),
               "busiest_month": rate["busiest_month"], "multiple": claim / rate["busiest_rate"],
               "threshold": Rate(threshold, PER_DAY), "factor": threshold / rate["busiest_rate"]}
    context = ("context_lower_bound",) if rate["lower_bound"] else ()
    evidence = rate["ids"] + tuple(days["id"])
    if rate["busiest_rate"] <= threshold:
        return Check(UNLIKELY, "reason_start_averages", params, evidence, missing, "margin_unlikely", context)
    return Check(UNPROVEN, "reason_start_averages", params, evidence, missing, "margin_unproven_start", context)


def peak_day(figure, data) -> Check:
    """'More than N strikes on peak days': is there a recorded day of the period that passes N?"""
    start, end = analysis.claim_window(figure)
    record = published_by(_independent(data.record, figure), _report_date(figure, data))
    days = _within(analysis.strike_days(confident(record)), start, end)
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
               "day_slack": Amount(slack(figure["value"], figure["qualifier"], top["value"]), "strikes")}
    if reaching.empty:
        return Check(UNPROVEN, "reason_peak_day_missing", params, (top["id"],) + evidence, "missing_days_sampled",
                     "margin_day_short", context)
    firm = reaching[reaching.apply(_firm, axis=1)]
    reason, margin = (("reason_peak_one_day", "margin_day_lower") if len(reaching) == 1
                      else ("reason_peak_days", "margin_days_lower"))
    verdict = ACCURATE if len(firm) else MOSTLY_ACCURATE
    context = (() if len(firm) else _day_context(top)) + context
    return Check(verdict, reason, params, tuple(reaching["id"]) + evidence, "missing_days_sampled", margin, context)


def single_day(figure, data) -> Check:
    """A count for one day: does a source other than the claimant give that day?"""
    record = published_by(_independent(data.record, figure), _report_date(figure, data))
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
        releases = record[(record["series"] == RELEASES) & (record["derived"] == "no")
                          & (record["as_of"] < figure["date"])]
        one_day = releases[analysis.days_covered(releases) == 1]
        missing = "missing_release_for_day"
        if len(one_day):
            params["last_daily"] = one_day["as_of"].max()
            missing = "missing_release_after"
        reason = "reason_only_claimant" if figure["record_id"] else "reason_no_day_count"
        return Check(UNPROVEN, reason, params, (), missing, "margin_any_count_day", context)
    observed = same["value"].iloc[0]
    params |= {"observed": Amount(observed, "strikes"),
               "slack": Amount(slack(figure["value"], figure["qualifier"], observed), "strikes")}
    if agrees(figure["value"], figure["qualifier"], observed):
        return Check(ACCURATE, "reason_day_recorded", params, tuple(same["id"]), margin="margin_tolerance",
                     context=context)
    return Check(INACCURATE, "reason_day_recorded", params, tuple(same["id"]), margin="margin_tolerance_out",
                 context=context)


def people_freed(figure, data) -> Check:
    """A level at a date: the nearest independent figure of the same unit, within 45 days."""
    levels = analysis.level_series(_independent(data.record, figure), figure["unit"])
    nearest = analysis.nearest_levels(levels, figure["date"], NEAREST_LEVEL_WINDOW)
    params = {"date": figure["date"], "window_days": Amount(NEAREST_LEVEL_WINDOW // DAY, "days")}
    later = confident(levels)
    earlier = published_by(later[later["as_of"] < figure["date"]], figure["date"])
    later = later[later["as_of"] > figure["date"] + NEAREST_LEVEL_WINDOW]
    context = ()
    if len(later):
        params |= {"after_value": Amount(later["value"].iloc[-1], figure["unit"]),
                   "after_date": later["as_of"].iloc[-1]}
        context += ("context_people_later",)
    if nearest.empty:
        return Check(UNPROVEN, "reason_no_record", params, (), "missing_level", "margin_any_level", context)
    evidence = tuple(nearest["id"])
    matches = nearest["value"].map(lambda v: agrees(figure["value"], figure["qualifier"], v))
    if matches.any() and not matches.all():
        params["values"] = [Amount(v, figure["unit"]) for v in sorted(nearest["value"])]
        return Check(UNPROVEN, "reason_sources_disagree", params, evidence, margin="margin_sources_agree",
                     context=context)
    row = nearest.iloc[0]
    params |= {"observed": Amount(row["value"], figure["unit"], row["qualifier"]), "observed_date": row["as_of"],
               "slack": Amount(slack(figure["value"], figure["qualifier"], row["value"]), figure["unit"])}
    if row["as_of"] > figure["date"]:
        context = ("context_level_after",) + context
        if len(earlier):
            last = earlier.iloc[-1]
            params |= {"before_value": Amount(last["value"], figure["unit"], last["qualifier"]),
                       "before_date": last["as_of"]}
            context = ("context_level_before",) + context
    if matches.all():
        return Check(ACCURATE, "reason_level_matches", params, evidence, "missing_nothing", "margin_tolerance",
                     context)
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
               "slack": Amount(slack(figure["value"], figure["qualifier"], then["value"]), figure["unit"])}
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
    """Named members 'took an active part': does the record count strikes by each of them?"""
    named = [n.strip() for n in figure["names_en"].split(";") if n.strip()]
    record = confident(published_by(_independent(data.record, figure), _report_date(figure, data)))
    by_country = record[(record["country"] != "") & (record["country"] != "United States")
                        & record["unit"].str.startswith("strikes (")]
    params = {"named": named, "named_count": Amount(len(named), "countries")}
    if by_country.empty:
        return Check(UNPROVEN, "reason_no_record", params, (), "missing_country_counts",
                     "margin_named_missing")
    top = by_country.sort_values("value", ascending=False).drop_duplicates("country")
    ranking = list(top["country"])
    striking = confident(analysis.level_series(record, "countries conducting strikes"))
    # Countries the report leaves out although the record gives them more strikes than one it names.
    lowest_named = max((ranking.index(n) for n in named if n in ranking), default=-1)
    unnamed = [c for c in ranking[:lowest_named + 1] if c not in named]
    params |= {"counts": [Count(r.country, Amount(r.value, "strikes", r.qualifier), r.as_of) for r in top.itertuples()],
               "unnamed": unnamed}
    evidence = tuple(top["id"])
    context = ()
    if unnamed:
        params["lowest_named"] = [ranking[lowest_named]]
        context += ("context_unnamed",)
    if len(striking):
        most = striking.loc[striking["value"].idxmax()]
        params |= {"striking": Amount(most["value"], "countries"), "striking_date": most["as_of"]}
        evidence += (most["id"],)
        context += ("context_striking",)
    missing = [n for n in named if n not in ranking]
    if not missing:
        return Check(ACCURATE, "reason_named_strike", params, evidence, "missing_nothing", "margin_named", context)
    params["missing"] = missing
    return Check(UNPROVEN, "reason_named_missing", params, evidence, "missing_country_counts",
                 "margin_named_missing", context)


def release_spans(record: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp,
                  cutoff: pd.Timestamp) -> pd.DataFrame:
    """The strike releases about start..end and published by `cutoff`, one row each: its id, when
    it was published and how many days it covered (a release's rows share its address)."""
    rows = published_by(record[(record["series"] == RELEASES) & (record["derived"] == "no")
                               & (record["unit"] == "strikes")], cutoff)
    rows = _within(rows, start, end).assign(covered=lambda r: analysis.days_covered(r))
    rows = rows.sort_values(["covered", "id"], ascending=[False, True]).drop_duplicates("url")
    return rows[["id", "url", "published", "as_of", "covered"]].sort_values("as_of").reset_index(drop=True)


def _per_week(covered: pd.Series) -> float:
    return 7 / float(np.median(covered))


def _releases_to_turn(covered: list[int], claim: float) -> int:
    """How many releases would have to cover a different number of days for the typical one to stop
    matching the claim: try moving the releases nearest the claim's edges, one at a time."""
    for moved in range(1, len(covered) + 1):
        for extreme in (1, 7 * 4):  # a daily release, or one covering four weeks
            changed = sorted(covered, key=lambda c: -abs(c - extreme))  # those furthest from it move first
            trial = [extreme] * moved + changed[moved:]
            if round(_per_week(pd.Series(trial))) != claim:
                return moved
    return len(covered)


def cadence(figure, data) -> Check:
    """Reports a week, from the days each strike release covered.

    A figure with a period describes practice over it, from the releases published by its date;
    a figure without one describes practice from its date on: the releases of the next 120 days.
    """
    if pd.notna(figure["period_start"]):
        start, end, cutoff = figure["period_start"], figure["date"], _report_date(figure, data)
    else:
        start = figure["date"]
        end = cutoff = figure["date"] + CADENCE_AFTER
    releases = release_spans(_independent(data.record, figure), start, end, cutoff)
    params = {"window": Span(start, end)}
    if releases.empty:
        return Check(UNPROVEN, "reason_no_record", params, (), "missing_releases", "margin_any_release")
    per_week = _per_week(releases["covered"])
    own = releases["covered"].map(lambda c: round(7 / c))
    exceptions = releases[own != figure["value"]]
    params |= {"releases": Amount(len(releases), "strike releases"), "per_week": Rate(per_week, figure["unit"]),
               "typical": Amount(float(np.median(releases["covered"])), "days"),
               "turn": Amount(_releases_to_turn(list(releases["covered"]), figure["value"]), "strike releases")}
    one_day = releases[releases["covered"] == 1]
    missing = ()
    if releases["as_of"].min() - start > CADENCE_AFTER:  # much of the period has no release at all
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
        context = ("context_release_exceptions",)
    evidence = tuple(releases["id"])
    if round(per_week) != figure["value"]:
        return Check(INACCURATE, "reason_cadence", params, evidence, missing, "margin_releases", context)
    return Check(MOSTLY_ACCURATE if len(exceptions) else ACCURATE, "reason_cadence", params, evidence, missing,
                 "margin_releases", context)


def campaign_age(figure, data) -> Check:
    """Years since the first event of the record (the first strike), rounded to whole years."""
    if data.events.empty:
        return Check(UNPROVEN, "reason_no_record", {}, (), "missing_events", "margin_any_event")
    first = data.events.sort_values("date").iloc[0]
    elapsed = (figure["date"] - first["date"]) // DAY / 365.25
    accurate = round(elapsed) == figure["value"]
    # Days to the half year where the rounding turns: an earlier start adds years, a later one takes them away.
    to_turn = abs(0.5 - abs(elapsed - figure["value"])) * 365.25
    params = {"start": first["date"], "first_event": Label(first.get("label_en") or first["event_en"],
                                                         first.get("label_ar") or first["event_ar"]),
              "years": Rate(elapsed, "years"), "turn_days": Amount(round(to_turn), "days")}
    margin = "margin_age_earlier" if (elapsed >= figure["value"]) == accurate else "margin_age_later"
    return Check(ACCURATE if accurate else INACCURATE, "reason_age", params, (first["id"],), "missing_nothing", margin)


RULES = {"start_rate": start_rate, "peak_day": peak_day, "single_day": single_day,
         "people_freed": people_freed, "membership": membership, "active_members": active_members,
         "cadence": cadence, "campaign_age": campaign_age}


def check_figure(figure: pd.Series, data) -> Check:
    rule = RULES.get(figure["check"])
    return rule(figure, data) if rule else Check(UNPROVEN, "reason_no_rule", {})


def check_all(figures: pd.DataFrame, record: pd.DataFrame, events: pd.DataFrame,
              sources: pd.DataFrame) -> pd.DataFrame:
    """One row per article figure: the figure's columns, then its verdict and the sentence keys that
    explain it (`reason`, `missing`, `margin`, `context`), the evidence ids and the record's numbers.

    Computed from the frames given, each time it is called: nothing is kept between calls.
    """
    data = SimpleNamespace(record=record, events=events, sources=sources)
    checks = [check_figure(figure, data) for _, figure in figures.iterrows()]
    return figures.assign(verdict=[c.verdict for c in checks], reason=[c.reason for c in checks],
                          missing=[c.missing for c in checks], margin=[c.margin or "" for c in checks],
                          context=[c.context for c in checks], evidence=[", ".join(c.evidence) for c in checks],
                          params=[c.params for c in checks])
