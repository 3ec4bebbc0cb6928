"""A draft's length: the estimate from its text against LibreOffice, and the page limit."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from carecite.bank.load import load_bank
from carecite.cli.app import cli
from carecite.draft.case import load_case
from carecite.draft.length import count_pages, estimate_length
from carecite.draft.render import render_draft
from carecite.draft.write.docx import write_docx
from tests.conftest import needs_soffice

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
BANK = load_bank(REPO / "quotes")
EVERY_EXAMPLE = [
    ("position-statement", "re-a-tower-hamlets.yaml"),
    ("skeleton-argument", "re-c-norfolk.yaml"),
    ("witness-statement", "re-a-statement.yaml"),
    ("witness-statement-section", "re-a-statement.yaml"),
]


def rendered(template: str, example: str):
    return render_draft(template, load_case(EXAMPLES / example, BANK), BANK)


@needs_soffice
@pytest.mark.parametrize(("template", "example"), EVERY_EXAMPLE, ids=[t for t, _ in EVERY_EXAMPLE])
def test_the_estimate_gives_the_page_count_libreoffice_lays_out(tmp_path, template, example):
    draft = rendered(template, example)
    path = write_docx(draft.markdown, tmp_path / "draft.docx")
    assert math.ceil(estimate_length(draft.markdown).pages) == count_pages(path)


@needs_soffice
@pytest.mark.xfail(
    strict=True,
    reason="the estimate runs short on a long document: the Norfolk skeleton with its history "
    "table is 4.75 pages before its page break by the estimate and 5.25 laid out, so it counts "
    "6 pages where LibreOffice lays out 7 (draft warns near a limit: ESTIMATE_MARGIN)",
)
def test_the_estimate_holds_for_the_skeleton_with_its_history_table(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(
        (EXAMPLES / "re-c-norfolk.yaml").read_text(encoding="utf-8") + "history: true\n",
        encoding="utf-8",
    )
    draft = render_draft("skeleton-argument", load_case(case, BANK), BANK)
    path = write_docx(draft.markdown, tmp_path / "draft.docx")
    assert math.ceil(estimate_length(draft.markdown).pages) == count_pages(path)


def test_a_draft_near_its_limit_says_to_count_the_pages_as_laid_out(tmp_path):
    near = run(
        "position-statement",
        str(EXAMPLES / "re-a-tower-hamlets.yaml"),
        "-o",
        str(tmp_path / "a.docx"),
    )
    assert near.exit_code == 0, near.output
    assert "near its limit of 3" in near.stderr and "--check-length" in near.stderr
    far = run(
        "witness-statement-section",
        str(EXAMPLES / "re-a-statement.yaml"),
        "-o",
        str(tmp_path / "b.docx"),
    )
    assert far.exit_code == 0, far.output
    assert "near its limit" not in far.stderr


def test_more_text_is_more_pages_and_a_page_break_starts_a_page():
    one = estimate_length("1. " + "word " * 20 + "\n")
    two = estimate_length("1. " + "word " * 400 + "\n")
    broken = estimate_length("1. short\n\n***\n\n1. short\n")
    assert one.pages < 0.1 < two.pages
    assert 1 < broken.pages < 1.1


def test_a_footnote_counts_on_the_pages_before_a_page_break():
    note = "[^1]: " + "a long note " * 60 + "\n"
    before = estimate_length(f"1. text[^1]\n\n***\n\n1. end\n\n{note}")
    assert 1 < before.pages < 1.1


def run(*args: str):
    return CliRunner().invoke(cli, ["--bank", str(REPO / "quotes"), "draft", *args])


def test_a_draft_over_its_limit_is_refused_with_what_to_cut(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(
        (EXAMPLES / "re-a-tower-hamlets.yaml").read_text(encoding="utf-8") + "page_limit: 2\n",
        encoding="utf-8",
    )
    out = tmp_path / "position.docx"
    result = run("position-statement", str(case), "-o", str(out))
    assert result.exit_code == 2
    assert "the position statement runs to about 2.8 pages, over its limit of 2" in result.output
    assert "cut about" in result.output and "Issue 1" in result.output
    assert "--allow-over-length" in result.output
    assert not out.exists()
    allowed = run("position-statement", str(case), "-o", str(out), "--allow-over-length")
    assert allowed.exit_code == 0, allowed.output
    assert "warning: the position statement runs to about 2.8 pages" in allowed.output
    assert out.is_file()


@needs_soffice
def test_check_length_counts_the_pages_with_libreoffice(tmp_path):
    out = tmp_path / "position.docx"
    result = run(
        "position-statement",
        str(EXAMPLES / "re-a-tower-hamlets.yaml"),
        "-o",
        str(out),
        "--check-length",
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out} (3 pages)" in result.output
