"""A judgment the case relies on, held in the bank: its citation, its words, its audit.

A user adds a ``judgment`` source to their bank (case name, neutral citation, court, date,
law report citation or null); the case lists it under ``authorities`` and the skeleton
cites it in italics; words read in the judgment itself may be quoted, pinpointed ``[44]``,
and the audit reads that pinpoint back.
"""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from carecite.bank.load import load_bank
from carecite.cite.citation import format_citation
from carecite.draft.audit.check import audit_docx
from carecite.draft.audit.citations import SourceNames
from carecite.draft.case import load_case
from carecite.draft.render import render_draft
from carecite.draft.write.docx import write_docx
from carecite.errors import BankError

REPO = Path(__file__).resolve().parents[2]

JUDGMENT = """\
source:
  id: re-x-2020
  kind: judgment
  title: Re X (A Child)
  short_name: Re X
  author: Court of Appeal
  court: Court of Appeal (Civil Division)
  citation: "[2020] EWCA Civ 1"
  law_report: null
  published: 2020-01-15
  note: A fictitious judgment for the tests; no law report citation was read.
passages:
  - id: re-x-2020-44
    text: The words of the judgment are read in the judgment itself.
    paragraph: 44
    themes: [statutory-framework]
    checked: report
  - id: re-x-2020-45
    text: A second paragraph of the judgment, read in it too.
    paragraph: 45
    themes: [statutory-framework]
    checked: report
"""


@pytest.fixture
def bank_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "bank"
    shutil.copytree(REPO / "quotes", folder)
    (folder / "re-x-2020.yaml").write_text(JUDGMENT, encoding="utf-8")
    return folder


def with_case(tmp_path: Path) -> Path:
    text = (REPO / "examples" / "re-c-norfolk.yaml").read_text(encoding="utf-8")
    old = "authorities: [ca1989-s1, ca1989-s31, ca1989-s32, re-b-2013, re-b-s-2013, re-a-2015]"
    assert old in text
    case = tmp_path / "case.yaml"
    case.write_text(text.replace(old, old[:-1] + ", re-x-2020]"), encoding="utf-8")
    return case


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('  citation: "[2020] EWCA Civ 1"\n', ""),
            "re-x-2020.yaml:2: a judgment's 'source' needs 'citation'",
        ),
        (
            ("    checked: report\n", "    checked: secondary\n    checked_via: x\n"),
            "a judgment's words are held only as read in the judgment itself, got 'secondary'",
        ),
        (
            ("    paragraph: 44\n", ""),
            "re-x-2020.yaml:13: 'passages[1]' of a judgment needs 'paragraph'",
        ),
    ],
    ids=["no-neutral-citation", "words-from-a-commentary", "no-paragraph"],
)
def test_a_judgment_in_the_bank_is_held_faithfully(bank_folder, change, expected):
    old, new = change
    path = bank_folder / "re-x-2020.yaml"
    path.write_text(JUDGMENT.replace(old, new), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(bank_folder)
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("paragraphs", "law_report", "expected"),
    [
        ([44], None, "Re X (A Child) [2020] EWCA Civ 1 [44]"),
        ([44, 45, 46, 50], None, "Re X (A Child) [2020] EWCA Civ 1 [44]–[46], [50]"),
        ([44], "[2021] 1 FLR 1", "Re X (A Child) [2020] EWCA Civ 1, [2021] 1 FLR 1 [44]"),
    ],
    ids=["one-paragraph", "a-run-and-one", "with-a-law-report"],
)
def test_a_judgment_is_cited_by_its_paragraphs_in_square_brackets(
    bank_folder, paragraphs, law_report, expected
):
    if law_report:
        text = JUDGMENT.replace("law_report: null", f'law_report: "{law_report}"')
        (bank_folder / "re-x-2020.yaml").write_text(text, encoding="utf-8")
    bank = load_bank(bank_folder)
    base = bank.passages["re-x-2020-44"]
    passages = [replace(base, id=f"p{n}", paragraph=n) for n in paragraphs]
    assert format_citation(passages, bank.sources).text == expected


def test_the_case_cites_a_judgment_of_its_bank_in_italics_and_lists_it(bank_folder, tmp_path):
    bank = load_bank(bank_folder)
    draft = render_draft("skeleton-argument", load_case(with_case(tmp_path), bank), bank)
    law = draft.markdown.split("## The law", 1)[1].split("## Submissions", 1)[0]
    assert "1. *Re X (A Child)* \\[2020\\] EWCA Civ 1: [the proposition it supports" in law
    listed = draft.markdown.split("**LIST OF AUTHORITIES**", 1)[1]
    assert "- *Re X (A Child)* \\[2020\\] EWCA Civ 1" in listed


def quoting_template(tmp_path: Path) -> Path:
    template = tmp_path / "law.md.j2"
    template.write_text(
        textwrap.dedent(
            """\
            # Law

            1. The court said {{ quote('re-x-2020-44') }}
            """
        ),
        encoding="utf-8",
    )
    return template


def test_words_read_in_the_judgment_are_quoted_with_their_paragraph(bank_folder, tmp_path):
    bank = load_bank(bank_folder)
    case = load_case(with_case(tmp_path), bank)
    draft = render_draft(quoting_template(tmp_path), case, bank)
    assert "‘The words of the judgment are read in the judgment itself.’[^1]" in draft.markdown
    assert "[^1]: *Re X (A Child)* \\[2020\\] EWCA Civ 1 \\[44\\]." in draft.markdown


@pytest.mark.parametrize(("cited", "check"), [("[44]", "ok"), ("[45]", "wrong_pinpoint")])
def test_the_audit_reads_a_judgments_paragraph_pinpoint(bank_folder, tmp_path, cited, check):
    bank = load_bank(bank_folder)
    case = load_case(with_case(tmp_path), bank)
    markdown = render_draft(quoting_template(tmp_path), case, bank).markdown
    draft = write_docx(markdown.replace("\\[44\\]", f"\\{cited[:-1]}\\]"), tmp_path / "d.docx")
    (line,) = audit_docx(draft, bank_folder, None).lines
    assert (line.source_id, str(line.citation)) == ("re-x-2020", check)


def citing_template(tmp_path: Path) -> Path:
    """The judgment quoted, then another paragraph, then a report, then the judgment again."""
    template = tmp_path / "cites.md.j2"
    template.write_text(
        textwrap.dedent(
            """\
            # Law

            1. The court said {{ quote('re-x-2020-44') }}

            1. It added {{ quote('re-x-2020-45') }}

            1. Ofsted found {{ quote('th17-lscb-inadequate', sentences=1) }}

            1. As the court said, {{ quote('re-x-2020-44') }}
            """
        ),
        encoding="utf-8",
    )
    return template


@pytest.mark.parametrize(
    ("citations", "expected"),
    [
        (
            "footnotes",
            [
                "[^1]: *Re X (A Child)* \\[2020\\] EWCA Civ 1 \\[44\\].",
                "[^2]: ibid \\[45\\].",
                "[^3]: Ofsted, ‘London Borough of Tower Hamlets",
                "[^4]: *Re X* (n 1) \\[44\\].",
            ],
        ),
        (
            "inline",
            [
                "(*Re X (A Child)* \\[2020\\] EWCA Civ 1 \\[44\\])",
                "(*Re X* at \\[45\\])",
                "(*Re X* at \\[44\\])",
            ],
        ),
    ],
)
def test_a_judgment_cited_again_takes_the_short_form_and_ibid(
    bank_folder, tmp_path, citations, expected
):
    bank = load_bank(bank_folder)
    case = load_case(with_case(tmp_path), bank)
    markdown = render_draft(citing_template(tmp_path), case, bank, citations=citations).markdown
    at = 0
    for text in expected:
        found = markdown.find(text, at)
        assert found > at, (text, markdown)
        at = found
    assert markdown.count("EWCA Civ 1") == 1


def test_a_judgments_short_name_is_defined_where_the_case_name_does_not_begin_with_it(
    bank_folder, tmp_path
):
    path = bank_folder / "re-x-2020.yaml"
    path.write_text(JUDGMENT.replace("short_name: Re X", "short_name: X"), encoding="utf-8")
    bank = load_bank(bank_folder)
    case = load_case(with_case(tmp_path), bank)
    markdown = render_draft(citing_template(tmp_path), case, bank).markdown
    assert "[^1]: *Re X (A Child)* \\[2020\\] EWCA Civ 1 \\[44\\] (*X*)." in markdown
    assert "[^4]: *X* (n 1) \\[44\\]." in markdown


@pytest.mark.parametrize(
    ("citations", "edit", "detail"),
    [
        ("footnotes", None, None),
        ("inline", None, None),
        ("footnotes", ("(n 1) \\[44\\]", "(n 1) \\[45\\]"), "the words are at [44]"),
        ("footnotes", ("ibid \\[45\\]", "ibid \\[46\\]"), "the words are at [45]"),
        ("inline", ("at \\[44\\]", "at \\[45\\]"), "the words are at [44]"),
    ],
    ids=["footnotes", "inline", "short-form-wrong", "ibid-wrong", "inline-short-form-wrong"],
)
def test_the_audit_reads_a_judgments_short_form_and_ibid(
    bank_folder, tmp_path, citations, edit, detail
):
    bank = load_bank(bank_folder)
    case = load_case(with_case(tmp_path), bank)
    markdown = render_draft(citing_template(tmp_path), case, bank, citations=citations).markdown
    if edit is not None:
        assert markdown.count(edit[0]) == 1
        markdown = markdown.replace(*edit)
    draft = write_docx(markdown, tmp_path / "d.docx")
    lines = audit_docx(draft, bank_folder, None).lines
    judgment = [line for line in lines if line.source_id == "re-x-2020"]
    assert len(judgment) == 3
    failing = [line for line in lines if str(line.citation) != "ok"]
    if detail is None:
        assert not failing
        return
    (line,) = failing
    assert (line.source_id, str(line.citation)) == ("re-x-2020", "wrong_pinpoint")
    assert line.detail.endswith(detail)
    assert line.pinpoint == detail.removeprefix("the words are at ")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("(Re X at [44])", ["re-x-2020"]),
        ("Re X (n 1) [44]", ["re-x-2020"]),
        ("(a rare x factor)", []),
        ("(where care xrays were read)", []),
    ],
    ids=["short-form", "note-short-form", "inside-a-word-before", "inside-words"],
)
def test_a_judgments_short_name_is_read_as_a_whole_word_only(bank_folder, text, named):
    """'Re X' inside 'a rare x factor' is no citation: a bracket after a quotation that
    merely holds the letters would otherwise be read as one, and its words left unchecked."""
    names = SourceNames(load_bank(bank_folder).sources)
    assert names.named(text)[0] == named
