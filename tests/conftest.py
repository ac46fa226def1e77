"""Shared fixtures: the repository's data, copies of it to break, and rendered copies of the study."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from study.data import load
from study.render import without_the_iri_grammar

# Before any test file imports nbformat: jsonschema, which it imports, would otherwise build an IRI
# grammar that no test uses, in each worker (the render skips it the same way).
without_the_iri_grammar()

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).with_name("data_cases")

# The property tests: in `make test` the same examples on every run ("ci"); in `make fuzz`
# (tests/fuzz.py) a long random search ("fuzz"). HYPOTHESIS_PROFILE chooses; the profile is
# loaded here, before any test module is imported, because a test's settings are fixed then.
settings.register_profile("ci", derandomize=True, database=None, deadline=None, print_blob=True, max_examples=20)
settings.register_profile("fuzz", max_examples=10_000, database=None, deadline=None, print_blob=True,
                          report_multiple_bugs=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def study():
    """The repository's own data, loaded and validated once."""
    return load()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of data/ that a test may edit."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


def copy_repository(destination: Path) -> Path:
    """The parts of the repository a render needs: notebooks (with the module), data, reports."""
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for part in ("notebooks", "data", "reports"):
        if (ROOT / part).exists():
            shutil.copytree(ROOT / part, destination / part, ignore=ignore)
    return destination


def render(repository: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m study.render` inside a copy, so the copy's own outputs are written."""
    env = dict(os.environ, PYTHONPATH=str(repository / "notebooks"))
    return subprocess.run([sys.executable, "-m", "study.render", *args], cwd=repository / "notebooks",
                          env=env, capture_output=True, text=True, timeout=600)


def tree_hashes(*folders: Path) -> dict[str, str]:
    """SHA-256 of every file under the folders, by path."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Path:
    """A copy of the repository rendered once from its own data: every output made afresh, but for the
    render's memory of the last render (the numbers it compares with, and the update log)."""
    repository = copy_repository(tmp_path_factory.mktemp("rendered"))
    for path in (repository / "reports").iterdir():
        if path.name not in ("numbers.json", "updates.json"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    result = render(repository)
    assert result.returncode == 0, result.stderr
    return repository


RECORD_DEFAULTS = {"period_start": None, "unit": "strikes", "qualifier": "exact", "kind": "cumulative", "scope": "Iraq+Syria",
                   "country": "", "series": "cjtf-oir-monthly-report", "derived": "no", "stated_by": "CJTF-OIR",
                   "publisher": "Example", "publisher_ar": "", "confidence": "high", "url": "https://example.org", "published": "",
                   "note": "", "reference_id": "", "use": "yes", "use_note": ""}


def make_record(*rows: dict):
    """A small official record: each row gives id, as_of, value, unit and whatever differs from the defaults."""
    import pandas as pd

    columns = ["id", "as_of", "value", *RECORD_DEFAULTS]
    frame = pd.DataFrame([dict(RECORD_DEFAULTS, **row) for row in rows], columns=columns)
    for column in ("as_of", "period_start"):
        frame[column] = pd.to_datetime(frame[column])
    frame["value"] = frame["value"].astype(float)
    return frame


def make_figure(**values):
    import pandas as pd

    defaults = {"id": "figure", "value": 1.0, "unit": "strikes", "qualifier": "exact", "date": "2017-11-21",
                "period_start": None, "source_id": "source", "record_id": "", "names_en": "", "check": "none"}
    row = dict(defaults, **values)
    for column in ("date", "period_start"):
        row[column] = pd.Timestamp(row[column]) if row[column] else pd.NaT
    return pd.Series(row)


def make_events(*rows):
    """Events: (id, date, the fact it marks or ''), each of high confidence."""
    import pandas as pd

    return pd.DataFrame({"id": [r[0] for r in rows], "date": [pd.Timestamp(r[1]) for r in rows],
                         "marks": [r[2] for r in rows], "label_en": [f"Event {r[0]}" for r in rows],
                         "label_ar": [f"حدث {r[0]}" for r in rows], "event_en": [""] * len(rows),
                         "event_ar": [""] * len(rows), "on_chart": ["yes"] * len(rows),
                         "confidence": ["high"] * len(rows), "url": ["https://example.org"] * len(rows),
                         "publisher": ["Example"] * len(rows)})


def make_study(record, events=None, sources=None):
    """A StudyData-like bundle for the fact-check rules."""
    import types

    import pandas as pd

    if events is None:
        events = make_events(("EV01", "2014-08-08", "campaign-start"))
    if sources is None:
        sources = pd.DataFrame({"id": ["source"], "published": [pd.Timestamp("2017-11-21")]})
    return types.SimpleNamespace(record=record, events=events, sources=sources)
