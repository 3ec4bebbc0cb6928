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

from report import Context, Row, Skipped, paired, run_process

from carecite.reports.importer import import_report
from carecite.reports.ingest import read_report
from carecite.reports.layout import read_pdfium

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
        pages = len(read_pdfium(data))
        poppler = best_of(5, lambda f=file: subprocess.run(
            ["pdftotext", "-layout", str(f), "-"], check=True, capture_output=True
        ))  # fmt: skip
        lines = best_of(5, lambda d=data: read_pdfium(d))
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


def rows(context: Context) -> list[Row]:
    """The report's ingest rows: cold ``read_report`` per page against ``pdftotext -layout``.

    carecite's figure is a call inside a warm process (no ingest cache), pdftotext's a
    process: the table says so beside the ratio. Target: 5x.
    """
    figure = "ingest per page, cold"
    if not CORPUS.is_dir() or shutil.which("pdftotext") is None:
        reason = "pdftotext is not installed" if CORPUS.is_dir() else f"no corpus at {CORPUS}"
        context.skipped.append(Skipped("ingest", figure, reason))
        return []
    found = []
    for name in DEFAULT:
        file = CORPUS / name
        pages = len(read_pdfium(file.read_bytes()))

        def ingest(file: Path = file, pages: int = pages) -> float:
            started = time.perf_counter()
            read_report(file, use_cache=False)
            return (time.perf_counter() - started) / pages * 1000

        def poppler(file: Path = file, pages: int = pages) -> float:
            command = ["pdftotext", "-layout", str(file), os.devnull]
            return run_process(command).wall / pages * 1000

        ours, theirs = paired(ingest, poppler, context.runs)
        found.append(
            Row(
                section="ingest",
                figure=f"{figure}, {name} ({pages} pages)",
                value=ours,
                unit="ms/page",
                how="in-process",
                baseline="pdftotext -layout",
                baseline_value=theirs,
                baseline_how="process",
                target=5.0,
            )
        )
    return found


if __name__ == "__main__":
    main()
    print()
    print(f"{'import (cold, dry run)':44} {'pages':>5} {'seconds':>8}")
    for name in ["ofsted-devon-2015-05-12.pdf", "ofsted-kensington-and-chelsea-2016-03-29.pdf"]:
        file = CORPUS / name
        seconds = min(cold_import(file) for _ in range(3))
        print(f"{name:44} {len(read_pdfium(file.read_bytes())):5} {seconds:8.2f}")
