"""Dates and ordinals print in English whatever the system locale."""

from __future__ import annotations

import locale
import time
from collections.abc import Iterator
from datetime import date

import pytest

from carecite.cite.citation import format_citation
from carecite.english import MONTHS, long_date, month_year, ordinal
from carecite.model import Passage, Source, SourceKind

_GERMAN = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_C_STRFTIME = time.strftime


def _german_strftime(fmt: str, when: time.struct_time | tuple[int, ...] | None = None) -> str:
    """``time.strftime`` as a German locale has it, for month names (%B and %b)."""
    text = _C_STRFTIME(fmt) if when is None else _C_STRFTIME(fmt, when)
    for english, german in zip(MONTHS, _GERMAN, strict=True):
        text = text.replace(english, german).replace(english[:3], german[:3])
    return text


@pytest.fixture
def german_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Month names in German: a real de_DE locale if the system has one, else a stand-in.

    ``date.strftime`` and ``format(date, "%B")`` go through ``time.strftime``, so replacing
    it gives what a German locale would. Either way the fixture checks it took effect.
    """
    saved = locale.setlocale(locale.LC_TIME)
    for name in ("de_DE.UTF-8", "de_DE.utf8", "de_DE"):
        try:
            locale.setlocale(locale.LC_TIME, name)
            break
        except locale.Error:
            continue
    else:
        monkeypatch.setattr(time, "strftime", _german_strftime)
    assert f"{date(2017, 3, 7):%B}" == "März", "the German locale did not take effect"
    yield
    locale.setlocale(locale.LC_TIME, saved)


@pytest.mark.parametrize(
    ("day", "long", "short"),
    [
        (date(2017, 3, 7), "7 March 2017", "Mar 2017"),
        (date(2017, 4, 7), "7 April 2017", "Apr 2017"),
        (date(2019, 9, 30), "30 September 2019", "Sep 2019"),
        (date(2016, 12, 1), "1 December 2016", "Dec 2016"),
    ],
    ids=["march", "april", "september", "december"],
)
def test_dates_are_english_under_a_german_locale(
    german_locale: None, day: date, long: str, short: str
) -> None:
    assert long_date(day) == long
    assert month_year(day) == short


def test_a_citation_prints_an_english_month_under_a_german_locale(german_locale: None) -> None:
    report = Source(
        id="r17",
        kind=SourceKind.INSPECTION_REPORT,
        title="London Borough of Example: Inspection of services for children",
        short_name="Ofsted 2017 report",
        author="Ofsted",
        publisher="Ofsted",
        published=date(2017, 3, 7),
    )
    cited = format_citation([Passage(id="p16", source="r17", text="…", page=5)], {"r17": report})
    assert "7 March 2017" in cited.text


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (10, "10th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (24, "24th"),
        (101, "101st"),
        (111, "111th"),
        (112, "112th"),
        (113, "113th"),
        (121, "121st"),
    ],
)
def test_ordinals_in_figures(number: int, expected: str) -> None:
    assert ordinal(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "First"), (3, "Third"), (12, "Twelfth"), (13, "13th"), (21, "21st"), (22, "22nd")],
)
def test_ordinals_in_words_up_to_twelve(number: int, expected: str) -> None:
    assert ordinal(number, words=True) == expected
