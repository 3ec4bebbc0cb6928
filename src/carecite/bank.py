"""Load and validate the quote bank: ``themes.yaml`` and one YAML file per source.

``load_bank`` reads a bank folder into a ``Bank`` or raises one ``BankError`` listing every
problem found, each as ``file:line: what is wrong — what to do``. YAML is read with the
safe loader (no object tags), and line numbers come from the YAML nodes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar, cast

from carecite.errors import BankError, LookupFailed, Problem
from carecite.model import (
    FRAMEWORK_SCALES,
    Checked,
    Judgement,
    Passage,
    Source,
    SourceKind,
    Theme,
)
from carecite.suggest import did_you_mean
from carecite.yamlfile import LineMap, parse_yaml

_T = TypeVar("_T")

THEMES_FILE = "themes.yaml"
SCHEMA_FILE = "bank.schema.json"

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# XML 1.0 forbids these; PDF extraction produces them, and Word cannot hold them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

SOURCE_KEYS = {
    "id": True,
    "kind": True,
    "title": True,
    "short_name": True,
    "author": True,
    "publisher": False,
    "authority": False,
    "inspected": False,
    "published": False,
    "framework": False,
    "judgements": False,
    "headline": False,
    "url": False,
    "licence": False,
    "attribution": False,
    "report_file": False,
    "note": False,
}
PASSAGE_KEYS = {
    "id": True,
    "text": True,
    "themes": True,
    "checked": True,
    "page": False,
    "page_end": False,
    "paragraph": False,
    "paragraph_end": False,
    "section": False,
    "provision": False,
    "checked_via": False,
    "note": False,
}
THEME_KEYS = {"label": True, "description": True, "synonyms": False}


@dataclass(frozen=True)
class Bank:
    """A loaded, validated quote bank.

    Mappings keep file order: sources in file-name order, passages as written.
    """

    directory: Path
    sources: Mapping[str, Source]
    passages: Mapping[str, Passage]
    themes: Mapping[str, Theme]
    files: tuple[Path, ...] = field(default=())

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id; ``LookupFailed`` with close ids otherwise."""
        return _lookup(self.passages, passage_id, "passage", "carecite list")

    def source(self, source_id: str) -> Source:
        """The source with this id; ``LookupFailed`` with close ids otherwise."""
        return _lookup(self.sources, source_id, "source", "carecite sources")

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id; ``LookupFailed`` with close ids otherwise."""
        return _lookup(self.themes, theme_id, "theme", "carecite themes")

    def select(
        self,
        *,
        theme: str | None = None,
        source: str | None = None,
        authority: str | None = None,
    ) -> tuple[Passage, ...]:
        """Passages matching every filter given, in bank order.

        ``theme`` and ``source`` are ids (checked: an unknown one raises ``LookupFailed``);
        ``authority`` matches a source's authority case-insensitively by substring.
        """
        if theme is not None:
            self.theme(theme)
        if source is not None:
            self.source(source)
        wanted = authority.casefold() if authority else None
        return tuple(
            passage
            for passage in self.passages.values()
            if (theme is None or theme in passage.themes)
            and (source is None or passage.source == source)
            and (
                wanted is None
                or wanted in (self.sources[passage.source].authority or "").casefold()
            )
        )


def _lookup(table: Mapping[str, _T], key: str, what: str, listing: str) -> _T:
    try:
        return table[key]
    except KeyError:
        hint = did_you_mean(key, table) or f"run '{listing}' to see them"
        raise LookupFailed(f"no {what} with id '{key}'", hint=hint) from None


def bank_folder(directory: str | Path) -> Path:
    """``directory`` as a path, once it is known to be a folder.

    Raises:
        BankError: it is not a folder.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise BankError(
            "is not a folder",
            path=folder,
            hint="point --bank (or CARECITE_BANK) at a folder of quote-bank YAML files",
        )
    return folder


def load_bank(directory: str | Path) -> Bank:
    """Read and validate every file of a bank folder.

    Args:
        directory: a folder holding ``themes.yaml`` and ``*.yaml`` source files.

    Returns:
        The bank, with sources in file-name order.

    Raises:
        BankError: listing every problem in every file, each with its file and line.
    """
    folder = bank_folder(directory)
    problems: list[Problem] = []
    themes = _read_themes(folder / THEMES_FILE, problems)
    source_files = sorted(p for p in folder.glob("*.yaml") if p.name != THEMES_FILE)
    for stray in sorted(folder.glob("*.yml")):
        # Not read: a source saved as .yml would otherwise vanish from the bank unnoticed.
        problems.append(
            _problem(stray, None, "is not read: bank files end in .yaml", "rename it to .yaml")
        )
    sources: dict[str, Source] = {}
    raw = read_sources(source_files, sources, problems)

    passages: dict[str, Passage] = {}
    for path, source, passage_maps in raw:
        for mapping, _ in passage_maps:
            passage = read_passage(path, source, mapping, themes, sources, problems)
            if passage is None:
                continue
            if passage.id in passages:
                first = passages[passage.id]
                problems.append(
                    _problem(
                        path,
                        passage.line,
                        f"duplicate passage id '{passage.id}' (first at {first.path}:{first.line})",
                        "give each passage its own id",
                    )
                )
                continue
            passages[passage.id] = passage
    if problems:
        problems.sort(key=lambda p: (p.path or "", p.line or 0))
        raise BankError.from_problems(problems)
    return Bank(folder, sources, passages, themes, tuple(source_files))


# --- Reading files -------------------------------------------------------------------------


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(
            _problem(path, None, f"is not UTF-8 text ({error.reason})", "save it as UTF-8")
        )
        return None
    document, problem = parse_yaml(text, path)
    if problem is not None:
        problems.append(problem)
    return document


def _problem(path: Path | str, line: int | None, message: str, hint: str | None) -> Problem:
    return Problem(message, str(path), line, hint)


# --- Field checks -------------------------------------------------------------------------


def _check_keys(
    path: Path,
    mapping: LineMap,
    allowed: Mapping[str, bool],
    what: str,
    problems: list[Problem],
) -> bool:
    """Report unknown, duplicate and missing keys; True when the mapping is usable."""
    usable = True
    for key, line in mapping.duplicates:
        problems.append(
            _problem(path, line, f"{what} key '{key}' is given twice", "keep one of them")
        )
    for key in mapping:
        if key not in allowed:
            hint = did_you_mean(key, allowed) or "allowed keys: " + ", ".join(allowed)
            problems.append(
                _problem(path, mapping.key_lines[key], f"unknown {what} key '{key}'", hint)
            )
    for key, required in allowed.items():
        if required and key not in mapping:
            problems.append(
                _problem(path, mapping.line, f"{what} is missing '{key}'", f"add '{key}:'")
            )
            usable = False
    return usable


def _line_of(mapping: LineMap, key: str) -> int:
    return mapping.key_lines.get(key, mapping.line)


def _text(
    path: Path, mapping: LineMap, key: str, problems: list[Problem], *, required: bool = False
) -> str | None:
    value = mapping.get(key)
    if value is None:
        if required:
            problems.append(
                _problem(path, _line_of(mapping, key), f"'{key}' is empty", f"give a {key}")
            )
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(
            _problem(
                path,
                _line_of(mapping, key),
                f"'{key}' must be non-empty text, got {value!r}",
                "write it as text",
            )
        )
        return None
    if match := _CONTROL.search(value):
        problems.append(
            _problem(
                path,
                _line_of(mapping, key),
                f"'{key}' holds the control character U+{ord(match.group()):04X}",
                "delete it (it usually comes from copying out of a PDF)",
            )
        )
        return None
    return unicodedata.normalize("NFC", value.strip())


def _identifier(path: Path, mapping: LineMap, problems: list[Problem]) -> str | None:
    value = mapping.get("id")
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        problems.append(
            _problem(
                path,
                _line_of(mapping, "id"),
                f"id {value!r} is not a valid id",
                "use lower-case letters, digits and single hyphens, e.g. th17-exec-summary",
            )
        )
        return None
    return value


def _positive(path: Path, mapping: LineMap, key: str, problems: list[Problem]) -> int | None:
    value = mapping.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        problems.append(
            _problem(
                path,
                _line_of(mapping, key),
                f"{key} must be a whole number of 1 or more, got {value!r}",
                f"use the {key} number printed in the source, or null with a note saying why",
            )
        )
        return None
    return value


def _date(path: Path, line: int, key: str, value: Any, problems: list[Problem]) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(
            _problem(path, line, f"{key} {value!r} is not a date", "write it as YYYY-MM-DD")
        )
        return None


# --- Themes --------------------------------------------------------------------------------


def _read_themes(path: Path, problems: list[Problem]) -> dict[str, Theme]:
    if not path.is_file():
        problems.append(
            _problem(path, None, "is missing", "every bank needs a themes.yaml listing its themes")
        )
        return {}
    document = _read_yaml(path, problems)
    if document is None:
        return {}
    table = document.get("themes") if isinstance(document, LineMap) else None
    if not isinstance(table, LineMap):
        problems.append(
            _problem(path, 1, "has no 'themes:' mapping", "start the file with 'themes:'")
        )
        return {}
    themes: dict[str, Theme] = {}
    for theme_id, entry in table.items():
        line = table.key_lines[theme_id]
        if not ID_PATTERN.match(theme_id):
            problems.append(
                _problem(path, line, f"theme id '{theme_id}' is not a valid id", "use e.g. lscb")
            )
            continue
        if not isinstance(entry, LineMap):
            problems.append(
                _problem(path, line, f"theme '{theme_id}' must be a mapping", "give label etc.")
            )
            continue
        if not _check_keys(path, entry, THEME_KEYS, f"theme '{theme_id}'", problems):
            continue
        label = _text(path, entry, "label", problems, required=True)
        description = _text(path, entry, "description", problems, required=True)
        synonyms = entry.get("synonyms") or []
        if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
            problems.append(
                _problem(path, _line_of(entry, "synonyms"), "synonyms must be a list of text", None)
            )
            synonyms = []
        if label and description:
            themes[theme_id] = Theme(theme_id, label, description, tuple(synonyms))
    return themes


# --- Sources -------------------------------------------------------------------------------


def read_sources(
    paths: Iterable[Path], sources: dict[str, Source], problems: list[Problem]
) -> list[tuple[Path, Source, list[tuple[LineMap, str]]]]:
    """Read the header of each file (``read_source``), adding its source to ``sources``.

    A source id already in ``sources`` (from another file) is a problem and is skipped.

    Returns:
        Each file read, with its source and its passages' raw mappings.
    """
    read = []
    for path in paths:
        loaded = read_source(path, problems)
        if loaded is None:
            continue
        source, passage_maps = loaded
        if source.id in sources:
            problems.append(
                _problem(
                    path,
                    source.line,
                    f"source id '{source.id}' is already used in {sources[source.id].path}",
                    "give each source its own id",
                )
            )
            continue
        sources[source.id] = source
        read.append((path, source, passage_maps))
    return read


def read_source(
    path: Path, problems: list[Problem]
) -> tuple[Source, list[tuple[LineMap, str]]] | None:
    """Read one source file's header, leaving its passages to ``read_passage``.

    Passages are checked once every source of the bank is known, since a passage's
    ``checked_via`` may name a source in a later file. Problems are appended to
    ``problems``; ``None`` when the file gives no usable source.

    Returns:
        The source, and each passage's raw mapping with the source id.
    """
    document = _read_yaml(path, problems)
    if document is None:
        return None
    if not isinstance(document, LineMap):
        problems.append(
            _problem(path, 1, "must be a mapping with 'source:' and 'passages:'", "see FORMAT.md")
        )
        return None
    if not _check_keys(path, document, {"source": True, "passages": False}, "file", problems):
        return None
    header = document["source"]
    if not isinstance(header, LineMap):
        problems.append(
            _problem(path, _line_of(document, "source"), "'source' must be a mapping", None)
        )
        return None
    source = _read_header(path, header, problems)
    passages = document.get("passages") or []
    if not isinstance(passages, list):
        problems.append(
            _problem(path, _line_of(document, "passages"), "'passages' must be a list", None)
        )
        return None
    if source is None:
        return None
    items: list[tuple[LineMap, str]] = []
    for entry in passages:
        if not isinstance(entry, LineMap):
            problems.append(
                _problem(
                    path,
                    _line_of(document, "passages"),
                    "each passage must be a mapping",
                    "start it with '- id:'",
                )
            )
            continue
        items.append((entry, source.id))
    return source, items


def _read_header(path: Path, header: LineMap, problems: list[Problem]) -> Source | None:
    if not _check_keys(path, header, SOURCE_KEYS, "source", problems):
        return None
    source_id = _identifier(path, header, problems)
    if source_id and source_id != path.stem:
        problems.append(
            _problem(
                path,
                _line_of(header, "id"),
                f"source id '{source_id}' differs from the file name '{path.stem}'",
                f"rename the file to {source_id}.yaml or change the id",
            )
        )
    try:
        # Any YAML value: None, a number or a list is not a member and raises ValueError.
        kind = SourceKind(cast(str, header.get("kind")))
    except ValueError:
        problems.append(
            _problem(
                path,
                _line_of(header, "kind"),
                f"unknown kind {header.get('kind')!r}",
                "use one of " + ", ".join(k.value for k in SourceKind),
            )
        )
        kind = None
    framework = header.get("framework")
    if framework is not None and framework not in FRAMEWORK_SCALES:
        problems.append(
            _problem(
                path,
                _line_of(header, "framework"),
                f"unknown framework {framework!r}",
                "use one of " + ", ".join(FRAMEWORK_SCALES),
            )
        )
        framework = None
    if kind is not None and kind.is_report:
        for key in ("authority", "published", "framework", "report_file"):
            if key not in header:
                problems.append(
                    _problem(
                        path,
                        header.line,
                        f"a {kind.value} source needs '{key}'",
                        f"add '{key}:' (null where the source does not give it, with a note)",
                    )
                )
    inspected = header.get("inspected") or {}
    start = end = None
    if isinstance(inspected, LineMap):
        line = _line_of(header, "inspected")
        start = _date(path, line, "inspected.from", inspected.get("from"), problems)
        end = _date(path, line, "inspected.to", inspected.get("to"), problems)
    elif inspected:
        problems.append(
            _problem(path, _line_of(header, "inspected"), "inspected must be {from:, to:}", None)
        )
    published = _date(
        path, _line_of(header, "published"), "published", header.get("published"), problems
    )
    judgements = _read_judgements(path, header, framework, problems)
    fields = {
        key: _text(path, header, key, problems, required=SOURCE_KEYS[key])
        for key in (
            "title",
            "short_name",
            "author",
            "publisher",
            "authority",
            "headline",
            "url",
            "licence",
            "attribution",
            "report_file",
            "note",
        )
    }
    # Problems in the header are already recorded; go on so its passages are checked too.
    if source_id is None or kind is None:
        return None
    return Source(
        id=source_id,
        kind=kind,
        title=fields["title"] or "",
        short_name=fields["short_name"] or "",
        author=fields["author"] or "",
        publisher=fields["publisher"],
        authority=fields["authority"],
        inspection_start=start,
        inspection_end=end,
        published=published,
        framework=framework,
        judgements=judgements,
        headline=fields["headline"],
        url=fields["url"],
        licence=fields["licence"],
        attribution=fields["attribution"],
        report_file=fields["report_file"],
        note=fields["note"],
        path=str(path),
        line=header.line,
    )


def _read_judgements(
    path: Path, header: LineMap, framework: str | None, problems: list[Problem]
) -> tuple[Judgement, ...]:
    entries = header.get("judgements") or []
    line = _line_of(header, "judgements")
    if not isinstance(entries, list):
        problems.append(_problem(path, line, "judgements must be a list", "see FORMAT.md"))
        return ()
    scale = FRAMEWORK_SCALES.get(framework or "", ())
    judgements = []
    for entry in entries:
        where = entry.line if isinstance(entry, LineMap) else line
        if not isinstance(entry, LineMap) or not _check_keys(
            path, entry, {"area": True, "grade": True}, "judgement", problems
        ):
            continue
        area = _text(path, entry, "area", problems, required=True)
        grade = _text(path, entry, "grade", problems, required=True)
        if grade and scale and grade.lower() not in scale:
            problems.append(
                _problem(
                    path,
                    where,
                    f"grade '{grade}' is not on the {framework} scale",
                    "use one of: " + ", ".join(scale),
                )
            )
            continue
        if area and grade:
            judgements.append(Judgement(area, grade.lower()))
    return tuple(judgements)


# --- Passages ------------------------------------------------------------------------------


def read_passage(
    path: Path,
    source: Source,
    mapping: LineMap,
    themes: Mapping[str, Theme],
    sources: Mapping[str, Source],
    problems: list[Problem],
) -> Passage | None:
    """Validate one passage mapping of ``source``'s file against the bank's themes and sources.

    Problems are appended to ``problems``; ``None`` when the passage is not usable.
    """
    before = len(problems)
    if not _check_keys(path, mapping, PASSAGE_KEYS, "passage", problems):
        return None
    passage_id = _identifier(path, mapping, problems)
    text = _text(path, mapping, "text", problems, required=True)
    page = _positive(path, mapping, "page", problems)
    page_end = _positive(path, mapping, "page_end", problems)
    paragraph = _positive(path, mapping, "paragraph", problems)
    paragraph_end = _positive(path, mapping, "paragraph_end", problems)
    section = _text(path, mapping, "section", problems)
    provision = _text(path, mapping, "provision", problems)
    note = _text(path, mapping, "note", problems)
    _check_range(path, mapping, "page", page, page_end, problems)
    _check_range(path, mapping, "paragraph", paragraph, paragraph_end, problems)
    theme_ids = tuple(_read_theme_ids(path, mapping, themes, problems))
    checked, checked_via = _read_checked(path, mapping, sources, problems)

    if source.kind.is_report:
        for key in ("page", "paragraph", "section"):
            if key not in mapping:
                problems.append(
                    _problem(
                        path,
                        mapping.line,
                        f"passage '{passage_id}' needs '{key}'",
                        f"add '{key}:' — the number the report shows, or null with a note",
                    )
                )
        if checked is Checked.REPORT and "page" in mapping and mapping["page"] is None:
            problems.append(
                _problem(
                    path,
                    _line_of(mapping, "page"),
                    f"passage '{passage_id}' was checked against the report but has no page",
                    "give the page printed on the report, or mark it checked: secondary",
                )
            )
        # Where the report is not held, a secondary pinpoint may not know its heading.
        if checked is Checked.REPORT and paragraph is None and not section and "section" in mapping:
            problems.append(
                _problem(
                    path,
                    _line_of(mapping, "section"),
                    f"passage '{passage_id}' has no paragraph and no section",
                    "name the heading the unnumbered text sits under",
                )
            )
    if source.kind is SourceKind.STATUTE and not provision:
        problems.append(
            _problem(
                path,
                mapping.line,
                f"passage '{passage_id}' of a statute needs 'provision'",
                "add e.g. 'provision: s 14'",
            )
        )
    if len(problems) > before or passage_id is None or text is None or checked is None:
        return None
    return Passage(
        id=passage_id,
        source=source.id,
        text=text,
        page=page,
        page_end=page_end,
        paragraph=paragraph,
        paragraph_end=paragraph_end,
        section=section,
        provision=provision,
        themes=theme_ids,
        checked=checked,
        checked_via=checked_via,
        note=note,
        path=str(path),
        line=mapping.line,
    )


def _check_range(
    path: Path,
    mapping: LineMap,
    key: str,
    start: int | None,
    end: int | None,
    problems: list[Problem],
) -> None:
    if end is not None and (start is None or end < start):
        problems.append(
            _problem(
                path,
                _line_of(mapping, f"{key}_end"),
                f"{key}_end {end} does not follow {key} {start}",
                f"{key}_end must be at least {key}",
            )
        )


def _read_theme_ids(
    path: Path, mapping: LineMap, themes: Mapping[str, Theme], problems: list[Problem]
) -> Iterator[str]:
    value = mapping.get("themes")
    line = _line_of(mapping, "themes")
    if not isinstance(value, list) or not value:
        problems.append(
            _problem(path, line, "themes must be a non-empty list", "e.g. themes: [partnership]")
        )
        return
    for theme_id in value:
        if theme_id in themes:
            yield theme_id
        elif themes:
            hint = did_you_mean(str(theme_id), themes) or "run 'carecite themes' to list them"
            problems.append(_problem(path, line, f"unknown theme '{theme_id}'", hint))


def _read_checked(
    path: Path, mapping: LineMap, sources: Mapping[str, Source], problems: list[Problem]
) -> tuple[Checked | None, str | None]:
    line = _line_of(mapping, "checked")
    try:
        # Any YAML value: None, a number or a list is not a member and raises ValueError.
        checked = Checked(cast(str, mapping.get("checked")))
    except ValueError:
        problems.append(
            _problem(
                path,
                line,
                f"checked must be 'report' or 'secondary', got {mapping.get('checked')!r}",
                "'report' if you read the pinpoint in the source itself",
            )
        )
        return None, None
    via = mapping.get("checked_via")
    if checked is Checked.SECONDARY:
        if not via:
            problems.append(
                _problem(
                    path,
                    line,
                    "a secondary pinpoint needs 'checked_via'",
                    "name the source id that gives the pinpoint",
                )
            )
            return None, None
        if via not in sources:
            hint = did_you_mean(str(via), sources) or "add that source to the bank"
            problems.append(
                _problem(path, _line_of(mapping, "checked_via"), f"unknown source '{via}'", hint)
            )
            return None, None
    elif via:
        problems.append(
            _problem(
                path,
                _line_of(mapping, "checked_via"),
                "checked_via is only for checked: secondary",
                "remove it, or mark the pinpoint secondary",
            )
        )
    return checked, via


def theme_coverage(bank: Bank) -> dict[str, dict[str, int]]:
    """How many passages each source has under each theme: ``{theme: {source: count}}``."""
    coverage: dict[str, dict[str, int]] = {theme_id: {} for theme_id in bank.themes}
    for passage in bank.passages.values():
        for theme_id in passage.themes:
            per_source = coverage[theme_id]
            per_source[passage.source] = per_source.get(passage.source, 0) + 1
    return coverage


def authorities(sources: Iterable[Source]) -> list[str]:
    """The distinct authorities named by these sources, in first-seen order."""
    return list(dict.fromkeys(s.authority for s in sources if s.authority))
