"""`make fuzz`: a long random search for inputs the loader mishandles.

    .venv/bin/python tests/fuzz.py [--examples N] [property ...]

Runs each property of tests/test_properties.py under the Hypothesis profile "fuzz" (10,000
random examples a property unless --examples says otherwise; see tests/conftest.py). An input
that fails a property is kept as a new case, tests/data_cases/bad/fuzz-<hash>/, so that
`make test` tries it from then on: the article_figures.csv the property wrote, a README.md
saying what it is, and expected.txt with the problems load() reports for it now. If load()
crashed or accepted the input, expected.txt holds a line that fails the case until someone
writes the message it should give. Exits 1 if any property failed.
"""
from __future__ import annotations

import argparse
import hashlib
import inspect
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS), str(TESTS.parent / "notebooks")]
os.environ["HYPOTHESIS_PROFILE"] = "fuzz"  # conftest loads it as it is imported

import conftest  # noqa: E402
from hypothesis import settings  # noqa: E402
from study.data import load  # noqa: E402
from study.validate import DataError  # noqa: E402

FIXME = "FIXME: {what}; write the message load() should give in place of this line"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=settings().max_examples,
                        help="examples a property (default: %(default)s)")
    parser.add_argument("only", nargs="*", metavar="property", help="run only these properties (default: all)")
    args = parser.parse_args()
    settings.register_profile("fuzz-run", settings.get_profile("fuzz"), max_examples=args.examples)
    settings.load_profile("fuzz-run")
    import test_properties  # only now: a test's settings are fixed when its module is imported

    properties = [(name, test) for name, test in vars(test_properties).items()
                  if hasattr(test, "hypothesis") and (not args.only or name in args.only)]
    failed = 0
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name) / "data"
        shutil.copytree(conftest.ROOT / "data", scratch)
        for number, (name, test) in enumerate(properties, 1):
            print(f"property {number}/{len(properties)}: {name} …", end=" ", flush=True)
            run = Run(test, scratch)
            if run.error is None:
                print(f"{run.examples} examples, no failure ({run.seconds:.0f} s)", flush=True)
                continue
            failed += 1
            message = str(run.error).split("\n", 1)[0][:200]
            print(f"FAILED after {run.examples} examples ({run.seconds:.0f} s): {type(run.error).__name__}: {message}",
                  flush=True)
            if run.uses_files:  # Hypothesis runs the smallest failing example last: the file holds it
                keep(name, (scratch / "article_figures.csv").read_bytes(), run.error)
    return 1 if failed else 0


class Run:
    """One property run to its end: the examples it tried, how long it took, the error it failed with."""

    def __init__(self, test, scratch: Path):
        self.examples, self.error, inner = 0, None, test.hypothesis.inner_test
        self.uses_files = "scratch" in inspect.signature(test).parameters

        def counted(*args, **kwargs):
            self.examples += 1
            return inner(*args, **kwargs)

        test.hypothesis.inner_test = counted
        started = time.perf_counter()
        try:
            test(scratch) if self.uses_files else test()
        except Exception as error:  # the property's own failure, as Hypothesis raises it again
            self.error = error
        self.seconds = time.perf_counter() - started


def keep(name: str, raw: bytes, error: BaseException) -> None:
    """Write the failing input as a case under tests/data_cases/bad/, with the message load() gives."""
    case = conftest.CASES / "bad" / f"fuzz-{hashlib.sha256(raw).hexdigest()[:8]}"
    if case.exists():
        print(f"  the input is already a case: {os.path.relpath(case, conftest.ROOT)}")
        return
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name) / "data"
        shutil.copytree(conftest.ROOT / "data", folder)
        (folder / "article_figures.csv").write_bytes(raw)
        try:
            load(folder)
            expected, verdict = [FIXME.format(what="load() accepted this input")], "load() accepts it"
        except DataError as data_error:
            crash = next((p.cause for p in data_error.problems if p.cause), None)
            if crash:
                first_line = str(crash).split("\n", 1)[0][:200]
                expected = [FIXME.format(what=f"load() crashed with {type(crash).__name__}: {first_line}")]
                verdict = f"load() crashes with {type(crash).__name__}"
            else:
                expected = [str(p).replace(str(folder), "{folder}") for p in data_error.problems]
                verdict = "load() reports the problems in expected.txt"
    case.mkdir()
    (case / "article_figures.csv").write_bytes(raw)
    shown = repr(raw) if len(raw) <= 300 else f"{raw[:300]!r}..."
    (case / "README.md").write_text(
        f"found by `make fuzz` on {date.today():%Y-%m-%d}: the property {name} failed with "
        f"{type(error).__name__} on an article_figures.csv of {len(raw)} bytes:\n\n    {shown}\n\n"
        f"{verdict}.\n", encoding="utf-8")
    (case / "expected.txt").write_text("\n".join(expected) + "\n", encoding="utf-8")
    print(f"  kept as {os.path.relpath(case, conftest.ROOT)}: {verdict}")
    if expected[0].startswith("FIXME"):
        print("  its expected.txt holds a FIXME line: the case fails until the right message is written there")
    else:
        print("  check that expected.txt says what is wrong: it holds what load() says today")


if __name__ == "__main__":
    sys.exit(main())
