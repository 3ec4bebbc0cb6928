"""Rendered Markdown → a Word document a court and a solicitor accept.

``write_docx`` is the verb: it parses the draft dialect (docs/markdown.md) with markdown-it,
walks the tokens and builds the document with python-docx: real numbered paragraphs that
continue through the whole document, (a)/(i) sub-paragraphs, block quotations, real Word
footnotes, page numbers, placeholders the lawyer must fill in and review comments on
unchecked pinpoints. The writer knows nothing of the quote bank: it sees only Markdown.

Raw XML lives in ``carecite.draft.ooxml``; styles in ``carecite.draft.styles``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, ClassVar, Literal, cast

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.shared import Cm, Mm, Pt, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from carecite.draft import ooxml
from carecite.draft.markdown import CONTAINERS, parse
from carecite.draft.styles import StyleIds, prepare_styles
from carecite.errors import DraftError
from carecite.output import write_atomic

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.text.paragraph import CT_P
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from markdown_it.token import Token

Citations = Literal["footnotes", "inline"]

#: Rough width of one character of 12 pt body text, bold included, and of a cell's margins.
_CHARACTER = Pt(7.5)
_CELL_PADDING = Cm(0.4)

#: Author and initials of the review comments carecite adds.
COMMENT_AUTHOR = "carecite"
COMMENT_INITIALS = "cc"
#: What a placeholder prints before its text; the lawyer replaces the whole bracket.
PLACEHOLDER_OPEN = "[●  "
PLACEHOLDER_CLOSE = "]"


@dataclass(frozen=True, slots=True)
class DocumentProperties:
    """The document's core properties (File ▸ Info in Word).

    Attributes:
        title: the document title, e.g. "Skeleton argument on behalf of the Children's Guardian".
        author: the advocate or firm; also recorded as "last modified by".
        subject: e.g. the case number and hearing.
        created: when the draft was made; ``None`` means now (UTC).
    """

    title: str = ""
    author: str = ""
    subject: str = ""
    created: datetime | None = None


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
) -> Document:
    """Build the Word document for ``markdown`` in memory; ``write_docx`` saves it.

    Useful to tests and to tools that inspect a draft without writing it. Arguments are as
    for ``write_docx``.

    Raises:
        DraftError: as for ``write_docx``.
    """
    if citations not in ("footnotes", "inline"):
        raise ValueError(f"citations must be 'footnotes' or 'inline', not {citations!r}")
    tokens = parse(markdown, source_name)
    document = _base_document(reference_docx)
    styles = prepare_styles(document, house=reference_docx is None, font=font)
    body = document.element.body
    # A reference document may carry no page setup at all: it then gets the house page.
    has_page_setup = body.sectPr is not None
    body.get_or_add_sectPr()
    section = document.sections[-1]
    if reference_docx is None or not has_page_setup:
        _a4_page(section)
    if section.footer.is_linked_to_previous:
        _page_number_footer(section)
    writer = _Writer(document, styles, citations, source_name)
    writer.write(tokens)
    _separate_comment_ids(document, first_free=writer.next_note_id)
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


# -- the token walker --------------------------------------------------------------------


@dataclass(slots=True)
class _List:
    """An open list: which numbering it uses and at which level."""

    ordered: bool
    num_id: int | None  # None: numbers typed as text (a list quoted inside a block quote)
    ilvl: int


@dataclass(slots=True)
class _Item:
    """An open list item; its first paragraph takes the number, later ones are indented."""

    num_id: int | None
    ilvl: int
    label: str
    quote_depth: int
    numbered: bool = False

    @property
    def text_indent(self) -> int:
        return (self.ilvl + 1) * ooxml.INDENT_STEP


@dataclass(slots=True)
class _Span:
    classes: frozenset[str]
    note: str
    runs: list[Run] = field(default_factory=list)


def _line(token: Token | None) -> int | None:
    return token.map[0] + 1 if token is not None and token.map else None


_ALLOWED_CLASSES = {"ordered_list_open": {"schedule"}, "table_open": {"plain"}}
_SPAN_CLASSES = {"placeholder", "comment"}


class _Writer:
    """Walks the block tokens once, keeping a stack of open lists, items and containers."""

    def __init__(
        self, document: Document, styles: StyleIds, citations: Citations, source_name: str
    ) -> None:
        self.document = document
        self.styles = styles
        self.citations = citations
        self.source_name = source_name
        self.numbering: BaseOxmlElement = document.part.numbering_part.element
        self.main_num: int | None = None
        self.bullet_num: int | None = None
        self.lists: list[_List] = []
        self.items: list[_Item] = []
        self.quote_depth = 0
        self.containers: list[str] = []
        self.signatures: list[list[Paragraph]] = []
        self.page_break_pending = False
        self.after_table = False
        self.paragraph: Paragraph | None = None
        self.notes: dict[int, list[Token]] = {}
        self.footnotes_root: BaseOxmlElement | None = None
        self.next_note_id = 1

    def error(self, message: str, token: Token | None, hint: str | None = None) -> DraftError:
        return DraftError(message, path=self.source_name, line=_line(token), hint=hint)

    # -- driving ---------------------------------------------------------------------------

    def write(self, tokens: Sequence[Token]) -> None:
        body = self._take_footnotes(tokens)
        i = 0
        while i < len(body):
            token = body[i]
            self._check_classes(token)
            if token.type == "table_open":
                i = self._table(body, i)
                continue
            kind = token.type
            if kind.startswith("container_"):
                self._container(token)
            else:
                handler = self._HANDLERS.get(kind)
                if handler is None:
                    raise self._unsupported(token)
                handler(self, token)
            i += 1

    def _take_footnotes(self, tokens: Sequence[Token]) -> list[Token]:
        """Split off the footnote definitions (markdown-it puts them in a final block)."""
        body: list[Token] = []
        current: list[Token] | None = None
        for token in tokens:
            if token.type == "footnote_open":
                current = self.notes.setdefault(token.meta["id"], [])
            elif token.type == "footnote_close":
                current = None
            elif token.type in ("footnote_block_open", "footnote_block_close"):
                pass
            elif current is not None:
                current.append(token)
            else:
                body.append(token)
        return body

    def _check_classes(self, token: Token) -> None:
        classes = str(token.attrs.get("class", "")).split()
        allowed = _ALLOWED_CLASSES.get(token.type, set())
        unknown = [c for c in classes if c not in allowed]
        if unknown:
            where = ", ".join(f"{{.{c}}}" for c in sorted(allowed)) or "none"
            raise self.error(
                f"unknown block attribute {{.{unknown[0]}}} on {token.type.removesuffix('_open')}",
                token,
                f"attributes this block takes: {where} (see docs/markdown.md)",
            )

    def _unsupported(self, token: Token) -> DraftError:
        if token.type in ("code_block", "fence"):
            return self.error(
                "Markdown reads this as a code block, which a court document cannot hold",
                token,
                "remove the indentation of 4 or more spaces (or the ``` fence) in the template",
            )
        return self.error(f"'{token.type}' is not part of the draft dialect", token)

    # -- paragraphs --------------------------------------------------------------------------

    def _new_paragraph(self, token: Token | None) -> Paragraph:
        """Add a body paragraph with the style, numbering and indent its context gives it."""
        paragraph = self.document.add_paragraph()
        p = paragraph._p
        style = self.styles.body
        item = self.items[-1] if self.items else None
        quote_inside_item = item is not None and self.quote_depth > item.quote_depth
        if self.quote_depth:
            style = self.styles.quote
        if item is not None and not quote_inside_item:
            if not item.numbered:
                item.numbered = True
                if item.num_id is not None:
                    ooxml.set_numbering(p, item.num_id, item.ilvl)
                else:
                    paragraph.add_run(item.label)
            elif item.num_id is not None:
                paragraph.paragraph_format.left_indent = Twips(item.text_indent)
        elif quote_inside_item and item is not None:
            depth = self.quote_depth - item.quote_depth
            paragraph.paragraph_format.left_indent = Twips(
                item.text_indent + depth * ooxml.INDENT_STEP
            )
        elif self.quote_depth > 1:
            paragraph.paragraph_format.left_indent = Twips(self.quote_depth * ooxml.INDENT_STEP)
        p.get_or_add_pPr().style = style
        self._place(paragraph)
        return paragraph

    def _place(self, paragraph: Paragraph) -> None:
        """Apply what the surrounding blocks ask of any new paragraph."""
        fmt = paragraph.paragraph_format
        if self.page_break_pending:
            fmt.page_break_before = True
            self.page_break_pending = False
        if self.after_table:
            # A table has no space after it of its own: keep the next line off its border.
            fmt.space_before = Pt(12)
            self.after_table = False
        for name in reversed(self.containers):
            if name == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                break
            if name == "center":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                break
        if self.signatures:
            fmt.keep_together = True
            self.signatures[-1].append(paragraph)

    def _number_empty_item(self) -> None:
        """An item that opens with a list, quote or table still takes its number."""
        if self.items and not self.items[-1].numbered:
            item = self.items[-1]
            if self.quote_depth == item.quote_depth:
                self._new_paragraph(None)

    def _on_paragraph_open(self, token: Token) -> None:
        self.paragraph = self._new_paragraph(token)

    def _on_paragraph_close(self, token: Token) -> None:
        self.paragraph = None

    def _on_heading_open(self, token: Token) -> None:
        level = int(token.tag[1])
        if level > 3:
            raise self.error(
                f"heading level {level} is not used in drafts",
                token,
                "use #, ## or ### (Heading 1 to 3)",
            )
        self._number_empty_item()
        paragraph = self.document.add_paragraph()
        paragraph._p.get_or_add_pPr().style = self.styles.headings[level - 1]
        ooxml.set_numbering(paragraph._p, 0, 0)
        self._place(paragraph)
        self.paragraph = paragraph

    def _on_heading_close(self, token: Token) -> None:
        self.paragraph = None

    def _on_inline(self, token: Token) -> None:
        if self.paragraph is None:  # pragma: no cover - markdown-it always opens a block
            raise self.error("text outside a paragraph", token)
        if token.content.startswith(":::"):
            raise self.error(
                f"unknown or unmatched container line {token.content.splitlines()[0]!r}",
                token,
                f"containers are {', '.join('::: ' + c for c in CONTAINERS)}, each closed "
                "by a line holding only ':::'",
            )
        _Inline(self, self.paragraph, token).render(token.children or [])

    def _on_hr(self, token: Token) -> None:
        self.page_break_pending = True

    # -- lists -----------------------------------------------------------------------------

    def _sequence(self) -> int:
        """A new independent numbering sequence: its own abstractNum and num."""
        abstract_id = ooxml.add_abstract_num(self.numbering, ooxml.PARAGRAPH_LEVELS)
        return ooxml.add_num(self.numbering, abstract_id)

    def _on_ordered_list_open(self, token: Token) -> None:
        self._number_empty_item()
        parent = self.lists[-1] if self.lists else None
        depth = len(self.lists)
        enclosing_quote = self.items[-1].quote_depth if self.items else 0
        if self.quote_depth > enclosing_quote or (parent is not None and parent.num_id is None):
            num_id, ilvl = None, depth  # a list quoted from a source keeps its own numbers
        elif "schedule" in str(token.attrs.get("class", "")).split():
            num_id, ilvl = self._sequence(), depth
        elif parent is None:
            if self.main_num is None:
                self.main_num = self._sequence()
            num_id, ilvl = self.main_num, 0
        elif parent.ordered:
            num_id, ilvl = parent.num_id, parent.ilvl + 1
        else:
            num_id, ilvl = self._sequence(), depth
        if ilvl >= len(ooxml.PARAGRAPH_LEVELS):
            raise self.error(
                "lists nest at most three deep: 1. → (a) → (i)",
                token,
                "restructure the paragraph, or move the detail into a schedule",
            )
        self.lists.append(_List(ordered=True, num_id=num_id, ilvl=ilvl))

    def _on_bullet_list_open(self, token: Token) -> None:
        self._number_empty_item()
        depth = len(self.lists)
        if depth >= len(ooxml.BULLET_LEVELS):
            raise self.error("lists nest at most three deep", token)
        if self.bullet_num is None:
            abstract_id = ooxml.add_abstract_num(self.numbering, ooxml.BULLET_LEVELS)
            self.bullet_num = ooxml.add_num(self.numbering, abstract_id)
        self.lists.append(_List(ordered=False, num_id=self.bullet_num, ilvl=depth))

    def _on_list_close(self, token: Token) -> None:
        self.lists.pop()

    def _on_list_item_open(self, token: Token) -> None:
        frame = self.lists[-1]
        label = f"{token.info}{token.markup}\t" if frame.ordered else "•\t"
        self.items.append(_Item(frame.num_id, frame.ilvl, label, self.quote_depth, numbered=False))

    def _on_list_item_close(self, token: Token) -> None:
        self._number_empty_item()
        self.items.pop()

    # -- quotes, containers, tables ----------------------------------------------------------

    def _on_blockquote_open(self, token: Token) -> None:
        self._number_empty_item()
        self.quote_depth += 1

    def _on_blockquote_close(self, token: Token) -> None:
        self.quote_depth -= 1

    def _container(self, token: Token) -> None:
        name = token.type.removeprefix("container_").rsplit("_", 1)[0]
        if token.type.endswith("_open"):
            self.containers.append(name)
            if name == "signature":
                self.signatures.append([])
            return
        self.containers.pop()
        if name == "signature":
            block = self.signatures.pop()
            for paragraph in block[:-1]:
                paragraph.paragraph_format.keep_with_next = True

    def _table(self, tokens: Sequence[Token], start: int) -> int:
        """Build a Word table from ``table_open`` … ``table_close``; return the next index."""
        opening = tokens[start]
        self._number_empty_item()
        plain = "plain" in str(opening.attrs.get("class", "")).split()
        rows: list[tuple[bool, list[tuple[Token, str]]]] = []
        header = False
        i = start + 1
        while tokens[i].type != "table_close":
            kind = tokens[i].type
            if kind == "thead_open":
                header = True
            elif kind == "thead_close":
                header = False
            elif kind == "tr_open":
                rows.append((header, []))
            elif kind in ("th_open", "td_open"):
                style = str(tokens[i].attrs.get("style", ""))
                rows[-1][1].append((tokens[i + 1], style))
            i += 1
        if plain and rows and rows[0][0] and not any(c.content.strip() for c, _ in rows[0][1]):
            rows = rows[1:]  # a borderless table may leave its header row empty
        if self.page_break_pending:
            self.document.add_paragraph()._p.append(ooxml.page_break())
            self.page_break_pending = False
        columns = max((len(cells) for _, cells in rows), default=0)
        if not rows or not columns:
            return i + 1
        table = self.document.add_table(rows=len(rows), cols=columns)
        tbl_pr = table._tbl.tblPr
        if plain:
            ooxml.table_borders(tbl_pr, visible=False)
        else:
            tbl_pr.style = self.styles.table_grid
        for r, (is_header, cells) in enumerate(rows):
            word_cells = table.rows[r].cells
            for c, (inline, style) in enumerate(cells):
                paragraph = word_cells[c].paragraphs[0]
                paragraph.paragraph_format.space_after = Pt(0)
                if "right" in style:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                elif "center" in style:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                renderer = _Inline(self, paragraph, inline)
                renderer.bold = int(is_header and not plain)
                renderer.render(inline.children or [])
        self._fit_columns(table)
        self.after_table = True
        return i + 1

    def _fit_columns(self, table: Table) -> None:
        """Share the text width among columns by what each holds.

        Equal columns wrap a long party name or a list of judgements into a thin strip
        running over pages, and break a short word ("inadequate") mid-word. Each column
        gets at least its longest word; what is left goes to the columns with longer text
        (counted up to 60 characters), in proportion.
        """
        available = _text_width(self.document.sections[-1])
        least, wanted = [], []
        for column in table.columns:
            texts = [cell.text for cell in column.cells]
            longest_word = max((len(w) for t in texts for w in t.split()), default=1)
            longest_text = min(max(len(t) for t in texts), 60)
            least.append(_CHARACTER * longest_word + _CELL_PADDING)
            wanted.append(_CHARACTER * max(longest_text, longest_word) + _CELL_PADDING)
        spare = available - sum(least)
        extra = [w - m for w, m in zip(wanted, least, strict=True)]
        if spare <= 0 or not sum(extra):
            widths = [int(available * m / sum(least)) for m in least]
        else:
            share = min(1.0, spare / sum(extra))
            widths = [int(m + e * share) for m, e in zip(least, extra, strict=True)]
            leftover = available - sum(widths)
            widths = [w + int(leftover * w / sum(widths)) for w in widths]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width

    # -- footnotes -------------------------------------------------------------------------

    def footnote(self, inline: _Inline, token: Token) -> None:
        """A ``[^id]`` reference: a real Word footnote, or its text in brackets inline."""
        if inline.in_note:
            raise self.error(
                "a footnote cannot contain another footnote reference",
                inline.token,
                "move the second reference into the body text",
            )
        note_tokens = [t for t in self.notes.get(token.meta["id"], []) if t.type == "inline"]
        if self.citations == "inline":
            inline.text(" (")
            inline.in_note = True
            for n, note_inline in enumerate(note_tokens):
                if n:
                    inline.text(" ")
                inline.render(note_inline.children or [])
            inline.in_note = False
            inline.text(")")
            return
        note_id = self.next_note_id
        self.next_note_id += 1
        r = ooxml.footnote_reference(note_id, self.styles.footnote_reference)
        inline.paragraph._p.append(r)
        reference = Run(r, inline.paragraph)
        inline.register(reference)
        if self.footnotes_root is None:
            self.footnotes_root = ooxml.footnotes_part(self.document.part).element
        note = ooxml.footnote(note_id)
        self.footnotes_root.append(note)
        comments: list[str] = []
        note_parts: list[Token | None] = [*note_tokens] or [None]
        for n, note_part in enumerate(note_parts):
            p = cast("CT_P", OxmlElement("w:p"))  # the oxml parser makes a w:p a CT_P
            note.append(p)
            p.get_or_add_pPr().style = self.styles.footnote_text
            paragraph = Paragraph(p, self.document)
            if n == 0:
                p.append(ooxml.footnote_mark(self.styles.footnote_reference))
                paragraph.add_run(" ")
            if note_part is not None:
                renderer = _Inline(self, paragraph, note_part, in_note=True)
                renderer.render(note_part.children or [])
                comments.extend(renderer.deferred_comments)
        # python-docx anchors comments in the main story only: a comment written inside a
        # footnote goes on the footnote's reference mark in the body.
        for text in comments:
            self.comment([reference], text)

    def comment(self, runs: Sequence[Run], text: str) -> None:
        self.document.add_comment(
            list(runs), text=text, author=COMMENT_AUTHOR, initials=COMMENT_INITIALS
        )

    _HANDLERS: ClassVar[dict[str, Callable[[_Writer, Token], None]]] = {
        "paragraph_open": _on_paragraph_open,
        "paragraph_close": _on_paragraph_close,
        "heading_open": _on_heading_open,
        "heading_close": _on_heading_close,
        "inline": _on_inline,
        "hr": _on_hr,
        "ordered_list_open": _on_ordered_list_open,
        "ordered_list_close": _on_list_close,
        "bullet_list_open": _on_bullet_list_open,
        "bullet_list_close": _on_list_close,
        "list_item_open": _on_list_item_open,
        "list_item_close": _on_list_item_close,
        "blockquote_open": _on_blockquote_open,
        "blockquote_close": _on_blockquote_close,
    }


class _Inline:
    """Writes one inline token's children as runs of one paragraph."""

    def __init__(
        self, writer: _Writer, paragraph: Paragraph, token: Token, *, in_note: bool = False
    ) -> None:
        self.writer = writer
        self.paragraph = paragraph
        self.token = token
        self.in_note = in_note
        self.bold = 0
        self.italic = 0
        self.highlight = 0
        self.spans: list[_Span] = []
        self.links: list[Token] = []
        self.deferred_comments: list[str] = []

    def text(self, text: str) -> Run:
        run = self.paragraph.add_run(text)
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True
        if self.highlight:
            from docx.enum.text import WD_COLOR_INDEX

            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        self.register(run)
        return run

    def register(self, run: Run) -> None:
        for span in self.spans:
            if "comment" in span.classes:
                span.runs.append(run)

    def render(self, children: Sequence[Token]) -> None:
        for child in children:
            kind = child.type
            if kind in ("text", "text_special", "code_inline"):
                if child.content:
                    self.text(child.content)
            elif kind == "softbreak":
                self.text(" ")
            elif kind == "hardbreak":
                self.text("").add_break()
            elif kind in ("em_open", "em_close"):
                self.italic += 1 if kind == "em_open" else -1
            elif kind in ("strong_open", "strong_close"):
                self.bold += 1 if kind == "strong_open" else -1
            elif kind == "span_open":
                self._open_span(child)
            elif kind == "span_close":
                self._close_span()
            elif kind == "footnote_ref":
                self.writer.footnote(self, child)
            elif kind == "link_open":
                self.links.append(child)
                if child.markup == "autolink":
                    self.text("<")
            elif kind == "link_close":
                link = self.links.pop()
                if link.markup == "autolink":
                    self.text(">")
                else:
                    self.text(f" <{link.attrs.get('href', '')}>")
            elif kind == "footnote_anchor":
                pass
            else:
                raise self.writer.error(
                    f"'{kind}' is not part of the draft dialect",
                    self.token,
                    "images and raw markup cannot go in a draft (see docs/markdown.md)",
                )

    def _open_span(self, token: Token) -> None:
        classes = frozenset(str(token.attrs.get("class", "")).split())
        unknown = sorted(classes - _SPAN_CLASSES)
        if unknown:
            raise self.writer.error(
                f"unknown span class {{.{unknown[0]}}}",
                self.token,
                'spans take {.placeholder} or {.comment note="..."}',
            )
        note = str(token.attrs.get("note", "")).strip()
        if "comment" in classes and not note:
            raise self.writer.error('a {.comment} span needs its text in note="..."', self.token)
        span = _Span(classes, note)
        self.spans.append(span)
        if "placeholder" in classes:
            self.highlight += 1
            self.text(PLACEHOLDER_OPEN)

    def _close_span(self) -> None:
        span = self.spans.pop()
        if "placeholder" in span.classes:
            self.text(PLACEHOLDER_CLOSE)
            self.highlight -= 1
        if "comment" in span.classes:
            if self.in_note and self.writer.citations == "footnotes":
                self.deferred_comments.append(span.note)
            elif span.runs:
                self.writer.comment(span.runs, span.note)
