"""`carecite history` and `carecite authorities` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from carecite.cli.app import cli
from carecite.history.dataset import COLUMNS
from tests.conftest import SHIPPED_BANK


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(cli, ["--bank", str(SHIPPED_BANK), *args])


@pytest.mark.parametrize(
    ("typed", "heading", "dates"),
    [
        (
            "Windsor and Maidenhead",
            "Windsor and Maidenhead: 3 inspections",
            ["13 May 2015", "24 February 2020", "19 November 2024"],
        ),
        (
            "Hull",
            "Kingston upon Hull: 4 inspections",
            ["10 February 2015", "17 May 2019", "13 January 2023", "18 May 2026"],
        ),
        (
            "LB Tower Hamlets",
            "Tower Hamlets: 5 inspections (5 in the bank, 0 from the dataset)",
            ["2011", "July 2012", "7 April 2017", "22 July 2019", "13 January 2025"],
        ),
    ],
)
def test_history_prints_the_full_record(typed: str, heading: str, dates: list[str]) -> None:
    result = run("history", typed)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(heading)
    lines = result.stdout.splitlines()
    table = lines[1 : 2 + len(dates)]
    assert [line.split("  ")[0] for line in table[1:]] == dates


def test_history_marks_what_the_dataset_did_not_record() -> None:
    result = run("history", "Norfolk County Council")
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("19 January 2018"))
    assert "not recorded — import the report to read them" in row
    assert "https://files.ofsted.gov.uk/v1/file/50000266" in row
    assert "ofsted-norfolk-2015" in result.stdout


def test_history_json_is_a_list_with_the_same_keys_for_every_row() -> None:
    result = run("history", "norfolk", "--json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert isinstance(records, list)
    assert len({tuple(r) for r in records}) == 1
    assert [(r["id"], r["in_bank"], r["overall_status"]) for r in records] == [
        (None, False, "not recorded"),
        ("ofsted-norfolk-2015", True, "recorded"),
        (None, False, "not recorded"),
        ("ofsted-norfolk-2023", True, "recorded"),
        (None, False, "recorded"),
    ]
    assert {r["authority"] for r in records} == {"Norfolk"}
    assert records[0]["inspected"] == {"from": None, "to": None}
    assert records[4]["framework"] == "ILACS"
    assert records[4]["overall"] == "outstanding"


def test_history_since() -> None:
    records = json.loads(run("history", "Hull", "--since", "2019", "--json").stdout)
    assert [r["published"] for r in records] == ["2019-05-17", "2023-01-13", "2026-05-18"]


def test_post_reform_inspection_says_not_given() -> None:
    records = json.loads(run("history", "Trafford", "--json").stdout)
    assert (records[-1]["overall"], records[-1]["overall_status"]) == (None, "not given")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("norfok", "error: no authority called 'norfok' — did you mean 'Norfolk'?"),
        (
            "Cumbria",
            "error: Cumbria County Council was replaced on 1 April 2023 by Cumberland and by Westmorland and Furness: no inspection of it is held",
        ),
    ],
)
def test_history_of_an_unknown_or_former_authority_exits_2(typed: str, message: str) -> None:
    result = run("history", typed)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)


@pytest.mark.parametrize("command", [["list"], ["sources"], ["search", "drift"], ["history"]])
def test_every_command_gives_the_same_answer_for_a_misspelt_authority(command: list[str]) -> None:
    args = [*command, "--authority", "norfok"] if command != ["history"] else ["history", "norfok"]
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == "error: no authority called 'norfok' — did you mean 'Norfolk'?\n"


@pytest.mark.parametrize("command", [["list"], ["sources"], ["search", "drift"]])
def test_authority_options_read_any_spelling(command: list[str]) -> None:
    result = run(*command, "--authority", "Norfolk County Council", "--json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert records
    for record in records:
        source = record.get("source", record.get("id"))
        assert "norfolk" in source


def test_authorities_grade_inadequate_says_it_filters_on_the_last_overall_judgement() -> None:
    result = run("authorities", "--grade", "inadequate")
    assert result.exit_code == 0
    rows = {line.split("  ")[0]: line for line in result.stdout.splitlines()[1:] if line.strip()}
    assert "Devon" in rows and "Tameside" in rows
    assert "Tower Hamlets" not in rows
    assert "inadequate (25 May 2023)" in rows["Liverpool"]
    assert "last overall judgement" in result.stderr
    # Trafford's latest inspection (April 2026 framework) has no overall judgement but judges
    # two areas inadequate: shown apart, never as an overall grade.
    assert (
        "Also: no overall judgement at the latest inspection, but an area judged inadequate:"
        in result.stdout
    )
    assert (
        "  Trafford, 3 August 2026: impact of leaders inadequate; help and protection inadequate"
        in result.stdout
    )


def test_authorities_json_lists_every_authority() -> None:
    records = json.loads(run("authorities", "--json").stdout)
    assert len(records) == 153
    blackpool = next(r for r in records if r["authority"] == "Blackpool")
    assert blackpool["latest"]["overall_status"] == "not given"
    assert (blackpool["last_overall"], blackpool["last_overall_published"]) == (
        "requires improvement to be good",
        "2023-02-01",
    )


def test_authorities_since() -> None:
    records = json.loads(run("authorities", "--since", "2026", "--json").stdout)
    assert records and all(r["latest"]["published"] >= "2026" for r in records)


def test_a_user_data_file_with_a_bad_row_exits_2_at_its_line(tmp_path: Path) -> None:
    data = tmp_path / "newer.csv"
    good = "80418,norfolk,2023-01-13,standard,2022-11-07,2022-11-18,good,good,good,good,,"
    data.write_text(
        ",".join(COLUMNS) + "\n" + good + "\n" + good.replace("2023-01-13", "13 Jan 2023") + "\n",
        encoding="utf-8",
    )
    for args in (["history", "Norfolk", "--data", str(data)], ["authorities", "--data", str(data)]):
        result = run(*args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == (
            f"error: {data}:3: published '13 Jan 2023' is not a date — write it as YYYY-MM-DD\n"
        )
    env_result = run("history", "Norfolk", env={"CARECITE_INSPECTIONS": str(data)})
    assert env_result.exit_code == 2
    assert f"{data}:3:" in env_result.stderr


def test_about() -> None:
    result = run("history", "--about")
    assert result.exit_code == 0
    assert "ofsted-ilacs-scrape-tool" in result.stdout
    assert "497 inspections of 153 authorities" in result.stdout


def test_plot_writes_svg_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "th.svg"
    assert run("history", "Tower Hamlets", "--plot", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<svg")
    target.write_text("mine", encoding="utf-8")
    refused = run("history", "Tower Hamlets", "--plot", str(target))
    assert refused.exit_code == 2
    assert target.read_text(encoding="utf-8") == "mine"
    assert run("history", "Tower Hamlets", "--plot", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<svg")


def test_plot_refuses_other_formats_in_one_line(tmp_path: Path) -> None:
    """As a draft's -o of another format is refused; it was click's four-line usage error."""
    result = run("history", "Hull", "--plot", str(tmp_path / "hull.png"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'hull.png'}: --plot writes SVG, not a .png file; nothing was "
        "written — name it .svg\n"
    )
    assert not (tmp_path / "hull.png").exists()


def test_a_bank_report_without_its_overall_judgement_is_not_sent_to_be_imported(
    tmp_path: Path,
) -> None:
    """A report in the bank whose source lacks the overall judgement was shown as 'not
    recorded — import the report to read them', though it is imported: the fix is its
    source file's judgements."""
    bank = tmp_path / "bank"
    assert CliRunner().invoke(cli, ["init", str(bank)]).exit_code == 0
    norfolk = (SHIPPED_BANK / "ofsted-norfolk-2015.yaml").read_text(encoding="utf-8")
    overall = '    - {area: "Overall effectiveness", grade: "inadequate"}\n'
    assert norfolk.count(overall) == 1
    (bank / "ofsted-norfolk-2015.yaml").write_text(norfolk.replace(overall, ""), "utf-8")
    result = CliRunner().invoke(cli, ["--bank", str(bank), "history", "Norfolk"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "ofsted-norfolk-2015" in line)
    assert "not in the bank's source — add it to its judgements" in row
    assert "import the report" not in row
