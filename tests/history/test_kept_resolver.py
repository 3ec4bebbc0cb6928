"""The authority resolver kept in the user cache answers as one built afresh, and never from
an aliases file or a dataset it was not built from."""

from __future__ import annotations

from pathlib import Path

import pytest

from carecite.errors import LookupFailed
from carecite.history.authorities import load_resolver
from carecite.history.names import authority_names


def _aliases(file: Path, alias: str) -> Path:
    file.write_text(f"authorities:\n  norfolk:\n    aliases: [{alias}]\n", encoding="utf-8")
    return file


def test_an_edited_aliases_file_is_read_at_once(tmp_path: Path) -> None:
    aliases = _aliases(tmp_path / "authorities.yaml", "nfk")
    assert load_resolver(["norfolk"], aliases).resolve("NFK").name == "Norfolk"
    _aliases(aliases, "nrf")  # same size: only the bytes tell the edit
    resolver = load_resolver(["norfolk"], aliases)
    assert resolver.resolve("NRF").name == "Norfolk"
    with pytest.raises(LookupFailed):
        resolver.resolve("NFK")


def test_another_datasets_names_are_known(tmp_path: Path) -> None:
    aliases = _aliases(tmp_path / "authorities.yaml", "nfk")
    with pytest.raises(LookupFailed):
        load_resolver(["norfolk"], aliases).resolve("Suffolk")
    assert load_resolver(["norfolk", "suffolk"], aliases).resolve("Suffolk").name == "Suffolk"


def test_the_kept_resolver_is_the_one_built() -> None:
    names = authority_names()
    first = load_resolver(names)  # built (or kept by an earlier test)
    kept = load_resolver(names)
    assert kept == first
    northants = kept.resolve("Northants")
    assert northants.is_former
    assert northants.lineage() == first.resolve("Northants").lineage()
    assert kept.resolve("Blackpool").formal_name("BLACKPOOL") == "Blackpool Borough Council"
