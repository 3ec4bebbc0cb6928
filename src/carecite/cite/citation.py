"""Cite passages: OSCOLA (full, short, ibid) and the practitioner style of skeleton arguments.

OSCOLA 4th edn applied to inspection reports (the legal-forms reference, §3):
the body as author, the title in roman inside single quotation marks, publisher and date
in brackets, then the pinpoint — ``para 16``, ``paras 23–25``, or a bare page for
unnumbered text. Statutes are ``Children Act 2004, s 14``; a judgment is its case name, its
neutral citation, any law report citation, and its paragraphs in square brackets (``Re B-S
(Children) [2013] EWCA Civ 1146 [44]``; the case name goes in italics where the document
can set them). Several passages of one source merge into one citation with sorted,
range-compressed pinpoints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, TypeGuard

from carecite.english import long_date
from carecite.model import Passage, Source, SourceKind

if TYPE_CHECKING:
    from carecite.cite.bundle import BundlePlace

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
    bundle: Mapping[str, BundlePlace] | None = None,
    first: bool = False,
    in_text: bool = False,
) -> Citation:
    """Cite one or more passages, merging those of the same source.

    Args:
        passages: what to cite, in the order the sources should appear.
        sources: the bank's sources by id.
        style: ``"oscola"`` (default) or ``"practitioner"`` (``Ofsted 2017 report at [16]``).
        short: the OSCOLA short form for a later citation (``Ofsted 2017 report para 16``).
        note: with ``short``, the footnote holding the full citation (``(n 3)``).
        pages: give the page beside each paragraph number (``para 16 (p 5)``).
        bundle: where sources sit in the court bundle, by source id: each pinpoint of such
            a source then carries its bundle page (``para 23 [F14]``), in either style.
        first: the sources' first citation in a document: each (but an Act) defines the
            short name later ones use, in brackets (``… para 16 (Ofsted 2017 report)``); a
            judgment only where its case name does not begin with it.
        in_text: the citation is in brackets in the running text, where a second pair inside
            them would close together (``…))``): the short name is defined ``, hereafter …``.

    Returns:
        The citation; sources are separated by semicolons. A report's passages read in a
        secondary source end ``, as quoted in`` its short name, in every style and form.
    """
    parts = []
    for source_id, group in by_source(passages).items():
        source = sources[source_id]
        place = (bundle or {}).get(source_id)
        if source.kind is SourceKind.STATUTE:
            text = _cite_statute(source, group)
        elif source.kind is SourceKind.JUDGMENT:
            text = _cite_judgment(source, group, short=short, note=note)
        elif place is not None:
            text = _cite_bundled(source, group, place, style=style, short=short, note=note)
        elif style == "practitioner":
            text = _cite_practitioner(source, group, pages=pages)
        else:
            text = _cite_oscola(source, group, short=short, note=note, pages=pages)
        if first and source.kind is not SourceKind.STATUTE and _defines_short_name(source):
            text += f", hereafter {source.short_name}" if in_text else f" ({source.short_name})"
        # Every form says where a secondhand quotation was read, not only the full one, and
        # an Act's or a judgment's words read in a commentary are no less secondhand. It
        # comes after the short name defined, which is the source's, not the commentary's.
        parts.append(text + _as_quoted_in(group, sources))
    unchecked = tuple(p.id for p in passages if not p.is_checked)
    warnings = tuple(unchecked_warning(p, sources) for p in passages if not p.is_checked)
    return Citation("; ".join(parts), unchecked, warnings)


def format_ibid(
    passages: Sequence[Passage],
    *,
    pages: bool = False,
    place: BundlePlace | None = None,
    judgment: bool = False,
) -> str:
    """``ibid`` with a new pinpoint, for a note citing the same source as the one before;
    ``place``: where the source sits in the bundle (``ibid para 23 [F14]``); ``judgment``:
    the source is a judgment, pinpointed by its paragraphs in brackets (``ibid [45]``)."""
    if judgment:
        pin = bracketed_paragraphs(n for p in passages for n in paragraphs_of(p))
    elif place is not None:
        pin = _bundled_pinpoint(passages, place, practitioner=False)
    else:
        pin = _oscola_pinpoint(passages, pages=pages)
    return f"ibid {pin}" if pin else "ibid"


class Pinned(Protocol):
    """Anything with a place in a report: a ``Passage``, or where ``locate`` found words.

    ``page`` and ``paragraph`` are the numbers printed in the report (``None``: not shown
    there); ``page_end`` and ``paragraph_end`` close a range (``None``: a single number).
    """

    @property
    def page(self) -> int | None: ...

    @property
    def page_end(self) -> int | None: ...

    @property
    def paragraph(self) -> int | None: ...

    @property
    def paragraph_end(self) -> int | None: ...


def format_pinpoint(pin: Pinned, *, words: bool = False, judgment: bool = False) -> str:
    """Where one passage, or one match in a report, sits: ``page 5, para 16``.

    Each number closes a range where the pin has one (``pages 5–6, paras 16–17``). Citations
    use ``format_citation``, which merges several passages; this is for messages and prose.

    Args:
        pin: a passage, or a ``Location`` from ``carecite.reports.locate``.
        words: as a witness statement puts it in a sentence: the paragraph alone, spelt out
            (``paragraph 16``, ``paragraphs 16–18``), or the page where the text is
            unnumbered (``page 2``).
        judgment: the pin is in a judgment, whose paragraphs go in square brackets
            (``[44]``, ``[44]–[46]``), never ``para 44``, which is a report's.

    Returns:
        The pinpoint; empty where the pin has neither a page nor a paragraph.
    """
    if judgment and pin.paragraph is not None:
        return bracketed_paragraphs(paragraphs_of(pin))
    pages = _labelled("page", pages_of(pin))
    paragraphs = _labelled("paragraph" if words else "para", paragraphs_of(pin))
    if words:
        return paragraphs or pages
    return ", ".join(x for x in (pages, paragraphs) if x)


def unchecked_warning(passage: Passage, sources: Mapping[str, Source]) -> str:
    """Why this passage's pinpoint must be checked before it is relied on."""
    return (
        f"pinpoint of {passage.id} taken from {read_in_name(passage, sources)}, not checked "
        f"against {original_name(passage, sources)} — check it before relying on it"
    )


def read_in_name(passage: Passage, sources: Mapping[str, Source]) -> str:
    """The short name of the secondary source a passage's words were read in."""
    via = sources.get(passage.checked_via or "")
    return via.short_name if via else (passage.checked_via or "a secondary source")


# What a pinpoint read in a secondary source must be checked against, by the kind of source
# it is a pinpoint of.
_ORIGINALS = {
    SourceKind.STATUTE: "the Act",
    SourceKind.JUDGMENT: "the judgment",
    SourceKind.MONITORING_LETTER: "the letter",
}


def original_name(passage: Passage, sources: Mapping[str, Source]) -> str:
    """What a passage's words must be checked against: ``the report``, ``the Act``…"""
    source = sources.get(passage.source)
    return _ORIGINALS.get(source.kind, "the report") if source else "the report"


def bracketed_paragraphs(numbers: Iterable[int]) -> str:
    """``[44]``, ``[44]–[46], [50]``: paragraph numbers, sorted and range-compressed, in
    square brackets, as a judgment's are pinpointed (and a report's in the practitioner
    style without bundle pages)."""
    return bracketed_runs(compress_ranges(numbers))


_RUN_DASH = re.compile(r"\s*[-–]\s*")


def bracketed_runs(runs: Iterable[str]) -> str:
    """``["44", "46–48"]`` → ``[44], [46]–[48]``: runs of paragraphs in square brackets.

    The one place the bracketed form is written (OSCOLA, a judgment's paragraphs): each end
    of a run, split at a hyphen or an en dash, in its own brackets; the ends joined by an en
    dash, the runs by commas, in the order given (``bracketed_paragraphs`` sorts numbers
    first; a pinpoint typed in a template keeps the writer's order).
    """
    return ", ".join(EN_DASH.join(f"[{end}]" for end in _RUN_DASH.split(run)) for run in runs)


def compress_ranges(numbers: Iterable[int], *, dash: str = EN_DASH) -> list[str]:
    """``[16, 17, 18, 20]`` → ``["16–18", "20"]``: sorted, de-duplicated runs."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return [f"{run[0]}{dash}{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]


def by_source(passages: Iterable[Passage]) -> dict[str, list[Passage]]:
    """The passages grouped by source id, in the order each source first appears."""
    groups: dict[str, list[Passage]] = {}
    for passage in passages:
        groups.setdefault(passage.source, []).append(passage)
    return groups


def _span(first: int | None, last: int | None) -> range:
    """``first`` to ``last``; ``first`` alone when ``last`` is ``None``; empty for no ``first``."""
    return range(0) if first is None else range(first, (last or first) + 1)


def paragraphs_of(pin: Pinned) -> range:
    """The paragraph numbers a pin covers (empty in unnumbered text)."""
    return _span(pin.paragraph, pin.paragraph_end)


def pages_of(pin: Pinned) -> range:
    """The page numbers a pin covers (empty where it has no page)."""
    return _span(pin.page, pin.page_end)


def _labelled(label: str, numbers: Iterable[int]) -> str:
    """``para 16``, ``paras 16–18, 20``: plural for more than one number; empty for none."""
    unique = set(numbers)
    if not unique:
        return ""
    return f"{label}{'s' if len(unique) > 1 else ''} {', '.join(compress_ranges(unique))}"


def _numbered(passages: Iterable[Passage]) -> list[Passage]:
    return [p for p in passages if p.paragraph is not None]


def _unnumberedpages_of(passages: Iterable[Passage]) -> list[int]:
    return [page for p in passages if p.paragraph is None for page in pages_of(p)]


def _oscola_pinpoint(passages: Sequence[Passage], *, pages: bool) -> str:
    """Bare pages for unnumbered text, then ``para``/``paras`` for numbered paragraphs."""
    pieces = []
    page_runs = compress_ranges(_unnumberedpages_of(passages))
    if page_runs:
        pieces.append(", ".join(page_runs))
    numbered = _numbered(passages)
    text = _labelled("para", (n for p in numbered for n in paragraphs_of(p)))
    on = compress_ranges(n for p in numbered for n in pages_of(p)) if pages else []
    if text and on:
        text += f" ({_page_label(on)} {', '.join(on)})"
    if text:
        pieces.append(text)
    return ", ".join(pieces)


def _page_label(runs: Sequence[str]) -> str:
    return "pp" if len(runs) > 1 or EN_DASH in runs[0] else "p"


def _cite_oscola(
    source: Source,
    passages: Sequence[Passage],
    *,
    short: bool,
    note: int | None,
    pages: bool,
) -> str:
    pin = _oscola_pinpoint(passages, pages=pages)
    if short:
        head = source.short_name + (f" (n {note})" if note is not None else "")
    else:
        head = _oscola_head(source)
    return f"{head} {pin}" if pin else head


def _oscola_head(source: Source) -> str:
    """``Ofsted, ‘Title’ (Ofsted, 7 April 2017)``: a source's full OSCOLA citation, its
    title in the curly marks a draft's quotations have (``_typographic``)."""
    when = long_date(source.published) if source.published else None
    imprint = ", ".join(x for x in (source.publisher, when) if x)
    title = _typographic(source.title)
    return f"{source.author}, ‘{title}’" + (f" ({imprint})" if imprint else "")


# A straight mark opens where it starts the text or follows a space, an opening bracket, a
# dash or an opening mark; anywhere else it closes, or is an apostrophe ("children's").
_OPENING_MARK = re.compile(r"""(?:^|(?<=[\s(\[{‘“—–]))['"]""")
_OPENING_CURLY = {"'": "‘", '"': "“"}


def _typographic(text: str) -> str:
    """``text`` with its straight quotation marks and apostrophes curly (``‘ ’ “ ”``), each
    turned by where it stands; single stays single and double double, so the audit, which
    reads marks of either shape alike, still finds a title as the bank holds it."""
    opened = _OPENING_MARK.sub(lambda mark: _OPENING_CURLY[mark.group()], text)
    return opened.replace("'", "’").replace('"', "”")


def rests_on_secondary(passages: Iterable[Passage]) -> bool:
    """Whether any passage's words and pinpoint were read in a secondary source."""
    return bool(_read_in(passages))


def _read_in(passages: Iterable[Passage]) -> list[str]:
    """The secondary sources the passages' words and pinpoints were read in, each once."""
    return list(
        dict.fromkeys(p.checked_via for p in passages if not p.is_checked and p.checked_via)
    )


def _as_quoted_in(passages: Sequence[Passage], sources: Mapping[str, Source]) -> str:
    """``, as quoted in Commentary`` where a pinpoint rests on a secondary source: OSCOLA
    cites the source the words were read in, in the full form and every later one."""
    vias = _read_in(passages)
    if not vias:
        return ""
    return ", as quoted in " + " and ".join(
        sources[v].short_name if v in sources else v for v in vias
    )


def _bundled_pinpoint(
    passages: Sequence[Passage], place: BundlePlace, *, practitioner: bool
) -> str:
    """Each passage's pinpoint with its bundle page: ``5 [F5], para 16 [F7]``.

    Pages (unnumbered text) first, then paragraphs, each once; a paragraph is ``para 16`` in
    either style, since ``[16]`` beside ``[F7]`` would read as a bundle page. The practitioner
    style gives an unnumbered page as ``p 5``.
    """
    pieces: dict[str, None] = {}
    ordered = sorted(passages, key=lambda p: (p.paragraph is not None, p.paragraph or p.page or 0))
    for passage in ordered:
        paragraphs = paragraphs_of(passage)
        page_runs = compress_ranges(pages_of(passage))
        if paragraphs:
            pin = _labelled("para", paragraphs)
        elif page_runs:
            pin = f"{_page_label(page_runs)} {page_runs[0]}" if practitioner else page_runs[0]
        else:
            continue
        reference = place.reference(pages_of(passage))
        pieces[f"{pin} {reference}" if reference else pin] = None
    return ", ".join(pieces)


def _cite_bundled(
    source: Source,
    passages: Sequence[Passage],
    place: BundlePlace,
    *,
    style: Style,
    short: bool,
    note: int | None,
) -> str:
    """A citation of a source in the bundle: the style's head, the bundled pinpoint."""
    practitioner = style == "practitioner"
    pin = _bundled_pinpoint(passages, place, practitioner=practitioner)
    if practitioner or short:
        head = source.short_name + (f" (n {note})" if short and note is not None else "")
    else:
        head = _oscola_head(source)
    if not pin:
        return head
    # The practitioner's page follows the name after a comma, as it does out of the bundle.
    return f"{head}{', ' if pin.startswith('p') and not pin.startswith('para') else ' '}{pin}"


def _cite_practitioner(source: Source, passages: Sequence[Passage], *, pages: bool) -> str:
    pieces = []
    page_runs = compress_ranges(_unnumberedpages_of(passages))
    if page_runs:
        pieces.append(f"{_page_label(page_runs)} {', '.join(page_runs)}")
    numbered = _numbered(passages)
    if numbered:
        pinpoint = "at " + bracketed_paragraphs(n for p in numbered for n in paragraphs_of(p))
        if pages:
            on = compress_ranges(n for p in numbered for n in pages_of(p))
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


def _cite_judgment(
    source: Source, passages: Sequence[Passage], *, short: bool, note: int | None
) -> str:
    """``Re B-S (Children) [2013] EWCA Civ 1146 [44], [46]``: paragraphs in brackets.

    The short form of a later citation is the short name, the note of the full citation and
    the paragraphs (``Re B-S (n 3) [44]``); with no note to refer to (citations in the text,
    or the practitioner style) the short name and ``at`` (``Re B-S at [44]``).
    """
    pins = bracketed_paragraphs(p for q in passages for p in paragraphs_of(q))
    if short:
        if note is not None:
            return f"{source.short_name} (n {note})" + (f" {pins}" if pins else "")
        return f"{source.short_name} at {pins}" if pins else source.short_name
    reference = ", ".join(p for p in (source.citation, source.law_report) if p)
    return " ".join(part for part in (source.title, reference, pins) if part)


def _defines_short_name(source: Source) -> bool:
    """Whether a source's first citation must define its short name in brackets: a
    judgment only where the case name does not begin with it (``Re B-S (Children)`` →
    ``Re B-S`` is plain; OSCOLA defines a short form that is not obvious)."""
    if source.kind is not SourceKind.JUDGMENT:
        return True
    return not re.match(rf"{re.escape(source.short_name)}(?![\w-])", source.title)


def _natural_order(provision: str) -> list[tuple[int, str]]:
    """Sort ``s 3`` before ``s 15`` and ``s 3(1)`` before ``s 3(2)``."""
    return [(int(p), "") if p.isdigit() else (0, p) for p in re.split(r"(\d+)", provision)]
