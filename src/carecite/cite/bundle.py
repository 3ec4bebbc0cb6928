"""Bundle references: where a report's page sits in the court bundle (``[F14]``).

PD 27A wants a position statement cross-referenced to the bundle: a section letter and a page
(``F14``). A case file says where each report starts (``ofsted-tower-hamlets-2017: F1``); a
report page then sits at the start page plus the page less one, a report being filed whole,
cover first, unless the case file says which of the report's pages is on that bundle page
(``first_report_page``: the cover left out, or an extract). Report paragraphs are written
``para 23`` beside a bundle reference, never ``[23]``, which would read as a bundle page or a
judgment paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from carecite.cite.citation import compress_ranges

__all__ = ["BUNDLE_REF", "BundlePlace", "parse_bundle_ref"]

#: A bundle reference as a case file gives it: one to three capital letters and a page.
BUNDLE_REF = re.compile(r"^([A-Z]{1,3}) ?(\d+)$")


@dataclass(frozen=True, slots=True)
class BundlePlace:
    """Where a source sits in the bundle: section ``F``, page ``1``, holding the report's
    printed page ``report_first`` (1: filed whole, cover first)."""

    section: str
    first: int
    report_first: int = 1

    def page(self, report_page: int) -> int | None:
        """The bundle page holding the report's printed page ``report_page``; ``None`` for
        a page before the first one filed."""
        if report_page < self.report_first:
            return None
        return self.first + report_page - self.report_first

    def reference(self, report_pages: Iterable[int]) -> str:
        """``[F14]``, or ``[F14–15]`` for a run of pages; empty for no page filed."""
        filed = (self.page(p) for p in report_pages)
        runs = compress_ranges(p for p in filed if p is not None)
        if not runs:
            return ""
        return "[" + ", ".join(f"{self.section}{run}" for run in runs) + "]"

    def __str__(self) -> str:
        return f"{self.section}{self.first}"


def parse_bundle_ref(text: str, report_first: int = 1) -> BundlePlace:
    """``"F1"`` → ``BundlePlace("F", 1)``; ``report_first``: the report's page on it.

    Raises:
        ValueError: not a section letter and a page (the case schema refuses these first).
    """
    match = BUNDLE_REF.match(text.strip())
    if match is None:
        raise ValueError(f"not a bundle reference: {text!r} (write e.g. F1)")
    return BundlePlace(match.group(1), int(match.group(2)), report_first)
