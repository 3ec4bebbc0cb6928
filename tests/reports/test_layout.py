"""Ingest by layout on a PDF the test writes: the rules hold without the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from carecite.cli.app import cli as main
from carecite.reports.ingest import read_report
from tests.pdfs import pdf_file

MARGIN, HANGING, TOP, PITCH, GAP = 72, 100, 770, 14.5, 26


def write_pdf(path: Path, pages: list[list[tuple[float, float, str, str, float]]]) -> Path:
    """A minimal PDF: each line is (x, y from the top, font F1 regular / F2 bold, text, size)."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # pages, filled below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    ]
    kids = []
    for lines in pages:
        stream = "".join(
            f"BT /{font} {size} Tf {x} {842 - y} Td ({text}) Tj ET\n"
            for x, y, font, text, size in lines
        ).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % content
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    path.write_bytes(pdf_file(objects))
    return path


class Page:
    """Lays out a page top to bottom as a word processor would."""

    def __init__(self, number: int) -> None:
        self.y = 90.0
        self.lines: list[tuple[float, float, str, str, float]] = [
            (500, 815, "F1", str(number), 12)  # the printed page number at the foot
        ]

    def heading(self, text: str) -> None:
        self.lines.append((MARGIN, self.y, "F2", text, 14))
        self.y += GAP

    def plain(self, text: str) -> None:
        self.lines.append((MARGIN, self.y, "F1", text, 12))
        self.y += GAP

    def para(self, number: int, *lines: str) -> None:
        self.lines.append((MARGIN, self.y, "F1", f"{number}.", 12))
        self.lines.append((HANGING, self.y, "F1", lines[0], 12))
        for line in lines[1:]:
            self.y += PITCH
            self.lines.append((HANGING, self.y, "F1", line, 12))
        self.y += GAP


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    one, two = Page(1), Page(2)
    one.heading("Recommendations")
    one.para(1, "Improve the quality of plans so that children", "are seen alone.")
    # The source dropped this paragraph's full stop: the next number still opens one.
    one.para(2, "Ensure that managers review every plan", "within six months")
    one.plain("Missing children")  # a sub-heading in plain type between paragraphs
    one.para(3, "Ensure that every child who goes missing is offered", "a return interview.")
    two.heading("Help and protection")
    two.para(4, "Inspectors found delay in the front door.")
    two.para(6, "The report skips a number here.", "Numbering carries on after it.")
    two.para(7, "Children in care are well supported.")
    return write_pdf(tmp_path / "report.pdf", [one.lines, two.lines])


def test_numbered_paragraphs_by_position_whatever_the_line_before_ends_with(report):
    source = read_report(report)
    rows = [(p.number, p.page, p.section) for p in source.paragraphs]
    assert rows == [
        (1, 1, "Recommendations"),
        (2, 1, "Recommendations"),
        (3, 1, "Recommendations — Missing children"),
        (4, 2, "Help and protection"),
        (6, 2, "Help and protection"),
        (7, 2, "Help and protection"),
    ]
    assert source.paragraph(2).text == "Ensure that managers review every plan within six months"


def test_a_skipped_number_is_a_warning_and_numbering_goes_on(report):
    warnings = read_report(report).warnings
    assert [(w.code, w.page, w.paragraph) for w in warnings] == [("numbering-gap", 2, 5)]


def test_ingest_prints_warnings_and_strict_exits_1(report):
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(report), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [w["code"] for w in data["warnings"]] == ["numbering-gap"]
    assert {"code", "message", "page", "paragraph"} == set(data["warnings"][0])
    assert "[numbering-gap]" in result.stderr
    strict = runner.invoke(main, ["ingest", str(report), "--strict"])
    assert strict.exit_code == 1


def test_a_clean_report_has_no_warnings_and_strict_passes(tmp_path, monkeypatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    page = Page(1)
    page.heading("Recommendations")
    page.para(1, "Improve the quality of plans.", "Every plan.")
    page.para(2, "Ensure that managers review plans.", "Every month.")
    path = write_pdf(tmp_path / "clean.pdf", [page.lines])
    assert read_report(path).warnings == ()
    assert CliRunner().invoke(main, ["ingest", str(path), "--strict"]).exit_code == 0


def test_a_report_with_no_numbered_paragraphs_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    page = Page(1)
    page.heading("Summary")
    page.plain("Services for children are good and getting better, say inspectors.")
    source = read_report(write_pdf(tmp_path / "pilot.pdf", [page.lines]))
    assert source.paragraphs == ()
    assert source.warnings == ()
    assert any("numbers no paragraphs" in note for note in source.notes)


def test_numbered_lines_none_of_which_reads_as_a_paragraph_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    one, two = Page(1), Page(2)
    one.heading("Summary")
    one.plain("Services for children are good and getting better, say inspectors.")
    # Numbers set in the body's own column, no hanging indent anywhere: no margin to read.
    two.lines.append((MARGIN, 90, "F1", "1. Managers review plans every month.", 12))
    two.lines.append((MARGIN, 90 + GAP, "F1", "2. Children are seen alone.", 12))
    source = read_report(write_pdf(tmp_path / "flat.pdf", [one.lines, two.lines]))
    assert [(w.code, w.page) for w in source.warnings] == [("no-numbered-paragraphs", 2)]


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        # A compound broken at the line end is one word again.
        (
            ["records are kept up-", "to-date by managers."],
            "records are kept up-to-date by managers.",
        ),
        (
            ["work is reviewed day-", "to-day by managers."],
            "work is reviewed day-to-day by managers.",
        ),
        # A suspended hyphen keeps its space.
        (["for 16-", "and 17-year-olds in care."], "for 16- and 17-year-olds in care."),
        (["for 16-", "to 17-year-olds in care."], "for 16- to 17-year-olds in care."),
        # A year range or a name with a number broken at the hyphen.
        (["plans for 2013-", "14 were late."], "plans for 2013-14 were late."),
        # ... and at an en dash (Blackpool 2014 p 26, Bristol 2014 p 23, Devon 2015 p 27
        # read "2013– 16"); a dash between words keeps its spaces.
        (["the 3-year 2013–", "16 rolling programme."], "the 3-year 2013–16 rolling programme."),
        (["the service –", "new this year – is good."], "the service – new this year – is good."),
        # A symbol font's dash (mapped into the private-use area) and a ligature.
        (
            ["adopted in 2016\uf02d17 after ﬁnding a match."],
            "adopted in 2016–17 after finding a match.",
        ),
    ],
)
def test_text_as_printed_across_line_ends(lines, text):
    from carecite.reports.ingest import read_text_pages

    source = read_text_pages(["\n".join(["Findings", "", "1. " + lines[0], *lines[1:]])])
    assert source.paragraph(1).text == text


def test_a_range_broken_after_its_dash_at_a_page_foot_is_one_token():
    from carecite.reports.ingest import read_text_pages

    source = read_text_pages(
        ["Findings\n\n1. Timeliness improved in 2014–", "15 for most children."]
    )
    assert source.paragraph(1).text == "Timeliness improved in 2014–15 for most children."


def test_the_self_check_names_strays_a_stopped_sequence_and_unassigned_text(tmp_path, monkeypatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    one, two = Page(1), Page(2)
    one.heading("Findings")
    one.para(1, "Managers review plans.", "Every month.")
    one.para(2, "Children are seen alone.", "Every visit.")
    one.para(40, "A number out of its place.", "Printed at the margin.")
    one.para(3, "Assessments are timely.", "In most cases.")
    # Text at the margin between two paragraphs, under no heading: a paragraph was missed.
    one.plain("This sentence belongs to no numbered paragraph at all.")
    one.para(4, "Plans are clear.", "And reviewed.")
    two.para(8, "The numbers jump past 5, 6 and 7.", "So the run stops at 4.")
    two.para(9, "And goes on from there.", "Unread.")
    source = read_report(write_pdf(tmp_path / "strays.pdf", [one.lines, two.lines]))
    found = [(w.code, w.page, w.paragraph) for w in source.warnings]
    assert found == [
        ("number-out-of-sequence", 1, 40),
        ("sequence-stopped", 2, 8),
        ("sequence-stopped", 2, 9),
        ("unassigned-text", 1, 3),
    ]
    assert [p.number for p in source.paragraphs] == [1, 2, 3, 4]


def test_numbering_the_layout_could_not_follow_is_not_dropped_silently(tmp_path, monkeypatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    page = Page(1)
    page.heading("Findings")
    page.para(1, "Managers review plans.", "Every month.")
    page.para(2, "Children are seen alone.", "Every visit.")
    # Paragraph 3 set somewhere else entirely (a text box), with no hanging indent.
    page.lines.append((180, page.y, "F1", "3. Plans are reviewed in a box of their own.", 12))
    source = read_report(write_pdf(tmp_path / "box.pdf", [page.lines]))
    assert [p.number for p in source.paragraphs] == [1, 2]
    assert [(w.code, w.paragraph) for w in source.warnings] == [("sequence-stopped", 3)]


def bullet_item(page: Page, *lines: str, bullet_size: float = 12) -> None:
    """A bulleted list item: the bullet at the margin (in its own size), the words indented."""
    page.lines.append((MARGIN, page.y, "F1", "\\267", bullet_size))  # StandardEncoding's •
    for i, line in enumerate(lines):
        page.lines.append((MARGIN + 18, page.y + i * PITCH, "F1", line, 12))
    page.y += (len(lines) - 1) * PITCH + GAP


def test_a_bullet_set_smaller_than_its_words_keeps_its_item_whole(tmp_path, monkeypatch):
    """Sefton 2022 p 2: the first item's bullet was 11 pt beside 12 pt words, so its first
    line stood apart from its second and was dropped."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    page = Page(1)
    page.heading("What needs to improve?")
    bullet_item(
        page,
        "Systems and resources to provide a safe service which",
        "makes children safer.",
        bullet_size=10,
    )
    bullet_item(page, "Caseloads so that children are seen.")
    source = read_report(write_pdf(tmp_path / "list.pdf", [page.lines]))
    assert [(b.text, b.listed) for b in source.blocks] == [
        ("Systems and resources to provide a safe service which makes children safer.", True),
        ("Caseloads so that children are seen.", True),
    ]
    assert source.warnings == ()


def test_a_sentence_carried_over_the_page_is_not_a_heading(tmp_path, monkeypatch):
    """Wirral 2016 pp 2-3: a paragraph's first line, alone at the foot of page 2, was read as
    a plain-type sub-heading: the paragraph lost it, was pinned to page 3 alone, and the
    line named the section of the passages after it."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    one, two = Page(1), Page(2)
    one.heading("Executive summary")
    one.plain("Children are seen promptly and their plans are reviewed.")
    one.plain("Performance data is widely scrutinised by managers and elected")
    two.lines.append((MARGIN, 90, "F1", "members, but is not yet leading to improvement.", 12))
    two.y = 90 + GAP
    two.plain("Strategy discussions are often delayed.")
    source = read_report(write_pdf(tmp_path / "over.pdf", [one.lines, two.lines]))
    carried = source.blocks[1]
    assert carried.text == (
        "Performance data is widely scrutinised by managers and elected members, "
        "but is not yet leading to improvement."
    )
    assert carried.pages == (1, 2)
    assert source.sections == ("Executive summary",)
    assert source.warnings == ()


def test_a_sentence_set_bold_is_text_not_a_heading(tmp_path, monkeypatch):
    """York 2017 p 7: a sentence set bold under "Children looked after in this area" was
    read as a sub-heading with nothing under it, so its words were in no passage and no
    warning said so. A heading never ends with a full stop; a judgement stated as a
    sentence ("… are good.", Derbyshire 2014) still heads its part."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    page = Page(1)
    page.heading("Children looked after in this area")
    page.plain("Seven children became subject of special guardianship orders.")
    bold = "The local authority operates a small number of theoretical models."
    page.lines.append((MARGIN, page.y, "F2", bold, 12))
    page.y += GAP
    judgement = "The experiences and progress of children looked after are good."
    page.lines.append((MARGIN, page.y, "F2", judgement, 12))
    page.y += GAP
    page.plain("Children are seen promptly and their plans are reviewed.")
    source = read_report(write_pdf(tmp_path / "bold.pdf", [page.lines]))
    assert [(b.text, b.section) for b in source.blocks[1:]] == [
        (bold, "Children looked after in this area"),
        ("Children are seen promptly and their plans are reviewed.", judgement),
    ]


def test_a_page_break_ends_a_paragraph_only_where_the_line_above_had_room(tmp_path, monkeypatch):
    """Derbyshire 2014 pp 7-8: a list's items, their dashes drawn and not in the text, are
    told apart by the gaps between them; across a page break there is no gap, so the
    item at the foot of page 7 and the first on page 8 were read as one. A line is broken
    where its next word does not fit: a short line ending an item ended it. A full line
    ending a sentence may go on in the same paragraph, and does."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    full = "Approximately 664 children are looked after by the local authority."
    one, two, three = Page(1), Page(2), Page(3)
    one.heading("Children looked after in this area")
    one.plain(full)
    one.plain("In the last 12 months there have been:")
    for item in ("75 adoptions;", "28 lived in residential homes;"):
        one.lines.append((MARGIN + 36, one.y, "F1", item, 12))
        one.y += GAP
    two.lines.append((MARGIN + 36, 90, "F1", "6 lived in residential special schools;", 12))
    two.y = 90 + GAP
    two.plain("Their plans are reviewed on time.")
    two.plain(full)
    three.plain("Their plans are reviewed on time.")
    source = read_report(write_pdf(tmp_path / "list.pdf", [one.lines, two.lines, three.lines]))
    assert [(b.pages, b.text) for b in source.blocks] == [
        ((1,), full),
        ((1,), "In the last 12 months there have been:"),
        ((1,), "75 adoptions;"),
        ((1,), "28 lived in residential homes;"),
        ((2,), "6 lived in residential special schools;"),
        ((2,), "Their plans are reviewed on time."),
        ((2, 3), f"{full} Their plans are reviewed on time."),
    ]


def test_a_footnote_number_set_on_a_line_of_its_own(tmp_path, monkeypatch):
    """Bristol 2014 p 9: the footnote's number stood raised on a line of its own, so the
    footnote was read as body text (a passage) and its mark stayed glued to the heading
    ("… area2")."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    page = Page(1)
    page.heading("Information about this area2")  # the mark, as PDFium reads it
    page.plain("Approximately 90,500 children live in Bristol.")
    page.lines.append((MARGIN, 766, "F1", "2", 6.5))
    page.lines.append((MARGIN + 6, 771, "F1", "The local authority reviewed this section.", 10))
    source = read_report(write_pdf(tmp_path / "note.pdf", [page.lines]))
    assert source.pages[0].footnotes == ("2 The local authority reviewed this section.",)
    assert [(b.section, b.text) for b in source.blocks] == [
        ("Information about this area", "Approximately 90,500 children live in Bristol.")
    ]


def test_the_pieces_of_one_printed_line_are_joined_and_a_cell_beside_it_is_not():
    """Bristol 2014 p 10: PDFium ended a line at a raised footnote mark ("schools³, of whom
    five live out of the"); the rest, on the same baseline, was taken for a cell beside the
    line and read after the line below it ("… schools3 authority area , of whom …")."""
    from carecite.reports.layout import Line, _rejoined, _side_cells_last

    def piece(text: str, x: float, y: float, end: float) -> Line:
        return Line(text, x, y, 12.0, False, right=end)

    pieces = [
        piece("11 live in residential special schools3", 116.3, 237.0, 325.0),
        piece(", of whom five live out of the", 325.4, 237.0, 480.0),
        piece("authority area", 133.3, 251.6, 210.0),
        # A judgement table's row: the grade a cell an em to the right of the area.
        piece("The experiences and progress of children who", 76.3, 300.0, 320.0),
        piece("Requires Improvement", 331.4, 300.0, 450.0),
        piece("need help and protection", 76.3, 314.5, 220.0),
    ]
    assert [line.text for line in _side_cells_last(_rejoined(pieces))] == [
        "11 live in residential special schools3, of whom five live out of the",
        "authority area",
        "The experiences and progress of children who",
        "need help and protection",
        "Requires Improvement",
    ]
    # Wirral 2016 p 7: the mark opens PDFium's second piece; touching the comma, it is
    # glued to it as printed, where the footnote's markers are dropped.
    touching = [
        piece("18 live in residential special schools,", 107.0, 90.0, 311.2),
        piece("3 all of whom live outside the", 311.3, 90.0, 470.0),
    ]
    assert [line.text for line in _rejoined(touching)] == [
        "18 live in residential special schools,3 all of whom live outside the"
    ]


def test_text_starting_mid_sentence_after_a_heading_is_a_warning():
    from carecite.reports.ingest import read_text_pages

    source = read_text_pages(["Findings\n\nmembers, but is not yet leading to improvement.\n"])
    assert [(w.code, w.page) for w in source.warnings] == [("starts-mid-sentence", 1)]
    assert "“members, but is not yet leading" in source.warnings[0].message
