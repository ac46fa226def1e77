"""A square for each coalition member, the named active ones first (page 01)."""
from __future__ import annotations

import pandas as pd
from ..text import Text
from .layout import ARTICLE, Chart, Layout, SMALL, WIDE, _Frame, _align, _drawn, _measure, _small, _source_line, _squares, report_row


@_small
def coalition(members: pd.Series, active: pd.Series, sources: pd.DataFrame, tx: Text, *,
              layout: Layout = SMALL) -> Chart:
    """A square per coalition member, the members named as active first, in red, named above them."""
    names = tx.names(active)
    count = members["value"]
    claim = tx.qualified_number(count, members["qualifier"])
    title = tx("title_coalition", members=tx.quantity(count, members["unit"], members["qualifier"]),
               active=tx.count(active["value"]))
    frame = _Frame("01-coalition", tx, layout, title,
                   tx("subtitle_coalition", members=claim))
    named = frame.wrap(tx("chart_label_active", names=tx.listing(names)), layout.inner_in, layout.small)
    above_in = _measure(named, layout.small)[1] + 0.14
    ax = _squares(frame, count, 15 if layout is WIDE else 10, [ARTICLE] * len(names) + ["#bdbdbd"], "member-square",
                  above_in=above_in)
    ax.plot([0, len(names) - 0.14], [0.96, 0.96], color=ARTICLE, lw=1.2, gid="leader-active", solid_capstyle="butt")
    ax.annotate(_drawn(named), (0, 0.96), xytext=(0, 4), textcoords="offset points", ha=_align(tx), va="bottom",
                fontsize=layout.small, color=ARTICLE, gid="active-names")
    chart = frame.finish(tx("source_figure", article=_source_line(sources, tx, members),
                            paragraph=tx.num(members["paragraph"]), stated_by=tx.field(members, "stated_by")))
    chart.set_numbers(coalition_numbers(members, active, sources, tx), tx)
    chart.alt = tx("alt_coalition", members=claim, names=tx.listing(names))
    return chart


def coalition_numbers(members: pd.Series, active: pd.Series, sources: pd.DataFrame, tx: Text) -> list[dict]:
    """The members the squares count, and the named ones drawn first."""
    return [report_row(f, sources, tx, period=False) for f in (members, active)]
