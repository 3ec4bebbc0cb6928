"""How long a draft runs: a page layout modelled from the Word document, or LibreOffice's count.

A position statement must keep within its page limit (PD 27A 2018: 3 pages; a skeleton
argument 20). ``estimate_length`` lays the built Word document out as a word processor does,
without rendering it: the page size and margins of its section; each paragraph's style as
Word resolves it (document defaults, table style, the paragraph style and its bases, the
numbering level's indents, direct formatting) for font, size, bold, line spacing, space
before and after, indents, keep-with-next, keep-lines-together, page break before and widow
control; words wrapped greedily by the font's character widths (``carecite.draft.metrics``);
table rows wrapped cell by cell at their grid widths, breaking between lines; footnotes in their own
style, placed on the page of their reference above a separator. ``count_pages`` asks
LibreOffice, where installed, for the exact count of a written .docx.

Where the model is unsure it errs long: a footnote's first line must share its reference's
page, and space before a paragraph is kept at the top of a page after a break asked for.
``bench/bench_length.py`` compares it with LibreOffice on the examples and generated variants.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from carecite.draft.metrics import FontMetrics, KnownWidths, metrics_for
from carecite.shorten import shorten

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement as _Element

__all__ = ["ESTIMATE_MARGIN", "Length", "count_pages", "estimate_length"]

#: How much a page limit the estimate treats as near: a draft estimated within this share of
#: its limit is said to be near it, with the advice to count the pages as laid out.
ESTIMATE_MARGIN = 0.05

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TWIP = 1 / 20  # points
#: Height of the rule above a page's notes and the gap around it, in points, as LibreOffice
#: sets Word's separator (measured: bench/bench_length.py).
_SEPARATOR = 2.0
#: A superscript mark's size as a share of the text's (Word and LibreOffice: 58%).
_SUPERSCRIPT = 0.58
#: Word's default cell margins left and right (108 twips), used when a table sets none.
_CELL_MARGIN = 108
#: A default tab stop (720 twips): what a tab character advances at most.
_TAB = 36.0


@dataclass(frozen=True, slots=True)
class Length:
    """A draft's estimated length, and where its bulk is, for what to cut.

    Attributes:
        pages: whole pages before the last, plus the share of the last page its text and
            notes fill (2.8 is most of a third page).
        text_end: where the body's text ends, in the same measure, leaving out the notes at
            the foot of the last page.
        lines: the whole draft in lines of body text (a line of the body style with its
            spacing), notes and gaps included.
        lines_per_page: the lines of body text a page holds.
        parts: each heading (or "opening" before the first, "footnotes" for the notes) with
            the lines under it, longest first.
    """

    pages: float
    text_end: float
    lines: float
    lines_per_page: float
    parts: tuple[tuple[str, float], ...]

    def over(self, limit: int) -> str:
        """What to cut to bring the draft within ``limit`` pages, in words."""
        excess = max(1, math.ceil((self.pages - limit) * self.lines_per_page))
        longest = ", ".join(f"{name} ({lines:.0f} lines)" for name, lines in self.parts[:3])
        return (
            f"cut about {excess} lines (a page holds about {self.lines_per_page:.0f}); "
            f"the longest parts: {longest}"
        )


def estimate_length(document: Document) -> Length:
    """Estimate how many pages ``document`` fills, by laying it out as Word would.

    Args:
        document: a built draft (``carecite.draft.write.docx.build_document``) or any
            python-docx document.

    Returns:
        Its length: pages, where its text ends, and its longest parts.
    """
    sheet = _Sheet.of(document)
    blocks = list(_Reader(document, sheet).blocks())
    return _Layout(sheet).run(blocks)


# -- the page and the styles --------------------------------------------------------------------


# eq=False, repr=False (the layout's classes): nothing compares or prints them, and Python 3.11
# compiles each generated method anew at every start (bench/README.md).
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Sheet:
    """The page's text area, in points, and the document's style definitions."""

    width: float
    height: float
    styles: dict[str, _Element]
    defaults: tuple[_Element | None, _Element | None]  # pPrDefault/pPr, rPrDefault/rPr
    default_style: str | None
    numbering: dict[tuple[str, str], _Element]  # (numId, ilvl) → w:lvl

    @classmethod
    def of(cls, document: Document) -> _Sheet:
        body = document.element.body
        sect = body.find(f"{_W}sectPr")
        size = sect.find(f"{_W}pgSz") if sect is not None else None
        margins = sect.find(f"{_W}pgMar") if sect is not None else None
        page_w = _twips(size, "w", 11906) * _TWIP
        page_h = _twips(size, "h", 16838) * _TWIP
        width = page_w - (_twips(margins, "left", 1440) + _twips(margins, "right", 1440)) * _TWIP
        height = page_h - (_twips(margins, "top", 1440) + _twips(margins, "bottom", 1440)) * _TWIP
        root = document.styles.element
        styles = {s.get(f"{_W}styleId", ""): s for s in root.iter(f"{_W}style")}
        default_style = next(
            (
                sid
                for sid, s in styles.items()
                if s.get(f"{_W}type") == "paragraph" and s.get(f"{_W}default") in ("1", "true")
            ),
            None,
        )
        p_default = root.find(f"{_W}docDefaults/{_W}pPrDefault/{_W}pPr")
        r_default = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        return cls(
            width,
            height,
            styles,
            (p_default, r_default),
            default_style,
            _numbering_levels(document),
        )

    def chain(self, style_id: str | None) -> list[_Element]:
        """The style and its bases, base first."""
        found: list[_Element] = []
        while style_id and style_id in self.styles and len(found) < 20:
            style = self.styles[style_id]
            found.insert(0, style)
            based = style.find(f"{_W}basedOn")
            style_id = based.get(f"{_W}val") if based is not None else None
        return found


def _numbering_levels(document: Document) -> dict[tuple[str, str], _Element]:
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract = {
        a.get(f"{_W}abstractNumId", ""): {
            lvl.get(f"{_W}ilvl", "0"): lvl for lvl in a.findall(f"{_W}lvl")
        }
        for a in numbering.findall(f"{_W}abstractNum")
    }
    levels: dict[tuple[str, str], _Element] = {}
    for num in numbering.findall(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is None:
            continue
        for ilvl, lvl in abstract.get(ref.get(f"{_W}val", ""), {}).items():
            levels[(num.get(f"{_W}numId", ""), ilvl)] = lvl
    return levels


def _twips(element: _Element | None, attribute: str, default: int) -> int:
    if element is None:
        return default
    value = element.get(f"{_W}{attribute}")
    try:
        return int(float(value)) if value is not None else default
    except ValueError:
        return default


def _on(element: _Element | None) -> bool | None:
    """An on/off property: ``None`` when absent, else its value (no value means on)."""
    if element is None:
        return None
    return element.get(f"{_W}val", "true") not in ("0", "false", "off")


#: The on/off paragraph properties the layout follows, and the ``_Format`` field of each.
_SWITCHES = tuple(
    (f"{_W}{tag}", name)
    for tag, name in (
        ("keepNext", "keep_next"),
        ("keepLines", "keep_lines"),
        ("pageBreakBefore", "break_before"),
        ("widowControl", "widows"),
    )
)


@dataclass(slots=True, eq=False, repr=False)
class _Format:
    """A paragraph's resolved properties (sizes in points)."""

    font: str | None = None
    size: float = 10.0
    bold: bool = False
    line: float = 240.0
    line_rule: str = "auto"
    before: float = 0.0
    after: float = 0.0
    left: float = 0.0
    right: float = 0.0
    first: float = 0.0  # positive: first-line indent; negative: hanging
    keep_next: bool = False
    keep_lines: bool = False
    break_before: bool = False
    widows: bool = True
    numbered: bool = False
    style: str = ""  # the paragraph's own style id (w:pStyle): a heading's names a part

    def copy(self) -> _Format:
        """A copy, for one paragraph's own properties (``copy.copy`` takes six times as long)."""
        return _Format(*_FORMAT_VALUES(self))

    def apply_p(self, p_pr: dict[str, _Element]) -> None:
        """Apply a ``w:pPr``, given as ``_first_children`` of it."""
        spacing = p_pr.get(f"{_W}spacing")
        if spacing is not None:
            self.before = _twips(spacing, "before", int(self.before * 20)) * _TWIP
            self.after = _twips(spacing, "after", int(self.after * 20)) * _TWIP
            self.line = _twips(spacing, "line", int(self.line))
            self.line_rule = spacing.get(f"{_W}lineRule", self.line_rule)
        self.apply_indent(p_pr.get(f"{_W}ind"))
        for tag, name in _SWITCHES:
            value = _on(p_pr.get(tag))
            if value is not None:
                setattr(self, name, value)

    def apply_indent(self, ind: _Element | None) -> None:
        if ind is None:
            return
        self.left = _twips(ind, "left", _twips(ind, "start", int(self.left * 20))) * _TWIP
        self.right = _twips(ind, "right", _twips(ind, "end", int(self.right * 20))) * _TWIP
        if ind.get(f"{_W}hanging") is not None:
            self.first = -_twips(ind, "hanging", 0) * _TWIP
        elif ind.get(f"{_W}firstLine") is not None:
            self.first = _twips(ind, "firstLine", 0) * _TWIP

    def apply_r(self, r_pr: _Element | None) -> None:
        if r_pr is None:
            return
        fonts = r_pr.find(f"{_W}rFonts")
        if fonts is not None and fonts.get(f"{_W}ascii"):
            self.font = fonts.get(f"{_W}ascii")
        size = r_pr.find(f"{_W}sz")
        if size is not None:
            self.size = _twips(size, "val", int(self.size * 2)) / 2
        bold = _on(r_pr.find(f"{_W}b"))
        if bold is not None:
            self.bold = bold


_FORMAT_VALUES = attrgetter(*(f.name for f in fields(_Format)))


# -- reading the document into boxes -----------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Line:
    """A line's height, what of it may run past the foot of a page, and its notes."""

    height: float
    slack: float = 0.0
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Note:
    """A footnote's height and its first line's, which must share its reference's page."""

    height: float
    first_line: float


@dataclass(slots=True, eq=False, repr=False)
class _Block:
    """A paragraph (lines that may split) or a table row (one unbreakable line)."""

    lines: list[_Line]
    before: float = 0.0
    after: float = 0.0
    keep_next: bool = False
    keep_lines: bool = False
    break_before: bool = False
    widows: bool = True
    heading: str | None = None
    notes: dict[str, _Note] = field(default_factory=dict)


class _Reader:
    """Turns the body (and the footnotes) into blocks of lines with their heights."""

    def __init__(self, document: Document, sheet: _Sheet) -> None:
        self.sheet = sheet
        self.body = document.element.body
        self.notes = _footnotes(document)
        self.note_cache: dict[str, _Note] = {}
        self.widths: dict[str | None, KnownWidths] = {}  # by font name
        self.styled: dict[tuple[str | None, str | None, tuple[str, str] | None], _Format] = {}

    def blocks(self) -> Iterator[_Block]:
        for child in _body_children(self.body):
            if child.tag == f"{_W}p":
                yield from self._paragraph_blocks(child, self.sheet.width, None)
            elif child.tag == f"{_W}tbl":
                yield from self._table(child)

    # paragraphs

    def format_of(self, p: _Element, table_style: str | None) -> _Format:
        p_pr = _first_children(p.find(f"{_W}pPr"))
        style_ref = p_pr.get(f"{_W}pStyle")
        style_id = style_ref.get(f"{_W}val") if style_ref is not None else self.sheet.default_style
        direct = p_pr.get(f"{_W}numPr")
        key = (table_style, style_id, None if direct is None else _numbering_key(direct))
        styled = self.styled.get(key)
        if styled is None:
            styled = self.styled[key] = self._styled(table_style, style_id, key[2])
        fmt = styled.copy()
        fmt.apply_p(p_pr)
        fmt.style = style_ref.get(f"{_W}val", "") if style_ref is not None else ""
        return fmt

    def _styled(
        self, table_style: str | None, style_id: str | None, numbering: tuple[str, str] | None
    ) -> _Format:
        """What a paragraph of this style has before its own direct formatting.

        Resolved once per style, table style and numbering (a draft's thousand paragraphs
        use a handful): document defaults, the table style's chain, the paragraph style's
        chain, then the numbering level's indents (``numbering``, the paragraph's own
        ``w:numPr``, else its style's).
        """
        sheet = self.sheet
        fmt = _Format()
        p_default, r_default = sheet.defaults
        fmt.apply_p(_first_children(p_default))
        fmt.apply_r(r_default)
        if table_style:
            for style in sheet.chain(table_style):
                fmt.apply_p(_first_children(style.find(f"{_W}pPr")))
                fmt.apply_r(style.find(f"{_W}rPr"))
        num_pr = None
        for style in sheet.chain(style_id):
            fmt.apply_p(_first_children(style.find(f"{_W}pPr")))
            fmt.apply_r(style.find(f"{_W}rPr"))
            style_num_pr = _find_path(style, "pPr", "numPr")
            num_pr = num_pr if style_num_pr is None else style_num_pr
        if numbering is None and num_pr is not None:
            numbering = _numbering_key(num_pr)
        level = sheet.numbering.get(numbering) if numbering is not None else None
        if level is not None:
            fmt.apply_indent(_find_path(level, "pPr", "ind"))
            fmt.numbered = True
        return fmt

    def _paragraph_blocks(
        self, p: _Element, width: float, table_style: str | None
    ) -> Iterator[_Block]:
        fmt = self.format_of(p, table_style)
        widths = self.widths.get(fmt.font)
        if widths is None:
            widths = self.widths[fmt.font] = KnownWidths(metrics_for(fmt.font))
        pieces = list(_pieces(p, fmt))
        first_break = next((i for i, piece in enumerate(pieces) if piece[0] == "page"), None)
        if first_break is not None:
            # A page break inside a paragraph: what precedes it ends a page.
            before, after = pieces[:first_break], pieces[first_break + 1 :]
            if any(kind == "text" and text.strip() for kind, text, *_ in before):
                yield self._block(before, fmt, widths, width, p)
            fmt.break_before = True
            pieces = after
        yield self._block(pieces, fmt, widths, width, p)

    def _block(
        self,
        pieces: list[tuple[str, str, float, bool]],
        fmt: _Format,
        widths: KnownWidths,
        width: float,
        p: _Element,
    ) -> _Block:
        text_width = max(24.0, width - fmt.left - fmt.right)
        first_width = text_width if fmt.numbered else text_width - fmt.first
        lines = _wrap(pieces, widths, first_width, text_width)
        metrics = widths.metrics
        line_height = _line_height(fmt, metrics)
        # The leading that spacing over single adds may run past the foot of the page.
        slack = max(0.0, line_height - fmt.size * metrics.line_height)
        block = _Block(
            [_Line(line_height, slack, tuple(notes)) for notes in lines],
            before=fmt.before,
            after=fmt.after,
            keep_next=fmt.keep_next,
            keep_lines=fmt.keep_lines,
            break_before=fmt.break_before,
            widows=fmt.widows,
        )
        if fmt.style.lower().startswith("heading"):
            block.heading = shorten("".join(t.text or "" for t in p.iter(f"{_W}t")), 60)
        for notes in lines:
            for note in notes:
                block.notes[note] = self.footnote(note)
        return block

    def footnote(self, note: str) -> _Note:
        """The height of footnote ``note`` (its first line apart), laid out once."""
        if note not in self.note_cache:
            height = first_line = 0.0
            for p in self.notes.get(note, []):
                for block in self._paragraph_blocks(p, self.sheet.width, None):
                    height += block.before + sum(line.height for line in block.lines)
                    height += block.after
                    first_line = first_line or block.before + block.lines[0].height
            self.note_cache[note] = _Note(height, first_line)
        return self.note_cache[note]

    # tables

    def _table(self, tbl: _Element) -> Iterator[_Block]:
        style_ref = _find_path(tbl, "tblPr", "tblStyle")
        table_style = style_ref.get(f"{_W}val") if style_ref is not None else None
        grid = [_twips(col, "w", 0) * _TWIP for col in tbl.iterfind(f"{_W}tblGrid/{_W}gridCol")]
        margins = self._cell_margins(tbl, table_style)
        for row in tbl.iterfind(f"{_W}tr"):
            tallest: list[float] = []
            notes: dict[str, _Note] = {}
            column = 0
            for cell in row.iterfind(f"{_W}tc"):
                span_el = _find_path(cell, "tcPr", "gridSpan")
                span = _twips(span_el, "val", 1) if span_el is not None else 1
                cell_width = sum(grid[column : column + span]) or self.sheet.width / 2
                column += span
                heights: list[float] = []
                for p in cell.iterfind(f"{_W}p"):
                    for block in self._paragraph_blocks(p, cell_width - margins, table_style):
                        lines = [line.height for line in block.lines]
                        lines[0] += block.before
                        lines[-1] += block.after
                        heights += lines
                        notes.update(block.notes)
                if sum(heights) > sum(tallest):
                    tallest = heights
            # A row breaks across pages between the lines of its tallest cell, as Word and
            # LibreOffice allow by default; its notes go with its first line.
            marks = tuple(notes)
            yield _Block(
                [_Line(h, 0.0, marks if i == 0 else ()) for i, h in enumerate(tallest or [0.0])],
                widows=False,
                notes=notes,
            )

    def _cell_margins(self, tbl: _Element, table_style: str | None) -> float:
        holders = [tbl.find(f"{_W}tblPr")] + [
            style.find(f"{_W}tblPr") for style in reversed(self.sheet.chain(table_style))
        ]
        for holder in holders:
            margins = _find_path(holder, "tblCellMar") if holder is not None else None
            if margins is not None:
                left = margins.find(f"{_W}left")
                right = margins.find(f"{_W}right")
                return (_twips(left, "w", _CELL_MARGIN) + _twips(right, "w", _CELL_MARGIN)) * _TWIP
        return 2 * _CELL_MARGIN * _TWIP


def _numbering_key(num_pr: _Element) -> tuple[str, str]:
    """A ``w:numPr``'s (numId, ilvl), the key of ``_Sheet.numbering``."""
    children = _first_children(num_pr)
    num_id = children.get(f"{_W}numId")
    ilvl = children.get(f"{_W}ilvl")
    return (
        num_id.get(f"{_W}val", "") if num_id is not None else "",
        ilvl.get(f"{_W}val", "0") if ilvl is not None else "0",
    )


def _first_children(element: _Element | None) -> dict[str, _Element]:
    """Each tag's first child of ``element`` (what ``element.find(tag)`` finds), by tag.

    Read in one pass: the layout asks each paragraph's properties for a dozen tags, and
    one lxml ``find`` costs about as much as reading all of a ``w:pPr``'s children.
    """
    found: dict[str, _Element] = {}
    if element is not None:
        for child in element:
            found.setdefault(child.tag, child)
    return found


def _find_path(element: _Element | None, *tags: str) -> _Element | None:
    for tag in tags:
        if element is None:
            return None
        element = element.find(f"{_W}{tag}")
    return element


def _body_children(body: _Element) -> Iterator[_Element]:
    for child in body:
        if child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_children(content)
        else:
            yield child


def _footnotes(document: Document) -> dict[str, list[_Element]]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            element = getattr(rel.target_part, "element", None)
            if element is None:  # a part python-docx does not parse (a reference document's)
                from docx.oxml import parse_xml

                element = parse_xml(rel.target_part.blob)
            return {
                note.get(f"{_W}id", ""): note.findall(f"{_W}p")
                for note in element.iter(f"{_W}footnote")
                if note.get(f"{_W}type") in (None, "normal")
            }
    return {}


# The tags _pieces meets in every run of the draft, spelt once.
_R, _DEL, _RPR, _T = f"{_W}r", f"{_W}del", f"{_W}rPr", f"{_W}t"
_TAB_MARK, _BR, _CR = f"{_W}tab", f"{_W}br", f"{_W}cr"
_SZ, _B, _VERT_ALIGN, _R_STYLE = f"{_W}sz", f"{_W}b", f"{_W}vertAlign", f"{_W}rStyle"
_NOTE_REFERENCE, _NOTE_NUMBER = f"{_W}footnoteReference", f"{_W}footnoteRef"
_VAL, _TYPE, _ID = f"{_W}val", f"{_W}type", f"{_W}id"


def _pieces(p: _Element, fmt: _Format) -> Iterator[tuple[str, str, float, bool]]:
    """The paragraph's content in order: ("text", text, size, bold), ("line", …),
    ("tab", …), ("page", …), ("note", id, size, bold)."""
    for run in p.iter(_R):
        parent = run.getparent()
        if parent is not None and parent.tag == _DEL:
            continue
        size, bold = fmt.size, fmt.bold
        r_pr = run.find(_RPR)
        if r_pr is not None:
            sz = r_pr.find(_SZ)
            if sz is not None:
                size = _twips(sz, "val", int(size * 2)) / 2
            b = _on(r_pr.find(_B))
            if b is not None:
                bold = b
            vert = r_pr.find(_VERT_ALIGN)
            style = r_pr.find(_R_STYLE)
            if (vert is not None and vert.get(_VAL) != "baseline") or (
                style is not None and "reference" in style.get(_VAL, "").lower()
            ):
                size *= _SUPERSCRIPT
        for child in run:
            tag = child.tag
            if tag == _T:
                yield ("text", child.text or "", size, bold)
            elif tag == _TAB_MARK:
                yield ("tab", "", size, bold)
            elif tag in (_BR, _CR):
                kind = child.get(_TYPE)
                yield ("page" if kind == "page" else "line", "", size, bold)
            elif tag == _NOTE_REFERENCE:
                yield ("text", child.get(_ID, "0"), size, bold)
                yield ("note", child.get(_ID, ""), size, bold)
            elif tag == _NOTE_NUMBER:
                yield ("text", "1", size, bold)


def _wrap(
    pieces: list[tuple[str, str, float, bool]],
    widths: KnownWidths,
    first_width: float,
    width: float,
) -> list[list[str]]:
    """Fill lines greedily, word by word; returns, for each line, the notes referenced on it."""
    lines: list[list[str]] = [[]]
    used = 0.0  # the width taken on this line
    limit = first_width
    word = 0.0  # the word being read, not yet placed
    word_notes: list[str] = []
    gap = 0.0  # the spaces between the last word placed and this one

    def place() -> None:
        nonlocal used, limit, word, gap
        if not word and not word_notes:
            return
        if used and used + gap + word > limit:
            lines.append([])
            used, limit = 0.0, width
        elif used:
            used += gap
        while word > limit:  # a word longer than the line is broken across lines
            word -= limit
            lines.append([])
            used, limit = 0.0, width
        used += word
        if word_notes:
            lines[-1].extend(word_notes)
            word_notes.clear()
        word = gap = 0.0

    for kind, text, size, bold in pieces:
        if kind == "text":
            space = widths.width(" ", size, bold)
            for index, chunk in enumerate(widths.words(text, size, bold)):
                if index:
                    place()
                    gap += space
                word += chunk
        elif kind == "note":
            word_notes.append(text)  # the mark travels with the word it follows
        else:
            place()
            gap = 0.0
            if kind == "tab":
                used = min(limit, (math.floor(used / _TAB) + 1) * _TAB)
            else:  # a line break
                lines.append([])
                used, limit = 0.0, width
    place()
    return lines


def _line_height(fmt: _Format, metrics: FontMetrics) -> float:
    natural = fmt.size * metrics.line_height
    if fmt.line_rule == "exact":
        return fmt.line * _TWIP
    if fmt.line_rule == "atLeast":
        return max(natural, fmt.line * _TWIP)
    return natural * fmt.line / 240


# -- pages --------------------------------------------------------------------------------------


class _Layout:
    """Places blocks on pages: keep-with-next, keep-together, widows, notes on their page."""

    def __init__(self, sheet: _Sheet) -> None:
        self.height = sheet.height
        self.page = 0
        self.used = 0.0  # body height used on this page
        self.notes = 0.0  # notes height on this page, separator included
        self.fresh = True  # nothing placed on this page yet
        self.after = 0.0  # the space after the last paragraph placed
        self.carried = 0.0  # notes continued from this page to the next
        self.parts: dict[str, float] = {}
        self.part = "opening"

    def run(self, blocks: list[_Block]) -> Length:
        body_line = 0.0
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if not body_line and block.lines and block.heading is None:
                body_line = block.lines[0].height
            if block.heading is not None:
                self.part = block.heading
            if block.keep_next:
                chain_end = index
                while chain_end < len(blocks) - 1 and blocks[chain_end].keep_next:
                    chain_end += 1
                self._keep_chain(blocks[index:chain_end], blocks[chain_end])
            self._place(block)
            index += 1
        if self.carried:
            self._new_page()
        line = body_line or 20.0
        text_end = self.page + self.used / self.height
        pages = self.page + min(1.0, (self.used + self.notes) / self.height)
        lines = (self.page * self.height + self.used + self.notes) / line
        parts = tuple(
            sorted(((name, h / line) for name, h in self.parts.items()), key=lambda p: -p[1])
        )
        return Length(
            round(pages, 2), round(text_end, 2), round(lines, 1), self.height / line, parts
        )

    def _new_page(self) -> None:
        self.page += 1
        self.used = self.after = 0.0
        self.notes = self.carried + _SEPARATOR if self.carried else 0.0
        self.carried = 0.0
        self.fresh = True

    def _room(self) -> float:
        return self.height - self.used - self.notes

    def _count(self, height: float, part: str | None = None) -> None:
        name = part or self.part
        self.parts[name] = self.parts.get(name, 0.0) + height

    def _keep_chain(self, chain: list[_Block], following: _Block) -> None:
        """Start a new page unless the chain and the next block's first line fit on this one.

        The chain and the next block are tried on a copy of the layout, by the same rules as
        any block (the next one's widows too: a three-line paragraph that cannot leave two
        lines on each page moves whole, and the chain with it).
        """
        if self.fresh:
            return
        trial = copy.copy(self)
        trial.parts = {}
        for block in chain:
            trial._place(block)
        if trial.page != self.page or trial._place(following) != self.page:
            self._new_page()

    def _place(self, block: _Block) -> int:
        """Place ``block``, breaking pages as its lines, notes and keeps ask; returns the
        page its first line is on."""
        if block.break_before and not self.fresh:
            self._new_page()
        whole = block.before + sum(ln.height for ln in block.lines) - block.lines[-1].slack
        notes = sum(n.first_line for n in block.notes.values())
        if not self.fresh and block.keep_lines and self._room() < whole + notes <= self.height:
            self._new_page()
        # The space before a paragraph that a page break moved to the top of a page is
        # dropped (after a break the document asked for, it is kept); between two
        # paragraphs the larger of the space after and the space before is kept, not both,
        # as word processors do (measured in LibreOffice by bench/bench_length.py).
        if self.fresh:
            before = 0.0 if self.page and not block.break_before else block.before
        else:
            before = max(0.0, block.before - self.after)
        self.used += before
        self._count(before)
        lines = block.lines
        first_page: int | None = None
        at = 0
        while at < len(lines):
            fit = self._fitting(lines[at:], block)
            remaining = len(lines) - at
            if fit < remaining and block.widows and not block.keep_lines:
                if remaining - fit < 2:
                    fit = remaining - 2
                if fit < 2:
                    fit = 0
            if fit == 0 and self.fresh:
                fit = 1  # a line taller than a page still goes somewhere
            for line in lines[at : at + fit]:
                self._put(line, block)
            if fit and first_page is None:
                first_page = self.page
            at += fit
            if at < len(lines):
                self._new_page()
        self.used += block.after
        self.after = block.after
        self._count(block.after)
        return self.page if first_page is None else first_page

    def _fitting(self, lines: list[_Line], block: _Block) -> int:
        """How many of ``lines`` fit on this page with their notes.

        A line fits when its notes' first lines fit below it: the rest of a long note may
        run on to the foot of the next page, as Word and LibreOffice continue it.
        """
        used, notes = self.used, self.notes
        count = 0
        for line in lines:
            placed = [block.notes[n] for n in line.notes if n in block.notes]
            separator = _SEPARATOR if placed and not notes else 0.0
            least = sum(n.first_line for n in placed)
            bottom = used + line.height - line.slack
            if bottom + notes + separator + least > self.height or (placed and self.carried):
                break
            used += line.height
            notes += separator + sum(n.height for n in placed)
            count += 1
        return count

    def _put(self, line: _Line, block: _Block) -> None:
        added = sum(block.notes[n].height for n in line.notes if n in block.notes)
        if added and not self.notes:
            added += _SEPARATOR
        self.used += line.height
        self.notes += added
        self.fresh = False
        self._count(line.height)
        if added:
            self._count(added, "footnotes")
        overflow = self.used + self.notes - line.slack - self.height
        if added and overflow > 0:
            # The lines that do not fit continue at the foot of the next page.
            note_line = min(block.notes[n].first_line for n in line.notes if n in block.notes)
            self.carried += math.ceil(overflow / note_line - 0.01) * note_line
            self.notes -= overflow


def count_pages(docx: Path) -> int | None:
    """The pages LibreOffice lays ``docx`` out on, or ``None`` where it is not installed.

    Raises:
        OSError: LibreOffice ran but wrote no PDF.
    """
    import shutil
    import subprocess  # only here: a draft that does not ask for LibreOffice never starts it
    import tempfile

    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory(prefix="carecite-length-") as folder:
        profile = Path(folder) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = Path(folder) / (docx.stem + ".pdf")
        if not pdf.is_file():
            raise OSError(f"LibreOffice wrote no PDF for {docx}")
        return len(PdfReader(str(pdf)).pages)
