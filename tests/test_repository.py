"""The repository keeps its promises: the codebook matches the files, the README's paths
exist, both editions run the same code, and no figure is typed into the notebooks' prose."""
import csv
import re

import nbformat
import pytest

from study.render import NOTEBOOKS
from study.validate import read_schema

from conftest import ROOT

SCHEMA = read_schema()
DATA_FILES = sorted(SCHEMA["file"].unique())


@pytest.mark.parametrize("name", DATA_FILES)
def test_each_file_has_the_columns_of_the_machine_readable_codebook(name):
    with open(ROOT / "data" / name, encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == list(SCHEMA.loc[SCHEMA["file"] == name, "column"])


@pytest.mark.parametrize("name", DATA_FILES)
def test_the_codebook_documents_every_column_with_its_type(name):
    """data/README.md and data/schema.csv cannot drift: each column is in the README's table for its file."""
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"### `{name}`", 1)[1].split("\n### ", 1)[0]
    for spec in SCHEMA[SCHEMA["file"] == name].itertuples():
        assert re.search(rf"^\| `{re.escape(spec.column)}` \| {re.escape(spec.type)} \|", section, re.M), spec.column


def test_every_path_the_readme_names_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:data|notebooks|tests|reports|benchmarks|\.ci)/[^`*{}\s]*)`", readme))
    paths |= set(re.findall(r"\]\(((?:data|notebooks|tests|reports|benchmarks)/[^)#\s]+)\)", readme))
    assert len(paths) > 10
    assert sorted(p for p in paths if not (ROOT / p).exists()) == []


def test_the_readme_gives_the_two_commands_and_ci_runs_the_tests():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]


def test_both_editions_run_the_same_code():
    for english, arabic in (NOTEBOOKS[0], NOTEBOOKS[2]), (NOTEBOOKS[1], NOTEBOOKS[3]):
        assert code_cells(ROOT / "notebooks" / english.file) == code_cells(ROOT / "notebooks" / arabic.file)


def test_every_notebook_has_a_parameters_cell_naming_its_language():
    for notebook in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / notebook.file, as_version=4)
        cell = nb.cells[1]
        assert "parameters" in cell.metadata.get("tags", []) and f'LANG = "{notebook.lang}"' in cell.source


def test_no_figure_is_typed_into_the_notebooks_prose():
    for notebook in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / notebook.file, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "markdown":
                continue
            text = re.sub(r"\]\([^)]*\)", "]", cell.source)  # link targets are file names
            text = re.sub(r"[0-9٠-٩]{2} ·", "", text)  # notebook numbers, as in "02 · Against the record"
            text = re.sub(r"`[^`]*`", "", text).replace("Youm7", "")  # file, column and publisher names
            assert not re.search(r"[0-9٠-٩]", text), (notebook.file, i, text)


def test_no_executed_cell_carries_timestamps():
    for notebook in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / notebook.file, as_version=4)
        assert not [c for c in nb.cells if "execution" in c.metadata]


def test_requirements_are_pinned_and_avoid_text_reshaping():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    packages = [line for line in lines if line]
    assert packages and all("==" in p for p in packages)
    assert not [p for p in packages if re.match(r"(arabic.reshaper|python-bidi)", p, re.I)]
    assert any(p.startswith("matplotlib==3.1") for p in packages)  # 3.11+ shapes Arabic itself


def test_the_readmes_findings_are_those_of_the_committed_render():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- findings:start[^>]*-->\n(.*?)\n<!-- findings:end -->", readme, re.S).group(1)
    nb = nbformat.read(ROOT / "notebooks" / "02-against-the-record.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "findings" in c.metadata.get("tags", []))
    assert block == cell.outputs[0]["data"]["text/markdown"]


def test_the_codebook_shows_the_bands_the_rules_read():
    """One definition of each band: the codebook's table is notebooks/study/bands.csv, row for row."""
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The bands", 1)[1].split("\n### ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
    with (ROOT / "notebooks" / "study" / "bands.csv").open(encoding="utf-8", newline="") as handle:
        bands = [[r["band"], r["low"], r["high"], r["meaning"]] for r in csv.DictReader(handle)]
    assert [[cell.strip("| ") for cell in row] for row in rows] == bands


def test_the_codebook_states_the_cadence_band_the_rule_uses():
    """Twice a week is releases of 3 or 4 days: the numbers the codebook gives are the rule's."""
    from study.factcheck import cadence_band

    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    low, high = cadence_band(2)
    assert f"{low:.2f} to {high:.2f} a week" in readme
