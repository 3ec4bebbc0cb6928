"""Cache files that know what they were made from and notice when they are damaged.

The compiled caches (a loaded bank's snapshot, compiled templates) are bytes made from some
inputs. Each file holds a key (a digest of those inputs), a digest of its own bytes, and the
bytes. ``read_cache`` returns the bytes only when the key is the one asked for and the digest
still matches: another key means the inputs changed (stale, silently replaced); a wrong digest
or a broken header means the file was damaged: it is deleted, the caller builds the value
again, and ``take_repaired`` tells the command, which prints a one-line notice. A cache that
cannot be written is skipped, never an error: the next run builds the value again.
``kept_value`` keeps any value built from some bytes by carecite's code this way, pickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar, cast

_MAGIC = b"carecite cache 1\n"
KEY_SIZE = 32
"""Keys are SHA-256 digests (``hashlib.sha256(...).digest()``)."""
_HEAD = len(_MAGIC) + 2 * KEY_SIZE

T = TypeVar("T")

# The damaged cache files this process found (and its caller built again), for the notice.
_REPAIRED: list[Path] = []


def take_repaired() -> tuple[Path, ...]:
    """The cache files found damaged and built again since the last call (for a notice)."""
    taken = tuple(_REPAIRED)
    _REPAIRED.clear()
    return taken


def read_cache(path: Path, key: bytes) -> bytes | None:
    """The bytes cached at ``path`` under ``key``; None when there are none, or stale ones.

    A damaged file is deleted and recorded for ``take_repaired``; None is returned, so the
    caller builds the value again.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC) or len(data) < _HEAD:
        damaged(path)
        return None
    if data[len(_MAGIC) : len(_MAGIC) + KEY_SIZE] != key:
        return None  # stale: made from other inputs
    payload = data[_HEAD:]
    if data[len(_MAGIC) + KEY_SIZE : _HEAD] != hashlib.sha256(payload).digest():
        damaged(path)
        return None
    return payload


def damaged(path: Path) -> None:
    """Record ``path`` as damaged (for the notice) and delete it; the caller rebuilds it.

    For a caller that finds bytes with a sound digest it still cannot use.
    """
    _REPAIRED.append(path)
    # In a folder that cannot be written it stays, and is rebuilt in memory each time.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def write_cache(path: Path, key: bytes, payload: bytes) -> None:
    """Cache ``payload`` under ``key``: written beside the old file, then moved into place.

    A folder that cannot be written (read-only, full, no permission) skips the cache. No
    fsync: a file cut short by a crash fails its digest and is built again.
    """
    if len(key) != KEY_SIZE:
        raise ValueError(f"a cache key is {KEY_SIZE} bytes, not {len(key)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(_MAGIC + key + hashlib.sha256(payload).digest())
            stream.write(payload)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)


def read_value(path: Path, key: bytes) -> object | None:
    """The value pickled at ``path`` under ``key``, or None when there is none, or a stale one.

    The pickle is in the user's own cache folder and unpickled only when its digest matches:
    a cache the user's own programs write, like Python's ``__pycache__``. Bytes that pass
    the digest but do not unpickle are damaged all the same.
    """
    payload = read_cache(path, key)
    if payload is None:
        return None
    try:
        value: object = pickle.loads(payload)
    except Exception:
        damaged(path)
        return None
    return value


def write_value(path: Path, key: bytes, value: object) -> None:
    """Keep ``value``, pickled, under ``key``; a cache folder that cannot be written skips it."""
    write_cache(path, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def kept_value(kept_at: Path, content: bytes, code: Iterable[Path], make: Callable[[], T]) -> T:
    """What ``make`` builds from ``content``, kept at ``kept_at``.

    Keyed by ``content``, the Python version and the size and time stamp of each of the
    ``code`` files that build the value: it is built again at once when any of them changes,
    and when the file is damaged (with a notice, as ``read_value`` says). ``None`` is never
    taken for a kept value.
    """
    key = hashlib.sha256(code_stamp(code).encode() + content).digest()
    kept = read_value(kept_at, key)
    if kept is not None:
        return cast(T, kept)
    value = make()
    write_value(kept_at, key, value)
    return value


def code_stamp(code: Iterable[Path]) -> str:
    """The Python version and the stamps of the ``code`` that made a value: an upgrade or an
    edit to the code gives the value a new key."""
    stamps = [f"{sys.version_info[:2]}"]
    for file in code:
        info = file.stat()
        stamps.append(f"{file.name}\0{info.st_size}\0{info.st_mtime_ns}")
    return "\0".join(stamps) + "\0"
