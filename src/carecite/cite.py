"""Cite passages: OSCOLA (full, short, ibid) and the practitioner style of skeleton arguments.

OSCOLA 4th edn applied to inspection reports (``../shared/reference/legal-forms.md`` §3):
the body as author, the title in roman inside single quotation marks, publisher and date
in brackets, then the pinpoint — ``para 16``, ``paras 23–25``, or a bare page for
unnumbered text. Statutes are ``Children Act 2004, s 14``. Several passages of one source
merge into one citation with sorted, range-compressed pinpoints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeGuard

from carecite.model import Passage, Source, SourceKind

Style = Literal["oscola", "practitioner"]
STYLES: tuple[Style, ...] = ("oscola", "practitioner")


def is_style(name: str) -> TypeGuard[Style]:
    """True when ``name`` is one of the citation ``STYLES``."""
    return name in STYLES


EN_DASH = "\u2013"


@dataclass(frozen=True, slots=True)
class Citation:
    """A formatted citation and what the reader must be warned of.

    ``unchecked`` lists the passages whose pinpoint comes only from a secondary source;
    ``warnings`` says so in words, one per passage, for a terminal or a Word comment.
    """

    text: str
    unchecked: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def format_citation(
    passages: Sequence[Passage],
    sources: Mapping[str, Source],
    *,
    style: Style = "oscola",
    short: bool = False,
    note: int | None = None,
    pages: bool = False,
) -> Citation:
    """Cite one or more passages, merging those of the same source.

    Args:
        passages: what to cite, in the order the sources should appear.
        sources: the bank's sources by id.
        style: ``"oscola"`` (default) or ``"practitioner"`` (``Ofsted 2017 report at [16]``).
        short: the OSCOLA short form for a later citation (``Ofsted 2017 report para 16``).
        note: with ``short``, the footnote holding the full citation (``(n 3)``).
        pages: give the page beside each paragraph number (``para 16 (p 5)``).

    Returns:
        The citation; sources are separated by semicolons.
    """
    parts = []
    for source_id, group in _by_source(passages).items():
        source = sources[source_id]
        if source.kind is SourceKind.STATUTE:
            parts.append(_cite_statute(source, group))
        elif style == "practitioner":
            parts.append(_cite_practitioner(source, group, pages=pages))
        else:
            parts.append(_cite_oscola(source, group, sources, short=short, note=note, pages=pages))
    unchecked = tuple(p.id for p in passages if not p.is_checked)
    warnings = tuple(unchecked_warning(p, sources) for p in passages if not p.is_checked)
    return Citation("; ".join(parts), unchecked, warnings)


def format_ibid(passages: Sequence[Passage], *, pages: bool = False) -> str:
    """``ibid`` with a new pinpoint, for a note citing the same source as the one before."""
    pin = _oscola_pinpoint(passages, pages=pages)
    return f"ibid {pin}" if pin else "ibid"


def unchecked_warning(passage: Passage, sources: Mapping[str, Source]) -> str:
    """Why this passage's pinpoint must be checked before it is relied on."""
    via = sources.get(passage.checked_via or "")
    given_by = via.short_name if via else (passage.checked_via or "a secondary source")
    return (
        f"pinpoint of {passage.id} taken from {given_by}, "
        "not checked against the report — check it before relying on it"
    )


def compress_ranges(numbers: Iterable[int], *, dash: str = EN_DASH) -> list[str]:
    """``[16, 17, 18, 20]`` → ``["16–18", "20"]``: sorted, de-duplicated runs."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return [f"{run[0]}{dash}{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]


def long_date(day: date) -> str:
    """``7 April 2017``."""
    return f"{day.day} {day:%B} {day.year}"


def _by_source(passages: Iterable[Passage]) -> dict[str, list[Passage]]:
    groups: dict[str, list[Passage]] = {}
    for passage in passages:
        groups.setdefault(passage.source, []).append(passage)
    return groups


def _paragraphs(passage: Passage) -> range:
    assert passage.paragraph is not None
    return range(passage.paragraph, (passage.paragraph_end or passage.paragraph) + 1)


def _pages(passage: Passage) -> range:
    if passage.page is None:
        return range(0)
    return range(passage.page, (passage.page_end or passage.page) + 1)


def _numbered(passages: Iterable[Passage]) -> list[Passage]:
    return [p for p in passages if p.paragraph is not None]


def _unnumbered_pages(passages: Iterable[Passage]) -> list[int]:
    return [page for p in passages if p.paragraph is None for page in _pages(p)]


def _oscola_pinpoint(passages: Sequence[Passage], *, pages: bool) -> str:
    """Bare pages for unnumbered text, then ``para``/``paras`` for numbered paragraphs."""
    pieces = []
    page_runs = compress_ranges(_unnumbered_pages(passages))
    if page_runs:
        pieces.append(", ".join(page_runs))
    numbered = _numbered(passages)
    paragraphs = [n for p in numbered for n in _paragraphs(p)]
    if paragraphs:
        runs = compress_ranges(paragraphs)
        label = "para" if len(paragraphs) == 1 else "paras"
        text = f"{label} {', '.join(runs)}"
        if pages:
            on = compress_ranges(n for p in numbered for n in _pages(p))
            if on:
                text += f" ({_page_label(on)} {', '.join(on)})"
        pieces.append(text)
    return ", ".join(pieces)


def _page_label(runs: Sequence[str]) -> str:
    return "pp" if len(runs) > 1 or EN_DASH in runs[0] else "p"


def _cite_oscola(
    source: Source,
    passages: Sequence[Passage],
    sources: Mapping[str, Source],
    *,
    short: bool,
    note: int | None,
    pages: bool,
) -> str:
    pin = _oscola_pinpoint(passages, pages=pages)
    if short:
        head = source.short_name + (f" (n {note})" if note is not None else "")
    else:
        when = long_date(source.published) if source.published else None
        imprint = ", ".join(x for x in (source.publisher, when) if x)
        head = f"{source.author}, '{source.title}'" + (f" ({imprint})" if imprint else "")
    text = f"{head} {pin}" if pin else head
    vias = dict.fromkeys(p.checked_via for p in passages if not p.is_checked and p.checked_via)
    if vias and not short:
        names = " and ".join(sources[v].short_name if v in sources else v for v in vias)
        text += f", as quoted in {names}"
    return text


def _cite_practitioner(source: Source, passages: Sequence[Passage], *, pages: bool) -> str:
    pieces = []
    page_runs = compress_ranges(_unnumbered_pages(passages))
    if page_runs:
        pieces.append(f"{_page_label(page_runs)} {', '.join(page_runs)}")
    numbered = _numbered(passages)
    if numbered:
        runs = compress_ranges(n for p in numbered for n in _paragraphs(p))
        pinpoint = "at " + ", ".join(f"[{r.replace(EN_DASH, f']{EN_DASH}[')}]" for r in runs)
        if pages:
            on = compress_ranges(n for p in numbered for n in _pages(p))
            if on:
                pinpoint = f"{_page_label(on)} {', '.join(on)} {pinpoint}"
        pieces.append(pinpoint)
    if not pieces:
        return source.short_name
    joined = pieces[0] if len(pieces) == 1 else f"{pieces[0]} and {pieces[1]}"
    separator = " " if joined.startswith("at ") else ", "
    return f"{source.short_name}{separator}{joined}"


def _cite_statute(source: Source, passages: Sequence[Passage]) -> str:
    provisions = sorted(
        dict.fromkeys(p.provision for p in passages if p.provision), key=_natural_order
    )
    sections = [p.removeprefix("s ") for p in provisions]
    if len(provisions) > 1 and all(p.startswith("s ") for p in provisions):
        return f"{source.title}, ss {', '.join(sections)}"
    return f"{source.title}, {', '.join(provisions)}" if provisions else source.title


def _natural_order(provision: str) -> list[tuple[int, str]]:
    """Sort ``s 3`` before ``s 15`` and ``s 3(1)`` before ``s 3(2)``."""
    return [(int(p), "") if p.isdigit() else (0, p) for p in re.split(r"(\d+)", provision)]
