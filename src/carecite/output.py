"""Atomic, exclusive, never-clobbering writes: what a lawyer wrote is never lost.

The target is written to a temporary file in its own folder, then put in place in one
step: without ``force`` it is *linked* to the target name, which the operating system
refuses if the name exists, so of two writers racing for one path exactly one wins and the
other's work is refused rather than silently lost (a check-then-rename would let both
"win"); with ``force`` it replaces the target with ``os.replace``. A crash leaves either the
old file or the new one, never half of one. Only regular files are ever replaced: a
folder, a device such as ``/dev/null``, a pipe or a socket is refused even with ``force``.
A temporary file left by a killed writer is removed by the next write beside it.

A missing folder on the way is an error, not made: a mistyped ``-o`` folder would otherwise
put the lawyer's draft somewhere they will not look. Code that writes into a folder of its
own (a cache) makes it first.

``-`` as the target writes to standard output (``-o -``), in one piece once the writing
succeeded, so a failed draft never sends half a document down a pipe. A Word document is
never written to a terminal, where it would print as garbage: only to a pipe or a file.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, Literal

from carecite.errors import (
    FileError,
    OutputExistsError,
    OutputFormatError,
    Step,
    StepText,
    file_error,
)

STDOUT = "-"

_TEMP_SUFFIX = ".tmp"
# A temporary file this old is a leftover; so is one a minute old whose writer is not
# running here (the minute spares a writer on another machine sharing the folder).
_STALE_SECONDS = 24 * 60 * 60
_ORPHAN_SECONDS = 60
_FORCE_HINT = StepText(Step.FORCE)


def is_stdout(target: str | Path) -> bool:
    """True when ``target`` is ``-``: write to standard output."""
    return str(target) == STDOUT


# The formats of the documents carecite writes (a draft, a cite-check report), by extension.
DocumentFormat = Literal["docx", "md"]
_FORMAT_OF_SUFFIX: dict[str, DocumentFormat] = {".docx": "docx", ".md": "md"}


def document_format(
    target: str | Path, asked: DocumentFormat | None = None, *, piped: DocumentFormat = "docx"
) -> DocumentFormat:
    """The format to write a document to ``target`` in: ``asked``, else the one its
    extension names (``.docx`` Word, ``.md`` Markdown); ``piped`` for standard output.

    A name of another format (``.pdf``, ``.doc``) would get a file that is not what it says.

    Raises:
        OutputFormatError: the extension is not one carecite writes, or names a format
            other than ``asked``.
    """
    if is_stdout(target):
        return asked or piped
    suffix = Path(target).suffix.lower()
    named = _FORMAT_OF_SUFFIX.get(suffix)
    if named is None:
        written = f"a {suffix} file" if suffix else "a file without an extension"
        raise OutputFormatError(
            f"carecite writes a Word document (.docx) or Markdown (.md), not {written}; "
            "nothing was written",
            path=target,
            hint="name it .docx or .md; for a PDF, open the .docx in Word and save it as PDF, "
            "or run: soffice --headless --convert-to pdf FILE.docx",
        )
    if asked is not None and asked != named:
        raise OutputFormatError(
            f"the name ends {suffix}, but the format asked for is {asked}; nothing was written",
            path=target,
            hint=f"end the name .{asked}, or leave the format out: the extension chooses it",
        )
    return named


def refuse_existing(
    target: str | Path,
    *,
    force: bool = False,
    binary: bool = False,
    remedy: StepText = _FORCE_HINT,
) -> None:
    """Refuse a target that cannot or must not be written, before any work is done.

    ``write_atomic`` checks this itself; call it first to fail before slow work.

    Args:
        target: the file to create, or ``-`` for standard output.
        force: an existing regular file may be replaced.
        binary: the output is binary (a Word document), so a terminal cannot take it.
        remedy: what to do instead of replacing an existing file, where the caller knows
            better than "choose another file name" (import: another source id).

    Raises:
        OutputExistsError: ``target`` exists (a file, or a symbolic link even one that
            points nowhere) and ``force`` is false.
        FileError: its folder does not exist, a folder on its path is a file, ``target``
            is a folder, a device, a pipe or a socket (refused even with ``force``), or
            it is ``-`` for binary output and standard output is a terminal.
    """
    if is_stdout(target):
        if binary and _is_terminal(sys.stdout):
            raise FileError(
                "standard output is a terminal, and a Word document is binary: it would "
                "print as garbage; nothing was written",
                hint="redirect it ('-o - > draft.docx') or name the file with -o",
            )
        return
    path = Path(target)
    _refuse_missing_folder(path)
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise file_error(error, path, "cannot check the output file") from None
    if stat.S_ISLNK(info.st_mode):
        if not force:
            raise OutputExistsError(
                "already exists as a symbolic link; nothing was written", path=path, hint=remedy
            )
        try:
            info = path.stat()
        except OSError:
            return  # a link to nothing: --force replaces the link itself
    if stat.S_ISDIR(info.st_mode):
        raise FileError("is a folder; nothing was written", path=path, hint="give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise FileError(
            "is not a regular file (a device, pipe or socket); nothing was written",
            path=path,
            hint="write to a file name instead",
        )
    if not force:
        raise OutputExistsError("already exists; nothing was written", path=path, hint=remedy)


def write_atomic(
    target: str | Path,
    write: Callable[[BinaryIO], None],
    *,
    force: bool = False,
    binary: bool = True,
) -> Path:
    """Write ``target`` through ``write(stream)`` atomically and exclusively: readers see the
    old file or the whole new one, never part; a file replaced is flushed to disk first.

    Args:
        target: the file to create, or ``-`` for standard output. Its folder must exist.
        write: called with a binary stream open on a temporary file beside ``target``.
        force: replace ``target`` if it is an existing regular file; without it an
            existing target is refused, even one that appears while writing.
        binary: what ``write`` writes is not text, so it is refused to a terminal.

    Returns:
        The path written (``Path("-")`` for standard output).

    Raises:
        OutputExistsError: ``target`` exists and ``force`` is false; nothing is touched.
        FileError: the target cannot be written (see ``refuse_existing``), or the system
            refused the write (permission, read-only or full file system); nothing is
            left behind.
    """
    refuse_existing(target, force=force, binary=binary)
    if is_stdout(target):
        return _write_stdout(write)
    path = Path(target)
    _remove_stale_temps(path)
    try:
        fd, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=_TEMP_SUFFIX, dir=path.parent
        )
    except OSError as error:
        raise file_error(error, path, "cannot write") from None
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            if force and path.is_file():
                # The new text is on disk before the old goes: a crash between would lose
                # the user's work. A new file is not waited for (fsync took 4-68 ms of a
                # 160 ms draft): a crash loses only what running the command again remakes.
                os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the mode a plain open() would,
        # or keep the mode of the file it replaces.
        mode = path.stat().st_mode & 0o777 if path.is_file() else 0o666 & ~_umask()
        os.chmod(temp_name, mode)
        if force:
            refuse_existing(path, force=True)  # it may have become a pipe meanwhile
            os.replace(temp_name, path)
        else:
            _place_exclusively(temp_name, path)
    except OSError as error:
        # An error naming another file (a reference .docx that vanished) is about that file.
        own = error.filename in (None, temp_name, str(path))
        raise file_error(error, path if own else None, "cannot write") from None
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return path


def _refuse_missing_folder(path: Path) -> None:
    """Refuse a target whose folder is missing, or lies under a plain file."""
    for folder in path.parents:
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                raise FileError(
                    "is a file, not a folder; nothing was written",
                    path=folder,
                    hint="check the path",
                )
            if folder != path.parent:
                raise FileError(
                    "the folder does not exist; nothing was written",
                    path=path.parent,
                    hint="check the path, or make the folder first",
                )
            return


def _is_terminal(stream: object) -> bool:
    try:
        return bool(getattr(stream, "isatty", lambda: False)())
    except (OSError, ValueError):  # closed, or not a real file: not a terminal
        return False


def _place_exclusively(temp_name: str, path: Path) -> None:
    """Give the finished temporary file the target's name, refusing if the name exists."""
    try:
        os.link(temp_name, path)
        return
    except FileExistsError:
        raise _appeared(path) from None
    except OSError as error:
        # File systems without hard links (some network and FAT mounts) refuse link():
        # claim the name with an exclusive create, then move the file over the claim.
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        raise _appeared(path) from None
    os.replace(temp_name, path)


def _appeared(path: Path) -> OutputExistsError:
    return OutputExistsError(
        "appeared while writing; nothing was replaced", path=path, hint=_FORCE_HINT
    )


def _remove_stale_temps(path: Path) -> None:
    """Remove our own temporary files for ``path`` whose writer was killed.

    Only names this module makes (``.<name>.<pid>.<random>.tmp``) are touched, and only
    when that process is gone (and a minute has passed) or the file is a day old, so a
    write in progress is safe.
    """
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(_TEMP_SUFFIX)):
                continue
            pid = name[len(prefix) :].split(".", 1)[0]
            with contextlib.suppress(OSError):
                age = time.time() - entry.stat(follow_symlinks=False).st_mtime
                orphan = not (pid.isdigit() and _running(int(pid)))
                if age > _STALE_SECONDS or (orphan and age > _ORPHAN_SECONDS):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but is not ours to signal
    return True


def _write_stdout(write: Callable[[BinaryIO], None]) -> Path:
    buffer = io.BytesIO()
    write(buffer)
    sys.stdout.flush()
    sys.stdout.buffer.write(buffer.getvalue())
    sys.stdout.buffer.flush()
    return Path(STDOUT)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text_atomic(target: str | Path, text: str, *, force: bool = False) -> Path:
    """Write UTF-8 ``text`` to ``target`` atomically; see ``write_atomic``."""

    def write(stream: BinaryIO) -> None:
        stream.write(text.encode("utf-8"))

    return write_atomic(target, write, force=force, binary=False)
