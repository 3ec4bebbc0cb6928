"""Search relevance on the shipped bank: what a lawyer types, and the passage that must come up.

Each row is (query, filters, expected passage id, rank it must reach). Rank 1 means first;
3 means in the top three. Queries are plain, misspelt, by synonym, and filtered.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from carecite.search.query import search_passages
from tests.conftest import SHIPPED_BANK


@pytest.fixture(scope="module", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Any:
    patch = pytest.MonkeyPatch()
    patch.setenv("CARECITE_CACHE", str(tmp_path_factory.mktemp("cache")))
    yield
    patch.undo()


ROWS: list[tuple[str | None, dict[str, Any], str, int]] = [
    # Plain words, as remembered from the report.
    ("widespread and serious failures", {}, "th17-exec-widespread-failures", 1),
    ("weak managerial oversight at all levels", {}, "th17-hp-summary-weak-managerial-oversight", 1),
    ("LSCB inadequate", {}, "th17-lscb-inadequate", 3),
    ("lost contact with care leavers", {}, "nf15-exec-care-leavers-lost-contact", 3),
    ("only 4.2% initial health assessments", {}, "th17-p44-initial-health-assessments", 1),
    (
        "agency decision-maker not reading adoption panel papers",
        {},
        "th17-p62-agency-decision-maker",
        3,
    ),
    ("entrenched culture of non-compliance", {}, "th17-exec-entrenched-culture", 3),
    ("unregistered children's homes", {}, "th25-p31-unregistered-homes", 1),
    ("emergency duty team out of hours service", {}, "nf23-hp-edt-out-of-hours", 3),
    ("chief executive and politicians did not know", {}, "th17-exec-insufficient-scrutiny", 1),
    ("accommodated under section 20 for too long", {}, "nf15-lac-section-20-too-long", 3),
    ("performance data remains unreliable", {}, "nf15-exec-performance-data-unreliable", 1),
    ("improvement board limited impact", {}, "th17-exec-improvement-board", 3),
    ("homeless 16 and 17 year olds", {}, "nf23-lead-homeless-assurance", 1),
    ("now good substantially improved since 2017", {}, "th19-summary-now-good", 1),
    ("continuous improvement economy efficiency", {}, "lga1999-s3-continuous-improvement", 1),
    ("purposes of safeguarding and promoting welfare", {}, "ca2004-s14-safeguarding-purposes", 1),
    # Misspelt.
    ("managment oversite", {}, "th19-p11-management-oversight", 3),
    (
        "lack of understandng of privat fostering arangement",
        {},
        "th17-hp-summary-private-fostering",
        3,
    ),
    ("retun home intervews streamlined", {}, "th19-p15-return-home-interviews", 1),
    ("independant reviewing oficers caseloads too high", {}, "nf15-lac-summary-iro-caseloads", 3),
    ("adoption disrupsions", {}, "nf15-adoption-disruptions", 1),
    ("staf turnover instabilty workforce", {}, "th17-exec-workforce-instability", 3),
    ("widesprad and serius failures", {}, "th17-exec-widespread-failures", 1),
    # Synonyms and abbreviations.
    ("timely PLO processes", {}, "th17-rec11-plo", 3),
    ("IRO challenge to plans", {}, "th17-rec05-iro-cp-chairs-challenge", 3),
    ("CSE strategy and action plan", {}, "th17-p111-cse-strategy", 3),
    ("MASH management oversight", {}, "nf15-rec-mash-management-oversight", 1),
    ("MARAC domestic abuse", {}, "th17-p32-domestic-abuse-marac", 3),
    # An authority named in the query.
    ("tower hamlets private fostering", {}, "th17-hp-summary-private-fostering", 3),
    ("norfolk care leavers lost touch", {}, "nf15-lmg-summary-care-leavers-left-vulnerable", 3),
    # Filtered.
    (
        "caseloads",
        {"authority": "Norfolk", "since": date(2020, 1, 1)},
        "nf23-lead-caseloads-fast",
        3,
    ),
    ("management oversight", {"judgement": "good"}, "th19-p11-management-oversight", 3),
    ("drift", {"theme": "adoption"}, "th17-p63-reversed-decisions-drift", 1),
    (
        "private fostering",
        {"source": "ofsted-tower-hamlets-2025"},
        "th25-p19-private-fostering-allegations",
        1,
    ),
    (
        "supervision",
        {"authority": "LB Tower Hamlets", "framework": "ILACS"},
        "th25-p14-case-supervision",
        3,
    ),
    ("care leavers", {"until": date(2016, 12, 31)}, "nf15-rec-keep-in-touch-care-leavers", 3),
    (
        None,
        {"theme": "private-fostering", "source": "ofsted-norfolk-2015"},
        "nf15-hp-private-fostering",
        1,
    ),
]


def _ids(row: tuple[str | None, dict[str, Any], str, int]) -> str:
    query, filters, _, rank = row
    label = query or "(no query)"
    if filters:
        label += " [" + ", ".join(f"{k}={v}" for k, v in filters.items()) + "]"
    return f"{label} top{rank}"


@pytest.mark.parametrize("row", ROWS, ids=[_ids(r) for r in ROWS])
def test_expected_passage_ranks_high(row: tuple[str | None, dict[str, Any], str, int]) -> None:
    query, filters, expected, rank = row
    hits = search_passages(Path(SHIPPED_BANK), query, limit=10, **filters)
    found = [hit.passage.id for hit in hits]
    assert expected in found[:rank], f"{expected} not in top {rank}: {found[:5]}"


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 25
