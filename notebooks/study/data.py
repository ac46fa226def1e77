"""Load the five data files of a folder, validated against the codebook, into one `StudyData`."""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .ids import CHARTED
from .paths import DATA_DIR, ROOT
from .validate import (DataError, Problem, _bad, check_periods, check_references, check_table,
                       check_values_against_units, parse_table, read_file, read_schema, shown)

# Read in this order: later files refer to earlier ones.
FILES = ("sources.csv", "units.csv", "official_record.csv", "article_figures.csv", "events.csv", "claims.csv")
# The files of figures, each with the column its figures' periods end in.
FIGURE_FILES = {"official_record.csv": "as_of", "article_figures.csv": "date"}


@dataclass(frozen=True)
class StudyData:
    folder: Path
    fingerprint: str  # first 12 hex digits of a SHA-256 over the files' names and bytes
    sources: pd.DataFrame
    units: pd.DataFrame
    record: pd.DataFrame
    figures: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame

    @property
    def folder_label(self) -> str:
        """The folder as a reader should see it: relative to the repository when inside it."""
        try:
            return self.folder.resolve().relative_to(ROOT).as_posix() + "/"
        except ValueError:
            return str(self.folder)


def source_of(figure: pd.Series, sources: pd.DataFrame) -> pd.Series:
    """The row of sources.csv a figure is taken from."""
    return sources.set_index("id").loc[figure["source_id"]]


def fingerprint(digests: dict[str, str]) -> str:
    """One short hash of the files' names and contents (each file's SHA-256, taken as it was read)."""
    combined = hashlib.sha256()
    for name in FILES:
        combined.update(f"{name}\0{digests[name]}\0".encode())
    return combined.hexdigest()[:12]


def load(folder: str | Path | None = None) -> StudyData:
    """Read and validate every file; raise one DataError listing all problems in all files. A file
    unchanged since an earlier load in this process keeps the result of its own checks then; the
    checks across files always run."""
    folder = Path(folder) if folder else DATA_DIR
    folder = folder if folder.is_absolute() else ROOT / folder
    schema = read_schema()
    raw, typed, digests, problems = {}, {}, {}, []
    for name in FILES:
        columns = schema[schema["file"] == name]
        with _reported(name, problems):
            raw[name], typed[name], found, digests[name] = _checked_file(folder / name, name, columns)
            problems += found
    for name in raw:
        with _reported(name, problems):
            problems += _check_across_files(name, raw, typed, schema[schema["file"] == name])
    if problems:
        problems.sort(key=lambda p: (FILES.index(p.file), p.line or 0))
        raise DataError(problems)
    return StudyData(folder, fingerprint(digests),
                     *(typed[name].drop(columns="_line") for name in
                       ("sources.csv", "units.csv", "official_record.csv", "article_figures.csv", "events.csv",
                        "claims.csv")))


# Each file as read and checked on its own, by its name, bytes and schema: loading again a file that
# has not changed (a notebook run again, an edit to one file of six) does not parse or check it again.
# Only files of up to a megabyte are kept, so that a large record does not stay in memory twice.
_CHECKED: OrderedDict = OrderedDict()
_CHECKED_KEPT = 2 * len(FILES)
_CHECKED_BYTES = 1_000_000


def _checked_file(path: Path, name: str, columns: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list, str]:
    """One file's rows as read (strings), as typed, its problems on its own (nothing across files) and
    its bytes' SHA-256. Raises DataError for a file that cannot be read as a table."""
    raw, digest = read_file(path, name)
    key = (name, digest, tuple(map(tuple, columns.to_numpy())))
    if key in _CHECKED:
        _CHECKED.move_to_end(key)
        frame, typed, problems = _CHECKED[key]
    else:
        kept = len(raw) <= _CHECKED_BYTES
        frame = parse_table(raw, name, columns)
        del raw  # a large file's bytes are not held while its rows are checked
        typed, problems = check_table(frame, name, columns)
        if kept:
            _CHECKED[key] = frame, typed, problems
            if len(_CHECKED) > _CHECKED_KEPT:
                _CHECKED.popitem(last=False)
    # Copies (cheap: pandas copies on write), so that what a caller does to its frames stays its own.
    return frame.copy(deep=False), typed.copy(deep=False), list(problems), digest


@contextmanager
def _reported(name: str, problems: list[Problem]):
    """Add a file's DataError to `problems`. Any other exception is a bug in a check, not in the
    data, and is still reported against the file: load() raises nothing but DataError."""
    try:
        yield
    except DataError as err:
        problems += err.problems
    except Exception as err:  # not BaseException: Ctrl-C stays an interrupt
        problems.append(Problem(name, None, None, None,
                                f"the study failed to check this file ({type(err).__name__}: {shown(err)}); "
                                "this is a bug in the study: please report it with the file", cause=err))


def _check_across_files(name: str, raw: dict, typed: dict, columns: pd.DataFrame) -> list[Problem]:
    """The checks of one file that need the others (references, units' rules), and its checks across columns."""
    frame = raw[name]
    problems = check_references(frame, name, columns, raw)
    if name in FIGURE_FILES:
        if "units.csv" in raw:
            problems += check_values_against_units(frame, typed[name], name, raw["units.csv"])
        problems += check_periods(frame, typed[name], name, FIGURE_FILES[name])
    if name == "article_figures.csv" and "sources.csv" in raw:
        problems += _check_figures(frame, typed[name], typed["sources.csv"])
    if name == "events.csv":
        problems += _check_events(frame)
    if name == "official_record.csv":
        _bad(problems, name, frame, (frame["use"] == "no") & (frame["use_note"] == ""), "use_note",
             "why the row is not used, because use is 'no'")
    if name == "claims.csv":
        problems += _check_claims(frame)
    return problems


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
    marked = frame["marks"] != ""
    _bad(problems, "events.csv", frame, marked & frame["marks"].duplicated(keep="first"), "marks",
         lambda i: f"a fact no other event marks ('{frame.at[i, 'marks']}' is marked by an earlier row)")
    return problems


def _check_claims(frame: pd.DataFrame) -> list[Problem]:
    name, problems = "claims.csv", []
    checked = frame["status"] == "checked"
    by_date = checked & (frame["figure_id"] == "")
    _bad(problems, name, frame, by_date & (frame["event_id"] == ""), "event_id",
         "an event (or a figure_id), because status is 'checked'")
    for column in ("date_from", "date_to"):
        _bad(problems, name, frame, by_date & (frame[column] == ""), column,
             "the days the wording allows, because the statement is a checked date with no figure_id")
    for column in ("reason_en", "reason_ar"):
        _bad(problems, name, frame, ~checked & (frame[column] == ""), column,
             "where the statement is used or why it cannot be checked, because status is not 'checked'")
    return problems
