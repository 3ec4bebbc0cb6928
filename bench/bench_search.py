"""Benchmark ``search_passages`` at 1k, 10k and 100k passages against brute-force RapidFuzz.

    python bench/bench_search.py [--sizes 1000 10000 100000] [--work /tmp/carecite-bench]

For each size a synthetic bank (``make_bank.py``, with the shipped files inside it) is
written once under ``--work``; each size is then measured in its own process, so peak
memory (``resource.getrusage``) belongs to that size alone. Reported:

- index build time (fresh cache), and the rebuild after one source file changes;
- warm in-process query latency, median and p95, over QUERIES (30, misspellings too), and
  over PARAPHRASES (the queries in a lawyer's words that bench_paraphrase.py scores), with
  and without the thesaurus;
- end-to-end ``carecite search`` run as a subprocess with a warm cache (median of 5);
- the brute force a user would script: load the YAML with ``load_bank``, then
  ``rapidfuzz.process.extract`` (WRatio, corpus pre-processed once) over every passage;
- relevance of both on LABELLED: how many expected passages come in the top k.

This prints tables; it is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

QUERIES = [
    "management oversight",
    "managment oversite",
    "safegaurding",
    "drift in care proceedings",
    "caseloads too high",
    "widespread and serious failures",
    "return home interviews missing children",
    "agency staff turnover",
    "chief executive scrutiny",
    "LSCB inadequate",
    "private fostering arrangements",
    "privat fostring",
    "strategy discussions",
    "threshold decisions inconsistent",
    "thresholds inconsistant",
    "pathway plans care leavers",
    "personal advisors",
    "child sexual exploitation",
    "county lines gangs",
    "independant reviewing officers",
    "early help offer",
    "public law outline pre-proceedings",
    "placement stability",
    "adoption timeliness",
    "elected members scrutiny",
    "performance data unreliable",
    "supervison not reflective",
    "tower hamlets management oversight",
    "children",
    "quality of assessments",
]

# (query, passage id that must come in the top k, k): from tests/test_search_relevance.py.
LABELLED = [
    ("widespread and serious failures", "th17-exec-widespread-failures", 1),
    ("weak managerial oversight at all levels", "th17-hp-summary-weak-managerial-oversight", 1),
    ("LSCB inadequate", "th17-lscb-inadequate", 3),
    ("lost contact with care leavers", "nf15-exec-care-leavers-lost-contact", 3),
    ("unregistered children's homes", "th25-p31-unregistered-homes", 1),
    ("chief executive and politicians did not know", "th17-exec-insufficient-scrutiny", 1),
    ("managment oversite", "th19-p11-management-oversight", 3),
    ("retun home intervews streamlined", "th19-p15-return-home-interviews", 1),
    ("adoption disrupsions", "nf15-adoption-disruptions", 1),
    ("widesprad and serius failures", "th17-exec-widespread-failures", 1),
    ("timely PLO processes", "th17-rec11-plo", 3),
    ("MASH management oversight", "nf15-rec-mash-management-oversight", 1),
    ("tower hamlets private fostering", "th17-hp-summary-private-fostering", 3),
    ("homeless 16 and 17 year olds", "nf23-lead-homeless-assurance", 1),
]


PARAPHRASES = [
    row["query"]
    for row in yaml.safe_load(
        (HERE.parent / "tests" / "search" / "paraphrase_queries.yaml").read_text(encoding="utf-8")
    )["queries"]
]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(size: int, work: Path) -> dict[str, object]:
    """Every figure for one bank size, measured in this process."""
    bank = work / f"bank-{size}"
    if not bank.is_dir():
        subprocess.run(
            [sys.executable, str(HERE / "make_bank.py"), str(size), str(bank)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=work))
    os.environ["CARECITE_CACHE"] = str(cache)
    from carecite.search.index import open_index
    from carecite.search.query import search_passages

    started = time.perf_counter()
    index = open_index(bank)
    build = time.perf_counter() - started
    passages = index.passage_count()
    index.close()

    search_passages(bank, "warm up")
    latencies = []
    for _ in range(3):
        for query in QUERIES:
            started = time.perf_counter()
            search_passages(bank, query)
            latencies.append(time.perf_counter() - started)

    # Queries in a lawyer's words: most name thesaurus concepts, so each looks for more
    # phrasings than the words typed (tests/search/paraphrase_queries.yaml).
    # The same without the thesaurus (expand=False), interleaved so both see the same load.
    paraphrased: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(3):
        for query in PARAPHRASES:
            for expand in (True, False):
                started = time.perf_counter()
                search_passages(bank, query, expand=expand)
                paraphrased[expand].append(time.perf_counter() - started)

    end_to_end = []
    env = {**os.environ, "CARECITE_BANK": str(bank)}
    for query in QUERIES[:5]:
        started = time.perf_counter()
        subprocess.run(
            ["carecite", "search", query, "--limit", "10"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        end_to_end.append(time.perf_counter() - started)
    # A forked child starts with this process's peak memory, so a small launcher runs it.
    launcher = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
        "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    launched = subprocess.run(
        [sys.executable, "-c", launcher, "carecite", "search", QUERIES[0]],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    cli_peak_kb = int(launched.stdout.split()[-1])

    # One source file changes: a passage's text is edited.
    victim = sorted(bank.glob("synthetic-*.yaml"))[len(list(bank.glob("synthetic-*.yaml"))) // 2]
    original = victim.read_text(encoding="utf-8")
    victim.write_text(original.replace("Inspectors", "The inspectors", 1), encoding="utf-8")
    try:
        started = time.perf_counter()
        index = open_index(bank)
        rebuild = time.perf_counter() - started
        rebuilt = index.rebuilt
        index.close()
    finally:
        victim.write_text(original, encoding="utf-8")
    open_index(bank).close()

    ours_labelled, ours_found = [], 0
    for query, expected, rank in LABELLED:
        started = time.perf_counter()
        hits = search_passages(bank, query, limit=10)
        ours_labelled.append(time.perf_counter() - started)
        ours_found += expected in [h.passage.id for h in hits[:rank]]
    ours_peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    brute = brute_force(bank)
    return {
        "passages": passages,
        "build_s": round(build, 2),
        "rebuild_one_file_s": round(rebuild, 2),
        "rebuilt": rebuilt,
        "query_median_ms": _ms(statistics.median(latencies)),
        "query_p95_ms": _ms(_p95(latencies)),
        "paraphrase_median_ms": _ms(statistics.median(paraphrased[True])),
        "paraphrase_p95_ms": _ms(_p95(paraphrased[True])),
        "words_only_median_ms": _ms(statistics.median(paraphrased[False])),
        "words_only_p95_ms": _ms(_p95(paraphrased[False])),
        "labelled_median_ms": _ms(statistics.median(ours_labelled)),
        "cli_median_s": round(statistics.median(end_to_end), 3),
        "cli_peak_mb": round(cli_peak_kb / 1024),
        "search_peak_mb": round(ours_peak_kb / 1024),
        "relevance": f"{ours_found}/{len(LABELLED)}",
        **brute,
    }


def brute_force(bank: Path) -> dict[str, object]:
    """What a user would script: load the YAML, fuzzy-match every passage text."""
    from rapidfuzz import fuzz, process, utils

    from carecite.bank.load import load_bank

    started = time.perf_counter()
    loaded = load_bank(bank)
    load = time.perf_counter() - started
    ids = list(loaded.passages)
    corpus = [utils.default_process(p.text) for p in loaded.passages.values()]
    figures: dict[str, object] = {"brute_load_s": round(load, 2)}
    for name, scorer in (("", fuzz.WRatio), ("_tsr", fuzz.token_set_ratio)):
        latencies, found = [], 0
        for query, expected, rank in LABELLED:
            started = time.perf_counter()
            best = process.extract(
                utils.default_process(query), corpus, scorer=scorer, processor=None, limit=10
            )
            latencies.append(time.perf_counter() - started)
            found += expected in [ids[i] for _, _, i in best[:rank]]
        figures[f"brute{name}_median_ms"] = _ms(statistics.median(latencies))
        figures[f"brute{name}_relevance"] = f"{found}/{len(LABELLED)}"
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "carecite-bench")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.worker:
        print(json.dumps(measure(args.worker, args.work)))
        return
    results = []
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--worker", str(size), "--work", str(args.work)],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"measured {size}", file=sys.stderr)
    print_tables(results)


def print_tables(results: list[dict[str, object]]) -> None:
    rows = [
        ("passages in bank", "passages", ""),
        ("index build, fresh cache", "build_s", "s"),
        ("rebuild after one file changes", "rebuild_one_file_s", "s"),
        ("warm query, median (30 queries)", "query_median_ms", "ms"),
        ("warm query, p95", "query_p95_ms", "ms"),
        (f"paraphrase query, median ({len(PARAPHRASES)})", "paraphrase_median_ms", "ms"),
        ("paraphrase query, p95", "paraphrase_p95_ms", "ms"),
        ("same, words only (expand=False), median", "words_only_median_ms", "ms"),
        ("same, words only, p95", "words_only_p95_ms", "ms"),
        ("`carecite search`, warm cache", "cli_median_s", "s"),
        ("peak memory, `carecite search`", "cli_peak_mb", "MB"),
        ("peak memory, build + queries in-process", "search_peak_mb", "MB"),
        ("FTS: labelled queries, median", "labelled_median_ms", "ms"),
        ("brute force: load YAML", "brute_load_s", "s"),
        ("brute force WRatio: query, median", "brute_median_ms", "ms"),
        ("brute force WRatio ÷ FTS (query)", "ratio", "×"),
        ("brute force token_set_ratio: query", "brute_tsr_median_ms", "ms"),
        ("relevance, FTS (in top k)", "relevance", ""),
        ("relevance, brute force WRatio", "brute_relevance", ""),
        ("relevance, brute force token_set_ratio", "brute_tsr_relevance", ""),
    ]
    for result in results:
        labelled = float(result["labelled_median_ms"]) or 0.1  # type: ignore[arg-type]
        result["ratio"] = round(float(result["brute_median_ms"]) / labelled, 1)  # type: ignore[arg-type]
    header = ["measure", *(f"{int(r['passages']):,}" for r in results)]  # type: ignore[call-overload]
    body = [
        [label, *(f"{r[key]} {unit}".strip() for r in results)] for label, key, unit in rows[1:]
    ]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    line = "| " + " | ".join("-" * w for w in widths) + " |"
    for number, row in enumerate([header, *body]):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
        if number == 0:
            print(line)


if __name__ == "__main__":
    main()
