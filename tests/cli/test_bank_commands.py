"""The bank commands through click's runner: output on success, exit 2 and one clear line on error."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from carecite.cli.app import COMMAND_MODULES, cli
from carecite.search.thesaurus import read_thesaurus
from tests.conftest import REPORT_YAML, BankMaker


def run(*args: str, bank: Path | None = None) -> object:
    prefix = ["--bank", str(bank)] if bank else []
    return CliRunner().invoke(cli, [*prefix, *args])


def test_check_reports_counts_and_coverage(make_bank: BankMaker) -> None:
    result = CliRunner().invoke(cli, ["--bank", str(make_bank()), "check"], catch_exceptions=False)
    assert result.exit_code == 0
    shipped = len(read_thesaurus(make_bank(), {"management-oversight", "partnership"}))
    assert f"1 sources, 3 passages, 2 themes, {shipped} thesaurus concepts — all valid." in (
        result.output
    )
    assert "management-oversight" in result.output
    assert "short name" not in result.stderr


def test_check_warns_of_two_sources_with_one_short_name(make_bank: BankMaker) -> None:
    # A citation naming "Ofsted 2017 report" would read as either source.
    other = REPORT_YAML.replace("id: report-2017", "id: other-2017", 1).replace(
        "id: ex-", "id: ot-"
    )
    folder = make_bank({"report-2017.yaml": REPORT_YAML, "other-2017.yaml": other})
    result = run("check", bank=folder)
    assert result.exit_code == 0
    [warning] = result.stderr.splitlines()
    assert warning == (
        f"warning: {folder / 'report-2017.yaml'}:2: short name 'Ofsted 2017 report' is also "
        f"the short name of other-2017 ({folder / 'other-2017.yaml'}:2) — give this source a "
        "short name of its own, naming its authority ('Ofsted Blackpool 2019 report')"
    )


def test_broken_bank_exits_2_with_file_and_line(make_bank: BankMaker) -> None:
    folder = make_bank({"report-2017.yaml": REPORT_YAML.replace("page: 5\n", "page: five\n", 1)})
    result = run("check", bank=folder)
    assert result.exit_code == 2
    assert result.stdout == ""
    line = REPORT_YAML[: REPORT_YAML.index("page: 5\n")].count("\n") + 1
    assert (
        f"error: {folder / 'report-2017.yaml'}:{line}: 'passages[2].page' must be a whole number of 1 or more, "
        "got 'five' — use the page number printed in the source" in result.stderr
    )
    assert "Traceback" not in result.output


def test_bank_from_environment(make_bank: BankMaker) -> None:
    result = CliRunner(env={"CARECITE_BANK": str(make_bank())}).invoke(cli, ["list"])
    assert result.exit_code == 0
    assert "ex-oversight" in result.stdout


def test_list_json_has_the_passage_keys(make_bank: BankMaker) -> None:
    result = run("list", "--theme", "management-oversight", "--json", bank=make_bank())
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == ["ex-oversight", "ex-oversight-2"]
    keys = {"id", "source", "text", "page", "paragraph", "section", "themes", "checked"}
    assert keys <= set(records[0])
    assert records[0]["checked"] == "report"
    assert records[0]["citation"].endswith("(Ofsted, 7 April 2017) para 16")


def test_unknown_theme_suggests(make_bank: BankMaker) -> None:
    result = run("list", "--theme", "managment-oversight", bank=make_bank())
    assert result.exit_code == 2
    assert (
        "error: no theme 'managment-oversight' — did you mean 'management-oversight'?"
        in result.stderr
    )


def test_show_and_json(make_bank: BankMaker) -> None:
    folder = make_bank()
    text = run("show", "ex-summary", bank=folder)
    assert text.exit_code == 0
    assert "There are widespread and serious failures." in text.stdout
    assert "checked against the report itself" in text.stdout
    assert "Themes:   partnership\n" in text.stdout
    record = json.loads(run("show", "ex-summary", "--json", bank=folder).stdout)
    assert (record["page"], record["paragraph"], record["section"]) == (
        2,
        None,
        "Executive summary",
    )


def test_show_says_when_the_themes_await_review(make_bank: BankMaker) -> None:
    # As `carecite import` writes a passage: its themes suggested, not yet reviewed.
    unreviewed = REPORT_YAML.replace(
        "    themes: [partnership]\n", "    themes: [partnership]\n    themes_reviewed: false\n", 1
    )
    text = run("show", "ex-summary", bank=make_bank({"report-2017.yaml": unreviewed}))
    assert "Themes:   partnership (suggested by import; not yet reviewed)\n" in text.stdout


def test_cite_merges_and_styles(make_bank: BankMaker) -> None:
    folder = make_bank()
    oscola = run("cite", "ex-oversight-2", "ex-oversight", bank=folder)
    assert oscola.stdout.strip().endswith("(Ofsted, 7 April 2017) paras 16–17")
    practitioner = run("cite", "ex-oversight", "--style", "practitioner", bank=folder)
    assert practitioner.stdout.strip() == "Ofsted 2017 report at [16]"
    short = run("cite", "ex-summary", "--short", "--note", "4", bank=folder)
    assert short.stdout.strip() == "Ofsted 2017 report (n 4) 2"


def test_cite_note_without_short_is_a_usage_error(make_bank: BankMaker) -> None:
    result = run("cite", "ex-summary", "--note", "4", bank=make_bank())
    assert result.exit_code == 2
    assert "--note goes with --short" in result.stderr


def test_cite_unknown_id_suggests(make_bank: BankMaker) -> None:
    result = run("cite", "ex-sumary", bank=make_bank())
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "did you mean 'ex-summary'" in result.stderr


def test_cite_warns_on_secondary_pinpoint(make_bank: BankMaker) -> None:
    comment = """\
    source:
      id: comm
      kind: commentary
      title: A commentary
      short_name: The commentary
      author: Someone
    passages: []
    """
    secondary = REPORT_YAML.replace(
        "    checked: report\n  - id: ex-oversight\n",
        "    checked: secondary\n    checked_via: comm\n  - id: ex-oversight\n",
    )
    folder = make_bank({"report-2017.yaml": secondary, "comm.yaml": comment})
    result = run("cite", "ex-summary", bank=folder)
    assert result.exit_code == 0
    assert "as quoted in The commentary" in result.stdout
    assert "warning: pinpoint of ex-summary taken from The commentary" in result.stderr


def test_themes_and_sources(make_bank: BankMaker) -> None:
    folder = make_bank()
    assert "supervision" in run("themes", bank=folder).stdout
    sources = json.loads(run("sources", "--json", bank=folder).stdout)
    assert {"id", "authority", "title", "published", "judgements"} <= set(sources[0])
    assert sources[0]["judgements"] == [{"area": "Overall effectiveness", "grade": "inadequate"}]


def test_history_orders_and_matches_loosely(make_bank: BankMaker) -> None:
    later = REPORT_YAML.replace("report-2017", "report-2019").replace("ex-", "ex19-")
    later = later.replace("2017-01-23", "2019-06-10").replace("2017-02-16", "2019-06-21")
    later = later.replace("2017-04-07", "2019-07-22").replace("grade: inadequate", "grade: good")
    folder = make_bank({"report-2019.yaml": later, "report-2017.yaml": REPORT_YAML})
    records = json.loads(run("history", "example", "--json", bank=folder).stdout)
    assert [(r["id"], r["overall"]) for r in records] == [
        ("report-2017", "inadequate"),
        ("report-2019", "good"),
    ]
    missing = run("history", "Exampel", bank=folder)
    assert missing.exit_code == 2
    assert "did you mean 'London Borough of Example'" in missing.stderr


COMMANDS = cli.list_commands(click.Context(cli))


def test_every_command_is_listed_by_the_module_defining_it() -> None:
    """The group loads a command's module when it is asked for: its table must name every
    command each module defines, and no other."""
    listed: dict[str, str] = {}
    for name in sorted(set(COMMAND_MODULES.values())):
        module = importlib.import_module(f"carecite.cli.{name}")
        listed |= {command.name or "": name for command in module.COMMANDS}
    assert listed == COMMAND_MODULES


def test_a_mistyped_command_is_suggested_from_every_command() -> None:
    # A process of its own: no command is loaded before the mistyped one is looked up.
    result = subprocess.run(
        [sys.executable, "-m", "carecite", "drat"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "Error: No such command 'drat'. Did you mean 'draft'?" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"carecite {command}" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"carecite {command}" in readme


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "carecite", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("carecite, version ")
