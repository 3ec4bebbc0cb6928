"""A loaded bank kept in the user cache, so a bank whose files are unchanged is not read again.

Each valid bank file's parsed values are kept too (``file_values_path``), so a full build of
the search cache — after the cache is lost, or for a new carecite or a changed themes file —
reads the unchanged files without parsing their YAML, which was half of such a build. So are
the shipped data files a draft reads on every run (``shipped_data``): with the bank's
snapshot and the case file's kept values, a draft imports no YAML parser.

Reading a bank parses its YAML with line numbers and checks it; a draft needs only the
values. ``load_bank`` therefore keeps what it built as a snapshot (a pickle) in the user
cache folder (``carecite.cachefile``), under a key made of everything the values depend on:
the content of every file read (hashed, so an edit is seen at once, even one that keeps the
size and the time stamp), the schema, and carecite's own reading code. A damaged snapshot is
built again with a notice, as the search cache is.

The snapshot is a pickle in the user's own cache folder, unpickled only when its digest
matches: a cache the user's own programs write, like Python's ``__pycache__``.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from carecite import cachefile
from carecite.cachefile import code_stamp
from carecite.inputfile import read_input
from carecite.resources import cache_dir

_PACKAGE = Path(__file__).resolve().parent.parent
# carecite's own code that turns a YAML file into values, and a bank's files into a bank: a
# change to it changes the values.
PARSING_CODE = (_PACKAGE / "inputfile.py", _PACKAGE / "yamlfile.py")
"""carecite's code that turns a YAML file into values (``shipped_data``): a value made from
such values names it among its ``code`` for ``kept_value``."""
_READING_CODE = (
    *PARSING_CODE,
    *(
        _PACKAGE / name
        for name in (
            "model.py",
            "resources.py",
            "bank/load.py",
            "bank/read.py",
            "bank/rules.py",
            "bank/validate.py",
        )
    ),
)
T = TypeVar("T")


def snapshot_key(folder: Path, files: Iterable[Path], schema: Path) -> bytes | None:
    """What a bank's values depend on: its files' names and bytes, the schema and our code.

    The folder is keyed as it was given, with the working folder, because the values hold
    paths spelt that way (``Passage.path``). None when a file is not one a bank can be read
    from (a pipe, a folder, a link to nothing, gone): reading the bank reports it, with its
    hint, and such a bank is never snapshotted.
    """
    digest = hashlib.sha256()
    digest.update(f"{sys.version_info[:2]}\0{os.getcwd()}\0{folder}\0".encode())
    for path in (*files, schema):
        try:
            content, problem = read_input(path)  # never opens a pipe, which would wait
        except OSError:
            return None
        if content is None or problem is not None:
            return None
        digest.update(f"{path}\0".encode())
        digest.update(hashlib.sha256(content).digest())
    digest.update(code_stamp(_READING_CODE).encode())
    return digest.digest()


def snapshot_path(folder: Path) -> Path:
    """The snapshot file of a bank folder (one per folder, replaced when it is stale)."""
    name = hashlib.sha256(os.path.abspath(folder).encode()).hexdigest()[:20]
    return cache_dir() / "banks" / f"{name}.pickle"


def file_values_path(path: Path) -> Path:
    """Where one bank file's parsed values are kept (one per file: a new version replaces the
    old, so the folder grows only with the files a user's banks have held)."""
    name = hashlib.sha256(os.path.abspath(path).encode()).hexdigest()[:20]
    return cache_dir() / "values" / f"{name}.pickle"


def file_values_key(content_key: str) -> bytes:
    """What a file's parsed values depend on: its bytes and schema (``content_key``, as the
    validation verdicts are keyed), the Python version and the YAML reading code."""
    return hashlib.sha256(f"{code_stamp(PARSING_CODE)}{content_key}".encode()).digest()


def shipped_data(path: Path) -> Any:
    """A data file shipped with carecite (the template catalogue, the authorities), as plain
    data: parsed once (``yamlfile.parse_shipped_data``), then kept (``kept_value``), so a
    draft loads no YAML parser for the files it reads on every run.

    Raises:
        OSError: the file cannot be read.
    """
    content = path.read_bytes()

    def parse() -> Any:
        from carecite.yamlfile import parse_shipped_data

        return parse_shipped_data(content.decode("utf-8"))

    return kept_value("shipped", path, content, PARSING_CODE, parse)


def kept_value(
    folder: str, source: Path, content: bytes, code: Iterable[Path], make: Callable[[], T]
) -> T:
    """What ``make`` builds from ``content``, the bytes of ``source``, kept in the user cache.

    One file a source, in ``folder`` of the cache (``cachefile.kept_value``: keyed by those
    bytes, the Python version and carecite's ``code`` files that build the value).
    """
    name = hashlib.sha256(os.path.abspath(source).encode()).hexdigest()[:20]
    return cachefile.kept_value(cache_dir() / folder / f"{name}.pickle", content, code, make)
