"""The shipped templates render every example: Markdown, Word (two readers) and PDF."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx2python import docx2python

from carecite.bank.load import load_bank
from carecite.cli.app import cli
from carecite.draft.audit.check import audit_docx
from carecite.draft.case import load_case
from carecite.draft.render import render_draft, template_catalogue
from tests.conftest import REPORTS, docx_to_pdf_text, needs_reports, needs_soffice

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SKELETON = EXAMPLES / "re-a-tower-hamlets.yaml"
STATEMENT = EXAMPLES / "re-a-statement.yaml"
CONTEMPT = (
    "I understand that proceedings for contempt of court may be brought against anyone who "
    "makes, or causes to be made, a false statement in a document verified by a statement of "
    "truth without an honest belief in its truth."
)
BELIEF = "I believe that the facts stated in this witness statement are true."
# Which templates each example is for.
PAIRS = [
    ("skeleton-argument", SKELETON),
    ("witness-statement", STATEMENT),
    ("witness-statement-section", STATEMENT),
]


@pytest.fixture(scope="module")
def bank():
    return load_bank(REPO / "quotes")


def rendered(bank, template, example):
    return render_draft(template, load_case(example, bank), bank)


def test_the_catalogue_lists_every_template_file():
    names = {t.name for t in template_catalogue()}
    assert names == {"skeleton-argument", "witness-statement", "witness-statement-section"}
    for t in template_catalogue():
        assert (REPO / "templates" / t.file).is_file()


@pytest.mark.parametrize(("template", "example"), PAIRS, ids=[p[0] for p in PAIRS])
def test_every_template_renders_its_example_to_markdown(bank, template, example):
    result = rendered(bank, template, example)
    case = load_case(example, bank)
    assert "{{" not in result.markdown and "{%" not in result.markdown
    for passage_id in case.passages:
        passage = bank.passages[passage_id]
        if template == "skeleton-argument":
            assert passage.text.replace("*", "\\*") in result.markdown, passage_id
    assert result.markdown.count("[^1]:") == 1


def test_the_skeleton_heading_title_and_structure(bank):
    md = rendered(bank, "skeleton-argument", SKELETON).markdown
    assert "**IN THE MATTER OF THE CHILDREN ACT 1989**" in md
    assert "**AND IN THE MATTER OF A and B (Children)**" in md
    assert "{.plain}\n| | |" in md
    assert (
        "**SKELETON ARGUMENT ON BEHALF OF THE CHILDREN’S GUARDIAN**\\\nfor the Issues Resolution Hearing on 12 June 2017"
        in md
    )
    headings = re.findall(r"^#+ (.+)$", md, flags=re.M)
    assert headings[:5] == [
        "Introduction",
        "Background",
        "The issues",
        "The law",
        "Submissions on the local authority’s inadequacy",
    ]
    for part in (
        "What Ofsted found",
        "What went wrong",
        "Why it was not spotted sooner",
        "The authority’s inspection history",
    ):
        assert part in headings
    # The inspection history stops at the hearing: no 2019 or 2025 report in a 2017 skeleton.
    assert "Ofsted 2019" not in md and "Ofsted 2025" not in md
    assert "Open Government Licence" in md


def test_the_statement_markings_and_statement_of_truth(bank):
    md = rendered(bank, "witness-statement", STATEMENT).markdown
    right = md.split(":::")[1]
    assert right.split("\\\n") == [
        " right\nOn behalf of the Children’s Guardian",
        "A. Brown",
        "1st",
        "Exhibit AB1",
        "5 June 2017\n",
    ]
    assert (
        "I, Alex Brown, of 1 Example Street, London E1 0AA, solicitor for the children's guardian at Example Solicitors LLP, will say as follows:"
        in md
    )
    assert "marked ‘AB1’" in md
    assert md.index(CONTEMPT) < md.index(BELIEF)
    assert ">" not in md.replace("<", "")  # no block quotations in a witness statement


# --- Word ---------------------------------------------------------------------------------------


def run_draft(template, example, out, *options, catch_exceptions=True):
    """``carecite draft TEMPLATE EXAMPLE -o OUT [options]`` on the shipped bank."""
    args = ["--bank", str(REPO / "quotes"), "draft", template, str(example), "-o", str(out)]
    return CliRunner().invoke(cli, [*args, *options], catch_exceptions=catch_exceptions)


def draft_docx(tmp_path, template, example, name="out.docx"):
    out = tmp_path / name
    result = run_draft(template, example, out, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out, result


def docx_texts(path: Path) -> tuple[list[str], str, str]:
    """Body paragraphs (python-docx), footnotes text (docx2python), all text (docx2python)."""
    body = [p.text for p in docx.Document(str(path)).paragraphs]
    with docx2python(path) as read:
        notes = read.footnotes_runs
        flat = "\n".join(
            "".join(run for run in paragraph)
            for table in notes
            for row in table
            for cell in row
            for paragraph in cell
        )
        return body, flat, read.text


@pytest.mark.parametrize(("template", "example"), PAIRS, ids=[p[0] for p in PAIRS])
def test_every_template_writes_word_with_passages_verbatim_and_pinpointed(
    tmp_path, bank, template, example
):
    out, result = draft_docx(tmp_path, template, example)
    body, notes, everything = docx_texts(out)
    joined = "\n".join(body)
    case = load_case(example, bank)
    for passage_id in case.passages:
        passage = bank.passages[passage_id]
        text = passage.text if template == "skeleton-argument" else passage.text.split(". ")[0]
        assert text in joined, passage_id
        assert text in everything, passage_id
    assert "ibid" in notes or template != "skeleton-argument"
    assert "Ofsted, 'London Borough of Tower Hamlets" in notes
    if template == "skeleton-argument":
        assert "para 23" in notes and "para 79" in notes and "(n 3)" in notes
        assert "warning: pinpoint of th12-p16-safeguarding-good" in result.output


def test_the_word_statement_has_its_markings_and_statement_of_truth_in_order(tmp_path):
    out, _ = draft_docx(tmp_path, "witness-statement", STATEMENT)
    body = [p.text for p in docx.Document(str(out)).paragraphs]
    joined = "\n".join(body)
    assert "On behalf of the Children’s Guardian" in body[0]
    assert "Exhibit AB1" in body[0] and "1st" in body[0]
    assert joined.index(CONTEMPT) < joined.index(BELIEF)
    assert "IN THE MATTER OF THE CHILDREN ACT 1989" in joined


def test_draft_refuses_to_overwrite(tmp_path):
    out = tmp_path / "taken.docx"
    out.write_bytes(b"the lawyer's own work")
    result = run_draft("skeleton-argument", SKELETON, out)
    assert result.exit_code == 2
    assert (
        f"error: {out}: already exists; nothing was written — choose another file name, or pass --force to replace it"
        in result.output
    )
    assert out.read_bytes() == b"the lawyer's own work"
    forced = run_draft("skeleton-argument", SKELETON, out, "--force")
    assert forced.exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_draft_markdown_format(tmp_path):
    out = tmp_path / "skeleton.md"
    result = run_draft("skeleton-argument", SKELETON, out, "--format", "md", catch_exceptions=False)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("::: center")


def test_a_bad_case_file_fails_with_exit_2_naming_field_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SKELETON.read_text(encoding="utf-8")
        .replace("case_number: ZE17C00000\n", "")
        .replace("- th17-p20-assessments", "- th17-p20-asessments"),
        encoding="utf-8",
    )
    out = tmp_path / "x.docx"
    result = CliRunner().invoke(
        cli,
        ["--bank", str(REPO / "quotes"), "draft", "skeleton-argument", str(bad), "-o", str(out)],
    )
    assert result.exit_code == 2
    assert (
        f"error: {bad}:5: missing required field 'case_number' — add 'case_number:'"
        in result.output
    )
    assert (
        "unknown passage 'th17-p20-asessments' — did you mean 'th17-p20-assessments'"
        in result.output
    )
    assert not out.exists()


def test_templates_command_lists_needs():
    result = CliRunner().invoke(cli, ["templates", "--json"], catch_exceptions=False)
    import json

    data = json.loads(result.output)
    statement = next(t for t in data if t["name"] == "witness-statement")
    assert "witness" in statement["needs"]


# --- PDF --------------------------------------------------------------------------------------------


def to_pdf(docx_path: Path) -> str:
    return " ".join(docx_to_pdf_text(docx_path).split())


@needs_soffice
def test_the_skeleton_as_pdf(tmp_path):
    out, _ = draft_docx(tmp_path, "skeleton-argument", SKELETON, "skeleton.docx")
    text = to_pdf(out)
    assert "IN THE MATTER OF THE CHILDREN ACT 1989" in text
    assert "SKELETON ARGUMENT ON BEHALF OF THE CHILDREN’S GUARDIAN" in text
    assert "1. This skeleton argument is filed on behalf of the Children’s Guardian" in text
    assert "(a) direct the local authority to file evidence" in text
    assert "There are widespread and serious failures in the services provided to children" in text
    assert "Ofsted 2017 report (n 3)" in text


@needs_soffice
def test_the_statement_as_pdf(tmp_path):
    out, _ = draft_docx(tmp_path, "witness-statement", STATEMENT, "statement.docx")
    text = to_pdf(out)
    assert "I, Alex Brown, of 1 Example Street" in text
    assert text.index(CONTEMPT) < text.index(BELIEF)
    assert "marked ‘AB1’" in text


def test_the_minimal_template_in_the_templates_readme_renders(tmp_path):
    """The example a template author copies from templates/README.md must work as shown."""
    readme = (REPO / "templates" / "README.md").read_text(encoding="utf-8")
    body = readme.split("```jinja\n", 1)[1].split("```", 1)[0]
    template = tmp_path / "mine.md.j2"
    template.write_text(body, encoding="utf-8")
    out = tmp_path / "mine.md"
    result = run_draft(str(template), SKELETON, out, "--format", "md", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    markdown = out.read_text(encoding="utf-8")
    assert markdown.startswith("# Ofsted's findings")
    chosen = load_case(SKELETON, load_bank(REPO / "quotes")).passages
    # One numbered paragraph and one citation note per chosen passage, then the placeholder.
    assert markdown.count("1. Ofsted found") == len(chosen)
    assert len(re.findall(r"^\[\^\d+\]: ", markdown, flags=re.M)) == len(chosen)
    assert "[what follows for this case]{.placeholder}" in markdown


# --- the drafts against the cite-check -------------------------------------------------------


def _edit_docx(path: Path, old: str, new: str) -> None:
    """Change ``old`` to ``new`` in the document's XML, as a hand edit in Word would."""
    with zipfile.ZipFile(path) as original:
        parts = {item: original.read(item) for item in original.namelist()}
    changed = False
    for name in ("word/document.xml", "word/footnotes.xml"):
        text = parts[name].decode("utf-8")
        if old in text:
            parts[name] = text.replace(old, new, 1).encode("utf-8")
            changed = True
            break
    assert changed, old
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as edited:
        for name, data in parts.items():
            edited.writestr(name, data)


@needs_reports
def test_the_audit_reports_exactly_the_hand_edited_quotation_and_pinpoint(tmp_path):
    out = tmp_path / "skeleton.docx"
    assert run_draft("skeleton-argument", SKELETON, out).exit_code == 0
    _edit_docx(out, "Senior leaders have not been effective", "Senior leaders have been effective")
    _edit_docx(out, "ibid para 23.", "ibid para 32.")
    report = audit_docx(out, REPO / "quotes", REPORTS)
    failing = [line for line in report.lines if line.failed]
    assert [(line.passage_id, line.verdict, line.citation) for line in failing] == [
        ("th17-p23-plo-pre-proceedings", "wrong_pinpoint", "wrong_pinpoint"),
        ("th17-exec-entrenched-culture", "altered", "ok"),
    ]
    assert "negation added or dropped" in failing[1].flags
    assert "the words are at page 14, para 23" in failing[0].detail


def test_the_law_section_cites_only_statutes(bank):
    # Report passages on the LSCB's statutory functions carry the statutory-framework
    # theme too; they belong in the submissions, not among the Acts.
    markdown = rendered(bank, "skeleton-argument", SKELETON).markdown
    law = markdown.split("## The law", 1)[1].split("## Submissions", 1)[0]
    assert "Children Act 2004, s 14: ‘for the purposes" in law
    assert "Local Government Act 1999, s 3: ‘make arrangements" in law
    assert "Inspection of services" not in law
    assert "\n> " not in law
