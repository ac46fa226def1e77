"""Property-based tests: whatever malformed rows people produce, the loader either loads
valid data or raises the project's own DataError, never anything else."""
import csv
import io
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from study.data import load
from study.validate import DataError, parse_numbers

from conftest import ROOT

HEADER = (ROOT / "data" / "article_figures.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
GOOD_ROW = next(csv.DictReader(io.StringIO((ROOT / "data" / "article_figures.csv").read_text(encoding="utf-8"))))

# Cells as spreadsheets and hands produce them: numbers in many notations, dates, symbols, quotes, newlines.
cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "7,5", "7,500,000", "٧٫٥", "٣", "#N/A", "=SUM(A1)", "-1", "1e309", "nan", "inf",
                     "2017-11-21", "2017-02-30", "21/11/2017", "youm7-2017-11-21", "strikes", "about", '"', "\n",
                     "\r\n", ",", "\ufeff", "0x10", "１２"]),
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def write_figures(folder, rows) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    (folder / "article_figures.csv").write_text(buffer.getvalue(), encoding="utf-8")


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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(HEADER), value=cell)
def test_one_malformed_cell(scratch, column, value):
    row = dict(GOOD_ROW, **{column: value})
    write_figures(scratch, [[row[c] for c in HEADER]])
    loads_or_data_error(scratch)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=len(HEADER) + 2), min_size=0, max_size=5))
def test_rows_of_any_shape(scratch, rows):
    write_figures(scratch, rows)
    loads_or_data_error(scratch)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_any_bytes_at_all(scratch, raw):
    (scratch / "article_figures.csv").write_bytes(raw)
    loads_or_data_error(scratch)


@given(st.integers(0, 10**9))
def test_numbers_with_thousands_separators_read_as_the_number(number):
    import pandas as pd
    values, reasons = parse_numbers(pd.Series([f"{number:,}"], dtype=object))
    assert values.iloc[0] == number and reasons.iloc[0] == ""
