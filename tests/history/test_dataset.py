"""The inspections dataset: the shipped file loads as it is; a user's bad row is FILE:LINE."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from carecite import cachefile
from carecite.errors import FileError, InspectionsError
from carecite.history.dataset import COLUMNS, load_inspections
from carecite.history.names import authority_names, shipped_inspections_file

HEADER = ",".join(COLUMNS)
GOOD = "80418,norfolk,2023-01-13,standard,2022-11-07,2022-11-18,good,good,good,good,,https://files.ofsted.gov.uk/v1/file/50204404"


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "inspections.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_shipped_dataset_loads_all_its_rows() -> None:
    dataset = load_inspections(shipped_inspections_file())
    assert dataset.shipped
    assert len(dataset.rows) == 497
    assert len(dataset.authorities()) == 153
    assert min(r.published for r in dataset.rows) == date(2012, 7, 13)
    assert max(r.published for r in dataset.rows) == date(2026, 8, 20)


def test_the_shipped_quirks_load_as_not_recorded_or_not_given() -> None:
    rows = {(r.authority, r.published): r for r in load_inspections().rows}
    nottingham = rows["nottingham", date(2019, 1, 7)]
    assert nottingham.grade("help_and_protection") is None  # "to requires improvement"
    assert nottingham.grade("impact_of_leaders") == "requires improvement"
    assert rows["wiltshire", date(2019, 7, 22)].variant == (
        "inspection duration longer than standard framework"
    )
    assert rows["trafford", date(2026, 8, 3)].grade("overall_effectiveness") == (
        "not_reported_post_reform"
    )
    assert rows["darlington", date(2018, 5, 21)].variant is None


def test_about_names_provenance_licence_and_date() -> None:
    about = " ".join(load_inspections().about().split())
    assert "ofsted-ilacs-scrape-tool" in about
    assert "Open Government Licence v3.0" in about
    assert "20 August 2026" in about
    assert "497 inspections of 153 authorities" in about


def test_environment_names_a_newer_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARECITE_INSPECTIONS", str(write(tmp_path, GOOD)))
    dataset = load_inspections()
    assert not dataset.shipped
    assert [r.authority for r in dataset.rows] == ["norfolk"]
    assert "carecite records no provenance" in dataset.about()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            GOOD.replace("2023-01-13", "13/01/2023"),
            "published '13/01/2023' is not a date — write it as YYYY-MM-DD",
        ),
        (
            GOOD.replace(",good,good,good,good,", ",gud,good,good,good,"),
            "overall_effectiveness 'gud' is not a grade",
        ),
        (
            GOOD.replace("2022-11-18", ""),
            "the inspection dates 2022-11-07 to (blank) are not a period",
        ),
        (
            GOOD.replace("standard", "focused visit"),
            "framework_variant 'focused visit' is not known",
        ),
        (GOOD.replace("norfolk", ""), "the authority is blank"),
        (GOOD.replace("https://", "files:"), "is not a web address"),
    ],
    ids=["date", "grade", "half-period", "variant", "authority", "url"],
)
def test_a_bad_row_is_reported_at_its_line(tmp_path: Path, row: str, message: str) -> None:
    path = write(tmp_path, GOOD, row)
    with pytest.raises(InspectionsError) as caught:
        load_inspections(path)
    assert str(caught.value).startswith(f"{path}:3: ")
    assert message in str(caught.value)


def test_every_bad_row_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("good", "gud", 1), GOOD, GOOD.replace("2023", "20x3", 1))
    with pytest.raises(InspectionsError) as caught:
        load_inspections(path)
    assert [(p.line, p.path) for p in caught.value.problems] == [(2, str(path)), (4, str(path))]


def test_a_missing_column_is_reported_on_the_header(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("urn,authority,published\n1,norfolk,2023-01-13\n", encoding="utf-8")
    with pytest.raises(InspectionsError) as caught:
        load_inspections(path)
    assert str(caught.value).startswith(f"{path}:1: the header lacks framework_variant")


# --- the authorities' names a draft reads, kept in the user cache -------------------------------

OTHER = GOOD.replace("norfolk", "suffolk").replace("80418", "80419")


def _kept(cache: Path) -> list[Path]:
    return sorted((cache / "inspections").glob("*.pickle"))


def test_the_names_are_the_datasets_in_file_order() -> None:
    assert authority_names() == load_inspections().authorities()
    assert authority_names() == load_inspections().authorities()  # the kept names too


def test_the_names_of_an_edited_file_are_its_new_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    path = write(tmp_path, GOOD)
    assert authority_names(path) == ("norfolk",)
    assert len(_kept(tmp_path / "cache")) == 1
    write(tmp_path, GOOD.replace("norfolk", "suffolk"))  # the same size: the key is the bytes
    assert authority_names(path) == ("suffolk",)


def test_a_file_with_a_bad_row_is_refused_every_time_and_never_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    path = write(tmp_path, GOOD, GOOD.replace("good", "gud", 1))
    for _ in range(2):
        with pytest.raises(InspectionsError, match=r":3: overall_effectiveness 'gud'"):
            authority_names(path)
    assert _kept(tmp_path / "cache") == []


def test_a_missing_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="cannot read the inspections file"):
        authority_names(tmp_path / "gone.csv")


def test_damaged_kept_names_are_read_again_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    path = write(tmp_path, GOOD, OTHER)
    authority_names(path)
    cachefile.take_repaired()
    [kept] = _kept(tmp_path / "cache")
    kept.write_bytes(kept.read_bytes()[:-3] + b"xxx")
    assert authority_names(path) == ("norfolk", "suffolk")
    assert cachefile.take_repaired() == (kept,)
    assert authority_names(path) == ("norfolk", "suffolk")
    assert cachefile.take_repaired() == ()
