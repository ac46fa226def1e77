"""The study's sentences and reader-facing tables, written from the frames they are given.

Each function takes rows of the data (or frames derived from them by `analysis` and
`factcheck`) and a `text.Text`, and returns Markdown or HTML for a notebook to show.
Numbers come from the frames through the one function that computes each; words come
from `strings.csv`. Nothing is kept between calls, so an edited frame changes what follows.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from IPython.display import HTML, Markdown

from . import analysis, factcheck, ids
from .data import source_of
from .text import Counted, Text, escape_html, escape_markdown, strings


def _link(text: str, url: str) -> str:
    return f'<a href="{escape_html(url)}">{text}</a>'


def _table(header: list[str], rows: list[list[str]], css: str = "") -> HTML:
    """An HTML table from cells that are already escaped."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return HTML(f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


def _bullets(lines: list[str]) -> Markdown:
    return Markdown("\n".join(f"- {line}" for line in lines))


def _when(figure: pd.Series, tx: Text) -> str:
    """The day a figure is true at, or the period it covers."""
    if pd.isna(figure["period_start"]):
        return tx.date(figure["date"])
    return tx.span(figure["period_start"], figure["date"])


def _amount(figure: pd.Series, tx: Text) -> str:
    return tx.quantity(figure["value"], figure["unit"], figure["qualifier"])


def _figure_claim(figure: pd.Series, tx: Text) -> str:
    return f"{escape_html(tx.field(figure, 'label'))}: <b>{escape_html(_amount(figure, tx))}</b> ({_when(figure, tx)})"


# ----- both notebooks -----
def provenance(data, tx: Text) -> Markdown:
    """Which data the page was built from (the folder, a fingerprint of its files, their sizes) and how
    to rebuild it: the page's "About this page" footer (the render moves the cell there)."""
    return Markdown(f"## {tx('about_heading')}\n\n"
                    + tx("provenance", folder=escape_markdown(data.folder_label), fingerprint=data.fingerprint,
                         figures=tx.counted(len(data.figures), "study figures"),
                         record=tx.counted(len(data.record), "study record rows"),
                         events=tx.counted(len(data.events), "study events")))


def sources_table(sources: pd.DataFrame, tx: Text) -> HTML:
    # A title keeps its own language and direction inside a page of the other.
    rows = [[escape_html(tx.field(s, "publisher")),
             _link(f'<span lang="{s["language"]}" dir="auto">{escape_html(s["title"])}</span>', s["url"]),
             tx.date(s["published"]), tx(f"language_{s['language']}")] for _, s in sources.iterrows()]
    return _table([tx("col_publisher"), tx("col_title"), tx("col_date"), tx("col_language")], rows)


# ----- notebook 01: what the article says -----
def article_intro(figures: pd.DataFrame, sources: pd.DataFrame, tx: Text) -> Markdown:
    """Who published the report, when, and where the study's figures come from: the report, with the
    paragraph of each, or another source whose text the study does not hold."""
    source = source_of(figures.set_index("id").loc[ids.LAST_DAY], sources)
    intro = tx("article_intro", publisher=escape_markdown(tx.field(source, "publisher")),
               date=tx.date(source["published"]), url=escape_html(source["url"]))
    own = figures["source_id"] == source.name
    if own.all():
        return Markdown(f"{intro} {tx('figures_from_report', figures=tx.quantity(len(figures), 'study figures'))}")
    others = sources.set_index("id").loc[sorted(set(figures.loc[~own, "source_id"]))]
    return Markdown(f"{intro} " + tx("figures_from_several", from_report=tx.num(own.sum()),
                                      figures=tx.quantity(len(figures), "study figures"),
                                      others=tx.quantity((~own).sum(), "study figures"),
                                      other_sources=escape_markdown(tx.listing(
                                          [tx.field(row, "publisher") for _, row in others.iterrows()]))))


def figures_table(figures: pd.DataFrame, sources: pd.DataFrame, tx: Text) -> HTML:
    rows = []
    for _, f in figures.iterrows():
        paragraph = tx.num(f["paragraph"]) if pd.notna(f["paragraph"]) else "—"
        rows.append([escape_html(tx.field(f, "label")), escape_html(_amount(f, tx)), _when(f, tx),
                     escape_html(tx.field(f, "stated_by")), escape_html(tx.field(source_of(f, sources), "publisher")),
                     paragraph])
    return _table([tx("col_figure"), tx("col_value"), tx("col_when"), tx("col_stated_by"), tx("col_source"),
                   tx("col_paragraph")], rows)


def headline(start: pd.Series, end: pd.Series, tx: Text) -> Markdown:
    """The report's comparison of its two days, with the fall between them."""
    fall = analysis.fall(start, end)
    key = "headline" + analysis.fall_direction(fall)
    text = tx(key, start=_amount(start, tx), end=_amount(end, tx), date=tx.date(end["date"]),
              percent=tx.percent(abs(fall["percent"])), ratio=_times(max(fall["ratio"], 1 / fall["ratio"]), tx),
              days=tx.days(fall["days"]), years=tx.counted_rate(fall["days"] / 365.25, "years"))
    return Markdown(text + (" " + tx("headline_maximum") if _maximum(start) else ""))


def people_text(figure: pd.Series, tx: Text) -> Markdown:
    return Markdown(tx("people_text", people=tx.count(figure["value"]),
                       stated_by=escape_markdown(tx.field(figure, "stated_by")),
                       paragraph=tx.num(figure["paragraph"]), raw=tx.num(figure["value"])))


def coalition_text(members: pd.Series, active: pd.Series, tx: Text) -> Markdown:
    share = active["value"] / members["value"] * 100
    return Markdown(tx("coalition_text", members=tx.quantity(members["value"], "study members", members["qualifier"]),
                       active=tx.quantity(active["value"], active["unit"]), names=escape_markdown(tx.listing(tx.names(active))),
                       share=tx.percent(share)))


def cadence_text(before: pd.Series, after: pd.Series, tx: Text) -> Markdown:
    """The change in how often strikes were reported, worded by its direction."""
    change = (after["value"] - before["value"]) / before["value"] * 100
    key = "cadence_text" if change < 0 else "reports_more" if change > 0 else "reports_same"
    return Markdown(tx(key, before=_amount(before, tx), after=_amount(after, tx), percent=tx.percent(abs(change))))


# ----- notebook 02: against the record -----
def record_intro(record: pd.DataFrame, tx: Text) -> Markdown:
    return Markdown(tx("record_intro", rows=tx.counted(len(record), "study figures"),
                       units=tx.counted(record["unit"].nunique(), "study units of measure"),
                       series=tx.counted(record["series"].nunique(), "study series"),
                       weak=tx.counted(record["confidence"].isin(analysis.LOW_CONFIDENCE).sum(), "study record rows"),
                       unused=tx.counted((record["use"] == "no").sum(), "study record rows")))


def decline_text(steps: pd.DataFrame, monthly: pd.DataFrame, start: pd.Series, tx: Text) -> Markdown:
    """The record's curve in words: the start (monthly counts), the peak, and the steps after it in its series."""
    lines = []
    rate = analysis.start_rate(monthly, start)
    if rate is not None:
        lines.append(tx("decline_start", average=tx.series_rate(rate["average"], rate["series"], _average_qualifier(rate)),
                        span=tx.span(rate["first"], rate["last"]), series=series_name(rate["series"], tx),
                        busiest_rate=tx.series_rate(rate["busiest_rate"], rate["series"]),
                        busiest_month=tx.month(rate["busiest_month"])))
    peak = analysis.peak(steps)
    lines.append(tx("decline_peak", peak=tx.series_rate(peak["per_day"], peak["series"]), series=series_name(peak["series"], tx),
                    span=tx.span(peak["start"], peak["end"])))
    after_peak = steps[(steps["series"] == peak["series"]) & (steps["start"] > peak["end"])].sort_values("end")
    for step in after_peak.head(3).itertuples():
        qualifier = "about" if step.approximate else "exact"  # a total given as 'nearly' or 'about' makes the rate approximate
        lines.append(tx("decline_step", rate=tx.series_rate(step.per_day, step.series, qualifier),
                        span=tx.span(step.start, step.end)))
    return _bullets(lines)


WEAPONS_STATUS = {"read": "", "derived": "weapons_status_derived", "average": "weapons_status_average"}


def weapons_story(months: pd.DataFrame, start: pd.Series, end: pd.Series, tx: Text) -> Markdown:
    """What AFCENT's monthly series shows about the decline, and where it sits against the report's
    comparison: the months of its two days, set against the peak."""
    known = months[months["status"] != "missing"]
    high = known.loc[known["value"].idxmax()]
    first, last = known.iloc[0], known.iloc[-1]

    def at(date: pd.Timestamp) -> pd.Series | None:
        row = months[months["month"] == date.to_period("M").to_timestamp()]
        return row.iloc[0] if len(row) and row.iloc[0]["status"] != "missing" else None

    def value(row: pd.Series) -> str:
        amount = tx.quantity(round(row["value"]), "weapons released", "about" if row["status"] == "average" else "exact")
        status = WEAPONS_STATUS[row["status"]]
        if not status:
            return amount
        said = tx(status)  # said after the amount, whatever case the sentence puts the amount in
        return Counted(f"{amount} ({said})", f"{amount:acc} ({said})", f"{amount:gen} ({said})")
    counts = known["status"].value_counts()
    lines = [tx("weapons_shape", first_month=tx.month(first["month"]), first=value(first),
                high_month=tx.month(high["month"]), high=value(high), last_month=tx.month(last["month"]),
                last=value(last), months=tx.quantity(len(months), "study months"), read=tx.quantity(counts.get("read", 0), "study months"),
                worked=tx.quantity(counts.get("derived", 0) + counts.get("average", 0), "study months"),
                missing=tx.quantity((months["status"] == "missing").sum(), "study months"))]
    began, ended = at(analysis.claim_window(start)[0]), at(end["date"])
    if began is not None and ended is not None:
        lines.append(tx("weapons_against_report", start_month=tx.month(began["month"]), start=value(began),
                        end_month=tx.month(ended["month"]), end=value(ended), high_month=tx.month(high["month"]),
                        drop=tx.percent((high["value"] - ended["value"]) / high["value"] * 100)))
    return Markdown(" ".join(lines))


def weapons_text(months: pd.DataFrame, tx: Text) -> Markdown:
    """How months without a figure of their own were worked out, and where two sources gave a month."""
    lines = [tx("weapons_derived", month=tx.month(m.month), value=tx.quantity(m.value, "weapons released"))
             for m in months[months["status"] == "derived"].itertuples()]
    lines += [tx("weapons_stretch", span=tx.listing([tx.month(m) for m in s.months]),
                 total=tx.quantity(s.total, "weapons released"), months=tx.quantity(len(s.months), "study months"),
                 average=tx.num(s.average))
              for s in analysis.weapons_stretches(months).itertuples()]
    for m in months[months["alternative_values"].map(len) > 0].itertuples():
        alternative = tx.listing([tx.num(v) for v in m.alternative_values])
        if m.status == "average":
            lines.append(tx("weapons_alternative_stretch", month=tx.month(m.month), alternative=alternative))
        else:
            lines.append(tx("weapons_alternative", month=tx.month(m.month),
                            value=tx.quantity(m.value, "weapons released"), alternative=alternative))
    return _bullets(lines)


def start_days_text(days: pd.DataFrame, start: pd.Series, tx: Text) -> Markdown:
    """The claim's period in words, day by day: days counted, days bounded, days left open, the busiest day."""
    days = analysis.claim_days(days, start)
    kinds = days["kind"]
    counted, open_days, bounded = days[kinds == "counted"], days[kinds == "open"], (kinds == "bounded").sum()
    busiest = analysis.busiest_counted(days)
    text = tx("start_days_text", window=tx.span(days["day"].min(), days["day"].max()),
              counted=tx.quantity(len(counted), "days"), bounded=tx.quantity(bounded, "days"),
              open=tx.quantity(len(open_days), "days"), claim=_amount(start, tx))
    if busiest is not None:
        text += " " + tx("start_days_busiest", busiest=tx.quantity(busiest["low"], "strikes"),
                         day=tx.date(busiest["day"]))
    return Markdown(text)


def claims_table(claims: pd.DataFrame, figures: pd.DataFrame, tx: Text) -> HTML:
    """The report's statements, paragraph by paragraph: each with its kind and its verdict, or why it
    is context or cannot be checked. A figure's statement is the figure itself, from its own row."""
    by_id = figures.set_index("id")
    rows = []
    for _, claim in claims.iterrows():
        if claim["figure_id"]:
            figure = by_id.loc[claim["figure_id"]]
            statement = f"{escape_html(tx.field(figure, 'label'))}: {escape_html(_amount(figure, tx))}"
        else:
            statement = escape_html(tx.field(claim, "statement"))
        if claim["status"] == "checked":
            status = f'<span class="verdict-{claim["verdict"]}">{_verdict(claim["verdict"], tx)}</span>'
            if not claim["figure_id"]:
                status += f"<br><small>{escape_html(explain(claim, tx))}</small>"
        else:
            status = (f'{tx("claim_status_" + claim["status"].replace(" ", "_"))}'
                      f'<br><small>{escape_html(tx.field(claim, "reason"))}</small>')
        rows.append([tx.num(claim["paragraph"]), statement, tx(f"claim_kind_{claim['kind']}"), status])
    return _table([tx("col_paragraph"), tx("col_statement"), tx("col_kind"), tx("col_status")], rows, css="claims")


def claims_summary(claims: pd.DataFrame, tx: Text) -> Markdown:
    counts = claims["status"].value_counts()
    return Markdown(tx("claims_summary", statements=tx.quantity(len(claims), "study statements"),
                       checked=tx.num(counts.get("checked", 0)), context=tx.num(counts.get("context", 0)),
                       unchecked=tx.num(counts.get("not checkable", 0))))


def series_name(series: str, tx: Text) -> str:
    """A series of the record as a sentence names it (the charts' legends have shorter names)."""
    key = f"prose_series_{series}"
    return tx(key) if key in strings() else tx(f"series_{series}")


def words(check: pd.Series, tx: Text) -> dict[str, str]:
    """A check's numbers (`params`) written in this language, plus the claim itself."""
    out = {}
    for key, value in check["params"].items():
        if isinstance(value, factcheck.Amount):
            out[key] = tx.quantity(value.value, value.unit, value.qualifier)
        elif isinstance(value, factcheck.Rate):  # in the noun of the series it comes from ('peak_rate': 'peak_series')
            series = check["params"].get(key.rsplit("_", 1)[0] + "_series", check["params"].get("series", ""))
            out[key] = tx.series_rate(value.value, series if isinstance(series, str) else "", value.qualifier, value.unit)
        elif isinstance(value, list) and value and isinstance(value[0], factcheck.Count):
            out[key] = tx.listing([tx("count_by_country", country=tx.country(c.country), amount=tx.quantity(*c.amount),
                                      month=tx.month(c.as_of)) for c in value])
        elif isinstance(value, factcheck.Span):
            out[key] = _span(value, tx)
        elif isinstance(value, list) and value and isinstance(value[0], factcheck.Span):
            out[key] = tx.listing([_span(v, tx) for v in value])
        elif isinstance(value, factcheck.Label):
            out[key] = escape_html(getattr(value, tx.lang))
        elif isinstance(value, pd.Timestamp):
            out[key] = tx.month(value) if key.endswith("_month") else tx.date(value)
        elif isinstance(value, str):
            out[key] = series_name(value, tx) if "series" in key else value
        elif isinstance(value, dict):
            out[key] = tx.listing([f"{tx.country(c)} {tx.num(v)}" for c, v in value.items()])
        elif isinstance(value, list) and value and isinstance(value[0], pd.Timestamp):
            out[key] = tx.listing([tx.date(v) for v in value])
        elif isinstance(value, list) and value and isinstance(value[0], factcheck.Amount):
            out[key] = tx.listing([tx.quantity(*v) for v in value])
        elif isinstance(value, list):
            out[key] = tx.listing([tx.name(v) for v in value])
        elif isinstance(value, (int, float, np.number)):
            out[key] = _times(value, tx)  # the bare numbers of a check are multiples
    if "value" in check:  # a figure's check (a dated statement has no value)
        out["claim"] = tx.qualified_number(check["value"], check["qualifier"])
        out.setdefault("claim_strikes", tx.quantity(check["value"], "strikes"))
        out["claim_qualified"] = tx.quantity(check["value"], "strikes", check["qualifier"])
    return out


def _span(span: factcheck.Span, tx: Text) -> str:
    """A period as written; a period of one day is that day."""
    return tx.date(span.start) if span.start == span.end else tx.span(span.start, span.end)


def explain(check: pd.Series, tx: Text) -> str:
    """The record's side of a check (a row of `factcheck.check_all`): what it holds, what it lacks,
    and what a reader should know beside the verdict."""
    filled = words(check, tx)
    keys = [check["reason"], *check["missing"], *check["context"]]
    return " ".join(tx(key, **filled) for key in keys if key)


def margin(check: pd.Series, tx: Text) -> str:
    """How far the evidence would have to move for the verdict to change, in words."""
    return tx(check["margin"], **words(check, tx)) if check["margin"] else "—"


def _times(value: float, tx: Text) -> str:
    """A multiple as a counted noun: '7.7 times', '50 ضعفاً'."""
    return tx.counted(value, "study times", tx.factor(value))


def _sources_cell(pages: pd.DataFrame, tx: Text) -> str:
    """The pages evidence was read on, each publisher named once: one page is its publisher's name as
    a link; several pages of one publisher are its name followed by numbered links, 'DoD [1, 2, 3]'."""
    named: dict[str, list[str]] = {}
    for _, page in pages.drop_duplicates("url").iterrows():
        named.setdefault(escape_html(tx.field(page, "publisher")), []).append(page["url"])
    parts = []
    for name, urls in named.items():
        if len(urls) == 1:
            parts.append(_link(name, urls[0]))
        else:
            numbered = tx("list_comma").join(_link(tx.num(i), url) for i, url in enumerate(urls, 1))
            parts.append(f"{name} [{numbered}]")
    return tx("list_semicolon").join(parts)


def _verdict(verdict: str, tx: Text) -> str:
    return tx("verdict_" + verdict)


def factcheck_table(checks: pd.DataFrame, record: pd.DataFrame, events: pd.DataFrame, tx: Text) -> HTML:
    """Every figure with the record's side, the verdict, its margin and links to the pages it rests on."""
    columns = ["id", "url", "publisher", "publisher_ar"]
    linked = pd.concat([record[columns], events[columns]]).set_index("id")
    rows = []
    for _, check in checks.iterrows():
        # One link per page the evidence was read on, named by its publisher: row ids stay in the data.
        pages = linked.loc[[i for i in check["evidence"].split(", ") if i]]
        rows.append([_figure_claim(check, tx), escape_html(explain(check, tx)),
                     f'<span class="verdict-{check["verdict"]}">{_verdict(check["verdict"], tx)}</span>',
                     escape_html(margin(check, tx)), _sources_cell(pages, tx) or "—"])
    return _table([tx("col_claim"), tx("col_record"), tx("col_verdict"), tx("col_margin"), tx("col_sources")], rows,
                  css="factcheck")


def _average_qualifier(rate: pd.Series) -> str:
    """An average over counts of which one is a lower bound is itself one: 'at least 5.5 a day'."""
    return "at least" if rate["lower_bound"] else "exact"


def _maximum(figure: pd.Series) -> bool:
    """Whether a figure states a maximum ('up to N'), not a count."""
    return figure["qualifier"] == "up to"


def findings(figures: pd.DataFrame, record: pd.DataFrame, events: pd.DataFrame, sources: pd.DataFrame,
             tx: Text) -> Markdown:
    """The study in a few lines, from the data as given: the report's comparison, the record's start
    and peak (each from its own series, never joined), the peak's single days, every verdict."""
    figure = figures.set_index("id")
    start, end = figure.loc[ids.START_RATE], figure.loc[ids.LAST_DAY]
    checks = factcheck.check_all(figures, record, events, sources)
    fall = analysis.fall(start, end)
    comparison = tx("findings_comparison" + analysis.fall_direction(fall), start=_amount(start, tx), end=_amount(end, tx),
                    date=tx.date(end["date"]), percent=tx.percent(abs(fall["percent"])))
    lines = [comparison + (" " + tx("findings_maximum") if _maximum(start) else "")]
    rate = analysis.start_rate(analysis.monthly_strike_rates(record), start)
    if rate is not None:
        lines.append(tx("findings_start", period=tx.span(*analysis.claim_window(start)),
                        series=series_name(rate["series"], tx),
                        average=tx.series_rate(rate["average"], rate["series"], _average_qualifier(rate)),
                        busiest_rate=tx.series_rate(rate["busiest_rate"], rate["series"]),
                        busiest_month=tx.month(rate["busiest_month"])))
    start_check = checks.set_index("id").loc[ids.START_RATE]
    if "busiest" in start_check["params"]:  # judged on the single days of its period
        said = words(start_check, tx)
        lines.append(tx("findings_start_days", busiest=said["busiest"], busiest_day=said["busiest_day"],
                        open=said["open_days"], claim=_amount(start, tx)))
    steps = analysis.strike_rate_steps(record)
    if len(steps):
        peak = analysis.peak(steps)
        lines.append(tx("findings_peak", series=series_name(peak["series"], tx),
                        peak_rate=tx.series_rate(peak["per_day"], peak["series"]), peak_span=tx.span(peak["start"], peak["end"])))
    peak_check = checks.set_index("id").loc[ids.PEAK_RATE]
    lines.append(tx(peak_check["reason"], **words(peak_check, tx)))
    for _, check in checks.iterrows():
        claim = tx("findings_claim", label=tx.field(check, "label"), amount=_amount(check, tx))
        lines.append(tx("findings_verdict", claim=escape_markdown(claim), verdict=f"**{_verdict(check['verdict'], tx)}**"))
    return _bullets(lines)


def verdict_of(figure_id: str, figures: pd.DataFrame, record: pd.DataFrame, events: pd.DataFrame,
               sources: pd.DataFrame, tx: Text) -> Markdown:
    """One figure's verdict with what the record holds and lacks, and its margin: for the chart beside it."""
    check = factcheck.check_all(figures, record, events, sources).set_index("id").loc[figure_id]
    return Markdown(tx("verdict_of", claim=escape_markdown(tx("findings_claim", label=tx.field(check, "label"),
                                                              amount=_amount(check, tx))),
                       verdict=_verdict(check["verdict"], tx), explain=escape_markdown(explain(check, tx)),
                       margin=escape_markdown(margin(check, tx))))


def verdict_summary(checks: pd.DataFrame, tx: Text) -> Markdown:
    counts = checks["verdict"].value_counts()
    parts = [tx("verdict_summary_part", verdict=f"**{_verdict(v, tx)}**", count=tx.counted(counts[v], "study figures"))
             for v in factcheck.VERDICTS if v in counts]
    return Markdown(tx("verdict_summary", figures=tx.counted(len(checks), "study figures"),
                       parts=tx("list_semicolon").join(parts)))


def wording_note(checks: pd.DataFrame, sources: pd.DataFrame, tx: Text) -> Markdown:
    """The report's 'up to N at the start' against the English version's 'more than N at the peak'."""
    by_id = checks.set_index("id")
    start, peak = by_id.loc[ids.START_RATE], by_id.loc[ids.PEAK_RATE]
    same_number = (start["value"], start["unit"]) == (peak["value"], peak["unit"])
    verdicts = ("wording_same_verdict" if start["verdict"] == peak["verdict"] else "wording_other_verdict") \
        if same_number else "wording_other_numbers"
    note = tx("wording_note", start=_amount(start, tx), peak=_amount(peak, tx),
              start_source=escape_markdown(tx.field(source_of(start, sources), "publisher")),
              peak_source=escape_markdown(tx.field(source_of(peak, sources), "publisher")),
              start_verdict=_verdict(start["verdict"], tx), peak_verdict=_verdict(peak["verdict"], tx))
    return Markdown(f"{note} {tx(verdicts)}")


def set_aside_table(weak: pd.DataFrame, tx: Text) -> HTML:
    """The record's rows left out (low confidence, or the side of a conflict the study does not use), each
    with the reason, so that nothing is dropped silently."""
    rows = [[_link(escape_html(tx.quantity(r["value"], r["unit"], r["qualifier"])), r["url"]), tx.date(r["as_of"]),
             tx(f"confidence_{r['confidence']}"), tx("set_aside_conflict" if r.get("use") == "no" else "set_aside_weak"),
             escape_html(tx.field(r, "publisher"))] for _, r in weak.iterrows()]
    return _table([tx("col_value"), tx("col_date"), tx("col_confidence"), tx("col_why"), tx("col_publisher")], rows)
