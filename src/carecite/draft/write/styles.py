"""The styles a draft uses: found in the base document by id, created when missing.

Two cases. Without a reference document carecite applies its own house style to python-docx's
default template: A4 body text in one court-accepted font, 12 pt, 1.5 line spacing, black
headings, roman block quotations indented both sides, footnotes in 12 pt and 1.5 spacing.
With a firm's reference document its styles are used as they are; only a style it lacks is
created, with the same house settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips
from docx.styles import BabelFish
from docx.styles.style import CharacterStyle, ParagraphStyle, StyleFactory

from carecite.draft.write import ooxml
from carecite.draft.write.base import StyleIds

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.styles import CT_Style
    from docx.styles.style import BaseStyle

#: Body, heading and footnote size: court rules want at least 12 pt, footnotes included.
BODY_SIZE = Pt(12)
#: 1.5 line spacing, as a multiple of single spacing.
LINE_SPACING = 1.5


def prepare_styles(document: Document, *, house: bool, font: str | None) -> StyleIds:
    """Find or create every style the writer uses and return their ids.

    Args:
        document: the base document (python-docx's default or the firm's reference).
        house: apply carecite's house style to the existing styles too (no reference given).
        font: the body font to set on every style carecite touches; ``None`` keeps the
            base document's font (the house style then uses Arial).

    Returns:
        The style id for each role.
    """
    if house:
        font = font or "Arial"
        _house_defaults(document, font)
    find_or_create = _StyleFinder(document).find_or_create
    body = find_or_create("Normal", "Normal", WD_STYLE_TYPE.PARAGRAPH)
    if house or font:
        _body_style(body.paragraph_style, font, house)
    headings = tuple(
        find_or_create(f"Heading{n}", f"heading {n}", WD_STYLE_TYPE.PARAGRAPH) for n in (1, 2, 3)
    )
    for n, found in enumerate(headings, start=1):
        if house or found.created:
            _heading_style(found.paragraph_style, n, font)
    quote = find_or_create("Quote", "Quote", WD_STYLE_TYPE.PARAGRAPH)
    if house or quote.created:
        _quote_style(quote.paragraph_style)
    note = find_or_create("FootnoteText", "footnote text", WD_STYLE_TYPE.PARAGRAPH)
    if house or note.created:
        _footnote_text_style(note.paragraph_style, font)
    mark = find_or_create("FootnoteReference", "footnote reference", WD_STYLE_TYPE.CHARACTER)
    if house or mark.created:
        mark.character_style.font.superscript = True
    grid = find_or_create("TableGrid", "Table Grid", WD_STYLE_TYPE.TABLE)
    if grid.created:
        ooxml.table_borders(ooxml.style_table_properties(grid.style.element), visible=True)
    return StyleIds(
        body=body.style.style_id,
        headings=(
            headings[0].style.style_id,
            headings[1].style.style_id,
            headings[2].style.style_id,
        ),
        quote=quote.style.style_id,
        footnote_text=note.style.style_id,
        footnote_reference=mark.style.style_id,
        table_grid=grid.style.style_id,
    )


@dataclass(frozen=True, slots=True)
class _Found:
    style: BaseStyle
    created: bool

    @property
    def paragraph_style(self) -> ParagraphStyle:
        """The style as a paragraph style (``find_or_create`` matched or made that kind)."""
        if not isinstance(self.style, ParagraphStyle):
            raise TypeError(f"style {self.style.style_id!r} is not a paragraph style")
        return self.style

    @property
    def character_style(self) -> CharacterStyle:
        """The style as a character style (``find_or_create`` matched or made that kind)."""
        if not isinstance(self.style, CharacterStyle):
            raise TypeError(f"style {self.style.style_id!r} is not a character style")
        return self.style


class _StyleFinder:
    """A document's styles by id and by built-in name, read in one pass over them.

    python-docx walks every style for each lookup by name (and for each style it adds):
    about 4.5 ms of a draft for the eight roles over its default template's 166 styles.
    """

    __slots__ = ("_by_id", "_by_name", "_styles")

    def __init__(self, document: Document) -> None:
        self._styles = document.styles
        self._by_id: dict[str, CT_Style] = {}
        self._by_name: dict[str, CT_Style] = {}
        for element in self._styles.element.style_lst:
            self._index(element)

    def _index(self, element: CT_Style) -> None:
        # The first style of an id or name wins, as python-docx's own lookups find it.
        style_id = element.get(qn("w:styleId"))
        if style_id is not None:
            self._by_id.setdefault(style_id, element)
        name = element.find(qn("w:name"))
        value = None if name is None else name.get(qn("w:val"))
        if value:
            self._by_name.setdefault(value.lower(), element)

    def find_or_create(self, style_id: str, name: str, kind: WD_STYLE_TYPE) -> _Found:
        """Look a style up by id, then by its built-in name, and create it if both fail.

        Word localises the *id* of a built-in style (German Word writes ``berschrift1`` for
        Heading 1) but keeps the English built-in name in ``w:name``, so the name is the
        fallback.
        """
        element = self._by_id.get(style_id)
        if element is None:  # (an lxml element without children is false: never use `or`)
            element = self._by_name.get(name.lower())
        if element is not None and element.type == kind:
            return _Found(StyleFactory(element), created=False)
        styles = self._styles
        if name.lower() in self._by_name:  # python-docx refuses a second style of a name
            style = styles.add_style(name, kind)
        else:  # what add_style does once it has walked every style to find the name unused
            internal = BabelFish.ui2internal(name)
            style = StyleFactory(styles.element.add_style_of_type(internal, kind, False))
        style.style_id = style_id  # python-docx would derive "footnotetext" from the name
        if kind == WD_STYLE_TYPE.PARAGRAPH and style_id != "Normal":
            style.base_style = styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._index(style.element)
        return _Found(style, created=True)


def _house_defaults(document: Document, font: str) -> None:
    """docDefaults: the body font, 12 pt, British English proofing, 1.5 spacing."""
    r_pr = ooxml.default_run_properties(document.styles.element)
    ooxml.run_fonts(r_pr, font)
    r_pr.sz_val = BODY_SIZE
    ooxml.language(r_pr, "en-GB")


def _body_style(style: ParagraphStyle, font: str | None, house: bool) -> None:
    if font:
        ooxml.run_fonts(style.element.get_or_add_rPr(), font)
    if house:
        style.font.size = BODY_SIZE
        fmt = style.paragraph_format
        fmt.line_spacing = LINE_SPACING
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(12)


def _heading_style(style: ParagraphStyle, level: int, font: str | None) -> None:
    """Headings in the body font and size, black and bold; level 3 also italic."""
    if font:
        ooxml.run_fonts(style.element.get_or_add_rPr(), font)
    style.font.size = BODY_SIZE
    style.font.bold = True
    style.font.italic = level == 3 or None
    style.font.color.rgb = RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    fmt.keep_with_next = True
    fmt.space_before = Pt(12)
    fmt.space_after = Pt(12)
    fmt.line_spacing = LINE_SPACING


def _quote_style(style: ParagraphStyle) -> None:
    """Block quotations: roman, indented 1.27 cm both sides, no quotation marks added."""
    style.font.italic = None
    style.font.color.rgb = None
    fmt = style.paragraph_format
    fmt.left_indent = Twips(ooxml.INDENT_STEP)
    fmt.right_indent = Twips(ooxml.INDENT_STEP)
    fmt.space_after = Pt(12)
    fmt.line_spacing = LINE_SPACING


def _footnote_text_style(style: ParagraphStyle, font: str | None) -> None:
    """Footnotes as the courts want them: 12 pt and 1.5 spacing like the body."""
    if font:
        ooxml.run_fonts(style.element.get_or_add_rPr(), font)
    style.font.size = BODY_SIZE
    fmt = style.paragraph_format
    fmt.line_spacing = LINE_SPACING
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
