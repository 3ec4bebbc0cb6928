"""Raw WordprocessingML builders: one small function per Word feature python-docx lacks.

Each builder names the element it makes and where that element lives in the package, so
the tree walker (``carecite.draft.write.blocks``, ``carecite.draft.write.inline``) never writes XML
itself. Child order inside ``w:pPr``, ``w:rPr`` and ``w:numbering`` is fixed by the
schema; the builders respect it.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

if TYPE_CHECKING:
    from docx.oxml.numbering import CT_Numbering
    from docx.oxml.styles import CT_Style
    from docx.oxml.text.font import CT_RPr
    from docx.oxml.text.paragraph import CT_P
    from docx.oxml.text.parfmt import CT_PPr
    from docx.oxml.text.run import CT_R
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.parts.document import DocumentPart

#: Twips per indentation step of the numbering levels (720 twips = 1.27 cm).
INDENT_STEP = 720


# eq=False, repr=False (``Level``): nothing compares or prints one, and Python 3.11
# compiles each generated method anew at every start (bench/README.md).
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Level:
    """One level of a numbering definition (a ``w:lvl``).

    Attributes:
        fmt: ``w:numFmt`` value: ``decimal``, ``lowerLetter``, ``lowerRoman``, ``bullet``.
        text: ``w:lvlText`` pattern, e.g. ``%1.`` or ``(%2)``, or the bullet character.
        left: left indent of the paragraph text, in twips.
        hanging: how far the number hangs left of the text, in twips.
    """

    fmt: str
    text: str
    left: int
    hanging: int


#: The document's paragraph numbering: 1. / (a) / (i), each level's text one step further in.
PARAGRAPH_LEVELS = (
    Level("decimal", "%1.", INDENT_STEP, INDENT_STEP),
    Level("lowerLetter", "(%2)", 2 * INDENT_STEP, INDENT_STEP),
    Level("lowerRoman", "(%3)", 3 * INDENT_STEP, INDENT_STEP),
)

#: Bullets: real ``w:numFmt="bullet"`` levels, text aligned with the numbered levels.
BULLET_LEVELS = (
    Level("bullet", "•", INDENT_STEP, INDENT_STEP // 2),
    Level("bullet", "–", 2 * INDENT_STEP, INDENT_STEP // 2),
    Level("bullet", "•", 3 * INDENT_STEP, INDENT_STEP // 2),
)


def add_abstract_num(
    numbering: BaseOxmlElement, levels: Sequence[Level], *, start: int = 1, start_level: int = 0
) -> int:
    """Add a ``w:abstractNum`` to ``w:numbering`` and return its ``w:abstractNumId``.

    The element goes after the last existing ``w:abstractNum`` and therefore before the
    first ``w:num``: the schema puts all abstractNums first, and Word silently mis-binds
    numbering otherwise. Each ``w:lvl`` holds, in schema order, ``w:start``, ``w:numFmt``,
    ``w:lvlText``, ``w:lvlJc`` and a ``w:pPr`` with a hanging ``w:ind``. Level
    ``start_level`` starts at ``start``, the others at 1. Lower levels restart after a
    higher one by Word's default, so (a) starts again under each new paragraph.
    """
    ids = [int(v) for v in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract_id = max(ids, default=-1) + 1
    xml = [f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">']
    xml.append('<w:multiLevelType w:val="multilevel"/>')
    for ilvl, level in enumerate(levels):
        first = start if ilvl == start_level else 1
        xml.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{first}"/><w:numFmt w:val="{level.fmt}"/>'
            f'<w:lvlText w:val="{level.text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{level.left}" w:hanging="{level.hanging}"/></w:pPr>'
            "</w:lvl>"
        )
    xml.append("</w:abstractNum>")
    element = parse_xml("".join(xml))
    existing = numbering.xpath("./w:abstractNum")
    if existing:
        existing[-1].addnext(element)
    else:
        numbering.insert(0, element)
    return abstract_id


def add_num(numbering: CT_Numbering, abstract_id: int, *, restart: int | None = None) -> int:
    """Add a ``w:num`` pointing at ``abstract_id`` and return its ``w:numId``.

    ``w:num`` elements follow every ``w:abstractNum`` and precede ``w:numIdMacAtCleanup``;
    python-docx's ``CT_Numbering.add_num`` keeps that order. With ``restart``, the num holds
    ``w:lvlOverride w:ilvl="0"`` → ``w:startOverride``: its first level-0 paragraph takes
    that number, and the count goes on from there.
    """
    # python-docx leaves CT_Numbering.add_num and CT_Num.add_lvlOverride unannotated.
    num = numbering.add_num(abstract_id)  # type: ignore[no-untyped-call]
    if restart is not None:
        num.add_lvlOverride(ilvl=0).add_startOverride(restart)
    return int(num.numId)


def start_paragraph(p: CT_P, style_id: str, numbering: tuple[int, int] | None) -> None:
    """Give a new, empty ``w:p`` its ``w:pPr``: ``w:pStyle``, and ``w:numPr`` if numbered.

    ``numbering`` is (``w:numId``, ``w:ilvl``); ``w:numId`` 0 means "no numbering": used on
    headings so a reference style that numbers them cannot. The ``w:pPr`` is a copy of one
    made once for each style and numbering: building each paragraph's with python-docx's
    ``get_or_add_*``, each searching the ``w:pPr`` for the thirty-odd elements that may
    follow, cost 70 of the 170 ms of writing a 100-page draft.

    Raises:
        ValueError: ``p`` already has content.
    """
    if len(p):
        raise ValueError("start_paragraph takes a new, empty w:p")
    p.append(copy.deepcopy(_paragraph_properties(style_id, numbering)))


@functools.lru_cache(maxsize=256)
def _paragraph_properties(style_id: str, numbering: tuple[int, int] | None) -> CT_PPr:
    """The ``w:pPr`` that ``start_paragraph`` copies, made once for each style and numbering.

    Its children in the schema's order, ``w:pStyle`` then ``w:numPr`` (``w:ilvl``,
    ``w:numId``), appended as python-docx's ``get_or_add_*`` would place them, without their
    search for the elements that may follow (most of a short draft's paragraph starts).
    """
    p_pr = cast("CT_PPr", OxmlElement("w:pPr"))  # the oxml parser makes a w:pPr a CT_PPr
    _append_valued(p_pr, "w:pStyle", style_id)
    if numbering is not None:
        num_id, ilvl = numbering
        num_pr = p_pr.makeelement(qn("w:numPr"))
        p_pr.append(num_pr)
        _append_valued(num_pr, "w:ilvl", str(ilvl))
        _append_valued(num_pr, "w:numId", str(num_id))
    return p_pr


def _append_valued(parent: BaseOxmlElement, tag: str, value: str) -> None:
    """Append a ``tag`` element whose ``w:val`` is ``value`` to ``parent``."""
    parent.append(parent.makeelement(qn(tag), {qn("w:val"): value}))


def add_run(p: CT_P, *, bold: bool = False, italic: bool = False, highlight: bool = False) -> CT_R:
    """Append an empty ``w:r`` to a paragraph, as python-docx's ``Paragraph.add_run`` does
    without its generic child-insertion machinery (a ``w:r`` goes last in its paragraph).

    Its ``w:rPr`` is what python-docx's ``Run.bold``, ``Run.italic`` and a yellow
    ``Font.highlight_color`` would give it, copied from one made once for each formatting:
    their setters search the ``w:rPr`` for the forty-odd elements that may follow each.
    """
    r: CT_R = p.makeelement(_RUN)  # the oxml parser makes a w:r a CT_R
    if bold or italic or highlight:
        r.append(copy.deepcopy(_run_properties(bold, italic, highlight)))
    p.append(r)
    return r


@functools.lru_cache(maxsize=8)
def _run_properties(bold: bool, italic: bool, highlight: bool) -> CT_RPr:
    """The ``w:rPr`` that ``add_run`` copies: its children in the schema's order."""
    r_pr = cast("CT_RPr", OxmlElement("w:rPr"))  # the oxml parser makes a w:rPr a CT_RPr
    if bold:
        r_pr.append(r_pr.makeelement(qn("w:b")))
    if italic:
        r_pr.append(r_pr.makeelement(qn("w:i")))
    if highlight:
        _append_valued(r_pr, "w:highlight", "yellow")
    return r_pr


def add_text(r: CT_R, text: str) -> None:
    """Append ``text`` to a ``w:r`` as python-docx's ``Run.text`` would write it.

    Characters go in ``w:t`` (``xml:space="preserve"`` where a space leads or trails), a
    tab becomes ``w:tab`` and each carriage return or line feed a ``w:br``. python-docx
    reads the text a character at a time, a sixth of the writing of a 100-page draft;
    here a run without tabs or breaks, nearly every run, is one ``w:t`` at once.
    """
    for part in _RUN_CONTROLS.split(text):
        if part == "\t":
            r.add_tab()
        elif part in ("\r", "\n"):
            r.add_br()
        elif part:
            # As python-docx's CT_R.add_t writes it, without its generic child-insertion
            # machinery (half the cost of writing a run): a w:t goes last in its run.
            t = r.makeelement(_TEXT)
            t.text = part
            r.append(t)
            if len(part.strip()) < len(part):
                t.set(_SPACE, "preserve")


_RUN_CONTROLS = re.compile("([\t\r\n])")
_RUN = qn("w:r")
_TEXT = qn("w:t")
_SPACE = qn("xml:space")


def footnotes_part(document_part: DocumentPart) -> XmlPart:
    """Create ``/word/footnotes.xml`` related from the document part, or reuse one.

    The ``w:footnotes`` root holds the two special notes Word requires first: the separator
    (``w:id="-1"``) and the continuation separator (``w:id="0"``). A part the reference
    document already had is re-read as XML, its ordinary notes dropped, its separators kept.
    """
    blob = None
    for r_id, rel in list(document_part.rels.items()):
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            blob = rel.target_part.blob
            document_part.drop_rel(r_id)
    if blob is not None:
        # A plain lxml element (python-docx has no class for w:footnotes): no xpath prefixes.
        element = parse_xml(blob)
        for note in element.findall(qn("w:footnote")):
            if note.get(qn("w:type"), "normal") == "normal":
                element.remove(note)
    else:
        element = parse_xml(
            # xmlns:r too, as Word writes it: some readers (docx2python) assume it is there.
            f"<w:footnotes {nsdecls('w', 'r')}>"
            + _special_note("separator", -1, "separator")
            + _special_note("continuationSeparator", 0, "continuationSeparator")
            + "</w:footnotes>"
        )
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    return part


def _special_note(kind: str, note_id: int, mark: str) -> str:
    return (
        f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p><w:pPr>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:r><w:{mark}/></w:r></w:p></w:footnote>"
    )


def footnote(note_id: int) -> BaseOxmlElement:
    """An empty ``w:footnote w:id=n``, to append to the ``w:footnotes`` root.

    The caller adds its ``w:p`` paragraphs; the first must start with ``put_footnote_mark``.
    """
    element = OxmlElement("w:footnote")
    element.set(qn("w:id"), str(note_id))
    return element


def put_footnote_mark(p: CT_P, style_id: str) -> None:
    """Start a note's first ``w:p`` with the note's own number and a space.

    The number is a ``w:r`` holding ``w:footnoteRef`` in the reference style; both runs go
    first in the paragraph, after its ``w:pPr``.
    """
    w = nsdecls("w")
    mark = parse_xml(
        f'<w:r {w}><w:rPr><w:rStyle w:val="{style_id}"/></w:rPr><w:footnoteRef/></w:r>'
    )
    space = parse_xml(f'<w:r {w}><w:t xml:space="preserve"> </w:t></w:r>')
    first = 0 if p.pPr is None else 1
    p.insert(first, mark)
    p.insert(first + 1, space)


def footnote_reference(note_id: int, style_id: str) -> CT_R:
    """The body ``w:r`` holding ``w:footnoteReference w:id=n``: the superscript mark in the text."""
    return _run(
        f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>'
        f'<w:footnoteReference w:id="{note_id}"/></w:r>'
    )


def _run(xml: str) -> CT_R:
    # python-docx's parser makes a ``w:r`` root a CT_R; parse_xml is typed for any element.
    return cast("CT_R", parse_xml(xml))


def field(instruction: str, cached: str) -> list[BaseOxmlElement]:
    """The five ``w:r`` of a complex field, to append to a ``w:p`` (e.g. in a footer).

    ``w:fldChar begin`` → ``w:instrText`` (space preserved) → ``w:fldChar separate`` → a run
    with the cached result → ``w:fldChar end``. The cached result is not optional in
    practice: without it Word may offer to repair the file.
    """
    w = nsdecls("w")
    return [
        parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>'),
        parse_xml(
            f'<w:r {w}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        ),
        parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>'),
        parse_xml(f"<w:r {w}><w:t>{cached}</w:t></w:r>"),
        parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'),
    ]


def page_break() -> BaseOxmlElement:
    """A ``w:r`` holding ``w:br w:type="page"``, for a paragraph of its own."""
    return parse_xml(f'<w:r {nsdecls("w")}><w:br w:type="page"/></w:r>')


def style_table_properties(style: CT_Style) -> BaseOxmlElement:
    """The ``w:tblPr`` of a table style, added where missing.

    python-docx gives ``w:style`` no table properties; the schema puts ``w:tblPr`` after
    ``w:pPr`` and ``w:rPr`` and before ``w:trPr``, ``w:tcPr`` and ``w:tblStylePr``.
    """
    found = style.find(qn("w:tblPr"))
    if found is not None:
        return cast("BaseOxmlElement", found)
    tbl_pr = OxmlElement("w:tblPr")
    successors = {qn(f"w:{n}") for n in ("trPr", "tcPr", "tblStylePr")}
    for child in style:
        if child.tag in successors:
            child.addprevious(tbl_pr)
            return tbl_pr
    style.append(tbl_pr)
    return tbl_pr


def table_borders(tbl_pr: BaseOxmlElement, *, visible: bool) -> None:
    """Set ``w:tblBorders`` in a ``w:tblPr`` (of a table or a table style).

    Visible borders are single 0.5 pt lines on every edge and inner line; otherwise every
    edge is ``none``. The element goes after ``w:tblW``/``w:jc`` and before ``w:shd``,
    ``w:tblLayout``, ``w:tblCellMar`` and ``w:tblLook``, as the schema orders them.
    """
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    edge = 'w:val="single" w:sz="4" w:space="0" w:color="000000"' if visible else 'w:val="none"'
    borders = parse_xml(
        f"<w:tblBorders {nsdecls('w')}>"
        + "".join(
            f"<w:{name} {edge}/>"
            for name in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
    )
    successors = {qn(f"w:{n}") for n in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption")}
    for child in tbl_pr:
        if child.tag in successors:
            child.addprevious(borders)
            return
    tbl_pr.append(borders)


def run_fonts(r_pr: CT_RPr, font: str) -> None:
    """Set ``w:rFonts`` in a ``w:rPr`` (of a style or docDefaults) to one named font.

    Theme attributes (``w:asciiTheme`` …) are removed: Word prefers them over named fonts,
    so leaving them would keep the template's Calibri.
    """
    r_fonts = r_pr.get_or_add_rFonts()
    for name in list(r_fonts.attrib):
        if name.endswith("Theme") or name.endswith("theme"):
            del r_fonts.attrib[name]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        r_fonts.set(qn(f"w:{attr}"), font)


def language(r_pr: BaseOxmlElement, tag: str) -> None:
    """Set ``w:lang w:val`` in a ``w:rPr``: the proofing language (en-GB for English courts)."""
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        # w:lang is near the end of w:rPr; only a few rarely used children follow it.
        followers = {qn(f"w:{n}") for n in ("eastAsianLayout", "specVanish", "oMath")}
        for child in r_pr:
            if child.tag in followers:
                child.addprevious(lang)
                break
        else:
            r_pr.append(lang)
    lang.set(qn("w:val"), tag)


def clear_body(body: BaseOxmlElement) -> None:
    """Remove every block of ``w:body`` except its final ``w:sectPr`` (the page setup)."""
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def clear_comments(comments: BaseOxmlElement) -> None:
    """Remove every ``w:comment`` from a ``w:comments`` root (a reference document's leftovers)."""
    for child in comments.findall(qn("w:comment")):
        comments.remove(child)


def renumber_comments(body: BaseOxmlElement, comments: BaseOxmlElement, first_id: int) -> None:
    """Give each ``w:comment`` a new ``w:id`` from ``first_id`` on, and its anchors with it.

    The anchors are ``w:commentRangeStart``, ``w:commentRangeEnd`` and
    ``w:commentReference`` in the body. LibreOffice 7.4 confuses a comment with the
    footnote of the same ``w:id`` (footnotes then show the wrong text or none), so
    comment ids must not overlap the footnote ids.
    """
    new_ids: dict[str, str] = {}
    for offset, comment in enumerate(comments.findall(qn("w:comment"))):
        new_ids[comment.get(qn("w:id"))] = str(first_id + offset)
        comment.set(qn("w:id"), new_ids[comment.get(qn("w:id"))])
    for tag in ("w:commentRangeStart", "w:commentRangeEnd", "w:commentReference"):
        for anchor in body.iter(qn(tag)):
            old = anchor.get(qn("w:id"))
            if old in new_ids:
                anchor.set(qn("w:id"), new_ids[old])


def default_run_properties(styles: BaseOxmlElement) -> CT_RPr:
    """The ``w:rPr`` of ``w:docDefaults/w:rPrDefault``, first child of ``w:styles``; made if absent.

    Everything not set by a style inherits these run properties (font, size, language).
    """
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = OxmlElement("w:docDefaults")
        styles.insert(0, doc_defaults)
    r_pr_default = doc_defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        doc_defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    # python-docx's parser makes every ``w:rPr`` a CT_RPr (lxml's find is untyped).
    return cast("CT_RPr", r_pr)
