"""Ingesting reports: printed pages, numbered paragraphs, sections; real PDFs and text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from carecite.errors import SourceError
from carecite.reports.ingest import INFERRED, PRINTED, read_report

REPORTS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "reports"
needs_reports = pytest.mark.skipif(
    not REPORTS.is_dir(), reason=f"the reference reports are not at {REPORTS}"
)

# Three pages printed 2–4 with a running header, a footnote and a paragraph over a page break.
TEXT_PAGES = [
    """Inspection of Example Borough children's services   2

Executive summary

Services for children are not good enough. Managers have not ensured that
plans are reviewed, and the “front door” is slow.
""",
    """Inspection of Example Borough children's services   3

Recommendations

1. Ensure that managers review plans every 6 months and that
children are seen alone.

2. Improve the quality of multi-
agency work so that no child waits.

Help and protection

3. Inspectors found that 25 children had not been seen. Social workers do
not visit children often enough. The local authority has
""",
    """Inspection of Example Borough children's services   4
not acted quickly. Staff turnover reached 30% in 2016.

4. Children in care are well supported1 by their carers.
____________
1 A footnote that is not part of the paragraph.
""",
]


def write_text_report(folder: Path) -> Path:
    path = folder / "example.txt"
    path.write_text("\f".join(TEXT_PAGES), encoding="utf-8")
    return path


@pytest.fixture
def text_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    return read_report(write_text_report(tmp_path))


def test_text_pages_take_the_printed_number(text_report):
    assert [(p.index, p.number, p.number_source) for p in text_report.pages] == [
        (1, 2, PRINTED),
        (2, 3, PRINTED),
        (3, 4, PRINTED),
    ]
    assert "Inspection of Example" not in text_report.pages[1].text


def test_text_paragraphs_numbers_pages_and_sections(text_report):
    rows = [(p.number, p.page, p.pages, p.section) for p in text_report.paragraphs]
    assert rows == [
        (1, 3, (3,), "Recommendations"),
        (2, 3, (3,), "Recommendations"),
        (3, 3, (3, 4), "Help and protection"),
        (4, 4, (4,), "Help and protection"),
    ]
    summary = text_report.blocks[0]
    assert (summary.number, summary.page, summary.section) == (None, 2, "Executive summary")


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (2, "Improve the quality of multi-agency work so that no child waits."),
        (3, "The local authority has not acted quickly."),
        (4, "Children in care are well supported by their carers."),
    ],
    ids=["line-end-hyphen-kept", "across-page-break", "footnote-marker-dropped"],
)
def test_text_paragraph_text(text_report, number, expected):
    assert expected in text_report.paragraph(number).text


def test_footnotes_are_kept_apart(text_report):
    assert text_report.pages[2].footnotes == ("1 A footnote that is not part of the paragraph.",)
    assert "footnote" not in text_report.paragraph(4).text


def test_cache_is_keyed_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    path = write_text_report(tmp_path)
    first = read_report(path)
    assert len(list((tmp_path / "cache" / "reports").glob("*.json"))) == 1
    assert read_report(path) == first
    path.write_text("\f".join(TEXT_PAGES).replace("25 children", "26 children"), "utf-8")
    assert "26 children" in read_report(path).paragraph(3).text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<!DOCTYPE html><html><body>Ofsted</body></html>", "web page"),
        (b"", "empty"),
        (b"PK\x03\x04 not a pdf at all", "not a PDF"),
    ],
    ids=["html-saved-as-pdf", "empty", "zip-named-pdf"],
)
def test_not_a_readable_pdf(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as caught:
        read_report(path, use_cache=False)
    assert caught.value.path == str(path)
    assert caught.value.hint


def test_scanned_pdf_without_text(tmp_path: Path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as stream:
        writer.write(stream)
    with pytest.raises(SourceError, match="no text layer") as caught:
        read_report(path, use_cache=False)
    assert "OCR" in (caught.value.hint or "")


@needs_reports
def test_encrypted_pdf(tmp_path: Path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(REPORTS / "ofsted-tower-hamlets-2019-07-22.pdf").pages[1])
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as stream:
        writer.write(stream)
    with pytest.raises(SourceError, match="encrypted"):
        read_report(path, use_cache=False)


def test_missing_file(tmp_path: Path):
    with pytest.raises(SourceError, match="not found"):
        read_report(tmp_path / "nowhere.pdf")


# --- The real reports ----------------------------------------------------------------------

# (file, pages, numbered paragraphs): counted in the PDFs, where numbering runs 1..N.
REPORT_COUNTS = [
    ("ofsted-tower-hamlets-2017-04-07.pdf", 37, 112),
    ("ofsted-tower-hamlets-2019-07-22.pdf", 12, 47),
    ("ofsted-tower-hamlets-2025-01-13.pdf", 12, 61),
    ("ofsted-norfolk-2015-10-20.pdf", 46, 166),
    ("ofsted-norfolk-2023-01-13.pdf", 12, 55),
]

# (file, paragraph, printed page where it starts): read in the PDFs.
PARAGRAPH_PAGES = [
    ("ofsted-tower-hamlets-2017-04-07.pdf", 1, 9),
    ("ofsted-tower-hamlets-2017-04-07.pdf", 16, 13),
    ("ofsted-tower-hamlets-2017-04-07.pdf", 55, 21),
    ("ofsted-tower-hamlets-2017-04-07.pdf", 83, 28),
    ("ofsted-tower-hamlets-2017-04-07.pdf", 112, 34),
    ("ofsted-tower-hamlets-2019-07-22.pdf", 1, 2),
    ("ofsted-tower-hamlets-2019-07-22.pdf", 4, 3),
    ("ofsted-tower-hamlets-2019-07-22.pdf", 25, 7),
    ("ofsted-tower-hamlets-2019-07-22.pdf", 47, 11),
    ("ofsted-tower-hamlets-2025-01-13.pdf", 8, 3),
    ("ofsted-tower-hamlets-2025-01-13.pdf", 23, 5),
    ("ofsted-tower-hamlets-2025-01-13.pdf", 61, 11),
    ("ofsted-norfolk-2015-10-20.pdf", 1, 8),
    ("ofsted-norfolk-2015-10-20.pdf", 10, 9),
    ("ofsted-norfolk-2015-10-20.pdf", 100, 30),
    ("ofsted-norfolk-2015-10-20.pdf", 166, 44),
    ("ofsted-norfolk-2023-01-13.pdf", 6, 3),
    ("ofsted-norfolk-2023-01-13.pdf", 22, 6),
    ("ofsted-norfolk-2023-01-13.pdf", 29, 7),
    ("ofsted-norfolk-2023-01-13.pdf", 55, 11),
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory):
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CARECITE_CACHE", str(cache))
        yield {name: read_report(REPORTS / name) for name, _, _ in REPORT_COUNTS}


@needs_reports
@pytest.mark.parametrize(
    ("name", "pages", "paragraphs"), REPORT_COUNTS, ids=[r[0][7:-4] for r in REPORT_COUNTS]
)
def test_report_counts(reports, name, pages, paragraphs):
    report = reports[name]
    assert len(report.pages) == pages
    numbers = [p.number for p in report.paragraphs]
    assert numbers == list(range(1, paragraphs + 1))


@needs_reports
@pytest.mark.parametrize(
    ("name", "number", "page"),
    PARAGRAPH_PAGES,
    ids=[f"{n[7:-4]}-para{p}" for n, p, _ in PARAGRAPH_PAGES],
)
def test_paragraph_pages(reports, name, number, page):
    assert reports[name].paragraph(number).page == page


@needs_reports
@pytest.mark.parametrize(
    ("name", "cover"),
    [("ofsted-tower-hamlets-2017-04-07.pdf", PRINTED), ("ofsted-norfolk-2023-01-13.pdf", INFERRED)],
    ids=["sif-numbered-cover", "ilacs-unnumbered-cover"],
)
def test_printed_page_numbers(reports, name, cover):
    report = reports[name]
    assert [p.number for p in report.pages] == [p.index for p in report.pages]
    assert report.pages[0].number_source == cover
    assert all(p.number_source == PRINTED for p in report.pages[1:])


@needs_reports
def test_sif_footnote_and_marker_removed(reports):
    page = reports["ofsted-tower-hamlets-2017-04-07.pdf"].pages[5]
    assert page.footnotes and page.footnotes[0].startswith("2 The local authority")
    assert "local authority area\n" in page.text + "\n"
    assert "area2" not in page.text


@needs_reports
@pytest.mark.parametrize(
    ("name", "number", "section"),
    [
        ("ofsted-tower-hamlets-2017-04-07.pdf", 1, "Recommendations"),
        (
            "ofsted-tower-hamlets-2017-04-07.pdf",
            16,
            "The experiences and progress of children who need help and protection",
        ),
        (
            "ofsted-norfolk-2023-01-13.pdf",
            1,
            "The experiences and progress of children who need help and protection: good",
        ),
    ],
    ids=["sif-recommendations", "sif-findings", "ilacs-findings"],
)
def test_sections(reports, name, number, section):
    assert reports[name].paragraph(number).section == section


@needs_reports
def test_cache_makes_repeat_runs_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path))
    path = REPORTS / "ofsted-tower-hamlets-2019-07-22.pdf"
    cold = read_report(path)
    started = time.perf_counter()
    warm = read_report(path)
    assert warm == cold
    assert time.perf_counter() - started < 0.5


def test_an_ilacs_opening_summary_is_named_summary() -> None:
    """The unheaded summary before "What needs to improve" gets a section to cite by."""
    from carecite.reports.ingest import read_text_pages

    report = read_text_pages(
        [
            "Services are now good. Leaders are effective.\n\nWhat needs to improve\n\n"
            "The quality of plans.\n\nHelp and protection\n\n1. Children are seen quickly.\n"
        ]
    )
    sections = {block.text: block.section for block in report.blocks}
    assert sections["Services are now good. Leaders are effective."] == "Summary"
    assert sections["The quality of plans."] == "What needs to improve"
    assert report.paragraph(1) is not None and report.paragraph(1).section == "Help and protection"


def test_without_what_needs_to_improve_nothing_is_renamed() -> None:
    from carecite.reports.ingest import read_text_pages

    report = read_text_pages(["Opening words here.\n\nFindings\n\n1. A finding.\n"])
    assert [b.section for b in report.blocks] == [None, "Findings"]


@pytest.mark.parametrize(
    ("printed", "text"),
    [
        ("2. Plans are vague (Recommendation).", "Plans are vague."),
        ("2. Plans are vague. (Recommendation)", "Plans are vague."),
        ("2. Plans are vague. (Recommendation).", "Plans are vague."),
        ("2. The word (Recommendation) inside stays.", "The word (Recommendation) inside stays."),
    ],
)
def test_a_findings_recommendation_mark_is_left_out(printed: str, text: str) -> None:
    """A SIF finding's "(Recommendation)" mark points to the recommendations: it is not
    the finding's words (Kensington and Chelsea 2016, Darlington 2018)."""
    from carecite.reports.ingest import read_text_pages

    report = read_text_pages([f"Findings\n\n1. A finding.\n\n{printed}\n"])
    assert report.paragraph(2) is not None and report.paragraph(2).text == text
