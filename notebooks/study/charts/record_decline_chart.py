"""The lead chart: strikes a day over the whole campaign, from the official record (page 02)."""
from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from .. import analysis
from ..text import Text, bounded
from .layout import ARTICLE, Chart, INK, LOWER_BOUNDS, Layout, MUTED, SERIES_COLOURS, SINCE_START, WIDE, _Frame, _date_axis, _dot_mark, _events, _kept, _kept_span, _label, _lighter, _line_mark, _number_axis, _source_line, _styled, number_row, report_row, unit_label


# ----- notebook 02: against the record -----
def _step_xy(steps: pd.DataFrame) -> tuple[list, list]:
    """Each step as a flat segment from its first day to the end of its last."""
    starts, ends = steps["start"].tolist(), (steps["end"] + analysis.DAY).tolist()
    levels = steps["per_day"].tolist()
    return [day for pair in zip(starts, ends) for day in pair], [level for level in levels for _ in (0, 1)]


def _lower_bound(days: pd.DataFrame) -> pd.Series:
    """Days whose count is a lower bound ("at least 41") or worked out from other figures: drawn hollow."""
    return (days["derived"] == "yes") | days["qualifier"].isin(LOWER_BOUNDS)


def _years(tx: Text, start: pd.Timestamp, end: pd.Timestamp) -> str:
    return tx.year(start) if start.year == end.year else tx("span", start=tx.year(start), end=tx.year(end))


@_styled
def record_decline(steps: pd.DataFrame, monthly: pd.DataFrame, days: pd.DataFrame, totals: pd.DataFrame,
                   start: pd.Series, end: pd.Series, events: pd.DataFrame, sources: pd.DataFrame, tx: Text, *,
                   layout: Layout = WIDE) -> Chart:
    """The lead chart: strikes a day over the whole campaign, from the official record.

    `steps` (rates between totals), `monthly` (month counts) and `days` (single days) are drawn;
    `totals` are the cumulative totals behind the steps, so that those left out can be counted;
    `start` and `end` are the report's two figures, drawn in red; `events` are numbered.
    """
    peak = analysis.peak(steps)
    start_rate = analysis.start_rate(monthly, start)
    claim_end = analysis.claim_window(start)[1]
    title = tx("title_record_decline" if peak["start"] > claim_end else "chart_title_record_decline_start",
               years=_years(tx, peak["start"], peak["end"]))
    frame = _Frame("02-record-decline", tx, layout, title, tx("subtitle_record_decline"))
    labelled = (peak["series"], start_rate["series"] if start_rate is not None else None)
    secondary = sorted((set(steps["series"]) | set(monthly["series"])) - set(labelled),
                       key=lambda s: (list(SERIES_COLOURS).index(s) if s in SERIES_COLOURS else len(SERIES_COLOURS), s))
    key = []
    for series in secondary:
        colour = SERIES_COLOURS.get(series, MUTED)
        short = series in set(monthly["series"])
        key.append((_line_mark(colour, lw=3 if short else 1.6), tx(f"series_{series}")))
    lower = _lower_bound(days)
    if (~lower).any():
        key.append((_dot_mark(marker="o", color=INK, ms=4), tx("legend_days")))
    if lower.any():
        key.append((_dot_mark(marker="o", mfc="white", mec=INK, ms=4.5), tx("legend_days_lower")))
    # A series' first step runs from the campaign's start to its first total: an average over
    # months or years, not the rate at the start. It is drawn dashed and light, and the key says so.
    if (steps["from_id"] == "").any():
        key.append((_line_mark(MUTED, lw=1.2, ls=SINCE_START), tx("legend_since_start")))
    frame.key(key)
    ax = frame.plot(3.4 if layout is WIDE else 3.2, tx("axis_strikes_per_day_record"), lane_in=0.3)
    for series, rows in steps.groupby("series", sort=True):
        main = series == peak["series"]
        colour = SERIES_COLOURS.get(series, MUTED)
        first = rows["from_id"] == ""
        if first.any():
            x, y = _step_xy(rows[first])
            ax.plot(x, y, color=_lighter(colour), lw=1.4 if main else 1.1, ls=SINCE_START,
                    gid=f"steps-{series}-since-start", zorder=2)
        if (~first).any():
            x, y = _step_xy(rows[~first])
            ax.plot(x, y, color=colour, lw=2.2 if main else 1.3, gid=f"steps-{series}", zorder=3 if main else 2)
    for series, rows in monthly.groupby("series", sort=True):
        for row in rows.itertuples():
            ax.hlines(row.per_day, row.period_start, row.as_of + analysis.DAY, color=SERIES_COLOURS.get(series, MUTED),
                      lw=3, gid=f"period-{series}", zorder=3)
    ax.plot(days.loc[~lower, "as_of"], days.loc[~lower, "value"], "o", color=INK, ms=3.5, gid="day-exact", zorder=4)
    ax.plot(days.loc[lower, "as_of"], days.loc[lower, "value"], "o", mfc="white", mec=INK, ms=4.5, gid="day-lower",
            zorder=4)
    ax.hlines(start["value"], start["period_start"], start["date"], color=ARTICLE, lw=4.5, gid="article-start",
              zorder=6)
    ax.plot([end["date"]], [end["value"]], "D", color=ARTICLE, ms=7, mec="white", mew=1.2, gid="article-end",
            zorder=7, clip_on=False)
    top = max(days["value"].max() if len(days) else 0, steps["per_day"].max(), start["value"]) * 1.25
    _number_axis(ax, tx, top)
    first = min(steps["start"].min(), start["period_start"]) - pd.Timedelta(days=45)
    last = max(steps["end"].max(), events["date"].max()) + pd.Timedelta(days=45)
    _date_axis(ax, tx, layout, first, last)
    size = layout.small
    low, high = ax.get_xlim()
    per_day = frame.plot_width_in / (high - low)  # inches
    # Direct labels, each saying which series its number comes from, in the space each has free:
    # the report's and the first months' between the start and the peak, the peak's after it.
    before_peak = (mdates.date2num(peak["start"]) - mdates.date2num(start["period_start"])) * per_day - 0.15
    after_peak = (high - mdates.date2num(peak["end"])) * per_day - 0.2
    report = frame.wrap(tx("chart_label_report_start",
                           amount=tx.quantity(start["value"], start["unit"], start["qualifier"])), before_peak, size)
    _label(ax, start["period_start"], start["value"], report, ARTICLE, "label-report", va="bottom", offset=(0, 5),
           size=size)
    if start_rate is not None:  # named with its months, and "at least" when a month's count is a lower bound
        first_month = start_rate["first"].to_period("M").to_timestamp()
        months = _kept_span(tx, first_month, start_rate["last"])
        wording = "chart_label_start_rate_lower" if start_rate["lower_bound"] else "chart_label_start_rate"
        average = bounded(start_rate["average"], tx.rate_decimals(start_rate["average"]),
                          "at least" if start_rate["lower_bound"] else "exact")
        counts = frame.wrap(tx(wording, series=tx(f"series_{start_rate['series']}"),
                               amount=tx.counted_rate(average, "strikes per day"), span=months),
                            before_peak, size)
        _label(ax, start["period_start"], start["value"], counts, SERIES_COLOURS.get(start_rate["series"], MUTED),
               "label-start-rate", va="top", offset=(0, -8), size=size)
    peak_label = frame.wrap(tx("chart_label_peak", series=tx(f"series_{peak['series']}"),
                               amount=tx.series_rate(peak["per_day"], peak["series"]),
                               span=_kept_span(tx, peak["start"], peak["end"])), after_peak, size)
    _label(ax, peak["end"] + analysis.DAY, peak["per_day"], peak_label, SERIES_COLOURS.get(peak["series"], MUTED),
           "label-peak", va="bottom", offset=(6, 4), size=size)
    claim = frame.wrap(tx("label_claim_day", amount=_kept(tx.quantity(end["value"], end["unit"], end["qualifier"])),
                          date=_kept(tx.date(end["date"]))), min(2.2, before_peak), size)
    _label(ax, end["date"], end["value"], claim, ARTICLE, "label-claim-day", ha="right", va="bottom",
           offset=(-9, -2), size=size)
    _events(frame, events)
    left_out, undrawn = analysis.set_aside(totals), analysis.undrawn_totals(totals, steps)
    notes = [tx("left_out", count=tx.num(len(left_out)), undrawn=tx.num(len(undrawn)))] \
        if len(left_out) or undrawn else []
    chart = frame.finish(tx("source_record", article=_source_line(sources, tx, end)), notes)
    chart.set_numbers(record_decline_numbers(steps, monthly, days, totals, start, end, sources, tx), tx)
    said = {"peak": tx.rate(peak["per_day"]), "peak_span": tx.span(peak["start"], peak["end"]),
            "last": tx.rate(steps.sort_values("end")["per_day"].iloc[-1]),
            "claim": tx.quantity(start["value"], start["unit"], start["qualifier"])}
    if start_rate is None:
        chart.alt = tx("chart_alt_record_decline_no_start", **said)
    else:
        bound = "at least" if start_rate["lower_bound"] else "about"
        average = bounded(start_rate["average"], tx.rate_decimals(start_rate["average"]), bound)
        chart.alt = tx("alt_record_decline", start=tx.qualified_number(average, bound),
                       start_span=tx.span(first_month, start_rate["last"]), **said)
    return chart


def record_decline_numbers(steps: pd.DataFrame, monthly: pd.DataFrame, days: pd.DataFrame, totals: pd.DataFrame,
                           start: pd.Series, end: pd.Series, sources: pd.DataFrame, tx: Text) -> list[dict]:
    """Every mark of the lead chart: each step between two totals (a series' first, since the campaign
    began), each month or few days counted, each single day, and the report's two figures."""
    publishers = pd.concat([totals, days, monthly])[["id", "publisher", "publisher_ar"]].drop_duplicates("id").set_index("id")

    def published(row_id: str) -> str:
        return tx.field(publishers.loc[row_id], "publisher") if row_id in publishers.index else ""
    per_day = unit_label(tx, "strikes per day")
    rows = [number_row(tx("numbers_mark_since_start" if s.from_id == "" else "numbers_mark_step"), s.start, s.end,
                       s.per_day, per_day, tx(f"series_{s.series}"), published(s.to_id))
            for s in steps.sort_values(["series", "start"]).itertuples()]
    rows += [number_row(tx("numbers_mark_period"), m.period_start, m.as_of, m.per_day, per_day, tx(f"series_{m.series}"),
                        published(m.id)) for m in monthly.itertuples()]
    rows += [number_row(tx("numbers_mark_day_lower" if lower else "numbers_mark_day"), None, d.as_of, d.value,
                        unit_label(tx, "strikes"), tx(f"series_{d.series}"), tx.field(pd.Series(d._asdict()), "publisher"),
                        d.qualifier) for d, lower in zip(days.itertuples(), _lower_bound(days))]
    rows += [report_row(f, sources, tx) for f in (start, end)]
    return rows
