"""Where a source's report is held: its ``report_file`` inside a folder of reports.

The one rule for ``verify``, ``add``, the draft, the audit and the web's report page. A
``report_file`` names a file in the folder, or below it (``2017/ofsted-th.pdf``); a name that
would lead out of it (absolute, or through ``..``) is held nowhere, so a bank file never
makes carecite read, or the web serve, a file outside the reports folder.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from carecite.model import Source


def held_report(source: Source, folder: str | Path) -> Path | None:
    """The file of ``source``'s report in the reports folder ``folder``.

    Returns:
        The file, or ``None`` when the source names no report, names one outside the
        folder, or the folder holds no such file.
    """
    if not source.report_file:
        return None
    name = PurePath(source.report_file)
    if name.anchor or ".." in name.parts:
        return None
    file = Path(folder) / name
    return file if file.is_file() else None
