"""Shared fixtures: a small bank written into tmp_path, and the reference reports."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# No deadline on a property test's example: a test asserts behaviour, not speed (speed is
# measured in bench/), and on a loaded 2-core machine one slow example made
# test_every_pinpoint_form_is_read_back fail with DeadlineExceeded while passing alone.
settings.register_profile("carecite", deadline=None)
settings.load_profile("carecite")

REPO = Path(__file__).resolve().parents[1]
SHIPPED_BANK = REPO / "quotes"
REFERENCE = REPO.parent / "shared" / "reference"
REPORTS = REFERENCE / "reports"

needs_reports = pytest.mark.skipif(
    not REPORTS.is_dir(),
    reason=f"the reference reports are not at {REPORTS} (../shared is beside the repo in CI)",
)

THEMES_YAML = """\
themes:
  management-oversight:
    label: Management oversight
    description: Supervision and managerial oversight.
    synonyms: [supervision, managerial oversight]
  partnership:
    label: LSCB and partnership working
    description: The LSCB and multi-agency working.
    synonyms: [LSCB]
"""

REPORT_YAML = """\
source:
  id: report-2017
  kind: inspection-report
  author: Ofsted
  publisher: Ofsted
  authority: London Borough of Example
  title: "London Borough of Example: Inspection of services for children"
  short_name: Ofsted 2017 report
  inspected: {from: 2017-01-23, to: 2017-02-16}
  published: 2017-04-07
  framework: SIF
  judgements:
    - {area: Overall effectiveness, grade: inadequate}
  report_file: example.pdf
passages:
  - id: ex-summary
    text: There are widespread and serious failures.
    page: 2
    paragraph: null
    section: Executive summary
    themes: [partnership]
    checked: report
  - id: ex-oversight
    text: There is weak managerial oversight at all levels.
    page: 5
    paragraph: 16
    section: Help and protection
    themes: [management-oversight]
    checked: report
  - id: ex-oversight-2
    text: Managers do not provide sufficient challenge.
    page: 5
    paragraph: 17
    section: Help and protection
    themes: [management-oversight]
    checked: report
"""


def report_saying(oversight: str, oversight_2: str) -> str:
    """``REPORT_YAML`` with its two oversight passages (ex-oversight, ex-oversight-2) saying
    other things: two passages a test ranks against each other."""
    return REPORT_YAML.replace(
        "There is weak managerial oversight at all levels.", oversight
    ).replace("Managers do not provide sufficient challenge.", oversight_2)


def plain_docx(tmp_path: Path, *texts: str) -> Path:
    """A plain python-docx draft of these paragraphs (straight quotes stay straight)."""
    import docx  # python-docx: only the tests that write a draft by hand need it

    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    path = tmp_path / "plain.docx"
    document.save(str(path))
    return path


def make_not_a_file(path: Path, kind: str) -> str:
    """Make ``path`` a folder (``kind`` "folder") or a link to itself ("loop"), where a file
    is expected; returns what carecite says of it, after the path."""
    if kind == "folder":
        path.mkdir()
        return "is a folder, not a file — rename or remove it"
    path.symlink_to(path)
    return "is a loop of symbolic links — fix or remove it"


BankMaker = Callable[..., Path]


@pytest.fixture(autouse=True, scope="session")
def _no_user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test writes to the user's cache folder (search caches, validation verdicts), or
    finds a bank the user made with ``carecite init`` (which would replace the shipped one).

    A test that sets ``CARECITE_CACHE`` or ``XDG_DATA_HOME`` itself still wins for its own run.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CARECITE_CACHE", str(tmp_path_factory.mktemp("user-cache")))
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("user-data")))
        patch.delenv("CARECITE_BANK", raising=False)
        patch.delenv("CARECITE_REPORTS", raising=False)
        yield


@pytest.fixture
def make_bank(tmp_path: Path) -> BankMaker:
    """Write a bank folder: themes.yaml plus ``files`` ({name: yaml text}); returns it.

    With no arguments the bank holds one valid report of three passages.
    """

    def make(files: dict[str, str] | None = None, *, themes: str = THEMES_YAML) -> Path:
        folder = tmp_path / "bank"
        folder.mkdir(exist_ok=True)
        (folder / "themes.yaml").write_text(themes, encoding="utf-8")
        chosen = {"report-2017.yaml": REPORT_YAML} if files is None else files
        for name, text in chosen.items():
            (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return make


# A report as plain text with form feeds between pages, and a bank quoting it.
TEXT_REPORT_PAGES = [
    "Report   2\n\nExecutive summary\n\nServices are poor. Managers have not ensured that\n"
    "plans are reviewed. Staff are stretched.\n",
    "Report   3\n\nFindings\n\n1. Inspectors found that 25 children had not been seen.\n",
]
TEXT_REPORT_THEMES = (
    "themes:\n  oversight:\n    label: Oversight\n    description: Management oversight.\n"
)
# The source of a text report, with ``{report_file}`` to fill and its passages to follow.
TEXT_REPORT_HEADER = """\
source:
  id: example-2017
  kind: inspection-report
  title: "Example Borough: Inspection"
  short_name: Ofsted 2017 report
  author: Ofsted
  authority: Example Borough
  published: 2017-04-07
  framework: SIF
  report_file: {report_file}
passages:
"""
TEXT_REPORT_SOURCE = (
    "# a comment that must survive\n"
    + TEXT_REPORT_HEADER.format(report_file="example.txt")
    + """\
  - id: ex-first
    text: Services are poor.
    page: 2
    paragraph: null
    section: Executive summary
    themes: [oversight]
    checked: report
"""
)


@pytest.fixture
def text_report_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A bank of one source whose report is a two-page plain-text file: (bank, reports)."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "example.txt").write_text(
        "\f".join(TEXT_REPORT_PAGES), encoding="utf-8"
    )
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "themes.yaml").write_text(TEXT_REPORT_THEMES, encoding="utf-8")
    (bank / "example-2017.yaml").write_text(TEXT_REPORT_SOURCE, encoding="utf-8")
    return bank, tmp_path / "reports"


# --- a real Word client: LibreOffice -----------------------------------------------------

needs_soffice = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice (soffice) and poppler (pdftotext) are needed to render a PDF "
    "(apt-get install libreoffice-writer-nogui poppler-utils)",
)


def docx_to_pdf_text(docx_path: Path) -> str:
    """Convert a .docx to PDF with LibreOffice, as a user opening it would; pdftotext's text.

    Each call has its own LibreOffice profile, so parallel or repeated runs never wait on
    a profile lock; the PDF is written beside the .docx.
    """
    profile = Path(tempfile.mkdtemp(prefix="lo-carecite-"))
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docx_path.parent),
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return subprocess.run(
        ["pdftotext", "-layout", str(docx_path.with_suffix(".pdf")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
