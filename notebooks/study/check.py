"""Check a folder of data files against the codebook, without rendering anything.

    python -m study.check [FOLDER]      (default: the repository's data/)

Says so and exits 0 when the data is sound; otherwise prints the located list of problems and a
hint, as `make report` and the notebooks show them, and exits 1. The render runs it in a
process of its own, so the data is checked while the render gets its notebook tools ready.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .data import load
from .validate import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m study.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", help="folder of CSVs with the layout of data/ (default: data/)")
    args = parser.parse_args(argv)
    folder = Path(args.folder).resolve() if args.folder else None  # from where the command was run
    if folder is not None and not folder.is_dir():
        print(f"data folder not found: {args.folder}", file=sys.stderr)
        return 1
    try:
        data = load(folder)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"{data.folder}: every file meets the codebook (fingerprint {data.fingerprint}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
