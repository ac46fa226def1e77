"""The notebooks as an analyst uses them: run in a real kernel (as Jupyter runs them), then
edited and re-run cell by cell, with the reader's own cells alongside the study's."""
import base64
import os
import re
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from study.data import load
from study.validate import DataError

from conftest import CASES, ROOT
from test_data_cases import apply_case

NOTEBOOK = ROOT / "notebooks" / "02-against-the-record.ipynb"


class Session:
    """A notebook running in a live kernel, whose cells can be edited and run again."""

    def __init__(self, client: NotebookClient):
        self.client, self.nb = client, client.nb

    def run(self, index: int) -> list:
        cell = self.nb.cells[index]
        cell.outputs = []
        self.client.execute_cell(cell, index)
        return cell.outputs

    def run_from(self, first: int) -> None:
        for index in range(first, len(self.nb.cells)):
            if self.nb.cells[index].cell_type == "code":
                self.run(index)

    def add(self, source: str, after: int) -> int:
        """Insert a code cell after cell `after`, as a reader would; returns its index."""
        self.nb.cells.insert(after + 1, nbformat.v4.new_code_cell(source))
        return after + 1

    def index(self, code: str) -> int:
        """The first cell whose code contains `code`."""
        return next(i for i, c in enumerate(self.nb.cells) if c.cell_type == "code" and code in c.source)


@pytest.fixture(scope="module")
def session(monkeypatch_module):
    """Notebook 02 (English) run top to bottom in a kernel started as Jupyter starts one."""
    monkeypatch_module.delenv("MPLBACKEND", raising=False)  # the kernel chooses, as in Jupyter: inline
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        cell.outputs = [] if cell.cell_type == "code" else cell.get("outputs")
    client = NotebookClient(nb, kernel_name="python3", timeout=120, record_timing=False,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    with client.setup_kernel():
        running = Session(client)
        running.run_from(0)
        yield running


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def images(outputs) -> list[bytes]:
    return [base64.b64decode(o["data"]["image/png"]) for o in outputs if "image/png" in o.get("data", {})]


def text(outputs) -> str:
    return "\n".join(o.get("data", {}).get(kind, "") for o in outputs for kind in ("text/plain", "text/markdown",
                                                                                   "text/html"))


def test_a_readers_own_chart_shows_inline_after_the_studys_cells(session):
    index = session.add("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2])", len(session.nb.cells) - 1)
    outputs = session.run(index)
    assert len(images(outputs)) == 1 and images(outputs)[0].startswith(b"\x89PNG")


def test_the_studys_charts_show_once_with_their_alt_text(session):
    outputs = session.nb.cells[session.index("charts.people_record(")].outputs
    assert len(images(outputs)) == 1
    assert outputs[0]["metadata"]["image/png"]["alt"].startswith("Line chart of people freed")


def test_an_edited_frame_carries_through_to_the_charts_sentences_and_verdicts_below(session):
    chart = session.index("charts.people_record(")
    checks = session.index("checks = factcheck.check_all(")
    table = session.index("story.factcheck_table(")
    before = {i: (images(session.nb.cells[i].outputs), text(session.nb.cells[i].outputs))
              for i in (chart, checks, table)}
    load_cell = session.index("data = load(")
    # P07: the record's 6.9 million people freed on 26 October 2017, the last figure published before the
    # claim, which the report's claim is checked on.
    edit = session.add('record.loc[record["id"] == "P07", "value"] = 7_400_000', load_cell)
    session.run(edit)
    session.run_from(edit + 1)
    chart, checks, table = chart + 1, checks + 1, table + 1  # one cell was inserted above them
    after = {i: (images(session.nb.cells[i].outputs), text(session.nb.cells[i].outputs)) for i in (chart, checks, table)}
    assert after[chart][0] != before[chart - 1][0]  # the chart is drawn again from the edited record
    assert "7.4 million" in after[chart][1] and "7.4 million" not in before[chart - 1][1]  # its alt text
    people = next(row for row in after[checks][1].split("<tr>") if "people-freed" in row)
    assert "reason_level_matches" in people and "reason_level_before" not in people  # 7.5 million: within 2% of 7.4
    assert after[table][1] != before[table - 1][1]  # the table says so too


def test_a_data_error_in_jupyter_shows_the_located_list_without_a_traceback(session, data_copy):
    apply_case(CASES / "bad" / "several-problems", data_copy)
    with pytest.raises(DataError) as raised:
        load(data_copy)
    index = session.add(f"load({str(data_copy)!r})", len(session.nb.cells) - 1)
    session.client.allow_errors = True
    try:
        outputs = session.run(index)
    finally:
        session.client.allow_errors = False
    error = next(o for o in outputs if o["output_type"] == "error")
    shown = "\n".join(error["traceback"])
    assert error["ename"] == "DataError"
    assert shown == raised.value.report()  # the words `make report` prints, and nothing else
    assert not re.search(r"Traceback|File \"|---->|\x1b\[", shown)


def test_importing_the_module_and_drawing_leave_the_readers_settings_alone():
    script = """
import warnings, matplotlib, pandas as pd
before = (matplotlib.get_backend(), dict(matplotlib.rcParams), list(warnings.filters),
          pd.get_option("display.max_rows"), pd.get_option("mode.copy_on_write"))
from study import analysis, charts, factcheck, ids, story
from study.data import load
from study.text import Text
data = load()
figure = data.figures.set_index("id")
charts.people(figure.loc[ids.PEOPLE_FREED], data.sources, Text("ar", units=data.units)).png()
after = (matplotlib.get_backend(), dict(matplotlib.rcParams), list(warnings.filters),
         pd.get_option("display.max_rows"), pd.get_option("mode.copy_on_write"))
assert before == after, [k for k in before[1] if before[1][k] != after[1].get(k)]
import matplotlib.pyplot as plt
print(matplotlib.get_backend())
"""
    env = dict(os.environ, MPLBACKEND="svg")  # a reader's own choice of backend
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT / "notebooks", env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "svg"
