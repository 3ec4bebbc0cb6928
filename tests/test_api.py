"""The public Python API: typed verbs that compose, as the README's example uses them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx

import carecite

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "api_example.py"
PACKAGE = REPO / "src" / "carecite"


def test_every_exported_name_resolves() -> None:
    for name in carecite.__all__:
        assert getattr(carecite, name) is not None, name


def test_no_export_is_named_like_a_subpackage() -> None:
    # `carecite.draft` must stay the subpackage: a verb of that name would be shadowed by it.
    subpackages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert subpackages & set(carecite.__all__) == set()


def test_the_readme_example_script_drafts_and_audits(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    lines = result.stdout.splitlines()
    assert lines[1] == f"wrote {tmp_path / 'position.docx'} with 5 quotations"
    assert lines[2] == "5 quotations checked; 0 need attention"
    properties = docx.Document(str(tmp_path / "position.docx")).core_properties
    assert properties.author == "Counsel Name"
    assert properties.created is not None and properties.created.year == 2017


def _mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )


def test_the_example_type_checks_and_a_misuse_does_not(tmp_path: Path) -> None:
    # py.typed is honoured and the verbs carry real types, not Any: mypy accepts the
    # example and rejects a script that passes a number where a path belongs.
    assert _mypy(EXAMPLE).returncode == 0, _mypy(EXAMPLE).stdout
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "import carecite\n"
        "bank = carecite.load_bank(3)\n"
        "text: int = carecite.format_citation([], bank.sources).text\n",
        encoding="utf-8",
    )
    checked = _mypy(wrong)
    assert checked.returncode == 1
    assert 'Argument 1 to "load_bank" has incompatible type "int"' in checked.stdout
    assert 'Incompatible types in assignment (expression has type "str"' in checked.stdout
