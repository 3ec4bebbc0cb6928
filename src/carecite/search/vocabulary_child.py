"""The search cache's vocabulary counted by a second process, beside a full build.

A full build of a large bank counts its words in a child process (``counted_apart``),
while this one reads the bank and writes SQLite: the counting is about a third of a
build's CPU, so on two cores the build takes the longer of the two, not their sum
(bench/README.md, "Build at 100k, fifth round"). Each batch's full-text rows, made for
SQLite anyway, are sent down a pipe as they are written (a full pipe holds the build back,
so memory stays one batch's); the counts come back once, at the end. The child imports
this module and ``vocabulary`` alone, from the same folder as the parent's, and never from
the current folder (``-P``: a ``pickle.py`` there would be imported instead of Python's).
Its complaints go to a file, not a pipe: a child saying more than a pipe holds (as
``PYTHONVERBOSE=2`` makes it) would wait for a reader while the build waits for it.
A module of its own, so a warm search imports no ``subprocess`` or ``pickle``.
"""

from __future__ import annotations

import pickle
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from carecite.errors import CareciteError, Step, StepText
from carecite.search.vocabulary import FullTextRow, VocabRow, Vocabulary
from carecite.shorten import shorten

# The most of the child's last line a message quotes (a traceback's last line is short; a
# child's own output need not be).
_SAID = 200


class CountedApart:
    """A ``Vocabulary`` counted by a child process: ``count`` sends, ``rows`` collects."""

    def __init__(self, child: subprocess.Popen[bytes], complaint: IO[bytes]) -> None:
        # Pipes, as ``counted_apart`` asks for both.
        assert child.stdin and child.stdout
        self._child, self._send, self._answer = child, child.stdin, child.stdout
        self._complaint = complaint

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
        except Exception:  # a broken pipe, or bytes that are no counts: unpickling may raise any
            raise self._stopped("its answer could not be read") from None
        if self._child.wait() != 0:
            raise self._stopped()
        return Vocabulary(in_text, beside_text).rows()

    def end(self) -> None:
        """Stop the child now, unless it has ended: the build stopped, or so did the child."""
        self._child.kill()
        with suppress(OSError):  # bytes left unsent, which a killed child cannot read
            self._send.close()

    def _stopped(self, found: str = "it stopped answering") -> CareciteError:
        # How the child ended, if it did: a pipe breaks as it dies. Asked before ``end``,
        # which kills it: a child this build stopped was not "ended by SIGKILL".
        try:
            code: int | None = self._child.wait(timeout=1)
        except subprocess.TimeoutExpired:
            code = None
        self.end()
        self._complaint.seek(0)
        said = self._complaint.read().decode(errors="replace").strip()
        if said:
            how = shorten(said.splitlines()[-1], _SAID)
        elif code is not None and code < 0 and -code in signal.valid_signals():
            how = f"ended by {signal.Signals(-code).name}"
        elif code is None or code == 0:
            how = found
        else:
            how = f"exit status {code}"
        return CareciteError(
            f"cannot build the search cache: the process counting its words stopped ({how})",
            hint=StepText(Step.AGAIN, "; if it stops again, report this message"),
        )


@contextmanager
def counted_apart() -> Iterator[CountedApart | Vocabulary]:
    """A child process counting words, ended (killed if need be) when the block is left; or,
    where no child can be started, a count in this process."""
    # Ctrl-C reaches the build, which ends the child: the child is kept out of the
    # terminal's process group, so it does not print an interrupted traceback of its own.
    apart: dict[str, Any] = {"start_new_session": True}
    if sys.platform == "win32":
        apart = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    with tempfile.TemporaryFile() as complaint:
        try:
            child = subprocess.Popen(
                [sys.executable, "-P", "-c", _CHILD, str(_PACKAGES)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=complaint,
                **apart,
            )
        except OSError:
            # No interpreter to start (an embedded Python's ``sys.executable`` is empty):
            # counted here, slower, where the build failed blaming the cache folder.
            yield Vocabulary()
            return
        with child:
            counted = CountedApart(child, complaint)
            try:
                yield counted
            finally:
                counted.end()


# The folder this carecite was imported from (its ``src``, or site-packages).
_PACKAGES = Path(__file__).parents[2]
# The child: carecite imported from where the parent's is, so both count alike, put after the
# standard library (before the first site-packages): a package there shadowing a standard
# module ("pickle.py") is not imported in its place.
_CHILD = (
    "import os, sys; "
    "at = next((i for i, p in enumerate(sys.path) "
    "if os.path.basename(p) in ('site-packages', 'dist-packages')), len(sys.path)); "
    "sys.path.insert(at, sys.argv[1]); "
    "from carecite.search.vocabulary_child import count_piped; count_piped()"
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
