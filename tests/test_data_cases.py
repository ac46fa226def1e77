"""The corpus of real-world inputs under tests/data_cases/.

Each case folder holds the data file(s) that replace the repository's own, a README.md
saying what was changed, and (for bad input) expected.txt: the exact problems, one a line,
that a reader can check against the changed file's line and value.
"""
import shutil
from pathlib import Path

import pytest

from study.data import load
from study.validate import DataError

from conftest import CASES, ROOT

BAD = sorted((CASES / "bad").iterdir())
GOOD = sorted((CASES / "good").iterdir())


def apply_case(case: Path, folder: Path) -> None:
    for item in case.iterdir():
        if item.name in ("README.md", "expected.txt"):
            continue
        if item.name == "DELETE":
            for name in item.read_text().split():
                (folder / name).unlink()
        else:
            shutil.copy(item, folder / item.name)


def test_the_corpus_has_at_least_25_distinct_bad_cases():
    assert len(BAD) >= 25
    assert all((case / "expected.txt").exists() and (case / "README.md").exists() for case in BAD)


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_bad_input_is_reported_exactly(case, data_copy):
    apply_case(case, data_copy)
    with pytest.raises(DataError) as raised:
        load(data_copy)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(p).replace(str(data_copy), "{folder}") for p in raised.value.problems] == expected
    # The message a person sees lists every problem, each naming file, line, column and value.
    for line in expected:
        assert line.replace("{folder}", str(data_copy)) in str(raised.value)


@pytest.mark.parametrize("case", GOOD, ids=[c.name for c in GOOD])
def test_input_people_really_produce_loads_to_the_same_values(case, data_copy, study):
    apply_case(case, data_copy)
    loaded = load(data_copy)
    columns = ["id", "value", "unit", "qualifier", "date"]
    assert loaded.figures[columns].equals(study.figures[columns])


def test_a_run_never_writes_to_the_data_folder(data_copy):
    before = {p: p.read_bytes() for p in data_copy.iterdir()}
    load(data_copy)
    assert {p: p.read_bytes() for p in data_copy.iterdir()} == before


def test_problems_are_sorted_by_file_then_line(data_copy):
    apply_case(CASES / "bad" / "several-problems", data_copy)
    with pytest.raises(DataError) as raised:
        load(data_copy)
    lines = [p.line for p in raised.value.problems]
    assert lines == sorted(lines) == [5, 6, 7]


def test_a_relative_data_folder_is_read_from_the_repository_root():
    assert load("data").fingerprint == load(ROOT / "data").fingerprint
