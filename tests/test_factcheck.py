"""Verdict rules, on small tables built for each edge case, then on the study's own data."""
import pandas as pd
import pytest

from study import factcheck
from study.factcheck import CONTRADICTED, NOT_CHECKABLE, OUTDATED, SUPPORTED

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


# ----- start_rate -----
def test_start_rate_contradicted_when_the_claim_is_three_times_the_busiest_month():
    check = factcheck.start_rate(start_claim(50), make_study(monthly()))
    # busiest month: 465 / 31 = 15 a day; 50 >= 3 x 15 = 45, and no single day recorded.
    assert check.verdict == CONTRADICTED
    assert check.params["busiest_rate"] == pytest.approx(15.0)
    assert check.gap == pytest.approx(50 / (765 / 61))  # claim / average over the 61 days


def test_start_rate_not_checkable_when_averages_cannot_rule_it_out():
    check = factcheck.start_rate(start_claim(40), make_study(monthly()))  # 40 < 45
    assert check.verdict == NOT_CHECKABLE


def test_start_rate_supported_when_a_recorded_day_reaches_the_claim():
    day = {"id": "D1", "as_of": "2014-12-10", "value": 52, "kind": "day", "series": "releases"}
    assert factcheck.start_rate(start_claim(50), make_study(monthly(day))).verdict == SUPPORTED


def test_start_rate_with_no_record_for_the_period():
    record = monthly()
    record["as_of"] += pd.DateOffset(years=3)
    record["period_start"] += pd.DateOffset(years=3)
    check = factcheck.start_rate(start_claim(), make_study(record))
    assert (check.verdict, check.reason) == (NOT_CHECKABLE, "reason_no_record")


def test_start_rate_uses_one_series_only():
    other = {"id": "X", "as_of": "2014-12-31", "period_start": "2014-12-01", "value": 31 * 40, "kind": "period",
             "series": "another-count"}  # 40 a day, from a series covering fewer days
    check = factcheck.start_rate(start_claim(), make_study(monthly(other)))
    assert "X" not in check.evidence and check.verdict == CONTRADICTED


# ----- peak_day -----
def test_peak_day_supported_by_a_day_at_or_above_the_claim():
    record = make_record({"id": "D1", "as_of": "2017-08-16", "value": 55, "kind": "day", "qualifier": "at least"})
    figure = make_figure(value=50, unit="strikes per day", qualifier="more than", period_start="2014-08-08")
    check = factcheck.peak_day(figure, make_study(record))
    assert check.verdict == SUPPORTED and check.evidence[0] == "D1"


def test_peak_day_not_checkable_when_no_day_reaches_it():
    record = make_record({"id": "D1", "as_of": "2017-08-16", "value": 41, "kind": "day"})
    figure = make_figure(value=50, unit="strikes per day", qualifier="more than", period_start="2014-08-08")
    assert factcheck.peak_day(figure, make_study(record)).verdict == NOT_CHECKABLE


# ----- single_day -----
def test_single_day_resting_on_the_claimant_alone():
    record = make_record({"id": "D11", "as_of": "2017-11-08", "value": 1, "kind": "day", "series": "spokesman"},
                         {"id": "D13b", "as_of": "2017-11-20", "value": 1, "kind": "day"})
    figure = make_figure(value=1, date="2017-11-08", record_id="D11")
    check = factcheck.single_day(figure, make_study(record))
    assert (check.verdict, check.reason) == (NOT_CHECKABLE, "reason_only_claimant")
    assert check.params["later_days"] == [pd.Timestamp("2017-11-20")]


def test_single_day_checked_against_an_independent_release():
    record = make_record({"id": "R", "as_of": "2017-11-08", "value": 4, "kind": "day"})
    check = factcheck.single_day(make_figure(value=1, date="2017-11-08"), make_study(record))
    assert check.verdict == CONTRADICTED and check.gap == pytest.approx(1 / 4)


# ----- people_freed (a level at a date) -----
def people(*rows):
    return make_record(*({"kind": "level", "unit": "people liberated", **r} for r in rows))


def people_claim():
    return make_figure(value=7_500_000, unit="people liberated", date="2017-11-21", record_id="P09")


def test_level_supported_by_the_nearest_independent_figure():
    record = people({"id": "P09", "as_of": "2017-11-21", "value": 7_500_000},
                    {"id": "P07", "as_of": "2017-10-26", "value": 6_900_000},
                    {"id": "P10", "as_of": "2017-11-30", "value": 7_500_000, "qualifier": "about"})
    check = factcheck.people_freed(people_claim(), make_study(record))
    assert check.verdict == SUPPORTED and check.evidence == ("P10",)  # 9 days away beats 26


def test_level_with_two_sources_disagreeing_on_the_same_date():
    record = people({"id": "A", "as_of": "2017-11-30", "value": 7_500_000},
                    {"id": "B", "as_of": "2017-11-30", "value": 6_000_000})
    check = factcheck.people_freed(people_claim(), make_study(record))
    assert (check.verdict, check.reason) == (NOT_CHECKABLE, "reason_sources_disagree")


def test_level_contradicted_by_a_different_figure():
    record = people({"id": "A", "as_of": "2017-11-30", "value": 6_000_000})
    check = factcheck.people_freed(people_claim(), make_study(record))
    assert check.verdict == CONTRADICTED and check.gap == pytest.approx(7.5 / 6)


def test_level_with_no_record_near_the_date():
    record = people({"id": "A", "as_of": "2019-09-26", "value": 7_700_000})  # far outside 45 days
    assert factcheck.people_freed(people_claim(), make_study(record)).verdict == NOT_CHECKABLE


def test_the_claims_own_copy_in_the_record_is_not_evidence():
    record = people({"id": "P09", "as_of": "2017-11-21", "value": 7_500_000})
    assert factcheck.people_freed(people_claim(), make_study(record)).verdict == NOT_CHECKABLE


def test_low_confidence_rows_are_not_evidence():
    record = people({"id": "A", "as_of": "2017-11-30", "value": 7_500_000, "confidence": "low"})
    assert factcheck.people_freed(people_claim(), make_study(record)).verdict == NOT_CHECKABLE


# ----- membership -----
def members(*rows):
    return make_record(*({"kind": "level", "unit": "coalition members", "scope": "global", **r} for r in rows))


def members_claim():
    return make_figure(value=60, unit="coalition members", qualifier="about", date="2014-12-31")


def test_membership_outdated_when_true_once_but_not_at_publication():
    record = members({"id": "N02", "as_of": "2014-12-03", "value": 60}, {"id": "N06", "as_of": "2017-07-15", "value": 73})
    check = factcheck.membership(members_claim(), make_study(record))
    assert check.verdict == OUTDATED  # 73 is more than 10% above 'about 60'
    assert check.gap == pytest.approx(60 / 73)


def test_membership_supported_when_still_true_at_publication():
    record = members({"id": "N02", "as_of": "2014-12-03", "value": 60}, {"id": "N06", "as_of": "2017-07-15", "value": 64})
    assert factcheck.membership(members_claim(), make_study(record)).verdict == SUPPORTED  # 64 within 10% of 60


def test_membership_contradicted_when_never_true():
    record = members({"id": "N02", "as_of": "2014-12-03", "value": 40}, {"id": "N06", "as_of": "2017-07-15", "value": 45})
    assert factcheck.membership(members_claim(), make_study(record)).verdict == CONTRADICTED


# ----- active members, cadence, campaign age -----
def test_named_members_supported_when_each_has_strike_counts():
    record = make_record({"id": "C1", "as_of": "2016-08-07", "value": 905, "unit": "strikes (UK only)", "country": "United Kingdom"},
                         {"id": "C2", "as_of": "2016-08-07", "value": 796, "unit": "strikes (France only)", "country": "France"})
    figure = make_figure(value=2, unit="countries", names_en="United Kingdom; France")
    assert factcheck.active_members(figure, make_study(record)).verdict == SUPPORTED
    figure = make_figure(value=2, unit="countries", names_en="United Kingdom; Italy")
    check = factcheck.active_members(figure, make_study(record))
    assert check.verdict == NOT_CHECKABLE and check.params["missing"] == ["Italy"]


def releases(*spans):
    rows = []
    for i, (start, end) in enumerate(spans):
        rows.append({"id": f"R{i}", "as_of": end, "period_start": start if start != end else None, "value": 5,
                     "kind": "period" if start != end else "day", "series": "cjtf-oir-strike-release"})
    return make_record(*rows)


def test_cadence_from_the_days_each_release_covers():
    record = releases(("2017-11-20", "2017-11-23"), ("2017-11-24", "2017-11-27"), ("2017-11-28", "2017-11-30"))
    after = make_figure(value=2, unit="reports per week", date="2017-11-20")
    check = factcheck.cadence(after, make_study(record))
    # median release covers 4 days: 7 / 4 = 1.75 a week, which rounds to 2.
    assert check.params["per_week"] == pytest.approx(1.75) and check.verdict == SUPPORTED
    daily = make_figure(value=7, unit="reports per week", date="2017-11-20")
    assert factcheck.cadence(daily, make_study(record)).verdict == CONTRADICTED


def test_campaign_age_in_whole_years():
    figure = make_figure(value=3, unit="years", qualifier="about", date="2017-11-21")
    check = factcheck.campaign_age(figure, make_study(make_record()))
    assert check.verdict == SUPPORTED  # 8 Aug 2014 to 21 Nov 2017: 3 whole years (3.3)
    figure = make_figure(value=4, unit="years", qualifier="about", date="2017-11-21")
    assert factcheck.campaign_age(figure, make_study(make_record())).verdict == CONTRADICTED


def test_agreement_by_qualifier():
    assert factcheck.agrees(60, "about", 66) and not factcheck.agrees(60, "about", 67)
    assert factcheck.agrees(50, "more than", 55) and not factcheck.agrees(50, "more than", 49)
    assert factcheck.agrees(50, "up to", 12) and not factcheck.agrees(50, "up to", 51)


# ----- the study's own data: the findings NOTES.md documents -----
def verdicts(study):
    """Each figure's check, as a `Check` built from its row of `check_all`."""
    checks = factcheck.check_all(study.figures, study.record, study.events, study.sources)
    return {row.id: factcheck.Check(row.verdict, row.reason, row.params, tuple(filter(None, row.evidence.split(", "))),
                                    None if pd.isna(row.gap) else row.gap) for row in checks.itertuples()}


def test_known_findings_from_the_record(study):
    found = verdicts(study)
    start = found["strikes-per-day-start"]
    assert start.verdict == CONTRADICTED  # about 10.6 a day in Aug-Dec 2014, far below 50
    assert start.params["average"] == pytest.approx(1554 / 146) and start.gap == pytest.approx(50 / (1554 / 146))
    peak = found["strikes-per-day-peak"]
    assert peak.verdict == SUPPORTED and peak.params["day_value"] == 55  # D06d, 16 Aug 2017
    assert peak.params["peak_rate"] == pytest.approx((27566 - 20205) / 183)  # 2017 the busiest period
    assert found["strikes-2017-11-08"].reason == "reason_only_claimant"  # the spokesman's word alone
    assert found["coalition-members"].verdict == OUTDATED and found["coalition-members"].params["now_value"] == 73
    assert found["people-freed"].verdict == SUPPORTED and found["people-freed"].evidence == ("P10",)


def test_every_verdict_follows_the_data(study):
    """Change the record a verdict rests on and the verdict changes."""
    record = study.record.copy()
    record.loc[record["id"] == "P10", "value"] = 6_000_000
    changed = make_study(record, study.events, study.sources)
    figure = study.figures.set_index("id").loc["people-freed"]
    assert factcheck.people_freed(figure, changed).verdict == CONTRADICTED
