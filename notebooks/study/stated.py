"""The numbers the pages state: every figure, derived number, verdict and sentence, each under a
stable id, in a stable order. A notebook gathers them; the render writes them to
`reports/numbers.json` (for machines: another newsroom's tools) and compares them with the last
render's (`changes`)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import analysis, factcheck, ids, story
from .changes import Numbers
from .text import LANGUAGES, Text


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
