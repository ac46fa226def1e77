"""Does Arabic come out of a matplotlib figure joined, right to left and with real glyphs?

Widths cannot tell (a reversed string is as wide as the right one). Instead, for each text
element: (1) it holds no presentation forms or bidi controls (signs of pre-processing);
(2) every Arabic word of the expected logical text, shaped by HarfBuzz in the same font,
appears as a run of the glyph ids matplotlib draws, in visual order; (3) no glyph is the
missing-glyph box (id 0).
"""
from __future__ import annotations

import re
from functools import lru_cache

import matplotlib.text
import uharfbuzz as hb
from matplotlib.font_manager import findfont, get_font
from matplotlib.textpath import TextToPath

ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u064B-\u065F\u0670]+")
MARKS = re.compile(r"[\u064B-\u065F\u0670]")  # harakat: matplotlib may list them before or after their base
FORBIDDEN = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]")


@lru_cache(maxsize=None)
def _harfbuzz_font(path: str) -> hb.Font:
    return hb.Font(hb.Face(hb.Blob.from_file_path(path)))


def shaped_ids(text: str, path: str) -> list[int]:
    """HarfBuzz's glyph ids for a logical string, in visual (left-to-right) order."""
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(_harfbuzz_font(path), buffer, {})
    return [info.codepoint for info in buffer.glyph_infos]


def drawn_glyphs(text: str, path: str) -> list[tuple[str, int]]:
    """The (font, glyph id) pairs matplotlib draws for a string, in visual order."""
    glyphs, _, _ = TextToPath().get_glyphs_with_font(get_font(path), text)
    pairs = [key.rsplit("-", 1) for key, *_ in glyphs]
    return [(font, int(glyph, 16)) for font, glyph in pairs]


def _contains(haystack: list[int], needle: list[int]) -> bool:
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


def text_problems(drawn: str, expected: str, path: str) -> list[str]:
    """What is wrong when `drawn` is given to matplotlib to show the logical string `expected`."""
    problems = []
    if FORBIDDEN.search(drawn):
        problems.append(f"{drawn!r}: presentation forms or bidi controls (pre-processed text)")
    own_font = get_font(path).postscript_name
    for line_drawn, line_expected in zip(drawn.split("\n"), expected.split("\n")):
        glyphs = drawn_glyphs(line_drawn, path)
        if any(glyph == 0 or font != own_font for font, glyph in glyphs):
            problems.append(f"{line_drawn!r}: a missing glyph (a box, or a fallback font)")
        marks = {g for mark in set(MARKS.findall(line_expected)) for g in shaped_ids(mark, path)}
        ids = [glyph for _, glyph in glyphs if glyph not in marks]
        for word in ARABIC_WORD.findall(line_expected):
            if not _contains(ids, [g for g in shaped_ids(word, path) if g not in marks]):
                problems.append(f"{line_drawn!r}: {word!r} is not drawn joined and right to left")
    return problems


def _laid_out(figure) -> None:
    """Draw the figure, so that its tick labels are set; unchanged since its last draw, it is not drawn again."""
    if figure.stale:
        figure.canvas.draw()


def figure_problems(figure) -> list[str]:
    """Check every text element of a figure that holds Arabic, against its own logical string."""
    _laid_out(figure)
    problems = []
    for element in figure.findobj(matplotlib.text.Text):
        text = element.get_text()
        if ARABIC_WORD.search(text) or FORBIDDEN.search(text):
            path = findfont(element.get_fontproperties())
            problems += text_problems(text, text, path)
    return problems


def arabic_elements(figure) -> list[str]:
    _laid_out(figure)
    return [e.get_text() for e in figure.findobj(matplotlib.text.Text) if ARABIC_WORD.search(e.get_text())]
