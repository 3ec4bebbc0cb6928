"""The report commands through click's runner: ingest, locate, verify, add, audit.

Success paths run with ``catch_exceptions=False``; error paths exit 2 with one ``error:``
line on stderr, nothing on stdout and nothing written.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from carecite.bank.load import load_bank
from carecite.cli.app import cli
from tests.conftest import REPORTS, BankMaker, needs_reports
from tests.reports.test_ingest import write_text_report
from tests.reports.test_verify import PAGES, SOURCE, THEMES, passage

GOOD = [
    ("x-plans", "Managers have not ensured that plans are reviewed.", 2, None),
    ("x-seen", "Inspectors found that 25 children had not been seen.", 3, 1),
]
BANK_FILE = "example-2017.yaml"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CARECITE_REPORTS", raising=False)


def bank_yaml(rows: list[tuple[str, str, int, int | None]] = GOOD) -> str:
    return SOURCE.format(report_file="example.txt") + "".join(passage(*row) for row in rows)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A reports folder holding the three-page text report the bank quotes."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "example.txt").write_text("\f".join(PAGES), encoding="utf-8")
    return folder


@pytest.fixture
def bank(make_bank: BankMaker, reports: Path) -> Path:
    """A bank of two passages, both exact with right pinpoints in ``reports``."""
    return make_bank({BANK_FILE: bank_yaml()}, themes=THEMES)


def ok(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def fails(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    return result


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- ingest ---------------------------------------------------------------------------------


def test_ingest_text_report(tmp_path: Path) -> None:
    result = ok("ingest", str(write_text_report(tmp_path)))
    lines = result.stdout.splitlines()
    assert lines[0] == "3 pages, 4 numbered paragraphs"
    assert lines[1].startswith("para   1  p   3  Ensure that managers review plans")
    assert lines[4] == "para   4  p   4  Children in care are well supported by their carers."


def test_ingest_json(tmp_path: Path) -> None:
    data = json.loads(ok("ingest", str(write_text_report(tmp_path)), "--json").stdout)
    assert {"pages", "paragraphs", "sections"} <= set(data)
    assert data["pages"] == 3
    assert [(p["number"], p["page"], p["section"]) for p in data["paragraphs"]] == [
        (1, 3, "Recommendations"),
        (2, 3, "Recommendations"),
        (3, 3, "Help and protection"),
        (4, 4, "Help and protection"),
    ]
    assert "The local authority has not acted quickly." in data["paragraphs"][2]["text"]
    assert data["sections"] == ["Executive summary", "Recommendations", "Help and protection"]


@needs_reports
def test_ingest_real_report() -> None:
    path = REPORTS / "ofsted-tower-hamlets-2019-07-22.pdf"
    data = json.loads(ok("ingest", str(path), "--json").stdout)
    assert data["pages"] == 12
    assert [p["number"] for p in data["paragraphs"]] == list(range(1, 48))
    assert data["paragraphs"][24]["page"] == 7
    assert ok("ingest", str(path)).stdout.startswith("12 pages, 47 numbered paragraphs\n")


def test_html_saved_as_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"<!DOCTYPE html><html><body>Ofsted</body></html>")
    message = (
        f"error: {path}: is a web page saved with a .pdf name, not a PDF — download the PDF "
        "itself from files.ofsted.gov.uk (the 'Download' link)\n"
    )
    assert fails("ingest", str(path)).stderr == message
    assert fails("locate", str(path), "Ofsted").stderr == message
    assert not (tmp_path / "cache").exists()


def test_missing_report(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.pdf"
    assert fails("ingest", str(path)).stderr == (
        f"error: {path}: report file not found — check the file name and its folder\n"
    )


# --- locate ---------------------------------------------------------------------------------

LOCATE_KEYS = {"match", "page", "paragraph", "section", "diff"}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            "Managers have not ensured that plans are reviewed",
            {"match": "exact", "page": 2, "paragraph": None, "section": "Executive summary"},
        ),
        (
            "The local authority has not acted quickly.",
            {"match": "exact", "page": 3, "paragraph": 1, "section": "Findings", "diff": None},
        ),
        (
            "Managers have ensured that plans are reviewed",
            {"match": "altered", "page": 2, "diff": "[-not-]"},
        ),
        (
            "Llamas graze peacefully on the moon tonight.",
            {"match": "not_found", "page": None, "paragraph": None, "section": None},
        ),
    ],
    ids=["exact-unnumbered", "exact-across-page-break", "altered", "not-found"],
)
def test_locate_json(reports: Path, words: str, expected: dict[str, object]) -> None:
    args = ["locate", str(reports / "example.txt"), words, "--json"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    # Like grep: 0 when the words are in the report exactly, 1 when altered or not found.
    assert result.exit_code == (0 if expected["match"] == "exact" else 1)
    data = json.loads(result.stdout)
    assert set(data) == LOCATE_KEYS
    assert {key: data[key] for key in expected} == expected


def test_locate_text_shows_the_flag(reports: Path) -> None:
    args = ["locate", str(reports / "example.txt"), "Staff turnover reached 35% in 2016."]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "altered",
        "page 4, para 1 (Findings)",
        "diff: [-30-]{+35+}  [changed number]",
    ]


# --- verify ---------------------------------------------------------------------------------


def test_verify_good_bank_exits_0(bank: Path, reports: Path) -> None:
    result = ok("--bank", str(bank), "verify", "--reports", str(reports))
    assert result.stdout == "2 exact\n"


@pytest.mark.parametrize(
    ("old", "new", "pid", "verdict"),
    [
        (
            "have not ensured",
            "have ensured",
            "x-plans",
            "altered: altered at page 2, Executive summary: negation added or dropped: [-not-]",
        ),
        ("page: 3\n", "page: 2\n", "x-seen", "wrong_pinpoint: wrong pinpoint: page 2 should be 3"),
    ],
    ids=["dropped-not", "wrong-page"],
)
def test_verify_failure_exits_1(
    make_bank: BankMaker, reports: Path, old: str, new: str, pid: str, verdict: str
) -> None:
    text = bank_yaml()
    assert text.count(old) == 1
    folder = make_bank({BANK_FILE: text.replace(old, new)}, themes=THEMES)
    result = CliRunner().invoke(cli, ["--bank", str(folder), "verify", "--reports", str(reports)])
    assert result.exit_code == 1, result.output
    where = f"{folder / BANK_FILE}:{line_of(text, f'- id: {pid}')}"
    lines = result.stdout.splitlines()
    assert lines[0] == f"{where}: {pid}: {verdict}"
    assert len(lines) == 2  # the one failure, then the counts


def test_verify_says_a_report_not_held_once_after_the_banks_results(
    make_bank: BankMaker, reports: Path
) -> None:
    """In a bank of one's own, each passage of a shipped report not in the user's reports
    folder was a missing_report line, hundreds of them before and among the user's results."""
    unheld = SOURCE.format(report_file="another-2015.pdf")
    for old, new in [
        ("example-2017", "another-2015"),
        ("Example Borough", "Another Borough"),
        ("2017-04-07", "2015-03-02"),
        ("Ofsted 2017 report", "Ofsted 2015 report"),
    ]:
        unheld = unheld.replace(old, new)
    unheld += "".join(passage(f"y-{n}", f"Words {n}.", 2, None) for n in (1, 2, 3))
    text = bank_yaml().replace("have not ensured", "have ensured")
    folder = make_bank({"another-2015.yaml": unheld, BANK_FILE: text}, themes=THEMES)
    args = ["--bank", str(folder), "verify", "--reports", str(reports)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        f"{folder / BANK_FILE}:{line_of(text, '- id: x-plans')}: x-plans: altered: altered at "
        "page 2, Executive summary: negation added or dropped: [-not-]",
        f"another-2015.pdf: missing_report: not in {reports}, so 3 passages of Ofsted 2015 "
        f"report went unchecked — put the PDF in {reports} to check them",
        "3 missing_report, 1 altered, 1 exact",
    ]
    records = json.loads(CliRunner().invoke(cli, [*args, "--json"]).stdout)
    assert [r["verdict"] for r in records if r["source"] == "another-2015"] == [
        "missing_report"
    ] * 3


def test_verify_json(make_bank: BankMaker, reports: Path) -> None:
    folder = make_bank({BANK_FILE: bank_yaml().replace("page: 3\n", "page: 2\n")}, themes=THEMES)
    args = ["--bank", str(folder), "verify", "--reports", str(reports), "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    records = {r["passage"]: r for r in json.loads(result.stdout)}
    assert records["x-plans"]["verdict"] == "exact"
    assert records["x-seen"]["verdict"] == "wrong_pinpoint"
    assert (records["x-seen"]["location"]["page"], records["x-seen"]["location"]["paragraph"]) == (
        3,
        1,
    )


def test_verify_non_pdf_report(make_bank: BankMaker, tmp_path: Path) -> None:
    folder = make_bank({BANK_FILE: bank_yaml().replace("example.txt", "report.pdf")}, themes=THEMES)
    reports = tmp_path / "html"
    reports.mkdir()
    (reports / "report.pdf").write_text("<html><body>Not found</body></html>", encoding="utf-8")
    result = fails("--bank", str(folder), "verify", "--reports", str(reports))
    assert result.stderr == (
        f"error: {reports / 'report.pdf'}: is a web page saved with a .pdf name, not a PDF — "
        "download the PDF itself from files.ofsted.gov.uk (the 'Download' link)\n"
    )


def test_verify_missing_reports_folder(bank: Path, tmp_path: Path) -> None:
    missing = tmp_path / "elsewhere"
    result = fails("--bank", str(bank), "verify", "--reports", str(missing))
    assert result.stderr == (
        f"error: {missing}: reports folder not found — pass --reports DIR or set "
        "CARECITE_REPORTS to the folder of report PDFs\n"
    )


# --- add ------------------------------------------------------------------------------------


def test_add_appends_and_preserves(bank: Path, reports: Path) -> None:
    file = bank / BANK_FILE
    before = file.read_bytes()
    result = ok(
        "--bank", str(bank), "add", "example-2017", "Staff turnover reached 30%",
        "--themes", "oversight", "--reports", str(reports),
    )  # fmt: skip
    # The new id takes the prefix the source's passages share ("x-plans", "x-seen").
    assert result.stdout == f"added x-p1 (page 4, para 1) to {file}\n"
    after = file.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].decode("utf-8") == (
        "  - id: x-p1\n"
        '    text: "Staff turnover reached 30%"\n'
        "    page: 4\n"
        "    paragraph: 1\n"
        '    section: "Findings"\n'
        "    themes: [oversight]\n"
        "    checked: report\n"
    )
    added = load_bank(bank).passage("x-p1")
    assert (added.text, added.page, added.paragraph) == ("Staff turnover reached 30%", 4, 1)
    assert ok("--bank", str(bank), "verify", "--reports", str(reports)).stdout == "3 exact\n"


@pytest.mark.parametrize(
    "empty", ["passages: []\n", "passages:\n", ""], ids=["flow", "null", "absent"]
)
def test_add_first_passage_of_a_source(make_bank: BankMaker, reports: Path, empty: str) -> None:
    # A new source file has no passages yet; the first `add` must still give valid YAML.
    header = SOURCE.format(report_file="example.txt").replace("passages:\n", empty)
    folder = make_bank({BANK_FILE: header}, themes=THEMES)
    ok(
        "--bank", str(folder), "add", "example-2017", "Staff turnover reached 30%",
        "--themes", "oversight", "--reports", str(reports),
    )  # fmt: skip
    written = (folder / BANK_FILE).read_text(encoding="utf-8")
    assert written.startswith(header.removesuffix(empty))
    assert [p.id for p in load_bank(folder).passages.values()] == ["e17-p1"]


# An ellipsis in the paragraph: ``normalise`` makes "…" three characters long.
ELLIPSIS_PAGES = [PAGES[0].replace("are reviewed.", "are reviewed … “in time”."), *PAGES[1:]]


@pytest.mark.parametrize(
    ("words", "options", "text"),
    [
        (
            "have not ensured that plans",
            ["--whole-sentence"],
            "Managers have not ensured that plans are reviewed … “in time”.",
        ),
        ('reviewed ... "in time"', [], "reviewed … “in time”"),
    ],
    ids=["whole-sentence", "report-typography"],
)
def test_add_beside_an_ellipsis(
    make_bank: BankMaker, tmp_path: Path, words: str, options: list[str], text: str
) -> None:
    reports = tmp_path / "ellipsis"
    reports.mkdir()
    (reports / "example.txt").write_text("\f".join(ELLIPSIS_PAGES), encoding="utf-8")
    folder = make_bank({BANK_FILE: bank_yaml()}, themes=THEMES)
    ok(
        "--bank", str(folder), "add", "example-2017", words, "--themes", "oversight",
        "--id", "x-new", "--reports", str(reports), *options,
    )  # fmt: skip
    assert load_bank(folder).passage("x-new").text == text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["exmple-2017", "Staff turnover reached 30%", "--themes", "oversight"],
            "error: no source with id 'exmple-2017' — did you mean 'example-2017'?\n",
        ),
        (
            ["example-2017", "Staff turnover reached 35%", "--themes", "oversight"],
            "error: {report}: the words are not in the report verbatim ([-30-]{{+35+}}) — copy "
            "the words exactly as printed; run 'carecite locate' to see the difference\n",
        ),
        (
            ["example-2017", "Staff turnover", "--themes", "oversight", "--id", "x-seen"],
            "error: passage id 'x-seen' is already used — pass another --id\n",
        ),
    ],
    ids=["unknown-source", "not-verbatim", "id-taken"],
)
def test_add_refuses_and_writes_nothing(
    bank: Path, reports: Path, args: list[str], message: str
) -> None:
    before = {p.name: p.read_bytes() for p in bank.iterdir()}
    result = fails("--bank", str(bank), "add", *args, "--reports", str(reports))
    assert result.stderr == message.format(report=reports / "example.txt")
    assert {p.name: p.read_bytes() for p in bank.iterdir()} == before


# --- audit ----------------------------------------------------------------------------------

EXACT_QUOTE = "Managers have not ensured that plans are reviewed."
EDITED_QUOTE = "Inspectors found that 25 children had been seen."  # "not" dropped


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph(f"Ofsted found that “{EXACT_QUOTE}” (Ofsted 2017 report, p 2) in 2017.")
    document.add_paragraph(f"It added that ‘{EDITED_QUOTE}’ (Ofsted 2017 report at [1]).")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    return path


def test_audit_reports_exactly_the_edited_quotation(bank: Path, reports: Path, draft: Path) -> None:
    args = ["--bank", str(bank), "audit", str(draft), "--reports", str(reports), "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    rows = data["quotations"]
    assert [(r["quote"], r["passage"], r["verdict"], r["citation"]) for r in rows] == [
        (EXACT_QUOTE, "x-plans", "exact", "ok"),
        (EDITED_QUOTE, "x-seen", "altered", "ok"),
    ]
    assert rows[1]["flags"] == ["negation added or dropped"]
    assert data["summary"]["verdicts"]["altered"] == 1
    assert data["summary"]["need_attention"] == 1


def test_audit_markdown(bank: Path, reports: Path, draft: Path) -> None:
    args = ["--bank", str(bank), "audit", str(draft), "--reports", str(reports)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[2] == (
        "2 quotations checked (words: 1 exact, 1 altered; citations: 2 ok); 1 needs attention: "
        "1 altered."
    )
    rows = [line for line in lines if line.startswith("| — |")]
    assert rows[0] == (
        f"| — | ‘{EXACT_QUOTE}’ | Ofsted 2017 report | page 2 | exact | ok | "
        "checked against the report |"
    )
    assert rows[1] == (
        f"| — | ‘{EDITED_QUOTE}’ | Ofsted 2017 report | page 3, para 1 | altered ✗ | ok | "
        "source ‘not’ → (nothing); negation added or dropped; checked against the report |"
    )
    assert "Checked by:" in result.stdout


@pytest.mark.parametrize(
    ("quoted", "exit_code", "verdict"), [("seen", 0, "exact"), ("unfound", 1, "not_found")]
)
def test_audit_checks_a_quoted_word_at_its_citation(
    bank: Path, reports: Path, tmp_path: Path, quoted: str, exit_code: int, verdict: str
) -> None:
    # Para 1 reads "Inspectors found that 25 children had not been seen."
    document = docx.Document()
    document.add_paragraph(f"The children had not been ‘{quoted}’ (Ofsted 2017 report, para 1).")
    document.add_paragraph("The ‘front door’ was slow.")
    path = tmp_path / "word.docx"
    document.save(str(path))
    args = ["--bank", str(bank), "audit", str(path), "--reports", str(reports), "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == exit_code, result.output
    data = json.loads(result.stdout)
    assert [(r["quote"], r["verdict"]) for r in data["quotations"]] == [(quoted, verdict)]
    assert data["summary"]["phrases_not_checked"] == 1
    # What to do, where the reader looks for it: it may be a scare quote, not a quotation.
    step = "if it is not a quotation (a scare quote or a term), take off its quotation marks"
    assert (step in (data["quotations"][0]["detail"] or "")) is (verdict == "not_found")
    out = tmp_path / "cite-check.md"
    args = ["--bank", str(bank), "audit", str(path), "--reports", str(reports), "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.stdout.endswith(
        f" attention{': 1 not found' if verdict == 'not_found' else ''}; 1 quoted phrase not checked (no citation of its own): confirm it is not "
        "meant as a quotation.\n"
    )


@pytest.mark.parametrize("option", ["--out", "-o"])
def test_audit_out_writes_and_refuses_to_overwrite(
    bank: Path, reports: Path, draft: Path, tmp_path: Path, option: str
) -> None:
    out = tmp_path / "audit.md"
    args = ["--bank", str(bank), "audit", str(draft), "--reports", str(reports), option, str(out)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 1
    assert first.stdout == (
        f"wrote {out}: 2 quotations checked (words: 1 exact, 1 altered; citations: 2 ok); "
        "1 needs attention: 1 altered.\n"
    )
    assert out.read_text(encoding="utf-8").startswith("# Cite-check: draft.docx\n")

    out.write_text("counsel's notes\n", encoding="utf-8")
    refused = fails(*args)
    assert refused.stderr == (
        f"error: {out}: already exists; nothing was written — choose another file name, "
        "or pass --force to replace it\n"
    )
    assert out.read_text(encoding="utf-8") == "counsel's notes\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".audit.md")] == []

    forced = CliRunner().invoke(cli, [*args, "--force"])
    assert forced.exit_code == 1
    assert out.read_text(encoding="utf-8").startswith("# Cite-check: draft.docx\n")


def test_audit_out_docx_is_a_landscape_word_cite_check_report(
    bank: Path, reports: Path, draft: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cite-check.docx"
    args = ["--bank", str(bank), "audit", str(draft), "--reports", str(reports), "--out", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 1
    document = docx.Document(str(out))
    assert document.core_properties.title == "Cite-check: draft.docx"
    section = document.sections[0]
    assert section.page_width > section.page_height
    texts = [p.text for p in document.paragraphs]
    summary = "2 quotations checked (words: 1 exact, 1 altered; citations: 2 ok); 1 needs attention"
    assert f"{summary}: 1 altered." in texts
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == [
        "para",
        "quotation",
        "source",
        "pinpoint",
        "words",
        "citation",
        "detail",
    ]
    assert rows[2][1:6] == [
        f"‘{EDITED_QUOTE}’",
        "Ofsted 2017 report",
        "page 3, para 1",
        "altered ✗",
        "ok",
    ]


def test_audit_passes_a_clean_draft(bank: Path, reports: Path, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(f"Ofsted found that “{EXACT_QUOTE}” (Ofsted 2017 report, p 2).")
    path = tmp_path / "clean.docx"
    document.save(str(path))
    ok("--bank", str(bank), "audit", str(path), "--reports", str(reports))


@pytest.mark.parametrize(
    ("after", "verdict"),
    [
        (" (Ofsted 2017 report, p 2).", "ok"),
        (" (Ofsted 2017 report, p 3).", "wrong_pinpoint"),
        (".", "no_citation"),
        (" (ibid p 2).", "no_citation"),
        (" (Ofsted 2017 report).", "no_pinpoint"),
    ],
    ids=["right-page", "wrong-page", "uncited", "ibid-with-nothing-before", "no-pinpoint"],
)
def test_audit_checks_the_citation_after_each_quotation(
    bank: Path, reports: Path, tmp_path: Path, after: str, verdict: str
) -> None:
    document = docx.Document()
    document.add_paragraph(f"Ofsted found that “{EXACT_QUOTE}”{after}")
    path = tmp_path / "cited.docx"
    document.save(str(path))
    args = ["--bank", str(bank), "audit", str(path), "--reports", str(reports), "--json"]
    result = CliRunner().invoke(cli, args)
    (row,) = json.loads(result.stdout)["quotations"]
    assert row["citation"] == verdict
    assert result.exit_code == (0 if verdict in ("ok", "no_pinpoint") else 1)


def test_audit_not_a_docx(bank: Path, reports: Path, tmp_path: Path) -> None:
    path = tmp_path / "draft.docx"
    path.write_text("not a word file", encoding="utf-8")
    result = fails("--bank", str(bank), "audit", str(path), "--reports", str(reports))
    assert result.stderr.startswith(f"error: {path}: cannot read the Word document (")
    assert result.stderr.endswith(" — give a .docx saved by Word, LibreOffice or carecite draft\n")


def test_audit_names_a_pdf_given_as_the_draft(
    make_bank: BankMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CARECITE_REPORTS", raising=False)
    bank = make_bank({BANK_FILE: bank_yaml()}, themes=THEMES)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    result = fails("--bank", str(bank), "audit", str(pdf))
    assert result.stderr.startswith(f"error: {pdf}: this is a PDF, not a Word document (.docx) — ")


def test_audit_without_a_reports_folder_checks_against_the_bank_and_says_so(
    make_bank: BankMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the Python API does: the words are checked against the bank's passages; that the
    PDFs were not read is said, with where the user's own PDFs go."""
    monkeypatch.delenv("CARECITE_REPORTS", raising=False)
    bank = make_bank({BANK_FILE: bank_yaml()}, themes=THEMES)
    assert not (bank / "reports").exists()
    document = docx.Document()
    document.add_paragraph(f"Ofsted found that “{EXACT_QUOTE}” (Ofsted 2017 report, p 2).")
    draft = tmp_path / "clean.docx"
    document.save(str(draft))
    result = ok("--bank", str(bank), "audit", str(draft), "--json")
    (row,) = json.loads(result.stdout)["quotations"]
    assert (row["verdict"], row["detail"]) == (
        "exact",
        "checked against the bank passage; the report is not held",
    )
    unread = (
        "no report PDF was read (no reports folder): each quotation was checked against the "
        "bank's passages only"
    )
    assert result.stderr == (
        f"warning: {unread}, not against the report PDFs — to check them against the PDFs "
        f"too, put the report PDFs in {bank / 'reports'}, or pass --reports DIR or set "
        "CARECITE_REPORTS=DIR to a folder of report PDFs\n"
    )
    # Every face's summary says it, not only the warning and each row.
    assert json.loads(result.stdout)["summary"]["not_checked"] == unread
    out = tmp_path / "cite-check.md"
    written = ok("--bank", str(bank), "audit", str(draft), "-o", str(out))
    assert written.stdout.endswith(f"; {unread}.\n")
    assert f"; {unread}." in out.read_text(encoding="utf-8")
    # After 'carecite init' the bank's reports/ folder is there, empty: said all the same.
    (bank / "reports").mkdir()
    empty = ok("--bank", str(bank), "audit", str(draft), "-o", str(tmp_path / "cc.docx"))
    said = unread.replace("no reports folder", "the reports folder is empty")
    assert empty.stdout.endswith(f"; {said}.\n")
    assert empty.stderr == (
        f"warning: {said}, not against the report PDFs — to check them against the PDFs too, "
        f"put the report PDFs in {bank / 'reports'}\n"
    )
    missing = tmp_path / "no-such-folder"
    named = fails("--bank", str(bank), "audit", str(draft), "--reports", str(missing))
    assert named.stderr.startswith(f"error: {missing}: reports folder not found — ")


@pytest.mark.parametrize("name", ["cite-check.pdf", "cite-check.doc", "cite-check"])
def test_audit_out_of_a_format_it_does_not_write_is_refused_before_the_work(
    bank: Path, reports: Path, draft: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    args = ["--bank", str(bank), "audit", str(draft), "--reports", str(reports), "-o", str(out)]
    result = fails(*args)
    assert result.stderr.startswith(
        f"error: {out}: carecite writes a Word document (.docx) or Markdown (.md), not a"
    )
    assert "soffice --headless --convert-to pdf" in result.stderr
    assert not out.exists()
