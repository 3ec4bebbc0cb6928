"""Where a source's report is held: its report_file inside the reports folder, never outside."""

from __future__ import annotations

from pathlib import Path

import pytest

from carecite.model import Source, SourceKind
from carecite.reports.held import held_report


def _source(report_file: str | None) -> Source:
    return Source(
        "ofsted-x-2017",
        SourceKind.INSPECTION_REPORT,
        "Inspection of X",
        "Ofsted 2017 report",
        "Ofsted",
        report_file=report_file,
    )


@pytest.mark.parametrize(
    ("report_file", "held"),
    [
        ("x.pdf", "reports/x.pdf"),
        ("2017/x.pdf", "reports/2017/x.pdf"),
        ("gone.pdf", None),
        ("2017", None),  # a folder, not a file
        ("../outside.pdf", None),
        ("2017/../../outside.pdf", None),
        ("{tmp}/outside.pdf", None),  # absolute, though the file is there
        (None, None),
    ],
    ids=[
        "in-folder",
        "below-it",
        "missing",
        "a-folder",
        "up-and-out",
        "down-up-out",
        "absolute",
        "not-held",
    ],
)
def test_a_report_is_held_only_inside_the_reports_folder(
    tmp_path: Path, report_file: str | None, held: str | None
) -> None:
    reports = tmp_path / "reports"
    (reports / "2017").mkdir(parents=True)
    for name in ("reports/x.pdf", "reports/2017/x.pdf", "outside.pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    named = report_file.format(tmp=tmp_path) if report_file else None
    found = held_report(_source(named), reports)
    assert found == (tmp_path / held if held else None)
