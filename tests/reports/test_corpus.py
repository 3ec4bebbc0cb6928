"""Ingest on the corpus of real reports: paragraph counts and start pages read from each
report by hand (``corpus_truth.csv``), the self-check's warnings, and the held-out split.

``corpus_truth.csv`` was made by reading each report's ``pdftotext -layout`` text page by
page, never from the ingester's output: ``paragraphs`` is how many numbered paragraphs the
report prints, ``gaps`` the numbers it skips, ``pages`` each run of paragraphs and the
printed page it starts on ("1-7:3" — paragraphs 1 to 7 start on page 3). ``split`` marks
every fourth report in MANIFEST order ``held-out``: kept out of tuning, measured only.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from carecite.reports.ingest import read_report

SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference"
TRUTH = Path(__file__).with_name("corpus_truth.csv")
ROWS = list(csv.DictReader(TRUTH.read_text(encoding="utf-8").splitlines()))
needs_corpus = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(), reason=f"the report corpus is not at {SHARED / 'corpus'}"
)


def report_path(row: dict[str, str]) -> Path:
    folder = "reports" if row["split"] == "reference" else "corpus"
    return SHARED / folder / row["file"]


def start_pages(row: dict[str, str]) -> dict[int, int]:
    gaps = {int(n) for n in row["gaps"].split()}
    pages: dict[int, int] = {}
    for run in row["pages"].split():
        numbers, page = run.split(":")
        first, last = map(int, numbers.split("-"))
        pages.update({n: int(page) for n in range(first, last + 1) if n not in gaps})
    return pages


@pytest.fixture(scope="module")
def read():
    cache: dict[str, object] = {}

    def reader(row: dict[str, str]):
        if row["file"] not in cache:
            cache[row["file"]] = read_report(report_path(row), use_cache=False)
        return cache[row["file"]]

    return reader


def test_the_held_out_split_is_every_fourth_report_in_manifest_order():
    corpus = [row for row in ROWS if row["split"] != "reference"]
    held = [i for i, row in enumerate(corpus) if row["split"] == "held-out"]
    assert held == list(range(3, len(corpus), 4))


@needs_corpus
@pytest.mark.parametrize("row", ROWS, ids=[row["file"][7:-4] for row in ROWS])
def test_every_numbered_paragraph_starts_on_its_printed_page(row, read):
    source = read(row)
    found = {block.number: block.page for block in source.paragraphs}
    assert found == start_pages(row)
    assert len(source.paragraphs) == int(row["paragraphs"])


@needs_corpus
@pytest.mark.parametrize("row", ROWS, ids=[row["file"][7:-4] for row in ROWS])
def test_the_self_check_warns_only_of_what_is_in_the_report(row, read):
    codes = [(w.code, w.paragraph) for w in read(row).warnings]
    assert codes == [("numbering-gap", int(n)) for n in row["gaps"].split()]


@needs_corpus
def test_the_back_page_is_not_part_of_the_last_paragraph(read):
    row = next(r for r in ROWS if r["file"].startswith("ofsted-hampshire-2019"))
    last = read(row).paragraphs[-1]
    assert last.text.endswith("become more experienced.")
    assert "an in-house social work agency" in last.text  # a hyphen PDFium joins the lines at


@needs_corpus
@pytest.mark.parametrize(
    ("stem", "number", "section"),
    [
        # A sub-heading in plain type between numbered recommendations.
        (
            "ofsted-rochdale-2014-12-05",
            7,
            "What does the local authority need to improve? — Missing children",
        ),
        # An ILACS judgement heading whose grade sits on a line of its own.
        (
            "ofsted-sefton-2022-05-09",
            1,
            "The experiences and progress of children who need help and protection: inadequate",
        ),
        # "requires improvement to be good" whole, on the second line of a wrapped heading.
        (
            "ofsted-wigan-2025-11-26",
            1,
            "The experiences and progress of children who need help and protection: requires improvement to be good",
        ),
        # A judgement heading wrapped over two lines, the grade at the end of the second.
        (
            "ofsted-liverpool-2026-07-07",
            76,
            "The impact of leaders on social work practice with children and families: good",
        ),
    ],
)
def test_sections_named_as_printed(stem, number, section, read):
    row = next(r for r in ROWS if r["file"].startswith(stem))
    assert read(row).paragraph(number).section == section


@needs_corpus
@pytest.mark.parametrize("row", ROWS, ids=[row["file"][7:-4] for row in ROWS])
def test_sections_are_headings_not_contents_entries_or_the_title_page(row, read):
    source = read(row)
    title_page = source.pages[0].number
    assert not [s for s in source.sections if re.search(r"\s\d+$", s)]
    assert not [h for h in source.headings if h.page == title_page]


@needs_corpus
def test_a_pilot_report_that_numbers_no_paragraphs_says_so_in_a_note(read):
    row = next(r for r in ROWS if r["file"].startswith("ofsted-derbyshire-2014"))
    source = read(row)
    assert source.paragraphs == () and source.warnings == ()
    assert any("numbers no paragraphs" in note for note in source.notes)
