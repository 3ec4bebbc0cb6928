"""Plain-dict forms of passages and sources, for ``--json`` output and other tools."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from carecite.cite import format_citation
from carecite.model import Passage, Source


def passage_record(passage: Passage, sources: Mapping[str, Source]) -> dict[str, Any]:
    """A passage as JSON-ready data, with its OSCOLA citation.

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
        "provision": passage.provision,
        "themes": list(passage.themes),
        "checked": passage.checked.value,
        "checked_via": passage.checked_via,
        "note": passage.note,
        "citation": citation.text,
        "warnings": list(citation.warnings),
    }


def source_record(source: Source) -> dict[str, Any]:
    """A source as JSON-ready data; dates as ISO text, judgements as area/grade pairs."""
    return {
        "id": source.id,
        "kind": source.kind.value,
        "authority": source.authority,
        "title": source.title,
        "short_name": source.short_name,
        "author": source.author,
        "publisher": source.publisher,
        "inspected": {
            "from": _iso(source.inspection_start),
            "to": _iso(source.inspection_end),
        },
        "published": _iso(source.published),
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


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
