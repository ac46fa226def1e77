"""Render the study: execute every notebook, write HTML and figures, all or nothing.

    python -m study.render [--data FOLDER] [--digits western|arabic-indic] [--jobs N]

Notebooks run concurrently (one kernel each) into a staging folder. Only when all of them
have run and converted are the executed notebooks and `reports/` replaced, so a failed or
interrupted run leaves the previous render exactly as it was. Nothing under `data/` is written.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime
import functools
import importlib
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# nbformat, nbclient, jupyter_client and nbconvert (about 2 s of imports) are imported where
# they are used, so that the render starts (and answers Ctrl-C) without waiting for them.
from . import changes
from .paths import FIGURES_ENV, NOTEBOOKS_DIR, REPORTS_DIR, ROOT

TEMPLATES_DIR = Path(__file__).with_name("templates")
PARAMETER_LINE = re.compile(r"^(?P<name>DATA_DIR|DIGITS) = (?P<value>[^#\n]*?)(?P<comment>\s*#.*)?$", re.M)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TABLE_HEAD = re.compile(r"<thead>(.*?)</thead>(.*?)</tbody>", re.S)  # a table as story.py writes them
TAG = re.compile(r"<[^>]+>")
WORKING_TAG = "working"  # cells that show only a working table: in the notebook, not on the page
ABOUT_TAG = "about"  # the cell whose output is the page's "About this page" footer
NUMBERS_TAG = "numbers"  # the cell whose output is every number the pages state (reports/numbers.json)
KERNELS: list = []  # every kernel manager started, so an interrupt can make sure none outlives the render


@dataclass(frozen=True)
class Notebook:
    file: str
    lang: str

    @property
    def html(self) -> str:
        return self.file.replace(".ipynb", ".html")


NOTEBOOKS = (Notebook("01-what-the-article-says.ipynb", "en"), Notebook("02-against-the-record.ipynb", "en"),
             Notebook("01-what-the-article-says.ar.ipynb", "ar"), Notebook("02-against-the-record.ar.ipynb", "ar"))


class RenderError(Exception):
    """A render that cannot finish; the message is for the person who ran it."""


def log(message: str) -> None:
    print(message, flush=True)


def set_parameters(nb, values: dict[str, str | None]) -> None:
    """Set the values in the cell tagged `parameters` (papermill's convention), keeping its comments."""
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if not cells:
        raise RenderError("a notebook has no cell tagged 'parameters'")

    def assign(match: re.Match) -> str:
        value = values.get(match.group("name"), match.group("value"))
        written = value if value == match.group("value") else "None" if value is None else json.dumps(value)
        return f"{match.group('name')} = {written}{match.group('comment') or ''}"

    cells[0].source = PARAMETER_LINE.sub(assign, cells[0].source)


@functools.lru_cache(maxsize=None)
def prompt_client_class():
    """A kernel client that is ready as soon as its kernel has answered and the kernel's output channel
    is known to be connected.

    jupyter_client's own readiness check then waits another 0.2 s for that channel to fall quiet.
    nbclient does not need it (it reads only the messages its own requests caused), and with every
    kernel starting at once that wait left both processors idle.
    """
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient

    class PromptClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while time.monotonic() < deadline:
                try:
                    await self.kernel_info(reply=True, timeout=1)
                    await self.get_iopub_msg(timeout=0.2)  # the kernel's status, on the output channel
                    return
                except (TimeoutError, Empty):
                    if not await self.is_alive():
                        raise RuntimeError("the kernel stopped before it answered") from None
            raise RuntimeError(f"the kernel did not answer within {timeout} s")

    return PromptClient


def prepared(notebook: Notebook, parameters: dict[str, str], manager):
    """A client that will run `notebook` with these parameters in the kernel `manager` has started."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOKS_DIR / notebook.file, as_version=4)
    set_parameters(nb, {"DATA_DIR": parameters["DATA_DIR"],
                        "DIGITS": parameters["DIGITS"] if notebook.lang == "ar" else "western"})
    return NotebookClient(nb, km=manager, timeout=600, record_timing=False,
                          resources={"metadata": {"path": str(NOTEBOOKS_DIR)}})


async def execute(notebook: Notebook, parameters: dict[str, str], limit: asyncio.Semaphore, position: str,
                  sockets: Path):
    from jupyter_client.manager import AsyncKernelManager

    async with limit:
        log(f"{position} running {notebook.file}")
        started = time.perf_counter()
        # IPC transport: local sockets instead of TCP ports, and no warning about unencrypted TCP.
        # Short socket names: a Unix socket's path may not pass about 100 bytes, however long TMPDIR is.
        manager = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=str(sockets / f"k{NOTEBOOKS.index(notebook)}"),
                                     client_factory=prompt_client_class())
        KERNELS.append(manager)
        try:
            # Started first: the kernel boots while this process finishes importing nbclient. No input
            # history: nothing reads it, and its database takes a tenth of the kernel's start.
            await manager.start_kernel(extra_arguments=["--HistoryManager.enabled=False"], cwd=str(NOTEBOOKS_DIR))
            client = await asyncio.to_thread(prepared, notebook, parameters, manager)
            await client.async_execute()
            log(f"{position} ran {notebook.file} in {time.perf_counter() - started:.1f} s")
            nb = client.nb
            # The metadata Jupyter writes when an analyst runs the notebook and saves it (the kernel's
            # display name; the language's version, from the kernel), so that her commit shows only real changes.
            nb.metadata.setdefault("kernelspec", {})["display_name"] = manager.kernel_spec.display_name
            # Converted while the kernel shuts down and the other notebooks still run, in a thread so
            # that their kernels are served meanwhile.
            html, _ = await asyncio.gather(asyncio.to_thread(to_html, nb, notebook), manager.shutdown_kernel(now=True))
            return nb, html
        except Exception as error:
            from nbclient.exceptions import CellExecutionError

            if isinstance(error, CellExecutionError):
                raise RenderError(failure_message(error, notebook)) from None
            raise
        finally:
            if manager.has_kernel:
                await manager.shutdown_kernel(now=True)


def about_last(nb, resources):
    """The cell tagged `about` (which data the page was built from, how to rebuild it) moved to the end
    of the page, where the template sets it as the footer; the notebook keeps it at the top."""
    about = [cell for cell in nb.cells if ABOUT_TAG in cell.metadata.get("tags", [])]
    nb.cells = [cell for cell in nb.cells if ABOUT_TAG not in cell.metadata.get("tags", [])] + about
    return nb, resources


def labelled_tables(nb, resources):
    """Each table cell labelled with its column's heading (`data-label`), so that on a phone the
    stylesheet can set every row out as a card of labelled lines instead of columns too narrow to read."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            table = output.get("data", {}).get("text/html", "")
            if "<thead>" in table:
                output["data"]["text/html"] = TABLE_HEAD.sub(_label_cells, table)
    return nb, resources


def _label_cells(match: re.Match) -> str:
    headings = re.findall(r"<th>(.*?)</th>", match.group(1), re.S)
    rows = match.group(2).split("<tr>")
    for i, row in enumerate(rows):
        cells = row.split("<td>")
        rows[i] = cells[0] + "".join(f'<td data-label="{TAG.sub("", heading).replace(chr(34), "&quot;")}">{rest}'
                                     for heading, rest in zip(headings, cells[1:]))
    return f"<thead>{match.group(1)}</thead>{'<tr>'.join(rows)}</tbody>"


@functools.lru_cache(maxsize=None)
def html_exporter():
    """One exporter for every page, so that its templates are compiled once."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="study", extra_template_basedirs=[str(TEMPLATES_DIR)],
                            exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={WORKING_TAG}), enabled=True)
    exporter.register_preprocessor(about_last, enabled=True)
    exporter.register_preprocessor(labelled_tables, enabled=True)
    return exporter


EXPORTING = threading.Lock()  # the exporter carries the page's language: one page at a time


def to_html(nb, notebook: Notebook) -> str:
    """The page: prose and outputs without code, and without the cells tagged `working` (tables of the working)."""
    with EXPORTING:
        exporter = html_exporter()
        exporter.language_code = notebook.lang
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": nb.metadata.get("title", notebook.file)}})
    if notebook.lang == "ar":
        body = body.replace('<html lang="ar">', '<html lang="ar" dir="rtl">', 1)
    # Links between notebooks become links between the rendered pages.
    return re.sub(r'href="([\w.-]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)


def failure_message(error, notebook: Notebook) -> str:
    """What to say when a cell failed: a data error as the notebook showed it, anything else with its notebook."""
    if error.ename == "DataError":  # the data changed while the render ran
        from .validate import DATA_HINT

        return f"{ANSI.sub('', error.evalue)}\n{DATA_HINT}"
    return (f"{notebook.file} failed: {error.ename}: {ANSI.sub('', error.evalue)}\n"
            "(open the notebook in Jupyter and run it to see the cell and its traceback)")


async def run_all(parameters: dict[str, str], jobs: int) -> list:
    """Run every notebook; at the first failure, stop the others (their kernels shut down) and report it."""
    limit = asyncio.Semaphore(jobs)
    # Kernel sockets live in a short temporary path: Unix socket paths are limited to about 100 bytes.
    with tempfile.TemporaryDirectory(prefix="study-") as sockets:
        tasks = [asyncio.ensure_future(execute(nb, parameters, limit, f"[{i}/{len(NOTEBOOKS)}]", Path(sockets)))
                 for i, nb in enumerate(NOTEBOOKS, start=1)]
        try:
            for finished in asyncio.as_completed(tasks):
                await finished
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)  # each shuts its own kernel down
            raise
    return [task.result() for task in tasks]


README = ROOT / "README.md"
FINDINGS = re.compile(r"(<!-- findings:start[^>]*-->\n).*?(<!-- findings:end -->)", re.S)


def stated_numbers(executed: list):
    """The numbers the pages state, from the English page 02's cell tagged `numbers`."""
    english = executed[NOTEBOOKS.index(Notebook("02-against-the-record.ipynb", "en"))]
    cell = next(c for c in english.cells if NUMBERS_TAG in c.metadata.get("tags", []))
    stored = next(o for o in cell.outputs if "application/json" in o.get("data", {}))["data"]["application/json"]
    return changes.Numbers(stored["numbers"], stored["labels"])


def what_changed(executed: list) -> tuple:
    """The numbers to write, with what changed since the last render (printed, one line each), and the
    update log with an entry for this render if it changed a figure or a verdict the pages state."""
    before, now = changes.previous(), stated_numbers(executed)
    written = changes.since_last_change(before, now)
    updates = changes.read_log()
    if before:  # a first render has nothing to compare with
        difference = changes.compare(before, now)
        if len(difference):
            log("What changed since the last render:")
            for line in changes.lines(difference):
                log(f"  {line}")
        updates = changes.updated_log(updates, difference, now, datetime.date.today().isoformat())
    return written, updates


def with_log_and_notice(html: str, notebook: Notebook, log: list, data_label: str | None) -> str:
    """The page with its update log above its footer, and, built from another data folder, a notice
    above its first heading."""
    updates = changes.log_html(log, notebook.lang, notebook.file[:2])
    if updates:
        html = html.replace('<footer class="about">', updates + '\n<footer class="about">', 1) \
            if '<footer class="about">' in html else html.replace("</main>", updates + "\n</main>", 1)
    if data_label:
        html = html.replace("<main>", "<main>\n" + changes.other_data_html(data_label, notebook.lang), 1)
    return html


def readme_with_findings(executed: list) -> str | None:
    """README.md with its findings block replaced by the English findings just rendered."""
    if not README.exists():
        return None
    english = executed[NOTEBOOKS.index(Notebook("02-against-the-record.ipynb", "en"))]
    cell = next(c for c in english.cells if "findings" in c.metadata.get("tags", []))
    findings = cell.outputs[0]["data"]["text/markdown"]
    return FINDINGS.sub(lambda m: m.group(1) + findings + "\n" + m.group(2), README.read_text(encoding="utf-8"))


def run_notebooks(parameters: dict, jobs: int) -> list:
    """Run `run_all` on an event loop in a worker thread.

    There nbclient cannot install its own Ctrl-C handler (it would kill the running kernel and
    carry on with the others), so an interrupt stays ours: it cancels the run, whose clean-up
    shuts every kernel down, and then ends the render.
    """
    loop = asyncio.new_event_loop()
    outcome: dict = {}
    # Waited on instead of the thread itself: a join that Ctrl-C interrupts can report the thread
    # gone while it still runs (CPython issue 90882), and its clean-up would then be cut short.
    finished = threading.Event()

    def work() -> None:
        asyncio.set_event_loop(loop)
        outcome["task"] = loop.create_task(run_all(parameters, jobs))
        try:
            outcome["results"] = loop.run_until_complete(outcome["task"])
        except BaseException as error:  # handed to the main thread
            outcome["error"] = error
        finally:
            loop.close()
            finished.set()

    worker = threading.Thread(target=work, name="notebooks", daemon=True)
    worker.start()
    try:
        while not finished.wait(0.1):
            pass
    except KeyboardInterrupt:
        if "task" in outcome:
            loop.call_soon_threadsafe(outcome["task"].cancel)
        finished.wait(15)
        for manager in KERNELS:  # whatever the cancelled clean-up did not get to
            process = getattr(getattr(manager, "provisioner", None), "process", None)
            if process is not None and process.poll() is None:
                process.kill()
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["results"]


def replace_outputs(staging: Path, executed: list) -> None:
    """Move the staged render into place: reports/ as a whole, then each notebook atomically."""
    import nbformat

    backup = ROOT / ".reports-previous"
    shutil.rmtree(backup, ignore_errors=True)
    if REPORTS_DIR.exists():
        REPORTS_DIR.rename(backup)
    (staging / "reports").rename(REPORTS_DIR)
    shutil.rmtree(backup, ignore_errors=True)
    for notebook, nb in zip(NOTEBOOKS, executed):
        temporary = NOTEBOOKS_DIR / f".{notebook.file}.tmp"
        nbformat.write(nb, temporary)
        os.replace(temporary, NOTEBOOKS_DIR / notebook.file)
    readme = readme_with_findings(executed)
    if readme is not None:
        temporary = ROOT / ".README.md.tmp"
        temporary.write_text(readme, encoding="utf-8")
        os.replace(temporary, README)


# All notebooks at once: kernels spend much of their start waiting, so even on two cores four
# concurrent kernels finish sooner than two at a time (measured in benchmarks/README.md).
DEFAULT_JOBS = len(NOTEBOOKS)


def start_data_check(folder: Path | None) -> subprocess.Popen:
    """Validate every data file in a process of its own, before any kernel starts: bad data fails
    in about a second, and meanwhile this process gets ready to run the notebooks."""
    log("Checking the data ...")
    command = [sys.executable, "-m", "study.check"] + ([str(folder)] if folder else [])
    return subprocess.Popen(command, cwd=Path(__file__).resolve().parents[1], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env=dict(os.environ, PYTHONIOENCODING="utf-8"))


def without_the_iri_grammar() -> None:
    """Mark rfc3987-syntax as absent in this process. jsonschema, which nbformat imports, builds that
    package's grammar for checking IRIs as it is imported: about 0.7 s of one processor, for a
    string format that no notebook schema uses. Without it, jsonschema goes without that one check."""
    sys.modules.setdefault("rfc3987_syntax", None)


def get_ready_to_run() -> None:
    """Import what starting a kernel needs (jupyter_client's manager, and what looking up a kernel's
    spec imports), so that the kernels start the moment the data is sound; in the background, import
    nbclient and get the HTML exporter ready."""
    from jupyter_client.kernelspec import KernelSpecManager

    without_the_iri_grammar()
    importlib.import_module("jupyter_client.manager")
    KernelSpecManager().get_kernel_spec("python3")
    threading.Thread(target=importlib.import_module, args=("nbclient",), name="imports", daemon=True).start()
    threading.Thread(target=get_the_exporter_ready, name="exporter", daemon=True).start()


def get_the_exporter_ready() -> None:
    """Convert a page of one sentence, so that the exporter's templates are compiled and its HTML
    parser's tables built (about half a second, once) while the data is checked, when a processor
    would otherwise wait, rather than when the first notebook is done and every processor is busy."""
    import nbformat

    to_html(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Ready & *set*")]), NOTEBOOKS[0])


def finish_data_check(checking: subprocess.Popen) -> None:
    _, problems = checking.communicate()
    if checking.returncode != 0:
        raise RenderError(problems.strip() or f"the data check stopped with status {checking.returncode}")


def render(data: str | None = None, digits: str | None = None, jobs: int | None = None) -> None:
    # Every render sets every parameter: a plain `make report` is back to the defaults.
    parameters = {"DATA_DIR": None, "DIGITS": digits or "western"}
    folder = None
    if data:
        folder = Path(data)
        folder = folder if folder.is_absolute() else Path.cwd() / folder
        if not folder.is_dir():
            raise RenderError(f"data folder not found: {data}")
        try:
            parameters["DATA_DIR"] = folder.resolve().relative_to(ROOT).as_posix()
        except ValueError:
            parameters["DATA_DIR"] = str(folder.resolve())
    started = time.perf_counter()
    checking = start_data_check(folder)
    try:
        get_ready_to_run()
        finish_data_check(checking)
    except BaseException:
        if checking.poll() is None:  # interrupted, or the runner could not get ready: the check stops too
            checking.kill()
            checking.wait()
        raise
    # The kernels inherit this environment: charts are drawn off screen, and shown ones written as files.
    os.environ["MPLBACKEND"] = "Agg"
    with tempfile.TemporaryDirectory(prefix=".render-", dir=ROOT) as staging_name:
        staging = Path(staging_name)
        figures = staging / "reports" / "figures"
        figures.mkdir(parents=True)
        os.environ[FIGURES_ENV] = str(figures)
        results = run_notebooks(parameters, jobs or DEFAULT_JOBS)
        executed = [nb for nb, _ in results]
        numbers, updates = what_changed(executed)
        (staging / "reports" / "numbers.json").write_text(numbers.as_json(), encoding="utf-8")
        if updates:
            (staging / "reports" / "updates.json").write_text(
                json.dumps(updates, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for notebook, (_, html) in zip(NOTEBOOKS, results):
            html = with_log_and_notice(html, notebook, updates, parameters["DATA_DIR"])
            (staging / "reports" / notebook.html).write_text(html, encoding="utf-8")
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # the swap itself runs to its end
        try:
            replace_outputs(staging, executed)
        finally:
            signal.signal(signal.SIGINT, previous)
    log(f"done in {time.perf_counter() - started:.1f} s. The report:")
    for notebook in NOTEBOOKS:
        log(f"  {(REPORTS_DIR / notebook.html).relative_to(ROOT)}")
    log(f"  charts: {(REPORTS_DIR / 'figures').relative_to(ROOT)}/{{en,ar}}/*.png, *.svg, narrow/*.png")


INTERRUPTED = threading.Event()


def on_interrupt(signum, frame) -> None:
    """Ctrl-C: note it (a render error that follows is its consequence) and stop. Another Ctrl-C
    while the kernels shut down and the staging folder is removed is ignored: it would leave them half done."""
    INTERRUPTED.set()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)  # the kernels' clean-up is expected to be noisy
    raise KeyboardInterrupt


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of notebooks, 1 or more; got {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m study.render", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="folder of CSVs with the layout of data/ (default: data/)")
    parser.add_argument("--digits", choices=("western", "arabic-indic"), help="digits in the Arabic edition")
    parser.add_argument("--jobs", type=positive, help="notebooks run at once (default: all of them)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, on_interrupt)
    try:
        render(args.data, args.digits, args.jobs)
    except BaseException as error:  # an interrupt, or what it set off in the kernels, or a render error
        if INTERRUPTED.is_set():
            print("\nInterrupted: the previous render is unchanged.", file=sys.stderr, flush=True)
            sys.stdout.flush()
            # The staging folder is gone and the kernels are stopped; exit now rather than let
            # nbclient's exit hooks retry the clean-up of kernels that were mid-start.
            os._exit(130)
        if isinstance(error, RenderError):
            print(f"\nThe report was not rendered; the previous render is unchanged.\n{error}", file=sys.stderr)
            return 1
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
