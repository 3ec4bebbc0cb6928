"""Word families: the words a bank holds that are one word made into another.

A lawyer types "managers not checking"; the report writes "weak managerial oversight". The
two are one word, made an adjective by an ending, which ``thesaurus.stem`` (inflections only)
rightly does not forgive. ``family_of`` links such words by a closed list of English
derivational endings (``_ENDINGS``), each undone to the word it was made from, with guards
that keep unrelated words apart: the word made from must be in the bank's vocabulary (in some
inflection), and it and the derived word must share at least its first five letters. So
"managerial" → "manager" → "manage" and "management" → "manage" are one family, while
"general" and "generation" are not ("gener" is no word), nor "lead" and "leader" or "care"
and "career" (four letters), nor "police" and "policy" (no ending makes one from the other).
The rule was checked on the vocabulary of the 35 corpus reports (bench/README.md, the
eleventh round lists the links it makes wrongly). Search credits a family word below the word
typed and its inflections (``query._KIN_CREDIT``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from carecite.search.thesaurus import stem

__all__ = ["PREFIX", "family_of", "word_families"]

# A derived word's ending, and what it was in the word it was made from, tried in order (the
# longer ending first): "managerial" is "manager" + "ial", "timeliness" "timely" + "ness",
# "consistency" "consistent" with "t" made "cy". The word made from is compared by its stem,
# so a final "e" lost ("supervise", "supervision") is no matter. Endings that make words of
# another meaning as often as not are left out: "-able" ("manageable" is no manager,
# "suitable" no suit), "-al" after a bare word ("several", "informal", "personal",
# "practical"), "-ise", "-ist", "-ic".
_ENDINGS = (
    ("iness", "y"),
    ("ness", ""),
    ("ment", ""),
    ("ivity", "ive"),
    ("ility", "le"),
    ("ity", ""),
    ("ation", "ate"),
    ("ation", ""),
    ("sion", "de"),
    ("ion", ""),
    ("iance", "y"),
    ("ancy", "ant"),
    ("ency", "ent"),
    ("ance", "ant"),
    ("ence", "ent"),
    ("ance", ""),
    ("ence", ""),
    ("ship", ""),
    ("ial", ""),
    ("ical", "y"),
    ("ional", "ion"),
    ("ental", "ent"),
    ("ural", "ure"),
    ("ive", ""),
    ("ory", ""),
    ("ful", ""),
    ("ily", "y"),
    ("ly", ""),
    ("er", ""),
    ("or", ""),
)
# Words with these endings are made from no shorter word of theirs: an authority is no
# author's, a priority no prior's, a majority no major's.
_UNDERIVED = ("ority",)
# Words an ending seems to make from a shorter word of the bank, but of another meaning: each
# family the rule made on the 35 corpus reports' vocabulary was read, and these were wrong (a
# director does not direct work with children, a court's directions are not direct work, an
# officer is no office, relatives are not relatively). Each is its own root.
_FALSE_FRIENDS = frozenset(
    map(
        stem,
        [
            "commissioner",
            "compassion",
            "counter",
            "customer",
            "direction",
            "director",
            "directory",
            "exceptional",
            "foundation",
            "nationality",
            "officer",
            "official",
            "patiently",
            "personality",
            "presentation",
            "provisional",
            "publication",
            "publicity",
            "relationship",
            "relatively",
            "residential",
            "resolution",
            "rightly",
            "secondment",
            "shortly",
            "specification",
            "succession",
            "successor",
            "traveller",
            "unlikely",
        ],
    )
)
# The word a family is made from has at least this many letters, all in the derived word:
# "care" is not "career", nor "lead" "leader".
_SHORTEST_BASE = 5
# Words of one family share at least this many first letters (a base of five letters whose
# last letter an ending changes: "timely", "timeliness"); the vocabulary is read by them.
PREFIX = _SHORTEST_BASE - 1


def family_of(word: str, vocabulary: Iterable[str]) -> tuple[str, ...]:
    """The words of ``vocabulary`` in ``word``'s family, not its inflections, in order.

    Args:
        word: a word, casefolded.
        vocabulary: the vocabulary's words starting as ``word`` does (its first ``PREFIX``
            letters); the words made from are looked for among them.
    """
    words = [w for w in vocabulary if len(w) > PREFIX]
    known = frozenset([stem(word), *map(stem, words)])
    root = _root(stem(word), known)
    return tuple(w for w in words if stem(w) != stem(word) and _root(stem(w), known) == root)


def word_families(vocabulary: Iterable[str]) -> Mapping[str, list[str]]:
    """Every family of words of two stems or more in ``vocabulary``, by the stem they were
    made from: what ``family_of`` links, listed to check the rule on a bank's words."""
    by_prefix: dict[str, list[str]] = {}
    for word in vocabulary:
        if len(word) > PREFIX and word.isalpha():
            by_prefix.setdefault(word[:PREFIX], []).append(word)
    found: dict[str, list[str]] = {}
    for words in by_prefix.values():
        known = frozenset(map(stem, words))
        for word in words:
            found.setdefault(_root(stem(word), known), []).append(word)
    return {root: sorted(words) for root, words in found.items() if len(set(map(stem, words))) > 1}


def _root(word: str, known: frozenset[str]) -> str:
    """The stem ``word`` was made from, its endings undone while each leaves a stem in
    ``known`` of at least ``_SHORTEST_BASE`` letters that ``word`` keeps."""
    if word.endswith(_UNDERIVED) or word in _FALSE_FRIENDS:
        return word
    for ending, base_ending in _ENDINGS:
        if not word.endswith(ending):
            continue
        kept = word[: len(word) - len(ending)]
        made_from = kept + base_ending
        base = stem(made_from)
        shared = next(
            (at for at, (a, b) in enumerate(zip(word, made_from, strict=False)) if a != b),
            min(len(word), len(made_from)),
        )
        if min(shared, len(base)) >= _SHORTEST_BASE and base in known and base != word:
            return _root(base, known)
    return word
