"""The draft command as a program calling it in-process meets it (issue 17's start-up work)."""

from __future__ import annotations

import gc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from carecite.cli.app import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE = EXAMPLES / "re-c-norfolk.yaml"
POSITION = EXAMPLES / "re-a-tower-hamlets.yaml"


def test_a_draft_run_in_process_leaves_the_cycle_collector_on(tmp_path: Path) -> None:
    """Only the console script, whose process ends with the command, leaves it off."""
    out = tmp_path / "skeleton.docx"
    args = ["draft", "skeleton-argument", str(EXAMPLE), "-o", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert out.is_file()
    assert gc.isenabled()


def test_a_finding_sentence_the_passage_lacks_names_the_case_file_and_writes_nothing(
    tmp_path: Path,
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        POSITION.read_text(encoding="utf-8").replace(
            "sentence: 2, start: the assessment quality", "sentence: 9"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "position.docx"
    args = ["draft", "position-statement", str(case), "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert f"{case}:33: finding th17-p20-assessments: sentence: 9" in result.output
    assert ".j2" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("name", ["position.pdf", "position.doc", "position"])
def test_out_of_a_format_drafts_are_not_written_in_is_refused(tmp_path: Path, name: str) -> None:
    """A .docx under another name would be a file that is not what it says."""
    out = tmp_path / name
    args = ["draft", "position-statement", str(POSITION), "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.output.startswith(
        f"error: {out}: carecite writes a Word document (.docx) or Markdown (.md), not a"
    )
    assert "save it as PDF, or run: soffice --headless --convert-to pdf" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_format_follows_the_out_extension(tmp_path: Path) -> None:
    for name in ("position.md", "position.docx"):
        out = tmp_path / name
        args = ["draft", "position-statement", str(POSITION), "-o", str(out)]
        assert CliRunner().invoke(cli, args).exit_code == 0
    assert (tmp_path / "position.md").read_text(encoding="utf-8").startswith("::: center")
    assert zipfile.is_zipfile(tmp_path / "position.docx")


def test_a_format_the_out_extension_contradicts_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "position.md"
    args = ["draft", "position-statement", str(POSITION), "-o", str(out), "--format", "docx"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.output == (
        f"error: {out}: the name ends .md, but the format asked for is docx; nothing was "
        "written — end the name .docx, or leave the format out: the extension chooses it\n"
    )
    assert not out.exists()


def test_standard_output_is_still_word_unless_markdown_is_asked_for() -> None:
    args = ["draft", "position-statement", str(POSITION), "-o", "-"]
    markdown = CliRunner().invoke(cli, [*args, "--format", "md"])
    assert markdown.exit_code == 0
    assert markdown.stdout.startswith("::: center")
    word = CliRunner().invoke(cli, args)
    assert word.exit_code == 0
    assert word.stdout_bytes.startswith(b"PK")
