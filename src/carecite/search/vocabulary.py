"""The search cache's vocabulary: each word's passages counted, in this process or another.

A full build of a large bank counts its words in a second process (``counted_apart``),
while this one reads the bank and writes SQLite: the counting is about a third of a
build's CPU, so on two cores the build takes the longer of the two, not their sum
(bench/README.md, "Build at 100k, fifth round"). Each batch's full-text rows, made for
SQLite anyway, are sent down a pipe as they are written (a full pipe holds the build back,
so memory stays one batch's); the counts come back once, at the end. The child imports
this module alone, from the same folder as this one.
"""

from __future__ import annotations

import pickle
import re
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from carecite.errors import CareciteError

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


class CountedApart:
    """A ``Vocabulary`` counted by a child process: ``count`` sends, ``rows`` collects."""

    def __init__(self, child: subprocess.Popen[bytes]) -> None:
        # Pipes, as ``counted_apart`` asks for each.
        assert child.stdin and child.stdout and child.stderr
        self._child, self._send, self._answer = child, child.stdin, child.stdout
        self._complaint = child.stderr

    def count(self, rows: list[FullTextRow]) -> None:
        try:
            pickle.dump(rows, self._send, pickle.HIGHEST_PROTOCOL)
            self._send.flush()
        except OSError:  # a broken pipe (on Windows, sometimes EINVAL)
            raise self._stopped() from None

    def rows(self) -> Iterator[VocabRow]:
        """The counts, once every row is sent (the child then ends)."""
        try:
            self._send.close()
            in_text, beside_text = pickle.load(self._answer)
        except (OSError, EOFError, pickle.UnpicklingError):
            raise self._stopped() from None
        if self._child.wait() != 0:
            raise self._stopped()
        return Vocabulary(in_text, beside_text).rows()

    def end(self) -> None:
        """Stop the child now, unless it has ended: the build stopped, or so did the child."""
        self._child.kill()
        with suppress(OSError):  # bytes left unsent, which a killed child cannot read
            self._send.close()

    def _stopped(self) -> CareciteError:
        self.end()
        code = self._child.wait()
        said = self._complaint.read().decode(errors="replace").strip()
        if said:
            how = said.splitlines()[-1]
        elif code < 0 and -code in signal.valid_signals():
            how = f"ended by {signal.Signals(-code).name}"
        else:
            how = f"exit status {code}"
        return CareciteError(
            f"cannot build the search cache: the process counting its words stopped ({how})",
            hint="run the command again; if it stops again, report this message",
        )


@contextmanager
def counted_apart() -> Iterator[CountedApart]:
    """A child process counting words, ended (killed if need be) when the block is left."""
    # Ctrl-C reaches the build, which ends the child: the child is kept out of the
    # terminal's process group, so it does not print an interrupted traceback of its own.
    apart: dict[str, Any] = {"start_new_session": True}
    if sys.platform == "win32":
        apart = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    with subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(Path(__file__).parents[2])],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **apart,
    ) as child:
        counted = CountedApart(child)
        try:
            yield counted
        finally:
            counted.end()


# The child: this module imported from where the parent's is, so both count alike.
_CHILD = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from carecite.search.vocabulary import count_piped; count_piped()"
)


def count_piped() -> None:
    """The child's work: count each list of rows read from stdin; at its end, answer."""
    vocabulary = Vocabulary()
    with sys.stdin.buffer as rows_in:
        while True:
            try:
                rows = pickle.load(rows_in)
            except EOFError:
                break
            vocabulary.count(rows)
    pickle.dump((vocabulary.in_text, vocabulary.beside_text), sys.stdout.buffer)
    sys.stdout.buffer.flush()
