"""Benchmark search and its cache at 1k to 300k passages, against brute force, as a user meets it.

    python bench/bench_search.py [--sizes 1000 10000 100000 300000] [--work DIR] [--runs 5]
    python bench/bench_search.py --bank DIR      # one bank of your own (the 40 real reports)

Banks come from ``make_bank.py`` (sentences of real reports, with the shipped sources hidden
among them), made once under ``--work``. For each size, as processes timed from outside
(``report.run_process``: wall, CPU, peak RSS):

- the cache's size on disk against the bank's YAML;
- a full build: the first ever (a fresh cache folder: every file validated by jsonschema)
  and again with the validation verdicts and each file's parsed values kept (the search
  cache lost, a new carecite, a changed themes.yaml);
- a warm ``carecite search`` against what a user would script without carecite, paired
  (alternating, so both meet the same load): RapidFuzz over the passage texts kept in a
  JSON file, RapidFuzz after loading the bank's YAML, and ``rg`` over the bank folder;

and in one warm worker process (so its peak memory is its own): the latency of 30 queries
(misspellings too) three times each, and of the paraphrase queries with and without the
thesaurus; a re-read after one file changes; and relevance, the rank of each LABELLED
passage. ``rows(context)`` hands the headline figures to ``bench/run.py``; ``main`` prints
the detailed tables. It is not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import (  # noqa: E402
    Context,
    Measure,
    Row,
    Skipped,
    paired,
    print_rows,
    run_process,
)

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

# What a user would script without carecite: RapidFuzz over every passage's text, read from
# a JSON file of the texts, or from the bank's YAML files (PyYAML's C loader).
_BRUTE_JSON = """
import json, sys
from rapidfuzz import process, utils
texts = json.load(open(sys.argv[1], encoding="utf-8"))
corpus = [utils.default_process(t) for t in texts]
print(process.extract(utils.default_process(sys.argv[2]), corpus, processor=None, limit=10))
"""
_BRUTE_YAML = """
import pathlib, sys, yaml
from rapidfuzz import process, utils
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
texts = []
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.yaml")):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
    texts += [p["text"] for p in data.get("passages") or ()]
corpus = [utils.default_process(t) for t in texts]
print(process.extract(utils.default_process(sys.argv[2]), corpus, processor=None, limit=10))
"""
# The YAML brute force loads the whole bank (about 3 GB of Python objects at 300k): skipped there.
_BRUTE_YAML_MAX = 100_000


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def bank_bytes(bank: Path) -> int:
    """The bank as its user keeps it: its YAML files."""
    return sum(p.stat().st_size for p in bank.glob("*.yaml"))


def measure_warm(bank: Path) -> dict[str, object]:
    """The in-process figures of one bank with a warm cache (CARECITE_CACHE set by the caller)."""
    from carecite.search.index import open_index
    from carecite.search.query import search_passages

    index = open_index(bank)
    passages = index.passage_count()
    index.close()
    search_passages(bank, "warm up")
    latencies, cpu = [], []
    for _ in range(3):
        for query in QUERIES:
            started, cpu_started = time.perf_counter(), time.process_time()
            search_passages(bank, query)
            latencies.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
    # Queries in a lawyer's words, with and without the thesaurus, interleaved (same load).
    paraphrased: dict[bool, list[float]] = {True: [], False: []}
    for query in PARAPHRASES:
        for expand in (True, False):
            started = time.perf_counter()
            search_passages(bank, query, expand=expand)
            paraphrased[expand].append(time.perf_counter() - started)
    # The shipped passages' words: a bank that imported the same report holds them too.
    from carecite.bank.load import load_bank
    from carecite.resources import shipped_bank

    reference = load_bank(shipped_bank())
    shipped = reference.passages
    ranks, same_words, in_authority = {}, {}, {}
    for query, expected, _ in LABELLED:
        hits = search_passages(bank, query, limit=10)
        ids = [h.passage.id for h in hits]
        ranks[query] = ids.index(expected) + 1 if expected in ids else None
        wanted = _shingles(shipped[expected].text)
        alike = [n for n, h in enumerate(hits, 1) if _shingles(h.passage.text) & wanted]
        same_words[query] = alike[0] if alike else None
        # As a lawyer searches the report of the authority in the case: --authority.
        authority = reference.sources[shipped[expected].source].authority
        hits = search_passages(bank, query, authority=authority, limit=10)
        alike = [n for n, h in enumerate(hits, 1) if _shingles(h.passage.text) & wanted]
        in_authority[query] = alike[0] if alike else None
    return {
        "passages": passages,
        "query_median_ms": _ms(statistics.median(latencies)),
        "query_p95_ms": _ms(_p95(latencies)),
        # CPU time is what a quiet machine's wall time would be: others' load does not add.
        "query_cpu_median_ms": _ms(statistics.median(cpu)),
        "query_cpu_p95_ms": _ms(_p95(cpu)),
        "paraphrase_median_ms": _ms(statistics.median(paraphrased[True])),
        "paraphrase_p95_ms": _ms(_p95(paraphrased[True])),
        "words_only_median_ms": _ms(statistics.median(paraphrased[False])),
        "ranks": ranks,
        "same_words_ranks": same_words,
        "authority_ranks": in_authority,
        "one_file_s": round(_one_file_changes(bank), 2),
    }


def _shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    """Runs of ``size`` words (all of a shorter text): a passage quoting the same words."""
    words = tuple(re.findall(r"[a-z0-9]+", text.casefold()))
    return {words[i : i + size] for i in range(max(1, len(words) - size + 1))}


def _one_file_changes(bank: Path) -> float:
    """Seconds to open the cache after one synthetic source file has a word changed."""
    from carecite.search.index import open_index

    victims = sorted(bank.glob("synthetic-*.yaml"))
    if not victims:
        return float("nan")
    victim = victims[len(victims) // 2]
    original = victim.read_text(encoding="utf-8")
    victim.write_text(original.replace("text: ", "text: Then ", 1), encoding="utf-8")
    try:
        started = time.perf_counter()
        open_index(bank).close()
        return time.perf_counter() - started
    finally:
        victim.write_text(original, encoding="utf-8")
        open_index(bank).close()


# Above this many passages a paired figure is run fewer times (its range still shown): at 300k
# each brute-force run takes ~13 s and each build ~1 minute, most of a full report's time.
_FEWER_RUNS_ABOVE = 100_000
_FEWER_RUNS = 3
_FEWER_REBUILDS = 2


def measure(bank: Path, context: Context, *, large: bool = False) -> dict[str, object]:
    """Every figure of one bank: the processes timed here, the warm ones in a worker.

    A ``large`` bank's paired figures are run ``_FEWER_RUNS`` times and its build again
    ``_FEWER_REBUILDS`` times (fewer if the run asks for fewer).
    """
    runs = min(context.runs, _FEWER_RUNS) if large else context.runs
    rebuild_runs = min(runs, _FEWER_REBUILDS if large else 3)
    carecite = [sys.executable, "-m", "carecite"]
    first_cache = Path(tempfile.mkdtemp(prefix="cache-", dir=context.work))
    build = [
        sys.executable,
        "-c",
        "import sys; from carecite.search.index import open_index; open_index(sys.argv[1]).close()",
        str(bank),
    ]
    first = run_process(build, context.env(first_cache))
    rebuilds = []
    for _ in range(max(1, rebuild_runs)):
        for cache in first_cache.glob("search-*"):
            cache.unlink()
        rebuilds.append(run_process(build, context.env(first_cache), together=True))
    cache_file = next(first_cache.glob("search-*.sqlite3"))
    figures: dict[str, object] = {
        "bank_mb": bank_bytes(bank) / 1e6,
        "cache_mb": cache_file.stat().st_size / 1e6,
        "first_build": (first.wall, first.cpu, first.peak_mb),
        "build_wall": [r.wall for r in rebuilds],
        "build_cpu": [r.cpu for r in rebuilds],
        "build_peak_mb": max(r.peak_mb for r in rebuilds),
        # A large bank's build counts its words in a second process: both, held at once.
        "build_together_mb": max(r.together_mb or 0.0 for r in rebuilds),
    }
    worker = subprocess.run(
        [sys.executable, __file__, "--worker", str(bank), "--work", str(context.work)],
        check=True,
        capture_output=True,
        text=True,
        env=context.env(first_cache),
    )
    figures.update(json.loads(worker.stdout.strip().splitlines()[-1]))

    query = "management oversight"
    env = context.env(first_cache, CARECITE_BANK=str(bank))
    search = [*carecite, "search", query, "--limit", "10"]
    run_process(search, env)
    texts = context.work / f"texts-{bank.name}.json"
    if not texts.exists():  # the texts as a user's own script would keep them
        with sqlite3.connect(cache_file) as connection:
            kept = [text for (text,) in connection.execute("SELECT text FROM passages")]
        texts.write_text(json.dumps(kept), encoding="utf-8")
    brute_json = [sys.executable, "-c", _BRUTE_JSON, str(texts), query]
    ours, theirs = paired(
        lambda: run_process(search, env).wall,
        lambda: run_process(brute_json, env).wall,
        runs,
    )
    figures["cli"], figures["brute_json"] = ours, theirs
    figures["cli_peak_mb"] = run_process(search, env).peak_mb
    if int(str(figures["passages"])) <= _BRUTE_YAML_MAX:
        brute_yaml = [sys.executable, "-c", _BRUTE_YAML, str(bank), query]
        figures["cli_y"], figures["brute_yaml"] = paired(
            lambda: run_process(search, env).wall,
            lambda: run_process(brute_yaml, env).wall,
            max(1, runs // 2),
            warmup=0,
        )
    if shutil.which("rg"):
        grep = ["rg", "-i", "-c", query, str(bank)]
        figures["cli_r"], figures["rg"] = paired(
            lambda: run_process(search, env).wall,
            lambda: _rg(grep, env),
            runs,
        )
    shutil.rmtree(first_cache, ignore_errors=True)
    return figures


def _rg(argv: list[str], env: dict[str, str]) -> float:
    """rg exits 1 when nothing matches; time it all the same."""
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def rows(context: Context) -> list[Row]:
    """The report's search and index rows at each of the run's sizes."""
    found: list[Row] = []
    for size in context.sizes:
        figures = measure(context.bank(size), context, large=size > _FEWER_RUNS_ABOVE)
        found += size_rows(f"{size:,}", figures, size, context)
    return found


def size_rows(
    name: str, f: dict[str, object], size: int, context: Context, imported: bool = False
) -> list[Row]:
    """The headline rows of one bank's figures (targets at the sizes the issue sets them)."""
    g = f.get
    build_wall: list[float] = g("build_wall")  # type: ignore[assignment]
    rows = [
        Row(
            "index",
            f"search cache on disk, {name} passages",
            Measure.once(float(g("cache_mb"))),  # type: ignore[arg-type]
            "MB",
            "file",
            baseline="the bank's YAML",
            baseline_value=Measure.once(float(g("bank_mb"))),  # type: ignore[arg-type]
            baseline_how="file",
            target=2.0,
        ),
        Row(
            "index",
            f"full build, verdicts and parsed values kept, {name}",
            Measure.of(build_wall),
            "s",
            "process",
            target=10.0 if size == 100_000 else None,
            note=f"CPU {statistics.median(g('build_cpu')):.1f} s; first build ever "  # type: ignore[arg-type]
            f"(jsonschema on every file) {g('first_build')[0]:.1f} s",  # type: ignore[index]
        ),
        Row(
            "index",
            f"full build peak memory, {name}",
            Measure.once(max(float(g("build_peak_mb")), float(g("build_together_mb")))),  # type: ignore[arg-type]
            "MB",
            "process",
            target=250.0 if size >= 300_000 else None,
            note=f"with its child processes, sampled (a large bank's build counts its "
            f"words in one); the build process alone {g('build_peak_mb'):.0f} MB",
        ),
        Row(
            "search",
            f"warm query p95 (30 queries ×3), {name}",
            Measure.once(float(g("query_p95_ms"))),  # type: ignore[arg-type]
            "ms",
            "in-process",
            target=100.0 if size >= 300_000 else None,
            note=f"median {g('query_median_ms')} ms; CPU median {g('query_cpu_median_ms')} ms, "
            f"p95 {g('query_cpu_p95_ms')} ms",
        ),
    ]
    # carecite search against each script a user might write instead, paired in the same run.
    # The issue sets "≥ 10× brute force" at the sizes where search matters (100k is the whole
    # country): below, both are mostly a process starting.
    brute_target = 0.1 if size >= 100_000 else None
    against = [
        ("cli", "brute_json", "RapidFuzz script over the texts in JSON", brute_target),
        ("cli_y", "brute_yaml", "RapidFuzz script loading the YAML", brute_target),
        ("cli_r", "rg", "rg -i over the bank folder (no ranking)", None),
    ]
    for ours, theirs, baseline, target in against:
        if theirs not in f:
            continue
        rows.append(
            Row(
                "search",
                f"carecite search, warm cache, {name}",
                g(ours),  # type: ignore[arg-type]
                "s",
                "process",
                baseline=baseline,
                baseline_value=g(theirs),  # type: ignore[arg-type]
                target=target,
                note=f"peak {g('cli_peak_mb'):.0f} MB" if theirs == "brute_json" else "",
            )
        )
    if size > _BRUTE_YAML_MAX:
        context.skipped.append(
            Skipped("search", f"RapidFuzz script loading the YAML, {name}", "over 100k: GBs")
        )
    # In a bank that imported the report itself, the passage's words are its paragraph's.
    ranks: dict[str, int | None] = g("same_words_ranks" if imported else "ranks")  # type: ignore[assignment]
    held = sum(
        1
        for query, _, k in LABELLED
        if ranks[query] is not None and ranks[query] <= k  # type: ignore[operator]
    )
    rows.append(
        Row(
            "search",
            f"labelled queries whose passage{' (or its words)' if imported else ''} is in the "
            f"top k, {name}",
            Measure.once(held),
            f"of {len(LABELLED)}",
            "in-process",
            note="ranks " + " ".join(str(ranks[q] or "-") for q, _, _ in LABELLED),
        )
    )
    by_authority: dict[str, int | None] = g("authority_ranks")  # type: ignore[assignment]
    rows.append(
        Row(
            "search",
            f"the same, searching its authority's reports (--authority), {name}",
            Measure.once(sum(1 for q, _, k in LABELLED if (by_authority[q] or 99) <= k)),
            f"of {len(LABELLED)}",
            "in-process",
            note="ranks " + " ".join(str(by_authority[q] or "-") for q, _, _ in LABELLED),
        )
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--bank", type=Path, help="measure this bank instead of synthetic ones")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "carecite-bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.worker:
        print(json.dumps(measure_warm(args.worker)))
        return
    context = Context(args.work, quick=False, sizes=tuple(args.sizes), runs=args.runs)
    found: list[Row] = []
    details = []
    banks = (
        {"your bank": args.bank}
        if args.bank
        else {f"{size:,}": context.bank(size) for size in args.sizes}
    )
    for name, bank in banks.items():
        figures = measure(bank, context)
        details.append((name, figures))
        size = int(str(figures["passages"]))
        found += size_rows(name, figures, 0 if args.bank else size, context, bool(args.bank))
        print(f"measured {name}", file=sys.stderr)
    print_rows(found, context.skipped)
    print()
    print_details(details)


def print_details(details: list[tuple[str, dict[str, object]]]) -> None:
    """The figures the report leaves out: paraphrase latency, one-file re-read, each rank."""
    print("| bank | paraphrase median / p95 | words only, median | one file re-read |")
    print("| --- | --- | --- | --- |")
    for name, f in details:
        print(
            f"| {name} ({f['passages']:,} passages) | {f['paraphrase_median_ms']} / "
            f"{f['paraphrase_p95_ms']} ms | {f['words_only_median_ms']} ms | {f['one_file_s']} s |"
        )
    print()
    print("Rank of the labelled passage / of the first hit quoting its words (8 in a row) /")
    print("of that hit with --authority naming the passage's authority; '-': not in the top 10.")
    print()
    print("| labelled query | k | " + " | ".join(name for name, _ in details) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in details) + " |")
    for query, _, k in LABELLED:
        cells = [
            f"{f['ranks'][query] or '-'} / {f['same_words_ranks'][query] or '-'} / "  # type: ignore[index]
            f"{f['authority_ranks'][query] or '-'}"  # type: ignore[index]
            for _, f in details
        ]
        print(f"| {query} | {k} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
