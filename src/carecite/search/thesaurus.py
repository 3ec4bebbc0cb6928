"""The search thesaurus: a lawyer's words for what an inspector writes, read from YAML.

A concept lists its everyday, legal and inspection phrasings (``quotes/thesaurus.yaml``
explains the file and how it was built). ``read_thesaurus`` reads the shipped thesaurus and
the bank's own ``thesaurus.yaml`` over it, validated against ``thesaurus.schema.json``;
the search cache stores the result, so a warm search reads no YAML. ``find_concepts`` says
which concepts a query names and with which of its words: a query naming an everyday or legal
phrasing is expanded to the legal and inspection phrasings (``Concept.written``), and
``phrasing_pattern`` finds those in a passage.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from carecite.errors import BankError, Problem, Step, StepText
from carecite.resources import THESAURUS_FILE, shipped_dir
from carecite.search.vocabulary import WORD

__all__ = [
    "FUNCTION_WORDS",
    "GAP",
    "Concept",
    "Named",
    "Written",
    "find_concepts",
    "inflections_pattern",
    "is_irregular",
    "phrasing_frequency",
    "phrasing_pattern",
    "plural_of",
    "read_thesaurus",
    "shipped_thesaurus",
    "thesaurus_stems",
    "written_in_sense",
]

SCHEMA = "thesaurus.schema.json"
# Words that say nothing about which passage is meant. A query's "children's" is
# "children" and "s"; "without" would hold "with" by its stem, "get" and "own" are in every
# other passage: searching them let "the council's own file checks" rank by "s" and "own",
# and "worried about drift" credit "about" ("under s.20", "under").
FUNCTION_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "during",
        "each",
        "for",
        "from",
        "get",
        "gets",
        "getting",
        "got",
        "had",
        "has",
        "have",
        "he",
        "her",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "me",
        "my",
        "of",
        "off",
        "on",
        "once",
        "or",
        "our",
        "out",
        "over",
        "own",
        "she",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "will",
        "with",
        "without",
        "would",
        "you",
        "your",
        "s",
        "t",
    ]
)
# Words a phrasing may skip in a query: "data about performance cannot be trusted" names
# "data cannot be trusted". More would join words from unrelated parts of a long query.
GAP = 2


@dataclass(frozen=True, slots=True)
class Concept:
    """One idea and the ways people say it.

    ``everyday`` and ``legal`` phrasings are what a query may name; ``legal`` and
    ``inspection`` phrasings are what a passage is searched for (``written``). ``theme`` is
    the id of the theme the concept belongs to, or ``None``.
    """

    id: str
    theme: str | None
    everyday: tuple[str, ...]
    legal: tuple[str, ...]
    inspection: tuple[str, ...]

    @property
    def asked(self) -> tuple[str, ...]:
        """The phrasings a query may name: everyday and legal."""
        return (*self.everyday, *self.legal)

    @property
    def written(self) -> tuple[str, ...]:
        """The phrasings looked for in passages: legal and inspection, each once."""
        return tuple(dict.fromkeys((*self.legal, *self.inspection)))


@dataclass(frozen=True, slots=True)
class Named:
    """A concept a query names: ``said`` is the query's own words for it ("keep leaving"),
    ``words`` the query words the phrasing matched (its gap words left out), ``also`` the
    words of a term of practice for it the query holds apart ("county lines" in "child
    criminal exploitation county lines"): they name it too, and are no words of their own
    ("lines" alone found "in line with")."""

    concept: Concept
    said: str
    words: tuple[str, ...]
    also: tuple[str, ...] = ()


def shipped_thesaurus() -> Path:
    """The thesaurus shipped beside the shipped bank."""
    return shipped_dir("quotes") / THESAURUS_FILE


def read_thesaurus(bank_dir: str | Path, themes: Collection[str]) -> dict[str, Concept]:
    """The shipped thesaurus with the bank's own ``thesaurus.yaml`` (if any) added to it.

    A concept id the bank's file shares with the shipped one adds its phrasings to that
    concept (and its theme, when given, replaces the shipped one).

    Args:
        bank_dir: the bank folder.
        themes: the bank's theme ids; a concept's ``theme`` must be one of them.

    Returns:
        The concepts by id, shipped first.

    Raises:
        BankError: every problem of either file, at its line.
    """
    problems: list[Problem] = []
    shipped = shipped_thesaurus()
    own = Path(bank_dir) / THESAURUS_FILE
    concepts: dict[str, Concept] = {}
    files = [shipped] if shipped.is_file() else []
    # The bank's own file is read whatever is there by its name, so a folder or a loop of
    # links is reported as for any bank file, not passed over (nor resolved: a loop raises).
    if os.path.lexists(own) and Path(bank_dir).resolve() != shipped.parent.resolve():
        files.append(own)
    for path in files:
        # The shipped concepts name the shipped themes: in a bank without one, a concept
        # simply has no theme. The bank's own file must name its own themes.
        mine = path is own
        for concept in _read_file(path, themes if mine else None, problems):
            if concept.theme not in themes:
                concept = replace(concept, theme=None)
            concepts[concept.id] = _merge(concepts.get(concept.id), concept)
    if problems:
        raise BankError.from_problems(sorted(problems, key=lambda p: (p.path or "", p.line or 0)))
    return concepts


def _read_file(
    path: Path, themes: Collection[str] | None, problems: list[Problem]
) -> list[Concept]:
    """The sound concepts of one file; a ``theme`` outside ``themes`` (unless ``None``) is
    a problem."""
    # Only building the search cache reads YAML: a warm search never imports a parser.
    from carecite.bank.validate import read_document
    from carecite.yamlfile import LineMap

    document = read_document(path, SCHEMA)
    problems.extend(document.problems)
    table = document.data.get("concepts") if isinstance(document.data, LineMap) else None
    if not isinstance(table, LineMap):
        return []
    found = []
    for concept_id, entry in table.items():
        if not document.is_sound("concepts", concept_id):
            continue
        theme = entry.get("theme")
        if theme is not None and themes is not None and theme not in themes:
            line = entry.key_lines.get("theme", entry.line)
            problems.append(
                Problem(
                    f"concept '{concept_id}' names theme '{theme}', which the bank does not have",
                    str(path),
                    line,
                    StepText(
                        "use a theme id from themes.yaml ", Step.THEME_IDS, ", or leave it out"
                    ),
                )
            )
            continue
        found.append(
            Concept(
                concept_id,
                theme,
                *(tuple(" ".join(p.split()) for p in entry.get(kind, ())) for kind in _KINDS),
            )
        )
    return found


_KINDS = ("everyday", "legal", "inspection")


def _merge(first: Concept | None, more: Concept) -> Concept:
    if first is None:
        return more
    return Concept(
        first.id,
        more.theme or first.theme,
        *(tuple(dict.fromkeys((*getattr(first, kind), *getattr(more, kind)))) for kind in _KINDS),
    )


# --- naming concepts in a query -------------------------------------------------------------


# Inflections forgiven, tried in order: (ending, what replaces it). Only inflections, so a
# stem stays the word itself: "leaders" is "leader", never the "lead" of "lead member";
# "instabilities" is "instability"; a derived word ("leadership", "awareness") is another
# word. A stem keeps at least three letters ("used", "need" and "bring" stay whole).
_INFLECTIONS = (
    ("ies", "y"),
    ("ied", "y"),
    ("sses", "ss"),
    ("xes", "x"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("ing", ""),
    ("ed", ""),
    ("s", ""),
)
# Plurals no ending makes, by their singular: a word in one number holds the other ("child
# placed out of area" finds "children placed out of area", "young person" "young people").
_IRREGULAR_PLURALS = {"child": "children", "person": "people", "woman": "women", "man": "men"}
_SINGULARS = {plural: singular for singular, plural in _IRREGULAR_PLURALS.items()}
# Verbs' past forms no ending makes, by the verb: "support is withdrawn" holds "withdraw",
# "took too long" "taking". Left out, forms whose sense in a report is seldom the verb's:
# "left" is mostly what remains ("left in neglect"), "held" a meeting's ("meetings held",
# where "hold" is "hold to account"), "met" a need's ("meetings"), "found" a finding's,
# "felt" a feeling's, "heard" a hearing's, "built" a building's; nor "went", "gone", "did",
# "done": forms of function words.
_PAST_FORMS = {
    "begin": ("began", "begun"),
    "break": ("broke", "broken"),
    "bring": ("brought",),
    "choose": ("chose", "chosen"),
    "come": ("came",),
    "draw": ("drew", "drawn"),
    "fall": ("fell", "fallen"),
    "give": ("gave", "given"),
    "keep": ("kept",),
    "know": ("knew", "known"),
    "lead": ("led",),
    "lose": ("lost",),
    "make": ("made",),
    "oversee": ("oversaw", "overseen"),
    "pay": ("paid",),
    "run": ("ran",),
    "say": ("said",),
    "see": ("saw", "seen"),
    "seek": ("sought",),
    "send": ("sent",),
    "show": ("shown",),
    "speak": ("spoke", "spoken"),
    "spend": ("spent",),
    "take": ("took", "taken"),
    "teach": ("taught",),
    "tell": ("told",),
    "think": ("thought",),
    "undertake": ("undertook", "undertaken"),
    "understand": ("understood",),
    "withdraw": ("withdrew", "withdrawn"),
    "write": ("wrote", "written"),
}
# Each form no ending makes, with the word it is a form of.
_IRREGULAR = _SINGULARS | {form: verb for verb, forms in _PAST_FORMS.items() for form in forms}
# Words whose "s" or "ed" is not an ending ("analysis", "status", "process", "news", "speed").
_WHOLE_ENDINGS = ("ss", "us", "is", "eed")
_WHOLE = frozenset(["news", "always", "perhaps", "series", "species", "during", "nothing"])
# A doubled consonant before "ed"/"ing" is the verb's own once ("planned", "referring");
# "called", "missed", "staffing" and "added" keep theirs.
_DOUBLED = "bgmnprt"
_VOWELS = "aeiou"


@cache
def stem(word: str) -> str:
    """A word without its inflection, so "leaving", "leave" and "leaves" are one word.

    A table of English inflections (``_INFLECTIONS``) and of forms no ending makes
    (``_IRREGULAR``), not a stemmer of derivations: the stem of "leaders" is "leader" and of
    "lead" is "lead", so neither finds the other; "notes" and "noted" never become "not" nor
    "homes" "hom". A final "e" is dropped so that "place", "placed" and "placing" agree.
    """
    word = word.casefold()
    if word in _IRREGULAR:
        return stem(_IRREGULAR[word])
    if len(word) <= 3 or word in _WHOLE or word.endswith(_WHOLE_ENDINGS):
        return word
    for ending, replacement in _INFLECTIONS:
        root = word[: -len(ending)]
        if word.endswith(ending) and len(root) >= 3 and not _lost_its_e(ending, root):
            word = root + replacement
            if ending in ("ing", "ed") and root[-1] == root[-2] and root[-1] in _DOUBLED:
                word = root[:-1]  # "running" → "runn" → "run"
            break
    return word[:-1] if word.endswith("e") and len(word) >= 5 else word


def _lost_its_e(ending: str, root: str) -> bool:
    """Whether "ed" or "ing" left a short verb without its "e" ("noted": "not", "rated":
    "rat", "caring": "car"), which could be another word, so the word is kept whole: a
    consonant, a vowel and a consonant, which a verb without an "e" doubles ("hopped",
    "planned") but for "w", "x" and "y" ("fixed", "paying"). Given its "e" back, the verb
    met its nouns: "rated" held "rates", "filed" the case "files" (bench/README.md)."""
    shape = "".join("v" if letter in _VOWELS else "c" for letter in root)
    return ending in ("ed", "ing") and shape == "cvc" and root[-1] not in "wxy"


def one_word(typed: str, held: str) -> bool:
    """Whether two words are inflections of one word: their stems agree, or do once a short
    verb kept whole by ``_lost_its_e`` has its "e" back ("filed" and "files", "noted" and
    "notes"). For showing a match as the word typed, not as a slip of the keyboard: ``stem``
    keeps them apart so that each finds only its own."""
    return len({stem(_with_its_e(word)) for word in (typed, held)}) == 1


def _with_its_e(word: str) -> str:
    """``word`` with the "e" an "ed" or "ing" took from it given back ("filed": "file")."""
    for ending in ("ed", "ing"):
        root = word.casefold()[: -len(ending)]
        if word.casefold().endswith(ending) and _lost_its_e(ending, root):
            return root + "e"
    return word


# Each verb of ``_PAST_FORMS`` by its stem, which its forms and inflections share.
_VERB_BY_STEM = {stem(verb): verb for verb in _PAST_FORMS}


def is_irregular(word: str) -> bool:
    """Whether ``word`` is a form no ending makes ("children", "withdrawn")."""
    return word.casefold() in _IRREGULAR


def plural_of(word: str) -> str | None:
    """The plural of a singular no ending makes ("children" of "child")."""
    return _IRREGULAR_PLURALS.get(word)


def inflections_pattern(word: str) -> str:
    """A regular expression for ``word`` with any inflection ``stem`` forgives, whole."""
    singular = _SINGULARS.get(word, word)
    if singular in _IRREGULAR_PLURALS:
        return rf"(?:{singular}|{_IRREGULAR_PLURALS[singular]})\b"
    verb = _verb_of(word)
    if verb is not None:
        forms = "|".join(re.escape(form) for form in _PAST_FORMS[verb])
        return rf"(?:(?:{forms})\b|{_regular_inflections(verb)})"
    return _regular_inflections(word)


def _verb_of(word: str) -> str | None:
    """The verb of ``_PAST_FORMS`` whose form ``word`` is, inflected or not."""
    return _VERB_BY_STEM.get(stem(word))


def _regular_inflections(word: str) -> str:
    if len(word) <= 3 or word.isdigit():
        return re.escape(word) + r"(?:s|es)?\b"
    root = stem(word)
    if root.endswith("y"):
        return re.escape(root[:-1]) + r"(?:y|ys|yed|ying|ies|ied)\b"
    doubled = re.escape(root[-1]) + "?" if root[-1] in _DOUBLED else ""
    return re.escape(root) + doubled + r"(?:e|es|s|ed|d|ing)?\b"


def find_concepts(words: Sequence[str], concepts: Iterable[Concept]) -> list[Named]:
    """The concepts whose everyday or legal phrasings the query's words hold, in order.

    A phrasing's words must come in order, at most two other words between each, and a
    negation matches however it is typed ("cant", "can't", "cannot"); an everyday phrasing
    of two content words also matches them the other way round with only linking words
    between ("assessments are too slow" names "slow assessments", ``_turned``). Each
    concept is named once, by its longest phrasing found that is not a part of the words
    another concept's longest phrasing took, nor shorter than one found whole that shares a
    word with it (``_taken``): "kids sent back to their parents" is going home, not the
    "sent back" of an adoption breaking down, and "kids sent back home" not "kids homes".

    Args:
        words: the query's words, casefolded.
        concepts: the thesaurus.

    Returns:
        What each concept named was called in the query, first named first.
    """
    stems, origins = _spelt_out([stem(w) for w in words])
    found: dict[Concept, list[list[int]]] = {}
    legal: dict[Concept, set[tuple[int, ...]]] = {}
    typed = frozenset(stems)
    for concept in concepts:
        places = []
        for rank, phrasing in enumerate(concept.asked):
            at = _find(stems, _asked_stems(phrasing))
            if not at and rank < len(concept.everyday):
                at = _find_turned(stems, typed, _turned(phrasing))
            if at:
                places.append(_origins(at, origins))
                if phrasing in concept.legal:
                    legal.setdefault(concept, set()).add(tuple(places[-1]))
        if places:
            found[concept] = sorted(places, key=len, reverse=True)
    longest = {concept: set(places[0]) for concept, places in found.items()}
    named: list[tuple[int, Named]] = []
    for concept, places in found.items():
        others = [span for other, span in longest.items() if other is not concept]
        free = [a for a in places if not any(_taken(a, span) for span in others)]
        if free:
            at = free[0]
            said = " ".join(words[at[0] : at[-1] + 1])
            # A term of practice named apart has one sense only with its words together.
            terms = legal.get(concept, set())
            apart = sorted(
                {i for a in free[1:] if tuple(a) in terms and not set(a) & set(at) for i in a}
            )
            also = tuple(words[i] for i in apart)
            named.append((at[0], Named(concept, said, tuple(words[i] for i in at), also)))
    named.sort(key=lambda item: item[0])
    return [n for _, n in named]


def _taken(found: Sequence[int], other: set[int]) -> bool:
    """Whether the query words at ``found`` are another concept's, which took the words at
    ``other``: a part of its phrasing, or a word of it, where it is longer and matched
    whole ("kids sent back home" is going home, not the "kids homes" of residential care;
    "waiting too long to be adopted" is adoption's, not any wait)."""
    if set(found) < other:
        return True
    return len(found) < len(other) and not _apart(sorted(other)) and not other.isdisjoint(found)


def _apart(found: Sequence[int]) -> bool:
    """Whether query words a phrasing matched have other words between them."""
    return found[-1] - found[0] + 1 > len(found)


@cache
def thesaurus_stems(concepts: tuple[Concept, ...]) -> frozenset[str]:
    """The stems of every word of the thesaurus's phrasings, worked out once per thesaurus.

    Each is a word a lawyer types or an inspector writes, so a real word even where the bank
    lacks it: search takes a query word with one of these stems as meant, never as a typo.

    Args:
        concepts: the thesaurus (``Index.concepts``).

    Returns:
        The stems (``stem``) of the everyday, legal and inspection phrasings' words.
    """
    return frozenset(
        s
        for c in concepts
        for phrasing in (*c.everyday, *c.legal, *c.inspection)
        for s in _stems(phrasing)
    )


@cache
def _stems(phrasing: str) -> tuple[str, ...]:
    """A phrasing's stems, worked out once per process: every query tries every phrasing."""
    return tuple(stem(w) for w in WORD.findall(phrasing))


# A negation is one thing however it is typed: "cannot", "cant" and "can't" (which the word
# pattern splits into "can" and "t") are all "can not", so "figures cant be trusted" names
# the phrasing "figures cannot be trusted", and "dont", "don't" and "do not" agree.
_FUSED_NOT = {
    "cannot": "can",
    "cant": "can",
    "dont": "do",
    "doesnt": "does",
    "didnt": "did",
    "isnt": "is",
    "arent": "are",
    "wasnt": "was",
    "werent": "were",
    "wont": "will",
    "wouldnt": "would",
    "couldnt": "could",
    "shouldnt": "should",
    "havent": "have",
    "hasnt": "has",
    "hadnt": "had",
}
# ...and what stands before the "t" of an apostrophe's "n't".
_BEFORE_NT = {
    "can": "can",
    "don": "do",
    "doesn": "does",
    "didn": "did",
    "isn": "is",
    "aren": "are",
    "wasn": "was",
    "weren": "were",
    "won": "will",
    "wouldn": "would",
    "couldn": "could",
    "shouldn": "should",
    "haven": "have",
    "hasn": "has",
    "hadn": "had",
}


def _spelt_out(stems: Sequence[str]) -> tuple[list[str], list[int]]:
    """The stems with every negation spelt out ("dont" → "do not"), and for each, the
    position of the stem it came from."""
    out: list[str] = []
    origins: list[int] = []
    for at, word in enumerate(stems):
        if word in _FUSED_NOT:
            out += [_FUSED_NOT[word], "not"]
            origins += [at, at]
        elif word == "t" and at and stems[at - 1] in _BEFORE_NT:
            out[-1] = _BEFORE_NT[stems[at - 1]]
            out.append("not")
            origins.append(at)
        else:
            out.append(word)
            origins.append(at)
    return out, origins


@cache
def _asked_stems(phrasing: str) -> tuple[str, ...]:
    """A phrasing's stems as a query is matched against them: negations spelt out."""
    return tuple(_spelt_out(_stems(phrasing))[0])


def _origins(at: Sequence[int], origins: Sequence[int]) -> list[int]:
    """Positions in the spelt-out stems as positions of the query's own words."""
    return list(dict.fromkeys(origins[i] for i in at))


def _find(stems: Sequence[str], wanted: Sequence[str]) -> list[int]:
    """Where ``wanted`` occurs in ``stems`` in order with small gaps: the positions, or []."""
    for start, first in enumerate(stems):
        if first != wanted[0]:
            continue
        at = [start]
        for word in wanted[1:]:
            window = stems[at[-1] + 1 : at[-1] + 2 + GAP]
            if word not in window:
                break
            at.append(at[-1] + 1 + window.index(word))
        else:
            return at
    return []


# Words a lawyer puts between a noun and what they find in it ("assessments are too slow",
# "morale is very low", "assessments poor"): a copula or a word of degree. Not "not":
# "assessments are not poor" says the opposite of "poor assessments".
_LINKING = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "seem",
        "seems",
        "remain",
        "remains",
        "too",
        "very",
        "so",
        "really",
        "quite",
        "far",
        "often",
        "still",
        "always",
        "generally",
    ]
)
_LINKING_STEMS = frozenset(stem(word) for word in _LINKING)
# ...at most this many: "assessments are still far too slow".
_MOST_LINKING = 4


@cache
def _turned(phrasing: str) -> tuple[str, str] | None:
    """An everyday phrasing of two content words as a query may turn it round, its stems
    last word first ("slow assessments": "assessment", "slow"), or ``None``: a lawyer puts
    the fault after the noun, where the thesaurus lists it before. Not a phrasing with a
    function or linking word ("in care", "the top"): its words turned round say nothing."""
    words = WORD.findall(phrasing.casefold())
    if len(words) != 2 or not (FUNCTION_WORDS | _LINKING).isdisjoint(words):
        return None
    first, last = _stems(phrasing)
    return last, first


def _find_turned(
    stems: Sequence[str], typed: frozenset[str], turned: tuple[str, str] | None
) -> list[int]:
    """Where a phrasing turned round (``_turned``) occurs in ``stems`` with only linking
    words between (``typed``: the stems, to skip a phrasing whose words are not all there):
    the two positions, or []."""
    if turned is None or not typed.issuperset(turned):
        return []
    first, last = turned
    for start, word in enumerate(stems):
        if word != first:
            continue
        for end in range(start + 1, min(start + 2 + _MOST_LINKING, len(stems))):
            if stems[end] == last:
                return [start, end]
            if stems[end] not in _LINKING_STEMS:
                break
    return []


# --- finding phrasings in passages ----------------------------------------------------------


def phrasing_pattern(phrasings: Iterable[str], gap: int = 0) -> re.Pattern[str]:
    """A pattern finding any of ``phrasings`` in casefolded passage text, inflections
    forgiven (``stem``), with up to ``gap`` other words between each two of a phrasing's.

    "workforce instability" finds "workforce instability" and "workforce instabilities",
    "senior leaders" finds "senior leader" but not "senior leadership"; "head of children's
    services" finds "head of children’s services", apostrophe and all. Short words must match
    whole ("dcs", "iro" or "iros").
    """
    alternatives = []
    for phrasing in phrasings:
        words = WORD.findall(phrasing.casefold())
        between = r"\W+" + (rf"(?:[^\W_]+\W+){{0,{gap}}}" if gap else "")
        alternatives.append(between.join(inflections_pattern(w) for w in words))
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")")


@dataclass(frozen=True, slots=True)
class Written:
    """Where a concept's phrasings are in a passage, in the concept's sense."""

    phrasings: re.Pattern[str]
    # Other concepts' longer phrasings holding one of these in another sense, or None.
    others: re.Pattern[str] | None

    def search(self, text: str) -> re.Match[str] | None:
        """The first phrasing ``text`` holds in the concept's sense (``finditer``)."""
        return next(self.finditer(text), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The phrasings ``text`` holds that are not part of another concept's longer
        phrasing ("visit" in "the last focused visit" is Ofsted's, not a social worker's)."""
        taken = [m.span() for m in self.others.finditer(text)] if self.others else []
        for found in self.phrasings.finditer(text):
            start, end = found.span()
            if not any(s <= start and end <= e and e - s > end - start for s, e in taken):
                yield found


@cache
def written_in_sense(concept: Concept, concepts: tuple[Concept, ...]) -> Written:
    """A concept's written phrasings (``Concept.written``) as ``Written`` finds them.

    A phrasing held by a longer phrasing of another concept is that concept's where a
    passage has the longer one, as a query's words are the concept their longest phrasing
    names (``find_concepts``), unless the two concepts are of one theme, so one sense
    ("placements" in "stable placements"). Worked out once per concept and thesaurus.

    Args:
        concept: the concept whose phrasings are looked for.
        concepts: the thesaurus (``Index.concepts``).
    """
    own = {_stems(p) for p in concept.written}
    others = [
        phrasing
        for other in concepts
        if other.id != concept.id and (other.theme is None or other.theme != concept.theme)
        for phrasing in other.written
        if _stems(phrasing) not in own and any(_holds(_stems(phrasing), s) for s in own)
    ]
    return Written(phrasing_pattern(concept.written), phrasing_pattern(others) if others else None)


def _holds(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    size = len(shorter)
    return len(longer) > size and any(
        tuple(longer[at : at + size]) == tuple(shorter) for at in range(len(longer) - size + 1)
    )


def phrasing_frequency(phrasing: str, frequencies: Mapping[str, int]) -> int:
    """At most how many passages hold a phrasing: as many as hold its rarest word."""
    words = WORD.findall(phrasing.casefold())
    return min((frequencies.get(w, 0) for w in words), default=0)
