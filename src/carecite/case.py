"""Load and validate a case file: the facts of one set of care proceedings a draft needs.

``load_case`` reads a YAML case file (see ``examples/case.schema.json`` and
``examples/re-a-tower-hamlets.yaml``) into a frozen ``Case``, or raises one ``CaseError``
listing every problem at once as ``file:line: what is wrong — what to do``. Passage and
theme ids are checked against the bank, with close matches suggested. Things that are
allowed but worrying (a child named in full) come back as ``Case.warnings``.

Case values are data: the renderer escapes them before they reach Markdown, and Jinja
never evaluates them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from carecite.bank import Bank
from carecite.english import ordinal
from carecite.errors import CaseError, Problem
from carecite.model import Passage
from carecite.suggest import did_you_mean
from carecite.yamlfile import LineMap, parse_yaml

ACTING_FOR_FIXED = {"local-authority": "the Local Authority", "guardian": "the Children’s Guardian"}
SEXES = ("female", "male", "unspecified")

# key: required?  Nested mappings are listed separately below.
CASE_KEYS = {
    "court": True,
    "case_number": True,
    "local_authority": True,
    "parents": False,
    "children": True,
    "guardian": False,
    "acting_for": True,
    "hearing": True,
    "date": False,
    "author": True,
    "witness": False,
    "orders_sought": False,
    "issues": False,
    "bundle": False,
    "relied_on": True,
    "facts": False,
}
COURT_KEYS = {"name": True, "sitting_at": True}
PARENT_KEYS = {"name": True, "relationship": True}
CHILD_KEYS = {"initials": True, "sex": False, "born": False}
HEARING_KEYS = {"type": True, "date": True}
AUTHOR_KEYS = {"name": True, "role": True, "chambers": False, "firm": False}
WITNESS_KEYS = {
    "name": True,
    "position": True,
    "employer": True,
    "work_address": True,
    "statement_number": True,
    "exhibit_initials": True,
    "first_exhibit": False,
    "exhibits": False,
}
BUNDLE_KEYS = {"essential_reading": False, "sources": False}
READING_KEYS = {"document": True, "ref": False}
RELIED_KEYS = {"themes": True, "passages": True}

_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,3}$")
_NAME_WORD = re.compile(r"[A-Za-z][a-z]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class CaseWarning(Problem):
    """Something allowed but worth a second look, with where it is and what to do."""


@dataclass(frozen=True, slots=True)
class Court:
    """The court and where it sits: ``Family Court`` sitting at ``East London``."""

    name: str
    sitting_at: str


@dataclass(frozen=True, slots=True)
class Parent:
    """A parent respondent; ``relationship`` is ``mother``, ``father`` or another word."""

    name: str
    relationship: str


@dataclass(frozen=True, slots=True)
class Child:
    """A child, by initials only; ``sex`` chooses "her"/"his" in the heading."""

    initials: str
    sex: str = "unspecified"
    born: date | None = None

    @property
    def pronoun(self) -> str:
        return {"female": "her", "male": "his"}.get(self.sex, "their")


@dataclass(frozen=True, slots=True)
class Party:
    """One line of the heading's party table: ``("MS X", "First Respondent")``."""

    name: str
    label: str


@dataclass(frozen=True, slots=True)
class Hearing:
    """The hearing the draft is for."""

    type: str
    date: date


@dataclass(frozen=True, slots=True)
class Author:
    """Who signs the draft: an advocate (``chambers``) or a solicitor (``firm``)."""

    name: str
    role: str
    chambers: str | None = None
    firm: str | None = None


@dataclass(frozen=True, slots=True)
class Exhibit:
    """A document a witness exhibits: a bank source, marked with initials and a number."""

    mark: str
    source: str


@dataclass(frozen=True, slots=True)
class Witness:
    """The maker of a witness statement (FPR PD 22A): the top-right markings come from here.

    ``first_exhibit`` is the number the first exhibit of this statement carries: exhibit
    numbers run on across a witness's statements. ``exhibits`` are bank source ids; when
    none are given, the reports the chosen passages come from are exhibited.
    """

    name: str
    position: str
    employer: str
    work_address: str
    statement_number: int
    exhibit_initials: str
    first_exhibit: int = 1
    exhibits: tuple[str, ...] = ()

    @property
    def initials_and_surname(self) -> str:
        """``A. Brown`` for ``Alexandra Brown``."""
        words = self.name.split()
        initials = "".join(f"{w[0]}." for w in words[:-1])
        return f"{initials} {words[-1]}" if initials else words[-1]

    @property
    def statement_ordinal(self) -> str:
        """``1st``, ``2nd``, ``3rd``, ``4th`` …"""
        return ordinal(self.statement_number)


@dataclass(frozen=True, slots=True)
class ReadingItem:
    """A document of essential reading with its bundle reference (``C12``)."""

    document: str
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    """One case file, validated against the bank.

    ``passages`` and ``themes`` are the ids relied on, in the order given. ``bundle_refs``
    maps a source id to where it sits in the bundle. ``warnings`` are things allowed but
    worth a second look. ``lines`` gives each dotted key's line in the case file, so a
    template's missing field can be reported where it belongs.
    """

    court: Court
    case_number: str
    local_authority: str
    children: tuple[Child, ...]
    acting_for: str
    hearing: Hearing
    author: Author
    themes: tuple[str, ...]
    passages: tuple[str, ...]
    parents: tuple[Parent, ...] = ()
    guardian: str | None = None
    date: date | None = None
    witness: Witness | None = None
    orders_sought: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    essential_reading: tuple[ReadingItem, ...] = ()
    bundle_refs: tuple[tuple[str, str], ...] = ()
    facts: tuple[str, ...] = ()
    warnings: tuple[CaseWarning, ...] = field(default=(), compare=False)
    path: str | None = field(default=None, compare=False)
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def line_of(self, key: str) -> int | None:
        """The case-file line of a dotted key (``witness.name``), else of its nearest parent."""
        table = dict(self.lines)
        while key:
            if key in table:
                return table[key]
            key = key.rpartition(".")[0]
        return None

    @property
    def children_title(self) -> str:
        """``A and B (Children)`` or ``A (A Child)``, for the heading."""
        names = [c.initials for c in self.children]
        if len(names) == 1:
            return f"{names[0]} (A Child)"
        return f"{', '.join(names[:-1])} and {names[-1]} (Children)"

    @property
    def local_authority_in_text(self) -> str:
        """The authority's name as it reads mid-sentence: "the London Borough of …"."""
        name = self.local_authority
        if re.match(r"(London|Royal|Metropolitan)? ?Borough of|City of|Council of", name):
            return f"the {name}"
        return name

    @property
    def acting_for_label(self) -> str:
        """``the Children’s Guardian``, ``the Local Authority``, ``the Mother``."""
        if self.acting_for in ACTING_FOR_FIXED:
            return ACTING_FOR_FIXED[self.acting_for]
        return f"the {self.acting_for.capitalize()}"

    @property
    def parties(self) -> tuple[Party, ...]:
        """The heading's parties in order: Applicant, then the Respondents numbered."""
        rows = [Party(self.local_authority.upper(), "Applicant")]
        respondents = [p.name.upper() for p in self.parents]
        guardian = f", {self.guardian}" if self.guardian else ""
        respondents += [
            f"{c.initials} (a child by {c.pronoun} children’s guardian{guardian})"
            for c in self.children
        ]
        for number, name in enumerate(respondents):
            rows.append(Party(name, f"{ordinal(number + 1, words=True)} Respondent"))
        return tuple(rows)

    def bundle_ref(self, source_id: str) -> str | None:
        """Where a source sits in the bundle (``F1``), or ``None``."""
        return dict(self.bundle_refs).get(source_id)

    @property
    def exhibits(self) -> tuple[Exhibit, ...]:
        """The witness's exhibits with their marks, ``AB1``, ``AB2`` …; empty without one."""
        if self.witness is None:
            return ()
        w = self.witness
        return tuple(
            Exhibit(f"{w.exhibit_initials}{w.first_exhibit + i}", source)
            for i, source in enumerate(w.exhibits)
        )


def load_case(path: str | Path, bank: Bank) -> Case:
    """Read and validate a case file against the bank.

    Args:
        path: the case YAML file.
        bank: the quote bank its passage and theme ids refer to.

    Returns:
        The case; ``Case.warnings`` lists things to check (a child named in full).

    Raises:
        CaseError: listing every problem in the file, each with its line.
    """
    file = Path(path)
    problems: list[Problem] = []
    reader = _Reader(file, problems)
    document = reader.read()
    if document is None:
        raise CaseError.from_problems(problems)
    case = reader.case(document, bank)
    if problems or case is None:
        problems.sort(key=lambda p: p.line or 0)
        raise CaseError.from_problems(problems)
    return case


class _Reader:
    """Reads one case file, collecting every problem instead of stopping at the first."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.warnings: list[CaseWarning] = []
        self.lines: dict[str, int] = {}
        self.raw: list[str] = []

    def read(self) -> LineMap | None:
        try:
            text = self.path.read_text(encoding="utf-8")
            self.raw = text.splitlines()
        except FileNotFoundError:
            self.add(None, "no such case file", "check the path")
            return None
        except UnicodeDecodeError as error:
            self.add(None, f"is not UTF-8 text ({error.reason})", "save it as UTF-8")
            return None
        document, problem = parse_yaml(text, self.path)
        if problem is not None:
            self.problems.append(problem)
            return None
        if not isinstance(document, LineMap):
            self.add(1, "a case file must be a mapping of keys", "start from examples/")
            return None
        return document

    def add(self, line: int | None, message: str, hint: str | None) -> None:
        self.problems.append(Problem(message, str(self.path), line, hint))

    def item_line(self, start: int, value: str) -> int:
        """The line of a list item: the first line from ``start`` that holds it."""
        for number in range(start, len(self.raw) + 1):
            if value in self.raw[number - 1]:
                return number
        return start

    # --- generic checks ---------------------------------------------------------------

    def mapping(
        self, value: Any, where: str, line: int, keys: Mapping[str, bool]
    ) -> LineMap | None:
        """Check a nested mapping's keys; None if it is unusable."""
        if not isinstance(value, LineMap):
            self.add(line, f"'{where}' must be a mapping", f"give its keys: {', '.join(keys)}")
            return None
        for key, key_line in value.duplicates:
            self.add(key_line, f"'{where}.{key}' is given twice", "keep one of them")
        for key in value:
            self.lines[f"{where}.{key}" if where else key] = value.key_lines[key]
            if key not in keys:
                hint = did_you_mean(key, keys) or "allowed keys: " + ", ".join(keys)
                label = f"{where}.{key}" if where else key
                self.add(value.key_lines[key], f"unknown key '{label}'", hint)
        usable = True
        for key, required in keys.items():
            if required and (key not in value or value[key] is None):
                label = f"{where}.{key}" if where else key
                self.add(value.line, f"missing required field '{label}'", f"add '{key}:'")
                usable = False
        return value if usable else None

    def text(self, mapping: LineMap, key: str, where: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        line = mapping.key_lines.get(key, mapping.line)
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.add(line, f"'{where}' must be text, got {value!r}", "write it as text")
            return None
        value = str(value)
        if match := _CONTROL.search(value):
            self.add(
                line,
                f"'{where}' holds the control character U+{ord(match.group()):04X}",
                "delete it",
            )
            return None
        value = " ".join(unicodedata.normalize("NFC", value).split())
        if not value:
            self.add(line, f"'{where}' is empty", f"give a {key}")
            return None
        return value

    def texts(self, mapping: LineMap, key: str, where: str) -> tuple[str, ...]:
        value = mapping.get(key)
        if value is None:
            return ()
        line = mapping.key_lines.get(key, mapping.line)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add(line, f"'{where}' must be a list of text", f"write '{key}:' then '- …' lines")
            return ()
        holder = LineMap({str(i): v for i, v in enumerate(value)})
        holder.line, holder.key_lines, holder.duplicates = line, {}, []
        found = (self.text(holder, str(i), where) for i in range(len(value)))
        return tuple(t for t in found if t)

    def date(self, mapping: LineMap, key: str, where: str) -> date | None:
        value = mapping.get(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            line = mapping.key_lines.get(key, mapping.line)
            self.add(line, f"'{where}' {value!r} is not a date", "write it as YYYY-MM-DD")
            return None

    def whole(self, mapping: LineMap, key: str, where: str) -> int | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            line = mapping.key_lines.get(key, mapping.line)
            self.add(
                line,
                f"'{where}' must be a whole number of 1 or more, got {value!r}",
                "e.g. 1 for a first statement",
            )
            return None
        return value

    def items(self, document: LineMap, key: str) -> list[LineMap]:
        value = document.get(key)
        if value is None:
            return []
        line = document.key_lines.get(key, document.line)
        if not isinstance(value, list):
            self.add(line, f"'{key}' must be a list", f"write '{key}:' then '- …' entries")
            return []
        return value

    # --- the case ---------------------------------------------------------------------

    def case(self, document: LineMap, bank: Bank) -> Case | None:
        top = self.mapping(document, "", document.line, CASE_KEYS)
        before = len(self.problems)
        court = self.court(document)
        parents = self.parents(document)
        children = self.children(document)
        hearing = self.hearing(document)
        author = self.author(document)
        themes, passages = self.relied_on(document, bank)
        witness = self.witness(document, bank, passages)
        acting_for = self.acting_for(document, parents)
        reading, refs = self.bundle(document, bank)
        case_number = self.text(document, "case_number", "case_number")
        local_authority = self.text(document, "local_authority", "local_authority")
        guardian = self.text(document, "guardian", "guardian")
        when = self.date(document, "date", "date")
        orders = self.texts(document, "orders_sought", "orders_sought")
        issues = self.texts(document, "issues", "issues")
        facts = self.texts(document, "facts", "facts")
        if (
            top is None
            or len(self.problems) > before
            or None in (court, hearing, author, acting_for, case_number, local_authority)
            or not children
        ):
            return None
        assert court and hearing and author and acting_for and case_number and local_authority
        return Case(
            court=court,
            case_number=case_number,
            local_authority=local_authority,
            children=children,
            acting_for=acting_for,
            hearing=hearing,
            author=author,
            themes=themes,
            passages=passages,
            parents=parents,
            guardian=guardian,
            date=when,
            witness=witness,
            orders_sought=orders,
            issues=issues,
            essential_reading=reading,
            bundle_refs=refs,
            facts=facts,
            warnings=tuple(self.warnings),
            path=str(self.path),
            lines=tuple(self.lines.items()),
        )

    def court(self, document: LineMap) -> Court | None:
        if "court" not in document:
            return None
        court = self.mapping(document["court"], "court", document.key_lines["court"], COURT_KEYS)
        if court is None:
            return None
        name = self.text(court, "name", "court.name")
        sitting_at = self.text(court, "sitting_at", "court.sitting_at")
        return Court(name, sitting_at) if name and sitting_at else None

    def parents(self, document: LineMap) -> tuple[Parent, ...]:
        found = []
        for i, entry in enumerate(self.items(document, "parents")):
            where = f"parents[{i + 1}]"
            line = getattr(entry, "line", document.key_lines.get("parents", 1))
            item = self.mapping(entry, where, line, PARENT_KEYS)
            if item is None:
                continue
            name = self.text(item, "name", f"{where}.name")
            relationship = self.text(item, "relationship", f"{where}.relationship")
            if name and relationship:
                found.append(Parent(name, relationship.casefold()))
        return tuple(found)

    def children(self, document: LineMap) -> tuple[Child, ...]:
        entries = self.items(document, "children")
        if "children" in document and not entries:
            self.add(
                document.key_lines["children"],
                "'children' lists no child",
                "give each child's initials, e.g. '- {initials: A, sex: female}'",
            )
        found = []
        for i, entry in enumerate(entries):
            where = f"children[{i + 1}]"
            line = getattr(entry, "line", document.key_lines.get("children", 1))
            item = self.mapping(entry, where, line, CHILD_KEYS)
            if item is None:
                continue
            initials = self.text(item, "initials", f"{where}.initials")
            sex = self.text(item, "sex", f"{where}.sex") or "unspecified"
            born = self.date(item, "born", f"{where}.born")
            if sex not in SEXES:
                hint = did_you_mean(sex, SEXES) or "use " + ", ".join(SEXES)
                self.add(item.key_lines["sex"], f"unknown sex {sex!r}", hint)
                continue
            if initials is None:
                continue
            if not _INITIALS.match(initials):
                looks = _NAME_WORD.search(initials) or " " in initials
                self.warnings.append(
                    CaseWarning(
                        f"child '{initials}' "
                        + ("looks like a name, not initials" if looks else "is not initials"),
                        str(self.path),
                        item.key_lines["initials"],
                        "use initials that bear no relation to the child's real name "
                        "(Anonymisation guidance, Dec 2018), e.g. 'A'",
                    )
                )
            found.append(Child(initials, sex, born))
        return tuple(found)

    def hearing(self, document: LineMap) -> Hearing | None:
        if "hearing" not in document:
            return None
        line = document.key_lines["hearing"]
        hearing = self.mapping(document["hearing"], "hearing", line, HEARING_KEYS)
        if hearing is None:
            return None
        kind = self.text(hearing, "type", "hearing.type")
        when = self.date(hearing, "date", "hearing.date")
        return Hearing(kind, when) if kind and when else None

    def author(self, document: LineMap) -> Author | None:
        if "author" not in document:
            return None
        line = document.key_lines["author"]
        author = self.mapping(document["author"], "author", line, AUTHOR_KEYS)
        if author is None:
            return None
        name = self.text(author, "name", "author.name")
        role = self.text(author, "role", "author.role")
        chambers = self.text(author, "chambers", "author.chambers")
        firm = self.text(author, "firm", "author.firm")
        return Author(name, role, chambers, firm) if name and role else None

    def witness(self, document: LineMap, bank: Bank, passages: tuple[str, ...]) -> Witness | None:
        if "witness" not in document:
            return None
        line = document.key_lines["witness"]
        w = self.mapping(document["witness"], "witness", line, WITNESS_KEYS)
        if w is None:
            return None
        values = {
            k: self.text(w, k, f"witness.{k}")
            for k in ("name", "position", "employer", "work_address", "exhibit_initials")
        }
        number = self.whole(w, "statement_number", "witness.statement_number")
        first = self.whole(w, "first_exhibit", "witness.first_exhibit") or 1
        exhibits = self.texts(w, "exhibits", "witness.exhibits")
        for source_id in exhibits:
            if source_id not in bank.sources:
                hint = did_you_mean(source_id, bank.sources) or "run 'carecite sources'"
                self.add(
                    self.item_line(w.key_lines["exhibits"], source_id),
                    f"unknown source '{source_id}' in exhibits",
                    hint,
                )
        initials = values["exhibit_initials"]
        if initials and not re.fullmatch(r"[A-Z]{1,4}", initials):
            self.add(
                w.key_lines["exhibit_initials"],
                f"exhibit_initials {initials!r} must be capital letters",
                "use the witness's initials, e.g. AB",
            )
            return None
        if not exhibits:
            exhibits = tuple(_reports_of(bank, passages))
        if None in values.values() or number is None:
            return None
        return Witness(
            name=values["name"] or "",
            position=values["position"] or "",
            employer=values["employer"] or "",
            work_address=values["work_address"] or "",
            statement_number=number,
            exhibit_initials=initials or "",
            first_exhibit=first,
            exhibits=exhibits,
        )

    def acting_for(self, document: LineMap, parents: tuple[Parent, ...]) -> str | None:
        value = self.text(document, "acting_for", "acting_for")
        if value is None:
            return None
        value = value.casefold()
        allowed = [*ACTING_FOR_FIXED, *(p.relationship for p in parents)]
        if value not in allowed:
            hint = did_you_mean(value, allowed) or "use one of: " + ", ".join(allowed)
            self.add(
                document.key_lines["acting_for"], f"unknown party '{value}' in acting_for", hint
            )
            return None
        return value

    def bundle(
        self, document: LineMap, bank: Bank
    ) -> tuple[tuple[ReadingItem, ...], tuple[tuple[str, str], ...]]:
        if document.get("bundle") is None:
            return (), ()
        b = self.mapping(document["bundle"], "bundle", document.key_lines["bundle"], BUNDLE_KEYS)
        if b is None:
            return (), ()
        reading = []
        for i, entry in enumerate(self.items(b, "essential_reading")):
            where = f"bundle.essential_reading[{i + 1}]"
            item = self.mapping(entry, where, getattr(entry, "line", b.line), READING_KEYS)
            if item is None:
                continue
            doc = self.text(item, "document", f"{where}.document")
            if doc:
                reading.append(ReadingItem(doc, self.text(item, "ref", f"{where}.ref")))
        refs = []
        sources = b.get("sources")
        if sources is not None:
            if not isinstance(sources, LineMap):
                self.add(
                    b.key_lines["sources"],
                    "'bundle.sources' must map source ids to refs",
                    "e.g. 'ofsted-tower-hamlets-2017: F1'",
                )
            else:
                for source_id in sources:
                    if source_id not in bank.sources:
                        hint = did_you_mean(source_id, bank.sources) or "run 'carecite sources'"
                        self.add(
                            sources.key_lines[source_id], f"unknown source '{source_id}'", hint
                        )
                        continue
                    ref = self.text(sources, source_id, f"bundle.sources.{source_id}")
                    if ref:
                        refs.append((source_id, ref))
        return tuple(reading), tuple(refs)

    def relied_on(self, document: LineMap, bank: Bank) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if "relied_on" not in document:
            return (), ()
        line = document.key_lines["relied_on"]
        r = self.mapping(document["relied_on"], "relied_on", line, RELIED_KEYS)
        if r is None:
            return (), ()
        themes = []
        for theme_id in self.texts(r, "themes", "relied_on.themes"):
            if theme_id in bank.themes:
                themes.append(theme_id)
            else:
                hint = did_you_mean(theme_id, bank.themes) or "run 'carecite themes'"
                self.add(
                    self.item_line(r.key_lines["themes"], theme_id),
                    f"unknown theme '{theme_id}'",
                    hint,
                )
        passages = []
        for passage_id in self.texts(r, "passages", "relied_on.passages"):
            if passage_id in bank.passages:
                passages.append(passage_id)
            else:
                hint = did_you_mean(passage_id, bank.passages) or "run 'carecite list'"
                self.add(
                    self.item_line(r.key_lines["passages"], passage_id),
                    f"unknown passage '{passage_id}'",
                    hint,
                )
        if not passages and "passages" in r and r["passages"] is not None:
            self.add(
                r.key_lines["passages"],
                "'relied_on.passages' lists no passage",
                "name the passage ids the draft relies on (see 'carecite list')",
            )
        return tuple(dict.fromkeys(themes)), tuple(dict.fromkeys(passages))


def _reports_of(bank: Bank, passage_ids: tuple[str, ...]) -> list[str]:
    """The report-like sources of these passages, oldest first: what a witness exhibits."""
    chosen: list[Passage] = [bank.passages[i] for i in passage_ids if i in bank.passages]
    ids = dict.fromkeys(p.source for p in chosen)
    reports = [bank.sources[s] for s in ids if bank.sources[s].kind.is_report]
    reports.sort(key=lambda s: (s.published or date.min, s.id))
    return [s.id for s in reports]
