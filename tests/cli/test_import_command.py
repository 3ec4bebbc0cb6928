"""`carecite import` as a user runs it: JSON keys, warnings on stderr, exit statuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from carecite.cli.app import cli

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "corpus"
THEMES = Path(__file__).resolve().parents[2] / "quotes" / "themes.yaml"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the corpus is not at {CORPUS}")


@pytest.fixture
def bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "bank"
    folder.mkdir()
    shutil.copyfile(THEMES, folder / "themes.yaml")
    return folder


def run(bank: Path, *args: str):
    return CliRunner().invoke(cli, ["--bank", str(bank), "import", *args])


@needs_corpus
def test_json_says_what_was_written_and_keeps_the_warnings(bank):
    report = CORPUS / "ofsted-windsor-and-maidenhead-2020-02-24.pdf"
    result = run(bank, str(report), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"source", "file", "passages", "warnings"}
    assert data["file"] == str(bank / "ofsted-windsor-and-maidenhead-2020.yaml")
    assert data["source"]["id"] == "ofsted-windsor-and-maidenhead-2020"
    # It skips paragraph 15, and its opening sentence recounts the 2015 inspection.
    assert [w["code"] for w in data["warnings"]] == ["numbering-gap", "no-headline"]
    assert "[numbering-gap]" in result.stderr and "[no-headline]" in result.stderr
    assert "numbering-gap" in (bank / "ofsted-windsor-and-maidenhead-2020.yaml").read_text("utf-8")
    assert (bank / "reports" / report.name).is_file()


@needs_corpus
def test_dry_run_json_names_the_file_it_would_write(bank):
    result = run(bank, str(CORPUS / "ofsted-rochdale-2014-12-05.pdf"), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["file"] == str(bank / "ofsted-rochdale-2014.yaml")
    assert list(bank.iterdir()) == [bank / "themes.yaml"]


@needs_corpus
def test_no_publication_date_anywhere_exits_2_asking_for_published(bank, tmp_path, monkeypatch):
    empty = tmp_path / "inspections.csv"
    empty.write_text(
        "urn,authority,published,framework_variant,inspected_from,inspected_to,"
        "overall_effectiveness,impact_of_leaders,help_and_protection,children_in_care,"
        "care_leavers,url\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CARECITE_INSPECTIONS", str(empty))
    report = str(CORPUS / "ofsted-wigan-2025-11-26.pdf")
    refused = run(bank, report)
    assert refused.exit_code == 2
    assert "--published" in refused.stderr
    assert list(bank.glob("*.yaml")) == [bank / "themes.yaml"]
    given = run(bank, report, "--published", "2025-11-26")
    assert given.exit_code == 0, given.output
    assert "published: 2025-11-26" in (bank / "ofsted-wigan-2025.yaml").read_text("utf-8")


@needs_corpus
def test_strict_exits_2_on_warnings_and_writes_nothing(bank):
    result = run(bank, str(CORPUS / "ofsted-windsor-and-maidenhead-2020-02-24.pdf"), "--strict")
    assert result.exit_code == 2
    assert list(bank.glob("ofsted-*")) == []


@needs_corpus
def test_check_counts_the_passages_whose_themes_await_review(bank):
    assert run(bank, str(CORPUS / "ofsted-wigan-2025-11-26.pdf")).exit_code == 0
    result = CliRunner().invoke(cli, ["--bank", str(bank), "check"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if x.startswith("ofsted-wigan-2025:"))
    assert "themes are suggested, not yet reviewed (themes_reviewed: false" in line
    text = (bank / "ofsted-wigan-2025.yaml").read_text("utf-8")
    assert f"{text.count('themes_reviewed: false')} passages'" in line


@needs_corpus
def test_a_dry_run_is_refused_as_the_real_run_is(bank):
    """The dry run said "would write", exit 0, of a report the real run refuses, exit 2."""
    report = str(CORPUS / "ofsted-rochdale-2014-12-05.pdf")
    assert run(bank, report).exit_code == 0
    real = run(bank, report)
    dry = run(bank, report, "--dry-run")
    assert real.exit_code == dry.exit_code == 2
    assert dry.stderr == real.stderr
    assert "already holds this report, as ofsted-rochdale-2014 of your bank" in dry.stderr
    assert "pass --force" in dry.stderr and "would write" not in dry.stdout


SHIPPED_REPORT = CORPUS.parent / "reports" / "ofsted-tower-hamlets-2017-04-07.pdf"


@pytest.mark.skipif(not SHIPPED_REPORT.is_file(), reason=f"no report at {SHIPPED_REPORT}")
def test_a_report_the_shipped_bank_holds_exits_2_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    mine = tmp_path / "mine"
    assert CliRunner().invoke(cli, ["init", str(mine)]).exit_code == 0
    before = sorted(mine.rglob("*"))
    for extra in ((), ("--force",), ("--dry-run",)):
        result = run(mine, str(SHIPPED_REPORT), *extra)
        assert result.exit_code == 2, result.output
        assert "is already in the bank shipped with carecite, as ofsted-tower-hamlets-2017" in (
            result.stderr
        )
        assert "nothing was written" in result.stderr and result.stdout == ""
    assert sorted(mine.rglob("*")) == before
