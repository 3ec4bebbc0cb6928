"""The document a draft is written into: styles, page and footer set before any text.

python-docx's default template, or a firm's reference document emptied of its body (and given
the numbering part and standard core-properties relationship a draft needs), gets
the styles the writer uses (``styles.prepare_styles``), its page (the house A4 page, or the
reference's own) and a "Page N of M" footer; the template also loses the parts no draft
uses, which every draft would otherwise open and save again. None of that depends on the
draft's text, so it is done once for a base document and its settings and kept in the user
cache (``cachefile.kept_value``, keyed by the reference document's bytes, or python-docx's
version for its own template, and the code that prepares it) as the prepared document's
bytes with the style ids. Every draft opens those bytes with python-docx, so what it saves
is the same whether the preparation was kept or just made; ``styles`` is imported only to
prepare a base.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml
from docx.parts.numbering import NumberingPart
from docx.shared import Cm, Mm

from carecite.archive import check_expanded_size
from carecite.cachefile import kept_value
from carecite.draft.write import ooxml
from carecite.errors import DraftError
from carecite.resources import cache_dir

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section

_HERE = Path(__file__).resolve().parent
# The code a prepared base depends on: this module, the styles and raw XML it applies, and
# python-docx itself (its version is in its __init__), which ships the default template and
# reads and writes the package.
_PREPARING_CODE = (
    _HERE / "base.py",
    _HERE / "styles.py",
    _HERE / "ooxml.py",
    Path(docx.__file__),
)

#: The house page: A4 portrait, 3.5 cm left margin (the civil rule), 2.5 cm the others.
_A4_WIDTH = Mm(210)
_A4_HEIGHT = Mm(297)
_LEFT_MARGIN = Cm(3.5)
_MARGIN = Cm(2.5)

#: Word 2010's second copy of the styles, with its text effects: later Words neither need nor
#: write it.
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


# eq=False, repr=False (``StyleIds``): nothing compares or prints one, and Python 3.11
# compiles each generated method anew at every start (bench/README.md).
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class StyleIds:
    """The style id used for each role in the draft (ids, not UI names, which Word localises)."""

    body: str
    headings: tuple[str, str, str]
    quote: str
    footnote_text: str
    footnote_reference: str
    table_grid: str


def base_document(
    reference_docx: str | Path | None, *, font: str | None, landscape: bool
) -> tuple[Document, StyleIds]:
    """The document to write a draft into, its styles, page and footer set, and its style ids.

    Args:
        reference_docx: a firm's .docx whose styles and page setup are used (its body and
            comments are dropped); ``None`` for python-docx's default template in the house
            style.
        font: body font for every style carecite sets; ``None`` keeps the base's own (Arial
            in the house style).
        landscape: turn the page on its side.

    Raises:
        DraftError: the reference document cannot be read as a .docx.
        SourceError: it would expand too far when opened (``archive.check_expanded_size``).
    """
    reference = None if reference_docx is None else Path(reference_docx)
    # python-docx's own template is known by python-docx's version (in _PREPARING_CODE).
    content = b"" if reference is None else _reference_bytes(reference)
    # One file for each base and its settings, so the audit's landscape report and a draft
    # do not replace each other's prepared base.
    base = "python-docx" if reference is None else os.path.abspath(reference)
    settings = f"{base}\0{font}\0{landscape}".encode()
    kept_at = cache_dir() / "documents" / f"{hashlib.sha256(settings).hexdigest()[:20]}.pickle"
    package, styles = kept_value(
        kept_at,
        settings + content,
        _PREPARING_CODE,
        lambda: _prepared(content, reference, font=font, landscape=landscape),
    )
    return docx.Document(io.BytesIO(package)), styles


def _prepared(
    content: bytes, reference: Path | None, *, font: str | None, landscape: bool
) -> tuple[bytes, StyleIds]:
    """The base's bytes once its styles, page and footer are set, and its style ids."""
    from carecite.draft.write.styles import prepare_styles

    house = reference is None
    document = docx.Document() if reference is None else _emptied(content, reference)
    styles = prepare_styles(document, house=house, font=font)
    body = document.element.body
    # A reference document may carry no page setup at all: it then gets the house page.
    has_page_setup = body.sectPr is not None
    body.get_or_add_sectPr()
    section = document.sections[-1]
    if house or not has_page_setup:
        _a4_page(section)
    if landscape:
        _landscape(section)
    if section.footer.is_linked_to_previous:
        _page_number_footer(section)
    if house:
        _drop_unused_template_parts(document, keep_table_style=styles.table_grid)
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue(), styles


def _drop_unused_template_parts(document: Document, *, keep_table_style: str) -> None:
    """Drop what python-docx's template carries that no draft uses, and every draft would
    otherwise read and write again (85% of the template's XML).

    Those are Word 2010's copy of the styles (``stylesWithEffects.xml``, 438 KB), a thumbnail
    of the template's blank page, and its 98 built-in table designs ("Light Shading",
    "Medium Grid 1 Accent 2", …: 340 KB of ``styles.xml``), whose definitions Word supplies
    itself when a user applies one. The default table style and the draft's own stay, as do
    every paragraph and character style (Normal, the headings, lists, Quote, Title, the
    footnotes') and the latent styles. Never applied to a firm's reference document.
    """
    styles = document.styles.element
    for style in styles.style_lst:
        table_design = style.type == WD_STYLE_TYPE.TABLE and not style.default
        if table_design and style.styleId != keep_table_style:
            styles.remove(style)
    part = document.part
    for rId, rel in list(part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            part.drop_rel(rId)
    package_rels = part.package.rels
    for rId, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rId]


def _reference_bytes(path: Path) -> bytes:
    """A firm's reference document's bytes, once it is known not to expand too far."""
    check_expanded_size(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _unusable(path, exc) from exc


def _emptied(content: bytes, path: Path) -> Document:
    """The firm's reference document, emptied of its body and its comments, with the
    numbering part and core properties a draft writes to."""
    try:
        document = docx.Document(io.BytesIO(content))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _unusable(path, exc) from exc
    ooxml.clear_body(document.element.body)
    for rel in document.part.rels.values():
        if rel.reltype == RT.COMMENTS and not rel.is_external:
            element = getattr(rel.target_part, "element", None)
            if element is not None:
                ooxml.clear_comments(element)
    _relate_core_properties(document)
    _add_numbering_part(document)
    return document


def _relate_core_properties(document: Document) -> None:
    """Relate the reference's core properties by the standard relationship type.

    LibreOffice relates ``docProps/core.xml`` by an early draft's type
    (``…/officedocument/2006/relationships/metadata/core-properties``), which python-docx does
    not look for: it would add a second core part at the same name, and the saved zip would
    hold ``docProps/core.xml`` twice, which Word may refuse to open.
    """
    package = document.part.package
    rels = package.rels
    if any(rel.reltype == RT.CORE_PROPERTIES for rel in rels.values()):
        return
    for r_id, rel in list(rels.items()):
        if not rel.is_external and isinstance(rel.target_part, CorePropertiesPart):
            del rels[r_id]
            package.relate_to(rel.target_part, RT.CORE_PROPERTIES)
            return


def _add_numbering_part(document: Document) -> None:
    """Give a reference without lists an empty ``word/numbering.xml`` for the draft's.

    Word and LibreOffice write no numbering part into a document with no list, and
    python-docx cannot make one (``NumberingPart.new`` is not implemented). An empty
    ``w:numbering`` is valid: the draft adds every numbering definition it uses.
    """
    part = document.part
    if any(rel.reltype == RT.NUMBERING for rel in part.rels.values()):
        return
    element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
    numbering = NumberingPart(
        PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, part.package
    )
    part.relate_to(numbering, RT.NUMBERING)


def _unusable(path: Path, exc: Exception) -> DraftError:
    return DraftError(
        f"cannot be used as a reference document: {exc}",
        path=path,
        hint="give a .docx saved from Word (not a .dotx template or an old .doc)",
    )


def text_width(section: Section) -> int:
    """The width between the margins, in EMU.

    ``w:pgSz`` and ``w:pgMar`` are optional, and a reference document made by another tool
    may leave them out; the house page stands in for what is missing (its text width is
    narrower than Word's Letter or A4 defaults, so a table sized to it still fits).
    """
    width = section.page_width if section.page_width is not None else _A4_WIDTH
    left = section.left_margin if section.left_margin is not None else _LEFT_MARGIN
    right = section.right_margin if section.right_margin is not None else _MARGIN
    return width - left - right


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
