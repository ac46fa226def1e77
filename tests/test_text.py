"""Numbers, dates and words in both languages."""
import pandas as pd
import pytest

from study.text import Text, escape_html, escape_markdown, strings


@pytest.fixture
def en(study):
    return Text("en", units=study.units)


@pytest.fixture
def ar(study):
    return Text("ar", units=study.units)


def test_numbers(en, ar, study):
    assert en.num(7500000) == "7,500,000"
    assert en.count(7500000) == "7.5 million" and en.count(8000000) == "8 million"
    assert ar.count(7500000) == "7.5 مليون"
    assert (ar.count(2000000), ar.count(1000000)) == ("مليونان", "مليون")  # the word alone says the number
    # On an axis every step keeps its digits, so the scale reads down one column of numbers.
    assert [ar.count(n * 1_000_000, scale=True) for n in (1, 2, 4, 11)] == ["1 مليون", "2 مليون", "4 ملايين", "11 مليوناً"]
    indic = Text("ar", "arabic-indic", study.units)
    assert indic.num(1234.5, 1) == "١٬٢٣٤٫٥"  # Arabic thousands and decimal separators
    assert indic.percent(98) == "٩٨٪"
    assert Text("en", "arabic-indic", study.units).num(1234) == "1,234"  # the switch is for Arabic only


def test_rates_keep_a_meaningful_precision(en):
    assert en.rate(10.6438) == "10.6" and en.rate(40.22) == "40" and en.rate(3.0) == "3"


def test_dates_use_the_sources_month_names(en, ar):
    day = pd.Timestamp("2017-11-08")
    assert en.date(day) == "8 November 2017"
    assert ar.date(day) == "8 نوفمبر 2017"  # the month name the source uses
    assert ar.span(pd.Timestamp("2017-04-01"), pd.Timestamp("2017-09-30")) == "من أبريل إلى سبتمبر 2017"


def test_qualifiers_carry_through(en, ar):
    assert en.quantity(50, "strikes per day", "up to") == "up to 50 strikes a day"
    assert en.quantity(60, "coalition members", "about") == "about 60 coalition members"
    assert en.quantity(1, "strikes") == "1 strike" and en.days(2) == "2 days"
    assert ar.quantity(60, "coalition members", "about") == "نحو 60 عضواً في التحالف"
    assert ar.quantity(3, "countries") == "3 دول"  # 3 to 10 take the plural
    assert ar.quantity(13, "countries") == "13 دولة"  # 11 to 99 take the singular


# Which units.csv column follows each number in Arabic, by the rules of counted nouns:
# 1 and 2 their own forms, 3-10 the genitive plural, 11-99 the accusative singular,
# 100 and above (and 0) the genitive singular; above 100 the last two digits decide.
ARABIC_FORMS = {0: "label_ar", 1: "label_ar_one", 2: "label_ar_two", 3: "label_ar_few", 10: "label_ar_few",
                11: "label_ar_many", 99: "label_ar_many", 100: "label_ar", 101: "label_ar", 102: "label_ar",
                103: "label_ar_few", 111: "label_ar_many", 1000: "label_ar", 1002: "label_ar"}


def test_arabic_counted_nouns_follow_the_number_for_every_unit(ar, study):
    for unit in study.units.itertuples():
        for number, column in ARABIC_FORMS.items():
            label = getattr(unit, column)
            written = ar.quantity(number, unit.unit)
            if column in ("label_ar_one", "label_ar_two") and not label.startswith("٪"):
                assert written == label, (unit.unit, number)  # the noun says the number: no digit
            else:
                assert written.endswith(label) and ar.num(number) in written, (unit.unit, number, written)


def test_arabic_counted_nouns_written_out(ar):
    table = {  # number: strikes, coalition members, people, days
        0: ("0 غارة", "0 عضو في التحالف", "0 شخص", "0 يوم"),
        1: ("غارة واحدة", "عضو واحد في التحالف", "شخص واحد", "يوم واحد"),
        2: ("غارتان", "عضوان في التحالف", "شخصان", "يومان"),
        3: ("3 غارات", "3 أعضاء في التحالف", "3 أشخاص", "3 أيام"),
        10: ("10 غارات", "10 أعضاء في التحالف", "10 أشخاص", "10 أيام"),
        11: ("11 غارة", "11 عضواً في التحالف", "11 شخصاً", "11 يوماً"),
        99: ("99 غارة", "99 عضواً في التحالف", "99 شخصاً", "99 يوماً"),
        100: ("100 غارة", "100 عضو في التحالف", "100 شخص", "100 يوم"),
        101: ("101 غارة", "101 عضو في التحالف", "101 شخص", "101 يوم"),
        102: ("102 غارة", "102 عضو في التحالف", "102 شخص", "102 يوم"),
        1000: ("1,000 غارة", "1,000 عضو في التحالف", "1,000 شخص", "1,000 يوم"),
        1002: ("1,002 غارة", "1,002 عضو في التحالف", "1,002 شخص", "1,002 يوم"),
    }
    for number, expected in table.items():
        written = tuple(ar.quantity(number, unit) for unit in ("strikes", "coalition members", "people liberated",
                                                               "days"))
        assert written == expected, number
    assert ar.quantity(8_000_000, "people liberated") == "8 ملايين شخص"
    assert ar.quantity(7_500_000, "people liberated") == "7.5 مليون شخص"


def test_arabic_case_where_a_sentence_asks_for_it(ar):
    # Only the dual and a masculine 'one' in the accusative change their spelling.
    assert "{n:gen}".format(n=ar.quantity(2, "strikes")) == "غارتين"
    assert "{n:acc}".format(n=ar.quantity(2, "strikes (US only)")) == "غارتين أمريكيتين"
    assert "{n:acc}".format(n=ar.days(1)) == "يوماً واحداً" and "{n:gen}".format(n=ar.days(1)) == "يوم واحد"
    assert "{n:acc}".format(n=ar.quantity(13, "days")) == "13 يوماً"  # 11-99 are accusative whatever the case
    assert "{n:gen}".format(n=ar.quantity(2_000_000, "people liberated")) == "مليوني شخص"


def test_weapons_released_are_air_munitions_not_shells(ar):
    assert ar.quantity(5075, "weapons released") == "5,075 قنبلة وصاروخاً"  # counted as bombs and missiles (issue 17)
    assert ar.quantity(5, "weapons released") == "5 قنابل وصواريخ"
    assert not any("قذيفة" in s for s in strings_ar())


def strings_ar():
    return [row["ar"] for row in strings().values()]


def test_every_sentence_exists_in_both_languages_with_the_same_placeholders():
    import string

    for key, row in strings().items():
        assert row["en"] and row["ar"], key
        fields = [{name for _, name, _, _ in string.Formatter().parse(row[lang]) if name} for lang in ("en", "ar")]
        assert fields[0] == fields[1], key


def test_arabic_sentences_hold_no_presentation_forms_or_bidi_controls():
    forbidden = [chr(c) for c in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00), 0x200E, 0x200F,
                                  *range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
    for key, row in strings().items():
        assert not any(ch in row["ar"] for ch in forbidden), key


def test_lists(en, ar):
    assert en.listing(["Australia", "Britain", "France"]) == "Australia, Britain and France"
    assert ar.listing(["أستراليا", "بريطانيا", "فرنسا"]) == "أستراليا وبريطانيا وفرنسا"


def test_text_from_the_data_is_shown_not_run():
    assert escape_html('<script>alert(1)</script>') == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape_markdown("**bold** [link](x)") == r"\*\*bold\*\* \[link\]\(x\)"
    assert "<" not in escape_markdown("<b>") and "&lt;b&gt;" in escape_markdown("<b>")


def test_unknown_language_or_digits_are_refused():
    with pytest.raises(ValueError, match="language"):
        Text("fr")
    with pytest.raises(ValueError, match="digits"):
        Text("ar", "roman")


def test_no_sentence_holds_a_typed_number():
    """Every number in the study's words comes from the data, through a placeholder."""
    import re

    for key, row in strings().items():
        for lang in ("en", "ar"):
            assert not re.search(r"[0-9٠-٩]", re.sub(r"\{[^}]*\}", "", row[lang])), (key, lang)
