"""A search hit as data: the one record ``search --json`` prints and the web API returns."""

from __future__ import annotations

from typing import Any

from carecite.bank.records import passage_record
from carecite.search.query import SearchHit


def hit_record(hit: SearchHit) -> dict[str, Any]:
    """The hit's passage record (with its OSCOLA citation), score, marked snippet and why.

    The citation is formatted from the hit's own source (and the secondary source its
    pinpoint was checked through), so no bank needs loading.
    """
    sources = {hit.source.id: hit.source}
    if hit.via is not None:
        sources[hit.via.id] = hit.via
    matched = [{"query": m.query, "text": m.text, "via": m.via} for m in hit.matched]
    record = passage_record(hit.passage, sources)
    return {**record, "score": hit.score, "snippet": hit.snippet, "matched": matched}
