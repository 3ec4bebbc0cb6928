"""How long the inspection history takes: the shipped dataset, the resolver, the commands.

    python bench/bench_history.py

Prints a table of medians over repeated runs: reading the shipped CSV (497 rows), building
the authority resolver, resolving a name, merging one authority's history with the shipped
bank, every authority's standing, the SVG plot, and the `history` and `authorities`
commands end to end as processes (bank and search caches warm).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def median_ms(work: Callable[[], object], runs: int = 30) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process_ms(*args: str, runs: int = 5) -> float:
    command = [sys.executable, "-m", "carecite", *args]
    subprocess.run(command, capture_output=True, check=True)  # warm the caches
    return median_ms(lambda: subprocess.run(command, capture_output=True, check=True), runs)


def main() -> None:
    from carecite.bank.load import load_bank
    from carecite.history.authorities import load_resolver
    from carecite.history.dataset import load_inspections
    from carecite.history.inspections import load_history, standings
    from carecite.history.plot import history_svg

    bank = load_bank(REPO / "quotes")
    dataset = load_inspections()
    resolver = load_resolver(dataset.authorities())
    hull = load_history("Hull", bank.sources)
    rows = [
        ("load_inspections (shipped CSV, 497 rows)", median_ms(load_inspections)),
        (
            "load_resolver (153 + 5 former authorities)",
            median_ms(lambda: load_resolver(dataset.authorities())),
        ),
        ("resolve 'LB Tower Hamlets'", median_ms(lambda: resolver.resolve("LB Tower Hamlets"))),
        ("resolve 'Maidenhead' (word match)", median_ms(lambda: resolver.resolve("Maidenhead"))),
        (
            "load_history('Tower Hamlets'), bank loaded",
            median_ms(lambda: load_history("Tower Hamlets", bank.sources)),
        ),
        ("standings: all 153 authorities", median_ms(lambda: standings(dataset, bank.sources))),
        ("history_svg (Hull)", median_ms(lambda: history_svg(hull))),
        ("`carecite history Hull`, process", process_ms("history", "Hull")),
        (
            "`carecite authorities --grade inadequate`, process",
            process_ms("authorities", "--grade", "inadequate"),
        ),
        ("`carecite --help`, process", process_ms("--help")),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"| {'measure'.ljust(width)} | median ms |")
    print(f"| {'-' * width} | --------- |")
    for name, ms in rows:
        print(f"| {name.ljust(width)} | {ms:9.2f} |")


if __name__ == "__main__":
    main()
