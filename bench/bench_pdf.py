"""What the guarded PDF opener costs (issue 12): a cold ``read_report`` read in this process,
in a forked child, and in a fresh interpreter, on every real report.

Usage: python bench/bench_pdf.py [REPORT.pdf ...]   (default: every PDF in
../shared/reference/reports and corpus). Each report is read cold (no cache) the three ways
in turn, ``--runs`` times (default 3), and the median of each is kept, so the three columns
are paired runs under the same load. Then the largest peak memory of a child that read a
report, against the memory budget, and what a 1 GB FlateDecode bomb does under the budget.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import carecite.reports.pdf as guard
from carecite.errors import SourceError
from carecite.reports.ingest import read_report
from carecite.reports.layout import read_pdfium

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"


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


def bomb_pdf(gigabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``gigabytes`` GB of spaces."""
    packer = zlib.compressobj(9)
    parts = [packer.compress(b"BT /F1 12 Tf 72 700 Td (Bomb) Tj ET\n")]
    spaces = b" " * (1 << 20)
    parts += [packer.compress(spaces) for _ in range(gigabytes << 10)]
    stream = b"".join([*parts, packer.flush()])
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


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
        bomb.write_bytes(bomb_pdf(2))
        seconds, outcome = timed(lambda: read_report(bomb, use_cache=False))
        size = bomb.stat().st_size >> 10
        print(f"a 2 GB FlateDecode bomb ({size} kB): {seconds:.2f} s, {outcome}")


if __name__ == "__main__":
    main()
