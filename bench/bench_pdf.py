"""What the guarded PDF opener costs (issue 12): a cold ``read_report`` read in this process,
in a forked child, and in a fresh interpreter, on every real report.

Usage: python bench/bench_pdf.py [REPORT.pdf ...]   (default: every PDF in
../shared/reference/reports and corpus). Each report is read cold (no cache) the three ways
in turn, ``--runs`` times (default 3), and the median of each is kept, so the three columns
are paired runs under the same load. Then the largest peak memory of a child that read a
report, against the memory budget, and what a 2 GB FlateDecode bomb does under the budget.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import carecite.reports.pdf as guard
from carecite.errors import SourceError
from carecite.reports.ingest import read_report
from carecite.reports.layout import read_pdfium

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "reference"
sys.path.insert(0, str(REPO))
from tests.pdfs import flate_bomb  # noqa: E402  (the tests' own builder of hostile PDFs)


def in_process(file: str | Path, data: bytes, *, pages: int | None = None) -> list[object]:
    """The opener as it was before the guard: PDFium in this process."""
    return list(read_pdfium(data, pages))


def cold_read(file: Path, mode: str) -> float:
    patches = {
        "here": mock.patch("carecite.reports.pdf.read_pdf_lines", in_process),
        "fork": mock.patch.object(guard, "_can_fork", lambda: True),
        "spawn": mock.patch.object(guard, "_can_fork", lambda: False),
    }
    with patches[mode]:
        start = time.perf_counter()
        read_report(file, use_cache=False)
        return time.perf_counter() - start


def timed(action: Callable[[], object]) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        action()
        outcome = "read"
    except SourceError as error:
        outcome = str(error)
    return time.perf_counter() - start, outcome


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("reports", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = args.reports or sorted(
        [*REFERENCE.glob("reports/*.pdf"), *REFERENCE.glob("corpus/*.pdf")]
    )
    modes = ("here", "fork", "spawn")
    totals = dict.fromkeys(modes, 0.0)
    print(f"{'report':46} {'pages':>5} {'in-process':>10} {'fork':>8} {'spawn':>8}")
    for file in files:
        times: dict[str, list[float]] = {mode: [] for mode in modes}
        for _ in range(args.runs):
            for mode in modes:
                times[mode].append(cold_read(file, mode))
        medians = {mode: statistics.median(times[mode]) for mode in modes}
        for mode in modes:
            totals[mode] += medians[mode]
        pages = len(read_pdfium(file.read_bytes()))
        print(
            f"{file.name:46} {pages:5} {medians['here'] * 1000:8.0f}ms "
            f"{medians['fork'] * 1000:6.0f}ms {medians['spawn'] * 1000:6.0f}ms"
        )
    count = len(files)
    print(
        f"{'mean of the medians, ' + str(count) + ' reports':46} {'':5} "
        f"{totals['here'] / count * 1000:8.0f}ms {totals['fork'] / count * 1000:6.0f}ms "
        f"{totals['spawn'] / count * 1000:6.0f}ms"
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss >> 10
    print(
        f"\nlargest peak memory of a child reading a real report: {peak} MB "
        f"(budget: {guard.MEMORY_LIMIT >> 20} MB more than the child starts with)"
    )
    with tempfile.TemporaryDirectory() as folder:
        bomb = Path(folder) / "bomb.pdf"
        bomb.write_bytes(flate_bomb(2 << 10))
        seconds, outcome = timed(lambda: read_report(bomb, use_cache=False))
        size = bomb.stat().st_size >> 10
        print(f"a 2 GB FlateDecode bomb ({size} kB): {seconds:.2f} s, {outcome}")


if __name__ == "__main__":
    main()
