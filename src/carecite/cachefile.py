"""Cache files that know what they were made from and notice when they are damaged.

The compiled caches (a loaded bank's snapshot, compiled templates) are bytes made from some
inputs. Each file holds a key (a digest of those inputs), a digest of its own bytes, and the
bytes. ``read_cache`` returns the bytes only when the key is the one asked for and the digest
still matches: another key means the inputs changed (stale, silently replaced); a wrong digest
or a broken header means the file was damaged: it is deleted, the caller builds the value
again, and ``take_repaired`` tells the command, which prints a one-line notice. A cache that
cannot be written is skipped, never an error: the next run builds the value again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

_MAGIC = b"carecite cache 1\n"
KEY_SIZE = 32
"""Keys are SHA-256 digests (``hashlib.sha256(...).digest()``)."""
_HEAD = len(_MAGIC) + 2 * KEY_SIZE

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
