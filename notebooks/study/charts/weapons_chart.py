"""AFCENT's weapons released, every month of the campaign (page 02)."""
from __future__ import annotations

import pandas as pd
from .. import analysis
from ..text import Text
from .layout import Chart, INK, Layout, RECORD, WIDE, _Frame, _bars, _box_mark, _date_axis, _kept, _lighter, _number_axis, _styled, number_row, unit_label


@_styled
def weapons(months: pd.DataFrame, tx: Text, *, layout: Layout = WIDE) -> Chart:
    """AFCENT's weapons released, every month of the campaign (`months` as `analysis.weapons_by_month`
    gives them): a bar for each month with a figure of its own, hatched where it is worked out from
    totals, a light bar at the average of a stretch known only as a total, a grey band where a month
    has no figure at all."""
    known = months[months["status"] != "missing"]
    high = known.loc[known["value"].idxmax()]
    last = known.iloc[-1]
    if last["month"] == high["month"]:
        title = tx("title_weapons_rising", high=tx.num(high["value"]), high_month=_kept(tx.month(high["month"])))
    else:
        title = tx("title_weapons_whole", high=tx.num(high["value"]), high_month=_kept(tx.month(high["month"])),
                   last=tx.num(round(last["value"])), last_month=_kept(tx.month(last["month"])))
    frame = _Frame("02-weapons", tx, layout, title, tx("subtitle_weapons"))
    status = set(months["status"])
    styles = {"read": {"facecolor": RECORD, "edgecolor": RECORD},
              "derived": {"facecolor": "white", "edgecolor": RECORD, "hatch": "////"},
              "average": {"facecolor": _lighter(RECORD, 0.65), "edgecolor": "none"}}
    labels = {"read": "legend_month_reported", "derived": "legend_month_derived", "average": "legend_month_average"}
    key = [(_box_mark(**styles[s]), tx(labels[s])) for s in ("read", "derived", "average") if s in status]
    if "missing" in status:
        key.append((_box_mark(facecolor="#f0f0f0", edgecolor="none"), tx("chart_legend_month_missing")))
    frame.key(key)
    ax = frame.plot(2.8 if layout is WIDE else 2.4, tx("axis_weapons"))
    missing = months.loc[months["status"] == "missing", "month"]
    for month in missing:
        ax.axvspan(month, month + pd.offsets.MonthBegin(1), color="#f0f0f0", lw=0, zorder=0, gid="month-missing")
    notes = []
    for state in ("read", "derived", "average"):
        rows = months[months["status"] == state]
        if len(rows):
            _bars(ax, rows["month"] + pd.Timedelta(days=15), rows["value"], pd.Timedelta(days=24), lw=0.6,
                  gid=f"month-{state}", **styles[state])
    # Another source's figure for a month with its own: a mark on the bar, the figures in a note.
    for row in months[(months["alternative_values"].map(len) > 0) & (months["status"] != "average")].itertuples():
        mark = "*"  # on the month's own bar, small enough to stay within its column
        ax.annotate(mark, (row.month + pd.Timedelta(days=15), row.value), xytext=(0, 1), textcoords="offset points",
                    ha="center", va="bottom", fontsize=layout.small, color=INK, gid="alternative-mark")
        notes.append(tx("label_alternative", mark=mark, month=_kept(tx.month(row.month)),
                        values=tx.listing([tx.num(v) for v in row.alternative_values])))
    _number_axis(ax, tx, known["value"].max() * 1.15)
    _date_axis(ax, tx, layout, months["month"].min() - pd.Timedelta(days=20),
               months["month"].max() + pd.offsets.MonthBegin(1) + pd.Timedelta(days=20))
    stretches = analysis.weapons_stretches(months)
    if len(stretches):  # the light bars are averages: said on the chart, each stretch listed on the page
        notes.append(tx("note_weapons_stretches", stretches=tx.counted(len(stretches), "study stretches")))
    chart = frame.finish(tx("source_weapons"), notes)
    chart.set_numbers(weapons_numbers(months, tx), tx)
    chart.alt = tx("alt_weapons", high=tx.num(high["value"]), high_month=tx.month(high["month"]),
                   low=tx.num(round(last["value"])), low_month=tx.month(last["month"]), months=tx.counted(len(months), "study months"))
    return chart


def weapons_numbers(months: pd.DataFrame, tx: Text) -> list[dict]:
    """Each month as its bar draws it (a stretch's months at its average), a missing month without a value."""
    labels = {"read": "legend_month_reported", "derived": "legend_month_derived", "average": "legend_month_average",
              "missing": "chart_legend_month_missing"}
    unit = unit_label(tx, "weapons released")
    return [number_row(tx(labels[m.status]), m.month, m.month + pd.offsets.MonthEnd(0),
                       None if m.status == "missing" else m.value, unit, tx("numbers_series_afcent"),
                       tx.field(pd.Series(m._asdict()), "publisher") if m.publisher else "",
                       "about" if m.status == "average" else "exact")
            for m in months.itertuples()]
