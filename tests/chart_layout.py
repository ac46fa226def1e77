"""Is a chart's text laid out as a reader needs it?

`layout_problems(chart)` draws the chart and lists, in words:
- a text not wholly inside the figure;
- two texts that overlap;
- a text crossed by a line or mark of the chart (its data, or a line drawn to point at
  something, which the study gives a gid starting "leader", and the event ticks);
- a line of text mixing Latin and Arabic that is not laid out in the direction of the chart's
  language (matplotlib gives each line the direction of its first letter, so an English line
  that starts with an Arabic word is laid out right to left).

Texts are those matplotlib actually draws (tick labels outside the view are not drawn).
"""
from __future__ import annotations

import re
import weakref
from unittest import mock

import matplotlib.text
from matplotlib.collections import LineCollection
from matplotlib.font_manager import findfont, get_font
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextToPath

from arabic_glyphs import shaped_ids

TOUCH = 1.0  # pixels two boxes may share before they count as overlapping
MARKED = ("steps-", "period-", "day-", "article-", "members", "people", "leader", "event-tick", "month",
          "member-square", "person-square", "report-day", "quiet-day", "published")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ARABIC_WORD = re.compile(r"[\u0621-\u064A\u066E-\u06D3]{2,}")


_RECORDED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # a figure → the texts its last draw drew
_WATCHED: "weakref.WeakSet" = weakref.WeakSet()  # figures whose every draw forgets their recording


def drawn_texts(figure) -> list[tuple[matplotlib.text.Text, object]]:
    """Every text matplotlib draws for the figure, with its box in pixels. A figure neither changed
    (matplotlib marks a changed figure stale) nor drawn again since it was recorded is not drawn
    again: the charts the tests share are read by several of them."""
    if figure in _RECORDED and not figure.stale:
        return list(_RECORDED[figure])
    if figure not in _WATCHED:
        figure.canvas.mpl_connect("draw_event", lambda event: _RECORDED.pop(event.canvas.figure, None))
        _WATCHED.add(figure)
    drawn = []
    draw = matplotlib.text.Text.draw

    def recording(text, renderer):
        draw(text, renderer)
        if text.get_visible() and text.get_text().strip():
            drawn.append((text, text.get_window_extent(renderer)))

    with mock.patch.object(matplotlib.text.Text, "draw", recording):
        figure.canvas.draw()
    _RECORDED[figure] = drawn
    return list(drawn)


def _name(text) -> str:
    return f"{text.get_gid() or 'text'} {text.get_text()[:40]!r}"


def _shrunk(box):
    return box.x0 + TOUCH, box.y0 + TOUCH, box.x1 - TOUCH, box.y1 - TOUCH


def _overlap(a, b) -> bool:
    ax0, ay0, ax1, ay1 = _shrunk(a)
    bx0, by0, bx1, by1 = _shrunk(b)
    return ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1


def _marks(figure):
    """The lines, markers and shapes a text must keep clear of, as (name, display path, marker radius)."""
    for artist in figure.findobj(lambda a: isinstance(a, (Line2D, LineCollection, Rectangle))):
        gid = artist.get_gid() or ""
        if not gid.startswith(MARKED) or not artist.get_visible():
            continue
        if isinstance(artist, LineCollection):
            for path in artist.get_paths():
                yield gid, artist.get_transform().transform_path(path), 0.0
        elif isinstance(artist, Line2D):
            path = artist.get_transform().transform_path(artist.get_path())
            has_line = artist.get_linestyle() not in ("None", "none", "", " ") and artist.get_linewidth() > 0
            if has_line:
                yield gid, path, 0.0
            if artist.get_marker() not in (None, "None", "none", "", " "):
                radius = artist.get_markersize() * figure.dpi / 72 / 2
                for vertex in path.vertices:
                    yield gid, None, (vertex, radius)
        else:
            yield gid, artist.get_transform().transform_path(artist.get_path()), 0.0


def _crosses(box, path, marker) -> bool:
    x0, y0, x1, y1 = _shrunk(box)
    if marker:
        (x, y), radius = marker
        return x0 - radius < x < x1 + radius and y0 - radius < y < y1 + radius
    from matplotlib.transforms import Bbox
    return path.intersects_bbox(Bbox([[x0, y0], [x1, y1]]), filled=False)


def _word_positions(line: str, path: str) -> list[tuple[str, str, float | None]]:
    """Each Latin or Arabic word of a line in logical order, with its script and where it is drawn
    (the x of its first glyph), None if it is drawn more than once or not found."""
    glyphs, _, _ = TextToPath().get_glyphs_with_font(get_font(path), line)
    ids = [int(key.rsplit("-", 1)[1], 16) for key, *_ in glyphs]
    xs = [x for _, x, *_ in glyphs]
    words = sorted([(m.start(), m.group(), "latin") for m in LATIN_WORD.finditer(line)]
                   + [(m.start(), m.group(), "arabic") for m in ARABIC_WORD.finditer(line)])
    placed = []
    for _, word, script in words:
        wanted = shaped_ids(word, path)
        found = [i for i in range(len(ids) - len(wanted) + 1) if ids[i:i + len(wanted)] == wanted]
        placed.append((word, script, xs[found[0]] if len(found) == 1 else None))
    return placed


def direction_problems(text: str, path: str, rtl: bool) -> list[str]:
    """Lines of `text` mixing scripts whose runs are not drawn in the paragraph's direction."""
    problems = []
    for line in text.split("\n"):
        words = _word_positions(line, path)
        for (word, script, x), (later, later_script, later_x) in zip(words, words[1:]):
            if script == later_script or x is None or later_x is None:
                continue
            if (later_x < x) != rtl:
                problems.append(f"{line!r}: {later!r} is drawn {'left' if later_x < x else 'right'} of {word!r}, "
                                f"against the {'right-to-left' if rtl else 'left-to-right'} direction")
    return problems


def layout_problems(chart) -> list[str]:
    texts = drawn_texts(chart)
    width, height = chart.canvas.get_width_height()
    problems = []
    for text, box in texts:
        if box.x0 < -TOUCH or box.y0 < -TOUCH or box.x1 > width + TOUCH or box.y1 > height + TOUCH:
            problems.append(f"{_name(text)} reaches outside the figure")
    for i, (text, box) in enumerate(texts):
        for other, other_box in texts[i + 1:]:
            if _overlap(box, other_box):
                problems.append(f"{_name(text)} overlaps {_name(other)}")
    marks = list(_marks(chart))
    for text, box in texts:
        for gid, path, marker in marks:
            if _crosses(box, path, marker):
                problems.append(f"{_name(text)} is crossed by {gid}")
                break
    rtl = chart.lang == "ar"
    for text, _ in texts:
        content = text.get_text()
        if LATIN_WORD.search(content) and ARABIC_WORD.search(content):
            problems += direction_problems(content, findfont(text.get_fontproperties()), rtl)
    return problems
