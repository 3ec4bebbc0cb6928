"""The cite-check audit: every quotation found, every one checked, every citation read."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from carecite.draft.audit.check import AuditReport, CitationCheck, audit_docx
from carecite.draft.audit.report import audit_markdown
from carecite.draft.write.docx import write_docx
from carecite.model import Verdict
from tests.conftest import plain_docx

THEMES = "themes:\n  oversight:\n    label: Oversight\n    description: Management oversight.\n"

REPORT_A = [
    "Report   2\n\nExecutive summary\n\nServices for care leavers’ families are poor. Managers "
    "have not ensured that\nplans are reviewed. Staff turnover rose from 10% in 2015 to 30% "
    "in 2016. The front door is slow.\n",
    "Report   3\n\nFindings\n\n1. Inspectors found that 25 children had not been seen.\n\n"
    "2. The children’s social workers know their children well. Leaders were not aware of "
    "the failings.\n",
    "Report   4\n\n3. Referrals reflect partners’ good understanding, using coloured ‘banners’ "
    "that highlight clear actions to workers.\n",
]
REPORT_B = ["Report   5\n\nSummary\n\nLeaders in Other Borough are effective and visible.\n"]


def source(sid: str, short: str, authority: str, report: str, passages: str) -> str:
    return (
        f'source:\n  id: {sid}\n  kind: inspection-report\n  title: "{authority}: Inspection"\n'
        f"  short_name: {short}\n  author: Ofsted\n  authority: {authority}\n"
        f"  published: 2017-04-07\n  framework: SIF\n  report_file: {report}\npassages:\n"
        + passages
    )


def passage(pid: str, text: str, page: int, paragraph: int | None) -> str:
    para = "null" if paragraph is None else paragraph
    return (
        f"  - id: {pid}\n    text: {text!r}\n    page: {page}\n    paragraph: {para}\n"
        f"    section: Somewhere\n    themes: [oversight]\n    checked: report\n"
    )


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(bank, reports): two authorities' reports, held as text, and their passages."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("\f".join(REPORT_A), encoding="utf-8")
    (reports / "b.txt").write_text("\f".join(REPORT_B), encoding="utf-8")
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "themes.yaml").write_text(THEMES, encoding="utf-8")
    a_passages = "".join(
        [
            passage("a-leavers", "Services for care leavers’ families are poor.", 2, None),
            passage("a-plans", "Managers have not ensured that plans are reviewed.", 2, None),
            passage("a-turnover", "Staff turnover rose from 10% in 2015 to 30% in 2016.", 2, None),
            passage("a-seen", "Inspectors found that 25 children had not been seen.", 3, 1),
            passage("a-know", "The children’s social workers know their children well.", 3, 2),
            passage(
                "a-banners",
                "Referrals reflect partners’ good understanding, using coloured ‘banners’ that "
                "highlight clear actions to workers.",
                4,
                3,
            ),
        ]
    )
    (bank / "example-2017.yaml").write_text(
        source("example-2017", "Ofsted 2017 report", "Example Borough", "a.txt", a_passages),
        encoding="utf-8",
    )
    b_passages = passage(
        "b-leaders", "Leaders in Other Borough are effective and visible.", 5, None
    )
    (bank / "other-2019.yaml").write_text(
        source("other-2019", "Ofsted 2019 report", "Other Borough", "b.txt", b_passages),
        encoding="utf-8",
    )
    return bank, reports


def audit_markdown_draft(folders: tuple[Path, Path], markdown: str, tmp_path: Path) -> AuditReport:
    """Write ``markdown`` as Word with carecite's writer, then audit it."""
    path = write_docx(markdown, tmp_path / "draft.docx", force=True)
    return audit_docx(path, *folders)


def audit_paragraphs(folders: tuple[Path, Path], texts: list[str], tmp_path: Path) -> AuditReport:
    """A plain python-docx draft, audited."""
    return audit_docx(plain_docx(tmp_path, *texts), *folders)


def verdicts(report: AuditReport) -> list[tuple[str | None, str, str]]:
    return [(line.number, str(line.verdict), str(line.citation)) for line in report.lines]


NOTES = "\n[^1]: Ofsted 2017 report, p 2.\n[^2]: ibid para 2.\n"


@pytest.mark.parametrize(
    ("quotation", "verdict", "flag"),
    [
        ("‘Services for care leavers’ families are poor.’", "exact", None),
        ("‘Services for care leavers’ families are good.’", "altered", "words changed"),
        (
            "“Managers have ensured that plans are reviewed.”",
            "altered",
            "negation added or dropped",
        ),
        ("‘Staff turnover rose from 10% in 2015 to 60% in 2016.’", "altered", "changed number"),
        ("‘Social workers in Example Borough are lazy and incompetent.’", "not_found", None),
    ],
    ids=["exact-with-plural-possessive", "word", "negation-double", "number", "invented"],
)
def test_each_quotation_is_checked_word_for_word(
    folders, tmp_path: Path, quotation: str, verdict: str, flag: str | None
) -> None:
    report = audit_markdown_draft(
        folders, f"1. Introduction.\n\n1. Ofsted found {quotation}[^1]\n{NOTES}", tmp_path
    )
    (line,) = report.lines
    assert (line.number, str(line.verdict)) == ("2", verdict)
    assert report.failed is (verdict != "exact")
    if flag is not None:
        assert flag in line.flags


def test_straight_quoted_altered_quotation_fails(folders, tmp_path: Path) -> None:
    report = audit_paragraphs(
        folders,
        [
            'Ofsted found "Managers have ensured that plans are reviewed." (Ofsted 2017 report, p 2)',
            "It said 'Inspectors found that 25 children had not been seen.' (Ofsted 2017 report, para 1)",
        ],
        tmp_path,
    )
    assert verdicts(report) == [(None, "altered", "ok"), (None, "exact", "ok")]
    assert report.failed


def test_quotation_inside_a_footnote_is_checked(folders, tmp_path: Path) -> None:
    markdown = (
        "1. The report is damning.[^1]\n\n"
        "[^1]: See also ‘Inspectors found that 52 children had not been seen.’ "
        "(Ofsted 2017 report, para 1).\n"
    )
    report = audit_markdown_draft(folders, markdown, tmp_path)
    (line,) = report.lines
    assert (line.location, line.number, str(line.verdict)) == ("footnote 1", "1", "altered")
    assert "changed number" in line.flags


def test_block_quotation_is_checked(folders, tmp_path: Path) -> None:
    markdown = (
        "1. Ofsted found:\n\n"
        "> The children’s social workers know their children badly.[^1]\n\n"
        "1. Next.\n\n[^1]: Ofsted 2017 report, para 2.\n"
    )
    report = audit_markdown_draft(folders, markdown, tmp_path)
    (line,) = report.lines
    assert (line.number, line.location, str(line.verdict)) == ("1", "body", "altered")
    assert line.diff == "[-well-]{+badly+}"


def test_words_in_no_passage_are_looked_for_in_the_cited_report(folders, tmp_path: Path) -> None:
    report = audit_markdown_draft(
        folders,
        "1. Ofsted found ‘Leaders were not aware of the failings.’[^1]\n\n"
        "[^1]: Ofsted 2017 report, para 2.\n",
        tmp_path,
    )
    (line,) = report.lines
    assert (str(line.verdict), line.source_id, line.passage_id) == ("exact", "example-2017", None)
    assert line.citation is CitationCheck.OK


@pytest.mark.parametrize(
    ("notes", "check", "verdict"),
    [
        ("[^1]: Ofsted 2017 report, para 1.\n[^2]: ibid para 2.\n", "ok", "exact"),
        (
            "[^1]: Ofsted 2017 report, para 1.\n[^2]: ibid para 1.\n",
            "wrong_pinpoint",
            "wrong_pinpoint",
        ),
        ("[^1]: Ofsted 2019 report, p 5.\n[^2]: ibid para 2.\n", "wrong_source", "exact"),
        # A bare ibid repeats the note before's pinpoint: para 1, where these words are not.
        ("[^1]: Ofsted 2017 report, para 1.\n[^2]: ibid.\n", "wrong_pinpoint", "wrong_pinpoint"),
        (
            "[^1]: Ofsted 2017 report, para 1 [F14].\n"
            "[^2]: Ofsted 2017 report (n 1) para 2 [F14].\n",
            "ok",
            "exact",
        ),
        (
            "[^1]: Ofsted 2017 report, para 1.\n[^2]: AB1 para 2; Ofsted 2019 report 5.\n",
            "wrong_source",
            "exact",
        ),
    ],
    ids=[
        "ibid-right",
        "ibid-wrong-para",
        "ibid-after-another-source",
        "bare-ibid-is-the-note-before",
        "short-with-bundle-page",
        "exhibit-and-other-source",
    ],
)
def test_the_citation_after_each_quotation(
    folders, tmp_path: Path, notes: str, check: str, verdict: str
) -> None:
    markdown = (
        "1. Ofsted found ‘Inspectors found that 25 children had not been seen.’[^1] "
        "It added ‘The children’s social workers know their children well.’[^2]\n\n" + notes
    )
    report = audit_markdown_draft(folders, markdown, tmp_path)
    second = report.lines[1]
    assert (str(second.citation), str(second.verdict)) == (check, verdict)
    assert report.failed is (check != "ok")


@pytest.mark.parametrize(
    ("placed", "cited", "check"),
    [
        ("Essential reading: Ofsted’s report of 7 April 2017 [F1].", "[F4]", "wrong_bundle_page"),
        ("Essential reading: Ofsted’s report of 7 April 2017 [F1].", "[F3]", "ok"),
        ("It is in the bundle at [F2].", "[F4]", "ok"),
        ("It is in the bundle at [F2].", "[F3]", "bundle_page_not_checked"),
        ("", "[F3]", "bundle_page_not_checked"),
        ("Essential reading: Ofsted 2017 report [F1–F30].", "[F4]", "wrong_bundle_page"),
        (
            "The Ofsted 2017 report found that managers were absent [F9].",
            "[F3]",
            "bundle_page_not_checked",
        ),
        ("Essential reading: Ofsted 2017 report at F1–F30.", "[F3]", "ok"),
    ],
    ids=[
        "wrong",
        "right",
        "right-from-F2",
        "from-page-2",
        "nothing-to-check-it-by",
        "wrong-by-a-range",
        "a-paraphrase-does-not-place-it",
        "right-by-a-bare-range",
    ],
)
def test_one_quotations_bundle_page_is_checked_by_where_the_draft_puts_the_report(
    folders, tmp_path: Path, placed: str, cited: str, check: str
) -> None:
    """One quotation cited [F9] for page 8 of a report the draft puts at [F1] was "All 1
    quotations match": a citation was judged only by the draft's others. Where nothing can
    check it, every summary says so."""
    from carecite.draft.audit.report import audit_json, summary_line

    placing = f"1. We rely on the Ofsted 2017 report. {placed}\n\n" if placed else ""
    report = audit_markdown_draft(
        folders,
        placing + "1. Ofsted found ‘Inspectors found that 25 children had not been seen.’[^1]\n\n"
        f"[^1]: Ofsted 2017 report para 1 {cited}.\n",
        tmp_path,
    )
    (line,) = report.lines
    assert (str(line.verdict), str(line.citation)) == ("exact", check)
    assert report.failed is (check == "wrong_bundle_page")
    said = "1 bundle page not checked (see its quotation's line): confirm it against the bundle"
    assert (said in report.not_checked) is (check == "bundle_page_not_checked")
    if check == "bundle_page_not_checked":
        assert summary_line(report).endswith(f"; {said}.")
        assert audit_json(report)["summary"]["not_checked"] == said  # type: ignore[index]
    if check == "wrong_bundle_page":
        assert line.detail.endswith(
            "it gives [F4]; the draft places this report at [F1] (para 1), which puts the words "
            "(report page 3) on bundle page F3"
        )


# Two quotations of the fixture's Ofsted 2017 report, on its pages 3 and 4.
SEEN_AND_BANNERS = (
    "1. Ofsted found ‘Inspectors found that 25 children had not been seen.’[^1]\n\n"
    "1. Ofsted found ‘Referrals reflect partners’ good understanding, using coloured "
    "‘banners’ that highlight clear actions to workers.’[^2]\n\n"
)
DESCRIBED = {
    "essential-reading": "1. Essential reading: the Ofsted report [F1-30].\n\n",
    "table-row": (
        "| Document | Date | Bundle ref |\n|---|---|---|\n"
        "| Ofsted inspection of Example Borough | 07.04.2017 | F1–F30 |\n\n"
    ),
}


@pytest.mark.parametrize("placed", DESCRIBED.values(), ids=DESCRIBED.keys())
@pytest.mark.parametrize(("shift", "check"), [(1, "wrong_bundle_page"), (0, "ok")])
def test_a_line_describing_the_cited_report_without_its_name_places_it(
    folders, tmp_path: Path, placed: str, shift: int, check: str
) -> None:
    """Review 7's drafts 03 and 04: the report described, not named, so every citation
    shifted by one page passed, agreeing with one another."""
    report = audit_markdown_draft(
        folders,
        placed + SEEN_AND_BANNERS + f"[^1]: Ofsted 2017 report para 1 [F{3 + shift}].\n"
        f"[^2]: Ofsted 2017 report para 3 [F{4 + shift}].\n",
        tmp_path,
    )
    assert [str(line.citation) for line in report.lines] == [check, check]
    assert report.failed is (check != "ok")


def test_a_description_two_cited_reports_fit_places_neither(folders, tmp_path: Path) -> None:
    """With both Ofsted reports cited, ‘the Ofsted report [F1]’ could be either: the
    citations are judged among themselves, and agree."""
    report = audit_markdown_draft(
        folders,
        DESCRIBED["essential-reading"]
        + SEEN_AND_BANNERS
        + "1. Ofsted found ‘Leaders in Other Borough are effective and visible.’[^3]\n\n"
        "[^1]: Ofsted 2017 report para 1 [F4].\n[^2]: Ofsted 2017 report para 3 [F5].\n"
        "[^3]: Ofsted 2019 report p 1 [G1].\n",
        tmp_path,
    )
    assert [str(line.citation) for line in report.lines] == [
        "ok",
        "ok",
        "bundle_page_not_checked",
    ]


# The fixture report's first citation in full, as the templates give it (OSCOLA).
FULL = "Ofsted, ‘Example Borough: Inspection’ (Ofsted, 7 April 2017) para 1 (Ofsted 2017 report)."


@pytest.mark.parametrize(
    ("notes", "said"),
    [
        (f"[^1]: {FULL}\n[^2]: ibid para 2.\n[^3]: Ofsted 2017 report (n 1) para 1.\n", ""),
        # Without its brackets "n 1" is the same cross-reference, not a page 1 (review7 E).
        (f"[^1]: {FULL}\n[^2]: ibid para 2.\n[^3]: Ofsted 2017 report, n 1, para 1.\n", ""),
        (
            f"[^1]: {FULL}\n[^2]: ibid para 2.\n[^3]: Ofsted 2017 report, n 7, para 1.\n",
            "but there is no note 7; note 1 does: write (n 1)",
        ),
        (
            f"[^1]: {FULL}\n[^2]: ibid para 2.\n[^3]: Ofsted 2017 report (n 7) para 1.\n",
            "but there is no note 7; note 1 does: write (n 1)",
        ),
        (
            f"[^1]: {FULL}\n[^2]: ibid para 2.\n[^3]: Ofsted 2017 report (n 3) para 1.\n",
            "but note 3 does not come before this citation; note 1 does: write (n 1)",
        ),
        (
            f"[^1]: {FULL}\n[^2]: ibid para 2.\n[^3]: Ofsted 2017 report (n 2) para 1.\n",
            "but note 2 is an ibid; note 1 does: write (n 1)",
        ),
        (
            "[^1]: Ofsted 2019 report p 5.\n[^2]: Ofsted 2017 report para 2.\n"
            "[^3]: Ofsted 2017 report (n 1) para 1.\n",
            "but note 1 cites another source; note 2 does: write (n 2)",
        ),
        (
            "[^1]: Ofsted 2019 report p 5.\n[^2]: Ofsted 2019 report p 5.\n"
            "[^3]: Ofsted 2017 report (n 2) para 1.\n",
            "but note 2 cites another source; no note before does: cite it in full here",
        ),
    ],
    ids=[
        "right",
        "right-unbracketed",
        "no-such-note-unbracketed",
        "no-such-note",
        "itself",
        "an-ibid",
        "another-source",
        "none-in-full",
    ],
)
def test_a_cross_reference_must_send_the_reader_to_an_earlier_full_citation(
    folders, tmp_path: Path, notes: str, said: str
) -> None:
    """OSCOLA's "(n N)" was read past: "(n 7)" in a draft of three notes, or "(n 2)" at an
    ibid after a paragraph moved, passed as "ok"."""
    markdown = (
        "1. Ofsted found ‘Inspectors found that 25 children had not been seen.’[^1] It added "
        "‘The children’s social workers know their children well.’[^2] It repeated "
        "‘Inspectors found that 25 children had not been seen.’[^3]\n\n" + notes
    )
    line = audit_markdown_draft(folders, markdown, tmp_path).lines[-1]
    assert line.verdict is Verdict.EXACT
    if not said:
        assert line.citation is CitationCheck.OK
        return
    assert line.citation is CitationCheck.WRONG_CROSS_REFERENCE and line.failed
    assert line.detail.endswith(
        "must send the reader to an earlier note citing Ofsted 2017 report in full, " + said
    )


def test_a_wrong_cross_reference_stays_wrong_whatever_its_bundle_page(
    folders, tmp_path: Path
) -> None:
    """A lone bundle page is not checked, which fails nothing: it must not hide the
    cross-reference's failure."""
    report = audit_markdown_draft(
        folders,
        "1. Ofsted found ‘Inspectors found that 25 children had not been seen.’[^1]\n\n"
        "[^1]: Ofsted 2017 report (n 7) para 1 [F3].\n",
        tmp_path,
    )
    (line,) = report.lines
    assert line.citation is CitationCheck.WRONG_CROSS_REFERENCE and report.failed
    assert "there is no note 7" in line.detail and "its bundle page not checked" in line.detail


def test_a_bracketed_citations_cross_reference_is_to_a_note_before_it(
    folders, tmp_path: Path
) -> None:
    markdown = (
        "1. Ofsted found ‘Inspectors found that 25 children had not been seen.’[^1]\n\n"
        "2. It repeated ‘Inspectors found that 25 children had not been seen.’ (Ofsted 2017 "
        "report (n 1) para 1) and ‘The children’s social workers know their children well.’ "
        "(Ofsted 2017 report (n 2) para 2).[^2]\n\n"
        f"[^1]: {FULL}\n[^2]: The guardian agrees.\n"
    )
    report = audit_markdown_draft(folders, markdown, tmp_path)
    assert [str(line.citation) for line in report.lines] == ["ok", "ok", "wrong_cross_reference"]
    assert "but note 2 does not come before this citation; note 1 does" in report.lines[2].detail


@pytest.mark.parametrize(
    ("note", "check"),
    [
        # Its pinpoint right; its bundle page, the report's only one, checked by nothing.
        ("Ofsted 2017 report para 1 (p 3) [F3].", "bundle_page_not_checked"),
        ("Ofsted 2017 report para 1 (p 9) [F3].", "wrong_pinpoint"),
        ("Ofsted 2017 report para 1 (p 4).", "wrong_pinpoint"),
        ("Ofsted 2017 report para 1 (pp 4–5).", "wrong_pinpoint"),
    ],
    ids=["right-page", "wrong-page-with-bundle-page", "wrong-page", "wrong-pages"],
)
def test_the_page_given_beside_a_paragraph_is_checked(
    folders, tmp_path: Path, note: str, check: str
) -> None:
    """`carecite cite --pages` writes 'para 1 (p 3)': a wrong page there is no all-clear."""
    report = audit_markdown_draft(
        folders,
        f"1. Ofsted found ‘Inspectors found that 25 children had not been seen.’[^1]\n\n"
        f"[^1]: {note}\n",
        tmp_path,
    )
    (line,) = report.lines
    assert str(line.citation) == check
    assert report.failed is (check == "wrong_pinpoint")


def test_words_from_another_report_cited_as_this_one(folders, tmp_path: Path) -> None:
    report = audit_paragraphs(
        folders,
        ["‘Leaders in Other Borough are effective and visible.’ (Ofsted 2017 report, p 5)"],
        tmp_path,
    )
    (line,) = report.lines
    assert (line.source_id, line.citation) == ("other-2019", CitationCheck.WRONG_SOURCE)
    assert report.failed


def test_without_the_cited_report_words_in_another_sources_passage_are_not_its(
    folders, tmp_path: Path
) -> None:
    # The cited report's passages are only a part of it: the words may be in the rest, so
    # the audit cannot say they are another source's. It says what it found, and fails.
    bank, _ = folders
    path = plain_docx(
        tmp_path, "‘Leaders in Other Borough are effective and visible.’ (Ofsted 2017 report, p 5)"
    )
    report = audit_docx(path, bank, None)
    (line,) = report.lines
    assert (line.verdict, line.citation) == (Verdict.MISSING_REPORT, CitationCheck.NOT_CHECKED)
    assert (line.source_id, line.passage_id, line.pinpoint) == ("example-2017", None, "")
    assert line.detail == (
        "not in the bank's passages of Ofsted 2017 report, and its report is not held, so "
        "they could not be checked in it: put a.txt in the reports folder (the bank's "
        "reports/, or --reports DIR; 'carecite init' makes a bank of your own with one); the "
        "words are also in Ofsted 2019 report, page 5 (bank passage b-leaders)"
    )
    assert report.failed
    assert "wrong_source" not in audit_markdown(report)


def test_without_the_report_a_pinpoint_the_passage_does_not_confirm_is_unchecked(
    folders, tmp_path: Path
) -> None:
    # The bank's passage has the words at para 1; para 2 of the report may hold them too.
    bank, reports = folders
    path = plain_docx(
        tmp_path,
        "‘Inspectors found that 25 children had not been seen.’ (Ofsted 2017 report, para 2)",
    )
    (line,) = audit_docx(path, bank, None).lines
    assert (line.verdict, line.citation) == (Verdict.MISSING_REPORT, CitationCheck.NOT_CHECKED)
    assert line.passage_id == "a-seen"
    assert line.detail == (
        "checked against the bank passage; the report is not held; the bank's passage has "
        "them at page 3, para 1, not at the place cited, which could not be checked: put "
        "a.txt in the reports folder (the bank's reports/, or --reports DIR; 'carecite init' "
        "makes a bank of your own with one)"
    )
    assert line.failed
    (held,) = audit_docx(path, bank, reports).lines
    assert (held.verdict, held.citation) == (Verdict.WRONG_PINPOINT, CitationCheck.WRONG_PINPOINT)


def test_a_sentence_shortened_with_a_full_stop_is_the_cited_sources(
    folders, tmp_path: Path
) -> None:
    """‘… rose from 10% in 2015.’ where the report goes on ‘to 30% in 2016’: the closing full
    stop inside the marks is no difference, and words the cited report holds verbatim are
    never another source's, though another source's passage holds them to the full stop."""
    bank, reports = folders
    (reports / "b.txt").write_text(
        "Report   5\n\nSummary\n\nIn Other Borough, staff turnover rose from 10% in 2015.\n",
        encoding="utf-8",
    )
    other = passage(
        "b-turnover", "In Other Borough, staff turnover rose from 10% in 2015.", 5, None
    )
    (bank / "other-2019.yaml").write_text(
        source("other-2019", "Ofsted 2019 report", "Other Borough", "b.txt", other),
        encoding="utf-8",
    )
    report = audit_paragraphs(
        folders,
        ["Ofsted found ‘Staff turnover rose from 10% in 2015.’ (Ofsted 2017 report, p 2)"],
        tmp_path,
    )
    (line,) = report.lines
    assert (line.source_id, line.verdict, line.citation) == (
        "example-2017",
        Verdict.EXACT,
        CitationCheck.OK,
    )
    assert not report.failed


def test_words_both_reports_hold_are_the_cited_reports(folders, tmp_path: Path) -> None:
    """A sentence two reports share, a passage only of the uncited one: the cited report
    holds it verbatim, so it is that report's, not 'from Ofsted 2019 report'."""
    bank, reports = folders
    shared = "Leaders were not aware of the failings."
    (reports / "b.txt").write_text(f"Report   5\n\nSummary\n\n{shared}\n", encoding="utf-8")
    (bank / "other-2019.yaml").write_text(
        source(
            "other-2019",
            "Ofsted 2019 report",
            "Other Borough",
            "b.txt",
            passage("b", shared, 5, None),
        ),
        encoding="utf-8",
    )
    report = audit_paragraphs(
        folders, [f"Ofsted found ‘{shared}’ (Ofsted 2017 report, para 2)"], tmp_path
    )
    (line,) = report.lines
    assert (line.source_id, line.verdict, line.citation, line.pinpoint) == (
        "example-2017",
        Verdict.EXACT,
        CitationCheck.OK,
        "page 3, para 2",
    )


def test_no_citation_fails(folders, tmp_path: Path) -> None:
    report = audit_paragraphs(
        folders, ["Ofsted found ‘Managers have not ensured that plans are reviewed.’"], tmp_path
    )
    (line,) = report.lines
    assert (line.verdict, line.citation) == (Verdict.EXACT, CitationCheck.NO_CITATION)
    assert report.failed


@pytest.mark.parametrize(
    ("paragraphs", "said"),
    [
        # An ibid left first by a move: "the citation names no source held: ibid para 1".
        (
            ["Ofsted found ‘Inspectors found that 25 children had not been seen.’ (ibid para 1)"],
            "‘ibid’ here refers to no earlier citation of a source the bank holds: give the "
            "source's full citation",
        ),
        # A statement exhibiting AB1 only, citing AB2: "no footnote or bracketed citation".
        (
            [
                "I refer to Ofsted’s report ‘Example Borough: Inspection’ (the Ofsted 2017 "
                "report), marked ‘AB1’.",
                "Ofsted found ‘Inspectors found that 25 children had not been seen.’ (AB2 para 1).",
            ],
            "AB2 is not one of this statement's exhibits: cite the words by the mark of the "
            "exhibit they are from",
        ),
    ],
    ids=["ibid-first", "exhibit-not-given"],
)
def test_a_citation_of_no_source_says_why(
    folders, tmp_path: Path, paragraphs: list[str], said: str
) -> None:
    report = audit_paragraphs(folders, paragraphs, tmp_path)
    (line,) = report.lines
    assert (line.verdict, line.citation) == (Verdict.EXACT, CitationCheck.NO_CITATION)
    assert said in line.detail


def test_a_bracket_opening_with_other_initials_is_not_an_exhibit(folders, tmp_path: Path) -> None:
    """Only a mark of the initials a statement gives (AB2 beside AB1) is taken for an exhibit
    it does not give: "(S20 agreement)" is words, and the citation after it is the one."""
    report = audit_paragraphs(
        folders,
        [
            "I refer to Ofsted’s report ‘Example Borough: Inspection’ (the Ofsted 2017 report), "
            "marked ‘AB1’.",
            "Ofsted found ‘Inspectors found that 25 children had not been seen.’ (S20 agreement) "
            "(AB1 para 1).",
        ],
        tmp_path,
    )
    assert verdicts(report) == [(None, "exact", "ok")]


@pytest.mark.parametrize(
    "exhibits",
    [
        "I exhibit Ofsted’s report of 2017, the Ofsted 2017 report, marked ‘AB1’, and its "
        "report of 2019, the Ofsted 2019 report, marked ‘AB2’.",
        "There are produced to me marked ‘AB1’ and ‘AB2’ the Ofsted 2017 report and the "
        "Ofsted 2019 report.",
    ],
    ids=["each-marked-after-its-name", "marks-listed-then-names"],
)
def test_one_sentence_exhibiting_two_reports_pairs_marks_in_order(
    folders, tmp_path: Path, exhibits: str
) -> None:
    """AB2 was taken for the first report named ("wrong source"), or, in a list of marks,
    not read at all ("not one of this statement's exhibits": review7 D)."""
    report = audit_paragraphs(
        folders,
        [
            exhibits,
            "Ofsted found ‘Inspectors found that 25 children had not been seen.’ (AB1 para 1).",
            # No pinpoint: the other report is one page, which its text numbers 1 and its
            # passage 5; what is checked here is that the citation names the words' source.
            "It found ‘Leaders in Other Borough are effective and visible.’ (AB2).",
        ],
        tmp_path,
    )
    assert verdicts(report) == [(None, "exact", "ok"), (None, "exact", "no_pinpoint")]


def test_a_mark_said_of_no_one_report_fails_no_citation_by_a_guess(folders, tmp_path: Path) -> None:
    """Two reports named and three marks: which is which is not said, so the audit does not
    guess one and fail the citations of the other as "wrong source"."""
    report = audit_paragraphs(
        folders,
        [
            "I exhibit, marked ‘AB1’, ‘AB2’ and ‘AB3’, the Ofsted 2017 report, the Ofsted 2019 "
            "report and a letter.",
            "Ofsted found ‘Inspectors found that 25 children had not been seen.’ (AB2 para 1).",
            "It found ‘Leaders in Other Borough are effective and visible.’ (AB1).",
        ],
        tmp_path,
    )
    assert verdicts(report) == [(None, "exact", "ok"), (None, "exact", "no_pinpoint")]


def test_words_found_nowhere_say_the_cited_report_was_read(folders, tmp_path: Path) -> None:
    """An invented quotation cited to a report held was "in no passage of the bank and no
    report held" (review6 fault 7)."""
    report = audit_paragraphs(
        folders,
        ["Ofsted found ‘Social workers are lazy and incompetent.’ (Ofsted 2017 report, para 1)"],
        tmp_path,
    )
    (line,) = report.lines
    assert line.verdict is Verdict.NOT_FOUND
    assert line.detail == (
        "not in Ofsted 2017 report, the report the citation names, nor in any passage of the "
        "bank or other report held"
    )


def test_the_report_says_what_needs_attention_in_words_that_add_up(folders, tmp_path: Path) -> None:
    """ "1 of 4 needs attention" stood above "exact: 4 · … wrong pinpoint: 0" where a citation
    was at fault, and the table printed "exact ✗" and "no_citation" (review6 fault 6); a
    quotation's own quotation marks were set in the same kind as the table's (fault 15)."""
    from carecite.draft.audit.report import audit_markdown, summary_line

    report = audit_paragraphs(
        folders,
        [
            "Ofsted found “Referrals reflect partners’ good understanding, using coloured "
            "‘banners’ that highlight clear actions to workers.” (Ofsted 2017 report, para 3)",
            "It found ‘Managers have not ensured that plans are reviewed.’",
            "And ‘Inspectors found that 52 children had not been seen.’ (Ofsted 2017 report, para 1)",
        ],
        tmp_path,
    )
    assert summary_line(report) == (
        "3 quotations checked (words: 2 exact, 1 altered; citations: 2 ok, 1 no citation); "
        "2 need attention: 1 no citation, 1 altered."
    )
    rows = [row for row in audit_markdown(report).splitlines() if row.startswith("| — |")]
    cells = [row.split(" | ")[1:6] for row in rows]
    assert [c[3:] for c in cells] == [
        ["exact", "ok"],
        ["exact", "no citation ✗"],
        ["altered ✗", "ok"],
    ]
    assert cells[0][0].startswith(
        "‘Referrals reflect partners’ good understanding, using coloured “banners” that"
    )


def test_phrases_and_titles_are_listed_not_checked(folders, tmp_path: Path) -> None:
    report = audit_paragraphs(
        folders,
        [
            "The ‘Report’ was published as ‘Example Borough: Inspection’ and called the "
            "service ‘not good enough’.",
            "It found ‘Managers have not ensured that plans are reviewed.’ (Ofsted 2017 report, p 2)",
        ],
        tmp_path,
    )
    assert [(p.text, p.kind) for p in report.phrases] == [
        ("Report", "phrase"),
        ("Example Borough: Inspection", "title"),
        ("not good enough", "phrase"),
    ]
    assert verdicts(report) == [(None, "exact", "ok")]


# What a quoted word not at the place cited asks of the reader: it is most often a scare
# quote or a term, not a quotation.
NOT_AT_THE_PLACE_CITED = (
    "; if ‘{word}’ is quoted from Ofsted 2017 report, correct it or its pinpoint; if it is "
    "not a quotation (a scare quote or a term), take off its quotation marks"
)


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        (
            "Ofsted called the social workers’ knowledge ‘poor’ (Ofsted 2017 report, para 2).",
            "not_found",
        ),
        ("Ofsted found leaders were not ‘aware’ (Ofsted 2017 report, para 2).", "exact"),
        ("Ofsted found it ‘well.’ (Ofsted 2017 report, para 2)", "exact"),
        ("Ofsted found it ‘Well’. (Ofsted 2017 report, para 2)", "altered"),
        ("Ofsted found it was ‘[W]ell’ done (Ofsted 2017 report, para 2).", "exact"),
        ("Ofsted found them ‘poor’ and ‘not aware’ (Ofsted 2017 report, para 2).", "not_found"),
    ],
    ids=[
        "misquoted",
        "as-written",
        "full-stop",
        "capital-undeclared",
        "declared-capital",
        "beside-a-phrase",
    ],
)
def test_a_quoted_word_is_checked_at_the_place_cited(
    folders, tmp_path: Path, sentence: str, verdict: str
) -> None:
    # ‘poor’ is in the report (page 2), not at the cited para 2: one word found elsewhere
    # proves nothing, so it is not found.
    report = audit_paragraphs(folders, [sentence], tmp_path)
    line = report.lines[0]
    assert (str(line.verdict), line.source_id) == (verdict, "example-2017")
    assert report.failed is (verdict != "exact")
    assert report.phrases == ()
    if verdict == "altered":
        assert line.flags == ("changed first capital not marked [ ]",)
    if verdict == "not_found":
        assert line.detail == (
            "not in Ofsted 2017 report at the place cited, which reads: ‘The children’s "
            "social workers know their children well. Leaders were not aware of the failings.’"
            + NOT_AT_THE_PLACE_CITED.format(word="poor")
        )
    else:
        assert (line.pinpoint, line.citation) == ("page 3, para 2", CitationCheck.OK)


def test_a_quoted_word_in_a_footnoted_sentence_is_checked(folders, tmp_path: Path) -> None:
    report = audit_markdown_draft(
        folders,
        "1. Ofsted called them ‘poor’.[^1] Ofsted said they were ‘well’ known.[^2]\n\n"
        "[^1]: Ofsted 2017 report, para 2.\n[^2]: ibid.\n",
        tmp_path,
    )
    assert verdicts(report) == [("1", "not_found", "not_checked"), ("1", "exact", "ok")]


def test_without_the_report_a_quoted_word_is_checked_at_the_cited_passage(
    folders, tmp_path: Path
) -> None:
    bank, _ = folders
    path = plain_docx(
        tmp_path,
        "They were ‘poor’ (Ofsted 2017 report, para 2).",
        "They were known ‘well’ (Ofsted 2017 report, para 2).",
    )
    report = audit_docx(path, bank, None)
    assert verdicts(report) == [(None, "not_found", "not_checked"), (None, "exact", "ok")]
    assert report.lines[0].detail == (
        "not in the bank's passages of Ofsted 2017 report at the place cited (its report is "
        "not held)" + NOT_AT_THE_PLACE_CITED.format(word="poor")
    )
    assert report.lines[1].passage_id == "a-know"


def test_a_word_without_a_citation_of_its_own_is_listed_and_counted(
    folders, tmp_path: Path
) -> None:
    from carecite.draft.audit.report import audit_json, audit_markdown, summary_line

    report = audit_paragraphs(
        folders,
        [
            "The ‘Report’ found ‘Managers have not ensured that plans are reviewed.’ "
            "(Ofsted 2017 report, p 2)",
            "It was ‘poor’. Leaders were not aware (Ofsted 2017 report, para 2).",
            "The so-called ‘plan’ was never written.",
            "Ofsted’s report (the ‘Inspection’) says little of plans (Ofsted 2017 report, p 2).",
        ],
        tmp_path,
    )
    assert [p.text for p in report.phrases] == ["Report", "poor", "plan", "Inspection"]
    assert verdicts(report) == [(None, "exact", "ok")]
    assert not report.failed
    # The citations after ‘poor’ and ‘Inspection’ are their sentences' paraphrases'.
    said = (
        "4 quoted phrases not checked (no citation of their own): confirm none is meant as "
        "a quotation; 2 citations of no quotation (a paraphrase's) not checked: confirm each "
        "one’s pinpoint and bundle page"
    )
    assert report.not_checked == said
    assert summary_line(report) == (
        f"1 quotation checked (words: 1 exact; citations: 1 ok); 0 need attention; {said}."
    )
    assert f"0 need attention; {said}." in audit_markdown(report)
    summary = audit_json(report)["summary"]
    assert isinstance(summary, dict)
    assert (summary["phrases_not_checked"], summary["not_checked"]) == (4, said)


def test_a_word_quoted_from_the_case_papers_is_not_the_reports(folders, tmp_path: Path) -> None:
    # Its bundle page [C23] is its citation: the report's, later in the sentence, is not.
    report = audit_paragraphs(
        folders,
        [
            "The social worker called the mother ‘hostile’ [C23], yet Ofsted found leaders "
            "were not aware (Ofsted 2017 report, para 2)."
        ],
        tmp_path,
    )
    assert [p.text for p in report.phrases] == ["hostile"]
    assert report.lines == ()
    assert not report.failed


@pytest.mark.parametrize("with_reports", [True, False], ids=["reports", "bank-only"])
def test_a_quotation_cited_by_a_page_of_the_case_papers_is_listed_not_checked(
    folders, tmp_path: Path, with_reports: bool
) -> None:
    # The reports are filed at F; [C23] is the case papers', whatever the quotation's length,
    # though a report holds its words: one rule, and every summary says it went unchecked.
    from carecite.draft.audit.report import audit_json, audit_markdown, summary_line

    path = plain_docx(
        tmp_path,
        "Ofsted found the front door slow (Ofsted 2017 report, p 2 [F2]).",
        "The social worker recorded that ‘Managers have not ensured that plans are reviewed’ "
        "[C23] and called the mother ‘hostile’ [C24]–[C25].",
    )
    bank, reports = folders
    report = audit_docx(path, bank, reports if with_reports else None)
    assert report.lines == ()
    assert [(p.text, p.kind, p.cited) for p in report.phrases] == [
        ("Managers have not ensured that plans are reviewed", "case-papers", "C23"),
        ("hostile", "case-papers", "C24–C25"),  # a range as two brackets, read whole
    ]
    assert report.phrases[0].meaning == "quoted from the case papers, cited as C23: not checked"
    said = (
        "2 quotations from the case papers (cited by bundle page) not checked; 1 citation of "
        "no quotation (a paraphrase's) not checked: confirm its pinpoint and bundle page"
    )
    assert report.not_checked == said
    assert summary_line(report) == f"0 quotations checked; 0 need attention; {said}."
    markdown = audit_markdown(report)
    assert f"## {report.phrases_heading}" in markdown
    assert "| ‘hostile’ | quoted from the case papers, cited as C24–C25: not checked |" in markdown
    summary = audit_json(report)["summary"]
    assert isinstance(summary, dict) and summary["case_papers"] == 2


def test_a_bundle_page_in_the_reports_own_section_is_not_the_case_papers(
    folders, tmp_path: Path
) -> None:
    # [F2] is where the draft files Ofsted 2017 report: the words are checked as the report's.
    report = audit_paragraphs(
        folders,
        [
            "Ofsted found the front door slow (Ofsted 2017 report, p 2 [F2]).",
            "Ofsted found ‘Managers have not ensured that plans are reviewed’ [F2].",
        ],
        tmp_path,
    )
    assert verdicts(report) == [(None, "exact", "no_citation")]
    assert report.phrases == ()


@pytest.mark.parametrize(
    ("folder", "why"),
    [
        (None, "no reports folder"),
        ("empty", "the reports folder is empty"),
        ("other", "none of the reports quoted is in the reports folder"),
    ],
)
def test_every_summary_says_when_no_report_pdf_was_read(
    folders, tmp_path: Path, folder: str | None, why: str
) -> None:
    from carecite.draft.audit.report import audit_json, audit_markdown, summary_line

    path = plain_docx(
        tmp_path,
        "Ofsted found ‘Managers have not ensured that plans are reviewed.’ (Ofsted 2017 report, p 2)",
    )
    reports = None if folder is None else tmp_path / folder
    if reports is not None:
        reports.mkdir()
        (reports / ".DS_Store").write_bytes(b"")  # a hidden file is no report
        if folder == "other":
            (reports / "b.txt").write_text("\f".join(REPORT_B), encoding="utf-8")
    report = audit_docx(path, folders[0], reports)
    said = (
        f"no report PDF was read ({why}): each quotation was checked against the bank's "
        "passages only"
    )
    assert report.not_checked == said
    assert summary_line(report).endswith(f"; {said}.")
    assert f"; {said}." in audit_markdown(report)
    summary = audit_json(report)["summary"]
    assert isinstance(summary, dict) and summary["not_checked"] == said
    read = audit_docx(path, *folders)
    assert read.reports and not read.not_checked


def tracked(paragraph, kind: str, text: str) -> None:
    tag = "w:delText" if kind == "del" else "w:t"
    paragraph._p.append(
        parse_xml(
            f'<w:{kind} {nsdecls("w")} w:id="{len(text)}" w:author="A" '
            f'w:date="2026-01-01T00:00:00Z"><w:r><{tag} xml:space="preserve">{text}</{tag}>'
            f"</w:r></w:{kind}>"
        )
    )


def test_tracked_changes_are_read_as_accepted_and_reported(folders, tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Ofsted found ‘Managers have ")
    tracked(paragraph, "del", "not ")
    paragraph.add_run("ensured that plans are reviewed.’ (Ofsted 2017 report, p 2)")
    second = document.add_paragraph("And ‘Inspectors found that 25 children had ")
    tracked(second, "ins", "not ")
    second.add_run("been seen.’ (Ofsted 2017 report, para 1)")
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    report = audit_docx(path, *folders)
    # As accepted: "not" deleted from the first, inserted into the second.
    assert verdicts(report) == [(None, "altered", "ok"), (None, "exact", "ok")]
    assert (report.insertions, report.deletions) == (1, 1)


def test_without_reports_the_bank_passages_decide(folders, tmp_path: Path) -> None:
    bank, _ = folders
    path = write_docx(
        "1. ‘Managers have not ensured that plans are reviewed.’[^1] ‘Leaders were not "
        "aware of the failings.’[^1]\n\n[^1]: Ofsted 2017 report, p 2.\n",
        tmp_path / "draft.docx",
    )
    report = audit_docx(path, bank, None)
    assert [str(line.verdict) for line in report.lines] == ["exact", "not_found"]
    assert "report is not held" in report.lines[0].detail


@pytest.mark.parametrize(
    ("edit", "verdict"),
    [(None, "exact"), ("workers", "altered"), ("coloured", "altered"), ("good", "altered")],
    ids=["as-written", "after-the-inner-quotation", "before-it", "after-the-possessive"],
)
def test_a_possessive_and_an_inner_quotation_leave_no_words_unchecked(
    folders, tmp_path: Path, edit: str | None, verdict: str
) -> None:
    # ‘… partners’ good … ‘banners’ that … workers.’ reads two ways: one quotation with
    # ‘banners’ inside it, or ‘… partners’ and ‘banners’ that … workers.’ with the words
    # between them unquoted. An edit anywhere must fail.
    words = (
        "Referrals reflect partners’ good understanding, using coloured ‘banners’ that "
        "highlight clear actions to workers."
    )
    if edit is not None:
        words = words.replace(edit, "purple")
    report = audit_markdown_draft(
        folders, f"1. Ofsted found ‘{words}’[^1]\n\n[^1]: Ofsted 2017 report, para 3.\n", tmp_path
    )
    assert [str(line.verdict) for line in report.lines] == [verdict]
    assert report.lines[0].quote == words


def test_the_markdown_report_is_a_valid_gfm_table_per_section(folders, tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    from carecite.draft.audit.report import audit_markdown

    report = audit_paragraphs(
        folders,
        [
            "It found ‘Managers have not ensured | that plans are reviewed.’ (Ofsted 2017 report, p 2)",
            "And ‘Inspectors found that 25 children had been seen.’ (Ofsted 2017 report, para 1), "
            "in the ‘Report’.",
        ],
        tmp_path,
    )
    tokens = MarkdownIt("commonmark").enable("table").parse(audit_markdown(report))
    tables = [t for t in tokens if t.type == "table_open"]
    rows_per_table: list[int] = []
    cells = 0
    in_body = False
    for token in tokens:
        if token.type in ("tbody_open", "tbody_close"):
            in_body = token.type == "tbody_open"
            rows_per_table += [0] if in_body else []
        elif token.type == "tr_open" and in_body:
            rows_per_table[-1] += 1
        elif token.type == "td_open":
            cells += 1
    # Quotations (two rows of seven cells) and phrases (one row of three), a pipe inside a
    # quotation escaped rather than splitting its cell.
    assert (len(tables), rows_per_table, cells) == (2, [2, 1], 2 * 7 + 3)
    html = MarkdownIt("commonmark").enable("table").render(audit_markdown(report))
    assert "<td>‘Managers have not ensured | that plans are reviewed.’</td>" in html


def test_every_summary_lists_a_paraphrases_citation_as_not_checked(folders, tmp_path: Path) -> None:
    """A paraphrase's citation (which passage it restates is not in the draft) is counted and
    listed on every face, never passed silently; a bracket naming a source with no pinpoint
    (a defined name) and a quotation's own citation are not."""
    from carecite.draft.audit.report import audit_json, summary_line, write_audit

    report = audit_markdown_draft(
        folders,
        "1. The Ofsted 2017 report (the Ofsted 2017 report) found ‘Managers have not ensured "
        "that plans are reviewed.’[^1] It found the front door slow.[^2] And that workers know "
        "the children.[^3]\n\n"
        "2. Staff turnover tripled (Ofsted 2017 report, p 2 [F4]).\n\n"
        "[^1]: Ofsted 2017 report, p 2.\n[^2]: ibid.\n[^3]: ibid para 2 [F3].\n",
        tmp_path,
    )
    assert verdicts(report) == [("1", "exact", "ok")]
    assert [(c.number, c.location, c.cited, c.sources) for c in report.unchecked_citations] == [
        ("1", "footnote 2", "ibid.", ("Ofsted 2017 report",)),
        ("1", "footnote 3", "ibid para 2 [F3].", ("Ofsted 2017 report",)),
        ("2", "body", "Ofsted 2017 report, p 2 [F4]", ("Ofsted 2017 report",)),
    ]
    said = "3 citations of no quotation (a paraphrase's) not checked: confirm each one’s "
    said += "pinpoint and bundle page"
    assert report.not_checked == said
    assert summary_line(report).endswith(f"; {said}.")
    markdown = audit_markdown(report)
    assert f"## {report.citations_heading}" in markdown
    assert (
        "| 1, footnote 3 | ibid para 2 \\[F3\\]. | Ofsted 2017 report | no quotation: its "
        "pinpoint and bundle page not checked |"
    ) in markdown
    data = audit_json(report)
    summary = data["summary"]
    assert isinstance(summary, dict) and summary["citations_not_checked"] == 3
    assert summary["not_checked"] == said
    assert data["unchecked_citations"][2] == {  # type: ignore[index]
        "number": "2",
        "location": "body",
        "cited": "Ofsted 2017 report, p 2 [F4]",
        "sources": ["Ofsted 2017 report"],
        "meaning": "no quotation: its pinpoint and bundle page not checked",
    }
    word = docx.Document(str(write_audit(report, tmp_path / "cite-check.docx")))
    assert report.citations_heading in [paragraph.text for paragraph in word.paragraphs]
    assert word.tables[-1].rows[3].cells[1].text == "Ofsted 2017 report, p 2 [F4]"


def test_words_mostly_changed_are_not_found_rather_than_altered_in_a_report(
    folders, tmp_path: Path
) -> None:
    """An invented sentence sharing a few words with a report, in no bank passage, was
    "altered … the words are at page 3, para 2", with most of its words changed (review7
    F): a report's text must be as near as a passage's to be the words, altered."""
    report = audit_paragraphs(
        folders,
        [
            "Ofsted found ‘Staff in Example Borough rarely know their children well.’ "
            "(Ofsted 2017 report, para 9)"
        ],
        tmp_path,
    )
    (line,) = report.lines
    assert (line.verdict, line.citation) == (Verdict.NOT_FOUND, CitationCheck.NOT_CHECKED)
    assert line.detail.startswith("not in Ofsted 2017 report, the report the citation names")
