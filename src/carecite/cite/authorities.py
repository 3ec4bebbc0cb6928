"""Authorities: statutes and judgments cited, never quoted (OSCOLA 4th edn).

carecite holds no enacted text and no judgment, so an authority is a citation only; the
proposition it supports is the lawyer's (a highlighted placeholder in a draft). A judgment
is cited with its case name in italics, its neutral citation, a law report citation where
one is recorded, and paragraph pinpoints in square brackets: *Re B-S (Children)* [2013]
EWCA Civ 1146 [44]. A statute by its short title and provision: Children Act 1989, s 31(2).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from carecite.cite.citation import bracketed_runs
from carecite.model import Source

__all__ = [
    "Authority",
    "AuthorityKind",
    "authorities_from",
    "authority_of_judgment",
    "judgment_pinpoint",
]

AuthorityKind = Literal["statute", "judgment"]


@dataclass(frozen=True, slots=True)
class Authority:
    """A statute provision or a judgment, as a skeleton cites it and lists it.

    ``name`` is the case name (a judgment) or the Act's short title (a statute);
    ``citation`` the neutral citation (``[2013] EWCA Civ 1146``) or the provision
    (``s 31(2)``); ``report`` a law report citation where one is recorded; ``court`` the
    court that gave judgment; ``about`` what the authority is usually cited for, to help
    choose it (never printed as its proposition). ``topic`` groups the authorities one
    subject's law has had over time, ``years`` the hearings each applies to.
    """

    id: str
    kind: AuthorityKind
    name: str
    citation: str
    report: str | None = None
    court: str | None = None
    decided: str | None = None
    about: str | None = None
    topic: str | None = None
    years: tuple[int | None, int | None] = (None, None)

    def applies_in(self, year: int) -> bool:
        """Whether the authority is the law for a hearing in ``year`` (``years`` bound it,
        both ends included; ``None``: open)."""
        first, last = self.years
        return (first is None or year >= first) and (last is None or year <= last)

    def cite(self, at: str | int | None = None) -> tuple[str, str]:
        """The citation as ``(italic part, roman part)``: the case name goes in italics.

        Args:
            at: a pinpoint: a judgment's paragraph (``44`` → ``[44]``, ``"44-46"`` →
                ``[44]–[46]``) or a statute's subsection, in place of the one held
                (``"(2)(a)"`` → ``s 31(2)(a)``).
        """
        if self.kind == "statute":
            section = re.match(r"s \d+[A-Z]*", self.citation)
            provision = (
                self.citation if at is None or section is None else section.group() + str(at)
            )
            return "", f"{self.name}, {provision}"
        roman = self.citation + (f", {self.report}" if self.report else "")
        if at is not None:
            roman += " " + judgment_pinpoint(at)
        return self.name, roman


def judgment_pinpoint(at: str | int) -> str:
    """``44`` → ``[44]``; ``"44-46"`` or ``"44–46"`` → ``[44]–[46]``; ``"44, 50"`` →
    ``[44], [50]``: a pinpoint as a template gives it, judgment paragraphs in square
    brackets (OSCOLA), its comma-separated runs in the order typed."""
    return bracketed_runs(re.split(r"\s*,\s*", str(at).strip()))


def authority_of_judgment(source: Source) -> Authority:
    """A judgment the bank holds (a ``judgment`` source), as an authority to cite: its case
    name, neutral citation, law report citation, court and date of judgment."""
    return Authority(
        id=source.id,
        kind="judgment",
        name=source.title,
        citation=source.citation or "",
        report=source.law_report,
        court=source.court,
        decided=source.published.isoformat() if source.published else None,
    )


def authorities_from(data: Mapping[str, Any]) -> dict[str, Authority]:
    """The authorities of a parsed ``authorities.yaml`` (``{authorities: {id: {...}}}``)."""
    found = {}
    for key, entry in data["authorities"].items():
        first, last = entry.get("years") or (None, None)
        found[key] = Authority(
            id=key,
            kind=entry["kind"],
            name=entry["name"],
            citation=entry["citation"],
            report=entry.get("report"),
            court=entry.get("court"),
            decided=entry.get("decided"),
            about=entry.get("about"),
            topic=entry.get("topic"),
            years=(first, last),
        )
    return found
