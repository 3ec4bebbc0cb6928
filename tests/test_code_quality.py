"""The project's own checks, so CI keeps main as clean as the README promises."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

CHECKS = {
    "ruff check": [sys.executable, "-m", "ruff", "check", "src", "tests", "bench"],
    "ruff format": [sys.executable, "-m", "ruff", "format", "--check", "src", "tests", "bench"],
    "mypy strict": [sys.executable, "-m", "mypy", "src/carecite"],
}


@pytest.mark.parametrize("name", CHECKS)
def test_check_is_clean(name: str, tmp_path: Path) -> None:
    tool = CHECKS[name][2]
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed (pip install -e '.[test]')")
    command = [*CHECKS[name]]
    if tool == "mypy":
        command += ["--cache-dir", str(tmp_path / "mypy")]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
