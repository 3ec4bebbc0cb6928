"""Benchmark: carecite's Word writer against pandoc on a ~20-page skeleton argument.

Run: ``python bench/bench_docx.py [--keep DIR]``. Prints a table; not a test.
Target: write_docx under 1 s and within 1.5x of ``pandoc -f markdown -t docx``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from carecite.draft.write.docx import write_docx

RUNS = 5


def skeleton(paragraphs: int = 80, notes: int = 40) -> str:
    """A synthetic skeleton argument: numbered paragraphs, (a)/(i), footnotes, quotes, a table."""
    out = [
        "::: center",
        "**IN THE FAMILY COURT SITTING AT EAST LONDON**",
        "",
        "Case number: [ZE17C00123]{.placeholder}",
        ":::",
        "",
        "{.plain}",
        "|  |  |",
        "|---|---|",
        "| LONDON BOROUGH OF TOWER HAMLETS | Applicant |",
        "| A.B. | First Respondent |",
        "| C.D. (a child by her children's guardian) | Second Respondent |",
        "",
        "# Skeleton argument on behalf of the Children's Guardian",
        "",
    ]
    note = 0
    defs = []
    for n in range(1, paragraphs + 1):
        if n % 20 == 1:
            out += [f"## Part {n // 20 + 1}", ""]
        text = (
            f"{n}. The guardian's position on issue {n} is that the local authority's "
            "services were found by Ofsted to be inadequate, and that managerial oversight "
            "of the social work with this family was weak and not consistently recorded."
        )
        if note < notes and n % 2 == 0:
            note += 1
            text += f"[^n{note}]"
            cited = (
                f"Ofsted, 'London Borough of Tower Hamlets: Inspection of services for "
                f"children in need of help and protection' (Ofsted, 7 April 2017) para {note + 10}"
            )
            if note % 7 == 0:
                cited += ' [unchecked]{.comment note="pinpoint not checked against the report"}'
            defs.append(f"[^n{note}]: {cited}.")
        out += [text, ""]
        if n % 10 == 0:
            pad = " " * len(f"{n}. ")  # a sub-list is indented to its parent item's text
            out += [
                f"{pad}1. first, *supervision* was irregular;",
                f"{pad}2. secondly, plans drifted:",
                f"{pad}   1. in 2016; and",
                f"{pad}   2. in 2017.",
                "",
            ]
        if n % 15 == 0:
            out += [
                "> Leaders and managers have not ensured that social workers receive regular "
                "and effective supervision, and management oversight of casework is weak.",
                "",
            ]
    out += [
        "| Date | Event | Bundle |",
        "|---|---|---|",
        "| 7 April 2017 | Ofsted report published | [C12] |",
        "| 12 June 2017 | Issues Resolution Hearing | [A1] |",
        "",
        "::: signature",
        "[Counsel's name]{.placeholder}",
        "",
        "[Chambers]{.placeholder}",
        ":::",
        "",
        *defs,
    ]
    return "\n".join(out) + "\n"


def median_seconds(action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="folder to keep the .md and .docx in")
    args = parser.parse_args()
    markdown = skeleton()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / "skeleton.md"
        source.write_text(markdown, encoding="utf-8")
        ours = folder / "carecite.docx"
        theirs = folder / "pandoc.docx"

        def carecite() -> None:
            write_docx(markdown, ours, force=True)

        carecite()  # warm the parser cache and imports, as a long-lived process would
        rows = [("carecite write_docx", median_seconds(carecite))]
        pandoc = shutil.which("pandoc")
        if pandoc:

            def run_pandoc() -> None:
                subprocess.run(
                    [pandoc, "-f", "markdown", "-t", "docx", "-o", str(theirs), str(source)],
                    check=True,
                )

            rows.append(("pandoc -f markdown -t docx", median_seconds(run_pandoc)))
        lines = markdown.count("\n")
        print(f"skeleton: {lines} lines of Markdown, 80 numbered paragraphs, 40 footnotes")
        print(f"{'writer':<28} {'median of ' + str(RUNS):>14}")
        for name, seconds in rows:
            print(f"{name:<28} {seconds * 1000:>11.1f} ms")
        if len(rows) == 2:
            print(f"{'ratio carecite / pandoc':<28} {rows[0][1] / rows[1][1]:>14.2f}")
        else:
            print("pandoc not found: no comparison")


if __name__ == "__main__":
    main()
