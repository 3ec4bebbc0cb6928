"""Import a report into a bank: one complete, valid source file from one report PDF.

``import_report`` reads the report (``read_report``), takes the source's header from the
report's own pages (authority, title as printed, inspection dates, publication date where
printed, framework, every judgement in the report's words on its scale, headline, licence
and attribution from the copyright line) and makes every numbered paragraph and every
unnumbered summary paragraph a passage with its page, paragraph, section, verbatim text,
``role`` and suggested themes (``themes_reviewed: false``). ILACS reports print no
publication date: it comes from the caller (``published``) or from the shipped inspections
dataset, matched by authority and inspection dates, and is never guessed. The self-check's
warnings go into the source's note; ``strict`` refuses to write when there are any that
doubt the reading (not ``no-headline``: a report whose opening recounts the past is read
right, and a source without a headline is not wrong).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carecite.bank.files import source_file, source_id_of
from carecite.bank.rules import short_name_key
from carecite.errors import (
    BankError,
    LookupFailed,
    OutputExistsError,
    SourceError,
    Step,
    StepText,
)
from carecite.model import Judgement, Passage, Source, SourceKind, Theme
from carecite.reports import ofsted
from carecite.reports.ingest import (
    OPENING_SUMMARY,
    Block,
    IngestWarning,
    SourceText,
    read_report,
)
from carecite.shorten import shorten

if TYPE_CHECKING:
    from carecite.bank.load import Bank
    from carecite.reports.layout import Line

__all__ = ["ImportResult", "ReportFacts", "import_record", "import_report", "report_facts"]

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_DAY = re.compile(r"(\d{1,2})(?:\s+([A-Za-z]+))?(?:\s+(\d{4}))?")
_GRADE_WORDS = r"outstanding|good|requires? improvement(?: to be good)?|inadequate"
_ROW = re.compile(
    rf"^(?:\d(?:\.\d)?\.?\s+)?(?P<area>[A-Z].*?)[\s:]+(?:is\s+)?(?P<grade>{_GRADE_WORDS})$",
    re.IGNORECASE,
)
_OVERALL_SIF = re.compile(
    r"(?:The overall judgement is (?:that children.s services (?:are |is )?)?"
    # 'require improvement' is also printed as a verb, with no 'are' ('… in Brent require …')
    r"|Children.s services in [A-Z][^.:]*? (?:(?:are|is) |(?=require )))"
    rf"(?P<grade>{_GRADE_WORDS}|require improvement)",
    re.IGNORECASE,
)
# A SIF report's title when it reviews the LSCB too, which it then grades.
_REVIEWS_LSCB = re.compile(
    r"review of the effectiveness of the local safeguarding children board", re.IGNORECASE
)
_LSCB = re.compile(
    r"The Local Safeguarding Children Board(?: \(LSCB\))? (?:is )?"
    rf"(?P<grade>{_GRADE_WORDS})\b",
    re.IGNORECASE,
)
# Points from the page's left edge beyond which a cover table's grade column is printed.
_GRADE_COLUMN = 250.0
# Cover lines that end in a grade but are not rows of the judgement table.
_NOT_AREAS = (
    "judgement",
    "the overall judgement",
    "children’s services in",
    "children's services in",
)
_COPYRIGHT = re.compile(r"©\s*Crown copyright\s*(\d{4})")
# What tells a sentence's time (``_tells_of_the_past``): finite verbs of the present and
# the past, a clause dating an earlier inspection ("…, when it was judged inadequate",
# "since they were found inadequate in 2017"), and an earlier time named (a year, an
# inspection or visit that is not "this inspection").
_PRESENT_TENSE = re.compile(r"\b(?:is|are|has|have|does|do|remains?|continues?)\b", re.I)
_PAST_TENSE = re.compile(r"\b(?:was|were|had|did)\b", re.I)
_DATING_CLAUSE = re.compile(r"\b(?:when|since)\b[^,;]*", re.I)
_EARLIER_TIME = re.compile(r"\b(?:19|20)\d\d\b|\b(?<!this )(?:inspection|visit)", re.I)


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What a report's own pages say of it, for a source header.

    ``published`` is ``None`` where the report prints no publication date (ILACS);
    ``framework`` is ``SIF`` or ``ILACS`` (a report under the April 2026 framework is
    ``ILACS`` with no overall-effectiveness judgement). ``licensed`` says the back page
    grants the Open Government Licence; ``non_commercial`` that it permits copying only
    for non-commercial educational purposes (Ofsted's terms before the licence).
    ``headline`` is the sentence heading the report (``_opening_sentence``) unless it
    recounts the past (an earlier inspection, what followed it): that sentence is then
    ``past_opening``, and the headline ``None``, never a wrong one.
    """

    authority: str
    title: str
    inspected_from: date | None
    inspected_to: date | None
    published: date | None
    framework: str
    judgements: tuple[Judgement, ...]
    headline: str | None
    past_opening: str | None
    copyright_year: int | None
    licensed: bool
    non_commercial: bool


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What ``import_report`` made: the source, the file (written unless a dry run), the
    passages and the self-check's warnings; for a dry run that writing would refuse, the
    error the real run raises (``import_refusal``: what the bank holds, and what to do).
    ``held_as``: the source of the bank holding this report already (the shipped one first,
    as the refusal names it), or ``None``: a refusal for a taken id or a PDF's name is not
    the report being held."""

    source: Source
    file: Path
    passages: tuple[Passage, ...]
    warnings: tuple[IngestWarning, ...]
    text: str
    written: bool
    refusal: OutputExistsError | None = None
    held_as: Source | None = None


def shipped_bank_refusal(bank_dir: str | Path) -> BankError | None:
    """Why nothing is imported into ``bank_dir`` before any report is read: it is the bank
    installed with carecite (``None`` for any other), for ``import_report`` and for a page
    that would ask for a report first."""
    from carecite.resources import shipped_bank

    if Path(bank_dir).resolve() != shipped_bank().resolve():
        return None
    return BankError(
        "is the bank installed with carecite, which import does not change",
        path=Path(bank_dir),
        hint=StepText(Step.OWN_BANK),
    )


def import_record(made: ImportResult) -> dict[str, Any]:
    """What ``import --json`` prints: the source's record, the file (written, or the one a dry
    run would write), the passage count and the self-check's warnings."""
    from carecite.bank.records import source_record

    return {
        "source": source_record(made.source),
        "file": str(made.file),
        "passages": len(made.passages),
        "warnings": [
            {"code": w.code, "message": w.message, "page": w.page, "paragraph": w.paragraph}
            for w in made.warnings
        ],
    }


def report_facts(report: SourceText) -> ReportFacts:
    """Read a report's header facts from its cover page and the rest of its text.

    Raises:
        SourceError: the cover does not say what kind of report this is, or whose.
    """
    from carecite.reports.pdf import read_pdf_lines

    cover = report.pages[0].text if report.pages else ""
    every = " ".join(page.text for page in report.pages)
    flat = " ".join(cover.split())
    framework = _framework(flat)
    if framework is None:
        raise SourceError(
            "is not an Ofsted inspection of a local authority's children's services "
            "(its cover names neither a SIF nor an ILACS inspection)",
            path=report.path,
            hint=StepText(
                Step.IMPORT_READS, " Ofsted's SIF (2013-2018) and ILACS (2018 on) reports"
            ),
        )
    authority, title = _authority_and_title(cover, report.path)
    inspected_from, inspected_to = _inspection_dates(flat)
    published = _printed_date(r"Report published:\s*", flat)
    data = Path(report.path).read_bytes()
    # The cover's table of judgements is read by layout; a text report has none to read.
    pages = read_pdf_lines(report.path, data, pages=1) if data.startswith(b"%PDF-") else []
    judgements = list(_cover_table(pages[0].lines) if pages else ())
    if framework == "SIF":
        overall = _OVERALL_SIF.search(flat)
        if overall:
            judgements.insert(0, Judgement("Overall effectiveness", _grade(overall["grade"])))
        lscb = _LSCB.search(" ".join(every.split()[len(flat.split()) :]))
        in_table = any("safeguarding children board" in j.area.lower() for j in judgements)
        if lscb and not in_table:
            judgements.append(
                Judgement("The Local Safeguarding Children Board", _grade(lscb["grade"]))
            )
    copyright_year = _COPYRIGHT.search(every)
    opening = _opening_sentence(report, flat, framework)
    past = opening is not None and _tells_of_the_past(opening)
    return ReportFacts(
        authority=authority,
        title=title,
        inspected_from=inspected_from,
        inspected_to=inspected_to,
        published=published,
        framework=framework,
        judgements=tuple(dict.fromkeys(judgements)),
        headline=None if past else opening,
        past_opening=opening if past else None,
        copyright_year=int(copyright_year.group(1)) if copyright_year else None,
        licensed="Open Government Licence" in every,
        non_commercial="non-commercial educational purposes" in every,
    )


#: Warnings that doubt nothing of the reading, which ``strict`` lets pass: a report whose
#: opening sentence recounts the past is read right, and has no headline to give.
_NO_DOUBT = frozenset({"no-headline"})


def _header_warnings(facts: ReportFacts, file_name: str) -> tuple[IngestWarning, ...]:
    """What the header could not read: a SIF report's overall judgement, which it always
    prints (an ILACS report under the April 2026 framework gives none, and says so), the
    LSCB's judgement where its title says it reviews the LSCB, and a headline where the
    report's opening sentence recounts the past (``file_name``: the source file a headline
    would be written in)."""
    warnings: list[IngestWarning] = []
    if facts.framework == "SIF" and not any(
        j.area.lower() == "overall effectiveness" for j in facts.judgements
    ):
        warnings.append(
            IngestWarning(
                "no-overall-judgement",
                "the cover's overall-effectiveness judgement could not be read: add it to "
                "the source's judgements by hand",
            )
        )
    if (
        facts.framework == "SIF"
        and _REVIEWS_LSCB.search(facts.title)
        and not any("safeguarding children board" in j.area.lower() for j in facts.judgements)
    ):
        warnings.append(
            IngestWarning(
                "no-lscb-judgement",
                "the report reviews the Local Safeguarding Children Board, but its judgement "
                "could not be read: add it to the source's judgements by hand",
            )
        )
    if facts.past_opening is not None:
        warnings.append(
            IngestWarning(
                "no-headline",
                f"the report's opening sentence recounts the past, not this inspection's "
                f"finding (“{shorten(facts.past_opening)}”), so the source has no headline: "
                "drafts do not use one, and an inspection history shows it only for a report "
                "that gives no judgements, in their place; to give it one, write it in the "
                f"headline: field of {file_name}",
            )
        )
    return tuple(warnings)


def _framework(cover: str) -> str | None:
    if re.search(
        r"inspection of services for children in need of help and protection", cover, re.I
    ):
        return "SIF"
    if re.search(
        r"Inspection of (?:.+ )?(?:local authority )?children.s (?:social care )?services", cover
    ):
        return "ILACS"
    return None


def _authority_and_title(cover: str, path: str) -> tuple[str, str]:
    lines = [line.strip() for line in cover.split("\n") if line.strip()]
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"(?:Re-)?[Ii]nspection of", line)), None
    )
    if start is None:
        raise SourceError("its cover prints no title ('Inspection of …')", path=path)
    stop = next(
        (i for i in range(start, len(lines)) if re.match(r"Inspection dates?:", lines[i])),
        len(lines),
    )
    title = " ".join(lines[start:stop])
    named = re.match(r"Inspection of (.+?) local authority children.s services", title)
    if named:
        return named.group(1), title
    authority = " ".join(lines[:start])
    if not authority:
        raise SourceError("its cover names no authority", path=path)
    return authority, f"{authority}: {title}"


def _inspection_dates(cover: str) -> tuple[date | None, date | None]:
    match = re.search(
        r"Inspection dates?:\s*(\d{1,2}(?: [A-Za-z]+)?(?: \d{4})?\s*(?:to|–|-)\s*"
        r"\d{1,2} [A-Za-z]+ \d{4})",
        cover,
    )
    if not match:
        return None, None
    # "4 July 2016–28 July 2016": a dash may be set close up; "to" only between spaces.
    parts = re.split(r"\s+to\s+|\s*[–-]\s*", match.group(1), maxsplit=1)
    if len(parts) != 2:
        return None, None
    end = _day(parts[1], None, None)
    start = _day(parts[0], end.month if end else None, end.year if end else None)
    return start, end


def _day(text: str, month: int | None, year: int | None) -> date | None:
    found = _DAY.search(text)
    if not found:
        return None
    named = _MONTHS.get((found.group(2) or "").lower())
    month = named or month
    year = int(found.group(3)) if found.group(3) else year
    if month is None or year is None:
        return None
    try:
        return date(year, month, int(found.group(1)))
    except ValueError:
        return None


def _printed_date(label: str, text: str) -> date | None:
    found = re.search(label + r"(\d{1,2} [A-Za-z]+ \d{4})", text)
    return _day(found.group(1), None, None) if found else None


def _grade(text: str) -> str:
    """A printed grade on the bank's scale: "Requires Improvement" is the SIF's and
    ILACS's "requires improvement to be good"."""
    words = " ".join(text.lower().split())
    return "requires improvement to be good" if "improvement" in words else words


def _cover_table(lines: Iterable[Line]) -> Iterable[Judgement]:
    """The judgement table on a cover: left-hand areas, grades beside them.

    Rows are found by layout: the lines of one row sit within a line's pitch of each
    other; a grade is printed at the row's right, on its first, middle or last line.
    """
    rows: list[list[Line]] = []
    for line in lines:
        if (rows and 0 <= line.y - max(r.y for r in rows[-1]) <= 1.6 * line.size) or (
            rows and any(abs(r.y - line.y) < 2 for r in rows[-1])
        ):
            rows[-1].append(line)
        else:
            rows.append([line])
    for row in rows:
        if sum(r.x <= _GRADE_COLUMN for r in row) > 4:
            continue  # a paragraph, not a table row (whose grade may wrap to three lines)
        left = " ".join(r.text for r in sorted(row, key=lambda r: (r.x > _GRADE_COLUMN, r.y, r.x)))
        found = _ROW.match(" ".join(left.split()))
        area_text = found["area"].lower() if found else ""
        if found and len(area_text) < 90 and not area_text.startswith(_NOT_AREAS):
            area = found["area"].strip().rstrip(":")
            yield Judgement(area[:1].upper() + area[1:], _grade(found["grade"]))


def _opening_sentence(report: SourceText, cover: str, framework: str) -> str | None:
    """The sentence that heads the report: a SIF cover's overall judgement; an ILACS
    report, which prints no such line, the first sentence of its opening summary."""
    if framework == "SIF":
        found = _OVERALL_SIF.search(cover)
        return found.group(0) if found else None
    summary = next((b for b in report.blocks if _opening_summary(b)), None)
    if summary is None:
        return None
    sentence = re.match(r"(.+?[.!?])(?:\s|$)", summary.text)
    return sentence.group(1) if sentence else summary.text


def _tells_of_the_past(sentence: str) -> bool:
    """Whether a sentence recounts the past rather than states this inspection's finding.

    Ofsted states its finding in the present: "are good", "has not improved since the last
    inspection in 2021, when services were judged …". A sentence with no verb in the present
    once its clauses dating an earlier inspection are set aside, and told in the past or
    naming an earlier time ("Children's services were judged to require improvement to be
    good at the inspection in 2015", "This was the first inspection of …"), recounts.
    """
    main = _DATING_CLAUSE.sub("", sentence)
    if _PRESENT_TENSE.search(main):
        return False
    return bool(_PAST_TENSE.search(main) or _EARLIER_TIME.search(sentence))


# --- Passages ------------------------------------------------------------------------------


def _passage_blocks(report: SourceText) -> list[Block]:
    """The blocks that become passages: every numbered paragraph, and the unnumbered
    paragraphs that sit under a heading (not the cover's table, not stray fragments).

    A paragraph is a passage however short ("Signs of Safety."), and so is an item of a
    bulleted list ("there have been 46 adoptions"), whose items often end with no full
    stop and are never table rows; a list's short lead-in ("In the last 12 months:") says
    nothing alone. Ofsted's definitions of its grades are no report's findings, nor is its
    account of the inspection itself (the law it was made under, what inspectors looked
    at, the team), which every report of a framework prints alike: searched, "Inspectors
    have looked closely at the experiences of children and young people who ... are
    leaving, or have left care" ranked first for care leavers in report after report.
    """
    cover = report.pages[0].number if report.pages else None
    return [
        block
        for block in report.blocks
        if block.number is not None
        or (
            block.section
            and len(block.text.split()) >= 2
            and (block.listed or _prose(block))
            and not _lead_in(block)
            # The cover's text (a SIF report's judgement table and its lead-in) is the
            # source's header, not passages; an ILACS report's opening summary starts there.
            and (block.page != cover or block.section == OPENING_SUMMARY)
            and not _ofsteds_own(block)
        )
    ]


def _ofsteds_own(block: Block) -> bool:
    """Whether a block is text Ofsted prints alike in every report of a framework, not the
    report's findings: its grades' definitions, its account of the inspection itself.
    Neither a passage nor, left out, a warning."""
    where = block.section or ""
    return bool(ofsted.DEFINITIONS.match(where) or ofsted.ABOUT_INSPECTION.match(where))


def _unimported_warnings(
    report: SourceText, imported: Sequence[Block]
) -> tuple[IngestWarning, ...]:
    """Text the report was read as holding that no passage holds (``imported`` are the
    blocks that became passages), and is not what a report prints besides its findings:
    its cover, contents, a judgement's heading or grade row, the names of its inspectors.
    Words left out must be said, never silent."""
    cover = report.pages[0].number if report.pages else None
    kept = {id(block) for block in imported}
    return tuple(
        IngestWarning(
            "text-not-imported",
            f"text on page {block.page} is in no passage (it is not a sentence, a list "
            f"item or a numbered paragraph): “{shorten(block.text)}”; check the report there",
            block.page,
        )
        for block in report.blocks
        if id(block) not in kept
        and block.page != cover
        and re.search(r"[^\W\d]", block.text)
        and not re.search(r"\s\d{1,3}$", block.text)  # a contents entry and its page
        and not ofsted.TRAILING_GRADE.search(block.text)  # a judgement and its grade
        and not ofsted.is_judgement_sentence(block.text)
        and not _ofsteds_own(block)
        and not _lead_in(block)
    )


def _lead_in(block: Block) -> bool:
    """Whether a block is only the short lead-in to a list: its items are the passages."""
    return block.text.endswith(":") and len(block.text.split()) < 6


def _prose(block: Block) -> bool:
    """Whether a block is prose, not a table row: a row ends with its grade, a sentence
    or a list's lead-in with its punctuation."""
    return block.text.endswith((".", "!", "?", ":", ";", "”", "’", ")"))


def _opening_summary(block: Block) -> bool:
    """Whether a block is the prose of an ILACS report's opening summary."""
    return block.section == OPENING_SUMMARY and _prose(block)


def _themes(text: str, section: str | None, themes: dict[str, Theme]) -> tuple[str, ...]:
    """Up to three themes whose label or synonyms the passage or its section uses."""
    haystack = f" {' '.join((section or '').split())} {' '.join(text.split())} ".casefold()
    scores: Counter[str] = Counter()
    for theme in themes.values():
        for phrase in (theme.label, *theme.synonyms):
            words = phrase.casefold().strip()
            if words and re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", haystack):
                scores[theme.id] += 1
    chosen = tuple(theme for theme, _ in scores.most_common(3))
    return chosen


def _slug(text: str, words: int) -> str:
    kept = [
        w
        for w in re.findall(r"[a-z0-9]+", text.casefold().replace("’", "").replace("'", ""))
        if w not in {"the", "of", "and", "a", "an", "to", "in", "for", "with", "on", "is"}
    ]
    return "-".join(kept[:words])


def _authority_slug(authority: str) -> str:
    from carecite.history.authorities import normalise, strip_affixes

    return "-".join(strip_affixes(normalise(authority)).split())


def _prefix(slug: str, year: int, taken: set[str]) -> str:
    """A short passage-id prefix: initials or the first letters, and the year's two digits."""
    parts = slug.split("-")
    stem = (
        "".join(p[0] for p in parts if p not in {"and", "of", "upon", "on"})
        if len(parts) > 1
        else slug[:4]
    )
    letters = slug.replace("-", "")
    candidate = f"{stem}{year % 100:02d}"
    extra = len(stem)
    while candidate in taken and extra < len(letters):
        extra += 1
        candidate = f"{letters[:extra]}{year % 100:02d}"
    return candidate


# --- Writing -------------------------------------------------------------------------------


def import_report(
    pdf: str | Path,
    bank_dir: str | Path,
    *,
    source_id: str | None = None,
    published: date | None = None,
    copy: bool = True,
    dry_run: bool = False,
    strict: bool = False,
    force: bool = False,
) -> ImportResult:
    """Make a source file in ``bank_dir`` from one report PDF.

    Args:
        pdf: the report, as Ofsted publishes it.
        bank_dir: the bank folder to write into (a user's bank, never the installed one).
        source_id: the id to give the source; by default ``ofsted-<authority>-<year>``,
            with the month added when that id is another report's.
        published: the publication date, for a report that prints none (ILACS); without
            it, the shipped inspections dataset is asked by authority and inspection dates.
        copy: copy the PDF into the bank's ``reports/`` folder so ``verify`` finds it.
        dry_run: compose the file and say where it would go; write nothing.
        strict: refuse to write when the self-check warns of anything but ``no-headline``.
        force: overwrite an existing source file of the user's bank (the same report
            imported before, or another report under that id); never a shipped source.

    Returns:
        The source, its file, its passages and the self-check's warnings.

    Raises:
        SourceError: the report cannot be read, gives no publication date and none is
            known, or (``strict``) the self-check warned.
        BankError: the bank cannot be read, or the file made would not be valid.
        OutputExistsError: the bank holds the report already, in any layer, or the id is
            taken (``import_refusal``).
    """
    from carecite.bank.load import load_bank
    from carecite.output import write_text_atomic
    from carecite.resources import REPORTS_FOLDER

    file = Path(pdf)
    refused = shipped_bank_refusal(bank_dir)
    if refused is not None:
        raise refused
    report = read_report(file)
    facts = report_facts(report)
    blocks = _passage_blocks(report)
    bank = load_bank(bank_dir)
    when = facts.published or published or _dataset_date(facts, file)
    holders = _holders(bank, facts, when)
    own = next((held for held, shipped in holders if not shipped), None)
    slug = _authority_slug(facts.authority)
    ident = source_id or (own.id if own else _source_id(slug, when, bank.sources))
    target = source_file(Path(bank_dir), ident)
    if source_id_of(target.name) is None:  # --force would replace the bank's own file
        raise BankError(
            f"'{ident}' names the bank's {target.name}, so no source can have it as its id; "
            "nothing was written",
            hint=StepText(Step.OTHER_SOURCE_ID),
        )
    warnings = (
        report.warnings
        + _header_warnings(facts, target.name)
        + _unimported_warnings(report, blocks)
    )
    doubts = [w for w in warnings if w.code not in _NO_DOUBT]
    if strict and doubts:
        raise SourceError(
            f"was read with {len(doubts)} warning(s) and --strict refuses to "
            f"import it: {doubts[0].message}",
            path=file,
            hint="check the report by eye, or import without --strict (warnings go into the note)",
        )
    others = {s: src for s, src in bank.sources.items() if s != ident}
    taken = {p.id.split("-")[0] for p in bank.passages.values() if p.source != ident}
    prefix = _prefix(slug, when.year, taken)
    themes = dict(bank.themes)
    passages = _passages(blocks, prefix, ident, themes)
    named = _short_name(facts, when, others)
    source = _source(
        facts, ident, named, when, file.name, report.notes, warnings, published is not None
    )
    text = _yaml(source, passages)
    _validate(text, target.name, bank, others)
    reports = Path(bank_dir) / REPORTS_FOLDER
    refusal = import_refusal(
        bank, source, file, target, holders, force=force, reports=reports, copy=copy
    )
    if dry_run:
        held_as = next((held for held, shipped in holders if shipped), own)
        return ImportResult(source, target, passages, warnings, text, False, refusal, held_as)
    if refusal is not None:
        raise refusal
    if copy:
        _keep_pdf(file, reports, force=force)
    write_text_atomic(target, text, force=force)
    return ImportResult(source, target, passages, warnings, text, written=True)


def _holders(bank: Bank, facts: ReportFacts, when: date) -> list[tuple[Source, bool]]:
    """The sources of every layer of ``bank`` that hold the report read (``facts``, published
    ``when``), each with whether it is the shipped bank's (checked by hand) rather than the
    user's own; the user's first. One report is one authority's inspection report of one
    framework published on one day: its file name says nothing (an upload may be called
    anything, and a report may be saved under any name).

    A shipped source a file of the user's replaces is listed too: it is that file the user
    reads, but the report is still the one the shipped bank holds.
    """
    authority_key = _authority_keys()
    authority = authority_key(facts.authority)
    layers: list[tuple[Iterable[Source], bool]] = [(bank.own_sources.values(), False)]
    if bank.base is not None:
        layers.append((bank.base.sources.values(), True))
    return [
        (source, shipped)
        for sources, shipped in layers
        for source in sources
        if source.kind is SourceKind.INSPECTION_REPORT
        and source.published == when
        and source.framework == facts.framework
        and authority_key(source.authority) == authority
    ]


def _authority_keys() -> Callable[[str | None], str]:
    """An authority's key: as the resolver knows it (its names and their forms are one), else
    as written, whatever its case."""
    from carecite.history.authorities import load_resolver
    from carecite.history.dataset import load_inspections

    resolver = load_resolver(load_inspections().authorities())

    def key(name: str | None) -> str:
        try:
            return resolver.resolve(name or "").key
        except LookupFailed:  # an authority the dataset does not hold
            return " ".join((name or "").casefold().split())

    return key


def import_refusal(
    bank: Bank,
    source: Source,
    report: Path,
    target: Path,
    holders: Sequence[tuple[Source, bool]],
    *,
    force: bool,
    reports: Path,
    copy: bool,
) -> OutputExistsError | None:
    """Why writing ``source`` (read from ``report``) to ``target``, and its PDF into the
    bank's ``reports`` folder unless not ``copy``, is refused, or ``None``: the one rule for
    the command line, its dry run, the web's preview and the API.

    A report the shipped bank holds is never imported, ``force`` or not: its source was
    checked by hand, and a reading of the user's would replace it under another short name
    and other passage ids, so that every draft and case file citing it (carecite's examples
    too) no longer matched it, and the audit passed its quotations unchecked. A report the
    user imported before is replaced only with ``force`` and under the id it has (under
    another the bank would hold it twice). A shipped source's id is not taken by another
    report (that would replace the shipped source); a file of the user's is replaced only
    with ``force``. The PDF's name is never another source's report file, nor, unasked, a
    different file's in ``reports`` (``_pdf_refusal``).
    """
    from carecite.output import refuse_existing

    own = [held for held, shipped in holders if not shipped]
    shipped = [held for held, in_shipped in holders if in_shipped]
    if shipped:
        held = shipped[0]
        yours = "".join(
            f"; your file {mine.path} holds it too"
            + (", in place of the shipped one" if mine.id == held.id else "")
            + ": remove that file to cite the checked source"
            for mine in own
        )
        return OutputExistsError(
            f"is already in the bank shipped with carecite, as {held.id} "
            f"(“{held.short_name}”, checked by hand against the report); nothing was written",
            path=report,
            hint=StepText(
                "cite that source as it is (",
                Step.SOURCES,
                "): a reading of your own would replace it, unchecked, under another short "
                "name and other passage ids, so drafts and case files citing it (carecite's "
                "examples too) would no longer match it and the audit would not check their "
                f"quotations of it{yours}",
            ),
        )
    if own:
        held = own[0]
        if force and held.id == source.id:
            return None
        return OutputExistsError(
            f"already holds this report, as {held.id} of your bank; nothing was written",
            path=held.path,
            hint=StepText(Step.REIMPORT),
        )
    base = bank.base.sources if bank.base is not None else {}
    if source.id in base and source.id not in bank.replaced:
        return OutputExistsError(
            f"{source.id} is the id of “{base[source.id].short_name}”, a source of the bank "
            "shipped with carecite: a source of yours with that id would replace it; nothing "
            "was written",
            hint=StepText(Step.OTHER_SOURCE_ID),
        )
    try:
        refuse_existing(target, force=force, remedy=StepText(Step.ANOTHER_SOURCE_ID))
    except OutputExistsError as refused:
        return refused
    return _pdf_refusal(bank, source, report, reports, copy=copy, force=force)


def _pdf_refusal(
    bank: Bank, source: Source, report: Path, reports: Path, *, copy: bool, force: bool
) -> OutputExistsError | None:
    """Why ``source`` cannot name ``report`` by its file name, or ``None``. A source names its
    PDF by file name alone, in whatever reports folder verify and the audit are given (the
    bank's ``reports`` unless another is named), so two authorities' downloads both called
    ``report.pdf`` would be one file to them:

    - this PDF there under its name already: nothing changes, nothing is refused;
    - another source naming that name would be checked against this report, or this one
      against that source's: refused, copied or not, ``force`` or not;
    - a different file under that name in ``reports`` is what this source would be checked
      against: replaced only with ``force`` when the PDF is copied there, and refused when it
      is not (``copy`` false: nothing would replace it).
    """
    held = reports / report.name
    if _same_file(held, report):
        return None
    others = [
        s.id for s in bank.sources.values() if s.report_file == report.name and s.id != source.id
    ]
    stray = os.path.lexists(held)
    rename = StepText(f"rename the PDF (to {source.id}.pdf, say) and ", Step.IMPORT_AGAIN)
    if others and not stray:  # the other source's PDF is not in the bank's folder
        return OutputExistsError(
            f"has the name of {others[0]}'s report file: the two sources would be verified "
            "and audited against one file; nothing was written",
            path=report,
            hint=rename,
        )
    if not stray or (copy and force and not others):
        return None
    whose = f", the report of {others[0]}" if others else ""
    other_remedy = StepText(", or ", Step.REPLACE_FILE) if copy else ", or remove that file"
    return OutputExistsError(
        f"holds another file named {report.name}{whose}: {source.id} would be verified and "
        "audited against it; nothing was written",
        path=reports,
        hint=rename if others else StepText(rename, other_remedy),
    )


def _same_file(held: Path, report: Path) -> bool:
    """Whether ``held`` is a regular file with ``report``'s bytes."""
    import filecmp

    return held.is_file() and filecmp.cmp(held, report, shallow=False)


def _keep_pdf(report: Path, reports: Path, *, force: bool) -> None:
    """Copy ``report`` into ``reports`` under its name, atomically, where that file is not
    already this one (``_pdf_refusal`` has said whether a different one may be replaced)."""
    from carecite.errors import file_error
    from carecite.output import write_atomic

    try:
        reports.mkdir(exist_ok=True)
    except OSError as error:
        raise file_error(error, reports, "cannot make the reports folder") from None
    held = reports / report.name
    if _same_file(held, report):
        return
    with report.open("rb") as pdf:
        write_atomic(held, lambda stream: shutil.copyfileobj(pdf, stream), force=force)


def _short_name(facts: ReportFacts, when: date, others: Mapping[str, Source]) -> str:
    """``Ofsted Blackpool 2019 report``: the authority always named, so a report's name
    does not depend on what else the bank held when it was imported (it was "Ofsted 2019
    report" for the first report of a year, an authority's name only for the next), and a
    draft citing two councils' reports names each plainly. A second report of that
    authority and year takes its month too: no two sources may share a name (a note naming
    it would name both, and neither the court nor the audit could tell which was meant)."""
    from carecite.history.authorities import load_resolver
    from carecite.history.dataset import load_inspections

    try:
        authority = load_resolver(load_inspections().authorities()).resolve(facts.authority).name
    except Exception:  # the resolver's LookupFailed: an authority the dataset does not hold
        authority = facts.authority
    named = f"Ofsted {authority} {when.year} report"
    if any(short_name_key(s.short_name) == short_name_key(named) for s in others.values()):
        return f"Ofsted {authority} {when:%B} {when.year} report"
    return named


def _dataset_date(facts: ReportFacts, file: Path) -> date:
    from carecite.history.authorities import load_resolver
    from carecite.history.dataset import load_inspections

    ask = StepText("give the date Ofsted published it ", Step.PUBLISHED)
    if facts.inspected_from is None:
        raise SourceError("prints no publication date and no inspection dates", path=file, hint=ask)
    inspections = load_inspections()
    try:
        authority = load_resolver(inspections.authorities()).resolve(facts.authority)
    except Exception:  # the resolver's LookupFailed: an authority the dataset does not hold
        raise SourceError(
            f"prints no publication date, and the inspections dataset has no "
            f"authority called {facts.authority}",
            path=file,
            hint=ask,
        ) from None
    rows = [
        row
        for row in inspections.rows
        if row.authority == authority.key and row.inspected_from == facts.inspected_from
    ]
    if len(rows) != 1:
        raise SourceError(
            f"prints no publication date, and the inspections dataset has no inspection of "
            f"{facts.authority} starting {facts.inspected_from.isoformat()}",
            path=file,
            hint=ask,
        )
    return rows[0].published


def _source_id(slug: str, when: date, sources: Mapping[str, Source]) -> str:
    """``ofsted-<authority>-<year>``, with the month where another source has that id."""
    ident = f"ofsted-{slug}-{when.year}"
    return ident if ident not in sources else f"ofsted-{slug}-{when.year}-{when.month:02d}"


def _passages(
    blocks: Sequence[Block], prefix: str, ident: str, themes: dict[str, Theme]
) -> tuple[Passage, ...]:
    made: list[Passage] = []
    seen: Counter[str] = Counter()
    numbered_report = any(block.number is not None for block in blocks)
    for block in blocks:
        section = block.section
        last = (section or "").split(" — ")[-1]
        words = _slug(last, 3) or "text"
        if block.number is not None:
            pid = f"{prefix}-p{block.number}-{words}"
        else:
            seen[f"{block.page}"] += 1
            pid = f"{prefix}-pg{block.page}-{seen[str(block.page)]}-{words}"
        made.append(
            Passage(
                id=pid,
                source=ident,
                text=block.text,
                page=block.page,
                page_end=block.pages[-1] if len(block.pages) > 1 else None,
                paragraph=block.number,
                section=section,
                role=ofsted.passage_role(
                    block.number, section, block.text, numbered_report=numbered_report
                ),
                themes=_themes(block.text, section, themes) or _fallback_theme(themes),
                themes_reviewed=False,
            )
        )
    return tuple(made)


def _fallback_theme(themes: dict[str, Theme]) -> tuple[str, ...]:
    # A passage needs a theme; one matching no theme's words gets the bank's first, and
    # themes_reviewed: false says a person must choose.
    return (next(iter(themes)),) if themes else ()


def _source(
    facts: ReportFacts,
    ident: str,
    short_name: str,
    when: date,
    report_file: str,
    reading: tuple[str, ...],
    warnings: tuple[IngestWarning, ...],
    given: bool,
) -> Source:
    year = facts.copyright_year or when.year
    said = []
    if facts.published is None:
        said.append(
            f"The report prints no publication date: {when.isoformat()} is "
            + ("the date given to carecite import." if given else "the inspections dataset's.")
        )
    said.append(f"Imported with carecite import from {report_file}.")
    # How the pages and paragraphs were numbered is what a pinpoint means: the bank says so.
    said += [f"{note[:1].upper()}{note[1:]}." for note in reading]
    if facts.non_commercial:
        said.append(
            "The back page permits copying “for non-commercial educational purposes” with "
            "the source and date of publication given; it grants no Open Government Licence."
        )
    if facts.framework == "ILACS" and not any(
        j.area.lower() == "overall effectiveness" for j in facts.judgements
    ):
        said.append("The report gives no overall-effectiveness judgement.")
    for warning in warnings:
        said.append(f"Ingest warning [{warning.code}]: {warning.message}.")
    said.append("Themes were suggested by carecite import and are not yet reviewed.")
    return Source(
        id=ident,
        kind=SourceKind.INSPECTION_REPORT,
        title=facts.title,
        short_name=short_name,
        author="Ofsted",
        publisher="Ofsted",
        authority=facts.authority,
        inspection_start=facts.inspected_from,
        inspection_end=facts.inspected_to,
        published=when,
        framework=facts.framework,
        judgements=facts.judgements,
        headline=facts.headline,
        licence="OGL-3.0" if facts.licensed else None,
        attribution=(
            f"Ofsted, Crown copyright {year}. Contains public sector information licensed "
            "under the Open Government Licence v3.0."
            if facts.licensed
            else f"Ofsted, Crown copyright {year}."
        ),
        report_file=report_file,
        note=" ".join(said),
    )


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value) if isinstance(value, int) else value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def _yaml(source: Source, passages: Iterable[Passage]) -> str:
    """The source file, laid out as the shipped ones are; strings JSON-quoted, so each is
    exactly the text it holds."""
    lines = ["# yaml-language-server: $schema=bank.schema.json", "source:"]
    header = {
        "id": source.id,
        "kind": str(source.kind),
        "author": source.author,
        "publisher": source.publisher,
        "authority": source.authority,
        "title": source.title,
        "short_name": source.short_name,
    }
    lines += [f"  {k}: {_scalar(v)}" for k, v in header.items()]
    lines.append(
        f"  inspected: {{from: {_scalar(source.inspection_start)}, "
        f"to: {_scalar(source.inspection_end)}}}"
    )
    lines.append(f"  published: {_scalar(source.published)}")
    lines.append(f"  framework: {source.framework}")
    lines.append("  judgements:")
    lines += [f"    - {{area: {_scalar(j.area)}, grade: {j.grade}}}" for j in source.judgements]
    for key in ("headline", "licence", "attribution", "report_file", "note"):
        lines.append(f"  {key}: {_scalar(getattr(source, key))}")
    lines.append("passages:")
    for p in passages:
        lines.append(f"  - id: {p.id}")
        lines.append(f"    text: {_scalar(p.text)}")
        lines.append(f"    page: {p.page}")
        if p.page_end is not None:
            lines.append(f"    page_end: {p.page_end}")
        lines.append(f"    paragraph: {_scalar(p.paragraph)}")
        lines.append(f"    section: {_scalar(p.section)}")
        lines.append(f"    role: {p.role}")
        lines.append(f"    themes: [{', '.join(p.themes)}]")
        lines.append("    themes_reviewed: false")
        lines.append("    checked: report")
    return "\n".join(lines) + "\n"


def _validate(text: str, name: str, bank: Bank, others: dict[str, Source]) -> None:
    """Check the file made as the bank will read it: a problem here is carecite's bug."""
    from carecite.bank.read import read_files
    from carecite.errors import Problem

    problems: list[Problem] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        read_files([path], bank.themes, dict(others), problems)
    if problems:
        raise BankError.from_problems(problems)
