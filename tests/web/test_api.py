"""The JSON API: the objects of search --json, a passage, a draft, an audit."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
from click.testing import CliRunner
from starlette.testclient import TestClient

import carecite
from carecite.cli.app import cli
from carecite.resources import shipped_dir
from tests.conftest import plain_docx
from tests.web.conftest import AUTH, broken_bank, left_empty, make_client

EXAMPLE = shipped_dir("examples") / "re-a-tower-hamlets.yaml"
#: The example case with a finding whose quotation points back to words it leaves out.
POINTING_BACK = (
    EXAMPLE.read_text(encoding="utf-8")
    .replace(
        "      - th17-rec04-assessments-plans\n",
        "      - th17-hp-summary-weak-managerial-oversight\n",
    )
    .replace(
        "    - th17-rec04-assessments-plans\n", "    - th17-hp-summary-weak-managerial-oversight\n"
    )
)


def test_search_returns_the_objects_of_search_json(anonymous: TestClient) -> None:
    response = anonymous.get("/api/search?q=lscb+inadequat&limit=3", headers=AUTH)
    assert response.status_code == 200
    found = response.json()
    cli_json = CliRunner().invoke(
        cli, ["search", "lscb", "inadequat", "--limit", "3", "--json"], catch_exceptions=False
    )
    import json

    assert found == json.loads(cli_json.output)
    assert found[0]["id"] == "th17-lscb-inadequate"


def test_search_filters_and_their_errors(anonymous: TestClient) -> None:
    found = anonymous.get(
        "/api/search?theme=partnership&since=2017-01-01&limit=100", headers=AUTH
    ).json()
    assert found and all("partnership" in hit["themes"] for hit in found)
    bad = anonymous.get("/api/search?q=lscb&since=last+year", headers=AUTH)
    assert bad.status_code == 422
    assert bad.json()["errors"][0] == {
        "field": "since",
        "line": None,
        "message": "since must be a date",
        "hint": "write it as YYYY-MM-DD",
    }
    backwards = anonymous.get("/api/search?since=2020-01-01&until=2019-01-01", headers=AUTH)
    assert backwards.status_code == 422
    assert backwards.json()["errors"][0]["message"] == "since 2020-01-01 is after until 2019-01-01"
    unknown = anonymous.get("/api/search?q=lscb&theme=partnershp", headers=AUTH)
    assert unknown.status_code == 422
    assert "partnership" in unknown.json()["errors"][0]["hint"]


def test_a_passage_by_id_and_an_unknown_one(anonymous: TestClient) -> None:
    found = anonymous.get("/api/passages/th17-lscb-inadequate", headers=AUTH)
    assert found.status_code == 200
    assert found.json()["text"].startswith("The LSCB in Tower Hamlets is judged to be inadequate")
    missing = anonymous.get("/api/passages/th17-nothing", headers=AUTH)
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["field"] == "id"


def _document_xml(content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return package.read("word/document.xml")


def test_a_draft_is_the_document_the_cli_writes(anonymous: TestClient, tmp_path: Path) -> None:
    response = anonymous.post(
        "/api/draft",
        json={"template": "skeleton-argument", "case": EXAMPLE.read_text(encoding="utf-8")},
        headers=AUTH,
    )
    assert response.status_code == 200, response.text
    assert (
        response.headers["content-disposition"] == 'attachment; filename="skeleton-argument.docx"'
    )
    out = tmp_path / "skeleton.docx"
    CliRunner().invoke(
        cli, ["draft", "skeleton-argument", str(EXAMPLE), "-o", str(out)], catch_exceptions=False
    )
    assert _document_xml(response.content) == _document_xml(out.read_bytes())
    assert docx.Document(io.BytesIO(response.content)).paragraphs


def test_a_draft_s_warning_names_the_line_of_the_case_posted(anonymous: TestClient) -> None:
    """It named the server's temporary file (``/tmp/carecite-web-…/case.yaml:47``)."""
    body = {"template": "position-statement", "case": POINTING_BACK}
    made = anonymous.post("/api/draft", json=body, headers=AUTH)
    assert made.status_code == 200
    line = POINTING_BACK.splitlines().index("      - th17-hp-summary-weak-managerial-oversight") + 1
    (warning,) = [w for w in json.loads(made.headers["x-carecite-warnings"]) if "These" in w]
    assert warning.startswith(
        f"line {line} (issues.2.findings.0): the quotation of "
        "th17-hp-summary-weak-managerial-oversight begins ‘These …’"
    )
    assert warning.endswith(
        'or quote from words that name it (the finding\'s "start" or "sentence")'
    )


def test_a_draft_as_markdown_with_inline_citations(anonymous: TestClient) -> None:
    response = anonymous.post(
        "/api/draft",
        json={
            "template": "skeleton-argument",
            "case": EXAMPLE.read_text(encoding="utf-8"),
            "format": "md",
            "citations": "inline",
        },
        headers=AUTH,
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert "[^1]" not in response.text and "(Ofsted" in response.text


def test_a_broken_bank_file_is_named_with_its_line(tmp_path: Path) -> None:
    bank, broken, line = broken_bank(tmp_path)
    with make_client(bank=bank) as client:
        searched = client.get("/api/search?q=neglect", headers=AUTH)
        passage = client.get("/api/passages/th17-p20-assessments", headers=AUTH)
    assert searched.status_code == 422
    assert passage.status_code == 500  # the bank itself did not load
    for response in (searched, passage):
        (problem,) = response.json()["errors"]
        assert problem["message"].startswith(f"{broken.name}:{line}: ")
        assert "thirty" in problem["message"]
        assert problem["line"] is None  # not a line of anything the request sent


def test_a_bad_case_is_422_with_each_problem_at_its_field(anonymous: TestClient) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "    - th17-p20-assessments\n", "    - th17-p20-asessments\n"
    )
    line = text.splitlines().index("    - th17-p20-asessments") + 1
    response = anonymous.post(
        "/api/draft", json={"template": "skeleton-argument", "case": text}, headers=AUTH
    )
    assert response.status_code == 422
    (problem,) = response.json()["errors"]
    assert problem["line"] == line
    assert problem["field"].startswith("relied_on.passages.")
    assert "th17-p20-asessments" in problem["message"]
    assert "th17-p20-assessments" in problem["hint"]


def test_a_malformed_request_says_what_to_send(anonymous: TestClient) -> None:
    for body in (
        {"template": "skeleton-argument"},
        {"case": "x: 1", "template": 3},
        {"template": "skeleton-argument", "case": "", "format": "pdf"},
    ):
        response = anonymous.post("/api/draft", json=body, headers=AUTH)
        assert response.status_code == 422
        assert "send {" in response.json()["errors"][0]["hint"]
    response = anonymous.post("/api/draft", content=b"not json", headers=AUTH)
    assert response.status_code == 422


def edited_draft(folder: Path) -> tuple[bytes, str]:
    """The example skeleton with one quotation's word changed, as a lawyer might slip."""
    bank = carecite.load_bank(carecite.shipped_bank())
    rendered = carecite.render_draft("skeleton-argument", carecite.load_case(EXAMPLE, bank), bank)
    quote = next(q for q in rendered.quotations if len(q.split()) >= 8 and q in rendered.markdown)
    words = quote.split()
    edited = " ".join([*words[:4], "purple", *words[5:]])
    out = carecite.write_docx(rendered.markdown.replace(quote, edited, 1), folder / "edited.docx")
    return out.read_bytes(), edited


def test_an_audit_flags_the_edited_quotation(anonymous: TestClient, tmp_path: Path) -> None:
    content, _ = edited_draft(tmp_path)
    response = anonymous.post(
        "/api/audit", files={"file": ("my skeleton.docx", content)}, headers=AUTH
    )
    assert response.status_code == 200
    report = response.json()
    assert report["path"] == "my skeleton.docx"
    flagged = [q for q in report["quotations"] if q["failed"]]
    assert len(flagged) == 1 and "purple" in flagged[0]["quote"]
    assert flagged[0]["verdict"] == "altered"
    assert report["summary"]["need_attention"] == 1


def _signs_of_safety_draft(tmp_path: Path) -> bytes:
    """A one-paragraph draft quoting the Tower Hamlets 2017 report's words that its bank
    passages lack: without the report, its audit line is missing_report."""
    return plain_docx(
        tmp_path,
        "The ‘Signs of Safety’ approach was not reflected in assessments of risk "
        "(Ofsted 2017 report para 20 [F13]).",
    ).read_bytes()


def test_an_audit_says_where_a_report_goes_in_the_webs_words(
    anonymous: TestClient, tmp_path: Path
) -> None:
    content = _signs_of_safety_draft(tmp_path)  # and no reports folder
    response = anonymous.post("/api/audit", files={"file": ("draft.docx", content)}, headers=AUTH)
    (line,) = response.json()["quotations"]
    assert line["verdict"] == "missing_report"
    assert "in the reports/ folder of the bank carecite serve reads" in line["detail"]
    assert "--reports" not in line["detail"]


def test_an_audit_names_the_reports_folder_the_server_reads(tmp_path: Path) -> None:
    """Started with a reports folder (``serve --reports DIR``, or the bank's reports/), the
    step names that folder, which each cite-check reads: no bank to make, no restart."""
    reports = tmp_path / "my reports"
    reports.mkdir()
    content = _signs_of_safety_draft(tmp_path)
    with make_client(reports=reports) as client:
        response = client.post("/api/audit", files={"file": ("draft.docx", content)}, headers=AUTH)
    (line,) = response.json()["quotations"]
    assert line["verdict"] == "missing_report"
    assert (
        f"put ofsted-tower-hamlets-2017-04-07.pdf in {reports}, the reports folder"
        in (line["detail"])
    )
    assert "serve again" not in line["detail"] and "carecite init" not in line["detail"]


def test_an_audit_of_something_not_a_docx_is_422(anonymous: TestClient) -> None:
    response = anonymous.post(
        "/api/audit", files={"file": ("draft.docx", b"not a zip")}, headers=AUTH
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"
    assert anonymous.post("/api/audit", data={"x": "1"}, headers=AUTH).status_code == 422


def test_an_audit_of_a_pdf_says_what_it_is_and_where_a_report_goes(
    anonymous: TestClient,
) -> None:
    response = anonymous.post(
        "/api/audit", files={"file": ("report.pdf", b"%PDF-1.4\n%%EOF\n")}, headers=AUTH
    )
    assert response.status_code == 422
    (problem,) = response.json()["errors"]
    assert (problem["field"], problem["message"]) == (
        "file",
        "this is a PDF, not a Word document (.docx)",
    )
    assert problem["hint"].endswith(
        "if this is an Ofsted report, POST /api/import adds it to your bank"
    )


def test_a_draft_over_its_page_limit_is_refused_unless_allowed(anonymous: TestClient) -> None:
    case = "page_limit: 1\n" + EXAMPLE.read_text(encoding="utf-8")
    body = {"template": "skeleton-argument", "case": case}
    refused = anonymous.post("/api/draft", json=body, headers=AUTH)
    assert refused.status_code == 422
    (problem,) = refused.json()["errors"]
    assert "over its limit of 1" in problem["message"] and problem["line"] is None
    # What to do is said as a request says it: the field to send, not the CLI's flag.
    assert problem["hint"].endswith('; or send "allow_over_length": true')
    allowed = anonymous.post("/api/draft", json={**body, "allow_over_length": True}, headers=AUTH)
    assert allowed.status_code == 200
    warnings = json.loads(allowed.headers["x-carecite-warnings"])
    assert any("over its limit of 1" in w for w in warnings)  # as the CLI prints, for a script
    hearing = next(w for w in warnings if "this case's hearing is the" in w)
    assert hearing.endswith('send the right "template"') and "carecite templates" not in hearing
    assert not [w for w in warnings if "carecite-web-" in w or "case.yaml" in w]
    assert docx.Document(io.BytesIO(allowed.content)).paragraphs
    for flag in ("allow_over_length", "check_length"):
        wrong = anonymous.post("/api/draft", json={**body, flag: "yes"}, headers=AUTH)
        assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == flag


def test_an_audit_with_an_empty_file_field_is_told_to_send_the_file(anonymous: TestClient) -> None:
    answer = anonymous.post("/api/audit", **left_empty(AUTH))
    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {
            "field": "file",
            "line": None,
            "message": "no file in field 'file'",
            "hint": "send the .docx as file",
        }
    ]
