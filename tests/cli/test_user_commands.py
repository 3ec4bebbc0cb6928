"""init, where and examples; the reports folder a command uses; "1 passage"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from carecite.cli.app import cli
from carecite.resources import no_reports_hint, schema_file, shipped_bank
from tests.conftest import BankMaker, make_not_a_file
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


@pytest.mark.parametrize("kind", ["folder", "loop"])
def test_an_own_bank_whose_themes_cannot_be_read_is_reported_not_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """The shipped bank was used instead, exit 0: the user's own sources gone unsaid."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    ok("init")
    themes = tmp_path / "data" / "carecite" / "bank" / "themes.yaml"
    themes.unlink()
    said = make_not_a_file(themes, kind)
    result = invoke("list")
    assert result.exit_code == 2
    assert result.stderr == f"error: {themes}: {said}\n"


def test_an_own_bank_whose_themes_file_was_deleted_is_reported_not_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its sources were passed over for the shipped bank, exit 0: a search for the user's
    own report found "0 passages". Now the bank is said to lack its themes.yaml, with the
    command that puts it back, and that command keeps the user's files."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    ok("init")
    own = tmp_path / "data" / "carecite" / "bank"
    mine = passage("x-plans", "Managers have not ensured that plans are reviewed.", 2, None)
    (own / "example-2017.yaml").write_text(SOURCE.format(report_file="x.txt") + mine, "utf-8")
    (own / "themes.yaml").unlink()
    result = invoke("list")
    assert result.exit_code == 2
    assert f"{own / 'themes.yaml'}: is missing — " in result.stderr
    assert "'carecite init FOLDER' puts the shipped one" in result.stderr
    ok("init", str(own))
    assert (own / "themes.yaml").exists() and (own / "example-2017.yaml").exists()


def test_init_writes_every_schema_a_bank_file_names_beside_it(tmp_path: Path) -> None:
    own = tmp_path / "b"
    ok("init", str(own))
    # What a user's bank holds: its themes.yaml, and files like the shipped sources and
    # thesaurus ('carecite import' writes the sources' first line as the shipped ones have it).
    models = [own / "themes.yaml", *sorted(shipped_bank().glob("*.yaml"))]
    named = {
        line.split("$schema=")[1]
        for path in models
        if "$schema=" in (line := path.read_text(encoding="utf-8").splitlines()[0])
    }
    assert named == {"bank.schema.json", "thesaurus.schema.json"}
    for name in named:
        assert (own / name).read_bytes() == schema_file(name).read_bytes()


def test_init_again_refreshes_the_schemas_it_wrote_and_keeps_an_edited_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "b"
    ok("init", str(own))
    themes = (own / "themes.yaml").read_bytes()
    (own / "thesaurus.schema.json").write_text('{"mine": true}', encoding="utf-8")
    # As after an upgrade: this carecite's schemas are new.
    upgraded = tmp_path / "upgraded"
    upgraded.mkdir()
    for name in ("bank.schema.json", "thesaurus.schema.json"):
        (upgraded / name).write_text(f'{{"title": "new {name}"}}', encoding="utf-8")
    monkeypatch.setattr("carecite.bank.user.schema_file", lambda name: upgraded / name)
    assert ok("init", str(own)).stdout == (
        f"{own} is your bank already: its files are as they were\n"
        f"wrote {own / 'bank.schema.json'}: the schema its files name, as this carecite has it\n"
        f"kept {own / 'thesaurus.schema.json'}: it is not the schema carecite wrote there "
        "(edited?); delete it and run 'carecite init' again for carecite's own\n"
    )
    assert (own / "bank.schema.json").read_text(
        encoding="utf-8"
    ) == '{"title": "new bank.schema.json"}'
    assert (own / "thesaurus.schema.json").read_text(encoding="utf-8") == '{"mine": true}'
    assert (own / "themes.yaml").read_bytes() == themes
    (own / "thesaurus.schema.json").unlink()
    again = ok("init", str(own)).stdout
    assert f"wrote {own / 'thesaurus.schema.json'}" in again
    assert ok("init", str(own)).stdout.endswith("its schemas are up to date\n")


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
    assert f"reports:   none: {no_reports_hint(shipped_bank())}\n" in out
    assert "reports:   none: run 'carecite init' (it makes your own bank in " in out


def test_where_in_a_checkout_names_init_as_verify_does_not_the_shipped_reports_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An editable install or a checkout: the shipped bank is not in site-packages.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    own = tmp_path / "data" / "carecite" / "bank"
    out = ok("where").stdout
    assert str(shipped_bank() / "reports") not in out
    assert (
        f"reports:   none: run 'carecite init' (it makes your own bank in {own}, with a "
        "reports/ folder for the PDFs, kept across upgrades), or pass --reports DIR or set "
        "CARECITE_REPORTS=DIR to a folder of report PDFs\n"
    ) in out
    verify = invoke("verify")
    assert verify.exit_code != 0
    assert no_reports_hint(shipped_bank()) in " ".join(verify.stderr.split())


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
