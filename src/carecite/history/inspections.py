"""An authority's inspection history: the shipped dataset merged with the bank's reports.

``authority_history`` is the verb. The dataset gives every full inspection Ofsted's site
links; the bank gives the reports a lawyer has read in, with every judgement, and the older
reports and letters known only through commentary. One row per inspection: a bank report and
a dataset row are the same inspection when their inspection dates overlap or their
publication dates are within a week. The bank's record wins; a different grade (not merely
"requires improvement" against "requires improvement to be good") is a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from carecite.bank.records import source_record
from carecite.english import MONTHS, long_date
from carecite.errors import LookupFailed, Step, StepText
from carecite.history.authorities import (
    Authority,
    AuthorityResolver,
    bank_resolver,
    load_resolver,
)
from carecite.history.dataset import NOT_GIVEN, DatasetRow, Inspections, load_inspections
from carecite.history.names import authority_names
from carecite.model import Judgement, Source, SourceKind

#: What a blank judgement of the dataset is shown as: never a grade.
NOT_RECORDED = "not recorded — import the report to read them"
#: Two reports of one inspection are published at most this far apart (the dataset's dates
#: can differ by a day from the report's own).
SAME_PUBLICATION = timedelta(days=7)
# The SIF's first reports were published in 2014 (inspections from November 2013); earlier
# reports are under the frameworks the bank calls "pre-SIF". ILACS replaced the SIF in 2018,
# but the last SIF re-inspections were published in 2018, and the dataset leaves the variant
# blank only where it could not read the report (the SIF layout).
_SIF_FIRST_PUBLISHED = date(2013, 11, 1)
_SIF_LAST_PUBLISHED = date(2018, 12, 31)
# Care leavers were judged on their own in inspections from January 2023.
_CARE_LEAVERS_FROM = date(2023, 1, 1)

_AREA_NAMES = {
    "overall_effectiveness": "Overall effectiveness",
    "impact_of_leaders": "The impact of leaders on social work practice with children and families",
    "help_and_protection": "The experiences and progress of children who need help and protection",
    "children_in_care": "The experiences and progress of children in care",
    "care_leavers": "The experiences and progress of care leavers",
}


#: Short names of the five areas, for tables and the plot's legend.
AREA_LABELS = {
    "overall": "Overall effectiveness",
    "leaders": "Impact of leaders",
    "help_and_protection": "Help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
}


def short_area(area: str) -> str:
    """An area's short name ("Impact of leaders"); a report's own wording where it has none."""
    key = area_key(area)
    return AREA_LABELS[key] if key else area


class OverallStatus(StrEnum):
    """Whether an inspection's overall judgement is known, spelt as ``--json`` prints it.

    ``RECORDED``: the grade is held. ``NOT_RECORDED``: the report has one but neither the bank
    nor the dataset holds it (most SIF-era rows): import the report. ``NOT_GIVEN``: the
    framework in force from April 2026 gives none.
    """

    RECORDED = "recorded"
    NOT_RECORDED = "not recorded"
    NOT_GIVEN = "not given"


@dataclass(frozen=True, slots=True)
class Inspection:
    """One inspection of an authority: when, under what framework, how it was judged.

    ``source`` is the bank's record where the report is in the bank (and then wins), else
    ``None``. ``judgements`` hold only grades that are known; ``overall_status`` says why an
    overall grade is missing. ``partial_date`` is what is known ("2012-07") where no day is.
    """

    authority: str
    published: date | None
    inspected_from: date | None
    inspected_to: date | None
    framework: str | None
    judgements: tuple[Judgement, ...]
    overall_status: OverallStatus
    url: str | None
    source: Source | None = None
    partial_date: str | None = None

    @property
    def in_bank(self) -> bool:
        """True where the report is one of the bank's sources."""
        return self.source is not None

    @property
    def overall(self) -> str | None:
        """The overall effectiveness grade, ``None`` where it is not recorded or not given."""
        return next((j.grade for j in self.judgements if area_key(j.area) == "overall"), None)

    @property
    def others(self) -> tuple[Judgement, ...]:
        """The judgements but the (first) overall one, in the report's order.

        A pre-SIF report with two overall judgements (safeguarding; looked after children)
        keeps its second here.
        """
        first = next((j for j in self.judgements if area_key(j.area) == "overall"), None)
        return tuple(j for j in self.judgements if j is not first)

    @property
    def headline(self) -> str | None:
        """The bank's one-line finding of an inspection whose report gives no judgements (an
        ILACS report under the April 2026 framework), which a history shows in their place;
        ``None`` for a report with judgements, or none in the bank."""
        return self.source.headline if self.source is not None and not self.judgements else None

    @property
    def day(self) -> date | None:
        """The day the history is ordered by: published, else the inspection's first day."""
        return self.published or self.inspected_from

    @property
    def year(self) -> int | None:
        """The year of the inspection as far as it is known."""
        if self.day is not None:
            return self.day.year
        return int(self.partial_date[:4]) if self.partial_date else None

    @property
    def sort_key(self) -> tuple[str, str]:
        # A partial date sorts as its year or month ("2012-07" before "2012-07-13").
        known = self.day.isoformat() if self.day else self.partial_date or ""
        return (known, self.source.id if self.source else self.url or "")

    def when(self) -> str:
        """The date as far as it is known: "7 April 2017", "July 2012", "2011"."""
        if self.published is not None:
            return long_date(self.published)
        if self.inspected_from is not None:
            return f"inspected {long_date(self.inspected_from)}"
        return partial_date_text(self.partial_date) if self.partial_date else "date not known"

    def overall_text(self) -> str:
        """The overall judgement in words, or why there is none."""
        if self.overall is not None:
            return self.overall
        if self.overall_status is OverallStatus.NOT_GIVEN:
            return "none: not given under Ofsted’s framework from April 2026"
        if self.source is not None and not self.source.report_file and not self.judgements:
            return "no grade held (the report is not held)"
        if self.source is not None and self.source.report_file:
            return "not in the bank's source — add it to its judgements"  # imported already
        return NOT_RECORDED


@dataclass(frozen=True, slots=True)
class History:
    """An authority's inspections oldest first, and the disagreements found merging them."""

    authority: Authority
    inspections: tuple[Inspection, ...]
    warnings: tuple[str, ...] = ()

    def since(self, year: int) -> History:
        """Only the inspections of ``year`` or later (an undated one is kept: it may be)."""
        kept = tuple(i for i in self.inspections if i.year is None or i.year >= year)
        return replace(self, inspections=kept)

    def until(self, day: date) -> History:
        """Only the inspections published (or known) no later than ``day``."""
        kept = tuple(i for i in self.inspections if not _after(i, day))
        return replace(self, inspections=kept)


def inspection_record(inspection: Inspection) -> dict[str, Any]:
    """An inspection as data for ``json_text``: a bank source's keys, whichever it came from.

    A bank row is ``source_record`` of the bank's source; a dataset row has the same keys
    (``id``, ``title``, ``short_name`` null; ``kind`` "inspection-report"). Every row adds
    ``in_bank`` and ``overall_status``, and names its authority as resolved.
    """
    if inspection.source is not None:
        record = source_record(inspection.source)
    else:
        record = source_record(
            Source("", SourceKind.INSPECTION_REPORT, "", "", author="Ofsted", publisher="Ofsted")
        )
        record.update(id=None, title=None, short_name=None)
    record.update(
        authority=inspection.authority,
        inspected={"from": inspection.inspected_from, "to": inspection.inspected_to},
        published=inspection.published,
        partial_date=inspection.partial_date,
        framework=inspection.framework,
        overall=inspection.overall,
        judgements=[{"area": j.area, "grade": j.grade} for j in inspection.judgements],
        url=inspection.url,
        in_bank=inspection.in_bank,
        overall_status=inspection.overall_status,
    )
    return record


def partial_date_text(partial: str) -> str:
    """``"2012-07"`` → ``"July 2012"``; ``"2011"`` → ``"2011"``."""
    year, _, month = partial.partition("-")
    return f"{MONTHS[int(month) - 1]} {year}" if month else year


def area_key(area: str) -> str | None:
    """Which of the five ILACS judgement areas a report's wording is, or ``None``.

    SIF wording maps too ("Leadership, management and governance" → leaders), so a bank
    report can be compared with the dataset and plotted on the same lines.
    """
    text = area.casefold()
    if text.startswith("overall"):
        return "overall"
    if "leaders" in text or "leadership" in text:
        return "leaders"
    if "help and protection" in text:
        return "help_and_protection"
    if "children in care" in text or "looked after" in text:
        return "children_in_care"
    if "care leavers" in text:
        return "care_leavers"
    return None


def canonical_grade(grade: str) -> str:
    """One spelling per grade: "requires improvement" is "requires improvement to be good"."""
    text = " ".join(grade.casefold().split())
    return "requires improvement to be good" if text == "requires improvement" else text


def authority_history(
    authority: Authority,
    dataset: Inspections,
    sources: Mapping[str, Source],
    resolver: AuthorityResolver,
) -> History:
    """The authority's inspections, oldest first, from the dataset and the bank.

    Args:
        authority: as ``AuthorityResolver.resolve`` gave it.
        dataset: the inspections dataset (``load_inspections``).
        sources: the bank's sources by id; its reports about this authority are merged.
        resolver: reads each source's authority, however the bank spells it.

    Returns:
        One row per inspection; warnings name each grade the bank and dataset disagree on.
    """
    bank = [
        s
        for s in sources.values()
        if s.kind.is_report and s.authority and resolver.same(s.authority, authority)
    ]
    rows = [r for r in dataset.rows if r.authority == authority.key]
    merged: list[Inspection] = []
    warnings: list[str] = []
    unmatched = list(rows)
    for source in bank:
        match = _matching_row(source, unmatched)
        if match is not None:
            unmatched.remove(match)
            warnings.extend(_disagreements(source, match))
        merged.append(_from_source(authority.name, source, match))
    merged.extend(_from_row(authority.name, row) for row in unmatched)
    return History(authority, tuple(sorted(merged, key=lambda i: i.sort_key)), tuple(warnings))


def _after(inspection: Inspection, day: date) -> bool:
    if inspection.day is not None:
        return inspection.day > day
    return inspection.year is not None and inspection.year > day.year


def _matching_row(source: Source, rows: Iterable[DatasetRow]) -> DatasetRow | None:
    if source.kind is not SourceKind.INSPECTION_REPORT:
        return None
    for row in rows:
        if _overlap(source.inspection_start, source.inspection_end, row) or (
            source.published is not None
            and abs(source.published - row.published) <= SAME_PUBLICATION
        ):
            return row
    return None


def _overlap(start: date | None, end: date | None, row: DatasetRow) -> bool:
    if None in (start, end, row.inspected_from, row.inspected_to):
        return False
    assert start and end and row.inspected_from and row.inspected_to
    return start <= row.inspected_to and row.inspected_from <= end


def _disagreements(source: Source, row: DatasetRow) -> list[str]:
    ours = {area_key(j.area): j.grade for j in source.judgements}
    found = []
    for area, grade in _row_judgements(row):
        key = area_key(area)
        if key in ours and canonical_grade(ours[key]) != canonical_grade(grade):
            found.append(
                f"{source.id}: the bank has {area.lower()} '{ours[key]}', the dataset "
                f"'{grade}' (row {row.line}); the bank's record is shown — check the report"
            )
    return found


def _from_source(name: str, source: Source, row: DatasetRow | None) -> Inspection:
    judgements = source.judgements
    if any(area_key(j.area) == "overall" for j in judgements):
        status = OverallStatus.RECORDED
    elif row is not None and row.grade("overall_effectiveness") == NOT_GIVEN:
        status = OverallStatus.NOT_GIVEN
    else:
        status = OverallStatus.NOT_RECORDED
    return Inspection(
        authority=name,
        published=source.published,
        inspected_from=source.inspection_start,
        inspected_to=source.inspection_end,
        framework=source.framework,
        judgements=judgements,
        overall_status=status,
        url=source.url or (row.url if row else None),
        source=source,
        partial_date=source.partial_date,
    )


def _from_row(name: str, row: DatasetRow) -> Inspection:
    overall = row.grade("overall_effectiveness")
    status = (
        OverallStatus.NOT_GIVEN
        if overall == NOT_GIVEN
        else OverallStatus.RECORDED
        if overall
        else OverallStatus.NOT_RECORDED
    )
    judgements = tuple(Judgement(area, canonical_grade(g)) for area, g in _row_judgements(row))
    return Inspection(
        authority=name,
        published=row.published,
        inspected_from=row.inspected_from,
        inspected_to=row.inspected_to,
        framework=_framework(row),
        judgements=judgements,
        overall_status=status,
        url=row.url,
    )


def _row_judgements(row: DatasetRow) -> list[tuple[str, str]]:
    """The row's known grades with ILACS wording for each area (overall last, as reported)."""
    found = []
    for column, grade in row.grades:
        if grade is None or grade == NOT_GIVEN:
            continue
        area = _AREA_NAMES[column]
        if (
            column == "children_in_care"
            and row.grade("care_leavers") is None
            and (row.inspected_from or row.published) < _CARE_LEAVERS_FROM
        ):
            area += " and care leavers"
        found.append((area, grade))
    # Reports list the overall judgement after the others (ILACS) — keep that order.
    found.sort(key=lambda pair: area_key(pair[0]) == "overall")
    return found


def _framework(row: DatasetRow) -> str:
    if row.variant is not None:
        return "ILACS"
    if row.published < _SIF_FIRST_PUBLISHED:
        return "pre-SIF"
    return "SIF" if row.published <= _SIF_LAST_PUBLISHED else "ILACS"


@dataclass(frozen=True, slots=True)
class Standing:
    """Where an authority stands: its latest inspection and its last overall judgement.

    ``last_graded`` is the latest inspection with an overall grade; it differs from
    ``latest`` where the latest has none (the April 2026 framework gives none; the dataset
    did not record it).
    """

    authority: Authority
    latest: Inspection
    last_graded: Inspection | None

    def last_overall_is(self, grade: str) -> bool:
        """True when the last overall judgement is ``grade`` (either spelling of "requires …")."""
        last = self.last_graded.overall if self.last_graded else None
        return last is not None and canonical_grade(last) == canonical_grade(grade)

    def latest_area_is(self, grade: str) -> bool:
        """True when the latest inspection has no overall judgement but judged an area ``grade``."""
        return self.latest.overall is None and any(
            canonical_grade(j.grade) == canonical_grade(grade) for j in self.latest.others
        )


def load_history(
    name: str, sources: Mapping[str, Source], data: str | Path | None = None
) -> History:
    """The history of the authority ``name`` means, from the dataset and the bank.

    Args:
        name: any spelling ``AuthorityResolver.resolve`` accepts ("LB Tower Hamlets").
        sources: the bank's sources by id.
        data: an inspections CSV; ``None`` for ``$CARECITE_INSPECTIONS`` or the shipped one.

    Raises:
        LookupFailed: the name means no authority, or several; or a former authority of
            which neither the dataset nor the bank holds an inspection (its successors named).
        InspectionsError: a row of the dataset cannot be read.
    """
    dataset = load_inspections(data)
    resolver = bank_resolver(dataset.authorities(), sources)
    authority = resolver.resolve(name)
    history = authority_history(authority, dataset, sources, resolver)
    if not history.inspections:
        lineage = authority.lineage()
        raise LookupFailed(
            f"{lineage}: no inspection of it is held"
            if lineage
            else f"no inspection of {authority.name} is held",
            hint=_successors_hint(authority) or StepText(Step.IMPORT_OR_DATA),
        )
    return history


def names_for(wanted: str, names: Iterable[str], data: str | Path | None = None) -> list[str]:
    """Which of a bank's authority names mean the authority ``wanted`` names.

    The one way ``list``, ``sources`` and ``search`` read ``--authority``: "LB Tower Hamlets"
    finds the bank's "London Borough of Tower Hamlets".

    Raises:
        LookupFailed: ``wanted`` means no authority, or several (did-you-mean), or one the
            bank holds nothing about (the hint says where its inspections are).
    """
    known = list(dict.fromkeys(names))
    resolver = load_resolver(authority_names(data)).with_names(known)
    authority = resolver.resolve(wanted)
    found = [name for name in known if resolver.same(name, authority)]
    if not found:
        raise LookupFailed(
            f"the bank holds no sources about {authority.name}",
            hint=_successors_hint(authority)
            or StepText(
                Step.HISTORY,
                f'{authority.name}" lists its inspections; ',
                Step.IMPORT,
            ),
        )
    return found


def _successors_hint(authority: Authority) -> str | None:
    if not authority.successors:
        return None
    named = " or ".join(f'"{s}"' for s in authority.successors)
    return f"ask for its successor{'s' if len(authority.successors) > 1 else ''}: {named}"


def standings(dataset: Inspections, sources: Mapping[str, Source]) -> tuple[Standing, ...]:
    """Every authority with an inspection, by name, where it stands (bank records winning)."""
    resolver = bank_resolver(dataset.authorities(), sources)
    by_authority: dict[str, dict[str, Source]] = {}
    for source in sources.values():
        if source.kind.is_report and source.authority:
            key = resolver.resolve(source.authority).key
            by_authority.setdefault(key, {})[source.id] = source
    found = []
    for authority in resolver.authorities:
        history = authority_history(
            authority, dataset, by_authority.get(authority.key, {}), resolver
        )
        if not history.inspections:
            continue
        graded = [i for i in history.inspections if i.overall is not None]
        found.append(Standing(authority, history.inspections[-1], graded[-1] if graded else None))
    return tuple(sorted(found, key=lambda s: s.authority.name.casefold()))
