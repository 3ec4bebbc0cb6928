"""The search cache damaged, a home folder missing, a query the size of a document: each is
handled — rebuilt, moved, refused — in one line, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from carecite.search.index import cache_path
from carecite.search.query import MAX_QUERY, search_passages
from tests.faults.conftest import Run, one_error


def _ids(bank: Path) -> list[str]:
    return [hit.passage.id for hit in search_passages(bank, "managerial oversight")]


@pytest.mark.parametrize(
    "damage",
    [
        "DROP TABLE passage_rows",
        "DROP TABLE passages_fts_idx",
        "DELETE FROM passages_fts_data",
    ],
    ids=["table-gone", "fts-index-gone", "fts-data-gone"],
)
def test_a_damaged_cache_is_rebuilt(bank: Path, damage: str) -> None:
    expected = _ids(bank)
    with sqlite3.connect(cache_path(bank)) as connection:
        connection.execute(damage)
    assert _ids(bank) == expected


def test_the_command_says_in_one_line_that_it_rebuilt_a_damaged_cache(bank: Path, run: Run) -> None:
    expected = _ids(bank)
    cache_path(bank).write_bytes(b"not a database at all" * 100)
    result = run("search", "managerial oversight", "--json")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"notice: the search cache {cache_path(bank)} was damaged; it was built again"
    ]
    assert [hit["id"] for hit in json.loads(result.stdout)][: len(expected)] == expected


def test_a_cache_that_is_not_a_database_is_rebuilt(bank: Path) -> None:
    expected = _ids(bank)
    cache_path(bank).write_bytes(b"not a database at all" * 100)
    assert _ids(bank) == expected


def test_a_damaged_row_has_the_cache_built_again_and_said_so(bank: Path, run: Run) -> None:
    expected = _ids(bank)
    with sqlite3.connect(cache_path(bank)) as connection:
        connection.execute("UPDATE passage_rows SET checked = 'not a checked value'")
    result = run("search", "managerial oversight", "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"notice: the search cache {cache_path(bank)} was damaged; it was built again"
    ]
    assert [hit["id"] for hit in json.loads(result.stdout)][: len(expected)] == expected


def test_a_query_the_size_of_a_document_is_refused(run: Run) -> None:
    line = one_error(run("search", "oversight " * 10_000))
    assert line.startswith(
        f"error: the query is 99,999 characters long; a search takes up to {MAX_QUERY:,}"
    )


def test_a_long_query_of_many_words_still_answers(bank: Path) -> None:
    words = " ".join(f"word{n}" for n in range(150)) + " managerial oversight"
    assert len(words) < MAX_QUERY
    assert search_passages(bank, words) == ()  # only the first distinct words are searched


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="running as a user the system does not know needs root and setpriv",
)
def test_no_home_folder_and_an_unknown_user_fall_back_to_a_temporary_cache(bank: Path) -> None:
    # pytest's folders are private to root: the other user reads a world-readable copy.
    shared = Path(tempfile.mkdtemp(prefix="carecite-bank-"))
    try:
        shared.chmod(0o755)
        shutil.copytree(bank, shared / "bank")
        # Its temporary folder is the test's, so the fallback cache goes when the test ends.
        (shared / "tmp").mkdir(mode=0o1777)
        (shared / "tmp").chmod(0o1777)
        _search_as_stranger(shared / "bank", shared / "tmp")
        assert (shared / "tmp" / "carecite-cache-54321").is_dir()
    finally:
        shutil.rmtree(shared)


def _search_as_stranger(bank: Path, temporary: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": os.pathsep.join(sys.path),
        "TMPDIR": str(temporary),
    }
    uid = "54321"  # in no password database
    result = subprocess.run(
        [
            "setpriv",
            f"--reuid={uid}",
            f"--regid={uid}",
            "--clear-groups",
            sys.executable,
            "-m",
            "carecite",
            "--bank",
            str(bank),
            "search",
            "oversight",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=bank,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "ex-oversight" in result.stdout
    assert result.stderr.splitlines()[0].startswith(
        "warning: no home folder (HOME is not set): caches go to "
    )


def test_an_upgrade_of_the_shipped_bank_reaches_a_cache_over_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's bank lies over the shipped one: a shipped passage changed by an upgrade is
    searched as it now reads, not as the cache remembers it."""
    from carecite.bank.user import init_bank

    shipped = tmp_path / "shipped"
    shutil.copytree(Path(__file__).resolve().parents[2] / "quotes", shipped)
    monkeypatch.setattr("carecite.bank.load.shipped_bank", lambda: shipped)
    monkeypatch.setattr("carecite.bank.read.shipped_bank", lambda: shipped)
    monkeypatch.setattr("carecite.search.index.shipped_bank", lambda: shipped)
    own = init_bank(tmp_path / "mine")
    before = search_passages(own, "zygomorphic")
    assert before == ()
    report = shipped / "ofsted-norfolk-2015.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(
        text.replace("The work of the Child Death", "The zygomorphic work of the Child Death", 1),
        encoding="utf-8",
    )
    assert [h.passage.id for h in search_passages(own, "zygomorphic")] == ["nf15-lscb-cdop-backlog"]


@pytest.mark.parametrize("where", ["a-file", "a-file/sub"])
def test_a_cache_folder_that_cannot_be_made_is_named(run: Run, tmp_path: Path, where: str) -> None:
    """It was 'search-….sqlite3: cannot build or read the search cache ([Errno 17] File
    exists: …) — … or delete this file to rebuild it', a file that cannot exist."""
    (tmp_path / "a-file").write_text("mine", encoding="utf-8")
    folder = tmp_path / where
    line = one_error(run("search", "oversight", CARECITE_CACHE=str(folder)))
    why = (
        "it is a file, not a folder"
        if where == "a-file"
        else "the folder cannot be made: not a directory"
    )
    assert line == (
        f"error: {folder}: cannot keep the search cache here ({why}) — set CARECITE_CACHE to "
        "a folder you can write"
    )
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "mine"
