"""The citation state of one document: full, then short with ``(n N)``, then ibid."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from carecite.cite.citation import (
    Style,
    by_source,
    format_citation,
    format_ibid,
    rests_on_secondary,
)
from carecite.model import Passage, Source, SourceKind

if TYPE_CHECKING:
    from carecite.cite.bundle import BundlePlace

__all__ = ["Note", "NoteCitations", "NotePart"]


@dataclass(frozen=True, slots=True)
class NotePart:
    """One source's share of a note: the passages of it cited, and their citation."""

    source: str
    passages: tuple[Passage, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Note:
    """A citation as a document gives it: its note number (``None`` inline) and its parts.

    The parts are in the order their sources were first named; joined with ``"; "`` they
    make the note.
    """

    number: int | None
    parts: tuple[NotePart, ...]


class NoteCitations:
    """The citations of one document, in order: full, then short with ``(n N)``, then ibid.

    OSCOLA cites a source in full the first time, with its short name in brackets; later
    by the short name and the note of the full citation (``Ofsted 2017 report (n 1) para
    17``); and as ``ibid`` when the note before cites that source alone: ``ibid para 17``
    for a new pinpoint, a bare ``ibid`` for the same one. A judgment the same way, by its
    paragraphs (``Re B-S (n 3) [44]``, ``ibid [45]``), its short name defined in brackets
    only where the case name does not begin with it. Statutes and the practitioner style's
    reports are cited the same way every time. Inline (citations in brackets in the text)
    there are no notes: no ``ibid`` and no ``(n N)``, and a later citation takes the
    practitioner form (``Ofsted 2017 report at [16]``, ``Re B-S at [44]``), since a bare
    page after the short name ("report 2") would read as part of the name; so does a
    judgment cited again in the practitioner style. A citation of words read in a secondary
    source is never ``ibid``, nor followed by one: after "Ofsted 2012 report (n 1) para
    16, as quoted in Commentary" an ``ibid`` could be read as the commentary, so the short
    form, with its "as quoted in", is given again.

    Call ``cite`` for each citation and ``other_note`` for each note that cites nothing, in
    the order the document gives them.
    """

    def __init__(
        self,
        sources: Mapping[str, Source],
        *,
        inline: bool = False,
        bundle: Mapping[str, BundlePlace] | None = None,
    ) -> None:
        """Start a document that cites from ``sources`` (the bank's sources by id); a
        source in ``bundle`` is cited with its bundle pages (``para 23 [F14]``)."""
        self._sources = sources
        self._inline = inline
        self._bundle = dict(bundle or {})
        self._notes = 0
        # Each source cited so far, with the note that cited it in full (None inline).
        self._first_note: dict[str, int | None] = {}
        # The sources of the note before, when it cited any; only these can be ibid.
        self._previous: tuple[str, ...] = ()
        # The note before's pinpoint as ibid would give it, when it cited one source.
        self._previous_pin: str | None = None

    @property
    def sources_cited(self) -> tuple[str, ...]:
        """The ids of the sources cited so far, in the order first cited."""
        return tuple(self._first_note)

    def cite(
        self, passages: Sequence[Passage], *, style: Style = "oscola", pages: bool = False
    ) -> Note:
        """The next citation: one note (or one bracketed citation, inline) of ``passages``.

        Args:
            passages: what the note cites; passages of one source merge into one part.
            style: ``"oscola"`` or ``"practitioner"`` (the same form every time).
            pages: give the page beside each paragraph number (``para 16 (p 5)``).

        Returns:
            The note's number and its text, one part per source.
        """
        number = self._next_note()
        groups = by_source(passages)
        parts = []
        for source_id, group in groups.items():
            text = self._text(source_id, group, style, pages, alone=len(groups) == 1)
            self._first_note.setdefault(source_id, number)
            parts.append(NotePart(source_id, tuple(group), text))
        if rests_on_secondary(passages):
            self._previous, self._previous_pin = (), None
            return Note(number, tuple(parts))
        self._previous = tuple(groups)
        self._previous_pin = (
            self._ibid(*next(iter(groups.items())), pages) if len(groups) == 1 else None
        )
        return Note(number, tuple(parts))

    def other_note(self) -> int | None:
        """Count a note that cites nothing; the citation after it cannot be ``ibid``.

        Returns:
            The note's number, or ``None`` inline.
        """
        self._previous = ()
        self._previous_pin = None
        return self._next_note()

    def _ibid(self, source_id: str, group: Sequence[Passage], pages: bool) -> str:
        judgment = self._sources[source_id].kind is SourceKind.JUDGMENT
        return format_ibid(group, pages=pages, place=self._bundle.get(source_id), judgment=judgment)

    def _next_note(self) -> int | None:
        if self._inline:
            return None
        self._notes += 1
        return self._notes

    def _text(
        self, source_id: str, group: Sequence[Passage], style: Style, pages: bool, *, alone: bool
    ) -> str:
        source = self._sources[source_id]
        bundle = self._bundle
        judgment = source.kind is SourceKind.JUDGMENT
        if source.kind is SourceKind.STATUTE or (style == "practitioner" and not judgment):
            return format_citation(
                group, self._sources, style=style, pages=pages, bundle=bundle
            ).text
        if (
            style == "oscola"
            and not self._inline
            and alone
            and self._previous == (source_id,)
            and not rests_on_secondary(group)
        ):
            ibid = self._ibid(source_id, group, pages)
            return "ibid" if ibid == self._previous_pin else ibid
        if source_id not in self._first_note:
            return format_citation(
                group, self._sources, pages=pages, bundle=bundle, first=True, in_text=self._inline
            ).text
        if judgment and (self._inline or style == "practitioner"):
            return format_citation(group, self._sources, short=True).text
        if self._inline:
            return format_citation(
                group, self._sources, style="practitioner", pages=pages, bundle=bundle
            ).text
        note = self._first_note[source_id]
        return format_citation(
            group, self._sources, short=True, note=note, pages=pages, bundle=bundle
        ).text
