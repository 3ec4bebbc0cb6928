"""The values' own rules: which sources are reports, which verdicts fail, how they are kept."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from carecite.model import Checked, Judgement, Passage, Source, SourceKind, Theme, Verdict

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


# A bank's snapshot keeps these pickled (by their constructor: model.PickledByFields), the
# fields no comparison reads (path, line) too.
KEPT = (
    Source(
        id="nf15",
        kind=SourceKind.INSPECTION_REPORT,
        title="Norfolk",
        short_name="Ofsted 2015 report",
        author="Ofsted",
        published=date(2015, 9, 1),
        judgements=(Judgement("overall effectiveness", "inadequate"),),
        path="quotes/nf15.yaml",
        line=1,
    ),
    Passage(
        id="nf15-p1",
        source="nf15",
        text="Words.",
        page=3,
        themes=("drift",),
        checked=Checked.SECONDARY,
        checked_via="other",
        path="quotes/nf15.yaml",
        line=20,
    ),
    Theme("drift", "Drift", "Delay in planning.", ("delay",)),
)


@pytest.mark.parametrize("value", KEPT, ids=lambda value: type(value).__name__)
def test_values_are_kept_whole(value: Source | Passage | Theme) -> None:
    kept = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert kept == value
    assert [getattr(kept, name) for name in value.__slots__] == [
        getattr(value, name) for name in value.__slots__
    ]
