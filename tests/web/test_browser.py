"""End to end in a real headless Chromium (Debian's, never a downloaded one).

Each test drives the page as a lawyer would and writes a 1280×800 screenshot to
``$CARECITE_SHOTS`` (default ``/tmp/carecite-web-shots``) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'"
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH: apt-get install chromium"
)

import docx  # noqa: E402
import uvicorn  # noqa: E402
from click.testing import CliRunner  # noqa: E402

import carecite  # noqa: E402
from carecite.cli.app import cli  # noqa: E402
from carecite.resources import shipped_dir  # noqa: E402
from carecite.web import case_form, pages, wording  # noqa: E402
from carecite.web.actions import Site  # noqa: E402
from carecite.web.app import create_app  # noqa: E402
from carecite.web.security import Policy, served_hosts  # noqa: E402
from carecite.web.server import free_port  # noqa: E402
from tests.conftest import REFERENCE  # noqa: E402
from tests.web.test_api import POINTING_BACK, edited_draft  # noqa: E402

CORPUS_REPORT = REFERENCE / "corpus" / "ofsted-blackpool-2014-09-08.pdf"
SHOTS = Path(os.environ.get("CARECITE_SHOTS", "/tmp/carecite-web-shots"))
TOKEN = "browser-test-secret"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # A user's own bank (a copy of the shipped one), which import may add to.
    bank = tmp_path_factory.mktemp("web") / "bank"
    shutil.copytree(carecite.shipped_bank(), bank, ignore=shutil.ignore_patterns("reports"))
    port = free_port("127.0.0.1")
    app = create_app(Site(bank), Policy(TOKEN, served_hosts("127.0.0.1", port)))
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(100):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--lang=en-GB"]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 800}, accept_downloads=True, locale="en-GB"
    )
    opened = context.new_page()
    opened.goto(f"{server}/?token={TOKEN}")
    yield opened
    context.close()


def _shot(page: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


def test_the_printed_address_opens_search_without_the_token_in_the_bar(
    page: object, server: str
) -> None:
    assert page.url == f"{server}/search"  # type: ignore[attr-defined]


def test_a_misspelt_search_as_you_type_finds_the_lscb_finding_first(page: object) -> None:
    page.fill("#q", "lscb inadequat")  # type: ignore[attr-defined]
    first = page.locator(".hit").first  # type: ignore[attr-defined]
    playwright_api.expect(first.locator(".id")).to_have_text("th17-lscb-inadequate")
    playwright_api.expect(first.locator("mark").first).to_be_visible()
    assert "q=lscb+inadequat" in page.url  # type: ignore[attr-defined]
    _shot(page, "1-search")
    first.locator("h2 a").click()
    playwright_api.expect(page.locator("h1")).to_contain_text("Ofsted")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("blockquote.passage")).to_contain_text(  # type: ignore[attr-defined]
        "The LSCB in Tower Hamlets is judged to be inadequate"
    )
    _shot(page, "2-passage")


def test_search_works_without_javascript(browser: object, server: str) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 800}
    )  # type: ignore[attr-defined]
    plain = context.new_page()
    plain.goto(f"{server}/?token={TOKEN}")
    plain.fill("#q", "managment oversite")
    plain.click("form.search button[type=submit]")
    playwright_api.expect(plain.locator(".hit").first).to_be_visible()
    context.close()


def _fill(page: object, widget: case_form.Widget) -> None:
    """Type a case into the builder as a user would: each row added with its button."""
    kind = widget.field.kind
    if kind in ("group", "list", "map"):
        for row in widget.children():
            if kind != "group":
                page.click(f'button[data-add="{widget.path}"]')  # type: ignore[attr-defined]
            _fill(page, row)
        return
    if widget.value is None:
        return
    field = page.locator(f'[id="f-{widget.path}"]')  # type: ignore[attr-defined]
    if kind in ("boolean", "choice"):
        field.select_option(widget.text)
    else:
        field.fill(widget.text)


def _document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml")


def test_the_example_case_is_built_in_the_form_and_downloads_the_cli_s_draft(
    page: object, tmp_path: Path
) -> None:
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    page.click("text=Start a blank case")  # type: ignore[attr-defined]
    assert page.get_by_label("Case number").input_value() == ""  # type: ignore[attr-defined]
    example = shipped_dir("examples") / "re-a-tower-hamlets.yaml"
    loaded = case_form.load_text(example.read_text(encoding="utf-8"))
    _fill(page, case_form.Widget(case_form.case_fields(), "", loaded.data))
    page.select_option("#template", "position-statement")  # type: ignore[attr-defined]
    page.locator("section.case-section").nth(3).screenshot(path=str(SHOTS / "3-draft-issues.png"))  # type: ignore[attr-defined]
    out = tmp_path / "cli.docx"
    CliRunner().invoke(
        cli, ["draft", "position-statement", str(example), "-o", str(out)], catch_exceptions=False
    )
    bank = carecite.load_bank(carecite.shipped_bank())
    warned = carecite.make_draft(
        "position-statement", example, tmp_path / "lib.docx", bank
    ).warnings
    if warned:  # the page shows each warning the CLI prints, in its words, with a link
        page.click("button[value=download]")  # type: ignore[attr-defined]
        ready = page.locator("#ready")  # type: ignore[attr-defined]
        playwright_api.expect(page.locator("#warnings li")).to_have_text(  # type: ignore[attr-defined]
            [
                wording.said(w.message) + (f" — {wording.said(w.hint)}" if w.hint else "")
                for w in warned
            ]
        )
        _shot(page, "3-draft-download-warned")
        with page.expect_download() as waiting:  # type: ignore[attr-defined]
            ready.locator("a").click()
    else:  # no warning: the file itself
        with page.expect_download() as waiting:  # type: ignore[attr-defined]
            page.click("button[value=download]")  # type: ignore[attr-defined]
    saved = tmp_path / waiting.value.suggested_filename
    waiting.value.save_as(saved)
    assert saved.name == "position-statement.docx"
    assert _document_xml(saved) == _document_xml(out)
    assert docx.Document(str(saved)).paragraphs


def test_a_draft_s_warnings_are_apart_from_the_all_clear_and_name_the_file_opened(
    page: object, tmp_path: Path
) -> None:
    """They sat in the green notice, naming the server's temporary file and a line of the
    YAML the form writes."""
    opened = tmp_path / "re-b.yaml"
    opened.write_text(POINTING_BACK, encoding="utf-8")
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    page.set_input_files("#case-file", str(opened))  # type: ignore[attr-defined]
    page.click("button[value=open]")  # type: ignore[attr-defined]
    page.click(".first-action button[value=check]")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator(".ok")).to_contain_text("The case file is sound")  # type: ignore[attr-defined]
    warned = page.locator("#warnings li", has_text="pointing back")  # type: ignore[attr-defined]
    playwright_api.expect(warned).to_contain_text(
        "Issue 3 › Finding 1 › Passage in re-b.yaml: the quotation of "
        "th17-hp-summary-weak-managerial-oversight begins ‘These …’"
    )
    assert "pointing back" not in page.locator(".ok").inner_text()  # type: ignore[attr-defined]
    assert "case.yaml" not in page.locator("#warnings").inner_text()  # type: ignore[attr-defined]
    _shot(page, "3-draft-checked-warned")
    warned.locator("a").click()  # the link takes the lawyer to the field
    playwright_api.expect(page.locator('[id="f-issues.2.findings.0.passage"]')).to_be_focused()  # type: ignore[attr-defined]


def test_a_mistake_in_the_case_is_shown_beside_its_field(page: object) -> None:
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    finding = page.locator('[id="f-issues.0.findings.0.passage"]')  # type: ignore[attr-defined]
    finding.fill("th17-p20-asessments")
    page.get_by_label("Case number").fill("")  # type: ignore[attr-defined]
    page.click("button[value=download]")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("#problems li")).to_have_count(2)  # type: ignore[attr-defined]
    for field, said in (
        (finding, "unknown passage 'th17-p20-asessments' in findings"),
        (page.get_by_label("Case number"), "must be text that is not blank"),  # type: ignore[attr-defined]
    ):
        playwright_api.expect(field).to_have_attribute("aria-invalid", "true")
        described = field.get_attribute("aria-describedby").split()[0]
        problem = page.locator(f'[id="{described}"]')  # type: ignore[attr-defined]
        playwright_api.expect(problem).to_contain_text(said)
    page.click("#problems li a >> nth=1")  # type: ignore[attr-defined]
    _shot(page, "4-draft-problem")


def test_rows_are_added_and_removed_in_the_browser(page: object) -> None:
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    children = page.locator('ol[data-rows="children"] > li')  # type: ignore[attr-defined]
    playwright_api.expect(children).to_have_count(2)
    page.click('button[data-add="children"]')  # type: ignore[attr-defined]
    playwright_api.expect(children).to_have_count(3)
    assert page.evaluate("document.activeElement.id") == "f-children.2.initials"  # type: ignore[attr-defined]
    page.keyboard.type("C")  # type: ignore[attr-defined]
    page.click("text=Remove Parent 1")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator('ol[data-rows="parents"] > li')).to_have_count(1)  # type: ignore[attr-defined]
    page.click("button[value=check] >> nth=0")  # type: ignore[attr-defined]
    # Acting for the guardian, the case is still sound without the mother.
    playwright_api.expect(page.locator(".ok")).to_contain_text("The case file is sound")  # type: ignore[attr-defined]
    playwright_api.expect(children).to_have_count(3)
    assert page.locator('[id="f-court.name"]').input_value() == "Family Court"  # type: ignore[attr-defined]
    assert page.locator('[id="f-parents.0.name"]').input_value() == "Mr Y"  # type: ignore[attr-defined]
    assert page.locator('[id="f-children.2.initials"]').input_value() == "C"  # type: ignore[attr-defined]


def test_an_edited_draft_is_audited_and_the_flagged_line_shown(
    page: object, tmp_path: Path
) -> None:
    content, _ = edited_draft(tmp_path)
    upload = tmp_path / "skeleton (edited).docx"
    upload.write_bytes(content)
    page.click("nav >> text=Cite-check")  # type: ignore[attr-defined]
    page.set_input_files("#file", str(upload))  # type: ignore[attr-defined]
    page.click("button.primary")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator(".verdict.failed")).to_contain_text("1 of")  # type: ignore[attr-defined]
    flagged = page.locator("tr.flagged")  # type: ignore[attr-defined]
    playwright_api.expect(flagged).to_have_count(1)
    playwright_api.expect(flagged).to_contain_text("purple")
    flagged.scroll_into_view_if_needed()
    _shot(page, "5-audit")
    page.pdf(path=str(SHOTS / "9-audit-print.pdf"), prefer_css_page_size=True)  # type: ignore[attr-defined]
    with page.expect_download() as waiting:  # type: ignore[attr-defined]
        page.click("text=Word (.docx)")  # type: ignore[attr-defined]
    report = tmp_path / "report.docx"
    waiting.value.save_as(report)
    assert "purple" in "\n".join(
        cell.text
        for table in docx.Document(str(report)).tables
        for row in table.rows
        for cell in row.cells
    )


def test_a_report_pdf_given_to_the_cite_check_is_named_with_where_it_goes(
    page: object, tmp_path: Path
) -> None:
    upload = tmp_path / "ofsted-report.pdf"
    upload.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    page.click("nav >> text=Cite-check")  # type: ignore[attr-defined]
    page.set_input_files("#file", str(upload))  # type: ignore[attr-defined]
    page.click("button.primary")  # type: ignore[attr-defined]
    problems = page.locator(".problems")  # type: ignore[attr-defined]
    playwright_api.expect(problems).to_contain_text("this is a PDF, not a Word document (.docx)")
    playwright_api.expect(problems).to_contain_text("the Import page adds it to your bank")
    _shot(page, "5-audit-a-pdf")


def test_the_keyboard_reaches_skip_link_navigation_and_search(page: object, server: str) -> None:
    assert page.evaluate("document.activeElement.id") == "q"  # type: ignore[attr-defined]
    page.goto(f"{server}/draft")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.id") == "main"  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.textContent") == "Start a blank case"  # type: ignore[attr-defined]
    labels = page.evaluate(  # type: ignore[attr-defined]
        "[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
        ".filter(e => !e.labels || e.labels.length === 0).map(e => e.id || e.name)"
    )
    assert labels == []


@pytest.mark.parametrize(
    "path", ["/search?q=lscb+inadequat", "/draft", "/passage/th17-lscb-inadequate"]
)
def test_pages_read_at_200_percent_zoom_without_sideways_scrolling(
    browser: object, server: str, path: str
) -> None:
    # 200% zoom of a 1280×800 window: half the CSS pixels, each drawn twice as large.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)  # type: ignore[attr-defined]
    zoomed = context.new_page()
    zoomed.goto(f"{server}{path}&token={TOKEN}" if "?" in path else f"{server}{path}?token={TOKEN}")
    assert zoomed.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    name = path.strip("/").split("?")[0].split("/")[0]
    _shot(zoomed, f"6-zoom-200-{name}")
    if name == "draft":  # the whole builder, to look at every row at 200%
        zoomed.screenshot(path=str(SHOTS / "6-zoom-200-draft-whole.png"), full_page=True)
    context.close()


def test_a_passage_over_two_pages_is_said_to_be_on_pages(page: object, server: str) -> None:
    page.goto(f"{server}/passage/nf15-adoption-reports-lack-analysis")  # type: ignore[attr-defined]
    heading = page.locator("h1")  # type: ignore[attr-defined]
    playwright_api.expect(heading).to_have_text("Ofsted Norfolk 2015 report, pages 27–28, para 89")
    playwright_api.expect(page.locator("p.provenance")).to_contain_text("(pages 27–28, para 89)")  # type: ignore[attr-defined]
    _shot(page, "7-passage-over-two-pages")


def test_the_passage_page_prints_without_navigation(page: object, server: str) -> None:
    page.goto(f"{server}/passage/th17-lscb-inadequate")  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    assert not page.locator("header.site").is_visible()  # type: ignore[attr-defined]
    assert page.locator("blockquote.passage").is_visible()  # type: ignore[attr-defined]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SHOTS / "7-passage-print.pdf"), prefer_css_page_size=True)  # type: ignore[attr-defined]


def test_passages_are_picked_into_a_chosen_issue_in_the_browser(page: object) -> None:
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    page.fill("#find", "lscb inadequat")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.check('input[name=pick][value="th17-lscb-inadequate"]')  # type: ignore[attr-defined]
    page.select_option("#into", "1")  # type: ignore[attr-defined]
    page.locator("section.pick").screenshot(path=str(SHOTS / "8-draft-pick.png"))  # type: ignore[attr-defined]
    page.click("button[value=pick]")  # type: ignore[attr-defined]
    added = page.locator('[id="f-issues.1.findings.2.passage"]')  # type: ignore[attr-defined]
    playwright_api.expect(added).to_have_value("th17-lscb-inadequate")
    playwright_api.expect(page.locator('[id="f-relied_on.passages.5"]')).to_have_value(  # type: ignore[attr-defined]
        "th17-lscb-inadequate"
    )
    playwright_api.expect(page.locator(".hit .already")).to_have_count(1)  # type: ignore[attr-defined]


def test_an_authority_s_history_with_its_plot(page: object) -> None:
    page.click("nav >> text=Authorities")  # type: ignore[attr-defined]
    page.fill("#name", "LB Tower Hamlets")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("h1")).to_have_text("Tower Hamlets")  # type: ignore[attr-defined]
    plot = page.locator("img.plot")  # type: ignore[attr-defined]
    playwright_api.expect(plot).to_be_visible()
    assert plot.evaluate("image => image.complete && image.naturalWidth > 0")
    _shot(page, "10-authority")
    # A report not in the bank is linked at Ofsted, opened in a new tab that learns nothing
    # of this one.
    page.goto(page.url.rsplit("/", 1)[0] + "/Barking%20and%20Dagenham")  # type: ignore[attr-defined]
    report = page.locator("table.history a.url").first  # type: ignore[attr-defined]
    playwright_api.expect(report).to_have_attribute(
        "href", "https://files.ofsted.gov.uk/v1/file/50004273"
    )
    playwright_api.expect(report).to_have_attribute("target", "_blank")
    playwright_api.expect(report).to_have_attribute("rel", "noopener noreferrer")
    _shot(page, "10-authority-not-in-bank")


@pytest.mark.skipif(
    not CORPUS_REPORT.is_file(), reason=f"the report corpus is not at {CORPUS_REPORT.parent}"
)
def test_a_corpus_report_is_previewed_then_imported(page: object) -> None:
    page.click("nav >> text=Import")  # type: ignore[attr-defined]
    page.set_input_files("#file", str(CORPUS_REPORT))  # type: ignore[attr-defined]
    page.click("button.primary")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("h2").first).to_have_text("What will be added")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("dl.source")).to_contain_text("ofsted-blackpool-2014")  # type: ignore[attr-defined]
    _shot(page, "11-import-preview")
    page.click("text=Add it to my bank")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator(".ok")).to_contain_text("Added ofsted-blackpool-2014")  # type: ignore[attr-defined]
    page.click("text=Search its passages")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator(".hit").first).to_contain_text("Blackpool")  # type: ignore[attr-defined]


def test_a_refused_import_keeps_what_was_typed(page: object) -> None:
    page.click("nav >> text=Import")  # type: ignore[attr-defined]
    page.set_input_files(  # type: ignore[attr-defined]
        "#file", {"name": "report.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"}
    )
    page.fill("#id", "ofsted-mine-2014")  # type: ignore[attr-defined]
    page.fill("#published", "2014-02-11")  # type: ignore[attr-defined]
    page.click("button.primary")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("#problems")).to_contain_text("is not a PDF")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("#id")).to_have_value("ofsted-mine-2014")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("#published")).to_have_value("2014-02-11")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("#file-help")).to_contain_text("Choose the PDF again")  # type: ignore[attr-defined]
    _shot(page, "12-import-refused")


def test_a_draft_over_its_limit_says_which_box_to_tick(page: object) -> None:
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    page.fill('[id="f-page_limit"]', "1")  # type: ignore[attr-defined]
    page.click("button[value=download]")  # type: ignore[attr-defined]
    problems = page.locator("#problems")  # type: ignore[attr-defined]
    playwright_api.expect(problems).to_contain_text("or tick “Allow a draft over its page limit”")
    assert "--allow-over-length" not in problems.inner_text()
    page.locator("#problems").scroll_into_view_if_needed()  # type: ignore[attr-defined]
    _shot(page, "13-draft-over-limit")
    page.get_by_label("Allow a draft over its page limit").check()  # type: ignore[attr-defined]
    page.click("button[value=download]")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("#warnings")).to_contain_text(  # type: ignore[attr-defined]
        "over its limit of 1"
    )


SHIPPED_REPORT = REFERENCE / "reports" / "ofsted-tower-hamlets-2017-04-07.pdf"


@pytest.mark.skipif(not SHIPPED_REPORT.is_file(), reason=f"no report at {SHIPPED_REPORT}")
def test_the_import_preview_says_the_report_is_already_in_the_bank(page: object) -> None:
    page.click("nav >> text=Import")  # type: ignore[attr-defined]
    page.set_input_files("#file", str(SHIPPED_REPORT))  # type: ignore[attr-defined]
    page.click("button.primary")  # type: ignore[attr-defined]
    held = page.locator("div.problems", has_text="It cannot be added")  # type: ignore[attr-defined]
    # The bank's file by its full path, which "remove that file" then means.
    playwright_api.expect(held).to_contain_text(
        "/bank/ofsted-tower-hamlets-2017.yaml: already holds this report, as "
        "ofsted-tower-hamlets-2017 of your bank; nothing was written — it is this report, "
        "imported before; to replace it with this reading, remove that file from your bank "
        "folder and read the report again"
    )
    playwright_api.expect(
        held.get_by_role("link", name="Tower Hamlets’s inspections")
    ).to_be_visible()  # type: ignore[attr-defined]
    # Adding is refused, so nothing offers to add it or says all is clear.
    playwright_api.expect(page.get_by_role("button", name="Add it to my bank")).to_have_count(0)  # type: ignore[attr-defined]
    playwright_api.expect(page.locator(".checked")).to_have_count(0)  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("h2", has_text="not added")).to_be_visible()  # type: ignore[attr-defined]
    playwright_api.expect(
        page.get_by_text("The source file this reading makes (not written)")
    ).to_be_visible()  # type: ignore[attr-defined]
    playwright_api.expect(page.get_by_text("that would be written")).to_have_count(0)  # type: ignore[attr-defined]
    _shot(page, "14-import-already-held")


POSITION = '[name="case.issues.0.position"]'


def test_the_user_s_case_survives_leaving_the_draft_page_by_the_nav_bar(page: object) -> None:
    """Search then Draft in the nav bar showed the fictitious example again, the user's case
    gone without a word (the reviewer's lose-form.py)."""
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    page.fill(POSITION, "The mother's position, as I wrote it")  # type: ignore[attr-defined]
    page.click("button[value=check] >> nth=0")  # type: ignore[attr-defined]
    page.click("nav >> text=Search")  # type: ignore[attr-defined]
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    restored = page.locator("#restored")  # type: ignore[attr-defined]
    playwright_api.expect(restored).to_contain_text("This is your case, as you left it in this tab")
    position = page.locator(POSITION)  # type: ignore[attr-defined]
    playwright_api.expect(position).to_have_value("The mother's position, as I wrote it")
    playwright_api.expect(page.locator("text=starts with a fictitious example")).to_have_count(0)  # type: ignore[attr-defined]
    _shot(page, "15-draft-restored")
    # Edits after the restore are kept too, and starting again asks first.
    page.fill(POSITION, "Edited after coming back")  # type: ignore[attr-defined]
    page.click("nav >> text=Authorities")  # type: ignore[attr-defined]
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    playwright_api.expect(position).to_have_value("Edited after coming back")
    page.once("dialog", lambda dialog: dialog.dismiss())  # type: ignore[attr-defined]
    page.click("text=Discard it and show the example")  # type: ignore[attr-defined]
    playwright_api.expect(position).to_have_value("Edited after coming back")
    page.once("dialog", lambda dialog: dialog.accept())  # type: ignore[attr-defined]
    page.click("text=Discard it and show the example")  # type: ignore[attr-defined]
    playwright_api.expect(restored).to_have_count(0)
    playwright_api.expect(position).not_to_have_value("Edited after coming back")
    assert page.evaluate("sessionStorage.length") == 0  # type: ignore[attr-defined]


def test_leaving_the_app_with_an_unsaved_case_asks_first(page: object, tmp_path: Path) -> None:
    asked: list[str] = []

    def answer(dialog: object) -> None:
        asked.append(dialog.type)  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    page.on("dialog", answer)  # type: ignore[attr-defined]
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    page.fill(POSITION, "Not saved yet")  # type: ignore[attr-defined]
    page.click("nav >> text=Search")  # type: ignore[attr-defined]
    assert asked == []  # within the app the case comes back: nothing to ask
    # Chromium asks only on a page the user has used (here, a search), on every page of the
    # app: the case is lost when the tab goes, whichever page it is on.
    page.fill("#q", "neglect")  # type: ignore[attr-defined]
    page.goto("about:blank")  # type: ignore[attr-defined]
    assert asked == ["beforeunload"]
    page.go_back()  # type: ignore[attr-defined]
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    # Restoring is a round trip to the server (action "restore"): under a loaded machine it
    # has taken longer than expect's default 5 s.
    playwright_api.expect(page.locator(POSITION)).to_have_value("Not saved yet", timeout=20_000)  # type: ignore[attr-defined]
    # Save case file is no proof that the case is on disk (the user may cancel the browser's
    # Save As), so leaving after it still asks.
    with page.expect_download() as waiting:  # type: ignore[attr-defined]
        page.click("button[value=save]")  # type: ignore[attr-defined]
    waiting.value.cancel()
    page.goto("about:blank")  # type: ignore[attr-defined]
    assert asked == ["beforeunload", "beforeunload"]


def test_a_case_kept_in_the_tab_past_its_hours_is_removed_not_restored(page: object) -> None:
    """A browser that restores its session restores the tab's sessionStorage: a case kept
    longer than the page says is removed, not shown again (the reviewer's
    browser-restart.py)."""
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    page.fill(POSITION, "Confidential, not saved")  # type: ignore[attr-defined]
    page.click("nav >> text=Search")  # type: ignore[attr-defined]
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    restored = page.locator("#restored")  # type: ignore[attr-defined]
    playwright_api.expect(restored).to_contain_text(
        f"The tab keeps it for {pages.TAB_CASE_HOURS} hours after you last changed or opened it"
    )
    _shot(page, "16-draft-restored-hours")
    # Age the kept case from another page of the app: the Draft page's own scripts (which
    # stamp the case as shown, and may still be running under load) are gone by then.
    page.click("nav >> text=Search")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    # As though the browser were closed now and its session restored hours later.
    page.evaluate(  # type: ignore[attr-defined]
        """hours => {
          const kept = JSON.parse(sessionStorage.getItem("carecite.case"));
          kept.keptAt -= (hours * 3600 + 60) * 1000;
          sessionStorage.setItem("carecite.case", JSON.stringify(kept));
        }""",
        pages.TAB_CASE_HOURS,
    )
    # The Draft page, which would restore it, removes it as it starts. A function, not an
    # expression: Playwright polls an expression by evaluating its text, which the app's
    # Content-Security-Policy (no 'unsafe-eval') refuses whenever the first look is too soon.
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    page.wait_for_function("() => sessionStorage.length === 0")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("text=starts with a fictitious example")).to_have_count(1)  # type: ignore[attr-defined]
    playwright_api.expect(restored).to_have_count(0)
    playwright_api.expect(page.locator(POSITION)).not_to_have_value("Confidential, not saved")  # type: ignore[attr-defined]


COURT = '[name="case.court.sitting_at"]'


def _blank_case_begun(page: object) -> None:
    """A blank case with a court typed and an issue added, not saved."""
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    page.click("text=Start a blank case")  # type: ignore[attr-defined]
    page.fill(COURT, "Liverpool")  # type: ignore[attr-defined]
    page.click('button[data-add="issues"]')  # type: ignore[attr-defined]
    page.fill(POSITION, "K has had five social workers")  # type: ignore[attr-defined]


def test_a_file_that_cannot_be_opened_leaves_the_case_being_built(page: object) -> None:
    """Open with no file, or with a Word document, showed an empty YAML view that the tab
    then kept in place of the case (the reviewer's s51_lost.py)."""
    asked: list[str] = []

    def answer(dialog: object) -> None:
        asked.append(dialog.message)  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    page.on("dialog", answer)  # type: ignore[attr-defined]
    _blank_case_begun(page)
    page.click("button[value=open]")  # type: ignore[attr-defined]
    problems = page.locator("#problems")  # type: ignore[attr-defined]
    playwright_api.expect(problems).to_contain_text("no file was chosen — choose a case file")
    assert asked == []  # no file chosen replaces nothing: nothing to ask
    playwright_api.expect(page.locator(COURT)).to_have_value("Liverpool")  # type: ignore[attr-defined]
    word = {"name": "position.docx", "mimeType": "application/zip", "buffer": b"PK\x03\x04\xff"}
    page.set_input_files("#case-file", word)  # type: ignore[attr-defined]
    page.click("button[value=open]")  # type: ignore[attr-defined]
    playwright_api.expect(problems).to_contain_text("position.docx: is not a case file")
    assert len(asked) == 1 and asked[0].startswith("Discard your case in this tab?")
    playwright_api.expect(page.locator(POSITION)).to_have_value("K has had five social workers")  # type: ignore[attr-defined]
    _shot(page, "17-open-not-a-case-file")
    page.click("nav >> text=Search")  # type: ignore[attr-defined]
    page.click("nav >> text=Draft")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator(POSITION)).to_have_value(  # type: ignore[attr-defined]
        "K has had five social workers", timeout=20_000
    )
    # A good file in place of the unsaved case asks first; declined, nothing is opened.
    page.remove_listener("dialog", answer)  # type: ignore[attr-defined]
    page.once("dialog", lambda dialog: dialog.dismiss())  # type: ignore[attr-defined]
    example = (shipped_dir("examples") / pages.EXAMPLE_CASE).read_bytes()
    saved = {"name": "re-a.yaml", "mimeType": "text/yaml", "buffer": example}
    page.set_input_files("#case-file", saved)  # type: ignore[attr-defined]
    page.click("button[value=open]")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator(COURT)).to_have_value("Liverpool")  # type: ignore[attr-defined]


def test_back_to_a_blank_case_brings_it_back(page: object) -> None:
    """Back to /draft?new=1 started it afresh and forgot the tab's case (s53_back2.py)."""
    _blank_case_begun(page)
    page.click("nav >> text=Search")  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    playwright_api.expect(page.locator(POSITION)).to_have_value(  # type: ignore[attr-defined]
        "K has had five social workers", timeout=20_000
    )
    playwright_api.expect(page.locator("#restored")).to_be_visible()  # type: ignore[attr-defined]
    playwright_api.expect(page.locator(COURT)).to_have_value("Liverpool")  # type: ignore[attr-defined]


def test_back_to_a_page_the_form_posted_shows_the_case_not_a_resubmission(page: object) -> None:
    """Back to the answer of Check asked to send the form again ("Confirm Form
    Resubmission"): the answer is the tab's case at /draft, which Back fetches again."""
    _blank_case_begun(page)
    page.click("button[value=check] >> nth=0")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator("#problems")).to_be_visible()  # type: ignore[attr-defined]
    page.wait_for_function("() => location.search === ''")  # type: ignore[attr-defined]
    page.fill(POSITION, "Edited after Check")  # type: ignore[attr-defined]
    page.click("nav >> text=Search")  # type: ignore[attr-defined]
    page.go_back()  # type: ignore[attr-defined]
    assert page.url.endswith("/draft")  # type: ignore[attr-defined]
    playwright_api.expect(page.locator(POSITION)).to_have_value(  # type: ignore[attr-defined]
        "Edited after Check", timeout=20_000
    )
    _shot(page, "18-back-after-check")
