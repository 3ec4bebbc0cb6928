"""Fixtures of the fault-injection suite: a small bank, a case for it, and a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from carecite.cli.app import cli
from tests.conftest import BankMaker

# A case file for the ``make_bank`` bank (one 2017 report of three passages).
CASE_YAML = """\
court: {name: Family Court, sitting_at: East London}
case_number: ZE17C00000
local_authority: London Borough of Example
parents:
  - {name: Ms X, relationship: mother}
children:
  - {initials: A, sex: female}
guardian: Ms G
acting_for: guardian
hearing: {type: Issues Resolution Hearing, date: 2017-06-12}
date: 2017-06-09
author: {name: Counsel Name, role: counsel, chambers: Example Chambers}
relied_on:
  themes: [management-oversight]
  passages: [ex-oversight, ex-summary]
"""

# A user template: enough to make a real draft from that case, whatever the shipped
# templates come to need of a bank.
TEMPLATE = """\
# Skeleton argument in {{ case.case_number }}

The local authority's failings are of long standing.{{ cite(["ex-oversight"]) }}

{{ quote("ex-summary") }}
"""

Run = Callable[..., Result]


@pytest.fixture
def draft(tmp_path: Path) -> tuple[str, str]:
    """``draft TEMPLATE``: the start of a draft command with a small user template."""
    path = tmp_path / "skeleton.md.j2"
    path.write_text(TEMPLATE, encoding="utf-8")
    return ("draft", str(path))


@pytest.fixture
def bank(make_bank: BankMaker) -> Path:
    return make_bank()


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(CASE_YAML, encoding="utf-8")
    return path


@pytest.fixture
def run(bank: Path) -> Run:
    """Run ``carecite --bank BANK ARGS…``; stdin text with ``input=``."""

    def invoke(*args: str, input: str | bytes | None = None, **env: str) -> Result:
        return CliRunner(env=env or None).invoke(cli, ["--bank", str(bank), *args], input=input)

    return invoke


def one_error(result: Result) -> str:
    """The one ``error:`` line of a failed command, checked to be all it printed."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    return lines[0]
