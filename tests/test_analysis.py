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
    july, september, november = (months.loc[pd.Timestamp(m)] for m in ("2017-07-01", "2017-09-01", "2017-11-01"))
    # W21: 32,801 Jan-Aug 2017, less the seven reported months (W13-W19).
    assert july["value"] == 32801 - (3600 + 3440 + 3878 + 3274 + 4374 + 4848 + 5075)
    assert september["value"] == 36351 - 32801  # W22 (to 30 Sep) less W21 (to 31 Aug)
    assert november["value"] == 39577 - 36351 - 1642 - 584  # W26 (year) less W22, October, December
    assert july["derived"] and september["derived"] and november["derived"]


def test_weapons_keeps_the_more_confident_of_two_figures_for_a_month(study):
    october = analysis.weapons_by_month(study.record).set_index("month").loc[pd.Timestamp("2017-10-01")]
    assert october["value"] == 1642 and october["ids"] == "W23"  # high, against W24's medium 850
    assert "W24" in october["alternative"]


def test_days_covered_counts_both_ends():
    record = make_record({"id": "D", "as_of": "2017-11-23", "period_start": "2017-11-20", "value": 10},
                         {"id": "E", "as_of": "2017-11-08", "period_start": None, "value": 1})
    assert list(analysis.days_covered(record)) == [4, 1]
