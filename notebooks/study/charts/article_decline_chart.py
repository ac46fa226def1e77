"""The report's own comparison, as it tells it (page 01)."""
from __future__ import annotations

import pandas as pd
from .. import analysis
from ..text import Text
from .layout import ARTICLE, Chart, Layout, WIDE, _Frame, _date_axis, _events, _label, _number_axis, _said, _source_line, _styled, number_row, report_row


# ----- notebook 01: the report's figures as it tells them -----
@_styled
def article_decline(start: pd.Series, end: pd.Series, events: pd.DataFrame, sources: pd.DataFrame, tx: Text, *,
                    layout: Layout = WIDE) -> Chart:
    """The report's own comparison, its start-of-campaign day against its last day, with `events` numbered."""
    fall = analysis.fall(start, end)
    title = _said(tx, "title_article_decline" + analysis.fall_direction(fall), start=tx.qualified_number(start["value"], start["qualifier"]),
                  end=tx.quantity(end["value"], end["unit"], end["qualifier"]), percent=tx.percent(abs(fall["percent"])))
    frame = _Frame("01-article-decline", tx, layout, title, tx("subtitle_article_decline"))
    ax = frame.plot(2.6 if layout is WIDE else 2.1, tx("axis_strikes_per_day"), lane_in=0.3)
    ax.hlines(start["value"], start["period_start"], start["date"], color=ARTICLE, lw=5, gid="article-start")
    ax.plot([end["date"]], [end["value"]], "o", color=ARTICLE, ms=8, mec="white", mew=1.2, gid="article-end",
            zorder=5, clip_on=False)
    _number_axis(ax, tx, start["value"] * 1.3)
    first = min(start["period_start"], events["date"].min()) - pd.Timedelta(days=60)
    last = max(end["date"], events["date"].max()) + pd.Timedelta(days=60)
    _date_axis(ax, tx, layout, first, last)
    size = layout.small
    _label(ax, start["period_start"], start["value"],
           tx.quantity(start["value"], start["unit"], start["qualifier"]) + "\n"
           + tx.span(start["period_start"], start["date"]), ARTICLE, "label-start", va="bottom", offset=(0, 6),
           size=size)
    _label(ax, end["date"], end["value"], tx.quantity(end["value"], end["unit"], end["qualifier"]) + "\n"
           + tx.date(end["date"]), ARTICLE, "label-end", ha="right", va="bottom", offset=(-8, 8), size=size)
    if fall["percent"] > 0:  # the drop, written large, only where there is one
        _label(ax, end["date"], end["value"], tx("fall_annotation", percent=tx.percent(fall["percent"])), ARTICLE,
               "fall", ha="right", va="bottom", offset=(-8, 8 + 2.6 * size), size=size + 3, weight="bold")
    _events(frame, events)
    paragraphs = sorted({int(p) for p in (start["paragraph"], end["paragraph"])})
    source = tx("source_article" if len(paragraphs) > 1 else "chart_source_article_one",
                article=_source_line(sources, tx, end), paragraphs=tx.numbered("paragraph", [tx.num(p) for p in paragraphs]))
    chart = frame.finish(source)
    chart.set_numbers(article_decline_numbers(start, end, events, sources, tx), tx)
    chart.alt = _said(tx, "alt_article_decline", start=tx.quantity(start["value"], start["unit"], start["qualifier"]),
                      end=tx.quantity(end["value"], end["unit"], end["qualifier"]), date=tx.date(end["date"]),
                      percent=tx.percent(fall["percent"]))
    return chart


def article_decline_numbers(start: pd.Series, end: pd.Series, events: pd.DataFrame, sources: pd.DataFrame,
                            tx: Text) -> list[dict]:
    """The report's two figures, and the events numbered on the time line (dates, no values)."""
    rows = [report_row(f, sources, tx) for f in (start, end)]
    rows += [number_row(tx.field(e, "label"), None, e["date"], None, "", tx("numbers_series_events"),
                        tx.field(e, "publisher")) for _, e in events.sort_values("date").iterrows()]
    return rows
