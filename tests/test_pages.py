"""The rendered pages in a real browser, as readers open them on a phone and on a desktop.

pytest drives Chromium through Playwright's Python package, launching the distribution's own
`chromium` (`apt-get install chromium`), so no browser is downloaded. Every page is opened at
390 and 1280 pixels wide (and at 360 for sideways scrolling); screenshots of each are saved in
tests/screenshots/ (git-ignored) for people to look at. Without Chromium or Playwright the
tests are skipped with the reason, except under CI=true, where that is a failure.
"""
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from study.render import NOTEBOOKS

from conftest import ROOT

CHROMIUM = Path(os.environ.get("STUDY_CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PHONE, DESKTOP, SMALL_PHONE = 390, 1280, 360
SCREENSHOTS = Path(__file__).with_name("screenshots")
PAGES = [notebook.html for notebook in NOTEBOOKS]
EDITION_LIMIT = 2_000_000  # bytes: both pages of an edition, charts included

# What a page measures of itself once loaded.
MEASURE = """() => {
  const root = document.documentElement, body = document.body;
  const images = [...document.images].map(img => {
    const source = img.parentElement.tagName === 'PICTURE' ? img.parentElement.querySelector('source') : null;
    return {alt: img.alt, complete: img.complete, natural: img.naturalWidth, shown: img.clientWidth,
            drawnFor: img.getAttribute('width') === null ? null : Number(img.getAttribute('width')),
            narrow: source !== null && img.currentSrc === source.srcset, hasNarrow: source !== null};
  });
  const paragraphs = [...document.querySelectorAll('main > .jp-Cell .jp-RenderedMarkdown > p')]
    .filter(p => p.textContent.length > 250);
  const context = document.createElement('canvas').getContext('2d');
  const measures = paragraphs.map(p => {
    const style = getComputedStyle(p);
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return p.clientWidth / (context.measureText(p.textContent).width / p.textContent.length);
  });
  const main = document.querySelector('main'), box = main.getBoundingClientRect(), padding = getComputedStyle(main);
  const first = paragraphs[0].getBoundingClientRect();
  const footer = document.querySelector('footer.about');
  const reading = main.cloneNode(true);
  reading.querySelector('footer.about')?.remove();
  return {
    scrollWidth: Math.max(root.scrollWidth, body.scrollWidth), width: innerWidth,
    dir: root.getAttribute('dir'), lang: root.lang, direction: getComputedStyle(body).direction,
    cellDirections: [...document.querySelectorAll('td, p, li, h1, h2')].map(e => getComputedStyle(e).direction),
    firstParagraph: {left: first.left - box.left - parseFloat(padding.paddingLeft),
                     right: box.right - parseFloat(padding.paddingRight) - first.right},
    images, measures, footer: footer ? footer.innerText : '', reading: reading.innerText,
    cards: [...document.querySelectorAll('td[data-label]')].map(td => {
      const label = getComputedStyle(td, '::before'), cell = getComputedStyle(td);
      return {label: label.content, labelHeight: parseFloat(label.height),
              cellHeight: td.clientHeight - parseFloat(cell.paddingTop) - parseFloat(cell.paddingBottom)};
    }),
  };
}"""


@dataclass
class Visit:
    errors: list
    page: dict
    numbers: dict | None = None  # on a phone: every chart's numbers opened, and what the page then measures


def _playwright_or_skip():
    """Playwright's sync API, or a skip (a failure under CI=true) saying what is missing."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "Playwright's Python package is not installed (pip install -r requirements.txt)"
    if reason is None and not CHROMIUM.is_file():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set STUDY_CHROMIUM)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI: {reason}")
        pytest.skip(reason)
    return sync_playwright


@pytest.fixture(scope="module")
def visits():
    """Every page at every width, opened once in one browser: its console errors and its measurements."""
    sync_playwright = _playwright_or_skip()
    SCREENSHOTS.mkdir(exist_ok=True)
    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            for name in PAGES:
                for width in (PHONE, DESKTOP, SMALL_PHONE):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    errors = []
                    page.on("console", lambda message, errors=errors:
                            errors.append(message.text) if message.type == "error" else None)
                    page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                    page.on("requestfailed", lambda request, errors=errors: errors.append(f"failed: {request.url[:80]}"))
                    page.goto((ROOT / "reports" / name).as_uri(), wait_until="load")
                    found[name, width] = Visit(errors, page.evaluate(MEASURE))
                    if width != SMALL_PHONE:
                        # JPEG: a whole page encodes several times faster than as PNG, and reads as well.
                        page.screenshot(path=SCREENSHOTS / f"{Path(name).stem}-{width}.jpg", full_page=True,
                                        type="jpeg", quality=85)
                    if width == PHONE:  # after the screenshot, which shows the disclosures closed
                        found[name, width].numbers = page.evaluate(OPEN_NUMBERS)
                    page.close()
        finally:
            browser.close()
    return found


@pytest.mark.parametrize("width", [SMALL_PHONE, PHONE, DESKTOP])
@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways(visits, name, width):
    page = visits[name, width].page
    assert page["scrollWidth"] <= page["width"], f"{name} is {page['scrollWidth']} px wide at {width} px"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("name", PAGES)
def test_every_chart_loads_with_alt_text_and_reads_at_its_size(visits, name, width):
    """Each chart loads, has alt text, and is shown at (nearly) the size it was drawn for: on a phone
    its phone layout, so that its text reads at its size; a small chart drawn once for every width
    never stretched beyond it on a desktop."""
    images = visits[name, width].page["images"]
    assert images
    for image in images:
        assert image["complete"] and image["natural"] > 0, image
        assert image["alt"].strip(), image
        assert image["narrow"] == (width == PHONE and image["hasNarrow"])
        drawn_for = image["natural"] / 2  # PNGs are drawn at twice their display size
        if not image["narrow"]:  # the width the page gives it is the one it was drawn for
            assert image["drawnFor"] == drawn_for, image
        assert image["shown"] >= 0.95 * min(drawn_for, width - 28), (image["shown"], drawn_for)
        if not image["hasNarrow"]:
            assert drawn_for <= 400 and image["shown"] <= drawn_for, image
    assert sum(image["hasNarrow"] for image in images) >= 1  # each page has a chart with a phone layout


@pytest.mark.parametrize("width", [SMALL_PHONE, PHONE])
@pytest.mark.parametrize("name", PAGES)
def test_table_cards_make_room_for_their_labels(visits, name, width):
    """On a phone each table row is a card of labelled lines: a long label ("What would change the
    verdict") never runs into the next line's."""
    cards = visits[name, width].page["cards"]
    assert cards
    for card in cards:
        assert card["labelHeight"] <= card["cellHeight"] + 0.5, card


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("name", PAGES)
def test_no_console_errors(visits, name, width):
    assert visits[name, width].errors == []


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("name", PAGES)
def test_arabic_pages_read_right_to_left(visits, name, width):
    page = visits[name, width].page
    arabic = name.endswith(".ar.html")
    assert page["lang"] == ("ar" if arabic else "en")
    assert page["dir"] == ("rtl" if arabic else None)
    assert page["direction"] == ("rtl" if arabic else "ltr")
    assert set(page["cellDirections"]) == {page["direction"]}
    # Prose starts at the column's start edge: the right in Arabic.
    assert (page["firstParagraph"]["right"] if arabic else page["firstParagraph"]["left"]) < 2


@pytest.mark.parametrize("name", PAGES)
def test_prose_keeps_a_readable_measure_on_a_desktop(visits, name):
    measures = visits[name, DESKTOP].page["measures"]
    assert measures and all(60 <= m <= 80 for m in measures), measures


@pytest.mark.parametrize("name", PAGES)
def test_the_footer_says_which_data_the_page_was_built_from(visits, name):
    footer = visits[name, DESKTOP].page["footer"]
    assert re.search(r"\b[0-9a-f]{12}\b", footer) and "make report" in footer  # the fingerprint; how to rebuild


DEVELOPER_WORDS = re.compile(r"\b(?:data|notebooks|reports)/|\.(?:csv|py|ipynb)\b|make report|fingerprint"
                             r"|\b(?:[SDWNPCM]\d{2}[ab]?|EV\d{2})\b")


@pytest.mark.parametrize("name", PAGES)
def test_the_reading_path_speaks_to_readers(visits, name):
    """File paths, commands, the fingerprint and row ids belong in the footer, the notebooks and the data."""
    reading = visits[name, DESKTOP].page["reading"]
    assert not DEVELOPER_WORDS.findall(reading)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_edition_is_self_contained_and_under_two_megabytes(lang):
    pages = [ROOT / "reports" / n.html for n in NOTEBOOKS if n.lang == lang]
    assert sum(p.stat().st_size for p in pages) < EDITION_LIMIT
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//[^"']*\.(?:js|css|png|woff2?)""", html)
        assert "<script" not in html


OPEN_NUMBERS = """() => {
  const details = [...document.querySelectorAll('details.numbers')];
  details.forEach(d => d.open = true);
  const root = document.documentElement, body = document.body;
  return {count: details.length, charts: document.querySelectorAll('picture').length,
          scrollWidth: Math.max(root.scrollWidth, body.scrollWidth), width: innerWidth,
          summaries: details.map(d => d.querySelector('summary').innerText),
          rows: details.map(d => d.querySelectorAll('tbody tr').length),
          links: details.map(d => { const a = d.querySelector('a[download]');
                                    return {name: a.getAttribute('download'), href: a.getAttribute('href')}; })};
}"""


@pytest.mark.parametrize("name", PAGES)
def test_the_numbers_behind_each_chart_open_on_a_phone_without_sideways_scrolling(visits, name):
    """Opened at 390 px, every chart's disclosure shows its table without a sideways scroll, and its CSV
    link, decoded, holds the table's rows."""
    import base64
    import csv
    import io

    found = visits[name, PHONE].numbers
    assert found["count"] == found["charts"] >= 4
    assert found["scrollWidth"] <= found["width"], found["scrollWidth"]
    for rows, link in zip(found["rows"], found["links"]):
        assert link["href"].startswith("data:text/csv;charset=utf-8;base64,") and link["name"].endswith(".csv")
        table = list(csv.DictReader(io.StringIO(base64.b64decode(link["href"].split(",", 1)[1]).decode("utf-8-sig"))))
        assert len(table) == rows > 0
