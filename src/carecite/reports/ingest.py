"""Ingest a report: pages with their printed numbers, numbered paragraphs, section headings.

``read_report`` turns an Ofsted report PDF (SIF 2014–2018 or ILACS 2018 on) or a plain-text
file with form feeds between pages into a ``SourceText``: the body text of each page under
the number printed on it, every block of text in reading order (numbered paragraphs and the
unnumbered summaries between them), and the headings they sit under. Running headers and
footers, footnotes, footnote markers, line-end hyphenation and Ofsted's back page are taken
out so that a quotation can be compared with the words the reader sees.

A PDF is read by layout (``carecite.reports.layout``): a numbered paragraph is a number at
the paragraph margin with a hanging indent, a heading is set bold or large or stands alone;
the Ofsted vocabulary (``carecite.reports.ofsted``) then names sections. Every report gets a
self-check (``SourceText.warnings``): numbering that skips, numbered lines left out of the
run, text that belongs to no paragraph, no numbered paragraphs at all.

Results are cached as JSON in ``cache_dir()/reports`` under the file's content hash; an
edited file is read afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from carecite.errors import SourceError
from carecite.reports import ofsted
from carecite.shorten import shorten

__all__ = [
    "Block",
    "Heading",
    "IngestWarning",
    "Page",
    "SourceText",
    "read_report",
    "read_text_pages",
]

# Bump when ingestion changes, so stale cache entries are ignored.
CACHE_VERSION = 19

PRINTED = "printed"
INFERRED = "inferred"
PDF_INDEX = "pdf-index"


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a report.

    ``number`` is the page number printed on it (``number_source`` "printed"); on a page
    that prints none (a cover) it follows from its neighbours ("inferred"); where the report
    prints no page numbers at all it is the PDF's own page index ("pdf-index"). ``text`` is
    the body without running headers, footers or footnotes; ``footnotes`` holds those.
    """

    index: int
    number: int
    number_source: str
    text: str
    footnotes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading, its printed page, and its level (1 main, 2 sub-heading)."""

    title: str
    page: int
    level: int = 1


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the report in reading order.

    ``number`` is the report's own paragraph number, ``None`` for unnumbered text (an
    executive summary, a bullet, a "What needs to improve" list). ``pages`` are the printed
    pages it runs over, ``page`` the first; ``parts`` pairs each of those pages with the
    text printed on it, so a match can be pinned to the page where it starts. ``section``
    is the heading it sits under, as "Heading — Sub-heading" below a sub-heading.
    ``listed`` says it is an item of a bulleted list: its bullet is the list's, not the
    report's words, and is not in ``text``.
    """

    number: int | None
    page: int
    pages: tuple[int, ...]
    section: str | None
    text: str
    parts: tuple[tuple[int, str], ...]
    listed: bool = False


@dataclass(frozen=True, slots=True)
class IngestWarning:
    """A way in which a report may have been read imperfectly, found by its self-check.

    ``code`` is stable (``numbering-gap``, ``number-out-of-sequence``, ``unassigned-text``,
    ``sequence-stopped``, ``no-numbered-paragraphs``, ``starts-mid-sentence``; and from
    import, ``no-overall-judgement``, ``no-lscb-judgement``, ``no-headline`` and
    ``text-not-imported``); ``page`` is the printed page and ``paragraph`` the paragraph
    number it concerns, where there is one.
    """

    code: str
    message: str
    page: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True, slots=True)
class SourceText:
    """A report as read: pages, blocks (numbered or not) and headings, in reading order.

    ``sha256`` is the file's content hash; ``notes`` say what a reader should know about
    how it was read (for instance that page numbers are PDF indexes, not printed ones);
    ``warnings`` are what the self-check found that may have been read wrongly.
    """

    path: str
    sha256: str
    pages: tuple[Page, ...]
    blocks: tuple[Block, ...]
    headings: tuple[Heading, ...]
    notes: tuple[str, ...] = ()
    warnings: tuple[IngestWarning, ...] = ()

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """The numbered paragraphs, in order."""
        return tuple(block for block in self.blocks if block.number is not None)

    @property
    def sections(self) -> tuple[str, ...]:
        """Every distinct section name a block sits under, in first-seen order."""
        return tuple(dict.fromkeys(b.section for b in self.blocks if b.section))

    def paragraph(self, number: int) -> Block | None:
        """The numbered paragraph ``number``, or ``None`` where the report has none."""
        for block in self.blocks:
            if block.number == number:
                return block
        return None

    def to_json(self) -> dict[str, Any]:
        """A plain-JSON form, read back by ``SourceText.from_json``."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceText:
        return cls(
            path=data["path"],
            sha256=data["sha256"],
            pages=tuple(Page(**{**p, "footnotes": tuple(p["footnotes"])}) for p in data["pages"]),
            blocks=tuple(
                Block(
                    number=b["number"],
                    page=b["page"],
                    pages=tuple(b["pages"]),
                    section=b["section"],
                    text=b["text"],
                    parts=tuple((int(pg), str(t)) for pg, t in b["parts"]),
                    listed=b["listed"],
                )
                for b in data["blocks"]
            ),
            headings=tuple(Heading(**h) for h in data["headings"]),
            notes=tuple(data["notes"]),
            warnings=tuple(IngestWarning(**w) for w in data["warnings"]),
        )


# --- Entry point ---------------------------------------------------------------------------


def read_report(path: str | Path, *, use_cache: bool = True) -> SourceText:
    """Read a report PDF (or a text file with form feeds between pages) into a SourceText.

    Args:
        path: the report: a PDF, or UTF-8 text (``.txt``) whose pages are separated by
            form feeds (``\\f``).
        use_cache: read and write the JSON cache in ``cache_dir()/reports``.

    Returns:
        The report's pages, blocks and headings.

    Raises:
        SourceError: the file is missing, not a regular file, larger than any report,
            empty, not a PDF (an HTML page saved as .pdf), encrypted, has no text layer
            (a scan), or cannot be read within the memory and time budget of
            ``carecite.reports.pdf``.
    """
    file = Path(path)
    try:
        data = _report_bytes(file)
    except FileNotFoundError:
        raise SourceError(
            "report file not found",
            path=file,
            hint="check the file name and its folder",
        ) from None
    except OSError as error:
        raise SourceError(f"cannot read the report ({error.strerror})", path=file) from None
    if not data.strip():
        raise SourceError("the report file is empty", path=file, hint="download the report again")
    digest = hashlib.sha256(data).hexdigest()
    cache_file = _cache_file(digest) if use_cache else None
    if cache_file is not None and cache_file.is_file():
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            cached = SourceText.from_json(json.loads(cache_file.read_text("utf-8")))
            if cached.path != str(file):
                cached = replace(cached, path=str(file))
            return cached
    if data.startswith(b"%PDF-"):
        raw_pages = _pdf_pages(file, data)
    elif file.suffix.lower() == ".pdf" or b"\x00" in data[:1024]:
        raise _not_a_pdf(file, data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SourceError(
                "is neither a PDF nor UTF-8 text",
                path=file,
                hint="give the report as the PDF Ofsted publishes, or as UTF-8 text",
            ) from None
        raw_pages = [_RawPage(lines=page.split("\n")) for page in text.split("\f")]
    source = _build(str(file), digest, raw_pages)
    if cache_file is not None:
        _write_cache(cache_file, source)
    return source


# Ofsted's longest reports are under 2 MB; a file this large is something else, and
# reading it whole would cost that much memory before any budget applies.
_LARGEST_REPORT = 256 << 20


def _report_bytes(file: Path) -> bytes:
    """The report file's bytes; a pipe or device is never opened (it could block forever)."""
    info = file.stat()
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(
            "is not a regular file (a folder, pipe or device)",
            path=file,
            hint="give the report's PDF file",
        )
    if info.st_size > _LARGEST_REPORT:
        raise SourceError(
            f"is {info.st_size >> 20} MB, larger than any report carecite reads "
            f"({_LARGEST_REPORT >> 20} MB)",
            path=file,
            hint="check that it is the report you meant",
        )
    return file.read_bytes()


def read_text_pages(pages: Sequence[str], *, path: str = "<text>") -> SourceText:
    """Build a SourceText from the text of each page (no cache); useful in tests."""
    raw = [_RawPage(lines=page.split("\n")) for page in pages]
    digest = hashlib.sha256("\f".join(pages).encode("utf-8")).hexdigest()
    return _build(path, digest, raw)


def _cache_file(digest: str) -> Path | None:
    from carecite.resources import cache_dir

    return cache_dir() / "reports" / f"{digest}-v{CACHE_VERSION}.json"


def _write_cache(cache_file: Path, source: SourceText) -> None:
    from carecite.output import write_text_atomic

    # A cache that cannot be written (read-only home) only costs speed.
    with contextlib.suppress(OSError):
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(cache_file, json.dumps(source.to_json()), force=True)


def _not_a_pdf(file: Path, data: bytes) -> SourceError:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return SourceError(
            "is a web page saved with a .pdf name, not a PDF",
            path=file,
            hint="download the PDF itself from files.ofsted.gov.uk (the 'Download' link)",
        )
    if data.startswith((_ZIP_MARK, _COMPOUND_FILE)):  # no report gone wrong: another file
        return SourceError(
            "is not a PDF: it is a Word document (or another office file)",
            path=file,
            hint=_REPORT_PDF,
        )
    return SourceError(
        "is not a PDF (it does not start with %PDF-)",
        path=file,
        hint=f"{_REPORT_PDF} (download it again if this was it)",
    )


# The first bytes of an office file: a .docx (any zip archive), a Word 97–2003 .doc (or
# any other of Microsoft's compound files).
_ZIP_MARK = b"PK\x03\x04"
_COMPOUND_FILE = bytes.fromhex("d0cf11e0a1b11ae1")
_REPORT_PDF = "choose the inspection report's PDF, as downloaded from files.ofsted.gov.uk"


# --- PDF reading ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mark:
    """What the layout says of one line: its heading level, whether it opens a numbered
    paragraph or stands indented, how much room it leaves before the text's right edge
    and how much its first word needs on the line above (see ``_ends_paragraph``). Lines
    from a text file carry no mark and are judged by their words."""

    heading: int = 0
    numbered: bool = False
    indented: bool = False
    room: float | None = None
    lead: float | None = None


_PLAIN = _Mark()


@dataclass
class _RawPage:
    lines: list[str]
    marks: list[_Mark] | None = None  # one per line where the page was read by layout
    title_page: bool = False


def _pdf_pages(file: Path, data: bytes) -> list[_RawPage]:
    from carecite.reports.layout import analyse, has_title_page
    from carecite.reports.pdf import read_pdf_lines

    pages = read_pdf_lines(file, data)
    if not pages:
        raise SourceError(
            "cannot read this PDF: it has no pages", path=file, hint="download the report again"
        )
    if sum(len(line.text) for page in pages for line in page.lines) < 20 * len(pages):
        raise SourceError(
            "cannot read this PDF: it has no text layer (a scan, or text stored in a form "
            "the reader cannot decode)",
            path=file,
            hint="use the PDF Ofsted publishes, or run OCR and give carecite the text",
        )
    layout = analyse(pages)
    read = [_layout_page(layout, page) for page in pages]
    read[0].title_page = has_title_page(layout, pages)
    return read


def _layout_page(layout: Any, page: Any) -> _RawPage:
    """A page's lines as text, a blank line at each paragraph gap, the footnote rule
    before footnotes, and each line's mark from the layout."""
    from carecite.reports.layout import (
        NUMBER_START,
        footnote_start,
        heading_level,
        is_continuation,
        is_numbered,
        is_raised_number,
    )

    lines: list[str] = []
    marks: list[_Mark] = []
    printed = page.lines

    notes_from = footnote_start(layout, printed)
    for i, line in enumerate(printed):
        if line.side and lines and lines[-1] and i < notes_from:
            # A cell printed beside a block ends it, as a grade ends its heading.
            lines[-1] = f"{lines[-1]} {line.text}"
            marks[-1] = replace(marks[-1], room=None)  # the line now ends with the cell
            continue
        if i > notes_from and is_raised_number(layout, printed[i - 1]):
            # A footnote's number set raised on a line of its own: its words follow.
            lines[-1] = f"{lines[-1]} {line.text}"
            continue
        if i == notes_from:
            lines.append(_RULE)
            marks.append(_PLAIN)
        elif i and not (layout.indented(line) or is_continuation(layout, printed[i - 1], line)):
            # A paragraph gap; an indented list inside a numbered paragraph stays in it.
            lines.append("")
            marks.append(_PLAIN)
        text = line.text
        shape = _Mark(indented=layout.indented(line), room=layout.room(line), lead=line.lead)
        if i < notes_from and is_numbered(layout, printed, i):
            # "10.There": the number is set apart by position, not always by a space.
            lines.append(NUMBER_START.sub(lambda m: m.group(1) + ". ", text, count=1))
            marks.append(replace(shape, numbered=True))
        else:
            lines.append(text)
            level = heading_level(layout, printed, i) if i < notes_from else 0
            marks.append(replace(shape, heading=level))
    return _RawPage(lines, marks)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- Building the SourceText ---------------------------------------------------------------

_BULLETS = re.compile(r"^[\uf000-\uf8ff◼•▪●■\u25aa\u2022]\s*")
_RULE = "_" * 12  # the rule above footnotes, as the text carries it
_BULLET = "•"  # how a line carries any bullet that opens it
_PRIVATE = re.compile(r"[\uf000-\uf8ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NUMBERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_SEPARATOR = re.compile(r"^(?:\s{20,}|_{10,}|-{10,})$")
_FOOTNOTE = re.compile(r"^(\d{1,2})\s+\S")
_EDGE = 4  # lines at the top and bottom of a page that may be running headers/footers


@dataclass
class _Line:
    page: int  # printed number
    text: str
    heading: int = 0  # 0 not a heading, 1 main, 2 sub-heading
    blank: bool = False
    numbered: bool | None = None  # by layout; None where only the words can tell
    indented: bool = False
    room: float | None = None  # see _Mark
    lead: float | None = None


def _build(path: str, digest: str, raw_pages: list[_RawPage]) -> SourceText:
    cleaned = [[_clean_line(line) for line in page.lines] for page in raw_pages]
    running = _running_signatures(cleaned)
    numbers, sources, notes = _page_numbers(cleaned, running)

    pages: list[Page] = []
    stream: list[_Line] = []
    back_page = False
    for raw, lines, number, how in zip(raw_pages, cleaned, numbers, sources, strict=True):
        marks: list[_Mark | None] = list(raw.marks) if raw.marks else [None] * len(lines)
        keep = _body_indexes(lines, running)
        body = [lines[i] for i in keep]
        body_marks = [marks[i] for i in keep]
        cut = _footnote_rule(body)
        footnotes = _footnotes(body[cut + 1 :]) if cut is not None else []
        if cut is not None:
            body, body_marks = body[:cut], body_marks[:cut]
        markers = {m.group(1) for f in footnotes if (m := _FOOTNOTE.match(f))}
        # A footnote marker PDFium reads as a line of its own (set raised beside a heading).
        pairs = [
            (_drop_markers(line, markers), mark)
            for line, mark in zip(body, body_marks, strict=True)
            if not (mark is not None and line.strip() in markers)
        ]
        while pairs and not pairs[0][0].strip():
            pairs.pop(0)
        while pairs and not pairs[-1][0].strip():
            pairs.pop()
        text_lines = [line for line, _ in pairs]
        pages.append(Page(len(pages) + 1, number, how, "\n".join(text_lines), tuple(footnotes)))
        after_blank = True
        for line, mark in pairs:
            text = line.strip()
            if raw.title_page and mark is not None:
                # The cover's title block and judgement table are the source's header,
                # not sections of the report.
                mark = replace(mark, heading=0)
            if back_page or ofsted.BACK_PAGE.match(text):
                # Ofsted's back page (who it is, the licence, its address) ends the report:
                # nothing from it joins the last paragraph.
                if not back_page:
                    notes.append(f"the back page (from page {number}) is not report text")
                    stream.append(_Line(number, "", 0, True))
                back_page = True
                continue
            if mark is None:
                level = _heading_level(text, after_blank)
                if level:
                    text = text.lstrip("#").strip()
                stream.append(_Line(number, text, level, not text))
            else:
                level = mark.heading
                subject = ofsted.TRAILING_GRADE.sub("", text)
                if level and subject != text:
                    if not ofsted.is_judgement_sentence(text):
                        if ofsted.is_grade_beside(text[len(subject) :]):
                            # A heading with its grade beside it is a judgement's own section.
                            text, level = subject, 1
                    elif level == 2 and not text[:1].islower() and not ofsted.STATEMENT.match(text):
                        # "The Local Safeguarding Children Board is inadequate" set in bold
                        # type: the judgement, a sentence of the report, not a heading. Set
                        # large, it is a heading as printed, grade and all; in lower case
                        # ("is that it is good"), it ends the heading above. "The graded
                        # judgement for adoption performance is that it is outstanding"
                        # heads its part however set (flush_heading names it).
                        level = 0
                stream.append(
                    _Line(
                        number,
                        text,
                        level,
                        not text,
                        mark.numbered,
                        mark.indented,
                        mark.room,
                        mark.lead,
                    )
                )
            after_blank = not text
    if not any(line.text for line in stream):
        raise SourceError(
            "no text could be read from the report",
            path=path,
            hint="use the PDF Ofsted publishes, or run OCR and give carecite the text",
        )
    stream = _judgement_rows(_carried_over(stream))
    vocabulary = Counter(
        word.casefold() for line in stream for word in re.findall(r"[\w’'-]+", line.text)
    )
    candidates = _candidates(stream)
    chain = _numbered_chain(candidates)
    blocks, headings = _blocks(stream, vocabulary, chain)
    blocks = _name_opening_summary(blocks)
    cover = pages[0].number if raw_pages[0].title_page else None
    warnings = _self_check(stream, candidates, chain) + _mid_sentence(blocks, cover)
    if not chain and not warnings:
        notes.append(
            "the report numbers no paragraphs (as the February 2014 pilot reports do): "
            "passages are cited by page and section"
        )
    return SourceText(
        path, digest, tuple(pages), tuple(blocks), tuple(headings), tuple(notes), warnings
    )


def _carried_over(stream: list[_Line]) -> list[_Line]:
    """The stream with a page's last line that goes on in lower case on the next page
    read as body text, not as a heading.

    A sentence's first line at the foot of a page, short and standing apart, looks like a
    plain-type sub-heading ("Performance management data is widely scrutinised by
    managers and elected" / "members, but …"): read so, the sentence lost its start and
    its end named a section.
    """
    return [
        replace(line, heading=0)
        if line.heading
        and i + 1 < len(stream)
        and stream[i + 1].page != line.page
        and not stream[i + 1].heading
        and not stream[i + 1].numbered
        and stream[i + 1].text[:1].islower()
        else line
        for i, line in enumerate(stream)
    ]


def _judgement_rows(stream: list[_Line]) -> list[_Line]:
    """The stream with a judgement table's row read as the judgement's heading, grade
    left out, and the table's header left out (``ofsted.JUDGEMENT_TABLE``).

    "Key judgement  Judgement grade" / "The experiences and progress of children" / "who
    need help and protection  Requires improvement": the row is set in plain type, so the
    header alone was read as a heading, and the findings under it lost their judgement.
    A row that repeats the heading printed above the table is left out with the header.
    """
    read = list(stream)
    for i, line in enumerate(stream):
        if not (line.heading and ofsted.JUDGEMENT_TABLE.match(line.text)):
            continue
        first = next((j for j in range(i + 1, len(read)) if not read[j].blank), len(read))
        last = next((j for j in range(first, len(read)) if read[j].blank), len(read)) - 1
        row = range(first, last + 1)
        if not row or any(read[j].heading or read[j].numbered for j in row):
            continue  # not a row of words under the header: leave the page as read
        named = ofsted.TRAILING_GRADE.sub("", " ".join(read[j].text for j in row))
        heading = list(itertools.takewhile(lambda ln: ln.blank or ln.heading, reversed(read[:i])))
        above = " ".join(ln.text for ln in reversed(heading) if ln.text)
        repeated = " ".join(above.split()).endswith(" ".join(named.split()))
        for j in (i, *row) if repeated else (i,):
            read[j] = replace(read[j], text="", heading=0, blank=True)
        if not repeated:
            for j in row:
                read[j] = replace(read[j], heading=1)
            read[last] = replace(read[last], text=ofsted.TRAILING_GRADE.sub("", read[last].text))
    return read


def _mid_sentence(blocks: Sequence[Block], cover: int | None) -> tuple[IngestWarning, ...]:
    """A paragraph that starts in lower case starts mid-sentence: a line before it was
    lost, or read as a heading. A list's items may start so ("there have been 46
    adoptions", after "In the last 12 months:"); a numbered paragraph's number shows
    where it starts."""
    found = []
    for i, block in enumerate(blocks):
        # An item of a list whose bullets are drawn, not printed, after its lead-in.
        in_list = block.listed or (i > 0 and blocks[i - 1].text.endswith((":", ";")))
        # The cover's title wraps in lower case ("… local authority" / "children’s services").
        if (
            block.section
            and block.page != cover
            and block.number is None
            and not in_list
            and block.text[:1].islower()
        ):
            found.append(
                IngestWarning(
                    "starts-mid-sentence",
                    f"text on page {block.page} starts in lower case, mid-sentence: "
                    f"“{shorten(block.text)}”; the line before it may be missing or read "
                    "as a heading",
                    block.page,
                )
            )
    return tuple(found)


def _self_check(
    stream: list[_Line],
    candidates: list[tuple[int, int]],
    chain: dict[int, int],
) -> tuple[IngestWarning, ...]:
    """What a careful reader would check after reading: numbering, strays, leftovers.

    The numbered paragraphs run 1..N (a number the report skips is said, and the numbers
    go on after it); no line that looks like a numbered paragraph was left out of the
    run; no body text between two numbered paragraphs belongs to neither; the numbers do
    not carry on past the last paragraph read.
    """
    found: list[IngestWarning] = []
    if not chain:
        # Lines that look numbered past the first page (a cover's judgement table may be
        # numbered) but none read as a paragraph: the report was read wrongly.
        first_page = stream[0].page if stream else 0
        looks_numbered = [
            line for line in stream if line.page != first_page and _NUMBERED.match(line.text)
        ]
        if looks_numbered:
            found.append(
                IngestWarning(
                    "no-numbered-paragraphs",
                    f"no numbered paragraphs were read, but {len(looks_numbered)} lines begin "
                    f"with a number (the first on page {looks_numbered[0].page}: "
                    f"“{shorten(looks_numbered[0].text)}”)",
                    looks_numbered[0].page,
                )
            )
        return tuple(found)
    ordered = sorted(chain.items())
    for (_, before), (at, number) in itertools.pairwise(ordered):
        for missing in range(before + 1, number):
            found.append(
                IngestWarning(
                    "numbering-gap",
                    f"the report has no paragraph {missing}: it goes from {before} to "
                    f"{number}; the numbers after it are the report's own",
                    stream[at].page,
                    missing,
                )
            )
    first, last = ordered[0][0], ordered[-1][0]
    top = ordered[-1][1]
    for at, number in candidates:
        if at in chain or at < first:
            continue  # before paragraph 1: a cover page's numbered judgement table
        code = "sequence-stopped" if at > last and number > top else "number-out-of-sequence"
        found.append(
            IngestWarning(
                code,
                f"a line on page {stream[at].page} numbered {number} is not in the run "
                f"of paragraphs 1–{top}: “{shorten(stream[at].text)}”",
                stream[at].page,
                number,
            )
        )
    # The next number after the last paragraph read, at the start of a line the layout did
    # not take for a paragraph: the run stopped where the report's numbering goes on.
    listed = {at for at, _ in candidates}
    following = next(
        (
            at
            for at in range(last + 1, len(stream))
            if at not in listed
            and (match := _NUMBERED.match(stream[at].text))
            and int(match.group(1)) == top + 1
        ),
        None,
    )
    if following is not None:
        found.append(
            IngestWarning(
                "sequence-stopped",
                f"the paragraphs read stop at {top}, but a line on page "
                f"{stream[following].page} begins {top + 1}: “{shorten(stream[following].text)}”",
                stream[following].page,
                top + 1,
            )
        )
    # Between two paragraphs with no heading between them, a line after a paragraph gap
    # that is neither numbered nor a bullet belongs to no paragraph: one was missed.
    for (start, before), (end, after) in itertools.pairwise(ordered):
        between = stream[start + 1 : end]
        if any(line.heading for line in between):
            continue
        stray = next(
            (
                line
                for previous, line in itertools.pairwise(between)
                if previous.blank
                and line.text
                and not line.numbered  # a stray number is reported as such
                and not line.text.startswith(_BULLET)
                and not ofsted.is_judgement_sentence(line.text)
            ),
            None,
        )
        if stray is not None:
            found.append(
                IngestWarning(
                    "unassigned-text",
                    f"text on page {stray.page} between paragraphs {before} and {after} "
                    f"belongs to neither: “{shorten(stray.text)}”",
                    stray.page,
                    before,
                )
            )
    return tuple(found)


#: What the unheaded summary opening an ILACS report is called (the bank's name for it).
OPENING_SUMMARY = "Summary"


def _name_opening_summary(blocks: list[Block]) -> list[Block]:
    """Put the text before an ILACS report's "What needs to improve" under "Summary".

    An ILACS report opens with its judgements and a summary under no heading at all, so
    a passage from it would otherwise have neither paragraph nor section to cite by.
    """
    first = next(
        (
            i
            for i, b in enumerate(blocks)
            if (b.section or "").lower().startswith(ofsted.TO_IMPROVE)
        ),
        None,
    )
    if first is None:
        return blocks
    return [
        replace(block, section=OPENING_SUMMARY) if i < first and block.number is None else block
        for i, block in enumerate(blocks)
    ]


def _clean_line(line: str) -> str:
    if _SEPARATOR.match(line):
        return _RULE  # the rule above footnotes, typed as a run of spaces or underscores
    line = _CONTROL.sub("", unicodedata.normalize("NFC", line)).rstrip()
    stripped = line.lstrip()
    if _BULLETS.match(stripped):
        return f"{_BULLET} " + _glyphs(_BULLETS.sub("", stripped))
    return _glyphs(line)


# Glyphs a PDF maps into the private-use area (a symbol font's dash in "2016–17") or sets
# as ligatures: what the reader sees. Other private-use glyphs are decoration and go.
_GLYPHS = str.maketrans(
    {"\uf02d": "–", "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)


def _glyphs(text: str) -> str:
    return _PRIVATE.sub("", text.translate(_GLYPHS))


def _signature(line: str) -> str:
    return re.sub(r"\d+", "#", _squash(line)).casefold()


def _edges(lines: list[str]) -> list[str]:
    filled = [line for line in lines if line.strip()]
    return filled[:_EDGE] + filled[-_EDGE:]


def _running_signatures(pages: list[list[str]]) -> set[str]:
    """Signatures of lines that recur at the top or bottom of most pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update(set(map(_signature, _edges(lines))))
    # Short documents: a line must recur on every page; a bare edge number always counts.
    least = len(pages) if len(pages) < 3 else max(3, len(pages) // 2)
    return {sig for sig, n in counts.items() if n >= least and sig and len(pages) > 1} | {"#"}


def _page_number_in(line: str) -> int | None:
    match = re.search(r"(?:^|\s)(?:page\s+)?(\d{1,4})(?:\s+of\s+\d+)?\s*$", line.strip(), re.I)
    return int(match.group(1)) if match else None


def _page_numbers(
    pages: list[list[str]], running: set[str]
) -> tuple[list[int], list[str], list[str]]:
    found: list[int | None] = []
    for lines in pages:
        number = None
        for line in _edges(lines):
            if _signature(line) in running and "#" in _signature(line):
                number = _page_number_in(line)
                if number is not None:
                    break
        found.append(number)
    offsets = Counter(n - i for i, n in enumerate(found, start=1) if n is not None)
    if offsets:
        offset, agree = offsets.most_common(1)[0]
        if agree >= max(2, len(pages) // 2) or (len(pages) <= 2 and agree):
            numbers = [i + offset for i in range(1, len(pages) + 1)]
            how = [
                PRINTED if found[i - 1] == i + offset else INFERRED
                for i in range(1, len(pages) + 1)
            ]
            notes = []
            if INFERRED in how:
                missing = [str(n) for n, h in zip(numbers, how, strict=True) if h == INFERRED]
                notes.append(
                    "pages without a printed number were numbered from their neighbours: "
                    + ", ".join(missing)
                )
            return numbers, how, notes
    return (
        list(range(1, len(pages) + 1)),
        [PDF_INDEX] * len(pages),
        ["no printed page numbers were found: pages are numbered as in the PDF"],
    )


def _body_indexes(lines: list[str], running: set[str]) -> list[int]:
    """Indexes of a page's lines that are not running headers or footers."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edge = set(filled[:_EDGE] + filled[-_EDGE:])
    return [i for i, line in enumerate(lines) if not (i in edge and _signature(line) in running)]


def _footnote_rule(lines: list[str]) -> int | None:
    """Index of the rule above a page's footnotes (the last one), if it has footnotes."""
    return next((i for i in range(len(lines) - 1, -1, -1) if _SEPARATOR.match(lines[i])), None)


def _footnotes(lines: list[str]) -> list[str]:
    notes: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if _FOOTNOTE.match(line.strip()) or not notes:
            notes.append(line.strip())
        else:
            notes[-1] += " " + line.strip()
    return notes


def _drop_markers(line: str, markers: Iterable[str]) -> str:
    wanted = set(markers)
    if not wanted:
        return line

    def drop(match: re.Match[str]) -> str:
        return match.group(1) if match.group(2) in wanted else match.group(0)

    return re.sub(r"([A-Za-z)’'.,?!])(\d{1,2})(?=[\s.,;:)]|$)", drop, line)


def _heading_level(text: str, after_blank: bool) -> int:
    """A text file's heading: marked with # as in markdown, or a short title-like line."""
    if not text or _NUMBERED.match(text) or text.startswith(_BULLET):
        return 0
    # Plain text carries no fonts: a short title-like line standing on its own.
    if text.startswith("#"):
        return 2 if text.startswith("##") else 1
    if (
        after_blank
        and len(text.split()) <= 8
        and "." not in text
        and text[0].isupper()
        and not text.endswith((".", ",", ";", ":"))
        and not re.search(r"\d$", text)
    ):
        return 1
    return 0


def _candidates(stream: list[_Line]) -> list[tuple[int, int]]:
    """(line index, number) of every line that opens a numbered paragraph by its look.

    Read by layout, the number's position decides, whatever the line before ends with;
    in a text file, a number after a line that ends a sentence (or after a blank line).
    """
    candidates: list[tuple[int, int]] = []
    previous = ""
    for i, line in enumerate(stream):
        match = _NUMBERED.match(line.text)
        if line.numbered is not None:
            if line.numbered and match:
                candidates.append((i, int(match.group(1))))
        elif match and line.heading == 0:
            starts_cleanly = not previous or previous.endswith(
                (".", ":", ";", "!", "?", ")", "’", "”", "'", '"')
            )
            if starts_cleanly or line.blank:
                candidates.append((i, int(match.group(1))))
        previous = line.text if line.text and not line.heading else ""
    return candidates


def _numbered_chain(candidates: list[tuple[int, int]]) -> dict[int, int]:
    """Line index -> paragraph number, for the longest run 1, 2, 3 … of the candidates.

    A report's numbered paragraphs run continuously, so a numbered line outside that run
    (a judgement table on the cover, a year at the start of a wrapped line) is ignored.
    Each paragraph takes the closest earlier candidate for the number before it.
    """
    best: dict[int, tuple[int, int | None]] = {}  # candidate -> (length, previous candidate)
    last_of_number: dict[int, int] = {}
    for position, (_, number) in enumerate(candidates):
        # A report may skip a number (Windsor and Maidenhead 2020 has no paragraph 15):
        # the run carries on over a single missing number, and the self-check reports it.
        before = last_of_number.get(number - 1)
        if before is None and number > 2:
            before = last_of_number.get(number - 2)
        if number == 1 or before is None:
            best[position] = (1, None) if number == 1 else (0, None)
        else:
            best[position] = (best[before][0] + 1 if best[before][0] else 0, before)
        last_of_number[number] = position
    if not best or max(length for length, _ in best.values()) == 0:
        return {}
    end = max(best, key=lambda p: (best[p][0], -p))
    chain: dict[int, int] = {}
    at: int | None = end
    while at is not None:
        line_index, number = candidates[at]
        chain[line_index] = number
        at = best[at][1]
    return chain


def _blocks(
    stream: list[_Line], vocabulary: Counter[str], chain: dict[int, int]
) -> tuple[list[Block], list[Heading]]:
    blocks: list[Block] = []
    headings: list[Heading] = []
    main: str | None = None
    sub: str | None = None
    current: dict[str, Any] | None = None
    pending_heading: list[_Line] = []

    def section() -> str | None:
        return f"{main} — {sub}" if main and sub else (main or sub)

    def close() -> None:
        nonlocal current
        if current and current["parts"]:
            lines = current["parts"]
            listed = lines[0][1].startswith(_BULLET)
            if listed:
                lines[0] = (lines[0][0], lines[0][1].removeprefix(_BULLET).lstrip())
            parts = _unmarked(_join_parts(lines, vocabulary))
            text = _glue(t for _, t in parts)
            pages = tuple(dict.fromkeys(p for p, _ in parts))
            number, where = current["number"], current["section"]
            if text:  # a bullet standing alone is no text
                blocks.append(Block(number, pages[0], pages, where, text, parts, listed))
        current = None

    def flush_heading() -> None:
        nonlocal main, sub, current
        if not pending_heading:
            return
        title = " ".join(line.text.strip() for line in pending_heading)
        if _set_bold_as_a_sentence(title):
            # The report's words, unnumbered, under the heading they follow: read as a
            # heading, they were in no passage and no warning (York 2017 p 7).
            current = {
                "number": None,
                "section": section(),
                "parts": [(line.page, line.text) for line in pending_heading],
            }
            close()
            pending_heading.clear()
            return
        level = min(line.heading for line in pending_heading)
        if statement := ofsted.STATEMENT.match(title):
            # "The graded judgement for adoption performance is that it requires
            # improvement" heads the adoption part: name it by its subject, as printed.
            # "The graded judgment for adoption performance good": the grade, without "is".
            subject = ofsted.TRAILING_GRADE.sub("", statement.group(1))
            title, level = subject[:1].upper() + subject[1:], 2
        name = title.casefold()
        # The LSCB part repeats the report's own headings (executive summary,
        # recommendations) inside itself; information about the inspection ends it.
        in_lscb = bool(main) and "safeguarding children board" in str(main).lower()
        # The grades' definitions name their parts as the report's own parts are named.
        defining = bool(main) and ofsted.DEFINITIONS.match(str(main)) is not None
        if (
            name in ofsted.ALWAYS_SUB
            or (in_lscb and name in ofsted.LSCB_PARTS)
            or (defining and name in ofsted.DEFINITION_PARTS)
        ):
            level = 2
        elif name in ofsted.PART_OF:
            level = 2 if str(main).casefold() == ofsted.PART_OF[name] else 1
        elif name in ofsted.TOP_LEVEL or ofsted.JUDGEMENT_HEADING.match(name):
            level = 1
        headings.append(Heading(title, pending_heading[0].page, level))
        if main and name.startswith(ofsted.ABSORBED):
            sub = None
        elif level == 1:
            main, sub = title, None
        elif main is None:
            main = title
        else:
            sub = title
        pending_heading.clear()

    for i, line in enumerate(stream):
        if line.heading and pending_heading and _restates(pending_heading, line):
            continue
        if line.heading and i not in chain:
            close()
            if pending_heading and not _continues(pending_heading[-1], line, stream[i - 1]):
                flush_heading()
            pending_heading.append(line)
            continue
        if line.blank:
            # A gap below a heading does not end it: the grade printed under it, or the
            # rest of a wrapped heading, may follow.
            close()
            continue
        flush_heading()
        if i in chain:
            close()
            if sub is not None and sub.casefold() == ofsted.SUMMARY_SUB:
                sub = None
            # _numbered_chain holds only lines _NUMBERED matched, so match is never None.
            text = _NUMBERED.match(line.text).group(2)  # type: ignore[union-attr]
            current = {"number": chain[i], "section": section(), "parts": [(line.page, text)]}
            continue
        if current is not None and (
            (current["number"] is None and line.text.startswith(_BULLET))
            or (
                _ends_paragraph(stream[i - 1], line)
                # As on a page, a numbered paragraph's indented list stays in it.
                and not (current["number"] is not None and line.indented)
            )
        ):
            close()
        if current is None:
            current = {"number": None, "section": section(), "parts": []}
        current["parts"].append((line.page, line.text))
    close()
    flush_heading()
    return blocks, headings


def _set_bold_as_a_sentence(title: str) -> bool:
    """Whether lines set as a heading end a sentence with a full stop: a heading never does,
    but for a judgement stated as one ("… are good.", Derbyshire 2014)."""
    stated = title.removesuffix(".")
    return (
        stated != title
        and ofsted.JUDGEMENT_HEADING.match(stated) is None
        and not ofsted.is_judgement_sentence(stated)
    )


def _unmarked(parts: tuple[tuple[int, str], ...]) -> tuple[tuple[int, str], ...]:
    """A block's text per page without the recommendation mark that ends a finding
    (``ofsted.RECOMMENDATION_MARK``): the report's cross-reference, not its words."""
    page, last = parts[-1]
    kept = ofsted.RECOMMENDATION_MARK.sub("", last)
    if kept == last:
        return parts
    return (*parts[:-1], (page, kept)) if kept else parts[:-1]


def _ends_paragraph(last: _Line, first: _Line) -> bool:
    """Whether ``last``, a page's last line, ends its paragraph before ``first``, the
    next page's first line: no gap between them can show it, as on a page.

    A line is broken where its next word does not fit: where the next page's first word
    would have fitted on the line, the paragraph ended there. The words must agree: the
    line ends as a sentence or a list's item does, not in a hyphen or mid-sentence.
    Derbyshire 2014 pp 7-8: "… of whom 35.7% lived out of the authority;" / "6 lived in
    residential special schools …", items whose dashes are not in the PDF's text.
    """
    if last.page == first.page or last.room is None or first.lead is None:
        return False
    words = last.text.rstrip("’”'\")")
    return last.room > first.lead and words.endswith((".", ";", ":", "!", "?"))


def _restates(pending: Sequence[_Line], line: _Line) -> bool:
    """Whether ``line`` is the judgement printed under a heading that it repeats.

    Norfolk's "The Local Safeguarding Children Board (LSCB)" is followed by "The Local
    Safeguarding Children Board requires improvement": the grade, not a new heading.
    """
    subject = ofsted.TRAILING_GRADE.sub("", line.text.strip()).strip()
    heading = pending[0].text.strip()
    return bool(subject) and subject != heading and heading.startswith(subject)


def _continues(previous: _Line, line: _Line, above: _Line) -> bool:
    """Whether a heading line carries on the heading above it rather than starting another.

    A heading wrapped over two lines goes on in lower case ("The experiences and progress
    of children" / "looked after and achieving permanence Requires improvement"), even when
    only its last line is set large with the grade; a new heading starts with a capital,
    unless it is set as the line above and on the next baseline (``above`` is that line,
    no paragraph gap between): "… the Local Safeguarding Children" / "Board".
    """
    if previous.page != line.page:
        return False
    wrapped = (
        above is previous and previous.heading == line.heading and previous.numbered is not None
    )
    return line.text.strip()[:1].islower() or wrapped


def _join_parts(
    lines: list[tuple[int, str]], vocabulary: Counter[str]
) -> tuple[tuple[int, str], ...]:
    """Join a block's lines into one text per page, mending line-end hyphenation.

    Ofsted's reports are not hyphenated by the typesetter, so a line ending in a hyphen is
    almost always a real compound ("multi-agency") and keeps it; the hyphen is dropped only
    when the joined word occurs elsewhere in the report and the hyphenated one does not.
    """
    parts: list[list[Any]] = []
    for page, text in lines:
        text = text.strip()
        if parts and parts[-1][0] == page:
            parts[-1][1] = _join(parts[-1][1], text, vocabulary)
        elif parts:
            # A page break inside a paragraph: the hyphenation rule applies across it too.
            previous = parts[-1][1]
            if re.search(r"\w-$", previous) and text[:1].isalpha():
                head, word = _split_hyphen(previous, text, vocabulary)
                parts[-1][1] = head
                parts.append([page, word])
            else:
                parts.append([page, text])
        else:
            parts.append([page, text])
    return tuple((int(page), str(text)) for page, text in parts)


# What follows a suspended hyphen ("first- and second-line"), not the rest of a compound.
_SUSPENDED = re.compile(r"(?:and|or|to)\b(?!-)")


def _range_broken(left: str, right: str) -> bool:
    """Whether a number range is broken after its dash ("2013–" / "16 rolling"): one token,
    as "2013-" / "14" is."""
    return re.search(r"\d[–−]$", left) is not None and right[:1].isdigit()


def _join(left: str, right: str, vocabulary: Counter[str]) -> str:
    if not left or _range_broken(left, right):
        return left + right
    match = re.search(r"(\w+)-$", left)
    # "first- and second-line", "16- to 17-year-olds": a suspended hyphen keeps its space;
    # "up-" / "to-date" is one compound broken at the line end.
    if match and right[:1].isalnum() and not _SUSPENDED.match(right):
        if not right[:1].isalpha():
            return left + right  # "2013-" / "14", "COVID-" / "19"
        first = match.group(1)
        second = re.match(r"[\w’']+", right)
        joined = (first + (second.group(0) if second else "")).casefold()
        hyphenated = f"{first}-{second.group(0) if second else ''}".casefold()
        if vocabulary.get(joined) and not vocabulary.get(hyphenated):
            return left[:-1] + right
        return left + right
    return f"{left} {right}"


def _split_hyphen(previous: str, text: str, vocabulary: Counter[str]) -> tuple[str, str]:
    joined = _join(previous, text, vocabulary)
    rest = text.split(" ", 1)
    if joined == f"{previous} {text}":
        return previous, text  # a suspended hyphen ends the page: "16-" / "and 17-year-olds"
    if joined == previous + text:
        # A compound over the page break ("cross-" ends one page, "party" starts the next)
        # is one word, printed where it starts: move its end back, hyphen kept.
        return previous + rest[0], (rest[1] if len(rest) > 1 else "")
    # A word split over the page break: it is printed where it starts, so move it back.
    head, _, fragment = previous[:-1].rpartition(" ")
    word = fragment + rest[0]
    return (f"{head} {word}" if head else word), (rest[1] if len(rest) > 1 else "")


def _glue(parts: Iterable[str]) -> str:
    """Join a block's per-page texts, without a space after a hyphen that ends a page."""
    text = ""
    for part in parts:
        if not part:
            continue
        if (
            not text
            or (re.search(r"\w-$", text) and not _SUSPENDED.match(part))
            or _range_broken(text, part)
        ):
            text += part
        else:
            text += " " + part
    return text
