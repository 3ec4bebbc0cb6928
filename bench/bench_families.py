"""Every word family search links in a bank's vocabulary, to read for wrong links.

    python bench/bench_families.py [BANK]    # the shipped bank by default

The bank's search cache is built if needed; every family of two stems or more among the
words of its passages' text (``carecite.search.families.word_families``) is printed, one a
line, by the stem its words were made from. This is how the rule was checked on the 35
corpus reports (bench/README.md, the eleventh round of search in a lawyer's words); it
prints a list and is not a test.
"""

from __future__ import annotations

import sys
from pathlib import Path

from carecite.search.families import word_families
from carecite.search.index import Index, read_index
from carecite.search.thesaurus import shipped_thesaurus


def main() -> None:
    bank = Path(sys.argv[1]) if len(sys.argv) > 1 else shipped_thesaurus().parent

    def words(index: Index) -> list[str]:
        return [row[0] for row in index.connection.execute("SELECT term FROM vocab WHERE df > 0")]

    vocabulary = read_index(bank, words)
    families = word_families(vocabulary)
    linked = sum(len(words) for words in families.values())
    print(f"{len(vocabulary):,} words, {len(families):,} families of {linked:,} words")
    for root, family in sorted(families.items()):
        print(f"{root}: {' '.join(family)}")


if __name__ == "__main__":
    main()
