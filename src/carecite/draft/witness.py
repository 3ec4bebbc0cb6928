"""The maker of a witness statement and what it exhibits: a witness statement's part of a case.

A module of its own, imported only for a case file that names a witness: the other drafts
do not define these two dataclasses at every start (about 8M instructions).
"""

from __future__ import annotations

from dataclasses import dataclass

from carecite.english import ordinal


@dataclass(frozen=True, slots=True)
class Exhibit:
    """A document a witness exhibits: a bank source, marked with initials and a number."""

    mark: str
    source: str


@dataclass(frozen=True, slots=True)
class Witness:
    """The maker of a witness statement (FPR PD 22A): the top-right markings come from here.

    ``first_exhibit`` is the number the first exhibit of this statement carries: exhibit
    numbers run on across a witness's statements. ``extracts`` caps the short extracts
    from an exhibit (the President's memorandum: a statement does not take the court
    through a document). ``exhibits`` are bank source ids; when
    none are given, the reports the chosen passages come from are exhibited.
    """

    name: str
    position: str
    employer: str
    work_address: str
    statement_number: int
    exhibit_initials: str
    first_exhibit: int = 1
    exhibits: tuple[str, ...] = ()
    extracts: int = 3

    @property
    def initials_and_surname(self) -> str:
        """``A. Brown`` for ``Alexandra Brown``."""
        words = self.name.split()
        initials = "".join(f"{w[0]}." for w in words[:-1])
        return f"{initials} {words[-1]}" if initials else words[-1]

    @property
    def statement_ordinal(self) -> str:
        """``1st``, ``2nd``, ``3rd``, ``4th`` …"""
        return ordinal(self.statement_number)

    @property
    def statement_name(self) -> str:
        """``first witness statement of Alex Brown``, as an exhibit sheet refers to it."""
        number = ordinal(self.statement_number, words=True).lower()
        return f"{number} witness statement of {self.name}"

    @property
    def statement_title(self) -> str:
        """``FIRST WITNESS STATEMENT OF ALEX BROWN``, the statement's title."""
        return self.statement_name.upper()
