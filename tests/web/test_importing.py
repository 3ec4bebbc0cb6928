"""Import: a corpus report previewed, then added to the user's bank only when confirmed."""

from __future__ import annotations

import re
import shutil
import tempfile
from html import unescape
from pathlib import Path

import pytest

import carecite
from carecite.web.importing import KEPT_UPLOADS, Upload, waiting_uploads
from tests.conftest import REFERENCE
from tests.web.conftest import AUTH, SAME_ORIGIN, TOKEN, left_empty, make_client
from tests.web.html_form import form_fields

CORPUS = REFERENCE / "corpus"
REPORT = CORPUS / "ofsted-blackpool-2014-09-08.pdf"
# A report that prints no publication date, which the inspections dataset does not hold.
UNDATED = CORPUS / "ofsted-derbyshire-2014-02-11.pdf"
needs_corpus = pytest.mark.skipif(
    not REPORT.is_file(), reason=f"the report corpus is not at {CORPUS}"
)


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder uploads are saved in, watched by the test."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def saved_uploads(temporary: Path) -> list[Path]:
    return sorted(temporary.glob("carecite-import-*"))


@pytest.fixture
def user_bank(tmp_path: Path) -> Path:
    """A user's own bank: a copy of the shipped one (import never changes the installed bank)."""
    bank = tmp_path / "bank"
    shutil.copytree(carecite.shipped_bank(), bank, ignore=shutil.ignore_patterns("reports"))
    return bank


@needs_corpus
def test_the_api_previews_then_writes_on_confirm(user_bank: Path, temporary: Path) -> None:
    before = sorted(p.name for p in user_bank.iterdir())
    with make_client(bank=user_bank) as client:
        files = {"file": (REPORT.name, REPORT.read_bytes(), "application/pdf")}
        preview = client.post("/api/import", files=files, headers=AUTH)
        assert preview.status_code == 200, preview.text
        assert saved_uploads(temporary) == []  # nothing waits: the API confirms by posting again
        record = preview.json()
        assert record["source"]["id"] == "ofsted-blackpool-2014"
        assert record["source"]["report_file"] == REPORT.name
        assert record["passages"] > 50 and record["written"] is False
        assert "ofsted-blackpool-2014" in record["text"]
        assert sorted(p.name for p in user_bank.iterdir()) == before  # nothing written
        written = client.post("/api/import?confirm=1", files=files, headers=AUTH)
        assert written.status_code == 200 and written.json()["written"] is True
        assert (user_bank / "ofsted-blackpool-2014.yaml").read_text(encoding="utf-8") == record[
            "text"
        ]
        assert (user_bank / "reports" / REPORT.name).read_bytes() == REPORT.read_bytes()
        found = client.get("/api/search?q=blackpool&limit=50", headers=AUTH).json()
        assert any(hit["source"] == "ofsted-blackpool-2014" for hit in found)
        again = client.post("/api/import?confirm=1", files=files, headers=AUTH)
        assert again.status_code == 422  # never overwritten
        assert again.json()["errors"][0]["hint"].startswith(  # no --force
            "it is this report, imported before; to replace it with this reading, remove that "
            "file from your bank and send the request again"
        )
    # The README's API table names every key of the preview a script reads.
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `POST /api/import`"))
    preview_keys = re.search(r"the preview: `\{([^}]*)\}`", row).group(1)
    assert set(re.findall(r'"(\w+)"', preview_keys)) == set(record)


@needs_corpus
def test_the_page_previews_and_confirms(user_bank: Path, temporary: Path) -> None:
    with make_client(bank=user_bank) as client:
        client.get(f"/?token={TOKEN}")  # as a browser opening the printed address
        files = {"file": (REPORT.name, REPORT.read_bytes(), "application/pdf")}
        preview = client.post("/import", files=files, headers=SAME_ORIGIN)
        assert preview.status_code == 200
        assert [p.name for p in saved_uploads(temporary)[0].iterdir()] == [REPORT.name]
        assert "ofsted-blackpool-2014" in preview.text and "Add it to my bank" in preview.text
        assert not (user_bank / "ofsted-blackpool-2014.yaml").exists()
        action = re.search(r'action="(/import/[\w-]+/confirm\?csrf=\w+)"', preview.text).group(1)
        done = client.post(action, headers={"Origin": SAME_ORIGIN["Origin"]})
        assert (
            done.status_code == 200 and "Added <strong>ofsted-blackpool-2014</strong>" in done.text
        )
        assert (user_bank / "ofsted-blackpool-2014.yaml").is_file()
        assert saved_uploads(temporary) == []
        assert client.post(action, headers={"Origin": SAME_ORIGIN["Origin"]}).status_code == 404


@needs_corpus
def test_the_installed_bank_is_never_changed() -> None:
    with make_client() as client:
        files = {"file": (REPORT.name, REPORT.read_bytes(), "application/pdf")}
        refused = client.post("/api/import?confirm=1", files=files, headers=AUTH)
        assert refused.status_code == 422
        assert "carecite init" in refused.json()["errors"][0]["hint"]


def _said(html: str) -> str:
    """A page's text as a reader sees it (tags dropped, entities read)."""
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(
    ("published", "problem"),
    [("2015-02-30", "published must be a date"), ("2015-03-02", "is not a PDF")],
    ids=["bad-date", "not-a-pdf"],
)
def test_a_refused_import_keeps_the_source_id_and_date_typed(
    user_bank: Path, published: str, problem: str
) -> None:
    with make_client(bank=user_bank) as client:
        client.get(f"/?token={TOKEN}")
        files = {"file": ("report.pdf", b"not a pdf", "application/pdf")}
        typed = {"id": "ofsted-mine-2015", "published": published}
        refused = client.post("/import", files=files, data=typed, headers=SAME_ORIGIN)
    assert refused.status_code == 422 and problem in refused.text
    assert form_fields(refused.text, "import") == typed
    assert "Choose the PDF again" in refused.text  # the one field a browser cannot refill


def test_the_installed_bank_is_refused_in_the_page_s_words() -> None:
    with make_client() as client:
        client.get(f"/?token={TOKEN}")
        files = {"file": ("report.pdf", b"%PDF-1.7", "application/pdf")}
        refused = client.post("/import", files=files, data={"id": "x"}, headers=SAME_ORIGIN)
    said = _said(refused.text)
    assert refused.status_code == 422 and "which import does not change" in said
    assert "make a bank of your own (run 'carecite init' once), then start carecite serve" in said
    # No form comes back: any upload to it would be refused the same way.
    assert "--bank" not in said and 'type="file"' not in refused.text


@needs_corpus
def test_a_report_with_no_date_asks_for_it_in_the_published_field(user_bank: Path) -> None:
    with make_client(bank=user_bank) as client:
        client.get(f"/?token={TOKEN}")
        files = {"file": (UNDATED.name, UNDATED.read_bytes(), "application/pdf")}
        typed = {"id": "ofsted-derbyshire-early-2014", "published": ""}
        refused = client.post("/import", files=files, data=typed, headers=SAME_ORIGIN)
        said = _said(refused.text)
        assert refused.status_code == 422 and "prints no publication date" in said
        assert "give the date Ofsted published it in “Published”" in said
        assert "--published" not in said
        assert form_fields(refused.text, "import") == typed
        dated = client.post(
            "/import", files=files, data={**typed, "published": "2014-02-11"}, headers=SAME_ORIGIN
        )
    assert dated.status_code == 200 and "ofsted-derbyshire-early-2014" in dated.text


@needs_corpus
def test_a_report_already_in_the_bank_is_refused_in_the_page_s_words(user_bank: Path) -> None:
    with make_client(bank=user_bank) as client:
        client.get(f"/?token={TOKEN}")
        files = {"file": (REPORT.name, REPORT.read_bytes(), "application/pdf")}
        # Two previews, as in two tabs, before either is confirmed: the second confirmed is
        # refused by import_report itself, in the page's words.
        actions = []
        for _ in range(2):
            preview = client.post("/import", files=files, headers=SAME_ORIGIN)
            action = re.search(r'action="(/import/[\w-]+/confirm\?csrf=\w+)"', preview.text)
            actions.append(action.group(1))
        added, again = (
            client.post(action, headers={"Origin": SAME_ORIGIN["Origin"]}) for action in actions
        )
    assert added.status_code == 200 and again.status_code == 422
    said = _said(again.text)
    # The bank's file by its full path, as the preview names it: "that file" by its name
    # alone left the user to find which bank it was in.
    assert (
        f"{user_bank / 'ofsted-blackpool-2014.yaml'}: already holds this report, as "
        "ofsted-blackpool-2014 of your bank; nothing was written" in said
    )
    assert "to replace it with this reading, remove that file from your bank folder" in said
    assert "--force" not in said


def test_what_is_not_a_pdf_is_refused(user_bank: Path, temporary: Path) -> None:
    with make_client(bank=user_bank) as client:
        files = {"file": ("report.pdf", b"not a pdf", "application/pdf")}
        refused = client.post("/api/import", files=files, headers=AUTH)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "file"
        bad_date = client.post("/api/import", files=files, data={"published": "July"}, headers=AUTH)
        assert bad_date.json()["errors"][0]["field"] == "published"
        page = client.post("/import", files=files, headers=AUTH)
        assert page.status_code == 422 and 'class="problems"' in page.text
        assert saved_uploads(temporary) == []  # a refused report leaves nothing behind


def test_a_refused_upload_is_named_beside_the_reason_as_the_command_line_names_it(
    user_bank: Path,
) -> None:
    # The page comes back with its file field empty (a browser forgets a chosen file), so
    # "is not a PDF" alone did not say which upload was refused; the command line says
    # "notes.pdf: is not a PDF".
    files = {"file": ("notes.pdf", b"not a pdf", "application/pdf")}
    with make_client(bank=user_bank) as client:
        client.get(f"/?token={TOKEN}")
        page = client.post("/import", files=files, headers=SAME_ORIGIN)
        added = client.post("/api/import?confirm=1", files=files, headers=AUTH)
    assert page.status_code == 422 and "notes.pdf: is not a PDF (" in _said(page.text)
    assert added.status_code == 422
    assert added.json()["errors"][0]["message"].startswith("notes.pdf: is not a PDF")


def test_the_api_takes_an_empty_file_field_for_no_file(user_bank: Path, temporary: Path) -> None:
    with make_client(bank=user_bank) as client:
        refused = client.post("/api/import", **left_empty(AUTH))
        missing = client.post("/api/import", data={"id": "x"}, headers=AUTH)
    assert refused.status_code == 422 and missing.status_code == 422
    assert [(e["field"], e["message"]) for e in refused.json()["errors"]] == [
        ("published", "published must be a date"),
        ("file", "no file in field 'file'"),
    ]
    assert missing.json()["errors"] == [
        {
            "field": "file",
            "line": None,
            "message": "no file in field 'file'",
            "hint": "send the PDF",
        }
    ]
    assert saved_uploads(temporary) == []


def test_the_page_says_no_file_was_chosen(user_bank: Path, temporary: Path) -> None:
    with make_client(bank=user_bank) as client:
        client.get(f"/?token={TOKEN}")
        refused = client.post("/import", **left_empty(SAME_ORIGIN))
    assert refused.status_code == 422
    assert "no file was chosen" in refused.text and "published must be a date" in refused.text
    assert saved_uploads(temporary) == []


def test_an_upload_that_stops_waiting_leaves_no_folder(tmp_path: Path) -> None:
    folders = [tmp_path / f"upload-{n}" for n in range(KEPT_UPLOADS + 2)]
    waiting = waiting_uploads()
    keys = []
    for folder in folders:
        folder.mkdir()
        (folder / "report.pdf").write_bytes(b"%PDF-1.7")
        keys.append(waiting.keep(Upload(folder / "report.pdf", None, None, "report.pdf")))
    assert [f.exists() for f in folders[:3]] == [False, False, True]  # the oldest pushed out
    waiting.forget(keys[2])  # confirmed
    assert not folders[2].exists() and folders[3].exists()
    waiting.clear()  # the server stopping
    assert not any(f.exists() for f in folders)


def _held_notes(page: str) -> list[str]:
    """The preview's "Already in your bank" notes, as a reader sees them."""
    box = re.search(r"<h2>It cannot be added</h2>\s*<ul>(.*?)</ul>", page, re.S)
    return (
        [" ".join(_said(item).split()) for item in re.findall(r"<li>(.*?)</li>", box.group(1))]
        if box
        else []
    )


@needs_corpus
def test_the_preview_says_what_the_bank_already_holds_of_the_report(user_bank: Path) -> None:
    files = {"file": (REPORT.name, REPORT.read_bytes(), "application/pdf")}
    with make_client(bank=user_bank) as client:
        client.get(f"/?token={TOKEN}")
        first = client.post("/import", files=files, headers=SAME_ORIGIN)
        assert first.status_code == 200 and _held_notes(first.text) == []
        assert client.post("/api/import?confirm=1", files=files, headers=AUTH).status_code == 200
        again = client.post("/import", files=files, headers=SAME_ORIGIN)
        # The bank's file by its full path, as the command line names it: "that file".
        held = (
            f"{user_bank / 'ofsted-blackpool-2014.yaml'}: already holds this report, as "
            "ofsted-blackpool-2014 of your bank; nothing was written — it is this report, "
            "imported before; to replace it with this reading, "
        )
        assert _held_notes(again.text) == [
            held + "remove that file from your bank folder and read the report again (under "
            "another “Source id” the bank would hold the same report twice)"
        ]
        # Adding is refused: no button to add it, no all-clear, no upload kept for it, and
        # no source file said to be written.
        assert "Add it to my bank" not in again.text and "/confirm?" not in again.text
        assert "read without a warning" not in again.text
        assert "would be written" not in again.text and "(not written)" in again.text
        # ... and links to where the bank lists it.
        listed = client.get("/authority/Blackpool%20Borough%20Council")
        assert 'href="/authority/Blackpool%20Borough%20Council"' in again.text
        assert listed.status_code == 200 and "<h1>Blackpool</h1>" in listed.text
        api = client.post("/api/import", files=files, headers=AUTH).json()
        assert api["already_held"] == [
            held + 'remove that file from your bank and send the request again (under another "id" '
            "the bank would hold the same report twice)"
        ]
        # Under another id it is the same report, held twice: refused too.
        other = client.post(
            "/import", files=files, data={"id": "ofsted-bp-2014"}, headers=SAME_ORIGIN
        )
        assert _held_notes(other.text) == _held_notes(again.text)
        assert "/confirm?" not in other.text


@needs_corpus
def test_a_pdf_named_as_another_in_reports_is_refused_on_the_page(user_bank: Path) -> None:
    # Two authorities' downloads both called report.pdf, previewed in two tabs and added.
    uploads = [
        {"file": ("report.pdf", report.read_bytes(), "application/pdf")}
        for report in (REPORT, CORPUS / "ofsted-brent-2015-11-30.pdf")
    ]
    refusal = (
        "holds another file named report.pdf, the report of ofsted-blackpool-2014: "
        "ofsted-brent-2015 would be verified and audited against it; nothing was written — "
        "rename the PDF (to ofsted-brent-2015.pdf, say) and read it again"
    )
    with make_client(bank=user_bank) as client:
        client.get(f"/?token={TOKEN}")
        previews = [client.post("/import", files=f, headers=SAME_ORIGIN) for f in uploads]
        added, refused = (
            client.post(
                re.search(r'action="(/import/[\w-]+/confirm\?csrf=\w+)"', p.text).group(1),
                headers={"Origin": SAME_ORIGIN["Origin"]},
            )
            for p in previews
        )
        assert added.status_code == 200 and refused.status_code == 422
        assert f"{user_bank / 'reports'}: {refusal}" in _said(refused.text)
        # Previewed now, it cannot be added: the bank's reports folder by its full path.
        again = client.post("/import", files=uploads[1], headers=SAME_ORIGIN)
        assert _held_notes(again.text) == [f"{user_bank / 'reports'}: {refusal}"]
        assert "/confirm?" not in again.text
        # The bank holds no Brent report: the page does not say it lists one.
        assert "It is listed on" not in again.text and "Brent’s inspections" not in again.text
    assert (user_bank / "reports" / "report.pdf").read_bytes() == REPORT.read_bytes()
    assert not (user_bank / "ofsted-brent-2015.yaml").exists()


SHIPPED_REPORT = REFERENCE / "reports" / "ofsted-tower-hamlets-2017-04-07.pdf"


@pytest.mark.skipif(not SHIPPED_REPORT.is_file(), reason=f"no report at {SHIPPED_REPORT}")
def test_a_report_the_shipped_bank_holds_is_refused_by_the_page_and_the_api(
    tmp_path: Path,
) -> None:
    """The page said "adding it replaces that source" and added it: the shipped, hand-checked
    source was replaced under another short name and other passage ids."""
    from carecite.bank.user import init_bank

    bank = init_bank(tmp_path / "mine")  # extends the shipped bank, as `carecite init` makes it
    files = {"file": (SHIPPED_REPORT.name, SHIPPED_REPORT.read_bytes(), "application/pdf")}
    held = (
        f"{SHIPPED_REPORT.name}: is already in the bank shipped with carecite, as "
        "ofsted-tower-hamlets-2017 (“Ofsted 2017 report”, checked by hand against the report); "
        "nothing was written — cite that source as it is ("
    )
    with make_client(bank=bank) as client:
        client.get(f"/?token={TOKEN}")
        preview = client.post("/import", files=files, headers=SAME_ORIGIN)
        notes = _held_notes(preview.text)
        assert len(notes) == 1 and notes[0].startswith(
            held + "find the report on the Authorities page): "
        )
        assert "other passage ids" in notes[0]
        assert "Add it to my bank" not in preview.text and "/confirm?" not in preview.text
        api = client.post("/api/import", files=files, headers=AUTH).json()
        assert api["already_held"][0].startswith(held)
        refused = client.post("/api/import?confirm=1", files=files, headers=AUTH)
        assert refused.status_code == 422
        assert "already in the bank shipped with carecite" in refused.json()["errors"][0]["message"]
    assert carecite.load_bank(bank).replaced == {}
    assert list(bank.glob("ofsted-*")) == []


@needs_corpus
def test_a_reports_reading_warnings_are_things_to_check_not_problems(user_bank: Path) -> None:
    """Windsor and Maidenhead 2020 reads with warnings (a gap in its paragraph numbers, an
    opening sentence about the past): the report can still be added, so they are shown as
    things to check, apart from the red box of what stops the import."""
    report = CORPUS / "ofsted-windsor-and-maidenhead-2020-02-24.pdf"
    with make_client(bank=user_bank) as client:
        client.get(f"/?token={TOKEN}")
        files = {"file": (report.name, report.read_bytes(), "application/pdf")}
        preview = client.post("/import", files=files, headers=SAME_ORIGIN)
    assert preview.status_code == 200 and "Add it to my bank" in preview.text
    box = re.search(r'<div class="warnings"[^>]*>(.*?)</div>', preview.text, re.S)
    assert box is not None and "warnings from reading the report" in box.group(1)
    assert "[numbering-gap]" in box.group(1) and "[no-headline]" in box.group(1)
    assert 'class="problems"' not in preview.text


def test_a_word_document_chosen_is_named_as_chosen_and_said_not_a_pdf(user_bank: Path) -> None:
    """It was named "position.docx.pdf" (the name the server saves it under), with advice to
    download the report again."""
    files = {"file": ("position.docx", b"PK\x03\x04" + b"\x00" * 64, "application/zip")}
    with make_client(bank=user_bank) as client:
        client.get(f"/?token={TOKEN}")
        page = client.post("/import", files=files, headers=SAME_ORIGIN)
    said = _said(page.text)
    assert page.status_code == 422 and ".docx.pdf" not in said
    assert "position.docx: is not a PDF: it is a Word document (or another office file)" in said
    assert "choose the inspection report's PDF, as downloaded from files.ofsted.gov.uk" in said


def test_the_import_page_says_it_needs_a_bank_of_one_s_own_before_a_file_is_chosen() -> None:
    with make_client() as client:  # serving the installed bank
        client.get(f"/?token={TOKEN}")
        page = client.get("/import")
    said = _said(page.text)
    assert "Import needs a bank of your own" in said
    assert "make a bank of your own (run 'carecite init' once)" in said
    assert 'type="file"' not in page.text  # no upload to be refused after it is sent
