"""The draft command as a program calling it in-process meets it (issue 17's start-up work)."""

from __future__ import annotations

import gc
from pathlib import Path

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
