"""Atomic, never-clobbering writes: what a lawyer wrote is never lost.

The target is written to a temporary file in its own folder and moved into place with
``os.replace``, so a crash leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from carecite.errors import OutputExistsError


def refuse_existing(target: str | Path, *, force: bool = False) -> None:
    """Raise ``OutputExistsError`` if ``target`` exists and ``force`` is false.

    ``write_atomic`` checks this itself; call it first to fail before slow work.
    """
    path = Path(target)
    if path.exists() and not force:
        raise OutputExistsError(
            "already exists; nothing was written",
            path=path,
            hint="choose another file name, or pass --force to replace it",
        )


def write_atomic(
    target: str | Path, write: Callable[[BinaryIO], None], *, force: bool = False
) -> Path:
    """Write ``target`` through ``write(stream)`` atomically.

    Args:
        target: the file to create.
        write: called with a binary stream open on a temporary file beside ``target``.
        force: replace ``target`` if it exists; without it an existing file is refused.

    Returns:
        The path written.

    Raises:
        OutputExistsError: ``target`` exists and ``force`` is false; nothing is touched.
    """
    path = Path(target)
    refuse_existing(path, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if not force and path.exists():
            # Someone created it while we were writing: still never clobber.
            raise OutputExistsError(
                "appeared while writing; nothing was replaced",
                path=path,
                hint="choose another file name, or pass --force to replace it",
            )
        # mkstemp makes the file private (0600); give it the mode a plain open() would,
        # or keep the mode of the file it replaces.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text_atomic(target: str | Path, text: str, *, force: bool = False) -> Path:
    """Write UTF-8 ``text`` to ``target`` atomically; see ``write_atomic``."""

    def write(stream: BinaryIO) -> None:
        stream.write(text.encode("utf-8"))

    return write_atomic(target, write, force=force)
