"""The layout engine of the study's charts: the Chart figure, text measured and wrapped, keys,
axes, frames laid out from the top down, marks, and the style every chart is drawn in."""
from __future__ import annotations

import base64
import csv
import functools
import io
import matplotlib.dates as mdates
import matplotlib.text
import numpy as np
import os
import pandas as pd
import re
import unicodedata
from PIL import Image
from dataclasses import dataclass
from matplotlib import transforms
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator
from pathlib import Path
from ..data import source_of
from ..paths import FIGURES_ENV
from ..text import Text

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
NUMBERS_MIME = "application/vnd.study.numbers+json"  # the numbers a chart draws, beside it in a notebook output
# The columns of every chart's numbers, as its CSV names them: what the mark is, the day or period it
# stands for (ISO dates; a single day has no start), its value and its precision (blank: exact), unit,
# series and publisher.
NUMBER_COLUMNS = ("mark", "start", "end", "value", "qualifier", "unit", "series", "publisher")


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
        self.numbers = pd.DataFrame(columns=NUMBER_COLUMNS)
        self._numbers_shown: dict = {}
        self._draw_narrow = None

    def set_numbers(self, rows: list[dict], tx: Text) -> None:
        """What the chart draws, one row a mark (`number_row`): kept as `numbers` (the CSV's columns,
        ISO dates, plain values) and as the table a reader sees under the chart, in the chart's language."""
        self.numbers = pd.DataFrame(rows, columns=NUMBER_COLUMNS)
        shown = []
        for row in rows:
            start, end = pd.Timestamp(row["start"]) if row["start"] else None, pd.Timestamp(row["end"]) if row["end"] else None
            when = "" if end is None else tx.date(end) if start is None or start == end else tx.span(start, end)
            value = "—" if row["value"] == "" else tx.qualified_number(float(row["value"]), row["qualifier"] or "exact") \
                if float(row["value"]).is_integer() else tx.rate(float(row["value"]))
            shown.append([row["mark"], when, value, row["unit"], row["series"], row["publisher"]])
        self._numbers_shown = {
            "summary": tx("numbers_summary"), "download": tx("numbers_download"),
            "columns": [tx(f"numbers_col_{c}") for c in ("mark", "when", "value", "unit", "series", "publisher")],
            "rows": shown, "filename": f"{self.name}{'' if tx.lang == 'en' else '.' + tx.lang}.csv",
            "csv": base64.b64encode(self.numbers_csv()).decode("ascii")}

    def numbers_csv(self) -> bytes:
        """The chart's numbers as CSV: UTF-8 with a byte-order mark, so that spreadsheets read Arabic right;
        whole numbers written whole."""
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(NUMBER_COLUMNS)
        writer.writerows(self.numbers[list(NUMBER_COLUMNS)].itertuples(index=False))
        return "\ufeff".encode() + text.getvalue().encode("utf-8")

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
        rgba, buffer = pixels.getbuffer(), io.BytesIO()
        palette_image(rgba, (width, rgba.nbytes // 4 // width)).save(
            buffer, format="PNG", compress_level=4)  # 3% larger than 6 (the default), a third faster
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
        if self._numbers_shown:
            data[NUMBERS_MIME] = self._numbers_shown
        return data, metadata


def palette_image(rgba, size: tuple[int, int], ground: int = 0xFFFFFFFF) -> Image.Image:
    """An opaque RGBA picture (a chart: flat colours and the blends at their edges) as at most
    PNG_COLOURS colours, each pixel at the palette colour nearest its own.

    Each distinct colour is counted, the white ground set apart (it is most of a chart). A picture
    with no more colours than a palette holds keeps every one exactly. Otherwise Pillow's maximum
    coverage quantiser chooses the palette from the counts alone (each colour a 64th as often as
    it occurs, and at least once): on every chart of the study, as close as quantising all the
    pixels, in less than half the time (benchmarks/README.md).
    """
    pixels = np.frombuffer(rgba, dtype=np.uint32)  # one RGBA pixel a number
    shown = pixels != np.uint32(ground)
    others = pixels[shown]
    values, counts = np.unique(others, return_counts=True)
    grounds = len(pixels) - len(others)
    if grounds:  # the ground's colour first, where there is a ground
        values, counts = np.concatenate([[ground], values]).astype(np.uint32), np.concatenate([[grounds], counts])
    colours = values.view(np.uint8).reshape(-1, 4)[:, :3]
    if len(values) <= PNG_COLOURS:
        palette, slot = colours, np.arange(len(values), dtype=np.uint8)
    else:
        sample = np.repeat(colours, np.maximum(counts // 64, 1), axis=0)
        chosen = Image.frombytes("RGB", (len(sample), 1), sample.tobytes()).quantize(
            PNG_COLOURS, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
        palette = np.frombuffer(bytes(chosen.getpalette()), dtype=np.uint8).reshape(-1, 3)[:PNG_COLOURS]
        slot = np.concatenate([_nearest(colours[start:start + 4096], palette)  # in blocks: a picture of many
                               for start in range(0, len(colours), 4096)])  # colours stays within memory
    index = np.full(len(pixels), slot[0], dtype=np.uint8)
    offset = 1 if grounds else 0
    index[shown] = slot[offset:][np.searchsorted(values[offset:], others)]
    image = Image.frombuffer("P", size, index, "raw", "P", 0, 1)
    image.putpalette(palette.tobytes())
    return image


def _nearest(colours: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """The position in `palette` of the colour nearest each of `colours` (RGB rows)."""
    distance = ((colours[:, None, :].astype(np.int32) - palette[None, :, :].astype(np.int32)) ** 2).sum(axis=2)
    return distance.argmin(axis=1).astype(np.uint8)


def number_row(mark: str, start, end, value, unit: str, series: str, publisher: str, qualifier: str = "exact") -> dict:
    """One mark of a chart, as its numbers table holds it: dates as ISO days (`start` blank for a single
    day or a state at a date), a value rounded to what can be drawn (blank for a mark with no value)."""
    def day(when) -> str:
        return "" if when is None or pd.isna(when) else pd.Timestamp(when).strftime("%Y-%m-%d")
    if value is None or (isinstance(value, float) and np.isnan(value)):
        value = ""
    else:
        value = float(value)
        value = int(value) if value.is_integer() else round(value, 2)
    return {"mark": mark, "start": day(start), "end": day(end), "value": value,
            "qualifier": "" if qualifier == "exact" or value == "" else qualifier, "unit": unit, "series": series,
            "publisher": publisher}


def report_row(figure: pd.Series, sources: pd.DataFrame, tx: Text, period: bool = True) -> dict:
    """One of the report's figures as a chart's numbers table holds it, with its source's publisher;
    `period` False for a chart that draws the figure at its date alone (squares counting a state)."""
    return number_row(tx.field(figure, "label"), figure["period_start"] if period else None, figure["date"],
                      figure["value"],
                      unit_label(tx, figure["unit"]), tx("numbers_series_report"),
                      tx.field(source_of(figure, sources), "publisher"), figure["qualifier"])


def unit_label(tx: Text, unit: str) -> str:
    """A unit as a table's column names it (its plural label, or its label for many in Arabic)."""
    labels = tx.labels(unit)
    return labels["label_en"] if tx.lang == "en" else labels["label_ar"]


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


def _bars(ax: matplotlib.axes.Axes, middles: pd.Series, heights, width: pd.Timedelta, bottoms=0.0, **style) -> None:
    """Bars on a date axis, each centred on its day or month, drawn as `ax.bar` draws them. Added
    with add_artist, not through `ax.bar`: every chart sets its axes' limits itself, and working
    them out bar by bar took a third of the time to build the charts of many bars."""
    days = width / pd.Timedelta(days=1)
    lefts = mdates.date2num(middles) - days / 2
    for left, height, bottom in zip(lefts, np.asarray(heights, dtype=float), np.broadcast_to(bottoms, len(lefts))):
        ax.add_artist(Rectangle((left, bottom), days, height, **style))


def _lighter(colour: str, share: float = 0.45) -> tuple[float, float, float]:
    """`colour` mixed with white, `share` of the way."""
    return tuple(c + (1 - c) * share for c in matplotlib.colors.to_rgb(colour))
