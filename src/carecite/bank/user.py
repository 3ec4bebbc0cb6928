"""What a new user makes their own: a bank (``carecite init``) and the example case files
(``carecite examples``).

After a plain ``pip install`` the shipped bank sits in site-packages, where the next upgrade
replaces it. ``init_bank`` makes a folder that is the user's: a ``themes.yaml`` that
*extends* the shipped bank (so shipped updates still arrive, see ``carecite.bank.load``),
an empty ``reports/`` folder for the report PDFs its sources quote, a README saying how
it works, and the JSON Schemas its files name (``$schema=bank.schema.json``, as ``import``
writes), so an editor checks them. The schemas are copied, not named by an absolute path
into the installed package: that path breaks when the virtual environment moves or the
bank is shared. Being self-contained, the folder can be shared as a git repository.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from carecite.bank.load import EXTENDS_SHIPPED
from carecite.errors import BankError, OutputExistsError
from carecite.output import write_text_atomic
from carecite.resources import (
    REPORTS_FOLDER,
    THEMES_FILE,
    schema_file,
    shipped_dir,
    user_bank_dir,
    writable_bank_dir,
)

__all__ = [
    "BANK_SCHEMAS",
    "SchemaRefresh",
    "copy_examples",
    "init_bank",
    "own_bank_folder",
    "refresh_schemas",
]

# The schemas a bank's files name by a relative $schema: its sources and themes.yaml
# (bank.schema.json) and a thesaurus.yaml of its own (thesaurus.schema.json).
BANK_SCHEMAS = ("bank.schema.json", "thesaurus.schema.json")
# The SHA-256 of each schema as carecite last wrote it into the bank, so that a later
# `carecite init` replaces only a schema the user has not changed.
_SCHEMAS_WRITTEN = ".carecite-schemas.json"

_THEMES = """\
# yaml-language-server: $schema=bank.schema.json
#
# Your own quote bank. It lies over the bank shipped with carecite: the shipped sources,
# passages and themes are yours too, and arrive updated with each new carecite.
#
#   - a source of your own is one file here, <source-id>.yaml ('carecite import', then
#     'carecite add'); one with a shipped source's id replaces that source;
#   - a theme below with a shipped theme's id adds synonyms to it ('carecite themes' lists
#     them); a new theme needs a label and a description.
extends: {extends}
themes: {{}}
#  partnership:
#    synonyms: [joint working]
#  my-new-theme:
#    label: My new theme
#    description: What passages under it are about.
"""

_README = """\
# My carecite quote bank

This folder is a carecite quote bank of your own, made by `carecite init`. carecite uses
it when you pass `--bank {folder}`, set `CARECITE_BANK` to it, or (for the default
location) always; `carecite where` shows which bank is in use.

- `themes.yaml` says `extends: carecite`: the bank shipped with carecite lies underneath,
  read-only. Its sources and passages are yours to search and cite, and they are updated
  when carecite is upgraded; nothing you add here is touched by an upgrade.
- Each source of your own is one YAML file, `<source-id>.yaml` (see carecite's
  `quotes/FORMAT.md`). A file with the id of a shipped source replaces that source
  (`carecite check` says so).
- `reports/` holds the report PDFs your sources quote: `carecite verify`, `add` and
  `audit` look there unless `--reports` or `CARECITE_REPORTS` names another folder.
- `bank.schema.json` and `thesaurus.schema.json` are the rules of these files, named on
  their first line so an editor checks them. Running `carecite init` again brings them up
  to date after an upgrade, but never replaces one you have changed.

`carecite check` validates the bank. The folder is self-contained, so it can be kept and
shared as a git repository.
"""


def own_bank_folder(folder: str | Path | None) -> Path:
    """``folder``, or the user's data folder's bank when it is ``None``.

    Raises:
        BankError: no folder was given and there is no home folder to put it in.
    """
    target = Path(folder) if folder is not None else user_bank_dir()
    if target is None:
        raise BankError(
            "there is no home folder to make your bank in (HOME is not set)",
            hint="give the folder: carecite init DIR",
        )
    return target


def init_bank(folder: str | Path | None = None) -> Path:
    """Make a bank of the user's own, layered over the shipped bank, with its schemas.

    Args:
        folder: where to make it; by default the user's data folder
            (``carecite.resources.user_bank_dir``). It may exist already (an empty folder,
            or a git repository) but must not hold a bank yet.

    Returns:
        The bank folder.

    Raises:
        OutputExistsError: the folder already holds a ``themes.yaml``; nothing is changed.
        BankError: no folder was given and there is no home folder to put it in, or the
            folder is inside an installed package.
        FileError: the folder cannot be written.
    """
    target = own_bank_folder(folder)
    writable_bank_dir(target)
    themes = target / THEMES_FILE
    if themes.exists() or themes.is_symlink():
        raise OutputExistsError(
            "is already a carecite bank; nothing was changed",
            path=target,
            hint="use it as it is ('carecite --bank DIR check'), or choose another folder",
        )
    target.mkdir(parents=True, exist_ok=True)  # the folder asked for, made on purpose
    write_text_atomic(themes, _THEMES.format(extends=EXTENDS_SHIPPED))
    refresh_schemas(target)
    (target / REPORTS_FOLDER).mkdir(exist_ok=True)
    readme = target / "README.md"
    if not readme.exists():
        write_text_atomic(readme, _README.format(folder=target))
    return target


@dataclass(frozen=True)
class SchemaRefresh:
    """What ``refresh_schemas`` did: the schemas it wrote, and those it left as they were
    because they differ from what carecite last wrote there (the user's edits)."""

    written: tuple[Path, ...]
    kept: tuple[Path, ...]


def refresh_schemas(bank: str | Path) -> SchemaRefresh:
    """Bring the bank's copies of ``BANK_SCHEMAS`` up to date with this carecite.

    A schema is written when it is missing or is still what carecite last wrote there;
    one that differs from both (edited, or put there by the user) is kept. Each file is
    written atomically, and the SHA-256 of what was written is recorded in the bank.

    Raises:
        BankError: the folder is inside an installed package.
        FileError: the folder cannot be written.
    """
    folder = writable_bank_dir(bank)
    record_path = folder / _SCHEMAS_WRITTEN
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet (a bank made before schemas were copied), or spoilt
        record = {}
    if not isinstance(record, dict):
        record = {}
    recorded = dict(record)
    written: list[Path] = []
    kept: list[Path] = []
    for name in BANK_SCHEMAS:
        shipped = schema_file(name).read_bytes()
        target = folder / name
        present = _sha256(target.read_bytes()) if target.is_file() else None
        if present == _sha256(shipped):
            record[name] = present
            continue
        if present is not None and present != record.get(name):
            kept.append(target)
            continue
        write_text_atomic(target, shipped.decode("utf-8"), force=True)
        record[name] = _sha256(shipped)
        written.append(target)
    if record != recorded:
        text = json.dumps(record, indent=2, sort_keys=True) + "\n"
        write_text_atomic(record_path, text, force=True)
    return SchemaRefresh(written=tuple(written), kept=tuple(kept))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def copy_examples(folder: str | Path, *, force: bool = False) -> list[Path]:
    """Copy the shipped example case files (and their schema) into ``folder``.

    The examples are fictitious cases that draft with the shipped bank: a starting point
    for a case file of one's own. Each file is written atomically; an existing file is
    never replaced without ``force``, and then nothing at all is copied.

    Returns:
        The files written, in name order.

    Raises:
        OutputExistsError: a file of that name exists in ``folder`` and ``force`` is false.
        FileError: the folder cannot be written.
    """
    target = Path(folder)
    shipped = sorted(p for p in shipped_dir("examples").iterdir() if p.suffix in (".yaml", ".json"))
    if not force:
        for source in shipped:
            if (target / source.name).exists():
                raise OutputExistsError(
                    "already exists; nothing was copied",
                    path=target / source.name,
                    hint="choose another folder, or pass --force to replace the examples",
                )
    target.mkdir(parents=True, exist_ok=True)  # the folder asked for, made on purpose
    return [
        write_text_atomic(target / p.name, p.read_text(encoding="utf-8"), force=force)
        for p in shipped
    ]
