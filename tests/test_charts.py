"""Each chart: the title it should state, its axis labels, its marks, its source line and alt text;
and, in the Arabic edition, Arabic that is joined, right to left and never boxes."""
import matplotlib.pyplot as plt
import pytest

from study import analysis, charts, factcheck
from study.story import Edition
from study.text import Text

from arabic_glyphs import arabic_elements, figure_problems, text_problems


@pytest.fixture(scope="module", params=["en", "ar"])
def edition(request):
    return Edition(lang=request.param)


def marks(chart, gid):
    return chart.figure.findobj(lambda artist: artist.get_gid() == gid)


def texts(chart, gid):
    return [t.get_text() for t in marks(chart, gid)]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def all_charts(edition):
    e = edition
    return [charts.article_decline(e.data, e.tx, e.fall), charts.people(e.data, e.tx), charts.coalition(e.data, e.tx),
            charts.cadence(e.data, e.tx),
            charts.record_decline(e.data, e.tx, e.check("strikes-per-day-start"), e._claims_in_record()),
            charts.weapons(e.data, e.tx), charts.membership(e.data, e.tx, e.check("coalition-members")),
            charts.people_record(e.data, e.tx, e.check("people-freed"))]


def test_every_chart_has_title_source_and_alt_text(edition):
    for chart in all_charts(edition):
        assert texts(chart, "title") and texts(chart, "title")[0].replace("\n", " ") == chart.title.replace("\n", " ")
        source = texts(chart, "source")[0]
        assert source and len(chart.alt) > 40
        assert ("Source" in source) if edition.tx.lang == "en" else ("المصدر" in source or "المصادر" in source)


def test_the_article_chart_states_the_fall(edition):
    tx, data = edition.tx, edition.data
    chart = charts.article_decline(data, tx, edition.fall)
    start = data.figure("strikes-per-day-start")
    assert tx.qualified_number(start["value"], start["qualifier"]) in chart.title  # "up to 50"
    assert tx.percent(98) in chart.title  # (50 - 1) / 50
    assert len(marks(chart, "article-start")) == 1 and len(marks(chart, "article-end")) == 1
    assert chart.figure.axes[0].get_ylabel() == tx("axis_strikes_per_day")
    assert len(marks(chart, "event-number")) == data.events["article_paragraph"].notna().sum()


def test_the_lead_chart_draws_each_series_apart(edition):
    e = edition
    chart = charts.record_decline(e.data, e.tx, e.check("strikes-per-day-start"), e._claims_in_record())
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
    chart = charts.weapons(edition.data, edition.tx)
    reported, derived = marks(chart, "month"), marks(chart, "month-derived")
    assert (len(reported), len(derived)) == (11, 3)  # 2017-2018 months in the record; Jul, Sep, Nov derived
    assert edition.tx.num(5075) in chart.title and edition.tx.num(584) in chart.title  # Aug and Dec 2017


def test_unit_charts_count_their_units(edition):
    coalition = charts.coalition(edition.data, edition.tx)
    squares = marks(coalition, "member-square")
    assert len(squares) == 60 and sum(s.get_facecolor()[:3] != squares[-1].get_facecolor()[:3] for s in squares) == 3
    assert len(marks(charts.people(edition.data, edition.tx), "person-square")) == 75  # 7,500,000 / 100,000
    cadence = charts.cadence(edition.data, edition.tx)
    assert len(marks(cadence, "report-day")) == 7 + 2 and len(marks(cadence, "quiet-day")) == 5


def test_membership_and_people_charts_mark_low_confidence_apart(edition):
    membership = charts.membership(edition.data, edition.tx, edition.check("coalition-members"))
    low = marks(membership, "members-low")[0].get_ydata()
    assert sorted(low) == [65, 68, 69]  # N03 (low), N04 (medium-low), N05 (low)
    people = charts.people_record(edition.data, edition.tx, edition.check("people-freed"))
    assert len(marks(people, "article-people")) == 1


def test_a_changed_figure_changes_the_chart(study, data_copy):
    import pandas as pd
    from study.data import load

    frame = pd.read_csv(data_copy / "article_figures.csv", dtype=str, keep_default_na=False)
    frame.loc[frame["id"] == "strikes-per-day-start", "value"] = "45"
    frame.to_csv(data_copy / "article_figures.csv", index=False)
    changed = load(data_copy)
    tx = Text("en", units=changed.units)
    chart = charts.article_decline(changed, tx, analysis.headline_fall(changed.figures))
    assert "up to 45" in chart.title and "up to 50" not in chart.title


# ----- Arabic in charts -----
def test_arabic_charts_draw_arabic_correctly():
    edition = Edition(lang="ar")
    for chart in all_charts(edition):
        assert arabic_elements(chart.figure), chart.name
        assert figure_problems(chart.figure) == [], chart.name



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
    tx = Text("en", units=edition_data.units)
    checks = factcheck.check_all(edition_data)
    start = dict(zip(checks["id"], checks["check_result"]))["strikes-per-day-start"]
    chart = charts.record_decline(edition_data, tx, start, {"D11", "P09"})
    assert len(marks(chart, "event-number")) == (edition_data.events["on_chart"] == "yes").sum() == 7


def test_new_rows_show_up_without_code_changes(data_copy):
    """A new figure reaches the tables and the fact-check; a new official total adds a step."""
    with open(data_copy / "article_figures.csv", "a", encoding="utf-8") as figures:
        figures.write("engagements-claim,42000,engagements,about,2017-03-31,2014-08-08,Iraq+Syria,Example,مثال,"
                      "youm7-2017-11-21,1,,none,,,Engagements so far,الاشتباكات حتى الآن,\n")
    with open(data_copy / "official_record.csv", "a", encoding="utf-8") as record:
        record.write("S99,2020-12-31,2014-08-08,35000,strikes,exact,cumulative,Iraq+Syria,,cjtf-oir-monthly-report,"
                     "no,CJTF-OIR,Example,high,https://example.org,,\n")
    edition = Edition(data_copy)
    assert "Engagements so far" in edition.figures_table().data
    table = edition.factcheck_table().data
    assert "Engagements so far" in table and "No rule checks this figure." in table
    steps = analysis.strike_rate_steps(edition.data.record)
    step = steps[steps["to_id"] == "S99"].iloc[0]
    assert step["per_day"] == pytest.approx((35000 - 34917) / 92)  # after S31 (30 Sep 2020): Oct-Dec 2020
