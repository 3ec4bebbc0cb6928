"""A bank of the reference corpus's reports, imported as a user imports them.

    python bench/corpus_bank.py DIR [--corpus FOLDER]

Makes a user bank in DIR (``carecite init``: layered over the shipped bank) and imports
every report PDF of ``../shared/reference/corpus/`` into it, in file-name order, so the
passage ids are the same on every run of the same carecite. A report that prints no
publication date and that the inspections dataset lacks is given the corpus manifest's
date (``--published``, as a user would give it). Nothing is copied into the repository; the
bank is for benchmarks that need reports other than the shipped ones
(``bench_paraphrase.py``'s corpus splits).
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "reference" / "corpus"


def make_corpus_bank(target: Path, corpus: Path = CORPUS) -> Path:
    """Import every PDF of ``corpus`` into a new bank at ``target``; return ``target``."""
    from carecite.bank.user import init_bank
    from carecite.errors import SourceError
    from carecite.reports.importer import import_report

    with (corpus / "MANIFEST.csv").open(newline="", encoding="utf-8") as manifest:
        published = {
            row["file"]: date.fromisoformat(row["published"]) for row in csv.DictReader(manifest)
        }
    init_bank(target)
    for pdf in sorted(corpus.glob("*.pdf")):
        try:
            import_report(pdf, target, copy=False)
        except SourceError as error:
            if "publication date" not in str(error) or pdf.name not in published:
                raise
            import_report(pdf, target, copy=False, published=published[pdf.name])
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", type=Path, help="a folder that does not hold a bank yet")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the folder of report PDFs")
    args = parser.parse_args()
    if not (args.corpus / "MANIFEST.csv").exists():
        sys.exit(f"{args.corpus}: no MANIFEST.csv here (the reference corpus is needed)")
    make_corpus_bank(args.target, args.corpus)
    print(f"imported {len(list(args.corpus.glob('*.pdf')))} reports into {args.target}")


if __name__ == "__main__":
    main()
