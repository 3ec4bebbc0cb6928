"""A valid bank file read before gives its values without a YAML parse (issue 17c)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from carecite import yamlfile
from carecite.bank import validate
from carecite.bank.snapshot import file_values_path
from carecite.bank.validate import BANK_SCHEMA, read_document
from carecite.cachefile import take_repaired
from carecite.search.index import open_index
from carecite.search.query import search_passages
from tests.conftest import BankMaker


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CARECITE_CACHE", str(folder))
    return folder


def _no_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(yamlfile, "parse_yaml", refuse)


def _read(path: Path) -> validate.Document:
    return read_document(path, BANK_SCHEMA, "sourceFile")


def test_a_valid_file_read_again_comes_with_the_same_values_and_lines_unparsed(
    make_bank: BankMaker, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_bank() / "report-2017.yaml"
    first = _read(path)
    _no_parse(monkeypatch)
    again = _read(path)
    assert again.data == first.data and not again.problems
    assert again.data["passages"].item_lines == first.data["passages"].item_lines
    assert again.data["passages"][1].key_lines == first.data["passages"][1].key_lines


def test_an_edit_keeping_size_and_time_is_parsed_and_checked_again(
    make_bank: BankMaker, private_cache: Path
) -> None:
    path = make_bank() / "report-2017.yaml"
    _read(path)
    before = path.stat()
    path.write_text(
        path.read_text(encoding="utf-8").replace("checked: report", "checked: rePort", 1),
        encoding="utf-8",
    )
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    edited = _read(path)
    assert [p.line for p in edited.problems] and "rePort" in edited.problems[0].message


def test_an_invalid_file_keeps_no_values(make_bank: BankMaker, private_cache: Path) -> None:
    path = make_bank() / "report-2017.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("page: 2", "page: two"))
    assert _read(path).problems
    assert not file_values_path(path).exists()


def test_damaged_values_are_parsed_again_and_said_to_be_repaired(
    make_bank: BankMaker, private_cache: Path
) -> None:
    path = make_bank() / "report-2017.yaml"
    first = _read(path)
    kept = file_values_path(path)
    damaged = bytearray(kept.read_bytes())
    damaged[-5] ^= 0xFF
    kept.write_bytes(bytes(damaged))
    again = _read(path)
    assert again.data == first.data and not again.problems
    assert take_repaired() == (kept,)


def test_a_search_cache_lost_is_built_again_from_the_kept_values(
    make_bank: BankMaker, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = make_bank()
    hits = search_passages(bank, "managerial oversight")
    for cache in private_cache.glob("search-*"):
        cache.unlink()
    _no_parse(monkeypatch)
    open_index(bank).close()
    assert search_passages(bank, "managerial oversight") == hits


def test_a_folder_of_damaged_values_is_one_notice(
    make_bank: BankMaker, private_cache: Path
) -> None:
    from click.testing import CliRunner

    from carecite.cli.app import cli
    from tests.conftest import REPORT_YAML

    other = REPORT_YAML.replace("id: report-2017", "id: other-2017", 1)
    other = other.replace("id: ex-", "id: ot-").replace("Ofsted 2017", "Ofsted Other 2017")
    bank = make_bank({"report-2017.yaml": REPORT_YAML, "other-2017.yaml": other})
    kept = [file_values_path(bank / name) for name in ("report-2017.yaml", "other-2017.yaml")]
    for path in [bank / "report-2017.yaml", bank / "other-2017.yaml"]:
        _read(path)
    take_repaired()
    for path in kept:
        path.write_bytes(b"garbage" * 50)
    # The bank's own snapshot would spare the files a read: without it they are read again.
    for snapshot in private_cache.rglob("bank-*"):
        snapshot.unlink()
    result = CliRunner().invoke(cli, ["--bank", str(bank), "list"], catch_exceptions=False)
    assert result.exit_code == 0
    notices = [line for line in result.stderr.splitlines() if line.startswith("notice:")]
    assert notices == [
        f"notice: 2 cache files in {kept[0].parent} were damaged; they were built again"
    ]
