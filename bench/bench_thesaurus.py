"""How many of the reference reports use each inspection phrasing of the thesaurus.

    python bench/bench_thesaurus.py ../shared/reference

Every PDF under the folder is read with ``pdftotext`` (poppler-utils); for each concept of
the shipped ``quotes/thesaurus.yaml`` and each of its inspection phrasings, the number of
reports holding it (endings forgiven as search forgives them) is printed. A phrasing no
report uses is marked: it came from a lawyer's vocabulary, not Ofsted's. This is how the
thesaurus's inspection phrasings were checked; it prints a table and is not a test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from carecite.search.thesaurus import phrasing_pattern, read_thesaurus, shipped_thesaurus


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
    texts = []
    for pdf in sorted(folder.rglob("*.pdf")):
        out = subprocess.run(["pdftotext", "-q", str(pdf), "-"], capture_output=True, text=True)
        texts.append(" ".join(out.stdout.casefold().split()))
    from carecite.bank.load import load_bank

    bank = shipped_thesaurus().parent
    concepts = read_thesaurus(bank, set(load_bank(bank).themes))
    print(
        f"{len(texts)} reports\n\n| concept | inspection phrasing | reports |\n| --- | --- | --- |"
    )
    unused = 0
    for concept in concepts.values():
        for phrasing in concept.inspection:
            pattern = phrasing_pattern([phrasing])
            count = sum(bool(pattern.search(text)) for text in texts)
            unused += count == 0
            print(f"| {concept.id} | {phrasing} | {count or '0 (none)'} |")
    print(f"\n{unused} inspection phrasings found in no report.")


if __name__ == "__main__":
    main()
