"""How long a draft runs: a fast estimate from its Markdown, or LibreOffice's exact count.

A position statement must keep within its page limit (PD 27A 2018: 3 pages; a skeleton
argument 20). ``estimate_length`` lays the Markdown out in lines on carecite's house page
(A4, 3.5 cm left and 2.5 cm other margins, Arial 12 pt at 1.5 spacing, footnotes the same)
without rendering it: each paragraph's characters over the characters a line holds at its
indent, plus the space between paragraphs; footnotes, tables and page breaks counted as Word
sets them. It is an estimate (keep-with-next and widow control move a few lines);
``count_pages`` asks LibreOffice, where installed, for the exact count of a written .docx.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ESTIMATE_MARGIN", "Length", "count_pages", "estimate_length"]

#: What a house page holds in the estimate's lines (a line of 12 pt text at 1.5 spacing;
#: gaps and table rows in proportion): fitted to LibreOffice's layout of the shipped
#: examples (tests/draft/test_length.py checks the estimate against it on each).
LINES_PER_PAGE = 36.0
#: How far short of LibreOffice's layout the estimate has run on a long document (the
#: Norfolk skeleton with its history table: 4.75 pages estimated, 5.25 laid out). A draft
#: estimated within this share of its limit is said to be near it.
ESTIMATE_MARGIN = 0.1
#: Characters of 12 pt Arial a line holds: across the text width, beside a paragraph
#: number, in a sub-paragraph, in a block quotation (indented both sides).
FULL_WIDTH = 80
NUMBERED_WIDTH = 72
NESTED_WIDTH = 66
QUOTE_WIDTH = 62
#: A table's rows are set at single spacing: a line of one, in body lines.
TABLE_LINE = 0.7
#: The space after a paragraph (12 pt), in lines; a heading has it before and after.
PARAGRAPH_GAP = 0.6
HEADING_GAP = 1.2

_MARKUP = re.compile(r"\{\.[^}]*\}|\\(?=\S)|\*\*|(?<!\w)\*|\*(?!\w)|\[\^\d+\]")
_LIST_ITEM = re.compile(r"^( *)(?:\d+\.|[-*]) ")


@dataclass(frozen=True, slots=True)
class Length:
    """A draft's estimated length: pages, lines, and the longest parts, for what to cut.

    ``parts`` pairs each heading (or "opening" before the first) with the lines under it,
    longest first.
    """

    pages: float
    lines: float
    parts: tuple[tuple[str, float], ...]

    def over(self, limit: int) -> str:
        """What to cut to bring the draft within ``limit`` pages, in words."""
        excess = math.ceil(self.lines - limit * LINES_PER_PAGE)
        longest = ", ".join(f"{name} ({lines:.0f} lines)" for name, lines in self.parts[:3])
        return (
            f"cut about {excess} lines (a page holds about {LINES_PER_PAGE:.0f}); "
            f"the longest parts: {longest}"
        )


def _text(line: str) -> str:
    return _MARKUP.sub("", line).replace("[", "").replace("]", "")


def _wrapped(text: str, width: int) -> int:
    return max(1, math.ceil(len(_text(text).strip()) / width))


def estimate_length(markdown: str) -> Length:
    """Estimate how many pages ``markdown`` (the writer's dialect) fills on the house page.

    A footnote counts where its reference is, so a page break (``***``) after it leaves it
    on the pages before; each run of pages with notes has a separator line.
    """
    body, _, _ = markdown.partition("\n[^1]: ")
    note_lines = {
        match.group(1): _wrapped(match.group(2), FULL_WIDTH)
        for match in re.finditer(r"^\[\^(\d+)\]: (.*)$", markdown[len(body) :], flags=re.M)
    }
    lines = 0.0
    pages_before = 0
    parts: dict[str, float] = {}
    part = "opening"
    separator_due = True
    for block in re.split(r"\n\s*\n", body):
        if block.strip() == "***":
            pages_before += math.ceil(lines / LINES_PER_PAGE) or 1
            lines, separator_due = 0.0, True
            continue
        used = _block_lines(block.strip("\n"))
        notes = sum(note_lines.get(n, 0) for n in re.findall(r"\[\^(\d+)\]", block))
        if notes and separator_due:
            notes, separator_due = notes + 1, False  # the rule above the notes
        if block.startswith("#"):
            part = _text(block.lstrip("#").strip())[:60]
        parts[part] = parts.get(part, 0.0) + used
        if notes:
            parts["footnotes"] = parts.get("footnotes", 0.0) + notes
        lines += used + notes
    total = pages_before * LINES_PER_PAGE + lines
    longest = tuple(sorted(parts.items(), key=lambda item: -item[1]))
    return Length(round(pages_before + lines / LINES_PER_PAGE, 2), round(total, 1), longest)


def _block_lines(block: str) -> float:
    """The lines one Markdown block fills, its paragraph spacing included."""
    rows = [row for row in block.splitlines() if row.strip()]
    if not rows:
        return 0.0
    if rows[0].startswith("#"):
        return _wrapped(rows[0].lstrip("#"), FULL_WIDTH) + HEADING_GAP
    if rows[0].startswith("|") or rows[0].startswith("{.plain}"):
        table = [r for r in rows if r.startswith("|") and not re.fullmatch(r"[|\s:-]+", r)]
        return sum(_table_row(r) for r in table) * TABLE_LINE + PARAGRAPH_GAP
    used = 0.0
    for row in rows:
        if row.startswith(":::"):
            continue
        item = _LIST_ITEM.match(row)
        if item:
            width = NESTED_WIDTH if item.group(1) else NUMBERED_WIDTH
            used += _wrapped(row[item.end() :], width) + PARAGRAPH_GAP
        elif row.startswith(">"):
            used += _wrapped(row.lstrip("> "), QUOTE_WIDTH) + PARAGRAPH_GAP
        elif used and not row.strip():
            continue
        else:
            hard_break = row.endswith("\\")
            used += _wrapped(row.rstrip("\\"), FULL_WIDTH) + (0 if hard_break else PARAGRAPH_GAP)
    return used


def _table_row(row: str) -> int:
    cells = [c for c in row.strip().strip("|").split("|")]
    width = max(1, FULL_WIDTH // max(1, len(cells)))
    return max(_wrapped(c, width) for c in cells)


def count_pages(docx: Path) -> int | None:
    """The pages LibreOffice lays ``docx`` out on, or ``None`` where it is not installed.

    Raises:
        OSError: LibreOffice ran but wrote no PDF.
    """
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
