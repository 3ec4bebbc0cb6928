"""Hostile PDFs: whatever a PDF does to the reader, the command says "cannot read this PDF"
in one line with exit 2, within the memory and time budget of ``carecite.reports.pdf``.

The PDFs are built here, small: the budgets are lowered so that a bomb shows in a second.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import carecite
import carecite.reports.pdf as guard
from carecite.errors import SourceError
from carecite.reports.layout import read_pdfium
from tests.conftest import TEXT_REPORT_SOURCE, TEXT_REPORT_THEMES
from tests.faults.conftest import Run, one_error
from tests.pdfs import LINE, flate_bomb, one_page, pdf_file, stream

pytest.importorskip("pypdfium2")

BUDGET_MB = 64


def text_pdf(pages: int = 1) -> bytes:
    return pdf_file(one_page(stream(b"".join(LINE % y for y in range(700, 400, -20))), pages=pages))


def form_fan_out(depth: int) -> bytes:
    """Each form draws the next twice, ``depth`` deep: 2**depth lines from a 3 kB file."""
    forms = [
        stream(
            b"/X Do /X Do",
            b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
            b"/Resources << /XObject << /X %d 0 R >> >>" % (7 + level),
        )
        for level in range(depth - 1)
    ]
    last = stream(
        LINE % 700,
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>",
    )
    return pdf_file([*one_page(stream(b"/X Do"), xobjects=b"/X 6 0 R"), *forms, last])


@pytest.fixture
def small_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A memory budget a bomb of a few hundred MB exceeds, and a time budget long enough
    that a bomb meets the memory budget first even on a loaded machine."""
    monkeypatch.setattr(guard, "MEMORY_LIMIT", BUDGET_MB << 20)
    monkeypatch.setattr(guard, "TIME_LIMIT", 30.0)


@pytest.fixture(params=["fork", "spawn"])
def child(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of making the child: a fork (the CLI on Linux) and a fresh interpreter
    (the web server's threads, macOS, Windows)."""
    monkeypatch.setattr(guard, "_can_fork", lambda: request.param == "fork")
    return str(request.param)


HINT = " — check that it opens in a PDF reader, or download the report again"

# Each hostile PDF, and the words of its one line; for the fan-out the time budget is 1 s and
# the memory budget 4 GB (it fills 1 GB in about 2.5 s here), so time runs out first even on a
# faster machine.
HOSTILE = {
    "flate-bomb": (
        lambda: flate_bomb(2 * BUDGET_MB),
        f"the file is damaged, or reading it needs more than {BUDGET_MB} MB of memory",
    ),
    "form-fan-out": (
        lambda: form_fan_out(40),
        "reading it took longer than 1 seconds, so it was stopped",
    ),
    "page-tree-loop": (
        lambda: pdf_file(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [6 0 R 3 0 R] /Count 2 >>",
                *one_page(stream(LINE % 700))[2:],
                b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
            ]
        ),
        "Failed to load page.",
    ),
    "unknown-filter": (
        lambda: pdf_file(one_page(stream(b"x\x9c not deflate", b"/Filter /NoSuchDecode"))),
        "it has no text layer",
    ),
    "cut-short": (lambda: text_pdf()[:200], "Failed to load document"),
}


@pytest.mark.usefixtures("small_budget")
@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_pdf_is_one_line_within_the_budget(
    run: Run, tmp_path: Path, kind: str, child: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    make, reason = HOSTILE[kind]
    if kind == "form-fan-out":
        monkeypatch.setattr(guard, "MEMORY_LIMIT", 4 << 30)
        monkeypatch.setattr(guard, "TIME_LIMIT", 1.0)
    report = tmp_path / "report.pdf"
    report.write_bytes(make())
    line = one_error(run("ingest", str(report)))
    assert line.startswith(f"error: {report}: cannot read this PDF: "), line
    assert reason in line, line
    assert line.endswith(HINT) or "text layer" in line, line


def test_the_budgets_spare_a_real_report_and_bound_a_real_bomb() -> None:
    """The stated budget: 1 GB of memory, a minute (real reports need under 60 MB and 1 s)."""
    assert guard.MEMORY_LIMIT == 1 << 30
    assert guard.TIME_LIMIT == 60.0


@pytest.mark.parametrize("pages", [None, 1])
def test_the_child_reads_what_pdfium_reads(child: str, pages: int | None) -> None:
    data = text_pdf(pages=3)
    assert guard.read_pdf_lines("three.pdf", data, pages=pages) == read_pdfium(data, pages)


def test_a_password_is_still_asked_for_by_name(tmp_path: Path) -> None:
    encrypted = pdf_file(one_page(stream(LINE % 700)))
    encrypted = encrypted.replace(
        b"/Root 1 0 R >>",
        b"/Root 1 0 R /Encrypt << /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >> "
        b"/ID [<00> <00>] >>" % (b"00" * 32, b"11" * 32),
    )
    with pytest.raises(SourceError, match="the PDF is encrypted with a password"):
        guard.read_pdf_lines(tmp_path / "locked.pdf", encrypted)


# --- every way in goes through the one guarded opener ----------------------------------------


@pytest.fixture
def bomb_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A bank of one source whose report is a FlateDecode bomb: (bank, reports)."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "bomb.pdf").write_bytes(flate_bomb(2 * BUDGET_MB))
    bank = tmp_path / "bombbank"
    bank.mkdir()
    (bank / "themes.yaml").write_text(TEXT_REPORT_THEMES, encoding="utf-8")
    source = TEXT_REPORT_SOURCE.replace("report_file: example.txt", "report_file: bomb.pdf")
    (bank / "example-2017.yaml").write_text(source, encoding="utf-8")
    return bank, reports


@pytest.mark.usefixtures("small_budget")
@pytest.mark.parametrize(
    "command",
    [
        ("ingest", "{report}"),
        ("locate", "{report}", "managers do not oversee"),
        ("import", "{report}", "--dry-run"),
        ("verify", "--reports", "{reports}"),
        (
            "add",
            "example-2017",
            "managers do not oversee",
            "--themes",
            "oversight",
            "--reports",
            "{reports}",
        ),
    ],
    ids=lambda command: command[0],
)
def test_every_command_reads_a_pdf_through_the_guard(
    bomb_bank: tuple[Path, Path], command: tuple[str, ...]
) -> None:
    from click.testing import CliRunner

    from carecite.cli.app import cli

    bank, reports = bomb_bank
    report = reports / "bomb.pdf"
    args = [a.format(report=report, reports=reports) for a in command]
    result = CliRunner().invoke(cli, ["--bank", str(bank), *args])
    line = one_error(result)
    assert f"{report}: cannot read this PDF: " in line, line
    assert f"more than {BUDGET_MB} MB of memory" in line, line


@pytest.mark.usefixtures("small_budget")
def test_the_web_import_reads_through_the_guard(bomb_bank: tuple[Path, Path]) -> None:
    """The web page's import is ``carecite.import_report`` (``web/importing.py``)."""
    bank, reports = bomb_bank
    with pytest.raises(SourceError, match=r"cannot read this PDF: .* MB of memory"):
        carecite.import_report(reports / "bomb.pdf", bank, dry_run=True)


def test_only_the_guard_calls_pdfium() -> None:
    """PDFium is imported by one module, and its reader is called from the guard alone."""
    package = Path(carecite.__file__).parent
    importers, callers = set(), set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = path.relative_to(package).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                modules = [node.module] if isinstance(node, ast.ImportFrom) else []
                modules += [alias.name for alias in node.names]
                if any(m and m.split(".")[0] == "pypdfium2" for m in modules):
                    importers.add(name)
            if isinstance(node, ast.Name | ast.alias) and "read_pdfium" in (
                getattr(node, "id", None),
                getattr(node, "name", None),
            ):
                callers.add(name)
    assert importers == {"reports/layout.py"}
    assert callers == {"reports/pdf.py"}


def test_a_pipe_named_as_a_report_is_never_opened(run: Run, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    line = one_error(run("ingest", str(fifo)))
    assert line == (
        f"error: {fifo}: is not a regular file (a folder, pipe or device) — give the "
        "report's PDF file"
    )
