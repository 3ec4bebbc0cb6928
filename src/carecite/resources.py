"""Where the shipped bank, templates and schemas live, installed or in a checkout."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent

BANK_ENV = "CARECITE_BANK"
# Each schema sits beside the files it describes, where an editor's YAML server finds it.
_SCHEMA_FOLDERS = {
    "bank.schema.json": "quotes",
    "thesaurus.schema.json": "quotes",
    "case.schema.json": "examples",
}


def shipped_dir(name: str) -> Path:
    """The shipped ``quotes``, ``templates`` or ``examples`` folder.

    A wheel carries them under ``carecite/data/``; an editable install or a checkout
    reads them from the top of the repository, where they are edited.
    """
    packaged = _PACKAGE / "data" / name
    if packaged.is_dir():
        return packaged
    return _CHECKOUT / name


def shipped_bank() -> Path:
    """The folder of the bank shipped with carecite: read it, never write to it."""
    return shipped_dir("quotes")


def schema_file(name: str) -> Path:
    """A shipped JSON Schema: ``bank.schema.json`` or ``case.schema.json``.

    The schemas are the rules ``carecite.bank.validate`` applies, so the one beside the
    shipped bank is used for any bank, a user's own included.
    """
    return shipped_dir(_SCHEMA_FOLDERS[name]) / name


def default_bank_dir() -> Path:
    """The bank to use when none is named: ``$CARECITE_BANK`` or the shipped one."""
    configured = os.environ.get(BANK_ENV)
    return Path(configured) if configured else shipped_dir("quotes")


def cache_dir() -> Path:
    """A per-user cache folder outside any bank, so caches never dirty a git repo.

    ``$CARECITE_CACHE`` names it outright; otherwise it is the platform's user cache
    folder from ``platformdirs``: ``~/.cache/carecite`` on Linux (or under
    ``$XDG_CACHE_HOME``), ``~/Library/Caches/carecite`` on macOS, and
    ``AppData\\Local\\carecite\\Cache`` on Windows.
    """
    if explicit := os.environ.get("CARECITE_CACHE"):
        return Path(explicit)
    return Path(platformdirs.user_cache_dir("carecite", appauthor=False))
