"""The one JSON serialiser and the records it prints."""

from __future__ import annotations

import json
from datetime import date

import pytest

from carecite.bank.records import json_text, passage_record, source_record
from carecite.model import Checked, Judgement, Passage, Source, SourceKind

SOURCE = Source(
    id="ex-2017",
    kind=SourceKind.MONITORING_LETTER,
    title="Monitoring visit to Example’s children’s services",
    short_name="Ofsted 2017 letter",
    author="Ofsted",
    inspection_start=date(2017, 2, 6),
    published=date(2017, 4, 7),
    judgements=(Judgement("overall effectiveness", "inadequate"),),
)


def test_dates_enums_and_text_are_written_one_way() -> None:
    text = json_text({"day": date(2017, 4, 7), "kind": SourceKind.STATUTE, "name": "Zoë"})
    assert text == '{\n  "day": "2017-04-07",\n  "kind": "statute",\n  "name": "Zoë"\n}'


def test_something_json_cannot_hold_is_refused() -> None:
    with pytest.raises(TypeError, match="set is not JSON data"):
        json_text({"ids": {"a"}})


def test_source_record_as_printed() -> None:
    data = json.loads(json_text(source_record(SOURCE)))
    assert data["kind"] == "monitoring-letter"
    assert data["inspected"] == {"from": "2017-02-06", "to": None}
    assert data["published"] == "2017-04-07"
    assert data["overall"] == "inadequate"
    assert data["judgements"] == [{"area": "overall effectiveness", "grade": "inadequate"}]


def test_passage_record_as_printed() -> None:
    passage = Passage(
        id="ex-p16", source="ex-2017", text="Oversight was weak.", page=5, paragraph=16
    )
    data = json.loads(json_text(passage_record(passage, {SOURCE.id: SOURCE})))
    assert data["checked"] == Checked.REPORT.value == "report"
    assert data["citation"].endswith("(7 April 2017) para 16")
    assert data["warnings"] == []
