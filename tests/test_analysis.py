"""Derived numbers, each checked against arithmetic a reader can do by hand from two or three rows."""
import pandas as pd
import pytest

from study import analysis

from conftest import make_record


def test_the_articles_fall_from_its_two_days(study):
    figure = study.figures.set_index("id")
    fall = analysis.fall(figure.loc["strikes-per-day-start"], figure.loc["strikes-2017-11-08"])
    # up to 50 a day (from 2014-08-08) against 1 strike on 2017-11-08 (article_figures.csv)
    assert fall["ratio"] == 50 / 1
    assert fall["percent"] == pytest.approx((50 - 1) / 50 * 100)  # 98%
    assert fall["days"] == 146 + 365 + 366 + 311  # rest of 2014, 2015, 2016 (leap), 2017 to 8 Nov = 1188


def test_rate_between_two_official_totals_of_one_series(study):
    steps = analysis.strike_rate_steps(study.record)
    step = steps[(steps["from_id"] == "S15") & (steps["to_id"] == "S18")].iloc[0]
    # S15: 20,205 strikes by 31 Mar 2017; S18: 27,566 by 30 Sep 2017; 1 Apr-30 Sep is 183 days.
    assert step["days"] == 30 + 31 + 30 + 31 + 31 + 30
    assert step["per_day"] == pytest.approx((27566 - 20205) / 183)  # about 40.2


def test_the_first_step_runs_from_the_start_of_the_series():
    record = make_record({"id": "A", "as_of": "2014-08-17", "period_start": "2014-08-08", "value": 20},
                         {"id": "B", "as_of": "2014-08-27", "period_start": "2014-08-08", "value": 50})
    steps = analysis.rates_between_totals(record)
    assert list(steps["days"]) == [10, 10]  # 8-17 Aug and 18-27 Aug, both ends counted
    assert list(steps["per_day"]) == [2.0, 3.0]  # 20 / 10 and (50 - 20) / 10


def test_a_total_lower_than_the_one_before_is_left_out_of_the_steps():
    record = make_record({"id": "A", "as_of": "2015-01-01", "period_start": "2014-08-08", "value": 1000},
                         {"id": "B", "as_of": "2015-06-01", "period_start": "2014-08-08", "value": 900},
                         {"id": "C", "as_of": "2016-01-01", "period_start": "2014-08-08", "value": 2000})
    steps = analysis.rates_between_totals(record)
    assert list(steps["to_id"]) == ["A", "C"]
    assert analysis.undrawn_totals(record, steps) == ["B"]


def test_mixed_units_are_refused():
    record = make_record({"id": "A", "as_of": "2015-01-01", "period_start": "2014-08-08", "value": 10, "unit": "strikes"},
                         {"id": "B", "as_of": "2016-01-01", "period_start": "2014-08-08", "value": 30,
                          "unit": "weapons released"})
    with pytest.raises(analysis.MixedUnitsError, match="one unit"):
        analysis.rates_between_totals(record)
    with pytest.raises(analysis.MixedUnitsError):
        analysis.period_rates(record)


def test_series_are_never_spliced():
    record = make_record({"id": "A", "as_of": "2015-01-01", "period_start": "2014-08-08", "value": 10, "unit": "strikes"},
                         {"id": "B", "as_of": "2016-01-01", "period_start": "2014-08-08", "value": 30,
                          "unit": "strikes", "series": "dod-airstrike-totals"})
    with pytest.raises(analysis.MixedUnitsError, match="one series"):
        analysis.rates_between_totals(record)


def test_series_with_a_single_total_are_not_drawn(study):
    steps = analysis.strike_rate_steps(study.record)
    # S02 (press report) and S17 (coalition statement) are alone in their series.
    assert analysis.undrawn_totals(analysis.strike_totals(study.record), steps) == ["S02", "S17"]
    assert set(steps["series"]) == {"cjtf-oir-monthly-report", "dod-airstrike-totals", "airwars-tally"}


def test_low_confidence_totals_are_set_aside(study):
    steps = analysis.strike_rate_steps(study.record)
    low = set(analysis.set_aside(study.record)["id"])
    assert {"S14", "S16", "S32"} <= low  # rated medium-low, low, low in the reference notes
    assert not low & set(steps["to_id"])


def test_monthly_rates_of_2014(study):
    months = analysis.monthly_strike_rates(study.record)
    months = months[months["series"] == "cjtf-oir-monthly-counts-2014"]
    # Aug (from the 8th): 100 in 24 days; Sep 196/30; Oct 440/31; Nov 356/30; Dec 462/31.
    assert list(months["days"]) == [24, 30, 31, 30, 31]
    assert analysis.period_average(months) == pytest.approx((100 + 196 + 440 + 356 + 462) / 146)  # about 10.6


def test_weapons_by_month_derives_missing_months_from_year_to_date_totals(study):
    months = analysis.weapons_by_month(study.record).set_index("month")
    month = {m: months.loc[pd.Timestamp(m)] for m in ("2016-02-01", "2017-07-01", "2017-09-01", "2017-11-01")}
    assert month["2017-07-01"]["status"] == "read" and month["2017-07-01"]["value"] == 4313  # now read (W35)
    assert month["2016-02-01"]["value"] == 6730 - 2718 - 1982  # Q1 2016 less January and March
    assert month["2017-09-01"]["value"] == 36351 - 32801  # W22 (to 30 Sep) less W21 (to 31 Aug)
    assert month["2017-11-01"]["value"] == 39577 - 36351 - 1642 - 584  # W26 (year) less W22, October, December
    assert all(month[m]["status"] == "derived" for m in ("2016-02-01", "2017-09-01", "2017-11-01"))


def test_weapons_stretches_known_only_as_totals(study):
    """The reference notes' month-by-month table, worked out by hand from the totals it cites."""
    stretches = analysis.weapons_stretches(analysis.weapons_by_month(study.record))
    found = {(s.first.strftime("%Y-%m"), s.last.strftime("%Y-%m")): s.total for s in stretches.itertuples()}
    assert found == {
        ("2014-09", "2014-11"): 5886 - 211 - 1867,  # 2014 (8 Aug-31 Dec) less August and December: 3,808
        ("2015-03", "2015-06"): 19760 - 5886 - 2308 - 1756 - 2829,  # to end-July 2015 since the start: 6,981
        ("2015-08", "2015-12"): 28696 - 2308 - 1756 - 6981 - 2829 - 3242,  # 2015 less what is known: 11,580
        ("2016-04", "2016-09"): 27800 - 6730 - 3160 - 2244 - 3038 - 2709,  # 2016 to November, AFCENT only: 9,919
        ("2018-03", "2018-06"): 2862 - 780 - 747,  # first half of 2018 less January and February: 1,335
        ("2018-08", "2018-09"): 6499 - 2862 - 241 - 876 - 1424,  # to November less June's total and known: 1,096
        ("2019-01", "2019-09"): 4570 - 166 - 153,  # 2019 to November less October and November: 4,251
    }
    months = analysis.weapons_by_month(study.record).set_index("month")
    assert months.loc[pd.Timestamp("2015-10-01"), "value"] == pytest.approx(11580 / 4)  # Aug, Sep, Oct, Dec
    assert months.loc[pd.Timestamp("2018-12-01"), "status"] == "missing"  # no figure and no total covers it


def test_weapons_keeps_the_used_figure_and_lists_the_other(study):
    october = analysis.weapons_by_month(study.record).set_index("month").loc[pd.Timestamp("2017-10-01")]
    assert october["value"] == 1642 and october["ids"] == "W23"  # AFCENT's, against W24's 'about 850' (use: no)
    assert "W24" in october["alternative"]
    january = analysis.weapons_by_month(study.record).set_index("month").loc[pd.Timestamp("2018-01-01")]
    assert january["value"] == 780 and "448" in january["alternative"]  # the first release, revised


def test_days_covered_counts_both_ends():
    record = make_record({"id": "D", "as_of": "2017-11-23", "period_start": "2017-11-20", "value": 10},
                         {"id": "E", "as_of": "2017-11-08", "period_start": None, "value": 1})
    assert list(analysis.days_covered(record)) == [4, 1]


# ----- the headline numbers: each computed by one function, which charts, sentences and checks share -----
def test_the_start_rate_is_the_average_of_one_series_months_within_the_claims_period(study):
    figure = study.figures.set_index("id").loc["strikes-per-day-start"]  # summer 2014: 8 Aug - 30 Sep
    monthly = analysis.monthly_strike_rates(study.record)
    summer = analysis.start_rate(monthly, figure)
    # M01 and M02: 100 + 196 strikes over 24 + 30 days; September the busier month.
    assert summer["average"] == pytest.approx(296 / 54) and summer["ids"] == ("M01", "M02")
    assert summer["busiest_rate"] == pytest.approx(196 / 30)
    figure = figure.copy()
    figure["date"] = pd.Timestamp("2014-12-31")  # the first five months instead
    rate = analysis.start_rate(monthly, figure)
    # M01-M05: 100 + 196 + 440 + 356 + 462 strikes over 24 + 30 + 31 + 30 + 31 days; M08 (1-9 Dec) is
    # another series, covering fewer days, so it is left out rather than mixed in.
    assert rate["average"] == pytest.approx(1554 / 146) and rate["days"] == 146
    assert rate["ids"] == ("M01", "M02", "M03", "M04", "M05")
    assert rate["busiest_rate"] == pytest.approx(462 / 31) and rate["busiest_month"] == pd.Timestamp("2014-12-31")


def test_no_start_rate_without_a_month_in_the_period():
    months = analysis.period_rates(make_record({"id": "A", "as_of": "2016-01-31", "period_start": "2016-01-01",
                                                "value": 310, "kind": "period"}))
    claim = pd.Series({"value": 50.0, "period_start": pd.Timestamp("2014-08-08"), "date": pd.Timestamp("2014-12-31")})
    assert analysis.start_rate(months, claim) is None


def test_the_peak_is_the_step_with_most_strikes_a_day(study):
    peak = analysis.peak(analysis.strike_rate_steps(study.record))
    # S15 -> S18: 27,566 - 20,205 strikes in 1 Apr - 30 Sep 2017 (183 days), about 40.2 a day.
    assert (peak["from_id"], peak["to_id"]) == ("S15", "S18")
    assert peak["per_day"] == pytest.approx((27566 - 20205) / 183)


def test_the_busiest_day():
    days = make_record({"id": "A", "as_of": "2017-08-15", "value": 40, "kind": "day"},
                       {"id": "B", "as_of": "2017-08-16", "value": 55, "kind": "day"})
    assert analysis.busiest_day(days)["id"] == "B"


def test_membership_at_a_date_is_the_last_confident_count_on_or_before_it():
    levels = make_record({"id": "N1", "as_of": "2014-12-03", "value": 60, "kind": "level"},
                         {"id": "N2", "as_of": "2017-03-22", "value": 68, "kind": "level", "confidence": "low"},
                         {"id": "N3", "as_of": "2017-07-13", "value": 73, "kind": "level"})
    assert analysis.level_at(levels, pd.Timestamp("2017-11-21"))["value"] == 73
    assert analysis.level_at(levels, pd.Timestamp("2017-07-12"))["value"] == 60  # N2 is set aside
    assert analysis.level_at(levels, pd.Timestamp("2014-12-02")) is None



def test_the_reports_fall_from_its_two_figures():
    start = pd.Series({"value": 50.0, "period_start": pd.Timestamp("2014-08-08"), "date": pd.Timestamp("2014-12-31")})
    end = pd.Series({"value": 2.0, "period_start": pd.NaT, "date": pd.Timestamp("2014-08-18")})
    fall = analysis.fall(start, end)
    assert (fall["ratio"], fall["percent"], fall["days"]) == (25, 96, 10)  # 50 / 2; 48 / 50; 8 to 18 August
