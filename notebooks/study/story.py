"""What the notebooks call: one `Edition` per language, each cell one method.

An edition loads and checks the data once, then writes every sentence, table and chart of
the study in its language. Numbers come from the data and the rules in `analysis` and
`factcheck`; words come from `strings.csv` through `text.Text`.
"""
from __future__ import annotations

import base64
import io
import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import HTML, Markdown

from . import analysis, charts, factcheck
from .data import load
from .paths import FIGURES_ENV
from .text import Text, escape_html, escape_markdown

DISPLAY_WIDTH = 800  # px; PNGs are drawn at twice this for high-density screens
PNG_DPI = 2 * DISPLAY_WIDTH / charts.WIDTH_IN


class ChartImage:
    """A chart as the notebook shows it: a PNG with its alt text and display width."""

    def __init__(self, chart: charts.Chart, png: bytes):
        self.chart, self.png = chart, png

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"image/png": base64.b64encode(self.png).decode("ascii"), "text/plain": self.chart.alt}
        return data, {"image/png": {"width": DISPLAY_WIDTH, "alt": self.chart.alt}}


def png_bytes(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    with plt.rc_context(charts.STYLE):
        # zlib level 3: faster than the default 6 and, for these flat-colour charts, no larger.
        figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None},
                       pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def save_chart(chart: charts.Chart, folder: Path, png: bytes) -> None:
    """Write the chart as PNG (the bytes shown in the notebook) and SVG, with no dates or random ids."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{chart.name}.png").write_bytes(png)
    with plt.rc_context(charts.STYLE):
        chart.figure.savefig(folder / f"{chart.name}.svg", format="svg", metadata={"Date": None})


class Edition:
    def __init__(self, data_dir: str | Path | None = None, lang: str = "en", digits: str = "western"):
        self.data = load(data_dir)
        self.tx = Text(lang, digits, self.data.units)
        self.checks = factcheck.check_all(self.data)
        self.fall = analysis.headline_fall(self.data.figures)
        folder = os.environ.get(FIGURES_ENV)
        self.figures_dir = Path(folder) / lang if folder else None

    # ----- helpers -----
    def check(self, figure_id: str) -> factcheck.Check:
        return self.checks.set_index("id").loc[figure_id, "check_result"]

    def show(self, chart: charts.Chart) -> ChartImage:
        png = png_bytes(chart.figure)
        if self.figures_dir:
            save_chart(chart, self.figures_dir, png)
        plt.close(chart.figure)
        return ChartImage(chart, png)

    def _link(self, text: str, url: str) -> str:
        return f'<a href="{escape_html(url)}">{text}</a>'

    def _table(self, header: list[str], rows: list[list[str]], css: str = "") -> HTML:
        """An HTML table from cells that are already escaped."""
        head = "".join(f"<th>{h}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        return HTML(f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')

    def _figure_claim(self, figure: pd.Series) -> str:
        tx = self.tx
        when = self._when(figure)
        label = escape_html(tx.field(figure, "label"))
        amount = escape_html(tx.quantity(figure["value"], figure["unit"], figure["qualifier"]))
        return f"{label}: <b>{amount}</b> ({when})"

    def _when(self, figure: pd.Series) -> str:
        """The day a figure is true at, or the period it covers."""
        if pd.isna(figure["period_start"]):
            return self.tx.date(figure["date"])
        return self.tx.span(figure["period_start"], figure["date"])

    # ----- both notebooks -----
    def provenance(self) -> Markdown:
        data = self.data
        return Markdown(self.tx("provenance", folder=escape_markdown(data.folder_label), fingerprint=data.fingerprint,
                                figures=self.tx.num(len(data.figures)), record=self.tx.num(len(data.record)),
                                events=self.tx.num(len(data.events))))

    def sources_table(self) -> HTML:
        tx = self.tx
        rows = [[escape_html(s.id), escape_html(s.publisher), self._link(escape_html(s.title), s.url), tx.date(s.published),
                 tx(f"language_{s.language}")] for s in self.data.sources.itertuples()]
        return self._table([tx("col_id"), tx("col_publisher"), tx("col_title"), tx("col_date"), tx("col_language")],
                           rows)

    # ----- notebook 01: what the article says -----
    def article_intro(self) -> Markdown:
        source = self.data.source(self.data.figure("strikes-2017-11-08")["source_id"])
        return Markdown(self.tx("article_intro", publisher=escape_markdown(source["publisher"]),
                                date=self.tx.date(source["published"]), url=escape_html(source["url"]),
                                figures=self.tx.num(len(self.data.figures))))

    def figures_table(self) -> HTML:
        tx = self.tx
        sources = self.data.sources.set_index("id")
        rows = []
        for _, f in self.data.figures.iterrows():
            paragraph = tx.num(f["paragraph"]) if pd.notna(f["paragraph"]) else "—"
            rows.append([escape_html(tx.field(f, "label")), escape_html(tx.quantity(f["value"], f["unit"], f["qualifier"])),
                         self._when(f), escape_html(tx.field(f, "stated_by")),
                         escape_html(sources.loc[f["source_id"], "publisher"]), paragraph])
        return self._table([tx("col_figure"), tx("col_value"), tx("col_date"), tx("col_stated_by"),
                            tx("col_source"), tx("col_paragraph")], rows)

    def headline(self) -> Markdown:
        tx, fall = self.tx, self.fall
        start, end = self.data.figure("strikes-per-day-start"), self.data.figure("strikes-2017-11-08")
        return Markdown(tx("headline", start=tx.quantity(start["value"], start["unit"], start["qualifier"]),
                           end=tx.quantity(end["value"], end["unit"], end["qualifier"]), date=tx.date(end["date"]),
                           percent=tx.percent(fall.percent), ratio=tx.factor(fall.ratio),
                           days=tx.num(fall.days), years=tx.num(fall.days / 365.25, 1)))

    def chart_article_decline(self) -> ChartImage:
        return self.show(charts.article_decline(self.data, self.tx, self.fall))

    def people_text(self) -> Markdown:
        figure = self.data.figure("people-freed")
        return Markdown(self.tx("people_text", people=self.tx.count(figure["value"]), stated_by=escape_markdown(self.tx.field(figure, "stated_by")),
                                paragraph=self.tx.num(figure["paragraph"]), raw=self.tx.num(figure["value"])))

    def chart_people(self) -> ChartImage:
        return self.show(charts.people(self.data, self.tx))

    def coalition_text(self) -> Markdown:
        tx = self.tx
        members, active = self.data.figure("coalition-members"), self.data.figure("active-members-named")
        share = active["value"] / members["value"] * 100
        return Markdown(tx("coalition_text", members=tx.qualified_number(members["value"], members["qualifier"]),
                           active=tx.num(active["value"]), names=escape_markdown(tx.listing(tx.names(active))),
                           share=tx.percent(share)))

    def chart_coalition(self) -> ChartImage:
        return self.show(charts.coalition(self.data, self.tx))

    def cadence_text(self) -> Markdown:
        tx = self.tx
        before, after = self.data.figure("reports-per-week-before"), self.data.figure("reports-per-week-after")
        return Markdown(tx("cadence_text", before=tx.num(before["value"]), after=tx.num(after["value"]),
                           percent=tx.percent((before["value"] - after["value"]) / before["value"] * 100)))

    def chart_cadence(self) -> ChartImage:
        return self.show(charts.cadence(self.data, self.tx))

    # ----- notebook 02: against the record -----
    def record_intro(self) -> Markdown:
        tx, record = self.tx, self.data.record
        weak = analysis.set_aside(record)
        return Markdown(tx("record_intro", rows=tx.num(len(record)), units=tx.num(record["unit"].nunique()),
                           series=tx.num(record["series"].nunique()), weak=tx.num(len(weak))))

    def _claims_in_record(self) -> set[str]:
        return set(self.data.figures["record_id"].replace("", np.nan).dropna())

    def chart_record_decline(self) -> ChartImage:
        return self.show(charts.record_decline(self.data, self.tx, self.check("strikes-per-day-start"),
                                               self._claims_in_record()))

    def decline_text(self) -> Markdown:
        tx = self.tx
        steps = analysis.strike_rate_steps(self.data.record)
        main = steps[steps["series"] == "cjtf-oir-monthly-report"].sort_values("end")
        peak = analysis.busiest_step(main)
        after_peak = main[main["start"] > peak["end"]]
        start = self.check("strikes-per-day-start")
        lines = [tx("decline_start", average=tx.rate(start.params["average"]),
                    span=tx.span(start.params["first"], start.params["last"]),
                    busiest_rate=tx.rate(start.params["busiest_rate"]), busiest_month=tx.month(start.params["busiest_month"]))]
        lines.append(tx("decline_peak", peak=tx.rate(peak["per_day"]), span=tx.span(peak["start"], peak["end"])))
        for step in after_peak.head(3).itertuples():
            lines.append(tx("decline_step", rate=tx.rate(step.per_day), span=tx.span(step.start, step.end)))
        return Markdown("\n".join(f"- {line}" for line in lines))

    def chart_weapons(self) -> ChartImage:
        return self.show(charts.weapons(self.data, self.tx))

    def weapons_text(self) -> Markdown:
        tx = self.tx
        months = analysis.weapons_by_month(self.data.record)
        derived = months[months["derived"]]
        lines = [tx("weapons_derived", month=tx.month(m.month), value=tx.num(m.value), ids=escape_markdown(m.ids))
                 for m in derived.itertuples()]
        lines += [tx("weapons_alternative", month=tx.month(m.month), value=tx.num(m.value), kept=escape_markdown(m.ids),
                     alternative=escape_markdown(m.alternative)) for m in months[months["alternative"] != ""].itertuples()]
        return Markdown("\n".join(f"- {line}" for line in lines))

    def chart_membership(self) -> ChartImage:
        return self.show(charts.membership(self.data, self.tx, self.check("coalition-members")))

    def chart_people_record(self) -> ChartImage:
        return self.show(charts.people_record(self.data, self.tx, self.check("people-freed")))

    def explain(self, figure: pd.Series, check: factcheck.Check) -> str:
        """The record's side of a check, in words, from the check's numbers."""
        tx, p = self.tx, check.params
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
        words["claim"] = tx.qualified_number(figure["value"], figure["qualifier"])
        words["claim_value"] = tx.count(figure["value"])
        sentences = [tx(check.reason, **words)]
        notes = {"note_lower_bound": p.get("lower_bound"),
                 "note_later_days": p.get("later_count"),
                 "note_peak_average": "peak_span" in words and check.reason.startswith("reason_peak"),
                 "note_people_later": "after_value" in p and check.reason.startswith("reason_level"),
                 "note_members_later": "later_value" in p,
                 "note_unnamed": p.get("unnamed")}
        sentences += [tx(key, **words) for key, wanted in notes.items() if wanted]
        return " ".join(sentences)

    def factcheck_table(self) -> HTML:
        tx = self.tx
        record = self.data.record.set_index("id")
        events = self.data.events.set_index("id")
        rows = []
        for _, figure in self.checks.iterrows():
            check = figure["check_result"]
            links = []
            for evidence_id in check.evidence:
                table = record if evidence_id in record.index else events
                row = table.loc[evidence_id]
                links.append(f'<a href="{escape_html(row["url"])}" title="{escape_html(row["publisher"])}">'
                             f'{escape_html(evidence_id)}</a>')
            gap = "×" + tx.factor(check.gap) if check.gap and abs(check.gap - 1) >= 0.05 else "—"
            rows.append([self._figure_claim(figure), escape_html(self.explain(figure, check)),
                         f'<span class="verdict-{check.verdict}">{tx("verdict_" + check.verdict)}</span>',
                         gap, ", ".join(links) or "—"])
        return self._table([tx("col_claim"), tx("col_record"), tx("col_verdict"), tx("col_gap"), tx("col_sources")],
                           rows, css="factcheck")

    def findings(self) -> Markdown:
        """The study in a few lines: the report's comparison, the record's curve, every verdict."""
        tx = self.tx
        start, end = self.data.figure("strikes-per-day-start"), self.data.figure("strikes-2017-11-08")
        start_check, peak_check = self.check("strikes-per-day-start"), self.check("strikes-per-day-peak")
        p, q = start_check.params, peak_check.params
        lines = [tx("findings_comparison", start=tx.quantity(start["value"], start["unit"], start["qualifier"]),
                    end=tx.quantity(end["value"], end["unit"], end["qualifier"]), date=tx.date(end["date"]),
                    percent=tx.percent(self.fall.percent)),
                 tx("findings_record", start=tx.rate(p["average"]), start_span=tx.span(p["first"], p["last"]),
                    peak=tx.rate(q["peak_rate"]), peak_span=tx.span(q["peak_start"], q["peak_end"]),
                    claim=tx.count(start["value"]), day=tx.date(q["day"]),
                    day_amount=tx.qualified_number(q["day_value"], q["day_qualifier"]))]
        for _, figure in self.checks.iterrows():
            claim = f"{tx.field(figure, 'label')}: {tx.quantity(figure['value'], figure['unit'], figure['qualifier'])}"
            lines.append(tx("findings_verdict", claim=escape_markdown(claim),
                            verdict=f"**{tx('verdict_' + figure['verdict'])}**"))
        return Markdown("\n".join(f"- {line}" for line in lines))

    def verdict_summary(self) -> Markdown:
        tx = self.tx
        counts = self.checks["verdict"].value_counts()
        parts = [f"{tx('verdict_' + v)}: {tx.num(counts[v])}" for v in factcheck.VERDICTS if v in counts]
        return Markdown(tx("verdict_summary", figures=tx.num(len(self.checks)), parts=tx.listing(parts)))

    def wording_note(self) -> Markdown:
        tx = self.tx
        start, peak = self.data.figure("strikes-per-day-start"), self.data.figure("strikes-per-day-peak")
        start_check, peak_check = self.check("strikes-per-day-start"), self.check("strikes-per-day-peak")
        return Markdown(tx("wording_note",
                           start=tx.quantity(start["value"], start["unit"], start["qualifier"]),
                           peak=tx.quantity(peak["value"], peak["unit"], peak["qualifier"]),
                           start_source=escape_markdown(self.data.source(start["source_id"])["publisher"]),
                           peak_source=escape_markdown(self.data.source(peak["source_id"])["publisher"]),
                           start_verdict=tx("verdict_" + start_check.verdict),
                           peak_verdict=tx("verdict_" + peak_check.verdict)))

    def set_aside_table(self) -> HTML:
        tx = self.tx
        weak = analysis.set_aside(self.data.record)
        rows = [[self._link(escape_html(r.id), r.url), escape_html(tx.quantity(r.value, r.unit, r.qualifier)), tx.date(r.as_of),
                 tx(f"confidence_{r.confidence}"), escape_html(r.publisher)] for r in weak.itertuples()]
        return self._table([tx("col_id"), tx("col_value"), tx("col_date"), tx("col_confidence"), tx("col_publisher")],
                           rows)
