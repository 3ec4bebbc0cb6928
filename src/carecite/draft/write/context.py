"""What the Word writer knows while it walks the Markdown tree, and what it has built so far.

The walk (``carecite.draft.write.blocks`` and ``carecite.draft.write.inline``) passes two
things down: an ``Env``, read-only, saying where the walk is (inside which list, quotation,
container or footnote) and how the whole document is set up; and one ``State``, mutable,
holding what accumulates as the document is written (numbering sequences, footnote ids, a
pending page break). A function that descends hands its children a changed copy of the ``Env``
(``dataclasses.replace``), so leaving a block needs no clean-up, and nothing about a
position can leak into the next block. pandoc's docx writer keeps the same split
(``WriterEnv`` and ``WriterState`` in ``Text/Pandoc/Writers/Docx/Types.hs``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Emu
from docx.table import Table
from docx.text.paragraph import Paragraph

from carecite.draft.write.ooxml import INDENT_STEP
from carecite.errors import DraftError

if TYPE_CHECKING:
    from docx.document import Document
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
    from docx.oxml.numbering import CT_Numbering
    from docx.oxml.text.paragraph import CT_P
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.run import Run
    from markdown_it.tree import SyntaxTreeNode

    from carecite.draft.write.base import StyleIds

Citations = Literal["footnotes", "inline"]


def _line_of(node: SyntaxTreeNode) -> int | None:
    """The 1-based line of the rendered Markdown where ``node`` starts, if markdown-it knows."""
    return node.map[0] + 1 if node.map else None


# eq=False, repr=False (the walk's classes): nothing compares or prints them, and Python 3.11
# compiles each generated method anew at every start (bench/README.md).
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Story:
    """Where blocks are written: the document body or one footnote (a ``w:footnote``)."""

    element: BaseOxmlElement
    document: Document

    def add_paragraph(self) -> Paragraph:
        """Append an empty ``w:p``."""
        p: CT_P = OxmlElement("w:p")  # the oxml parser makes a w:p a CT_P
        self._append(p)
        return Paragraph(p, self.document)

    def add_table(self, rows: int, columns: int, width: int) -> Table:
        """Append a ``w:tbl`` of ``rows`` × ``columns``, its columns sharing ``width`` (EMU)."""
        tbl = CT_Tbl.new_tbl(rows, columns, Emu(width))
        self._append(tbl)
        return Table(tbl, self.document)

    def paragraphs(self) -> list[CT_P]:
        """The story's top-level ``w:p`` elements, in order."""
        return list(self.element.iterchildren(qn("w:p")))

    def _append(self, block: BaseOxmlElement) -> None:
        # The body ends with its page setup (w:sectPr): blocks go before it. (lxml counts
        # an element's children one by one, so len() would make writing quadratic.)
        last = next(self.element.iterchildren(reversed=True), None)
        if last is not None and last.tag == qn("w:sectPr"):
            last.addprevious(block)
        else:
            self.element.append(block)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Config:
    """What holds for the whole document.

    Attributes:
        document: the python-docx document being written.
        styles: the style id for each role (body, headings, quote, footnotes, table).
        citations: ``"footnotes"`` for Word footnotes, ``"inline"`` for bracketed text.
        source_name: how errors name the Markdown.
        notes: the footnote definitions, keyed by markdown-it's footnote id.
        text_width: the width between the page margins, in EMU (tables fill it).
    """

    document: Document
    styles: StyleIds
    citations: Citations
    source_name: str
    notes: Mapping[int, SyntaxTreeNode]
    text_width: int

    def error(self, message: str, node: SyntaxTreeNode, hint: str | None = None) -> DraftError:
        """A ``DraftError`` naming the line of the Markdown where ``node`` starts."""
        return DraftError(message, path=self.source_name, line=_line_of(node), hint=hint)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ListLevel:
    """The list enclosing a point of the walk, as its items are numbered.

    Attributes:
        ordered: a numbered list (else bullets).
        num_id: the ``w:numId`` its items use; ``None`` prints each item's number as typed
            (a list quoted from a source keeps the source's numbers).
        ilvl: the numbering level, 0 to 2: 1. → (a) → (i).
    """

    ordered: bool
    num_id: int | None
    ilvl: int

    @property
    def text_indent(self) -> int:
        """Where an item's text starts, in twips: one indent step per level."""
        return (self.ilvl + 1) * INDENT_STEP


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Lead:
    """The number the next paragraph takes: it is the first paragraph of a list item.

    Attributes:
        level: the item's list.
        label: the number as typed with a tab ("16.\\t"), or a bullet; printed only when
            ``level.num_id`` is ``None``.
    """

    level: ListLevel
    label: str


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Env:
    """Read-only context of one point of the walk; descend with ``dataclasses.replace``.

    Attributes:
        config: what holds for the whole document.
        story: where blocks are written (the body or a footnote).
        style: the style id of a plain paragraph here (body text, quotation, footnote text).
        in_note: inside a footnote's text (a footnote reference here is refused).
        indent: the left indent of a plain paragraph here, in twips; ``None`` leaves the
            style's own.
        margin: where the text of the enclosing list item starts, in twips; ``None`` at the
            page margin.
        quotes: block quotations opened since the enclosing list item (or the story's start).
        parent: the enclosing list, if any.
        lead: the number the next paragraph takes, if it opens a list item.
        align: the alignment a ``::: right`` or ``::: center`` container asks for.
        keep_together: inside ``::: signature``: keep each paragraph on one page.
    """

    config: Config
    story: Story
    style: str
    in_note: bool = False
    indent: int | None = None
    margin: int | None = None
    quotes: int = 0
    parent: ListLevel | None = None
    lead: Lead | None = None
    align: WD_PARAGRAPH_ALIGNMENT | None = None
    keep_together: bool = False

    @property
    def lists(self) -> int:
        """How many lists enclose this point (0 outside any list)."""
        return 0 if self.parent is None else self.parent.ilvl + 1


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class PendingNote:
    """A footnote referenced in a paragraph, written once that paragraph is done.

    Attributes:
        note_id: the ``w:id`` shared by the reference and the ``w:footnote``.
        note: the definition (``None`` if markdown-it gave none: an empty note).
        reference: the body run holding the reference mark; comments made inside the note
            are anchored on it.
    """

    note_id: int
    note: SyntaxTreeNode | None
    reference: Run


@dataclass(slots=True, eq=False, repr=False)
class State:
    """What accumulates while the document is written.

    Attributes:
        numbering: the ``w:numbering`` root that numbering definitions go in.
        main_abstract: the main sequence's ``w:abstractNumId``, once made.
        main_num: the ``w:numId`` the main sequence's paragraphs use now.
        main_next: the number the next paragraph of the main sequence prints.
        bullets: the ``w:numId`` of every bulleted list, once made.
        next_note_id: the id the next footnote takes (comments are numbered after them).
        footnotes: the ``w:footnotes`` root, once a footnote is written.
        pending_notes: footnotes referenced in the paragraph being written.
        note_comments: comments met in the footnote being written, for its reference mark.
        page_break: a thematic break asked for a new page before the next block.
        after_table: the last block was a table (the next paragraph needs space above).
    """

    numbering: CT_Numbering
    main_abstract: int | None = None
    main_num: int | None = None
    main_next: int = 1
    bullets: int | None = None
    next_note_id: int = 1
    footnotes: BaseOxmlElement | None = None
    pending_notes: list[PendingNote] = field(default_factory=list)
    note_comments: list[str] = field(default_factory=list)
    page_break: bool = False
    after_table: bool = False
