"""Verify the bank: every quotation and pinpoint against the report itself.

``verify_bank`` reads each source's report (``report_file`` in a reports folder), locates
each of its passages there and returns one ``PassageCheck`` per passage: ``exact``, ``altered``
(with the word diff and flags), ``not_found``, ``wrong_pinpoint`` (the words are right but
the page or paragraph is not; the verdict carries the right ones), or ``unchecked`` for
passages whose source is not held as a report (cited as a secondary source gives them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from carecite.cite.citation import format_pinpoint
from carecite.model import Verdict
from carecite.reports.held import held_report
from carecite.reports.ingest import SourceText, read_report
from carecite.reports.locate import Location, locate_quote

if TYPE_CHECKING:
    from carecite.bank.load import Bank
    from carecite.model import Passage

__all__ = ["PassageCheck", "verify_bank", "verify_passage"]


@dataclass(frozen=True, slots=True)
class PassageCheck:
    """The result of checking one passage.

    ``verdict`` is "exact", "altered", "not_found", "wrong_pinpoint", "unchecked" (the
    source's report is not held: its pinpoints stand as a secondary source gives them) or
    "missing_report" (the report file named by the source is not in the reports folder).
    ``location`` is where the words were found (``None`` when not looked for).
    ``message`` says it in a sentence.
    """

    passage_id: str
    source_id: str
    verdict: Verdict
    message: str
    location: Location | None = None
    path: str | None = None
    line: int | None = None

    @property
    def failed(self) -> bool:
        """True when ``carecite verify`` fails on this passage (``Verdict.failed``)."""
        return self.verdict.failed

    def to_json(self) -> dict[str, object]:
        return {
            "passage": self.passage_id,
            "source": self.source_id,
            "verdict": self.verdict,
            "message": self.message,
            "location": self.location.to_json() if self.location else None,
            "path": self.path,
            "line": self.line,
        }


def verify_passage(passage: Passage, source_text: SourceText) -> PassageCheck:
    """Check one passage's words and pinpoint against its ingested report."""
    found = locate_quote(source_text, passage.text)
    if found.match == Verdict.NOT_FOUND:
        return _verdict(passage, Verdict.NOT_FOUND, "not found in the report")
    pin = _pinpoint(found)
    if found.match == Verdict.ALTERED:
        message = f"altered at {pin}: {', '.join(found.flags)}: {found.diff_text}"
        return _verdict(passage, Verdict.ALTERED, message, found)
    wrong = []
    if passage.page is not None and passage.page != found.page:
        wrong.append(f"page {passage.page} should be {found.page}")
    if passage.paragraph != found.paragraph and not (
        passage.paragraph is None and found.paragraph is None
    ):
        wrong.append(f"paragraph {passage.paragraph} should be {found.paragraph}")
    if wrong:
        repeated = _at_own_pinpoint(passage, source_text)
        if repeated is not None:
            return _verdict(passage, Verdict.EXACT, f"exact at {_pinpoint(repeated)}", repeated)
        message = "wrong pinpoint: " + "; ".join(wrong)
        return _verdict(passage, Verdict.WRONG_PINPOINT, message, found)
    return _verdict(passage, Verdict.EXACT, f"exact at {pin}", found)


def _at_own_pinpoint(passage: Passage, source_text: SourceText) -> Location | None:
    """The passage found exactly at its own pinpoint, where the report prints the same
    words twice (a summary repeated as a recommendation) and the first place is another."""
    blocks = tuple(
        b
        for b in source_text.blocks
        if (
            b.number == passage.paragraph
            if passage.paragraph is not None
            else passage.page in b.pages
        )
    )
    if not blocks:
        return None
    # Its own key, so locate's index of the whole report is not used for these blocks.
    part = replace(source_text, blocks=blocks, sha256=f"{source_text.sha256}#{passage.id}")
    found = locate_quote(part, passage.text)
    exact = found.match == Verdict.EXACT and found.paragraph == passage.paragraph
    return found if exact and found.page == passage.page else None


def _verdict(
    passage: Passage, verdict: Verdict, message: str, location: Location | None = None
) -> PassageCheck:
    """A verdict on ``passage``, naming it, its source and where it sits in the bank."""
    return PassageCheck(
        passage_id=passage.id,
        source_id=passage.source,
        verdict=verdict,
        message=message,
        location=location,
        path=passage.path,
        line=passage.line,
    )


def verify_bank(
    bank: Bank,
    reports_dir: str | Path,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[PassageCheck, ...]:
    """Check every passage of the bank against the reports in ``reports_dir``.

    Args:
        bank: the loaded bank.
        reports_dir: the folder holding the sources' ``report_file`` PDFs.
        progress: called as ``progress(done, total)`` after each passage (for a
            progress indicator; the library itself prints nothing).

    Returns:
        One verdict per passage, in bank order.

    Raises:
        SourceError: a report is held but cannot be read (not a PDF, encrypted, a scan).
    """
    folder = Path(reports_dir)
    texts: dict[str, SourceText | None] = {}
    verdicts: list[PassageCheck] = []
    total = len(bank.passages)
    for done, passage in enumerate(bank.passages.values(), start=1):
        source = bank.sources[passage.source]
        if not source.report_file:
            verdicts.append(
                _verdict(
                    passage,
                    Verdict.UNCHECKED,
                    # A statute, judgment or commentary as well as a report: "its text".
                    f"{source.short_name}: its text is not held; the pinpoint is as "
                    f"{passage.checked_via or 'a secondary source'} gives it",
                )
            )
        else:
            if source.id not in texts:
                file = held_report(source, folder)
                texts[source.id] = read_report(file) if file is not None else None
            text = texts[source.id]
            if text is None:
                verdicts.append(
                    _verdict(
                        passage,
                        Verdict.MISSING_REPORT,
                        f"report file {source.report_file} is not in {folder}",
                    )
                )
            else:
                verdicts.append(verify_passage(passage, text))
        if progress is not None:
            progress(done, total)
    return tuple(verdicts)


def _pinpoint(found: Location) -> str:
    """Where the words were found; in unnumbered text, with the section they are under."""
    pin = format_pinpoint(found)
    if found.paragraph is None and found.section:
        return f"{pin}, {found.section}"
    return pin
