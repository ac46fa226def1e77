"""A state over time (members, people freed): its series drawn apart, and their key."""
from __future__ import annotations

import matplotlib.text
import pandas as pd
from .. import analysis
from ..text import Text, strings
from .layout import MUTED, RECORD, SERIES_COLOURS, SERIES_MARKERS, _dot_mark, _line_mark, number_row, unit_label


def _level_styles(rows: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """The colour and marker of each series of a state over time, in the order of its first confident
    row: a single series is the record's; several are each drawn in their own."""
    series = list(dict.fromkeys(analysis.relied_on(rows).sort_values(["as_of", "id"])["series"]))
    if len(series) <= 1:
        return {name: (RECORD, "o") for name in series}
    return {name: (SERIES_COLOURS.get(name, MUTED), SERIES_MARKERS.get(name, "o")) for name in series}


def _levels(ax: matplotlib.axes.Axes, rows: pd.DataFrame, gid: str) -> None:
    """A state over time: each series' relied-on rows joined by a line of its own (series are never
    joined to one another). Rows of low confidence, or not used, are not drawn: the page lists them."""
    sure = analysis.relied_on(rows)
    styles = _level_styles(rows)
    for series, (colour, marker) in styles.items():
        own = sure[sure["series"] == series]
        ax.plot(own["as_of"], own["value"], "-", marker=marker, color=colour, ms=5, lw=2,
                gid=gid if len(styles) == 1 else f"{gid}-{series}", zorder=3)


def levels_numbers(rows: pd.DataFrame, tx: Text) -> list[dict]:
    """The rows `_levels` draws, one a mark: each series' relied-on rows."""
    sure = analysis.relied_on(rows)
    return [number_row(tx("numbers_mark_count"), None, r["as_of"], r["value"], unit_label(tx, r["unit"]),
                       tx(f"series_{r['series']}") if f"series_{r['series']}" in strings() else r["series"],
                       tx.field(r, "publisher"), r["qualifier"]) for _, r in sure.sort_values(["as_of", "id"]).iterrows()]


def _level_key(rows: pd.DataFrame, tx: Text) -> list:
    styles, sure = _level_styles(rows), analysis.relied_on(rows)
    if len(styles) <= 1:
        key = [(_line_mark(RECORD, marker="o", ms=5), tx("legend_record"))]
    else:  # each series by name: a line where its rows are joined, its mark alone where it has one row
        key = []
        for series, (colour, marker) in styles.items():
            name = tx(f"series_{series}") if f"series_{series}" in strings() else series
            joined = (sure["series"] == series).sum() > 1
            key.append((_line_mark(colour, marker=marker, ms=5) if joined
                        else _dot_mark(marker=marker, color=colour, ms=5), name))
    return key
