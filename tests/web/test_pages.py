"""The HTML pages as a browser without JavaScript gets them: every form posts and answers."""

from __future__ import annotations

import io
import re
import zipfile
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
import pytest
import yaml
from click.testing import CliRunner
from markupsafe import escape
from starlette.testclient import TestClient

import carecite
from carecite.cli.app import cli
from carecite.resources import shipped_dir
from tests.conftest import needs_soffice, plain_docx
from tests.web.conftest import CSRF, SAME_ORIGIN, TOKEN, broken_bank, left_empty, make_client
from tests.web.html_form import form_fields
from tests.web.test_api import POINTING_BACK, edited_draft

if TYPE_CHECKING:
    from httpx2 import Response

EXAMPLES = shipped_dir("examples")
EXAMPLE = (EXAMPLES / "re-a-tower-hamlets.yaml").read_text(encoding="utf-8")


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
    assert '<span class="authority">London Borough of Tower Hamlets</span>' in page.text
    assert "Pinpoint checked against the report." in page.text


def test_search_filters_narrow_the_results(browser: TestClient) -> None:
    everything = _hit_ids(browser.get("/search?q=lscb&limit=100").text)
    only_2017 = _hit_ids(
        browser.get("/search?q=lscb&since=2017-01-01&until=2017-12-31&limit=100").text
    )
    assert only_2017 and set(only_2017) < set(everything)
    assert all(i.startswith("th17-") for i in only_2017)


def test_a_theme_named_by_a_listed_word_is_the_theme_the_page_shows(
    browser: TestClient,
) -> None:
    """A link's "theme=PLO" filters by Pre-proceedings and the PLO, and the page's theme
    list says so, where it showed "any theme" beside a filtered list."""
    by_word = browser.get("/search?q=drift&theme=PLO&limit=100").text
    by_id = browser.get("/search?q=drift&theme=pre-proceedings&limit=100").text
    assert _hit_ids(by_word) == _hit_ids(by_id) != []
    assert '<option value="pre-proceedings" selected>' in by_word
    unknown = browser.get("/search?q=drift&theme=Atlantis").text
    assert 'class="problems"' in unknown and "no theme" in unknown


def test_a_full_page_of_hits_says_there_may_be_more_not_that_that_is_all(
    browser: TestClient,
) -> None:
    capped = unescape(browser.get("/search?q=drift&limit=3").text)
    assert "The first 3 passages for “drift”; there may be more" in capped
    assert "3 passages found" not in capped
    few = unescape(browser.get("/search?q=private+fostering+notifications&limit=100").text)
    assert re.search(r"\d+ passages? found for “private fostering notifications”\.", few)


def test_a_bad_filter_is_said_on_the_page(browser: TestClient) -> None:
    page = browser.get("/search?q=lscb&authority=Atlantis")
    assert page.status_code == 200
    assert 'class="problems"' in page.text and "Atlantis" in page.text


def test_a_search_without_a_word_is_said_not_answered_with_the_whole_bank(
    browser: TestClient,
) -> None:
    page = browser.get("/search?q=***").text
    assert "has no words to search for" in unescape(page) and not _hit_ids(page)


def test_a_refused_search_keeps_what_was_typed(browser: TestClient) -> None:
    page = browser.get("/search?q=drift&theme=workforce&authority=Norfolk&since=July").text
    assert "“Published from” must be a date" in unescape(page) and not _hit_ids(page)
    fields = form_fields(page, "search")
    assert (fields["q"], fields["theme"], fields["authority"]) == ("drift", "workforce", "Norfolk")


def test_search_dates_the_wrong_way_round_are_named_by_the_page_s_fields(
    browser: TestClient,
) -> None:
    page = browser.get("/search?q=drift&since=2020-01-01&until=2019-01-01").text
    said = unescape(page)
    assert "“Published from” 2020-01-01 is after “Published to” 2019-01-01" in said
    assert "--since" not in said and "--until" not in said
    assert form_fields(page, "search")["since"] == "2020-01-01"  # kept, to be swapped


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


def test_the_passage_page_gives_the_later_citation_with_its_note_and_unreviewed_themes(
    tmp_path: Path,
) -> None:
    """The later OSCOLA form refers to the first citation's note, "(n N)", as the CLI's
    `cite --short --note N` gives it; themes an import suggested say they are not reviewed,
    as `show` and the API (`themes_reviewed: false`) do."""
    import shutil

    bank = tmp_path / "bank"
    shutil.copytree(carecite.shipped_bank(), bank, ignore=shutil.ignore_patterns("reports"))
    source = bank / "ofsted-tower-hamlets-2017.yaml"
    text = source.read_text(encoding="utf-8")
    assert text.count("    checked: report\n") > 1
    source.write_text(
        text.replace(
            "    checked: report\n", "    checked: report\n    themes_reviewed: false\n", 1
        ),
        encoding="utf-8",
    )
    with make_client(bank=bank) as client:
        client.get(f"/?token={TOKEN}")
        unreviewed = client.get("/passage/th17-exec-widespread-failures").text
        reviewed = client.get("/passage/th17-p20-assessments").text
    later = re.search(r'<span class="citation" id="short">(.*?)</span>', reviewed)
    assert later is not None
    assert later.group(1) == "Ofsted 2017 report (n <var>N</var>) para 20"
    assert "(suggested by import; not yet reviewed)</dd>" in unreviewed
    assert "not yet reviewed" not in reviewed


@pytest.mark.parametrize(
    ("passage_id", "place"),
    [
        ("nf15-exec-cp-plans-end-early-missing", "pages 6–7"),
        ("th12-p16-safeguarding-good", "paras 16–17"),
        ("nf15-adoption-reports-lack-analysis", "pages 27–28, para 89"),
        ("th17-lscb-inadequate", "page 31"),
    ],
    ids=["pages", "paragraphs", "pages-and-a-paragraph", "one-page"],
)
def test_a_passage_s_place_is_worded_as_the_library_words_it(
    browser: TestClient, passage_id: str, place: str
) -> None:
    bank = carecite.load_bank(carecite.shipped_bank())
    passage = bank.passage(passage_id)
    titled = f"{bank.sources[passage.source].short_name}, {place}"
    page = unescape(browser.get(f"/passage/{passage_id}").text)
    assert re.search(r"<h1>(.*?)</h1>", page).group(1) == titled
    if passage.is_checked:
        assert f"checked against the report itself ({place})." in page
    results = unescape(
        browser.get("/search", params={"q": " ".join(passage.text.split()[:8]), "limit": 100}).text
    )
    listed = re.search(rf'<h2><a href="/passage/{passage_id}">(.*?)</a>', results)
    assert listed is not None and listed.group(1) == titled


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


def test_a_report_named_outside_the_reports_folder_is_not_served(tmp_path: Path) -> None:
    import shutil

    import carecite
    from carecite.web.actions import Site
    from carecite.web.app import create_app
    from carecite.web.security import Policy, served_hosts
    from tests.web.conftest import ORIGIN, PORT, TOKEN

    bank = tmp_path / "bank"
    shutil.copytree(carecite.shipped_bank(), bank, ignore=shutil.ignore_patterns("reports"))
    named = bank / "ofsted-tower-hamlets-2017.yaml"
    text = named.read_text(encoding="utf-8")
    named.write_text(
        text.replace("report_file: ofsted-tower-hamlets-2017-04-07.pdf", "report_file: ../x.pdf"),
        encoding="utf-8",
    )
    (tmp_path / "reports").mkdir()
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 not in the reports folder")
    app = create_app(
        Site(bank, tmp_path / "reports"), Policy(TOKEN, served_hosts("127.0.0.1", PORT))
    )
    with TestClient(app, base_url=ORIGIN) as client:
        auth = {"Authorization": f"token {TOKEN}"}
        page = client.get("/passage/th17-p20-assessments", headers=auth)
        assert page.status_code == 200 and 'class="pdf' not in page.text
        assert client.get("/report/ofsted-tower-hamlets-2017", headers=auth).status_code == 404


def test_a_bank_file_removed_or_edited_by_hand_shows_on_the_next_page(tmp_path: Path) -> None:
    """The server kept the bank it loaded first until an import: a file removed by hand
    still showed on the pages that read the bank (a user review)."""
    import os
    import shutil

    from carecite.web.actions import Site
    from carecite.web.app import create_app
    from carecite.web.security import Policy, served_hosts
    from tests.web.conftest import ORIGIN, PORT

    bank = tmp_path / "bank"
    shutil.copytree(carecite.shipped_bank(), bank, ignore=shutil.ignore_patterns("reports"))
    site = Site(bank)
    app = create_app(site, Policy(TOKEN, served_hosts("127.0.0.1", PORT)))
    with TestClient(app, base_url=ORIGIN) as client:
        auth = {"Authorization": f"token {TOKEN}"}
        assert client.get("/passage/th11-perform-well", headers=auth).status_code == 200
        (bank / "ofsted-tower-hamlets-2011.yaml").unlink()
        assert client.get("/passage/th11-perform-well", headers=auth).status_code == 404
    norfolk = bank / "ofsted-norfolk-2015.yaml"
    text = norfolk.read_text(encoding="utf-8")
    norfolk.write_text(text.replace('short_name: "', 'short_name: "Edited ', 1), "utf-8")
    os.utime(norfolk, ns=(1, 1))  # another time, whatever the clock's resolution
    assert site.bank().sources["ofsted-norfolk-2015"].short_name.startswith("Edited ")


def _document_xml(content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return package.read("word/document.xml")


def _opened(browser: TestClient, text: str) -> dict[str, str]:
    """The builder's form fields after opening ``text`` as a saved case file."""
    page = browser.post(
        "/draft/open", files={"file": ("mine.yaml", text.encode())}, headers=SAME_ORIGIN
    )
    assert page.status_code == 200, page.text
    return form_fields(page.text)


def _post(browser: TestClient, fields: dict[str, str], **more: str | list[str]) -> Any:
    return browser.post("/draft", data={**fields, **more}, headers=SAME_ORIGIN)


def _saved(browser: TestClient, fields: dict[str, str], **more: str | list[str]) -> Any:
    saved = _post(browser, fields, action="save", **more)
    assert saved.headers["content-disposition"] == 'attachment; filename="case.yaml"'
    return yaml.safe_load(saved.text)


def test_the_draft_page_starts_with_every_field_of_the_example_case(browser: TestClient) -> None:
    page = browser.get("/draft")
    assert f'action="/draft?csrf={CSRF}"' in page.text
    fields = form_fields(page.text)
    expected = {
        "case.court.sitting_at": "East London",
        "case.case_number": "ZE17C00000",
        "case.parents.1.relationship": "father",
        "case.children.1.initials": "B",
        "case.children.1.sex": "male",
        "case.acting_for": "guardian",
        "case.hearing.date": "2017-06-12",
        "case.issues.0.findings.0.passage": "th17-p20-assessments",
        "case.issues.0.findings.0.sentence": "2",
        "case.issues.0.findings.0.start": "the assessment quality",
        "case.issues.2.findings.0.passage": "th17-rec04-assessments-plans",
        "case.issues.2.sought": (
            "permission for an independent social work assessment of the mother, "
            "to be filed within six weeks"
        ),
        "case.bundle.essential_reading.3.ref": "F1",
        "case.bundle.sources.0.key": "ofsted-tower-hamlets-2017",
        "case.bundle.sources.0.value": "F1",
        "case.relied_on.themes.1": "pre-proceedings",
        "case.relied_on.passages.4": "th17-rec04-assessments-plans",
        "case.author.chambers": "Example Chambers",
    }
    assert {name: fields.get(name) for name in expected} == expected
    for path in ("court.name", "children.0.initials", "issues.0.position", "hearing.date"):
        assert f'<label for="f-{path}">' in page.text  # every field has its label


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_a_case_file_round_trips_through_the_form(browser: TestClient, example: str) -> None:
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    saved = _post(browser, _opened(browser, text), action="save").text
    assert yaml.safe_load(saved) == yaml.safe_load(text)
    header = text[: text.index("\ncourt:")]
    assert saved.startswith(header + "\n")  # the file's own comments come back at its top


def test_what_the_form_cannot_show_is_kept_for_the_check_to_report(browser: TestClient) -> None:
    text = EXAMPLE.replace("guardian: Ms G", "gaurdian: Ms G").replace(
        "{initials: B, sex: male}", "{initials: B, sex: male, nickname: Bobby}"
    )
    fields = _opened(browser, text)
    assert _saved(browser, fields) == yaml.safe_load(text)
    checked = _post(browser, fields, action="check")
    assert checked.status_code == 422
    problems = " ".join(re.findall(r'<span class="field-problem" id="([^"]+)"', checked.text))
    assert "f-children.1-problem" in problems  # the unknown key beside its child
    assert "gaurdian" in checked.text and "guardian" in checked.text  # did you mean


def test_a_case_the_form_cannot_show_opens_as_yaml_with_the_reason(browser: TestClient) -> None:
    text = EXAMPLE.replace("court:\n  name: Family Court\n  sitting_at: East London", "court: [x]")
    page = browser.post(
        "/draft/open", files={"file": ("mine.yaml", text.encode())}, headers=SAME_ORIGIN
    )
    assert page.status_code == 422
    assert "court is not a mapping of keys" in page.text
    assert _textarea(page.text) == text  # nothing lost: the text as it came
    back = _post(browser, form_fields(page.text), action="form")
    assert back.status_code == 422 and "court is not a mapping of keys" in back.text


def test_the_form_checks_and_downloads_the_document_the_cli_writes(
    browser: TestClient, tmp_path: Path
) -> None:
    norfolk = EXAMPLES / "re-c-norfolk.yaml"
    fields = _opened(browser, norfolk.read_text(encoding="utf-8"))
    checked = _post(browser, fields, template="skeleton-argument", action="check")
    assert checked.status_code == 200 and "The case file is sound" in checked.text
    made = _post(browser, fields, template="skeleton-argument", action="download")
    assert made.headers["content-disposition"] == 'attachment; filename="skeleton-argument.docx"'
    out = tmp_path / "skeleton.docx"
    CliRunner().invoke(
        cli, ["draft", "skeleton-argument", str(norfolk), "-o", str(out)], catch_exceptions=False
    )
    assert _document_xml(made.content) == _document_xml(out.read_bytes())


def _beside(html: str, path: str) -> str:
    """The problem shown beside the field at ``path`` ('' when none)."""
    found = re.search(
        rf'<span class="field-problem" id="f-{re.escape(path)}-problem">(.*?)</span>', html, re.S
    )
    return found.group(1).strip() if found else ""


def _field_tag(html: str, path: str) -> str:
    found = re.search(rf'<(?:input|textarea|select) id="f-{re.escape(path)}"[^>]*>', html, re.S)
    assert found, path
    return found.group(0)


def test_problems_are_shown_beside_their_fields_with_the_cli_s_messages(
    browser: TestClient, tmp_path: Path
) -> None:
    fields = form_fields(browser.get("/draft").text)
    bad = {
        **fields,
        "case.court.name": "",
        "case.children.1.initials": "",
        "case.hearing.date": "12/06/2017",
        "case.issues.1.findings.0.passage": "th17-no-such-passage",
    }
    page = _post(browser, bad, action="check")
    assert page.status_code == 422
    # The CLI's messages for the same case file, each beside its own field.
    saved = tmp_path / "case.yaml"
    saved.write_bytes(_post(browser, bad, action="save").content)
    with pytest.raises(carecite.CareciteError) as refused:
        carecite.load_case(saved, carecite.load_bank(carecite.shipped_bank()))
    said = {p.message for p in refused.value.problems}
    paths = ("court.name", "children.1.initials", "hearing.date", "issues.1.findings.0.passage")
    beside = {path: unescape(_beside(page.text, path)) for path in paths}
    assert all(beside.values()), beside
    assert all(any(message in text for message in said) for text in beside.values()), (said, beside)
    assert "12/06/2017" in beside["hearing.date"]
    assert "th17-no-such-passage" in beside["issues.1.findings.0.passage"]
    for path in paths:
        tag = _field_tag(page.text, path)
        assert 'aria-invalid="true"' in tag and f"f-{path}-problem" in tag
    # What the user typed is kept: a date the picker cannot show is shown as text.
    assert 'value="12/06/2017" type="text"' in _field_tag(page.text, "hearing.date")
    # The list at the top links each problem to its field by the form's words for it,
    # not the case file's dotted key ("children.1.initials").
    links = dict(re.findall(r'<li><a href="#f-([^"]+)">([^<]+)</a>:', page.text))
    assert unescape(links["children.1.initials"]) == "Child 2 › Initials"
    assert unescape(links["court.name"]) == "Court"
    assert not any("." in unescape(label) for label in links.values()), links


def test_rows_are_added_and_removed_without_javascript(browser: TestClient) -> None:
    fields = form_fields(browser.get("/draft").text)
    added = _post(browser, fields, action="add:children")
    assert '<input id="f-children.2.initials" name="case.children.2.initials" value=""' in (
        added.text
    )
    finding = _post(browser, form_fields(added.text), action="add:issues.1.findings")
    assert 'id="f-issues.1.findings.2.passage"' in finding.text
    removed = _post(browser, fields, action="remove:parents.0")
    after = form_fields(removed.text)
    assert after["case.parents.0.name"] == "Mr Y" and "case.parents.1.name" not in after
    # A row left blank is no row.
    assert _saved(browser, form_fields(added.text))["children"] == [
        {"initials": "A", "sex": "female"},
        {"initials": "B", "sex": "male"},
    ]


def test_rows_numbered_by_the_script_are_read_in_order(browser: TestClient) -> None:
    fields = form_fields(browser.get("/draft").text)
    fields.update({"case.children.7.initials": "D", "case.children.3.initials": "C"})
    assert [c["initials"] for c in _saved(browser, fields)["children"]] == ["A", "B", "C", "D"]


def test_passages_are_picked_into_the_chosen_issue(browser: TestClient) -> None:
    fields = form_fields(browser.get("/draft").text)
    found = _post(browser, fields, action="find", find="lscb inadequat")
    assert 'name="pick" value="th17-lscb-inadequate"' in found.text
    assert '<option value="1" >Issue 2: whether the pre-proceedings delay' in found.text
    picked = _post(
        browser, form_fields(found.text), action="pick", pick=["th17-lscb-inadequate"], into="1"
    )
    assert picked.status_code == 200
    case = _saved(browser, form_fields(picked.text))
    assert case["issues"][1]["findings"][-1] == "th17-lscb-inadequate"
    assert case["relied_on"]["passages"][-1] == "th17-lscb-inadequate"
    assert "th17-lscb-inadequate" not in str(case["issues"][0])
    # Picked again, nothing is added twice; into no issue, only relied on.
    again = _post(
        browser, form_fields(picked.text), action="pick", pick=["th17-lscb-inadequate"], into=""
    )
    case = _saved(browser, form_fields(again.text))
    assert case["relied_on"]["passages"].count("th17-lscb-inadequate") == 1
    assert str(case["issues"]).count("th17-lscb-inadequate") == 1


def test_find_looks_in_the_case_s_own_reports_and_offers_every_source(
    browser: TestClient,
) -> None:
    """Find looks first where Check accepts a passage without a reason: reports on the
    case's authority published by its hearing. Every source is offered plainly, and each
    passage found names its authority."""
    fields = form_fields(browser.get("/draft").text)  # Tower Hamlets, heard 12 June 2017
    own = _post(browser, fields, action="find", find="social workers caseloads")
    picked = re.findall(r'name="pick" value="([\w-]+)"', own.text)
    assert "th17-p90-workforce-instability" in picked
    assert not [p for p in picked if p.startswith(("nf", "th19-", "th25-"))]  # Norfolk, later
    shown = unescape(own.text)
    assert "found for “social workers caseloads” in reports on London Borough of Tower " in shown
    assert "th17-p90-workforce-instability — London Borough of Tower Hamlets: Ofsted 2017" in shown
    assert 'id="find-in-case" name="find_in" value="case" checked' in own.text
    everywhere = _post(browser, form_fields(own.text), action="find", find_in="everywhere")
    picked = re.findall(r'name="pick" value="([\w-]+)"', everywhere.text)
    assert picked[0] == "nf23-cl-pa-caseloads-relationships"
    assert "nf23-cl-pa-caseloads-relationships — Norfolk County Council: " in everywhere.text
    assert 'value="everywhere" checked' in everywhere.text  # kept for the next Find


def test_check_refuses_another_authority_s_passage_in_the_page_s_words(
    browser: TestClient,
) -> None:
    fields = form_fields(browser.get("/draft").text)
    rows = [k for k in fields if re.fullmatch(r"case\.relied_on\.passages\.\d+", k)]
    added = {f"case.relied_on.passages.{len(rows)}": "nf15-lac-iro-capacity"}
    page = _post(browser, {**fields, **added}, action="check")
    assert page.status_code == 422
    (problem,) = re.findall(r"<li>(.*?)</li>", _box(page.text, '<div class="problems"'), re.S)
    said = unescape(re.sub(r"<[^>]+>", "", problem))
    assert said.startswith(
        f"Relied on › Passage {len(rows) + 1}: passage nf15-lac-iro-capacity is from a report "
        "on Norfolk County Council (Ofsted Norfolk 2015 report), not on London Borough of "
        "Tower Hamlets, the case's local authority — take it out of “Relied on › Passages”"
    )
    assert "press “Add a reason” under “Relied on › Reasons”" in said
    assert "relied_on.reasons" not in said


def test_find_in_the_reports_of_an_authority_the_bank_lacks_says_so_at_its_field(
    browser: TestClient,
) -> None:
    fields = form_fields(browser.get("/draft").text)
    page = _post(
        browser,
        {**fields, "case.local_authority": "Knowsley"},
        action="find",
        find="social workers caseloads",
    )
    assert page.status_code == 422
    (problem,) = re.findall(r'<li><a href="#f-local_authority">(.*?)</li>', page.text, re.S)
    assert "the bank holds no sources about Knowsley" in unescape(problem)
    assert "the Import page adds a report to your bank" in unescape(problem)


def test_a_pick_shows_why_it_matched_and_a_pinpoint_not_checked(browser: TestClient) -> None:
    fields = form_fields(browser.get("/draft").text)
    # A statute is no authority's report: it is found among every source in the bank.
    found = _post(
        browser, fields, action="find", find="continuous improvment", find_in="everywhere"
    )
    hit = found.text[found.text.index('value="lga1999-s3-continuous-improvement"') :]
    hit = hit[: hit.index("</li>")]
    assert "not checked against the report" in hit  # a lawyer sees it before relying on it
    # The phrasing names its concept through the slip, and the reason is the words typed.
    assert "“continuous improvment” → continuous improvement <small>(typo)</small>" in hit


def test_download_shows_the_draft_s_warnings_before_the_file(browser: TestClient) -> None:
    fields = form_fields(browser.get("/draft").text)
    assert fields["template"] == "position-statement"  # what the example is written for
    # A skeleton argument for an issues resolution hearing draws the CLI's warning.
    page = _post(browser, {**fields, "template": "skeleton-argument"}, action="download")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "this case&#39;s hearing is the Issues Resolution Hearing" in page.text
    # The page names its own control, not the command the CLI's warning names.
    assert "choose the right document under “Template”" in unescape(page.text)
    assert "carecite templates" not in unescape(page.text)
    key = re.search(r'href="/draft/file/([\w-]+)"', page.text).group(1)
    made = browser.get(f"/draft/file/{key}")
    assert made.headers["content-disposition"] == 'attachment; filename="skeleton-argument.docx"'
    assert docx.Document(io.BytesIO(made.content)).paragraphs
    assert browser.get("/draft/file/not-a-key").status_code == 404


def _box(html: str, opening: str) -> str:
    """The ``<div>`` of the page that opens with ``opening``, up to its end."""
    box = html[html.index(opening) :]
    return box[: box.index("</div>")]


def test_a_misspelt_key_opened_is_one_problem_saying_where_to_correct_it(
    browser: TestClient,
) -> None:
    """It was two: the unknown key, and the key it misspells as a blank the form wrote."""
    statement = (EXAMPLES / "re-a-statement.yaml").read_text(encoding="utf-8")
    fields = _opened(browser, statement.replace("exhibit_initials: AB", "exhibit_intials: AB"))
    checked = _post(browser, fields, action="check")
    assert checked.status_code == 422
    (problem,) = re.findall(r"<li>(.*?)</li>", _box(checked.text, '<div class="problems"'), re.S)
    assert unescape(re.sub(r"<[^>]+>", "", problem)) == (
        "Witness: unknown key 'witness.exhibit_intials' — did you mean 'exhibit_initials'? (the "
        "form does not show the key 'exhibit_intials': correct or remove it with “Edit as YAML”)"
    )


def test_a_statement_s_passages_past_its_extracts_are_said_with_why_and_what_to_do(
    browser: TestClient,
) -> None:
    """They were "chosen passages the template did not use", with no reason or remedy."""
    statement = (EXAMPLES / "re-a-statement.yaml").read_text(encoding="utf-8")
    exhibits = "  exhibits: [ofsted-tower-hamlets-2017]\n"
    fields = _opened(browser, statement.replace(exhibits, exhibits + "  extracts: 1\n"))
    assert fields["template"] == "witness-statement"
    checked = _post(browser, fields, action="check")
    warned = _box(unescape(checked.text), '<div class="warnings" role="status" id="warnings">')
    assert (
        "the statement quotes at most 1 short extract (the first chosen), so it leaves out the "
        "chosen passages th17-p23-plo-pre-proceedings, th17-lscb-inadequate — "
    ) in warned
    assert "to quote them, raise “Witness › Extracts” to 3; or rely on fewer passages" in warned
    assert "did not use" not in warned and "witness.extracts" not in warned


def test_a_draft_s_warnings_name_the_case_as_the_user_knows_it_apart_from_the_all_clear(
    browser: TestClient,
) -> None:
    """They named the server's temporary file at a line of the YAML the form writes
    (``/tmp/carecite-web-…/case.yaml:46``, where the file opened says 30), sat inside the
    green "sound" notice, and said the case file's keys ("start:, sentence:")."""
    opened = browser.post(
        "/draft/open",
        files={"file": ("re-b.yaml", POINTING_BACK.encode(), "application/x-yaml")},
        headers=SAME_ORIGIN,
    )
    checked = _post(browser, form_fields(opened.text), action="check")
    page = unescape(checked.text)
    assert checked.status_code == 200 and "pointing back" in page
    assert "pointing back" not in _box(page, '<div class="ok"')
    warned = _box(page, '<div class="warnings" role="status" id="warnings">')
    assert (
        '<a href="#f-issues.2.findings.0.passage">Issue 3 › Finding 1 › Passage</a> in '
        "re-b.yaml: the quotation of th17-hp-summary-weak-managerial-oversight begins ‘These …’"
    ) in warned
    assert "or quote from words that name it (“Quote from the words”, “Quote only sentence”)" in (
        warned
    )
    assert "carecite-web-" not in page and "case.yaml" not in page and "start:" not in page
    # A case typed in the form is the form's; in the YAML view, a line of the text shown.
    typed = _post(browser, {**form_fields(checked.text), "case_file": ""}, action="check")
    assert "Issue 3 › Finding 1 › Passage</a> in the case form: the quotation" in typed.text
    text = form_fields(_post(browser, form_fields(typed.text), action="yaml").text)["case"]
    as_yaml = _post(browser, {**form_fields(typed.text), "view": "yaml", "case": text})
    line = next(
        n
        for n, written in enumerate(text.splitlines(), 1)
        if written.endswith("- th17-hp-summary-weak-managerial-oversight")
    )
    assert (
        f'<a href="#line-{line}">line {line}</a> (<code>issues.2.findings.0</code>): the '
        "quotation of th17-hp-summary-weak-managerial-oversight"
    ) in _box(as_yaml.text, '<div class="warnings"')


def test_over_its_page_limit_a_draft_is_refused_unless_allowed(browser: TestClient) -> None:
    fields = {**form_fields(browser.get("/draft").text), "case.page_limit": "1"}
    refused = _post(browser, fields, action="download")
    assert refused.status_code == 422 and "over its limit of 1" in refused.text
    # What to do is said as the page offers it: the box to tick, not the CLI's flag.
    assert "; or tick “Allow a draft over its page limit”" in unescape(refused.text)
    assert "--allow-over-length" not in refused.text
    checked = _post(browser, fields, action="check", allow_over_length="1")
    assert checked.status_code == 200 and "The case file is sound" in checked.text
    assert "over its limit of 1" in checked.text  # kept as a warning to see
    allowed = _post(browser, fields, action="download", allow_over_length="1")
    assert "over its limit of 1" in allowed.text and "/draft/file/" in allowed.text
    assert 'id="allow_over_length" name="allow_over_length" value="1" checked' in allowed.text


def test_check_says_how_long_the_draft_runs(browser: TestClient) -> None:
    checked = _post(browser, form_fields(browser.get("/draft").text), action="check")
    assert re.search(r"The draft runs to about \d\.\d pages, estimated from the text", checked.text)


@needs_soffice
def test_pages_are_counted_as_laid_out_when_asked(browser: TestClient) -> None:
    fields = form_fields(browser.get("/draft").text)
    counted = _post(browser, fields, action="check", check_length="1")
    assert counted.status_code == 200 and "The case file is sound" in counted.text
    assert re.search(r"The draft runs to \d+ pages, as LibreOffice lays it out", counted.text)
    assert "near its limit" not in counted.text  # a count, not an estimate, has no margin
    assert 'id="check_length" name="check_length" value="1" checked' in counted.text


def test_the_yaml_view_shows_a_problem_at_its_line_and_goes_back_to_the_form(
    browser: TestClient,
) -> None:
    fields = form_fields(browser.get("/draft").text)
    as_yaml = _post(browser, fields, action="yaml")
    text = _textarea(as_yaml.text)
    assert yaml.safe_load(text) == yaml.safe_load(EXAMPLE)
    bad = text.replace("case_number: ZE17C00000", "case_number:")
    page = _post(browser, {**form_fields(as_yaml.text), "case": bad}, action="download")
    assert page.status_code == 422
    line = bad.splitlines().index("case_number:") + 1
    assert f'<li id="line-{line}" class="bad"' in page.text
    assert f'<a href="#line-{line}">line {line}</a> <code>case_number</code>' in page.text
    assert _textarea(page.text) == bad  # the user's text is kept as they left it
    edited = text.replace("ZE17C00000", "ZE17C00042")
    back = _post(browser, {**form_fields(as_yaml.text), "case": edited}, action="form")
    assert form_fields(back.text)["case.case_number"] == "ZE17C00042"


def test_a_saved_case_file_opens_in_the_builder(browser: TestClient) -> None:
    fields = _opened(browser, EXAMPLE.replace("ZE17C00000", "ZE17C00042"))
    assert fields["case.case_number"] == "ZE17C00042"
    bad = browser.post(
        "/draft/open", files={"file": ("mine.yaml", b"\xff\xfe")}, headers=SAME_ORIGIN
    )
    assert bad.status_code == 422 and "not UTF-8" in bad.text
    huge = browser.post(
        "/draft/open",
        files={"file": ("mine.yaml", EXAMPLE.encode() + b"#" * 600_000)},
        headers=SAME_ORIGIN,
    )
    assert huge.status_code == 422 and "the case file is over 512 KB" in huge.text
    assert "ZE17C00000" not in huge.text  # not read into the page


def _audit_page(browser: TestClient, name: str, content: bytes) -> Response:
    """The cite-check page of a file sent as ``name``, as the browser shows it: the report
    it is sent on to, or the form with what is wrong."""
    return browser.post(
        "/audit", files={"file": (name, content)}, headers=SAME_ORIGIN, follow_redirects=True
    )


def test_the_audit_page_flags_the_edited_quotation_and_offers_the_report(
    browser: TestClient, tmp_path: Path
) -> None:
    content, _ = edited_draft(tmp_path)
    page = _audit_page(browser, "edited.docx", content)
    assert page.status_code == 200
    assert page.text.count('<tr class="flagged">') == 1
    (row,) = re.findall(r'<tr class="flagged">(.*?)</tr>', page.text, re.S)
    # The difference as a reader sees it: struck and inserted words, each said aloud.
    assert re.search(
        r'<del><span class="visually-hidden">source has </span>[^<]+</del> '
        r'<ins><span class="visually-hidden">draft has </span>purple</ins>',
        row,
    )
    assert "{+" not in row and "[-" not in row
    # The quotation in the marks the draft sets it in, ‘…’ (the page showed “…”).
    (shown,) = re.findall(r'<td class="quote">(.*?)</td>', row)
    assert unescape(shown).startswith("‘") and unescape(shown).endswith("’") and "purple" in shown
    # The summary of a failing audit says what went unchecked too: no report PDF was read.
    said = re.search(r'<p class="verdict failed" role="alert">(.*?)</p>', page.text)
    assert said is not None
    assert unescape(said.group(1)) == (
        "1 of 5 quotations needs attention: 1 altered; no report PDF was read (no reports "
        "folder): each quotation was checked against the bank's passages only."
    )
    key = re.search(r'href="/audit/([\w-]+)/cite-check.docx"', page.text).group(1)
    markdown = browser.get(f"/audit/{key}/cite-check.md")
    assert markdown.headers["content-disposition"] == 'attachment; filename="edited-cite-check.md"'
    assert "purple" in markdown.text
    word = browser.get(f"/audit/{key}/cite-check.docx")
    assert docx.Document(io.BytesIO(word.content)).tables


def test_an_audit_has_an_address_of_its_own_so_back_and_reload_do_not_send_the_draft_again(
    browser: TestClient, tmp_path: Path
) -> None:
    """The report was the answer to the post itself: Back or reload made the browser ask to
    send the draft again ("Confirm Form Resubmission", review 6)."""
    content, _ = edited_draft(tmp_path)
    sent = browser.post(
        "/audit",
        files={"file": ("edited.docx", content)},
        headers=SAME_ORIGIN,
        follow_redirects=False,
    )
    assert sent.status_code == 303
    address = sent.headers["location"]
    assert re.fullmatch(r"http://[^/]+/audit/[\w-]+", address)
    for _ in range(2):  # shown, then shown again as a reload would
        page = browser.get(address)
        assert page.status_code == 200 and page.text.count('<tr class="flagged">') == 1
    gone = browser.get("/audit/no-such-key")
    assert gone.status_code == 404
    assert "that cite-check is no longer kept" in unescape(gone.text)
    assert "choose the finished draft again" in unescape(gone.text)


def test_the_audit_page_counts_in_words_what_needs_attention(
    browser: TestClient, tmp_path: Path
) -> None:
    """A quotation whose words are exact but whose citation is wrong was '1 of 2 needs
    attention' above 'exact: 2 · altered: 0 · … wrong pinpoint: 0' (review6 fault 6); and a
    draft of one quotation was 'All 1 quotations' (fault 15)."""
    words = "Senior leaders have not been effective"
    path = plain_docx(
        tmp_path,
        f"Ofsted found ‘{words}’ (Ofsted 2017 report, p 2).",
        f"It repeated ‘{words}’.",
    )
    page = _audit_page(browser, "draft.docx", path.read_bytes())
    said = re.search(r'<p class="verdict failed" role="alert">(.*?)</p>', page.text)
    assert said is not None
    assert unescape(said.group(1)).startswith("1 of 2 quotations needs attention: 1 no citation; ")
    counts = re.search(r'<p class="counts">(.*?)</p>', page.text)
    assert counts is not None
    assert unescape(counts.group(1)) == "Words: 2 exact · Citations: 1 ok, 1 no citation"
    one = plain_docx(tmp_path, f"Ofsted found ‘{words}’ (Ofsted 2017 report, p 2).")
    page = _audit_page(browser, "draft.docx", one.read_bytes())
    said = re.search(r'<p class="verdict passed" role="status">(.*?)</p>', page.text)
    assert said is not None
    assert unescape(said.group(1)).startswith("The one quotation matches its source and citation;")


def test_the_audit_page_says_a_scare_quoted_word_was_not_checked(
    browser: TestClient, tmp_path: Path
) -> None:
    bank = carecite.load_bank(carecite.shipped_bank())
    rendered = carecite.render_draft(
        "skeleton-argument", carecite.load_case(EXAMPLES / "re-a-tower-hamlets.yaml", bank), bank
    )
    markdown = rendered.markdown + "\n\nThe so-called ‘plan’ was never written.\n"
    content = carecite.write_docx(markdown, tmp_path / "clean.docx").read_bytes()
    page = _audit_page(browser, "clean.docx", content)
    assert page.status_code == 200
    said = re.search(r'<p class="verdict passed" role="status">(.*?)</p>', page.text)
    assert said is not None
    assert unescape(said.group(1)).endswith(
        " quotations match their source and citation; no report PDF was read (no reports "
        "folder): each quotation was checked against the bank's passages only; 1 quoted phrase "
        "not checked (no citation of its own): confirm it is not meant as a quotation."
    )


def test_the_audit_page_says_what_each_quoted_word_listed_apart_is(
    browser: TestClient, tmp_path: Path
) -> None:
    # ‘hostile’ [C24] is quoted from the case papers: not a phrase "with no citation".
    path = plain_docx(
        tmp_path,
        "The social worker called the mother ‘hostile’ [C24]; her ‘plan’ drifted "
        "(Ofsted 2017 report para 21 [F14]).",
    )
    page = _audit_page(browser, "draft.docx", path.read_bytes())
    assert page.status_code == 200
    assert "<h2>Quoted words listed apart, not checked against the reports</h2>" in page.text
    listed = [unescape(item) for item in re.findall(r"<li>(.*?)</li>", page.text)]
    # In the marks the draft has them (the page showed “hostile”).
    assert " body: ‘hostile’ — quoted from the case papers, cited as C24: not checked" in listed


def test_the_audit_page_says_what_to_do_without_the_report(
    browser: TestClient, tmp_path: Path
) -> None:
    # No reports folder: the Tower Hamlets 2017 report says ‘Signs of Safety’ (p 6), its bank
    # passages do not, Norfolk 2015's do. That is no finding against the citation.
    path = plain_docx(
        tmp_path,
        "The ‘Signs of Safety’ approach was not reflected in assessments of risk "
        "(Ofsted 2017 report para 20 [F13]).",
        "The so-called ‘plan’ drifted (Ofsted 2017 report para 21 [F14]).",
    )
    page = _audit_page(browser, "draft.docx", path.read_bytes())
    assert page.status_code == 200
    rows = [unescape(row) for row in re.findall(r'<tr class="flagged">(.*?)</tr>', page.text, re.S)]
    assert len(rows) == 2
    assert "missing report" in rows[0] and "wrong source" not in rows[0]
    assert (
        "its report is not held, so they could not be checked in it: put "
        "ofsted-tower-hamlets-2017-04-07.pdf in the reports/ folder of the bank carecite serve "
        "reads" in rows[0]
    )
    assert "--reports" not in rows[0]
    assert "the words are also in Ofsted Norfolk 2015 report, page 14, para 31" in rows[0]
    assert "not found" in rows[1]
    assert rows[1].endswith(
        "if it is not a quotation (a scare quote or a term), take off its quotation marks</td>\n  "
    )
    # The report downloaded from the page says the step as the page does, not the CLI's
    # "--reports DIR" or "carecite init makes a bank of your own with one".
    key = re.search(r'href="/audit/([\w-]+)/cite-check.docx"', page.text).group(1)
    markdown = browser.get(f"/audit/{key}/cite-check.md").text
    word = docx.Document(io.BytesIO(browser.get(f"/audit/{key}/cite-check.docx").content))
    in_word = "\n".join(cell.text for table in word.tables for cell in table.columns[-1].cells)
    for downloaded in (markdown, in_word):
        assert "in the reports/ folder of the bank carecite serve reads" in downloaded
        assert "--reports" not in downloaded and "the bank's reports/" not in downloaded


def test_the_audit_page_says_what_is_wrong_with_an_upload(browser: TestClient) -> None:
    page = _audit_page(browser, "notes.docx", b"plain text")
    assert page.status_code == 422 and 'class="problems"' in page.text


def test_the_audit_page_says_a_pdf_is_not_the_draft_and_where_a_report_goes(
    browser: TestClient,
) -> None:
    page = _audit_page(browser, "ofsted-report.pdf", b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n")
    words = " ".join(unescape(re.sub(r"<[^>]+>", "", page.text)).split())
    assert page.status_code == 422
    assert "this is a PDF, not a Word document (.docx)" in words
    assert (
        "cite-check the draft's .docx, not a PDF of it; if this is an Ofsted report, the Import"
        " page adds it to your bank" in words
    )
    assert "--reports" not in words and "zip" not in words


def _problems_said(html: str) -> list[str]:
    listed = re.search(r'<div class="problems".*?</ul>', html, re.S).group(0)
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", item)).split())
        for item in re.findall(r"<li>(.*?)</li>", listed, re.S)
    ]


def test_an_upload_problem_is_said_without_the_field_s_internal_name(
    browser: TestClient,
) -> None:
    """The page's problem list says what is wrong with the file, not 'file: …' (the name
    the API takes it by), nor 'limit: limit must be …'."""
    page = _audit_page(browser, "ofsted-report.pdf", b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n")
    (said,) = _problems_said(page.text)
    assert said.startswith("this is a PDF, not a Word document (.docx) — "), said
    (said,) = _problems_said(browser.get("/search?q=lscb&limit=500").text)
    assert said == "limit must be 1 to 100"


def _textarea(html: str) -> str:
    return unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1))


@pytest.mark.parametrize(
    ("example", "template"),
    [
        ("re-a-tower-hamlets.yaml", "position-statement"),
        ("re-c-norfolk.yaml", "skeleton-argument"),
        ("re-a-statement.yaml", "witness-statement"),
    ],
)
def test_an_opened_case_gets_the_template_made_for_it(
    browser: TestClient, example: str, template: str
) -> None:
    """A case for an IRH opened from disk was paired with the skeleton argument (the page's
    default), so Check warned that the template is for another hearing."""
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    assert _opened(browser, text)["template"] == template


def test_a_bank_that_does_not_load_is_named_on_the_page_until_mended(tmp_path: Path) -> None:
    bank, broken, line = broken_bank(tmp_path)
    with make_client(bank=bank) as client:
        client.get(f"/?token={TOKEN}")
        refused = client.get("/search?q=neglect")
        text = broken.read_text(encoding="utf-8").replace("page: thirty #", "page: ", 1)
        broken.write_text(text, encoding="utf-8")
        mended = client.get("/search?q=neglect")
    assert refused.status_code == 500 and 'class="problems"' in refused.text
    assert f"{broken.name}:{line}: " in unescape(refused.text)
    assert mended.status_code == 200 and 'class="problems"' not in mended.text


def test_a_bank_file_s_problem_says_where_the_page_lists_what_it_needs(tmp_path: Path) -> None:
    bank, broken, _ = broken_bank(tmp_path)
    text = broken.read_text(encoding="utf-8").replace("page: thirty #", "page: ", 1)
    broken.write_text(text.replace("themes: [", "themes: [zzqqxx, ", 1), encoding="utf-8")
    line = text[: text.index("themes: [")].count("\n") + 1
    with make_client(bank=bank) as client:
        client.get(f"/?token={TOKEN}")
        refused = unescape(re.sub(r"<[^>]+>", "", client.get("/search?q=neglect").text))
    assert (
        f"{broken.name}:{line}: unknown theme 'zzqqxx' — see the Theme list on the Search page"
        in (refused)
    )
    assert "carecite themes" not in refused


@pytest.mark.parametrize(
    ("address", "hint"),
    [
        ("/draft/open", "choose a case file (.yaml)"),
        ("/audit", "choose the finished draft (.docx)"),
    ],
    ids=["open-case", "audit"],
)
def test_a_file_input_left_empty_is_no_file_chosen(
    browser: TestClient, address: str, hint: str
) -> None:
    answer = browser.post(address, **left_empty(SAME_ORIGIN))
    assert answer.status_code == 422
    assert "no file was chosen" in answer.text and hint in unescape(answer.text)


def test_a_case_file_that_does_not_parse_opens_with_no_document_chosen(
    browser: TestClient,
) -> None:
    """It opened with the skeleton argument chosen (the page's default), whatever document
    the user was drafting."""
    text = EXAMPLE.replace("court:\n", "court: [\n", 1)
    page = browser.post(
        "/draft/open", files={"file": ("mine.yaml", text.encode())}, headers=SAME_ORIGIN
    )
    assert page.status_code == 422
    assert _textarea(page.text) == text
    assert "line 0" not in page.text  # said once, in the problems, not at a line that is none
    fields = form_fields(page.text)
    assert fields["template"] == ""
    assert '<option value="" selected>Choose the document to draft</option>' in page.text
    checked = _post(browser, {**fields, "case": EXAMPLE}, action="check")
    assert checked.status_code == 422 and "no document is chosen" in checked.text


@pytest.mark.parametrize("view", ["form", "yaml"])
def test_the_tab_s_case_sent_back_is_shown_as_the_user_s_not_the_example(
    browser: TestClient, view: str
) -> None:
    """The script keeps the tab's case and posts it back (action "restore") when the user
    comes back to the draft page; without the script the page is as it was."""
    example = browser.get("/draft").text
    assert 'data-start="example"' in example and 'id="restored"' not in example
    assert 'data-start="fresh"' in browser.get("/draft?new=1").text
    assert 'data-start="fresh"' in browser.get("/draft?example=1").text
    fields = form_fields(example)
    if view == "form":
        fields["case.case_number"] = "ZE17C00042"
    else:
        as_yaml = _post(browser, fields, action="yaml")
        edited = _textarea(as_yaml.text).replace("ZE17C00000", "ZE17C00042")
        fields = {**form_fields(as_yaml.text), "case": edited}
    page = _post(browser, fields, action="restore")
    assert page.status_code == 200
    assert 'id="restored"' in page.text and 'data-start="restored"' in page.text
    assert "starts with a fictitious example" not in page.text
    shown = form_fields(page.text)
    assert "ZE17C00042" in (shown["case"] if view == "yaml" else shown["case.case_number"])
    assert "The case file is sound" not in page.text  # shown back, not checked


def test_the_audit_page_lists_a_paraphrases_citation_as_not_checked(
    browser: TestClient, tmp_path: Path
) -> None:
    path = plain_docx(
        tmp_path, "Ofsted found that plans drifted (Ofsted 2017 report para 41 [F9])."
    )
    page = _audit_page(browser, "draft.docx", path.read_bytes())
    assert page.status_code == 200
    assert "1 citation of no quotation (a paraphrase&#39;s) not checked" in page.text
    assert "<h2>Citations of no quotation (paraphrases), not checked</h2>" in page.text
    listed = [unescape(item) for item in re.findall(r"<li>(.*?)</li>", page.text)]
    assert (
        " body: Ofsted 2017 report para 41 [F9] (Ofsted 2017 report) — no quotation: its "
        "pinpoint and bundle page not checked"
    ) in listed


def test_a_file_that_cannot_be_opened_leaves_the_posted_case_as_it_was(
    browser: TestClient,
) -> None:
    """Open answered a file it could not open (none chosen, a Word document) with an empty
    YAML view, which the tab then kept in place of the case being built: Open posts the
    case with the file, and the page shows the case again with what is wrong."""
    fields = form_fields(browser.get("/draft?new=1").text)
    fields["case.court.sitting_at"] = "Liverpool"
    files: list[tuple[str, tuple[str, bytes]]] = [("file", ("position.docx", b"PK\x03\x04\xff"))]
    for given in ([], files):
        page = browser.post(
            "/draft/open", data={**fields, "action": "open"}, files=given, headers=SAME_ORIGIN
        )
        assert page.status_code == 422
        assert form_fields(page.text)["case.court.sitting_at"] == "Liverpool"
        assert 'data-start=""' in page.text  # the tab keeps it as the user's case
    said = unescape(page.text)
    assert "position.docx: is not a case file: it is not UTF-8 text" in said
    assert "choose the .yaml file that “Save case file” gave you" in said


def test_a_blank_case_is_not_said_to_be_the_example_nor_drafted_as_a_skeleton(
    browser: TestClient,
) -> None:
    blank = unescape(browser.get("/draft?new=1").text)
    assert "fictitious example case" not in blank and "This is a blank case" in blank
    assert form_fields(blank)["template"] == ""
    assert '<option value="" selected>Choose the document to draft</option>' in blank
    example = unescape(browser.get("/draft?example=1").text)
    assert "The form starts with a fictitious example case" in example


@pytest.mark.parametrize("address", ["/search", "/search?q=", "/search?q=&partial=1"])
def test_an_empty_search_says_what_to_type(browser: TestClient, address: str) -> None:
    assert "Type what you are looking for in “Words to find”" in unescape(browser.get(address).text)
