"""Strike reports a week, before and after the change (page 01)."""
from __future__ import annotations

import pandas as pd
from matplotlib.patches import Rectangle
from ..text import Text
from .layout import Chart, INK, Layout, RECORD, SMALL, _Frame, _measure, _small, _source_line, report_row


@_small
def cadence(before: pd.Series, after: pd.Series, sources: pd.DataFrame, tx: Text, *, layout: Layout = SMALL) -> Chart:
    """Strike reports a week before and after the change, as two rows of seven days."""
    frame = _Frame("01-cadence", tx, layout,
                   tx("title_cadence", before=tx.num(before["value"]), after=tx.num(after["value"])),
                   tx("subtitle_cadence"))
    days = 7
    rows = ((before, tx("cadence_before")), (after, tx("cadence_after")))
    labels = [f"{label}: {tx.num(figure['value'])}" for figure, label in rows]
    label_in = max(_measure(label, layout.text)[0] for label in labels) + 0.15
    cell_in = min(0.45, (layout.inner_in - label_in) / days)
    ax = frame.plot(2.4 * cell_in, box=True)
    for row, (figure, _) in enumerate(rows):
        published = {int(round(i * days / figure["value"])) for i in range(int(figure["value"]))}
        for day in range(days):
            filled = day in published
            ax.add_patch(Rectangle((day, -row * 1.4), 0.86, 0.86, gid="report-day" if filled else "quiet-day",
                                   facecolor=RECORD if filled else "white", edgecolor=RECORD, lw=1))
        # Before the first day: on the left, or, with the axis inverted for Arabic, on the right.
        ax.text(-0.2, -row * 1.4 + 0.43, labels[row], ha="left" if tx.rtl else "right", va="center",
                fontsize=layout.text, color=INK, gid="cadence-label")
    ax.set_xlim(-label_in / cell_in, days)
    ax.set_ylim(-1.45, 0.95)
    ax.set_aspect("equal")
    ax.set_anchor("E" if tx.rtl else "W")
    ax.axis("off")
    if tx.rtl:
        ax.invert_xaxis()
    chart = frame.finish(tx("source_figure", article=_source_line(sources, tx, after),
                            paragraph=tx.num(after["paragraph"]), stated_by=tx.field(after, "stated_by")))
    chart.set_numbers(cadence_numbers(before, after, sources, tx), tx)
    chart.alt = tx("alt_cadence", before=tx.num(before["value"]), after=tx.num(after["value"]))
    return chart


def cadence_numbers(before: pd.Series, after: pd.Series, sources: pd.DataFrame, tx: Text) -> list[dict]:
    """Reports a week before and after the change: the filled squares of each row."""
    return [report_row(f, sources, tx) for f in (before, after)]
