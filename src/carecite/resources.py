"""Where carecite's files live: the shipped bank, templates and schemas (installed or in a
checkout), the user's own bank, and the per-user caches.

The shipped bank is read-only. A user's own bank (made by ``carecite init``) sits in the
platform's user data folder unless ``--bank``/``$CARECITE_BANK`` names another; it layers
over the shipped one (``carecite.bank.load``), and ``add`` and ``import`` write only there,
never into an installed package, where the next upgrade would lose the work.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from carecite.errors import BankError, SourceError

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent

BANK_ENV = "CARECITE_BANK"
REPORTS_ENV = "CARECITE_REPORTS"
CACHE_ENV = "CARECITE_CACHE"
# The file every bank has: a folder holding it is a bank.
THEMES_FILE = "themes.yaml"
# The search thesaurus of a bank (carecite.search.thesaurus reads it): a bank file, not a source.
THESAURUS_FILE = "thesaurus.yaml"
# How a bank's files are named: read when they end in .yaml; a .yml file is not read but
# reported, so a source is never lost unnoticed (carecite.bank.files lists a folder by these).
BANK_FILE_SUFFIX = ".yaml"
UNREAD_SUFFIX = ".yml"
# A bank's own report PDFs, so that a bank is self-contained and can be shared.
REPORTS_FOLDER = "reports"
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


def user_bank_dir() -> Path | None:
    """Where ``carecite init`` makes the user's own bank when no folder is given.

    The platform's user data folder from ``platformdirs`` (``~/.local/share/carecite/bank``
    on Linux, or under ``$XDG_DATA_HOME``; ``~/Library/Application Support/carecite/bank``
    on macOS; ``AppData\\Local\\carecite\\bank`` on Windows), or ``None`` when the home
    folder is unknown (``HOME`` unset and the user not in the password database).
    """
    if home_unknown():
        return None
    import platformdirs

    return Path(platformdirs.user_data_dir("carecite", appauthor=False)) / "bank"


def default_bank_dir() -> Path:
    """The bank to use when ``--bank`` names none.

    ``$CARECITE_BANK``; else the user's own bank if ``carecite init`` has made it; else
    the shipped bank.
    """
    configured = os.environ.get(BANK_ENV)
    if configured:
        return Path(configured)
    own = user_bank_dir()
    # Whatever is there by the name, so a themes.yaml that cannot be read (a folder, a loop
    # of links) is reported, not taken for no bank; and a folder of the user's bank files
    # without one is the user's bank too, reported as missing its themes.yaml: taken for
    # no bank, the user's sources would vanish unsaid.
    if own is not None and (os.path.lexists(own / THEMES_FILE) or _holds_yaml(own)):
        return own
    return shipped_bank()


def yaml_named(name: str) -> bool:
    """Whether a folder's entry is named as a bank file is: ``.yaml`` or ``.yml`` in any case
    (what is not ``.yaml`` is said not read, rather than lost), and not hidden, as an
    editor's or a file system's own files are (Emacs's lock ``.#x.yaml``, a Mac's
    ``._x.yaml`` on a shared drive); a source's id starts with a letter or a digit."""
    return not name.startswith(".") and name.casefold().endswith((BANK_FILE_SUFFIX, UNREAD_SUFFIX))


def _holds_yaml(folder: Path) -> bool:
    """Whether ``folder`` holds a YAML file: a bank's, even without its themes.yaml."""
    try:
        with os.scandir(folder) as entries:
            return any(yaml_named(e.name) for e in entries)
    except OSError:  # no such folder yet, or not one
        return False


def is_installed(folder: str | Path) -> bool:
    """True when ``folder`` is inside an installed package (site-packages, or carecite's own
    package folder), where ``pip install --upgrade`` replaces every file."""
    import sysconfig  # only to write to a bank (add, import): no draft or search needs it

    resolved = Path(folder).resolve()
    roots = {_PACKAGE, *(Path(sysconfig.get_path(k)).resolve() for k in ("purelib", "platlib"))}
    return any(resolved == root or root in resolved.parents for root in roots)


def reports_dir(given: str | Path | None, bank: str | Path) -> Path | None:
    """The folder of report PDFs: ``given`` (``--reports``, ``$CARECITE_REPORTS``), else the
    bank's own ``reports/`` folder; ``None`` when none was given and the bank has none.

    Raises:
        SourceError: the folder given does not exist.
    """
    if given is not None:
        folder = Path(given)
        if not folder.is_dir():
            raise SourceError(
                "reports folder not found",
                path=folder,
                hint=f"pass --reports DIR or set {REPORTS_ENV} to the folder of report PDFs",
            )
        return folder
    own = Path(bank) / REPORTS_FOLDER
    return own if own.is_dir() else None


def needed_reports_dir(given: str | Path | None, bank: str | Path) -> Path:
    """``reports_dir``, for work that cannot be done without the report PDFs (verify, add).

    Raises:
        SourceError: the folder given does not exist, or none was given and the bank has
            no ``reports/`` folder; the hint says where the user's own PDFs go.
    """
    folder = reports_dir(given, bank)
    if folder is not None:
        return folder
    if _is_shipped(bank):  # its path would read as where to put the PDFs: not named
        raise SourceError(
            "no reports folder: the bank shipped with carecite holds no report PDFs, and no "
            "folder of them was named",
            hint=no_reports_hint(bank),
        )
    raise SourceError(
        "no reports folder: the bank has no reports/ folder and none was named",
        path=Path(bank) / REPORTS_FOLDER,
        hint=no_reports_hint(bank),
    )


def no_reports_hint(bank: str | Path) -> str:
    """Where to put the report PDFs when there is no reports folder: the bank's own
    ``reports/`` for a user's bank; for the shipped bank, which the next upgrade replaces,
    the user's own bank (``carecite init``) or a folder named outright."""
    named = f"pass --reports DIR or set {REPORTS_ENV}=DIR to a folder of report PDFs"
    if not _is_shipped(bank):
        return f"put the report PDFs in {Path(bank) / REPORTS_FOLDER}, or {named}"
    own = user_bank_dir()
    made = f"makes your own bank in {own}, " if own is not None else "makes your own bank, "
    return (
        f"run 'carecite init' (it {made}with a reports/ folder for the PDFs, kept across "
        f"upgrades), or {named}"
    )


def _is_shipped(bank: str | Path) -> bool:
    """True for the bank shipped with carecite, installed or in a checkout: not the user's."""
    return Path(bank).resolve() == shipped_bank().resolve() or is_installed(bank)


def writable_bank_dir(folder: str | Path) -> Path:
    """``folder`` as a bank that may be written to (by ``add`` and ``import``).

    Raises:
        BankError: it is inside an installed package: whatever is written there is lost at
            the next upgrade, so it is refused with how to make a bank of one's own.
    """
    bank = Path(folder)
    if is_installed(bank):
        raise BankError(
            "is the bank installed with carecite: what is added there is lost at the next "
            "upgrade; nothing was written",
            path=bank,
            hint="run 'carecite init' to make a bank of your own (it keeps the shipped "
            "passages underneath), or pass --bank DIR",
        )
    return bank


def home_unknown() -> bool:
    """True when there is no home folder (``HOME`` unset and the user unknown to the system)."""
    return os.path.expanduser("~") == "~"


def cache_dir() -> Path:
    """A per-user cache folder outside any bank, so caches never dirty a git repo.

    ``$CARECITE_CACHE`` names it outright; otherwise it is the platform's user cache
    folder from ``platformdirs``: ``~/.cache/carecite`` on Linux (or under
    ``$XDG_CACHE_HOME``), ``~/Library/Caches/carecite`` on macOS, and
    ``AppData\\Local\\carecite\\Cache`` on Windows. With no home folder it is
    ``carecite-cache-<uid>`` in the system's temporary folder (``cache_warning`` says so).
    """
    if explicit := os.environ.get(CACHE_ENV):
        return Path(explicit)
    if home_unknown() and not os.environ.get("XDG_CACHE_HOME"):
        return _private_temp_cache()
    import platformdirs

    return Path(platformdirs.user_cache_dir("carecite", appauthor=False))


def cache_warning() -> str | None:
    """Why the caches are in a temporary folder, or ``None`` when they are where they belong."""
    if os.environ.get(CACHE_ENV) or os.environ.get("XDG_CACHE_HOME") or not home_unknown():
        return None
    return (
        f"no home folder (HOME is not set): caches go to {cache_dir()} and are rebuilt "
        f"when it is cleared; set HOME or {CACHE_ENV} to keep them"
    )


def _private_temp_cache() -> Path:
    """``carecite-cache-<uid>`` in the temporary folder, if it is ours alone.

    The temporary folder is shared: a folder of that name made by someone else (or a
    link) could feed this user a doctored search cache, so then a fresh private one is used.
    """
    uid = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / f"carecite-cache-{uid if uid is not None else 'user'}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if uid is None or (
            stat.S_ISDIR(info.st_mode) and info.st_uid == uid and not info.st_mode & 0o077
        ):
            return folder
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="carecite-cache-"))
