"""Add a passage to the bank from the report itself, with a checked pinpoint.

``add_passage`` locates the words in the source's report, optionally widens them to whole
sentences, fills page, paragraph and section from the report, and appends one entry to the
source's YAML file as text, so that everything already in the file (comments, order,
layout) stays as it was. The bank is then re-loaded to prove it is still valid; if it is
not, the file is put back as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Container, Sequence
from pathlib import Path

from carecite.bank.files import source_file
from carecite.bank.load import load_bank
from carecite.bank.validate import BANK_SCHEMA, schema_rule
from carecite.errors import BankError, SourceError
from carecite.model import Passage, Verdict
from carecite.output import write_text_atomic
from carecite.reports.held import held_report
from carecite.reports.ingest import SourceText, read_report
from carecite.reports.locate import locate_quote, normalise
from carecite.resources import writable_bank_dir

__all__ = ["add_passage"]

# The schema's id rule, which an id this module makes must pass (read here, not by every
# command that loads a bank: it parses the bank's schema).
ID_PATTERN = re.compile(schema_rule(BANK_SCHEMA, "id")["pattern"])


def add_passage(
    bank_dir: str | Path,
    source_id: str,
    words: str,
    themes: Sequence[str],
    reports_dir: str | Path,
    *,
    whole_sentence: bool = False,
    passage_id: str | None = None,
) -> Passage:
    """Append a passage quoting ``words`` from a source's report to the bank.

    Args:
        bank_dir: the bank folder.
        source_id: the source to quote; it must name a ``report_file``.
        words: the words to quote, as they appear in the report (typography aside).
        themes: theme ids for the passage.
        reports_dir: the folder holding the report PDFs.
        whole_sentence: widen the words to the whole sentence(s) they sit in.
        passage_id: the new passage's id; made from the source and pinpoint when omitted.

    Returns:
        The new passage, as loaded back from the bank.

    Raises:
        LookupFailed: unknown source or theme.
        SourceError: the source has no report, or the words are not in it verbatim.
        BankError: the passage id is taken or invalid, the source already holds these
            words, the bank is inside an installed package, or the source is one of the
            shipped bank's (nothing is written).
    """
    writable_bank_dir(bank_dir)
    bank = load_bank(bank_dir)
    source = bank.source(source_id)
    path = Path(source.path or source_file(Path(bank_dir), source_id))
    if path.parent.resolve() != Path(bank_dir).resolve():
        raise BankError(
            f"source '{source_id}' is in the bank shipped with carecite, which is read-only; "
            "nothing was written",
            path=path,
            hint=f"copy {path.name} into {bank_dir} (your copy then replaces the shipped "
            "source) and add the passage to it",
        )
    for theme in themes:
        bank.theme(theme)
    if not themes:
        raise BankError("a passage needs at least one theme", hint="pass --themes a,b")
    if not source.report_file:
        raise SourceError(
            f"source '{source_id}' has no report_file to quote from",
            path=source.path,
            hint="add passages of secondary sources by editing their YAML file",
        )
    file = held_report(source, reports_dir)
    if file is None:
        raise SourceError(
            f"report file {source.report_file} is not in {reports_dir}",
            path=source.path,
            hint="put the report in that folder, or pass --reports DIR",
        )
    report = read_report(file)
    found = locate_quote(report, words)
    if found.match is not Verdict.EXACT:
        detail = f" ({found.diff_text})" if found.diff else ""
        raise SourceError(
            f"the words are not in the report verbatim{detail}",
            path=report.path,
            hint="copy the words exactly as printed; run 'carecite locate' to see the difference",
        )
    text = _original_words(report, words) or words
    if whole_sentence:
        text = _whole_sentences(report, found.paragraph, found.page, words) or text
        found = locate_quote(report, text)
    same = [
        p.id
        for p in bank.passages.values()
        if p.source == source.id and normalise(p.text) == normalise(text)
    ]
    if same:
        raise BankError(
            f"these words are already in the bank as '{same[0]}'",
            path=source.path,
            hint=f"cite '{same[0]}' (or add more theme ids to it), rather than a second copy",
        )
    siblings = [p.id for p in bank.passages.values() if p.source == source.id]
    new_id = passage_id or _make_id(source_id, found.paragraph, found.page, bank.passages, siblings)
    if not ID_PATTERN.match(new_id):
        raise BankError(f"id {new_id!r} is not a valid id", hint="use e.g. th17-p16-drift")
    if new_id in bank.passages:
        raise BankError(f"passage id '{new_id}' is already used", hint="pass another --id")

    entry = _entry(new_id, text, found.page, found.page_end, found.paragraph, found.section)
    entry += f"    themes: [{', '.join(themes)}]\n    checked: report\n"
    before = path.read_text(encoding="utf-8")
    glue = "" if before.endswith("\n") else "\n"
    opened = before
    if not any(p.source == source.id for p in bank.passages.values()):
        opened, glue = _open_passages(before, glue)
    write_text_atomic(path, opened + glue + entry, force=True)
    try:
        return load_bank(bank_dir).passage(new_id)
    except Exception:
        write_text_atomic(path, before, force=True)
        raise


def _open_passages(text: str, glue: str) -> tuple[str, str]:
    """Make a file with no passages yet ready for a block-list entry to be appended.

    ``passages: []`` (or ``null``) becomes ``passages:``; a file without the key gets it.
    """
    empty = re.compile(r"^passages:[ \t]*(?:\[[ \t]*\]|null|~)?[ \t]*(#.*)?$", re.MULTILINE)
    if empty.search(text):
        return empty.sub(
            lambda m: "passages:" + (f"  {m.group(1)}" if m.group(1) else ""), text
        ), glue
    return text + glue + "passages:\n", ""


def _entry(
    passage_id: str,
    text: str,
    page: int | None,
    page_end: int | None,
    paragraph: int | None,
    section: str | None,
) -> str:
    # JSON strings are valid YAML double-quoted scalars, so nothing needs YAML escaping.
    lines = [f"  - id: {passage_id}", f"    text: {json.dumps(text, ensure_ascii=False)}"]
    lines.append(f"    page: {page if page is not None else 'null'}")
    if page_end is not None:
        lines.append(f"    page_end: {page_end}")
    lines.append(f"    paragraph: {paragraph if paragraph is not None else 'null'}")
    lines.append(f"    section: {json.dumps(section, ensure_ascii=False) if section else 'null'}")
    return "\n".join(lines) + "\n"


def _span(report: SourceText, words: str) -> tuple[str, int, int] | None:
    """The block holding ``words`` and their start and end offsets in its own text.

    The words are compared after ``normalise``, which can change lengths ("…" becomes
    "...", whitespace collapses), so offsets are mapped back character by character.
    """
    from carecite.reports.locate import normalise

    wanted = normalise(words).casefold()
    for block in report.blocks:
        plain: list[str] = []
        origin: list[int] = []  # index in ``block.text`` of each character of ``plain``
        for i, char in enumerate(block.text):
            piece = " " if char.isspace() else normalise(char).casefold()
            if piece == " " and (not plain or plain[-1] == " "):
                continue
            plain.extend(piece)
            origin.extend([i] * len(piece))
        at = "".join(plain).find(wanted)
        if wanted and at >= 0:
            last = origin[at + len(wanted) - 1]
            return block.text, origin[at], last + 1
    return None


def _original_words(report: SourceText, words: str) -> str | None:
    """The words as the report prints them (its own quotes and dashes)."""
    span = _span(report, words)
    return span[0][span[1] : span[2]] if span else None


def _whole_sentences(
    report: SourceText, paragraph: int | None, page: int | None, words: str
) -> str | None:
    span = _span(report, words)
    if span is None:
        return None
    block, at, end = span
    # Search the whole block: a boundary right before the words needs the capital after it.
    boundaries = re.finditer(r"[.!?][’”\"')]*\s+(?=[A-Z‘“\"'(])", block)
    starts = [m.end() for m in boundaries if m.end() <= at]
    start = starts[-1] if starts else 0
    stop = re.search(r"[.!?][’”\"')]*(?=\s|$)", block[max(end - 1, 0) :])
    finish = max(end - 1, 0) + stop.end() if stop else len(block)
    return block[start:finish].strip()


def _make_id(
    source_id: str,
    paragraph: int | None,
    page: int | None,
    taken: Container[str],
    siblings: Sequence[str] = (),
) -> str:
    """``th17-p16`` or ``th17-page2``: the prefix the source's passages already share, else
    one made from the source id (initials of the place and the year's last two digits)."""
    prefixes = {sibling.split("-", 1)[0] for sibling in siblings}
    if len(prefixes) == 1:
        stem = prefixes.pop()
    else:
        digits = re.findall(r"\d{4}", source_id)
        place = re.sub(r"^ofsted-|-\d{4}.*$", "", source_id)
        stem = "".join(part[0] for part in place.split("-") if part)
        stem += digits[0][2:] if digits else ""
    pin = f"p{paragraph}" if paragraph is not None else f"page{page}"
    base = f"{stem}-{pin}"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
