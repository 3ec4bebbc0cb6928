"""Read a citation back: the paragraphs, pages and sections its pinpoint gives.

The inverse of ``carecite.cite.citation``: "ibid para 23", "Ofsted 2017 report (n 3) 31",
"Ofsted 2017 report at [16]–[17]", "para 16 (p 5)", "paras 23–25 [F14]", "para 20 [F7], 2
[F2]", "AB1 p 14, para 23", "paragraph 16", "Children Act 2004, s 14".
Numbers that are not pinpoints (a bundle page, an exhibit mark, a note reference, a date in
brackets) are read past; the names of the source must be taken out first (they hold
numbers too: "Ofsted 2017 report").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NOTE_REFERENCE", "CitedPinpoint", "read_pinpoint"]


@dataclass(frozen=True, slots=True)
class CitedPinpoint:
    """What a citation's pinpoint gives: paragraph and page numbers, section numbers."""

    paragraphs: frozenset[int]
    pages: frozenset[int]
    sections: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.paragraphs or self.pages or self.sections)


_DASH = r"\s*[-–—]\s*"
# "paras 16, 20 and 23" lists; "para 20" is one (in "para 20 [F7], 2 [F2]" the 2 is a page).
# A witness statement spells them out: "paragraph 16", "paragraphs 16–18".
_PARAS = re.compile(
    rf"\b(?:para(?:graph)?s\.?\s*(\d+)(?:{_DASH}(\d+))?"
    rf"((?:\s*(?:,|and|&)\s*\d+(?:{_DASH}\d+)?)*)"
    rf"|para(?:graph)?\.?\s*(\d+)(?:{_DASH}(\d+))?)"
)
_BRACKETED_PARAS = re.compile(rf"\[(\d+)\](?:{_DASH}\[(\d+)\])?")
_PAGES = re.compile(rf"\b(?:pp?|pages?)\.?\s*(\d+)(?:{_DASH}(\d+))?")
_SECTIONS = re.compile(r"\b(?:ss?|sections?)\.?\s*(\d+[A-Z]*)((?:\s*(?:,|and|&)\s*\d+[A-Z]*)*)")
_BARE = re.compile(rf"(?<![\w\[])(\d+)(?:{_DASH}(\d+))?(?![\w\]])")
#: OSCOLA's cross-reference to the note holding a source's full citation: "(n 3)", or
#: written without its brackets, "n 3" (not a page 3; nor is "[N3]", a bundle page).
NOTE_REFERENCE = re.compile(r"\(?(?<![\w\[])n\.?\s*(\d+)\b\)?", re.IGNORECASE)
# What else a citation holds beside its pinpoint that has numbers: a bundle page ([F14],
# [C1–12]), an exhibit mark (AB1) or a date in brackets. A page in brackets is a pinpoint:
# "para 16 (p 5)" is how `--pages` gives a paragraph's page.
_NOT_PINPOINTS = re.compile(
    r"\[[A-Z]{1,3}\s?\d+(?:[-–]\d+)?\]|\b[A-Z]{1,4}\d+\b"
    r"|\((?!\s*(?:pp?|pages?)\.?\s*\d)[^()]*\)"
)

# "…, as quoted in Smith 2019 commentary": the source the words were read in, whose name
# holds numbers too, up to the next source of the note.
_AS_QUOTED_IN = re.compile(r"\bas quoted in\b[^;]*", re.IGNORECASE)


def _numbers(first: str, last: str | None) -> range:
    low, high = int(first), int(last) if last else int(first)
    return range(low, max(low, high) + 1) if high - low < 500 else range(low, low + 1)


def read_pinpoint(text: str) -> CitedPinpoint:
    """The paragraphs, pages and sections a citation's pinpoint gives, names taken out."""
    rest = _NOT_PINPOINTS.sub(" ", NOTE_REFERENCE.sub(" ", _AS_QUOTED_IN.sub(" ", text)))
    paragraphs: set[int] = set()
    pages: set[int] = set()
    sections: list[str] = []
    for match in _PARAS.finditer(rest):
        if match.group(1) is None:
            paragraphs.update(_numbers(match.group(4), match.group(5)))
            continue
        paragraphs.update(_numbers(match.group(1), match.group(2)))
        for more in re.finditer(rf"(\d+)(?:{_DASH}(\d+))?", match.group(3) or ""):
            paragraphs.update(_numbers(more.group(1), more.group(2)))
    rest = _PARAS.sub(" ", rest)
    for match in _BRACKETED_PARAS.finditer(rest):
        paragraphs.update(_numbers(match.group(1), match.group(2)))
    rest = _BRACKETED_PARAS.sub(" ", rest)
    for match in _SECTIONS.finditer(rest):
        sections.append(match.group(1))
        sections.extend(re.findall(r"\d+[A-Z]*", match.group(2) or ""))
    rest = _SECTIONS.sub(" ", rest)
    for match in _PAGES.finditer(rest):
        pages.update(_numbers(match.group(1), match.group(2)))
    rest = _PAGES.sub(" ", rest)
    # OSCOLA gives an unnumbered page bare: "ibid 2", "Ofsted 2017 report (n 3) 31".
    for match in _BARE.finditer(rest):
        pages.update(_numbers(match.group(1), match.group(2)))
    return CitedPinpoint(frozenset(paragraphs), frozenset(pages), tuple(sections))
