"""The Word writer: each test builds a draft from a little Markdown and reads it back by XPath.

Documents are re-opened both with python-docx (the library that wrote them) and with
docx2python (an independent reader), so a structure only python-docx tolerates is caught.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Cm, Inches, Mm, Pt
from docx2python import docx2python
from lxml import etree

from carecite.draft.write.docx import build_document, write_docx
from carecite.draft.write.properties import DocumentProperties
from carecite.errors import DraftError, OutputExistsError
from tests.conftest import docx_to_pdf_text, needs_soffice

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def write(tmp_path: Path, markdown: str, name: str = "draft.docx", **options) -> Path:
    return write_docx(markdown, tmp_path / name, **options)


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def numbered(body: etree._Element) -> list[tuple[str, int, int, str]]:
    """(text, numId, ilvl, style) of every paragraph with real numbering (numId > 0)."""
    rows = []
    for p in body.iterfind(".//w:p", NS):
        num_id = p.find("w:pPr/w:numPr/w:numId", NS)
        if num_id is None or num_id.get(w("val")) == "0":
            continue
        ilvl = int(p.find("w:pPr/w:numPr/w:ilvl", NS).get(w("val")))
        text = "".join(p.itertext())
        style = p.find("w:pPr/w:pStyle", NS)
        rows.append(
            (
                text,
                int(num_id.get(w("val"))),
                ilvl,
                style.get(w("val")) if style is not None else "",
            )
        )
    return rows


def abstract_of(numbering: etree._Element, num_id: int) -> str:
    return numbering.xpath(f"./w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val", namespaces=NS)[0]


SKELETON = """\
# Introduction

1. The guardian supports the plan.

   This second paragraph of item 1 is not numbered.

   1. first sub-paragraph
      1. a sub-sub-paragraph
   2. second sub-paragraph
2. The local authority's services were judged inadequate.

## The report

> Leaders have not ensured that social workers are supervised.

3. The court should note the report.

{.schedule}
1. Schedule item one
2. Schedule item two

### Conclusion

1. The typed 1 continues the main sequence.
"""


# -- numbering ---------------------------------------------------------------------------


def test_main_sequence_continues_across_headings_quotes_and_lists(tmp_path: Path) -> None:
    path = write(tmp_path, SKELETON)
    body = part(path, "word/document.xml")
    rows = [r for r in numbered(body) if r[2] == 0]
    main = [r for r in rows if "Schedule" not in r[0]]
    assert [r[0][:10] for r in main] == ["The guardi", "The local ", "The court ", "The typed "]
    assert len({r[1] for r in main}) == 1, "one w:num for the whole main sequence"
    schedule = [r for r in rows if "Schedule" in r[0]]
    assert len(schedule) == 2 and schedule[0][1] != main[0][1]


def test_sub_paragraphs_use_levels_a_and_i_of_the_same_sequence(tmp_path: Path) -> None:
    body = part(write(tmp_path, SKELETON), "word/document.xml")
    levels = {text: (num, ilvl) for text, num, ilvl, _ in numbered(body)}
    main_num = levels["The guardian supports the plan."][0]
    assert levels["first sub-paragraph"] == (main_num, 1)
    assert levels["second sub-paragraph"] == (main_num, 1)
    assert levels["a sub-sub-paragraph"] == (main_num, 2)


def test_numbering_definition_levels_and_schema_order(tmp_path: Path) -> None:
    path = write(tmp_path, SKELETON)
    numbering = part(path, "word/numbering.xml")
    tags = [etree.QName(c).localname for c in numbering]
    last_abstract = max(i for i, t in enumerate(tags) if t == "abstractNum")
    first_num = min(i for i, t in enumerate(tags) if t == "num")
    assert last_abstract < first_num, "all abstractNums before the first num"
    main_num = numbered(part(path, "word/document.xml"))[0][1]
    abstract = numbering.xpath(
        f"./w:abstractNum[@w:abstractNumId='{abstract_of(numbering, main_num)}']", namespaces=NS
    )[0]
    got = [
        (
            lvl.find("w:numFmt", NS).get(w("val")),
            lvl.find("w:lvlText", NS).get(w("val")),
            lvl.find("w:pPr/w:ind", NS).get(w("hanging")),
        )
        for lvl in abstract.iterfind("w:lvl", NS)
    ]
    assert got == [
        ("decimal", "%1.", "720"),
        ("lowerLetter", "(%2)", "720"),
        ("lowerRoman", "(%3)", "720"),
    ]


def test_schedule_has_its_own_abstract_num(tmp_path: Path) -> None:
    path = write(tmp_path, SKELETON)
    numbering = part(path, "word/numbering.xml")
    rows = numbered(part(path, "word/document.xml"))
    main_num = rows[0][1]
    schedule_num = next(num for text, num, _, _ in rows if text.startswith("Schedule"))
    assert abstract_of(numbering, main_num) != abstract_of(numbering, schedule_num)
    assert not numbering.xpath(f"./w:num[@w:numId='{main_num}']/w:lvlOverride", namespaces=NS)


def test_two_schedules_are_two_sequences(tmp_path: Path) -> None:
    md = "{.schedule}\n1. a\n\nBetween.\n\n{.schedule}\n1. b\n"
    rows = numbered(part(write(tmp_path, md), "word/document.xml"))
    assert rows[0][1] != rows[1][1]


def level_start(numbering: etree._Element, num_id: int, ilvl: int = 0) -> int:
    """The number a paragraph of ``num_id`` at ``ilvl`` starts from: override, else definition."""
    num = numbering.xpath(f"./w:num[@w:numId='{num_id}']", namespaces=NS)[0]
    override = num.xpath(f"./w:lvlOverride[@w:ilvl='{ilvl}']/w:startOverride/@w:val", namespaces=NS)
    if override:
        return int(override[0])
    abstract = abstract_of(numbering, num_id)
    return int(
        numbering.xpath(
            f"./w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='{ilvl}']/w:start/@w:val",
            namespaces=NS,
        )[0]
    )


def test_a_typed_start_number_restarts_the_main_sequence_there(tmp_path: Path) -> None:
    md = "5. Fifth.\n\nText.\n\n1. Sixth.\n\nText.\n\n9. Ninth.\n\n   1. sub\n"
    path = write(tmp_path, md)
    numbering = part(path, "word/numbering.xml")
    rows = {text: num for text, num, _, _ in numbered(part(path, "word/document.xml"))}
    assert rows["Fifth."] == rows["Sixth."], "1. continues the restarted sequence"
    assert level_start(numbering, rows["Fifth."]) == 5
    assert rows["Ninth."] != rows["Fifth."] and level_start(numbering, rows["Ninth."]) == 9
    assert rows["sub"] == rows["Ninth."]
    assert abstract_of(numbering, rows["Ninth."]) == abstract_of(numbering, rows["Fifth."])


def test_the_number_a_sequence_has_reached_continues_it(tmp_path: Path) -> None:
    md = "1. One.\n2. Two.\n\n## Heading\n\n3. Three.\n"
    path = write(tmp_path, md)
    numbering = part(path, "word/numbering.xml")
    rows = numbered(part(path, "word/document.xml"))
    assert len({num for _, num, _, _ in rows}) == 1
    assert not numbering.xpath("./w:num/w:lvlOverride", namespaces=NS)


def test_a_schedule_typed_from_3_starts_at_3(tmp_path: Path) -> None:
    md = "1. Main.\n\n{.schedule}\n3. Third order.\n4. Fourth order.\n\nText.\n\n1. Main two.\n"
    path = write(tmp_path, md)
    with docx2python(path) as read:
        text = read.text
    assert "3)\tThird order." in text and "4)\tFourth order." in text
    assert "2)\tMain two." in text


def test_later_paragraphs_of_an_item_are_unnumbered_and_indented(tmp_path: Path) -> None:
    document = docx.Document(str(write(tmp_path, SKELETON)))
    second = next(p for p in document.paragraphs if p.text.startswith("This second"))
    assert second._p.pPr.numPr is None
    assert second.paragraph_format.left_indent == Inches(0.5)


def test_headings_use_heading_styles_and_are_never_numbered(tmp_path: Path) -> None:
    document = docx.Document(str(write(tmp_path, SKELETON)))
    headings = {p.text: p for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {t: p.style.style_id for t, p in headings.items()} == {
        "Introduction": "Heading1",
        "The report": "Heading2",
        "Conclusion": "Heading3",
    }
    for paragraph in headings.values():
        assert paragraph._p.pPr.numPr.numId.val == 0


def test_block_quote_is_quote_style_without_added_marks(tmp_path: Path) -> None:
    document = docx.Document(str(write(tmp_path, SKELETON)))
    quote = next(p for p in document.paragraphs if p.text.startswith("Leaders"))
    assert quote.style.style_id == "Quote"
    assert quote.text == "Leaders have not ensured that social workers are supervised."
    assert quote._p.pPr.numPr is None
    style = document.styles["Quote"]
    assert style.paragraph_format.left_indent == style.paragraph_format.right_indent > 0
    assert not style.font.italic


def test_a_title_stays_on_the_line_of_the_name_after_it(tmp_path: Path) -> None:
    # "Ms G" broke across two lines of a position statement (a user review, the page image).
    markdown = "1. The Children's Guardian, Ms G, and HHJ Smith; Ms is not a title here.\n"
    document = docx.Document(str(write(tmp_path, markdown)))
    (paragraph,) = [p for p in document.paragraphs if p.text]
    assert paragraph.text == (
        "The Children's Guardian, Ms\u00a0G, and HHJ\u00a0Smith; Ms is not a title here."
    )


def test_bullets_are_real_bullets(tmp_path: Path) -> None:
    path = write(tmp_path, "- one\n- two\n")
    rows = numbered(part(path, "word/document.xml"))
    assert [r[0] for r in rows] == ["one", "two"]
    numbering = part(path, "word/numbering.xml")
    abstract_id = abstract_of(numbering, rows[0][1])
    fmt = numbering.xpath(
        f"./w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='0']/w:numFmt/@w:val",
        namespaces=NS,
    )
    assert fmt == ["bullet"]


def test_docx2python_reads_the_numbering(tmp_path: Path) -> None:
    with docx2python(write(tmp_path, SKELETON)) as read:
        text = read.text
    assert "1)\tThe guardian" in text and "3)\tThe court" in text
    assert "4)\tThe typed 1 continues" in text
    assert "a)\tfirst sub-paragraph" in text


# -- footnotes ---------------------------------------------------------------------------

CITED = """\
1. The report found drift.[^o1] Oversight was weak.[^o2]

[^o1]: Ofsted, 'Tower Hamlets' (Ofsted, 7 April 2017) para 16.
[^o2]: Ofsted 2017 (n 1) *para 41*.
"""


def test_footnote_references_point_at_footnotes_holding_the_text(tmp_path: Path) -> None:
    path = write(tmp_path, CITED)
    body = part(path, "word/document.xml")
    notes = part(path, "word/footnotes.xml")
    ids = body.xpath("//w:footnoteReference/@w:id", namespaces=NS)
    assert ids == ["1", "2"]
    texts = [
        "".join(notes.xpath(f"./w:footnote[@w:id='{i}']//w:t/text()", namespaces=NS)).strip()
        for i in ids
    ]
    assert texts == [
        "Ofsted, 'Tower Hamlets' (Ofsted, 7 April 2017) para 16.",
        "Ofsted 2017 (n 1) para 41.",
    ]
    assert notes.xpath("./w:footnote[@w:id='1']//w:footnoteRef", namespaces=NS)
    special = notes.xpath("./w:footnote[@w:type]/@w:id", namespaces=NS)
    assert sorted(special) == ["-1", "0"]


def test_footnote_styles_are_12pt_and_one_and_a_half_spaced(tmp_path: Path) -> None:
    path = write(tmp_path, CITED)
    notes = part(path, "word/footnotes.xml")
    assert set(notes.xpath("./w:footnote[@w:id>0]/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS)) == {
        "FootnoteText"
    }
    styles = docx.Document(str(path)).styles
    text = styles["footnote text"]
    assert text.style_id == "FootnoteText"
    assert text.font.size.pt == 12
    assert text.paragraph_format.line_spacing == 1.5
    assert styles["footnote reference"].font.superscript


def test_docx2python_reads_the_footnotes(tmp_path: Path) -> None:
    with docx2python(write(tmp_path, CITED)) as read:
        notes = "".join(str(x) for x in read.footnotes)
    assert "Tower Hamlets" in notes and "para 41" in notes


def test_inline_citations_go_in_brackets_in_the_body(tmp_path: Path) -> None:
    path = write(tmp_path, CITED, citations="inline")
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == (
        "The report found drift. (Ofsted, 'Tower Hamlets' (Ofsted, 7 April 2017) para 16.) "
        "Oversight was weak. (Ofsted 2017 (n 1) para 41.)"
    )
    assert not part(path, "word/document.xml").xpath("//w:footnoteReference", namespaces=NS)
    with zipfile.ZipFile(path) as package:
        assert "word/footnotes.xml" not in package.namelist()


def test_a_note_cited_twice_becomes_two_word_footnotes(tmp_path: Path) -> None:
    path = write(tmp_path, "A.[^n] B.[^n]\n\n[^n]: Same.\n")
    notes = part(path, "word/footnotes.xml")
    assert len(notes.xpath("./w:footnote[not(@w:type)]", namespaces=NS)) == 2


NOTE_WITH_BLOCKS = """\
1. The report found drift.[^a]

2. Plans were not reviewed.

[^a]: Ofsted found:

    > Leaders have not ensured that social workers are supervised.

    3. plans drifted;
    4. visits were late.

    - a bullet

    See also the 2019 report.
"""


def note_paragraphs(path: Path, note_id: int = 1) -> list[etree._Element]:
    return part(path, "word/footnotes.xml").xpath(
        f"./w:footnote[@w:id='{note_id}']/w:p", namespaces=NS
    )


def test_a_footnote_holds_a_quotation_lists_and_several_paragraphs(tmp_path: Path) -> None:
    path = write(tmp_path, NOTE_WITH_BLOCKS)
    paragraphs = note_paragraphs(path)
    got = [
        ("".join(p.itertext()).strip(), p.find("w:pPr/w:pStyle", NS).get(w("val")))
        for p in paragraphs
    ]
    assert got == [
        ("Ofsted found:", "FootnoteText"),
        ("Leaders have not ensured that social workers are supervised.", "Quote"),
        ("plans drifted;", "FootnoteText"),
        ("visits were late.", "FootnoteText"),
        ("a bullet", "FootnoteText"),
        ("See also the 2019 report.", "FootnoteText"),
    ]
    assert paragraphs[0].find("w:r/w:footnoteRef", NS) is not None, "the note's number leads"
    numbering = part(path, "word/numbering.xml")
    main = numbered(part(path, "word/document.xml"))
    assert [text for text, *_ in main] == ["The report found drift.", "Plans were not reviewed."]
    listed = numbered(paragraphs[0].getparent())
    assert [(text, ilvl) for text, _, ilvl, _ in listed] == [
        ("plans drifted;", 0),
        ("visits were late.", 0),
        ("a bullet", 0),
    ]
    note_num = listed[0][1]
    assert note_num != main[0][1], "a note's list is not part of the main sequence"
    assert abstract_of(numbering, note_num) != abstract_of(numbering, main[0][1])
    assert level_start(numbering, note_num) == 3
    bullet_abstract = abstract_of(numbering, listed[2][1])
    assert numbering.xpath(
        f"./w:abstractNum[@w:abstractNumId='{bullet_abstract}']/w:lvl[@w:ilvl='0']/w:numFmt/@w:val",
        namespaces=NS,
    ) == ["bullet"]


def test_docx2python_reads_a_footnotes_numbered_list(tmp_path: Path) -> None:
    with docx2python(write(tmp_path, NOTE_WITH_BLOCKS)) as read:
        notes = [text for block in read.footnotes for row in block for cell in row for text in cell]
    assert "3)\tplans drifted;" in notes and "4)\tvisits were late." in notes


def test_a_note_opening_with_a_quotation_has_its_number_on_its_own_line(tmp_path: Path) -> None:
    paragraphs = note_paragraphs(write(tmp_path, "Text.[^a]\n\n[^a]: > Quoted words.\n"))
    assert paragraphs[0].find("w:r/w:footnoteRef", NS) is not None
    assert "".join(paragraphs[0].itertext()).strip() == ""
    assert paragraphs[1].find("w:pPr/w:pStyle", NS).get(w("val")) == "Quote"
    assert "".join(paragraphs[1].itertext()) == "Quoted words."


def test_a_table_in_a_footnote_is_a_word_table_in_the_note(tmp_path: Path) -> None:
    md = "Text.[^a]\n\n[^a]: Judgements:\n\n    | Year | Overall |\n    |---|---|\n    | 2017 | inadequate |\n"
    notes = part(write(tmp_path, md), "word/footnotes.xml")
    table = notes.xpath("./w:footnote[@w:id='1']/w:tbl", namespaces=NS)
    assert len(table) == 1
    cells = ["".join(tc.itertext()) for tc in table[0].iterfind(".//w:tc", NS)]
    assert cells == ["Year", "Overall", "2017", "inadequate"]


def test_an_inline_citation_keeps_the_numbers_of_a_notes_list(tmp_path: Path) -> None:
    document = docx.Document(str(write(tmp_path, NOTE_WITH_BLOCKS, citations="inline")))
    assert document.paragraphs[0].text == (
        "The report found drift. (Ofsted found: Leaders have not ensured that social "
        "workers are supervised. 3. plans drifted; 4. visits were late. • a bullet "
        "See also the 2019 report.)"
    )


# -- page, fonts, properties -------------------------------------------------------------


def test_page_is_a4_with_a_wide_left_margin(tmp_path: Path) -> None:
    section = docx.Document(str(write(tmp_path, "Text.\n"))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.cm, 1) == 3.5
    assert round(section.right_margin.cm, 1) == 2.5


def test_landscape_turns_the_a4_page_and_widens_tables(tmp_path: Path) -> None:
    document = build_document("| A | B |\n|---|---|\n| x | y |\n", landscape=True)
    pg_sz = document.element.body.sectPr.find(w("pgSz"))
    assert pg_sz.get(w("orient")) == "landscape"
    assert int(pg_sz.get(w("w"))) > int(pg_sz.get(w("h")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    widths = [column.width for column in document.tables[0].columns]
    # 297 mm less the 3.5 cm and 2.5 cm margins.
    assert abs(sum(widths) - Mm(237)) < Mm(1)


def test_body_is_12pt_arial_one_and_a_half_spaced(tmp_path: Path) -> None:
    path = write(tmp_path, "Text.\n")
    styles = part(path, "word/styles.xml")
    r_pr = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert r_pr.find("w:sz", NS).get(w("val")) == "24"
    assert r_pr.find("w:rFonts", NS).get(w("ascii")) == "Arial"
    assert r_pr.find("w:lang", NS).get(w("val")) == "en-GB"
    normal = docx.Document(str(path)).styles["Normal"]
    assert normal.font.size.pt == 12
    assert normal.paragraph_format.line_spacing == 1.5


USED_STYLES = ("Normal", "Heading1", "FootnoteText")


def test_font_option_sets_times_new_roman(tmp_path: Path) -> None:
    path = write(tmp_path, "# H\n\nText.[^a]\n\n[^a]: N.\n", font="Times New Roman")
    styles = part(path, "word/styles.xml")
    for where in ("w:docDefaults", *(f"w:style[@w:styleId='{i}']" for i in USED_STYLES)):
        assert styles.xpath(f"./{where}//w:rFonts/@w:ascii", namespaces=NS) == ["Times New Roman"]


def test_footer_has_page_and_numpages_fields_with_cached_results(tmp_path: Path) -> None:
    path = write(tmp_path, "Text.\n")
    footer = part(path, "word/footer1.xml")
    p = footer.find(".//w:p", NS)
    assert "".join(p.itertext()).startswith("Page ")
    instructions = [t.strip() for t in p.xpath(".//w:instrText/text()", namespaces=NS)]
    assert instructions == ["PAGE", "NUMPAGES"]
    sequence = [
        child.get(w("fldCharType")) if child.tag == w("fldChar") else "text"
        for r in p.iterfind("w:r", NS)
        for child in r
        if child.tag in (w("fldChar"), w("t"))
    ]
    field = ["begin", "separate", "text", "end"]
    assert sequence == ["text", *field, "text", *field]


def test_core_properties(tmp_path: Path) -> None:
    when = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
    props = DocumentProperties(title="Skeleton", author="A. Barrister", created=when)
    core = docx.Document(str(write(tmp_path, "Text.\n", properties=props))).core_properties
    assert (core.title, core.author, core.created) == ("Skeleton", "A. Barrister", when)
    assert core.last_modified_by == "A. Barrister"


# -- inline features ---------------------------------------------------------------------


def test_placeholder_is_highlighted_and_bracketed(tmp_path: Path) -> None:
    document = docx.Document(str(write(tmp_path, "Dated [date of hearing]{.placeholder}.\n")))
    paragraph = document.paragraphs[0]
    assert paragraph.text == "Dated [●  date of hearing]."
    lit = [r for r in paragraph.runs if r.font.highlight_color is not None]
    assert "".join(r.text for r in lit) == "[●  date of hearing]"
    assert {r.font.highlight_color.name for r in lit} == {"YELLOW"}


def test_comment_is_anchored_on_its_runs(tmp_path: Path) -> None:
    md = 'It said [there was drift]{.comment note="pinpoint not checked"} in 2016.\n'
    path = write(tmp_path, md)
    body = part(path, "word/document.xml")
    comments = part(path, "word/comments.xml")
    comment = comments.find("w:comment", NS)
    assert comment.get(w("author")) == "carecite"
    assert "".join(comment.itertext()) == "pinpoint not checked"
    cid = comment.get(w("id"))
    start = body.xpath(f"//w:commentRangeStart[@w:id='{cid}']", namespaces=NS)[0]
    anchored = start.getnext()
    assert "".join(anchored.itertext()) == "there was drift"
    assert anchored.getnext().tag == w("commentRangeEnd")
    assert body.xpath(f"//w:commentReference[@w:id='{cid}']", namespaces=NS)


def test_comment_inside_a_footnote_goes_on_the_reference_mark(tmp_path: Path) -> None:
    md = 'Drift.[^a]\n\n[^a]: Ofsted [para 16]{.comment note="unchecked pinpoint"}.\n'
    path = write(tmp_path, md)
    body = part(path, "word/document.xml")
    start = body.find(".//w:commentRangeStart", NS)
    assert start.getnext().find("w:footnoteReference", NS) is not None
    assert "".join(part(path, "word/comments.xml").itertext()) == "unchecked pinpoint"
    notes = part(path, "word/footnotes.xml")
    assert "".join(notes.itertext()).strip() == "Ofsted para 16."


def test_comment_inside_an_inline_citation_is_anchored_in_the_body(tmp_path: Path) -> None:
    md = 'Drift.[^a]\n\n[^a]: Ofsted [para 16]{.comment note="unchecked"}.\n'
    body = part(write(tmp_path, md, citations="inline"), "word/document.xml")
    assert "".join(body.find(".//w:commentRangeStart", NS).getnext().itertext()) == "para 16"


def test_emphasis_and_escapes(tmp_path: Path) -> None:
    document = docx.Document(str(write(tmp_path, "*it* **bold** \\*not\\* \\[x] ‘quote’\n")))
    runs = document.paragraphs[0].runs
    assert runs[0].italic and runs[0].text == "it"
    assert runs[2].bold and runs[2].text == "bold"
    assert document.paragraphs[0].text == "it bold *not* [x] ‘quote’"


# -- blocks --------------------------------------------------------------------------------


def test_containers_align_and_keep_the_signature_together(tmp_path: Path) -> None:
    md = (
        "::: right\nOn behalf of the Guardian\n\nJ. Smith\n:::\n\n"
        "::: center\nIN THE FAMILY COURT\n:::\n\n"
        "::: signature\nSigned\n\nJ. Smith\n\n12 March 2026\n:::\n"
    )
    paragraphs = docx.Document(str(write(tmp_path, md))).paragraphs
    assert [p.alignment for p in paragraphs[:3]] == [2, 2, 1]  # RIGHT, RIGHT, CENTER
    signature = paragraphs[3:]
    assert [p.paragraph_format.keep_with_next for p in signature] == [True, True, None]
    assert all(p.paragraph_format.keep_together for p in signature)


def test_tables_grid_and_plain(tmp_path: Path) -> None:
    md = (
        "| Date | Event |\n|---|---|\n| 2017 | Inadequate |\n\n"
        "{.plain}\n|  |  |\n|---|---|\n| Tower Hamlets | Applicant |\n| A.B. | Respondent |\n"
    )
    document = docx.Document(str(write(tmp_path, md)))
    grid, plain = document.tables
    assert grid.style.style_id == "TableGrid"
    assert grid.cell(0, 0).paragraphs[0].runs[0].bold
    assert len(plain.rows) == 2, "an empty header row of a plain table is dropped"
    assert plain.cell(0, 0).text == "Tower Hamlets"
    borders = plain._tbl.tblPr.find(w("tblBorders"))
    assert {b.get(w("val")) for b in borders} == {"none"}


def test_columns_are_sized_by_what_they_hold(tmp_path: Path) -> None:
    long_text = "children who need help and protection: inadequate; " * 3
    md = f"| Report | Overall | Other judgements |\n|---|---|---|\n| 2017 | inadequate | {long_text} |\n\nAfter.\n"
    document = docx.Document(str(write(tmp_path, md)))
    section = document.sections[0]
    widths = [column.width for column in document.tables[0].columns]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(sum(widths) - text_width) < Pt(2)
    assert widths[0] < widths[1] < widths[2]
    # "inadequate" (10 characters of 12 pt text) must fit without breaking mid-word.
    assert widths[1] > Pt(12) * 0.55 * 10
    after = next(p for p in document.paragraphs if p.text == "After.")
    assert after.paragraph_format.space_before == Pt(12)


def test_thematic_break_is_a_page_break(tmp_path: Path) -> None:
    paragraphs = docx.Document(str(write(tmp_path, "One.\n\n***\n\nTwo.\n"))).paragraphs
    assert [p.text for p in paragraphs] == ["One.", "Two."]
    assert paragraphs[1].paragraph_format.page_break_before


def test_list_quoted_inside_a_block_quote_keeps_its_typed_numbers(tmp_path: Path) -> None:
    md = "1. Intro.\n\n> 16. Quoted paragraph.\n\n2. Next.\n"
    path = write(tmp_path, md)
    document = docx.Document(str(path))
    quoted = next(p for p in document.paragraphs if "Quoted" in p.text)
    assert quoted.text == "16.\tQuoted paragraph." and quoted._p.pPr.numPr is None
    assert [r[0] for r in numbered(part(path, "word/document.xml"))] == ["Intro.", "Next."]


# -- reference document ----------------------------------------------------------------------


def make_reference(path: Path, *, heading_id: str = "Heading1") -> Path:
    document = docx.Document()
    document.add_paragraph("OLD FIRM TEXT")
    heading = document.styles["Heading 1"]
    heading.element.set(w("styleId"), heading_id)
    heading.font.name = "Times New Roman"
    for style in ("Quote",):
        document.styles[style].element.getparent().remove(document.styles[style].element)
    section = document.sections[0]
    section.left_margin = Inches(1.75)
    document.save(str(path))
    return path


def test_reference_docx_styles_and_page_setup_are_used(tmp_path: Path) -> None:
    reference = make_reference(tmp_path / "firm.docx")
    path = write(
        tmp_path, "# Title\n\n> Quoted.\n\n1. Body.[^a]\n\n[^a]: N.\n", reference_docx=reference
    )
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert "OLD FIRM TEXT" not in texts
    assert document.paragraphs[0].style.style_id == "Heading1"
    assert document.paragraphs[0].style.font.name == "Times New Roman"
    assert document.sections[0].left_margin == Inches(1.75)
    quote = document.styles["Quote"]
    assert quote.type == WD_STYLE_TYPE.PARAGRAPH and quote.style_id == "Quote"
    assert document.styles["footnote text"].style_id == "FootnoteText"


def test_reference_docx_localised_style_id_is_found_by_name(tmp_path: Path) -> None:
    reference = make_reference(tmp_path / "firm.docx", heading_id="berschrift1")
    document = build_document("# Titel\n", reference_docx=reference)
    assert document.paragraphs[0]._p.pPr.pStyle.val == "berschrift1"


def test_reference_docx_without_page_size_or_margins_still_sizes_tables(tmp_path: Path) -> None:
    # w:pgSz and w:pgMar are optional; once the table sizing read them as lengths and crashed.
    reference = tmp_path / "firm.docx"
    document = docx.Document()
    sect_pr = document.element.body.sectPr
    for tag in ("pgSz", "pgMar"):
        sect_pr.remove(sect_pr.find(w(tag)))
    document.save(str(reference))
    built = build_document("| A | B |\n|---|---|\n| x | y |\n", reference_docx=reference)
    widths = [column.width for column in built.tables[0].columns]
    # The house A4 page stands in: 210 mm less 3.5 cm and 2.5 cm margins.
    assert abs(sum(widths) - Mm(150)) < Pt(2)


def test_reference_docx_without_any_page_setup_gets_the_house_page(tmp_path: Path) -> None:
    reference = tmp_path / "firm.docx"
    document = docx.Document()
    body = document.element.body
    body.remove(body.sectPr)
    document.save(str(reference))
    built = build_document("1. Text.\n", reference_docx=reference)
    section = built.sections[-1]
    # Word stores lengths in twentieths of a point: compare to within a millimetre.
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.left_margin - Cm(3.5)) < Mm(1)


def test_reference_docx_without_a_table_grid_style_gets_one_with_borders(
    tmp_path: Path,
) -> None:
    # pandoc's reference.docx has no Table Grid: adding its borders once crashed the draft.
    reference = tmp_path / "firm.docx"
    document = docx.Document()
    grid = document.styles["Table Grid"].element
    grid.getparent().remove(grid)
    document.save(str(reference))
    built = build_document("| A | B |\n|---|---|\n| x | y |\n", reference_docx=reference)
    style = built.tables[0].style
    assert style.style_id == "TableGrid"
    borders = style.element.find(f"{w('tblPr')}/{w('tblBorders')}")
    assert {b.get(w("val")) for b in borders} == {"single"}


def test_reference_docx_with_footnotes_keeps_only_the_drafts_notes(tmp_path: Path) -> None:
    # A reference saved from an earlier draft has a footnotes part: reading it once crashed.
    reference = write(tmp_path, "Old text.[^a]\n\n[^a]: An old note.\n", name="firm.docx")
    path = write(tmp_path, "New text.[^b]\n\n[^b]: The new note.\n", reference_docx=reference)
    notes = part(path, "word/footnotes.xml")
    texts = ["".join(n.itertext()) for n in notes.iterfind("w:footnote", NS)]
    assert [t.strip() for t in texts if t.strip()] == ["The new note."]
    assert [n.get(w("type")) for n in notes.iterfind("w:footnote", NS)][:2] == [
        "separator",
        "continuationSeparator",
    ]


def zip_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        return package.namelist()


def test_reference_docx_without_a_numbering_part_numbers_the_draft(tmp_path: Path) -> None:
    # Word and LibreOffice write no numbering.xml into a document with no list; python-docx
    # cannot make one, and such a reference once stopped the draft (NotImplementedError).
    reference = tmp_path / "firm.docx"
    document = docx.Document()
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype == RT.NUMBERING:
            document.part.drop_rel(r_id)
    document.save(str(reference))
    assert "word/numbering.xml" not in zip_names(reference)
    path = write(tmp_path, SKELETON + "\n- a bullet\n", reference_docx=reference)
    assert zip_names(path).count("word/numbering.xml") == 1
    with docx2python(path) as read:
        text = read.text
    assert "1)\tThe guardian" in text and "a)\tfirst sub-paragraph" in text
    assert "4)\tThe typed 1 continues" in text and "--\ta bullet" in text


#: The type LibreOffice relates docProps/core.xml by (an early draft's), not the standard one.
LIBREOFFICE_CORE_PROPERTIES = (
    "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties"
)


def test_reference_docx_from_libreoffice_gives_one_core_properties_part(tmp_path: Path) -> None:
    # python-docx did not find LibreOffice's core properties and added a second part at the
    # same name: the draft's zip held docProps/core.xml twice, which Word may refuse.
    saved = tmp_path / "python-docx.docx"
    docx.Document().save(str(saved))
    reference = tmp_path / "firm.docx"
    with zipfile.ZipFile(saved) as original, zipfile.ZipFile(reference, "w") as rewritten:
        for name in original.namelist():
            data = original.read(name)
            if name == "_rels/.rels":
                data = data.replace(
                    RT.CORE_PROPERTIES.encode(), LIBREOFFICE_CORE_PROPERTIES.encode()
                )
                assert LIBREOFFICE_CORE_PROPERTIES.encode() in data
            rewritten.writestr(name, data)
    props = DocumentProperties(title="Skeleton", author="A. Barrister")
    path = write(tmp_path, "Text.\n", reference_docx=reference, properties=props)
    names = zip_names(path)
    assert names.count("docProps/core.xml") == 1 and len(names) == len(set(names))
    core = docx.Document(str(path)).core_properties
    assert (core.title, core.author, core.last_modified_by) == (
        "Skeleton",
        "A. Barrister",
        "A. Barrister",
    )


def test_unreadable_reference_docx_is_a_draft_error(tmp_path: Path) -> None:
    bad = tmp_path / "firm.docx"
    bad.write_text("not a zip")
    with pytest.raises(DraftError) as raised:
        build_document("Text.\n", reference_docx=bad)
    assert raised.value.path == str(bad) and raised.value.hint


# -- safety --------------------------------------------------------------------------------


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"the lawyer's edits")
    with pytest.raises(OutputExistsError):
        write_docx("Text.\n", target)
    assert target.read_bytes() == b"the lawyer's edits"
    write_docx("Text.\n", target, force=True)
    assert docx.Document(str(target)).paragraphs[0].text == "Text."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]


@pytest.mark.parametrize(
    ("char", "name"), [("\x00", "NUL"), ("\x07", "BEL"), ("\x0c", "FF"), ("\x1b", "ESC")]
)
def test_control_characters_are_rejected_with_their_line(
    tmp_path: Path, char: str, name: str
) -> None:
    target = tmp_path / "draft.docx"
    with pytest.raises(DraftError) as raised:
        write_docx(f"# T\n\nFine.\n\nBad{char}text.\n", target, source_name="skeleton.md")
    error = raised.value
    assert (error.path, error.line) == ("skeleton.md", 5)
    assert name in str(error) and "column 4" in str(error) and "delete it" in error.hint
    assert not target.exists() and not list(tmp_path.iterdir())


def test_every_bad_line_is_reported_at_once() -> None:
    with pytest.raises(DraftError) as raised:
        build_document("a\x01\n\nb\n\nc\x02\n")
    assert [p.line for p in raised.value.problems] == [1, 5]


@pytest.mark.parametrize(
    ("markdown", "line", "words"),
    [
        ("Text.\n\n    indented code\n", 3, "code block"),
        ("#### Deep\n", 1, "heading level 4"),
        ("A [x]{.shout} b\n", 1, "unknown span class"),
        ("A [x]{.comment} b\n", 1, "note="),
        ("::: left\nText\n:::\n", 1, "container"),
        ("{.fancy}\n1. a\n", 2, "unknown block attribute"),
        ("A[^a]\n\n[^a]: B[^b]\n\n[^b]: C\n", 3, "another footnote"),
        ("![img](x.png)\n", 1, "image"),
    ],
    ids=[
        "code",
        "h4",
        "span-class",
        "comment-note",
        "container",
        "block-class",
        "nested-note",
        "image",
    ],
)
def test_dialect_errors_name_the_line(markdown: str, line: int, words: str) -> None:
    with pytest.raises(DraftError) as raised:
        build_document(markdown, source_name="t.md")
    assert raised.value.line == line and raised.value.path == "t.md"
    assert words in str(raised.value)


# -- rendered by LibreOffice -----------------------------------------------------------------


def _libreoffice_text(tmp_path: Path, md: str) -> str:
    """Write ``md`` as a draft and read it back through LibreOffice and pdftotext."""
    return docx_to_pdf_text(write(tmp_path, md))


@needs_soffice
def test_libreoffice_renders_numbers_footnotes_and_page_numbers(tmp_path: Path) -> None:
    items = "\n".join(
        f"{n}. Paragraph {n} of the submissions.[^n{n}]" if n % 5 == 0 else f"{n}. Paragraph {n}."
        for n in range(1, 13)
    )
    notes = "\n".join(f"[^n{n}]: Footnote text number {n}." for n in range(5, 13, 5))
    md = f"# Heading\n\n{items}\n\n> A quotation.\n\n13. After the quote.\n\n{notes}\n"
    text = _libreoffice_text(tmp_path, md)
    lines = [line.strip() for line in text.splitlines()]
    numbers = [
        int(line.split(".")[0])
        for line in lines
        if (line.split(".")[0].isdigit() and "Paragraph" in line) or "After the quote" in line
    ]
    assert numbers == list(range(1, 14))
    assert "Footnote text number 5." in text and "Footnote text number 10." in text
    assert "Page 1 of" in text


@needs_soffice
def test_libreoffice_shows_each_footnote_beside_comments(tmp_path: Path) -> None:
    """Comments must not share ids with footnotes: LibreOffice then shows the wrong notes."""
    md = (
        '1. First.[^a]\n\n2. Second [flagged]{.comment note="check"} text.[^b]\n\n'
        "3. Third.[^c]\n\n4. Fourth.[^d]\n\n"
        '[^a]: [Note alpha]{.comment note="pinpoint unchecked"}.\n'
        "[^b]: Note bravo.\n[^c]: Note charlie.\n[^d]: Note delta.\n"
    )
    text = _libreoffice_text(tmp_path, md)
    notes = [line.split()[1].rstrip(".") for line in text.splitlines() if "Note " in line]
    assert notes == ["alpha", "bravo", "charlie", "delta"]


@needs_soffice
def test_libreoffice_prints_typed_starts_and_a_footnotes_quotation_and_list(
    tmp_path: Path,
) -> None:
    md = f"5. Fifth.\n\nText.\n\n1. Sixth.\n\n{{.schedule}}\n3. Order three.\n\nText.\n\n{NOTE_WITH_BLOCKS}"
    lines = [line.split() for line in _libreoffice_text(tmp_path, md).splitlines()]
    starts = {" ".join(words[1:]): words[0] for words in lines if len(words) > 1}
    assert starts["Fifth."] == "5." and starts["Sixth."] == "6." and starts["Order three."] == "3."
    assert starts["The report found drift.1"] == "7."
    assert starts["plans drifted;"] == "3." and starts["visits were late."] == "4."
    assert starts["a bullet"] == "•"
    assert starts["have not ensured that social workers are supervised."] == "Leaders"
