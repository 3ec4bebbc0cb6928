"""The search cache: a SQLite FTS5 index of a bank, kept fresh file by file.

``open_index`` returns an ``Index`` over a cache file in ``cache_dir()`` (never inside the
bank folder), one per bank folder. The cache holds everything a search prints — passage
fields and citation-ready source fields — so a warm search never parses YAML (nor imports
a YAML parser).

The cache stays lean: each passage's text is stored once, in ``passage_rows``, with its other
fields as plain columns, its source and section heading as keys (each id or heading is kept
once); the view ``passages`` gives them back as fields. The full-text table keeps no copy of
its own: its content is the view ``passages_indexed`` (FTS5 ``content=``), which gives each
passage's text, the words of its themes (label and synonyms, kept once per theme), its
section and provision, and its source's title and authority (kept once per source).

Freshness is checked on every open, cheaply: each bank file's size and mtime are compared
with the manifest; a file whose stat changed is hashed (SHA-256), and only a file whose
content changed is re-read. One changed source file is re-read and re-validated on its
own; a removed one's passages go, and a shipped source it replaced comes back. A changed
``themes.yaml`` or ``thesaurus.yaml``, a changed shipped bank (its thesaurus included), a
new cache schema or many changes rebuild everything. A full build reads the
source files a few at a time, so its memory does not grow with the bank; a large bank's
words are counted by a second process meanwhile (``search.vocabulary_child``). A bank with a
problem raises ``BankError`` (every problem, as ``load_bank`` reports them) and leaves the
cache as it was.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum
from itertools import islice
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from carecite.bank.files import list_bank, source_id_of
from carecite.errors import BankError, CareciteError, Problem
from carecite.model import Checked, Judgement, Passage, Source, SourceKind, Theme
from carecite.resources import THEMES_FILE, THESAURUS_FILE, cache_dir, shipped_bank
from carecite.search.thesaurus import Concept
from carecite.search.vocabulary import WORD, FullTextRow, Vocabulary

if TYPE_CHECKING:
    from carecite.bank.load import Bank
    from carecite.bank.read import Outline
    from carecite.search.vocabulary_child import CountedApart

# Raised whenever what a cache holds changes in a way its tables' text does not show (a new
# meta key), so an older cache is built again quietly rather than found "damaged".
SCHEMA_VERSION = "7"
# Past this share of changed source files, one full rebuild beats many small updates.
_FULL_REBUILD_SHARE = 0.3
# Source files read and written at a time by a full build: its memory is one batch's.
_BATCH_FILES = 16
# From this many bytes of a bank's files, a full build counts its words in a second process.
_COUNT_APART_FROM_BYTES = 2_000_000

# A passage's fields, one column each (its path is its source's); the cache's schema stamp
# includes them, so a new field in ``Passage`` builds the cache again.
_PASSAGE_COLUMNS = tuple(f.name for f in fields(Passage) if f.name != "path")
# As stored: its source and section are keys (an id or heading written once, not per passage).
_KEYED = ("source", "section")
_ROW_COLUMNS = tuple(name for name in _PASSAGE_COLUMNS if name not in _KEYED)
_row_fields = attrgetter(*_ROW_COLUMNS)
# The row columns not stored as the field holds them: an enum (its value), a tuple (joined).
_CHECKED_COLUMN, _THEMES_COLUMN = _ROW_COLUMNS.index("checked"), _ROW_COLUMNS.index("themes")


def _viewed(name: str) -> str:
    """A passage field as the ``passages`` view gives it, from its row or a keyed table."""
    return {"source": "s.id AS source", "section": "c.text AS section"}.get(name, f"r.{name}")


_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha TEXT,
                   source TEXT);
CREATE TABLE themes(id TEXT PRIMARY KEY, ord INTEGER, words TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE concepts(id TEXT PRIMARY KEY, ord INTEGER, data TEXT NOT NULL);
CREATE TABLE sources(key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, file TEXT NOT NULL,
                     authority TEXT, framework TEXT, overall TEXT, published TEXT,
                     words TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE sections(key INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
CREATE TABLE passage_rows(rowid INTEGER PRIMARY KEY, source_key INTEGER NOT NULL,
                          idx INTEGER NOT NULL, section_key INTEGER, {", ".join(_ROW_COLUMNS)});
CREATE UNIQUE INDEX passage_rows_id ON passage_rows(id);
CREATE INDEX passage_rows_order ON passage_rows(source_key, idx);
CREATE VIEW passages AS
    SELECT r.rowid AS rowid, r.idx AS idx,
           {", ".join(_viewed(name) for name in _PASSAGE_COLUMNS)}
    FROM passage_rows r JOIN sources s ON s.key = r.source_key
    LEFT JOIN sections c ON c.key = r.section_key;
CREATE TABLE passage_themes(theme TEXT NOT NULL, passage INTEGER NOT NULL,
                            PRIMARY KEY(theme, passage)) WITHOUT ROWID;
CREATE VIEW passages_indexed AS
    SELECT r.rowid AS rowid, r.text AS text,
           (SELECT group_concat(t.words, ' ') FROM themes t
             WHERE instr(' ' || r.themes || ' ', ' ' || t.id || ' ') > 0) AS themes,
           trim(coalesce(c.text, '') || ' ' || coalesce(r.provision, '')) AS section,
           s.words AS source
    FROM passage_rows r JOIN sources s ON s.key = r.source_key
    LEFT JOIN sections c ON c.key = r.section_key;
CREATE VIRTUAL TABLE passages_fts USING fts5(text, themes, section, source,
                                             content='passages_indexed', content_rowid='rowid',
                                             tokenize='porter unicode61');
CREATE TABLE vocab(term TEXT PRIMARY KEY, len INTEGER NOT NULL, df INTEGER NOT NULL,
                   anywhere INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX vocab_len ON vocab(len);
"""
_SCHEMA_STAMP = f"{SCHEMA_VERSION}:{hashlib.sha256(_SCHEMA.encode()).hexdigest()[:12]}"

_fts5_checked = False


def require_fts5() -> None:
    """Raise ``CareciteError`` unless this Python's SQLite has FTS5 compiled in."""
    global _fts5_checked
    if _fts5_checked:
        return
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='porter unicode61')")
    except sqlite3.OperationalError as error:
        raise CareciteError(
            f"this Python's SQLite {sqlite3.sqlite_version} has no FTS5 full-text search ({error})",
            hint="install a Python built with a standard SQLite (python.org, Debian, "
            "conda and Homebrew builds all include FTS5)",
        ) from None
    finally:
        probe.close()
    _fts5_checked = True


def cache_path(bank_dir: str | Path) -> Path:
    """The cache file of this bank folder: one per folder, under ``cache_dir()``."""
    key = hashlib.sha256(str(Path(bank_dir).resolve()).encode()).hexdigest()[:20]
    return cache_dir() / f"search-{key}.sqlite3"


# --- the index, as searches read it -------------------------------------------------------


@dataclass
class Index:
    """An open, fresh search cache. ``rebuilt`` says what opening it had to do."""

    connection: sqlite3.Connection
    path: Path
    rebuilt: str = "none"  # "none", "files" (some files re-read) or "full"

    def themes(self) -> dict[str, Theme]:
        rows = self.connection.execute("SELECT data FROM themes ORDER BY ord")
        return {t.id: t for t in (_theme_from(_decoded(data)) for (data,) in rows)}

    def concepts(self) -> list[Concept]:
        """The thesaurus: the shipped concepts and the bank's own, in file order."""
        rows = self.connection.execute("SELECT data FROM concepts ORDER BY ord")
        return [_concept_from(_decoded(data)) for (data,) in rows]

    def source_ids(self) -> list[str]:
        return [r[0] for r in self.connection.execute("SELECT id FROM sources ORDER BY file")]

    def authorities(self) -> list[str]:
        rows = self.connection.execute(
            "SELECT DISTINCT authority FROM sources WHERE authority IS NOT NULL ORDER BY authority"
        )
        return [r[0] for r in rows]

    def sources(self, ids: Iterable[str]) -> dict[str, Source]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        rows = self.connection.execute(
            f"SELECT id, data FROM sources WHERE id IN ({marks})", wanted
        )
        return {sid: _source_from(_decoded(data)) for sid, data in rows}

    def passages(self, rowids: Sequence[int]) -> dict[int, Passage]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        columns = ", ".join(f"p.{name}" for name in _PASSAGE_COLUMNS)
        rows = self.connection.execute(
            f"SELECT p.rowid, json_extract(s.data, '$.path'), {columns} FROM passages p "
            f"JOIN sources s ON s.id = p.source WHERE p.rowid IN ({marks})",
            list(rowids),
        )
        return {rowid: _passage_from(path, values) for rowid, path, *values in rows}

    def known_terms(self, terms: Iterable[str]) -> set[str]:
        wanted = list(set(terms))
        if not wanted:
            return set()
        marks = ",".join("?" * len(wanted))
        rows = self.connection.execute(f"SELECT term FROM vocab WHERE term IN ({marks})", wanted)
        return {r[0] for r in rows}

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many passages' text holds each word the index knows (0 for a word found only
        in theme, section or source names): how much the word says."""
        return self._counts("df", terms)

    def spread(self, terms: Iterable[str]) -> dict[str, int]:
        """How many passages hold each word the index knows in any indexed column (text,
        themes, section, source): how much a full-text query of it costs."""
        return self._counts("anywhere", terms)

    def _counts(self, column: str, terms: Iterable[str]) -> dict[str, int]:
        wanted = list(set(terms))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        rows = self.connection.execute(
            f"SELECT term, {column} FROM vocab WHERE term IN ({marks})", wanted
        )
        return dict(rows.fetchall())

    def passages_sharing_words(self, text: str, limit: int = 5, rarest: int = 8) -> list[int]:
        """Rowids of the passages that share most of ``text``'s rarest words, best first.

        The ``rarest`` words of ``text`` the bank holds (fewest passages) are looked up in one
        FTS5 ``OR`` query ranked by bm25: the passage a quotation was taken from comes first,
        and the cost follows those words' postings, not the size of the bank. A word the bank
        lacks (a typo, an edit) cannot match and is left out.
        """
        counts = self.frequencies(w.casefold() for w in WORD.findall(text) if len(w) > 2)
        words = sorted((w for w in counts if counts[w]), key=lambda w: (counts[w], w))[:rarest]
        if not words:
            return []
        expression = "text : (" + " OR ".join(f'"{w}"' for w in words) + ")"
        rows = self.connection.execute(
            "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? "
            "ORDER BY bm25(passages_fts) LIMIT ?",
            (expression, limit),
        )
        return [rowid for (rowid,) in rows]

    def passage_count(self) -> int:
        """How many passages the bank holds (kept in the cache: counting costs 6 ms at 300k)."""
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'passages'").fetchone()
        if row is None:
            raise sqlite3.DatabaseError("the search cache has lost its passage count")
        return int(row[0])

    def terms_starting(self, prefixes: Iterable[str]) -> list[str]:
        """The words passages' text holds that start with any of ``prefixes`` (a range of
        the vocabulary's key each, however large the bank)."""
        wanted = sorted(set(prefixes))
        if not wanted:
            return []
        ranges = " OR ".join(["(term >= ? AND term < ?)"] * len(wanted))
        bounds = [bound for p in wanted for bound in (p, p[:-1] + chr(ord(p[-1]) + 1))]
        rows = self.connection.execute(
            f"SELECT term FROM vocab WHERE ({ranges}) AND df > 0", bounds
        )
        return [r[0] for r in rows]

    def terms_of_length(self, low: int, high: int) -> list[str]:
        rows = self.connection.execute(
            "SELECT term FROM vocab WHERE len BETWEEN ? AND ?", (low, high)
        )
        return [r[0] for r in rows]

    def close(self) -> None:
        self.connection.close()


_T = TypeVar("_T")

# The damaged caches this process found and built again, for the one-line notice.
_REPAIRED: list[Path] = []


def take_repaired_caches() -> tuple[Path, ...]:
    """The cache files found damaged and built again since the last call (for a notice)."""
    taken = tuple(_REPAIRED)
    _REPAIRED.clear()
    return taken


def open_index(bank_dir: str | Path) -> Index:
    """Open the search cache of a bank folder, bringing it up to date first.

    Args:
        bank_dir: the bank folder (``themes.yaml`` and one YAML file per source).

    Returns:
        The open index; close it with ``Index.close``.

    Raises:
        BankError: the folder is missing, or a new or changed file has a problem.
        CareciteError: SQLite lacks FTS5.
    """
    require_fts5()
    folder = Path(bank_dir)
    if not folder.is_dir():
        from carecite.bank.load import bank_folder

        bank_folder(folder)  # raises BankError, saying what to do
    path = cache_path(folder)
    try:
        try:
            return _open(folder, path)
        except sqlite3.DatabaseError:
            # A damaged cache (bad pages, a table gone) is only a cache: build it again.
            path.unlink(missing_ok=True)
            index = _open(folder, path)
            _REPAIRED.append(path)
            return index
    except (OSError, sqlite3.Error) as error:
        if not path.parent.is_dir():
            # The folder, not the file: "[Errno 17] File exists" named neither well.
            said = str(getattr(error, "strerror", None) or error).lower()
            why = (
                "it is a file, not a folder"
                if path.parent.exists()
                else f"the folder cannot be made: {said}"
            )
            raise CareciteError(
                f"cannot keep the search cache here ({why})",
                path=path.parent,
                hint="set CARECITE_CACHE to a folder you can write",
            ) from error
        raise CareciteError(
            f"cannot build or read the search cache ({error})",
            path=path,
            hint="set CARECITE_CACHE to a writable folder, or delete this file to rebuild it",
        ) from error


def read_index(bank_dir: str | Path, read: Callable[[Index], _T]) -> _T:
    """``read(index)`` on the bank's search cache, opened fresh and closed after.

    A damaged row met while reading (the cache opened, but a row is not what it wrote) has
    the cache built again and ``read`` run once more; the command says so in a notice.

    Raises:
        as ``open_index``; ``sqlite3.DatabaseError`` if the cache built again is damaged too.
    """
    index = open_index(bank_dir)
    try:
        return read(index)
    except sqlite3.DatabaseError:
        index.close()  # before the file goes: Windows will not remove an open file
        index.path.unlink(missing_ok=True)
        _REPAIRED.append(index.path)
    finally:
        index.close()
    index = open_index(bank_dir)
    try:
        return read(index)
    finally:
        index.close()


def _open(folder: Path, path: Path) -> Index:
    connection = _connect_existing(path, folder)
    if connection is None:
        _full_build(folder, path)
        return Index(_connect(path), path, "full")
    try:
        outcome = _refresh(connection, folder)
    except BaseException:
        connection.close()
        raise
    if outcome == "full":
        connection.close()
        _full_build(folder, path)
        return Index(_connect(path), path, "full")
    return Index(connection, path, outcome)


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=60, isolation_level=None)
    connection.execute("PRAGMA temp_store = MEMORY")
    return connection


# The tables a sound cache has; one without them all was damaged and is built again.
_TABLES = set(re.findall(r"CREATE (?:VIRTUAL )?(?:TABLE|VIEW) (\w+)", _SCHEMA))


def _connect_existing(path: Path, folder: Path) -> sqlite3.Connection | None:
    """The cache, if it exists and was built by this schema for this folder."""
    if not path.is_file():
        return None
    try:
        connection = _connect(path)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError:
        _REPAIRED.append(path)  # not a cache any more: it is built again, and said so
        return None
    if (
        meta.get("schema") != _SCHEMA_STAMP
        or meta.get("bank") != str(folder.resolve())
        or meta.get("shipped") != _shipped_bank_stamp()
    ):
        connection.close()  # another version's cache, or stale: built again, nothing to say
        return None
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        # Opening the full-text table reads its own tables: a damaged one fails here.
        connection.execute("SELECT rowid FROM passages_fts WHERE passages_fts MATCH 'x'").fetchall()
    except sqlite3.DatabaseError:
        tables = set()
    if not tables >= _TABLES:
        connection.close()
        _REPAIRED.append(path)
        return None
    return connection


# --- freshness ------------------------------------------------------------------------------


def _bank_files(folder: Path) -> dict[str, os.stat_result]:
    """The bank's files read (``carecite.bank.files``) by name, with their size and time.

    Raises:
        BankError: a file is not read (a ``.yml`` file), or a name is not a file to read
            (a folder, a link to nothing or a loop of links), said as reading the bank says
            it; passed over, a search would answer from the cache of the bank before it,
            while every other command refuses it.
    """
    listing = list_bank(folder)
    found: dict[str, os.stat_result] = {}
    problems = list(listing.problems)
    for entry in listing.read:
        try:
            regular = entry.is_file()
        except OSError:  # a loop of links
            regular = False
        if regular:
            found[entry.name] = entry.stat()
            continue
        from carecite.inputfile import read_input  # only here: a warm search never needs it

        if (problem := read_input(folder / entry.name)[1]) is not None:
            problems.append(problem)
    if problems:
        raise BankError.from_problems(sorted(problems, key=lambda p: p.path or ""))
    return found


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _shipped_bank_stamp() -> str:
    """The shipped bank's files by name, size and time: a bank of the user's own lies over
    it (``extends: carecite``), so an upgrade that changes it rebuilds the cache."""
    return hashlib.sha256(
        repr(
            sorted((n, st.st_size, st.st_mtime_ns) for n, st in _bank_files(shipped_bank()).items())
        ).encode()
    ).hexdigest()[:20]


def _refresh(connection: sqlite3.Connection, folder: Path) -> str:
    """Bring an existing cache up to date: "none", "files" or "full" (caller rebuilds)."""
    current = _bank_files(folder)
    known, touched, removed = _compare(connection, current)
    if not touched and not removed:
        return "none"

    connection.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have brought the cache up to date while we waited.
        known, touched, removed = _compare(connection, current)
        changed: list[str] = []
        for name in touched:
            sha = _sha(folder / name)
            st = current[name]
            if name in known and known[name][2] == sha:
                # Touched but unchanged: remember the new stat, read nothing.
                connection.execute(
                    "UPDATE files SET size = ?, mtime_ns = ? WHERE name = ?",
                    (st.st_size, st.st_mtime_ns, name),
                )
            else:
                changed.append(name)
        if not changed and not removed:
            connection.execute("COMMIT")
            return "none"
        sources_total = max(1, len(current) - 1)
        shared = {THEMES_FILE, THESAURUS_FILE} & {*changed, *removed}
        if shared or len(changed) + len(removed) > max(3, sources_total * _FULL_REBUILD_SHARE):
            connection.execute("ROLLBACK")
            return "full"
        _update_files(connection, folder, changed, removed, current)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return "files"


def _compare(
    connection: sqlite3.Connection, current: Mapping[str, os.stat_result]
) -> tuple[dict[str, tuple[int, int, str]], list[str], list[str]]:
    """The manifest, the files whose stat differs from it, and the files gone."""
    known = {
        name: (size, mtime, sha)
        for name, size, mtime, sha in connection.execute(
            "SELECT name, size, mtime_ns, sha FROM files"
        )
    }
    touched = [
        name
        for name, st in current.items()
        if name not in known or known[name][:2] != (st.st_size, st.st_mtime_ns)
    ]
    removed = [name for name in known if name not in current]
    return known, touched, removed


# --- building -------------------------------------------------------------------------------

# What a full build writes: each batch of sources, with their passages in bank order.
_Batch = tuple[Sequence[Source], Sequence[Passage]]


def _full_build(folder: Path, path: Path) -> None:
    """Build the whole cache into a temp file, then move it into place.

    The bank's source files are read and written ``_BATCH_FILES`` at a time. A problem in
    any of them (or a passage id used twice, which the cache's unique index finds) stops the
    build, and ``load_bank`` then reads the whole bank to report every problem at once.
    """
    from carecite.bank.load import load_bank
    from carecite.bank.read import outline_bank

    _remove_abandoned_builds(path)
    manifest = {
        name: (st.st_size, st.st_mtime_ns, _sha(folder / name))
        for name, st in _bank_files(folder).items()
    }
    outline = outline_bank(folder)
    # A build makes millions of short-lived values (each file's, each passage's), which
    # reference counting frees; the cycle collector, run as they are made, would only walk
    # them (7% of a 100k build, measured). The few cycles left are collected once it is on.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if outline.problems:
            raise _StreamStopped
        with _word_counter(sum(size for size, _, _ in manifest.values())) as vocab:
            _write_cache(folder, path, outline.themes, manifest, _batches(outline), vocab)
    except (_StreamStopped, sqlite3.IntegrityError):
        bank = load_bank(folder)  # raises BankError listing every problem
        _write_cache(folder, path, bank.themes, manifest, _whole(bank), Vocabulary())
    finally:
        if collecting:
            gc.enable()


@contextmanager
def _word_counter(bank_bytes: int) -> Iterator[Vocabulary | CountedApart]:
    """What counts a full build's words: a second process, for a bank large enough that
    counting beside the writes gains more than starting the process costs."""
    from carecite.search.vocabulary_child import counted_apart

    if bank_bytes < _COUNT_APART_FROM_BYTES:
        yield Vocabulary()
        return
    with counted_apart() as apart:
        yield apart


class _StreamStopped(Exception):
    """A source file read in a batch has a problem: the whole bank is read to report it."""


def _batches(outline: Outline) -> Iterator[_Batch]:
    """The bank's sources and passages, the base bank's first, then a few files at a time."""
    from carecite.bank.read import read_files

    kept = outline.base_sources
    base = outline.base
    yield (
        list(kept.values()),
        [p for p in (base.passages.values() if base else ()) if p.source in kept],
    )
    referable = outline.source_ids
    files = iter(outline.source_files)
    while batch := list(islice(files, _BATCH_FILES)):
        problems: list[Problem] = []
        read = read_files(batch, outline.themes, {}, problems, referable)
        if problems:
            raise _StreamStopped
        yield [source for _, source, _ in read], [p for _, _, found in read for p in found]


def _whole(bank: Bank) -> Iterator[_Batch]:
    yield list(bank.sources.values()), list(bank.passages.values())


def _write_cache(
    folder: Path,
    path: Path,
    themes: Mapping[str, Theme],
    manifest: Mapping[str, tuple[int, int, str]],
    batches: Iterable[_Batch],
    vocab: Vocabulary | CountedApart,
) -> None:
    from carecite.search.thesaurus import read_thesaurus

    concepts = read_thesaurus(folder, themes)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp, compact = (_temp_file(path), _temp_file(path))
    try:
        connection = sqlite3.connect(temp, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.executescript(_SCHEMA)
            # FTS5 merges its segments as they pile up; 'optimize' merges them all at the end,
            # so merging while the bank is written is work done twice (a tenth of the build).
            _set_fts_merging(connection, automerge=0, crisismerge=_BUILD_CRISISMERGE)
            connection.execute("BEGIN")
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("schema", _SCHEMA_STAMP),
                    ("bank", str(folder.resolve())),
                    ("shipped", _shipped_bank_stamp()),
                ],
            )
            connection.executemany(
                "INSERT INTO concepts VALUES (?, ?, ?)",
                [(c.id, i, json.dumps(_record(c))) for i, c in enumerate(concepts.values())],
            )
            connection.executemany(
                "INSERT INTO themes VALUES (?, ?, ?, ?)",
                [
                    (t.id, i, _theme_words(t), json.dumps(_record(t)))
                    for i, t in enumerate(themes.values())
                ],
            )
            connection.executemany(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?)",
                [
                    (name, size, mtime, sha, source_id_of(name))
                    for name, (size, mtime, sha) in manifest.items()
                ],
            )
            for sources, passages in batches:
                _insert_sources(connection, sources)
                _insert_passages(connection, passages, vocab)
            connection.executemany("INSERT INTO vocab VALUES (?, ?, ?, ?)", vocab.rows())
            connection.execute(_COUNT_PASSAGES)
            connection.execute("COMMIT")
            # A cache updated file by file merges as FTS5 does by default.
            _set_fts_merging(connection, **_FTS5_MERGING)
            connection.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
            # Merging the index into one segment frees the pages of the old ones: a compact
            # copy leaves them behind (a quarter of the file at 10k passages).
            connection.execute("VACUUM INTO ?", (str(compact),))
        finally:
            connection.close()
        os.replace(compact, path)
    except BaseException:
        compact.unlink(missing_ok=True)
        raise
    finally:
        temp.unlink(missing_ok=True)


# FTS5's own settings (SQLite's defaults), and how many level-0 segments a build lets pile up.
_FTS5_MERGING = {"automerge": 4, "crisismerge": 16}
_BUILD_CRISISMERGE = 64


def _set_fts_merging(connection: sqlite3.Connection, *, automerge: int, crisismerge: int) -> None:
    """Set when FTS5 merges the full-text table's segments (kept in the cache file)."""
    for setting, value in (("automerge", automerge), ("crisismerge", crisismerge)):
        connection.execute(
            "INSERT INTO passages_fts(passages_fts, rank) VALUES (?, ?)", (setting, value)
        )


# A build's temp file unchanged this long is no build's now (a 300k build takes a minute): one
# a killed build left (SIGTERM, a power cut), tens of megabytes that nothing else removes.
_ABANDONED_AFTER_SECONDS = 3600


def _remove_abandoned_builds(path: Path) -> None:
    """Remove the temp files (and SQLite's journals of them) that builds of ``path`` left."""
    import glob  # a full build's only
    import time

    now = time.time()
    for left in path.parent.glob(f"{glob.escape(path.stem)}.*.tmp*"):
        with suppress(OSError):  # gone already, or not ours to remove
            if now - left.stat().st_mtime > _ABANDONED_AFTER_SECONDS:
                left.unlink()


def _temp_file(path: Path) -> Path:
    """A new empty file beside ``path``, for writing what will replace it."""
    handle, name = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=path.parent)
    os.close(handle)
    return Path(name)


_COUNT_PASSAGES = (
    "INSERT OR REPLACE INTO meta VALUES ('passages', (SELECT count(*) FROM passage_rows))"
)


def _theme_words(theme: Theme) -> str:
    """The words a theme is found by: its id, label and synonyms."""
    return " ".join([theme.id.replace("-", " "), theme.label, *theme.synonyms])


def _source_words(source: Source) -> str:
    return " ".join(filter(None, [source.title, source.authority, source.short_name]))


def _insert_sources(connection: sqlite3.Connection, sources: Iterable[Source]) -> None:
    connection.executemany(
        "INSERT INTO sources VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                s.id,
                Path(s.path or "").name,
                s.authority,
                s.framework,
                s.overall,
                s.published.isoformat() if s.published else None,
                _source_words(s),
                json.dumps(_record(s)),
            )
            for s in sources
        ),
    )


def _insert_passages(
    connection: sqlite3.Connection, passages: Iterable[Passage], vocab: Vocabulary | CountedApart
) -> None:
    """Insert passages (their sources already in) and index them, counting their words.

    The full-text table's columns are made here as the content view ``passages_indexed``
    makes them (``_IndexedColumns``), without reading each row back through the view: a
    test checks that FTS5 finds its index agrees with the view, which a later delete reads.

    Raises:
        sqlite3.IntegrityError: a passage id is already in the cache.
    """
    cursor = connection.execute("SELECT coalesce(max(rowid), 0) FROM passage_rows")
    rowid = cursor.fetchone()[0] + 1
    source_keys = dict(connection.execute("SELECT id, key FROM sources"))
    section_keys: dict[str | None, int | None] = {None: None}
    section_keys.update(connection.execute("SELECT text, key FROM sections"))
    columns = _IndexedColumns.of(connection)
    index_in_source: Counter[str] = Counter()
    rows: list[tuple[Any, ...]] = []
    theme_rows: list[tuple[str, int]] = []
    indexed: list[FullTextRow] = []
    for passage in passages:
        index_in_source[passage.source] += 1
        rows.append(
            (
                rowid,
                source_keys[passage.source],
                index_in_source[passage.source],
                _section_key(connection, section_keys, passage.section),
                *_passage_values(passage),
            )
        )
        theme_rows.extend((t, rowid) for t in passage.themes)
        indexed.append((rowid, passage.text, *columns.shared(passage)))
        rowid += 1
    vocab.count(indexed)  # first: a counting process counts them while these are written
    marks = ", ".join("?" * (4 + len(_ROW_COLUMNS)))
    connection.executemany(f"INSERT INTO passage_rows VALUES ({marks})", rows)
    connection.executemany("INSERT OR IGNORE INTO passage_themes VALUES (?, ?)", theme_rows)
    connection.executemany(
        "INSERT INTO passages_fts(rowid, text, themes, section, source) VALUES (?, ?, ?, ?, ?)",
        indexed,
    )


@dataclass(frozen=True)
class _IndexedColumns:
    """The columns a passage shares with others in the full-text table, made as the view
    ``passages_indexed`` makes them: its themes' words (in the themes table's order, or
    NULL), its section and provision (trimmed of spaces), its source's words."""

    theme_words: tuple[tuple[str, str], ...]
    source_words: Mapping[str, str]
    themes_of: dict[tuple[str, ...], str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, connection: sqlite3.Connection) -> _IndexedColumns:
        themes = connection.execute("SELECT id, words FROM themes ORDER BY rowid")
        return cls(tuple(themes), dict(connection.execute("SELECT id, words FROM sources")))

    def shared(self, passage: Passage) -> tuple[str | None, str, str]:
        if passage.themes not in self.themes_of:
            named = set(passage.themes)
            words = [w for theme, w in self.theme_words if theme in named]
            self.themes_of[passage.themes] = " ".join(words) if words else None
        themes = self.themes_of[passage.themes]
        section = f"{passage.section or ''} {passage.provision or ''}".strip(" ")
        return themes, section, self.source_words[passage.source]


def _section_key(
    connection: sqlite3.Connection, known: dict[str | None, int | None], section: str | None
) -> int | None:
    """The key of a section heading (``known``: those in the cache), added when new."""
    if section not in known:
        cursor = connection.execute("INSERT INTO sections(text) VALUES (?)", (section,))
        known[section] = cursor.lastrowid
    return known[section]


# --- updating file by file ------------------------------------------------------------------


def _update_files(
    connection: sqlite3.Connection,
    folder: Path,
    changed: Sequence[str],
    removed: Sequence[str],
    current: Mapping[str, os.stat_result],
) -> None:
    """Re-read only the changed source files, validated as ``load_bank`` would."""
    from carecite.bank.read import read_files
    from carecite.bank.rules import duplicate_id

    themes = {
        t.id: t
        for t in (
            _theme_from(_decoded(d)) for (d,) in connection.execute("SELECT data FROM themes")
        )
    }
    gone = set(changed) | set(removed)
    sources = {
        sid: _source_from(_decoded(data))
        for sid, data, name in connection.execute("SELECT id, data, file FROM sources")
        if name not in gone
    }
    problems: list[Problem] = []
    uncovered = _uncovered_base_sources(folder, removed)
    sources.update((source.id, source) for _, source, _ in uncovered)
    changed_files = (folder / name for name in sorted(changed))
    read = [*uncovered, *read_files(changed_files, themes, sources, problems)]

    gone_ids = [sid for sid in map(source_id_of, gone) if sid]
    gone_marks = ",".join("?" * len(gone_ids))
    candidates = [(file_path, passage) for file_path, _, found in read for passage in found]
    ids = [p.id for _, p in candidates]
    others: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for pid, ppath, line in connection.execute(
            "SELECT p.id, json_extract(s.data, '$.path'), p.line FROM passages p "
            "JOIN sources s ON s.id = p.source "
            f"WHERE p.id IN ({','.join('?' * len(chunk))}) AND p.source NOT IN ({gone_marks})",
            [*chunk, *gone_ids],
        ):
            others[pid] = f"{ppath}:{line}"
    new_passages: list[Passage] = []
    seen: dict[str, Passage] = {}
    for path, passage in candidates:
        first = seen.get(passage.id)
        where = others.get(passage.id) or (f"{first.path}:{first.line}" if first else None)
        if where:
            problems.append(duplicate_id("passage", passage.id, path, passage.line, where))
            continue
        seen[passage.id] = passage
        new_passages.append(passage)
    # A source that went away may still be named by another file's checked_via.
    lost = set(gone_ids) - set(sources)
    if lost:
        lost_marks = ",".join("?" * len(lost))
        for pid, ppath, line, via in connection.execute(
            "SELECT p.id, json_extract(s.data, '$.path'), p.line, p.checked_via FROM passages p "
            "JOIN sources s ON s.id = p.source "
            f"WHERE p.checked_via IN ({lost_marks}) AND p.source NOT IN ({gone_marks})",
            [*lost, *gone_ids],
        ):
            problems.append(
                Problem(
                    f"unknown source '{via}' (checked_via of passage '{pid}')",
                    ppath,
                    line,
                    "restore that source's file or change checked_via",
                )
            )
    if problems:
        problems.sort(key=lambda p: (p.path or "", p.line or 0))
        raise BankError.from_problems(problems)

    _delete_sources(connection, gone_ids)
    _insert_sources(connection, (s for _, s, _ in read))
    vocab = Vocabulary()
    _insert_passages(connection, new_passages, vocab)
    connection.executemany(
        "INSERT INTO vocab VALUES (?, ?, ?, ?) ON CONFLICT(term) DO UPDATE SET "
        "df = df + excluded.df, anywhere = anywhere + excluded.anywhere",
        vocab.rows(),
    )
    if removed:
        marks = ",".join("?" * len(removed))
        connection.execute(f"DELETE FROM files WHERE name IN ({marks})", list(removed))
    for name in changed:
        st = current[name]
        connection.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (name, st.st_size, st.st_mtime_ns, _sha(folder / name), source_id_of(name)),
        )
    connection.execute(_COUNT_PASSAGES)


def _uncovered_base_sources(
    folder: Path, removed: Iterable[str]
) -> list[tuple[Path, Source, tuple[Passage, ...]]]:
    """The sources of the bank this one extends that removed files had replaced, with their
    passages, as ``read_files`` gives a file's: with its replacement gone, each is the bank's
    again (``Outline.base_sources``), as a full build would have it."""
    shipped = shipped_bank()
    # A source's file is named by its id, so only a removed name the shipped bank holds too
    # can have replaced one: for any other, the bank and the shipped bank are not read.
    if not any((shipped / name).is_file() for name in removed):
        return []
    from carecite.bank.read import outline_bank

    outline = outline_bank(folder)
    kept = outline.base_sources
    back = {sid: kept[sid] for sid in map(source_id_of, removed) if sid in kept}
    if outline.base is None or not back:
        return []
    passages: dict[str, list[Passage]] = {sid: [] for sid in back}
    for passage in outline.base.passages.values():
        if passage.source in back:
            passages[passage.source].append(passage)
    return [(Path(s.path or ""), s, tuple(passages[sid])) for sid, s in back.items()]


def _delete_sources(connection: sqlite3.Connection, ids: Sequence[str]) -> None:
    """Forget these sources and every row of their passages, vocabulary counts included."""
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    rowids = [
        r[0]
        for r in connection.execute(
            "SELECT r.rowid FROM passage_rows r JOIN sources s ON s.key = r.source_key "
            f"WHERE s.id IN ({marks})",
            ids,
        )
    ]
    vocab = Vocabulary()
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        chunk_marks = ",".join("?" * len(chunk))
        vocab.count(
            connection.execute(
                "SELECT rowid, text, themes, section, source FROM passages_indexed "
                f"WHERE rowid IN ({chunk_marks})",
                chunk,
            )
        )
        # The content view still shows these rows, so FTS5 can read what it must forget.
        connection.execute(f"DELETE FROM passages_fts WHERE rowid IN ({chunk_marks})", chunk)
        connection.execute(f"DELETE FROM passage_themes WHERE passage IN ({chunk_marks})", chunk)
    connection.executemany(
        "UPDATE vocab SET df = df - ?, anywhere = anywhere - ? WHERE term = ?",
        ((df, anywhere, t) for t, _, df, anywhere in vocab.rows()),
    )
    connection.execute("DELETE FROM vocab WHERE anywhere <= 0")
    connection.execute(
        "DELETE FROM passage_rows WHERE source_key IN "
        f"(SELECT key FROM sources WHERE id IN ({marks}))",
        ids,
    )
    connection.execute(f"DELETE FROM sources WHERE id IN ({marks})", ids)


# --- values to and from JSON ----------------------------------------------------------------


def _decoded(data: str) -> dict[str, Any]:
    """A row's JSON; a row that is not is damage, reported as SQLite's own."""
    try:
        value: dict[str, Any] = json.loads(data)
    except ValueError:
        raise sqlite3.DatabaseError("a row of the search cache is damaged") from None
    return value


def _record(value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(value):
        item = getattr(value, f.name)
        if isinstance(item, Enum):
            item = item.value
        elif isinstance(item, date):
            item = item.isoformat()
        elif isinstance(item, tuple):
            item = [[j.area, j.grade] if isinstance(j, Judgement) else j for j in item]
        out[f.name] = item
    return out


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _source_from(data: dict[str, Any]) -> Source:
    data["kind"] = SourceKind(data["kind"])
    for key in ("inspection_start", "inspection_end", "published"):
        data[key] = _day(data[key])
    data["judgements"] = tuple(Judgement(area, grade) for area, grade in data["judgements"])
    return Source(**data)


def _passage_values(passage: Passage) -> list[Any]:
    """A passage's fields as its row's own columns (``_ROW_COLUMNS``)."""
    values = list(_row_fields(passage))
    values[_CHECKED_COLUMN] = passage.checked.value
    # Theme ids are joined by spaces: there are none in them (the schema's id rule).
    values[_THEMES_COLUMN] = " ".join(passage.themes)
    return values


def _passage_from(path: str | None, values: Sequence[Any]) -> Passage:
    """The passage of a row; a row that cannot be one is damage, reported as SQLite's own."""
    data = dict(zip(_PASSAGE_COLUMNS, values, strict=True))
    try:
        data["checked"] = Checked(data["checked"])
        data["themes"] = tuple(data["themes"].split())
        data["themes_reviewed"] = bool(data["themes_reviewed"])
        return Passage(**data, path=path)
    except (ValueError, TypeError, AttributeError):
        raise sqlite3.DatabaseError("a row of the search cache is damaged") from None


def _theme_from(data: dict[str, Any]) -> Theme:
    data["synonyms"] = tuple(data["synonyms"])
    return Theme(**data)


def _concept_from(data: dict[str, Any]) -> Concept:
    for kind in ("everyday", "legal", "inspection"):
        data[kind] = tuple(data[kind])
    return Concept(**data)
