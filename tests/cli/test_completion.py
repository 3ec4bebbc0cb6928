"""Shell completion offers the bank's own names: passages, sources, themes, authorities, templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from carecite.cli.app import cli
from tests.conftest import BankMaker


def completions(words: str, **env: str) -> list[str]:
    """What bash would offer for the last word of ``words`` (click's bash protocol)."""
    parts = words.split(" ")
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
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


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
        ("search --authority London", ["London Borough of Example"]),
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
