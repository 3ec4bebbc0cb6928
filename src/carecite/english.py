"""Dates and ordinals in English, whatever the system locale.

A court document is in English on a German or French laptop too, so month names never come
from ``strftime`` (``%B`` prints "März" under a German locale). Every date or ordinal that
carecite prints comes from here: citations and templates (``long_date``), the ``history``
table (``month_year``), parties and witness statements (``ordinal``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ORDINAL_WORDS = (
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
)


def long_date(day: date) -> str:
    """``7 April 2017``: the form of dates in citations and court documents."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: date) -> str:
    """``Apr 2017``: a month abbreviated to three letters (``Sep`` for September)."""
    return f"{MONTHS[day.month - 1][:3]} {day.year}"


def ordinal(number: int, *, words: bool = False) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` … ``11th``, ``12th``, ``13th`` … ``21st``, ``111th``.

    Args:
        number: a whole number from 1.
        words: spell out "First" to "Twelfth", as a heading's parties are named ("Third
            Respondent"); larger numbers are written in figures all the same ("13th").

    Returns:
        The ordinal.
    """
    if words and 1 <= number <= len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[number - 1]
    teens = 11 <= number % 100 <= 13
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
