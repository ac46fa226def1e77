"""What changed between two renders of the numbers the pages state, and the update log.

The numbers themselves (`stated.numbers`) are gathered in the notebook; the render writes them to
`reports/numbers.json`. `compare` sets two such sets side by side; the render prints what changed,
one line each, and keeps a dated update log that the pages show at their foot, newest first. A
render of unchanged data changes nothing. Plain Python, without pandas: the render imports this
module while its kernels start, and pandas would take a third of a second of it.
"""
from __future__ import annotations

import datetime
import json
import math
from pathlib import Path

from .paths import REPORTS_DIR
from .text import Text, escape_html

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


def previous(folder: Path = REPORTS_DIR) -> Numbers:
    """The numbers of the last render (none before the first)."""
    path = folder / NUMBERS_FILE
    if not path.exists():
        return Numbers({}, {})
    stored = json.loads(path.read_text(encoding="utf-8"))
    return Numbers(stored["numbers"], stored["labels"], stored.get("changes"))


CHANGE_COLUMNS = ["id", "kind", "old", "new"]


def compare(old: Numbers, new: Numbers) -> list[dict]:
    """What changed from `old` to `new`, one dict a number: its id, kind (figure, derived, verdict,
    check, claim, sentence), the old and the new value (None where it did not exist)."""
    keys = list(new) + [k for k in old if k not in new]
    return [{"id": k, "kind": k.split(".", 1)[0], "old": old.get(k), "new": new.get(k)}
            for k in keys if old.get(k) != new.get(k)]


def since_last_change(old: Numbers, new: Numbers) -> Numbers:
    """`new`, carrying what changed from `old`: this render's changes if it has any, else the last
    render's (so that re-rendering unchanged data writes the same bytes). A first render has none."""
    changes = compare(old, new) if old else []
    return Numbers(dict(new), new.labels, changes or old.changes)


def latest(old: Numbers, new: Numbers):
    """The last change as a table (a DataFrame): what a render of `new` after `old` changed, or the
    change before it."""
    import pandas as pd  # for the notebook's table only: the render does not need pandas here

    return pd.DataFrame(since_last_change(old, new).changes, columns=CHANGE_COLUMNS)


def lines(changes: list[dict]) -> list[str]:
    """The changes as the render prints them: `id: old → new`, verdicts flipped called so, sentences by id."""
    out = []
    for change in changes:
        key, kind, old, new = (change[column] for column in CHANGE_COLUMNS)
        if old is None or new is None:  # a number, verdict or sentence the pages now state, or no longer
            out.append(f"{key}: {'new' if old is None else 'gone'}")
        elif kind == "sentence":
            out.append(f"{key}: now reads differently")
        elif kind in ("verdict", "claim"):
            out.append(f"{key}: {old} → {new} (verdict flipped)")
        else:
            out.append(f"{key}: {old} → {new}")
    return out


# The numbers of a check that the log names (`numbers_param_<name>` in strings.csv); the others, and
# the sentences, follow from them, and are printed, not logged.
LOGGED_PARAMS = ("observed", "busiest", "fewest", "low", "then", "now", "striking", "per_week", "most")
PAGE_01 = ("figure.", "derived.fall.")  # what page 01 states; page 02 states all that is logged


def logged(key: str) -> bool:
    kind = key.split(".", 1)[0]
    return kind in ("figure", "derived", "verdict", "claim") or kind == "check" and key.rsplit(".", 1)[1] in LOGGED_PARAMS


def updated_log(log: list[dict], changes: list[dict], new: Numbers, date: str) -> list[dict]:
    """The update log with an entry for a render that changed a figure, a derived number, a verdict or
    one of the numbers behind a verdict that the pages state, newest first."""
    stated = [change for change in changes if logged(change["id"])]
    if not stated:
        return log
    entry = {"date": date, "changes": [{"id": c["id"], "old": c["old"], "new": c["new"],
                                        "label": new.labels.get(c["id"]) or {}} for c in stated]}
    return [entry] + log


def read_log(folder: Path = REPORTS_DIR) -> list[dict]:
    path = folder / LOG_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def _value(tx: Text, key: str, value) -> str:
    if value is None or isinstance(value, float) and math.isnan(value):
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
        items.append(f"<li><b>{tx.date(datetime.date.fromisoformat(entry['date']))}</b>: {changes}</li>")
    if not items:
        return ""
    return (f'<section class="updates"><h2>{tx("updates_heading")}</h2><p>{tx("updates_intro")}</p>'
            f'<ul>{"".join(items)}</ul></section>')


def other_data_html(folder: str, lang: str) -> str:
    """The notice a page built from another data folder carries above its first heading."""
    return f'<p class="other-data" role="note">{Text(lang)("other_data_notice", folder=escape_html(folder))}</p>'


