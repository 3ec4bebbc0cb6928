"""Paraphrase relevance: queries in a lawyer's words, scored three ways on the shipped bank.

    python bench/bench_paraphrase.py [--show-misses]

The queries and the passages that answer them are test data
(``tests/search/paraphrase_queries.yaml``: ``tune`` and ``held-out`` written before the
thesaurus, only ``tune`` run while weighing it; ``blind`` and ``blind-2`` to ``blind-11`` each
written after the ranking of its time was frozen, and committed before it was run;
``--hold blind-5`` leaves a split out while the ranking is being changed, so it is run once).
Each is run:

- **plain FTS**: the query's words ORed in one FTS5 query over the passage text, ranked by
  bm25 alone, the filters applied: what a bare full-text index answers;
- **words only**: ``search_passages(..., expand=False)``: carecite's ranking with typo
  correction and theme names, but no thesaurus;
- **carecite**: ``search_passages`` as shipped, the thesaurus included.

The existing relevance table of queries in the report's own words is scored beside them
(the bar the paraphrases are measured against). For each, over each split apart: mean
reciprocal rank (of the first right passage in the top 10, 0 when none), and how many
queries find a right passage in the top 3 and in the top 10. This prints a table; it is not
a test.

Corpus splits (``bench/corpus_queries/*.yaml``: ``corpus-a`` to ``corpus-f``) are about the
reference corpus's 35 other reports, written blind as the others were, and run against a
bank of those reports imported as a user imports them (``corpus_bank.py``: built in a
temporary folder, about 20 s, or kept with ``--corpus-bank DIR``); without
``../shared/reference/corpus`` they are left out, and the table says so.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
QUERIES = REPO / "tests" / "search" / "paraphrase_queries.yaml"
CORPUS_QUERIES = HERE / "corpus_queries"
BANK = REPO / "quotes"
_WORD = re.compile(r"[^\W_]+")
# The shipped bank's splits, in the order they were written.
SPLITS = (
    "tune",
    "held-out",
    "blind",
    *(f"blind-{n}" for n in range(2, 12)),
)

Ranker = Callable[[Path, str, dict[str, Any]], list[str]]


@dataclass(frozen=True)
class Split:
    """Queries scored together, and the bank they search."""

    name: str
    bank: Path
    rows: tuple[dict[str, Any], ...]


def plain_fts(bank: Path, query: str, filters: dict[str, Any]) -> list[str]:
    """The top 10 by bm25 over the passage text, words ORed, filters applied."""
    from carecite.search.index import open_index
    from carecite.search.query import _allowed_sources

    index = open_index(bank)
    try:
        allowed = _allowed_sources(
            index,
            filters.get("source"),
            filters.get("authority"),
            None,
            None,
            None,
            None,
        )
        words = [w for w in _WORD.findall(query.casefold()) if len(w) > 2]
        expression = "text : (" + " OR ".join(f'"{w}"' for w in words) + ")"
        rows = index.connection.execute(
            "SELECT p.id, p.source FROM passages_fts f JOIN passages p ON p.rowid = f.rowid "
            "WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts) LIMIT 200",
            (expression,),
        ).fetchall()
    finally:
        index.close()
    return [pid for pid, source in rows if allowed is None or source in allowed][:10]


def carecite(expand: bool) -> Ranker:
    from carecite.search.query import search_passages

    def rank(bank: Path, query: str, filters: dict[str, Any]) -> list[str]:
        hits = search_passages(bank, query, limit=10, expand=expand, **filters)
        return [hit.passage.id for hit in hits]

    return rank


def score(ranker: Ranker, split: Split) -> tuple[float, int, int, list[str]]:
    """MRR, top-3 count, top-10 count, and the queries with no right passage in the top 3."""
    reciprocal = 0.0
    top3 = top10 = 0
    misses = []
    for row in split.rows:
        found = ranker(split.bank, row["query"], row["filters"])
        ranks = [found.index(a) + 1 for a in row["answers"] if a in found]
        best = min(ranks, default=0)
        reciprocal += 1 / best if best else 0.0
        top3 += 0 < best <= 3
        top10 += best > 0
        if not 0 < best <= 3:
            misses.append(f"{row['query']!r}: rank {best or '>10'}; got {found[:3]}")
    return reciprocal / len(split.rows), top3, top10, misses


def report_words() -> list[dict[str, Any]]:
    """The existing relevance table (``tests/search/test_relevance.py``): queries in the
    report's own words, misspelt or filtered, each with its one expected passage."""
    sys.path.insert(0, str(REPO))
    from tests.search.test_relevance import ROWS

    return [
        {"query": query, "filters": filters, "answers": [expected]}
        for query, filters, expected, _ in ROWS
        if query
    ]


def corpus_splits(bank: Path | None, held: Sequence[str]) -> list[Split]:
    """The corpus splits not held, on ``bank`` (made there if it holds no bank yet, or in a
    temporary folder); none, with a line saying why, without the reference corpus."""
    from corpus_bank import CORPUS, make_corpus_bank

    rows = [
        row
        for file in sorted(CORPUS_QUERIES.glob("*.yaml"))
        for row in yaml.safe_load(file.read_text(encoding="utf-8"))["queries"]
        if row["split"] not in held
    ]
    if not rows:
        return []
    if not (CORPUS / "MANIFEST.csv").exists():
        print(f"corpus splits left out: {CORPUS} is absent", file=sys.stderr)
        return []
    if bank is None:
        bank = Path(tempfile.mkdtemp(prefix="carecite-corpus.")) / "bank"
    if not (bank / "themes.yaml").exists():
        make_corpus_bank(bank)
    names = dict.fromkeys(row["split"] for row in rows)
    return [Split(name, bank, tuple(row for row in rows if row["split"] == name)) for name in names]


def _check_answers(splits: Sequence[Split]) -> None:
    """Stop on an answer that is no passage of its split's bank: it would count as a miss."""
    from carecite.bank.load import load_bank

    for split in splits:
        passages = load_bank(split.bank).passages
        for row in split.rows:
            unknown = [a for a in row["answers"] if a not in passages]
            if unknown or not row["answers"]:
                sys.exit(f"{split.name}: {row['query']!r}: no such passage {unknown or '(none)'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--hold", action="append", default=[], metavar="SPLIT", help="leave this split out"
    )
    parser.add_argument(
        "--corpus-bank", type=Path, metavar="DIR", help="keep the corpus bank here (made once)"
    )
    args = parser.parse_args()
    os.environ.setdefault("CARECITE_CACHE", tempfile.mkdtemp(prefix="carecite-paraphrase."))
    rows = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]
    splits = [
        Split(name, BANK, tuple(r for r in rows if r["split"] == name))
        for name in SPLITS
        if name not in args.hold
    ]
    splits.append(Split("report's words", BANK, tuple(report_words())))
    splits += corpus_splits(args.corpus_bank, args.hold)
    _check_answers(splits)
    rankers: list[tuple[str, Ranker]] = [
        ("plain FTS (bm25, words ORed)", plain_fts),
        ("words only (expand=False)", carecite(expand=False)),
        ("carecite (thesaurus)", carecite(expand=True)),
    ]
    header = "| ranking | " + " | ".join(
        f"{split.name} ({len(split.rows)}): MRR / top 3 / top 10" for split in splits
    )
    print(header + " |")
    print("| --- " * (1 + len(splits)) + "|")
    missed: dict[str, list[str]] = {}
    for label, ranker in rankers:
        cells = []
        for split in splits:
            mrr, top3, top10, misses = score(ranker, split)
            cells.append(f"{mrr:.2f} / {top3} / {top10}")
            missed[f"{label}, {split.name}"] = misses
        print(f"| {label} | " + " | ".join(cells) + " |")
    if args.show_misses:
        for key, misses in missed.items():
            print(f"\n{key}:", *misses, sep="\n  ", file=sys.stderr)


if __name__ == "__main__":
    main()
