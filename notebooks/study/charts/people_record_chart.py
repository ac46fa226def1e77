"""People freed over time, against the report's figure (page 02)."""
from __future__ import annotations

import functools
import pandas as pd
from .. import analysis, factcheck
from ..text import Text
from .layout import ARTICLE, Chart, Layout, WIDE, _Frame, _date_axis, _kept, _label, _number_axis, _source_line, _styled, report_row
from .levels import _level_key, _levels, levels_numbers


@_styled
def people_record(rows: pd.DataFrame, figure: pd.Series, sources: pd.DataFrame, tx: Text, *,
                  layout: Layout = WIDE) -> Chart:
    """People freed over time (`rows` of one unit), with the report's figure in red.

    The record's own copy of the report's figure is not drawn: the red mark is that figure.
    """
    rows = rows[rows["id"] != figure["record_id"]]
    known = factcheck.levels_by_claim(rows, figure)  # what the verdict is judged on
    observed = known.iloc[-1] if len(known) else analysis.level_at(rows, figure["date"])
    matches = factcheck.agrees(figure["value"], figure["qualifier"], observed["value"])
    key = ("title_people_record" if matches else "chart_title_people_record_before"
           if observed["as_of"] < figure["date"] else "chart_title_people_record_differs")
    title = tx(key,
               claim=tx.quantity(figure["value"], figure["unit"], figure["qualifier"]),
               observed=tx.quantity(observed["value"], figure["unit"], observed["qualifier"]),
               observed_date=_kept(tx.date(observed["as_of"])))
    frame = _Frame("02-people", tx, layout, title, tx("subtitle_people_record"))
    frame.key(_level_key(rows, tx))
    ax = frame.plot(2.5 if layout is WIDE else 2.2, tx("axis_people"))
    _levels(ax, rows, "people")
    # Under the record's marks, and larger: a record row of the same count days later stays in view.
    ax.plot([figure["date"]], [figure["value"]], "D", color=ARTICLE, ms=10, mec="white", mew=1, gid="article-people",
            zorder=2.5)
    _number_axis(ax, tx, max(rows["value"].max(), figure["value"]) * 1.25,
                 count=functools.partial(tx.count, scale=True))
    _date_axis(ax, tx, layout, rows["as_of"].min() - pd.Timedelta(days=60), rows["as_of"].max() + pd.Timedelta(days=60))
    _label(ax, figure["date"], figure["value"], tx("legend_claim_band", claim=tx.count(figure["value"])), ARTICLE,
           "label-article", va="top", offset=(6, -8), size=layout.small)
    chart = frame.finish(tx("source_people", article=_source_line(sources, tx, figure)))
    chart.set_numbers(people_record_numbers(rows, figure, sources, tx), tx)
    chart.alt = tx("alt_people_record", claim=tx.count(figure["value"]), observed=tx.count(observed["value"]),
                   observed_date=tx.date(observed["as_of"]))
    return chart


def people_record_numbers(rows: pd.DataFrame, figure: pd.Series, sources: pd.DataFrame, tx: Text) -> list[dict]:
    """Each official count drawn (not the record's copy of the report's own figure), and the report's figure."""
    rows = rows[rows["id"] != figure["record_id"]]
    return levels_numbers(rows, tx) + [report_row(figure, sources, tx, period=False)]
