"""The numbers the pages state, and what changed between two renders.

`numbers` gathers every figure, derived number, verdict and sentence the pages state, each under a
stable id, in a stable order; the render writes them to `reports/numbers.json` (for machines:
another newsroom's tools, and the comparison below). `compare` sets two such sets side by side;
the render prints what changed, one line each, and keeps a dated update log that the pages show
at their foot, newest first. A render of unchanged data changes nothing.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from . import analysis, factcheck, ids, story
from .paths import REPORTS_DIR
from .text import LANGUAGES, Text, escape_html

NUMBERS_FILE = "numbers.json"
LOG_FILE = "updates.json"


class Numbers(dict):
    """Numbers by id, with their labels in each language, and the changes that last made them differ
    from the render before (kept until the next change); shows itself as JSON in a notebook."""

    def __init__(self, values: dict, labels: dict, changes: list | None = None):
        super().__init__(values)
        self.labels, self.changes = labels, changes or []

    def stored(self) -> dict:
        return {"numbers": dict(self), "labels": self.labels, "changes": self.changes}

    def as_json(self) -> str:
        return json.dumps(self.stored(), ensure_ascii=False, indent=1) + "\n"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"application/json": self.stored(),
                "text/plain": f"{len(self)} numbers, verdicts and sentences the pages state"}, {}


def _plain(value):
    """A number as JSON holds it (a whole number without its point), a date as an ISO day."""
    if isinstance(value, (pd.Timestamp,)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float, np.number)):
        value = float(value)
        return None if not np.isfinite(value) else int(value) if value.is_integer() else round(value, 4)
    return value


def _param_values(name: str, value) -> dict:
    """A check's parameter as numbers: an amount or rate by its value, a period by its two ends."""
    if isinstance(value, (factcheck.Amount, factcheck.Rate)):
        return {name: _plain(value.value)}
    if isinstance(value, factcheck.Span):
        return {f"{name}.start": _plain(value.start), f"{name}.end": _plain(value.end)}
    if isinstance(value, pd.Timestamp) or isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return {name: _plain(value)}
    return {}


def numbers(checks: pd.DataFrame, claims: pd.DataFrame, record: pd.DataFrame, units: pd.DataFrame) -> Numbers:
    """Every figure, derived number, verdict and sentence of the pages, by id: `figure.<id>`,
    `derived.<name>`, `verdict.<id>`, `check.<id>.<number>`, `claim.<id>`, `sentence.<id>.<key>`.

    `checks` are the figures with their verdicts (`factcheck.check_all`), `claims` the statements with
    theirs (`factcheck.check_claims`): the same the pages show."""
    values, labels = {}, {}
    texts = {lang: Text(lang, units=units) for lang in LANGUAGES}
    by_id = checks.set_index("id")  # each figure's row, with its verdict
    for _, figure in checks.iterrows():
        key = f"figure.{figure['id']}"
        values[key] = _plain(figure["value"])
        labels[key] = {lang: tx.field(figure, "label") for lang, tx in texts.items()}
    start, end = by_id.loc[ids.START_RATE], by_id.loc[ids.LAST_DAY]
    fall = analysis.fall(start, end)
    derived = {"fall.percent": fall["percent"], "fall.days": fall["days"]}
    rate = analysis.start_rate(analysis.monthly_strike_rates(record), start)
    if rate is not None:
        derived |= {"start_months.average": rate["average"], "start_months.busiest": rate["busiest_rate"]}
    steps = analysis.strike_rate_steps(record)
    if len(steps):
        derived["peak.per_day"] = analysis.peak(steps)["per_day"]
    months = analysis.weapons_by_month(record)
    if len(months):
        known = months[months["status"] != "missing"]
        derived |= {"weapons.peak": known["value"].max(), "weapons.last": known["value"].iloc[-1]}
    for name, value in derived.items():
        key = f"derived.{name}"
        values[key] = _plain(value)
        labels[key] = {lang: tx(f"number_{name.replace('.', '_')}") for lang, tx in texts.items()}
    for _, check in checks.iterrows():
        label = {lang: tx.field(check, "label") for lang, tx in texts.items()}
        values[f"verdict.{check['id']}"] = check["verdict"]
        labels[f"verdict.{check['id']}"] = {lang: tx("numbers_verdict_on", label=label[lang]) for lang, tx in texts.items()}
        for name, value in check["params"].items():
            for key, number in _param_values(f"check.{check['id']}.{name}", value).items():
                values[key] = number
                labels[key] = label
        english = texts["en"]
        for sentence in [check["reason"], *check["missing"], *check["context"], check["margin"]]:
            if sentence:
                values[f"sentence.{check['id']}.{sentence}"] = english(sentence, **story.words(check, english))
                labels[f"sentence.{check['id']}.{sentence}"] = label
    for _, claim in claims.iterrows():
        if claim["verdict"] and not claim["figure_id"]:  # a figure's statement is its verdict, listed once
            key = f"claim.{claim['id']}"
            values[key] = claim["verdict"]
            labels[key] = {lang: tx.field(claim, "statement") for lang, tx in texts.items()}
    return Numbers(values, labels)


def previous(folder: Path = REPORTS_DIR) -> Numbers:
    """The numbers of the last render (none before the first)."""
    path = folder / NUMBERS_FILE
    if not path.exists():
        return Numbers({}, {})
    stored = json.loads(path.read_text(encoding="utf-8"))
    return Numbers(stored["numbers"], stored["labels"], stored.get("changes"))


def compare(old: Numbers, new: Numbers) -> pd.DataFrame:
    """What changed from `old` to `new`, one row a number: its id, kind (figure, derived, verdict,
    check, claim, sentence), the old and the new value (blank where it did not exist)."""
    keys = list(new) + [k for k in old if k not in new]
    rows = [{"id": k, "kind": k.split(".", 1)[0], "old": old.get(k), "new": new.get(k)}
            for k in keys if old.get(k) != new.get(k)]
    return pd.DataFrame(rows, columns=["id", "kind", "old", "new"], dtype=object)  # a missing value stays None


def since_last_change(old: Numbers, new: Numbers) -> Numbers:
    """`new`, carrying what changed from `old`: this render's changes if it has any, else the last
    render's (so that re-rendering unchanged data writes the same bytes). A first render has none."""
    changes = compare(old, new).to_dict("records") if old else []
    return Numbers(dict(new), new.labels, changes or old.changes)


def latest(old: Numbers, new: Numbers) -> pd.DataFrame:
    """The last change as a table: what a render of `new` after `old` changed, or the change before it."""
    return pd.DataFrame(since_last_change(old, new).changes, columns=["id", "kind", "old", "new"])


def lines(changes: pd.DataFrame) -> list[str]:
    """The changes as the render prints them: `id: old → new`, verdicts flipped called so, sentences by id."""
    out = []
    for row in changes.itertuples():
        if row.old is None or row.new is None:  # a number, verdict or sentence the pages now state, or no longer
            out.append(f"{row.id}: {'new' if row.old is None else 'gone'}")
        elif row.kind == "sentence":
            out.append(f"{row.id}: now reads differently")
        elif row.kind in ("verdict", "claim"):
            out.append(f"{row.id}: {row.old} → {row.new} (verdict flipped)")
        else:
            out.append(f"{row.id}: {row.old} → {row.new}")
    return out


# The numbers of a check that the log names (`numbers_param_<name>` in strings.csv); the others, and
# the sentences, follow from them, and are printed, not logged.
LOGGED_PARAMS = ("observed", "busiest", "fewest", "low", "then", "now", "striking", "per_week", "most")
PAGE_01 = ("figure.", "derived.fall.")  # what page 01 states; page 02 states all that is logged


def logged(key: str) -> bool:
    kind = key.split(".", 1)[0]
    return kind in ("figure", "derived", "verdict", "claim") or kind == "check" and key.rsplit(".", 1)[1] in LOGGED_PARAMS


def updated_log(log: list[dict], changes: pd.DataFrame, new: Numbers, date: str) -> list[dict]:
    """The update log with an entry for a render that changed a figure, a derived number, a verdict or
    one of the numbers behind a verdict that the pages state, newest first."""
    stated = changes[changes["id"].map(logged).astype(bool)] if len(changes) else changes
    if stated.empty:
        return log
    entry = {"date": date, "changes": [{"id": r.id, "old": _plain(r.old), "new": _plain(r.new),
                                        "label": new.labels.get(r.id) or {}} for r in stated.itertuples()]}
    return [entry] + log


def read_log(folder: Path = REPORTS_DIR) -> list[dict]:
    path = folder / LOG_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def _value(tx: Text, key: str, value) -> str:
    if value is None or isinstance(value, float) and np.isnan(value):
        return "—"
    if key.startswith(("verdict.", "claim.")):
        return tx(f"verdict_{value}")
    if isinstance(value, (int, float)):
        return tx.num(value, 0 if float(value).is_integer() else 2)
    return escape_html(value)


def _label(tx: Text, change: dict) -> str:
    label = change["label"].get(tx.lang) or change["id"]
    if change["id"].startswith("check."):  # a number behind a verdict: the figure, then which number
        label = f"{label} — {tx('numbers_param_' + change['id'].rsplit('.', 1)[1])}"
    return escape_html(label)


def log_html(log: list[dict], lang: str, page: str) -> str:
    """The update log as a page's foot shows it, in the page's language: the entries that changed what
    this page (`01` or `02`) states (nothing before a first change)."""
    tx = Text(lang)
    items = []
    for entry in log:
        stated = [c for c in entry["changes"] if logged(c["id"]) and (page != "01" or c["id"].startswith(PAGE_01))]
        if not stated:
            continue
        changes = tx("list_semicolon").join(
            f"{_label(tx, change)}: {_value(tx, change['id'], change['old'])} → {_value(tx, change['id'], change['new'])}"
            for change in stated)
        items.append(f"<li><b>{tx.date(pd.Timestamp(entry['date']))}</b>: {changes}</li>")
    if not items:
        return ""
    return (f'<section class="updates"><h2>{tx("updates_heading")}</h2><p>{tx("updates_intro")}</p>'
            f'<ul>{"".join(items)}</ul></section>')


def other_data_html(folder: str, lang: str) -> str:
    """The notice a page built from another data folder carries above its first heading."""
    return f'<p class="other-data" role="note">{Text(lang)("other_data_notice", folder=escape_html(folder))}</p>'


