"""An imported report's headline is this inspection's finding, never an account of the past.

A SIF cover states the overall judgement; an ILACS report prints no such line, and its
headline is the first sentence of its opening summary, which may instead recount the last
inspection ("Children's services were judged to require improvement to be good at the
inspection in 2015"). Such a sentence is no headline: the source gets none, and a warning.

``headline_truth.csv`` gives each report's opening sentence as ``pdftotext`` prints it and
whether it states this inspection's ``finding`` or ``recounts`` the past, judged by reading it.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from carecite.reports.importer import import_report, report_facts
from carecite.reports.ingest import read_report

SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference"
SHIPPED_THEMES = Path(__file__).resolve().parents[2] / "quotes" / "themes.yaml"
TRUTH = list(
    csv.DictReader(
        Path(__file__).with_name("headline_truth.csv").read_text(encoding="utf-8").splitlines()
    )
)

# An ILACS report's cover as the layouts print it: title, dates, judgement table, then the
# opening summary under no heading, up to "What needs to improve".
ILACS_COVER = (
    "Inspection of Trafford local authority children’s services\n"
    "Inspection dates: 21 November to 2 December 2022\n"
    "Lead inspector: Nick Bennison, His Majesty’s Inspector\n\n"
    "Overall effectiveness Requires improvement to be good\n\n"
    "{summary}\n\n"
    "What needs to improve?\n\n"
    "The quality of supervision.\n"
)


def opening(tmp_path: Path, summary: str) -> Path:
    report = tmp_path / "ofsted-trafford-2023.txt"
    report.write_text(ILACS_COVER.format(summary=summary), encoding="utf-8")
    return report


@pytest.mark.parametrize(
    "sentence",
    [
        # The judgement itself (Coventry 2022, Sefton 2022).
        "Children’s services in Coventry are good.",
        # A finding of change, the earlier grade in a clause dating it (Knowsley 2025,
        # Liverpool 2026, Wigan 2025).
        "The quality of services for children in Knowsley has not improved since the last "
        "inspection in 2021, when services were judged overall as requires improvement to be "
        "good.",
        "Services for children and families in Liverpool have significantly improved since the "
        "inspection in 2023, when overall effectiveness was judged to be inadequate.",
        # The same in a "since" clause (Tower Hamlets 2019).
        "Services for children in Tower Hamlets are now good and have substantially improved "
        "since they were found to be inadequate in 2017.",
        # Opening with the time since (Norfolk 2023).
        "Since the last inspection in 2017, significant improvements have been made in services "
        "for children and their families living in Norfolk.",
        # A finding with no "is" or "has" (Dorset 2025).
        "Children in Dorset receive exceptional services that help meet their needs and reduce "
        "risks, supporting them to have better experiences and reach their potential.",
    ],
)
def test_an_opening_sentence_stating_this_inspections_finding_is_the_headline(tmp_path, sentence):
    facts = report_facts(
        read_report(opening(tmp_path, f"{sentence} Leaders know it."), use_cache=False)
    )
    assert (facts.headline, facts.past_opening) == (sentence, None)


@pytest.mark.parametrize(
    "sentence",
    [
        # The earlier inspection's judgement (Windsor and Maidenhead 2020).
        "Children’s services were judged to require improvement to be good at the inspection "
        "in 2015.",
        # What followed the earlier inspection (Trafford 2023).
        "Following the last inspection in 2019, when Trafford was judged to be inadequate, the "
        "pace of improvement was too slow.",
        # The inspection's history (Cumberland 2024).
        "This was the first inspection of Cumberland local authority children’s services.",
        # The user review's example.
        "At the last inspection in 2019 the local authority was judged inadequate.",
        # The past in a verb that is no form of "be" or "have", dated.
        "Services deteriorated significantly after the focused visit in 2018.",
    ],
)
def test_an_opening_sentence_recounting_the_past_is_no_headline_and_says_so(
    tmp_path, sentence, monkeypatch
):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    bank = tmp_path / "bank"
    bank.mkdir()
    shutil.copyfile(SHIPPED_THEMES, bank / "themes.yaml")
    report = opening(tmp_path, f"{sentence} Leaders know it.")
    facts = report_facts(read_report(report, use_cache=False))
    assert (facts.headline, facts.past_opening) == (None, sentence)
    made = import_report(report, bank, dry_run=True, published=date(2023, 1, 31))
    assert made.source.headline is None
    assert "no-headline" in [w.code for w in made.warnings]
    assert "[no-headline]" in (made.source.note or "")


def test_no_headline_says_where_one_goes_and_what_it_is_for_and_strict_lets_it_pass(
    tmp_path, monkeypatch
):
    """It said "give it one by hand", not where, nor that nothing needs one; and --strict
    refused the report for it alone, though it was read right."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    bank = tmp_path / "bank"
    bank.mkdir()
    shutil.copyfile(SHIPPED_THEMES, bank / "themes.yaml")
    past = "At the last inspection in 2019 the local authority was judged inadequate."
    report = opening(tmp_path, f"{past} Leaders know it.")
    when = date(2023, 1, 31)
    made = import_report(report, bank, dry_run=True, published=when)
    (warning,) = made.warnings
    assert warning.code == "no-headline"
    assert warning.message.endswith(
        "so the source has no headline: drafts do not use one, and an inspection history shows "
        "it only for a report that gives no judgements, in their place; to give it one, write "
        f"it in the headline: field of {made.file.name}"
    )
    written = import_report(report, bank, published=when, strict=True)
    assert written.written and written.file == made.file and written.file.is_file()


def test_a_sif_cover_s_overall_judgement_is_the_headline_whatever_the_summary_recounts(tmp_path):
    report = tmp_path / "ofsted-brent-2015.txt"
    report.write_text(
        "Brent\nInspection of services for children in need of help and protection, "
        "children looked after and care leavers\n"
        "Inspection date: 14 September 2015 – 8 October 2015\n"
        "Report published: 30 November 2015\n\n"
        "Children’s services in Brent require improvement to be good\n"
        "\fExecutive summary\n"
        "At the last inspection in 2012, children’s services were judged adequate.\n",
        encoding="utf-8",
    )
    facts = report_facts(read_report(report, use_cache=False))
    assert facts.headline == "Children’s services in Brent require improvement to be good"
    assert facts.past_opening is None


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"the reference reports are not at {SHARED}")
@pytest.mark.parametrize("row", TRUTH, ids=[row["file"][7:-4] for row in TRUTH])
def test_every_reports_headline_is_its_finding_or_none(row):
    facts = report_facts(read_report(SHARED / row["folder"] / row["file"]))
    if row["opening"] == "finding":
        assert (facts.headline, facts.past_opening) == (row["sentence"], None)
    else:
        assert (facts.headline, facts.past_opening) == (None, row["sentence"])
