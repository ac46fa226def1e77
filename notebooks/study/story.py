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
from .text import Text, escape_html, escape_markdown


def _source(sources: pd.DataFrame, source_id: str) -> pd.Series:
    return sources.set_index("id").loc[source_id]


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
    """Which data the page was built from: the folder, a fingerprint of its files and their sizes."""
    return Markdown(tx("provenance", folder=escape_markdown(data.folder_label), fingerprint=data.fingerprint,
                       figures=tx.num(len(data.figures)), record=tx.num(len(data.record)),
                       events=tx.num(len(data.events))))


def sources_table(sources: pd.DataFrame, tx: Text) -> HTML:
    rows = [[escape_html(s.id), escape_html(s.publisher), _link(escape_html(s.title), s.url), tx.date(s.published),
             tx(f"language_{s.language}")] for s in sources.itertuples()]
    return _table([tx("col_id"), tx("col_publisher"), tx("col_title"), tx("col_date"), tx("col_language")], rows)


# ----- notebook 01: what the article says -----
def article_intro(figures: pd.DataFrame, sources: pd.DataFrame, tx: Text) -> Markdown:
    """Who published the report, when, and how many figures it gives."""
    source = _source(sources, figures.set_index("id").loc[ids.LAST_DAY, "source_id"])
    return Markdown(tx("article_intro", publisher=escape_markdown(source["publisher"]),
                       date=tx.date(source["published"]), url=escape_html(source["url"]),
                       figures=tx.num(len(figures))))


def figures_table(figures: pd.DataFrame, sources: pd.DataFrame, tx: Text) -> HTML:
    publishers = sources.set_index("id")["publisher"]
    rows = []
    for _, f in figures.iterrows():
        paragraph = tx.num(f["paragraph"]) if pd.notna(f["paragraph"]) else "—"
        rows.append([escape_html(tx.field(f, "label")), escape_html(_amount(f, tx)), _when(f, tx),
                     escape_html(tx.field(f, "stated_by")), escape_html(publishers[f["source_id"]]), paragraph])
    return _table([tx("col_figure"), tx("col_value"), tx("col_date"), tx("col_stated_by"), tx("col_source"),
                   tx("col_paragraph")], rows)


def headline(start: pd.Series, end: pd.Series, tx: Text) -> Markdown:
    """The report's comparison of its two days, with the fall between them."""
    fall = analysis.fall(start, end)
    return Markdown(tx("headline", start=_amount(start, tx), end=_amount(end, tx), date=tx.date(end["date"]),
                       percent=tx.percent(fall["percent"]), ratio=tx.factor(fall["ratio"]),
                       days=tx.num(fall["days"]), years=tx.num(fall["days"] / 365.25, 1)))


def people_text(figure: pd.Series, tx: Text) -> Markdown:
    return Markdown(tx("people_text", people=tx.count(figure["value"]),
                       stated_by=escape_markdown(tx.field(figure, "stated_by")),
                       paragraph=tx.num(figure["paragraph"]), raw=tx.num(figure["value"])))


def coalition_text(members: pd.Series, active: pd.Series, tx: Text) -> Markdown:
    share = active["value"] / members["value"] * 100
    return Markdown(tx("coalition_text", members=tx.qualified_number(members["value"], members["qualifier"]),
                       active=tx.num(active["value"]), names=escape_markdown(tx.listing(tx.names(active))),
                       share=tx.percent(share)))


def cadence_text(before: pd.Series, after: pd.Series, tx: Text) -> Markdown:
    return Markdown(tx("cadence_text", before=tx.num(before["value"]), after=tx.num(after["value"]),
                       percent=tx.percent((before["value"] - after["value"]) / before["value"] * 100)))


# ----- notebook 02: against the record -----
def record_intro(record: pd.DataFrame, tx: Text) -> Markdown:
    return Markdown(tx("record_intro", rows=tx.num(len(record)), units=tx.num(record["unit"].nunique()),
                       series=tx.num(record["series"].nunique()), weak=tx.num(len(analysis.set_aside(record)))))


def decline_text(steps: pd.DataFrame, monthly: pd.DataFrame, start: pd.Series, tx: Text) -> Markdown:
    """The record's curve in words: the start (monthly counts), the peak, and the steps after it in its series."""
    lines = []
    rate = analysis.start_rate(monthly, start)
    if rate is not None:
        lines.append(tx("decline_start", average=tx.rate(rate["average"]), span=tx.span(rate["first"], rate["last"]),
                        busiest_rate=tx.rate(rate["busiest_rate"]), busiest_month=tx.month(rate["busiest_month"])))
    peak = analysis.peak(steps)
    lines.append(tx("decline_peak", peak=tx.rate(peak["per_day"]), span=tx.span(peak["start"], peak["end"])))
    after_peak = steps[(steps["series"] == peak["series"]) & (steps["start"] > peak["end"])].sort_values("end")
    for step in after_peak.head(3).itertuples():
        lines.append(tx("decline_step", rate=tx.rate(step.per_day), span=tx.span(step.start, step.end)))
    return _bullets(lines)


def weapons_text(months: pd.DataFrame, tx: Text) -> Markdown:
    """Which months were derived from year-to-date totals, and where two sources gave a month."""
    lines = [tx("weapons_derived", month=tx.month(m.month), value=tx.num(m.value), ids=escape_markdown(m.ids))
             for m in months[months["derived"]].itertuples()]
    lines += [tx("weapons_alternative", month=tx.month(m.month), value=tx.num(m.value), kept=escape_markdown(m.ids),
                 alternative=escape_markdown(m.alternative)) for m in months[months["alternative"] != ""].itertuples()]
    return _bullets(lines)


def explain(check: pd.Series, tx: Text) -> str:
    """The record's side of a check (a row of `factcheck.check_all`), in words, from its numbers."""
    p = check["params"]
    rates = {"average", "busiest_rate", "peak_rate", "per_week", "span", "years"}
    words = {}
    for key, value in p.items():
        if isinstance(value, pd.Timestamp):
            words[key] = tx.date(value)
        elif isinstance(value, (bool, str, dict)):
            continue
        elif isinstance(value, (int, float, np.number)):
            words[key] = tx.rate(value) if key in rates else tx.count(value)
        elif value and isinstance(value[0], pd.Timestamp):
            words[key] = tx.listing([tx.date(v) for v in value])
        elif value and isinstance(value[0], str):
            words[key] = tx.listing([tx.country(v) for v in value])
        else:
            words[key] = tx.listing([tx.count(v) for v in value])
    if "busiest_month" in p:
        words["busiest_month"] = tx.month(p["busiest_month"])
    if "first" in p:
        words["period"] = tx.span(p["first"], p["last"])
    if "peak_start" in p:
        words["peak_span"] = tx.span(p["peak_start"], p["peak_end"])
    if "day_qualifier" in p:
        words["day_amount"] = tx.qualified_number(p["day_value"], p["day_qualifier"])
    if "values" in p:
        words["values"] = tx.listing([f"{tx.country(c)} {tx.num(v)}" for c, v in p["values"].items()])
    if "span" in p:
        words["span_days"] = tx.days(p["span"])
    words["claim"] = tx.qualified_number(check["value"], check["qualifier"])
    words["claim_value"] = tx.count(check["value"])
    reason = check["reason"]
    sentences = [tx(reason, **words)]
    notes = {"note_lower_bound": p.get("lower_bound"),
             "note_later_days": p.get("later_count"),
             "note_peak_average": "peak_span" in words and reason.startswith("reason_peak"),
             "note_people_later": "after_value" in p and reason.startswith("reason_level"),
             "note_members_later": "later_value" in p,
             "note_unnamed": p.get("unnamed")}
    sentences += [tx(key, **words) for key, wanted in notes.items() if wanted]
    return " ".join(sentences)


def _verdict(verdict: str, tx: Text) -> str:
    return tx("verdict_" + verdict)


def factcheck_table(checks: pd.DataFrame, record: pd.DataFrame, events: pd.DataFrame, tx: Text) -> HTML:
    """Every figure with the record's side, the verdict, the gap and links to the rows it rests on."""
    linked = pd.concat([record[["id", "url", "publisher"]], events[["id", "url", "publisher"]]]).set_index("id")
    rows = []
    for _, check in checks.iterrows():
        links = [f'<a href="{escape_html(linked.at[i, "url"])}" title="{escape_html(linked.at[i, "publisher"])}">'
                 f'{escape_html(i)}</a>' for i in check["evidence"].split(", ") if i]
        gap = "×" + tx.factor(check["gap"]) if pd.notna(check["gap"]) and abs(check["gap"] - 1) >= 0.05 else "—"
        rows.append([_figure_claim(check, tx), escape_html(explain(check, tx)),
                     f'<span class="verdict-{check["verdict"]}">{_verdict(check["verdict"], tx)}</span>',
                     gap, ", ".join(links) or "—"])
    return _table([tx("col_claim"), tx("col_record"), tx("col_verdict"), tx("col_gap"), tx("col_sources")], rows,
                  css="factcheck")


def findings(figures: pd.DataFrame, record: pd.DataFrame, events: pd.DataFrame, sources: pd.DataFrame,
             tx: Text) -> Markdown:
    """The study in a few lines, from the data as given: the report's comparison, the record's curve, every verdict."""
    figure = figures.set_index("id")
    start, end = figure.loc[ids.START_RATE], figure.loc[ids.LAST_DAY]
    checks = factcheck.check_all(figures, record, events, sources)
    peak_check = checks.set_index("id").loc[ids.PEAK_RATE, "params"]
    rate = analysis.start_rate(analysis.monthly_strike_rates(record), start)
    peak = analysis.peak(analysis.strike_rate_steps(record))
    lines = [tx("findings_comparison", start=_amount(start, tx), end=_amount(end, tx), date=tx.date(end["date"]),
                percent=tx.percent(analysis.fall(start, end)["percent"])),
             tx("findings_record", start=tx.rate(rate["average"]), start_span=tx.span(rate["first"], rate["last"]),
                peak=tx.rate(peak["per_day"]), peak_span=tx.span(peak["start"], peak["end"]),
                claim=tx.count(start["value"]), day=tx.date(peak_check["day"]),
                day_amount=tx.qualified_number(peak_check["day_value"], peak_check["day_qualifier"]))]
    for _, check in checks.iterrows():
        claim = f"{tx.field(check, 'label')}: {_amount(check, tx)}"
        lines.append(tx("findings_verdict", claim=escape_markdown(claim), verdict=f"**{_verdict(check['verdict'], tx)}**"))
    return _bullets(lines)


def verdict_summary(checks: pd.DataFrame, tx: Text) -> Markdown:
    counts = checks["verdict"].value_counts()
    parts = [f"{_verdict(v, tx)}: {tx.num(counts[v])}" for v in factcheck.VERDICTS if v in counts]
    return Markdown(tx("verdict_summary", figures=tx.num(len(checks)), parts=tx.listing(parts)))


def wording_note(checks: pd.DataFrame, sources: pd.DataFrame, tx: Text) -> Markdown:
    """The report's 'up to N at the start' against the English version's 'more than N at the peak'."""
    by_id = checks.set_index("id")
    start, peak = by_id.loc[ids.START_RATE], by_id.loc[ids.PEAK_RATE]
    return Markdown(tx("wording_note", start=_amount(start, tx), peak=_amount(peak, tx),
                       start_source=escape_markdown(_source(sources, start["source_id"])["publisher"]),
                       peak_source=escape_markdown(_source(sources, peak["source_id"])["publisher"]),
                       start_verdict=_verdict(start["verdict"], tx), peak_verdict=_verdict(peak["verdict"], tx)))


def set_aside_table(weak: pd.DataFrame, tx: Text) -> HTML:
    """The record's low-confidence rows, listed so that nothing is dropped silently."""
    rows = [[_link(escape_html(r.id), r.url), escape_html(tx.quantity(r.value, r.unit, r.qualifier)), tx.date(r.as_of),
             tx(f"confidence_{r.confidence}"), escape_html(r.publisher)] for r in weak.itertuples()]
    return _table([tx("col_id"), tx("col_value"), tx("col_date"), tx("col_confidence"), tx("col_publisher")], rows)
