"""Load the study's CSV files and check them against the codebook (`data/schema.csv`).

Every problem is reported as ``file:line: column 'x': value 'v' — expected ...``, all
problems of a file at once, and raised together as one `DataError`. The checks are
vectorised (pandas masks), so a million-row file validates in well under a second.

Before its values are checked, a file must be one the study can read as its CSV: a regular
file of reasonable size, UTF-8, with a header line and no control characters in its cells.
Anything else is refused with a message of its own, naming the file and, where there is one,
the line.
"""
from __future__ import annotations

import errno
import hashlib
import io
import re
import stat
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .paths import SCHEMA_FILE

DATE_MIN, DATE_MAX = pd.Timestamp("2000-01-01"), pd.Timestamp("2035-12-31")
MAX_PROBLEMS_SHOWN = 50
# Each file is read whole into memory: a million rows of the official record take about 170 MB.
MAX_FILE_MB = 250
# A row of the study takes a few hundred bytes in a few dozen columns: far more is no table of it.
# pyarrow's reader, in blocks of 1 MiB, fails on every line longer than two, so such a line always
# reaches the check of the slower reader, which refuses it.
MAX_LINE_BYTES = 2 << 20
MAX_COLUMNS = 1000
SHOWN_CHARACTERS = 100  # a longer value is cut in a message

# Control characters: C0 but tab and line end, DEL, C1 (a sign of text decoded as Latin-1).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ALL_BUT_C0_AND_DEL = bytes(b for b in range(256) if not (b < 0x20 and b not in (0x09, 0x0a) or b == 0x7f))
C1_IN_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
# A message shows a value on one line, its control characters written as escapes.
ESCAPED = str.maketrans({c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7f, 0xa0))} | {9: "\\t", 10: "\\n"})
BYTE_ORDER_MARKS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                    (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
WIDE_CODECS = (("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"))
# Workbooks given a .csv name: what their first bytes say they are.
ZIP_MAGIC, OLE2_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RE_SAVE = {"UTF-16": "the file is saved as UTF-16 (Excel's 'Unicode Text'), not UTF-8; save it as 'CSV UTF-8' "
                     "and run again",
           "UTF-32": "the file is saved as UTF-32, not UTF-8; save it as 'CSV UTF-8' and run again"}

# Spreadsheets write these into cells that failed to compute.
SPREADSHEET_ERRORS = re.compile(r"^#(N/A|VALUE!|REF!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!)$", re.I)
THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
WORDED = re.compile(r"^(?P<word>about|around|approximately|nearly|almost|up to|more than|over|at least)\s+[\d٠-٩]", re.I)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# Arabic-Indic and Eastern Arabic-Indic digits, the Arabic decimal and thousands separators.
ARABIC_NUMERALS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")


def shown(text: str) -> str:
    """Text as a message shows it: on one line, control characters escaped, cut if long."""
    text = str(text)
    cut = "…" if len(text) > SHOWN_CHARACTERS else ""
    return text[:SHOWN_CHARACTERS].translate(ESCAPED) + cut


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str
    # Set only by the loader's safety net: the exception of a check that failed unexpectedly.
    cause: BaseException | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column is None:
            return f"{where}: {self.expected}"
        return f"{where}: column '{shown(self.column)}': value '{shown(self.value)}' — expected {self.expected}"


DATA_HINT = "Correct these in the CSV files (data/README.md says what each column takes) and run again."


class DataError(Exception):
    """Raised when data files break the codebook; `problems` lists every one found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [str(p) for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"... and {len(problems) - MAX_PROBLEMS_SHOWN} more problems")
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{len(problems)} {noun} in the data:\n" + "\n".join(lines))

    def report(self) -> str:
        """What a person is shown, by `make report` and in Jupyter alike: the located list and a hint."""
        return f"{self}\n{DATA_HINT}"

    def _render_traceback_(self) -> list[str]:
        # IPython shows these lines in place of a traceback: the problems are in the data, not the code.
        return self.report().splitlines()


def read_schema(path: Path = SCHEMA_FILE) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_file(path: Path, name: str) -> tuple[bytes, str]:
    """The file's bytes, without a byte-order mark and with Windows line ends folded, and the
    SHA-256 of the file as it is on disk."""
    def refuse(text: str) -> DataError:
        return DataError([Problem(name, None, None, None, text)])

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise refuse(f"{path} is a folder; expected a CSV file")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would be read forever
            raise refuse(f"{path} is not a regular file (it is a pipe, socket or device); expected a CSV file")
        if info.st_size > MAX_FILE_MB * 1_000_000:
            raise refuse(f"the file is {info.st_size / 1_000_000:,.0f} MB; expected at most {MAX_FILE_MB} MB "
                         "(the study reads each data file whole into memory)")
        raw = path.read_bytes()
    except OSError as err:
        raise refuse(_unreadable(path, err)) from None
    digest = hashlib.sha256(raw).hexdigest()
    workbook = _workbook(raw)
    if workbook:
        raise refuse(f"the file is {workbook}, not CSV text; open it in its spreadsheet program, save it as "
                     "'CSV UTF-8' under this name and run again")
    encoding = _wide_encoding(raw)
    if encoding:
        raise refuse(RE_SAVE[encoding])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return raw, digest


def _unreadable(path: Path, err: OSError) -> str:
    if err.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"file not found at {path}"
    if err.errno == errno.ELOOP:
        return f"{path} is a symbolic link in a loop (it never leads to a file); expected a CSV file"
    if err.errno in (errno.EACCES, errno.EPERM):
        return f"{path} cannot be read: permission denied; expected a CSV file the study may read"
    return f"{path} cannot be read ({err.strerror or err}); expected a readable CSV file"


def _workbook(raw: bytes) -> str | None:
    """What kind of spreadsheet workbook the bytes are, if they are one rather than text."""
    if raw.startswith(OLE2_MAGIC):
        return "an old-style Excel workbook (.xls)"
    if not raw.startswith(ZIP_MAGIC):
        return None
    head = raw[:65536]  # a ZIP archive names its first parts in their headers, at the start
    if b"xl/" in head:
        return "an Excel workbook (.xlsx)"
    if b"opendocument.spreadsheet" in head:
        return "an OpenDocument spreadsheet (.ods)"
    return "a ZIP archive"


def _wide_encoding(raw: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' if the file is in one: told by its byte-order mark or, without one, by a
    first line that reads as text in that encoding (a header is plain ASCII, whose UTF-16 and
    UTF-32 forms are full of NUL bytes)."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            return encoding
    sample = raw[:4096]
    if b"\0" not in sample:
        return None
    for codec, encoding in WIDE_CODECS:
        line = sample.decode(codec, errors="replace").split("\n", 1)[0]
        if len(line) >= 4 and sum(" " <= c <= "~" or c in "\t\r" for c in line) > len(line) / 2:
            return encoding
    return None


def _check_utf8(raw: bytes, name: str) -> None:
    """Raise DataError naming the line of the first byte that is not UTF-8."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start : err.start + 1].hex().upper()
        raise DataError([Problem(name, line, None, None,
                                 f"byte 0x{byte} is not UTF-8: the file seems to be saved in a legacy "
                                 "encoding (such as Windows-1252 or Windows-1256); save it as "
                                 "'CSV UTF-8' and run again")]) from None


def _check_line_lengths(raw: bytes, name: str) -> None:
    """Raise DataError naming the longest line if it is longer than MAX_LINE_BYTES."""
    ends = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == ord("\n"))
    lengths = np.diff(ends, prepend=-1, append=len(raw)) - 1
    longest = int(lengths.argmax())
    if lengths[longest] > MAX_LINE_BYTES:
        raise DataError([Problem(name, longest + 1, None, None,
                                 f"this line is {lengths[longest]:,} bytes long; expected at most {MAX_LINE_BYTES:,} "
                                 "bytes a line (a row of the study takes a few hundred)")])


def _physical_lines(raw: bytes) -> int:
    return raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)


def _parse(raw: bytes, name: str) -> tuple[list[str], pd.DataFrame]:
    """The header's names as the file spells them, and the rows: every cell as a string, columns
    by position, and each row's line in the file in `_line`.

    The common case (one line a row) goes through pyarrow's CSV reader, about five times faster
    than pandas' own on a million rows. Files with blank lines or values spanning lines go
    through pandas' reader, which keeps blank lines so that each row's line can be counted. The
    header is read as a row, so that blank and repeated names stay as they are.
    """
    try:  # pyarrow checks that the bytes are UTF-8 as it reads them
        frame = pd.read_csv(io.BytesIO(raw), engine="pyarrow", header=None, dtype="str", keep_default_na=False)
        lines = np.arange(len(frame)) + 1 if _physical_lines(raw) == len(frame) else None
    except (ImportError, ValueError, pd.errors.ParserError):  # pyarrow's parse errors are ValueErrors
        _check_line_lengths(raw, name)  # a line pyarrow could not take is refused before it is read
        _check_utf8(raw, name)  # to say where, if that was the trouble
        lines = None
    if lines is None:
        try:
            frame = pd.read_csv(io.BytesIO(raw), header=None, dtype="str", keep_default_na=False,
                                skip_blank_lines=False)
        except pd.errors.ParserError as err:
            raise DataError([_unparsed(raw, name, str(err))]) from None
        lines = _line_numbers(raw, frame)
    names = [str(value).strip() for value in frame.iloc[0]]
    frame = frame.iloc[1:].reset_index(drop=True)
    frame["_line"] = lines[1:]
    return names, frame


def _unparsed(raw: bytes, name: str, error: str) -> Problem:
    """The problem pandas' reader stopped at, on the line where it is."""
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", error)
    if found:
        header, record, fields = (int(n) for n in found.groups())
        line = _line_of_record(raw, record - 1)
        # An odd number of quotes: a value opened here runs on over the next lines.
        hint = ('a quote opened on this line closes only on a later line: is a closing quote missing?'
                if raw.split(b"\n")[line - 1].count(b'"') % 2 else "does a value with a comma lack its quotes?")
        return Problem(name, line, None, None,
                       f"this row has {fields} fields, more than the {header} columns of the header ({hint})")
    found = re.search(r"EOF inside string starting at row (\d+)", error)
    if found:
        return Problem(name, _line_of_record(raw, int(found.group(1))), None, None,
                       'a value opens a quote (") on this line that is never closed; expected a closing '
                       'quote (a quote inside a quoted value is written twice: "")')
    return Problem(name, None, None, None, f"the file cannot be read as CSV ({error}); expected "
                                           "comma-separated values under one header line")


def _line_of_record(raw: bytes, record: int) -> int:
    """The line on which the reader's record (counted from 0, the header) starts: the records
    before it each take a line, plus the line ends inside their quoted values."""
    if record == 0:
        return 1
    before = pd.read_csv(io.BytesIO(raw), header=None, nrows=record, dtype="str", keep_default_na=False,
                         skip_blank_lines=False)
    return record + 1 + int(sum(before[column].str.count("\n").sum() for column in before.columns))


THREADED_ROWS = 10_000  # below this many rows, starting threads costs more than they save


def parse_table(raw: bytes, name: str, columns: pd.DataFrame) -> pd.DataFrame:
    """Parse one CSV file's bytes (`read_file`) into strings, with a `_line` column holding each
    row's line in the file.

    `columns` is the schema's rows for this file. Raises DataError for file-level problems
    (empty, wrong encoding, unreadable rows, missing or unknown columns).
    """
    expected_header = ",".join(columns["column"])
    if not raw or raw.isspace():
        raise DataError([Problem(name, None, None, None,
                                 f"the file is empty; expected a header line: {expected_header}")])
    first_end = raw.find(b"\n")
    first_line = raw if first_end < 0 else raw[:first_end]
    if not first_line.strip():
        raise DataError([Problem(name, 1, None, None,
                                 f"the first line is blank; expected the header line: {expected_header}")])
    if first_line.count(b",") >= MAX_COLUMNS:  # refused before the reader makes a column of each
        raise DataError([Problem(name, 1, None, None,
                                 f"the header has {first_line.count(b',') + 1:,} columns; expected the "
                                 f"{len(columns)} of the codebook: {expected_header}")])
    names, frame = _parse(raw, name)
    _check_header(names, name, columns, expected_header)
    frame.columns = [*names, "_line"]
    data_columns = names
    problems = _control_characters(raw, frame, name, data_columns)
    if problems:
        raise DataError(problems)
    # Arrow releases the GIL while it strips, so a long file's columns are stripped two at a time
    # on threads (two, not all: each stripped copy is held until it replaces its column).
    def stripped(column: str) -> pd.Series:
        values = frame[column]
        if values.dtype != "str" or values.hasnans:  # a gap in a short row, or pandas' own reader's types
            values = values.fillna("").astype("str")
        return values.str.strip()

    if len(frame) < THREADED_ROWS:
        for column in data_columns:
            frame[column] = stripped(column)
    else:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for start in range(0, len(data_columns), 2):
                batch = data_columns[start:start + 2]
                for column, values in zip(batch, pool.map(stripped, batch)):
                    frame[column] = values
    if (frame[data_columns[0]] == "").any():  # only then can a row be empty from end to end
        blank = (frame[data_columns] == "").all(axis=1)
        frame = frame[~blank].reset_index(drop=True)
    for column in set(columns["column"]) - set(frame.columns):  # optional columns may be left out
        frame[column] = ""
    if frame.empty:
        raise DataError([Problem(name, None, None, None,
                                 "the file has a header but no rows; expected at least one row of data")])
    return frame


def _check_header(names: list[str], name: str, columns: pd.DataFrame, expected_header: str) -> None:
    """Raise DataError if the header has a column without a name, an unknown or repeated column,
    or lacks a required one."""
    problems = []
    known = set(columns["column"])
    for position, column in enumerate(names, 1):
        if not column:
            problems.append(Problem(name, 1, None, None,
                                    f"column {position} of the header has no name; expected only: {expected_header}"))
        elif column not in known:
            problems.append(Problem(name, 1, None, None, f"unknown column '{shown(column)}' in the header; "
                                                         f"expected only: {expected_header}"))
    for column, count in Counter(names).items():
        if count > 1 and column in known:
            times = "twice" if count == 2 else f"{count} times"
            problems.append(Problem(name, 1, None, None, f"the header has the column '{column}' {times}; "
                                                         f"expected each column once: {expected_header}"))
    for column in columns.loc[columns["required"] == "yes", "column"]:
        if column not in names:
            problems.append(Problem(name, 1, None, None,
                                    f"the header lacks the required column '{column}'; expected: {expected_header}"))
    if problems:
        raise DataError(problems)


def _control_characters(raw: bytes, frame: pd.DataFrame, name: str, columns: list[str]) -> list[Problem]:
    """One problem per cell that holds a control character. The file's bytes are scanned first,
    at memory speed; only a file that holds one is searched column by column."""
    if not raw.translate(None, ALL_BUT_C0_AND_DEL) and not C1_IN_UTF8.search(raw):
        return []
    problems: list[Problem] = []
    for column in columns:
        values = frame[column]
        _bad(problems, name, frame, values.str.contains(CONTROL.pattern), column,
             lambda i: f"text without control characters (found U+{ord(CONTROL.search(values[i])[0]):04X})")
    return problems


def _line_numbers(raw: bytes, frame: pd.DataFrame) -> np.ndarray:
    """File line of each parsed record, the header first: record i sits on line i + 1 unless
    quoted fields span lines."""
    lines = np.arange(len(frame)) + 1
    if _physical_lines(raw) == len(frame):
        return lines
    extra = np.zeros(len(frame), dtype=int)
    for column in frame.columns:
        values = frame[column].fillna("").astype(str)
        extra += values.str.count("\n").to_numpy()
    return lines + np.concatenate([[0], np.cumsum(extra)[:-1]])


def _bad(problems, name, frame, mask, column, expected):
    """Record one problem per row where `mask` is true.

    The mask is computed over all rows at once; only the bad rows are looped over.
    `expected` is a text, or a function of the row's index label giving one.
    """
    if not mask.any():  # checked before converting: most checks find nothing
        return
    mask = mask.fillna(False).astype(bool).to_numpy()
    lines, values = frame["_line"].to_numpy()[mask], frame.loc[mask, column].tolist()
    for index, line, value in zip(frame.index[mask], lines, values):
        text = expected(index) if callable(expected) else expected
        problems.append(Problem(name, int(line), column, value, text))


def parse_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers from cells as people type them: returns (numbers, reason), reason '' where fine.

    Accepts thousands separators in groups of three (7,500,000), Arabic-Indic digits and the
    Arabic decimal separator. Refuses decimal commas (7,5), formulas and error cells, saying why.
    """
    try:  # the common case, every cell a plain finite number: one vectorised cast
        numbers = values.astype("float64")
        if np.isfinite(numbers).all():
            return numbers, pd.Series("", index=values.index, dtype=object)
    except (ValueError, TypeError, ArithmeticError):
        pass
    numbers = pd.to_numeric(values, errors="coerce")
    reason = pd.Series("", index=values.index, dtype=object)
    infinite = np.isinf(numbers)
    if infinite.any():  # 'inf' and '1e999' parse as numbers but are not figures
        reason[infinite] = "a finite number"
        numbers[infinite] = np.nan
    todo = numbers.isna() & (values != "") & ~infinite
    if not todo.any():
        return numbers, reason
    raw = values[todo]
    text = raw.str.translate(ARABIC_NUMERALS)
    thousands = text.str.match(THOUSANDS.pattern)
    cleaned = text.where(~thousands, text.str.replace(",", "", regex=False))
    numbers.loc[todo] = pd.to_numeric(cleaned, errors="coerce")
    still = numbers.isna() & todo
    why = pd.Series("a number (digits, with a point for decimals)", index=raw.index, dtype=object)
    why[raw.str.startswith("=")] = "the number itself, not a spreadsheet formula (paste values only)"
    why[raw.str.match(SPREADSHEET_ERRORS)] = "a number, not a spreadsheet error cell"
    worded = raw.str.match(WORDED)
    why[worded] = [f"a number alone; '{m.group('word')}' belongs in the qualifier column"
                   for m in raw[worded].str.lower().map(WORDED.match)]
    decimal_comma = text.str.match(DECIMAL_COMMA.pattern) & ~thousands
    why[decimal_comma] = [f"a number with a decimal point: write {t.replace(',', '.')} (a comma is read "
                          "only as a thousands separator, in groups of three digits)"
                          for t in text[decimal_comma]]
    reason.loc[still] = why[still[todo]]
    return numbers, reason


def parse_dates(values: pd.Series) -> pd.Series:
    """ISO dates (YYYY-MM-DD), Arabic-Indic digits accepted; NaT where the text is not one."""
    eastern = values.str.contains("[٠-٩۰-۹]", regex=True)
    text = values.where(~eastern, values[eastern].str.translate(ARABIC_NUMERALS)) if eastern.any() else values
    iso = text.str.match(ISO_DATE.pattern)
    return pd.to_datetime(text.where(iso, None), format="%Y-%m-%d", errors="coerce")


def check_table(frame: pd.DataFrame, name: str, columns: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Check each column against its type in the schema; returns typed frame and problems."""
    problems: list[Problem] = []
    typed = frame.copy()
    for spec in columns.itertuples():
        column, kind, allowed = spec.column, spec.type, spec.allowed
        values = frame[column]
        present = values != ""
        if spec.required == "yes":
            _bad(problems, name, frame, ~present, column, "a value: this column is required")
        if kind in ("number", "integer"):
            numbers, reason = parse_numbers(values)
            _bad(problems, name, frame, reason != "", column, lambda i: reason[i])
            if kind == "integer":
                _bad(problems, name, frame, present & (reason == "") & (numbers % 1 != 0), column,
                     "a whole number")
            if allowed:
                low, high = (float(x) for x in allowed.split(".."))
                _bad(problems, name, frame, (numbers < low) | (numbers > high), column,
                     f"a number from {low:g} to {high:g}")
            typed[column] = numbers.astype(float)
        elif kind == "date":
            dates = parse_dates(values)
            _bad(problems, name, frame, present & dates.isna(), column,
                 "a date written YYYY-MM-DD, such as 2017-11-21")
            _bad(problems, name, frame, (dates < DATE_MIN) | (dates > DATE_MAX), column,
                 f"a date between {DATE_MIN:%Y-%m-%d} and {DATE_MAX:%Y-%m-%d}")
            typed[column] = dates
        elif kind == "partial_date":
            _bad(problems, name, frame, present & ~values.str.match(PARTIAL_DATE.pattern), column,
                 "a date written YYYY, YYYY-MM or YYYY-MM-DD")
        elif kind == "enum":
            options = allowed.split("|")
            _bad(problems, name, frame, present & ~values.isin(options), column,
                 "one of: " + ", ".join(options))
        elif kind == "url":
            web = (values.str.startswith("http://") | values.str.startswith("https://")) & ~values.str.contains(" ")
            _bad(problems, name, frame, present & ~web, column, "a web address starting with http:// or https://")
        elif kind in ("id", "key"):
            if kind == "id":
                _bad(problems, name, frame, present & ~values.str.match(SLUG.pattern), column,
                     "an id of letters, digits, '.', '-' or '_' (no spaces)")
            if values[present].nunique() < present.sum():  # counting is cheaper than marking duplicates
                repeated = present & values.duplicated(keep="first")
                first_line = frame.groupby(column)["_line"].transform("min")
                _bad(problems, name, frame, repeated, column,
                     lambda i: f"a unique id, but it is already used on line {first_line[i]}")
    return typed, problems


def check_references(frame: pd.DataFrame, name: str, columns: pd.DataFrame,
                     tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Values of `ref` columns must exist in the referenced file's column."""
    problems: list[Problem] = []
    for spec in columns[columns["type"] == "ref"].itertuples():
        target_file, target_column = spec.allowed.rsplit(".", 1)
        if target_file not in tables:
            continue
        known = tables[target_file][target_column]
        values = frame[spec.column]
        # Look the few distinct values up in the long column, not the long column in a set.
        wanted = values.unique()
        found = set(known[known.isin(wanted)]) if len(wanted) < len(known) else set(known)
        missing = (values != "") & ~values.isin(found)
        if missing.any():
            sample = ", ".join(sorted(known.astype(str))[:8]) + (", ..." if len(known) > 8 else "")
            _bad(problems, name, frame, missing, spec.column,
                 f"a value listed in {target_file} column '{target_column}' ({sample})")
    return problems


def check_values_against_units(frame: pd.DataFrame, typed: pd.DataFrame, name: str,
                               units: pd.DataFrame) -> list[Problem]:
    """Whole numbers, minimum and maximum per unit, from units.csv."""
    problems: list[Problem] = []
    rules = units.set_index("unit")
    # Each row's unit as a position in units.csv (-1 if unknown); rules are worked out per unit
    # and then spread to the rows by position, never compared row by row.
    codes = rules.index.get_indexer(frame["unit"])
    known, at = codes >= 0, np.where(codes >= 0, codes, 0)

    def per_row(per_unit: pd.Series, missing) -> pd.Series:
        return pd.Series(np.where(known, per_unit.to_numpy()[at], missing), index=frame.index)

    value = typed["value"]
    whole = per_row(rules["whole_number"] == "yes", False).astype(bool)
    people = per_row(rules["measure"] == "people", False).astype(bool)
    low = per_row(pd.to_numeric(rules["min_value"], errors="coerce"), np.nan).astype(float)
    high = per_row(pd.to_numeric(rules["max_value"], errors="coerce"), np.nan).astype(float)
    ok = value.notna()
    millions = ok & people & (value < low)
    _bad(problems, name, frame, millions, "value",
         lambda i: f"a head count, not millions: write {value[i] * 1_000_000:.0f} for {frame.at[i, 'value']} million")
    _bad(problems, name, frame, ok & whole & (value % 1 != 0) & ~millions, "value",
         lambda i: f"a whole number of {frame.at[i, 'unit']}")
    _bad(problems, name, frame, ok & (value < low) & ~millions, "value",
         lambda i: f"at least {low[i]:g} for unit '{frame.at[i, 'unit']}'")
    _bad(problems, name, frame, ok & (value > high), "value",
         lambda i: f"at most {high[i]:g} for unit '{frame.at[i, 'unit']}'")
    return problems


def check_periods(frame: pd.DataFrame, typed: pd.DataFrame, name: str, end_column: str) -> list[Problem]:
    problems: list[Problem] = []
    after = typed["period_start"] > typed[end_column]
    _bad(problems, name, frame, after, "period_start",
         lambda i: f"a start no later than the end in column '{end_column}' ({frame.at[i, end_column]})")
    return problems
