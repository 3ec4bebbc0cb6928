"""Read a Word document's text as its reader sees it: changes accepted, paragraphs numbered.

``read_docx`` opens a .docx with the standard library (zip and ElementTree: no python-docx,
so an audit starts fast) and returns its paragraphs in reading order — the body, table cells
in row order, then each footnote and each comment — with:

- the text as it reads with every tracked change accepted (insertions kept, deletions
  dropped), and how many insertions and deletions are pending;
- the number Word prints beside the paragraph, computed from ``numbering.xml`` (``11``,
  ``11(a)``), or for an unnumbered paragraph the number of the paragraph it follows;
- where each footnote reference stands in the text, by the number Word prints for the note;
- whether the paragraph is set as a block quotation: a style named as a quotation, or
  indented on both sides without a number of its own.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from carecite.archive import check_expanded_size
from carecite.errors import SourceError, Step, StepText

__all__ = ["DocParagraph", "DocText", "read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

# Twips (1/20 pt): a paragraph indented at least this far on the left, and somewhat on the
# right, with no number of its own reads as a block quotation.
_QUOTE_LEFT = 567  # 1 cm
_QUOTE_RIGHT = 283  # 0.5 cm
_QUOTE_STYLE_WORDS = ("quote", "block text")

# Elements whose content a reader does not see, or sees only once changes are rejected.
_HIDDEN = {_W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr", _W + "instrText"}
_HIDDEN |= {_W + "delInstrText", _W + "txbxContent", _W + "fldData"}
_INSERTED = (_W + "ins", _W + "moveTo")
_DELETED = (_W + "del", _W + "moveFrom")


@dataclass(frozen=True, slots=True)
class DocParagraph:
    """One paragraph as printed.

    Attributes:
        text: the words, tracked changes accepted; a line break is ``\\n``, a tab ``\\t``.
        location: ``"body"``, ``"table"``, ``"footnote N"`` or ``"comment N"``.
        number: the printed number of this paragraph (``"11"``, ``"11(a)"``), or of the
            numbered paragraph it falls under; ``None`` before the first numbered one. In a
            footnote or a comment, the number of the paragraph its reference or anchor is in.
        notes: ``(offset, N)`` for each footnote reference in ``text``, N as printed.
        block_quote: set as a block quotation (quotation style, or indented both sides).
        row: in a table, which row (counted through the document), so that a row's cells
            can be read as one line (a document's name in one, its bundle pages in another).
    """

    text: str
    location: str
    number: str | None
    notes: tuple[tuple[int, int], ...] = ()
    block_quote: bool = False
    row: int | None = None


@dataclass(frozen=True, slots=True)
class DocText:
    """A whole document: its paragraphs in reading order and its pending revisions.

    ``footnotes`` maps each printed footnote number to the note's text.
    """

    path: str
    paragraphs: tuple[DocParagraph, ...]
    footnotes: Mapping[int, str] = field(default_factory=dict)
    insertions: int = 0
    deletions: int = 0


def read_docx(path: str | Path) -> DocText:
    """Read a .docx as a reader sees it with every tracked change accepted.

    Raises:
        SourceError: the file is missing, not a Word document, or its XML is damaged.
    """
    file = Path(path)
    check_expanded_size(file)
    try:
        not_a_docx = _not_a_docx(file)
        if not_a_docx is not None:
            raise not_a_docx
        with zipfile.ZipFile(file) as archive:
            if _is_odf_text(archive):
                raise SourceError(
                    "this is an OpenDocument text (.odt), not a Word document (.docx)",
                    path=file,
                    hint=_SAVE_AS_DOCX,
                )
            return _Reader(archive, str(file)).read()
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        # zipfile's own words ("File is not a zip file") mean nothing to the user.
        why = (
            "it is not a .docx, or it is damaged"
            if isinstance(error, zipfile.BadZipFile)
            else error
        )
        raise SourceError(
            f"cannot read the Word document ({why})",
            path=file,
            hint=StepText("give a .docx saved by Word, LibreOffice ", Step.DRAFTED),
        ) from None
    except OSError as error:
        raise SourceError(
            f"cannot open the Word document ({error.strerror or error})",
            path=file,
            hint="check the path and that you may read the file",
        ) from None


# The first bytes of the files a user gives where the .docx belongs: a report's PDF (or the
# draft printed to PDF), Word's old format (its container also holds a .docx with a
# password), Rich Text. A PDF's header may follow up to 1,024 bytes of other matter.
_PDF_MARK = b"%PDF-"
_COMPOUND_FILE = bytes.fromhex("d0cf11e0a1b11ae1")
_RTF_MARK = b"{\\rtf"
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
_SAVE_AS_DOCX = "open it in Word or LibreOffice and save it as a Word document (.docx)"


def _not_a_docx(file: Path) -> SourceError | None:
    """What the file is, said with what to do, when its first bytes show a known kind that
    is not a zip archive as a .docx is.

    ``None`` for a zip archive (an OpenDocument text is told apart once it is open) and for
    a file of no known kind: the reader's own error says it cannot read it.
    """
    with file.open("rb") as stream:
        head = stream.read(1024)
    if _PDF_MARK in head:
        message = "this is a PDF, not a Word document (.docx)"
        hint: str = StepText(
            "cite-check the draft's .docx, not a PDF of it; if this is an Ofsted report, ",
            Step.REPORT_PDF,
        )
    elif head.startswith(_COMPOUND_FILE):
        message = (
            "this is a Word 97–2003 document (.doc), or a .docx locked with a password: "
            "only an unlocked .docx can be cite-checked"
        )
        hint = "open it in Word or LibreOffice, remove any password and save it as a .docx"
    elif head.startswith(_RTF_MARK):
        message = "this is a Rich Text document (.rtf), not a Word document (.docx)"
        hint = _SAVE_AS_DOCX
    else:
        return None
    return SourceError(message, path=file, hint=hint)


def _is_odf_text(archive: zipfile.ZipFile) -> bool:
    """Whether a zip archive is an OpenDocument text: its ``mimetype`` says so."""
    try:
        return archive.read("mimetype").strip() == _ODF_TEXT
    except KeyError:
        return False


@dataclass(frozen=True, slots=True)
class _Level:
    start: int
    fmt: str
    text: str


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    num: tuple[str, int] | None  # (numId, ilvl)
    indent: tuple[int, int] | None  # (left, right) in twips


@dataclass
class _Numbering:
    """Word's list counters: one set per abstract list, restarted by a ``startOverride``."""

    abstract_of: dict[str, str]
    levels: dict[str, dict[int, _Level]]
    overrides: dict[str, dict[int, int]]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    shown: dict[str, dict[int, str]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def advance(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph of list ``num_id`` at level ``ilvl``; its printed number."""
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "", {})
        level = levels.get(ilvl)
        if abstract is None or level is None or level.fmt in ("bullet", "none"):
            return None
        counters = self.counters.setdefault(abstract, {})
        shown = self.shown.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for restart_level, start in self.overrides.get(num_id, {}).items():
                counters[restart_level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            del counters[deeper]
            shown.pop(deeper, None)
        text = level.text
        own = f"%{ilvl + 1}"
        for lvl in range(ilvl + 1):
            value = counters.get(lvl, levels[lvl].start if lvl in levels else 1)
            fmt = levels[lvl].fmt if lvl in levels else "decimal"
            text = text.replace(f"%{lvl + 1}", _format_number(value, fmt))
        label = text.strip().rstrip(".").strip()
        if ilvl > 0 and own in level.text and "%" not in level.text.replace(own, ""):
            # "(%2)" prints only its own level: the partner reads "11(a)".
            label = shown.get(ilvl - 1, "") + label
        shown[ilvl] = label
        return label


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while value >= number:
            out += letters
            value -= number
    return out


class _Reader:
    """Reads one archive; holds the parts and the running state of numbering."""

    def __init__(self, archive: zipfile.ZipFile, path: str) -> None:
        self.archive = archive
        self.path = path
        self.main = self._main_part()
        self.related = self._relations(self.main)
        self.styles, self.default_style = _styles(self._part("styles"))
        self.numbering = _numbering(self._part("numbering"))
        self.insertions = 0
        self.deletions = 0
        self.note_numbers: dict[str, int] = {}  # w:id → the number Word prints
        self.note_holders: dict[int, str | None] = {}  # note → number of its paragraph
        self.comment_holders: dict[str, str | None] = {}  # w:id → number of its anchor
        self.last_number: str | None = None
        self.rows = 0  # table rows read so far

    def read(self) -> DocText:
        body = ElementTree.fromstring(self.archive.read(self.main)).find(_W + "body")
        paragraphs = list(self._blocks(body, "body")) if body is not None else []
        footnotes: dict[int, str] = {}
        notes_root = self._part("footnotes")
        if notes_root is not None:
            for paragraph in self._notes(notes_root):
                paragraphs.append(paragraph)
                number = int(paragraph.location.split()[1])
                joined = footnotes.get(number)
                footnotes[number] = (
                    paragraph.text if joined is None else f"{joined}\n{paragraph.text}"
                )
        comments = self._part("comments")
        if comments is not None:
            for index, comment in enumerate(comments.iter(_W + "comment"), start=1):
                holder = self.comment_holders.get(comment.get(_W + "id", ""))
                for p in comment.iter(_W + "p"):
                    read = self._paragraph(p, f"comment {index}", count=False)
                    paragraphs.append(DocParagraph(read.text, read.location, holder, read.notes))
        return DocText(self.path, tuple(paragraphs), footnotes, self.insertions, self.deletions)

    # --- parts ------------------------------------------------------------------------------

    def _main_part(self) -> str:
        rels = ElementTree.fromstring(self.archive.read("_rels/.rels"))
        for rel in rels.iter(_RELS + "Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "word/document.xml").lstrip("/")
        return "word/document.xml"

    def _relations(self, part: str) -> dict[str, str]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if rels_name not in self.archive.namelist():
            return {}
        rels = ElementTree.fromstring(self.archive.read(rels_name))
        found: dict[str, str] = {}
        for rel in rels.iter(_RELS + "Relationship"):
            kind = rel.get("Type", "").removeprefix(_REL_TYPES)
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External":
                found[kind] = posixpath.normpath(posixpath.join(folder, target))
        return found

    def _part(self, kind: str) -> ElementTree.Element | None:
        name = self.related.get(kind)
        if name is None or name not in self.archive.namelist():
            return None
        return ElementTree.fromstring(self.archive.read(name))

    # --- blocks -----------------------------------------------------------------------------

    def _blocks(self, container: ElementTree.Element, location: str) -> Iterator[DocParagraph]:
        for child in container:
            if child.tag == _W + "p":
                yield self._paragraph(child, location)
            elif child.tag == _W + "tbl":
                for row in child.iter(_W + "tr"):
                    self.rows += 1
                    for p in row.iter(_W + "p"):
                        yield self._paragraph(p, "table", row=self.rows)
            elif child.tag in (_W + "sdt", _W + "sdtContent", *_INSERTED, _W + "customXml"):
                yield from self._blocks(child, location)

    def _notes(self, root: ElementTree.Element) -> Iterator[DocParagraph]:
        for note in root.iter(_W + "footnote"):
            number = self.note_numbers.get(note.get(_W + "id", ""))
            if number is None:
                continue  # separators, and notes nothing refers to
            holder = self.note_holders.get(number)
            for p in note.iter(_W + "p"):
                paragraph = self._paragraph(p, f"footnote {number}", count=False)
                yield DocParagraph(paragraph.text, paragraph.location, holder, paragraph.notes)

    def _paragraph(
        self, p: ElementTree.Element, location: str, *, count: bool = True, row: int | None = None
    ) -> DocParagraph:
        style_id, num, indent = _paragraph_properties(p)
        style = self._style_chain(style_id)
        if num is None:
            num = next((s.num for s in style if s.num is not None), None)
        if indent is None:
            indent = next((s.indent for s in style if s.indent is not None), None)
        own_number = None
        if count and num is not None and num[0] != "0":
            own_number = self.numbering.advance(num[0], num[1])
        if own_number is not None:
            self.last_number = own_number
        pieces: list[str] = []
        notes: list[tuple[int, int]] = []
        self._walk(p, pieces, notes, [0])
        text = "".join(pieces)
        named_quote = any(word in s.name.casefold() for s in style for word in _QUOTE_STYLE_WORDS)
        indented = (
            own_number is None
            and indent is not None
            and indent[0] >= _QUOTE_LEFT
            and indent[1] >= _QUOTE_RIGHT
        )
        number = self.last_number if count else None
        return DocParagraph(text, location, number, tuple(notes), named_quote or indented, row)

    def _walk(
        self,
        element: ElementTree.Element,
        pieces: list[str],
        notes: list[tuple[int, int]],
        length: list[int],
    ) -> None:
        for child in element:
            tag = child.tag
            if tag in _HIDDEN:
                if tag in _DELETED:
                    self.deletions += 1
                continue
            if tag in _INSERTED:
                self.insertions += 1
            piece = ""
            if tag == _W + "t":
                piece = child.text or ""
            elif tag == _W + "tab":
                piece = "\t"
            elif tag in (_W + "br", _W + "cr"):
                piece = "\n"
            elif tag == _W + "noBreakHyphen":
                piece = "-"
            elif tag == _W + "sym":
                piece = chr(int(child.get(_W + "char", "20"), 16))
            elif tag == _W + "footnoteReference":
                note_id = child.get(_W + "id", "")
                number = self.note_numbers.setdefault(note_id, len(self.note_numbers) + 1)
                self.note_holders[number] = self.last_number
                notes.append((length[0], number))
            elif tag in (_W + "commentRangeStart", _W + "commentReference"):
                self.comment_holders.setdefault(child.get(_W + "id", ""), self.last_number)
            if piece:
                pieces.append(piece)
                length[0] += len(piece)
            else:
                self._walk(child, pieces, notes, length)

    def _style_chain(self, style_id: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        current = style_id if style_id is not None else self.default_style
        while current is not None and current not in seen and current in self.styles:
            seen.add(current)
            style = self.styles[current]
            chain.append(style)
            current = style.based_on
        return chain


def _paragraph_properties(
    p: ElementTree.Element,
) -> tuple[str | None, tuple[str, int] | None, tuple[int, int] | None]:
    """A paragraph's own style id, list (numId, ilvl) and indents, where it sets them."""
    properties = p.find(_W + "pPr")
    if properties is None:
        return None, None, None
    style = properties.find(_W + "pStyle")
    return (
        style.get(_W + "val") if style is not None else None,
        _num(properties),
        _indent(properties),
    )


def _num(properties: ElementTree.Element) -> tuple[str, int] | None:
    num_pr = properties.find(_W + "numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(_W + "numId")
    ilvl = num_pr.find(_W + "ilvl")
    if num_id is None:
        return None
    level = ilvl.get(_W + "val", "0") if ilvl is not None else "0"
    return num_id.get(_W + "val", "0"), int(level)


def _indent(properties: ElementTree.Element) -> tuple[int, int] | None:
    ind = properties.find(_W + "ind")
    if ind is None:
        return None

    def twips(*names: str) -> int:
        for name in names:
            value = ind.get(_W + name)
            if value is not None:
                try:
                    return int(float(value))
                except ValueError:
                    return 0
        return 0

    return twips("left", "start"), twips("right", "end")


def _styles(root: ElementTree.Element | None) -> tuple[dict[str, _Style], str | None]:
    """Paragraph styles by id, and the id of the default paragraph style."""
    found: dict[str, _Style] = {}
    default: str | None = None
    if root is None:
        return found, default
    for style in root.iter(_W + "style"):
        if style.get(_W + "type") != "paragraph":
            continue
        style_id = style.get(_W + "styleId", "")
        if style.get(_W + "default") in ("1", "true", "on"):
            default = style_id
        name = style.find(_W + "name")
        based_on = style.find(_W + "basedOn")
        properties = style.find(_W + "pPr")
        found[style_id] = _Style(
            name=name.get(_W + "val", style_id) if name is not None else style_id,
            based_on=based_on.get(_W + "val") if based_on is not None else None,
            num=_num(properties) if properties is not None else None,
            indent=_indent(properties) if properties is not None else None,
        )
    return found, default


def _numbering(root: ElementTree.Element | None) -> _Numbering:
    """The list definitions of ``numbering.xml``: levels per abstract list, and each list's
    abstract list and restarts."""
    abstract_of: dict[str, str] = {}
    levels: dict[str, dict[int, _Level]] = {}
    overrides: dict[str, dict[int, int]] = {}
    if root is None:
        return _Numbering(abstract_of, levels, overrides)
    for abstract in root.iter(_W + "abstractNum"):
        abstract_id = abstract.get(_W + "abstractNumId", "")
        levels[abstract_id] = {
            int(lvl.get(_W + "ilvl", "0")): _level(lvl) for lvl in abstract.iter(_W + "lvl")
        }
    for num in root.iter(_W + "num"):
        num_id = num.get(_W + "numId", "")
        link = num.find(_W + "abstractNumId")
        if link is not None:
            abstract_of[num_id] = link.get(_W + "val", "")
        for override in num.iter(_W + "lvlOverride"):
            start = override.find(_W + "startOverride")
            if start is not None:
                ilvl = int(override.get(_W + "ilvl", "0"))
                overrides.setdefault(num_id, {})[ilvl] = int(start.get(_W + "val", "1"))
    return _Numbering(abstract_of, levels, overrides)


def _level(lvl: ElementTree.Element) -> _Level:
    def value(tag: str, default: str) -> str:
        element = lvl.find(_W + tag)
        return element.get(_W + "val", default) if element is not None else default

    return _Level(int(value("start", "1")), value("numFmt", "decimal"), value("lvlText", ""))
