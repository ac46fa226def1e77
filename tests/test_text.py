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
    assert en.quantity(1, "strikes") == "1 strike"
    assert ar.quantity(60, "coalition members", "about") == "نحو 60 عضواً في التحالف"
    assert ar.quantity(3, "countries") == "3 دول"  # 3 to 10 take the plural
    assert ar.quantity(13, "countries") == "13 دولة"  # 11 and more take the singular


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
