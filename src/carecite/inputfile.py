"""An input file read safely, and the values read from it with their lines.

``read_input`` gives a bank or case file's bytes, never opening what is not a regular file.
``LineMap`` and ``LineList`` are the mappings and lists ``carecite.yamlfile`` parses such a
file into, each knowing its lines, so a problem can be reported at ``file:line``. PyYAML is
not imported here: a command whose values come from the user cache (a bank's snapshot, a
case file's kept values) uses these without loading a YAML parser.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import Any

from carecite.errors import Problem

STDIN = "-"


class LineMap(dict[str, Any]):
    """A YAML mapping that remembers its own line, each key's line and keys given twice."""

    line: int = 0
    key_lines: dict[str, int]
    duplicates: list[tuple[str, int]]


class LineList(list[Any]):
    """A YAML sequence that remembers its own line and each item's line."""

    line: int = 0
    item_lines: list[int]


def display_name(path: str | Path) -> str:
    """How a file is named in a problem: ``stdin`` for ``-``, else the path as given."""
    return "stdin" if str(path) == STDIN else str(path)


def read_input(path: str | Path) -> tuple[bytes | None, Problem | None]:
    """A file's bytes (standard input for ``-``), or ``None`` and why it cannot be read.

    Only a regular file is read: a folder, a pipe, a socket or a device is reported, never
    opened for reading (a pipe would wait for ever). A symbolic link to nothing, a loop of
    links and a file without read permission are reported too.

    Raises:
        FileNotFoundError: there is no such file (the caller words that for its users).
    """
    if str(path) == STDIN:
        return sys.stdin.buffer.read(), None
    name = str(path)
    try:
        # O_NONBLOCK: opening a pipe must not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            return None, Problem("is a symbolic link to nothing", name, None, "fix or remove it")
        raise
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, Problem("is a loop of symbolic links", name, None, "fix or remove it")
        if error.errno == errno.ENXIO:  # a socket cannot be opened at all
            return None, _not_regular(name, "a pipe, socket or device")
        return None, Problem(
            f"cannot be read ({(error.strerror or str(error)).lower()})",
            name,
            None,
            "check the file and its permissions",
        )
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(mode) else "a pipe, socket or device"
        return None, _not_regular(name, kind)
    with os.fdopen(fd, "rb") as stream:
        return stream.read(), None


def undecodable_line(error: UnicodeDecodeError) -> int:
    """The line of the bytes ``error`` found not UTF-8, counted in the text it decoded."""
    return bytes(error.object).count(b"\n", 0, error.start) + 1


def _not_regular(name: str, kind: str) -> Problem:
    return Problem(f"is {kind}, not a file", name, None, "rename or remove it")
