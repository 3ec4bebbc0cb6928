"""The values' own rules: which sources are reports, which verdicts fail."""

from __future__ import annotations

import pytest

from carecite.model import SourceKind, Verdict

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


# Every verdict, decided: a verdict added to Verdict fails here until it is placed. Verify
# and the audit both fail on these, so an all-clear never stands on words not checked.
FAILS = {
    Verdict.EXACT: False,
    Verdict.ALTERED: True,
    Verdict.NOT_FOUND: True,
    Verdict.WRONG_PINPOINT: True,
    Verdict.UNCHECKED: False,  # a warning: a secondary source stands behind the words
    Verdict.MISSING_REPORT: True,  # nothing was checked
}


@pytest.mark.parametrize("verdict", list(Verdict), ids=str)
def test_which_verdicts_fail(verdict: Verdict) -> None:
    assert verdict.failed is FAILS[verdict]
