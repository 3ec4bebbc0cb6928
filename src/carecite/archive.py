"""Word documents are zip archives: refuse one that would expand past a sane size.

A .docx of a few pages holds well under a megabyte of XML. A damaged or hostile one (a
"zip bomb") can claim gigabytes once inflated; its members' sizes are read from the
archive's directory, before anything is inflated, and the file is refused when they pass
``MAX_EXPANDED`` bytes in all or any member inflates more than ``MAX_RATIO`` times.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from carecite.errors import SourceError

MAX_EXPANDED = 200_000_000
MAX_RATIO = 200
# Ratios mean nothing for small members: a run of blank XML compresses very well.
_SMALL = 1_000_000


def check_expanded_size(path: str | Path) -> None:
    """Raise ``SourceError`` if the zip archive at ``path`` would inflate too far.

    A file that is not a zip archive is left to the reader, which words its own error.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    total = sum(m.file_size for m in members)
    bombs = [
        m.filename
        for m in members
        if m.file_size > _SMALL and m.file_size > MAX_RATIO * max(m.compress_size, 1)
    ]
    if total > MAX_EXPANDED or bombs:
        raise SourceError(
            f"would expand to {total:,} bytes when opened"
            + (f" ({bombs[0]} inflates over {MAX_RATIO} times)" if bombs else ""),
            path=path,
            hint="this is not a Word document carecite will open: check where it came from",
        )
