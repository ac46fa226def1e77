"""Where things are, resolved from the repository root so notebooks run from any folder."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
SCHEMA_FILE = DATA_DIR / "schema.csv"  # the codebook's machine-readable twin: part of the contract, not of the data
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
FIGURES_ENV = "STUDY_FIGURES_DIR"  # set by the render so charts are also written as files
