"""Shell completion offers the bank's own names (passages, sources, themes), every authority
(the inspections dataset's and the bank's) and the template names."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from carecite.cli.app import cli
from tests.conftest import BankMaker


def completions(words: str, **env: str) -> list[str]:
    """What bash would offer for the last word of ``words`` (click's bash protocol)."""
    parts = shlex.split(words)  # as bash counts words: an escaped space is inside one
    result = CliRunner().invoke(
        cli,
        [],
        prog_name="carecite",
        env={
            "_CARECITE_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            **env,
        },
    )
    assert result.exit_code == 0, result.output
    # Click's bash script reads each line with `read`, which takes one backslash from each
    # escaped character: what is left is what bash inserts.
    values = [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]
    return [re.sub(r"\\(.)", r"\1", value) for value in values]


@pytest.fixture
def bank(make_bank: BankMaker) -> Path:
    return make_bank()


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("show ex-o", ["ex-oversight", "ex-oversight-2"]),
        ("cite ex-summary ex-oversight-", ["ex-oversight-2"]),
        ("list --source rep", ["report-2017"]),
        ("list --theme man", ["management-oversight"]),
        ("search --authority London", [r"London\ Borough\ of\ Example"]),
        ("add report-2017 words --themes partnership,man", ["partnership,management-oversight"]),
    ],
    ids=["passage", "passages", "source", "theme", "authority", "theme-list"],
)
def test_bank_names_complete(bank: Path, line: str, offered: list[str]) -> None:
    assert completions(f"carecite --bank {bank} {line}") == offered


def test_template_names_complete() -> None:
    assert "skeleton-argument" in completions("carecite draft sk")


def test_a_broken_bank_offers_nothing_and_never_fails(tmp_path: Path) -> None:
    (tmp_path / "themes.yaml").write_text("themes: [", encoding="utf-8")
    assert completions(f"carecite --bank {tmp_path} show ex") == []


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("history tow", [r"Tower\ Hamlets"]),
        ("history Tower\\ H", [r"Tower\ Hamlets"]),
        ("search --authority king", [r"Kingston\ upon\ Hull", r"Kingston\ upon\ Thames"]),
        ("list --authority rut", ["Rutland"]),
        ("history bournemouth,", [r"Bournemouth,\ Christchurch\ and\ Poole"]),
    ],
    ids=["lower-case", "escaped-space", "two", "one-word", "comma"],
)
def test_every_authority_of_the_dataset_completes(
    bank: Path, line: str, offered: list[str]
) -> None:
    """Not only the bank's: any English authority, a space escaped so bash keeps one word."""
    assert completions(f"carecite --bank {bank} {line}") == offered


def test_the_banks_own_authority_completes_beside_the_datasets(bank: Path) -> None:
    offered = completions(f"carecite --bank {bank} history l")
    assert r"London\ Borough\ of\ Example" in offered
    assert r"Liverpool" in offered and len(offered) > 5


def test_zsh_gets_names_unescaped(bank: Path) -> None:
    """zsh quotes what it inserts itself: an escaped space would arrive as a backslash."""
    result = CliRunner().invoke(
        cli,
        [],
        prog_name="carecite",
        env={
            "_CARECITE_COMPLETE": "zsh_complete",
            "COMP_WORDS": f"carecite --bank {bank} history tower",
            "COMP_CWORD": "4",
        },
    )
    assert result.stdout.splitlines() == ["plain", "Tower Hamlets", "_"]
