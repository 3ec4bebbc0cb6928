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

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from markdown_it.tree import SyntaxTreeNode

from carecite.draft.markdown import parse
from carecite.draft.write import ooxml
from carecite.draft.write.base import base_document, text_width
from carecite.draft.write.blocks import notes_of, write_body
from carecite.draft.write.context import Citations, Config, State
from carecite.draft.write.properties import DocumentProperties
from carecite.output import write_atomic

if TYPE_CHECKING:
    from docx.document import Document


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
    document, styles = base_document(reference_docx, font=font, landscape=landscape)
    section = document.sections[-1]
    config = Config(document, styles, citations, source_name, notes_of(tree), text_width(section))
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
    if not isinstance(comments, XmlPart):  # as base_document: only an XML part has comments
        return
    ooxml.renumber_comments(document.element.body, comments.element, first_free)


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
