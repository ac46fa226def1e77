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
    assert "One recorded day of the period passed 50 strikes: at least 55 strikes on 16 August 2017." in one
    record = study.record.copy()
    record.loc[record["id"] == "D08", "value"] = 61  # a second day above 50 (20 August 2017)
    several = findings(study, en, record=record)
    assert "2 days of the period on record passed 50 strikes; the busiest had 61 strikes (20 August 2017)." in several


def test_the_start_and_the_peak_are_set_out_apart_each_with_its_series(study, en):
    lines = findings(study, en).splitlines()
    start = next(line for line in lines if line.startswith("- At the start"))
    peak = next(line for line in lines if line.startswith("- At the peak"))
    assert strings()["prose_series_cjtf-oir-monthly-counts-2014"]["en"] in start
    assert strings()["prose_series_cjtf-oir-monthly-report"]["en"] in peak
    assert "5.5 strikes a day" in start and "40 strikes a day" not in start  # 296 / 54 in the summer of 2014
    assert "40 strikes a day" in peak  # (27,566 - 20,205) / 183 in April-September 2017
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
    assert "The record has no count for a single day of 8 August 2014 – 30 September 2014" in story.explain(start, en)
    assert story.margin(start, en).startswith("It would be unproven rather than unlikely if the busiest month had "
                                              "averaged 16.7 strikes a day or more")  # 50 / 3


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
    # After the peak (April-September 2017) come the next three steps of the same CJTF-OIR series; the
    # first two end on S19, 'nearly 28,200', so their rates are approximate.
    assert "Then about 20 strikes a day on average in October 2017." in text
    assert "Then 7.4 strikes a day on average in December 2017 – February 2018." in text
    assert text.count("Then ") == 3


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
