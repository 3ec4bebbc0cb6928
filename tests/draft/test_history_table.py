"""The skeleton argument's inspection-history table: every row dated as far as it is known."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from carecite.bank.load import Bank, load_bank
from carecite.draft.case import load_case
from carecite.draft.render import render_draft
from carecite.errors import CaseError
from tests.conftest import REPO, SHIPPED_BANK

EXAMPLE = REPO / "examples" / "re-a-tower-hamlets.yaml"
NORFOLK_CASE = """\
court: {{name: Family Court, sitting_at: Norwich}}
case_number: NR26C00000
local_authority: {authority}
children:
  - {{initials: C, sex: female}}
acting_for: guardian
guardian: Ms G
hearing: {{type: Issues Resolution Hearing, date: 2026-11-20}}
date: 2026-11-16
author: {{name: Counsel Name, role: counsel, chambers: Example Chambers}}
history: true
relied_on:
  themes: [management-oversight]
  passages:
    - nf15-exec-services-remain-inadequate
"""


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(SHIPPED_BANK)


def history_rows(markdown: str) -> list[list[str]]:
    section = markdown.split("## The authority’s inspection history", 1)[1]
    table = section.split("\n\n", 2)[2]
    lines = [line for line in table.splitlines() if line.startswith("| ")][1:]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]


def norfolk_case(tmp_path: Path, authority: str = "Norfolk County Council") -> Path:
    path = tmp_path / "re-c-norfolk.yaml"
    path.write_text(NORFOLK_CASE.format(authority=authority), encoding="utf-8")
    return path


def test_tower_hamlets_table_has_a_known_date_in_every_row(bank: Bank, tmp_path: Path) -> None:
    # The example case, asking for the (optional) history paragraph.
    case = tmp_path / EXAMPLE.name
    case.write_text(EXAMPLE.read_text(encoding="utf-8") + "history: true\n", encoding="utf-8")
    rendered = render_draft("skeleton-argument", load_case(case, bank), bank)
    rows = history_rows(rendered.markdown)
    # The hearing is in June 2017: later reports are left out.
    assert [row[:3] for row in rows] == [
        ["Ofsted 2011 assessment", "2011", "[not recorded: read it in the report]{.placeholder}"],
        ["Ofsted 2012 report", "July 2012", "good"],
        ["Ofsted 2017 report", "7 April 2017", "inadequate"],
    ]
    assert "date not held" not in rendered.markdown
    assert "overall effectiveness (services for looked after children): good" in rows[1][3]


def test_norfolk_table_takes_the_rows_the_bank_lacks_from_the_dataset(
    bank: Bank, tmp_path: Path
) -> None:
    rendered = render_draft("skeleton-argument", load_case(norfolk_case(tmp_path), bank), bank)
    rows = history_rows(rendered.markdown)
    assert [(row[0].split("[^")[0], row[1]) for row in rows] == [
        ("Ofsted inspection report", "16 August 2013"),
        ("Ofsted Norfolk 2015 report", "19 October 2015"),
        ("Ofsted inspection report", "19 January 2018"),
        ("Ofsted Norfolk 2023 report", "13 January 2023"),
        ("Ofsted inspection report", "18 May 2026"),
    ]
    # A judgement the dataset did not record is for the lawyer to fill in, never a grade.
    assert rows[0][2] == "[not recorded: read it in the report]{.placeholder}"
    assert rows[4][2] == "outstanding"
    # Each dataset row's footnote gives the report's address.
    note = re.search(r"\[\^(\d+)\]", rows[2][0])
    assert note is not None
    assert f"[^{note.group(1)}]: https://files.ofsted.gov.uk/v1/file/50000266" in rendered.markdown


def test_a_misspelt_local_authority_is_an_error_at_its_line(bank: Bank, tmp_path: Path) -> None:
    path = norfolk_case(tmp_path, authority="Norfok County Council")
    with pytest.raises(CaseError) as caught:
        load_case(path, bank)
    line = 3  # local_authority: is the third line of the case file
    assert str(caught.value) == (
        f"{path}:{line}: local_authority: no authority called 'Norfok County Council' — "
        "did you mean 'Norfolk'?"
    )


def test_the_tables_licence_line_is_only_for_a_document_for_publication(
    bank: Bank, tmp_path: Path
) -> None:
    # A court document needs no OGL attribution (CDPA 1988, s 45); `attribution: true` asks
    # for it in a document meant for publication.
    court = render_draft("skeleton-argument", load_case(norfolk_case(tmp_path), bank), bank)
    assert "public compilation of Ofsted’s published inspection outcomes" in court.markdown
    assert "Open Government Licence" not in court.markdown
    published = tmp_path / "published.yaml"
    published.write_text(
        norfolk_case(tmp_path).read_text(encoding="utf-8") + "attribution: true\n",
        encoding="utf-8",
    )
    with_licence = render_draft("skeleton-argument", load_case(published, bank), bank)
    assert "(Crown copyright, Open Government Licence v3.0)" in with_licence.markdown


def test_the_table_speaks_the_courts_language_under_a_heading_like_the_others(
    bank: Bank, tmp_path: Path
) -> None:
    """A court document says where the judgements come from, not which software holds them,
    and its heading is a section's (bold), not a sub-heading's (italic)."""
    case = tmp_path / EXAMPLE.name
    case.write_text(EXAMPLE.read_text(encoding="utf-8") + "history: true\n", encoding="utf-8")
    for template in ("position-statement", "skeleton-argument"):
        markdown = render_draft(template, load_case(case, bank), bank).markdown
        assert "\n## The authority’s inspection history\n" in markdown
        note = next(line for line in markdown.splitlines() if line.startswith("[^1]: "))
        assert note == (
            "[^1]: Judgements as each report records them; where the report itself is not "
            "available, as later Ofsted reports and published commentary record them; for a "
            "report given with its address on Ofsted’s website, as recorded in a public "
            "compilation of Ofsted’s published inspection outcomes."
        )
        table = markdown.split("inspection history", 1)[1].split("\n## ", 1)[0]
        for software in ("carecite", "shipped", "bank", "held", "import"):
            assert software not in table, software


def test_the_tables_note_in_the_text_follows_a_full_sentence(bank: Bank, tmp_path: Path) -> None:
    """With citations in brackets in the text, the note on where the judgements come from
    follows a sentence's full stop, not a colon running into a bracket before the table."""
    case = tmp_path / EXAMPLE.name
    case.write_text(EXAMPLE.read_text(encoding="utf-8") + "history: true\n", encoding="utf-8")
    markdown = render_draft(
        "skeleton-argument", load_case(case, bank), bank, citations="inline"
    ).markdown
    intro = markdown.split("## The authority’s inspection history", 1)[1].split("\n\n")[1]
    assert ": (" not in intro
    assert re.search(r"before this hearing are set out below\. \(Judgements as .*\.\)$", intro)
