"""Each chart: the title it should state, its axis labels, its marks, its source line and alt text;
and, in the Arabic edition, Arabic that is joined, right to left and never boxes."""
import pytest

from study import analysis, charts
from study.text import Text

from arabic_glyphs import arabic_elements, figure_problems, text_problems


class Edition:
    """The study's data and its words in one language, as a notebook's first cells make them."""

    def __init__(self, data, lang):
        self.data, self.tx = data, Text(lang, units=data.units)
        self.figure = data.figures.set_index("id")


@pytest.fixture(scope="module", params=["en", "ar"])
def edition(request, study):
    return Edition(study, request.param)


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
                                 data.events[data.events["on_chart"] == "yes"], data.sources,
                                 Text(e.tx.lang, units=data.units))


def membership(e):
    figure = e.figure.loc["coalition-members"]
    return charts.membership(analysis.level_series(e.data.record, figure["unit"]), figure, e.data.sources, e.tx)


def people_record(e):
    figure = e.figure.loc["people-freed"]
    return charts.people_record(analysis.level_series(e.data.record, figure["unit"]), figure, e.data.sources, e.tx)


def all_charts(e):
    f, sources = e.figure, e.data.sources
    return [article_decline(e), charts.people(f.loc["people-freed"], sources, e.tx),
            charts.coalition(f.loc["coalition-members"], f.loc["active-members-named"], sources, e.tx),
            charts.cadence(f.loc["reports-per-week-before"], f.loc["reports-per-week-after"], sources, e.tx),
            record_decline(e), charts.weapons(analysis.weapons_by_month(e.data.record), e.tx), membership(e),
            people_record(e)]


def test_every_chart_has_title_source_and_alt_text(edition):
    for chart in all_charts(edition):
        assert texts(chart, "title") and texts(chart, "title")[0].replace("\n", " ") == chart.title.replace("\n", " ")
        source = texts(chart, "source")[0]
        assert source and len(chart.alt) > 40
        assert ("Source" in source) if edition.tx.lang == "en" else ("المصدر" in source or "المصادر" in source)


def test_the_article_chart_states_the_fall(edition):
    tx, data = edition.tx, edition.data
    chart = article_decline(edition)
    start = data.figure("strikes-per-day-start")
    assert tx.qualified_number(start["value"], start["qualifier"]) in chart.title  # "up to 50"
    assert tx.percent(98) in chart.title  # (50 - 1) / 50
    assert len(marks(chart, "article-start")) == 1 and len(marks(chart, "article-end")) == 1
    assert chart.axes[0].get_ylabel() == tx("axis_strikes_per_day")
    assert len(marks(chart, "event-number")) == data.events["article_paragraph"].notna().sum()


def test_the_lead_chart_draws_each_series_apart(edition):
    e = edition
    chart = record_decline(e)
    for series in ("cjtf-oir-monthly-report", "dod-airstrike-totals", "airwars-tally"):
        assert len(marks(chart, f"steps-{series}")) == 1
    days = analysis.strike_days(e.data.record)
    days = days[days["id"] != "D11"]  # the spokesman's day is drawn as the article's mark
    high = marks(chart, "day-high")[0].get_xdata()
    lower = marks(chart, "day-lower")[0].get_xdata()
    assert len(high) == (days["confidence"] == "high").sum() and len(high) + len(lower) == len(days)
    assert len(marks(chart, "event-number")) == (e.data.events["on_chart"] == "yes").sum()
    assert e.tx.rate(1554 / 146) in chart.title  # the 2014 average, about 10.6
    assert "S32" in texts(chart, "subtitle")[0]  # low-confidence totals named, not silently dropped


def test_the_weapons_chart(edition):
    chart = charts.weapons(analysis.weapons_by_month(edition.data.record), edition.tx)
    reported, derived = marks(chart, "month"), marks(chart, "month-derived")
    assert (len(reported), len(derived)) == (11, 3)  # 2017-2018 months in the record; Jul, Sep, Nov derived
    assert edition.tx.num(5075) in chart.title and edition.tx.num(584) in chart.title  # Aug and Dec 2017


def test_unit_charts_count_their_units(edition):
    f, sources, tx = edition.figure, edition.data.sources, edition.tx
    coalition = charts.coalition(f.loc["coalition-members"], f.loc["active-members-named"], sources, tx)
    squares = marks(coalition, "member-square")
    assert len(squares) == 60 and sum(s.get_facecolor()[:3] != squares[-1].get_facecolor()[:3] for s in squares) == 3
    assert len(marks(charts.people(f.loc["people-freed"], sources, tx), "person-square")) == 75  # 7,500,000 / 100,000
    cadence = charts.cadence(f.loc["reports-per-week-before"], f.loc["reports-per-week-after"], sources, tx)
    assert len(marks(cadence, "report-day")) == 7 + 2 and len(marks(cadence, "quiet-day")) == 5


def test_membership_and_people_charts_mark_low_confidence_apart(edition):
    low = marks(membership(edition), "members-low")[0].get_ydata()
    assert sorted(low) == [65, 68, 69]  # N03 (low), N04 (medium-low), N05 (low)
    assert len(marks(people_record(edition), "article-people")) == 1


def test_a_changed_figure_changes_the_chart(study, data_copy):
    import pandas as pd
    from study.data import load

    frame = pd.read_csv(data_copy / "article_figures.csv", dtype=str, keep_default_na=False)
    frame.loc[frame["id"] == "strikes-per-day-start", "value"] = "45"
    frame.to_csv(data_copy / "article_figures.csv", index=False)
    chart = article_decline(Edition(load(data_copy), "en"))
    assert "up to 45" in chart.title and "up to 50" not in chart.title


# ----- Arabic in charts -----
def test_arabic_charts_draw_arabic_correctly(study):
    for chart in all_charts(Edition(study, "ar")):
        assert arabic_elements(chart), chart.name
        assert figure_problems(chart) == [], chart.name



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


def test_a_removed_event_removes_its_mark(data_copy):
    from study.data import load

    events = data_copy / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    events.write_text("".join(line for line in lines if not line.startswith("EV30,")), encoding="utf-8")
    edition_data = load(data_copy)
    chart = record_decline(Edition(edition_data, "en"))
    assert len(marks(chart, "event-number")) == (edition_data.events["on_chart"] == "yes").sum() == 7


def test_new_rows_show_up_without_code_changes(data_copy):
    """A new figure reaches the tables and the fact-check; a new official total adds a step."""
    with open(data_copy / "article_figures.csv", "a", encoding="utf-8") as figures:
        figures.write("engagements-claim,42000,engagements,about,2017-03-31,2014-08-08,Iraq+Syria,Example,مثال,"
                      "youm7-2017-11-21,1,,none,,,Engagements so far,الاشتباكات حتى الآن,\n")
    with open(data_copy / "official_record.csv", "a", encoding="utf-8") as record:
        record.write("S99,2020-12-31,2014-08-08,35000,strikes,exact,cumulative,Iraq+Syria,,cjtf-oir-monthly-report,"
                     "no,CJTF-OIR,Example,high,https://example.org,,\n")
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
