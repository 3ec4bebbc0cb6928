"""The search cache as stored: lean (each text once), read back exactly, built a few files
at a time without losing a problem, and opened warm without a YAML parser."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from carecite.bank.load import load_bank
from carecite.errors import BankError, CareciteError
from carecite.resources import shipped_bank
from carecite.search import index as index_module
from carecite.search import vocabulary_child
from carecite.search.index import open_index
from carecite.search.query import search_passages
from carecite.yamlfile import LineList, LineMap, parse_yaml
from tests.conftest import REPORT_YAML, BankMaker


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CARECITE_CACHE", str(folder))
    return folder


def _report(number: int, *, checked_via: str | None = None) -> str:
    """A source file ``r<number>`` whose one passage may name another source."""
    text = REPORT_YAML.replace("report-2017", f"r{number:02}").replace("ex-", f"r{number:02}-")
    if checked_via:
        text = text.replace(
            "    checked: report\n",
            f"    checked: secondary\n    checked_via: {checked_via}\n",
            1,
        )
    return text


def test_every_passage_reads_back_as_the_bank_has_it() -> None:
    bank = load_bank(shipped_bank())
    index = open_index(shipped_bank())
    try:
        rowids = [r[0] for r in index.connection.execute("SELECT rowid FROM passages")]
        stored = {p.id: p for p in index.passages(rowids).values()}
    finally:
        index.close()
    assert stored == dict(bank.passages)
    # path and line are not compared by ==, yet "file:line" is how a user finds a passage.
    assert {(p.id, p.path, p.line) for p in stored.values()} == {
        (p.id, p.path, p.line) for p in bank.passages.values()
    }


def test_the_full_text_index_keeps_no_copy_of_the_text() -> None:
    index = open_index(shipped_bank())
    try:
        names = {r[0] for r in index.connection.execute("SELECT name FROM sqlite_master")}
        snippet = index.connection.execute(
            "SELECT snippet(passages_fts, 0, '[', ']', '…', 8) FROM passages_fts "
            "WHERE passages_fts MATCH 'inadequate' LIMIT 1"
        ).fetchone()[0]
    finally:
        index.close()
    assert "passages_fts_content" not in names  # FTS5 reads the passages through a view
    assert "[inadequate]" in snippet.casefold()


def _index_agrees_with_its_view(bank: Path) -> bool:
    """FTS5's own check that the words it indexed are those the content view gives now."""
    index = open_index(bank)
    try:
        index.connection.execute(
            "INSERT INTO passages_fts(passages_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.DatabaseError:
        return False
    finally:
        index.close()
    return True


def test_the_words_indexed_are_those_a_later_change_forgets(make_bank: BankMaker) -> None:
    """FTS5 forgets a changed passage's words by reading them back through the content
    view: indexed otherwise, the old words would stay findable (or the index be damaged)."""
    assert _index_agrees_with_its_view(shipped_bank())
    bank = make_bank({"r00.yaml": _report(0), "r01.yaml": _report(1)})
    assert _index_agrees_with_its_view(bank)
    changed = _report(1).replace("at all levels", "at all levels of protection")
    (bank / "r01.yaml").write_text(changed, encoding="utf-8")
    (bank / "r00.yaml").unlink()
    assert _index_agrees_with_its_view(bank)


def test_a_build_of_many_files_reads_them_a_few_at_a_time(
    make_bank: BankMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "_BATCH_FILES", 2)
    files = {f"r{n:02}.yaml": _report(n) for n in range(7)}
    # Checked through a source in a later batch: that is no problem.
    files["r00.yaml"] = _report(0, checked_via="r06")
    bank = make_bank(files)
    hits = search_passages(bank, "widespread failures", limit=20)
    assert {h.passage.source for h in hits} == {f"r{n:02}" for n in range(7)}
    assert open_index(bank).passage_count() == len(load_bank(bank).passages)


def test_problems_in_several_batches_are_all_reported(
    make_bank: BankMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "_BATCH_FILES", 2)
    files = {f"r{n:02}.yaml": _report(n) for n in range(6)}
    files["r01.yaml"] = files["r01.yaml"].replace("page: 5", "page: five", 1)
    files["r05.yaml"] = _report(5, checked_via="no-such-source")
    bank = make_bank(files)
    with pytest.raises(BankError) as caught:
        open_index(bank)
    with pytest.raises(BankError) as loading:
        load_bank(bank)
    assert str(caught.value) == str(loading.value)
    assert "r01.yaml" in str(caught.value) and "unknown source 'no-such-source'" in str(
        caught.value
    )


def test_a_passage_id_used_in_two_batches_is_reported_as_load_bank_does(
    make_bank: BankMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "_BATCH_FILES", 1)
    twin = _report(1).replace("r01-summary", "r00-summary")
    bank = make_bank({"r00.yaml": _report(0), "r01.yaml": twin})
    with pytest.raises(BankError, match="duplicate passage id 'r00-summary'"):
        open_index(bank)
    assert not list(Path(os.environ["CARECITE_CACHE"]).glob("search-*"))  # nothing half-built


def _cache_dump(bank: Path) -> list[str]:
    """Every row of the bank's cache, built afresh, as SQL (FTS5's own tables too)."""
    index_module.cache_path(bank).unlink(missing_ok=True)
    index = open_index(bank)
    try:
        return list(index.connection.iterdump())
    finally:
        index.close()


def test_words_counted_in_a_second_process_are_those_counted_in_the_build(
    make_bank: BankMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "_BATCH_FILES", 2)
    bank = make_bank({f"r{n:02}.yaml": _report(n) for n in range(5)})
    counted_here = _cache_dump(bank)
    started = _recording_children(monkeypatch)
    monkeypatch.setattr(index_module, "_COUNT_APART_FROM_BYTES", 0)
    assert _cache_dump(bank) == counted_here
    assert [child.returncode for child in started] == [0]


def _recording_children(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """The word-counting processes started from now on."""
    started: list[subprocess.Popen[bytes]] = []

    class Recorded(subprocess.Popen[bytes]):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(vocabulary_child.subprocess, "Popen", Recorded)
    return started


@pytest.mark.parametrize(
    ("child", "why"),
    [
        ("import sys; sys.exit('no memory left')", "no memory left"),
        # Counts it cannot read, as a sitecustomize printing to stdout would make them: the
        # build ended the child, which was not "ended by SIGKILL" by anyone else.
        (
            "import sys; sys.stdin.buffer.read(); print('hello from sitecustomize')",
            "its answer could not be read",
        ),
        # A line too long to quote whole (a 1 MB line was a 1 MB message).
        ("import sys; sys.exit('x' * 100_000)", "x" * 199 + "…"),
        pytest.param(
            "import os, signal; os.kill(os.getpid(), signal.SIGKILL)",
            "ended by SIGKILL",
            marks=pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals"),
        ),
    ],
)
def test_a_word_count_that_stops_is_one_clear_error_and_leaves_no_cache(
    child: str,
    why: str,
    make_bank: BankMaker,
    monkeypatch: pytest.MonkeyPatch,
    private_cache: Path,
) -> None:
    bank = make_bank({f"r{n:02}.yaml": _report(n) for n in range(3)})
    monkeypatch.setattr(index_module, "_COUNT_APART_FROM_BYTES", 0)
    monkeypatch.setattr(vocabulary_child, "_CHILD", child)
    with pytest.raises(CareciteError) as caught:
        open_index(bank)
    assert str(caught.value).startswith(
        f"cannot build the search cache: the process counting its words stopped ({why})"
    )
    assert not list(private_cache.glob("search-*"))


def test_the_word_count_imports_no_module_from_the_current_folder(
    make_bank: BankMaker, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # ``python -c`` looks in the current folder first: a user's pickle.py was run instead.
    bank = make_bank({f"r{n:02}.yaml": _report(n) for n in range(3)})
    (tmp_path / "pickle.py").write_text("raise SystemExit('the wrong pickle')\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(index_module, "_COUNT_APART_FROM_BYTES", 0)
    started = _recording_children(monkeypatch)
    open_index(bank).close()
    assert [child.returncode for child in started] == [0]


def test_a_build_removes_what_killed_builds_left(make_bank: BankMaker, private_cache: Path) -> None:
    # SIGTERM or a power cut mid-build left tens of megabytes that nothing removed; a temp
    # file written in the last hour may be another process's build, still going.
    bank = make_bank({f"r{n:02}.yaml": _report(n) for n in range(2)})
    open_index(bank).close()
    (cache,) = private_cache.glob("search-*.sqlite3")
    cache.unlink()
    abandoned = [
        private_cache / f"{cache.stem}.x1y2.tmp",
        private_cache / f"{cache.stem}.x1y2.tmp-journal",
    ]
    going = private_cache / f"{cache.stem}.z3w4.tmp"
    someone_elses = private_cache / "notes.x1y2.tmp"
    for left in (*abandoned, going, someone_elses):
        left.write_bytes(b"partly written")
    for old in (*abandoned, someone_elses):
        os.utime(old, (1_700_000_000, 1_700_000_000))
    open_index(bank).close()
    assert [left.exists() for left in (*abandoned, going, someone_elses)] == [
        False,
        False,
        True,
        True,
    ]


@pytest.mark.parametrize("interpreter", ["", "/nonexistent/python"])
def test_without_an_interpreter_to_start_the_words_are_counted_here(
    interpreter: str,
    make_bank: BankMaker,
    monkeypatch: pytest.MonkeyPatch,
    private_cache: Path,
) -> None:
    # An embedded Python's sys.executable is empty: the build failed, blaming the cache
    # folder ("set CARECITE_CACHE to a writable folder").
    bank = make_bank({f"r{n:02}.yaml": _report(n) for n in range(3)})
    index = open_index(bank)  # counted in this process: the bank is small
    counted_here = sorted(index.connection.execute("SELECT * FROM vocab"))
    index.close()
    for cache in private_cache.glob("search-*"):
        cache.unlink()
    monkeypatch.setattr(index_module, "_COUNT_APART_FROM_BYTES", 0)
    monkeypatch.setattr(sys, "executable", interpreter)
    index = open_index(bank)
    assert sorted(index.connection.execute("SELECT * FROM vocab")) == counted_here
    index.close()


def test_the_word_count_imports_the_standard_library_before_carecite_s_folder(
    make_bank: BankMaker, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Installed (not editable), carecite's folder is site-packages: it was put first on the
    # child's path, so a package there named as a standard module was imported in its place.
    bank = make_bank({f"r{n:02}.yaml": _report(n) for n in range(3)})
    packages = tmp_path / "site-packages"
    packages.mkdir()
    (packages / "carecite").symlink_to(Path(vocabulary_child.__file__).parents[1])
    (packages / "pickle.py").write_text("raise SystemExit('a package named pickle')\n")
    monkeypatch.setattr(vocabulary_child, "_PACKAGES", packages)
    monkeypatch.setattr(index_module, "_COUNT_APART_FROM_BYTES", 0)
    started = _recording_children(monkeypatch)
    open_index(bank).close()
    assert [child.returncode for child in started] == [0]


def test_a_word_count_saying_more_than_a_pipe_holds_does_not_hold_the_build(
    make_bank: BankMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As PYTHONVERBOSE=2 makes it say at its start: the build waited for its answer forever.
    bank = make_bank({f"r{n:02}.yaml": _report(n) for n in range(3)})
    monkeypatch.setattr(index_module, "_COUNT_APART_FROM_BYTES", 0)
    talkative = "import sys; sys.stderr.write('said ' * 200_000); " + vocabulary_child._CHILD
    monkeypatch.setattr(vocabulary_child, "_CHILD", talkative)
    started = _recording_children(monkeypatch)
    built = threading.Thread(target=lambda: open_index(bank).close(), daemon=True)
    built.start()
    built.join(timeout=60)
    held = built.is_alive()
    for child in started:  # a held build's child, killed so the build can end
        child.kill()
    built.join()
    assert not held
    assert [child.returncode for child in started] == [0]


def test_a_build_interrupted_ends_its_word_count_and_leaves_no_cache(
    make_bank: BankMaker, monkeypatch: pytest.MonkeyPatch, private_cache: Path
) -> None:
    monkeypatch.setattr(index_module, "_BATCH_FILES", 1)
    bank = make_bank({f"r{n:02}.yaml": _report(n) for n in range(3)})
    monkeypatch.setattr(index_module, "_COUNT_APART_FROM_BYTES", 0)
    started = _recording_children(monkeypatch)
    insert_sources = index_module._insert_sources
    calls = []

    def interrupted(connection: sqlite3.Connection, sources: Any) -> None:
        calls.append(sources)
        if len(calls) == 3:  # the base bank's, the first file's, then Ctrl-C
            raise KeyboardInterrupt
        insert_sources(connection, sources)

    monkeypatch.setattr(index_module, "_insert_sources", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_index(bank)
    assert not list(private_cache.glob("search-*"))
    assert len(started) == 1 and started[0].returncode is not None


def test_a_file_read_before_and_found_valid_reads_the_same_without_its_guards() -> None:
    text = (shipped_bank() / "ofsted-tower-hamlets-2017.yaml").read_text(encoding="utf-8")
    guarded, _ = parse_yaml(text, "x.yaml")
    trusted, _ = parse_yaml(text, "x.yaml", trusted=True)
    assert trusted == guarded
    assert [p.line for p in trusted["passages"]] == [p.line for p in guarded["passages"]]
    assert trusted["passages"][3].key_lines == guarded["passages"][3].key_lines
    assert trusted["passages"].item_lines == guarded["passages"].item_lines


@pytest.mark.parametrize(
    "text",
    [
        "a: &shared [1, 2]\nb: *shared\n",  # an alias
        "a: 1\nb: x\na: 2\n",  # a key given twice
        "n: !!int '3'\nd: 2020-01-31\nz: null\nt: true\ne: ''\nf: 1.5\nq: '12'\n",
        "- !!set {a, b}\n- ~\n- {1: one, 2.0: two}\n",
    ],
)
def test_the_trusted_read_builds_every_kind_of_value_and_line_as_the_guarded_one(text: str) -> None:
    def shape(value: object) -> object:
        """A value with its type and, for mappings and lists, every line they keep."""
        if isinstance(value, LineMap):
            items = [(key, shape(item)) for key, item in value.items()]
            return ("map", value.line, value.key_lines, value.duplicates, items)
        if isinstance(value, LineList):
            return ("list", value.line, value.item_lines, [shape(item) for item in value])
        return (type(value).__name__, value)

    guarded, _ = parse_yaml(text, "x.yaml")
    trusted, _ = parse_yaml(text, "x.yaml", trusted=True)
    assert shape(trusted) == shape(guarded)
    if "*shared" in text:
        assert trusted["a"] is trusted["b"]  # an alias is the same list, as PyYAML makes it


def test_a_warm_search_imports_no_yaml_parser_nor_the_builds_child(
    make_bank: BankMaker, private_cache: Path
) -> None:
    bank = make_bank()
    search_passages(bank, "oversight")
    program = (
        "import sys; from carecite.search.query import search_passages; "
        f"hits = search_passages({str(bank)!r}, 'managerial oversight'); "
        "build = {'yaml', 'jsonschema', 'carecite.search.vocabulary_child'}; "
        "print(len(hits), sorted(m for m in sys.modules if m in build))"
    )
    env = {**os.environ, "CARECITE_CACHE": str(private_cache)}
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
    )
    count, imported = out.stdout.split(" ", 1)
    assert int(count) > 0
    assert imported.strip() == "[]"


def test_a_damaged_view_is_rebuilt(make_bank: BankMaker) -> None:
    bank = make_bank()
    expected = [h.passage.id for h in search_passages(bank, "oversight")]
    with sqlite3.connect(index_module.cache_path(bank)) as connection:
        connection.execute("DROP VIEW passages_indexed")
    assert [h.passage.id for h in search_passages(bank, "oversight")] == expected


def test_a_cache_of_another_version_is_built_again_without_a_damage_notice(
    make_bank: BankMaker,
) -> None:
    bank = make_bank()
    search_passages(bank, "oversight")
    with sqlite3.connect(index_module.cache_path(bank)) as connection:
        connection.execute("UPDATE meta SET value = '4' WHERE key = 'schema'")
        connection.execute("DROP VIEW passages_indexed")  # as an older cache lacks it
    index_module.take_repaired_caches()
    index = open_index(bank)
    index.close()
    assert index.rebuilt == "full"
    assert index_module.take_repaired_caches() == ()


def test_the_passage_count_follows_a_file_added_and_removed(make_bank: BankMaker) -> None:
    bank = make_bank({"r00.yaml": _report(0)})
    assert open_index(bank).passage_count() == 3
    (bank / "r01.yaml").write_text(_report(1), encoding="utf-8")
    index = open_index(bank)
    assert (index.rebuilt, index.passage_count()) == ("files", 6)
    (bank / "r00.yaml").unlink()
    index = open_index(bank)
    assert (index.rebuilt, index.passage_count()) == ("files", 3)


def test_a_cache_without_its_passage_count_is_damaged_and_built_again(
    make_bank: BankMaker,
) -> None:
    bank = make_bank()
    search_passages(bank, "oversight")
    with sqlite3.connect(index_module.cache_path(bank)) as connection:
        connection.execute("DELETE FROM meta WHERE key = 'passages'")
    index_module.take_repaired_caches()
    assert search_passages(bank, "oversight")[0].passage.id == "ex-oversight"
    assert index_module.take_repaired_caches() == (index_module.cache_path(bank),)


def _counts(bank: Path, *words: str) -> tuple[str, dict[str, tuple[int, bool]]]:
    """How the cache was refreshed, and each word's passage count (text only) and whether
    the vocabulary knows it."""
    index = open_index(bank)
    try:
        counts = index.frequencies(words)
        known = index.known_terms(words)
        return index.rebuilt, {w: (counts.get(w, 0), w in known) for w in words}
    finally:
        index.close()


def test_a_words_passage_count_is_of_passage_text_only(make_bank: BankMaker) -> None:
    """A theme's, section's or source's words are in every passage under it: counted there,
    a precise word looks common and is left out of the search (issue 16)."""
    bank = make_bank({"r00.yaml": _report(0)})
    # "oversight": one passage's text, the theme label of two; "protection": a section
    # heading only; "example": the authority's name only.
    assert _counts(bank, "oversight", "protection", "example", "failures")[1] == {
        "oversight": (1, True),
        "protection": (0, True),
        "example": (0, True),
        "failures": (1, True),
    }
    # What a full-text query of each costs: the passages holding it in any column.
    index = open_index(bank)
    try:
        assert index.spread(["oversight", "protection", "example", "failures", "nothing"]) == {
            "oversight": 2,
            "protection": 2,
            "example": 3,
            "failures": 1,
        }
    finally:
        index.close()


def test_text_counts_follow_files_added_changed_and_removed(make_bank: BankMaker) -> None:
    bank = make_bank({"r00.yaml": _report(0)})
    open_index(bank).close()
    (bank / "r01.yaml").write_text(_report(1), encoding="utf-8")
    assert _counts(bank, "oversight", "protection") == (
        "files",
        {"oversight": (2, True), "protection": (0, True)},
    )
    changed = _report(1).replace("at all levels", "at all levels of protection")
    (bank / "r01.yaml").write_text(changed, encoding="utf-8")
    (bank / "r00.yaml").unlink()
    assert _counts(bank, "oversight", "protection", "failures") == (
        "files",
        {"oversight": (1, True), "protection": (1, True), "failures": (1, True)},
    )
