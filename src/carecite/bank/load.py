"""Load the quote bank: ``themes.yaml`` and one YAML file per source, checked as it is read.

``load_bank`` gives a bank folder as a ``Bank`` or raises one ``BankError`` listing every
problem found, each as ``file:line: what is wrong — what to do``. A bank whose files are
unchanged comes from its snapshot (``carecite.bank.snapshot``); any other is read and
checked by ``carecite.bank.read``, imported only then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from carecite.bank.files import list_bank
from carecite.bank.snapshot import snapshot_key, snapshot_path
from carecite.bank.themes import theme_named
from carecite.cachefile import read_value, write_value
from carecite.errors import BankError, LookupFailed, Step, StepText
from carecite.model import Passage, Source, Theme
from carecite.resources import schema_file, shipped_bank
from carecite.suggest import did_you_mean

_T = TypeVar("_T")

# ``extends:`` naming the bank shipped with carecite, in a user bank's themes.yaml.
EXTENDS_SHIPPED = "carecite"


@dataclass(frozen=True)
class Bank:
    """A loaded, validated quote bank.

    Mappings keep file order: sources in file-name order, passages as written. A bank whose
    themes.yaml says ``extends: carecite`` (as ``carecite init`` writes it) lies over the
    shipped bank: the shipped sources, passages and themes are its too, a source of its own
    with a shipped source's id replaces that source (``replaced``), and a theme with a
    shipped theme's id adds synonyms to it.
    """

    directory: Path
    sources: Mapping[str, Source]
    passages: Mapping[str, Passage]
    themes: Mapping[str, Theme]
    files: tuple[Path, ...] = field(default=())
    # The bank this one extends (``extends: carecite`` in its themes.yaml): the shipped one.
    base: Bank | None = None
    # Sources of this bank that replace the base's source of the same id: id → base file.
    replaced: Mapping[str, str] = field(default_factory=dict)

    @property
    def own_sources(self) -> dict[str, Source]:
        """The sources whose files are in this bank's own folder, not in a bank it extends
        (a source of its own replacing a base source's id is here)."""
        base = self.base.sources if self.base else {}
        return {i: s for i, s in self.sources.items() if i not in base or i in self.replaced}

    @property
    def folders(self) -> tuple[Path, ...]:
        """This bank's folder, then those of the banks it extends: the order ids win in."""
        return (self.directory, *(self.base.folders if self.base else ()))

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id; ``LookupFailed`` with close ids otherwise."""
        return _lookup(self.passages, passage_id, "passage", Step.SEE_PASSAGES)

    def source(self, source_id: str) -> Source:
        """The source with this id; ``LookupFailed`` with close ids otherwise."""
        return _lookup(self.sources, source_id, "source", Step.SEE_SOURCES)

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id; ``LookupFailed`` with close ids otherwise."""
        return _lookup(self.themes, theme_id, "theme", Step.SEE_THEMES)

    def select(
        self,
        *,
        theme: str | None = None,
        source: str | None = None,
        authority: str | None = None,
    ) -> tuple[Passage, ...]:
        """Passages matching every filter given, in bank order.

        ``theme`` is a theme as ``theme_named`` finds it, ``source`` an id (an unknown one
        raises ``LookupFailed``); ``authority`` matches a source's authority
        case-insensitively by substring.
        """
        if theme is not None:
            theme = theme_named(theme, self.themes)
        if source is not None:
            self.source(source)
        wanted = authority.casefold() if authority else None
        return tuple(
            passage
            for passage in self.passages.values()
            if (theme is None or theme in passage.themes)
            and (source is None or passage.source == source)
            and (
                wanted is None
                or wanted in (self.sources[passage.source].authority or "").casefold()
            )
        )


def _lookup(table: Mapping[str, _T], key: str, what: str, listing: Step) -> _T:
    try:
        return table[key]
    except KeyError:
        hint = did_you_mean(key, table) or StepText(listing)
        raise LookupFailed(f"no {what} with id '{key}'", hint=hint) from None


def bank_folder(directory: str | Path) -> Path:
    """``directory`` as a path, once it is known to be a folder.

    Raises:
        BankError: it is not a folder.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise BankError(
            "is not a folder",
            path=folder,
            hint="point --bank (or CARECITE_BANK) at a folder of quote-bank YAML files",
        )
    return folder


def load_bank(directory: str | Path) -> Bank:
    """Read and check every file of a bank folder.

    A bank read before, whose files, schema and reading code are unchanged, comes from its
    snapshot in the user cache (``carecite.bank.snapshot``) without parsing any YAML; an
    edited file is hashed differently, so the bank is read again at once.

    Args:
        directory: a folder holding ``themes.yaml`` and ``*.yaml`` source files.

    Returns:
        The bank, with sources in file-name order.

    Raises:
        BankError: listing every problem in every file, each with its file and line.
    """
    folder = bank_folder(directory)
    key = snapshot_key(folder, _files_read(folder), schema_file("bank.schema.json"))
    if key is not None:  # else a file cannot be read: reading the bank says which, and how
        path = snapshot_path(folder)
        snapshot = read_value(path, key)
        if isinstance(snapshot, Bank):
            return snapshot
    from carecite.bank.read import read_bank  # only for a bank its snapshot does not give

    bank = read_bank(folder)
    if key is not None:
        write_value(path, key, bank)
    return bank


def _files_read(folder: Path) -> list[Path]:
    """Every file a bank's values may depend on: its files, read or not, and, under a bank
    that may extend it, the shipped bank's (``snapshot_key`` hashes them)."""
    files = list_bank(folder).paths
    shipped = shipped_bank()
    if folder.resolve() != shipped.resolve():
        files += list_bank(shipped).paths
    return files


def theme_coverage(bank: Bank) -> dict[str, dict[str, int]]:
    """How many passages each source has under each theme: ``{theme: {source: count}}``."""
    coverage: dict[str, dict[str, int]] = {theme_id: {} for theme_id in bank.themes}
    for passage in bank.passages.values():
        for theme_id in passage.themes:
            per_source = coverage[theme_id]
            per_source[passage.source] = per_source.get(passage.source, 0) + 1
    return coverage
