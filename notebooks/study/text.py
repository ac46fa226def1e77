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
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # in annotations only: the render reads the strings without importing pandas
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
# Which label follows a number in Arabic, by the form `arabic_form` names (units.csv columns).
ARABIC_FORM_COLUMNS = {"one": "label_ar_one", "two": "label_ar_two", "few": "label_ar_few", "many": "label_ar_many",
                       "gen": "label_ar"}
MILLION_AR = {"one": "مليون", "two": "مليونان", "few": "ملايين", "many": "مليوناً", "gen": "مليون"}
ARABIC_INDIC = str.maketrans("0123456789.,%", "٠١٢٣٤٥٦٧٨٩٫٬٪")  # for numbers we write
ARABIC_INDIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")  # for text from the data: digits only
# A series whose strikes are not all air strikes has a rate unit of its own: English says "strikes" for
# both, Arabic says ضربات (air and artillery) for CJTF-OIR's monthly reports and غارات (air strikes) otherwise.
SERIES_RATE_UNITS = {"cjtf-oir-monthly-report": "strikes per day (air and artillery)",
                     "cjtf-oir-monthly-counts-2014": "strikes per day (air and artillery)"}
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|~-])")  # "<", ">" and "&" become entities instead


def arabic_form(value: float) -> str:
    """The grammatical form an Arabic noun takes after `value`, by its last two digits.

    one: 1 (غارة واحدة); two: 2 (the dual); few: 3-10 (genitive plural); many: 11-99
    (accusative singular); gen: 0, fractions, exact hundreds and numbers ending in 01 or 02
    from 100 up (genitive singular: 100 غارة، 1,002 غارة).
    """
    if value != round(value):
        return "gen"
    number = abs(int(round(value)))
    if number in (1, 2):
        return "one" if number == 1 else "two"
    last = number % 100
    if 3 <= last <= 10:
        return "few"
    if 11 <= last <= 99:
        return "many"
    return "gen"


def arabic_case(text: str, form: str, case: str) -> str:
    """A counted Arabic phrase in the accusative or genitive: only the dual (غارتان: غارتين) and
    a masculine one in the accusative (يوم واحد: يوماً واحداً) are spelled differently."""
    if form == "two":
        return re.sub(r"ان(?=\s|$)", "ين", text)
    if form == "one" and case == "acc":
        return re.sub(r"(\S+) واحد(?=\s|$)", r"\1اً واحداً", text)
    return re.sub(r"مليونا(?=\s)", "مليوني", text)


def bounded(value: float, decimals: int, qualifier: str) -> float:
    """`value` to `decimals` places, rounded towards the inside of a bound: down for a lower bound,
    up for an upper one, to the nearest otherwise."""
    scale = 10 ** decimals
    if qualifier in ("at least", "more than"):
        return math.floor(round(value * scale, 9)) / scale
    if qualifier == "up to":
        return math.ceil(round(value * scale, 9)) / scale
    return round(value, decimals)


class Counted(str):
    """A counted phrase that a sentence can ask for in another case: '{n:acc}', '{n:gen}'.

    As a plain string it is the nominative; English has one spelling for every case.
    """

    def __new__(cls, nominative: str, accusative: str | None = None, genitive: str | None = None):
        phrase = super().__new__(cls, nominative)
        phrase.cases = {"acc": accusative or nominative, "gen": genitive or nominative}
        return phrase

    def __format__(self, spec: str) -> str:
        return self.cases[spec] if spec in self.cases else format(str(self), spec)


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
        # Looked up for every number a page writes: a dict lookup, not a pandas row each time.
        self._labels = units.set_index("unit").to_dict("index") if units is not None else {}

    def labels(self, unit: str) -> dict:
        """The unit's row of units.csv: its labels in both languages."""
        return self._labels[unit]

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

    @staticmethod
    def rate_decimals(value: float) -> int:
        """One decimal below 20, whole numbers above: the precision a rate means something to."""
        return 1 if abs(value) < 20 and value != round(value) else 0

    def rate(self, value: float) -> str:
        """A rate as written: 10.6, 40."""
        return self.num(value, self.rate_decimals(value))

    def counted_rate(self, value: float, unit: str, qualifier: str = "exact") -> "Counted":
        """A rate and its unit, the noun's form chosen by the number as written: '5.5 strikes a day'.

        A bound is never rounded past itself: a lower bound ('at least', 'more than') is rounded down
        (5.48 is 'at least 5.4'), an upper bound ('up to') up."""
        shown = bounded(value, self.rate_decimals(value), qualifier)
        return self.counted(shown, unit, self.rate(shown), prefix=QUALIFIERS[self.lang][qualifier])

    def series_rate(self, value: float, series: str, qualifier: str = "exact", unit: str = "strikes per day") -> "Counted":
        """A rate of strikes a day in the noun of its series (`SERIES_RATE_UNITS`): '40 ضربة في اليوم'."""
        return self.counted_rate(value, SERIES_RATE_UNITS.get(series, unit) if unit == "strikes per day" else unit,
                                 qualifier)

    def numbered(self, kind: str, numbers: list[str]) -> str:
        """Numbered things named together, the noun in the number the list needs: 'paragraph 4',
        'الفقرتان 1 و4', 'الفقرات 1 و4 و5' (strings `{kind}_one`, `{kind}_two`, `{kind}_few`)."""
        form = {1: "one", 2: "two"}.get(len(numbers), "few")
        return self(f"{kind}_{form}", numbers=self.listing(numbers))

    def percent(self, value: float) -> str:
        return self._digits(f"{value:,.0f}%")

    def factor(self, value: float) -> str:
        return self.num(value, 1 if value < 10 else 0)

    def count(self, value: float, before_noun: bool = False, scale: bool = False) -> str:
        """Large counts in words: 7.5 million / 7.5 مليون, 8 ملايين; smaller ones in digits.

        Two million is مليونان alone and مليونا before the noun it counts. On a scale (an axis's
        labels) every step keeps its digits, as Arabic charts write them: 1 مليون, 2 مليون.
        """
        if abs(value) >= 1_000_000:
            millions = value / 1_000_000
            text = self.num(millions, 0 if millions == round(millions) else 1)
            if self.lang == "en":
                return f"{text} {self('million')}"
            form = arabic_form(millions)
            if scale and form in ("one", "two"):
                return f"{text} {MILLION_AR['gen']}"
            word = "مليونا" if form == "two" and before_noun else MILLION_AR[form]
            return word if form in ("one", "two") else f"{text} {word}"
        return self.num(value, 0 if value == round(value) else 1)

    def counted(self, value: float, unit: str, number: str | None = None, prefix: str = "") -> "Counted":
        """A number and its noun, as the language's grammar wants them: '1 strike', '4 days';
        'غارة واحدة', 'غارتان', '3 غارات', '11 عضواً', '100 عضو', '7.5 مليون شخص'.

        `number` is the number as already written (a rate, say); by default `count(value)`.
        `prefix` goes before it (a qualifier: 'about'). Arabic drops the digit for one and two,
        whose nouns say the number themselves; the result also knows its accusative and genitive
        spellings, which a sentence asks for as '{name:acc}' or '{name:gen}'.
        """
        labels = self.labels(unit)
        number = self.count(value, before_noun=True) if number is None else number
        if self.lang == "en":
            label = labels["label_en_one"] if value == 1 else labels["label_en"]
            form = "gen"
        else:
            form = "gen" if abs(value) >= 1_000_000 else arabic_form(value)
            label = labels[ARABIC_FORM_COLUMNS[form]]
        if form in ("one", "two") and not label.startswith("٪"):
            text = label
        else:
            text = f"{number}{label}" if label.startswith(("%", "٪")) else f"{number} {label}"
        text = f"{prefix} {text}" if prefix else text
        return Counted(text, *(arabic_case(text, form, case) for case in ("acc", "gen")))

    def days(self, count: float) -> str:
        """'1 day', '4 days', 'يومان', '4 أيام', '12 يوماً'."""
        return self.counted_rate(count, "days")

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

    def quantity(self, value: float, unit: str, qualifier: str = "exact") -> "Counted":
        """'up to 50 strikes a day', 'نحو 60 عضواً في التحالف', '7.5 million people ...'; 'dozens of
        strikes', 'عشرات الغارات' (a count in words keeps its words, and no number)."""
        if qualifier == "dozens":
            labels = self.labels(unit)
            noun = labels["label_en"] if self.lang == "en" else " ".join(f"ال{w}" for w in labels["label_ar_few"].split())
            return Counted(self("dozens_of", noun=noun))
        return self.counted(value, unit, prefix=QUALIFIERS[self.lang][qualifier])

    def qualified_number(self, value: float, qualifier: str = "exact") -> str:
        """The number alone with its qualifier: 'up to 50', 'about 60'; 'dozens' alone."""
        if qualifier == "dozens":
            return self("dozens")
        word = QUALIFIERS[self.lang][qualifier]
        return f"{word} {self.count(value)}" if word else self.count(value)

    def names(self, figure: pd.Series) -> list[str]:
        return [n.strip() for n in re.split("[;؛]", self.field(figure, "names")) if n.strip()]

    def country(self, name: str) -> str:
        """A country's name in this language (the data keeps English names)."""
        key = f"country_{name}"
        return self(key) if key in strings() else name

    def name(self, name: str) -> str:
        """A country's or a command's name in this language (`name_...` or `country_...` in strings.csv)."""
        key = f"name_{name}"
        return self(key) if key in strings() else self.country(name)

    def field(self, row, column: str) -> str:
        """A text column in this language: `label` reads `label_en` or `label_ar`, `stated_by`
        reads `stated_by` or `stated_by_ar`. Arabic text from the data follows the digit switch
        too (its punctuation is left alone).
        """
        if self.lang == "en":
            return row[f"{column}_en"] if f"{column}_en" in row.keys() else row[column]
        text = row[f"{column}_ar"] or row.get(column, "")  # an Arabic column left blank falls back to the original
        return text.translate(ARABIC_INDIC_DIGITS) if self.digits == "arabic-indic" else text

    def listing(self, items: list[str]) -> str:
        """'A, B and C' / 'أ وب وج'."""
        if len(items) <= 1:
            return "".join(items)
        if self.lang == "en":
            return ", ".join(items[:-1]) + " and " + items[-1]
        return " و".join(items)  # Arabic joins every item with و: أستراليا وبريطانيا وفرنسا
