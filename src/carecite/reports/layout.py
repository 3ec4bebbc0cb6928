"""Layout recovery: a PDF's lines with their positions and fonts, told apart by layout alone.

This module knows nothing about Ofsted. It reads each page's lines with pypdfium2 (the
left edge and baseline of the first glyph, its font size and weight) and recovers what a
reader sees from the layout: the body font, the vertical gap that separates paragraphs,
the margin where a numbered paragraph's number stands and the hanging indent its other
lines take, headings set bold or large, one-line sub-headings in plain type standing on
their own, and footnotes set small below the body. ``carecite.reports.ingest`` turns the
result into paragraphs; ``carecite.reports.ofsted`` names what it finds.

pypdfium2 (PDFium, Apache/BSD) is used rather than pypdf because pypdf's own extraction
costs 12–15× ``pdftotext`` a page before any layout work, and gives no glyph positions
cheaply; PDFium reads a page in about 2 ms (``bench/bench_ingest.py``).
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import median
from typing import Any

__all__ = [
    "Layout",
    "LayoutError",
    "Line",
    "PageLayout",
    "analyse",
    "read_pdfium",
]

# A number at the paragraph margin: "12. Text", or "12.Text" where a tab stop sets it apart.
NUMBER_START = re.compile(r"^(\d{1,3})\.\s*(?=\S)")
_BOLD_WEIGHT = 600
_TERMINAL = (".", ",", ";", ":", "!", "?")


class LayoutError(Exception):
    """The PDF cannot be opened: damaged, encrypted with a password, or not a PDF."""

    def __init__(self, message: str, *, password: bool = False) -> None:
        super().__init__(message)
        self.password = password


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line: its text, the first glyph's left edge and baseline, its font.

    ``x`` and ``y`` are in points from the page's left and top edges; ``bold`` is true
    when the line's first and last glyphs are both bold (a heading, not a bold word);
    ``side`` marks a cell printed beside a block, read after it. ``right`` is the last
    glyph's right edge and ``lead`` the width the first word would take at the end of the
    line above (a word space and itself), where they were measured.
    """

    text: str
    x: float
    y: float
    size: float
    bold: bool
    side: bool = False  # printed beside the line before it, not below
    right: float | None = None
    lead: float | None = None


@dataclass(frozen=True, slots=True)
class PageLayout:
    """A page's lines in reading order, with the page's height in points."""

    height: float
    lines: tuple[Line, ...]


def read_pdfium(data: bytes, pages: int | None = None) -> list[PageLayout]:
    """Every page's lines (or the first ``pages`` pages'), read with PDFium, unguarded.

    Only ``carecite.reports.pdf`` calls this, in the child process it guards: a hostile
    PDF can make PDFium take unbounded memory and time, or abort the process.

    Raises:
        LayoutError: the file is not a PDF PDFium can open, needs a password, or has a
            page PDFium cannot load.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        password = "password" in str(error).lower()
        raise LayoutError(str(error), password=password) from None
    try:
        count = len(document) if pages is None else min(pages, len(document))
        return [_read_page(document[i], raw) for i in range(count)]
    except pdfium.PdfiumError as error:
        raise LayoutError(str(error)) from None
    finally:
        document.close()


def _read_page(page: Any, raw: Any) -> PageLayout:
    textpage = page.get_textpage()
    handle = textpage.raw
    height = float(page.get_size()[1])
    x, y = ctypes.c_double(), ctypes.c_double()
    name, flags = ctypes.create_string_buffer(96), ctypes.c_int()

    def bold(index: int) -> bool:
        if raw.FPDFText_GetFontWeight(handle, index) >= _BOLD_WEIGHT:
            return True
        raw.FPDFText_GetFontInfo(handle, index, name, len(name), ctypes.byref(flags))
        return b"Bold" in name.value or b"Black" in name.value

    box_left, box_right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()

    def box(index: int) -> tuple[float, float]:
        raw.FPDFText_GetCharBox(
            handle, index, ctypes.byref(box_left), ctypes.byref(box_right),
            ctypes.byref(bottom), ctypes.byref(top),
        )  # fmt: skip
        return box_left.value, box_right.value

    pieces: list[Line] = []
    text = textpage.get_text_range()
    start = 0
    # PDFium ends each line it recognises with CR LF, or with U+FFFE where a line ends in
    # a hyphen (it joins the two lines); the characters are indexed as printed.
    for chunk, end in _chunks(text):
        first = start + len(chunk) - len(chunk.lstrip())
        last = start + len(chunk.rstrip()) - 1
        word = first + _first_word(chunk.strip())
        word_end = word + len(re.split(r"\s", chunk[word - start :], maxsplit=1)[0]) - 1
        start += len(chunk) + len(end)
        if not chunk.strip():
            continue
        raw.FPDFText_GetCharOrigin(handle, first, ctypes.byref(x), ctypes.byref(y))
        left = x.value
        # The baseline and size of the words, not of a list's bullet glyph set smaller or
        # larger, nor of a footnote's mark set raised before them ("³ all of whom").
        raw.FPDFText_GetCharOrigin(handle, word, ctypes.byref(x), ctypes.byref(y))
        baseline = y.value
        size = float(raw.FPDFText_GetFontSize(handle, word))
        if size <= 0:  # a generated character: take the size of the next real one
            size = float(raw.FPDFText_GetFontSize(handle, min(word + 1, last)))
        line = Line(
            text=chunk.strip() + ("-" if end == _HYPHEN else ""),
            x=round(left, 1),
            y=round(height - baseline, 1),
            size=round(size, 1),
            bold=bold(first) and bold(last),
            right=box(last)[1],
            # The room the first word would take on the line above: a word space and itself.
            lead=round(box(word_end)[1] - box(word)[0] + _WORD_SPACE * size, 1),
        )
        pieces.append(line)
    textpage.close()
    page.close()
    # The content stream's order is not always the reading order (a text box placed last
    # holds the top of the page): a single-column page reads top to bottom, left to right.
    pieces.sort(key=lambda piece: (round(piece.y), piece.x))
    return PageLayout(height, _side_cells_last(_rejoined(pieces)))


# A word space, in ems: wider than a body font's (Arial 0.28, Tahoma 0.31, Verdana 0.35),
# so the room a word needs is never underestimated.
_WORD_SPACE = 0.4


def _first_word(text: str) -> int:
    """Where a line's words start: its first letter, else its first digit (a page or
    footnote number alone), else its first character."""
    for wanted in (str.isalpha, str.isalnum):
        found = next((i for i, c in enumerate(text) if wanted(c)), None)
        if found is not None:
            return found
    return 0


def _rejoined(pieces: list[Line]) -> list[Line]:
    """Join the pieces of one printed line that PDFium split.

    A raised footnote mark ("schools³, of whom …") ends PDFium's line; the words after it
    stand on the same baseline and start where the mark ends. Read apart, they would be
    taken for a cell printed beside the line and moved after the lines below it.
    """
    lines: list[Line] = []
    for line in pieces:
        end = lines[-1].right if lines else None
        gap = line.x - end if end is not None and abs(lines[-1].y - line.y) < 2 else -1.0
        # A word space apart, or a little more where the mark stood (", all of whom");
        # a table's next cell stands an em or more away, and often starts with a capital.
        if 0 <= gap < 0.25 * line.size or (
            0 <= gap < 0.8 * line.size and not line.text[:1].isupper()
        ):
            before = lines[-1]
            # Touching, the pieces are one word: a mark and the comma after it, or the
            # comma and the mark after it (",³ all of whom"), which _drop_markers then drops.
            touching = gap < 0.1 * line.size
            space = "" if touching or line.text[:1] in _CLOSING else " "
            lines[-1] = replace(before, text=before.text + space + line.text, right=line.right)
            continue
        lines.append(line)
    return lines


# What follows a word with no space before it.
_CLOSING = (",", ".", ";", ":", ")", "’", "!", "?")


# How far right of a block a line must start to be a cell beside it rather than text.
_FAR_RIGHT = 100.0


def _side_cells_last(lines: list[Line]) -> tuple[Line, ...]:
    """Move text printed beside a block (a grade beside a wrapped heading) to its end.

    Such a cell shares a baseline with a line of the block to its left; read in place it
    would split the block ("… help and" / "Inadequate" / "protection").
    """
    ordered: list[Line] = []
    held: list[Line] = []
    for i, line in enumerate(lines):
        left = ordered[-1] if ordered else None
        below = lines[i + 1] if i + 1 < len(lines) else None
        # On the same baseline, or set between two lines of a block far to its left.
        beside = left is not None and (
            (abs(left.y - line.y) < 2 and line.x > left.x)
            or (
                line.x > left.x + _FAR_RIGHT
                and 0 < line.y - left.y < 1.5 * left.size
                and below is not None
                and abs(below.x - left.x) < 2
                and 0 < below.y - left.y <= 1.5 * left.size
            )
        )
        if beside:
            held.append(replace(line, side=True))
            continue
        if held and not (ordered and 0 < line.y - ordered[-1].y <= 1.5 * ordered[-1].size):
            ordered.extend(held)
            held.clear()
        ordered.append(line)
    ordered.extend(held)
    return tuple(ordered)


_HYPHEN = "\ufffe"


def _chunks(text: str) -> list[tuple[str, str]]:
    """Split PDFium's page text into lines, each with the mark that ended it."""
    parts = re.split("(\r\n|\ufffe)", text)
    return [(parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


# --- Recovery ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layout:
    """What the whole document's layout says about how its text is set.

    ``body_size`` is the font size most text is set in; ``pitch`` the usual distance
    between the baselines of a paragraph's lines; ``number_margins`` the left edges where
    numbered paragraphs' numbers stand (empty where the report has none), the most used
    first: a number whose next line takes a hanging indent shows where they are.
    ``text_right`` is the right edge of the text, where lines are broken (``None`` where
    no line's right edge was measured).
    """

    body_size: float
    pitch: float
    number_margins: tuple[float, ...]
    text_right: float | None = None

    @property
    def margin(self) -> float | None:
        """The left edge of the report's numbered paragraphs, if it numbers them."""
        return self.number_margins[0] if self.number_margins else None

    def indented(self, line: Line) -> bool:
        """Whether a line stands right of the paragraph margin (a list inside a paragraph)."""
        return self.margin is not None and line.x > self.margin + 2 * _MARGIN_SLACK

    def room(self, line: Line) -> float | None:
        """How far short of the text's right edge a line ends, in points, if measured."""
        if self.text_right is None or line.right is None:
            return None
        return self.text_right - line.right


# How far a number may sit from a margin seen elsewhere: a three-digit number set on a
# tab stop starts a few points right of a one-digit one.
_MARGIN_SLACK = 4.0


def analyse(pages: Sequence[PageLayout]) -> Layout:
    """Measure the body font, line pitch and numbered-paragraph margins of a document."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 12.0
    pitches: Counter[float] = Counter()
    for page in pages:
        for above, below in zip(page.lines, page.lines[1:], strict=False):
            # Lines of one paragraph sit closer than 1.5× the font size; a paragraph gap,
            # however common in a report of one-line paragraphs, is wider.
            spacing = below.y - above.y
            if above.size == body == below.size and 0 < spacing < 1.5 * body:
                pitches[round(spacing)] += 1
    pitch = float(pitches.most_common(1)[0][0]) if pitches else body * 1.2
    provisional = Layout(body, pitch, ())
    margins: Counter[int] = Counter()
    for page in pages:
        for i, line in enumerate(page.lines):
            if _hangs(provisional, page.lines, i):
                margins[round(line.x)] += 1
    # Two hanging numbers at the same edge make a margin; one may be a stray list. The
    # most used comes first: the margin of the report's own paragraphs.
    found = [float(x) for x, n in margins.most_common() if n >= 2]
    return Layout(body, pitch, tuple(found), _text_right(pages, body))


def _text_right(pages: Sequence[PageLayout], body: float) -> float | None:
    """Where the body text's lines are broken: the right edge of a page's longest body
    line (not its page number), as most pages set it. The median keeps a wide table on a
    few pages out, and errs short of the true edge, so a line is never thought to end
    with room to spare that it did not have."""
    edges = [
        max(found)
        for page in pages
        if (
            found := [
                ln.right
                for ln in page.lines
                if ln.right and abs(ln.size - body) < 0.5 and not ln.text.isdigit()
            ]
        )
    ]
    return median(edges) if edges else None


def _hangs(layout: Layout, lines: Sequence[Line], i: int) -> bool:
    """Whether line ``i`` is a number whose paragraph's next line takes a hanging indent."""
    line = lines[i]
    if not NUMBER_START.match(line.text) or line.size < layout.body_size - 0.5:
        return False
    below = lines[i + 1] if i + 1 < len(lines) else None
    return (
        below is not None
        and is_continuation(layout, line, below)
        and below.x > line.x + _MARGIN_SLACK
    )


def is_numbered(layout: Layout, lines: Sequence[Line], i: int) -> bool:
    """Whether line ``i`` opens a numbered paragraph: a number at the margin, hanging indent.

    What the line before it ends with does not matter (a source may drop a full stop);
    its position does. A one-line paragraph has no second line to show the indent, so it
    counts when its number stands at a margin where others hang and nothing follows it
    on the next baseline.
    """
    line = lines[i]
    if not NUMBER_START.match(line.text) or line.size < layout.body_size - 0.5:
        return False
    if not any(abs(line.x - margin) <= _MARGIN_SLACK for margin in layout.number_margins):
        return False
    below = lines[i + 1] if i + 1 < len(lines) else None
    if below is None or not is_continuation(layout, line, below):
        return True
    return below.x > line.x + _MARGIN_SLACK


def is_continuation(layout: Layout, above: Line, below: Line) -> bool:
    """Whether ``below`` carries on the paragraph of ``above``: next baseline, no gap.

    Lines set larger than the body (a heading wrapped over two lines) are set further
    apart, in proportion."""
    gap = below.y - above.y
    scale = max(1.0, above.size / layout.body_size)
    return 0 < gap <= layout.pitch * 1.25 * scale and abs(below.size - above.size) < 1


def heading_level(layout: Layout, lines: Sequence[Line], i: int) -> int:
    """0 for body text, 1 for a heading set large, 2 for a bold or plain-type sub-heading.

    A sub-heading in plain type is a short line with no closing punctuation, standing at
    the left margin apart from the lines around it by paragraph gaps.
    """
    line = lines[i]
    text = line.text
    if not text or not (text[0].isalpha() or text[0] in "‘'“\"("):
        return 0
    if line.size < layout.body_size - 0.5:
        return 0  # footers, footnotes, table text
    if re.search(r"\s\d{1,3}$", text):
        return 0  # a contents entry: a heading with the page it starts on
    if line.size >= layout.body_size + 1.5 and (line.bold or line.size >= layout.body_size + 3):
        return 1
    if line.bold:
        return 2
    if text.endswith(_TERMINAL) or len(text.split()) > 10 or not text[0].isupper():
        return 0
    above = lines[i - 1] if i else None
    below = lines[i + 1] if i + 1 < len(lines) else None
    apart_above = above is None or not is_continuation(layout, above, line)
    apart_below = below is not None and not is_continuation(layout, line, below)
    if not (apart_above and apart_below) or below is None:
        return 0
    # At or left of where the numbers stand: not an indented line of a list or a table.
    at_margin = layout.margin is None or line.x <= layout.margin + 2 * _MARGIN_SLACK
    return 2 if at_margin else 0


def footnote_start(layout: Layout, lines: Sequence[Line]) -> int:
    """Index of a page's first footnote line, or ``len(lines)`` where it has none.

    Footnotes are the numbered lines set smaller than the body below the page's last
    body line; a running footer set just as small is left to the running-line check.
    """
    last_body = max(
        (
            i
            for i, line in enumerate(lines)
            if line.size >= layout.body_size - 0.5 and not line.text.isdigit()  # a page number
        ),
        default=-1,
    )
    for i in range(last_body + 1, len(lines)):
        line = lines[i]
        below_body = last_body < 0 or line.y > lines[last_body].y
        if _note_sized(layout, line) and below_body and _footnote_number(layout, lines, i):
            return i
    return len(lines)


def _note_sized(layout: Layout, line: Line) -> bool:
    """Whether a line is set in a footnote's size: 1.5 points or more below the body."""
    return line.size <= layout.body_size - 1.5


def is_raised_number(layout: Layout, line: Line) -> bool:
    """Whether a line is only a number in a footnote's size: a footnote's number set
    raised on a line of its own, its words on the next line."""
    return _note_sized(layout, line) and re.fullmatch(r"\d{1,2}", line.text) is not None


def _footnote_number(layout: Layout, lines: Sequence[Line], i: int) -> bool:
    """Whether line ``i`` opens a footnote: its number, then its words on that line or,
    the number set raised on a line of its own, on the next line in small type."""
    if re.match(r"\d{1,2}\s*[A-Za-z‘“(]", lines[i].text):
        return True
    after = lines[i + 1] if i + 1 < len(lines) else None
    return (
        is_raised_number(layout, lines[i])
        and after is not None
        and _note_sized(layout, after)
        and after.text[:1].isalpha()
    )


def has_title_page(layout: Layout, pages: Sequence[PageLayout]) -> bool:
    """Whether the first page is a title page: it sets words in a title's size, a third
    above the body or more, and no other page sets larger (a bare page number, set large
    on every page, does not count)."""

    def largest(page: PageLayout) -> float:
        return max((ln.size for ln in page.lines if not ln.text.isdigit()), default=0.0)

    if len(pages) < 2:
        return False
    title = largest(pages[0])
    return title >= 1.3 * layout.body_size and title >= max(largest(p) for p in pages[1:])
