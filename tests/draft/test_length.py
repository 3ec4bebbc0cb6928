"""A draft's length: the estimate from its text against LibreOffice, and the page limit."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx.shared import Pt

from carecite.bank.load import load_bank
from carecite.cli.app import cli
from carecite.draft.case import load_case
from carecite.draft.length import Length, count_pages, estimate_length
from carecite.draft.render import render_draft
from carecite.draft.write.docx import build_document
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


def estimate(markdown: str, **options) -> Length:
    return estimate_length(build_document(markdown, **options))


def with_history(tmp_path: Path) -> Path:
    case = tmp_path / "case.yaml"
    case.write_text(
        (EXAMPLES / "re-c-norfolk.yaml").read_text(encoding="utf-8") + "history: true\n",
        encoding="utf-8",
    )
    return case


@needs_soffice
@pytest.mark.parametrize("citations", ["footnotes", "inline"])
@pytest.mark.parametrize(("template", "example"), EVERY_EXAMPLE, ids=[t for t, _ in EVERY_EXAMPLE])
def test_the_estimate_gives_the_page_count_libreoffice_lays_out(
    tmp_path, template, example, citations
):
    draft = render_draft(template, load_case(EXAMPLES / example, BANK), BANK, citations=citations)
    document = build_document(draft.markdown, citations=citations)
    document.save(str(tmp_path / "draft.docx"))
    assert math.ceil(estimate_length(document).pages) == count_pages(tmp_path / "draft.docx")


@needs_soffice
@pytest.mark.parametrize("citations", ["footnotes", "inline"])
def test_the_estimate_holds_for_the_skeleton_with_its_history_table(tmp_path, citations):
    # The case the fitted lines-per-page estimate got wrong: 6 pages counted where 7 are.
    case = load_case(with_history(tmp_path), BANK)
    draft = render_draft("skeleton-argument", case, BANK, citations=citations)
    document = build_document(draft.markdown, citations=citations)
    document.save(str(tmp_path / "draft.docx"))
    assert math.ceil(estimate_length(document).pages) == count_pages(tmp_path / "draft.docx") == 7


@needs_soffice
def test_the_estimate_follows_the_font_of_the_document(tmp_path):
    # Times New Roman is narrower than Arial: the same text wraps into fewer lines.
    text = "".join(
        f"{n}. The assessment quality is poor and risk is not analysed. " * 9 + "\n\n"
        for n in range(1, 12)
    )
    arial = estimate(text)
    document = build_document(text, font="Times New Roman")
    document.save(str(tmp_path / "times.docx"))
    times = estimate_length(document)
    assert times.lines < arial.lines
    assert math.ceil(times.pages) == count_pages(tmp_path / "times.docx")


@pytest.mark.parametrize(
    ("markdown", "low", "high"),
    [
        ("1. " + "word " * 20 + "\n", 0.0, 0.1),
        ("1. " + "word " * 400 + "\n", 0.9, 1.0),
        ("1. short\n\n***\n\n1. short\n", 1.0, 1.1),
        ("1. text[^1]\n\n***\n\n1. end\n\n[^1]: " + "a long note " * 60 + "\n", 1.0, 1.1),
    ],
    ids=["a paragraph", "a page of text", "a page break", "a note before a page break"],
)
def test_pages_as_laid_out(markdown, low, high):
    assert low < estimate(markdown).pages < high


def test_a_line_holds_the_words_whose_widths_fit_across_the_text_width():
    # 'word' in 12 pt Arial is 26.0 pt and a space 3.3 pt; beside a paragraph number the
    # house page's text is 389 pt wide: 13 words fit on a line (378 pt), 14 do not (407 pt).
    thirteen = estimate("1. " + "word " * 13 + "\n")
    fourteen = estimate("1. " + "word " * 14 + "\n")
    assert fourteen.lines - thirteen.lines == pytest.approx(1.0)


def test_one_paragraphs_own_formatting_stays_with_it():
    # Paragraphs of one style share what their style resolves to; the first paragraph's
    # own spacing must not pass to the eleven after it (the gap it drops is 12 pt, 0.6 of
    # a line; on one page, so no page break takes up the difference).
    text = "".join(f"{n}. " + "word " * 20 + "\n\n" for n in range(1, 13))
    document = build_document(text)
    plain = estimate_length(document)
    document.paragraphs[0].paragraph_format.space_after = Pt(0)
    tighter = estimate_length(document)
    assert 0 < plain.lines - tighter.lines < 1


def test_a_heading_is_kept_with_the_paragraph_after_it():
    # The same text with a heading or a plain line before a long paragraph, the page filled
    # more and more: the heading never ends a page alone, so it sometimes moves the text on.
    moved = False
    for filled in range(15, 25):
        filler = "".join(f"{n}. line\n\n" for n in range(1, filled))
        after = "\n\n1. " + "word " * 60 + "\n"
        heading = estimate(filler + "## Heading" + after)
        plain = estimate(filler + "Heading" + after)
        assert heading.text_end >= plain.text_end
        moved = moved or heading.text_end > plain.text_end
    assert moved


def test_a_note_takes_room_on_the_page_of_its_reference():
    body = "".join(f"{n}. " + "word " * 40 + "\n\n" for n in range(1, 10))
    plain = estimate(body)
    noted = estimate(body.replace("word \n", "word[^1]\n", 1) + "[^1]: " + "note " * 300 + "\n")
    assert noted.text_end > plain.text_end + 0.2


def test_a_long_heading_names_its_part_in_whole_words():
    title = "Issue 1: Whether the delay in E's permanence planning is acceptable"
    parts = dict(estimate(f"# {title}\n\n" + "word " * 200 + "\n").parts)
    assert "Issue 1: Whether the delay in E's permanence planning is…" in parts


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
    assert "the position statement runs to about 2.9 pages, over its limit of 2" in result.output
    assert "cut about" in result.output and "Issue 1" in result.output
    assert "--allow-over-length" in result.output
    assert not out.exists()
    allowed = run("position-statement", str(case), "-o", str(out), "--allow-over-length")
    assert allowed.exit_code == 0, allowed.output
    assert "warning: the position statement runs to about 2.9 pages" in allowed.output
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
