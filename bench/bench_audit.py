"""Benchmark: `carecite audit` of the example skeleton argument, as a process, as the bank grows.

Run: ``python bench/bench_audit.py [--reports DIR] [--sizes 10000 100000]``. Prints a table;
not a test. Target: a warm ``carecite audit`` of the example skeleton argument (the Norfolk
case's) under 0.4 s, a cost that does not grow with the bank (candidates come from the
search index, not a scan).

For each bank — the shipped one, then synthetic banks of the sizes asked (``make_bank.py``,
which keeps the shipped sources, so the skeleton's quotations are found among the others) —
it renders the skeleton once, warms the search cache and the ingest cache with one run,
then times five runs of the console script (wall clock, median) and reads the peak memory of
one. For comparison, in the same process and per quotation, it times what the audit did
before: a RapidFuzz ``partial_ratio`` scan of every passage to choose the candidate — for
the quotations as written and with their last word edited.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import REPO, Context, Measure, Row, Skipped, run_process

HERE = Path(__file__).resolve().parent
RUNS = 5


def run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def peak_mb(args: list[str], env: dict[str, str]) -> float:
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *args], env=env, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


def scan_per_quotation(bank_dir: Path, quotes: list[str]) -> float:
    """The old candidate search: every passage scored against each quotation (ms each)."""
    from rapidfuzz import fuzz, process, utils

    from carecite.bank.load import load_bank

    passages = list(load_bank(bank_dir).passages.values())
    choices = [utils.default_process(p.text) for p in passages]
    start = time.perf_counter()
    for quote in quotes:
        process.extractOne(
            utils.default_process(quote), choices, scorer=fuzz.partial_ratio, score_cutoff=70
        )
    return (time.perf_counter() - start) * 1000 / len(quotes)


def index_per_quotation(bank_dir: Path, quotes: list[str]) -> float:
    """The audit's candidate search: one FTS5 query per quotation (ms each)."""
    from carecite.search.index import open_index

    index = open_index(bank_dir)
    start = time.perf_counter()
    for quote in quotes:
        index.passages(index.passages_sharing_words(quote))
    elapsed = time.perf_counter() - start
    index.close()
    return elapsed * 1000 / len(quotes)


def measure(bank_dir: Path, draft: Path, reports: Path, quotes: list[str]) -> dict[str, str]:
    # RapidFuzz's extractOne stops at a perfect score, so an exact quotation of a passage
    # early in the bank is cheap to scan for; an edited one (what the audit is for) is not.
    edited = [" ".join([*q.split()[:-1], "purple"]) for q in quotes]
    env = dict(os.environ, CARECITE_BANK=str(bank_dir))
    script = str(Path(sys.executable).with_name("carecite"))
    args = [script, "audit", str(draft), "--reports", str(reports)]
    run(args, env)  # warm: builds the search cache, ingests the report
    times = sorted(run(args, env) for _ in range(RUNS))
    count = sum(1 for _ in bank_dir.glob("*.yaml"))
    return {
        "bank files": str(count),
        "carecite audit, warm, median": f"{statistics.median(times):.2f} s",
        "carecite audit, warm, fastest": f"{times[0]:.2f} s",
        "peak memory": f"{peak_mb(args, env):.0f} MB",
        "candidates per quotation, FTS": f"{index_per_quotation(bank_dir, quotes):.1f} ms",
        "candidates per quotation, scan": f"{scan_per_quotation(bank_dir, quotes):.1f} ms",
        "same, one word edited, FTS": f"{index_per_quotation(bank_dir, edited):.1f} ms",
        "same, one word edited, scan": f"{scan_per_quotation(bank_dir, edited):.1f} ms",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=REPO.parent / "shared/reference/reports")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000])
    options = parser.parse_args()

    from carecite.bank.load import load_bank
    from carecite.draft.case import load_case
    from carecite.draft.render import render_draft
    from carecite.draft.write.docx import write_docx
    from carecite.resources import shipped_dir

    work = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    os.environ["CARECITE_CACHE"] = str(work / "cache")
    shipped = shipped_dir("quotes")
    bank = load_bank(shipped)
    rendered = render_draft(
        "skeleton-argument", load_case(REPO / "examples/re-c-norfolk.yaml", bank), bank
    )
    draft = write_docx(rendered.markdown, work / "skeleton.docx")
    quotes = list(rendered.quotations)
    columns = {
        f"shipped ({len(bank.passages):,})": measure(shipped, draft, options.reports, quotes)
    }
    for size in options.sizes:
        folder = work / f"bank-{size}"
        subprocess.run(
            [sys.executable, str(HERE / "make_bank.py"), str(size), str(folder)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        columns[f"{size:,} + shipped"] = measure(folder, draft, options.reports, quotes)
    rows = list(next(iter(columns.values())))
    widths = [max(len(r) for r in rows), *(max(len(c), 10) for c in columns)]
    print(f"{len(quotes)} quotations in the skeleton; {RUNS} runs each\n")
    print(
        "| "
        + " | ".join(h.ljust(w) for h, w in zip(["measure", *columns], widths, strict=True))
        + " |"
    )
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for row in rows:
        cells = [row, *(column[row] for column in columns.values())]
        print("| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |")


def rows(context: Context) -> list[Row]:
    """The report's audit rows: a warm ``carecite audit`` of the README skeleton, as a process.

    In the shipped bank, then in the synthetic banks of the run's sizes up to 100,000 (which
    hold the shipped sources among the others). Target: 0.4 s.
    """
    reports = REPO.parent / "shared" / "reference" / "reports"
    figure = "carecite audit of the README skeleton, warm"
    if not reports.is_dir():
        context.skipped.append(
            Skipped("audit", figure, f"the reference reports are not at {reports}")
        )
        return []
    draft = context.work / "audit" / "skeleton.docx"
    draft.parent.mkdir(parents=True, exist_ok=True)
    example = str(REPO / "examples" / "re-c-norfolk.yaml")
    carecite = [sys.executable, "-m", "carecite"]
    run_process(
        [*carecite, "draft", "skeleton-argument", example, "-o", str(draft), "--force"],
        context.env(),
    )
    banks = {"shipped bank": REPO / "quotes"}
    banks |= {
        f"{size:,} passages + shipped": context.bank(size)
        for size in context.sizes
        if size in (10_000, 100_000)
    }
    found = []
    for name, bank in banks.items():
        env = context.env(CARECITE_BANK=str(bank))
        audit = [*carecite, "audit", str(draft), "--reports", str(reports)]
        run_process(audit, env)  # warm: builds the search cache, ingests the report
        costs = [run_process(audit, env) for _ in range(context.runs)]
        found.append(
            Row(
                section="audit",
                figure=f"{figure}, {name}",
                value=Measure.of([c.wall for c in costs]),
                unit="s",
                how="process",
                target=0.4,
                note=f"CPU {statistics.median(c.cpu for c in costs):.2f} s, "
                f"peak {max(c.peak_mb for c in costs):.0f} MB",
            )
        )
    return found


if __name__ == "__main__":
    main()
