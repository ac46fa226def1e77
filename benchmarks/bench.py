"""Benchmark the study: the render against its floor, the data pipeline at scale, output weight.

    python benchmarks/bench.py [--runs 5] [--sizes 1000,10000,100000,1000000]

Writes benchmarks/results.json and prints a table. See benchmarks/README.md for how to read it.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "notebooks"))

from study.render import DEFAULT_JOBS, NOTEBOOKS  # noqa: E402

RESULTS = Path(__file__).with_name("results.json")
SCRATCH = Path(__file__).with_name(".scratch")
FLOOR_CELL = ("from study import analysis, changes, charts, factcheck, stated, story  # the same imports as the study's notebooks\n"
              "from study.data import load\nfrom study.text import Text")


def copy_repository(destination: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    for part in ("notebooks", "data", "reports"):
        shutil.copytree(ROOT / part, destination / part, ignore=ignore)
    return destination


def timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


FLOOR_SCRIPT = """
import asyncio, os, sys
{lean}
import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbformat.v4 import new_notebook, new_code_cell

async def one(i, limit, sockets):
    nb = new_notebook(cells=[new_code_cell({cell!r})])
    async with limit:
        manager = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=f"{{sockets}}/k{{i}}"{manager})
        client = NotebookClient(nb, km=manager, record_timing=False, extra_arguments={arguments!r},
                                resources={{"metadata": {{"path": sys.argv[1]}}}})
        try:
            await client.async_execute()
        finally:
            await manager.shutdown_kernel(now=True)

async def main():
    import tempfile
    limit = asyncio.Semaphore({jobs})
    with tempfile.TemporaryDirectory() as sockets:
        await asyncio.gather(*(one(i, limit, sockets) for i in range({count})))

asyncio.run(main())
"""
# The economies the render makes in its own runner and kernels (study/render.py), for the lean floor:
# no IRI grammar in jsonschema, kernels without input history, clients ready as soon as the kernel answers.
LEAN_PREAMBLE = ("sys.modules['rfc3987_syntax'] = None  # as render.without_the_iri_grammar\n"
                 "from study.render import prompt_client_class")
LEAN_ARGUMENTS = ["--HistoryManager.enabled=False"]
LEAN_MANAGER = ", client_factory=prompt_client_class()"


def floor_and_render(runs: int) -> dict:
    """Median seconds of the floor and of the render, measured in the same run, interleaved.

    The floor, as the benchmark's brief defines it: an empty notebook with the same kernel and the
    same imports, executed once per notebook the study renders, one after another. Two stricter
    floors are reported beside it: the same notebooks run as concurrently as the render runs its
    own, and the same notebooks run one after another with the economies the render makes in its
    own runner (no IRI grammar in jsonschema, kernels without input history, kernel clients ready
    without jupyter_client's extra wait), so that the render's own cost above the floor is seen whole.
    """
    with tempfile.TemporaryDirectory() as folder:
        repository = copy_repository(Path(folder))
        env = dict(os.environ, PYTHONPATH=str(repository / "notebooks"))
        commands = {}
        for name, jobs, lean, arguments, manager in (
                ("floor", 1, "", [], ""), ("floor_concurrent", DEFAULT_JOBS, "", [], ""),
                ("floor_lean", 1, LEAN_PREAMBLE, LEAN_ARGUMENTS, LEAN_MANAGER)):
            script = Path(folder) / f"{name}.py"
            script.write_text(FLOOR_SCRIPT.format(cell=FLOOR_CELL, count=len(NOTEBOOKS), jobs=jobs, lean=lean,
                                                  arguments=arguments, manager=manager))
            commands[name] = [sys.executable, str(script), str(repository / "notebooks")]
        commands["render"] = [sys.executable, "-m", "study.render"]
        timed(commands["floor"], repository / "notebooks", env)  # warm the disk cache
        times = {name: [] for name in commands}
        for run in range(runs):
            for name, command in commands.items():
                times[name].append(timed(command, repository / "notebooks", env))
            print(f"  run {run + 1}/{runs}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items()), flush=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {"notebooks": len(NOTEBOOKS), "jobs": DEFAULT_JOBS,
            "floor_s": round(medians["floor"], 2), "floor_concurrent_s": round(medians["floor_concurrent"], 2),
            "floor_lean_s": round(medians["floor_lean"], 2),
            "render_s": round(medians["render"], 2), "ratio": round(medians["render"] / medians["floor"], 2),
            "ratio_to_concurrent_floor": round(medians["render"] / medians["floor_concurrent"], 2),
            "ratio_to_lean_floor": round(medians["render"] / medians["floor_lean"], 2),
            "runs": {name: [round(x, 2) for x in values] for name, values in times.items()}}


SCALE_SCRIPT = """
import resource, sys, time
sys.path.insert(0, sys.argv[2])
started = time.perf_counter()
import pandas as pd
from study import analysis, data
import matplotlib.pyplot as plt
imported = time.perf_counter()
study = data.load(sys.argv[1])
loaded = time.perf_counter()
days = analysis.strike_days(study.record)
steps = analysis.strike_rate_steps(study.record)
monthly = days.groupby(days["as_of"].dt.to_period("M"))["value"].sum()
derived = time.perf_counter()
fig, ax = plt.subplots()
ax.plot(monthly.index.to_timestamp(), monthly.to_numpy())
ax.step(steps["start"], steps["per_day"], where="post")
fig.savefig(sys.argv[1] + "/chart.png", dpi=100)
charted = time.perf_counter()
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(study.record), imported - started, loaded - imported, derived - loaded, charted - derived, peak_kib)
"""


def synthetic_record(rows: int, folder: Path) -> None:
    """Daily strike records (dates, places, counts) and monthly official totals, after the real record.

    The real rows stay so that the article's references into the record still resolve.
    """
    import numpy as np
    import pandas as pd

    real = pd.read_csv(ROOT / "data" / "official_record.csv", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(2017)
    start = pd.Timestamp("2014-08-08")
    monthly_totals = 12 * 6
    days = rows - monthly_totals - len(real)
    dates = start + pd.to_timedelta(np.sort(rng.integers(0, 6 * 365, days)), unit="D")
    places = np.array(["Raqqa", "Mosul", "Deir ez-Zor", "Tal Afar", "Al-Bukamal", "Rawa", "Hajin", "Baghuz"])
    scope = np.where(rng.random(days) < 0.5, "Iraq", "Syria")
    daily = pd.DataFrame({
        "id": [f"X{i}" for i in range(days)], "as_of": dates.strftime("%Y-%m-%d"), "period_start": "",
        "value": rng.integers(0, 60, days), "unit": "strikes", "qualifier": "exact", "kind": "day",
        "scope": scope, "country": "", "series": "cjtf-oir-strike-release", "derived": "no",
        "stated_by": "CJTF-OIR strike release", "publisher": "US Department of Defense", "confidence": "high",
        "url": "https://example.org/release", "published": "", "note": "near " + places[rng.integers(0, 8, days)],
        "reference_id": "", "use": "yes", "use_note": ""})
    ends = pd.date_range("2014-08-31", periods=monthly_totals, freq="ME")
    totals = pd.DataFrame({
        "id": [f"T{i}" for i in range(monthly_totals)], "as_of": ends.strftime("%Y-%m-%d"), "period_start": "2014-08-08",
        "value": np.cumsum(rng.integers(100, 1500, monthly_totals)), "unit": "strikes", "qualifier": "exact",
        "kind": "cumulative", "scope": "Iraq+Syria", "country": "", "series": "",
        "derived": "no", "stated_by": "CJTF-OIR monthly report", "publisher": "CJTF-OIR", "confidence": "high",
        "url": "https://example.org/report", "published": "", "note": "", "reference_id": "", "use": "yes",
        "use_note": ""})
    totals["series"] = "other-estimate"  # a series with no confident totals of its own in the real record
    pd.concat([real, totals, daily]).to_csv(folder / "official_record.csv", index=False)


def at_scale(sizes: list[int]) -> list[dict]:
    results = []
    SCRATCH.mkdir(exist_ok=True)
    script = SCRATCH / "scale.py"
    script.write_text(SCALE_SCRIPT)
    for rows in sizes:
        folder = SCRATCH / f"data-{rows}"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(ROOT / "data", folder)
        synthetic_record(rows, folder)
        out = subprocess.run([sys.executable, str(script), str(folder), str(ROOT / "notebooks")], check=True,
                             capture_output=True, text=True).stdout.split()
        count, imports, load, derive, chart, peak_kib = int(out[0]), *map(float, out[1:])
        results.append({"rows": count, "imports_s": round(imports, 3), "load_validate_s": round(load, 3),
                        "derive_s": round(derive, 3), "chart_s": round(chart, 3),
                        "pipeline_s": round(load + derive + chart, 3), "peak_mib": round(peak_kib / 1024, 1),
                        "csv_mib": round((folder / "official_record.csv").stat().st_size / 2**20, 1)})
        print(f"  {count:>9,} rows: load+validate {load:.2f} s, derive {derive:.2f} s, chart {chart:.2f} s, "
              f"peak {peak_kib / 1024:.0f} MiB", flush=True)
        shutil.rmtree(folder)
    shutil.rmtree(SCRATCH)
    return results


def output_weight() -> dict:
    reports = ROOT / "reports"
    pages = {p.name: p.stat().st_size for p in sorted(reports.glob("*.html"))}
    editions = {"en": sum(v for k, v in pages.items() if not k.endswith(".ar.html")),
                "ar": sum(v for k, v in pages.items() if k.endswith(".ar.html"))}
    figures = {str(p.relative_to(reports)): p.stat().st_size for p in sorted((reports / "figures").rglob("*.*"))}
    return {"html_bytes": pages, "edition_bytes": editions, "figure_bytes": figures}


def test_suite() -> dict:
    """`make test`'s suite, once: its wall time beside the render's (target: within 9 renders' time)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-200:]
    return {"seconds": round(seconds, 1), "summary": summary, "exit_status": result.returncode}


def machine() -> dict:
    return {"python": platform.python_version(), "system": platform.platform(), "processor": platform.machine(),
            "cores": os.cpu_count()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)  # the render's time varies more than the floor's
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    args = parser.parse_args()
    print(f"Render against its floor, median of {args.runs} runs:", flush=True)
    render = floor_and_render(args.runs)
    print("Data pipeline at scale (load, validate, derive, one chart), each size in a fresh process:", flush=True)
    scale = at_scale([int(s) for s in args.sizes.split(",")])
    weight = output_weight()
    print("The test suite (make test), once:", flush=True)
    suite = test_suite()
    results = {"machine": machine(), "render": render, "scale": scale, "output": weight, "test_suite": suite}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")

    print("\n| measure | result | target |\n|---|---|---|")
    print(f"| floor: {render['notebooks']} empty notebooks, same kernel and imports, one after another "
          f"| {render['floor_s']:.2f} s | |")
    print(f"| the same {render['notebooks']} empty notebooks, {render['jobs']} at a time | "
          f"{render['floor_concurrent_s']:.2f} s | |")
    print(f"| the same {render['notebooks']} empty notebooks, one after another, with the render's economies "
          f"| {render['floor_lean_s']:.2f} s | |")
    print(f"| full render, both editions | {render['render_s']:.2f} s: {render['ratio']:.2f}x the floor, "
          f"{render['ratio_to_concurrent_floor']:.2f}x the concurrent floor, "
          f"{render['ratio_to_lean_floor']:.2f}x the lean floor | 1.2x floor |")
    for row in scale:
        print(f"| {row['rows']:,} rows: load + validate + derive + chart | {row['pipeline_s']:.2f} s, "
              f"{row['peak_mib']:.0f} MiB peak | 1M rows: 3 s, 1 GiB |")
    for lang, size in weight["edition_bytes"].items():
        print(f"| HTML edition '{lang}' | {size / 1e6:.2f} MB | 2 MB |")
    print(f"| make test ({suite['summary']}) | {suite['seconds']:.0f} s, "
          f"{suite['seconds'] / render['render_s']:.1f}x a render | 9 renders |")
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
