"""Locate a quotation in a report and compare it word by word.

``locate_quote`` finds where a quotation sits in a ``SourceText`` and says whether it is
``exact``, ``altered`` (with a word-level diff and flags) or ``not_found``. Only typography
is normalised before comparing: curly and straight quotes, dashes, whitespace, line breaks
and ligatures. RapidFuzz is used only to *find* the candidate place; no similarity score
ever passes a quotation, because "there were enough staff" scores 90 against "there were
not enough staff".

Declared legal alterations are honoured: ``...`` or ``…`` for an omission, ``[t]he`` for a
changed capital and ``[words]`` for an insertion. An omission's fragments are placed together
(in order, nearest each other, at the cited place when the words are there), and a closing
full stop inside the marks may end a sentence the report goes on with.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from carecite.cite.reading import CitedPinpoint
from carecite.model import Verdict
from carecite.reports.ingest import SourceText

__all__ = [
    "Location",
    "changed_words",
    "compare_at",
    "locate_quote",
    "normalise",
    "without_closing_mark",
]

# Flags on an altered quotation.
NUMBER = "changed number"
NEGATION = "negation added or dropped"
CAPITAL = "changed first capital not marked [ ]"
OMISSION = "omission not marked ..."
WORDS = "words changed"
PUNCTUATION = "punctuation changed"

NEGATIONS = frozenset({"not", "no", "never", "without", "none", "nor", "cannot"})

# The most report words one omission (``…``) of a quotation is taken to stand for.
_OMITTED_WORDS = 150

_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u00a0": " ",
        "\u00ad": "",
    }
)
_TOKEN = re.compile(
    r"\[[^\]]*\][\w'-]*"  # [t]he, [the council]
    r"|\.\.\.|…"  # declared omission
    r"|\w+(?:['-]\w+)*"  # words, child's, multi-agency
    r"|[^\w\s]"  # punctuation
)


def normalise(text: str) -> str:
    """Typography only: ligatures, quotes, dashes, soft hyphens, whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return re.sub(r"\s+", " ", text).strip()


def tokens(text: str) -> list[str]:
    """Normalised tokens: words (with inner hyphens/apostrophes), punctuation, markers."""
    return _TOKEN.findall(normalise(text))


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One difference: ``op`` is "replace", "delete" (in the report, not the quote) or
    "insert" (in the quote, not the report); ``quote`` and ``report`` are the words."""

    op: str
    quote: str
    report: str

    def __str__(self) -> str:
        if self.op == "delete":
            return f"[-{self.report}-]"
        if self.op == "insert":
            return f"{{+{self.quote}+}}"
        return f"[-{self.report}-]{{+{self.quote}+}}"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a quotation was found, and how it compares.

    ``match`` is ``Verdict.EXACT``, ``Verdict.ALTERED`` or ``Verdict.NOT_FOUND``. ``page`` is
    the printed page where the quoted words start, ``page_end`` where they end;
    ``paragraph``/``paragraph_end`` the numbered paragraphs (``None`` in unnumbered text,
    with ``section`` naming the heading).
    ``diff`` lists the undeclared differences and ``flags`` names the kinds found.
    ``report_text`` is the report's own wording of the matched place.
    """

    match: Verdict
    page: int | None = None
    page_end: int | None = None
    paragraph: int | None = None
    paragraph_end: int | None = None
    section: str | None = None
    diff: tuple[DiffOp, ...] = ()
    flags: tuple[str, ...] = ()
    report_text: str | None = None

    @property
    def diff_text(self) -> str:
        """The differences as one line, ``[-report-]{+quote+}`` style."""
        return " ".join(str(op) for op in self.diff)

    def to_json(self) -> dict[str, object]:
        return {
            "match": self.match,
            "page": self.page,
            "page_end": self.page_end,
            "paragraph": self.paragraph,
            "paragraph_end": self.paragraph_end,
            "section": self.section,
            "diff": self.diff_text or None,
            "flags": list(self.flags),
            "report_text": self.report_text,
        }


@dataclass(frozen=True)
class _Index:
    words: tuple[str, ...]  # normalised tokens of the whole report
    keys: tuple[str, ...]  # casefolded tokens
    where: tuple[tuple[int, int], ...]  # (block index, printed page) of each token
    joined: str  # keys joined by spaces, for searching
    starts: tuple[int, ...]  # character offset of each token in ``joined``


_INDEXES: dict[tuple[str, str], _Index] = {}


def _index(source: SourceText) -> _Index:
    key = (source.sha256, source.path)
    if key not in _INDEXES:
        words: list[str] = []
        where: list[tuple[int, int]] = []
        for b, block in enumerate(source.blocks):
            for page, text in block.parts:
                found = tokens(text)
                words.extend(found)
                where.extend([(b, page)] * len(found))
        keys = [w.casefold() for w in words]
        starts, offset = [], 0
        for k in keys:
            starts.append(offset)
            offset += len(k) + 1
        _INDEXES[key] = _Index(
            tuple(words), tuple(keys), tuple(where), " ".join(keys), tuple(starts)
        )
    return _INDEXES[key]


def is_marker(token: str) -> bool:
    """Whether a token declares an alteration: an omission (``…``) or words in brackets."""
    return token in ("...", "…") or token.startswith("[")


def _key(token: str) -> str:
    """The comparison key: a capital declared as ``[t]he`` compares as ``the``."""
    if token.startswith("[") and re.match(r"^\[\w\]\w", token):
        return (token[1] + token[3:]).casefold()
    return token.casefold()


def locate_quote(source: SourceText, quote: str, *, cited: CitedPinpoint | None = None) -> Location:
    """Find ``quote`` in ``source`` and compare it word by word.

    Args:
        source: the ingested report.
        quote: the words, with any declared alterations (``...``, ``[t]he``, ``[words]``).
        cited: where a citation places them: of the places holding the words, the cited
            one is taken (a sentence a report repeats, an omission's fragments).

    Returns:
        A ``Location``: exact, altered (with diff and flags) or not_found.
    """
    index = _index(source)
    wanted, mark = without_closing_mark(tokens(quote))
    listed = bool(wanted) and wanted[0] == _LIST_MARK
    wanted = wanted[1:] if listed else wanted
    if not wanted or not index.words:
        return Location(Verdict.NOT_FOUND)
    span = _find_span(source, index, wanted, cited)
    if span is None:
        return Location(Verdict.NOT_FOUND)
    start, end = span
    diff, flags, end = compare_at(wanted, mark, index.words, start, end)
    if listed and not _opens_list_item(source, index, start):
        diff.insert(0, DiffOp("insert", _LIST_MARK, ""))
        flags = list(dict.fromkeys([*flags, PUNCTUATION]))
    first_block, first_page = index.where[start]
    last_block, last_page = index.where[end - 1]
    blocks = source.blocks
    para = blocks[first_block].number
    para_end = blocks[last_block].number
    return Location(
        match=Verdict.ALTERED if diff else Verdict.EXACT,
        page=first_page,
        page_end=last_page if last_page != first_page else None,
        paragraph=para,
        paragraph_end=para_end if para_end is not None and para_end != para else None,
        section=blocks[first_block].section,
        diff=tuple(diff),
        flags=tuple(flags),
        report_text=_report_text(source, index, start, end),
    )


_SENTENCE_ENDS = frozenset({".", "?", "!"})
# A list's bullet, which a report's blocks do not hold as words (ingest.Block.listed). A
# quotation may open with one (a bank passage imported while ingest kept bullets, and the
# drafts quoting it): it is compared as the item's words, the bullet where an item starts.
_LIST_MARK = "•"


def _opens_list_item(source: SourceText, index: _Index, start: int) -> bool:
    """Whether the word at ``start`` is the first of an item of a bulleted list."""
    block = index.where[start][0]
    first = start == 0 or index.where[start - 1][0] != block
    return first and source.blocks[block].listed


def without_closing_mark(wanted: list[str]) -> tuple[list[str], str | None]:
    """A quotation's tokens less a closing full stop, question or exclamation mark, and
    that mark. A sentence quoted up to a point may close with a full stop inside the marks,
    so the mark is no word of the source to find: it only may not contradict how the
    source's sentence ends there (``compare_at``)."""
    if len(wanted) > 1 and wanted[-1] in _SENTENCE_ENDS:
        return wanted[:-1], wanted[-1]
    return wanted, None


def compare_at(
    wanted: Sequence[str], mark: str | None, words: Sequence[str], start: int, end: int
) -> tuple[list[DiffOp], list[str], int]:
    """Compare a quotation (its tokens less its closing ``mark``) with ``words[start:end]``,
    and the mark with how the sentence goes on there: none where it goes on or ends with the
    same mark, a changed mark where it ends otherwise ("wait?" quoted as "wait.").

    Returns:
        The differences, their flags, and the end of the words compared (past the
        sentence's own closing mark where the quotation gives it).
    """
    following = words[end] if end < len(words) else None
    if mark is not None and following == mark:
        wanted, end = [*wanted, mark], end + 1
    diff, flags = compare(wanted, words[start:end])
    if mark is not None and following != mark and following in _SENTENCE_ENDS:
        diff.append(DiffOp("replace", mark, following))
        flags = list(dict.fromkeys([*flags, PUNCTUATION]))
    return diff, flags, end


def _report_text(source: SourceText, index: _Index, start: int, end: int) -> str:
    return " ".join(index.words[start:end])


def _runs(wanted: Sequence[str]) -> list[tuple[list[str], int]]:
    """The quote's plain runs of words, split at declared omissions and insertions, each
    with how many omissions come before it."""
    runs: list[tuple[list[str], int]] = [([], 0)]
    omissions = 0
    for token in wanted:
        if is_marker(token) and not re.match(r"^\[\w\]\w", token):
            omissions += token in ("...", "…")
            runs.append(([], omissions))
        else:
            runs[-1][0].append(_key(token))
    return [(run, before) for run, before in runs if run]


def _segments(wanted: Sequence[str]) -> list[list[str]]:
    """The quote's plain runs of words, split at declared omissions and insertions."""
    return [run for run, _ in _runs(wanted)]


def _find_span(
    source: SourceText, index: _Index, wanted: list[str], cited: CitedPinpoint | None
) -> tuple[int, int] | None:
    """The token span of the report the quotation corresponds to, or None.

    Where every plain run of the quotation is in the report verbatim, in order, the span
    runs from the first to the last of them, each at the nearest place after the one
    before: the cited place if it is one of them, else the tightest. Otherwise the place
    of its longest runs (or the closest fuzzy match, in the whole report and at the cited
    place) that differs least from it, the cited place where it differs nearly as little
    (``_NEARLY``).
    """
    runs = _segments(wanted)
    if not runs:
        return None
    placements = _verbatim_placements(index, runs, wanted)
    if placements:
        return min(placements, key=lambda p: (not _in_place(source, index, p, cited), p[1] - p[0]))
    anchors = _exact_anchors(index, runs) or _fuzzy_anchors(index, runs, [(0, len(index.keys))])
    # The cited place is always compared: a report may say nearly the same words twice, and
    # a misquotation of the place cited is a misquotation, not a wrong pinpoint.
    anchors += _fuzzy_anchors(index, runs, _cited_ranges(source, index, cited))
    spans = [s for s in (_span_at(index, wanted, runs, a) for a in anchors) if s is not None]
    if not spans:
        return None
    changed = {p: changed_words(compare(wanted, index.words[p[0] : p[1]])[0]) for p in spans}
    fewest = min(changed.values())
    return min(
        spans,
        key=lambda p: (
            # At the cited place, nearly as close as the closest elsewhere is close enough.
            changed[p] - (_NEARLY if _in_place(source, index, p, cited) else 0) > fewest,
            not _in_place(source, index, p, cited),
            changed[p],
            p[1] - p[0],
        ),
    )


def _verbatim_placements(
    index: _Index, runs: list[list[str]], wanted: list[str]
) -> list[tuple[int, int]]:
    """Every (start, end) where the runs occur verbatim in order (ignoring case), each at
    the nearest occurrence after the one before, within ``_OMITTED_WORDS`` of it. Of the
    starts reaching one end, the tightest that differs least from the quotation (its
    capitals): a placement holding a tighter one is left out."""
    occurrences = [_occurrences(index, run) for run in runs]
    if not all(occurrences):
        return []
    by_end: dict[int, list[int]] = {}
    for start in occurrences[0]:
        end = start + len(runs[0])
        for run, found in zip(runs[1:], occurrences[1:], strict=True):
            after = bisect_left(found, end)
            if after == len(found) or found[after] - end > _OMITTED_WORDS:
                break
            end = found[after] + len(run)
        else:
            by_end.setdefault(end, []).append(start)

    def tightest(starts: list[int], end: int) -> int:
        if len(starts) == 1:
            return starts[0]
        return min(
            reversed(starts),
            key=lambda start: changed_words(compare(wanted, index.words[start:end])[0]),
        )

    return [(tightest(starts, end), end) for end, starts in by_end.items()]


def _occurrences(index: _Index, run: list[str]) -> list[int]:
    """The token positions where ``run`` occurs verbatim (ignoring case), in order."""
    needle = " ".join(run)
    found = []
    at = index.joined.find(needle)
    while at != -1:
        if (at == 0 or index.joined[at - 1] == " ") and (
            at + len(needle) == len(index.joined) or index.joined[at + len(needle)] == " "
        ):
            found.append(_token_at(index, at))
        at = index.joined.find(needle, at + 1)
    return found


def _in_place(
    source: SourceText, index: _Index, span: tuple[int, int], cited: CitedPinpoint | None
) -> bool:
    """Whether the span is where the citation places it: at a cited paragraph, or, where it
    gives none, on a cited page."""
    if cited is None or span[1] <= span[0]:
        return False
    places = index.where[span[0] : span[1]]
    if cited.paragraphs:
        return any(source.blocks[block].number in cited.paragraphs for block, _ in places)
    return any(page in cited.pages for _, page in places)


def _span_at(
    index: _Index, wanted: list[str], runs: list[list[str]], anchor: tuple[int, int]
) -> tuple[int, int] | None:
    """The span a quotation covers around one anchored run, compared loosely."""
    run_start, run_offset = anchor  # token index where run number ``run_offset`` starts
    # Rough window: from before the anchored run, by the words and omissions before it, to
    # beyond the quote's length plus the omissions after it.
    gaps = sum(1 for t in wanted if t in ("...", "…"))
    gaps_before = _runs(wanted)[run_offset][1]
    before = sum(len(r) for r in runs[:run_offset]) + 5 + _OMITTED_WORDS * gaps_before
    after = len(wanted) + 10 + _OMITTED_WORDS * (gaps - gaps_before)
    lo = max(0, run_start - before)
    hi = min(len(index.keys), run_start + after)
    window = index.keys[lo:hi]
    keys = [_key(t) for t in wanted]
    matcher = SequenceMatcher(None, keys, window, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    # Drop stray one-word matches far from the body of the match ("the", "and").
    body = max(blocks, key=lambda b: b.size)
    reach = len(keys) + _OMITTED_WORDS * gaps
    kept = [b for b in blocks if b.size > 1 or abs(b.b - body.b) <= reach]
    first, last = kept[0], kept[-1]
    start = lo + first.b - min(first.a, 3)
    end = lo + last.b + last.size + min(len(keys) - (last.a + last.size), 3)
    matched = sum(b.size for b in kept)
    plain = sum(1 for t in wanted if not is_marker(t))
    if matched < max(2, plain // 2):
        return None
    return max(0, start), min(len(index.keys), end)


# How many more words (the quotation's and the report's together: one word replaced is two)
# a near-match at the cited place may change than the closest elsewhere and still be taken.
_NEARLY = 2
# Of each of the quotation's two longest runs, the places tried as anchors.
_ANCHORS_PER_RUN = 20


def _exact_anchors(index: _Index, runs: list[list[str]]) -> list[tuple[int, int]]:
    """Where the two longest plain runs of the quote occur verbatim (ignoring case)."""
    order = sorted(range(len(runs)), key=lambda i: -len(runs[i]))
    return [(at, i) for i in order[:2] for at in _occurrences(index, runs[i])[:_ANCHORS_PER_RUN]]


def _fuzzy_anchors(
    index: _Index, runs: list[list[str]], ranges: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Of each token range, where the quote's longest run aligns best, loosely."""
    from rapidfuzz import fuzz

    i = max(range(len(runs)), key=lambda r: len(runs[r]))
    needle = " ".join(runs[i])
    if len(needle) < 8:
        return []
    anchors = []
    for lo, hi in ranges:
        offset, end = index.starts[lo], index.starts[hi - 1] + len(index.keys[hi - 1])
        found = fuzz.partial_ratio_alignment(needle, index.joined[offset:end])
        # The score only decides whether there is a place worth comparing; it passes nothing.
        if found is not None and found.score >= 60:
            anchors.append((_token_at(index, offset + found.dest_start), i))
    return anchors


def _cited_ranges(
    source: SourceText, index: _Index, cited: CitedPinpoint | None
) -> list[tuple[int, int]]:
    """The token ranges of the place a citation gives (``_in_place``), one a paragraph or page."""
    if cited is None or not (cited.paragraphs or cited.pages):
        return []
    ranges: list[tuple[int, int]] = []
    for at, (block, page) in enumerate(index.where):
        if (
            source.blocks[block].number in cited.paragraphs
            if cited.paragraphs
            else page in cited.pages
        ):
            if ranges and ranges[-1][1] == at:
                ranges[-1] = (ranges[-1][0], at + 1)
            else:
                ranges.append((at, at + 1))
    return ranges


def _token_at(index: _Index, offset: int) -> int:
    return max(0, bisect_right(index.starts, offset) - 1)


# --- Comparison ----------------------------------------------------------------------------


def compare(quote: Sequence[str], report: Sequence[str]) -> tuple[list[DiffOp], list[str]]:
    """The undeclared differences between quote tokens and report tokens, and their flags.

    Declared alterations pass: ``...``/``…`` may stand for any run of report words,
    ``[t]he`` for a change of capital, ``[words]`` for an insertion or substitution.
    """
    keys = [_key(t) for t in quote]
    words = [t.casefold() for t in report]
    matcher = SequenceMatcher(None, keys, words, autojunk=False)
    diff: list[DiffOp] = []
    flags: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        q = list(quote[i1:i2])
        r = list(report[j1:j2])
        if tag == "equal":
            for qt, rt in zip(q, r, strict=True):
                if qt == rt or qt.startswith("["):
                    continue
                diff.append(DiffOp("replace", qt, rt))
                flags.append(CAPITAL if qt[1:] == rt[1:] else WORDS)
            continue
        markers = [t for t in q if is_marker(t)]
        plain_q = [t for t in q if not is_marker(t)]
        if markers and not plain_q:
            continue  # a declared omission or insertion covers this difference
        if tag == "delete" or (tag == "replace" and not r):
            op = DiffOp("insert", " ".join(q), "")
        elif tag == "insert":
            op = DiffOp("delete", "", " ".join(r))
        else:
            op = DiffOp("replace", " ".join(q), " ".join(r))
        diff.append(op)
        flags.extend(_flags(plain_q, r, tag))
    return diff, list(dict.fromkeys(flags))


def changed_words(diff: Sequence[DiffOp]) -> int:
    """How many words a diff changes, the quotation's and the report's together."""
    return sum(len(op.quote.split()) + len(op.report.split()) for op in diff)


def _flags(quote: Sequence[str], report: Sequence[str], tag: str) -> list[str]:
    found: list[str] = []
    if any(re.search(r"\d", t) for t in (*quote, *report)):
        q_numbers = [t for t in quote if re.search(r"\d", t)]
        r_numbers = [t for t in report if re.search(r"\d", t)]
        if q_numbers != r_numbers:
            found.append(NUMBER)

    def negations(words: Sequence[str]) -> list[str]:
        return [w.casefold() for w in words if w.casefold() in NEGATIONS or w.endswith("n't")]

    if negations(quote) != negations(report):
        found.append(NEGATION)
    dropped = tag == "insert" or (tag == "replace" and len(report) > len(quote) + 1)
    if dropped and not found:
        found.append(OMISSION)
    if (
        tag == "replace"
        and len(quote) == len(report)
        and all(q.casefold() == r.casefold() for q, r in zip(quote, report, strict=True))
    ):
        found.append(CAPITAL)
    if not found:
        words = any(re.match(r"\w", t) for t in (*quote, *report))
        found.append(WORDS if words else PUNCTUATION)
    return found
