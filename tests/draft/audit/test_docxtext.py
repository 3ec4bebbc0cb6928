"""Reading a .docx as printed: numbers as Word shows them, tracked changes accepted."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

from carecite.draft.audit.docxtext import read_docx
from carecite.errors import SourceError

NUMBERING = f"""<w:numbering {nsdecls("w")}>
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="8">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="7"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
  <w:num w:numId="5"><w:abstractNumId w:val="8"/></w:num>
</w:numbering>"""


def numbered(document, text: str, num_id: int, ilvl: int = 0):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def with_numbering(document) -> None:
    part = document.part.numbering_part
    part._element = parse_xml(NUMBERING)


def save(document, tmp_path: Path, name: str = "draft.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def test_paragraphs_carry_the_number_word_prints(tmp_path: Path) -> None:
    document = docx.Document()
    with_numbering(document)
    document.add_paragraph("Heading before any number")
    numbered(document, "one", 3)
    numbered(document, "two", 3)
    numbered(document, "two a", 3, 1)
    numbered(document, "two a i", 3, 2)
    numbered(document, "two b", 3, 1)
    document.add_paragraph("A quotation under two (b)")
    numbered(document, "bullet", 5)
    numbered(document, "three", 3)
    numbered(document, "three a", 3, 1)
    numbered(document, "restarted at five", 4)
    read = read_docx(save(document, tmp_path))
    assert [(p.text, p.number) for p in read.paragraphs] == [
        ("Heading before any number", None),
        ("one", "1"),
        ("two", "2"),
        ("two a", "2(a)"),
        ("two a i", "2(a)(i)"),
        ("two b", "2(b)"),
        ("A quotation under two (b)", "2(b)"),
        ("bullet", "2(b)"),
        ("three", "3"),
        ("three a", "3(a)"),
        ("restarted at five", "5"),
    ]


def insert_xml(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def test_tracked_changes_read_as_accepted_and_are_counted(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Ofsted found ")
    insert_xml(
        paragraph,
        f'<w:del {nsdecls("w")} w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z">'
        "<w:r><w:delText>no </w:delText></w:r></w:del>",
    )
    insert_xml(
        paragraph,
        f'<w:ins {nsdecls("w")} w:id="2" w:author="A" w:date="2026-01-01T00:00:00Z">'
        "<w:r><w:t>serious </w:t></w:r></w:ins>",
    )
    paragraph.add_run("failures.")
    read = read_docx(save(document, tmp_path))
    assert read.paragraphs[0].text == "Ofsted found serious failures."
    assert (read.insertions, read.deletions) == (1, 1)


def test_runs_fields_breaks_and_comment_ranges_join_into_the_text(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("‘There are ")
    paragraph.add_run("widespread").italic = True
    insert_xml(paragraph, f'<w:commentRangeStart {nsdecls("w")} w:id="0"/>')
    paragraph.add_run(" and serious")
    insert_xml(paragraph, f'<w:commentRangeEnd {nsdecls("w")} w:id="0"/>')
    run = paragraph.add_run(" failures")
    run.add_break()
    run.add_text("across services.’")
    insert_xml(
        paragraph,
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
    )
    insert_xml(paragraph, f"<w:r {nsdecls('w')}><w:instrText> PAGE </w:instrText></w:r>")
    read = read_docx(save(document, tmp_path))
    assert (
        read.paragraphs[0].text == "‘There are widespread and serious failures\nacross services.’"
    )


def test_comments_are_read_with_the_number_of_their_anchor(tmp_path: Path) -> None:
    document = docx.Document()
    with_numbering(document)
    paragraph = numbered(document, "Ofsted found ", 3)
    run = paragraph.add_run("‘weak managerial oversight at all levels’")
    document.add_comment(run, text="Check ‘this quotation’ please", author="Partner")
    read = read_docx(save(document, tmp_path))
    assert [(p.location, p.number, p.text) for p in read.paragraphs] == [
        ("body", "1", "Ofsted found ‘weak managerial oversight at all levels’"),
        ("comment 1", "1", "Check ‘this quotation’ please"),
    ]


def test_tables_and_footnotes_are_read_in_order(tmp_path: Path) -> None:
    from carecite.draft.write.docx import write_docx

    markdown = "1. First.[^1]\n\n| a | b |\n| --- | --- |\n| ‘cell words’ | x |\n\n1. Second.[^2]\n\n[^1]: Note one.\n[^2]: Note ‘two’.\n"
    path = write_docx(markdown, tmp_path / "notes.docx")
    read = read_docx(path)
    where = [(p.location, p.number, p.text.strip()) for p in read.paragraphs if p.text.strip()]
    assert ("table", "1", "‘cell words’") in where
    assert ("footnote 1", "1", "Note one.") in where
    assert ("footnote 2", "2", "Note ‘two’.") in where
    assert read.footnotes[2].strip() == "Note ‘two’."
    first = next(p for p in read.paragraphs if p.text.startswith("First"))
    assert first.notes == ((len("First."), 1),)


def test_block_quotations_by_style_or_by_indentation(tmp_path: Path) -> None:
    document = docx.Document()
    with_numbering(document)
    if "Quote" not in [s.name for s in document.styles]:
        document.styles.add_style("Quote", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Styled as a quotation.", style="Quote")
    indented = document.add_paragraph("Indented both sides.")
    indented.paragraph_format.left_indent = Cm(2)
    indented.paragraph_format.right_indent = Cm(1)
    left_only = document.add_paragraph("Indented on the left only.")
    left_only.paragraph_format.left_indent = Cm(2)
    item = numbered(document, "A numbered sub-paragraph.", 3, 1)
    item.paragraph_format.left_indent = Cm(2)
    item.paragraph_format.right_indent = Cm(1)
    read = read_docx(save(document, tmp_path))
    assert [p.block_quote for p in read.paragraphs] == [True, True, False, False]


@pytest.mark.parametrize(
    "content", [b"not a zip", b"PK\x03\x04 truncated"], ids=["text", "broken-zip"]
)
def test_not_a_word_document(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "draft.docx"
    path.write_bytes(content)
    with pytest.raises(SourceError, match="cannot read the Word document"):
        read_docx(path)


def test_a_document_whose_styles_have_no_default(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Ofsted said ‘Services are poor.’")
    for style in document.styles.element.style_lst:
        style.attrib.pop(qn("w:default"), None)
    read = read_docx(save(document, tmp_path))
    assert read.paragraphs[0].text == "Ofsted said ‘Services are poor.’"
