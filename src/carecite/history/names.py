"""Where the inspections dataset is, and its authorities' names: all a draft needs of it.

Every draft reads its case's authority with the resolver (``carecite.history.authorities``),
which needs the dataset's own names. Those are kept in the user cache under the file's bytes
(``authority_names``), so a draft neither reads the dataset's thousand rows nor imports the
module that does (``carecite.history.dataset``, whose row types cost a draft's start-up about
1 ms to define).
"""

from __future__ import annotations

import os
from pathlib import Path

from carecite.bank.snapshot import kept_value
from carecite.errors import file_error
from carecite.resources import shipped_dir

INSPECTIONS_ENV = "CARECITE_INSPECTIONS"
SHIPPED_FILE = "ofsted-inspections.csv"

# The code that makes the names from a file's bytes: a change to it gives them a new key.
_NAMES_CODE = (Path(__file__), Path(__file__).with_name("dataset.py"))


def shipped_inspections_file() -> Path:
    """The dataset shipped with carecite."""
    return shipped_dir("inspections") / SHIPPED_FILE


def inspections_file(given: str | Path | None = None) -> Path:
    """The dataset to use: ``given``, else ``$CARECITE_INSPECTIONS``, else the shipped one."""
    if given is not None:
        return Path(given)
    configured = os.environ.get(INSPECTIONS_ENV)
    return Path(configured) if configured else shipped_inspections_file()


def read_inspections_file(file: Path) -> bytes:
    """The bytes of a dataset file.

    Raises:
        FileError: the file cannot be read.
    """
    try:
        return file.read_bytes()
    except OSError as error:
        raise file_error(error, file, "cannot read the inspections file") from None


def authority_names(path: str | Path | None = None) -> tuple[str, ...]:
    """The dataset's authority names, each once, in file order (``Inspections.authorities``).

    What the authority resolver needs of the dataset, and all a draft needs. The names of a
    file read before come from the user cache, kept under the file's bytes and the code that
    reads it; a file with a bad row is never kept, so it raises here as ``load_inspections``
    does, every time.

    Args:
        path: the file; ``None`` for ``$CARECITE_INSPECTIONS`` or the shipped dataset.

    Raises:
        InspectionsError: every bad row as ``FILE:LINE``, with what is wrong.
        FileError: the file cannot be read.
    """
    file = inspections_file(path)
    content = read_inspections_file(file)

    def names() -> tuple[str, ...]:
        from carecite.history.dataset import parse_inspections

        return parse_inspections(file, content).authorities()

    return kept_value("inspections", file, content, _NAMES_CODE, names)
