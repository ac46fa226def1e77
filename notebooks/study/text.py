"""Words and numbers in English and Arabic, from one translation table (`strings.csv`).

Every sentence the study shows lives once in `strings.csv`, its English and Arabic side by
side, with `{placeholders}` filled from the data. Numbers and dates are written here:

- English: 7,500,000 / 7.5 million / 8 November 2017.
- Arabic: month names as in the source (نوفمبر); Western digits by default, as the source
  uses, with a point for decimals and a comma for thousands; with `digits="arabic-indic"`,
  Arabic-Indic digits with the Arabic decimal (٫) and thousands (٬) separators and ٪.
"""
from __future__ import annotations

import csv
import html
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

STRINGS_FILE = Path(__file__).with_name("strings.csv")
LANGUAGES = ("en", "ar")
DIGIT_STYLES = ("western", "arabic-indic")
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
           "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
}
QUALIFIERS = {
    "en": {"exact": "", "about": "about", "nearly": "nearly", "up to": "up to",
           "more than": "more than", "at least": "at least"},
    "ar": {"exact": "", "about": "نحو", "nearly": "قرابة", "up to": "ما يصل إلى",
           "more than": "أكثر من", "at least": "ما لا يقل عن"},
}
ARABIC_INDIC = str.maketrans("0123456789.,%", "٠١٢٣٤٥٦٧٨٩٫٬٪")  # for numbers we write
ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")  # for text from the data: digits only
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~-])")  # "<", ">" and "&" become entities instead


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    with STRINGS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["key"]: row for row in csv.DictReader(handle)}


def escape_html(value) -> str:
    """Text from the data, made safe inside HTML: shown as typed, never run."""
    return html.escape(str(value), quote=True)


def escape_markdown(value) -> str:
    """Text from the data, made safe inside Markdown: neither markup nor HTML takes effect."""
    return html.escape(MARKDOWN_SPECIALS.sub(r"\\\1", str(value)), quote=False)


class Text:
    """Writes the study's words in one language."""

    def __init__(self, lang: str = "en", digits: str = "western", units: pd.DataFrame | None = None):
        if lang not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        if digits not in DIGIT_STYLES:
            raise ValueError(f"digits must be one of {', '.join(DIGIT_STYLES)}, not {digits!r}")
        self.lang, self.digits = lang, digits
        self.units = units.set_index("unit") if units is not None else None

    @property
    def rtl(self) -> bool:
        return self.lang == "ar"

    def __call__(self, key: str, **params) -> str:
        """The sentence `key` in this language, placeholders filled with already-written values."""
        return strings()[key][self.lang].format(**params)

    def _digits(self, text: str) -> str:
        return text.translate(ARABIC_INDIC) if self.lang == "ar" and self.digits == "arabic-indic" else text

    def num(self, value: float, decimals: int = 0) -> str:
        """A number with thousands separators: 7,500,000 or 10.6."""
        return self._digits(f"{value:,.{decimals}f}")

    def rate(self, value: float) -> str:
        """A per-day rate: one decimal below 20, whole numbers above (precision that means something)."""
        return self.num(value, 1 if abs(value) < 20 and value != round(value) else 0)

    def percent(self, value: float) -> str:
        return self._digits(f"{value:,.0f}%")

    def factor(self, value: float) -> str:
        return self.num(value, 1 if value < 10 else 0)

    def count(self, value: float) -> str:
        """Large counts in words: 7.5 million / 7.5 مليون; smaller ones in digits."""
        if abs(value) >= 1_000_000:
            millions = value / 1_000_000
            text = self.num(millions, 0 if millions == round(millions) else 1)
            return f"{text} {self('million')}"
        return self.num(value, 0 if value == round(value) else 1)

    def days(self, count: float) -> str:
        """'1 day', '4 days', '4 أيام', '12 يوم'."""
        whole = count == round(count)
        key = "day_one" if count == 1 else "day_few" if whole and 3 <= count <= 10 else "day_many"
        return self(key, n=self.rate(count))

    def date(self, when: pd.Timestamp) -> str:
        month = MONTHS[self.lang][when.month - 1]
        return self._digits(f"{when.day} {month} {when.year}")

    def month(self, when: pd.Timestamp) -> str:
        return self._digits(f"{MONTHS[self.lang][when.month - 1]} {when.year}")

    def month_short(self, when: pd.Timestamp) -> str:
        name = MONTHS[self.lang][when.month - 1]
        return name[:3] if self.lang == "en" else name

    def year(self, when) -> str:
        return self._digits(str(when.year))

    def span(self, start: pd.Timestamp, end: pd.Timestamp) -> str:
        """A period: 'April–September 2017', 'December 2014–February 2018' or '8 August–31 December 2014'."""
        if start.day == 1 and end.is_month_end:
            if (start.year, start.month) == (end.year, end.month):
                return self.month(end)
            first = MONTHS[self.lang][start.month - 1] if start.year == end.year else self.month(start)
            return self("span", start=first, end=self.month(end))
        return self("span", start=self.date(start), end=self.date(end))

    def unit(self, unit: str, value: float) -> str:
        """The unit's label as it follows `value` (singular, plural, Arabic counted forms)."""
        labels = self.units.loc[unit]
        if self.lang == "en":
            return labels["label_en_one"] if value == 1 else labels["label_en"]
        return labels["label_ar_few"] if 3 <= value <= 10 and value == round(value) else labels["label_ar"]

    def quantity(self, value: float, unit: str, qualifier: str = "exact") -> str:
        """'up to 50 strikes a day', 'نحو 60 عضواً في التحالف', '7.5 million people ...'."""
        label = self.unit(unit, value)
        number = self.count(value)
        joined = f"{number}{label}" if label.startswith(("%", "٪")) else f"{number} {label}"
        word = QUALIFIERS[self.lang][qualifier]
        return f"{word} {joined}" if word else joined

    def qualified_number(self, value: float, qualifier: str = "exact") -> str:
        """The number alone with its qualifier: 'up to 50', 'about 60'."""
        word = QUALIFIERS[self.lang][qualifier]
        return f"{word} {self.count(value)}" if word else self.count(value)

    def names(self, figure: pd.Series) -> list[str]:
        return [n.strip() for n in re.split("[;؛]", self.field(figure, "names")) if n.strip()]

    def country(self, name: str) -> str:
        """A country's name in this language (the data keeps English names)."""
        key = f"country_{name}"
        return self(key) if key in strings() else name

    def field(self, row, column: str) -> str:
        """A text column in this language: `label` reads `label_en` or `label_ar`, `stated_by`
        reads `stated_by` or `stated_by_ar`. Arabic text from the data follows the digit switch
        too (its punctuation is left alone).
        """
        if self.lang == "en":
            return row[f"{column}_en"] if f"{column}_en" in row.keys() else row[column]
        text = row[f"{column}_ar"]
        return text.translate(ARABIC_INDIC_DIGITS) if self.digits == "arabic-indic" else text

    def listing(self, items: list[str]) -> str:
        """'A, B and C' / 'أ وب وج'."""
        if len(items) <= 1:
            return "".join(items)
        if self.lang == "en":
            return ", ".join(items[:-1]) + " and " + items[-1]
        return "، ".join(items[:-1]) + " و" + items[-1]
