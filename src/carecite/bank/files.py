"""Which files a bank folder holds: the one listing every reader of a bank takes.

A bank's files end in ``.yaml``: its ``themes.yaml``, its ``thesaurus.yaml`` and one
``<id>.yaml`` a source. A ``.yml`` file (or ``.YAML``) is not read, and is a problem of the
bank: passed over, a source written in it would be lost unnoticed. A hidden file is not the
bank's (``resources.yaml_named``). Reading the bank
(``read.outline_bank``), its snapshot's key (``load``), the search cache's freshness and the
web's reload all list a folder here, so no command answers for a bank another refuses. It
imports only leaves, since a warm search lists its bank with it.
"""

from __future__ import annotations

import os
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from carecite.errors import Problem, file_error
from carecite.resources import BANK_FILE_SUFFIX, THEMES_FILE, THESAURUS_FILE, yaml_named

_name = attrgetter("name")


class BankFiles(NamedTuple):
    """A bank folder's files as listed, each kind in name order, each an ``os.DirEntry``
    (which knows a regular file from the listing itself, and keeps its stat once taken).

    A named tuple rather than a dataclass: a warm search imports this module, and making a
    dataclass costs it about half a millisecond (``python -X importtime``).
    """

    folder: Path
    # Every name ending in .yaml, whatever it is (a folder by such a name is reported by
    # whoever reads or stats it).
    read: tuple[os.DirEntry[str], ...]
    unread: tuple[os.DirEntry[str], ...]

    @property
    def source_files(self) -> tuple[Path, ...]:
        """The files holding one source each: every file read but themes and thesaurus."""
        return tuple(
            self.folder / entry.name for entry in self.read if source_id_of(entry.name) is not None
        )

    @property
    def entries(self) -> list[os.DirEntry[str]]:
        """Every file, read or not, in name order: what a bank as loaded depends on (a
        ``.yml`` file added makes it a bank with a problem)."""
        return sorted((*self.read, *self.unread), key=_name)

    @property
    def paths(self) -> list[Path]:
        """``entries`` as paths."""
        return [self.folder / entry.name for entry in self.entries]

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Each file not read, said rather than passed over."""
        return tuple(
            Problem(
                f"is not read: bank files end in {BANK_FILE_SUFFIX}",
                str(self.folder / entry.name),
                None,
                f"rename it to {BANK_FILE_SUFFIX}",
            )
            for entry in self.unread
        )


def list_bank(folder: Path) -> BankFiles:
    """The files of a bank folder.

    Raises:
        FileError: the folder cannot be listed.
    """
    try:
        with os.scandir(folder) as listed:
            entries = sorted(listed, key=_name)
    except OSError as error:
        raise file_error(error, folder, "cannot be listed") from None
    named = [entry for entry in entries if yaml_named(entry.name)]
    return BankFiles(
        folder,
        tuple(entry for entry in named if entry.name.endswith(BANK_FILE_SUFFIX)),
        tuple(entry for entry in named if not entry.name.endswith(BANK_FILE_SUFFIX)),
    )


def source_id_of(name: str) -> str | None:
    """The id of the source a bank file holds (its name's stem), None for the themes and
    the thesaurus."""
    if name in (THEMES_FILE, THESAURUS_FILE):
        return None
    return name.removesuffix(BANK_FILE_SUFFIX)


def source_file(folder: Path, source_id: str) -> Path:
    """Where the bank in ``folder`` holds the source ``source_id``."""
    return folder / f"{source_id}{BANK_FILE_SUFFIX}"
