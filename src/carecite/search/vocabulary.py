"""The search cache's vocabulary: each word's passages counted, as the ``vocab`` table
keeps them. A large bank's full build counts them in a second process
(``search.vocabulary_child``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")

# A passage's row of the full-text table: rowid, text, and the columns it shares with other
# passages (its themes' words or None, its section and provision, its source's words).
FullTextRow = tuple[int, str, str | None, str, str]
# Counted words: (term, len, df, anywhere), as the ``vocab`` table keeps them.
VocabRow = tuple[str, int, int, int]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Words counted by passage, as the ``vocab`` table keeps them.

    ``df`` counts the passages whose *text* holds a word: a precise word ("pathway") is not
    made common by the theme, section and source words many passages share ("pathway" is in
    8 passages' text of the shipped bank, and was counted in 76 with those columns).
    ``anywhere`` counts the passages holding it in any indexed column; it is what keeps a
    word in the vocabulary (known, and a typo's possible correction).
    """

    in_text: Counter[str] = field(default_factory=Counter)
    beside_text: Counter[str] = field(default_factory=Counter)

    def count(self, rows: Iterable[FullTextRow]) -> None:
        """Count passages' indexed columns: each one's text, and the columns it shares."""
        for _, text, themes, section, source in rows:
            words = set(WORD.findall(text.casefold()))
            self.in_text.update(words)
            # The shared columns' words its text lacks: counted apart, so no passage's word
            # is counted twice (``anywhere`` is the two counts' sum).
            shared = _words_of(themes).union(_words_of(section), _words_of(source))
            self.beside_text.update(shared - words)

    def rows(self) -> Iterator[VocabRow]:
        """(term, len, df, anywhere) for each word counted."""
        anywhere = self.in_text + self.beside_text
        return ((t, len(t), self.in_text[t], n) for t, n in anywhere.items())


@lru_cache(maxsize=4096)
def _words_of(column: str | None) -> frozenset[str]:
    """The words of a column many passages share (their themes', section's, source's)."""
    return frozenset(WORD.findall((column or "").casefold()))
