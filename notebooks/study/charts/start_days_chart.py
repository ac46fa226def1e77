"""The campaign's first weeks, day by day (page 02)."""
from __future__ import annotations

import pandas as pd
from .. import analysis
from ..text import Text
from .layout import ARTICLE, Chart, Layout, MUTED, RECORD, WIDE, _Frame, _bars, _box_mark, _date_axis, _kept, _line_mark, _number_axis, _source_line, _styled, number_row, report_row, unit_label


COUNTRY_COLOURS = {"iraq": RECORD, "syria": "#e08214"}


OPEN_DAY = "#ececec"  # a day that nothing in the record bounds


@_styled
def start_days(days: pd.DataFrame, start: pd.Series, sources: pd.DataFrame, tx: Text, *,
               layout: Layout = WIDE) -> Chart:
    """The campaign's first weeks, day by day (`days` as `analysis.days_by_country` gives them): a bar
    for each count of a day, Iraq and Syria stacked apart; for a day no release counts, a grey range
    from the fewest to the most strikes the releases and running totals around it allow (an arrow
    where it runs past the chart); the report's claim as a red line across its period."""
    claim = start["value"]
    window = analysis.claim_window(start)
    period = analysis.claim_days(days, start)  # what the title states is of the claim's days
    counted, open_days = period[period["kind"] == "counted"], period[period["kind"] == "open"]
    busiest = analysis.busiest_counted(period)
    amount = tx.quantity(claim, start["unit"], start["qualifier"])
    if busiest is not None and busiest["low"] >= claim:
        title = tx("title_start_days_reached", day=_kept(tx.date(busiest["day"])),
                   busiest=tx.quantity(busiest["low"], "strikes"), claim=amount)
    elif open_days.empty:
        title = tx("title_start_days_bounded", claim=amount)
    else:
        title = tx("title_start_days_below", busiest=tx.quantity(busiest["low"], "strikes") if busiest is not None
                   else tx.quantity(0, "strikes"), claim=amount)
    frame = _Frame("02-start-days", tx, layout, title, tx("subtitle_start_days"))
    key = [(_box_mark(facecolor=COUNTRY_COLOURS[c], edgecolor="none"), tx(f"legend_day_{c}")) for c in ("iraq", "syria")]
    key += [(_line_mark(MUTED, lw=1.4), tx("legend_day_range"))]
    if (days["high"] >= claim).any():
        key.append((_box_mark(facecolor=OPEN_DAY, edgecolor="none"),
                    tx("legend_day_open", claim=tx.quantity(claim, "strikes"))))
    key += [
            (_line_mark(ARTICLE, lw=2.5), tx("chart_label_report_start", amount=amount))]
    frame.key(key)
    ax = frame.plot(2.8 if layout is WIDE else 2.4, tx("axis_strikes_per_day"))
    _number_axis(ax, tx, max(claim, days.loc[days["high"] < claim, "high"].max(), days["low"].max()) * 1.1)
    width = pd.Timedelta(hours=16)
    middle = days["day"] + pd.Timedelta(hours=12)
    iraq = days["iraq_low"].where(days["iraq_how"].isin(["day", "none-yet"]), 0.0)
    syria = days["syria_low"].where(days["syria_how"].isin(["day", "none-yet"]), 0.0)
    _bars(ax, middle, iraq, width, color=COUNTRY_COLOURS["iraq"], lw=0, gid="day-iraq", zorder=3)
    _bars(ax, middle, syria, width, bottoms=iraq, color=COUNTRY_COLOURS["syria"], lw=0, gid="day-syria", zorder=3)
    # A day the record keeps below the claim shows how far it could have gone; a day it does not
    # (no count, no bound, or a bound at or above the claim) is shaded whole: the claim cannot be ruled out there.
    bounded = ~days["exact"] & (days["high"] < claim)
    base = (iraq + syria)[bounded]
    ax.vlines(middle[bounded], base, days.loc[bounded, "high"], color=MUTED, lw=1.4, gid="day-range", zorder=2)
    ax.plot(middle[bounded], days.loc[bounded, "high"], "_", color=MUTED, ms=6, mew=1.4, gid="day-range-top", zorder=2)
    for day in days.loc[days["high"] >= claim, "day"]:
        ax.axvspan(day, day + analysis.DAY, color=OPEN_DAY, lw=0, zorder=0, gid="day-open")
    ax.hlines(claim, window[0], window[1] + analysis.DAY, color=ARTICLE, lw=2.5, gid="article-start", zorder=5)
    # From a few days before the first of its month, so that the first month is named on the axis, whole.
    _date_axis(ax, tx, layout, days["day"].min().to_period("M").to_timestamp() - 6 * analysis.DAY,
               days["day"].max() + 2 * analysis.DAY, monthly=True)
    chart = frame.finish(tx("source_start_days", article=_source_line(sources, tx, start)), [tx("note_start_days")])
    chart.set_numbers(start_days_numbers(days, start, sources, tx), tx)
    chart.alt = tx("alt_start_days", window=tx.span(*window),
                   counted=tx.num(len(counted)), busiest=tx.num(busiest["low"]) if busiest is not None else tx.num(0),
                   open=tx.num(len(open_days)), claim=amount)
    return chart


def start_days_numbers(days: pd.DataFrame, start: pd.Series, sources: pd.DataFrame, tx: Text) -> list[dict]:
    """Each day as the chart draws it: its count in Iraq and in Syria where one is drawn, the most the
    record allows where it keeps the day below the claim, or no value where nothing does; the report's line."""
    strikes, rows, series = unit_label(tx, "strikes"), [], tx("series_centcom-release-2014")
    for day in days.itertuples():
        for country in ("iraq", "syria"):
            count = getattr(day, f"{country}_low")
            if getattr(day, f"{country}_how") in ("day", "none-yet") and count:
                rows.append(number_row(tx(f"legend_day_{country}"), None, day.day, count, strikes, series, ""))
        if not day.exact and day.high < start["value"]:
            rows.append(number_row(tx("numbers_mark_most"), None, day.day, day.high, strikes, series, "", "up to"))
        elif day.high >= start["value"]:
            rows.append(number_row(tx("numbers_mark_open"), None, day.day, None, strikes, series, ""))
    rows.append(report_row(start, sources, tx))
    return rows
