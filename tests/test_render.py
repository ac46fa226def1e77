"""The whole study, rendered: every notebook executed, both editions, determinism, updates,
and failures that leave the previous render untouched."""
import base64
import csv
import html
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import pandas as pd

from study.render import NOTEBOOKS
from study.validate import DATA_HINT

from conftest import ROOT, copy_repository, render, tree_hashes

ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬", "0123456789.,")


def outputs_text(path) -> str:
    """The text a reader sees in a notebook's outputs (Markdown and HTML), without images."""
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(data.get("text/markdown", "") + data.get("text/html", ""))
    return "\n".join(parts)


def test_every_notebook_runs_to_the_end_without_errors(rendered):
    for notebook in NOTEBOOKS:
        nb = nbformat.read(rendered / "notebooks" / notebook.file, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.execution_count for c in code), notebook.file
        assert not [o for c in code for o in c.outputs if o.output_type == "error"], notebook.file
        assert all(c.outputs for c in code if "parameters" not in c.metadata.get("tags", [])), notebook.file


def test_the_render_writes_html_and_every_chart_as_png_and_svg_with_its_phone_layout(rendered):
    reports = rendered / "reports"
    for notebook in NOTEBOOKS:
        assert (reports / notebook.html).stat().st_size > 10_000
    for lang in ("en", "ar"):
        pngs = sorted(p.stem for p in (reports / "figures" / lang).glob("*.png"))
        svgs = sorted(p.stem for p in (reports / "figures" / lang).glob("*.svg"))
        assert pngs == svgs and len(pngs) == 9  # four of page 01, five of page 02 (with the first weeks, day by day)
        # Phone layouts, as PNG only, of every chart but the three small ones drawn once for every width.
        narrow = sorted(p.stem for p in (reports / "figures" / lang / "narrow").glob("*.*"))
        assert narrow == [name for name in pngs if name not in ("01-cadence", "01-coalition", "01-people")]
        assert all(p.suffix == ".png" for p in (reports / "figures" / lang / "narrow").iterdir())


def test_the_arabic_edition_is_right_to_left_with_arabic_alt_text(rendered):
    for notebook in NOTEBOOKS:
        html = (rendered / "reports" / notebook.html).read_text(encoding="utf-8")
        tag = re.search(r"<html[^>]*>", html).group(0)
        images = re.findall(r"<img [^>]*>", html)
        alts = [re.search(r'alt="([^"]*)"', img).group(1) for img in images]
        assert images and all(alts)
        if notebook.lang == "ar":
            assert tag == '<html lang="ar" dir="rtl">'
            assert all(re.search("[\u0600-\u06FF]", alt) for alt in alts)
        else:
            assert tag == '<html lang="en">'
        assert "<script src=" not in html  # self-contained: nothing fetched from the web


def test_working_tables_are_in_the_notebooks_but_not_on_the_pages(rendered):
    """Cells tagged `working` show plain DataFrames in the notebook (the one tagged `numbers` too, as JSON,
    for the render to write); the page leaves them out."""
    for notebook in NOTEBOOKS:
        nb = nbformat.read(rendered / "notebooks" / notebook.file, as_version=4)
        working = [c for c in nb.cells if "working" in c.metadata.get("tags", []) and c.cell_type == "code"
                   and "numbers" not in c.metadata["tags"]]
        tables = [o["data"]["text/html"] for c in working for o in c.outputs if "text/html" in o.get("data", {})]
        assert len(tables) == len(working) >= 3 and all('class="dataframe"' in t for t in tables), notebook.file
        page = (rendered / "reports" / notebook.html).read_text(encoding="utf-8")
        assert 'class="dataframe"' not in page, notebook.html
        notes = [c for c in nb.cells if "working" in c.metadata.get("tags", []) and c.cell_type == "markdown"]
        text = html.unescape(re.sub(r"<[^>]+>", "", page))
        assert notes and all(re.sub(r"[*`]", "", n.source)[:40] not in text for n in notes)  # for analysts only
        assert page.count("<img ") == sum(1 for c in nb.cells for o in c.get("outputs", [])
                                          if "image/png" in o.get("data", {}))  # every chart is still there


def test_editions_link_to_each_other_and_to_the_next_notebook(rendered):
    english = (rendered / "reports" / "01-what-the-article-says.html").read_text(encoding="utf-8")
    arabic = (rendered / "reports" / "01-what-the-article-says.ar.html").read_text(encoding="utf-8")
    assert 'href="01-what-the-article-says.ar.html"' in english and 'href="02-against-the-record.html"' in english
    assert 'href="01-what-the-article-says.html"' in arabic and 'href="02-against-the-record.ar.html"' in arabic


def numbers(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text.translate(ARABIC_INDIC))  # tags hold addresses, not figures
    # Digits in a Latin name (Youm7) are not figures; Arabic prefixes (و, بـ) do join figures.
    return sorted(re.findall(r"(?<![A-Za-z])\d+(?:,\d{3})*(?:\.\d+)?", html.unescape(text)))


def test_both_editions_state_the_same_numbers(rendered):
    """Every number of the English edition is in the Arabic one, and no other. Arabic counts one and
    two with words (غارة واحدة, غارتان) where English writes 1 and 2, so those two are set aside."""
    def counted(text):
        return [n for n in numbers(text) if n not in ("1", "2")]

    for english, arabic in (("01-what-the-article-says.ipynb", "01-what-the-article-says.ar.ipynb"),
                            ("02-against-the-record.ipynb", "02-against-the-record.ar.ipynb")):
        english_numbers = counted(outputs_text(rendered / "notebooks" / english))
        assert len(english_numbers) > 50
        assert english_numbers == counted(outputs_text(rendered / "notebooks" / arabic))


def test_every_chart_on_every_page_has_the_numbers_behind_it(rendered):
    """Under each chart, a closed disclosure with the table of what it draws and a CSV of the same rows."""
    for notebook in NOTEBOOKS:
        page = (rendered / "reports" / notebook.html).read_text(encoding="utf-8")
        charts = page.count("<picture>")
        blocks = re.findall(r'<details class="numbers">(.*?)</details>', page, re.S)
        assert charts >= 4 and len(blocks) == charts, notebook.html
        for block in blocks:
            link = re.search(r'<a download="([^"]+\.csv)" href="data:text/csv;charset=utf-8;base64,([^"]+)"', block)
            raw = base64.b64decode(link.group(2))
            assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
            rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
            assert rows and list(rows[0]) == ["mark", "start", "end", "value", "qualifier", "unit", "series", "publisher"]
            assert block.count("<tr>") == len(rows) + 1  # the table shows the CSV's rows, under its heading
            if notebook.lang == "ar":
                assert link.group(1).endswith(".ar.csv") and re.search("[\u0600-\u06FF]", rows[0]["mark"])


def test_numbers_json_states_every_figure_and_verdict_in_a_stable_order(rendered):
    stored = json.loads((rendered / "reports" / "numbers.json").read_text(encoding="utf-8"))
    numbers = stored["numbers"]
    figures = pd.read_csv(ROOT / "data" / "article_figures.csv", dtype=str)
    assert [k for k in numbers if k.startswith("figure.")] == [f"figure.{i}" for i in figures["id"]]
    assert all(f"verdict.{i}" in numbers for i in figures["id"])
    assert numbers["verdict.people-freed"] == "unproven" and numbers["check.people-freed.observed"] == 6_900_000
    assert all(stored["labels"][k]["ar"] for k in numbers if not k.startswith("sentence."))


def test_rendering_the_committed_data_reproduces_the_committed_outputs(rendered):
    """Deterministic, and up to date: a fresh render of data/ changes no byte of what is committed."""
    for notebook in NOTEBOOKS:
        assert (rendered / "notebooks" / notebook.file).read_bytes() == \
            (ROOT / "notebooks" / notebook.file).read_bytes(), notebook.file
    assert tree_hashes(rendered / "reports") == {
        k.replace(str(ROOT), str(rendered)): v for k, v in tree_hashes(ROOT / "reports").items()}


def test_a_render_from_edited_data_changes_every_place_a_figure_appears(tmp_path):
    """One render from another folder of CSVs: a changed figure changes every sentence, table and
    chart that states it; a new event is marked on the lead chart; the page says which data it used;
    and text from the data reaches the page as text, never as markup."""
    repository = copy_repository(tmp_path / "repository")
    other = tmp_path / "edited"
    shutil.copytree(repository / "data", other)
    figures = other / "article_figures.csv"
    frame = pd.read_csv(figures, dtype=str, keep_default_na=False)
    frame.loc[frame["id"] == "people-freed", "value"] = "7400000"
    frame.loc[frame["id"] == "strikes-per-day-start", "value"] = "45"
    frame.loc[frame["id"] == "campaign-age", "label_en"] = "<script>alert(1)</script> **Age**"
    frame.to_csv(figures, index=False)
    with open(other / "events.csv", "a", encoding="utf-8") as events:
        events.write("EV99,2018-06-01,A new event,حدث جديد,New event,حدث جديد,Somewhere,Iraq,,yes,Example,مثال,"
                     "high,https://example.org,,\n")
    result = render(repository, "--data", str(other))
    assert result.returncode == 0, result.stderr
    # What changed, one a line, as `id: old → new`; verdicts flipped are called so.
    printed = result.stdout.splitlines()
    assert "  figure.people-freed: 7500000 → 7400000" in printed
    assert "  figure.strikes-per-day-start: 50 → 45" in printed
    assert "  derived.fall.percent: 98 → 97.7778" in printed  # (45 - 1) / 45
    numbers = json.loads((repository / "reports" / "numbers.json").read_text(encoding="utf-8"))
    assert numbers["numbers"]["figure.people-freed"] == 7_400_000 != json.loads(
        (ROOT / "reports" / "numbers.json").read_text(encoding="utf-8"))["numbers"]["figure.people-freed"]
    log = json.loads((repository / "reports" / "updates.json").read_text(encoding="utf-8"))
    assert len(log) == len(committed_log()) + 1 and {"figure.people-freed", "figure.strikes-per-day-start"} <= \
        {c["id"] for c in log[0]["changes"]}
    for notebook in NOTEBOOKS:  # each page's update log, newest first, in its language
        page = (repository / "reports" / notebook.html).read_text(encoding="utf-8")
        updates = page.split('<section class="updates">')[1].split("</section>")[0]
        assert ("7,500,000 → 7,400,000" in updates) and (("Updates" if notebook.lang == "en" else "التحديثات") in updates)
        # Built from another folder: said before the first heading's text.
        assert page.index('class="other-data"') < page.index("<h1")
    for notebook in NOTEBOOKS:
        text = outputs_text(repository / "notebooks" / notebook.file)
        page = (repository / "reports" / notebook.html).read_text(encoding="utf-8")
        english = notebook.lang == "en"
        changes = [("up to 50", "up to 45") if english else ("ما يصل إلى 50", "ما يصل إلى 45")]
        if notebook.file.startswith("01"):  # notebook 02 also shows the record's own 7.5 million (P10)
            changes.append(("7.5 million", "7.4 million") if english else ("7.5 مليون", "7.4 مليون"))
        for old, new in changes:
            assert old not in text and old not in page, (notebook.file, old)
            assert new in text and new in page, (notebook.file, new)
        if english:  # text from the data reaches the page as text, never as markup
            assert "<script>alert" not in page and "<strong>Age" not in page
    page = (repository / "reports" / "02-against-the-record.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **Age**" in page
    assert str(other) in page  # the folder the render was built from
    chart = (repository / "reports" / "figures" / "en" / "02-record-decline.svg").read_text(encoding="utf-8")
    assert chart.count('id="event-number') == (ROOT / "reports" / "figures" / "en" / "02-record-decline.svg").read_text(
        encoding="utf-8").count('id="event-number') + 1  # the new event is marked on the lead chart
    nb = nbformat.read(repository / "notebooks" / "02-against-the-record.ipynb", as_version=4)
    assert f"DATA_DIR = {json.dumps(str(other))}" in nb.cells[1].source
    # The notebook shows the same comparison, as a table, in a working cell.
    latest = next(c for c in nb.cells if "changes.latest(" in c.source)
    assert "figure.people-freed" in latest.outputs[0]["data"]["text/html"]
    # Rendered again, the same data finds nothing changed: numbers.json and the log stay as they are
    # (the whole render's bytes are checked by test_rendering_the_committed_data_reproduces_the_committed_outputs).
    from study import changes as stated

    stored = stated.previous(repository / "reports")
    again = stated.since_last_change(stored, stated.Numbers(dict(stored), stored.labels))
    assert again.as_json() == (repository / "reports" / "numbers.json").read_text(encoding="utf-8")
    assert stated.updated_log(log, stated.compare(stored, again), again, "2030-01-01") == log


def committed_log() -> list:
    path = ROOT / "reports" / "updates.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def test_a_failed_render_leaves_the_previous_one_byte_identical(tmp_path):
    repository = copy_repository(tmp_path)
    before = tree_hashes(repository / "reports", repository / "notebooks", repository / "data")
    figures = repository / "data" / "article_figures.csv"
    broken = figures.read_text(encoding="utf-8").replace(",7500000,", ',"7,5",')
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "article_figures.csv").write_text(broken, encoding="utf-8")
    for name in ("sources.csv", "units.csv", "official_record.csv", "events.csv"):
        shutil.copy(repository / "data" / name, tmp_path / "broken" / name)
    result = render(repository, "--data", str(tmp_path / "broken"))
    assert result.returncode == 1
    assert "article_figures.csv:6: column 'value': value '7,5' — expected a number with a decimal point" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "running" not in result.stdout  # found before any notebook's kernel was started
    assert result.stderr.rstrip().endswith(DATA_HINT)
    assert tree_hashes(repository / "reports", repository / "notebooks", repository / "data") == before
    assert not list(repository.glob(".render-*"))


def test_the_data_check_alone_answers_as_the_render_does(tmp_path):
    """`python -m study.check` (what the render runs before any kernel): on sound data a line that
    says so; on bad data the located list and the hint, and exit status 1."""
    import subprocess
    import sys

    def check(*folder):
        return subprocess.run([sys.executable, "-m", "study.check", *folder], cwd=ROOT / "notebooks",
                              capture_output=True, text=True, encoding="utf-8")

    sound = check()
    assert (sound.returncode, sound.stderr) == (0, "") and "every file meets the codebook" in sound.stdout
    shutil.copytree(ROOT / "data", tmp_path / "data")
    events = tmp_path / "data" / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace("2017-10-20", "2017-10-32", 1), encoding="utf-8")
    bad = check(str(tmp_path / "data"))
    assert bad.returncode == 1 and bad.stdout == ""
    assert re.search(r"events\.csv:\d+: column 'date': value '2017-10-32'", bad.stderr), bad.stderr
    assert bad.stderr.rstrip().endswith(DATA_HINT) and "Traceback" not in bad.stderr


def test_the_render_itself_needs_neither_pandas_nor_matplotlib():
    """The render imports its own module and `changes` (the numbers, the comparison with the last
    render, the update log) while the kernels start: pandas there would cost it a third of a second."""
    import subprocess
    import sys

    probe = "import sys, study.render; print(sorted({'pandas', 'numpy', 'matplotlib'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT / "notebooks", capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_a_missing_data_folder_is_a_clear_error(tmp_path):
    repository = copy_repository(tmp_path)
    result = render(repository, "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "data folder not found" in result.stderr


def test_a_crashing_cell_leaves_the_previous_render_untouched(tmp_path):
    repository = copy_repository(tmp_path)
    before = tree_hashes(repository / "reports", repository / "notebooks")
    for notebook in NOTEBOOKS:  # one notebook fails early; the others would take a minute
        path = repository / "notebooks" / notebook.file
        nb = nbformat.read(path, as_version=4)
        failing = notebook.file == "01-what-the-article-says.ipynb"
        nb.cells.insert(2, nbformat.v4.new_code_cell("raise RuntimeError('a cell that fails')" if failing
                                                     else "import time; time.sleep(60)"))
        nbformat.write(nb, path)
        before[str(path)] = tree_hashes(path.parent)[str(path)]
    result = render(repository)
    assert result.returncode == 1
    assert "01-what-the-article-says.ipynb failed: RuntimeError: a cell that fails" in result.stderr
    assert " ran " not in result.stdout  # the others were stopped at the first failure, not run to their end
    assert tree_hashes(repository / "reports", repository / "notebooks") == before


def test_an_interrupted_render_leaves_the_previous_render_untouched(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    repository = copy_repository(tmp_path)
    before = tree_hashes(repository / "reports", repository / "notebooks")
    # The render's own temporary files (kernel sockets and connection files), in a short path: a
    # Unix socket's path may not pass about 100 bytes.
    scratch = Path(tempfile.mkdtemp(prefix="study-test-"))
    # One notebook at a time, so that three are still to run when the first has finished.
    process = subprocess.Popen([sys.executable, "-m", "study.render", "--jobs", "1"], cwd=repository / "notebooks",
                               env=dict(os.environ, PYTHONPATH=str(repository / "notebooks"), TMPDIR=str(scratch)),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stdout:  # interrupt once the first notebook has finished running
        if " ran " in line:
            break
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130 and "Interrupted" in stderr, stderr
    assert tree_hashes(repository / "reports", repository / "notebooks") == before
    assert not list(repository.glob(".render-*"))
    assert not list(scratch.iterdir())  # every kernel shut down, its sockets and connection file removed
    scratch.rmdir()


def test_a_number_of_jobs_below_one_is_refused_plainly():
    import subprocess
    import sys

    for jobs in ("0", "-1", "two"):
        result = subprocess.run([sys.executable, "-m", "study.render", "--jobs", jobs], cwd=ROOT / "notebooks",
                                capture_output=True, text=True)
        assert result.returncode == 2 and "expected a whole number of notebooks, 1 or more" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_missing_charted_figure_is_a_data_error_not_a_crash(tmp_path):
    repository = copy_repository(tmp_path)
    figures = repository / "data" / "article_figures.csv"
    lines = figures.read_text(encoding="utf-8").splitlines(keepends=True)
    figures.write_text("".join(line for line in lines if not line.startswith("people-freed,")), encoding="utf-8")
    result = render(repository)
    assert result.returncode == 1
    assert "article_figures.csv: the figure 'people-freed' is missing" in result.stderr
