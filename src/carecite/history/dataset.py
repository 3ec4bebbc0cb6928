"""The inspections dataset: every English authority's full inspections, read from a CSV.

carecite ships ``inspections/ofsted-inspections.csv`` (its provenance, licence and as-of date
are in the README beside it); a user can point at a newer file in the same format with
``--data`` or ``$CARECITE_INSPECTIONS``. ``load_inspections`` reads one, checking every row,
and reports every bad row at once as ``FILE:LINE``. The file is small: reading it takes a
few milliseconds (``bench/bench_history.py``). Every draft needs the authorities' names
alone, to read its case's authority: ``carecite.history.names`` keeps them in the user cache
under the file's bytes, so a draft does not read a thousand rows, or import this module, to
find them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from carecite.errors import InspectionsError, Problem
from carecite.history.names import (
    INSPECTIONS_ENV,
    inspections_file,
    read_inspections_file,
    shipped_inspections_file,
)

#: The judgement columns, in the order Ofsted's reports give them.
JUDGEMENT_COLUMNS = (
    "overall_effectiveness",
    "impact_of_leaders",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
)
COLUMNS = (
    "urn",
    "authority",
    "published",
    "framework_variant",
    "inspected_from",
    "inspected_to",
    *JUDGEMENT_COLUMNS,
    "url",
)
#: The overall column's word for "no overall judgement under the April 2026 framework".
NOT_GIVEN = "not_reported_post_reform"
VARIANTS = ("standard", "short", "inspection duration longer than standard framework")
GRADES = (
    "outstanding",
    "good",
    "requires improvement",
    "requires improvement to be good",
    "inadequate",
)
# Text the compiler wrote where it misread a judgement (see the shipped README): the shipped
# file has it, so it loads, and the judgement counts as not recorded.
_MISREAD = ("to requires improvement",)


@dataclass(frozen=True, slots=True)
class DatasetRow:
    """One published inspection report as the dataset records it.

    ``authority`` is the dataset's own (lower-case) name for the authority; ``variant`` is
    ``None`` where the compiler could not read it (most SIF reports). ``grades`` pairs each
    judgement column with its grade as written (``"requires improvement"``), ``None`` where
    the dataset leaves it blank or misread it; the overall column may hold ``NOT_GIVEN``.
    """

    urn: str
    authority: str
    published: date
    variant: str | None
    inspected_from: date | None
    inspected_to: date | None
    grades: tuple[tuple[str, str | None], ...]
    url: str | None
    line: int

    def grade(self, column: str) -> str | None:
        """The grade in one judgement column, ``None`` where not recorded."""
        return dict(self.grades)[column]


@dataclass(frozen=True, slots=True)
class Inspections:
    """A loaded dataset: its rows in file order, where it came from, and whether it shipped."""

    path: Path
    rows: tuple[DatasetRow, ...]
    shipped: bool

    def authorities(self) -> tuple[str, ...]:
        """The dataset's authority names, each once, in file order."""
        return tuple(dict.fromkeys(row.authority for row in self.rows))

    def about(self) -> str:
        """What this dataset is: the shipped README, or the file's own figures for a user's."""
        first = min((r.published for r in self.rows), default=None)
        last = max((r.published for r in self.rows), default=None)
        span = f", published {first} to {last}" if first and last else ""
        summary = (
            f"{self.path}: {len(self.rows)} inspections of "
            f"{len(self.authorities())} authorities{span}."
        )
        if self.shipped:
            readme = (self.path.parent / "README.md").read_text(encoding="utf-8")
            return f"{readme.rstrip()}\n\n{summary}"
        return (
            f"{summary}\nA file you supplied (--data or ${INSPECTIONS_ENV}): carecite records "
            "no provenance for it. The shipped dataset's is shown by `carecite history --about` "
            "without --data."
        )


def load_inspections(path: str | Path | None = None) -> Inspections:
    """Read an inspections CSV, checking every row.

    Args:
        path: the file; ``None`` for ``$CARECITE_INSPECTIONS`` or the shipped dataset.

    Returns:
        The rows, in file order.

    Raises:
        InspectionsError: every bad row as ``FILE:LINE``, with what is wrong.
        FileError: the file cannot be read.
    """
    file = inspections_file(path)
    return parse_inspections(file, read_inspections_file(file))


def parse_inspections(file: Path, content: bytes) -> Inspections:
    """The dataset in ``content``, the bytes of ``file``, every row checked.

    Raises:
        InspectionsError: every bad row as ``FILE:LINE``, with what is wrong.
    """
    import csv  # only here: the history command reads the rows, not every import of this

    try:
        reader = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
        header = next(reader, [])
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise InspectionsError(
                f"the header lacks {', '.join(missing)}",
                path=file,
                line=1,
                hint=f"an inspections file has the columns {','.join(COLUMNS)}",
            )
        rows: list[DatasetRow] = []
        problems: list[Problem] = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            try:
                rows.append(_row(dict(zip(header, values, strict=False)), reader.line_num))
            except _BadRow as bad:
                problems.append(Problem(bad.message, str(file), reader.line_num, bad.hint))
    except (UnicodeDecodeError, csv.Error) as error:
        raise InspectionsError(
            f"not a UTF-8 CSV file ({error})", path=file, hint="save it as CSV, UTF-8"
        ) from None
    if problems:
        raise InspectionsError.from_problems(problems)
    return Inspections(file, tuple(rows), shipped=file == shipped_inspections_file())


class _BadRow(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _row(values: dict[str, str], line: int) -> DatasetRow:
    cell = {k: (values.get(k) or "").strip() for k in COLUMNS}
    if not cell["authority"]:
        raise _BadRow("the authority is blank", "give the authority's name")
    published = _day(cell, "published")
    if published is None:
        raise _BadRow("the publication date is blank", "give it as YYYY-MM-DD")
    start, end = _day(cell, "inspected_from"), _day(cell, "inspected_to")
    if (start is None) != (end is None) or (start and end and start > end):
        raise _BadRow(
            f"the inspection dates {cell['inspected_from'] or '(blank)'} to "
            f"{cell['inspected_to'] or '(blank)'} are not a period",
            "give both, the first no later than the last, or leave both blank",
        )
    variant = cell["framework_variant"].casefold() or None
    if variant is not None and variant not in VARIANTS:
        raise _BadRow(
            f"framework_variant '{cell['framework_variant']}' is not known",
            f"use one of {', '.join(VARIANTS)}, or leave it blank",
        )
    url = cell["url"] or None
    if url is not None and not url.startswith(("https://", "http://")):
        raise _BadRow(f"url '{url}' is not a web address", "give the report's address")
    grades = tuple((column, _grade(cell, column)) for column in JUDGEMENT_COLUMNS)
    return DatasetRow(
        cell["urn"], cell["authority"].casefold(), published, variant, start, end, grades, url, line
    )


def _day(cell: dict[str, str], column: str) -> date | None:
    text = cell[column]
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _BadRow(f"{column} '{text}' is not a date", "write it as YYYY-MM-DD") from None


def _grade(cell: dict[str, str], column: str) -> str | None:
    text = " ".join(cell[column].casefold().split())
    if not text or text in _MISREAD:
        return None
    if text in GRADES or (column == "overall_effectiveness" and text == NOT_GIVEN):
        return text
    allowed = ", ".join(GRADES) + (f", {NOT_GIVEN}" if column == "overall_effectiveness" else "")
    raise _BadRow(f"{column} '{cell[column]}' is not a grade", f"use one of: {allowed}; or blank")
