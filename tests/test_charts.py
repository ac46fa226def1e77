"""Each chart: the title it should state, its labels, its marks, its source line and alt text; in
both layouts (desktop and phone), text laid out cleanly; and Arabic, in either edition, joined,
right to left and never boxes."""
import io
import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgb
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.lines import Line2D
from matplotlib.textpath import TextToPath

from study import analysis, charts
from study.charts import layout
from study.charts.layout import palette_image
from study.text import MONTHS, Text, bounded, strings

from arabic_glyphs import arabic_elements, figure_problems, text_problems
from chart_layout import direction_problems, drawn_texts, layout_problems


class Edition:
    """The study's data and its words in one language, as a notebook's first cells make them."""

    def __init__(self, data, lang):
        self.data, self.tx = data, Text(lang, units=data.units)
        self.figure = data.figures.set_index("id")


@pytest.fixture(scope="module", params=["en", "ar"])
def edition(request, study):
    return Edition(study, request.param)


CHART_KEYS = ("title_", "subtitle_", "source_", "alt_", "legend_", "label_", "axis_", "series_", "chart_",
              "fall_annotation", "left_out")  # the strings of strings.csv the charts write


def marks(chart, gid):
    return chart.findobj(lambda artist: artist.get_gid() == gid)


def texts(chart, gid):
    return [t.get_text() for t in marks(chart, gid)]


def article_decline(e):
    events = e.data.events
    return charts.article_decline(e.figure.loc["strikes-per-day-start"], e.figure.loc["strikes-2017-11-08"],
                                  events[events["article_paragraph"].notna()], e.data.sources, e.tx)


def record_decline(e, data=None):
    data = data or e.data
    record, figure = data.record, data.figures.set_index("id")
    days = analysis.strike_days(record)
    return charts.record_decline(analysis.strike_rate_steps(record), analysis.monthly_strike_rates(record),
                                 days[~days["id"].isin(data.figures["record_id"])], analysis.strike_totals(record),
                                 figure.loc["strikes-per-day-start"], figure.loc["strikes-2017-11-08"],
                                 analysis.charted_events(data.events), data.sources,
                                 Text(e.tx.lang, units=data.units))


def membership(e):
    figure = e.figure.loc["coalition-members"]
    return charts.membership(analysis.level_series(e.data.record, figure["unit"]), figure, e.data.sources, e.tx)


def people_record(e):
    figure = e.figure.loc["people-freed"]
    return charts.people_record(analysis.level_series(e.data.record, figure["unit"]), figure, e.data.sources, e.tx)


def all_charts(e):
    """Every chart of an edition, drawn once for the module: the tests only read them."""
    if e.tx.lang not in DRAWN:
        DRAWN[e.tx.lang] = draw_all(e)
    return DRAWN[e.tx.lang]


DRAWN: dict = {}


def draw_all(e):
    f, sources = e.figure, e.data.sources
    return [article_decline(e), charts.people(f.loc["people-freed"], sources, e.tx),
            charts.coalition(f.loc["coalition-members"], f.loc["active-members-named"], sources, e.tx),
            charts.cadence(f.loc["reports-per-week-before"], f.loc["reports-per-week-after"], sources, e.tx),
            record_decline(e), start_days(e), charts.weapons(analysis.weapons_by_month(e.data.record), e.tx),
            membership(e), people_record(e)]


def start_days(e):
    start = e.figure.loc["strikes-per-day-start"]
    days = analysis.days_by_country(e.data.record, e.data.events, *analysis.claim_window(start))
    return charts.start_days(days, start, e.data.sources, e.tx)


@pytest.fixture(scope="module")
def both_layouts(edition):
    """Every chart of the edition, in its desktop layout and its phone layout (a small chart in its one)."""
    return [variant for chart in all_charts(edition) for variant in layouts(chart)]


def layouts(chart) -> list:
    return [chart] if chart.narrow is chart else [chart, chart.narrow]


def event_numbers(chart) -> list[str]:
    """The event numbers a chart's marks cover, a shared mark's range ("3–7") spelt out."""
    covered = []
    for label in texts(chart, "event-number"):
        first, _, last = label.partition("–")
        covered += [str(n) for n in range(int(first), int(last or first) + 1)]
    return covered


def test_every_chart_has_title_source_and_alt_text(edition):
    for chart in all_charts(edition):
        drawn = layout._drawn(chart.title)  # as matplotlib is given it (test_arabic_percentages_read_as_on_the_pages)
        assert texts(chart, "title") and texts(chart, "title")[0].replace("\n", " ") == drawn.replace("\n", " ")
        source = texts(chart, "source")[0]
        assert source and len(chart.alt) > 40
        assert ("Source" in source) if edition.tx.lang == "en" else ("المصدر" in source or "المصادر" in source)


SMALL_CHARTS = ("01-people", "01-coalition", "01-cadence")  # unit charts, designed once for every width


def test_every_desktop_chart_has_a_phone_layout_served_beside_it(edition):
    drawn = all_charts(edition)
    assert sorted(chart.name for chart in drawn if chart.layout is charts.SMALL) == sorted(SMALL_CHARTS)
    for chart in drawn:
        data, metadata = chart._repr_mimebundle_()
        assert metadata["image/png"] == {"width": chart.layout.width_px, "alt": chart.alt}
        if chart.layout is charts.SMALL:  # one layout, no second picture
            assert chart.narrow is chart and charts.NARROW_MIME not in data
            continue
        assert chart.layout is charts.WIDE and chart.narrow.layout is charts.NARROW
        assert chart.narrow.name == chart.name and chart.narrow.title == chart.title
        assert data["image/png"] != data[charts.NARROW_MIME]
        assert metadata[charts.NARROW_MIME]["width"] == charts.NARROW.width_px


def test_small_charts_read_on_a_phone_as_the_phone_layouts_do():
    """Shown on a 360-pixel phone (332 pixels inside the page's margins), a small chart's text is no
    smaller than a phone layout's text shown at its full width there."""
    shown = 332
    for size in ("title", "text", "small"):
        small = getattr(charts.SMALL, size) * min(1, shown / charts.SMALL.width_px)
        phone = getattr(charts.NARROW, size) * min(1, shown / charts.NARROW.width_px)
        assert small >= 0.95 * phone, size


def test_every_chart_lays_its_text_out_cleanly(both_layouts):
    """Every text inside the figure; no two overlapping; none crossed by the data or a pointer line;
    each line of mixed Latin and Arabic in its own language's direction."""
    for chart in both_layouts:
        assert layout_problems(chart) == [], (chart.name, chart.layout.name)


def test_event_lists_are_evenly_spaced_whatever_their_letters(both_layouts):
    """An Arabic line with marks above its letters stands taller than its neighbours; the list's
    lines still sit on evenly spaced baselines, column by column."""
    checked = 0
    for chart in both_layouts:
        columns = {}
        for text in marks(chart, "event-key"):
            columns.setdefault(round(text.get_position()[0], 6), []).append(text)
        for column in columns.values():
            if len(column) < 3 or any("\n" in t.get_text() for t in column):
                continue
            ys = sorted(t.get_position()[1] for t in column)
            steps = [b - a for a, b in zip(ys, ys[1:])]
            assert max(steps) - min(steps) < 1e-9, (chart.name, chart.layout.name, steps)
            checked += 1
    assert checked >= 2


def test_titles_take_at_most_two_lines(both_layouts):
    for chart in both_layouts:
        assert texts(chart, "title")[0].count("\n") <= 1, (chart.name, chart.layout.name)


ROW_ID = re.compile(r"\b(?:[SDWNPCM]\d{2}[ab]?|EV\d{2})\b")


def test_charts_speak_to_readers(both_layouts):
    """No file paths or row ids on a chart: they belong in the notebooks and the data."""
    for chart in both_layouts:
        for text, _ in drawn_texts(chart):
            words = text.get_text()
            assert not ROW_ID.search(words) and not re.search(r"data/|\.csv|\.py\b", words), (chart.name, words)


def test_the_article_chart_states_the_fall(edition):
    tx, data = edition.tx, edition.data
    chart = article_decline(edition)
    start = edition.figure.loc["strikes-per-day-start"]
    assert tx.qualified_number(start["value"], start["qualifier"]) in chart.title  # "up to 50"
    assert tx.percent(98) in chart.title  # (50 - 1) / 50
    assert len(marks(chart, "article-start")) == 1 and len(marks(chart, "article-end")) == 1
    assert texts(chart, "axis-label") == [tx("axis_strikes_per_day")]
    shown = data.events["article_paragraph"].notna().sum()
    assert event_numbers(chart) == [str(n) for n in range(1, shown + 1)] and len(texts(chart, "event-key")) == shown
    assert len(texts(chart, "event-number")) < shown  # events days apart share one mark instead of crowding


def test_the_lead_chart_draws_each_series_apart(edition):
    e = edition
    chart = record_decline(e)
    for series in ("cjtf-oir-monthly-report", "dod-airstrike-totals", "airwars-tally"):
        assert len(marks(chart, f"steps-{series}")) == 1
    days = analysis.strike_days(e.data.record)
    days = days[days["id"] != "D11"]  # the spokesman's day is drawn as the article's mark
    exact = marks(chart, "day-exact")[0].get_ydata()
    lower = marks(chart, "day-lower")[0].get_ydata()
    # Hollow: a lower bound ("at least": D05, D06d) or derived (D06d, D13b-e); filled: the others of
    # data/official_record.csv's Iraq+Syria day rows, D02-D04, D07-D10 and D76 (4 December 2017). D06, the
    # first count of 16 August 2017 (29), is not used: D06d counts the same day more fully.
    assert (len(exact), len(lower)) == (8, 6) and len(exact) + len(lower) == len(days)
    assert sorted(lower) == [1, 1, 2, 6, 41, 55]
    events = len(analysis.charted_events(e.data.events))  # EV30, of low confidence, is not drawn
    assert events == (e.data.events["on_chart"] == "yes").sum() - 1
    assert event_numbers(chart) == [str(n) for n in range(1, events + 1)]
    totals = analysis.strike_totals(e.data.record)
    note = texts(chart, "note")[0]  # totals left out are counted, not silently dropped
    assert f"({e.tx.num(len(analysis.set_aside(totals)))})" in note
    assert f"({e.tx.num(len(analysis.undrawn_totals(totals, analysis.strike_rate_steps(e.data.record))))})" in note


def test_the_lead_chart_labels_each_rate_with_its_series(edition):
    """The start and the peak come from different series: each number is labelled with its own."""
    tx, record = edition.tx, edition.data.record
    chart = record_decline(edition)
    monthly, steps = analysis.monthly_strike_rates(record), analysis.strike_rate_steps(record)
    start = analysis.start_rate(monthly, edition.figure.loc["strikes-per-day-start"])
    peak = analysis.peak(steps)
    start_label = texts(chart, "label-start-rate")[0].replace("\n", " ")
    peak_label = texts(chart, "label-peak")[0].replace("\n", " ")
    shown = bounded(start["average"], tx.rate_decimals(start["average"]), "at least")  # a lower bound, rounded down
    assert tx.rate(shown) in start_label and tx(f"series_{start['series']}") in start_label
    assert tx.rate(peak["per_day"]) in peak_label and tx(f"series_{peak['series']}") in peak_label
    assert tx.year(peak["start"]) in chart.title  # strikes peaked in 2017, not at the start


def test_the_lead_chart_draws_first_steps_as_averages_since_the_start(edition):
    """A series' first step (from the campaign's start to its first total) is an average over
    months or years: dashed and light, never read as the rate at the start, and the key says so."""
    chart = record_decline(edition)
    steps = analysis.strike_rate_steps(edition.data.record)
    for series, rows in steps.groupby("series"):
        first = rows[rows["from_id"] == ""]
        dashed, = marks(chart, f"steps-{series}-since-start")
        solid, = marks(chart, f"steps-{series}")
        assert dashed.get_linestyle() == "--" and solid.get_linestyle() == "-"
        assert dashed.get_linewidth() < solid.get_linewidth()
        assert set(dashed.get_ydata()) == set(first["per_day"]) and not set(solid.get_ydata()) & set(first["per_day"])
    assert edition.tx("legend_since_start") in [t.replace("\n", " ") for t in texts(chart, "key")]


def test_the_lead_charts_start_rate_names_its_months_and_its_bound(edition):
    """The first months' average says which months it covers ("August – September 2014"), and
    "at least" when one of them is a lower bound (August 2014: "more than 100", M01)."""
    tx, record = edition.tx, edition.data.record
    rate = analysis.start_rate(analysis.monthly_strike_rates(record), edition.figure.loc["strikes-per-day-start"])
    assert rate["lower_bound"] and rate["ids"] == ("M01", "M02")
    label = texts(record_decline(edition), "label-start-rate")[0].replace("\n", " ")
    assert label == tx("chart_label_start_rate_lower", series=tx(f"series_{rate['series']}"),
                       amount=tx.counted_rate(5.4, "strikes per day"),
                       span=tx.span(pd.Timestamp("2014-08-01"), pd.Timestamp("2014-09-30")))
    # 296 / 54 days is 5.48: a lower bound, so 'at least 5.4', never rounded up to 5.5.
    assert ("at least 5.4" in label) if tx.lang == "en" else ("ما لا يقل عن 5.4" in label)


def test_dates_are_never_broken_across_lines(both_layouts):
    """"8 November 2017", "September 2017": a date is read whole, so a wrapped text keeps it on one line."""
    for chart in both_layouts:
        date = re.compile(rf"(?:\d{{1,2}} )?(?:{'|'.join(MONTHS[chart.lang])}) \d{{4}}")
        for text, _ in drawn_texts(chart):
            lines = text.get_text().split("\n")
            for found in date.findall(" ".join(lines)):
                assert any(found in line for line in lines), (chart.name, chart.layout.name, found, text.get_text())


def test_the_people_chart_never_joins_one_series_to_another(edition):
    figure = edition.figure.loc["people-freed"]
    rows = analysis.level_series(edition.data.record, figure["unit"])
    chart = people_record(edition)
    drawn = [m for m in chart.findobj(Line2D) if (m.get_gid() or "").startswith("people-")
             and not m.get_gid().endswith("-low")]
    confident = analysis.relied_on(rows[rows["id"] != figure["record_id"]])
    assert sorted(m.get_gid() for m in drawn) == sorted(f"people-{s}" for s in set(confident["series"]))
    for line in drawn:  # each line holds the rows of its series, and only those
        series = line.get_gid().removeprefix("people-")
        assert list(line.get_ydata()) == list(confident.loc[confident["series"] == series, "value"])
    # P06, P07, P10, P11, P13 joined; P04 (a coalition fact sheet) and P05 (a spokesman) each alone.
    assert sorted(len(line.get_ydata()) for line in drawn) == [1, 1, 5]
    report, = marks(chart, "article-people")
    assert report.get_zorder() < min(line.get_zorder() for line in drawn)  # the record's 7.5 million stays in view
    assert len(texts(chart, "key")) == 3


def test_arabic_source_lines_are_in_arabic(study):
    for chart in all_charts(Edition(study, "ar")):
        for variant in layouts(chart):
            for source in texts(variant, "source"):
                assert not re.search("[A-Za-z]", source), (chart.name, source)


def test_arabic_charts_name_cjtf_oir_as_it_is_called():
    """«قيادة العمليات المشتركة» is Iraq's Joint Operations Command, not CJTF-OIR."""
    chart_keys = [key for key in strings() if key.startswith(CHART_KEYS)]
    wrong = [key for key in chart_keys if "قيادة العمليات المشتركة" in strings()[key]["ar"]]
    assert chart_keys and not wrong, wrong


def test_arabic_percentages_read_as_on_the_pages(study):
    """A browser shows "98%" in an Arabic sentence with the sign after the digits, as the pages
    do; so do the charts, in the title as in the annotation."""
    chart = article_decline(Edition(study, "ar"))
    path = findfont(FontProperties(family="DejaVu Sans"))
    font = get_font(path)
    digit, sign = font.get_char_index(ord("8")), font.get_char_index(ord("%"))
    for gid in ("title", "fall"):
        text = texts(chart, gid)[0]
        line = next(line for line in text.split("\n") if "%" in line)
        glyphs, _, _ = TextToPath().get_glyphs_with_font(font, line)
        xs = {int(key.rsplit("-", 1)[1], 16): x for key, x, *_ in glyphs}
        assert xs[digit] < xs[sign], (gid, line)  # "98%": the sign on the right of the digits


def test_the_lead_charts_key_marks_are_all_different(edition):
    chart = record_decline(edition)
    marks_drawn = [(line.get_color(), line.get_linewidth(), line.get_marker(), str(line.get_markerfacecolor()))
                   for line in chart.artists if isinstance(line, Line2D)]
    assert len(marks_drawn) == len(texts(chart, "key")) and len(set(marks_drawn)) == len(marks_drawn)


def test_the_weapons_chart(edition):
    """AFCENT's whole campaign: every month from August 2014 to November 2019, each drawn as what the
    record holds for it (see NOTES of the reference record's month-by-month table)."""
    tx = edition.tx
    months = analysis.weapons_by_month(edition.data.record)
    chart = charts.weapons(months, tx)
    drawn = {state: len(marks(chart, f"month-{state}")) for state in ("read", "derived", "average", "missing")}
    # 30 months of their own, 3 worked out exactly (Feb 2016, Sep and Nov 2017), 30 in 7 stretches, Dec 2018 missing.
    assert drawn == {"read": 30, "derived": 3, "average": 30, "missing": 1}
    assert sum(drawn.values()) == len(months) == 64
    assert tx.num(5075) in chart.title and tx.num(153) in chart.title  # the peak, August 2017; the last, November 2019
    # A month with a figure of its own and another source's: June 2016, October 2017, January 2018. July 2016
    # is known only in its stretch's total, so Airwars' 2,411 for it is said on the page, not on a bar.
    assert texts(chart, "alternative-mark") == ["*"] * 3
    assert tx.num(850) in texts(chart, "note")[1]


def test_the_weapons_title_follows_the_data(study):
    months = analysis.weapons_by_month(study.record)
    tx = Text("en", units=study.units)
    assert "a peak of" in charts.weapons(months, tx).title
    last = months["status"] != "missing"
    busiest = months.copy()
    busiest.loc[busiest[last].index[-1], "value"] = 6000  # the last month the busiest of all
    assert "a peak of" not in charts.weapons(busiest, tx).title and "last month" in charts.weapons(busiest, tx).title


def test_the_first_weeks_chart_draws_every_day(edition):
    e = edition
    start = e.figure.loc["strikes-per-day-start"]
    days = analysis.days_by_country(e.data.record, e.data.events, *analysis.claim_window(start))
    chart = charts.start_days(days, start, e.data.sources, e.tx)
    assert len(days) == 54  # 8 August - 30 September 2014
    counted = (days[["iraq_how", "syria_how"]] == "day").any(axis=1)
    bounded = ~days["exact"] & (days["high"] < start["value"])
    open_days = days["high"] >= start["value"]
    # Every day drawn once: a bar where counted, a range where bounded below the claim, shading where open.
    assert len(marks(chart, "day-iraq")) == len(marks(chart, "day-syria")) == 54
    assert len(marks(chart, "day-open")) == open_days.sum() == 12  # 19-30 September, after the first partner
    assert list(marks(chart, "day-range")[0].get_segments()[i][1][1] for i in range(bounded.sum())) == \
        list(days.loc[bounded, "high"])
    assert (counted | bounded | open_days).all()
    line, = marks(chart, "article-start")
    assert line.get_segments()[0][0][1] == start["value"]  # the report's 'up to 50' across the period
    assert e.tx.num(15) in chart.title  # the busiest day counted: 18 August 2014


def test_unit_charts_count_their_units(edition):
    f, sources, tx = edition.figure, edition.data.sources, edition.tx
    coalition = charts.coalition(f.loc["coalition-members"], f.loc["active-members-named"], sources, tx)
    squares = marks(coalition, "member-square")
    assert len(squares) == 60 and sum(s.get_facecolor()[:3] != squares[-1].get_facecolor()[:3] for s in squares) == 3
    assert len(marks(charts.people(f.loc["people-freed"], sources, tx), "person-square")) == 75  # 7,500,000 / 100,000
    cadence = charts.cadence(f.loc["reports-per-week-before"], f.loc["reports-per-week-after"], sources, tx)
    assert len(marks(cadence, "report-day")) == 7 + 2 and len(marks(cadence, "quiet-day")) == 5


def test_membership_and_people_charts_never_draw_low_confidence_rows(edition):
    chart = membership(edition)
    assert not marks(chart, "members-low")
    drawn = {v for line in chart.axes[0].lines if str(line.get_gid()).startswith("members") for v in line.get_ydata()}
    assert not {65, 68, 69} & drawn  # N03 (low), N04 (medium-low), N05 (low): listed on the page, not drawn
    assert len(marks(people_record(edition), "article-people")) == 1


def test_a_changed_figure_changes_the_chart(study, data_copy):
    import pandas as pd
    from study.data import load

    frame = pd.read_csv(data_copy / "article_figures.csv", dtype=str, keep_default_na=False)
    frame.loc[frame["id"] == "strikes-per-day-start", "value"] = "45"
    frame.to_csv(data_copy / "article_figures.csv", index=False)
    chart = article_decline(Edition(load(data_copy), "en"))
    assert "up to 45" in chart.title and "up to 50" not in chart.title
    assert "up to 45" in chart.narrow.title


def test_titles_that_depend_on_the_data_are_chosen_by_it(study):
    """The people chart says "match" only when the counts match; the lead chart says where the peak fell."""
    e = Edition(study, "en")
    figure = e.figure.loc["people-freed"]
    rows = analysis.level_series(study.record, figure["unit"])
    # The last count published before the claim (6.9 million, 26 October 2017) is older and lower.
    assert "Last count before the report" in people_record(e).title
    matching = rows.assign(value=rows["value"].where(rows["id"] != "P07", 7_450_000))
    assert "match" in charts.people_record(matching, figure, study.sources, e.tx).title
    same_day = pd.concat([rows, rows[rows["id"] == "P07"].assign(id="X", as_of=figure["date"], value=6_000_000,
                                                                  published="")])
    assert "differ" in charts.people_record(same_day, figure, study.sources, e.tx).title
    figure = e.figure.loc["coalition-members"]
    rows = analysis.level_series(study.record, figure["unit"])
    assert "the count in" in membership(e).title  # about 60 is 2014's count, not the report's date's
    current = rows.assign(value=rows["value"].where(rows["as_of"] < "2017-01-01", 61))
    assert "as its" in charts.membership(current, figure, study.sources, e.tx).title


# ----- Arabic in charts -----
def test_charts_draw_arabic_correctly_in_both_editions(study):
    """Arabic charts, and English charts where they name an Arabic source, in both layouts."""
    english_with_arabic = 0
    for lang in ("ar", "en"):
        for chart in all_charts(Edition(study, lang)):
            for variant in layouts(chart):
                if lang == "ar":
                    assert arabic_elements(variant), chart.name
                else:
                    english_with_arabic += bool(arabic_elements(variant))  # "Youm7 (اليوم السابع)"
                assert figure_problems(variant) == [], (lang, chart.name, variant.layout.name)
    assert english_with_arabic >= 10



def font_path():
    from matplotlib.font_manager import FontProperties, findfont
    return findfont(FontProperties(family="DejaVu Sans"))


@pytest.mark.parametrize("broken, why", [
    ("\uFECB\uFEAA\uFEA9", "pre-shaped: presentation forms, as arabic_reshaper produces"),
    ("ددع", "reversed, as python-bidi on top of matplotlib's own bidi produces"),
    ("ع\u200cد\u200cد", "unjoined: zero-width non-joiners leave isolated letter forms"),
])
def test_the_glyph_check_catches_broken_arabic(broken, why):
    assert text_problems(broken, "عدد", font_path()), why


def test_the_glyph_check_passes_correct_arabic():
    assert text_problems("انخفاض عدد الغارات", "انخفاض عدد الغارات", font_path()) == []
    assert text_problems("نحو 60 دولة (2014)", "نحو 60 دولة (2014)", font_path()) == []


def test_the_glyph_check_catches_missing_glyphs():
    # A script DejaVu Sans lacks (Ethiopic) is drawn as boxes; an Arabic word beside it still checks.
    assert any("missing glyph" in p for p in text_problems("ሀ عدد", "ሀ عدد", font_path()))


# ----- the layout checks themselves -----
def small_figure(lang="en"):
    figure = charts.Chart("check", lang)
    figure.set_size_inches(4, 2)
    return figure


def test_the_layout_check_catches_overlapping_and_escaping_text():
    figure = small_figure()
    figure.text(0.1, 0.5, "Strikes a day", gid="one")
    figure.text(0.15, 0.5, "Strikes a day", gid="two")
    figure.text(0.9, 0.2, "beyond the right edge", gid="three")
    problems = layout_problems(figure)
    assert any("overlaps" in p for p in problems) and any("outside the figure" in p for p in problems)


def test_the_layout_check_catches_a_line_through_text():
    figure = small_figure()
    ax = figure.add_axes((0.1, 0.1, 0.8, 0.8))
    ax.plot([0, 1], [0, 1], gid="leader-claim")
    ax.text(0.5, 0.5, "1 on 8 November 2017", ha="center", va="center")
    assert any("crossed by leader-claim" in p for p in layout_problems(figure))


def test_the_layout_check_catches_a_line_laid_out_in_the_wrong_direction():
    """A wrapped English source line that starts with the Arabic half of a name takes the Arabic
    direction: ".November 2017 21 ,(السابع" (issue #11)."""
    font = findfont(FontProperties(family="DejaVu Sans"))
    line = "السابع), 21 November 2017."
    assert direction_problems(line, font, rtl=False)
    assert direction_problems("Youm7 (اليوم السابع), 21 November 2017.", font, rtl=False) == []
    assert direction_problems("المصدر: Youm7 (اليوم السابع)، 21 نوفمبر", font, rtl=True) == []


def test_wrapping_never_starts_a_line_in_the_other_script():
    source = "Sources: the hosts of its ministerial meetings; the report: Youm7 (اليوم السابع), 21 November 2017."
    for width in (1.0, 1.5, 2.0, 2.5, 3.0):
        for line in layout._wrap(source, width, 8.5, rtl=False).split("\n"):
            assert layout._strong(line) in ("ltr", None), (width, line)  # None: digits and signs only


def test_a_line_is_measured_as_wide_as_the_chart_draws_it_whatever_was_measured_before():
    """Wrapping adds up the widths of words: a line must come out as wide as matplotlib draws it,
    in the study's style, even after the same words were measured under a reader's own settings."""
    import matplotlib

    words = ["Strike", "releases", "covering", "a", "few", "days", "(اليوم", "السابع)", "المتقطّع:"]
    for word in words:
        layout._width(word, 8.5)  # the reader's settings: glyphs hinted, so other widths
    chart = charts.Chart("probe", "en")
    line = " ".join(words)
    text = chart.text(0, 0, line, fontsize=8.5)
    chart.canvas.draw()
    drawn = text.get_window_extent().width / layout.PX_PER_INCH
    with matplotlib.rc_context(charts.STYLE):
        summed = sum(layout._width(word, 8.5) for word in words) + (len(words) - 1) * layout._width(" ", 8.5)
        assert layout._width(line, 8.5) == pytest.approx(drawn, abs=1e-9)
    assert summed == pytest.approx(drawn, abs=1e-9)


def test_a_removed_event_removes_its_mark(data_copy):
    from study.data import load

    events = data_copy / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    events.write_text("".join(line for line in lines if not line.startswith("EV30,")), encoding="utf-8")
    edition_data = load(data_copy)
    chart = record_decline(Edition(edition_data, "en"))
    assert len(texts(chart, "event-key")) == (edition_data.events["on_chart"] == "yes").sum() == 7


def test_new_rows_show_up_without_code_changes(data_copy):
    """A new figure reaches the tables and the fact-check; a new official total adds a step."""
    with open(data_copy / "article_figures.csv", "a", encoding="utf-8") as figures:
        figures.write("engagements-claim,42000,engagements,about,2017-03-31,2014-08-08,Iraq+Syria,Example,مثال,"
                      "youm7-2017-11-21,1,,none,,,Engagements so far,الاشتباكات حتى الآن,\n")
    with open(data_copy / "official_record.csv", "a", encoding="utf-8") as record:
        record.write("S99,2020-12-31,2014-08-08,35000,strikes,exact,cumulative,Iraq+Syria,,cjtf-oir-monthly-report,"
                     "no,CJTF-OIR,Example,مثال,high,https://example.org,,,,yes,\n")
    from study import factcheck, story
    from study.data import load

    data = load(data_copy)
    tx = Text("en", units=data.units)
    assert "Engagements so far" in story.figures_table(data.figures, data.sources, tx).data
    checks = factcheck.check_all(data.figures, data.record, data.events, data.sources)
    table = story.factcheck_table(checks, data.record, data.events, tx).data
    assert "Engagements so far" in table and "No rule checks this figure." in table
    steps = analysis.strike_rate_steps(data.record)
    step = steps[steps["to_id"] == "S99"].iloc[0]
    assert step["per_day"] == pytest.approx((35000 - 34917) / 92)  # after S31 (30 Sep 2020): Oct-Dec 2020


# ----- the numbers behind each chart -----
NO_VALUE = {"event-tick", "published", "day-open", "month-missing", "day-range-top", "leader-active"}


def plotted_values(chart) -> set[float]:
    """Every value a chart's plot draws, read back from its marks: lines' points, bars' heights, the
    ends of horizontal and the tops of vertical segments, the edges of a shaded band."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Polygon, Rectangle

    values = set()
    for artist in chart.axes[0].get_children():
        gid = artist.get_gid()
        if not gid or gid in NO_VALUE:
            continue
        if isinstance(artist, Line2D):
            values |= {float(v) for v in artist.get_ydata()}
        elif isinstance(artist, LineCollection):
            values |= {float(max(y for _, y in segment)) for segment in artist.get_segments()}
        elif isinstance(artist, Rectangle) and gid == "claim-band":
            values |= {artist.get_y(), artist.get_y() + artist.get_height()}
        elif isinstance(artist, Polygon) and gid == "claim-band":
            values |= {float(y) for _, y in artist.get_xy()}
        elif isinstance(artist, Rectangle):
            values.add(artist.get_height())
    return {round(v, 2) for v in values if v}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_plotted_value_is_in_its_charts_numbers_and_nothing_else(study, lang):
    e = Edition(study, lang)
    for chart in all_charts(e):
        assert list(chart.numbers.columns) == ["mark", "start", "end", "value", "qualifier", "unit", "series", "publisher"]
        table = {round(float(v), 2) for v in chart.numbers["value"] if v != "" and float(v)}
        if chart.layout is charts.SMALL:  # unit charts: their squares count the table's values
            continue
        assert plotted_values(chart) == table, chart.name


def test_the_unit_charts_numbers_are_what_their_squares_count(study):
    e = Edition(study, "en")
    f = e.figure
    people = charts.people(f.loc["people-freed"], study.sources, e.tx)
    assert list(people.numbers["value"]) == [7_500_000] and len(marks(people, "person-square")) * 100_000 == 7_500_000
    coalition = charts.coalition(f.loc["coalition-members"], f.loc["active-members-named"], study.sources, e.tx)
    assert list(coalition.numbers["value"]) == [len(marks(coalition, "member-square")), 3]
    cadence = charts.cadence(f.loc["reports-per-week-before"], f.loc["reports-per-week-after"], study.sources, e.tx)
    assert list(cadence.numbers["value"]) == [7, 2] == [7, len(marks(cadence, "report-day")) - 7]


def test_the_csv_of_a_charts_numbers_parses_back_to_them(study):
    import io as _io

    for lang in ("en", "ar"):
        chart = charts.weapons(analysis.weapons_by_month(study.record), Text(lang, units=study.units))
        raw = chart.numbers_csv()
        assert raw.startswith("\ufeff".encode())  # a byte-order mark, so spreadsheets read the Arabic as UTF-8
        back = pd.read_csv(_io.BytesIO(raw), encoding="utf-8-sig", keep_default_na=False)
        assert list(back.columns) == list(chart.numbers.columns)
        assert back["value"].astype(str).tolist() == chart.numbers["value"].astype(str).tolist()
        assert back["start"].tolist() == chart.numbers["start"].tolist()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_membership_band_follows_the_figures_qualifier(study, lang):
    tx = Text(lang, units=study.units)
    figure = study.figures.set_index("id").loc["coalition-members"].copy()
    rows = analysis.level_series(study.record, figure["unit"])

    def band(chart):
        from matplotlib.patches import Rectangle

        patch, = marks(chart, "claim-band")
        ys = [patch.get_y(), patch.get_y() + patch.get_height()] if isinstance(patch, Rectangle) else \
            [y for _, y in patch.get_xy()]
        return round(min(ys), 2), round(max(ys), 2)
    about = charts.membership(rows, figure, study.sources, tx)
    assert band(about) == (54, 66) and tx.num(54) in texts(about, "subtitle")[0]  # 'about 60': a tenth either side
    figure["qualifier"] = "exact"
    assert band(charts.membership(rows, figure, study.sources, tx)) == (58.8, 61.2)  # exact: 2% either side
    figure["qualifier"] = "at least"
    low, high = band(charts.membership(rows, figure, study.sources, tx))
    assert low == 60 and high > 83  # 'at least 60': open above, to the top of the chart


def test_the_weapons_title_follows_the_data_in_arabic(study):
    months = analysis.weapons_by_month(study.record)
    tx = Text("ar", units=study.units)
    peak = strings()["title_weapons_whole"]["ar"].split("{")[0]
    assert charts.weapons(months, tx).title.startswith(peak.strip())
    busiest = months.copy()
    busiest.loc[busiest[busiest["status"] != "missing"].index[-1], "value"] = 6000
    assert charts.weapons(busiest, tx).title.startswith(strings()["title_weapons_rising"]["ar"].split("{")[0].strip())


# ----- the PNGs: a palette of the chart's own colours -----
def _picture(rgb: np.ndarray) -> bytes:
    """An opaque RGBA picture's bytes, as matplotlib hands them over."""
    return np.concatenate([rgb, np.full(rgb.shape[:2] + (1,), 255, np.uint8)], axis=2).tobytes()


def test_a_picture_of_few_colours_keeps_every_colour_exactly():
    rng = np.random.default_rng(2017)
    on_white = rng.integers(0, 256, (200, 3), dtype=np.uint8)[rng.integers(0, 200, (60, 80))]
    on_white[:20] = 255  # a white ground, as on a chart
    no_white = rng.integers(0, 250, (256, 3), dtype=np.uint8)[np.arange(60 * 80).reshape(60, 80) % 256]
    for rgb in (on_white, no_white):  # 201 colours with white; a full palette's 256 without it
        image = palette_image(_picture(rgb), (80, 60))
        assert image.mode == "P" and len(image.getpalette()) <= 3 * 256
        assert (np.asarray(image.convert("RGB")) == rgb).all()


def test_a_charts_palette_is_as_close_as_quantising_every_pixel(study):
    """A chart has more colours than a palette holds (the blends at its edges): each pixel is no
    further from its own colour than Pillow's quantiser, run on every pixel, puts it; the ground
    stays white and the record's colour exact."""
    from PIL import Image

    chart = charts.weapons(analysis.weapons_by_month(study.record), Text("en", units=study.units))
    pixels = io.BytesIO()
    chart.savefig(pixels, format="rgba", dpi=layout.PNG_DPI)
    width = round(chart.get_figwidth() * layout.PNG_DPI)
    rgb = np.frombuffer(pixels.getvalue(), np.uint8).reshape(-1, width, 4)[:, :, :3]
    assert len(np.unique(np.frombuffer(pixels.getvalue(), np.uint32))) > 256  # else the quantiser would not be tested
    ours = np.asarray(palette_image(pixels.getbuffer(), (width, rgb.shape[0])).convert("RGB")).astype(np.int16)
    theirs = np.asarray(Image.fromarray(np.ascontiguousarray(rgb)).quantize(
        256, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE).convert("RGB")).astype(np.int16)
    assert np.abs(ours - rgb).max() <= np.abs(theirs - rgb).max()
    record = tuple(round(255 * c) for c in to_rgb(layout.RECORD))
    for colour in ((255, 255, 255), record):
        exact = (rgb == colour).all(axis=2)
        assert exact.any() and (ours[exact] == rgb[exact]).all()
    assert chart.png() == chart.png()  # the same chart, the same bytes
