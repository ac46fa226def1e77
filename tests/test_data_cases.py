"""The corpus of real-world inputs under tests/data_cases/, and the inputs too large or too odd
to keep there (made by the tests at the end).

Each case folder holds the data file(s) that replace the repository's own, a README.md
saying what was changed, and (for bad input) expected.txt: the exact problems, one a line,
that a reader can check against the changed file's line and value ({folder} stands for the
data folder). A sub-folder replaces the data file of its name with a folder. Two marker files
list data files by name: DELETE removes them, SYMLINK-LOOP makes each a symbolic link to
itself (git cannot hold such a link portably).
"""
import errno
import os
import shutil
from collections import OrderedDict
from pathlib import Path

import pytest

import study.data
from study.data import load
from study.validate import DataError

from conftest import CASES, ROOT

BAD = sorted((CASES / "bad").iterdir())
GOOD = sorted((CASES / "good").iterdir())


def apply_case(case: Path, folder: Path) -> None:
    for item in case.iterdir():
        if item.name in ("README.md", "expected.txt"):
            continue
        if item.name in ("DELETE", "SYMLINK-LOOP"):
            for name in item.read_text().split():
                (folder / name).unlink()
                if item.name == "SYMLINK-LOOP":
                    (folder / name).symlink_to(name)
        elif item.is_dir():
            (folder / item.name).unlink()
            shutil.copytree(item, folder / item.name)
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
    assert not [p for p in raised.value.problems if p.cause]  # a message of its own, not the safety net's
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


def problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as raised:
        load(folder)
    return [str(p).replace(str(folder), "{folder}") for p in raised.value.problems]


def test_an_unreadable_file_is_named(data_copy, monkeypatch):
    # The tests may run as root, who can read any file: the refusal is made where the file is read.
    target, read_bytes = data_copy / "article_figures.csv", Path.read_bytes

    def read_or_refuse(path: Path) -> bytes:
        if path == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", read_or_refuse)
    assert problems(data_copy) == ["article_figures.csv: {folder}/article_figures.csv cannot be read: permission "
                                   "denied; expected a CSV file the study may read"]


def test_a_pipe_in_place_of_a_file_is_refused_unread(data_copy):
    (data_copy / "events.csv").unlink()
    os.mkfifo(data_copy / "events.csv")  # reading it would wait for a writer forever
    assert problems(data_copy) == ["events.csv: {folder}/events.csv is not a regular file (it is a pipe, socket or "
                                   "device); expected a CSV file"]


def test_a_row_of_100000_fields(data_copy):
    figures = data_copy / "article_figures.csv"
    line = len(figures.read_text(encoding="utf-8").splitlines()) + 1  # the line written below
    with figures.open("a", encoding="utf-8") as handle:
        handle.write(",".join(["x"] * 100_000) + "\n")
    assert problems(data_copy) == [f"article_figures.csv:{line}: this row has 100000 fields, more than the 18 columns "
                                   "of the header (does a value with a comma lack its quotes?)"]


def test_a_header_of_100000_columns(data_copy):
    (data_copy / "events.csv").write_text(",".join(f"c{i}" for i in range(100_000)) + "\n" + "1," * 99_999 + "1\n")
    assert problems(data_copy) == ["events.csv:1: the header has 100,000 columns; expected the 16 of the codebook: "
                                   "id,date,event_en,event_ar,label_en,label_ar,place,country,article_paragraph,"
                                   "on_chart,publisher,publisher_ar,confidence,url,note,marks"]


def test_a_file_of_200_mb_of_rows_is_read_and_its_problem_located(data_copy):
    record = data_copy / "official_record.csv"
    fields = record.read_bytes().split(b"\n")[1].split(b",", 4)  # id, as_of, period_start, value, ...
    row = b",".join(fields[1:]) + b"\n"
    with record.open("ab") as handle:  # written as bytes, a megabyte at a time: the file is what is tested
        count = 200_000_000 // len(row)
        for start in range(0, count, 5000):
            handle.write(b"".join(b"X%d,%b" % (i, row) for i in range(start, min(start + 5000, count))))
        handle.write(b",".join([b"X-last", *fields[1:3], b"lots", fields[4]]) + b"\n")
    assert record.stat().st_size > 200_000_000
    line = record.read_bytes().count(b"\n")
    assert problems(data_copy) == [f"official_record.csv:{line}: column 'value': value 'lots' — expected a number "
                                   "(digits, with a point for decimals)"]


def test_a_line_of_200_mb_is_refused_before_it_is_parsed(data_copy):
    path = data_copy / "article_figures.csv"
    header, first, rest = path.read_bytes().split(b"\n", 2)
    before, after = first.split(b",50,", 1)
    with path.open("wb") as handle:  # the second line's value 200 MB of digits, written as bytes
        handle.write(header + b"\n" + before + b"," + b"9" * 200_000_000 + b"," + after + b"\n" + rest)
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith("article_figures.csv:2: this line is 200,000,")
    assert found[0].endswith(" bytes long; expected at most 2,097,152 bytes a line (a row of the study takes a "
                             "few hundred)")


def test_a_value_of_200000_characters_is_shown_cut_short(data_copy):
    lines = (data_copy / "article_figures.csv").read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].replace(",50,", "," + "x" * 200_000 + ",", 1)
    (data_copy / "article_figures.csv").write_text("\n".join(lines), encoding="utf-8")
    assert problems(data_copy) == ["article_figures.csv:2: column 'value': value '" + "x" * 100 + "…' — expected a "
                                   "number (digits, with a point for decimals)"]


def test_a_file_over_250_mb_is_refused_before_it_is_read(data_copy):
    with (data_copy / "official_record.csv").open("r+b") as handle:
        handle.truncate(300_000_000)  # sparse: no disk space is used
    assert problems(data_copy) == ["official_record.csv: the file is 300 MB; expected at most 250 MB (the study reads "
                                   "each data file whole into memory)"]


def test_a_check_that_fails_unexpectedly_still_gives_a_data_error_naming_the_file(data_copy, monkeypatch):
    def broken(frame, name, columns):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(study.data, "check_table", broken)
    monkeypatch.setattr(study.data, "_CHECKED", OrderedDict())  # every file checked afresh, none kept from before
    with pytest.raises(DataError) as raised:
        load(data_copy)
    first = raised.value.problems[0]
    assert str(first) == ("sources.csv: the study failed to check this file (ZeroDivisionError: division by zero); "
                          "this is a bug in the study: please report it with the file")
    assert isinstance(first.cause, ZeroDivisionError)


def test_ctrl_c_while_loading_stays_an_interrupt(data_copy, monkeypatch):
    def interrupted(frame, name, columns):
        raise KeyboardInterrupt

    monkeypatch.setattr(study.data, "check_table", interrupted)
    monkeypatch.setattr(study.data, "_CHECKED", OrderedDict())  # every file checked afresh, none kept from before
    with pytest.raises(KeyboardInterrupt):
        load(data_copy)


def test_a_file_edited_after_a_load_is_checked_again(data_copy):
    """A file unchanged since the last load is not checked again; one edited in place is, even at the
    same size and with its time of change put back."""
    assert load(data_copy).fingerprint == load(ROOT / "data").fingerprint
    figures = data_copy / "article_figures.csv"
    good, when = figures.read_bytes(), figures.stat()
    figures.write_bytes(good.replace(b",7500000,", b",75000x0,", 1))
    os.utime(figures, ns=(when.st_atime_ns, when.st_mtime_ns))
    assert "article_figures.csv:6: column 'value': value '75000x0' — expected a number (digits, with a point for " \
           "decimals)" in problems(data_copy)
    figures.write_bytes(good)
    assert load(data_copy).fingerprint == load(ROOT / "data").fingerprint


def test_a_changed_codebook_checks_unchanged_files_again(data_copy, monkeypatch):
    load(data_copy)
    schema = study.data.read_schema()
    narrower = schema.copy()
    narrower.loc[(narrower["file"] == "sources.csv") & (narrower["column"] == "paragraphs"), "allowed"] = "1..3"
    monkeypatch.setattr(study.data, "read_schema", lambda: narrower)
    assert any(p.startswith("sources.csv:") and "a number from 1 to 3" in p for p in problems(data_copy))


def test_a_files_kept_check_is_not_changed_by_what_a_caller_does_to_its_frames(data_copy):
    columns = study.data.read_schema().query("file == 'official_record.csv'")
    path = data_copy / "official_record.csv"
    frame, typed, found, digest = study.data._checked_file(path, "official_record.csv", columns)
    frame["scribble"] = 1
    typed.loc[typed.index[0], "value"] = -1
    found.append("a caller's note")
    again, typed_again, found_again, _ = study.data._checked_file(path, "official_record.csv", columns)
    assert "scribble" not in again and typed_again["value"].iloc[0] != -1 and found_again == []
