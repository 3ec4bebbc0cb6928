"""Cold ingest per page against ``pdftotext -layout`` on the same file (issue 14, item 8).

Usage: python bench/bench_ingest.py [REPORT.pdf ...]   (default: a SIF and an ILACS report
from ../shared/reference/corpus). Prints a table: pages, pdftotext ms/page, PDFium line
reading ms/page, full cold ``read_report`` ms/page (no cache), and the ratio to pdftotext.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from carecite.reports.importer import import_report
from carecite.reports.ingest import read_report
from carecite.reports.layout import read_lines

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "reference" / "corpus"
DEFAULT = ["ofsted-rochdale-2014-12-05.pdf", "ofsted-liverpool-2026-07-07.pdf"]
THEMES = Path(__file__).resolve().parents[1] / "quotes" / "themes.yaml"


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or [CORPUS / name for name in DEFAULT]
    print(f"{'report':44} {'pages':>5} {'pdftotext':>10} {'pdfium':>8} {'ingest':>8} {'ratio':>6}")
    for file in files:
        data = file.read_bytes()
        pages = len(read_lines(data))
        poppler = best_of(5, lambda f=file: subprocess.run(
            ["pdftotext", "-layout", str(f), "-"], check=True, capture_output=True
        ))  # fmt: skip
        lines = best_of(5, lambda d=data: read_lines(d))
        ingest = best_of(5, lambda f=file: read_report(f, use_cache=False))
        print(
            f"{file.name:44} {pages:5} {poppler / pages * 1000:8.1f}ms "
            f"{lines / pages * 1000:6.1f}ms {ingest / pages * 1000:6.1f}ms {ingest / poppler:5.1f}x"
        )


def cold_import(file: Path) -> float:
    """Seconds for ``import_report`` (dry run) with an empty ingest cache and a new bank."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ["CARECITE_CACHE"] = str(Path(folder) / "cache")
        bank = Path(folder) / "bank"
        bank.mkdir()
        shutil.copyfile(THEMES, bank / "themes.yaml")
        start = time.perf_counter()
        import_report(file, bank, dry_run=True)
        return time.perf_counter() - start


if __name__ == "__main__":
    main()
    print()
    print(f"{'import (cold, dry run)':44} {'pages':>5} {'seconds':>8}")
    for name in ["ofsted-devon-2015-05-12.pdf", "ofsted-kensington-and-chelsea-2016-03-29.pdf"]:
        file = CORPUS / name
        seconds = min(cold_import(file) for _ in range(3))
        print(f"{name:44} {len(read_lines(file.read_bytes())):5} {seconds:8.2f}")
