"""Read a bank folder's YAML files into a ``Bank``: what ``load_bank`` does for a bank whose
snapshot is missing or stale, and what the search cache reads a few files at a time.

Each file is checked against ``bank.schema.json`` (``carecite.bank.validate``: the schema is
the rules, the line is the offending value's YAML node), then against the rest of the bank
(``carecite.bank.rules``: ids unique, themes and sources that exist). This module only turns
checked data into values: text in Unicode NFC without surrounding space, dates as ``date``.
Kept apart from ``load`` so a command whose bank comes from its snapshot (a draft) does not
import it.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from carecite.bank.files import list_bank
from carecite.bank.load import EXTENDS_SHIPPED, Bank
from carecite.bank.rules import duplicate_id, passage_problems, source_problems
from carecite.bank.validate import BANK_SCHEMA, Document, read_document
from carecite.errors import BankError, Problem, Step, StepText
from carecite.inputfile import LineMap
from carecite.model import Checked, Judgement, Passage, Source, SourceKind, Theme
from carecite.resources import THEMES_FILE, shipped_bank


@dataclass(frozen=True)
class Outline:
    """A bank folder read up to its source files: what each source file is checked against.

    ``problems`` are those of ``themes.yaml`` and of the folder (a ``.yml`` file); the
    source files themselves are not read yet, so a reader may take them a few at a time
    (``read_files``) instead of holding the whole bank at once.
    """

    folder: Path
    themes: Mapping[str, Theme]
    base: Bank | None
    source_files: tuple[Path, ...]
    problems: tuple[Problem, ...]

    @property
    def base_sources(self) -> dict[str, Source]:
        """The base bank's sources this bank keeps: those no file of its own replaces."""
        own = {path.stem for path in self.source_files}
        return {i: s for i, s in (self.base.sources if self.base else {}).items() if i not in own}

    @property
    def source_ids(self) -> set[str]:
        """Every source id the bank will hold once it is sound (a source's id is its file's
        name), for checking a ``checked_via`` before the file it names is read."""
        return {*self.base_sources, *(path.stem for path in self.source_files)}


def outline_bank(folder: Path) -> Outline:
    """Read a bank folder's themes and the bank it extends, and list its source files."""
    problems: list[Problem] = []
    document = _themes_document(folder / THEMES_FILE, problems)
    base = _base(folder, document, problems)
    themes = _read_themes(folder / THEMES_FILE, document, base.themes if base else {}, problems)
    files = list_bank(folder)
    problems.extend(files.problems)
    return Outline(folder, themes, base, files.source_files, tuple(problems))


def read_bank(folder: Path) -> Bank:
    """Read and check every file of a bank folder (``load_bank`` without its snapshot)."""
    outline = outline_bank(folder)
    problems = list(outline.problems)
    base, themes, source_files = outline.base, outline.themes, outline.source_files
    # A source file of this bank with a base source's id takes the base source's place.
    sources = outline.base_sources
    passages = {i: p for i, p in (base.passages if base else {}).items() if p.source in sources}
    replaced = {
        i: s.path or "" for i, s in (base.sources if base else {}).items() if i not in sources
    }
    for path, _, read in read_files(source_files, themes, sources, problems):
        for passage in read:
            if passage.id in passages:
                first = passages[passage.id]
                where = f"{first.path}:{first.line}"
                problems.append(duplicate_id("passage", passage.id, path, passage.line, where))
                continue
            passages[passage.id] = passage
    if problems:
        problems.sort(key=lambda p: (p.path or "", p.line or 0))
        raise BankError.from_problems(problems)
    files = (*(base.files if base else ()), *source_files)
    return Bank(folder, sources, passages, themes, files, base, replaced)


def _themes_document(path: Path, problems: list[Problem]) -> Document | None:
    if not os.path.lexists(path):
        problems.append(
            Problem(
                "is missing",
                str(path),
                None,
                StepText("every bank needs a themes.yaml listing its themes: ", Step.INIT_THEMES),
            )
        )
        return None
    document = read_document(path, BANK_SCHEMA, "themesFile")
    problems.extend(document.problems)
    return document


def _base(folder: Path, document: Document | None, problems: list[Problem]) -> Bank | None:
    """The shipped bank, when this bank's themes.yaml says ``extends: carecite``."""
    data = document.data if document is not None else None
    if not (isinstance(data, LineMap) and data.get("extends") == EXTENDS_SHIPPED):
        return None
    shipped = shipped_bank()
    if folder.resolve() == shipped.resolve():
        problems.append(
            Problem(
                "the shipped bank cannot extend itself",
                str(folder / THEMES_FILE),
                data.key_lines.get("extends"),
                "remove 'extends:'",
            )
        )
        return None
    return read_bank(shipped)


def _read_themes(
    path: Path,
    document: Document | None,
    underneath: Mapping[str, Theme],
    problems: list[Problem],
) -> dict[str, Theme]:
    """The themes of a bank: those of the bank it extends, then its own.

    A theme with the id of one underneath adds its synonyms to that one (and may give
    its own label and description); any other theme needs a label and a description.
    """
    themes = dict(underneath)
    table = document.data.get("themes") if document and isinstance(document.data, LineMap) else None
    if document is None or not isinstance(table, LineMap):
        return themes
    for theme_id, entry in table.items():
        if not document.is_sound("themes", theme_id):
            continue
        synonyms = tuple(_text(s) for s in entry.get("synonyms", ()))
        below = underneath.get(theme_id)
        label, description = entry.get("label"), entry.get("description")
        if below is not None:
            themes[theme_id] = Theme(
                theme_id,
                _text(label) if label else below.label,
                _text(description) if description else below.description,
                tuple(dict.fromkeys((*below.synonyms, *synonyms))),
            )
        elif label and description:
            themes[theme_id] = Theme(theme_id, _text(label), _text(description), synonyms)
        else:
            problems.append(
                Problem(
                    f"theme '{theme_id}' is new (not a shipped theme), so it needs a label "
                    "and a description",
                    str(path),
                    table.key_lines.get(theme_id),
                    StepText(
                        "add 'label:' and 'description:', or use a shipped theme's id ",
                        Step.THEMES_NAMED,
                    ),
                )
            )
    return themes


def read_files(
    paths: Iterable[Path],
    themes: Collection[str],
    sources: dict[str, Source],
    problems: list[Problem],
    referable: Collection[str] | None = None,
) -> list[tuple[Path, Source, tuple[Passage, ...]]]:
    """Read source files: each header, then each passage against the bank's themes and sources.

    Every header is read before any passage is checked, since a passage's ``checked_via``
    may name a source in a later file. Each source read is added to ``sources``; one whose
    id is already there (from another file) is a problem and its file is skipped. Every
    problem is appended to ``problems``, so all are reported at once.

    Args:
        paths: the source files.
        themes: the bank's theme ids.
        sources: the sources known so far (from other files), added to.
        problems: where problems go.
        referable: the source ids a ``checked_via`` may name, when the bank's sources are
            read a few files at a time (``Outline.source_ids``); else ``sources`` once read.

    Returns:
        Each file whose source could be read, with its sound passages in file order.
    """
    headers: list[tuple[Path, Source | None, Document]] = []
    for path in paths:
        document = read_document(path, BANK_SCHEMA, "sourceFile")
        problems.extend(document.problems)
        data = document.data
        header = data.get("source") if isinstance(data, LineMap) else None
        if not isinstance(header, LineMap):
            continue
        problems.extend(source_problems(path, header))
        source = _source(path, header) if document.is_sound("source") else None
        if source is not None and source.id in sources:
            first = sources[source.id]
            where = f"{first.path}:{first.line}"
            problems.append(duplicate_id("source", source.id, path, source.line, where))
            continue
        if source is not None:
            sources[source.id] = source
        headers.append((path, source, document))
    read = []
    for path, source, document in headers:
        entries = document.data.get("passages") or []
        found = []
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, LineMap):
                continue
            before = len(problems)
            problems.extend(passage_problems(path, entry, themes, referable or sources))
            sound = len(problems) == before and document.is_sound("passages", index)
            if source is not None and sound:
                found.append(_passage(path, source, entry))
        if source is not None:
            read.append((path, source, tuple(found)))
    return read


def _text(value: str) -> str:
    return unicodedata.normalize("NFC", value.strip())


def _optional(mapping: LineMap, key: str) -> Any:
    value = mapping.get(key)
    return _text(value) if isinstance(value, str) else value


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _source(path: Path, header: LineMap) -> Source:
    """The source of a header the schema found sound."""
    inspected = header.get("inspected") or {}
    return Source(
        id=header["id"],
        kind=SourceKind(header["kind"]),
        title=_text(header["title"]),
        short_name=_text(header["short_name"]),
        author=_text(header["author"]),
        publisher=_optional(header, "publisher"),
        authority=_optional(header, "authority"),
        inspection_start=_day(inspected.get("from")),
        inspection_end=_day(inspected.get("to")),
        published=_day(header.get("published")),
        partial_date=str(header["partial_date"]) if header.get("partial_date") else None,
        framework=header.get("framework"),
        judgements=tuple(
            Judgement(_text(j["area"]), j["grade"]) for j in header.get("judgements") or ()
        ),
        headline=_optional(header, "headline"),
        url=_optional(header, "url"),
        licence=_optional(header, "licence"),
        attribution=_optional(header, "attribution"),
        report_file=_optional(header, "report_file"),
        note=_optional(header, "note"),
        citation=_optional(header, "citation"),
        law_report=_optional(header, "law_report"),
        court=_optional(header, "court"),
        path=str(path),
        line=header.line,
    )


def _passage(path: Path, source: Source, mapping: LineMap) -> Passage:
    """The passage of a mapping the schema and the bank's rules found sound."""
    return Passage(
        id=mapping["id"],
        source=source.id,
        text=_text(mapping["text"]),
        page=mapping.get("page"),
        page_end=mapping.get("page_end"),
        paragraph=mapping.get("paragraph"),
        paragraph_end=mapping.get("paragraph_end"),
        section=_optional(mapping, "section"),
        role=mapping.get("role"),
        provision=_optional(mapping, "provision"),
        themes=tuple(mapping["themes"]),
        themes_reviewed=mapping.get("themes_reviewed", True),
        checked=Checked(mapping["checked"]),
        checked_via=mapping.get("checked_via"),
        note=_optional(mapping, "note"),
        path=str(path),
        line=mapping.line,
    )
