"""Load a case file: the facts of one set of care proceedings a draft needs.

``load_case`` reads a YAML case file (see ``examples/re-a-tower-hamlets.yaml``) into a
frozen ``Case``, or raises one ``CaseError`` listing every problem at once as
``file:line: what is wrong — what to do``. The file is checked against
``examples/case.schema.json`` (``carecite.bank.validate``: the schema is the rules), then its
passage, theme and source ids against the bank, with close matches suggested
(``carecite.bank.rules``). Things that are allowed but worrying (a child named in full) come
back as ``Case.warnings``.

Case values are data: the renderer escapes them before they reach Markdown, and Jinja
never evaluates them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carecite.bank.load import Bank
from carecite.bank.rules import ACTING_FOR_FIXED, case_problems, case_warnings
from carecite.bank.validate import CASE_SCHEMA, read_document
from carecite.cite.authorities import Authority
from carecite.cite.bundle import BundlePlace, parse_bundle_ref
from carecite.draft.orders import unfit_in_list
from carecite.english import long_date, ordinal
from carecite.errors import CareciteError, CaseError, LookupFailed, Problem, Step, StepText
from carecite.history.authorities import (
    AuthorityResolver,
    bank_resolver,
    normalise,
    strip_affixes,
)
from carecite.history.names import authority_names
from carecite.inputfile import LineList, LineMap
from carecite.model import Passage, SourceKind
from carecite.shorten import shorten

if TYPE_CHECKING:
    from carecite.draft.witness import Exhibit, Witness

# A finding quoted run-in whole when no longer than this; else a sentence of it.
INLINE_QUOTE_LIMIT = 250
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“(])")


def sentences(text: str) -> list[str]:
    """A passage's sentences, as a finding's ``sentence:`` numbers them from 1."""
    return _SENTENCE_END.split(text)


class CaseWarning(Problem):
    """Something allowed but worth a second look, with where it is and what to do.

    A frozen dataclass by inheritance: it adds no field, so its methods are ``Problem``'s
    (the dataclass decorator would make the same six again at every start).
    """

    __slots__ = ()


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
class Finding:
    """A report passage that bears on an issue: quoted run-in (default), as a block, or
    paraphrased in the lawyer's words, always with its pinpoint. A run-in quotation is the
    passage's ``sentence`` (else the whole passage when short, else its first), from the
    words ``start`` on where given. ``line`` is where the case file gives it."""

    passage: str
    block: bool = False
    paraphrase: str | None = None
    sentence: int | None = None
    start: str | None = None
    line: int | None = field(default=None, compare=False)

    @property
    def quoted_run_in(self) -> bool:
        """Whether the draft quotes this finding run-in, where ``sentence`` and ``start``
        choose the words (a block quotes the whole passage; a paraphrase quotes nothing)."""
        return self.paraphrase is None and not self.block

    def run_in_words(self, passage: Passage) -> str:
        """The words of ``passage`` this finding quotes run-in: its ``sentence`` (else the
        whole passage when short, else its first sentence), from the words ``start`` on,
        a small first letter capitalised in brackets (``[T]he``), the way OSCOLA marks a
        changed letter; ``verify`` and ``audit`` accept it.

        Raises:
            LookupFailed: the passage has no such sentence, or ``start`` is not in the words.
        """
        split = sentences(passage.text)
        if self.sentence is not None:
            if self.sentence > len(split):
                raise LookupFailed(
                    f"finding {passage.id}: sentence: {self.sentence}, but the passage has "
                    f"{len(split)} sentence{'s' if len(split) > 1 else ''}",
                    hint=StepText(
                        "leave sentence: out " if len(split) == 1 else f"give 1 to {len(split)} ",
                        Step.SHOW,
                    ),
                )
            text = split[self.sentence - 1]
        elif len(passage.text) <= INLINE_QUOTE_LIMIT:
            text = passage.text
        else:
            text = split[0]
        if self.start is None:
            return text
        at = text.find(self.start)
        if at == -1:
            which = "the passage" if text == passage.text else f"sentence {self.sentence or 1}"
            raise LookupFailed(
                f"finding {passage.id}: start: ‘{self.start}’ is not in the words quoted, "
                f"{which}: ‘{shorten(text, 120)}’",
                hint="copy start: from those words exactly, as the report prints them; or "
                "choose another sentence with sentence: N",
            )
        rest = text[at:]
        if at > 0 and rest[:1].islower():
            return f"[{rest[0].upper()}]{rest[1:]}"
        return rest


@dataclass(frozen=True, slots=True)
class Issue:
    """An issue before the court: what the party says on it, the findings that bear on it,
    why they matter to this child, and what is sought. Only ``issue`` is required."""

    issue: str
    position: str | None = None
    findings: tuple[Finding, ...] = ()
    relevance: str | None = None
    sought: str | None = None


@dataclass(frozen=True, slots=True)
class ReadingItem:
    """A document of essential reading with its bundle reference (``C12``)."""

    document: str
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    """One case file, validated against the bank.

    ``local_authority`` is the council's name where the file gives only the authority's and
    the inspections dataset records it ("BLACKPOOL" → "Blackpool Borough Council"), else as
    given. ``passages`` and ``themes`` are the ids relied on, in the order given (an issue's
    findings are among the passages). ``bundle_refs`` maps a source id to where it sits in
    the bundle; ``reasons`` a passage id to why a report of another authority, or one
    published after the hearing, is relied on. ``authorities`` are the ids of the
    authorities cited, in order; ``own_authorities`` those the case file defines itself.
    ``warnings`` are things allowed but worth a second look. ``lines`` gives each dotted
    key's line in the case file, so a template's missing field can be reported where it
    belongs.
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
    issues: tuple[Issue, ...] = ()
    essential_reading: tuple[ReadingItem, ...] = ()
    bundle_refs: tuple[tuple[str, str], ...] = ()
    first_report_pages: tuple[tuple[str, int], ...] = ()
    facts: tuple[str, ...] = ()
    reasons: tuple[tuple[str, str], ...] = ()
    authorities: tuple[str, ...] = ()
    own_authorities: tuple[Authority, ...] = ()
    page_limit: int | None = None
    history: bool = False
    attribution: bool = False
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
    def bundle_places(self) -> dict[str, BundlePlace]:
        """Each source in the bundle, by id: its first bundle page and the report's page on it."""
        firsts = dict(self.first_report_pages)
        return {
            source: parse_bundle_ref(ref, firsts.get(source, 1)) for source, ref in self.bundle_refs
        }

    def reason(self, passage_id: str) -> str | None:
        """Why the case relies on a passage of another authority or a later report."""
        return dict(self.reasons).get(passage_id)

    @property
    def exhibits(self) -> tuple[Exhibit, ...]:
        """The witness's exhibits with their marks, ``AB1``, ``AB2`` …; empty without one."""
        if self.witness is None:
            return ()
        from carecite.draft.witness import Exhibit

        w = self.witness
        return tuple(
            Exhibit(f"{w.exhibit_initials}{w.first_exhibit + i}", source)
            for i, source in enumerate(w.exhibits)
        )


def load_case(path: str | Path, bank: Bank) -> Case:
    """Read a case file and check it against the schema and the bank.

    Args:
        path: the case YAML file.
        bank: the quote bank its passage, theme and source ids refer to.

    Returns:
        The case; ``Case.warnings`` lists things to check (a child named in full).

    Raises:
        CaseError: listing every problem in the file, each with its line.
    """
    file = Path(path)
    try:
        document = read_document(file, CASE_SCHEMA)
    except FileNotFoundError:
        raise CaseError("no such case file", path=file, hint="check the path") from None
    problems = list(document.problems)
    data = document.data
    if isinstance(data, LineMap):
        problems.extend(case_problems(file, data, bank.themes, bank.passages, bank.sources))
    if problems or not isinstance(data, LineMap):
        raise _refusal(problems)
    # Checked against the bank only once the file itself is sound.
    resolver = bank_resolver(authority_names(), bank.sources)
    problems.extend(_reliance_problems(file, data, bank, resolver))
    problems.extend(_unfiled_pages(file, data, bank))
    if problems:
        raise _refusal(problems)
    case = _case(file, data, bank, resolver)
    problems.extend(_unquotable_findings(case, bank))
    if problems:
        raise _refusal(problems)
    return case


def _refusal(problems: list[Problem]) -> CareciteError:
    """The error refusing a case file: every problem, in the file's line order."""
    return CaseError.from_problems(sorted(problems, key=lambda p: p.line or 0))


def _case(path: Path, data: LineMap, bank: Bank, resolver: AuthorityResolver) -> Case:
    """The case of a file the schema and the bank's rules found sound."""
    relied = data["relied_on"]
    issues = tuple(_issue(i) for i in data.get("issues", ()))
    findings = [f.passage for i in issues for f in i.findings]
    passages = tuple(dict.fromkeys([*relied["passages"], *findings]))
    bundle = data.get("bundle") or {}
    applicant = _applicant(_text(data["local_authority"]), resolver)
    unfit = _unfit_applicant(applicant, str(path), data.key_lines["local_authority"])
    return Case(
        court=Court(_text(data["court"]["name"]), _text(data["court"]["sitting_at"])),
        case_number=_text(data["case_number"]),
        local_authority=applicant,
        children=tuple(
            Child(_text(c["initials"]), c.get("sex", "unspecified"), _day(c.get("born")))
            for c in data["children"]
        ),
        acting_for=_text(data["acting_for"]).casefold(),
        hearing=Hearing(
            _text(data["hearing"]["type"]), date.fromisoformat(data["hearing"]["date"])
        ),
        author=Author(**{k: _text(v) for k, v in data["author"].items()}),
        themes=tuple(dict.fromkeys(relied["themes"])),
        passages=passages,
        parents=tuple(
            Parent(_text(p["name"]), _text(p["relationship"]).casefold())
            for p in data.get("parents", ())
        ),
        guardian=_text(data["guardian"]) if "guardian" in data else None,
        date=_day(data.get("date")),
        witness=_witness(data["witness"], bank, passages) if "witness" in data else None,
        orders_sought=tuple(_text(t) for t in data.get("orders_sought", ())),
        issues=issues,
        essential_reading=tuple(
            ReadingItem(_text(r["document"]), _text(r["ref"]) if "ref" in r else None)
            for r in bundle.get("essential_reading", ())
        ),
        bundle_refs=tuple((s, _text(ref)) for s, ref in bundle.get("sources", {}).items()),
        first_report_pages=tuple((bundle.get("first_report_page") or {}).items()),
        facts=tuple(_text(t) for t in data.get("facts", ())),
        reasons=tuple((i, _text(why)) for i, why in (relied.get("reasons") or {}).items()),
        authorities=tuple(
            dict.fromkeys(a if isinstance(a, str) else a["id"] for a in data.get("authorities", ()))
        ),
        own_authorities=tuple(
            _authority(a) for a in data.get("authorities", ()) if not isinstance(a, str)
        ),
        page_limit=data.get("page_limit"),
        history=bool(data.get("history", False)),
        attribution=bool(data.get("attribution", False)),
        warnings=tuple(
            CaseWarning(w.message, w.path, w.line, w.hint) for w in case_warnings(path, data)
        )
        + unfit
        + _orders_unfit_in_list(str(path), data.get("orders_sought")),
        path=str(path),
        lines=tuple(_lines(data)),
    )


def _issue(item: str | LineMap) -> Issue:
    if isinstance(item, str):
        return Issue(_text(item))
    return Issue(
        issue=_text(item["issue"]),
        position=_optional_text(item.get("position")),
        findings=tuple(_findings(item.get("findings"))),
        relevance=_optional_text(item.get("relevance")),
        sought=_optional_text(item.get("sought")),
    )


def _findings(items: LineList | None) -> Iterator[Finding]:
    """An issue's findings, each with its line in the case file (for the draft's warnings)."""
    if items:
        for item, line in zip(items, items.item_lines, strict=True):
            yield _finding(item, line)


def _finding(item: str | LineMap, line: int | None = None) -> Finding:
    if isinstance(item, str):
        return Finding(item, line=line)
    return Finding(
        item["passage"],
        bool(item.get("block", False)),
        _optional_text(item.get("paraphrase")),
        item.get("sentence"),
        _optional_text(item.get("start")),
        line,
    )


def _authority(item: LineMap) -> Authority:
    return Authority(
        id=item["id"],
        kind=item["kind"],
        name=_text(item["name"]),
        citation=_text(item["citation"]),
        report=_optional_text(item.get("report")),
        court=_optional_text(item.get("court")),
        decided=item.get("decided"),
    )


def _applicant(typed: str, resolver: AuthorityResolver) -> str:
    """The local authority as the case's documents name it: the council's name where the
    case gives only the authority's ("BLACKPOOL") and the inspections dataset records the
    council's, else as typed."""
    try:
        authority = resolver.resolve(typed)
    except LookupFailed:
        return typed
    return authority.formal_name(typed)


# A council's name as its Ofsted report's cover prints it (inspections/authorities.yaml),
# shown as what to write: an example, never a guess at the case's own council.
_COUNCIL_EXAMPLE = "Wirral Metropolitan Borough Council"
# The words a council's name keeps in lower case: "Kingston upon Hull City Council".
_SMALL_WORDS = frozenset({"and", "of", "upon", "on", "with", "the", "in", "under"})


def _unfit_applicant(applicant: str, path: str, line: int) -> tuple[CaseWarning, ...]:
    """The warning for an Applicant a court would not see so named: the authority's name
    alone, where carecite does not know its council's ("SEFTON | Applicant"), or a name not
    written with a name's capitals ("brought by sefton council"). The heading prints the
    parties in capitals, as court headings do; every sentence prints the name as given, so
    carecite never guesses at a council's name or its capitals: it says what to write."""
    key = normalise(applicant)
    if strip_affixes(key) == key:
        problem = (
            f"local_authority '{applicant}' names the authority, not its council, and carecite "
            f"does not know the council's name: the heading would name the Applicant "
            f"'{applicant.upper()}'"
        )
    elif applicant == applicant.upper() or any(
        w[:1].islower() and w not in _SMALL_WORDS for w in applicant.split()
    ):
        problem = (
            f"local_authority '{applicant}' is not written with a name's capitals, and each "
            f"sentence of the draft prints it so: 'care proceedings brought by {applicant}'"
        )
    else:
        return ()
    hint = (
        "write the council's name as its court documents give it, e.g. "
        f"local_authority: {_COUNCIL_EXAMPLE}"
    )
    return (CaseWarning(problem, path, line, hint),)


def _orders_unfit_in_list(path: str, orders: LineList | None) -> tuple[CaseWarning, ...]:
    """A warning at each order named in a list of what the court is to do, where it reads
    wrongly after "invites the court to" ("to: permission to instruct …")."""
    if not orders:
        return ()
    return tuple(
        CaseWarning(
            f"orders_sought: ‘{shorten(orders[i], 60)}’ names an order, among orders written "
            "as what the court is to do: it follows 'invites the court to' and reads wrongly",
            path,
            orders.item_lines[i],
            "write it as what the court is to do too, e.g. 'grant permission to …', "
            "'order specific disclosure of …', 'adjourn the hearing to …'",
        )
        for i in unfit_in_list(orders)
    )


def _optional_text(value: str | None) -> str | None:
    return _text(value) if value is not None else None


def _reliance_problems(
    path: Path, data: LineMap, bank: Bank, resolver: AuthorityResolver
) -> list[Problem]:
    """A passage from another authority's report, or from a report published after the
    hearing, is refused unless ``relied_on.reasons`` says why it is relied on: the court
    would otherwise be shown findings about someone else, or hindsight."""
    relied = data["relied_on"]
    reasons = relied.get("reasons") or {}
    try:
        authority = resolver.resolve(data["local_authority"])
    except LookupFailed as error:
        return [
            Problem(
                f"local_authority: {error.problems[0].message}",
                str(path),
                data.key_lines["local_authority"],
                error.hint,
            )
        ]
    hearing = date.fromisoformat(data["hearing"]["date"])
    problems = list(_findings_not_of_reports(path, data, bank))
    lines = _relied_on_lines(data)
    for passage_id in _relied_on(data):
        source = bank.sources[bank.passages[passage_id].source]
        if not source.kind.is_report or passage_id in reasons:
            continue
        why = None
        if source.authority and not resolver.same(source.authority, authority):
            why = (
                f"is from a report on {source.authority} ({source.short_name}), not on "
                f"{data['local_authority']}, the case's local authority"
            )
        elif source.published and source.published > hearing:
            why = (
                f"is from {source.short_name}, published {long_date(source.published)}, "
                f"after the hearing on {long_date(hearing)}"
            )
        if why:
            problems.append(
                Problem(
                    f"passage {passage_id} {why}",
                    str(path),
                    lines[passage_id],
                    StepText(Step.RELIANCE_REASON),
                )
            )
    return problems


def _relied_on_lines(data: LineMap) -> dict[str, int]:
    """Each passage relied on → the line naming it first: its ``relied_on.passages`` item,
    else its first finding's (``_relied_on``'s order)."""
    lines: dict[str, int] = {}
    passages = data["relied_on"]["passages"]
    for passage_id, line in zip(passages, passages.item_lines, strict=True):
        lines.setdefault(passage_id, line)
    for issue in data.get("issues", ()):
        findings = issue.get("findings") if isinstance(issue, LineMap) else None
        if isinstance(findings, LineList):
            for item, line in zip(findings, findings.item_lines, strict=True):
                lines.setdefault(_finding(item).passage, line)
    return lines


def _findings_not_of_reports(path: Path, data: LineMap, bank: Bank) -> Iterator[Problem]:
    """An issue's findings are a report's words. A statute's words held from a commentary
    (or a commentary's own) would be quoted as if an inspector wrote them: refused."""
    issues = data.get("issues")
    for issue in issues if isinstance(issues, LineList) else []:
        findings = issue.get("findings") if isinstance(issue, LineMap) else None
        if not isinstance(findings, LineList):
            continue
        for item, line in zip(findings, findings.item_lines, strict=True):
            source = bank.sources[bank.passages[_finding(item).passage].source]
            if source.kind.is_report:
                continue
            hint = (
                "cite the Act under the case's authorities (templates/authorities.yaml lists "
                "the shipped ones) and state the proposition in your own words"
                if source.kind is SourceKind.STATUTE
                else "findings are a report's words: rely on the report's passage instead"
            )
            yield Problem(
                f"finding {_finding(item).passage} is not a report's: it is from "
                f"{source.short_name}, a {source.kind.value}",
                str(path),
                line,
                hint,
            )


def _unquotable_findings(case: Case, bank: Bank) -> Iterator[Problem]:
    """A finding's ``sentence:`` the passage does not have, or ``start:`` words not in the
    sentence quoted, at the finding's line: found as the draft would find them."""
    for issue in case.issues:
        for finding in issue.findings:
            if not finding.quoted_run_in:
                continue
            try:
                finding.run_in_words(bank.passage(finding.passage))
            except LookupFailed as error:
                yield Problem(error.problems[0].message, case.path, finding.line, error.hint)


def _unfiled_pages(path: Path, data: LineMap, bank: Bank) -> list[Problem]:
    """A passage on a page of a report before the first one filed in the bundle
    (``bundle.first_report_page``) could not be given a bundle page: refused."""
    bundle = data.get("bundle")
    firsts = bundle.get("first_report_page") if isinstance(bundle, LineMap) else None
    if not isinstance(firsts, LineMap):
        return []
    problems = []
    for passage_id in _relied_on(data):
        passage = bank.passages[passage_id]
        first = firsts.get(passage.source)
        if first is not None and passage.page is not None and passage.page < first:
            problems.append(
                Problem(
                    f"passage {passage_id} is on page {passage.page} of the report, before "
                    f"page {first}, the first in the bundle",
                    str(path),
                    firsts.key_lines[passage.source],
                    "file the page in the bundle and correct first_report_page, or rely on "
                    "another passage",
                )
            )
    return problems


def _relied_on(data: LineMap) -> list[str]:
    """Every passage the case relies on: ``relied_on.passages``, then the issues' findings."""
    findings = [_finding(f).passage for i in data.get("issues", ()) for f in _findings_of(i)]
    return list(dict.fromkeys([*data["relied_on"]["passages"], *findings]))


def _findings_of(issue: str | LineMap) -> list[str | LineMap]:
    return [] if isinstance(issue, str) else list(issue.get("findings", ()))


def _witness(w: LineMap, bank: Bank, passages: tuple[str, ...]) -> Witness:
    from carecite.draft.witness import Witness

    return Witness(
        name=_text(w["name"]),
        position=_text(w["position"]),
        employer=_text(w["employer"]),
        work_address=_text(w["work_address"]),
        statement_number=w["statement_number"],
        exhibit_initials=w["exhibit_initials"],
        first_exhibit=w.get("first_exhibit", 1),
        exhibits=tuple(w.get("exhibits") or _reports_of(bank, passages)),
        extracts=w.get("extracts", 3),
    )


def _text(value: str) -> str:
    """Text as a draft prints it: Unicode NFC, runs of white space as one space."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _lines(data: Any, where: str = "") -> list[tuple[str, int]]:
    """Each dotted key's line (``witness.name``, ``parents[1].name``), for later messages."""
    found: list[tuple[str, int]] = []
    if isinstance(data, LineMap):
        for key, value in data.items():
            dotted = f"{where}.{key}" if where else key
            found.append((dotted, data.key_lines[key]))
            found.extend(_lines(value, dotted))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found.extend(_lines(item, f"{where}[{index + 1}]"))
    return found


def _reports_of(bank: Bank, passage_ids: tuple[str, ...]) -> list[str]:
    """The report-like sources of these passages, oldest first: what a witness exhibits."""
    chosen: list[Passage] = [bank.passages[i] for i in passage_ids if i in bank.passages]
    ids = dict.fromkeys(p.source for p in chosen)
    reports = [bank.sources[s] for s in ids if bank.sources[s].kind.is_report]
    reports.sort(key=lambda s: (s.published or date.min, s.id))
    return [s.id for s in reports]
