"""Find the quotations in a run of prose, pairing quotation marks as a reader does.

``find_quotations`` takes a paragraph's text and returns every quoted span in it: single
and double marks, curly and straight, nested. A single closing mark doubles as the
apostrophe, so each ’ (or ') is first read by what stands either side of it:

- inside a word ("children’s", "don’t") or before a number ("’90s"): an apostrophe;
- after a plural's *s* and before a word or a bracket ("leavers’ service", "officers’
  (IRO) caseloads"): either an apostrophe or a closing mark — both readings are kept;
- otherwise (before a space, punctuation or the end): a closing mark.

The ambiguous marks are then settled by pairing: of all readings, those that pair every
opening mark with a closing mark of its kind win; of those, the one that reads each mark as
what follows it suggests (a word: a possessive; a bracket, a note or punctuation: a closing
mark); then the one that leaves the least text outside quotations, so no quoted words
escape a check. ``quotation_readings`` gives the other balanced readings too, so a checker
can fall back on a reading whose quotations it all finds in the source ("by what the words
are").
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

__all__ = ["QuotedSpan", "find_quotations", "quotation_readings", "requoted", "word_count"]

# Past this many ambiguous marks in one paragraph, the rest are read as apostrophes rather
# than trying 2**n readings.
_MOST_AMBIGUOUS = 10

_SINGLE, _DOUBLE = "single", "double"
_OPEN, _CLOSE, _EITHER = "open", "close", "close-or-apostrophe"
_BEFORE_OPENING = set(" \t\n([{—–-/\u00a0") | {""}


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """One quotation in a text.

    Attributes:
        start: offset of the opening mark.
        end: offset just past the closing mark (the end of the text when ``closed`` is false).
        text: the quoted words, without the marks.
        depth: 0 for a quotation, 1 for one quoted inside it, and so on.
        closed: false when the text ends before a closing mark of the kind opened.
    """

    start: int
    end: int
    text: str
    depth: int
    closed: bool = True


@dataclass(frozen=True, slots=True)
class _Mark:
    at: int
    family: str
    role: str | None  # None: read as an apostrophe in this reading
    # For an ambiguous mark: whether what follows suggests a closing mark (a bracket, a
    # note, punctuation) rather than a possessive (a word).
    likely_closing: bool = False


def word_count(text: str) -> int:
    """How many words ``text`` holds (runs of letters or digits)."""
    count, inside = 0, False
    for char in text:
        if char.isalnum():
            count += not inside
            inside = True
        elif char not in "’'-":
            inside = False
    return count


# Each quotation mark and the one of the other kind, so nested quotations alternate.
_OTHER_KIND = str.maketrans({"‘": "“", "’": "”", "“": "‘", "”": "’", "'": '"', '"': "'"})


def requoted(text: str) -> str:
    """``text`` set in single quotation marks, as a draft quotes, the quotations inside it
    turned to the other kind so that nested marks alternate (‘… “they are unreliable”.’);
    an apostrophe stays one."""
    chars = list(text)
    for span in find_quotations(text):
        for at in (span.start, span.end - 1) if span.closed else (span.start,):
            chars[at] = chars[at].translate(_OTHER_KIND)
    return "‘" + "".join(chars) + "’"


def find_quotations(text: str) -> list[QuotedSpan]:
    """Every quotation in ``text``, in order of their opening marks, as the marks read best.

    Args:
        text: one paragraph (line breaks inside it are fine).

    Returns:
        The quoted spans, outer ones before the ones nested inside them; an opening mark the
        paragraph never closes gives a span with ``closed=False`` running to the end.
    """
    return list(quotation_readings(text)[0])


def quotation_readings(text: str) -> list[tuple[QuotedSpan, ...]]:
    """The ways the marks of ``text`` can be read, best first (see the module's note).

    Only readings as balanced as the best are returned: where no mark is ambiguous, one.
    """
    marks = _marks(text)
    ambiguous = [i for i, m in enumerate(marks) if m.role == _EITHER]
    tried = ambiguous[:_MOST_AMBIGUOUS]
    readings: list[tuple[tuple[int, int, int], tuple[QuotedSpan, ...]]] = []
    for choice in product((_CLOSE, None), repeat=len(tried)):
        roles = {i: role for i, role in zip(tried, choice, strict=True)}
        chosen = [
            _Mark(m.at, m.family, roles.get(i, m.role) if m.role == _EITHER else m.role)
            for i, m in enumerate(marks)
        ]
        spans, unpaired = _pair(text, [m for m in chosen if m.role is not None])
        unlikely = sum((roles.get(i) == _CLOSE) != marks[i].likely_closing for i in tried)
        covered = sum(s.end - s.start for s in spans if s.depth == 0)
        readings.append(((unpaired, unlikely, -covered), tuple(spans)))
    readings.sort(key=lambda reading: reading[0])
    fewest_unpaired = readings[0][0][0]
    distinct = dict.fromkeys(spans for score, spans in readings if score[0] == fewest_unpaired)
    return list(distinct)


def _marks(text: str) -> list[_Mark]:
    """Every quotation mark of ``text`` with its role; apostrophes are left out."""
    found: list[_Mark] = []
    for at, char in enumerate(text):
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        role: str | None
        if char == "“":
            found.append(_Mark(at, _DOUBLE, _OPEN))
        elif char == "”":
            found.append(_Mark(at, _DOUBLE, _CLOSE))
        elif char == '"':
            role = _OPEN if before in _BEFORE_OPENING or before in "‘“" else _CLOSE
            found.append(_Mark(at, _DOUBLE, role))
        elif char in "‘’'":
            role = _single_role(char, text, at, before, after)
            if role is not None:
                closing = role == _EITHER and not (after == " " and text[at + 2 : at + 3].isalpha())
                found.append(_Mark(at, _SINGLE, role, closing))
    return found


def _single_role(char: str, text: str, at: int, before: str, after: str) -> str | None:
    """The role of a single mark: opening, closing, ambiguous, or ``None`` (an apostrophe)."""
    if before.isalnum() and after.isalnum():
        return None  # children’s, don’t
    if after.isdigit() and (before in _BEFORE_OPENING) and _is_decade(text, at + 1):
        return None  # ’90s
    opens = char == "‘" or (char == "'" and (before in _BEFORE_OPENING or before in '“"'))
    if opens:
        return _OPEN if after and not after.isspace() else None
    if char == "’" and before in _BEFORE_OPENING and after.isalpha():
        return _OPEN  # a mark typed the wrong way round at the start of a quotation
    plural = before != "" and before in "sSzZ"
    following = text[at + 2] if at + 2 < len(text) else ""
    before_word = after == " " and (following.isalnum() or following in ("(", "["))
    if plural and (before_word or after in (",", ";", ":")):
        # leavers’ service, officers’ (IRO) caseloads, IROs’, chairs’ and officer’s reports
        # — or the end of ‘… care leavers’ and …
        return _EITHER
    return _CLOSE


def _is_decade(text: str, start: int) -> bool:
    """Whether ``text`` at ``start`` reads as an elided year: "90s", "90", "17/18"."""
    digits = 0
    while start + digits < len(text) and text[start + digits].isdigit():
        digits += 1
    return digits == 2


def _pair(text: str, marks: list[_Mark]) -> tuple[list[QuotedSpan], int]:
    """Pair the marks of one reading: the spans, and how many marks stayed unpaired."""
    stack: list[_Mark] = []
    spans: list[QuotedSpan] = []
    unpaired = 0
    for mark in marks:
        if mark.role == _OPEN:
            stack.append(mark)
            continue
        families = [open_mark.family for open_mark in stack]
        if mark.family not in families:
            unpaired += 1
            continue
        while stack[-1].family != mark.family:
            # An inner quotation the writer never closed.
            inner = stack.pop()
            unpaired += 1
            spans.append(_span(text, inner, mark.at, len(stack), closed=False))
        opening = stack.pop()
        spans.append(_span(text, opening, mark.at, len(stack), closed=True))
    while stack:
        opening = stack.pop()
        unpaired += 1
        spans.append(_span(text, opening, len(text), len(stack), closed=False))
    spans.sort(key=lambda span: span.start)
    return spans, unpaired


def _span(text: str, opening: _Mark, close_at: int, depth: int, *, closed: bool) -> QuotedSpan:
    end = close_at + 1 if closed else close_at
    return QuotedSpan(opening.at, end, text[opening.at + 1 : close_at].strip(), depth, closed)
