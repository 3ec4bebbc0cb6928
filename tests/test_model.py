"""The values' own rules: which sources are reports."""

from __future__ import annotations

import pytest

from carecite.model import SourceKind

# Every kind, decided: a kind added to SourceKind fails here until it is placed.
IS_REPORT = {
    SourceKind.INSPECTION_REPORT: True,
    SourceKind.MONITORING_LETTER: True,
    SourceKind.STATUTE: False,
    SourceKind.JUDGMENT: False,
    SourceKind.COMMENTARY: False,
}


@pytest.mark.parametrize("kind", list(SourceKind), ids=str)
def test_which_sources_are_reports(kind: SourceKind) -> None:
    assert kind.is_report is IS_REPORT[kind]
