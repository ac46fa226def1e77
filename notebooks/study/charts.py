"""The study's charts, drawn from the frames they are given, in either language.

Each function takes the rows it draws and returns a `Chart`: a matplotlib Figure that also
knows its file name, its title and its alt text. Every title, label and annotation is
written by `text.Text` from the data; nothing here holds a figure of its own. Arabic charts
put titles, notes and the value axis on the right; time still runs left to right, as in
Arabic newspapers' charts.

Nothing here touches matplotlib's global state: figures are made without pyplot (so they
are not shown twice, nor kept open), and the style is applied in a context, never set.
"""
from __future__ import annotations

import base64
import functools
import io
import os
import textwrap
from pathlib import Path

import matplotlib
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter

from . import analysis
from .paths import FIGURES_ENV
from .text import Text

# Fixed settings so the same data gives the same bytes: one font with Arabic glyphs
# (DejaVu Sans ships with matplotlib), a fixed SVG id salt, text as paths.
STYLE = {"font.family": "DejaVu Sans", "font.size": 10, "svg.hashsalt": "coalition-strikes-study",
         "svg.fonttype": "path", "axes.spines.top": False, "axes.spines.right": False,
         "axes.titlesize": 10, "legend.frameon": False}
ARTICLE = "#c0392b"   # the article's own figures
RECORD = "#1f4e79"    # the official record's main series
MUTED = "#8c8c8c"
SERIES_COLOURS = {"cjtf-oir-monthly-report": RECORD, "dod-airstrike-totals": "#e08214",
                  "airwars-tally": "#1b7837", "cjtf-oir-monthly-counts-2014": "#762a83"}
WIDTH_IN = 8.0
DISPLAY_WIDTH = 800  # px; PNGs are drawn at twice this for high-density screens
PNG_DPI = 2 * DISPLAY_WIDTH / WIDTH_IN


class Chart(Figure):
    """A Figure with a stable file name, the finding its title states, and alt text.

    In a notebook it shows itself as a PNG carrying the alt text. When the render sets
    STUDY_FIGURES_DIR, showing it also writes it there as PNG (the same bytes) and SVG.
    """

    def __init__(self, name: str, lang: str, height: float):
        super().__init__(figsize=(WIDTH_IN, height))
        FigureCanvasAgg(self)
        self.name, self.lang = name, lang
        self.title = self.alt = ""

    def png(self) -> bytes:
        buffer = io.BytesIO()
        with matplotlib.rc_context(STYLE):
            # zlib level 3: faster than the default 6 and, for these flat-colour charts, no larger.
            self.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None},
                         pil_kwargs={"compress_level": 3})
        return buffer.getvalue()

    def save(self, folder: Path, png: bytes | None = None) -> None:
        """Write the chart as PNG and SVG, with no dates or random ids, so unchanged data gives the same bytes."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{self.name}.png").write_bytes(png or self.png())
        with matplotlib.rc_context(STYLE):
            self.savefig(folder / f"{self.name}.svg", format="svg", metadata={"Date": None})

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = self.png()
        if os.environ.get(FIGURES_ENV):
            self.save(Path(os.environ[FIGURES_ENV]) / self.lang, png)
        data = {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": self.alt}
        return data, {"image/png": {"width": DISPLAY_WIDTH, "alt": self.alt}}


def _styled(draw):
    """Draw with the study's style in a context, whatever the reader's own settings are, and leave them as they were."""
    @functools.wraps(draw)
    def styled(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)
    return styled


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def _chart(name: str, tx: Text, title: str, subtitle: str, source: str, height: float = 5.2,
           bottom: float = 0.16) -> tuple[Chart, matplotlib.axes.Axes]:
    """A chart with title and subtitle above the plot and the source line below it (drawn within the style).

    The title and subtitle are measured after drawing, so the plot starts just below them
    whatever their length or script.
    """
    fig = Chart(name, tx.lang, height)
    fig.title = title
    x, align = (0.98, "right") if tx.rtl else (0.02, "left")
    renderer = fig.canvas.get_renderer()
    gap = 0.08 / height  # inches, as a share of the figure's height
    top = 1 - 0.12 / height
    for text, size, colour, weight, gid in ((_wrap(title, 68), 13, "black", "bold", "title"),
                                              (_wrap(subtitle, 105), 9, "#444", "normal", "subtitle")):
        placed = fig.text(x, top, text, ha=align, va="top", fontsize=size, color=colour, fontweight=weight, gid=gid)
        extent = placed.get_window_extent(renderer).transformed(fig.transFigure.inverted())
        top = extent.y0 - gap
    fig.text(x, 0.015, _wrap(source, 120), ha=align, va="bottom", fontsize=7.5, color="#555", gid="source")
    left, right = (0.05, 0.9) if tx.rtl else (0.1, 0.95)
    ax = fig.add_axes((left, bottom, right - left, top - 0.25 / height - bottom))
    if tx.rtl:
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
        ax.spines["right"].set_visible(True)
        ax.spines["left"].set_visible(False)
    return fig, ax


def _date_axis(ax: matplotlib.axes.Axes, tx: Text, start: pd.Timestamp, end: pd.Timestamp) -> None:
    ax.set_xlim(start, end)
    years = (end - start).days / 365.25
    if years > 2:
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: tx.year(mdates.num2date(v))))
    else:
        ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda v, _: f"{tx.month_short(mdates.num2date(v))}\n{tx.year(mdates.num2date(v))}"))


def _number_axis(ax: matplotlib.axes.Axes, tx: Text, axis: str = "y") -> None:
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(lambda v, _: tx.num(v)))


def _events(ax: matplotlib.axes.Axes, tx: Text, events: pd.DataFrame, key_y: float) -> list[str]:
    """Numbered event lines on a date axis, and a key below the plot; returns the key lines."""
    events = events.sort_values("date").reset_index(drop=True)
    low, high = ax.get_ylim()
    last_date, level = None, 0
    key = []
    for number, event in enumerate(events.itertuples(), start=1):
        near = last_date is not None and (event.date - last_date).days < 75
        level = level + 1 if near else 0
        last_date = event.date
        ax.axvline(event.date, color=MUTED, lw=0.6, ls=":", zorder=0)
        ax.text(event.date, high - (high - low) * (0.04 + 0.07 * (level % 4)), tx.num(number),
                ha="center", va="center", fontsize=7, color="#333", gid="event-number",
                bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": MUTED, "lw": 0.6})
        label = tx.field(event._asdict(), "label")
        key.append(f"{tx.num(number)}  {label} ({tx.date(event.date)})")
    columns = 2
    rows = -(-len(key) // columns)
    fig = ax.figure
    for i, line in enumerate(key):
        column, row = divmod(i, rows)
        x = (0.98 - 0.46 * column) if tx.rtl else (0.04 + 0.46 * column)
        fig.text(x, key_y - 0.028 * row, line, ha="right" if tx.rtl else "left", va="top", fontsize=7.5,
                 color="#333", gid="event-key")
    return key


@_styled
def article_decline(start: pd.Series, end: pd.Series, events: pd.DataFrame, sources: pd.DataFrame,
                    tx: Text) -> Chart:
    """The report's own comparison, its start-of-campaign day against its last day, with `events` numbered."""
    fall = analysis.fall(start, end)
    title = tx("title_article_decline", start=tx.qualified_number(start["value"], start["qualifier"]),
               end=tx.count(end["value"]), percent=tx.percent(fall.percent))
    fig, ax = _chart("01-article-decline", tx, title, tx("subtitle_article_decline"),
                     tx("source_article", article=_article(sources, tx, end), paragraphs=tx.listing(
                          sorted({tx.num(p) for p in (start["paragraph"], end["paragraph"])}))),
                      height=5.6, bottom=0.3)
    ax.hlines(start["value"], start["period_start"], start["date"], color=ARTICLE, lw=5, gid="article-start")
    ax.plot([end["date"]], [end["value"]], "o", color=ARTICLE, ms=8, gid="article-end")
    middle = start["period_start"] + (start["date"] - start["period_start"]) / 2
    ax.annotate("", xy=(end["date"], end["value"]), xytext=(middle, start["value"]),
                arrowprops={"arrowstyle": "->", "color": ARTICLE, "ls": "--", "lw": 1.2})
    ax.text(start["date"] + pd.Timedelta(days=40), start["value"],
            tx.quantity(start["value"], start["unit"], start["qualifier"]) + "\n" + tx.span(start["period_start"], start["date"]),
            va="center", ha="left", fontsize=9, color=ARTICLE, gid="label-start")
    ax.text(end["date"] - pd.Timedelta(days=30), end["value"] + start["value"] * 0.08,
            tx.quantity(end["value"], end["unit"], end["qualifier"]) + "\n" + tx.date(end["date"]),
            ha="right", va="bottom", fontsize=9, color=ARTICLE, gid="label-end")
    midpoint = middle + (end["date"] - middle) / 2
    ax.text(midpoint, (start["value"] + end["value"]) / 2 + start["value"] * 0.08,
            tx("fall_annotation", percent=tx.percent(fall.percent), ratio=tx.factor(fall.ratio)),
            ha="center", fontsize=10, fontweight="bold", color=ARTICLE, gid="fall")
    ax.set_ylim(0, start["value"] * 1.3)
    ax.set_ylabel(tx("axis_strikes_per_day"))
    _number_axis(ax, tx)
    first = min(start["period_start"], events["date"].min()) - pd.Timedelta(days=60)
    last = max(end["date"], events["date"].max()) + pd.Timedelta(days=90)
    _date_axis(ax, tx, first, last)
    _events(ax, tx, events, key_y=0.2)
    fig.alt = tx("alt_article_decline", start=tx.quantity(start["value"], start["unit"], start["qualifier"]),
             end=tx.quantity(end["value"], end["unit"], end["qualifier"]), date=tx.date(end["date"]),
                 percent=tx.percent(fall.percent))
    return fig


def _squares(ax: matplotlib.axes.Axes, count: float, columns: int, colours: list[str], gid: str) -> None:
    """A unit chart: `count` squares in rows of `columns`, the last one partial if needed."""
    whole = int(count)
    for i in range(int(np.ceil(count))):
        row, column = divmod(i, columns)
        width = 0.86 if i < whole else 0.86 * (count - whole)
        ax.add_patch(Rectangle((column, -row), width, 0.86, color=colours[i] if i < len(colours) else colours[-1],
                               gid=gid))
    rows = int(np.ceil(count / columns))
    ax.set_xlim(-0.2, columns + 0.1)
    ax.set_ylim(-rows - 0.1, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")


@_styled
def people(figure: pd.Series, sources: pd.DataFrame, tx: Text) -> Chart:
    """The report's count of people freed, as squares of a round number of people."""
    value = figure["value"]
    per_square = 10 ** max(int(np.floor(np.log10(value))) - 1, 0)
    squares = value / per_square
    title = tx("title_people", people=tx.count(value))
    fig, ax = _chart("01-people", tx, title, tx("subtitle_people", per_square=tx.count(per_square)),
                     tx("source_figure", article=_article(sources, tx, figure), paragraph=tx.num(figure["paragraph"]),
                         stated_by=tx.field(figure, "stated_by")), height=4.2, bottom=0.1)
    _squares(ax, squares, 15 if squares > 30 else 10, ["#2c7fb8"], "person-square")
    if tx.rtl:
        ax.invert_xaxis()
    fig.alt = tx("alt_people", people=tx.count(value), squares=tx.num(squares, 0 if squares == int(squares) else 1),
                 per_square=tx.count(per_square))
    return fig


@_styled
def coalition(members: pd.Series, active: pd.Series, sources: pd.DataFrame, tx: Text) -> Chart:
    """A square per coalition member, the members named as active first, in red."""
    names = tx.names(active)
    count = members["value"]
    colours = [ARTICLE] * len(names) + ["#bdbdbd"] * int(np.ceil(count))
    title = tx("title_coalition", members=tx.qualified_number(count, members["qualifier"]),
               active=tx.count(active["value"]))
    fig, ax = _chart("01-coalition", tx, title,
                     tx("subtitle_coalition", members=tx.qualified_number(count, members["qualifier"]),
                        names=tx.listing(names)),
                     tx("source_figure", article=_article(sources, tx, members), paragraph=tx.num(members["paragraph"]),
                         stated_by=tx.field(members, "stated_by")), height=4.4, bottom=0.1)
    _squares(ax, count, 15, colours, "member-square")
    for i, name in enumerate(names):
        ax.text(i + 0.43, 1.0, name, rotation=35, ha="left" if not tx.rtl else "right", va="bottom",
                fontsize=8, color=ARTICLE, gid="active-name")
    if tx.rtl:
        ax.invert_xaxis()
    ax.set_ylim(ax.get_ylim()[0], 3.2)
    fig.alt = tx("alt_coalition", members=tx.qualified_number(count, members["qualifier"]), names=tx.listing(names))
    return fig


@_styled
def cadence(before: pd.Series, after: pd.Series, sources: pd.DataFrame, tx: Text) -> Chart:
    """Strike reports a week before and after the change, as two rows of seven days."""
    title = tx("title_cadence", before=tx.num(before["value"]), after=tx.num(after["value"]))
    fig, ax = _chart("01-cadence", tx, title, tx("subtitle_cadence"),
                     tx("source_figure", article=_article(sources, tx, after), paragraph=tx.num(after["paragraph"]),
                         stated_by=tx.field(after, "stated_by")), height=3.6, bottom=0.12)
    days = 7
    for row, (figure, label) in enumerate(((before, tx("cadence_before")), (after, tx("cadence_after")))):
        published = {int(round(i * days / figure["value"])) for i in range(int(figure["value"]))}
        for day in range(days):
            filled = day in published
            ax.add_patch(Rectangle((day, -row * 1.4), 0.86, 0.86, gid="report-day" if filled else "quiet-day",
                                   facecolor=RECORD if filled else "white", edgecolor=RECORD, lw=1))
        # Left of the first day; with the axis inverted for Arabic, right of it, where a row starts.
        ax.text(-0.3, -row * 1.4 + 0.43, f"{label}: {tx.num(figure['value'])}",
                ha="left" if tx.rtl else "right", va="center", fontsize=10)
    ax.set_xlim(-4, days + 0.2)
    ax.set_ylim(-2.5, 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    if tx.rtl:
        ax.invert_xaxis()
    fig.alt = tx("alt_cadence", before=tx.num(before["value"]), after=tx.num(after["value"]))
    return fig


def _article(sources: pd.DataFrame, tx: Text, figure: pd.Series) -> str:
    """The figure's source as a source line names it: publisher and date, from sources.csv."""
    source = sources.set_index("id").loc[figure["source_id"]]
    return tx("source_with_date", publisher=source["publisher"], date=tx.date(source["published"]))


def _step_xy(steps: pd.DataFrame) -> tuple[list, list]:
    x, y = [], []
    for step in steps.itertuples():
        x += [step.start, step.end + analysis.DAY]
        y += [step.per_day, step.per_day]
    return x, y


@_styled
def record_decline(steps: pd.DataFrame, monthly: pd.DataFrame, days: pd.DataFrame, totals: pd.DataFrame,
                   start: pd.Series, end: pd.Series, events: pd.DataFrame, sources: pd.DataFrame, tx: Text) -> Chart:
    """The lead chart: strikes a day over the whole campaign, from the official record.

    `steps` (rates between totals), `monthly` (month counts) and `days` (single days) are drawn;
    `totals` are the cumulative totals behind the steps, so that those left out can be named;
    `start` and `end` are the report's two figures, drawn in red; `events` are numbered.
    """
    peak = analysis.peak(steps)
    start_rate = analysis.start_rate(monthly, start)
    left_out = analysis.set_aside(totals)
    undrawn = analysis.undrawn_totals(totals, steps)
    title = tx("title_record_decline", start=tx.rate(start_rate["average"]), peak=tx.rate(peak["per_day"]),
               peak_span=tx.span(peak["start"], peak["end"]),
               claim=tx.qualified_number(start["value"], start["qualifier"]))
    subtitle = tx("subtitle_record_decline")
    if len(left_out):
        subtitle += " " + tx("left_out", count=tx.num(len(left_out)), ids=", ".join(left_out["id"]))
    if undrawn:
        subtitle += " " + tx("undrawn", ids=", ".join(undrawn))
    fig, ax = _chart("02-record-decline", tx, title, subtitle, tx("source_record", article=_article(sources, tx, end)),
                     height=8.0, bottom=0.4)
    for series, rows in steps.groupby("series", sort=True):
        x, y = _step_xy(rows)
        ax.plot(x, y, color=SERIES_COLOURS.get(series, MUTED), lw=2 if series == "cjtf-oir-monthly-report" else 1.4,
                label=tx(f"series_{series}"), gid=f"steps-{series}")
    for series, rows in monthly.groupby("series", sort=True):
        for row in rows.itertuples():
            ax.hlines(row.per_day, row.period_start, row.as_of + analysis.DAY, color=SERIES_COLOURS.get(series, MUTED),
                      lw=2.2, gid=f"period-{series}")
        ax.plot([], [], color=SERIES_COLOURS.get(series, MUTED), lw=2.2, label=tx(f"series_{series}"))
    confident_days = days["confidence"] == "high"
    ax.plot(days.loc[confident_days, "as_of"], days.loc[confident_days, "value"], "o", color="#222", ms=3.5,
            label=tx("legend_days"), gid="day-high")
    ax.plot(days.loc[~confident_days, "as_of"], days.loc[~confident_days, "value"], "o", mfc="white", mec="#222",
            ms=4.5, label=tx("legend_days_lower"), gid="day-lower")
    ax.hlines(start["value"], start["period_start"], start["date"], color=ARTICLE, lw=4, gid="article-start",
              label=tx("legend_article"))
    ax.plot([end["date"]], [end["value"]], "D", color=ARTICLE, ms=6, gid="article-end")
    ax.annotate(tx.quantity(start["value"], start["unit"], start["qualifier"]), (start["date"], start["value"]),
                xytext=(8, 0), textcoords="offset points", va="center", fontsize=8.5, color=ARTICLE)
    top = max(days["value"].max() if len(days) else 0, steps["per_day"].max(), start["value"]) * 1.25
    ax.annotate(tx("label_claim_day", value=tx.num(end["value"]), date=tx.date(end["date"])),
                (end["date"], end["value"]), xytext=(end["date"] + pd.Timedelta(days=150), top * 0.6), fontsize=8.5,
                color=ARTICLE, arrowprops={"arrowstyle": "-", "color": ARTICLE, "lw": 0.8})
    ax.set_ylim(0, top)
    ax.set_ylabel(tx("axis_strikes_per_day"))
    _number_axis(ax, tx)
    first = min(steps["start"].min(), start["period_start"]) - pd.Timedelta(days=45)
    last = max(steps["end"].max(), events["date"].max()) + pd.Timedelta(days=45)
    _date_axis(ax, tx, first, last)
    fig.legend(*ax.get_legend_handles_labels(), loc="upper right" if tx.rtl else "upper left", ncol=2, fontsize=7.5,
               markerfirst=not tx.rtl,
               bbox_to_anchor=(0.98, 0.345) if tx.rtl else (0.02, 0.345), frameon=False)
    _events(ax, tx, events, key_y=0.2)
    fig.alt = tx("alt_record_decline", start=tx.rate(start_rate["average"]), peak=tx.rate(peak["per_day"]),
                 peak_span=tx.span(peak["start"], peak["end"]),
                 last=tx.rate(steps.sort_values("end")["per_day"].iloc[-1]),
                 claim=tx.quantity(start["value"], start["unit"], start["qualifier"]))
    return fig


@_styled
def weapons(months: pd.DataFrame, tx: Text, since: str = "2017-01-01") -> Chart:
    """Weapons released per month from `since` on (`months` as `analysis.weapons_by_month` gives them)."""
    months = months[months["month"] >= pd.Timestamp(since)].reset_index(drop=True)
    high = months.loc[months["value"].idxmax()]
    after = months[months["month"] > high["month"]]
    low = after.loc[after["value"].idxmin()] if len(after) else high
    title = tx("title_weapons", high=tx.num(high["value"]), high_month=tx.month(high["month"]),
               low=tx.num(low["value"]), low_month=tx.month(low["month"]))
    fig, ax = _chart("02-weapons", tx, title, tx("subtitle_weapons"), tx("source_weapons"), height=5.0, bottom=0.14)
    width = pd.Timedelta(days=24)
    for row in months.itertuples():
        ax.bar(row.month + pd.Timedelta(days=14), row.value, width=width, color=RECORD if not row.derived else "white",
               edgecolor=RECORD, hatch="///" if row.derived else None, gid="month-derived" if row.derived else "month")
        if row.alternative:
            ax.annotate(tx("label_alternative", ids=row.alternative), (row.month + pd.Timedelta(days=14), row.value),
                        xytext=(0, 14), textcoords="offset points", ha="center", fontsize=7, color="#555")
    ax.set_ylabel(tx("axis_weapons"))
    _number_axis(ax, tx)
    _date_axis(ax, tx, months["month"].min() - pd.Timedelta(days=20),
               months["month"].max() + pd.Timedelta(days=45))
    ax.set_ylim(0, months["value"].max() * 1.2)
    ax.legend(handles=[Patch(facecolor=RECORD, edgecolor=RECORD, label=tx("legend_month_reported")),
                       Patch(facecolor="white", edgecolor=RECORD, hatch="///", label=tx("legend_month_derived"))],
              loc="upper left" if tx.rtl else "upper right", fontsize=8, markerfirst=not tx.rtl)
    fig.alt = tx("alt_weapons", high=tx.num(high["value"]), high_month=tx.month(high["month"]),
                 low=tx.num(low["value"]), low_month=tx.month(low["month"]), months=tx.num(len(months)))
    return fig


def _levels(ax: matplotlib.axes.Axes, tx: Text, rows: pd.DataFrame, colour: str, gid: str) -> None:
    """A state over time: confident rows joined by a line, low-confidence ones hollow and apart."""
    sure = analysis.confident(rows)
    weak = analysis.set_aside(rows)
    ax.plot(sure["as_of"], sure["value"], "-o", color=colour, ms=5, label=tx("legend_record"), gid=gid)
    if len(weak):
        ax.plot(weak["as_of"], weak["value"], "o", mfc="white", mec=MUTED, ms=6, ls="none",
                label=tx("legend_low_confidence"), gid=f"{gid}-low")


@_styled
def membership(rows: pd.DataFrame, figure: pd.Series, sources: pd.DataFrame, tx: Text) -> Chart:
    """Coalition members over time (`rows` of one unit), against the report's figure and its date of publication."""
    published = sources.set_index("id").loc[figure["source_id"], "published"]
    then, now = analysis.level_at(rows, figure["date"]), analysis.level_at(rows, published)
    then_date = figure["date"] if then is None else then["as_of"]
    title = tx("title_membership", claim=tx.qualified_number(figure["value"], figure["qualifier"]),
               then_year=tx.year(then_date), now=tx.num(now["value"]), published=tx.date(published))
    fig, ax = _chart("02-membership", tx, title, tx("subtitle_membership"),
                     tx("source_membership", article=_article(sources, tx, figure)), height=4.8, bottom=0.14)
    ax.axhspan(figure["value"] * 0.9, figure["value"] * 1.1, color=ARTICLE, alpha=0.12, lw=0,
               label=tx("legend_claim_band", claim=tx.qualified_number(figure["value"], figure["qualifier"])),
               gid="claim-band")
    ax.axvline(published, color=ARTICLE, lw=1, ls="--", gid="published")
    ax.annotate(tx("label_published"), (published, rows["value"].max() * 1.08), xytext=(-4, 0),
                textcoords="offset points", ha="right", fontsize=8, color=ARTICLE)
    _levels(ax, tx, rows, RECORD, "members")
    ax.set_ylim(0, rows["value"].max() * 1.2)
    ax.set_ylabel(tx("axis_members"))
    _number_axis(ax, tx)
    _date_axis(ax, tx, rows["as_of"].min() - pd.Timedelta(days=120), rows["as_of"].max() + pd.Timedelta(days=120))
    ax.legend(loc="lower right" if not tx.rtl else "lower left", fontsize=8, markerfirst=not tx.rtl)
    fig.alt = tx("alt_membership", claim=tx.qualified_number(figure["value"], figure["qualifier"]),
                 then_year=tx.year(then_date), now=tx.num(now["value"]), now_date=tx.date(now["as_of"]))
    return fig


@_styled
def people_record(rows: pd.DataFrame, figure: pd.Series, sources: pd.DataFrame, tx: Text) -> Chart:
    """People freed over time (`rows` of one unit), with the report's figure in red.

    The record's own copy of the report's figure is not drawn: the red mark is that figure.
    """
    rows = rows[rows["id"] != figure["record_id"]]
    nearest = analysis.nearest_levels(rows, figure["date"], analysis.NEAREST_LEVEL_WINDOW)
    observed = nearest.iloc[0] if len(nearest) else analysis.level_at(rows, figure["date"])
    title = tx("title_people_record", claim=tx.count(figure["value"]), observed=tx.count(observed["value"]),
               observed_date=tx.date(observed["as_of"]))
    fig, ax = _chart("02-people", tx, title, tx("subtitle_people_record"),
                     tx("source_people", article=_article(sources, tx, figure)), height=4.8, bottom=0.14)
    _levels(ax, tx, rows, RECORD, "people")
    ax.plot([figure["date"]], [figure["value"]], "D", color=ARTICLE, ms=7, label=tx("legend_article"),
            gid="article-people")
    ax.set_ylim(0, max(rows["value"].max(), figure["value"]) * 1.2)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tx.count(v)))
    ax.set_ylabel(tx("axis_people"))
    _date_axis(ax, tx, rows["as_of"].min() - pd.Timedelta(days=60), rows["as_of"].max() + pd.Timedelta(days=60))
    ax.legend(loc="lower right" if not tx.rtl else "lower left", fontsize=8, markerfirst=not tx.rtl)
    fig.alt = tx("alt_people_record", claim=tx.count(figure["value"]), observed=tx.count(observed["value"]),
                 observed_date=tx.date(observed["as_of"]))
    return fig
