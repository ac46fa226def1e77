"""The study's charts, drawn from the frames they are given, in either language.

Each chart lives in a file of its own, its drawing beside the table of the numbers it draws
(`*_chart.py`); the layout engine they share is `layout.py`: the `Chart` figure, text measured and
wrapped, keys, axes and frames laid out from the top down. Each function takes the rows it draws
and returns a `Chart`: a matplotlib Figure that also knows its file name, its title, its alt text
and its numbers (`chart.numbers`, a DataFrame of what it draws, shown under it on the pages and
downloadable as CSV), and can draw itself again laid out for a phone (`chart.narrow`). Every
title, label and annotation is written by `text.Text` from the data; nothing here holds a figure
of its own. Arabic charts put titles, notes and the value axis on the right; time still runs left
to right, as in Arabic newspapers' charts.

Nothing here touches matplotlib's global state: figures are made without pyplot (so they
are not shown twice, nor kept open), and the style is applied in a context, never set.
"""
from .article_decline_chart import article_decline
from .cadence_chart import cadence
from .coalition_chart import coalition
from .layout import NARROW, NARROW_MIME, SMALL, STYLE, WIDE, Chart, Layout
from .membership_chart import membership
from .people_chart import people
from .people_record_chart import people_record
from .record_decline_chart import record_decline
from .start_days_chart import start_days
from .weapons_chart import weapons

__all__ = ["Chart", "Layout", "WIDE", "NARROW", "SMALL", "STYLE", "NARROW_MIME", "article_decline", "people",
           "coalition", "cadence", "record_decline", "start_days", "weapons", "membership", "people_record"]
