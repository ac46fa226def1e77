"""Load the five data files of a folder, validated against the codebook, into one `StudyData`."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .ids import CHARTED
from .paths import DATA_DIR, ROOT
from .validate import (DataError, Problem, _bad, check_periods, check_references, check_table,
                       check_values_against_units, read_schema, read_table)

# Read in this order: later files refer to earlier ones.
FILES = ("sources.csv", "units.csv", "official_record.csv", "article_figures.csv", "events.csv")


@dataclass(frozen=True)
class StudyData:
    folder: Path
    fingerprint: str  # first 12 hex digits of a SHA-256 over the files' names and bytes
    sources: pd.DataFrame
    units: pd.DataFrame
    record: pd.DataFrame
    figures: pd.DataFrame
    events: pd.DataFrame

    @property
    def folder_label(self) -> str:
        """The folder as a reader should see it: relative to the repository when inside it."""
        try:
            return self.folder.resolve().relative_to(ROOT).as_posix() + "/"
        except ValueError:
            return str(self.folder)

    def figure(self, figure_id: str) -> pd.Series:
        return self.figures.set_index("id").loc[figure_id]

    def source(self, source_id: str) -> pd.Series:
        return self.sources.set_index("id").loc[source_id]


def fingerprint(digests: dict[str, str]) -> str:
    """One short hash of the files' names and contents (each file's SHA-256, taken as it was read)."""
    combined = hashlib.sha256()
    for name in FILES:
        combined.update(f"{name}\0{digests[name]}\0".encode())
    return combined.hexdigest()[:12]


def load(folder: str | Path | None = None) -> StudyData:
    """Read and validate every file; raise one DataError listing all problems in all files."""
    folder = Path(folder) if folder else DATA_DIR
    folder = folder if folder.is_absolute() else ROOT / folder
    schema = read_schema()
    raw, typed, problems = {}, {}, []
    for name in FILES:
        columns = schema[schema["file"] == name]
        try:
            raw[name] = read_table(folder / name, name, columns)
        except DataError as err:
            problems += err.problems
            continue
        typed[name], found = check_table(raw[name], name, columns)
        problems += found
    for name in raw:
        columns = schema[schema["file"] == name]
        problems += check_references(raw[name], name, columns, raw)
    if "units.csv" in raw:
        for name in ("official_record.csv", "article_figures.csv"):
            if name in raw:
                problems += check_values_against_units(raw[name], typed[name], name, raw["units.csv"])
    for name, end in (("official_record.csv", "as_of"), ("article_figures.csv", "date")):
        if name in raw:
            problems += check_periods(raw[name], typed[name], name, end)
    if {"article_figures.csv", "sources.csv"} <= raw.keys():
        problems += _check_figures(raw["article_figures.csv"], typed["article_figures.csv"], typed["sources.csv"])
    if "events.csv" in raw:
        problems += _check_events(raw["events.csv"])
    if problems:
        problems.sort(key=lambda p: (FILES.index(p.file), p.line or 0))
        raise DataError(problems)
    return StudyData(folder, fingerprint({name: raw[name].attrs["sha256"] for name in FILES}),
                     *(typed[name].drop(columns="_line") for name in
                       ("sources.csv", "units.csv", "official_record.csv", "article_figures.csv", "events.csv")))


def _check_figures(frame: pd.DataFrame, typed: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    name, problems = "article_figures.csv", []
    for figure_id in CHARTED:
        if figure_id not in set(frame["id"]):
            problems.append(Problem(name, None, None, None,
                                    f"the figure '{figure_id}' is missing: the study's charts and text are "
                                    "built on it, so its row must stay (its values may change)"))
    limit = typed["source_id"].map(sources.set_index("id")["paragraphs"])
    _bad(problems, name, frame, typed["paragraph"] > limit, "paragraph",
         lambda i: f"a paragraph number no larger than the source's {limit[i]:.0f} paragraphs (sources.csv)")
    for column in ("names_en", "names_ar"):
        named = frame[column] != ""
        count = frame[column].str.replace("؛", ";").str.split(";").str.len()
        _bad(problems, name, frame, named & (count != typed["value"]), column,
             lambda i: f"as many names, separated by ';', as the value ({frame.at[i, 'value']})")
    return problems


def _check_events(frame: pd.DataFrame) -> list[Problem]:
    problems = []
    charted = frame["on_chart"] == "yes"
    for column in ("label_en", "label_ar"):
        _bad(problems, "events.csv", frame, charted & (frame[column] == ""), column,
             "a short label, because on_chart is 'yes'")
    return problems
