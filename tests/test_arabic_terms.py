"""One term for each thing, in both editions (issue 17): the codebook's glossary is the only
vocabulary for its concepts, the five verdict labels mean nothing else on a page, no paragraph
leads to a table the page leaves out, each publisher is named once per sources cell, and numbers
are counted by `Text.counted`, never by a noun typed next to a placeholder."""
from __future__ import annotations

import csv
import re
import unicodedata
from html.parser import HTMLParser

import pytest

from study import factcheck, story
from study.text import Text, strings

from conftest import ROOT

PAGES = sorted((ROOT / "reports").glob("*.html"))
ARABIC_PAGES = [p for p in PAGES if p.name.endswith(".ar.html")]
FACTCHECK_PAGES = [p for p in PAGES if p.name.startswith("02-")]
VERDICTS = ("accurate", "mostly_accurate", "unproven", "unlikely", "inaccurate")
CONCEPTS = ("strike (CJTF-OIR's count: air and artillery)", "air strike", "engagement", "weapons released", "sortie",
            "release", "verdict: accurate", "verdict: mostly accurate", "verdict: unproven", "verdict: unlikely",
            "verdict: inaccurate", "CJTF-OIR", "CENTCOM", "AFCENT", "US Department of Defense", "ASMC", "AFP")
CJTF_OIR_IN_FULL = "قوة المهام المشتركة – عملية العزم الصلب"


def glossary() -> list[dict[str, str]]:
    """The codebook's glossary table, one dict a concept."""
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Glossary", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")))) for line in lines[2:]]


def rejected(entry: dict[str, str], lang: str) -> list[str]:
    cell = entry["rejected English" if lang == "en" else "rejected Arabic"]
    return [pattern.strip() for pattern in cell.split(" · ") if pattern.strip()]


class _Page(HTMLParser):
    """A page's reader-facing text: paragraphs (with alt text), and the fact-check table's cells."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "figcaption", "caption"}

    def __init__(self, drop=()):
        super().__init__(convert_charrefs=True)
        self.drop, self.skip, self.dropped = set(drop), 0, 0
        self.blocks, self.current, self.cells, self.row, self.column = [], [], [], None, 0
        self.in_factcheck = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "head"):
            self.skip += 1
        if self.dropped or any(rule(tag, attrs) for rule in self.drop):
            self.dropped += 1
            return
        if tag == "table":
            self.in_factcheck = "factcheck" in (attrs.get("class") or "")
        if tag == "tr":
            self.row, self.column = [], 0
        if tag in self.BLOCKS:
            self._flush()
        if tag == "td":
            self.column += 1
        if tag == "img" and attrs.get("alt"):
            self.blocks.append(attrs["alt"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip -= 1
        if self.dropped:
            self.dropped -= 1 if tag not in ("img", "br", "meta", "link") else 0
            return
        if tag in self.BLOCKS:
            text = self._flush()
            if tag == "td" and self.row is not None:
                self.row.append(text)
        if tag == "tr" and self.row and self.in_factcheck:
            self.cells.append(self.row)

    def handle_data(self, data):
        if not self.skip and not self.dropped:
            self.current.append(data)

    def _flush(self) -> str:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []
        return text


def page(path, drop=()) -> _Page:
    parser = _Page(drop)
    parser.feed(path.read_text(encoding="utf-8"))
    parser._flush()
    return parser


def plain(text: str) -> str:
    """Arabic without its short vowels and shadda, so that مرجَّح and مرجح are one word."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if not unicodedata.combining(c))


def data_arabic() -> dict[str, str]:
    """Every Arabic cell of the data: the `*_ar` and `label_ar*` columns, by file, column and id."""
    out = {}
    for path in sorted((ROOT / "data").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), 2):
                for column, value in row.items():
                    if column.endswith("_ar") or column.startswith("label_ar") or column.endswith("_ar_names"):
                        out[f"{path.name}:{number}:{column}"] = value or ""
    return out


def texts(lang: str) -> dict[str, str]:
    """Everything a reader of one edition can read: its strings, (in Arabic) the data's Arabic
    columns, and its rendered pages' prose, tables and alt text."""
    out = {f"strings.csv:{key}": row[lang] for key, row in strings().items()}
    if lang == "ar":
        out |= data_arabic()
    for path in (ARABIC_PAGES if lang == "ar" else [p for p in PAGES if p not in ARABIC_PAGES]):
        out |= {f"{path.name}:{i}": block for i, block in enumerate(page(path).blocks)}
    return out


# ----- the glossary -----
def test_the_glossary_names_every_concept_with_one_term_in_each_language():
    entries = {entry["concept"]: entry for entry in glossary()}
    for concept in CONCEPTS:
        assert concept in entries, concept
        assert entries[concept]["English"] and entries[concept]["Arabic"] and entries[concept]["why"], concept
    # The verdicts' terms are the labels the pages print.
    for verdict in VERDICTS:
        entry = entries["verdict: " + verdict.replace("_", " ")]
        assert entry["English"] == strings()[f"verdict_{verdict}"]["en"]
        assert entry["Arabic"] == strings()[f"verdict_{verdict}"]["ar"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_rejected_variant_of_a_glossary_term_is_used(lang):
    found = []
    everything = texts(lang)
    for entry in glossary():
        for pattern in rejected(entry, lang):
            for where, text in everything.items():
                if re.search(pattern, plain(text) if lang == "ar" else text):
                    found.append((entry["concept"], pattern, where))
    assert not found, found


def test_the_glossary_check_catches_a_rejected_variant():
    """The check above reads what it should: a rejected variant typed into a sentence is found."""
    entry = next(e for e in glossary() if e["concept"] == "verdict: unlikely")
    assert any(re.search(p, plain("ويصبح «مستبعداً» لو")) for p in rejected(entry, "ar"))
    entry = next(e for e in glossary() if e["concept"] == "quotation marks")
    assert any(re.search(p, 'كيري يجمع "تحالفاً أساسياً"') for p in rejected(entry, "ar"))
    assert not any(re.search(p, '<a href="https://example.org">النص</a>') for p in rejected(entry, "ar"))


# ----- the verdict labels -----
def verdict_words(lang: str) -> re.Pattern:
    if lang == "en":
        return re.compile(r"\b(accurate|unproven|unlikely|inaccurate)\b", re.I)
    stems = {plain(strings()[f"verdict_{v}"]["ar"]).split()[-1] for v in VERDICTS} | {"مستبعد"}
    return re.compile("|".join(sorted(stems)))  # دقيق، مثبت، مرجح: inflected or prefixed, anywhere in a word


def _is_verdict(tag, attrs) -> bool:
    """Where a label is the verdict itself: its table cell, bold text (findings, the scale, the summary)."""
    return tag in ("b", "strong") or (tag == "span" and (attrs.get("class") or "").startswith("verdict-"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_the_verdict_labels_appear_on_a_page_only_as_verdicts(path):
    """A verdict label is a verdict wherever it is read: bold or in its cell, or quoted (in Arabic «»)
    or in the fact-check's margin column, which says how the verdict would change. Anywhere else
    its words mean nothing else: «مستبعدة» for rows left out read as the verdict "Unlikely"."""
    lang = "ar" if path in ARABIC_PAGES else "en"
    parsed = page(path, drop=[_is_verdict])
    prose = [b for b in parsed.blocks if not any(b == row[3] for row in parsed.cells if len(row) > 3)]
    words = verdict_words(lang)
    stray = [(b, m.group()) for b in prose for m in [words.search(re.sub(r"«[^»]*»|“[^”]*”", "", plain(b)))] if m]
    assert not stray, stray


def test_the_verdict_check_catches_a_label_used_for_something_else():
    assert verdict_words("ar").search(plain("الصفوف المستبعدة من الخطوط"))
    assert verdict_words("ar").search(plain("أيام مفردة، بأعدادها الدقيقة"))
    assert verdict_words("en").search("rows judged unlikely to matter")


def test_the_verdict_labels_are_five_distinct_phrases():
    for lang in ("en", "ar"):
        labels = [strings()[f"verdict_{v}"][lang] for v in VERDICTS]
        assert len(set(labels)) == 5, labels
    assert "مستبعد" not in " ".join(strings()[f"verdict_{v}"]["ar"] for v in VERDICTS)


# ----- paragraphs read whole -----
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_no_paragraph_on_a_page_ends_with_a_colon(path):
    """A colon that introduces a working table the page leaves out leads to nothing."""
    ending = [block for block in page(path).blocks if block.rstrip().endswith((":", "："))]
    assert not ending, ending


# ----- one name for each publisher in a sources cell -----
def publishers(cell: str) -> list[str]:
    """The publishers a sources cell names: its items, each less its numbered links '[1، 2]'."""
    return [re.sub(r"\s*\[[^\]]*\]$", "", item).strip() for item in re.split(r"[;؛] ", cell) if item.strip() != "—"]


@pytest.mark.parametrize("path", FACTCHECK_PAGES, ids=lambda p: p.name)
def test_each_publisher_is_named_once_in_a_sources_cell(path):
    cells = [row[-1] for row in page(path).cells]
    assert cells
    for cell in cells:
        names = publishers(cell)
        assert len(names) == len(set(names)), cell


def test_a_publisher_of_several_pages_is_named_once_with_numbered_links(study):
    """The cadence checks rest on several pages of one publisher (the US Department of Defense):
    it is named once, and every page is still linked, once."""
    import pandas as pd

    checks = factcheck.check_all(study.figures, study.record, study.events, study.sources)
    pages = pd.concat([study.record[["id", "url"]], study.events[["id", "url"]]]).set_index("id")["url"]
    several = 0
    for lang in ("en", "ar"):
        tx = Text(lang, units=study.units)
        table = story.factcheck_table(checks, study.record, study.events, tx).data
        rows = table.split("<tbody>", 1)[1].split("</tr>")[:-1]
        for row, (_, check) in zip(rows, checks.iterrows()):
            cell = row.rsplit("<td>", 1)[1]
            links = re.findall(r'<a href="([^"]+)"', cell)
            urls = set(pages.loc[[i for i in check["evidence"].split(", ") if i]])
            assert sorted(links) == sorted(urls), check["id"]  # every page once
            parsed = _Page()
            parsed.feed(f'<table class="factcheck"><tr><td>{cell}</tr></table>')
            names = publishers(parsed.cells[0][-1])
            assert len(names) == len(set(names)), (lang, cell)
            several += len(names) < len(links)
    assert several  # the data has such a cell: the check above is not idle


# ----- counted nouns -----
def _plural_and_dual_nouns() -> set[str]:
    """The first word of every plural and dual label of units.csv, with and without ال: أيام، غارتان..."""
    nouns = set()
    with (ROOT / "data" / "units.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column in ("label_ar_few", "label_ar_two"):
                word = row[column].split()[0]
                if not word.startswith("٪"):
                    nouns |= {word, "ال" + word}
    return nouns


def hard_coded_counts(text: str, nouns: set[str]) -> list[str]:
    """Places where a sentence writes a count's noun itself: a dual or plural noun next to a
    placeholder ('الفقرتان {paragraphs}', '{days} أيام'), or a count dodged ('وعددها {n}',
    'عدد الأشهر {n}')."""
    found = []
    for match in re.finditer(r"\{[^}]*\}\s+(\S+)", text):  # '{days} أيام': the number's own noun after it
        if match.group(1).strip("()،,.:؛") in nouns:
            found.append(match.group())
    for match in re.finditer(r"(?<!\S)[وفب]?(ال\S+(?:تان|ان))\s+\{[^}]*\}", text):  # 'الفقرتان {paragraphs}'
        found.append(match.group())
    found += re.findall(r"(?:عددها|عدده)\s*\{[^}]*\}|عدد ال\S+\s*\{[^}]*\}", text)  # 'وعددها {n}', 'عدد الأشهر {n}'
    return found


def test_no_sentence_counts_a_number_with_a_noun_of_its_own():
    nouns = _plural_and_dual_nouns()
    found = {key: hard_coded_counts(row["ar"], nouns) for key, row in strings().items()
             if not re.search(r"_(one|two|few)$", key)}  # the nouns Text.numbered chooses by the count
    assert not {key: where for key, where in found.items() if where}, found


def test_the_counting_check_catches_a_noun_typed_next_to_a_number():
    nouns = _plural_and_dual_nouns()
    assert hard_coded_counts("المصدر: {article}، الفقرتان {paragraphs}.", nouns)
    assert hard_coded_counts("أرقاماً موثّقة عددها {rows}", nouns)
    assert hard_coded_counts("للذخائر المُطلقة (عدد الأشهر {months})", nouns)
    assert hard_coded_counts("خلال {n} أيام", nouns)
    assert not hard_coded_counts("في {days:gen} من {date}", nouns)


def test_numbered_paragraphs_take_the_noun_their_count_needs(study):
    ar, en = Text("ar", units=study.units), Text("en", units=study.units)
    assert ar.numbered("paragraph", ["4"]) == "الفقرة 4"
    assert ar.numbered("paragraph", ["1", "4"]) == "الفقرتان 1 و4"
    assert ar.numbered("paragraph", ["1", "4", "5"]) == "الفقرات 1 و4 و5"
    assert en.numbered("paragraph", ["1", "4"]) == "paragraphs 1 and 4"


# ----- the CJTF-OIR series and the commands -----
def test_cjtf_oir_monthly_rates_are_strikes_of_air_and_artillery(study):
    ar, en = Text("ar", units=study.units), Text("en", units=study.units)
    assert ar.series_rate(40, "cjtf-oir-monthly-report") == "40 ضربة في اليوم"
    assert ar.series_rate(40, "dod-airstrike-totals") == "40 غارة في اليوم"
    assert en.series_rate(40, "cjtf-oir-monthly-report") == en.series_rate(40, "dod-airstrike-totals") == "40 strikes a day"


@pytest.mark.parametrize("path", [p for p in ARABIC_PAGES if p.name.startswith("02-")], ids=lambda p: p.name)
def test_commands_are_named_in_full_once_then_short(path):
    text = "\n".join(page(path).blocks)
    assert text.count(CJTF_OIR_IN_FULL) == 1
    first = re.search(r"القيادة المركزية(?! للقوات)", text)
    assert first and text[first.end():].startswith(" الأمريكية (سنتكوم)")
    assert "غارات في اليوم" not in text.split("الذروة", 1)[1].split("\n", 1)[0]  # the peak's rate is in ضربات
