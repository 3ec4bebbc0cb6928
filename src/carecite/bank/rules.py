"""The rules no JSON Schema can state, in one place: everything else is in the schemas.

A schema sees one file as plain data. It cannot see a key given twice (YAML keeps the
last), compare a file's name with its contents, look across files (ids unique in the bank,
theme ids that exist, ``checked_via`` naming a source), compare two numbers of one passage
(a range running backwards), or look a case's ids up in the bank. Those rules are here; the
rest live in ``quotes/bank.schema.json`` and ``examples/case.schema.json`` and are applied
by ``carecite.bank.validate``.

Each function takes data already read by ``carecite.yamlfile`` and returns problems; each
tolerates data the schema has already faulted (a wrong type is skipped here, since the
schema reports it), so every problem of a file is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from carecite.errors import Problem, Step, StepText
from carecite.inputfile import LineList, LineMap
from carecite.model import Source
from carecite.suggest import did_you_mean

# Where a problem lies in a document (keys and list indexes), its line, message and hint.
Found = tuple[tuple[str | int, ...], int | None, str, str | None]

ACTING_FOR_FIXED = {"local-authority": "the Local Authority", "guardian": "the Children’s Guardian"}
_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,3}$")
_NAME_WORD = re.compile(r"[A-Za-z][a-z]+")


def duplicate_keys(data: Any, place: tuple[str | int, ...] = ()) -> Iterator[Found]:
    """Every key given twice in a mapping, anywhere in the document (YAML keeps the last)."""
    if isinstance(data, LineMap):
        for key, line in data.duplicates:
            where = ".".join(str(s) for s in (*place, key) if isinstance(s, str))
            yield place, line, f"key '{where}' is given twice", "keep one of them"
        for key, value in data.items():
            yield from duplicate_keys(value, (*place, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from duplicate_keys(item, (*place, index))


# --- the bank -------------------------------------------------------------------------------


def source_problems(path: Path, header: LineMap) -> Iterator[Problem]:
    """A source's id must be its file's name, so ``<id>.yaml`` is where to find it."""
    source_id = header.get("id")
    if isinstance(source_id, str) and source_id != path.stem:
        yield Problem(
            f"source id '{source_id}' differs from the file name '{path.stem}'",
            str(path),
            header.key_lines.get("id", header.line),
            f"rename the file to {source_id}.yaml or change the id",
        )


def short_name_key(short_name: str) -> str:
    """What makes two short names one name: the same words, case and spacing aside."""
    return " ".join(short_name.casefold().split())


def shared_short_names(sources: Iterable[Source]) -> Iterator[Problem]:
    """Sources given the short name of a source before them. A citation naming that short
    name reads as either, so the audit could pass words from one cited as the other."""
    first: dict[str, Source] = {}
    for source in sources:
        other = first.setdefault(short_name_key(source.short_name), source)
        if other is not source:
            yield Problem(
                f"short name '{source.short_name}' is also the short name of {other.id}"
                + (f" ({other.path}:{other.line})" if other.path else ""),
                source.path,
                source.line,
                "give this source a short name of its own, naming its authority "
                "('Ofsted Blackpool 2019 report')",
            )


def duplicate_id(what: str, ident: str, path: Path, line: int | None, first: str) -> Problem:
    """The problem of an id (``passage``, ``source``) already used at ``first``."""
    return Problem(
        f"duplicate {what} id '{ident}' (first at {first})",
        str(path),
        line,
        f"give each {what} its own id",
    )


def passage_problems(
    path: Path, passage: LineMap, themes: Collection[str], sources: Collection[str]
) -> Iterator[Problem]:
    """A passage's themes exist, its ``checked_via`` names a source, its ranges run forward.

    Args:
        path: the passage's file.
        passage: the passage as read.
        themes: the bank's theme ids (empty when themes.yaml could not be read: not checked).
        sources: the bank's source ids.
    """
    names = passage.get("themes")
    if themes and isinstance(names, LineList):
        for theme_id, line in zip(names, names.item_lines, strict=True):
            if isinstance(theme_id, str) and theme_id not in themes:
                hint = did_you_mean(theme_id, themes) or StepText(Step.LIST_THEMES)
                yield Problem(f"unknown theme '{theme_id}'", str(path), line, hint)
    via = passage.get("checked_via")
    if isinstance(via, str) and via.strip() and via not in sources:
        yield Problem(
            f"unknown source '{via}'",
            str(path),
            passage.key_lines.get("checked_via", passage.line),
            did_you_mean(via, sources) or "add that source to the bank",
        )
    for key in ("page", "paragraph"):
        start, end = passage.get(key), passage.get(f"{key}_end")
        if isinstance(start, int) and isinstance(end, int) and end < start:
            yield Problem(
                f"{key}_end {end} does not follow {key} {start}",
                str(path),
                passage.key_lines.get(f"{key}_end", passage.line),
                f"{key}_end must be at least {key}",
            )


# --- a case file ----------------------------------------------------------------------------


def case_problems(
    path: Path,
    case: LineMap,
    themes: Collection[str],
    passages: Collection[str],
    sources: Collection[str],
) -> Iterator[Problem]:
    """What a case file names must exist: the party acted for, and every bank id it cites.

    Args:
        path: the case file.
        case: the case file as read.
        themes, passages, sources: the bank's ids.
    """
    yield from _acting_for(path, case)
    relied = case.get("relied_on")
    if isinstance(relied, LineMap):
        yield from _known(path, relied.get("themes"), themes, "theme", Step.THEMES)
        yield from _known(path, relied.get("passages"), passages, "passage", Step.PASSAGES)
    yield from _unknown_findings(path, case.get("issues"), passages)
    witness = case.get("witness")
    if isinstance(witness, LineMap):
        yield from _known(
            path,
            witness.get("exhibits"),
            sources,
            "source",
            Step.SOURCES,
            " in exhibits",
        )
    bundle = case.get("bundle")
    refs = bundle.get("sources") if isinstance(bundle, LineMap) else None
    if isinstance(refs, LineMap):
        for source_id in refs:
            if source_id not in sources:
                yield Problem(
                    f"unknown source '{source_id}'",
                    str(path),
                    refs.key_lines[source_id],
                    did_you_mean(source_id, sources) or StepText(Step.SOURCES),
                )
    firsts = bundle.get("first_report_page") if isinstance(bundle, LineMap) else None
    if isinstance(firsts, LineMap):
        placed = refs if isinstance(refs, LineMap) else {}
        for source_id in firsts:
            if source_id not in placed:
                yield Problem(
                    f"first_report_page names '{source_id}', which bundle.sources does not place",
                    str(path),
                    firsts.key_lines[source_id],
                    f"add '{source_id}: F1' (its first bundle page) under bundle.sources",
                )


def _unknown_findings(path: Path, issues: Any, passages: Collection[str]) -> Iterator[Problem]:
    """Each issue's findings name passages of the bank (``- id`` or ``- {passage: id}``)."""
    for issue in issues if isinstance(issues, LineList) else []:
        findings = issue.get("findings") if isinstance(issue, LineMap) else None
        if not isinstance(findings, LineList):
            continue
        for finding, line in zip(findings, findings.item_lines, strict=True):
            if isinstance(finding, LineMap):
                ident, line = finding.get("passage"), finding.key_lines.get("passage", line)
            else:
                ident = finding
            if isinstance(ident, str) and ident not in passages:
                hint = did_you_mean(ident, passages) or StepText(Step.PASSAGES)
                yield Problem(f"unknown passage '{ident}' in findings", str(path), line, hint)


def _acting_for(path: Path, case: LineMap) -> Iterator[Problem]:
    """``acting_for`` names a party: the guardian, the authority, or a parent's relationship."""
    value = case.get("acting_for")
    if not isinstance(value, str) or not value.strip():
        return
    parents = case.get("parents")
    relationships = [
        p["relationship"].casefold()
        for p in (parents if isinstance(parents, list) else [])
        if isinstance(p, LineMap) and isinstance(p.get("relationship"), str)
    ]
    allowed = [*ACTING_FOR_FIXED, *relationships]
    wanted = " ".join(value.split()).casefold()
    if wanted not in allowed:
        yield Problem(
            f"unknown party '{wanted}' in acting_for",
            str(path),
            case.key_lines["acting_for"],
            did_you_mean(wanted, allowed) or "use one of: " + ", ".join(allowed),
        )


def _known(
    path: Path,
    ids: Any,
    known: Collection[str],
    what: str,
    listing: Step,
    where: str = "",
) -> Iterator[Problem]:
    if not isinstance(ids, LineList):
        return
    for ident, line in zip(ids, ids.item_lines, strict=True):
        if isinstance(ident, str) and ident not in known:
            hint = did_you_mean(ident, known) or StepText(listing)
            yield Problem(f"unknown {what} '{ident}'{where}", str(path), line, hint)


def case_warnings(path: Path, case: LineMap) -> Iterator[Problem]:
    """Things allowed but worth a second look: a child named by more than initials."""
    children = case.get("children")
    for child in children if isinstance(children, list) else []:
        initials = child.get("initials") if isinstance(child, Mapping) else None
        if not isinstance(initials, str) or _INITIALS.match(initials):
            continue
        looks = _NAME_WORD.search(initials) or " " in initials
        yield Problem(
            f"child '{initials}' "
            + ("looks like a name, not initials" if looks else "is not initials"),
            str(path),
            child.key_lines["initials"],
            "use initials that bear no relation to the child's real name "
            "(Anonymisation guidance, Dec 2018), e.g. 'A'",
        )
