"""A bank read before comes from its snapshot, and an edit is seen at once (issue 17)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from carecite import yamlfile
from carecite.bank import read as bank_read
from carecite.bank.load import load_bank
from carecite.bank.snapshot import shipped_data, snapshot_path
from carecite.cachefile import take_repaired
from carecite.cli.app import cli
from carecite.errors import BankError
from tests.conftest import BankMaker


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any parse of a bank file fail the test: the snapshot must answer."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a bank file was parsed")

    monkeypatch.setattr(bank_read, "read_document", refuse)


def _edit_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    assert len(old) == len(new)
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def test_an_unchanged_bank_is_not_parsed_again(
    make_bank: BankMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_bank()
    first = load_bank(folder)
    _no_yaml(monkeypatch)
    again = load_bank(folder)
    assert again == first
    assert again.passage("ex-oversight").text == "There is weak managerial oversight at all levels."


def test_a_bank_over_the_shipped_one_comes_from_its_snapshot(
    make_bank: BankMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_bank(themes="extends: carecite\nthemes: {}\n")
    first = load_bank(folder)
    _no_yaml(monkeypatch)
    again = load_bank(folder)
    assert again == first
    assert again.base is not None and "th17-exec-widespread-failures" in again.passages


def test_an_edit_is_seen_at_once_even_keeping_size_and_time(make_bank: BankMaker) -> None:
    folder = make_bank()
    load_bank(folder)
    _edit_keeping_size_and_time(folder / "report-2017.yaml", "weak managerial", "poor managerial")
    assert load_bank(folder).passage("ex-oversight").text.startswith("There is poor managerial")


def test_a_new_file_is_seen_at_once(make_bank: BankMaker) -> None:
    folder = make_bank()
    load_bank(folder)
    (folder / "notes.yml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(BankError, match=r"notes\.yml"):
        load_bank(folder)


def test_a_removed_file_is_seen_at_once(make_bank: BankMaker) -> None:
    folder = make_bank()
    assert load_bank(folder).passages
    (folder / "report-2017.yaml").unlink()
    assert not load_bank(folder).passages


def test_a_bank_with_problems_is_never_snapshotted(make_bank: BankMaker) -> None:
    folder = make_bank({"report-2017.yaml": "source: {id: report-2017}\n"})
    for _ in range(2):  # the second load reports the problems again: nothing was kept
        with pytest.raises(BankError):
            load_bank(folder)
    assert not snapshot_path(folder).exists()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data[:-40] + bytes(b ^ 0xFF for b in data[-40:]),
        lambda data: b"not a snapshot",
        lambda data: b"",
    ],
    ids=["cut-short", "bytes-changed", "not-a-snapshot", "empty"],
)
def test_a_damaged_snapshot_is_built_again_and_said_so(make_bank: BankMaker, damage) -> None:  # type: ignore[no-untyped-def]
    folder = make_bank()
    expected = load_bank(folder)
    path = snapshot_path(folder)
    path.write_bytes(damage(path.read_bytes()))
    take_repaired()
    assert load_bank(folder) == expected
    assert take_repaired() == (path,)
    assert load_bank(folder) == expected  # built again: sound from now on
    assert take_repaired() == ()


def test_the_command_says_in_one_line_that_it_rebuilt_a_damaged_snapshot(
    make_bank: BankMaker,
) -> None:
    folder = make_bank()
    load_bank(folder)
    path = snapshot_path(folder)
    path.write_bytes(b"garbage" * 50)
    result = CliRunner().invoke(cli, ["--bank", str(folder), "list"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "ex-oversight" in result.stdout
    assert result.stderr.splitlines()[-1] == (
        f"notice: the cache file {path} was damaged; it was built again"
    )
    assert sum("notice:" in line for line in result.stderr.splitlines()) == 1


def test_a_cache_that_cannot_be_written_is_skipped(
    make_bank: BankMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("CARECITE_CACHE", str(blocked))
    folder = make_bank()
    assert load_bank(folder) == load_bank(folder)
    assert blocked.read_text(encoding="utf-8") == ""


# --- the shipped data files a draft reads on every run ------------------------------------------

CATALOGUE = """\
templates:
  skeleton-argument:
    file: skeleton-argument.md.j2
    page_limit: 20
"""


def _no_shipped_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> None:
        raise AssertionError("a shipped data file was parsed")

    monkeypatch.setattr(yamlfile, "parse_shipped_data", refuse)


def test_shipped_data_read_again_is_not_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "templates.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    first = shipped_data(path)
    assert first == {"templates": {"skeleton-argument": {"file": "skeleton-argument.md.j2",
                                                          "page_limit": 20}}}  # fmt: skip
    _no_shipped_parse(monkeypatch)
    assert shipped_data(path) == first


def test_an_edited_shipped_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "templates.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    shipped_data(path)
    _edit_keeping_size_and_time(path, "page_limit: 20", "page_limit: 25")
    assert shipped_data(path)["templates"]["skeleton-argument"]["page_limit"] == 25


def test_damaged_shipped_values_are_parsed_again_and_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "templates.yaml"
    path.write_text(CATALOGUE, encoding="utf-8")
    first = shipped_data(path)
    take_repaired()
    [kept] = (tmp_path / "cache" / "shipped").glob("*.pickle")
    kept.write_bytes(kept.read_bytes()[:-1] + b"\x00")
    assert shipped_data(path) == first
    assert take_repaired() == (kept,)


def test_the_shipped_catalogue_is_read_as_its_yaml_says() -> None:
    from carecite.draft.render import CATALOGUE_FILE, templates_dir

    path = templates_dir() / CATALOGUE_FILE
    assert shipped_data(path) == yamlfile.parse_shipped_data(path.read_text(encoding="utf-8"))
