"""Merging the dataset with the bank: one row per inspection, the bank's record winning."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from carecite.errors import LookupFailed
from carecite.history.authorities import bank_resolver
from carecite.history.dataset import COLUMNS, load_inspections
from carecite.history.inspections import (
    NOT_RECORDED,
    History,
    OverallStatus,
    authority_history,
    inspection_record,
    load_history,
    names_for,
)
from carecite.model import Judgement, Source, SourceKind

HEADER = ",".join(COLUMNS)
ROWS = [
    # SIF era, judgements not read by the compiler.
    "1,westshire,2015-10-20,,,,,,,,,https://files.ofsted.gov.uk/v1/file/1",
    # ILACS, before care leavers were judged apart.
    "1,westshire,2019-07-22,standard,2019-06-10,2019-06-21,requires improvement,good,requires improvement,good,,https://files.ofsted.gov.uk/v1/file/2",
    # The April 2026 framework: no overall judgement.
    "1,westshire,2026-07-07,standard,2026-05-11,2026-05-22,not_reported_post_reform,good,inadequate,good,good,https://files.ofsted.gov.uk/v1/file/3",
]


def report(source_id: str, **fields: object) -> Source:
    base = Source(
        id=source_id,
        kind=SourceKind.INSPECTION_REPORT,
        title="Inspection",
        short_name=f"Report {source_id}",
        author="Ofsted",
        authority="Westshire County Council",
        framework="ILACS",
    )
    return replace(base, **fields)  # type: ignore[arg-type]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "inspections.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return path


def history_of(data: Path, *sources: Source) -> History:
    bank = {s.id: s for s in sources}
    return load_history("Westshire", bank, data)


def test_dataset_rows_alone(data: Path) -> None:
    found = history_of(data)
    rows = found.inspections
    assert [i.published for i in rows] == [date(2015, 10, 20), date(2019, 7, 22), date(2026, 7, 7)]
    assert [i.framework for i in rows] == ["SIF", "ILACS", "ILACS"]
    assert [i.overall_status for i in rows] == [
        OverallStatus.NOT_RECORDED,
        OverallStatus.RECORDED,
        OverallStatus.NOT_GIVEN,
    ]
    assert rows[0].overall_text() == NOT_RECORDED
    assert rows[0].judgements == ()
    assert rows[1].overall == "requires improvement to be good"
    assert (
        Judgement("The experiences and progress of children in care and care leavers", "good")
        in rows[1].judgements
    )
    assert rows[2].overall is None
    # Said in a court document's table: what the framework does, not a note to oneself.
    assert rows[2].overall_text() == "none: not given under Ofsted’s framework from April 2026"
    assert not any(i.in_bank for i in rows)


@pytest.mark.parametrize(
    ("fields", "merged"),
    [
        ({"inspection_start": date(2019, 6, 17), "inspection_end": date(2019, 6, 28)}, True),
        ({"published": date(2019, 7, 29)}, True),  # seven days after the dataset's date
        ({"published": date(2019, 7, 30)}, False),  # eight days
        (
            {
                "published": date(2019, 7, 15),
                "inspection_start": date(2019, 5, 1),
                "inspection_end": date(2019, 5, 10),
            },
            True,
        ),
    ],
    ids=["dates-overlap", "published-within-a-week", "published-8-days-apart", "published-only"],
)
def test_same_inspection_when_dates_overlap_or_published_within_a_week(
    data: Path, fields: dict[str, object], merged: bool
) -> None:
    bank_report = report(
        "ws-2019",
        judgements=(Judgement("Overall effectiveness", "requires improvement to be good"),),
        **fields,
    )
    rows = history_of(data, bank_report).inspections
    assert len(rows) == (3 if merged else 4)
    assert sum(i.in_bank for i in rows) == 1


def test_the_bank_wins_and_a_real_disagreement_is_a_warning(data: Path) -> None:
    bank_report = report(
        "ws-2019",
        published=date(2019, 7, 22),
        judgements=(
            Judgement("The impact of leaders on social work practice", "inadequate"),
            Judgement("Overall effectiveness", "requires improvement to be good"),
        ),
    )
    found = history_of(data, bank_report)
    row = found.inspections[1]
    assert row.source == bank_report
    assert row.judgements == bank_report.judgements
    assert row.url == "https://files.ofsted.gov.uk/v1/file/2"  # the bank had none
    assert found.warnings == (
        "ws-2019: the bank has the impact of leaders on social work practice with children and "
        "families 'inadequate', the dataset 'good' (row 3); the bank's record is shown — check "
        "the report",
    )


def test_requires_improvement_spellings_are_the_same_grade(data: Path) -> None:
    bank_report = report(
        "ws-2019",
        published=date(2019, 7, 22),
        judgements=(Judgement("Overall effectiveness", "requires improvement to be good"),),
    )
    assert history_of(data, bank_report).warnings == ()


def test_an_imported_report_fills_a_not_recorded_row(data: Path) -> None:
    bank_report = report(
        "ws-2015",
        framework="SIF",
        published=date(2015, 10, 19),
        judgements=(Judgement("Overall effectiveness", "inadequate"),),
    )
    row = history_of(data, bank_report).inspections[0]
    assert (row.source, row.overall, row.overall_status) == (
        bank_report,
        "inadequate",
        OverallStatus.RECORDED,
    )


def test_partly_dated_bank_sources_show_what_is_known(data: Path) -> None:
    older = [
        report(
            "ws-2011", framework="pre-SIF", kind=SourceKind.MONITORING_LETTER, partial_date="2011"
        ),
        report("ws-2012", framework="pre-SIF", partial_date="2012-07"),
    ]
    rows = history_of(data, *older).inspections
    assert [i.when() for i in rows[:2]] == ["2011", "July 2012"]
    assert [i.source.id for i in rows[:2]] == ["ws-2011", "ws-2012"]


def test_since_keeps_later_inspections(data: Path) -> None:
    found = history_of(data).since(2019)
    assert [i.year for i in found.inspections] == [2019, 2026]


def test_a_former_authority_gets_its_successors_and_no_history() -> None:
    with pytest.raises(LookupFailed) as caught:
        load_history("Northamptonshire", {})
    assert str(caught.value) == (
        "Northamptonshire County Council was replaced on 1 April 2021 by North Northamptonshire "
        "and by West Northamptonshire: no inspection of it is held — ask for its successors: "
        '"North Northamptonshire" or "West Northamptonshire"'
    )


def test_json_record_keys_are_the_same_for_bank_and_dataset_rows(data: Path) -> None:
    bank_report = report("ws-2019", published=date(2019, 7, 22))
    rows = history_of(data, bank_report).inspections
    records = [inspection_record(i) for i in rows]
    assert len({frozenset(r) for r in records}) == 1
    wanted = {
        "id",
        "kind",
        "authority",
        "title",
        "short_name",
        "published",
        "inspected",
        "framework",
        "overall",
        "judgements",
        "url",
        "in_bank",
        "overall_status",
    }
    assert wanted <= set(records[0])
    dataset_row = records[0]
    assert (
        dataset_row["id"],
        dataset_row["kind"],
        dataset_row["title"],
        dataset_row["short_name"],
    ) == (None, SourceKind.INSPECTION_REPORT, None, None)
    assert dataset_row["authority"] == "Westshire"
    assert [r["in_bank"] for r in records] == [False, True, False]
    assert records[1]["id"] == "ws-2019"


def test_names_for_finds_the_banks_spelling() -> None:
    names = ["London Borough of Tower Hamlets", "Norfolk"]
    assert names_for("LB Tower Hamlets", names) == ["London Borough of Tower Hamlets"]
    with pytest.raises(LookupFailed, match="the bank holds no sources about Kent"):
        names_for("Kent County Council", names)


def test_shipped_norfolk_history_merges_two_bank_reports() -> None:
    from carecite.bank.load import load_bank
    from tests.conftest import SHIPPED_BANK

    bank = load_bank(SHIPPED_BANK)
    dataset = load_inspections()
    resolver = bank_resolver(dataset.authorities(), bank.sources)
    found = authority_history(resolver.resolve("Norfolk"), dataset, bank.sources, resolver)
    assert [i.source.id if i.source else i.published.isoformat() for i in found.inspections] == [
        "2013-08-16",
        "ofsted-norfolk-2015",
        "2018-01-19",
        "ofsted-norfolk-2023",
        "2026-05-18",
    ]
    assert found.warnings == ()
