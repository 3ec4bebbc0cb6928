"""The search cache: a SQLite FTS5 index of a bank, kept fresh file by file.

``open_index`` returns an ``Index`` over a cache file in ``cache_dir()`` (never inside the
bank folder), one per bank folder. The cache holds everything a search prints — passage
fields and citation-ready source fields — so a warm search never parses YAML.

Freshness is checked on every open, cheaply: each bank file's size and mtime are compared
with the manifest; a file whose stat changed is hashed (SHA-256), and only a file whose
content changed is re-read. One changed source file is re-read and re-validated on its
own; a changed ``themes.yaml`` or ``thesaurus.yaml``, a changed shipped bank (its thesaurus
included), a new cache schema or many changes rebuild everything from ``load_bank``. A bank
with a problem raises ``BankError`` and leaves the cache as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from carecite.bank import load as _bank
from carecite.bank.rules import duplicate_id
from carecite.errors import BankError, CareciteError, Problem
from carecite.model import Checked, Judgement, Passage, Source, SourceKind, Theme
from carecite.resources import cache_dir, shipped_bank
from carecite.search.thesaurus import Concept, read_thesaurus

SCHEMA_VERSION = "4"
# Past this share of changed source files, one full rebuild beats many small updates.
_FULL_REBUILD_SHARE = 0.3
_WORD = re.compile(r"[^\W_]+")

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files(name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha TEXT,
                   source TEXT);
CREATE TABLE themes(id TEXT PRIMARY KEY, ord INTEGER, data TEXT NOT NULL);
CREATE TABLE concepts(id TEXT PRIMARY KEY, ord INTEGER, data TEXT NOT NULL);
CREATE TABLE sources(id TEXT PRIMARY KEY, file TEXT NOT NULL, authority TEXT,
                     framework TEXT, overall TEXT, published TEXT, data TEXT NOT NULL);
CREATE TABLE passages(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
                      source TEXT NOT NULL, file TEXT NOT NULL, idx INTEGER NOT NULL,
                      text TEXT NOT NULL, theme_ids TEXT NOT NULL, checked_via TEXT,
                      data TEXT NOT NULL);
CREATE INDEX passages_source ON passages(source);
CREATE INDEX passages_order ON passages(file, idx);
CREATE TABLE passage_themes(theme TEXT NOT NULL, passage INTEGER NOT NULL,
                            PRIMARY KEY(theme, passage)) WITHOUT ROWID;
CREATE VIRTUAL TABLE passages_fts USING fts5(text, themes, section, source,
                                             tokenize='porter unicode61');
CREATE TABLE vocab(term TEXT PRIMARY KEY, len INTEGER NOT NULL, df INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE INDEX vocab_len ON vocab(len);
"""

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
        rows = self.connection.execute(
            f"SELECT rowid, data FROM passages WHERE rowid IN ({marks})", list(rowids)
        )
        return {rowid: _passage_from(_decoded(data)) for rowid, data in rows}

    def known_terms(self, terms: Iterable[str]) -> set[str]:
        wanted = list(set(terms))
        if not wanted:
            return set()
        marks = ",".join("?" * len(wanted))
        rows = self.connection.execute(f"SELECT term FROM vocab WHERE term IN ({marks})", wanted)
        return {r[0] for r in rows}

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """How many passages hold each word (those the index knows)."""
        wanted = list(set(terms))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        rows = self.connection.execute(
            f"SELECT term, df FROM vocab WHERE term IN ({marks})", wanted
        )
        return dict(rows.fetchall())

    def passages_sharing_words(self, text: str, limit: int = 5, rarest: int = 8) -> list[int]:
        """Rowids of the passages that share most of ``text``'s rarest words, best first.

        The ``rarest`` words of ``text`` the bank holds (fewest passages) are looked up in one
        FTS5 ``OR`` query ranked by bm25: the passage a quotation was taken from comes first,
        and the cost follows those words' postings, not the size of the bank. A word the bank
        lacks (a typo, an edit) cannot match and is left out.
        """
        counts = self.frequencies(w.casefold() for w in _WORD.findall(text) if len(w) > 2)
        words = sorted(counts, key=lambda word: (counts[word], word))[:rarest]
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
        return int(self.connection.execute("SELECT count(*) FROM passages").fetchone()[0])

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
    folder = _bank.bank_folder(bank_dir)
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
_TABLES = set(re.findall(r"CREATE (?:VIRTUAL )?TABLE (\w+)", _SCHEMA))


def _connect_existing(path: Path, folder: Path) -> sqlite3.Connection | None:
    """The cache, if it exists and was built by this schema for this folder."""
    if not path.is_file():
        return None
    try:
        connection = _connect(path)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        # Opening the full-text table reads its own tables: a damaged one fails here.
        connection.execute("SELECT rowid FROM passages_fts WHERE passages_fts MATCH 'x'").fetchall()
    except sqlite3.DatabaseError:
        _REPAIRED.append(path)  # not a cache any more: it is built again, and said so
        return None
    if not tables >= _TABLES:
        connection.close()
        _REPAIRED.append(path)
        return None
    if (
        meta.get("schema") != SCHEMA_VERSION
        or meta.get("bank") != str(folder.resolve())
        or meta.get("shipped") != _shipped_bank_stamp()
    ):
        connection.close()
        return None
    return connection


# --- freshness ------------------------------------------------------------------------------


def _bank_files(folder: Path) -> dict[str, os.stat_result]:
    with os.scandir(folder) as entries:
        return {e.name: e.stat() for e in entries if e.name.endswith(".yaml") and e.is_file()}


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
        shared = {_bank.THEMES_FILE, _bank.THESAURUS_FILE} & {*changed, *removed}
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


def _full_build(folder: Path, path: Path) -> None:
    """Build the whole cache from ``load_bank`` into a temp file, then move it into place."""
    manifest = {
        name: (st.st_size, st.st_mtime_ns, _sha(folder / name))
        for name, st in _bank_files(folder).items()
    }
    loaded = _bank.load_bank(folder)
    concepts = read_thesaurus(folder, loaded.themes)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        connection = sqlite3.connect(temp, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.executescript(_SCHEMA)
            connection.execute("BEGIN")
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("schema", SCHEMA_VERSION),
                    ("bank", str(folder.resolve())),
                    ("shipped", _shipped_bank_stamp()),
                ],
            )
            connection.executemany(
                "INSERT INTO concepts VALUES (?, ?, ?)",
                [(c.id, i, json.dumps(_record(c))) for i, c in enumerate(concepts.values())],
            )
            connection.executemany(
                "INSERT INTO themes VALUES (?, ?, ?)",
                [(t.id, i, json.dumps(_record(t))) for i, t in enumerate(loaded.themes.values())],
            )
            file_of = {s.id: Path(s.path or "").name for s in loaded.sources.values()}
            for name, (size, mtime, sha) in manifest.items():
                connection.execute(
                    "INSERT INTO files VALUES (?, ?, ?, ?, ?)",
                    (
                        name,
                        size,
                        mtime,
                        sha,
                        None
                        if name in (_bank.THEMES_FILE, _bank.THESAURUS_FILE)
                        else Path(name).stem,
                    ),
                )
            _insert_sources(connection, loaded.sources.values(), file_of)
            vocab: Counter[str] = Counter()
            _insert_passages(
                connection, loaded.passages.values(), loaded.sources, loaded.themes, file_of, vocab
            )
            connection.executemany(
                "INSERT INTO vocab VALUES (?, ?, ?)",
                ((term, len(term), df) for term, df in vocab.items()),
            )
            connection.execute("COMMIT")
            connection.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
        finally:
            connection.close()
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _insert_sources(
    connection: sqlite3.Connection, sources: Iterable[Source], file_of: Mapping[str, str]
) -> None:
    connection.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (
                s.id,
                file_of[s.id],
                s.authority,
                s.framework,
                s.overall,
                s.published.isoformat() if s.published else None,
                json.dumps(_record(s)),
            )
            for s in sources
        ),
    )


def _insert_passages(
    connection: sqlite3.Connection,
    passages: Iterable[Passage],
    sources: Mapping[str, Source],
    themes: Mapping[str, Theme],
    file_of: Mapping[str, str],
    vocab: Counter[str],
) -> None:
    theme_text = {
        t.id: " ".join([t.id.replace("-", " "), t.label, *t.synonyms]) for t in themes.values()
    }
    source_text = {
        s.id: " ".join(filter(None, [s.title, s.authority, s.short_name])) for s in sources.values()
    }
    cursor = connection.execute("SELECT coalesce(max(rowid), 0) FROM passages")
    rowid = cursor.fetchone()[0]
    index_in_file: Counter[str] = Counter()
    rows: list[tuple[Any, ...]] = []
    fts_rows: list[tuple[Any, ...]] = []
    theme_rows: list[tuple[str, int]] = []
    for passage in passages:
        rowid += 1
        name = file_of[passage.source]
        index_in_file[name] += 1
        rows.append(
            (
                rowid,
                passage.id,
                passage.source,
                name,
                index_in_file[name],
                passage.text,
                " ".join(passage.themes),
                passage.checked_via,
                json.dumps(_record(passage)),
            )
        )
        columns = (
            passage.text,
            " ".join(theme_text[t] for t in passage.themes),
            " ".join(filter(None, [passage.section, passage.provision])),
            source_text[passage.source],
        )
        fts_rows.append((rowid, *columns))
        theme_rows.extend((t, rowid) for t in passage.themes)
        vocab.update(_terms(columns))
    connection.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    connection.executemany(
        "INSERT INTO passages_fts(rowid, text, themes, section, source) VALUES (?, ?, ?, ?, ?)",
        fts_rows,
    )
    connection.executemany("INSERT OR IGNORE INTO passage_themes VALUES (?, ?)", theme_rows)


def _terms(columns: Iterable[str]) -> set[str]:
    """The distinct words of a passage's indexed columns, as the vocabulary counts them."""
    found: set[str] = set()
    for column in columns:
        found.update(_WORD.findall(column.casefold()))
    return found


# --- updating file by file ------------------------------------------------------------------


def _update_files(
    connection: sqlite3.Connection,
    folder: Path,
    changed: Sequence[str],
    removed: Sequence[str],
    current: Mapping[str, os.stat_result],
) -> None:
    """Re-read only the changed source files, validated as ``load_bank`` would."""
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
    changed_files = (folder / name for name in sorted(changed))
    read = _bank.read_files(changed_files, themes, sources, problems)

    gone_files = list(gone)
    marks = ",".join("?" * len(gone_files))
    candidates = [(file_path, passage) for file_path, _, found in read for passage in found]
    ids = [p.id for _, p in candidates]
    others: dict[str, tuple[str, int]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for pid, ppath, line in connection.execute(
            "SELECT id, json_extract(data, '$.path'), json_extract(data, '$.line') FROM passages "
            f"WHERE id IN ({','.join('?' * len(chunk))}) AND file NOT IN ({marks})",
            [*chunk, *gone_files],
        ):
            others[pid] = (ppath, line)
    new_passages: list[Passage] = []
    seen: dict[str, Passage] = {}
    for path, passage in candidates:
        first = seen.get(passage.id)
        where = f"{first.path}:{first.line}" if first else None
        if passage.id in others:
            where = "{}:{}".format(*others[passage.id])
        if where:
            problems.append(duplicate_id("passage", passage.id, path, passage.line, where))
            continue
        seen[passage.id] = passage
        new_passages.append(passage)
    # A source that went away may still be named by another file's checked_via.
    lost = {
        sid
        for (sid,) in connection.execute(
            f"SELECT id FROM sources WHERE file IN ({marks})", gone_files
        )
    } - set(sources)
    if lost:
        lost_marks = ",".join("?" * len(lost))
        for pid, ppath, line, via in connection.execute(
            f"SELECT id, json_extract(data, '$.path'), json_extract(data, '$.line'), checked_via "
            f"FROM passages WHERE checked_via IN ({lost_marks}) AND file NOT IN ({marks})",
            [*lost, *gone_files],
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

    _delete_files(connection, gone_files)
    file_of = {s.id: path.name for path, s, _ in read}
    _insert_sources(connection, (s for _, s, _ in read), file_of)
    vocab: Counter[str] = Counter()
    _insert_passages(connection, new_passages, sources, themes, file_of, vocab)
    connection.executemany(
        "INSERT INTO vocab VALUES (?, ?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
        ((term, len(term), df) for term, df in vocab.items()),
    )
    for name in changed:
        st = current[name]
        connection.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (name, st.st_size, st.st_mtime_ns, _sha(folder / name), Path(name).stem),
        )


def _delete_files(connection: sqlite3.Connection, names: Sequence[str]) -> None:
    """Forget every row that came from these files, vocabulary counts included."""
    if not names:
        return
    marks = ",".join("?" * len(names))
    rowids = [
        r[0]
        for r in connection.execute(f"SELECT rowid FROM passages WHERE file IN ({marks})", names)
    ]
    vocab: Counter[str] = Counter()
    for start in range(0, len(rowids), 500):
        chunk = rowids[start : start + 500]
        chunk_marks = ",".join("?" * len(chunk))
        for columns in connection.execute(
            "SELECT text, themes, section, source FROM passages_fts "
            f"WHERE rowid IN ({chunk_marks})",
            chunk,
        ):
            vocab.update(_terms(columns))
        connection.execute(f"DELETE FROM passages_fts WHERE rowid IN ({chunk_marks})", chunk)
        connection.execute(f"DELETE FROM passage_themes WHERE passage IN ({chunk_marks})", chunk)
    connection.executemany(
        "UPDATE vocab SET df = df - ? WHERE term = ?", ((df, t) for t, df in vocab.items())
    )
    connection.execute("DELETE FROM vocab WHERE df <= 0")
    connection.execute(f"DELETE FROM passages WHERE file IN ({marks})", names)
    connection.execute(f"DELETE FROM sources WHERE file IN ({marks})", names)
    connection.execute(f"DELETE FROM files WHERE name IN ({marks})", names)


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


def _passage_from(data: dict[str, Any]) -> Passage:
    data["checked"] = Checked(data["checked"])
    data["themes"] = tuple(data["themes"])
    return Passage(**data)


def _theme_from(data: dict[str, Any]) -> Theme:
    data["synonyms"] = tuple(data["synonyms"])
    return Theme(**data)


def _concept_from(data: dict[str, Any]) -> Concept:
    for kind in ("everyday", "legal", "inspection"):
        data[kind] = tuple(data[kind])
    return Concept(**data)
