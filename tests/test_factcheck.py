"""Verdict rules, on small tables built for each edge case (including tables that flip each
verdict), then on the study's own data and the mutations a standards review tried on it."""
import pandas as pd
import pytest

from study import factcheck
from study.factcheck import ACCURATE, INACCURATE, MOSTLY_ACCURATE, UNLIKELY, UNPROVEN, Amount, Rate

from conftest import make_figure, make_record, make_study

MONTHS_2014 = [  # (as_of, period_start, strikes): 30 + 31 days
    ("2014-11-30", "2014-11-01", 300), ("2014-12-31", "2014-12-01", 465)]


def monthly(*extra):
    rows = [{"id": f"M{i}", "as_of": a, "period_start": p, "value": v, "kind": "period",
             "series": "monthly-counts"} for i, (a, p, v) in enumerate(MONTHS_2014)]
    return make_record(*rows, *extra)


def start_claim(value=50):
    return make_figure(value=value, unit="strikes per day", qualifier="up to", date="2014-12-31",
                       period_start="2014-11-01", check="start_rate")


def day(id_, as_of, value, **extra):
    return {"id": id_, "as_of": as_of, "value": value, "kind": "day", "series": "releases", **extra}


# ----- start_rate: a claimed maximum day, against the days and months of its own period -----
def test_start_rate_unlikely_when_the_claim_is_three_times_the_busiest_month():
    check = factcheck.start_rate(start_claim(50), make_study(monthly()))
    # busiest month: 465 / 31 = 15 a day; 50 is 3.3 times that, and no single day is recorded.
    assert check.verdict == UNLIKELY and check.missing == ("missing_days",)
    assert check.params["busiest_rate"] == Rate(pytest.approx(15.0), "strikes per day")
    assert check.params["multiple"] == pytest.approx(50 / 15)
    # The margin: the busiest month would have to average 50 / 3 a day for the verdict to turn.
    assert check.margin == "margin_unlikely" and check.params["threshold"].value == pytest.approx(50 / 3)


def test_start_rate_unproven_when_the_busiest_month_is_above_a_third_of_the_claim():
    check = factcheck.start_rate(start_claim(44), make_study(monthly()))  # 44 / 3 = 14.7 < 15
    assert (check.verdict, check.margin) == (UNPROVEN, "margin_unproven_start")


def test_start_rate_accurate_when_a_firm_recorded_day_reaches_the_claim():
    check = factcheck.start_rate(start_claim(50), make_study(monthly(day("D1", "2014-12-10", 52))))
    assert check.verdict == ACCURATE and check.evidence == ("D1",)
    assert check.params["day_slack"] == Amount(3, "strikes")  # 52, 51, 50 reach it; 49 would not


def test_start_rate_only_mostly_accurate_on_a_derived_or_lower_bound_day():
    derived = day("D1", "2014-12-10", 52, derived="yes", qualifier="at least", confidence="medium")
    check = factcheck.start_rate(start_claim(50), make_study(monthly(derived)))
    assert check.verdict == MOSTLY_ACCURATE
    assert check.context == ("context_day_derived", "context_day_lower_bound")


def test_start_rate_with_no_record_for_the_period():
    record = monthly()
    record["as_of"] += pd.DateOffset(years=3)
    record["period_start"] += pd.DateOffset(years=3)
    check = factcheck.start_rate(start_claim(), make_study(record))
    assert (check.verdict, check.reason, check.missing) == (UNPROVEN, "reason_no_record", ("missing_days",))


def test_start_rate_uses_one_series_only():
    other = {"id": "X", "as_of": "2014-12-31", "period_start": "2014-12-01", "value": 31 * 40, "kind": "period",
             "series": "another-count"}  # 40 a day, from a series covering fewer days
    check = factcheck.start_rate(start_claim(), make_study(monthly(other)))
    assert "X" not in check.evidence and check.verdict == UNLIKELY


def test_start_rate_reads_only_what_was_published_by_the_time_of_the_report():
    late = day("D1", "2014-12-10", 52, published="2018-01")  # the report is of 21 November 2017
    assert factcheck.start_rate(start_claim(50), make_study(monthly(late))).verdict == UNLIKELY
    known = day("D1", "2014-12-10", 52, published="2015-03")  # published later than the period, before the report
    assert factcheck.start_rate(start_claim(50), make_study(monthly(known))).verdict == ACCURATE


# ----- peak_day -----
def peak_claim():
    return make_figure(value=50, unit="strikes per day", qualifier="more than", period_start="2014-08-08")


def test_peak_day_mostly_accurate_on_one_derived_lower_bound():
    record = make_record(day("D1", "2017-08-16", 55, qualifier="at least", derived="yes", confidence="medium"))
    check = factcheck.peak_day(peak_claim(), make_study(record))
    assert (check.verdict, check.reason, check.evidence[0]) == (MOSTLY_ACCURATE, "reason_peak_one_day", "D1")
    assert check.params["day_slack"] == Amount(5, "strikes")  # 55 - 5 = 50 is no longer 'more than 50'


def test_peak_day_accurate_on_a_firm_day_and_worded_for_several():
    record = make_record(day("D1", "2017-08-16", 55, qualifier="at least", derived="yes"), day("D2", "2017-08-20", 61))
    check = factcheck.peak_day(peak_claim(), make_study(record))
    assert (check.verdict, check.reason, check.margin) == (ACCURATE, "reason_peak_days", "margin_days_lower")
    assert check.params["reaching"] == 2


def test_peak_day_unproven_when_no_day_passes_it():
    record = make_record(day("D1", "2017-08-16", 41))
    check = factcheck.peak_day(peak_claim(), make_study(record))
    assert (check.verdict, check.reason) == (UNPROVEN, "reason_peak_day_missing")
    assert check.params["day_slack"] == Amount(9, "strikes")  # 41 is 9 short of 50


# ----- single_day -----
def test_single_day_resting_on_the_claimant_alone():
    record = make_record({"id": "D11", "as_of": "2017-11-08", "value": 1, "kind": "day", "series": "spokesman"},
                         day("D10", "2017-08-23", 17, series="cjtf-oir-strike-release", url="https://example.org/a"),
                         day("D13b", "2017-11-20", 1, published="2017-11-24"))
    figure = make_figure(value=1, date="2017-11-08", record_id="D11")
    check = factcheck.single_day(figure, make_study(record))
    assert (check.verdict, check.reason) == (UNPROVEN, "reason_only_claimant")
    assert check.missing == ("missing_release_after",) and check.params["last_daily"] == pd.Timestamp("2017-08-23")
    # A quiet day soon after, published after the report, is context, never evidence.
    assert check.params["later_days"] == [pd.Timestamp("2017-11-20")] and check.evidence == ()


def test_single_day_checked_against_an_independent_release():
    record = make_record(day("R", "2017-11-08", 4))
    check = factcheck.single_day(make_figure(value=1, date="2017-11-08"), make_study(record))
    assert check.verdict == INACCURATE and check.params["observed"] == Amount(4, "strikes")
    record = make_record(day("R", "2017-11-08", 1))
    assert factcheck.single_day(make_figure(value=1, date="2017-11-08"), make_study(record)).verdict == ACCURATE


# ----- people_freed (a level at a date) -----
def people(*rows):
    return make_record(*({"kind": "level", "unit": "people liberated", **r} for r in rows))


def people_claim():
    return make_figure(value=7_500_000, unit="people liberated", date="2017-11-21", record_id="P09")


def test_level_accurate_on_the_nearest_independent_figure_with_its_margin():
    record = people({"id": "P09", "as_of": "2017-11-21", "value": 7_500_000},
                    {"id": "P07", "as_of": "2017-10-26", "value": 6_900_000},
                    {"id": "P10", "as_of": "2017-11-30", "value": 7_500_000, "qualifier": "about"})
    check = factcheck.people_freed(people_claim(), make_study(record))
    assert check.verdict == ACCURATE and check.evidence == ("P10",)  # 9 days away beats 26
    assert check.params["slack"].value == pytest.approx(150_000)  # an exact figure agrees within 2%
    # The nearest figure comes after the claim; the last one published before it is said too.
    assert check.context == ("context_level_before", "context_level_after")
    assert check.params["before_value"] == Amount(6_900_000, "people liberated")


def test_level_with_two_sources_disagreeing_on_the_same_date():
    record = people({"id": "A", "as_of": "2017-11-30", "value": 7_500_000},
                    {"id": "B", "as_of": "2017-11-30", "value": 6_000_000})
    check = factcheck.people_freed(people_claim(), make_study(record))
    assert (check.verdict, check.reason) == (UNPROVEN, "reason_sources_disagree")


def test_level_inaccurate_against_a_different_figure():
    record = people({"id": "A", "as_of": "2017-11-30", "value": 6_000_000})
    check = factcheck.people_freed(people_claim(), make_study(record))
    assert check.verdict == INACCURATE and check.margin == "margin_tolerance_out"
    assert check.params["slack"].value == pytest.approx(7_350_000 - 6_000_000)  # to 98% of the claim


def test_level_with_no_record_near_the_date():
    record = people({"id": "A", "as_of": "2019-09-26", "value": 7_700_000})  # far outside 45 days
    check = factcheck.people_freed(people_claim(), make_study(record))
    assert (check.verdict, check.missing) == (UNPROVEN, ("missing_level",))


def test_the_claims_own_copy_in_the_record_is_not_evidence():
    record = people({"id": "P09", "as_of": "2017-11-21", "value": 7_500_000})
    assert factcheck.people_freed(people_claim(), make_study(record)).verdict == UNPROVEN


def test_low_confidence_rows_are_not_evidence():
    record = people({"id": "A", "as_of": "2017-11-30", "value": 7_500_000, "confidence": "low"})
    assert factcheck.people_freed(people_claim(), make_study(record)).verdict == UNPROVEN


# ----- membership: judged at the figure's own date -----
def members(*rows):
    return make_record(*({"kind": "level", "unit": "coalition members", "scope": "global", **r} for r in rows))


def members_claim():
    return make_figure(value=60, unit="coalition members", qualifier="about", date="2014-12-31")


def test_membership_judged_at_its_own_date_with_the_later_count_as_context():
    record = members({"id": "N02", "as_of": "2014-12-03", "value": 60}, {"id": "N06", "as_of": "2017-07-15", "value": 73})
    check = factcheck.membership(members_claim(), make_study(record))
    assert check.verdict == ACCURATE and check.evidence == ("N02",)
    assert check.context == ("context_members_by_report",) and check.params["now"] == Amount(73, "coalition members")
    assert check.params["slack"] == Amount(6, "coalition members")  # 60 may move to 54 or 66


def test_membership_inaccurate_when_the_count_at_its_date_differs():
    record = members({"id": "N02", "as_of": "2014-12-03", "value": 40}, {"id": "N06", "as_of": "2017-07-15", "value": 60})
    assert factcheck.membership(members_claim(), make_study(record)).verdict == INACCURATE


def test_membership_unproven_without_a_count_by_its_date():
    record = members({"id": "N06", "as_of": "2017-07-15", "value": 60})
    check = factcheck.membership(members_claim(), make_study(record))
    assert (check.verdict, check.missing) == (UNPROVEN, ("missing_level_before",))


# ----- active members, cadence, campaign age -----
def test_named_members_accurate_when_each_has_strike_counts():
    record = make_record({"id": "C1", "as_of": "2016-08-07", "value": 905, "unit": "strikes (UK only)", "country": "United Kingdom"},
                         {"id": "C2", "as_of": "2016-08-07", "value": 796, "unit": "strikes (France only)", "country": "France"})
    figure = make_figure(value=2, unit="countries", names_en="United Kingdom; France")
    assert factcheck.active_members(figure, make_study(record)).verdict == ACCURATE
    figure = make_figure(value=2, unit="countries", names_en="United Kingdom; Italy")
    check = factcheck.active_members(figure, make_study(record))
    assert check.verdict == UNPROVEN and check.params["missing"] == ["Italy"]


def releases(*spans, published=""):
    """Strike releases, each with its own address, covering start..end."""
    rows = []
    for i, (start, end) in enumerate(spans):
        rows.append({"id": f"R{i}", "as_of": end, "period_start": start if start != end else None, "value": 5,
                     "kind": "period" if start != end else "day", "series": "cjtf-oir-strike-release",
                     "url": f"https://example.org/release-{i}", "published": published})
    return make_record(*rows)


def test_cadence_from_the_days_each_release_covers():
    record = releases(("2017-11-20", "2017-11-23"), ("2017-11-24", "2017-11-27"), ("2017-11-28", "2017-11-30"))
    after = make_figure(value=2, unit="reports per week", date="2017-11-20")
    check = factcheck.cadence(after, make_study(record))
    # half the releases cover 4 days or less: 7 / 4 = 1.75 a week, which rounds to 2; the one of 3 days
    # (2.3 a week) rounds to 2 as well, so none is an exception.
    assert check.params["per_week"].value == pytest.approx(1.75) and check.verdict == ACCURATE
    daily = make_figure(value=7, unit="reports per week", date="2017-11-20")
    assert factcheck.cadence(daily, make_study(record)).verdict == INACCURATE


def test_cadence_counts_releases_not_rows_and_names_the_exceptions():
    record = releases(*[(f"2017-08-{d:02d}",) * 2 for d in range(15, 20)], ("2017-11-13", "2017-11-16"))
    record = pd.concat([record, record.iloc[[0]].assign(id="R0b", as_of=pd.Timestamp("2017-08-14"))])  # same release
    before = make_figure(value=7, unit="reports per week", date="2017-11-20", period_start="2014-08-08")
    check = factcheck.cadence(before, make_study(record))
    assert check.params["releases"] == Amount(6, "strike releases")  # R0 and R0b are one release
    assert (check.verdict, check.context) == (MOSTLY_ACCURATE, ("context_release_exceptions",))
    assert check.params["exception_days"] == Amount(4, "days")
    # The releases begin in August 2017, three years into the period; the last one-day release is of 19 August.
    assert check.missing == ("missing_releases_before", "missing_daily_after")
    assert check.params["last_daily"] == pd.Timestamp("2017-08-19")
    # Five daily releases and one of four days: were 2 of the daily ones to cover four weeks, the middle
    # two of the six would cover 1 and 4 days, 2.5 on average: 2.8 reports a week, not 7.
    assert check.params["turn"] == Amount(2, "strike releases")


def test_cadence_leaves_out_releases_published_after_the_claims_date():
    record = releases(("2017-11-13", "2017-11-16"), published="2017-11-24")
    before = make_figure(value=7, unit="reports per week", date="2017-11-20", period_start="2014-08-08")
    assert factcheck.cadence(before, make_study(record)).missing == ("missing_releases",)


def first_strike():
    return pd.DataFrame({"id": ["EV01"], "date": [pd.Timestamp("2014-08-08")], "label_en": ["First US strike"],
                         "label_ar": ["أول غارة أمريكية"], "event_en": [""], "event_ar": [""],
                         "url": ["https://example.org"], "publisher": ["Example"]})


def test_campaign_age_in_rounded_years_with_its_margin_in_days():
    figure = make_figure(value=3, unit="years", qualifier="about", date="2017-11-21")
    check = factcheck.campaign_age(figure, make_study(make_record(), events=first_strike()))
    assert check.verdict == ACCURATE  # 8 Aug 2014 to 21 Nov 2017: 1,201 days, 3.29 years
    # 3.5 years is 1,278.4 days: the start would have to be 77 days earlier.
    assert (check.margin, check.params["turn_days"]) == ("margin_age_earlier", Amount(77, "days"))
    figure = make_figure(value=4, unit="years", qualifier="about", date="2017-11-21")
    assert factcheck.campaign_age(figure, make_study(make_record(), events=first_strike())).verdict == INACCURATE


def test_agreement_by_qualifier():
    assert factcheck.agrees(60, "about", 66) and not factcheck.agrees(60, "about", 67)
    assert factcheck.agrees(50, "more than", 55) and not factcheck.agrees(50, "more than", 50)
    assert factcheck.agrees(50, "up to", 12) and not factcheck.agrees(50, "up to", 51)
    assert factcheck.slack(60, "about", 60) == pytest.approx(6) and factcheck.slack(50, "more than", 55) == 5


def test_publication_dates_may_be_partial():
    record = make_record(*({"id": i, "as_of": "2017-11-01", "value": 1, "published": p}
                           for i, p in (("A", ""), ("B", "2017"), ("C", "2017-11"), ("D", "2017-11-22"), ("E", "2018"))))
    assert list(factcheck.published_by(record, pd.Timestamp("2017-11-21"))["id"]) == ["A", "B", "C"]


# ----- the study's own data, and the mutations a standards review tried -----
def checks(study, record=None, figures=None):
    frame = factcheck.check_all(study.figures if figures is None else figures,
                                study.record if record is None else record, study.events, study.sources)
    return frame.set_index("id")


def test_known_findings_from_the_record(study):
    found = checks(study)
    start = found.loc["strikes-per-day-start"]
    # Its own period, the summer of 2014 (8 Aug - 30 Sep): 100 + 196 strikes in 24 + 30 days, no single day.
    assert (start["verdict"], start["missing"]) == (UNLIKELY, ("missing_days",))
    assert start["params"]["average"].value == pytest.approx(296 / 54)  # about 5.5 a day
    peak = found.loc["strikes-per-day-peak"]
    assert peak["verdict"] == MOSTLY_ACCURATE and peak["params"]["reaching"] == 1  # D06d alone, derived
    assert found.loc["strikes-2017-11-08", "reason"] == "reason_only_claimant"  # the spokesman's word alone
    assert found.loc["coalition-members", "verdict"] == ACCURATE  # 60 partners in December 2014
    assert found.loc["coalition-members", "params"]["now"] == Amount(73, "coalition members")  # context
    assert found.loc["people-freed", "verdict"] == ACCURATE and found.loc["people-freed", "evidence"] == "P10"


def test_the_cadence_before_the_change_counts_releases_published_by_then(study):
    before = checks(study).loc["reports-per-week-before"]
    ids = before["evidence"].split(", ")
    assert "D06" not in ids and "D05" in ids  # one release of 17 August 2017, counted once
    assert not {"D13", "D13a"} & set(ids)  # the release of 24 November came after the change
    assert before["params"]["releases"] == Amount(9, "strike releases")
    assert before["params"]["exception_date"] == pd.Timestamp("2017-11-16")  # D12 already covered four days
    assert before["params"]["last_daily"] == pd.Timestamp("2017-08-23")


def test_a_december_count_cannot_move_a_verdict_about_the_summer(study):
    record = study.record.copy()
    record.loc[record["id"] == "M05", "value"] = 19 * 31  # the rate M08 would imply for December
    assert checks(study, record).loc["strikes-per-day-start", "verdict"] == UNLIKELY


def test_every_verdict_follows_the_data(study):
    """Change the record a verdict rests on and the verdict changes."""
    record = study.record.copy()
    record.loc[record["id"] == "P10", "value"] = 6_000_000
    assert checks(study, record).loc["people-freed", "verdict"] == INACCURATE
    record = study.record.copy()
    record.loc[record["id"] == "M02", "value"] = 17 * 30  # September at 17 a day: 50 is under 3 times that
    assert checks(study, record).loc["strikes-per-day-start", "verdict"] == UNPROVEN
    record = study.record.copy()
    record.loc[record["id"] == "D06d", "value"] = 50  # 'at least 50' no longer passes 'more than 50'
    assert checks(study, record).loc["strikes-per-day-peak", "verdict"] == UNPROVEN
    record = study.record.copy()
    record.loc[record["id"] == "N02", "value"] = 45
    assert checks(study, record).loc["coalition-members", "verdict"] == INACCURATE
