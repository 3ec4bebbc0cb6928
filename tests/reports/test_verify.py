"""Verifying the bank against the reports: verdicts, flags and corrected pinpoints."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from carecite.bank.load import load_bank
from carecite.reports.locate import CAPITAL, NEGATION, NUMBER, OMISSION
from carecite.reports.verify import verify_bank
from tests.conftest import TEXT_REPORT_HEADER, TEXT_REPORT_THEMES

REPORTS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "reports"

PAGES = [
    "Report   2\n\nExecutive summary\n\nServices for children are not good enough. Managers "
    "have not ensured that\nplans are reviewed.\n",
    "Report   3\n\nFindings\n\n1. Inspectors found that 25 children had not been seen. The "
    "local authority has\n",
    "Report   4\nnot acted quickly. Staff turnover reached 30% in 2016.\n",
]

THEMES = TEXT_REPORT_THEMES
SOURCE = TEXT_REPORT_HEADER
SECONDARY = """\
source:
  id: commentary
  kind: commentary
  title: A commentary
  short_name: Commentary
  author: A Barrister
passages:
  - id: c-1
    text: Something said elsewhere.
    themes: [oversight]
    checked: report
"""


def passage(pid: str, text: str, page: int, paragraph: int | None) -> str:
    para = "null" if paragraph is None else paragraph
    return (
        f"  - id: {pid}\n    text: {text!r}\n    page: {page}\n    paragraph: {para}\n"
        f"    section: Somewhere\n    themes: [oversight]\n    checked: report\n"
    )


# (id, text, page, paragraph, verdict, flags, corrected page/paragraph)
ROWS = [
    ("exact", "Managers have not ensured that plans are reviewed.", 2, None, "exact", ()),
    ("not", "Managers have ensured that plans are reviewed.", 2, None, "altered", (NEGATION,)),
    ("number", "Staff turnover reached 35% in 2016.", 4, 1, "altered", (NUMBER,)),
    ("capital", "managers have not ensured that plans", 2, None, "altered", (CAPITAL,)),
    ("omission", "Managers have not ensured plans are reviewed.", 2, None, "altered", (OMISSION,)),
    ("ellipsis", "Managers have not ensured ... are reviewed.", 2, None, "exact", ()),
    ("bracket", "[m]anagers have not ensured that plans", 2, None, "exact", ()),
    ("page", "Inspectors found that 25 children had not been seen.", 2, 1, "wrong_pinpoint", ()),
    ("para", "The local authority has not acted quickly.", 3, 2, "wrong_pinpoint", ()),
    ("gone", "Llamas graze peacefully on the moon tonight.", 2, None, "not_found", ()),
]


@pytest.fixture
def bank_and_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "example.txt").write_text("\f".join(PAGES), encoding="utf-8")
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "themes.yaml").write_text(THEMES, encoding="utf-8")
    body = "".join(passage(f"x-{r[0]}", r[1], r[2], r[3]) for r in ROWS)
    (bank / "example-2017.yaml").write_text(
        SOURCE.format(report_file="example.txt") + body, encoding="utf-8"
    )
    (bank / "commentary.yaml").write_text(SECONDARY, encoding="utf-8")
    return load_bank(bank), reports


@pytest.mark.parametrize(
    ("pid", "text", "page", "paragraph", "verdict", "flags"), ROWS, ids=[r[0] for r in ROWS]
)
def test_verdicts(bank_and_reports, pid, text, page, paragraph, verdict, flags):
    bank, reports = bank_and_reports
    verdicts = {v.passage_id: v for v in verify_bank(bank, reports)}
    found = verdicts[f"x-{pid}"]
    assert found.verdict == verdict, found.message
    if flags:
        assert found.location.flags == flags


@pytest.mark.parametrize(
    ("pid", "page", "paragraph", "message"),
    [
        ("page", 3, 1, "page 2 should be 3"),
        ("para", 3, 1, "paragraph 2 should be 1"),
    ],
    ids=["wrong-page", "wrong-paragraph"],
)
def test_wrong_pinpoint_is_corrected(bank_and_reports, pid, page, paragraph, message):
    bank, reports = bank_and_reports
    found = {v.passage_id: v for v in verify_bank(bank, reports)}[f"x-{pid}"]
    assert (found.location.page, found.location.paragraph) == (page, paragraph)
    assert message in found.message


def test_secondary_sources_are_unchecked_not_failed(bank_and_reports):
    bank, reports = bank_and_reports
    found = {v.passage_id: v for v in verify_bank(bank, reports)}["c-1"]
    assert found.verdict == "unchecked"
    assert not found.failed
    assert "secondary" in found.message
    # Not "the source's report": the source may be a commentary, a statute or a judgment.
    assert "report" not in found.message
    assert found.message.startswith(f"{bank.sources[found.source_id].short_name}: its text")


def test_a_report_named_outside_the_reports_folder_is_missing_not_read(bank_and_reports):
    """A bank file naming ``../example.txt`` (there, beside the folder) is not checked
    against it: what is read is only what the reports folder holds."""
    bank, reports = bank_and_reports
    (reports / "example.txt").rename(reports.parent / "example.txt")
    source = bank.sources["example-2017"]
    outside = replace(
        bank, sources={**bank.sources, source.id: replace(source, report_file="../example.txt")}
    )
    found = {v.passage_id: v for v in verify_bank(outside, reports)}["x-exact"]
    assert found.verdict == "missing_report" and found.failed
    assert found.message == f"report file ../example.txt is not in {reports}"


def test_progress_is_reported(bank_and_reports):
    bank, reports = bank_and_reports
    seen: list[tuple[int, int]] = []
    verify_bank(bank, reports, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(bank.passages), len(bank.passages))


@pytest.mark.skipif(not REPORTS.is_dir(), reason=f"the reference reports are not at {REPORTS}")
def test_real_wrong_page_caught_and_corrected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "themes.yaml").write_text(THEMES, encoding="utf-8")
    text = "Senior managers have not been effective in addressing poor practice"
    (bank / "example-2017.yaml").write_text(
        SOURCE.format(report_file="ofsted-tower-hamlets-2017-04-07.pdf")
        + passage("th-83", text, 27, 83),
        encoding="utf-8",
    )
    (found,) = verify_bank(load_bank(bank), REPORTS)
    assert found.verdict == "wrong_pinpoint"
    assert (found.location.page, found.location.paragraph) == (28, 83)
