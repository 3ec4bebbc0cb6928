"""An authority's inspection history: its reports in date order with their judgements."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from carecite.errors import LookupFailed
from carecite.model import Source
from carecite.suggest import did_you_mean


def match_authority(name: str, sources: Mapping[str, Source]) -> str:
    """The bank's authority that ``name`` means: "tower hamlets" → "London Borough of …".

    Raises:
        LookupFailed: no authority contains ``name``; the hint lists close ones.
    """
    known = list(dict.fromkeys(s.authority for s in sources.values() if s.authority))
    wanted = " ".join(name.split()).casefold()
    matches = [a for a in known if wanted and wanted in a.casefold()]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise LookupFailed(
            f"'{name}' matches several authorities: " + ", ".join(matches),
            hint="give more of the name",
        )
    raise LookupFailed(
        f"no authority called '{name}' in the bank",
        hint=did_you_mean(name, known) or "run 'carecite sources' to see the authorities",
    )


def inspection_history(sources: Mapping[str, Source], authority: str) -> tuple[Source, ...]:
    """The authority's inspections and assessments, oldest first.

    Args:
        sources: the bank's sources by id.
        authority: all or part of the authority's name, any case ("Tower Hamlets").

    Returns:
        Its inspection reports and monitoring letters, by inspection (else publication) date.
    """
    full_name = match_authority(authority, sources)
    chosen = [s for s in sources.values() if s.authority == full_name and s.kind.is_report]
    return tuple(sorted(chosen, key=_when))


def _when(source: Source) -> tuple[date, str]:
    # Undated sources (known only from commentary) sort by id, which carries the year.
    return (source.inspection_start or source.published or date.min, source.id)
