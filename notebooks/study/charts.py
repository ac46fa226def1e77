"""The study's charts, drawn from the frames they are given, in either language.

Each function takes the rows it draws and returns a `Chart`: a matplotlib Figure that also
knows its file name, its title and its alt text, and can draw itself again laid out for a
phone (`chart.narrow`). Every title, label and annotation is written by `text.Text` from the
data; nothing here holds a figure of its own. Arabic charts put titles, notes and the value
axis on the right; time still runs left to right, as in Arabic newspapers' charts.

A chart is laid out from the top down, in inches: title, subtitle, key, the plot, notes, the
source line. Fonts are in points at 100 pixels an inch of figure, so text reads at its size
when a chart is shown at its display width (800 pixels wide, 360 for the phone layout).

Nothing here touches matplotlib's global state: figures are made without pyplot (so they
are not shown twice, nor kept open), and the style is applied in a context, never set.
"""
from __future__ import annotations

import base64
import functools
import io
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.colors
import matplotlib.dates as mdates
import matplotlib.text
import numpy as np
import pandas as pd
from matplotlib import transforms
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator
from PIL import Image

from . import analysis, factcheck
from .data import source_of
from .paths import FIGURES_ENV
from .text import Text, bounded, strings

# Fixed settings so the same data gives the same bytes: one font with Arabic glyphs
# (DejaVu Sans ships with matplotlib), a fixed SVG id salt, text as paths. Glyphs are not hinted:
# at twice screen resolution hinting shows no difference, and laying text out takes a third less time.
STYLE = {"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "coalition-strikes-study",
         "svg.fonttype": "path", "axes.spines.top": False, "axes.spines.right": False, "axes.spines.left": False,
         "axes.edgecolor": "#333", "axes.labelcolor": "#333", "xtick.color": "#333", "ytick.color": "#333",
         "ytick.major.size": 0, "xtick.major.size": 3, "axes.axisbelow": True, "hatch.linewidth": 0.8,
         "text.hinting": "no_hinting"}
ARTICLE = "#c0392b"   # the report's own figures
RECORD = "#1f4e79"    # the official record's main series
INK, SOFT, MUTED, GRID = "#222", "#555", "#8c8c8c", "#e3e3e3"
SERIES_COLOURS = {"cjtf-oir-monthly-report": RECORD, "dod-airstrike-totals": "#e08214",
                  "airwars-tally": "#1b7837", "cjtf-oir-monthly-counts-2014": "#762a83",
                  "cjtf-oir-strike-release": "#35978f", "ain-count": "#8c510a", "coalition-statement": "#01665e",
                  "spokesman": "#542788", "press-report": "#c51b7d", "centcom-release-2014": "#4393c3"}
SERIES_MARKERS = {"coalition-statement": "s", "spokesman": "^"}  # where series of a level are drawn side by side
SINCE_START = (0, (4, 2.5))  # dashes of a series' first step, an average since the campaign began
LOWER_BOUNDS = ("at least", "more than")
PX_PER_INCH = 100
PNG_DPI = 2 * PX_PER_INCH  # PNGs are drawn at twice their display size, for high-density screens
PNG_COLOURS = 256  # flat-colour charts lose nothing visible in a palette, and weigh a third as much
NARROW_MIME = "image/x-study-narrow-png"  # the phone layout, beside image/png in a notebook output


@dataclass(frozen=True)
class Layout:
    """Sizes for one display width; fonts in points."""
    name: str
    width_px: int
    title: float
    text: float
    small: float
    margin_in: float
    key_columns: int
    event_columns: int

    @property
    def width_in(self) -> float:
        return self.width_px / PX_PER_INCH

    @property
    def inner_in(self) -> float:
        return self.width_in - 2 * self.margin_in


WIDE = Layout("wide", 800, title=15, text=10, small=8.5, margin_in=0.2, key_columns=3, event_columns=2)
NARROW = Layout("narrow", 360, title=11, text=9.5, small=8.5, margin_in=0.1, key_columns=2, event_columns=1)
# The small unit charts are designed once, to be read at this width on a desktop and a little
# smaller on a phone: squares and a few lines of text gain nothing from a second layout.
SMALL = Layout("small", 400, title=12, text=10.5, small=9.5, margin_in=0.1, key_columns=2, event_columns=1)


class Chart(Figure):
    """A Figure with a stable file name, the finding its title states, alt text and, drawn for a
    desktop, a phone layout.

    In a notebook it shows itself as a PNG carrying the alt text, with the phone layout (if it has
    one) beside it for the web page. When the render sets STUDY_FIGURES_DIR, showing it also writes
    it there as PNG (the same bytes) and SVG, the phone layout as PNG under `narrow/`.
    """

    def __init__(self, name: str, lang: str, layout: Layout = WIDE):
        super().__init__(figsize=(layout.width_in, 4), dpi=PX_PER_INCH)
        FigureCanvasAgg(self)
        self.name, self.lang, self.layout = name, lang, layout
        self.title = self.alt = ""
        self._draw_narrow = None

    def draw(self, renderer) -> None:
        """Drawn in the study's style wherever it is drawn (the page, a file, a reader's own savefig),
        so that its text is set exactly as it was measured when the chart was laid out."""
        with matplotlib.rc_context(STYLE):
            super().draw(renderer)

    @functools.cached_property
    def narrow(self) -> Chart:
        """The same chart laid out for a phone; a chart designed once for every width is its own."""
        return self._draw_narrow() if self._draw_narrow else self

    def png(self) -> bytes:
        """The chart as a palette PNG with no metadata: the same chart gives the same bytes."""
        pixels = io.BytesIO()
        self.savefig(pixels, format="rgba", dpi=PNG_DPI)
        width = round(self.get_figwidth() * PNG_DPI)
        image = Image.frombuffer("RGBA", (width, len(pixels.getvalue()) // 4 // width), pixels.getvalue(), "raw",
                                 "RGBA", 0, 1)
        # Maximum coverage keeps white white and every colour within a few levels, twice as fast as median cut.
        palette = image.convert("RGB").quantize(PNG_COLOURS, method=Image.Quantize.MAXCOVERAGE,
                                                dither=Image.Dither.NONE)
        buffer = io.BytesIO()
        palette.save(buffer, format="PNG", compress_level=4)  # 3% larger than 6 (the default), a third faster
        return buffer.getvalue()

    def save(self, folder: Path, png: bytes | None = None, narrow_png: bytes | None = None) -> None:
        """Write the chart as PNG and SVG, with no dates or random ids, so unchanged data gives the same
        bytes, and its phone layout as PNG in `narrow/` (the pages' picture for small screens; an
        editor who wants a vector file takes the desktop layout)."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{self.name}.png").write_bytes(png or self.png())
        self.savefig(folder / f"{self.name}.svg", format="svg", metadata={"Date": None})
        if self.narrow is not self:
            (folder / "narrow").mkdir(exist_ok=True)
            (folder / "narrow" / f"{self.name}.png").write_bytes(narrow_png or self.narrow.png())

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = self.png()
        narrow_png = None if self.narrow is self else self.narrow.png()
        if os.environ.get(FIGURES_ENV):
            self.save(Path(os.environ[FIGURES_ENV]) / self.lang, png, narrow_png)
        data = {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": self.alt}
        metadata = {"image/png": {"width": self.layout.width_px, "alt": self.alt}}
        if narrow_png:
            data[NARROW_MIME] = base64.b64encode(narrow_png).decode("ascii")
            metadata[NARROW_MIME] = {"width": self.narrow.layout.width_px}
        return data, metadata


def _styled(draw, default: Layout = WIDE):
    """Draw with the study's style in a context, whatever the reader's own settings are, and
    leave them as they were; a desktop layout's phone layout is drawn the same way, when it is
    asked for."""
    @functools.wraps(draw)
    def styled(*args, layout: Layout = default, **kwargs):
        with matplotlib.rc_context(STYLE):
            chart = draw(*args, layout=layout, **kwargs)
        if layout is WIDE:
            chart._draw_narrow = functools.partial(styled, *args, layout=NARROW, **kwargs)
        return chart
    return styled


_small = functools.partial(_styled, default=SMALL)  # a chart designed once, for every width


# ----- text that wraps, and keeps each line in its language's direction -----
def _strong(text: str) -> str | None:
    """'ltr' or 'rtl' for the first letter that has a direction of its own; None if there is none."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def _renderer() -> RendererAgg:
    """A renderer to measure text with, as the current settings set it: text is measured in the
    study's style, and matplotlib caches measures by renderer, so each hinting mode has its own."""
    return _renderer_for(matplotlib.rcParams["text.hinting"])


@functools.lru_cache(maxsize=None)
def _renderer_for(hinting: str) -> RendererAgg:
    return RendererAgg(1, 1, PX_PER_INCH)


def _width(line: str, size: float, weight: str = "normal") -> float:
    """The width of one line of text in the study's font, in inches (laid out as matplotlib draws it)."""
    return _hinted_width(line, size, weight, matplotlib.rcParams["text.hinting"])


@functools.lru_cache(maxsize=8192)
def _hinted_width(line: str, size: float, weight: str, hinting: str) -> float:
    font = FontProperties(family=STYLE["font.family"], size=size, weight=weight)
    return _renderer_for(hinting).get_text_width_height_descent(line, font, ismath=False)[0] / PX_PER_INCH


def _extent(text: str, size: float, weight: str = "normal"):
    """The box of a text of one or more lines, in pixels, around the baseline of its last line, as
    matplotlib lays it out."""
    probe = matplotlib.text.Text(0, 0, text, fontproperties=FontProperties(family=STYLE["font.family"], size=size,
                                                                            weight=weight))
    probe.set_figure(_sizing_figure())
    return probe.get_window_extent(_renderer())


def _measure(text: str, size: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height of a text of one or more lines, in inches."""
    extent = _extent(text, size, weight)
    return extent.width / PX_PER_INCH, extent.height / PX_PER_INCH


def _around_baseline(text: str, size: float) -> tuple[float, float]:
    """How far a text reaches above and below the baseline of its last line, in inches."""
    extent = _extent(text, size)
    return extent.y1 / PX_PER_INCH, -extent.y0 / PX_PER_INCH


@functools.lru_cache(maxsize=None)
def _sizing_figure() -> Figure:
    return Figure(dpi=PX_PER_INCH)


KEEP = "\u00a0"  # joins words a line may not break between; drawn as an ordinary space


def _kept(phrase: str) -> str:
    """A phrase (a date: "8 November 2017") that wrapping keeps on one line."""
    return str(phrase).replace(" ", KEEP)


def _kept_span(tx: Text, start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A period as `Text.span` writes it, each date or month in it kept on one line."""
    text = tx.span(start, end)
    for part in sorted({tx.date(start), tx.date(end), tx.month(start), tx.month(end)}, key=len, reverse=True):
        text = text.replace(part, _kept(part))
    return text


def _wrap(text: str, width_in: float, size: float, rtl: bool, weight: str = "normal") -> str:
    """Break `text` into lines no wider than `width_in`, never inside a `_kept` phrase.

    matplotlib lays each line out in the direction of its first letter, so a line may not start
    where the rest of the text begins with a letter of the other script: "Youm7 (اليوم السابع)"
    is never split after "Youm7" in English, nor "AIN" left to start a line in Arabic.
    """
    return _wrap_words(text, width_in, size, rtl, weight).replace(KEEP, " ")


def _wrap_words(text: str, width_in: float, size: float, rtl: bool, weight: str) -> str:
    words = text.split(" ")
    own = "rtl" if rtl else "ltr"
    units = [words[0]]  # runs of words that cannot be split, each a line's possible start
    for i, word in enumerate(words[1:], start=1):
        if _strong(" ".join(words[i:])) in (own, None):
            units.append(word)
        else:
            units[-1] += " " + word
    # A line is as wide as its units and the spaces between them: the study's font has no kerning
    # across a space, and Arabic letters join only within a word, so each unit is measured once.
    # The sum may differ from a measure of the whole line in its last bits: a line that fills the space fits.
    space = _width(" ", size, weight)
    lines, line, line_width = [], "", 0.0
    for unit in units:
        unit_width = _width(unit, size, weight)
        if line and line_width + space + unit_width > width_in + 1e-9:
            lines.append(line)
            line, line_width = unit, unit_width
        elif line:
            line, line_width = f"{line} {unit}", line_width + space + unit_width
        else:
            line, line_width = unit, unit_width
    return "\n".join(lines + [line])


def _balanced(text: str, width_in: float, size: float, rtl: bool, weight: str = "normal") -> str:
    """`text` in as few lines as fit `width_in`, the lines as even as they can be (no last word alone)."""
    lines = _wrap_words(text, width_in, size, rtl, weight).count("\n") + 1
    low, high = width_in / lines, width_in
    for _ in range(10):  # the narrowest width that needs no more lines
        middle = (low + high) / 2
        fits = _wrap_words(text, middle, size, rtl, weight).count("\n") + 1 <= lines
        low, high = (low, middle) if fits else (middle, high)
    return _wrap(text, high, size, rtl, weight)


PERCENT = re.compile(r"(?<![%\d])(\d[\d,.]*)%")


def _drawn(text: str) -> str:
    """`text` as matplotlib must be given it to show what a browser shows for it.

    In a right-to-left line a browser shows "98%" with the sign after the digits, as the study's
    pages do; matplotlib puts the sign before them ("%98") unless it comes first in the string.
    Lines that start in a left-to-right script, and Arabic-Indic digits ("٩٨٪", shown "٪٩٨" by
    both), are left as they are.
    """
    return "\n".join(PERCENT.sub(r"%\1", line) if _strong(line) == "rtl" else line for line in text.split("\n"))


def _ascent(size: float) -> float:
    """How far a line of text reaches above its baseline, in inches (measured on "lp")."""
    font = FontProperties(family=STYLE["font.family"], size=size)
    _, height, descent = _renderer().get_text_width_height_descent("lp", font, ismath=False)
    return (height - descent) / PX_PER_INCH


# ----- a chart laid out from the top down -----
class _Frame:
    """The parts of a chart stacked in inches from its top, placed once all are known."""

    def __init__(self, name: str, tx: Text, layout: Layout, title: str, subtitle: str):
        self.fig = Chart(name, tx.lang, layout)
        self.fig.title = title.replace(KEEP, " ")
        self.tx, self.layout = tx, layout
        self.blocks: list[tuple[float, callable]] = []
        self.ax = None
        self.text(title, layout.title, "title", weight="bold", colour="black", after=0.06)
        self.text(subtitle, layout.text, "subtitle", colour="#444", after=0.12)

    @property
    def edge(self) -> tuple[float, str]:
        """Where text lines start, in inches from the left, and how they align."""
        if self.tx.rtl:
            return self.layout.width_in - self.layout.margin_in, "right"
        return self.layout.margin_in, "left"

    def wrap(self, text: str, width_in: float, size: float, weight: str = "normal") -> str:
        """A label in as few, even lines as fit `width_in`."""
        return _balanced(text, width_in, size, self.tx.rtl, weight)

    def text(self, text: str, size: float, gid: str, colour: str = INK, weight: str = "normal",
             after: float = 0.08) -> None:
        """A block of text across the chart's width."""
        if not text:
            return
        wrap = _balanced if gid == "title" else _wrap
        wrapped = _drawn(wrap(text, self.layout.inner_in, size, self.tx.rtl, weight))
        height = _measure(wrapped, size, weight)[1]
        x, align = self.edge

        def place(top: float) -> None:
            self.fig.text(x, self.fig_in(top), wrapped, transform=self.fig.dpi_scale_trans, ha=align, va="top",
                          fontsize=size, color=colour, fontweight=weight, gid=gid)
        self.blocks.append((height + after, place))

    def key(self, entries: list[tuple[callable, str]], gid: str = "key", columns: int | None = None) -> None:
        """A key in columns: `entries` are (a function drawing the mark at x, y in inches, or None; the label)."""
        if not entries:
            return
        columns = min(columns or self.layout.key_columns, len(entries))
        column_in = self.layout.inner_in / columns
        mark_in = 0.3 if any(mark for mark, _ in entries) else 0.0
        size = self.layout.small
        labels = [_drawn(self.wrap(label, column_in - mark_in - 0.1, size)) for _, label in entries]
        # Labels sit on a grid of baselines, the same for every row, so that rows read evenly
        # whatever their letters; the grid is as tall as the tallest letters ask (Arabic marks reach
        # above Latin capitals), so that no two labels touch. Each mark sits by its label's first line.
        around = [_around_baseline(label, size) for label in labels]  # above and below the last line's baseline
        firsts = [_around_baseline(label.split("\n")[0], size)[0] if "\n" in label else above
                  for label, (above, _) in zip(labels, around)]  # how far each first line reaches above its baseline
        lines = [label.count("\n") + 1 for label in labels]
        first_above = max(firsts)
        line_in = max([(above - first) / (count - 1)
                       for (above, _), first, count in zip(around, firsts, lines) if count > 1], default=0.0)
        below = max(below for _, below in around)
        row_heights = [first_above + (max(lines[i:i + columns]) - 1) * line_in + below + 0.04
                       for i in range(0, len(entries), columns)]
        height = sum(row_heights)
        mark_from_baseline = 0.38 * _ascent(size)  # the middle of a lower-case letter

        def place(top: float) -> None:
            y = top
            for r, row_height in enumerate(row_heights):
                baseline = y + first_above  # of each label's first line
                for c in range(min(columns, len(entries) - r * columns)):
                    draw_mark, label = entries[r * columns + c][0], labels[r * columns + c]
                    last = baseline + label.count("\n") * line_in  # va="baseline" sets a label's last line
                    start = self.layout.margin_in + c * column_in
                    if self.tx.rtl:
                        right = self.layout.width_in - start
                        if draw_mark:
                            draw_mark(self.fig, right - mark_in / 2, self.fig_in(baseline - mark_from_baseline))
                        self.fig.text(right - mark_in - 0.02, self.fig_in(last), label, transform=self.fig.dpi_scale_trans,
                                      ha="right", va="baseline", fontsize=size, color=INK, gid=gid)
                    else:
                        if draw_mark:
                            draw_mark(self.fig, start + mark_in / 2, self.fig_in(baseline - mark_from_baseline))
                        self.fig.text(start + mark_in + 0.02, self.fig_in(last), label, transform=self.fig.dpi_scale_trans,
                                      ha="left", va="baseline", fontsize=size, color=INK, gid=gid)
                y += row_height
        self.blocks.append((height + 0.1, place))

    def plot(self, height_in: float, axis_label: str = "", lane_in: float = 0.0, time_rows: int = 1,
             box: bool = False) -> matplotlib.axes.Axes:
        """The plot: a value-axis label above it, a lane for event marks, the axes, the time axis's labels."""
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        label_in = 0.28 if axis_label else 0.0
        below = (0.12 + 0.17 * time_rows) if not box else 0.0
        self.plot_in, self.lane_in = height_in, lane_in
        self.plot_width_in = self.layout.inner_in - 0.55  # until the value labels are measured

        def place(top: float) -> None:
            self._place_axes(top + label_in + lane_in, height_in, axis_label, box)
        self.blocks.append((label_in + lane_in + height_in + below + 0.1, place))
        if not box:
            self.ax.grid(axis="y", color=GRID, lw=0.7)
            self.ax.tick_params(axis="y", length=0, labelsize=self.layout.small)
            self.ax.tick_params(axis="x", labelsize=self.layout.small)
            if self.tx.rtl:
                self.ax.yaxis.tick_right()
        return self.ax

    def _place_axes(self, top: float, height: float, axis_label: str, box: bool) -> None:
        margin = self.layout.margin_in
        if box:
            side = 0.0
        else:  # room for the widest value label
            low, high = self.ax.get_ylim()
            ticks = [t for t in self.ax.get_yticks() if low <= t <= high]
            formatter = self.ax.yaxis.get_major_formatter()
            side = max(_measure(formatter(t, i), self.layout.small)[0] for i, t in enumerate(ticks)) + 0.08
        left = margin + (0.05 if self.tx.rtl else side)
        width = self.layout.width_in - 2 * margin - side - 0.05
        W, H = self.layout.width_in, self.height
        self.ax.set_position((left / W, (H - top - height) / H, width / W, height / H))
        if axis_label:
            x, align = (left + width + side, "right") if self.tx.rtl else (margin, "left")
            self.fig.text(x, self.fig_in(top - self.lane_in - 0.1), axis_label, transform=self.fig.dpi_scale_trans,
                          ha=align, va="bottom", fontsize=self.layout.small, color=SOFT, gid="axis-label")

    def fig_in(self, top: float) -> float:
        """Inches from the figure's top as inches from its bottom (once the height is known)."""
        return self.height - top

    def finish(self, source: str, notes: list[str] = ()) -> Chart:
        for note in notes:
            self.text(note, self.layout.small, "note", colour=SOFT, after=0.05)
        self.text(source, self.layout.small, "source", colour=SOFT, after=0.0)
        self.height = 0.14 + sum(height for height, _ in self.blocks) + 0.12
        self.fig.set_size_inches(self.layout.width_in, self.height)
        top = 0.14
        for height, place in self.blocks:
            place(top)
            top += height
        return self.fig


# ----- marks drawn in a key -----
def _line_mark(colour: str, lw: float = 2.0, ls: str = "-", marker: str = "", **style):
    def draw(fig: Figure, x: float, y: float) -> None:
        fig.add_artist(Line2D([x - 0.12, x + 0.12], [y, y], transform=fig.dpi_scale_trans, color=colour, lw=lw, ls=ls))
        if marker:
            fig.add_artist(Line2D([x], [y], transform=fig.dpi_scale_trans, marker=marker, color=colour, ls="none",
                                  **style))
    return draw


def _dot_mark(**style):
    def draw(fig: Figure, x: float, y: float) -> None:
        fig.add_artist(Line2D([x], [y], transform=fig.dpi_scale_trans, ls="none", **style))
    return draw


def _box_mark(**style):
    def draw(fig: Figure, x: float, y: float) -> None:
        fig.add_artist(Rectangle((x - 0.1, y - 0.06), 0.2, 0.12, transform=fig.dpi_scale_trans, **style))
    return draw


# ----- axes -----
def _date_axis(ax: matplotlib.axes.Axes, tx: Text, layout: Layout, start: pd.Timestamp, end: pd.Timestamp,
               monthly: bool = False) -> None:
    """Years along the time axis; for a short span, months, each January (and the first month) with its year."""
    ax.set_xlim(start, end)
    fig = ax.figure
    available = layout.inner_in - 0.6
    if not monthly:
        years = pd.date_range(f"{start.year + (start.month > 1)}-01-01", end, freq="YS")
        width = _measure(tx.year(years[0]), layout.small)[0] + 0.12
        step = next(s for s in (1, 2, 5, 10) if width * len(years) / s <= available)
        ticks = years[::step]
        ax.xaxis.set_major_locator(FixedLocator(mdates.date2num(ticks)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: tx.year(mdates.num2date(v))))
        return
    months = pd.date_range(start + pd.offsets.MonthBegin(0), end, freq="MS")
    width = max(_measure(tx.month_short(m), layout.small)[0] for m in months) + 0.1
    step = next(s for s in (1, 2, 3, 6, 12) if width * len(months) / s <= available)
    ticks = [m for m in months if (m.month - 1) % step == 0]
    shown_year = set()

    def label(value, _):
        month = pd.Timestamp(mdates.num2date(value)).tz_localize(None)
        first = month.year not in shown_year and (month == ticks[0] or month.month <= step)
        shown_year.add(month.year)
        return f"{tx.month_short(month)}\n{tx.year(month)}" if first else tx.month_short(month)
    ax.xaxis.set_major_locator(FixedLocator(mdates.date2num(ticks)))
    ax.xaxis.set_major_formatter(FuncFormatter(label))


def _number_axis(ax: matplotlib.axes.Axes, tx: Text, top: float, count=None) -> None:
    """A value axis from zero to the first round value at or above `top`, its gridline closing the plot."""
    ticks = MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]).tick_values(0, top)
    ax.set_ylim(0, ticks[ticks >= top][0])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: (count or tx.num)(v)))


def _label(ax: matplotlib.axes.Axes, x, y, text: str, colour: str, gid: str, ha: str = "left", va: str = "center",
           size: float = 8.5, weight: str = "normal", offset: tuple[float, float] = (0, 0)) -> None:
    """A direct label on the data, nudged by `offset` points; Arabic lines of it aligned on the right.
    A white ground a hair wider than the text keeps gridlines from running through it."""
    ax.annotate(_drawn(text), (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va, fontsize=size,
                color=colour, fontweight=weight, gid=gid, annotation_clip=False,
                multialignment="right" if _strong(text) == "rtl" else ha if ha != "center" else "center",
                bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"})


def _events(frame: _Frame, events: pd.DataFrame) -> None:
    """Numbered marks in a lane above the plot (events too close to tell apart share one mark,
    numbered first to last), and the numbered events listed below the plot."""
    ax, tx, layout = frame.ax, frame.tx, frame.layout
    events = events.sort_values("date").reset_index(drop=True)
    numbers = [tx.num(i) for i in range(1, len(events) + 1)]
    low, high = ax.get_xlim()
    inches = frame.plot_width_in / (high - low)
    groups: list[list[int]] = []
    for i, date in enumerate(events["date"]):
        x = mdates.date2num(date)
        if groups and (x - mdates.date2num(events.at[groups[-1][-1], "date"])) * inches < 0.3:
            groups[-1].append(i)
        else:
            groups.append([i])
    lane = transforms.blended_transform_factory(ax.transData, ax.transAxes)
    tick = 0.07 / frame.plot_in
    for group in groups:
        dates = list(events.loc[group, "date"])
        for date in dates:
            ax.add_line(Line2D([date, date], [1, 1 + tick], transform=lane, color=MUTED, lw=0.8, clip_on=False,
                               gid="event-tick"))
        if len(dates) > 1:
            ax.add_line(Line2D([dates[0], dates[-1]], [1 + tick] * 2, transform=lane, color=MUTED, lw=0.8,
                               clip_on=False, gid="event-tick"))
        first, last = numbers[group[0]], numbers[group[-1]]
        ax.text(dates[0] + (dates[-1] - dates[0]) / 2, 1 + (frame.lane_in / 2 + 0.04) / frame.plot_in,
                first if len(group) == 1 else tx("chart_event_range", first=first, last=last), transform=lane,
                ha="center", va="center", fontsize=layout.small - 1, color=INK, gid="event-number", clip_on=False,
                bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": MUTED, "lw": 0.7})
    lines = [tx("chart_event_key", number=numbers[i], event=tx.field(event, "label"),
                date=_kept(tx.date(event["date"])))
             for i, event in events.iterrows()]
    rows = -(-len(lines) // layout.event_columns)  # read down the first column, then the next
    ordered = [lines[c * rows + r] for r in range(rows) for c in range(layout.event_columns) if c * rows + r < len(lines)]
    frame.key([(None, line) for line in ordered], gid="event-key", columns=layout.event_columns)


def _source_line(sources: pd.DataFrame, tx: Text, figure: pd.Series) -> str:
    """The figure's source as a source line names it: publisher (in the chart's language) and date,
    from sources.csv."""
    source = source_of(figure, sources)
    return tx("source_with_date", publisher=tx.field(source, "publisher"), date=_kept(tx.date(source["published"])))


def _said(tx: Text, key: str, **params) -> str:
    """A sentence from strings.csv; in Arabic, من before a placeholder's ما is joined as one word,
    as it is written: "تراجعت مما يصل إلى 50", never "من ما يصل"."""
    sentence = tx(key, **params)
    return re.sub(r"(?<!\S)من ما(?=\s)", "مما", sentence) if tx.rtl else sentence


def _align(tx: Text) -> str:
    return "right" if tx.rtl else "left"


# ----- notebook 01: the report's figures as it tells them -----
@_styled
def article_decline(start: pd.Series, end: pd.Series, events: pd.DataFrame, sources: pd.DataFrame, tx: Text, *,
                    layout: Layout = WIDE) -> Chart:
    """The report's own comparison, its start-of-campaign day against its last day, with `events` numbered."""
    fall = analysis.fall(start, end)
    direction = "" if fall["percent"] > 0 else "_rise" if fall["percent"] < 0 else "_same"
    title = _said(tx, "title_article_decline" + direction, start=tx.qualified_number(start["value"], start["qualifier"]),
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
    chart.alt = _said(tx, "alt_article_decline", start=tx.quantity(start["value"], start["unit"], start["qualifier"]),
                      end=tx.quantity(end["value"], end["unit"], end["qualifier"]), date=tx.date(end["date"]),
                      percent=tx.percent(fall["percent"]))
    return chart


def _squares(frame: _Frame, count: float, columns: int, colours: list[str], gid: str,
             above_in: float = 0.0) -> matplotlib.axes.Axes:
    """A unit chart: `count` squares in rows of `columns`, the last one partial if needed, filling
    from the left (from the right in Arabic), with `above_in` inches free above the first row."""
    cell_in = min(0.4, frame.layout.inner_in / columns)
    rows = int(np.ceil(count / columns))
    ax = frame.plot(rows * cell_in + above_in, box=True)
    whole = int(count)
    for i in range(int(np.ceil(count))):
        row, column = divmod(i, columns)
        width = 0.86 if i < whole else 0.86 * (count - whole)
        # add_artist, not add_patch: the limits are set below, and add_patch would work them out square by square
        ax.add_artist(Rectangle((column, -row), width, 0.86, color=colours[min(i, len(colours) - 1)], gid=gid))
    ax.set_xlim(-0.02, columns)
    ax.set_ylim(-rows + 0.86, 0.86 + above_in / cell_in)
    ax.set_aspect("equal")
    ax.set_anchor("E" if frame.tx.rtl else "W")
    ax.axis("off")
    if frame.tx.rtl:
        ax.invert_xaxis()
    return ax


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
    chart.alt = tx("alt_people", people=tx.quantity(value, figure["unit"]), squares=tx.counted(squares, "study squares", tx.num(squares, 0 if squares == int(squares) else 1)),
                   per_square=tx.quantity(per_square, figure["unit"]))
    return chart


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
    chart.alt = tx("alt_coalition", members=claim, names=tx.listing(names))
    return chart


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
    chart.alt = tx("alt_cadence", before=tx.num(before["value"]), after=tx.num(after["value"]))
    return chart


# ----- notebook 02: against the record -----
def _step_xy(steps: pd.DataFrame) -> tuple[list, list]:
    """Each step as a flat segment from its first day to the end of its last."""
    starts, ends = steps["start"].tolist(), (steps["end"] + analysis.DAY).tolist()
    levels = steps["per_day"].tolist()
    return [day for pair in zip(starts, ends) for day in pair], [level for level in levels for _ in (0, 1)]


def _lower_bound(days: pd.DataFrame) -> pd.Series:
    """Days whose count is a lower bound ("at least 41") or worked out from other figures: drawn hollow."""
    return (days["derived"] == "yes") | days["qualifier"].isin(LOWER_BOUNDS)


def _lighter(colour: str, share: float = 0.45) -> tuple[float, float, float]:
    """`colour` mixed with white, `share` of the way."""
    return tuple(c + (1 - c) * share for c in matplotlib.colors.to_rgb(colour))


def _years(tx: Text, start: pd.Timestamp, end: pd.Timestamp) -> str:
    return tx.year(start) if start.year == end.year else tx("span", start=tx.year(start), end=tx.year(end))


@_styled
def record_decline(steps: pd.DataFrame, monthly: pd.DataFrame, days: pd.DataFrame, totals: pd.DataFrame,
                   start: pd.Series, end: pd.Series, events: pd.DataFrame, sources: pd.DataFrame, tx: Text, *,
                   layout: Layout = WIDE) -> Chart:
    """The lead chart: strikes a day over the whole campaign, from the official record.

    `steps` (rates between totals), `monthly` (month counts) and `days` (single days) are drawn;
    `totals` are the cumulative totals behind the steps, so that those left out can be counted;
    `start` and `end` are the report's two figures, drawn in red; `events` are numbered.
    """
    peak = analysis.peak(steps)
    start_rate = analysis.start_rate(monthly, start)
    claim_end = analysis.claim_window(start)[1]
    title = tx("title_record_decline" if peak["start"] > claim_end else "chart_title_record_decline_start",
               years=_years(tx, peak["start"], peak["end"]))
    frame = _Frame("02-record-decline", tx, layout, title, tx("subtitle_record_decline"))
    labelled = (peak["series"], start_rate["series"] if start_rate is not None else None)
    secondary = sorted((set(steps["series"]) | set(monthly["series"])) - set(labelled),
                       key=lambda s: (list(SERIES_COLOURS).index(s) if s in SERIES_COLOURS else len(SERIES_COLOURS), s))
    key = []
    for series in secondary:
        colour = SERIES_COLOURS.get(series, MUTED)
        short = series in set(monthly["series"])
        key.append((_line_mark(colour, lw=3 if short else 1.6), tx(f"series_{series}")))
    lower = _lower_bound(days)
    if (~lower).any():
        key.append((_dot_mark(marker="o", color=INK, ms=4), tx("legend_days")))
    if lower.any():
        key.append((_dot_mark(marker="o", mfc="white", mec=INK, ms=4.5), tx("legend_days_lower")))
    # A series' first step runs from the campaign's start to its first total: an average over
    # months or years, not the rate at the start. It is drawn dashed and light, and the key says so.
    if (steps["from_id"] == "").any():
        key.append((_line_mark(MUTED, lw=1.2, ls=SINCE_START), tx("legend_since_start")))
    frame.key(key)
    ax = frame.plot(3.4 if layout is WIDE else 3.2, tx("axis_strikes_per_day"), lane_in=0.3)
    for series, rows in steps.groupby("series", sort=True):
        main = series == peak["series"]
        colour = SERIES_COLOURS.get(series, MUTED)
        first = rows["from_id"] == ""
        if first.any():
            x, y = _step_xy(rows[first])
            ax.plot(x, y, color=_lighter(colour), lw=1.4 if main else 1.1, ls=SINCE_START,
                    gid=f"steps-{series}-since-start", zorder=2)
        if (~first).any():
            x, y = _step_xy(rows[~first])
            ax.plot(x, y, color=colour, lw=2.2 if main else 1.3, gid=f"steps-{series}", zorder=3 if main else 2)
    for series, rows in monthly.groupby("series", sort=True):
        for row in rows.itertuples():
            ax.hlines(row.per_day, row.period_start, row.as_of + analysis.DAY, color=SERIES_COLOURS.get(series, MUTED),
                      lw=3, gid=f"period-{series}", zorder=3)
    ax.plot(days.loc[~lower, "as_of"], days.loc[~lower, "value"], "o", color=INK, ms=3.5, gid="day-exact", zorder=4)
    ax.plot(days.loc[lower, "as_of"], days.loc[lower, "value"], "o", mfc="white", mec=INK, ms=4.5, gid="day-lower",
            zorder=4)
    ax.hlines(start["value"], start["period_start"], start["date"], color=ARTICLE, lw=4.5, gid="article-start",
              zorder=6)
    ax.plot([end["date"]], [end["value"]], "D", color=ARTICLE, ms=7, mec="white", mew=1.2, gid="article-end",
            zorder=7, clip_on=False)
    top = max(days["value"].max() if len(days) else 0, steps["per_day"].max(), start["value"]) * 1.25
    _number_axis(ax, tx, top)
    first = min(steps["start"].min(), start["period_start"]) - pd.Timedelta(days=45)
    last = max(steps["end"].max(), events["date"].max()) + pd.Timedelta(days=45)
    _date_axis(ax, tx, layout, first, last)
    size = layout.small
    low, high = ax.get_xlim()
    per_day = frame.plot_width_in / (high - low)  # inches
    # Direct labels, each saying which series its number comes from, in the space each has free:
    # the report's and the first months' between the start and the peak, the peak's after it.
    before_peak = (mdates.date2num(peak["start"]) - mdates.date2num(start["period_start"])) * per_day - 0.15
    after_peak = (high - mdates.date2num(peak["end"])) * per_day - 0.2
    report = frame.wrap(tx("chart_label_report_start",
                           amount=tx.quantity(start["value"], start["unit"], start["qualifier"])), before_peak, size)
    _label(ax, start["period_start"], start["value"], report, ARTICLE, "label-report", va="bottom", offset=(0, 5),
           size=size)
    if start_rate is not None:  # named with its months, and "at least" when a month's count is a lower bound
        first_month = start_rate["first"].to_period("M").to_timestamp()
        months = _kept_span(tx, first_month, start_rate["last"])
        wording = "chart_label_start_rate_lower" if start_rate["lower_bound"] else "chart_label_start_rate"
        average = bounded(start_rate["average"], tx.rate_decimals(start_rate["average"]),
                          "at least" if start_rate["lower_bound"] else "exact")
        counts = frame.wrap(tx(wording, series=tx(f"series_{start_rate['series']}"),
                               amount=tx.counted_rate(average, "strikes per day"), span=months),
                            before_peak, size)
        _label(ax, start["period_start"], start["value"], counts, SERIES_COLOURS.get(start_rate["series"], MUTED),
               "label-start-rate", va="top", offset=(0, -8), size=size)
    peak_label = frame.wrap(tx("chart_label_peak", series=tx(f"series_{peak['series']}"),
                               amount=tx.series_rate(peak["per_day"], peak["series"]),
                               span=_kept_span(tx, peak["start"], peak["end"])), after_peak, size)
    _label(ax, peak["end"] + analysis.DAY, peak["per_day"], peak_label, SERIES_COLOURS.get(peak["series"], MUTED),
           "label-peak", va="bottom", offset=(6, 4), size=size)
    claim = frame.wrap(tx("label_claim_day", amount=_kept(tx.quantity(end["value"], end["unit"], end["qualifier"])),
                          date=_kept(tx.date(end["date"]))), min(2.2, before_peak), size)
    _label(ax, end["date"], end["value"], claim, ARTICLE, "label-claim-day", ha="right", va="bottom",
           offset=(-9, -2), size=size)
    _events(frame, events)
    left_out, undrawn = analysis.set_aside(totals), analysis.undrawn_totals(totals, steps)
    notes = [tx("left_out", count=tx.num(len(left_out)), undrawn=tx.num(len(undrawn)))] \
        if len(left_out) or undrawn else []
    chart = frame.finish(tx("source_record", article=_source_line(sources, tx, end)), notes)
    said = {"peak": tx.rate(peak["per_day"]), "peak_span": tx.span(peak["start"], peak["end"]),
            "last": tx.rate(steps.sort_values("end")["per_day"].iloc[-1]),
            "claim": tx.quantity(start["value"], start["unit"], start["qualifier"])}
    if start_rate is None:
        chart.alt = tx("chart_alt_record_decline_no_start", **said)
    else:
        bound = "at least" if start_rate["lower_bound"] else "about"
        average = bounded(start_rate["average"], tx.rate_decimals(start_rate["average"]), bound)
        chart.alt = tx("alt_record_decline", start=tx.qualified_number(average, bound),
                       start_span=tx.span(first_month, start_rate["last"]), **said)
    return chart


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
            ax.bar(rows["month"] + pd.Timedelta(days=15), rows["value"], width=pd.Timedelta(days=24), lw=0.6,
                   gid=f"month-{state}", **styles[state])
    # Another source's figure for a month with its own: a mark on the bar, the figures in a note.
    for row in months[(months["alternative_values"].map(len) > 0) & (months["status"] != "average")].itertuples():
        mark = "*"
        # Above the month's bar and its neighbours', so that no bar runs through the mark.
        near = months.loc[(months["month"] - row.month).abs() <= pd.Timedelta(days=31), "value"].max()
        ax.annotate(mark, (row.month + pd.Timedelta(days=15), near), xytext=(0, 1), textcoords="offset points",
                    ha="center", va="bottom", fontsize=layout.text, color=INK, gid="alternative-mark")
        notes.append(tx("label_alternative", mark=mark, month=_kept(tx.month(row.month)),
                        values=tx.listing([tx.num(v) for v in row.alternative_values])))
    _number_axis(ax, tx, known["value"].max() * 1.15)
    _date_axis(ax, tx, layout, months["month"].min() - pd.Timedelta(days=20),
               months["month"].max() + pd.offsets.MonthBegin(1) + pd.Timedelta(days=20))
    chart = frame.finish(tx("source_weapons"), notes)
    chart.alt = tx("alt_weapons", high=tx.num(high["value"]), high_month=tx.month(high["month"]),
                   low=tx.num(round(last["value"])), low_month=tx.month(last["month"]), months=tx.counted(len(months), "study months"))
    return chart


COUNTRY_COLOURS = {"iraq": RECORD, "syria": "#e08214"}
OPEN_DAY = "#ececec"  # a day that nothing in the record bounds


@_styled
def start_days(days: pd.DataFrame, start: pd.Series, sources: pd.DataFrame, tx: Text, *,
               layout: Layout = WIDE) -> Chart:
    """The campaign's first weeks, day by day (`days` as `analysis.days_by_country` gives them): a bar
    for each count of a day, Iraq and Syria stacked apart; for a day no release counts, a grey range
    from the fewest to the most strikes the releases and running totals around it allow (an arrow
    where it runs past the chart); the report's claim as a red line across its period."""
    claim = start["value"]
    window = analysis.claim_window(start)
    period = days[(days["day"] >= window[0]) & (days["day"] <= window[1])]  # what the title states is of the claim's days
    counted = period[(period[["iraq_how", "syria_how"]] == "day").any(axis=1)]
    open_days = period[period["high"] >= claim]
    busiest = counted.loc[counted["low"].idxmax()] if len(counted) else None
    amount = tx.quantity(claim, start["unit"], start["qualifier"])
    if busiest is not None and busiest["low"] >= claim:
        title = tx("title_start_days_reached", day=_kept(tx.date(busiest["day"])),
                   busiest=tx.quantity(busiest["low"], "strikes"), claim=amount)
    elif open_days.empty:
        title = tx("title_start_days_bounded", claim=amount)
    else:
        title = tx("title_start_days_below", busiest=tx.quantity(busiest["low"], "strikes") if busiest is not None
                   else tx.quantity(0, "strikes"), claim=amount)
    frame = _Frame("02-start-days", tx, layout, title, tx("subtitle_start_days"))
    key = [(_box_mark(facecolor=COUNTRY_COLOURS[c], edgecolor="none"), tx(f"legend_day_{c}")) for c in ("iraq", "syria")]
    key += [(_line_mark(MUTED, lw=1.4), tx("legend_day_range"))]
    if (days["high"] >= claim).any():
        key.append((_box_mark(facecolor=OPEN_DAY, edgecolor="none"), tx("legend_day_open", claim=amount)))
    key += [
            (_line_mark(ARTICLE, lw=2.5), tx("chart_label_report_start", amount=amount))]
    frame.key(key)
    ax = frame.plot(2.8 if layout is WIDE else 2.4, tx("axis_strikes_per_day"))
    _number_axis(ax, tx, max(claim, days.loc[days["high"] < claim, "high"].max(), days["low"].max()) * 1.1)
    width = pd.Timedelta(hours=16)
    middle = days["day"] + pd.Timedelta(hours=12)
    iraq = days["iraq_low"].where(days["iraq_how"].isin(["day", "none-yet"]), 0.0)
    syria = days["syria_low"].where(days["syria_how"].isin(["day", "none-yet"]), 0.0)
    ax.bar(middle, iraq, width=width, color=COUNTRY_COLOURS["iraq"], lw=0, gid="day-iraq", zorder=3)
    ax.bar(middle, syria, width=width, bottom=iraq, color=COUNTRY_COLOURS["syria"], lw=0, gid="day-syria", zorder=3)
    # A day the record keeps below the claim shows how far it could have gone; a day it does not
    # (no count, no bound, or a bound at or above the claim) is shaded whole: the claim cannot be ruled out there.
    bounded = ~days["exact"] & (days["high"] < claim)
    base = (iraq + syria)[bounded]
    ax.vlines(middle[bounded], base, days.loc[bounded, "high"], color=MUTED, lw=1.4, gid="day-range", zorder=2)
    ax.plot(middle[bounded], days.loc[bounded, "high"], "_", color=MUTED, ms=6, mew=1.4, gid="day-range-top", zorder=2)
    for day in days.loc[days["high"] >= claim, "day"]:
        ax.axvspan(day, day + analysis.DAY, color=OPEN_DAY, lw=0, zorder=0, gid="day-open")
    ax.hlines(claim, window[0], window[1] + analysis.DAY, color=ARTICLE, lw=2.5, gid="article-start", zorder=5)
    _date_axis(ax, tx, layout, days["day"].min() - analysis.DAY, days["day"].max() + 2 * analysis.DAY, monthly=True)
    chart = frame.finish(tx("source_start_days", article=_source_line(sources, tx, start)), [tx("note_start_days")])
    chart.alt = tx("alt_start_days", window=tx.span(*window),
                   counted=tx.num(len(counted)), busiest=tx.num(busiest["low"]) if busiest is not None else tx.num(0),
                   open=tx.num(len(open_days)), claim=amount)
    return chart


def _level_styles(rows: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """The colour and marker of each series of a state over time, in the order of its first confident
    row: a single series is the record's; several are each drawn in their own."""
    series = list(dict.fromkeys(analysis.relied_on(rows).sort_values(["as_of", "id"])["series"]))
    if len(series) <= 1:
        return {name: (RECORD, "o") for name in series}
    return {name: (SERIES_COLOURS.get(name, MUTED), SERIES_MARKERS.get(name, "o")) for name in series}


def _levels(ax: matplotlib.axes.Axes, rows: pd.DataFrame, gid: str) -> None:
    """A state over time: each series' confident rows joined by a line of its own (series are never
    joined to one another), low-confidence rows hollow and apart."""
    sure, weak = analysis.relied_on(rows), analysis.set_aside(rows)
    styles = _level_styles(rows)
    for series, (colour, marker) in styles.items():
        own = sure[sure["series"] == series]
        ax.plot(own["as_of"], own["value"], "-", marker=marker, color=colour, ms=5, lw=2,
                gid=gid if len(styles) == 1 else f"{gid}-{series}", zorder=3)
    if len(weak):
        ax.plot(weak["as_of"], weak["value"], "o", mfc="white", mec=MUTED, ms=6, ls="none", gid=f"{gid}-low",
                zorder=3)


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
    if len(analysis.set_aside(rows)):
        key.append((_dot_mark(marker="o", mfc="white", mec=MUTED, ms=6), tx("legend_low_confidence")))
    return key


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
    chart.alt = tx("alt_membership", claim=claim, then_year=tx.year(then_date), now=tx.num(now["value"]),
                   now_date=tx.date(now["as_of"]))
    return chart


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
    chart.alt = tx("alt_people_record", claim=tx.count(figure["value"]), observed=tx.count(observed["value"]),
                   observed_date=tx.date(observed["as_of"]))
    return chart
