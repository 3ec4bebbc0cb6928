"""The HTML pages as a browser without JavaScript gets them: every form posts and answers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from markupsafe import escape
from starlette.testclient import TestClient

import carecite
from carecite.resources import shipped_dir
from tests.web.conftest import CSRF, SAME_ORIGIN
from tests.web.test_api import edited_draft

EXAMPLE = (shipped_dir("examples") / "re-a-tower-hamlets.yaml").read_text(encoding="utf-8")


def _hit_ids(html: str) -> list[str]:
    return re.findall(r'<span class="id">([\w-]+)</span>', html)


def test_the_search_page_finds_the_lscb_finding_first_for_a_misspelling(
    browser: TestClient,
) -> None:
    page = browser.get("/search?q=lscb+inadequat")
    assert page.status_code == 200
    assert _hit_ids(page.text)[0] == "th17-lscb-inadequate"
    assert "<mark>LSCB</mark>" in page.text and "“inadequat” → inadequate" in page.text
    assert "Ofsted 2017 report, p 31" in page.text  # the practitioner citation
    assert "Pinpoint checked against the report." in page.text


def test_search_filters_narrow_the_results(browser: TestClient) -> None:
    everything = _hit_ids(browser.get("/search?q=lscb&limit=100").text)
    only_2017 = _hit_ids(
        browser.get("/search?q=lscb&since=2017-01-01&until=2017-12-31&limit=100").text
    )
    assert only_2017 and set(only_2017) < set(everything)
    assert all(i.startswith("th17-") for i in only_2017)


def test_a_bad_filter_is_said_on_the_page(browser: TestClient) -> None:
    page = browser.get("/search?q=lscb&authority=Atlantis")
    assert page.status_code == 200
    assert 'class="problems"' in page.text and "Atlantis" in page.text


def test_as_you_type_gets_only_the_results(browser: TestClient) -> None:
    fragment = browser.get("/search?q=lscb&partial=1").text
    assert "<html" not in fragment and _hit_ids(fragment)


def test_an_unknown_passage_id_is_not_found_where_a_search_escapes(browser: TestClient) -> None:
    page = browser.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text


def test_the_passage_page(browser: TestClient) -> None:
    page = browser.get("/passage/th17-p20-assessments")
    assert page.status_code == 200
    bank = carecite.load_bank(carecite.shipped_bank())
    passage = bank.passage("th17-p20-assessments")
    for style in ("oscola", "practitioner"):
        citation = carecite.format_citation([passage], bank.sources, style=style).text
        assert str(escape(citation)) in page.text
    assert "checked against the report itself" in page.text
    assert "7 April 2017" in page.text
    # no reports folder was given: no PDF to show
    assert "<iframe" not in page.text


def test_the_passage_page_shows_the_report_pdf_at_its_page(tmp_path: Path) -> None:
    import carecite
    from carecite.web.actions import Site
    from carecite.web.app import create_app
    from carecite.web.security import Policy, served_hosts
    from tests.web.conftest import ORIGIN, PORT, TOKEN

    bank = carecite.load_bank(carecite.shipped_bank())
    source = bank.sources["ofsted-tower-hamlets-2017"]
    assert source.report_file
    (tmp_path / source.report_file).write_bytes(b"%PDF-1.4 test")
    app = create_app(
        Site(carecite.shipped_bank(), tmp_path), Policy(TOKEN, served_hosts("127.0.0.1", PORT))
    )
    with TestClient(app, base_url=ORIGIN) as client:
        page = client.get(
            "/passage/th17-p20-assessments", headers={"Authorization": f"token {TOKEN}"}
        )
        assert (
            '<iframe class="pdf no-print" title="The report at page 13" src="/report/ofsted-tower-hamlets-2017#page=13">'
            in page.text
        )
        pdf = client.get(
            "/report/ofsted-tower-hamlets-2017", headers={"Authorization": f"token {TOKEN}"}
        )
        assert pdf.content == b"%PDF-1.4 test"
        assert pdf.headers["content-type"] == "application/pdf"


def test_the_draft_page_starts_from_the_example_case(browser: TestClient) -> None:
    page = browser.get("/draft")
    assert "ZE17C00000" in page.text
    assert f'action="/draft?csrf={CSRF}"' in page.text
    assert '<label for="case">' in page.text and '<label for="template">' in page.text


def _post(browser: TestClient, **fields: str | list[str]) -> object:
    return browser.post(
        "/draft", data={"template": "skeleton-argument", **fields}, headers=SAME_ORIGIN
    )


def test_the_draft_form_checks_downloads_and_saves(browser: TestClient) -> None:
    checked = _post(browser, case=EXAMPLE, action="check")
    assert checked.status_code == 200 and "The case file is sound" in checked.text
    made = _post(browser, case=EXAMPLE, action="download")
    assert made.headers["content-disposition"] == 'attachment; filename="skeleton-argument.docx"'
    assert docx.Document(io.BytesIO(made.content)).paragraphs
    saved = _post(browser, case=EXAMPLE, action="save")
    assert saved.content.decode() == EXAMPLE
    assert saved.headers["content-disposition"] == 'attachment; filename="case.yaml"'


def test_a_bad_case_is_shown_beside_its_line(browser: TestClient) -> None:
    bad = EXAMPLE.replace("case_number: ZE17C00000", "case_number:")
    page = _post(browser, case=bad, action="download")
    assert page.status_code == 422
    line = bad.splitlines().index("case_number:") + 1
    assert f'<li id="line-{line}" class="bad"' in page.text
    assert f'<a href="#line-{line}">line {line}</a> <code>case_number</code>' in page.text
    assert "ZE17C00000" not in page.text  # the user's text is kept as they left it
    assert 'aria-invalid="true"' in page.text


def test_passages_are_found_and_added_to_the_case(browser: TestClient) -> None:
    case = EXAMPLE.replace("    - th17-lscb-inadequate\n", "")
    found = _post(browser, case=case, action="find", find="lscb inadequat")
    assert 'name="pick" value="th17-lscb-inadequate"' in found.text
    added = _post(
        browser, case=case, action="add", find="lscb inadequat", pick=["th17-lscb-inadequate"]
    )
    assert added.status_code == 200, added.text
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", added.text, re.S).group(1)
    assert "    - th17-lscb-inadequate" in textarea
    assert "The case file is sound" in added.text


def test_a_saved_case_file_opens_in_the_builder(browser: TestClient) -> None:
    page = browser.post(
        "/draft/open",
        files={"file": ("mine.yaml", EXAMPLE.replace("ZE17C00000", "ZE17C00042").encode())},
        headers=SAME_ORIGIN,
    )
    assert page.status_code == 200 and "ZE17C00042" in page.text
    bad = browser.post(
        "/draft/open", files={"file": ("mine.yaml", b"\xff\xfe")}, headers=SAME_ORIGIN
    )
    assert bad.status_code == 422 and "not UTF-8" in bad.text


def test_the_audit_page_flags_the_edited_quotation_and_offers_the_report(
    browser: TestClient, tmp_path: Path
) -> None:
    content, _ = edited_draft(tmp_path)
    page = browser.post("/audit", files={"file": ("edited.docx", content)}, headers=SAME_ORIGIN)
    assert page.status_code == 200
    assert page.text.count('<tr class="flagged">') == 1
    assert "purple" in page.text
    key = re.search(r'href="/audit/([\w-]+)/cite-check.docx"', page.text).group(1)
    markdown = browser.get(f"/audit/{key}/cite-check.md")
    assert markdown.headers["content-disposition"] == 'attachment; filename="edited-cite-check.md"'
    assert "purple" in markdown.text
    word = browser.get(f"/audit/{key}/cite-check.docx")
    assert docx.Document(io.BytesIO(word.content)).tables


def test_the_audit_page_says_what_is_wrong_with_an_upload(browser: TestClient) -> None:
    page = browser.post(
        "/audit", files={"file": ("notes.docx", b"plain text")}, headers=SAME_ORIGIN
    )
    assert page.status_code == 422 and 'class="problems"' in page.text


def test_check_runs_the_whole_draft_as_the_cli_does(browser: TestClient) -> None:
    """The page limit is checked by Check, not only on download."""
    case = "page_limit: 1\n" + EXAMPLE
    refused = _post(browser, case=case, action="check")
    assert refused.status_code == 422 and "over its limit of 1" in refused.text
    allowed = _post(browser, case=case, action="check", allow_over_length="1")
    assert allowed.status_code == 200 and "The case file is sound" in allowed.text
    assert "over its limit of 1" in allowed.text  # kept as a warning to see
    assert 'id="allow_over_length" name="allow_over_length" value="1" checked' in allowed.text


def _textarea(html: str) -> str:
    from html import unescape

    return unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1))


def test_case_details_from_the_form_are_written_where_they_stand(browser: TestClient) -> None:
    page = _post(
        browser,
        case=EXAMPLE,
        action="apply",
        **{"detail.case_number": "ZE17C00042", "was.case_number": "ZE17C00000"},
    )
    assert page.status_code == 200 and "The case file is sound" in page.text
    assert _textarea(page.text) == EXAMPLE.replace(
        "case_number: ZE17C00000", "case_number: ZE17C00042"
    )


def test_an_edit_in_the_yaml_is_not_undone_by_the_form(browser: TestClient) -> None:
    edited = EXAMPLE.replace("case_number: ZE17C00000", "case_number: ZE17C00099")
    fields = {"detail.case_number": "ZE17C00000", "was.case_number": "ZE17C00000"}
    page = _post(browser, case=edited, action="check", **fields)
    assert _textarea(page.text) == edited


def test_a_bad_detail_is_shown_beside_its_field(browser: TestClient) -> None:
    page = _post(
        browser,
        case=EXAMPLE,
        action="apply",
        **{"detail.court.name": "", "was.court.name": "Family Court"},
    )
    assert page.status_code == 422
    field = re.search(r'<input id="(detail-\d+)" name="detail.court.name"[^>]*>', page.text, re.S)
    assert 'aria-invalid="true"' in field.group(0)
    beside = re.search(
        rf'<span class="field-problem" id="{field.group(1)}-problem">(.*?)</span>', page.text, re.S
    )
    assert beside and beside.group(1).strip()
