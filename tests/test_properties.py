"""Property-based tests: whatever malformed rows people produce, the loader either loads
valid data or raises the project's own DataError, never anything else.

How many examples each property tries, and whether they are the same on every run, is the
Hypothesis profile's choice (tests/conftest.py): "ci" in `make test`, "fuzz" in `make fuzz`."""
import csv
import io
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from study.data import load
from study.validate import DataError, parse_numbers, shown

from conftest import ROOT

REAL = (ROOT / "data" / "article_figures.csv").read_bytes()
HEADER = (ROOT / "data" / "article_figures.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
GOOD_ROW = next(csv.DictReader(io.StringIO((ROOT / "data" / "article_figures.csv").read_text(encoding="utf-8"))))
# The control characters no cell may hold: C0 but tab and the line ends, DEL, C1.
CONTROL_CHARACTERS = [chr(c) for c in (*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), *range(0x7f, 0xa0))]

# Cells as spreadsheets and hands produce them: numbers in many notations, dates, symbols, quotes, newlines.
cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "7,5", "7,500,000", "٧٫٥", "٣", "#N/A", "=SUM(A1)", "-1", "1e309", "nan", "inf",
                     "2017-11-21", "2017-02-30", "21/11/2017", "youm7-2017-11-21", "strikes", "about", '"', "\n",
                     "\r\n", ",", "\ufeff", "0x10", "１２"]),
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def write_figures(folder, rows, encoding="utf-8") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    (folder / "article_figures.csv").write_text(buffer.getvalue(), encoding=encoding)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prop") / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


def loads_or_data_error(folder) -> None:
    try:
        load(folder)
    except DataError as error:
        assert error.problems and all(p.file for p in error.problems)
        for problem in error.problems:
            if problem.cause:  # the loader's safety net caught a crash: the crash is the failure
                raise problem.cause


def problems_of_figures(folder) -> list[str]:
    with pytest.raises(DataError) as raised:
        load(folder)
    return [str(p) for p in raised.value.problems if p.file == "article_figures.csv"]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(HEADER), value=cell)
def test_one_malformed_cell(scratch, column, value):
    row = dict(GOOD_ROW, **{column: value})
    write_figures(scratch, [[row[c] for c in HEADER]])
    loads_or_data_error(scratch)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=len(HEADER) + 2), min_size=0, max_size=5))
def test_rows_of_any_shape(scratch, rows):
    write_figures(scratch, rows)
    loads_or_data_error(scratch)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_any_bytes_at_all(scratch, raw):
    (scratch / "article_figures.csv").write_bytes(raw)
    loads_or_data_error(scratch)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, len(REAL)), st.integers(0, 3), st.binary(max_size=3)),
                      min_size=1, max_size=5))
def test_the_real_file_with_a_few_bytes_changed(scratch, edits):
    """Near-valid files reach past the header, into the checks of every value."""
    raw = REAL
    for at, cut, insert in edits:
        raw = raw[:at] + insert + raw[at + cut:]
    (scratch / "article_figures.csv").write_bytes(raw)
    loads_or_data_error(scratch)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(HEADER), at=st.integers(0, 60), control=st.sampled_from(CONTROL_CHARACTERS))
def test_a_control_character_in_any_cell_is_located(scratch, column, at, control):
    row = dict(GOOD_ROW)
    row[column] = row[column][:at] + control + row[column][at:]
    write_figures(scratch, [[row[c] for c in HEADER]])
    assert (f"article_figures.csv:2: column '{column}': value '{shown(row[column])}' — expected text without control "
            f"characters (found U+{ord(control):04X})") in problems_of_figures(scratch)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, max_size=len(HEADER)), max_size=3),
       codec=st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]))
def test_a_file_in_utf16_or_utf32_is_named_as_such(scratch, rows, codec):
    write_figures(scratch, rows, encoding=codec)
    found = problems_of_figures(scratch)
    assert len(found) == 1 and found[0].startswith(f"article_figures.csv: the file is saved as {codec[:6].upper()}")


@given(st.integers(0, 10**9))
def test_numbers_with_thousands_separators_read_as_the_number(number):
    import pandas as pd
    values, reasons = parse_numbers(pd.Series([f"{number:,}"], dtype=object))
    assert values.iloc[0] == number and reasons.iloc[0] == ""
