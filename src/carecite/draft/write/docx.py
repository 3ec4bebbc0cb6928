"""Rendered Markdown → a Word document a court and a solicitor accept.

``write_docx`` is the verb: it parses the draft dialect (docs/markdown.md) with markdown-it
into a syntax tree and builds the document with python-docx: real numbered paragraphs that
continue through the whole document, (a)/(i) sub-paragraphs, block quotations, real Word
footnotes (which may hold quotations and lists too), page numbers, placeholders the lawyer
must fill in and review comments on unchecked pinpoints. The writer knows nothing of the
quote bank: it sees only Markdown.

This module sets up the document (base, page, footer, properties); the tree is walked by
``carecite.draft.write.blocks`` and ``carecite.draft.write.inline``, raw XML lives in
``carecite.draft.write.ooxml`` and styles in ``carecite.draft.write.styles``.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import XmlPart
from docx.shared import Cm, Mm
from markdown_it.tree import SyntaxTreeNode

from carecite.archive import check_expanded_size
from carecite.draft.markdown import parse
from carecite.draft.write import ooxml
from carecite.draft.write.blocks import notes_of, write_body
from carecite.draft.write.context import Citations, Config, State
from carecite.draft.write.properties import DocumentProperties
from carecite.draft.write.styles import prepare_styles
from carecite.errors import DraftError
from carecite.output import write_atomic

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section


_NO_PROPERTIES = DocumentProperties()


def write_docx(
    markdown: str,
    target: str | Path,
    *,
    force: bool = False,
    citations: Citations = "footnotes",
    reference_docx: str | Path | None = None,
    properties: DocumentProperties = _NO_PROPERTIES,
    source_name: str = "<markdown>",
    font: str | None = None,
    landscape: bool = False,
) -> Path:
    """Write rendered Markdown as a Word document at ``target``, atomically.

    The document is built in memory (``build_document``) and saved through a temporary file
    beside ``target``, so an error leaves any existing file exactly as it was.

    Args:
        markdown: the rendered draft, in the dialect of docs/markdown.md.
        target: the .docx file to create.
        force: replace ``target`` if it exists.
        citations: ``"footnotes"`` for real Word footnotes, ``"inline"`` to put each note's
            text in brackets in the body instead.
        reference_docx: a firm's .docx whose styles and page setup are used (its body is
            dropped); ``None`` uses carecite's house style (A4, Arial 12 pt, 1.5 spacing).
        properties: title, author, subject and creation time.
        source_name: how errors name the Markdown (e.g. the template that rendered it).
        font: body font for every style carecite sets, e.g. "Times New Roman"; ``None``
            means Arial, or the reference document's own font.
        landscape: turn the page on its side (A4 landscape, or the reference document's
            page turned), for a report with a wide table; the margins stay as they are.

    Returns:
        The path written.

    Raises:
        OutputExistsError: ``target`` exists and ``force`` is false; nothing is touched.
        DraftError: the Markdown uses something Word or the dialect cannot take, or the
            reference document cannot be read; the message names the line.
    """

    def save(stream: BinaryIO) -> None:
        build_document(
            markdown,
            citations=citations,
            reference_docx=reference_docx,
            properties=properties,
            source_name=source_name,
            font=font,
            landscape=landscape,
        ).save(stream)

    return write_atomic(target, save, force=force)


def build_document(
    markdown: str,
    *,
    citations: Citations = "footnotes",
    reference_docx: str | Path | None = None,
    properties: DocumentProperties = _NO_PROPERTIES,
    source_name: str = "<markdown>",
    font: str | None = None,
    landscape: bool = False,
) -> Document:
    """Build the Word document for ``markdown`` in memory; ``write_docx`` saves it.

    Useful to tests and to tools that inspect a draft without writing it. Arguments are as
    for ``write_docx``.

    Raises:
        DraftError: as for ``write_docx``.
    """
    if citations not in ("footnotes", "inline"):
        raise ValueError(f"citations must be 'footnotes' or 'inline', not {citations!r}")
    tree = SyntaxTreeNode(parse(markdown, source_name))
    document = _base_document(reference_docx)
    styles = prepare_styles(document, house=reference_docx is None, font=font)
    body = document.element.body
    # A reference document may carry no page setup at all: it then gets the house page.
    has_page_setup = body.sectPr is not None
    body.get_or_add_sectPr()
    section = document.sections[-1]
    if reference_docx is None or not has_page_setup:
        _a4_page(section)
    if landscape:
        _landscape(section)
    if section.footer.is_linked_to_previous:
        _page_number_footer(section)
    config = Config(document, styles, citations, source_name, notes_of(tree), _text_width(section))
    state = State(document.part.numbering_part.element)
    write_body(tree, config, state)
    _separate_comment_ids(document, first_free=state.next_note_id)
    _core_properties(document, properties)
    return document


def _separate_comment_ids(document: Document, *, first_free: int) -> None:
    """Number comments after the footnotes, so no comment shares a footnote's id."""
    try:
        comments = document.part.part_related_by(RT.COMMENTS)
    except KeyError:
        return
    if not isinstance(comments, XmlPart):  # as _base_document: only an XML part has comments
        return
    ooxml.renumber_comments(document.element.body, comments.element, first_free)


def _base_document(reference_docx: str | Path | None) -> Document:
    """python-docx's default template, or the firm's document emptied of its body."""
    if reference_docx is None:
        return docx.Document()
    path = Path(reference_docx)
    check_expanded_size(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DraftError(
            f"cannot be used as a reference document: {exc}",
            path=path,
            hint="give a .docx saved from Word (not a .dotx template or an old .doc)",
        ) from exc
    ooxml.clear_body(document.element.body)
    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS and not rel.is_external:
            element = getattr(rel.target_part, "element", None)
            if element is not None:
                ooxml.clear_comments(element)
    return document


#: The house page: A4 portrait, 3.5 cm left margin (the civil rule), 2.5 cm the others.
_A4_WIDTH = Mm(210)
_A4_HEIGHT = Mm(297)
_LEFT_MARGIN = Cm(3.5)
_MARGIN = Cm(2.5)


def _a4_page(section: Section) -> None:
    """A4 portrait; 3.5 cm left margin (the civil rule, used as the default), 2.5 cm others."""
    section.page_width = _A4_WIDTH
    section.page_height = _A4_HEIGHT
    section.left_margin = _LEFT_MARGIN
    section.right_margin = _MARGIN
    section.top_margin = _MARGIN
    section.bottom_margin = _MARGIN


def _landscape(section: Section) -> None:
    """Turn the page: ``w:pgSz w:orient="landscape"`` with the longer side across.

    A page already wider than tall stays as it is; a missing size is taken as A4.
    """
    width = section.page_width if section.page_width is not None else _A4_WIDTH
    height = section.page_height if section.page_height is not None else _A4_HEIGHT
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = max(width, height), min(width, height)


def _text_width(section: Section) -> int:
    """The width between the margins, in EMU.

    ``w:pgSz`` and ``w:pgMar`` are optional, and a reference document made by another tool
    may leave them out; the house page stands in for what is missing (its text width is
    narrower than Word's Letter or A4 defaults, so a table sized to it still fits).
    """
    width = section.page_width if section.page_width is not None else _A4_WIDTH
    left = section.left_margin if section.left_margin is not None else _LEFT_MARGIN
    right = section.right_margin if section.right_margin is not None else _MARGIN
    return width - left - right


def _page_number_footer(section: Section) -> None:
    """A centred footer "Page N of M" from PAGE and NUMPAGES fields."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    paragraph._p.extend(ooxml.field("PAGE", "1"))
    paragraph.add_run(" of ")
    paragraph._p.extend(ooxml.field("NUMPAGES", "1"))


def _core_properties(document: Document, properties: DocumentProperties) -> None:
    """Title, author, subject, dates; clears what a reference document brought with it."""
    core = document.core_properties
    properties, _ = properties.fitted()  # make_draft warns of what is cut
    created = properties.created or datetime.now(UTC).replace(microsecond=0)
    core.title = properties.title
    core.author = properties.author
    core.subject = properties.subject
    core.last_modified_by = properties.author
    core.created = created
    core.modified = created
    core.revision = 1
    core.keywords = ""
    core.comments = ""
    core.category = ""
