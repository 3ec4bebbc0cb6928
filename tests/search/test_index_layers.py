"""The search cache of a bank lying over the shipped one holds the bank's files as they are
now: a file removed, renamed, moved to the shipped layer or given another id is followed, and
a shipped source a file of one's own replaced comes back when that file goes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from carecite.bank.load import load_bank
from carecite.errors import BankError
from carecite.search import index as index_module
from carecite.search.index import open_index
from tests.conftest import REPORT_YAML, THEMES_YAML

OWN_TEXT = "In our own reading the failures are widespread."


@pytest.fixture
def layers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A small shipped bank (report-2017) and a bank of one's own over it: (shipped, own)."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "themes.yaml").write_text(THEMES_YAML, encoding="utf-8")
    (shipped / "report-2017.yaml").write_text(REPORT_YAML, encoding="utf-8")
    for module in ("bank.load", "bank.read", "search.index"):
        monkeypatch.setattr(f"carecite.{module}.shipped_bank", lambda: shipped)
    own = tmp_path / "own"
    own.mkdir()
    (own / "themes.yaml").write_text("extends: carecite\nthemes: {}\n", encoding="utf-8")
    return shipped, own


def _own_source(source_id: str, passage_prefix: str = "own-") -> str:
    """``REPORT_YAML`` as a source of one's own: another id, other passage ids, own words."""
    return (
        REPORT_YAML.replace("report-2017", source_id)
        .replace("id: ex-", f"id: {passage_prefix}")
        .replace("There are widespread and serious failures.", OWN_TEXT)
    )


def _held(bank: Path) -> tuple[str, dict[str, tuple[str, str]]]:
    """How opening the cache refreshed it, and each passage it holds: its text and file."""
    index = open_index(bank)
    try:
        rows = index.connection.execute(
            "SELECT p.id, p.text, json_extract(s.data, '$.path') FROM passages p "
            "JOIN sources s ON s.id = p.source"
        )
        return index.rebuilt, {pid: (text, path) for pid, text, path in rows}
    finally:
        index.close()


def _vocabulary(bank: Path) -> list[tuple[str, int, int, int]]:
    with sqlite3.connect(index_module.cache_path(bank)) as connection:
        return connection.execute("SELECT * FROM vocab ORDER BY term").fetchall()


def _as_built_afresh(bank: Path) -> dict[str, tuple[str, str]]:
    """What the cache holds once built from nothing, with the words it counted as the cache
    refreshed counted them; the bank as ``load_bank`` reads it agrees."""
    refreshed = _vocabulary(bank)
    index_module.cache_path(bank).unlink()
    rebuilt, held = _held(bank)
    assert rebuilt == "full"
    assert _vocabulary(bank) == refreshed
    loaded = load_bank(bank)
    assert held == {p.id: (p.text, p.path) for p in loaded.passages.values()}
    return held


def test_a_shipped_source_comes_back_when_the_file_replacing_it_goes(
    layers: tuple[Path, Path],
) -> None:
    shipped, own = layers
    (own / "mine-2018.yaml").write_text(_own_source("mine-2018"), encoding="utf-8")
    shipped_file = str(shipped / "report-2017.yaml")
    assert _held(own)[1]["ex-summary"][1] == shipped_file
    replacing = own / "report-2017.yaml"
    replacing.write_text(REPORT_YAML.replace("serious failures", "grave failures"), "utf-8")
    rebuilt, held = _held(own)
    assert rebuilt == "files"
    assert held["ex-summary"] == ("There are widespread and grave failures.", str(replacing))

    replacing.unlink()
    rebuilt, held = _held(own)
    assert rebuilt == "files"
    assert held["ex-summary"] == ("There are widespread and serious failures.", shipped_file)
    assert held == _as_built_afresh(own)


def test_a_shipped_source_back_is_what_another_files_checked_via_names(
    layers: tuple[Path, Path],
) -> None:
    _, own = layers
    naming = _own_source("mine-2018").replace(
        "    checked: report\n", "    checked: secondary\n    checked_via: report-2017\n", 1
    )
    (own / "mine-2018.yaml").write_text(naming, encoding="utf-8")
    (own / "report-2017.yaml").write_text(REPORT_YAML, encoding="utf-8")
    _held(own)
    (own / "report-2017.yaml").unlink()
    rebuilt, held = _held(own)
    assert rebuilt == "files"
    assert held == _as_built_afresh(own)


def test_a_shipped_source_back_may_hold_a_passage_id_a_file_of_ones_own_took(
    layers: tuple[Path, Path],
) -> None:
    """While replaced, the shipped source's passage ids are free; once it is back, one of
    them used by another file is a duplicate, as ``load_bank`` finds it."""
    _, own = layers
    (own / "report-2017.yaml").write_text(_own_source("report-2017", "rep-"), encoding="utf-8")
    (own / "mine-2018.yaml").write_text(
        _own_source("mine-2018").replace("id: own-summary", "id: ex-summary"), encoding="utf-8"
    )
    assert _held(own)[1]["ex-summary"][0] == OWN_TEXT
    (own / "report-2017.yaml").unlink()
    with pytest.raises(BankError, match="duplicate passage id 'ex-summary'"):
        open_index(own)
    with pytest.raises(BankError, match="duplicate passage id 'ex-summary'"):
        load_bank(own)


def test_a_renamed_file_of_ones_own_is_followed(layers: tuple[Path, Path]) -> None:
    shipped, own = layers
    (own / "report-2017.yaml").write_text(_own_source("report-2017"), encoding="utf-8")
    assert _held(own)[1]["own-summary"][0] == OWN_TEXT
    # Renamed with its id, as a source's id is its file's name: the shipped source is back.
    (own / "report-2017.yaml").rename(own / "mine-2019.yaml")
    (own / "mine-2019.yaml").write_text(_own_source("mine-2019"), encoding="utf-8")
    rebuilt, held = _held(own)
    assert rebuilt == "files"
    assert held["own-summary"] == (OWN_TEXT, str(own / "mine-2019.yaml"))
    assert held["ex-summary"][1] == str(shipped / "report-2017.yaml")
    assert held == _as_built_afresh(own)


def test_a_file_moved_from_ones_own_bank_into_the_shipped_one_is_read_there(
    layers: tuple[Path, Path],
) -> None:
    shipped, own = layers
    (own / "mine-2018.yaml").write_text(_own_source("mine-2018"), encoding="utf-8")
    (own / "report-2017.yaml").write_text(
        REPORT_YAML.replace("serious failures", "grave failures"), encoding="utf-8"
    )
    _held(own)
    (own / "mine-2018.yaml").rename(shipped / "mine-2018.yaml")
    (own / "report-2017.yaml").rename(shipped / "report-2017.yaml")
    rebuilt, held = _held(own)
    assert rebuilt == "full"  # the shipped bank changed
    assert held["own-summary"] == (OWN_TEXT, str(shipped / "mine-2018.yaml"))
    assert held["ex-summary"][0] == "There are widespread and grave failures."
    assert held == _as_built_afresh(own)


def test_a_file_given_another_source_id_is_refused_and_the_cache_kept(
    layers: tuple[Path, Path],
) -> None:
    _, own = layers
    replacing = own / "report-2017.yaml"
    replacing.write_text(_own_source("report-2017"), encoding="utf-8")
    before = _held(own)[1]
    replacing.write_text(_own_source("mine-2020"), encoding="utf-8")
    for read in (open_index, load_bank):
        with pytest.raises(BankError, match="source id 'mine-2020' differs from the file name"):
            read(own)
    with sqlite3.connect(index_module.cache_path(own)) as connection:
        kept = {row[0] for row in connection.execute("SELECT id FROM passage_rows")}
    assert kept == set(before)
    replacing.rename(own / "mine-2020.yaml")
    rebuilt, held = _held(own)
    assert rebuilt == "files"
    assert held == _as_built_afresh(own)
