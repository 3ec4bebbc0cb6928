"""JSON for ``--json`` output and other tools: one serialiser and the records it prints.

Every ``--json`` output goes through ``json_text``, so a date, an enum or a path reads the
same wherever it appears; ``passage_record`` and ``source_record`` are the shapes of a
passage and a source there.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from carecite.cite.citation import format_citation
from carecite.model import Passage, Source


def json_text(data: Any) -> str:
    """``data`` as the JSON a ``--json`` option prints: indented, non-ASCII text kept as is.

    Dates are ISO text (``"2017-04-07"``); enums (all ``StrEnum``) are their value
    (``"inspection-report"``); tuples are lists. Paths arrive as text: the values hold them
    as ``str`` (a bank file's path as loaded, a draft's as given).

    Raises:
        TypeError: ``data`` holds something else JSON cannot hold.
    """
    return json.dumps(data, ensure_ascii=False, indent=2, default=_iso_date)


def passage_record(passage: Passage, sources: Mapping[str, Source]) -> dict[str, Any]:
    """A passage as data for ``json_text``, with its OSCOLA citation.

    ``checked`` is ``"report"`` or ``"secondary"``; ``checked_via`` names the secondary
    source; null page/paragraph means the source shows none (see ``note``).
    """
    citation = format_citation([passage], sources)
    return {
        "id": passage.id,
        "source": passage.source,
        "text": passage.text,
        "page": passage.page,
        "page_end": passage.page_end,
        "paragraph": passage.paragraph,
        "paragraph_end": passage.paragraph_end,
        "section": passage.section,
        "role": passage.role,
        "provision": passage.provision,
        "themes": list(passage.themes),
        "themes_reviewed": passage.themes_reviewed,
        "checked": passage.checked,
        "checked_via": passage.checked_via,
        "note": passage.note,
        "citation": citation.text,
        "warnings": list(citation.warnings),
    }


def source_record(source: Source) -> dict[str, Any]:
    """A source as data for ``json_text``; judgements as area/grade pairs."""
    return {
        "id": source.id,
        "kind": source.kind,
        "authority": source.authority,
        "title": source.title,
        "short_name": source.short_name,
        "author": source.author,
        "publisher": source.publisher,
        "inspected": {
            "from": source.inspection_start,
            "to": source.inspection_end,
        },
        "published": source.published,
        "partial_date": source.partial_date,
        "framework": source.framework,
        "overall": source.overall,
        "judgements": [{"area": j.area, "grade": j.grade} for j in source.judgements],
        "headline": source.headline,
        "url": source.url,
        "licence": source.licence,
        "attribution": source.attribution,
        "report_file": source.report_file,
        "note": source.note,
    }


def _iso_date(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")
