"""carecite's values: frozen, slotted dataclasses with tuple fields and no I/O.

Validation lives in the JSON Schemas (applied by ``carecite.bank.validate``, which knows the
file and line) and, for what a schema cannot state, ``carecite.bank.rules``; these classes only
hold what was read. Change one with ``dataclasses.replace``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class SourceKind(StrEnum):
    """What a source is; decides how it is cited."""

    INSPECTION_REPORT = "inspection-report"
    MONITORING_LETTER = "monitoring-letter"
    STATUTE = "statute"
    JUDGMENT = "judgment"
    COMMENTARY = "commentary"

    @property
    def is_report(self) -> bool:
        """True for what an inspection publishes: an inspection report or a monitoring letter.

        Such a source is part of an authority's inspection history, is exhibited by a
        witness, and must state its pinpoints (page, paragraph, section) for each passage.
        """
        return self in (SourceKind.INSPECTION_REPORT, SourceKind.MONITORING_LETTER)


class Checked(StrEnum):
    """Where a passage's pinpoint was checked.

    ``REPORT``: against the report (or statute) itself. ``SECONDARY``: only as a secondary
    source gives it; such a pinpoint is flagged wherever it is cited.
    """

    REPORT = "report"
    SECONDARY = "secondary"


class Verdict(StrEnum):
    """How quoted words compare with their source; spelt as ``--json`` prints it.

    ``locate``, ``verify`` and ``audit`` all give these: ``EXACT`` (the words are the
    source's, alterations marked the legal way), ``ALTERED`` (an unmarked difference),
    ``NOT_FOUND`` (not in the source: invented or misattributed), ``WRONG_PINPOINT`` (the words
    are right, the page or paragraph is not), ``UNCHECKED`` (only a secondary source stands
    behind them) and ``MISSING_REPORT`` (the report file is not held, so nothing was checked;
    in the audit, the cited report is not held and its bank passages, only a part of it, do
    not confirm the words or the pinpoint: another source's passage holding the words does
    not make the citation wrong).
    """

    EXACT = "exact"
    ALTERED = "altered"
    NOT_FOUND = "not_found"
    WRONG_PINPOINT = "wrong_pinpoint"
    UNCHECKED = "unchecked"
    MISSING_REPORT = "missing_report"

    @property
    def said(self) -> str:
        """The verdict in words, as a report for people prints it (``not found``)."""
        return self.value.replace("_", " ")

    @property
    def failed(self) -> bool:
        """Whether the words need the lawyer's attention before they are relied on: altered,
        not found, at the wrong pinpoint, or not checked at all because the report is
        missing. ``UNCHECKED`` is a warning (a secondary source stands behind them), not a
        failure. ``verify`` and the audit both fail on these."""
        return self in (
            Verdict.ALTERED,
            Verdict.NOT_FOUND,
            Verdict.WRONG_PINPOINT,
            Verdict.MISSING_REPORT,
        )


class PickledByFields:
    """A slotted dataclass pickled as the arguments of its constructor, its fields in order.

    Unpickled by the constructor: dataclasses' own ``__setstate__`` looks the fields up
    again for every object, a third of the instructions a bank's snapshot took to load.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[type[PickledByFields], tuple[object, ...]]:
        fields: tuple[str, ...] = self.__slots__  # a slotted dataclass's: its fields in order
        return (type(self), tuple(getattr(self, name) for name in fields))


# Each inspection framework's grading scale, best first.
FRAMEWORK_SCALES: dict[str, tuple[str, ...]] = {
    "pre-SIF": ("outstanding", "good", "adequate", "inadequate"),
    "SIF": ("outstanding", "good", "requires improvement to be good", "inadequate"),
    "ILACS": ("outstanding", "good", "requires improvement to be good", "inadequate"),
}


@dataclass(frozen=True, slots=True)
class Judgement(PickledByFields):
    """One graded area of an inspection, e.g. ``("overall effectiveness", "inadequate")``."""

    area: str
    grade: str


@dataclass(frozen=True, slots=True)
class Source(PickledByFields):
    """A document passages are quoted from: a report, letter, statute, judgment or commentary.

    ``short_name`` is used for later citations ("Ofsted 2017 report"); ``report_file`` is
    the PDF's file name in a reports folder (``None`` where the report is not held).
    Dates are ``None`` where the source does not state them; ``partial_date`` then holds
    what is known of the inspection's (else the publication's) date: ``"2011"`` or
    ``"2012-07"``, never a day. A judgment's ``title`` is its case name, ``published`` the
    date of judgment, ``citation`` its neutral citation (``[2013] EWCA Civ 1146``),
    ``law_report`` a law report citation and ``court`` the court; ``None`` where not
    verified (the source's note says why).
    """

    id: str
    kind: SourceKind
    title: str
    short_name: str
    author: str
    publisher: str | None = None
    authority: str | None = None
    inspection_start: date | None = None
    inspection_end: date | None = None
    published: date | None = None
    partial_date: str | None = None
    framework: str | None = None
    judgements: tuple[Judgement, ...] = ()
    headline: str | None = None
    url: str | None = None
    licence: str | None = None
    attribution: str | None = None
    report_file: str | None = None
    note: str | None = None
    citation: str | None = None
    law_report: str | None = None
    court: str | None = None
    path: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def overall(self) -> str | None:
        """The overall judgement's grade, or ``None`` where the source has none."""
        for judgement in self.judgements:
            if judgement.area.lower().startswith("overall"):
                return judgement.grade
        return None


@dataclass(frozen=True, slots=True)
class Passage(PickledByFields):
    """A verbatim extract of a source with its pinpoint.

    ``page`` is the number printed on the report page; ``paragraph`` the report's own
    paragraph number, ``None`` for unnumbered text (an executive summary), in which case
    ``section`` names where it sits. ``page_end``/``paragraph_end`` close a range when the
    passage runs over a page break or several paragraphs. ``provision`` is a statute's
    pinpoint ("s 14"). ``checked_via`` names the secondary source when ``checked`` is
    ``SECONDARY``. ``role`` says what the passage is in its report (``finding``,
    ``recommendation``, ``judgement``, ``summary`` or ``context``; ``None`` for a statute or
    where unrecorded); ``themes_reviewed`` is false where ``carecite import`` suggested the
    themes and no person has reviewed them.
    """

    id: str
    source: str
    text: str
    page: int | None = None
    page_end: int | None = None
    paragraph: int | None = None
    paragraph_end: int | None = None
    section: str | None = None
    role: str | None = None
    provision: str | None = None
    themes: tuple[str, ...] = ()
    themes_reviewed: bool = True
    checked: Checked = Checked.REPORT
    checked_via: str | None = None
    note: str | None = None
    path: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)

    @property
    def is_checked(self) -> bool:
        """True when the pinpoint was checked against the source itself."""
        return self.checked is Checked.REPORT


@dataclass(frozen=True, slots=True)
class Theme(PickledByFields):
    """A subject a lawyer searches by, with the other words people use for it."""

    id: str
    label: str
    description: str
    synonyms: tuple[str, ...] = ()
