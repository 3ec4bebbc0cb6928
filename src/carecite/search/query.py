"""Search the bank: FTS5 candidates, typo-tolerant terms, a thesaurus, re-ranking, filters.

``search_passages`` opens the bank's search cache (``carecite.search.index``; built or refreshed
as needed, never parsing YAML when nothing changed) and answers in five steps:

1. Two words typed apart that are one word the bank or the thesaurus knows are joined
   ("no where" → "nowhere"). The thesaurus (``carecite.search.thesaurus``) finds the
   concepts the query names in a lawyer's words ("keep leaving", "assessments are too slow"
   for "slow assessments"), a misspelt word read as its correction (step 2: "keep leavng");
   each becomes one term that also looks for the report's words for it ("turnover",
   "instability in the workforce").
2. Other words of the query the bank does not hold, in any inflection, and the thesaurus
   does not know are corrected by RapidFuzz against the vocabulary words with the same first
   letter whose stems are within one slip per four or five letters ("safegaurding" →
   "safeguarding", "permenance" → "permanence", "plannin" → "planning"; "spotting" is a
   word, not a slip for "sporting", nor "chase" for "case"); function words are not searched.
3. FTS5 ranks passages by bm25 over weighted columns: passage text, the passage's themes
   (id, label, synonyms), section heading, and source title/authority. Filters apply in
   the same SQL query. A concept's words typed are looked for wherever a passage has them,
   and when few passages hold every term, those holding any word typed are added: a
   passage holding some of the words, in any authority, is never missed.
4. RapidFuzz matches theme names, synonyms and authority names in the query, and the few
   hundred best candidates are re-ranked by bm25, how many query terms the text holds (a
   concept's words typed counting fully together, ``_APART_CREDIT`` apart, a thesaurus
   phrasing in the concept's sense ``_THESAURUS_CREDIT``, half that when one everyday word
   named its concept, fully when it is what an acronym typed stands for: "CCE", "criminal
   exploitation"; a word of a typed word's family, not its inflection, ``_KIN_CREDIT``:
   "managerial" for "managers", ``carecite.search.families``), how closely it holds the
   words together (``partial_ratio``), and those matches. A term the query negates
   ("children *not seen*", "dont", "without") counts half in a passage that does not say
   so too (a negator near it: "do not visit", "lack of", "insufficient"; or a
   recommendation). A query that finds fault ("caseloads too high") or
   commends ("working well") counts a term half where the passage holds it only in clauses
   taking the opposite stance ("caseloads are manageable"; a fault kept from happening
   commends: "prevents risks of drift"), unless it holds another of the query's terms in a
   clause taking the query's. A passage whose best possible score (every term held) cannot
   reach the first results is not read further: the ranking is the same.
5. The best hits get a snippet with the matched words marked «like this», and say why they
   matched (``SearchHit.matched``), in the query's words as typed ("no where to live").
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from itertools import pairwise
from pathlib import Path
from string import ascii_lowercase
from typing import Any

from carecite.bank.themes import theme_named
from carecite.errors import CareciteError, LookupFailed, Step, StepText
from carecite.model import FRAMEWORK_SCALES, Passage, Source, Theme
from carecite.search.families import PREFIX, family_of
from carecite.search.index import Index, read_index
from carecite.search.thesaurus import (
    FUNCTION_WORDS,
    GAP,
    Concept,
    Named,
    Written,
    find_concepts,
    is_irregular,
    one_word,
    phrasing_frequency,
    phrasing_pattern,
    plural_of,
    stem,
    thesaurus_stems,
    written_in_sense,
)
from carecite.search.vocabulary import WORD
from carecite.suggest import did_you_mean

__all__ = ["Match", "SearchHit", "search_passages"]

MARK_START = "«"
MARK_END = "»"
_MARKED = re.compile(f"{MARK_START}([^{MARK_END}]*){MARK_END}")
# bm25 weights: text, themes (id, label, synonyms), section, source title and authority.
_WEIGHTS = (10.0, 3.0, 2.0, 1.5)
_CANDIDATES = 300
# Candidates are gathered from the narrowest query that finds at least this many (or the
# limit asked, if more), so the first results are the same at any limit up to _ENOUGH: it
# was max(limit, 20), and "care leavers not supported" ranked another passage first at
# --limit 45 than at 10, with every score different; at 50, 21 of 533 paraphrase queries
# ranked others in their first 10 at --limit 100 (the web page's most), "bosses not checking
# the social workers' work" at second. At 100: none; their median CPU at 100k +10 %, p95 the
# same (bench/README.md).
_ENOUGH = 100
_SNIPPET_TOKENS = 64
# A passage holding the report's words for a concept the query names counts this much of
# one holding the words typed: below them, as the issue asks (measured in
# bench/bench_paraphrase.py).
_THESAURUS_CREDIT = 0.7
# ...and a concept named by a single word ("slip": got worse, or slipped through the net?)
# this share of that (bench_paraphrase: tune and blind-2 top 3 up one each, nothing lost).
_ONE_WORD_SHARE = 0.5
# A word of the family of a word typed, not an inflection of it ("managerial" for "managers",
# ``families``), counts this much of the word typed: below it and its inflections.
_KIN_CREDIT = 0.6
# ...and the words that named a concept, found in a passage but not together, this much by
# their share: less than the report's phrasing of it.
_APART_CREDIT = 0.5
# A word the passage holds only as part of a hyphenated word the query lacks counts this share
# ("agency" in "multi-agency", for "agency workers"): another sense.
_IN_A_COMPOUND = 0.5
# A slip of the keyboard changes about one letter in four or five: so many edits (a letter
# wrong, missing, extra, or two swapped) are forgiven in a word's stem, one in "retun", two
# in "permenance", none in "case" ("chase" is another word).
_LETTERS_PER_SLIP = 4.5
# Words that say a thing is not so, in a query (a "t" is what "didn't" leaves, and a query
# typed in a hurry drops the apostrophe: "dont"; "rarely visited" is "not visited" for a
# lawyer), and how many words before a word they negate it.
_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "nobody",
        "none",
        "nothing",
        "nowhere",
        "without",
        "cannot",
        "t",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "cant",
        "wont",
        "havent",
        "hasnt",
        "hadnt",
        "rarely",
        "seldom",
        "hardly",
        "barely",
    ]
)
_SCOPE = 3
# ...and in a report, which says "lack of", "insufficient", "failed to" where a lawyer says
# "not". A passage holding a negated term without one of these near it says the opposite
# and counts half (bench_paraphrase: three queries up, two down, one of those two because
# its labelled answer says the opposite: "social workers visit most children regularly").
_SAYS_NOT = _NEGATORS | frozenset(
    [
        "lack",
        "lacks",
        "lacking",
        "absence",
        "absent",
        "insufficient",
        "without",
        "unable",
        "fail",
        "fails",
        "failed",
        "nor",
        "too",
        "few",
        "poor",
        "weak",
        "limited",
    ]
)
_UNNEGATED = 0.5
# A finding's stance, in a query or in a report's clause (``_stance``): words that find fault
# (with those that say a thing is not so) and words that commend. A lawyer who types
# "caseloads too high" wants the passage that says so, not "caseloads are manageable".
_FAULT = _SAYS_NOT | frozenset(
    [
        "inadequate",
        "inadequately",
        "insufficiently",
        "weakness",
        "weaknesses",
        "failing",
        "failings",
        "failure",
        "failures",
        "bad",
        "worse",
        "wrong",
        "slow",
        "delay",
        "delays",
        "delayed",
        "drift",
        "late",
        "overdue",
        "backlog",
        "variable",
        "inconsistent",
        "inconsistently",
        "mixed",
        "patchy",
        "ineffective",
        "unclear",
        "vague",
        "superficial",
        "shallow",
        "unreliable",
        "underdeveloped",
        "deteriorated",
        "gaps",
        "shortfalls",
        "deficits",
        "concern",
        "concerns",
        "unsuitable",
        # Reports write of bed and breakfast only as accommodation unsuitable for a child or
        # care leaver: "care leavers in bed and breakfast" finds fault.
        "breakfast",
    ]
)
_PRAISE = frozenset(
    [
        "good",
        "better",
        "strong",
        "strength",
        "strengths",
        "strengthened",
        "effective",
        "effectively",
        "well",
        "manageable",
        "reasonable",
        "balanced",
        "consistent",
        "consistently",
        "regular",
        "regularly",
        "timely",
        "robust",
        "improved",
        "improving",
        "stable",
        "thorough",
        "comprehensive",
        "outstanding",
        "positive",
        "skilled",
        "exemplary",
        "successful",
        "successfully",
        "appropriate",
        "appropriately",
        "clear",
        "clearly",
        "evident",
        "evidenced",
        "benefit",
        "benefits",
        "suitable",
        "excellent",
        "impressive",
        "exceptional",
    ]
)
# Words that keep a fault from happening: a fault shortly after one commends ("prevents risks
# of drift", "has reduced drift", "minimises delay"), as praise a negator comes before finds
# fault.
_LESSENS = frozenset(
    [
        "prevent",
        "prevents",
        "prevented",
        "preventing",
        "avoid",
        "avoids",
        "avoided",
        "avoiding",
        "reduce",
        "reduces",
        "reduced",
        "reducing",
        "minimise",
        "minimises",
        "minimised",
        "minimising",
    ]
)
# A term found only in clauses taking the stance opposite to the query's counts this share
# of its credit (bench_paraphrase: top 3 of the paraphrase splits 337 to 341, none lost; a
# quarter lost "timely PLO processes" in the report's own words, first to fourth).
_OPPOSED = 0.5
# A term's credit in a passage, the matches that show it, and a pattern finding where (_found).
_Held = tuple[float, tuple["Match", ...], str]
# The words of the phrasings an acronym a query typed stands for (``_spelt_out``).
_Spelt = tuple[tuple[str, ...], ...]
# How a concept term is sought in a passage: the words that named it, together; the report's
# phrasings of it in its sense; the words of those an acronym typed stands for.
_Sought = tuple[re.Pattern[str], Written, _Spelt]
# A candidate as ranked: its score negated (best first), its place in the bank, its rowid.
_Ranked = tuple[float, tuple[str, int], int]
# Where a clause of a report ends: a sentence's end, or a turn ("but", "however"); a clause
# a turn opens ("Although too many assessments take too long, progress has been made")
# ends at its comma.
_TURN = r"\b(?:but|however|although|though|while|whilst|whereas|despite|nevertheless)\b"
_CLAUSE_END = re.compile(rf"[.;:!?]|{_TURN}")
_OPENING_TURN = re.compile(rf"\s*{_TURN}[^,]*,")
# Words of degree say how much, not of what: searched, "social workers have too many cases"
# ranked a passage on care plans by "too". Beside another word they still make a phrase
# that names a concept surely ("too long").
_DEGREE = frozenset(["lot", "lots", "many", "much", "quite", "really", "too", "very"])
# Words no passage is sought by; a letter alone is no word ("B&B" is sought as the
# thesaurus's phrasing, not as "b", which "without b.eing seen" holds).
_UNSOUGHT = FUNCTION_WORDS | _DEGREE | frozenset(ascii_lowercase)
# Labels a number follows in a reference to a statute, with how reports write each.
_SECTION = ("section", "s")
_STATUTE_LABELS = {
    "section": _SECTION,
    "s": _SECTION,
    "sections": _SECTION,
    "part": ("part",),
    "schedule": ("schedule",),
    "regulation": ("regulation",),
    "article": ("article",),
}
# Words of authority names that say what kind of council, not which one.
_AUTHORITY_NOISE = re.compile(
    r"\b(london borough of|royal borough of|metropolitan borough of|borough of|city of|"
    r"county of|metropolitan borough council|metropolitan district council|county council|"
    r"city council|borough council|district council|council)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Match:
    """Why a passage matched: the query's words, and what they found in it.

    ``via`` says how: ``words`` (the words typed, or another ending of them: an inflection,
    or a derivational ending, "managers" → "managerial", ``families``), ``typo`` (a
    misspelt word's correction), ``theme`` (the query names a theme the passage has; ``text``
    is the theme's label) or ``thesaurus`` (the report's word for what the query says:
    "keep leaving" → "turnover").
    """

    query: str
    text: str
    via: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One passage found, best first.

    ``score`` runs from 0 to 100 (0 when there was no free text: filter-only results come
    in bank order). ``snippet`` is the passage text, or the best part of a long one, with
    matched words marked «like this». ``source`` is the passage's source, and ``via`` the
    source its pinpoint was checked through (``None`` when checked against the report), so
    a citation can be printed without loading the bank. ``matched`` says why it matched,
    strongest reason first (empty when there was no free text).
    """

    passage: Passage
    score: float
    snippet: str
    source: Source
    via: Source | None = None
    matched: tuple[Match, ...] = ()


# A query is what a lawyer types, not a document: longer ones are refused, and only this
# many distinct words of one are searched.
MAX_QUERY = 2_000
MAX_TERMS = 32


def search_passages(
    bank_dir: str | Path,
    query: str | None,
    *,
    theme: str | None = None,
    source: str | None = None,
    authority: str | None = None,
    framework: str | None = None,
    judgement: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 10,
    expand: bool = True,
) -> tuple[SearchHit, ...]:
    """Find the passages that best match a query and every filter given.

    Args:
        bank_dir: the bank folder; its search cache is built or refreshed as needed.
        query: free text; misspellings and theme synonyms are tolerated. ``None`` or
            blank lists every passage matching the filters, in bank order; text without a
            word ("***") is refused.
        theme: a theme id (or its label), e.g. ``management-oversight``.
        source: a source id, e.g. ``ofsted-tower-hamlets-2017``.
        authority: part of an authority's name, or a near spelling ("Tower Hamlets").
        framework: inspection framework: ``pre-SIF``, ``SIF`` or ``ILACS``.
        judgement: the source's overall grade, e.g. ``inadequate``; a prefix will do
            ("requires improvement").
        since: only sources published on or after this day.
        until: only sources published on or before this day.
        limit: at most this many hits.
        expand: also look for the report's words for what the query says in a lawyer's
            (the thesaurus); ``False`` searches for the words typed, their misspellings
            and theme names only.

    Returns:
        The hits, best first; empty when nothing matches.

    Raises:
        LookupFailed: an unknown theme, source, authority, framework or judgement, with
            close matches as the hint.
        BankError: the bank has a problem (only new or changed files are re-read).
        CareciteError: SQLite lacks FTS5, ``since`` is after ``until``, or the query is
            text without a word or longer than ``MAX_QUERY``.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if since and until and since > until:
        raise CareciteError(
            StepText(
                Step.SINCE, f" {since.isoformat()} is after ", Step.UNTIL, f" {until.isoformat()}"
            ),
            hint="swap them, or leave one out",
        )
    if query is not None and query.strip() and not WORD.search(query):
        # "***" or "?" would otherwise list the whole bank as though every passage matched.
        raise CareciteError(
            f"'{query.strip()}' has no words to search for",
            hint="type words, e.g. drift; to list passages by a filter, leave the words out",
        )
    if query is not None and len(query) > MAX_QUERY:
        raise CareciteError(
            f"the query is {len(query):,} characters long; a search takes up to {MAX_QUERY:,}",
            hint=StepText("search for the words that matter; to check a whole draft, ", Step.AUDIT),
        )

    def read(index: Index) -> tuple[SearchHit, ...]:
        themes = index.themes()
        theme_id = theme_named(theme, themes) if theme is not None else None
        allowed = _allowed_sources(index, source, authority, framework, judgement, since, until)
        if allowed is not None and not allowed:
            return ()
        # Each distinct word costs a fuzzy match and an FTS term: the first MAX_TERMS
        # distinct words are searched (a pasted page would otherwise take seconds). A word
        # repeated next to itself stays: "B&B" is "b b", a phrasing of the thesaurus.
        typed = WORD.findall(query.casefold()) if query else []
        words = [
            word
            for at, word in enumerate(typed)
            if word not in typed[:at] or typed[at - 1 : at] == [word]
        ][:MAX_TERMS]
        if not words:
            return _browse(index, theme_id, allowed, limit)
        return _search(index, query or "", words, themes, theme_id, allowed, limit, expand)

    return read_index(bank_dir, read)


# --- filters --------------------------------------------------------------------------------


def _allowed_sources(
    index: Index,
    source: str | None,
    authority: str | None,
    framework: str | None,
    judgement: str | None,
    since: date | None,
    until: date | None,
) -> set[str] | None:
    """The source ids every source-level filter allows; ``None`` when there is no filter."""
    clauses: list[str] = []
    args: list[Any] = []
    if source is not None:
        known = index.source_ids()
        if source not in known:
            hint = did_you_mean(source, known) or StepText(Step.SEE_SOURCES)
            raise LookupFailed(f"no source with id '{source}'", hint=hint)
        clauses.append("id = ?")
        args.append(source)
    if authority is not None:
        # Imported here: the authority resolver reads YAML, which a plain search never needs.
        from carecite.history.inspections import names_for

        names = names_for(authority, index.authorities())
        clauses.append(f"authority IN ({','.join('?' * len(names))})")
        args.extend(names)
    if framework is not None:
        clauses.append("framework = ?")
        args.append(_resolve_choice(framework, FRAMEWORK_SCALES, "framework"))
    if judgement is not None:
        grades = dict.fromkeys(g for scale in FRAMEWORK_SCALES.values() for g in scale)
        clauses.append("overall = ?")
        args.append(_resolve_choice(judgement, grades, "overall judgement", prefix=True))
    if since is not None:
        clauses.append("published >= ?")
        args.append(since.isoformat())
    if until is not None:
        clauses.append("published <= ?")
        args.append(until.isoformat())
    if not clauses:
        return None
    rows = index.connection.execute(f"SELECT id FROM sources WHERE {' AND '.join(clauses)}", args)
    return {r[0] for r in rows}


@cache
def _core_authority(name: str) -> str:
    """``London Borough of Tower Hamlets`` → ``tower hamlets``, as a query's words are
    compared with it (worked out once per process: every search compares every authority)."""
    from rapidfuzz import utils

    return utils.default_process(" ".join(_AUTHORITY_NOISE.sub(" ", name).split()) or name)


def _resolve_choice(wanted: str, choices: Iterable[str], what: str, *, prefix: bool = False) -> str:
    key = " ".join(wanted.casefold().split())
    options = list(choices)
    for option in options:
        if option.casefold() == key:
            return option
    if prefix:
        starts = [o for o in options if o.casefold().startswith(key)]
        if len(starts) == 1:
            return starts[0]
    hint = did_you_mean(wanted, options) or "use one of: " + ", ".join(options)
    raise LookupFailed(f"no {what} '{wanted}'", hint=hint)


# --- browsing by filter only ----------------------------------------------------------------


def _browse(
    index: Index, theme_id: str | None, allowed: set[str] | None, limit: int
) -> tuple[SearchHit, ...]:
    where, args = _filter_sql(theme_id, allowed)
    rows = index.connection.execute(
        f"SELECT rowid FROM passages WHERE 1{where} ORDER BY source, idx LIMIT ?", [*args, limit]
    )
    rowids = [r[0] for r in rows]
    return _hits(index, [(rowid, 0.0) for rowid in rowids], None)


def _filter_sql(
    theme_id: str | None, allowed: set[str] | None, rowid: str = "rowid"
) -> tuple[str, list[Any]]:
    """SQL ``AND …`` conditions on ``rowid`` for the passage filters, and their arguments.

    The full-text table's are on ``+rowid``: given ``rowid IN (…)``, FTS5 looks each allowed
    passage up, seeking every phrase of the query for each (244 ms for Tower Hamlets' 196
    passages at 100k); on ``+rowid`` SQLite filters FTS5's own scan (11 ms), in the same
    rowid order, so a filter costs at most a scan of the query's matches.
    """
    sql = ""
    args: list[Any] = []
    if theme_id is not None:
        sql += f" AND {rowid} IN (SELECT passage FROM passage_themes WHERE theme = ?)"
        args.append(theme_id)
    if allowed is not None:
        marks = ",".join("?" * len(allowed))
        sql += f" AND {rowid} IN (SELECT rowid FROM passages WHERE source IN ({marks}))"
        args.extend(sorted(allowed))
    return sql, args


# --- free-text search -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    """A query word and the index words it stands for (itself, or its corrections).

    A concept the query names is one term: ``word`` is what the query called it, and
    ``variants`` that phrase followed by the report's phrasings of the concept; ``literal``
    is the query's words that named it (without the words it skipped). ``negated``:
    the query says it is not so ("children not seen"), so a passage holds it fully only
    where it says so too. ``kin``: the words of the bank in the word's family
    (``families.family_of``), held where the passage has none of ``variants``. ``slips``:
    the words of ``literal`` that correct a word typed ("leaving" for "leeving"), shown as
    typos where a passage holds them.
    """

    word: str
    variants: tuple[str, ...]
    concept: Concept | None = None
    surely: bool = True
    literal: tuple[str, ...] = ()
    negated: bool = False
    kin: tuple[str, ...] = ()
    slips: tuple[str, ...] = ()


def _search(
    index: Index,
    query: str,
    words: list[str],
    themes: dict[str, Theme],
    theme_id: str | None,
    allowed: set[str] | None,
    limit: int,
    expand: bool,
) -> tuple[SearchHit, ...]:
    from rapidfuzz import fuzz, utils

    concepts = index.concepts()
    words, apart = _joined(index, words, concepts)
    wanted_sources, place_words = _sources_named(index, words)
    found_terms = _spelt_apart(_terms(index, words, concepts), apart)
    # A slip in a word of a concept's phrasing names the concept as the word meant would
    # ("keep leeving": "keep leaving"): each word its best correction (a word the bank or
    # the thesaurus knows is never corrected, ``_terms``).
    meant = {t.word: t.variants[0] for t in found_terms if t.variants[:1] not in ((), (t.word,))}
    spelt = [meant.get(w, w) for w in words]
    named = find_concepts(spelt, concepts) if expand else []
    # An authority's name is matched against the source, not looked for in the text.
    named = [
        n
        for n in named
        if not place_words.issuperset(n.words) and not _in_a_theme_phrase(n, spelt, themes)
    ]
    covered = {w for n in named for w in (*n.words, *n.also)}
    tokens = WORD.findall(query.casefold())
    negated, stance = _negated(tokens), _stance(tokens)
    typed_stems = {stem(token) for token in tokens}
    typed_terms = [replace(t, negated=t.word in negated) for t in found_terms]
    # A fault the query denies ("supervision is not poor") is sought as the praise the
    # stance asks for, not as its word: a passage holding "poor" says the opposite.
    denied = {word for at, word in enumerate(tokens) if _denier(tokens, at) is not None}
    word_terms = _references(
        [t for t in typed_terms if meant.get(t.word, t.word) not in covered | denied]
    )
    concept_terms = [
        _Term(
            n.said,
            (n.said, *n.concept.written),
            n.concept,
            _named_surely(n),
            literal=n.words,
            negated=bool(_NEGATORS.intersection(n.words))
            or not negated.isdisjoint([n.words[0], *_typed_as(n.words[0], meant)]),
            slips=tuple(w for w in n.words if _typed_as(w, meant)),
        )
        for n in named
    ]
    terms = word_terms + concept_terms
    usable = [t for t in terms if t.variants]
    if not usable:
        return ()
    where, args = _filter_sql(theme_id, allowed, rowid="+rowid")
    rows = _candidates(
        index, _searchable(index, usable), _searched(typed_terms), where, args, limit, usable
    )
    if not rows:
        return ()
    match = " OR ".join(_group(t) for t in usable)

    # An authority the query names is the passage's source, not words of its text; they are
    # looked for in the text only when nothing else is ("Tower Hamlets" alone).
    words_in_text = [t for t in word_terms if t.word not in place_words] or (
        [] if concept_terms else word_terms
    )
    corrected = " ".join(
        [t.variants[0] if t.variants else t.word for t in words_in_text]
        + [t.word for t in concept_terms]
    )
    wanted_themes = _themes_named(words, corrected, themes)
    for term in concept_terms:
        if (
            term.concept
            and term.concept.theme in themes
            and (term.surely or term.concept.theme in wanted_themes)
        ):
            wanted_themes.setdefault(term.concept.theme, term.word)
    content = _searched(words_in_text) + concept_terms or usable
    # Rare words say more about a passage than common ones: weigh coverage by IDF.
    total = index.passage_count()
    weight = _weights(index, content, total)
    # Over the terms, not the words: a phrase naming two concepts ("special guardianship":
    # kinship care and the order) is two terms of one word, and counted once here it made
    # scores of 115.
    all_weight = sum(weight[t.word] for t in content) or 1.0
    thesaurus = tuple(concepts)
    patterns = {
        t.word: (
            phrasing_pattern([" ".join(t.literal)], gap=GAP),
            written_in_sense(t.concept, thesaurus),
            _spelt_out(t.literal, t.concept.written),
        )
        for t in concept_terms
        if t.concept is not None
    }
    best = min(r[1] for r in rows) or -1.0
    scale = 100 / (1.15 if wanted_sources else 1.0)

    def score(credits: Sequence[float], fixed: float, together: float | None) -> float:
        covered = sum(weight[t.word] * c for t, c in zip(content, credits, strict=True))
        covered /= all_weight
        return scale * (fixed + 0.35 * covered + 0.20 * (covered if together is None else together))

    details = _details(index, [r[0] for r in rows])
    on_themes: dict[int, list[str]] = {}
    held_fully = [1.0] * len(content)
    # Each passage's best possible score (every term held fully, the words typed together),
    # as ranked: the passages are scored best ceiling first, none once the limit-th scored
    # so far ranks above the next one's ceiling, and a passage's terms are sought only if
    # how closely it holds the words typed leaves it a chance of the first results.
    ceilings: list[tuple[_Ranked, float]] = []
    for rowid, bm25 in rows:
        _, theme_ids, source_id, order, _ = details[rowid]
        on_themes[rowid] = [t for t in theme_ids.split() if t in wanted_themes]
        fixed = (
            0.30 * (bm25 / best)
            + 0.10 * bool(on_themes[rowid])
            + 0.15 * (source_id in wanted_sources)
        )
        most = score(held_fully, fixed, 1.0 if len(content) > 1 else None)
        ceilings.append(((-round(most, 1), order, rowid), fixed))
    ranked: list[_Ranked] = []

    def below_first(rank: _Ranked) -> bool:
        return len(ranked) >= limit and ranked[limit - 1] < rank

    found_in: dict[int, list[_Held]] = {}
    for ceiling, fixed in sorted(ceilings):
        if below_first(ceiling):
            break
        _, order, rowid = ceiling
        text, _, _, _, role = details[rowid]
        processed = utils.default_process(text)
        together = (
            fuzz.partial_ratio(corrected, processed, processor=utils.default_process) / 100
            if len(content) > 1
            else None  # one term: how much of it is held says it
        )
        if below_first((-round(score(held_fully, fixed, together), 1), order, rowid)):
            continue
        # The passage's words in order (the first of a word's inflections is the one shown).
        present = dict.fromkeys(processed.split())
        advice = role == "recommendation"
        stems: dict[str, str] = {}
        folded = text.casefold()
        found = found_in[rowid] = [
            _found(t, present, stems, patterns, folded, advice, typed_stems) for t in content
        ]
        rank = (-round(score([c for c, _, _ in found], fixed, together), 1), order, rowid)
        # The stance only lowers a score: a passage already below the first results stays.
        if _may_oppose(stance, present, advice) and not below_first(rank):
            credits = _weighed_by_stance(found, folded, stance, advice)
            rank = (-round(score(credits, fixed, together), 1), order, rowid)
        insort(ranked, rank)
    typed = _as_typed(query, {correction: word for word, correction in meant.items()})
    chosen = [(rowid, round(-neg, 1)) for neg, _, rowid in ranked[:limit]]
    reasons = {
        rowid: [
            replace(m, query=typed(m.query))
            for m in _distinct(
                # "not" counts (see _found) but is no reason: the words it negates say why.
                [m for _, held, _ in found_in[rowid] for m in held if m.query not in _NEGATORS]
                + [Match(wanted_themes[t], themes[t].label, "theme") for t in on_themes[rowid]]
            )
        ]
        for rowid, _ in chosen
    }
    return _hits(index, chosen, match, reasons)


def _typed_as(word: str, meant: Mapping[str, str]) -> list[str]:
    """The words typed that ``word`` corrects (``meant``: each misspelt word's correction)."""
    return [typed for typed, correction in meant.items() if correction == word]


def _joined(
    index: Index, words: list[str], concepts: Sequence[Concept]
) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """The query's words with two typed apart made one where that is a word the bank or the
    thesaurus knows: "no where to live" is "nowhere to live", "case loads" "caseloads"; and
    each word so made, with the two it was made of.

    A single letter is not joined to the next word ("a part" stays two words). The words
    apart stay a spelling of the joined word (``_spelt_apart``): "multi-agency" is in 412
    passages of the 35 corpus reports, "multiagency" in one.
    """
    pairs = {
        first + second: at
        for at, (first, second) in enumerate(pairwise(words))
        if len(first) > 1 and len(second) > 1 and not (first + second).isdigit()
    }
    if not pairs:
        return words, {}
    known = index.known_terms(pairs)
    stems = thesaurus_stems(tuple(concepts))
    joined = list(words)
    apart: dict[str, tuple[str, str]] = {}
    for word, at in sorted(pairs.items(), key=lambda pair: pair[1], reverse=True):
        if (word in known or stem(word) in stems) and joined[at + 1 : at + 2] == [words[at + 1]]:
            joined[at : at + 2] = [word]
            apart[word] = (words[at], words[at + 1])
    return joined, apart


def _spelt_apart(terms: list[_Term], apart: Mapping[str, tuple[str, str]]) -> list[_Term]:
    """The terms of words ``_joined`` made one (``apart``: each with the two it was made of),
    each also looking for the words typed, side by side or hyphenated ("multi agency" for
    "multiagency"), as a spelling of its own."""
    return [
        replace(t, variants=(*t.variants, " ".join(apart[t.word])), literal=apart[t.word])
        if t.word in apart and t.variants
        else t
        for t in terms
    ]


def _references(terms: list[_Term]) -> list[_Term]:
    """The terms with a number typed after a statute's label made one term of both,
    "section 20" ("s.20", "s 20"): held only where the passage has them side by side, not
    wherever the number is ("over 20 months", "20 miles" answered "section 20 drift")."""
    made: list[_Term] = []
    for term in terms:
        label = made[-1] if made else None
        if term.word.isdigit() and label is not None and label.word in _STATUTE_LABELS:
            names = _STATUTE_LABELS[label.word]
            made[-1] = _Term(
                f"{label.word} {term.word}",
                tuple(f"{name} {term.word}" for name in names),
                literal=(label.word, term.word),
                negated=label.negated or term.negated,
            )
        else:
            made.append(term)
    return made


def _named_surely(named: Named) -> bool:
    """Whether the query named a concept by a phrase or a term of practice, not by one
    everyday word.

    Named by two words or more ("keep leaving", "foster homes") the concept is what was
    meant, and so it is by a legal phrasing ("LADO", "s20", "RHIs": a term of practice has
    one sense); named by one everyday word ("slip", "locum") it is a guess among that word's
    senses: its phrasings count ``_ONE_WORD_SHARE`` as much, and its theme only when the
    query names that theme another way.
    """
    said = tuple(stem(w) for w in named.words)
    legal = {tuple(stem(w) for w in WORD.findall(p.casefold())) for p in named.concept.legal}
    return said in legal or len([w for w in named.words if w not in FUNCTION_WORDS]) > 1


def _searchable(index: Index, terms: list[_Term]) -> list[_Term]:
    """The terms as FTS5 looks for them: a concept without its phrasings of common words.

    A phrase of words found in more than a tenth of the passages ("senior leaders") costs
    FTS5 a walk through long position lists and picks out little; it still counts when the
    candidates are re-ranked. In a small bank (up to 200 passages) every phrasing is kept.
    A concept whose phrasings are all common keeps its rarest one: without it, "groomed for
    sex" found nothing once "sexual" and "exploitation" grew common.
    """
    common = max(index.passage_count() / 10, 20)
    words = {w for t in terms if t.concept for v in t.variants for w in WORD.findall(v.casefold())}
    frequency = index.frequencies(words)

    def kept(phrasings: Sequence[str]) -> tuple[str, ...]:
        counts = {v: phrasing_frequency(v, frequency) for v in phrasings}
        rare = tuple(v for v in phrasings if counts[v] <= common)
        return rare or tuple(sorted(phrasings, key=counts.__getitem__)[:1])

    return [
        t if t.concept is None else replace(t, variants=(t.variants[0], *kept(t.variants[1:])))
        for t in terms
    ]


def _distinct(matches: list[Match]) -> list[Match]:
    """Each reason once: two concepts finding "emergency duty team" in a passage say so
    once, for the query's words that named the first of them."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for match in matches:
        if (match.text, match.via) not in seen:
            seen.add((match.text, match.via))
            kept.append(match)
    return kept


def _weights(index: Index, content: Sequence[_Term], total: int) -> dict[str, float]:
    """Each term's inverse document frequency; a concept's is the mean of its phrasings'; a
    word of praise's no more than the query's lightest other term's."""
    frequency = index.frequencies(
        w for t in content for v in t.variants for w in WORD.findall(v.casefold())
    )

    def idf(count: int) -> float:
        return math.log((total + 1) / (count + 0.5))

    weight = {}
    for term in content:
        if term.concept is None:
            weight[term.word] = idf(max(phrasing_frequency(v, frequency) for v in term.variants))
            continue
        counts = [phrasing_frequency(v, frequency) for v in term.variants[1:]]
        known = [idf(c) for c in counts if c] or [idf(0)]
        weight[term.word] = sum(known) / len(known)
    # A word of praise says how a finding is judged, not what it is about: rare ones
    # ("excellent") weighed as topics ranked any praise above "adoption services are
    # outstanding" for "adoption service is excellent".
    praising = {t.word for t in content if t.concept is None and t.word in _PRAISE}
    topical = [w for word, w in weight.items() if word not in praising]
    for word in praising if topical else ():
        weight[word] = min(weight[word], *topical)
    return weight


def _found(
    term: _Term,
    present: Collection[str],
    stems: dict[str, str],
    patterns: dict[str, _Sought],
    text: str,
    advice: bool,
    typed: Collection[str],
) -> _Held:
    """How much of a term a passage holds (0 to 1), the matches that show it, and a pattern
    finding where.

    ``present`` is the passage's words (``stems``: see ``_held``), ``text`` the passage
    casefolded: a thesaurus phrasing is shown as the passage writes it ("children’s
    services", not "children s services").
    ``advice``: the passage is a recommendation, which says what is not yet so.
    ``typed``: the stems of the query's words (``_standing_alone``).
    """
    matches: tuple[Match, ...]
    if term.concept is None:
        rank, word = _held(present, term.variants, stems)
        if word is None:
            # A word of its family alone, shown as the word typed: "managers" → "managerial".
            word = next((kin for kin in term.kin if kin in present), None)
            if word is None:
                return 0.0, (), ""
            credit, matches = _KIN_CREDIT, (Match(term.word, word, "words"),)
            where = rf"\b{re.escape(word)}\b"
        elif " " in word:  # the words typed of a word they were joined into (_spelt_apart)
            where = r"\b" + r"\W*".join(map(re.escape, word.split())) + r"\b"
            found = re.search(where, text)
            if found is None:
                return 0.0, (), ""
            credit, matches = 1.0, (Match(" ".join(term.literal), found.group(0), "words"),)
            return credit, matches, where
        else:
            where = rf"\b{re.escape(word)}\b"
            # The bank may hold only another inflection of a word typed ("respected", "filed"
            # as "files"): no typo.
            same = rank == 0 and one_word(term.word, term.variants[0])
            via = "words" if same else "typo"
            credit, matches = (1.0 if rank == 0 else 0.6), (Match(term.word, word, via),)
        if not _standing_alone(word, text, typed):
            credit *= _IN_A_COMPOUND
    else:
        credit, matches, where = _concept_found(term, present, stems, patterns[term.word], text)
        if not matches:
            return 0.0, (), ""
    if term.negated and not advice and not _says_not(where, text, _own_words(term, matches)):
        credit *= _UNNEGATED
    return credit, matches, where


def _standing_alone(word: str, text: str, typed: Collection[str]) -> bool:
    """Whether ``text`` holds ``word`` other than as part of a hyphenated word whose other
    part the query lacks (``typed``: the query's stems): "agency" in "multi-agency" is not
    agency staff, and "decision" in "decision-making" is the query "decision making"."""
    if f"-{word}" not in text and f"{word}-" not in text:
        return True  # most passages: no regular expression needed
    for found in re.finditer(rf"(?:([^\W_]+)-)?\b{re.escape(word)}\b(?:-([^\W_]+))?", text):
        if all(stem(part) in typed for part in found.groups() if part):
            return True
    return False


def _concept_found(
    term: _Term,
    present: Collection[str],
    stems: dict[str, str],
    patterns: _Sought,
    text: str,
) -> _Held:
    """How much of a concept a passage holds, the matches that show it, and the pattern
    finding where (for ``_says_not``); see ``_found``.

    ``patterns``: the words that named it, together (``GAP`` words apart at most, as
    ``find_concepts`` found them in the query), and the report's phrasings of it in its
    sense (``written_in_sense``), and the words of those an acronym typed stands for
    (``_spelt_out``). The words typed, together, count fully and are shown as the passage
    has them ("not challenging" finds "not provide appropriate challenge", never a "not" in
    one sentence and a "challenge" in another), and so do the words an acronym stands for;
    else a phrasing counts ``_THESAURUS_CREDIT``; else two or more of the words typed, apart, count
    ``_APART_CREDIT`` by their share and are shown each as itself ("life" and "story" of
    "life story work").
    """
    together, written, spelt = patterns
    found = together.search(text)
    if found is not None:
        via = "typo" if term.slips else "words"
        return 1.0, (Match(term.word, found.group(0), via),), together.pattern
    phrase, opposite = _phrasing_shown(term, written.finditer(text), text, spelt)
    credit = 0.0
    if phrase is not None and _spells_out(phrase.group(0), spelt):
        credit = 1.0  # what the acronym typed stands for: as though typed
    elif phrase is not None:
        credit = _THESAURUS_CREDIT if term.surely else _THESAURUS_CREDIT * _ONE_WORD_SHARE
    credit *= _OPPOSED if opposite else 1.0
    plain = _plain(term.literal)
    held = [(w, _held(present, (w,), stems)[1]) for w in plain] if len(plain) > 1 else []
    apart = [
        Match(w, word, "typo" if w in term.slips else "words")
        for w, word in held
        if word is not None
    ]
    if apart and _APART_CREDIT * len(apart) / len(plain) > credit:
        where = "|".join(rf"\b{re.escape(m.text)}\b" for m in apart)
        return _APART_CREDIT * len(apart) / len(plain), tuple(apart), where
    if phrase is None:
        return 0.0, (), ""
    return credit, (Match(term.word, phrase.group(0), "thesaurus"),), written.phrasings.pattern


def _phrasing_shown(
    term: _Term, phrasings: Iterable[re.Match[str]], text: str, spelt: _Spelt
) -> tuple[re.Match[str] | None, bool]:
    """Which of the concept's phrasings a passage holds (``phrasings``) answers ``term``, and
    whether it says the opposite of the query.

    Where the query finds fault in the concept ("unsuitable housing", "no oversight"), a
    phrasing with a word of fault in or near it answers best ("living in unsuitable
    accommodation", "insufficient availability of suitable accommodation"); a passage
    with none, and one that commends ("live in suitable accommodation"), says the
    opposite. Then one of the words an acronym typed stands for (``spelt``: ``_spelt_out``),
    then the phrasing sharing most of the query's words ("management oversight"
    for "no management oversight", not "challenging"), the longest, the first.
    """
    faulting = term.negated or not _FAULT.isdisjoint(term.literal)
    typed = {stem(w) for w in term.literal}

    def preference(found: re.Match[str]) -> tuple[int, bool, int, int, int]:
        words = WORD.findall(found.group(0))
        against = 0
        if faulting and not _says_near(_FAULT, found, text):
            against = 2 if not _PRAISE.isdisjoint(words) else 1
        shared = len(typed.intersection(stem(w) for w in words))
        spells = _spells_out(found.group(0), spelt)
        return against, not spells, -shared, found.start() - found.end(), found.start()

    ranked = [(preference(found), found) for found in phrasings]
    if not ranked:
        return None, False
    (best_against, *_), best = min(ranked, key=lambda pair: pair[0])
    return best, best_against > 0 and max(against for (against, *_), _ in ranked) == 2


def _spelt_out(typed: Sequence[str], phrasings: Iterable[str]) -> _Spelt:
    """The words of the phrasings the words ``typed`` abbreviate: those whose words', or
    words but function words', first letters the one word typed is ("child criminal
    exploitation" for "CCE", "deprivation of liberty safeguards" for "DoLS", "return home
    interviews" for "RHIs"); or the first word typed is, the phrasing's other words being
    the other words typed ("child in need plans" for "CIN plans")."""
    if not typed or (len(typed) > 1 and typed[0] in FUNCTION_WORDS):
        return ()
    acronym, rest = typed[0], [stem(w) for w in typed[1:]]
    spelt = []
    for phrasing in phrasings:
        words = tuple(WORD.findall(phrasing.casefold()))
        head = words[: len(words) - len(rest)]
        if rest and [stem(w) for w in words[len(head) :]] != rest:
            continue
        initials = {
            "".join(w[0] for w in head),
            "".join(w[0] for w in head if w not in FUNCTION_WORDS),
        }
        if len(head) > 1 and not initials.isdisjoint([acronym, acronym.removesuffix("s")]):
            spelt.append(words)
    return tuple(spelt)


def _spells_out(phrase: str, spelt: _Spelt) -> bool:
    """Whether ``phrase`` is two or more words of a phrasing an acronym stands for
    (``spelt``), in its order: "criminal exploitation" of "child criminal exploitation",
    "return interviews" of "return home interviews"."""
    if not spelt:
        return False  # most concepts: no acronym typed
    words = WORD.findall(phrase.casefold())
    return len(words) > 1 and any(_in_order(words, whole) for whole in spelt)


def _in_order(words: Sequence[str], whole: Sequence[str]) -> bool:
    """Whether ``whole`` holds ``words`` in their order, perhaps with others between."""
    rest = iter(whole)
    return all(word in rest for word in words)


def _searched(terms: Sequence[_Term]) -> list[_Term]:
    """The terms that say which passage is meant: something to look for, not a function
    word or a word of degree."""
    return [t for t in terms if t.variants and t.word not in _UNSOUGHT]


def _plain(words: Sequence[str]) -> list[str]:
    """The words that say what is meant: neither function words, words of degree nor
    negators."""
    return [w for w in words if w not in _UNSOUGHT and w not in _NEGATORS]


def _negated(tokens: Sequence[str]) -> set[str]:
    """The query words a negator comes shortly before ("not", "never", "didn't"): "not" in
    "children not seen" negates "seen"."""
    return {
        word
        for at, word in enumerate(tokens)
        if word not in _NEGATORS and _negator_before(tokens, at)
    }


def _negator_before(tokens: Sequence[str], at: int) -> bool:
    """Whether a negator comes shortly (``_SCOPE`` words) before ``tokens[at]``."""
    return not _NEGATORS.isdisjoint(tokens[max(0, at - _SCOPE) : at])


def _own_words(term: _Term, matches: Sequence[Match]) -> frozenset[str]:
    """The words a term is, typed and as the passage holds them, but for negators: a fault
    the query denies ("not poor") is not said not to be so by the fault's own word."""
    held = (m.text for m in matches if m.via != "thesaurus")
    words = {term.word, *term.literal, *(w for text in held for w in WORD.findall(text.casefold()))}
    return frozenset(words.difference(_NEGATORS))


def _says_not(where: str, text: str, own: frozenset[str]) -> bool:
    """Whether the passage says a thing is not so: a negator shortly before or after one of
    the places the pattern ``where`` finds, or inside it ("do not visit", "lack of
    challenge", "visits are not"); not one of ``own``, the words the thing is."""
    says_not = _SAYS_NOT.difference(own)
    return any(_says_near(says_not, found, text) for found in re.finditer(where, text))


def _says_near(words: frozenset[str], found: re.Match[str], text: str) -> bool:
    """Whether one of ``words`` is inside ``found``, or shortly before or after it."""
    before = WORD.findall(text[max(0, found.start() - 60) : found.start()])[-_SCOPE:]
    after = WORD.findall(text[found.end() : found.end() + 30])[:2]
    return not words.isdisjoint([*before, *after, *WORD.findall(found.group(0))])


def _stance(tokens: Sequence[str]) -> int:
    """Whether words commend (1) or find fault (-1) more than the other, or neither (0).

    A commending word a negator comes shortly before finds fault ("not consistently good",
    "do not visit regularly"), and a fault a word that keeps it from happening comes shortly
    before commends ("prevents risks of drift", ``_LESSENS``), as does a fault a negator
    denies (``_denier``), whose negator then finds no fault of its own; "as well as" and
    "well-being" commend nothing.
    """
    fault = praise = 0
    deniers = [_denier(tokens, at) for at in range(len(tokens))]
    for at, word in enumerate(tokens):
        if at in deniers:
            continue
        if word in _FAULT:
            lessened = not _LESSENS.isdisjoint(tokens[max(0, at - _SCOPE) : at])
            if lessened or deniers[at] is not None:
                praise += 1
            else:
                fault += 1
        elif word in _PRAISE and not (
            word == "well"
            and (tokens[at - 1 : at] == ["as"] or tokens[at + 1 : at + 2] == ["being"])
        ):
            if _negator_before(tokens, at):
                fault += 1
            else:
                praise += 1
    return (praise > fault) - (fault > praise)


def _denier(tokens: Sequence[str], at: int) -> int | None:
    """Where the negator denying the fault ``tokens[at]`` is: shortly before it, with only
    words of no matter between ("not poor", "not too high", "no delay"; not the "not" of
    "where it is not used, they lack"), and no word keeping the fault from happening (a
    negator then denies that: "did not prevent drift")."""
    if tokens[at] not in _FAULT or tokens[at] in _NEGATORS:
        return None
    for before in range(at - 1, max(-1, at - 1 - _SCOPE), -1):
        if tokens[before] in _NEGATORS:
            return before
        if tokens[before] not in _UNSOUGHT:
            return None
    return None


def _may_oppose(stance: int, present: Collection[str], advice: bool) -> bool:
    """Whether a passage (``present``: its words) could hold a clause taking the stance
    opposite to the query's: only one holding a word of that stance (against fault, or a
    word keeping a fault from happening; against praise, or a recommendation) can, and the
    clauses of the rest need not be read. Most candidates are the rest: this keeps the
    stance's cost off a search at 100k passages."""
    if stance > 0:
        return advice or not _FAULT.isdisjoint(present)
    return stance < 0 and not (_PRAISE.isdisjoint(present) and _LESSENS.isdisjoint(present))


def _clauses(text: str) -> list[tuple[int, int]]:
    """Where each clause of ``text`` starts and ends (``_CLAUSE_END``, ``_OPENING_TURN``)."""
    cuts = [0]
    for end in _CLAUSE_END.finditer(text):
        cuts.append(end.start() if end.group(0)[0].isalpha() else end.end())
    cuts.append(len(text))
    spans = []
    for start, stop in pairwise(cuts):
        opening = _OPENING_TURN.match(text, start, stop)
        spans += [(start, opening.end()), (opening.end(), stop)] if opening else [(start, stop)]
    return spans


def _weighed_by_stance(found: Sequence[_Held], text: str, stance: int, advice: bool) -> list[float]:
    """Each term's credit (``found``: ``_found``'s answers) for a query taking ``stance``: a
    term the passage holds only in clauses taking the opposite one counts ``_OPPOSED``
    ("caseloads are manageable", for "caseloads too high"), unless the passage holds one of
    the query's terms in a clause taking the query's stance: it says both, and so what the
    query says ("Although too many assessments take too long, ... their quality"). A
    recommendation finds fault.
    """
    spans = _clauses(text)
    starts = [start for start, _ in spans]
    said: dict[int, int] = {}

    def clause_stance(at: int) -> int:
        if at not in said:
            start, end = spans[at]
            said[at] = _stance(WORD.findall(text[start:end]))
        return said[at]

    def taken(where: str) -> set[int]:
        if advice:
            return {-1}
        places = [(bisect_right(starts, p.start()) - 1, p.end()) for p in re.finditer(where, text)]
        return {
            clause_stance(at)
            for first, end in places
            for at in range(first, bisect_left(starts, end))
        }

    stances = [taken(where) if held else set() for _, held, where in found]
    if any(stance in held for held in stances):
        return [credit for credit, _, _ in found]
    return [
        credit * (_OPPOSED if held == {-stance} else 1.0)
        for (credit, _, _), held in zip(found, stances, strict=True)
    ]


def _group(term: _Term) -> str:
    """A term as an FTS5 expression: any of its variants; a concept's words as typed are
    looked for wherever the passage has them, not only side by side ("life story work")."""
    alternatives = [_phrase(v) for v in term.variants]
    if term.concept is not None:
        words = _plain(term.literal) or list(term.literal)
        alternatives[0] = "(" + " AND ".join(_phrase(w) for w in words) + ")"
    quoted = " OR ".join(alternatives)
    return f"({quoted})" if len(alternatives) > 1 else quoted


def _candidates(
    index: Index,
    terms: list[_Term],
    typed: list[_Term],
    where: str,
    params: list[Any],
    limit: int,
    whole: list[_Term],
) -> list[tuple[int, float]]:
    """The best few hundred passages by bm25, with every filter applied.

    ``typed`` is each word of the query as a term of its own, those a concept took too:
    when the passages holding every term, or every rare one, are few, those whose text holds
    any word typed or any concept are added, so a passage holding some of the words is never
    missed (a concept's words the bank holds apart, "life story work"; an authority's few
    passages, which hold none of the bank's rare words).

    A word in the text of more than a tenth of the passages says little: it is only ANDed
    with rarer ones, and left to the re-ranking otherwise. A phrase counts as rare here (the
    vocabulary knows words, not phrases): a concept is common only when one of its one-word
    phrasings is, which keeps the report's phrases among the candidates. bm25 costs time for
    every passage that matches, in any column: a word rare in the text may be in every
    passage's theme ("permanence"), so a query of such words alone is not ranked, and one
    word alone finds candidates only in the text (measured in bench/bench_paraphrase.py and
    bench_search.py). When all that finds too few, the concepts' common phrasings are looked
    for too (``whole``: the terms before ``_searchable``): "CIN" found only "section 17",
    not the reports' "children in need".
    """
    total = index.passage_count()
    variants = [v for t in terms for v in t.variants]
    in_text, anywhere = index.frequencies(variants), index.spread(variants)

    def rare_in(term: _Term, counts: dict[str, int]) -> bool:
        return max(counts.get(v, 0) for v in term.variants) <= total / 10

    rare = [t for t in terms if rare_in(t, in_text)]
    weights = ", ".join(str(w) for w in _WEIGHTS)

    def run(expression: str, ranked: bool) -> list[tuple[int, float]]:
        order = f"ORDER BY r LIMIT {_CANDIDATES}" if ranked else f"LIMIT {_CANDIDATES * 4}"
        found = index.connection.execute(
            f"SELECT rowid, bm25(passages_fts, {weights}) AS r FROM passages_fts "
            f"WHERE passages_fts MATCH ?{where} {order}",
            [expression, *params],
        ).fetchall()
        return found if ranked else sorted(found, key=lambda row: row[1])[:_CANDIDATES]

    def every(group: list[_Term]) -> tuple[str, bool]:
        """All of them, in any column (a theme's words count), ranked when one of them is
        rare in every column: no more matches than that word has."""
        bounded = any(rare_in(t, anywhere) for t in group)
        # A term every passage holds in some column ("children": every source's title) filters
        # nothing and weighs little in bm25 (FTS5 floors the idf of a word in over half the
        # passages at 1e-6; "child" beside "children" is 0.2 at 300k), but its position lists
        # were read for every match: "child sexual exploitation" at 300k, 36 → 18 ms of SQL.
        group = [t for t in group if max(anywhere.get(v, 0) for v in t.variants) < total] or group
        return " AND ".join(_group(t) for t in group), bounded

    # Passages with every word first, then those with every rare word, then those whose
    # text has any rare word, then any word at all. Of very common words only, any few
    # hundred of their passages rank as well as others.
    expressions = [every(terms) if rare else (every(terms)[0], False)]
    if rare and len(rare) < len(terms):
        expressions.append(every(rare))
    if len(rare) > 1:
        expressions.append((f"text : ({' OR '.join(_group(t) for t in rare)})", True))
    anything = " OR ".join(dict.fromkeys(_group(t) for t in (*typed, *terms)))
    expressions.append((f"text : ({anything})", False))
    if whole != terms:
        expressions.append((f"text : ({' OR '.join(_group(t) for t in whole)})", False))
    found: list[tuple[int, float]] = []
    seen: set[int] = set()
    for expression, ranked in expressions:
        found += [row for row in run(expression, ranked) if row[0] not in seen]
        seen = {rowid for rowid, _ in found}
        if len(found) >= max(limit, _ENOUGH):
            return found
    # Last, passages holding a word only in another column: on a theme the query names, where
    # the text holds none of its words ("section 47 investigations done thoroughly" found
    # nothing in a report that writes "strategy discussions"). Their bm25 is of theme words,
    # not the text's, so they take none: the text's matches stay above them.
    return found + [(rowid, 0.0) for rowid, _ in run(anything, False) if rowid not in seen]


def _details(
    index: Index, rowids: list[int]
) -> dict[int, tuple[str, str, str, tuple[str, int], str | None]]:
    """Text, theme ids, source, bank order (source, place in it) and role of each passage."""
    marks = ",".join("?" * len(rowids))
    rows = index.connection.execute(
        "SELECT rowid, text, themes, source, source, idx, role FROM passages "
        f"WHERE rowid IN ({marks})",
        rowids,
    )
    return {row[0]: (row[1], row[2], row[3], (row[4], row[5]), row[6]) for row in rows}


def _terms(index: Index, words: list[str], concepts: Sequence[Concept]) -> list[_Term]:
    """Each query word with what to search for.

    A word is searched as itself when the bank holds it, another inflection of it, a word
    of its family it extends or is extended by ("differently": "different"), or the
    thesaurus knows it (a real word the bank lacks: "spotting" is not a slip for
    "sporting", nor "falling" for "failings"); only a word known to neither gets RapidFuzz
    corrections. ``concepts`` is the thesaurus (``Index.concepts``), read once a search.
    A word searched as itself also holds the words of its family (``_kin``).
    """
    content = [w for w in words if w not in _UNSOUGHT] or words
    numbers = {w: other for w in content if (other := plural_of(w))}
    known = index.known_terms([*content, *numbers.values()])
    kin = _kin(index, [w for w in content if not w.isdigit()])
    terms = []
    by_length: dict[tuple[int, int], list[str]] = {}
    for word in words:
        if word in _UNSOUGHT and word not in content:
            terms.append(_Term(word, ()))
        elif word in known:
            other = numbers.get(word)
            variants = (word, other) if other in known else (word,)
            terms.append(_Term(word, variants, kin=kin(word)))
        elif len(word) >= 4 and not word.isdigit():
            span = (len(word) - 2, len(word) + 2)
            if span not in by_length:
                by_length[span] = index.terms_of_length(*span)
            vocabulary = [term for term in by_length[span] if term[:1] == word[:1]]
            inflected = tuple(term for term in vocabulary if stem(term) == stem(word))
            # A word extending or extended by a word of its family the bank holds
            # ("differently": "different") is no slip; "managment" for "management" is.
            family = kin(word)
            grown = any(word.startswith(w) or w.startswith(word) for w in family)
            if inflected or grown or stem(word) in thesaurus_stems(tuple(concepts)):
                terms.append(_Term(word, (word, *inflected), kin=family))
            else:
                terms.append(_Term(word, _corrections(word, vocabulary)))
        else:
            terms.append(_Term(word, ()))
    return terms


def _kin(index: Index, words: Sequence[str]) -> Callable[[str], tuple[str, ...]]:
    """The words of each of ``words``' family the bank's text holds, not its inflections
    (``families.family_of``: "managerial" and "management" for "managers"), read from the
    vocabulary in one query; never a function word ("under" for "underlying")."""
    vocabulary = index.terms_starting(w[:PREFIX] for w in words if len(w) > PREFIX)

    def of(word: str) -> tuple[str, ...]:
        if len(word) <= PREFIX:
            return ()
        family = family_of(word, [w for w in vocabulary if w.startswith(word[:PREFIX])])
        return tuple(w for w in family if w not in _UNSOUGHT)

    return of


def _corrections(word: str, vocabulary: list[str]) -> tuple[str, ...]:
    """The vocabulary words nearest ``word``: the best, and any within 4 points of it.

    ``vocabulary`` holds only words with the same first letter: a slip of the keyboard
    rarely changes it ("managment", "oversite", "retun"), while a "correction" that does is
    another word ("happy" → "apply", "illegal" → "legal", "head" → "ahead"). A slip also
    stays close without the endings (``stem``): a shared ending makes other words look alike
    ("talks" → "takes", "running" → "returning", "lasting" → "locating"), while a slip's
    letters are in the stem ("managment", "intervews").
    """
    from rapidfuzz import fuzz, process, utils

    found = [
        (choice, score)
        for choice, score, _ in process.extract(
            word,
            vocabulary,
            scorer=fuzz.ratio,
            processor=utils.default_process,
            score_cutoff=75,
            limit=5,
        )
        if _slip(word, choice)
    ]
    if not found:
        return ()
    top = found[0][1]
    return tuple(choice for choice, score in found if score >= top - 4)


def _slip(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with a slip of the keyboard: their stems within one edit
    (``OSA``: a letter wrong, missing, extra, or two swapped) per ``_LETTERS_PER_SLIP``
    letters ("permenance", "managment", "safegaurding"), or ``word``'s stem with a slip in
    its ending ("plannin": "plan" + "nin" for "planning"), so long as the whole words are
    that close too.

    Measured on the stems, a word sharing only an ending is refused: "chase" ("chas") is not
    "case", nor "invited" "invested"; measured by letters, not by a ratio, a long word keeps
    the two slips a ratio refused it ("permenance" and "permanence" score 78).
    """
    from rapidfuzz.distance import OSA

    def allowed(*words: str) -> int:
        return int(max(len(w) for w in words) / _LETTERS_PER_SLIP)

    # A form no ending makes has another word's stem ("children": "child", "withdrawn":
    # "withdraw"): a slip in its letters ("caildren") is measured against the form.
    typed_stem, word_stem = (w if is_irregular(w) else stem(w) for w in (typed, word))
    if OSA.distance(typed_stem, word_stem) <= allowed(typed_stem, word_stem):
        return True
    return typed.startswith(word_stem) and OSA.distance(typed, word) <= allowed(typed, word)


def _held(
    present: Collection[str], variants: Sequence[str], stems: dict[str, str]
) -> tuple[int, str | None]:
    """Which of a term's spellings a passage's words hold, best first, and the word held.

    Another inflection of the same word counts ("safeguarded" holds "safeguarding",
    ``thesaurus.stem``); another word sharing its start does not ("leaders" is not "lead").
    ``stems`` is the passage's first word of each stem: filled here on first need and kept
    for the passage's other terms (built for each term, it was a tenth of a search's time).
    """
    for rank, variant in enumerate(variants):
        if variant in present:
            return rank, variant
        if " " in variant:  # words a query typed apart (_spelt_apart)
            if all(word in present for word in variant.split()):
                return rank, variant
        elif len(variant) == 3:
            # An acronym's plural ("IROs", "PEPs"); not a short word's other inflections,
            # which its stem cannot tell apart ("car" would hold "cared").
            if variant + "s" in present:
                return rank, variant + "s"
        elif len(variant) > 3:
            if not stems:
                for word in present:
                    stems.setdefault(stem(word), word)
            held = stems.get(stem(variant))
            if held is not None:
                return rank, held
    return 0, None


def _as_typed(query: str, corrected: Mapping[str, str]) -> Callable[[str], str]:
    """Query words as the query typed them: "children s services" is shown as
    "children's services" (the search splits words at the apostrophe), words two typed apart
    were joined into as typed ("multi-agency", not "multiagency"; "no where to live", not
    "nowhere to live"), and a misspelt word's correction as the word typed (``corrected``:
    each correction, with the word typed; a theme named by "managment oversite")."""
    folded = query.casefold()

    def typed(words: str) -> str:
        said = [corrected.get(word, word) for word in words.split()]
        if len(said) == 1 and said[0] in folded.split():
            return said[0]
        # Each word's letters, perhaps with a hyphen or space between two of them.
        pattern = r"\W+".join(r"\W?".join(map(re.escape, word)) for word in said)
        found = re.search(rf"\b{pattern}\b", folded)
        return found.group(0) if found else " ".join(said)

    return typed


def _ngrams(words: Sequence[str], longest: int = 5) -> set[str]:
    return {
        " ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)
    }


def _themes_named(words: list[str], corrected: str, themes: dict[str, Theme]) -> dict[str, str]:
    """Themes whose id, label or a synonym the query names, allowing small misspellings,
    each with the query's words that named it (the longest)."""
    from rapidfuzz import fuzz, process

    phrases: dict[str, set[str]] = {}
    for theme in themes.values():
        for phrase in (theme.id.replace("-", " "), theme.label, *theme.synonyms):
            phrases.setdefault(_folded(phrase), set()).add(theme.id)
    grams = sorted(_ngrams(words) | _ngrams(corrected.split()), key=lambda g: (-len(g), g))
    named: dict[str, str] = {}
    choices = list(phrases)
    # The words that name a theme exactly say so first: a near match is for a misspelling,
    # and a longer run of words can be near a theme's phrase too ("pre proceedings pre").
    for gram in grams:
        for theme_id in phrases.get(gram, ()):
            named.setdefault(theme_id, gram)
    for gram in grams:
        edges = gram.split()
        # A near match must not begin or end on a stop word: "s social workers" (from
        # "children's social workers") is "social workers", and the reason should say so.
        if gram in phrases or len(gram) < 6 or edges[0] in _UNSOUGHT or edges[-1] in _UNSOUGHT:
            continue
        best = process.extractOne(gram, choices, scorer=fuzz.ratio, processor=None, score_cutoff=88)
        for theme_id in phrases[best[0]] if best else ():
            named.setdefault(theme_id, gram)
    return named


def _in_a_theme_phrase(named: Named, words: list[str], themes: dict[str, Theme]) -> bool:
    """Whether the words that named a concept are part of a longer phrase the query names
    another theme by: "young people leaving care" names care leavers, not the "people
    leaving" of staff turnover (as ``find_concepts`` lets a concept's longest phrasing
    win over another's shorter one)."""
    said, query = f" {named.said} ", f" {' '.join(words)} "
    return any(
        theme.id != named.concept.theme and said in phrase and phrase in query
        for theme in themes.values()
        for phrase in (f" {_folded(p)} " for p in (theme.label, *theme.synonyms))
        if len(phrase) > len(said)
    )


@cache
def _folded(phrase: str) -> str:
    """A theme's phrase as a query's words are compared with it (``utils.default_process``),
    worked out once per process: every search compares every theme's phrases, and each
    concept it names is checked against them again (``_in_a_theme_phrase``)."""
    from rapidfuzz import utils

    return utils.default_process(phrase)


def _sources_named(index: Index, words: list[str]) -> tuple[set[str], set[str]]:
    """Sources about an authority the query names ("tower hamlets", "norfok"), and the
    query words that named it."""
    from rapidfuzz import fuzz

    grams = _ngrams(words, 4)
    named = []
    used: set[str] = set()
    for authority in index.authorities():
        core = _core_authority(authority)
        for gram in grams:
            if gram == core or (
                abs(len(gram) - len(core)) <= 2 and len(core) >= 5 and fuzz.ratio(core, gram) >= 88
            ):
                named.append(authority)
                used.update(gram.split())
    if not named:
        return set(), set()
    marks = ",".join("?" * len(named))
    rows = index.connection.execute(f"SELECT id FROM sources WHERE authority IN ({marks})", named)
    return {r[0] for r in rows}, used


# --- hits -----------------------------------------------------------------------------------


def _hits(
    index: Index,
    chosen: Sequence[tuple[int, float]],
    match: str | None,
    reasons: dict[int, list[Match]] | None = None,
) -> tuple[SearchHit, ...]:
    """The chosen passages, in order, as hits; ``match`` marks the words it matched, and
    ``reasons`` says why each matched."""
    rowids = [rowid for rowid, _ in chosen]
    passages = index.passages(rowids)
    ids = [p.source for p in passages.values()]
    ids += [p.checked_via for p in passages.values() if p.checked_via]
    sources = index.sources(ids)
    snippets: dict[int, str] = {}
    # The window shown is where the words the reasons name are: a query's every phrasing
    # chose a window without the word that ranked the passage ("timely" after "This is…"),
    # and seeking them all cost more than the search at 300k (53 ms for one concept).
    named = {m.text for found in (reasons or {}).values() for m in found if m.via != "theme"}
    for expression in (" OR ".join(_phrase(text) for text in sorted(named)), match):
        missing = [rowid for rowid in rowids if rowid not in snippets]
        if expression and missing:
            snippets.update(_snippets(index, missing, expression))
    hits = []
    for rowid, score in chosen:
        passage = passages[rowid]
        matched = tuple((reasons or {}).get(rowid, ()))
        snippet = snippets.get(rowid) or passage.text
        hits.append(
            SearchHit(
                passage=passage,
                score=score,
                snippet=snippet if reasons is None else _marked_as_matched(snippet, matched),
                source=sources[passage.source],
                via=sources.get(passage.checked_via) if passage.checked_via else None,
                matched=matched,
            )
        )
    return tuple(hits)


def _snippets(index: Index, rowids: list[int], expression: str) -> dict[int, str]:
    """Each passage's text about what ``expression`` matches in it, matches marked."""
    marks = ",".join("?" * len(rowids))
    return dict(
        index.connection.execute(
            f"SELECT rowid, snippet(passages_fts, 0, ?, ?, '…', {_SNIPPET_TOKENS}) "
            f"FROM passages_fts WHERE passages_fts MATCH ? AND rowid IN ({marks})",
            [MARK_START, MARK_END, expression, *rowids],
        ).fetchall()
    )


def _phrase(text: str) -> str:
    """Words as one FTS5 phrase."""
    return '"' + text.replace('"', '""') + '"'


def _marked_as_matched(snippet: str, matched: Sequence[Match]) -> str:
    """The snippet with only the words its reasons name marked. FTS5 marks every phrasing
    searched and every word sharing a stem with one ("managers" for "manageable",
    "prolonged period" for "neglect"), which a lawyer reads as matches the reasons do not
    give."""
    named = {word for m in matched if m.via != "theme" for word in WORD.findall(m.text.casefold())}

    def word(found: re.Match[str]) -> str:
        held = found.group(0)
        return f"{MARK_START}{held}{MARK_END}" if held.casefold() in named else held

    def kept(found: re.Match[str]) -> str:
        if named.issuperset(WORD.findall(found.group(1).casefold())):
            return found.group(0)
        return WORD.sub(word, found.group(1))  # "cumulative impact of «neglect»"

    return _MARKED.sub(kept, snippet)
