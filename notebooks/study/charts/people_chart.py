"""The report's count of people freed, as squares (page 01)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from ..text import Text
from .layout import Chart, Layout, SMALL, WIDE, _Frame, _small, _source_line, _squares, report_row


@_small
def people(figure: pd.Series, sources: pd.DataFrame, tx: Text, *, layout: Layout = SMALL) -> Chart:
    """The report's count of people freed, as squares of a round number of people."""
    value = figure["value"]
    per_square = 10 ** max(int(np.floor(np.log10(value))) - 1, 0)
    squares = value / per_square
    frame = _Frame("01-people", tx, layout, tx("title_people", people=tx.quantity(value, figure["unit"])),
                   tx("subtitle_people", per_square=tx.quantity(per_square, figure["unit"])))
    _squares(frame, squares, 15 if layout is WIDE else 10, ["#2c7fb8"], "person-square")
    chart = frame.finish(tx("source_figure", article=_source_line(sources, tx, figure),
                            paragraph=tx.num(figure["paragraph"]), stated_by=tx.field(figure, "stated_by")))
    chart.set_numbers(people_numbers(figure, sources, tx), tx)
    chart.alt = tx("alt_people", people=tx.quantity(value, figure["unit"]), squares=tx.counted(squares, "study squares", tx.num(squares, 0 if squares == int(squares) else 1)),
                   per_square=tx.quantity(per_square, figure["unit"]))
    return chart


def people_numbers(figure: pd.Series, sources: pd.DataFrame, tx: Text) -> list[dict]:
    """The one figure the squares count."""
    return [report_row(figure, sources, tx, period=False)]
