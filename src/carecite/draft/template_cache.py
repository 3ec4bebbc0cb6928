"""Compiled templates kept in the user cache, so a template is compiled once, not every draft.

Jinja compiles a template to Python bytecode on every load: about a tenth of a second for
the skeleton argument and its partials, each ``carecite draft``. ``TemplateBytecodeCache``
keeps the bytecode in the user cache folder (``carecite.cachefile``), keyed by the template's
name, file and source text (so an edited template is compiled again at once) and by the
environment's settings (the same source compiles differently under other settings). A
damaged file is compiled again with a notice; a cache folder that cannot be written is
skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from carecite.cachefile import read_cache, write_cache
from carecite.resources import cache_dir


class TemplateBytecodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode, one file per template, under a folder for one set of settings."""

    def __init__(self, folder: Path, settings: bytes) -> None:
        self.folder = folder
        self.settings = settings

    def _file(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.bytecode"

    def _key(self, bucket: Bucket) -> bytes:
        # Jinja's checksum is the source text's; the settings make it this environment's.
        return hashlib.sha256(self.settings + bucket.checksum.encode()).digest()

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill the bucket from its file, if there is a sound one for this source."""
        payload = read_cache(self._file(bucket), self._key(bucket))
        if payload is not None:
            # Jinja checks its own header and the Python version's marshal format again.
            bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the bucket's bytecode (skipped when the cache folder cannot be written)."""
        write_cache(self._file(bucket), self._key(bucket), bucket.bytecode_to_string())


def template_bytecode_cache(
    kind: type[jinja2.Environment], options: Mapping[str, object]
) -> TemplateBytecodeCache:
    """The bytecode cache for an environment of ``kind`` made with ``options``.

    Args:
        kind: ``jinja2.Environment`` or its sandboxed subclass.
        options: the keyword arguments the environment is made with, by name; a value is
            keyed by its repr (a function by its qualified name).
    """
    described = [f"{jinja2.__version__}", f"{kind.__module__}.{kind.__qualname__}"]
    for name, value in sorted(options.items()):
        described.append(f"{name}={getattr(value, '__qualname__', None) or value!r}")
    settings = "\0".join(described).encode()
    folder = hashlib.sha256(settings).hexdigest()[:16]
    return TemplateBytecodeCache(cache_dir() / "templates" / folder, settings)
