"""The draft command as a program calling it in-process meets it (issue 17's start-up work)."""

from __future__ import annotations

import gc
from pathlib import Path

from click.testing import CliRunner

from carecite.cli.app import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "re-c-norfolk.yaml"


def test_a_draft_run_in_process_leaves_the_cycle_collector_on(tmp_path: Path) -> None:
    """Only the console script, whose process ends with the command, leaves it off."""
    out = tmp_path / "skeleton.docx"
    args = ["draft", "skeleton-argument", str(EXAMPLE), "-o", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert out.is_file()
    assert gc.isenabled()
