"""Verdict rules, on small tables built for each edge case (including tables that flip each
verdict), then on the study's own data and the mutations a standards review tried on it."""
import numpy as np
import pandas as pd
import pytest

from study import analysis, factcheck
from study.factcheck import ACCURATE, INACCURATE, MOSTLY_ACCURATE, UNLIKELY, UNPROVEN, Amount, Rate

from conftest import make_events, make_figure, make_record, make_study

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
    assert check.params["day_slack"] == Amount(10, "strikes")  # 41 needs 10 more to pass 50: 51


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


# ----- start_rate on single days: counted, bounded by releases and totals, or open -----
PARTNERS = make_events(("EV01", "2014-08-08", "campaign-start"), ("EV04", "2014-09-19", "first-partner-strike"),
                       ("EV05", "2014-09-23", "first-syria-strike"))


def iraq_day(id_, as_of, value, url=None, **extra):
    return {"id": id_, "as_of": as_of, "value": value, "kind": "day", "scope": "Iraq", "unit": "strikes (US only)",
            "country": "United States", "series": "centcom-release-2014", "url": url or f"https://example.org/{id_}",
            **extra}


def summer_claim(start="2014-08-08", end="2014-09-30"):
    return make_figure(value=50, unit="strikes per day", qualifier="up to", date=end, period_start=start,
                       check="start_rate")


def test_start_rate_on_single_days_unlikely_with_an_exact_margin():
    # Counted days up to 15; the days after the first partner's strike (19 Sep) nothing bounds.
    record = make_record(iraq_day("A", "2014-08-10", 5), iraq_day("B", "2014-08-18", 15))
    check = factcheck.start_rate(summer_claim(), make_study(record, events=PARTNERS))
    assert (check.verdict, check.reason, check.missing) == (UNLIKELY, "reason_start_days", ("missing_days_unbounded",))
    assert check.params["busiest"] == Amount(15, "strikes") and check.params["busiest_day"] == pd.Timestamp("2014-08-18")
    # 50 is at least 3 times a busiest day of up to 16 (3 x 16 = 48); a day of 17 would make it unproven.
    assert check.params["turn"] == Amount(2, "strikes")


@pytest.mark.parametrize("busiest, verdict, turn", [(15, UNLIKELY, 2), (16, UNLIKELY, 1), (17, UNPROVEN, 1),
                                                    (18, UNPROVEN, 2)])
def test_start_rate_margin_at_the_boundary_and_either_side(busiest, verdict, turn):
    record = make_record(iraq_day("B", "2014-08-18", busiest))
    check = factcheck.start_rate(summer_claim(), make_study(record, events=PARTNERS))
    assert (check.verdict, check.params["turn"]) == (verdict, Amount(turn, "strikes"))


def test_start_rate_inaccurate_when_no_day_could_have_reached_the_claim():
    # Three days, 8-10 August, before any partner: two counted, the third bounded by a running total.
    record = make_record(iraq_day("A", "2014-08-08", 3), iraq_day("B", "2014-08-09", 4),
                         {"id": "T", "as_of": "2014-08-10", "period_start": "2014-08-08", "value": 20, "kind": "cumulative",
                          "scope": "Iraq", "unit": "strikes (US only)", "series": "centcom-release-2014"})
    check = factcheck.start_rate(summer_claim(end="2014-08-10"), make_study(record, events=PARTNERS))
    assert (check.verdict, check.reason) == (INACCURATE, "reason_start_days_bounded")
    # 10 August could have had at most 20 - 3 - 4 = 13: it would need room for 37 more to reach 50.
    assert check.params["most"] == Amount(13, "strikes") and check.params["turn"] == Amount(37, "strikes")


def test_days_by_country_bounds_each_day_and_keeps_releases_apart():
    record = make_record(
        iraq_day("D18", "2014-08-18", 15, url="https://example.org/a"),
        # 'the last 24 hours' before a release on 19 August: 2 strikes, some of them perhaps on the 18th,
        # after that day's own release (another page): the 15 are not taken off them.
        iraq_day("W", "2014-08-19", 2, url="https://example.org/b", period_start="2014-08-18", kind="period"),
        iraq_day("D20", "2014-08-20", 14, url="https://example.org/c"),
        {"id": "T1", "as_of": "2014-08-18", "period_start": "2014-08-08", "value": 68, "kind": "cumulative",
         "scope": "Iraq", "unit": "strikes (US only)", "series": "centcom-release-2014"},
        {"id": "T2", "as_of": "2014-08-22", "period_start": "2014-08-08", "value": 90, "kind": "cumulative",
         "scope": "Iraq", "unit": "strikes (US only)", "series": "centcom-release-2014"},
        iraq_day("L", "2014-09-20", 4))  # after the first partner's strike: a lower bound only
    days = analysis.days_by_country(record, PARTNERS, pd.Timestamp("2014-08-18"), pd.Timestamp("2014-09-24")).set_index("day")
    assert (days.loc["2014-08-18", "low"], days.loc["2014-08-18", "high"]) == (15, 15)
    assert (days.loc["2014-08-19", "high"], days.loc["2014-08-19", "iraq_how"]) == (2, "window")
    # 19-22 August between the totals: 22 strikes, less the 14 of the 20th (the 19th's are not counted whole).
    assert days.loc["2014-08-21", "high"] == 8 and days.loc["2014-08-21", "iraq_how"] == "totals"
    assert days.loc["2014-09-20", "low"] == 4 and days.loc["2014-09-20", "high"] == np.inf
    assert days.loc["2014-09-22", "syria_how"] == "none-yet" and days.loc["2014-09-24", "syria_how"] == "open"


# ----- lowest_day: a superlative, against every earlier day the record counts whole -----
def lowest_claim():
    return make_figure(value=1, date="2017-11-08", period_start="2014-08-08", record_id="OWN", check="lowest_day")


@pytest.mark.parametrize("quietest, verdict, reason, turn", [
    (0, INACCURATE, "reason_lowest_beaten", 1), (1, MOSTLY_ACCURATE, "reason_lowest_tied", 1),
    (2, MOSTLY_ACCURATE, "reason_lowest_held", 2)])
def test_lowest_day_against_the_quietest_earlier_day(quietest, verdict, reason, turn):
    record = make_record(iraq_day("Q", "2014-08-12", quietest), iraq_day("B", "2014-08-18", 15),
                         day("OWN", "2017-11-08", 1), day("LATER", "2017-11-20", 0))
    check = factcheck.lowest_day(lowest_claim(), make_study(record, events=PARTNERS))
    assert (check.verdict, check.reason) == (verdict, reason)
    assert check.params["turn"] == Amount(turn, "strikes") and "OWN" not in check.evidence
    assert "LATER" not in check.evidence  # a day after the claimed one says nothing about 'since operations began'


# ----- month_count: 'dozens of strikes during November' -----
def dozens_claim():
    return make_figure(value=24, qualifier="dozens", date="2017-11-21", period_start="2017-11-01", check="month_count")


def release(id_, start, end, value, published="2017-11-17"):
    return {"id": id_, "as_of": end, "period_start": start, "value": value, "kind": "period",
            "series": "cjtf-oir-strike-release", "url": f"https://example.org/{id_}", "published": published}


def total(id_, as_of, value, published):
    return {"id": id_, "as_of": as_of, "period_start": "2014-08-08", "value": value, "kind": "cumulative",
            "published": published}


def test_dozens_on_releases_alone_is_a_lower_bound_and_later_totals_are_context():
    record = make_record(release("R1", "2017-11-13", "2017-11-16", 34), release("R2", "2017-11-14", "2017-11-15", 9),
                         total("T0", "2017-10-31", 28198, "2017-11-30"), total("T1", "2017-11-30", 28562, "2017-12-28"))
    check = factcheck.month_count(dozens_claim(), make_study(record))
    # R2 lies inside R1's days: counted once. Totals published after the report are context only.
    # A lower bound tests only the lower edge: 'dozens' could still be hundreds, so it is unproven.
    assert (check.verdict, check.reason, check.evidence) == (UNPROVEN, "reason_count_lower", ("R1",))
    assert check.context == ("context_count_later_above",) and check.params["later_total"] == Amount(364, "strikes")
    assert check.params["turn"] == Amount(66, "strikes")  # 34 + 66 = 100 would be hundreds


@pytest.mark.parametrize("low, high, verdict", [(34, 99, ACCURATE), (34, 100, UNPROVEN), (99, 364, UNPROVEN),
                                                (100, 364, INACCURATE), (10, 23, INACCURATE), (23, 60, UNPROVEN)])
def test_dozens_between_releases_and_totals_at_each_edge(low, high, verdict):
    record = make_record(release("R1", "2017-11-13", "2017-11-16", low), total("T0", "2017-10-31", 1000, "2017-11-01"),
                         total("T1", "2017-11-21", 1000 + high, "2017-11-21"))
    assert factcheck.month_count(dozens_claim(), make_study(record)).verdict == verdict


# ----- level: people freed and territory, from figures published by the claim's date -----
def people(*rows):
    return make_record(*({"kind": "level", "unit": "people liberated", **r} for r in rows))


def people_claim():
    return make_figure(value=7_500_000, unit="people liberated", date="2017-11-21", record_id="P09", check="level")


OWN_COPY = {"id": "P09", "as_of": "2017-11-21", "value": 7_500_000, "stated_by": "Col. Ryan Dillon (CJTF-OIR)",
            "series": "spokesman"}


def test_level_judged_on_the_last_figure_published_before_the_claim():
    record = people(OWN_COPY, {"id": "P07", "as_of": "2017-10-26", "value": 6_900_000, "published": "2017-10-27"},
                    {"id": "P10", "as_of": "2017-11-30", "value": 7_500_000, "qualifier": "about",
                     "stated_by": "CJTF-OIR monthly report", "published": "2017-11-30"})
    check = factcheck.level(people_claim(), make_study(record))
    # 6.9 million, 26 days before the claim, is outside 2% of 7.5 million, but the count may have grown since.
    assert (check.verdict, check.reason, check.evidence) == (UNPROVEN, "reason_level_before", ("P07",))
    assert check.params["slack"] == Amount(450_000, "people liberated")  # to 7,350,000, 98% of the claim
    # The matching 7.5 million came nine days later from the spokesman's own command: not confirmation.
    assert check.context[0] == "context_level_same_source" and check.params["later_by"] == ["CJTF-OIR"]


def test_level_accurate_when_the_figure_before_agrees_and_margin_at_its_edges():
    for observed, verdict, slack in ((7_350_000, ACCURATE, 1), (7_349_999, UNPROVEN, 1), (7_500_000, ACCURATE, 150_001)):
        record = people({"id": "A", "as_of": "2017-11-10", "value": observed})
        check = factcheck.level(people_claim(), make_study(record))
        assert (check.verdict, check.params["slack"]) == (verdict, Amount(slack, "people liberated")), observed


def test_level_inaccurate_when_a_figure_of_the_claims_own_date_differs():
    record = people({"id": "A", "as_of": "2017-11-21", "value": 6_000_000})
    check = factcheck.level(people_claim(), make_study(record))
    assert (check.verdict, check.margin) == (INACCURATE, "margin_tolerance_out")


def test_level_with_two_sources_disagreeing_on_the_same_date():
    record = people({"id": "A", "as_of": "2017-11-15", "value": 7_500_000}, {"id": "B", "as_of": "2017-11-15", "value": 6_000_000})
    assert factcheck.level(people_claim(), make_study(record)).reason == "reason_sources_disagree"


def test_level_with_no_record_near_the_date_and_never_its_own_copy_or_weak_rows():
    for record in (people({"id": "A", "as_of": "2017-08-01", "value": 7_500_000}),  # outside 45 days
                   people(OWN_COPY), people({"id": "A", "as_of": "2017-11-10", "value": 7_500_000, "confidence": "low"}),
                   people({"id": "A", "as_of": "2017-11-10", "value": 7_500_000, "use": "no", "use_note": "x"})):
        check = factcheck.level(people_claim(), make_study(record))
        assert (check.verdict, check.missing) == (UNPROVEN, ("missing_level",))


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
    assert check.params["slack"] == Amount(7, "coalition members")  # 66 still agrees with 'about 60'; 67 does not


def test_membership_inaccurate_when_the_count_at_its_date_differs():
    record = members({"id": "N02", "as_of": "2014-12-03", "value": 40}, {"id": "N06", "as_of": "2017-07-15", "value": 60})
    assert factcheck.membership(members_claim(), make_study(record)).verdict == INACCURATE


def test_membership_unproven_without_a_count_by_its_date():
    record = members({"id": "N06", "as_of": "2017-07-15", "value": 60})
    check = factcheck.membership(members_claim(), make_study(record))
    assert (check.verdict, check.missing) == (UNPROVEN, ("missing_level_before",))


# ----- active members: named, ranked, and few -----
def country(id_, name, value):
    return {"id": id_, "as_of": "2016-08-07", "value": value, "unit": f"strikes ({name} only)", "country": name,
            "kind": "level"}


def test_named_members_accurate_when_each_has_strike_counts():
    record = make_record(country("C1", "United Kingdom", 905), country("C2", "France", 796))
    figure = make_figure(value=2, unit="countries", names_en="United Kingdom; France")
    assert factcheck.active_members(figure, make_study(record)).verdict == ACCURATE
    figure = make_figure(value=2, unit="countries", names_en="United Kingdom; Italy")
    check = factcheck.active_members(figure, make_study(record))
    assert check.verdict == UNPROVEN and check.params["missing"] == ["Italy"]


def test_named_members_weakened_by_an_unnamed_country_ranked_above_one_of_them():
    record = make_record(country("C1", "United Kingdom", 905), country("C2", "Netherlands", 500),
                         country("C3", "Australia", 374), country("C4", "Denmark", 100))
    figure = make_figure(value=2, unit="countries", names_en="United Kingdom; Australia")
    check = factcheck.active_members(figure, make_study(record))
    assert (check.verdict, check.context, check.margin) == (MOSTLY_ACCURATE, ("context_unnamed_one",),
                                                            "margin_named_unnamed")
    # 500 - 126 = 374: equal to Australia's count, so no longer ranked above it.
    assert check.params["unnamed"] == ["Netherlands"] and check.params["unnamed_turn"] == Amount(126, "strikes")
    # Only the named and those above them are listed, not every country with a count.
    assert [c.country for c in check.params["counts"]] == ["United Kingdom", "Netherlands", "Australia"]
    record = make_record(country("C1", "United Kingdom", 905), country("C2", "Netherlands", 500),
                         country("C5", "Canada", 400), country("C3", "Australia", 374))
    assert factcheck.active_members(figure, make_study(record)).context == ("context_unnamed_several",)


@pytest.mark.parametrize("striking, verdict, key, turn", [(15, ACCURATE, "context_few_holds", 1),
                                                          (16, MOSTLY_ACCURATE, "context_few_fails", 1),
                                                          (13, ACCURATE, "context_few_holds", 3)])
def test_few_is_at_most_a_quarter_of_the_members(striking, verdict, key, turn):
    record = make_record(country("C1", "United Kingdom", 905),
                         {"id": "N1", "as_of": "2014-12-03", "value": 60, "unit": "coalition members", "kind": "level"},
                         {"id": "N2", "as_of": "2016-08-08", "value": striking, "unit": "countries conducting strikes",
                          "kind": "level"})
    check = factcheck.active_members(make_figure(value=1, unit="countries", names_en="United Kingdom"),
                                     make_study(record))
    # A quarter of 60 is 15: 15 striking is still 'a few', 16 is not.
    assert (check.verdict, check.context[-1], check.params["few_turn"]) == (verdict, key, Amount(turn, "countries"))


# ----- cadence -----
def releases(*spans, published=""):
    """Strike releases, each with its own address, covering start..end."""
    rows = []
    for i, (start, end) in enumerate(spans):
        rows.append({"id": f"R{i}", "as_of": end, "period_start": start if start != end else None, "value": 5,
                     "kind": "period" if start != end else "day", "series": "cjtf-oir-strike-release",
                     "url": f"https://example.org/release-{i}", "published": published})
    return make_record(*rows)


def test_the_cadence_band_is_releases_of_whole_days():
    assert factcheck.cadence_band(2) == pytest.approx((7 / 4, 7 / 3))  # releases of 3 or 4 days
    assert factcheck.cadence_band(7) == pytest.approx((7, 7))  # daily
    assert factcheck.cadence_band(1) == pytest.approx((1, 1))  # weekly


@pytest.mark.parametrize("days, verdict", [(2, INACCURATE), (3, ACCURATE), (4, ACCURATE), (5, INACCURATE)])
def test_twice_a_week_at_the_edges_of_its_band(days, verdict):
    spans = [(pd.Timestamp("2017-11-21") + pd.Timedelta(days=days * i),
              pd.Timestamp("2017-11-21") + pd.Timedelta(days=days * i + days - 1)) for i in range(5)]
    record = releases(*[(a.strftime("%Y-%m-%d"), b.strftime("%Y-%m-%d")) for a, b in spans])
    after = make_figure(value=2, unit="reports per week", date="2017-11-21")
    assert factcheck.cadence(after, make_study(record)).verdict == verdict  # 7/5 = 1.4 and 7/2 = 3.5 fall outside


def test_cadence_counts_releases_not_rows_and_names_the_exceptions():
    record = releases(*[(f"2017-08-{d:02d}",) * 2 for d in range(15, 20)], ("2017-11-13", "2017-11-16"))
    record = pd.concat([record, record.iloc[[0]].assign(id="R0b", as_of=pd.Timestamp("2017-08-14"))])  # same release
    before = make_figure(value=7, unit="reports per week", date="2017-11-20", period_start="2014-08-08")
    check = factcheck.cadence(before, make_study(record))
    assert check.params["releases"] == Amount(6, "strike releases")  # R0 and R0b are one release
    assert (check.verdict, check.context) == (MOSTLY_ACCURATE, ("context_release_exception",))
    assert check.params["exception_days"] == Amount(4, "days")
    assert check.missing == ("missing_releases_before", "missing_daily_after")
    assert check.params["last_daily"] == pd.Timestamp("2017-08-19")
    # Five daily releases and one of four days: were 2 of the daily ones to cover four weeks, the middle
    # two of the six would cover 1 and 4 days, 2.5 on average: 2.8 reports a week, not 7.
    assert check.params["turn"] == Amount(2, "strike releases")
    two = pd.concat([record, releases(("2017-10-01", "2017-10-04")).assign(id="R9", url="https://example.org/r9")])
    assert factcheck.cadence(before, make_study(two)).context == ("context_release_exceptions",)


def test_cadence_leaves_out_releases_published_after_the_claims_date_and_weak_rows():
    record = releases(("2017-11-13", "2017-11-16"), published="2017-11-24")
    before = make_figure(value=7, unit="reports per week", date="2017-11-20", period_start="2014-08-08")
    assert factcheck.cadence(before, make_study(record)).missing == ("missing_releases",)
    weak = releases(("2017-11-13", "2017-11-16")).assign(confidence="low")
    assert factcheck.cadence(before, make_study(weak)).missing == ("missing_releases",)


# ----- campaign age, from the start the data marks -----
@pytest.mark.parametrize("date, verdict, turn, margin", [
    ("2017-11-21", ACCURATE, 78, "margin_age_earlier"),  # 1,201 days: 3.5 years (1,278.4 days) is 78 days away
    ("2018-02-06", ACCURATE, 1, "margin_age_earlier"),  # 1,278 days: the last day of 'about 3'
    ("2018-02-07", INACCURATE, 1, "margin_age_later"),  # 1,279 days: a day later start brings it back
    ("2017-02-07", ACCURATE, 1, "margin_age_later"),  # 914 days: the first day of 'about 3' (2.5 years: 913.1)
    ("2017-02-06", INACCURATE, 1, "margin_age_earlier"),  # 913 days: a day earlier start makes it 'about 3'
])
def test_campaign_age_at_the_boundary_and_either_side(date, verdict, turn, margin):
    figure = make_figure(value=3, unit="years", qualifier="about", date=date)
    check = factcheck.campaign_age(figure, make_study(make_record()))
    assert (check.verdict, check.params["turn_days"], check.margin) == (verdict, Amount(turn, "days"), margin)


def test_campaign_age_reads_the_start_the_data_marks_not_the_earliest_event():
    events = make_events(("EV00", "2014-06-10", ""), ("EV01", "2014-08-08", "campaign-start"))
    figure = make_figure(value=3, unit="years", qualifier="about", date="2017-11-21")
    assert factcheck.campaign_age(figure, make_study(make_record(), events=events)).params["start"] == pd.Timestamp("2014-08-08")
    unmarked = make_events(("EV01", "2014-08-08", ""))
    assert factcheck.campaign_age(figure, make_study(make_record(), events=unmarked)).missing == ("missing_campaign_start",)


# ----- agreement and margins -----
def test_agreement_by_qualifier():
    assert factcheck.agrees(60, "about", 66) and not factcheck.agrees(60, "about", 67)
    assert factcheck.agrees(50, "more than", 55) and not factcheck.agrees(50, "more than", 50)
    assert factcheck.agrees(50, "up to", 12) and not factcheck.agrees(50, "up to", 51)
    assert factcheck.agrees(24, "dozens", 99) and not factcheck.agrees(24, "dozens", 100)


@pytest.mark.parametrize("claim, qualifier, observed, margin", [
    (60, "about", 60, 7), (60, "about", 66, 1), (60, "about", 67, 1), (60, "about", 54, 1), (60, "about", 53, 1),
    (50, "more than", 55, 5), (50, "more than", 51, 1), (50, "more than", 50, 1), (50, "at least", 50, 1),
    (50, "at least", 49, 1), (50, "up to", 50, 1), (50, "up to", 12, 39), (24, "dozens", 34, 11)])
def test_each_margin_is_the_smallest_change_that_flips_agreement(claim, qualifier, observed, margin):
    assert factcheck.margin_of(claim, qualifier, observed) == margin
    agreed = factcheck.agrees(claim, qualifier, observed)
    moved = [observed - margin, observed + margin]
    assert any(factcheck.agrees(claim, qualifier, m) != agreed for m in moved)  # the margin flips it
    assert all(factcheck.agrees(claim, qualifier, m) == agreed for m in (observed - margin + 1, observed + margin - 1)
               if margin > 1)  # one unit less does not


def test_the_bands_are_read_from_one_file():
    bands = pd.read_csv(factcheck.BANDS_FILE, keep_default_na=False).set_index("band")
    assert factcheck.bands()["about"] == (float(bands.loc["about", "low"]), float(bands.loc["about", "high"]))
    assert factcheck.band_days("level window") == pd.Timedelta(days=int(bands.loc["level window", "high"]))


def test_publication_dates_may_be_partial_and_an_undated_row_is_as_old_as_its_date():
    record = make_record(*({"id": i, "as_of": a, "value": 1, "published": p}
                           for i, a, p in (("A", "2017-11-01", ""), ("B", "2017-11-01", "2017"),
                                           ("C", "2017-11-01", "2017-11"), ("D", "2017-11-01", "2017-11-22"),
                                           ("E", "2017-11-01", "2018"), ("F", "2018-07-31", ""))))
    assert list(factcheck.published_by(record, pd.Timestamp("2017-11-21"))["id"]) == ["A", "B", "C"]


# ----- statements with a date -----
def test_a_dated_statement_against_its_event():
    events = make_events(("EV24", "2017-11-19", ""))
    claim = pd.Series({"event_id": "EV24", "date_from": pd.Timestamp("2017-11-19"), "date_to": pd.Timestamp("2017-11-19")})
    check = factcheck.event_date(claim, events)
    assert (check.verdict, check.params["turn_days"]) == (ACCURATE, Amount(1, "days"))
    claim["date_from"] = claim["date_to"] = pd.Timestamp("2017-11-12")
    assert factcheck.event_date(claim, events).verdict == INACCURATE
    assert factcheck.event_date(claim, events.assign(confidence="low")).verdict == UNPROVEN


def test_a_day_inside_a_release_of_several_days_is_said_so():
    record = make_record(day("OWN", "2017-11-08", 1, series="spokesman"),
                         release("R1", "2017-11-06", "2017-11-09", 12, published="2017-11-10"))
    check = factcheck.single_day(make_figure(value=1, date="2017-11-08", record_id="OWN"), make_study(record))
    assert (check.verdict, check.missing) == (UNPROVEN, ("missing_release_spans_day",))
    assert check.params["release_amount"] == Amount(12, "strikes")


# ----- the study's own data, and the mutations a standards review tried -----
def checks(study, record=None, figures=None):
    frame = factcheck.check_all(study.figures if figures is None else figures,
                                study.record if record is None else record, study.events, study.sources)
    return frame.set_index("id")


def test_known_findings_from_the_record(study):
    found = checks(study)
    start = found.loc["strikes-per-day-start"]
    # Its own days (8 Aug - 30 Sep 2014): the busiest counted is 18 August, 15 strikes in Iraq (US only,
    # before any partner); from 19 September nothing keeps a day below 50. 50 is 3.3 times 15.
    assert (start["verdict"], start["missing"]) == (UNLIKELY, ("missing_days_unbounded",))
    assert start["params"]["busiest"] == Amount(15, "strikes")
    assert start["params"]["busiest_day"] == pd.Timestamp("2014-08-18")
    assert start["params"]["turn"] == Amount(2, "strikes")  # a busiest day of 17 (over 50 / 3) would turn it
    assert start["params"]["average"].value == pytest.approx(296 / 54)  # the months, as context: 5.48 a day
    # 13 days counted whole, 29 bounded below 50, 12 open (19-30 September; 24 September counts Syria only).
    assert (start["params"]["day_count"], start["params"]["bounded_days"], start["params"]["open_days"]) == \
        (Amount(13, "days"), Amount(29, "days"), Amount(12, "days"))
    peak = found.loc["strikes-per-day-peak"]
    assert peak["verdict"] == MOSTLY_ACCURATE and peak["params"]["reaching"] == 1  # D06d alone, derived
    assert found.loc["strikes-2017-11-08", "reason"] == "reason_only_claimant"  # the spokesman's word alone
    lowest = found.loc["lowest-daily-rate"]  # one strike on 12 and on 13 August 2014: a tie at best
    assert (lowest["verdict"], lowest["reason"]) == (MOSTLY_ACCURATE, "reason_lowest_tied")
    # 2 strikes over 14-15 and over 17-18 September 2014: each pair holds a day of one strike or none.
    assert [s.start for s in lowest["params"]["quiet_windows"]] == [pd.Timestamp("2014-09-14"), pd.Timestamp("2014-09-17")]
    assert lowest["params"]["fewest_days"] == [pd.Timestamp("2014-08-12"), pd.Timestamp("2014-08-13")]
    assert found.loc["coalition-members", "verdict"] == ACCURATE  # 60 partners in December 2014
    assert found.loc["coalition-members", "params"]["now"] == Amount(73, "coalition members")  # context
    assert found.loc["coalition-members", "params"]["slack"] == Amount(7, "coalition members")  # 67 leaves 'about 60'
    people = found.loc["people-freed"]  # 6.9 million on 26 October; P10's 7.5 million came after the claim
    assert (people["verdict"], people["evidence"]) == (UNPROVEN, "P07")
    assert people["params"]["slack"] == Amount(450_000, "people liberated")
    assert people["context"][0] == "context_level_same_source"
    assert (found.loc["territory-retaken", "verdict"], found.loc["territory-retaken", "evidence"]) == (ACCURATE, "P07t")
    november = found.loc["strikes-november-2017"]  # D12's 34 strikes of 13-16 November, published by then
    assert (november["verdict"], november["params"]["low"]) == (UNPROVEN, Amount(34, "strikes"))
    assert november["params"]["later_total"] == Amount(364, "strikes")  # 28,562 - 28,198, published later
    active = found.loc["active-members-named"]
    assert (active["verdict"], active["params"]["unnamed"]) == (MOSTLY_ACCURATE, ["Netherlands"])
    assert found.loc["campaign-age", "params"]["turn_days"] == Amount(78, "days")
    after = found.loc["reports-per-week-after"]
    assert after["params"]["per_week"].value == pytest.approx(1.75) and after["verdict"] == MOSTLY_ACCURATE


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
    record.loc[record["id"] == "P07", "value"] = 7_400_000  # within 2% of the claim, published before it
    assert checks(study, record).loc["people-freed", "verdict"] == ACCURATE
    record = study.record.copy()
    record.loc[record["id"] == "D28", "value"] = 17  # 18 August at 17: 50 is under 3 times the busiest day
    assert checks(study, record).loc["strikes-per-day-start", "verdict"] == UNPROVEN
    record = study.record.copy()
    record.loc[record["id"] == "D06d", "value"] = 50  # 'at least 50' no longer passes 'more than 50'
    assert checks(study, record).loc["strikes-per-day-peak", "verdict"] == UNPROVEN
    record = study.record.copy()
    record.loc[record["id"] == "N02", "value"] = 45
    assert checks(study, record).loc["coalition-members", "verdict"] == INACCURATE
    record = study.record.copy()
    record.loc[record["id"] == "D22", "value"] = 0  # a day of no strikes before 8 November 2017
    assert checks(study, record).loc["lowest-daily-rate", "verdict"] == INACCURATE
    record = study.record.copy()
    record.loc[record["id"] == "D12", "value"] = 120  # 120 strikes in four days of November: hundreds, not dozens
    assert checks(study, record).loc["strikes-november-2017", "verdict"] == INACCURATE
    record = study.record.copy()
    record.loc[record["id"] == "C07", "value"] = 300  # the Netherlands below every named member
    assert checks(study, record).loc["active-members-named", "verdict"] == ACCURATE


def test_verdicts_kept_by_content_follow_an_edit_made_in_place(study):
    """check_all keeps its last results by a fingerprint of the frames' contents: an edit of the same
    frame object, in place, is a new content and gets new verdicts; editing a result changes no other."""
    record = study.record.copy()
    first = checks(study, record)
    assert first.loc["people-freed", "verdict"] == UNPROVEN
    first.loc["people-freed", "params"]["observed"] = "edited by a reader"
    assert checks(study, record).loc["people-freed", "params"]["observed"] == Amount(6_900_000, "people liberated")
    record.loc[record["id"] == "P07", "value"] = 7_400_000  # the same object, edited in place
    assert checks(study, record).loc["people-freed", "verdict"] == ACCURATE
