"""init, where and examples; the reports folder a command uses; "1 passage"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from carecite.cli.app import cli
from carecite.resources import shipped_bank
from tests.conftest import BankMaker
from tests.reports.test_verify import PAGES, SOURCE, THEMES, passage


def invoke(*args: str, **env: str) -> Result:
    return CliRunner(env=env or None).invoke(cli, list(args))


def ok(*args: str, **env: str) -> Result:
    result = invoke(*args, **env)
    assert result.exit_code == 0, result.output
    return result


def test_init_then_the_bank_is_used_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    own = tmp_path / "data" / "carecite" / "bank"
    assert ok("init").stdout == f"made your bank in {own}\n"
    where = ok("where").stdout
    assert where.splitlines()[:2] == [
        f"bank:      {own} (your own)",
        f"  over:    {shipped_bank()} (shipped with carecite)",
    ]
    assert f"reports:   {own / 'reports'}" in where
    checked = ok("check").stdout
    assert checked.startswith(f"{own}: ")
    assert f"It lies over the shipped bank in {shipped_bank()}." in checked


def test_init_twice_is_refused(tmp_path: Path) -> None:
    ok("init", str(tmp_path / "b"))
    result = invoke("init", str(tmp_path / "b"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {tmp_path / 'b'}: is already a carecite bank; nothing was changed — use it as "
        "it is ('carecite --bank DIR check'), or choose another folder\n"
    )


def test_check_and_where_say_which_shipped_source_is_replaced(tmp_path: Path) -> None:
    own = tmp_path / "b"
    ok("init", str(own))
    shipped = shipped_bank() / "ofsted-norfolk-2015.yaml"
    (own / shipped.name).write_bytes(shipped.read_bytes())
    checked = ok("--bank", str(own), "check").stdout
    assert f"ofsted-norfolk-2015 replaces the shipped source of that id ({shipped})." in checked
    where = ok("--bank", str(own), "where", "--json").stdout
    info = json.loads(where)
    assert info["replaced_sources"] == {"ofsted-norfolk-2015": str(shipped)}
    assert [b["folder"] for b in info["banks"]] == [str(own), str(shipped_bank())]


def test_where_names_the_cache_and_a_user_bank_not_made_yet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    out = ok("where").stdout
    assert f"cache:     {tmp_path / 'cache'}" in out
    assert (
        f"your bank: not made yet: 'carecite init' makes it in {tmp_path / 'data' / 'carecite' / 'bank'}"
        in out
    )


def test_where_never_suggests_a_reports_folder_inside_the_installed_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from carecite import resources

    # As after `pip install`: the shipped bank lies in site-packages.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(resources, "is_installed", lambda folder: True)
    out = ok("where").stdout
    assert (
        "reports:   none: pass --reports, set CARECITE_REPORTS or run 'carecite init' for a "
        "bank of your own"
    ) in out


def test_examples_copies_the_case_files(tmp_path: Path) -> None:
    out = ok("examples", str(tmp_path / "cases")).stdout
    assert f"wrote {tmp_path / 'cases' / 're-a-tower-hamlets.yaml'}" in out
    again = invoke("examples", str(tmp_path / "cases"))
    assert again.exit_code == 2
    assert "already exists; nothing was copied" in again.stderr


def test_add_refuses_a_shipped_source(tmp_path: Path) -> None:
    own = tmp_path / "b"
    ok("init", str(own))
    (own / "reports").joinpath("x.txt").write_text("x", encoding="utf-8")
    result = invoke(
        "--bank", str(own), "add", "ofsted-norfolk-2015", "words", "--themes", "partnership"
    )
    assert result.exit_code == 2
    assert (
        "is in the bank shipped with carecite, which is read-only; nothing was written"
        in result.stderr
    )
    assert list((own).glob("*.yaml")) == [own / "themes.yaml"]


# --- the reports folder ------------------------------------------------------------------------


@pytest.fixture
def text_bank(make_bank: BankMaker) -> Path:
    rows = [("x-plans", "Managers have not ensured that plans are reviewed.", 2, None)]
    return make_bank(
        {
            "example-2017.yaml": SOURCE.format(report_file="example.txt")
            + "".join(passage(*r) for r in rows)
        },
        themes=THEMES,
    )


def _report_into(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "example.txt").write_text("\f".join(PAGES), encoding="utf-8")
    return folder


def test_reports_default_to_the_banks_reports_folder(text_bank: Path) -> None:
    _report_into(text_bank / "reports")
    assert ok("--bank", str(text_bank), "verify").stdout == "1 exact\n"


def test_reports_from_the_environment(text_bank: Path, tmp_path: Path) -> None:
    folder = _report_into(tmp_path / "elsewhere")
    assert (
        ok("--bank", str(text_bank), "verify", CARECITE_REPORTS=str(folder)).stdout == "1 exact\n"
    )


def test_no_reports_folder_says_how_to_name_one(
    text_bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path.parent / "shared" / "reference" / "reports").mkdir(
        parents=True, exist_ok=True
    )  # never used
    result = invoke("--bank", str(text_bank), "verify")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {text_bank / 'reports'}: no reports folder: the bank has no reports/ folder and "
        f"none was named — put the report PDFs in {text_bank / 'reports'}, or pass --reports "
        "DIR or set CARECITE_REPORTS=DIR to a folder of report PDFs\n"
    )


def test_reports_option_shows_its_environment_variable() -> None:
    assert "CARECITE_REPORTS" in ok("verify", "--help").stdout


# --- counts agree --------------------------------------------------------------------------------


def test_one_passage_is_one_passage(make_bank: BankMaker) -> None:
    bank = make_bank()
    one = ok("--bank", str(bank), "list", "--theme", "partnership")
    assert one.stderr == "1 passage.\n"
    two = ok("--bank", str(bank), "list", "--theme", "management-oversight")
    assert two.stderr == "2 passages.\n"


def test_add_into_an_installed_bank_is_refused_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """After `pip install`, the shipped bank is in site-packages: say so before anything else."""
    monkeypatch.setattr("carecite.resources.is_installed", lambda folder: True)
    result = invoke("add", "ofsted-norfolk-2015", "words", "--themes", "partnership")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error: {shipped_bank()}: is the bank installed with carecite: what is added there is "
        "lost at the next upgrade; nothing was written — run 'carecite init'"
    )


@pytest.mark.parametrize("installed", [True, False], ids=["installed", "editable-or-checkout"])
def test_the_shipped_bank_without_reports_points_to_the_users_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, installed: bool
) -> None:
    """Never into the shipped bank, which the next upgrade replaces: installed or not."""
    monkeypatch.setattr("carecite.resources.is_installed", lambda folder: installed)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CARECITE_BANK", raising=False)
    monkeypatch.delenv("CARECITE_REPORTS", raising=False)
    if (shipped_bank() / "reports").is_dir():
        pytest.skip("this checkout holds the reports in its shipped bank")
    result = invoke("verify")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: no reports folder: the bank shipped with carecite holds no report PDFs, and no "
        "folder of them was named — run 'carecite init' (it makes your own bank in "
        f"{tmp_path / 'data' / 'carecite' / 'bank'}, with a reports/ folder for the PDFs, kept "
        "across upgrades), or pass --reports DIR or set CARECITE_REPORTS=DIR to a folder of "
        "report PDFs\n"
    )
