"""Coalition members over time, against the report's figure (page 02)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from .. import analysis, factcheck
from ..data import source_of
from ..text import Text
from .layout import ARTICLE, Chart, Layout, WIDE, _Frame, _date_axis, _kept, _label, _number_axis, _source_line, _styled, number_row, unit_label
from .levels import _level_key, _levels, levels_numbers


@_styled
def membership(rows: pd.DataFrame, figure: pd.Series, sources: pd.DataFrame, tx: Text, *,
               layout: Layout = WIDE) -> Chart:
    """Coalition members over time (`rows` of one unit), against the report's figure and its date of publication."""
    published = source_of(figure, sources)["published"]
    then, now = analysis.level_at(rows, figure["date"]), analysis.level_at(rows, published)
    then_date = figure["date"] if then is None else then["as_of"]
    claim = tx.qualified_number(figure["value"], figure["qualifier"])
    current = factcheck.agrees(figure["value"], figure["qualifier"], now["value"])
    title = tx("chart_title_membership_current" if current else "title_membership", claim=claim,
               then_year=tx.year(then_date), now=tx.quantity(now["value"], figure["unit"]),
               published=_kept(tx.date(published)))
    low, high = factcheck.edges(figure["value"], figure["qualifier"])
    high = min(high, rows["value"].max() * 1.25)  # an open band ('at least') runs to the top of the chart
    frame = _Frame("02-membership", tx, layout, title,
                   tx("subtitle_membership_band", claim=claim, low=tx.num(np.ceil(low)), high=tx.num(np.floor(high))))
    frame.key(_level_key(rows, tx))
    ax = frame.plot(2.5 if layout is WIDE else 2.2, tx("axis_members"))
    ax.axhspan(low, high, color=ARTICLE, alpha=0.12, lw=0, gid="claim-band")
    ax.axvline(published, color=ARTICLE, lw=1, ls="--", gid="published")
    _levels(ax, rows, "members")
    top = rows["value"].max() * 1.25
    _number_axis(ax, tx, top)
    _date_axis(ax, tx, layout, rows["as_of"].min() - pd.Timedelta(days=120), rows["as_of"].max() + pd.Timedelta(days=120))
    _label(ax, published, top, tx("label_published", date=tx.date(published)), ARTICLE, "label-published",
           ha="right", va="top", offset=(-4, -2), size=layout.small)
    _label(ax, rows["as_of"].max() + pd.Timedelta(days=120), low,
           tx("legend_claim_band", claim=claim), ARTICLE, "label-claim-band", ha="right", va="bottom", offset=(-4, 3),
           size=layout.small)
    chart = frame.finish(tx("source_membership", article=_source_line(sources, tx, figure)))
    chart.set_numbers(membership_numbers(rows, figure, sources, tx), tx)
    chart.alt = tx("alt_membership", claim=claim, then_year=tx.year(then_date), now=tx.num(now["value"]),
                   now_date=tx.date(now["as_of"]))
    return chart


def membership_numbers(rows: pd.DataFrame, figure: pd.Series, sources: pd.DataFrame, tx: Text) -> list[dict]:
    """Each count drawn, the edges of the band the report's figure allows, and the day it was published."""
    low, high = factcheck.edges(figure["value"], figure["qualifier"])
    high = min(high, rows["value"].max() * 1.25)
    unit, report = unit_label(tx, figure["unit"]), tx("numbers_series_report")
    publisher = tx.field(source_of(figure, sources), "publisher")
    return levels_numbers(rows, tx) + [
        number_row(tx("numbers_mark_band_low"), None, figure["date"], low, unit, report, publisher),
        number_row(tx("numbers_mark_band_high"), None, figure["date"], high, unit, report, publisher),
        number_row(tx("label_published"), None, source_of(figure, sources)["published"], None, "", report, publisher)]
