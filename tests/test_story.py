"""Sentences whose truth depends on the data are chosen by the data: change the figures and
see which sentence appears. Rates from different series are never joined into one line."""
import pandas as pd
import pytest

from study import analysis, factcheck, story
from study.text import Text, strings


@pytest.fixture
def en(study):
    return Text("en", units=study.units)


def edited(study, figure_id, **values):
    figures = study.figures.copy()
    for column, value in values.items():
        figures.loc[figures["id"] == figure_id, column] = value
    return figures


def sentence(key, lang="en"):
    """The fixed opening words of a sentence of strings.csv, before its first placeholder."""
    return strings()[key][lang].split("{")[0].strip() or strings()[key][lang].split("}")[-1].strip()


def wording(study, figures, tx):
    checks = factcheck.check_all(figures, study.record, study.events, study.sources)
    return story.wording_note(checks, study.sources, tx).data


def test_the_wording_note_says_same_number_only_when_it_is(study, en):
    assert strings()["wording_other_verdict"]["en"] in wording(study, study.figures, en)  # 50 and 50
    other = wording(study, edited(study, "strikes-per-day-start", value=40.0), en)
    assert strings()["wording_other_numbers"]["en"] in other
    assert strings()["wording_other_verdict"]["en"] not in other


def test_the_wording_note_says_same_verdict_when_both_get_one(study, en):
    # The English version's figure made the same claim as the Arabic one: the same verdict, unlikely.
    figures = edited(study, "strikes-per-day-peak", qualifier="up to", date=pd.Timestamp("2014-09-30"),
                     check="start_rate")
    assert strings()["wording_same_verdict"]["en"] in wording(study, figures, en)


def findings(study, tx, figures=None, record=None):
    return story.findings(study.figures if figures is None else figures,
                          study.record if record is None else record, study.events, study.sources, tx).data


def test_a_maximum_is_called_a_maximum_only_when_the_figure_is_one(study, en):
    assert strings()["findings_maximum"]["en"] in findings(study, en)
    assert strings()["findings_maximum"]["en"] not in findings(study, en, edited(study, "strikes-per-day-start",
                                                                                 qualifier="about"))


def test_one_day_or_several_days_as_the_record_has_them(study, en):
    one = findings(study, en)
    assert "One recorded day of the period had more than 50 strikes: at least 55 strikes on 16 August 2017." in one
    record = study.record.copy()
    record.loc[record["id"] == "D08", "value"] = 61  # a second day above 50 (20 August 2017)
    several = findings(study, en, record=record)
    assert "2 days of the period on record had more than 50 strikes; the busiest had 61 strikes (20 August 2017)." in several


def test_the_start_and_the_peak_are_set_out_apart_each_with_its_series(study, en):
    lines = findings(study, en).splitlines()
    start = next(line for line in lines if line.startswith("- At the start"))
    peak = next(line for line in lines if line.startswith("- At the peak"))
    assert strings()["prose_series_cjtf-oir-monthly-counts-2014"]["en"] in start
    assert strings()["prose_series_cjtf-oir-monthly-report"]["en"] in peak
    # 296 / 54 in the summer of 2014 is 5.48: a lower bound, written 'at least 5.4', never rounded up.
    assert "at least 5.4 strikes a day" in start and "40 strikes a day" not in start
    assert "40 strikes a day" in peak  # (27,566 - 20,205) / 183 in April-September 2017
    days = next(line for line in lines if line.startswith("- In the claim's own days"))
    assert "15 strikes (18 August 2014)" in days and "on 12 days of them" in days  # 19-30 September: nothing bounds them
    assert "rising" not in " ".join(lines)


def test_the_reporting_change_is_worded_by_its_direction(study, en):
    figure = study.figures.set_index("id")
    before, after = figure.loc["reports-per-week-before"], figure.loc["reports-per-week-after"]
    assert "71% fewer reports" in story.cadence_text(before, after, en).data  # (7 - 2) / 7
    more = story.cadence_text(before, after.copy().replace({after["value"]: 14.0}), en).data
    assert "100% more reports" in more and "fewer" not in more
    assert story.cadence_text(before, before, en).data == "The coalition said it would keep publishing 7 strike reports a week."


def test_the_headline_calls_the_comparison_uneven_only_for_a_maximum(study, en):
    figure = study.figures.set_index("id")
    start, end = figure.loc["strikes-per-day-start"], figure.loc["strikes-2017-11-08"]
    assert strings()["headline_maximum"]["en"] in story.headline(start, end, en).data
    plain = start.copy()
    plain["qualifier"] = "exact"
    assert strings()["headline_maximum"]["en"] not in story.headline(plain, end, en).data


def test_every_check_states_its_evidence_its_margin_and_the_missing_days(study):
    checks = factcheck.check_all(study.figures, study.record, study.events, study.sources)
    for lang in ("en", "ar"):
        tx = Text(lang, units=study.units)
        for _, check in checks.iterrows():
            assert story.explain(check, tx) and story.margin(check, tx) != "—", (lang, check["id"])
    start = checks.set_index("id").loc["strikes-per-day-start"]
    en = Text("en", units=study.units)
    assert ("On 12 days of the period (19 September 2014 – 30 September 2014), no count and no pair of running "
            "totals rules out 50 strikes.") in story.explain(start, en)
    assert story.margin(start, en) == "The verdict would change if the busiest recorded day had had 2 strikes more."


def test_the_arabic_dual_is_written_in_the_case_its_sentence_needs(study):
    ar = Text("ar", units=study.units)
    verdicts = story.findings(study.figures, study.record, study.events, study.sources, ar).data
    assert "بيانان عن الغارات في الأسبوع:" in verdicts  # a verdict line: the figure before a colon, nominative
    figure = study.figures.set_index("id")
    end = figure.loc["strikes-2017-11-08"].copy()
    end["value"] = 2.0
    assert "وغارتين في" in story.headline(figure.loc["strikes-per-day-start"], end, ar).data  # after بين: genitive


def test_decline_steps_stay_in_the_peaks_series(study, en):
    steps = analysis.strike_rate_steps(study.record)
    text = story.decline_text(steps, analysis.monthly_strike_rates(study.record),
                              study.figures.set_index("id").loc["strikes-per-day-start"], en).data
    # After the peak (April-September 2017) come the next three steps of the same CJTF-OIR series: S18 to
    # S51 (28,198, exact; S19's 'nearly 28,200' is not used), S51 to S20, S20 to S21.
    assert "Then 20.4 strikes a day on average in October 2017." not in text  # 632 / 31 = 20.39: written 20
    assert "Then 20 strikes a day on average in October 2017." in text
    assert "Then 12.1 strikes a day on average in November 2017." in text  # 364 / 30
    assert text.count("Then ") == 3


# ----- sentences chosen by the data (issue: each tested in both languages) -----
def both():
    return [Text(lang) for lang in ("en", "ar")]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_headline_says_fall_rise_or_no_change_by_the_data(study, lang):
    tx = Text(lang, units=study.units)
    figure = study.figures.set_index("id")
    start, end = figure.loc["strikes-per-day-start"].copy(), figure.loc["strikes-2017-11-08"].copy()
    def movement(key):  # the words between the date and the percentage: 'a fall of', 'a rise of'
        return strings()[key][lang].split("{date}")[1].split("{percent}")[0]
    fall = story.headline(start, end, tx).data
    assert movement("headline") in fall and tx.percent(98) in fall
    end["value"] = 100.0
    rise = story.headline(start, end, tx).data
    assert movement("headline_rise") in rise and movement("headline") not in rise and tx.percent(100) in rise
    assert "−" not in rise and "-" + tx.percent(100) not in rise
    end["value"] = start["value"]
    assert strings()["headline_same"][lang].split("{date}")[1].split("{")[0] in story.headline(start, end, tx).data


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_unnamed_countries_are_one_or_several_by_the_data(study, lang):
    tx = Text(lang, units=study.units)
    checks = factcheck.check_all(study.figures, study.record, study.events, study.sources).set_index("id")
    one = story.explain(checks.loc["active-members-named"], tx)
    assert sentence("context_unnamed_one", lang) in one and tx.country("Netherlands") in one
    record = study.record.copy()
    canada = record[record["id"] == "C07"].assign(id="CX", country="Canada", unit="strikes (Canada only)", value=480)
    several = factcheck.check_all(study.figures, pd.concat([record, canada]), study.events, study.sources)
    text = story.explain(several.set_index("id").loc["active-members-named"], tx)
    assert strings()["context_unnamed_several"][lang].split("{lowest_named}")[0].split("}")[-1] in text
    # Only the named and those ranked above one of them are listed: not every country the record counts.
    assert tx.country("Denmark") not in one


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_days_verb_follows_the_claims_qualifier(study, lang):
    tx = Text(lang, units=study.units)
    figures = edited(study, "strikes-per-day-peak", qualifier="at least")
    checks = factcheck.check_all(figures, study.record, study.events, study.sources).set_index("id")
    text = story.explain(checks.loc["strikes-per-day-peak"], tx)
    assert tx.quantity(50, "strikes", "at least") in text and tx.quantity(50, "strikes", "more than") not in text


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_mostly_accurate_day_never_promises_accurate_from_a_change_of_its_count(study, lang):
    tx = Text(lang, units=study.units)
    checks = factcheck.check_all(study.figures, study.record, study.events, study.sources).set_index("id")
    peak = checks.loc["strikes-per-day-peak"]  # D06d: at least 55, derived: no count of it can be firm
    assert peak["margin"] == "margin_day_lower_firm" and sentence("margin_day_lower_firm", lang) in story.margin(peak, tx)
    record = study.record.copy()
    record.loc[record["id"] == "D06d", ["derived", "qualifier", "confidence"]] = ["no", "exact", "high"]
    firm = factcheck.check_all(study.figures, record, study.events, study.sources).set_index("id")
    assert firm.loc["strikes-per-day-peak", "margin"] == "margin_day_lower"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_day_inside_a_release_of_several_days_is_not_called_uncovered(study, lang):
    tx = Text(lang, units=study.units)
    figures = edited(study, "strikes-2017-11-08", date=pd.Timestamp("2017-11-14"))  # inside D12's 13-16 November
    checks = factcheck.check_all(figures, study.record, study.events, study.sources).set_index("id")
    text = story.explain(checks.loc["strikes-2017-11-08"], tx)
    assert sentence("missing_release_spans_day", lang) in text and tx.quantity(34, "strikes") in text


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_where_the_figures_come_from_is_said_from_the_data(study, lang):
    tx = Text(lang, units=study.units)
    text = story.article_intro(study.figures, study.sources, tx).data
    assert strings()["figures_from_several"][lang].split("{others}")[0].split("}")[-1] in text  # one is Arab News'
    assert tx.field(study.sources.set_index("id").loc["arabnews-2017-11-21"], "publisher").split(" ")[0] in text
    own = edited(study, "strikes-per-day-peak", source_id="youm7-2017-11-21", paragraph=4)
    assert sentence("figures_from_report", lang) in story.article_intro(own, study.sources, tx).data


def test_verdicts_on_an_empty_record_say_what_is_missing_in_both_languages(study):
    """Every rule's 'nothing to go on' path has its sentences and their numbers, in either language."""
    empty = study.record.iloc[:0]
    checks = factcheck.check_all(study.figures, empty, study.events.iloc[:0], study.sources)
    assert set(checks["verdict"]) == {factcheck.UNPROVEN}
    for lang in ("en", "ar"):
        tx = Text(lang, units=study.units)
        for _, check in checks.iterrows():
            written = story.explain(check, tx)
            for key in check["missing"]:  # the evidence the record lacks is said, placeholders filled
                assert strings()[key][lang].split("{")[0].strip() in written, (lang, check["id"], key)
            assert "{" not in written + story.margin(check, tx), (lang, check["id"])
