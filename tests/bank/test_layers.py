"""A bank of the user's own lies over the shipped bank, read-only underneath."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from carecite.bank.load import load_bank
from carecite.bank.user import SchemaRefresh, copy_examples, init_bank, refresh_schemas
from carecite.errors import BankError, OutputExistsError
from carecite.resources import schema_file, shipped_bank, shipped_dir
from tests.conftest import REPORT_YAML

SHIPPED = load_bank(shipped_bank())


@pytest.fixture
def own(tmp_path: Path) -> Path:
    return init_bank(tmp_path / "mine")


def test_a_new_bank_holds_the_shipped_bank_and_nothing_else(own: Path) -> None:
    bank = load_bank(own)
    assert sorted(p.name for p in own.iterdir()) == [
        ".carecite-schemas.json",
        "README.md",
        "bank.schema.json",
        "reports",
        "themes.yaml",
        "thesaurus.schema.json",
    ]
    assert "extends: carecite" in (own / "themes.yaml").read_text(encoding="utf-8")
    assert bank.base is not None and bank.base.directory == shipped_bank()
    assert bank.folders == (own, shipped_bank())
    assert list(bank.passages) == list(SHIPPED.passages)
    assert bank.themes == SHIPPED.themes
    assert bank.replaced == {}


def test_a_source_of_ones_own_adds_to_the_shipped_ones(own: Path) -> None:
    (own / "report-2017.yaml").write_text(
        REPORT_YAML.replace("themes: [partnership]", "themes: [partnership, leadership]"),
        encoding="utf-8",
    )
    bank = load_bank(own)
    assert "report-2017" in bank.sources
    assert {"ex-summary", "ex-oversight"} <= set(bank.passages)
    assert len(bank.passages) == len(SHIPPED.passages) + 3


def test_a_source_with_a_shipped_id_replaces_it_and_says_so(own: Path) -> None:
    shipped_file = shipped_bank() / "ofsted-norfolk-2015.yaml"
    text = shipped_file.read_text(encoding="utf-8")
    kept = "nf15-lscb-cdop-backlog"
    assert kept in text
    (own / shipped_file.name).write_text(text, encoding="utf-8")
    bank = load_bank(own)
    assert bank.replaced == {"ofsted-norfolk-2015": str(shipped_file)}
    assert bank.passages[kept].path == str(own / shipped_file.name)
    assert set(bank.passages) == set(SHIPPED.passages)
    assert shipped_file.read_text(encoding="utf-8") == text  # never changed


def test_a_passage_id_used_by_the_shipped_bank_is_a_duplicate(own: Path) -> None:
    taken = next(iter(SHIPPED.passages))
    text = REPORT_YAML.replace("id: ex-summary", f"id: {taken}")
    (own / "report-2017.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(BankError, match=f"duplicate passage id '{taken}'"):
        load_bank(own)


def test_a_theme_with_a_shipped_id_adds_synonyms(own: Path) -> None:
    (own / "themes.yaml").write_text(
        "extends: carecite\nthemes:\n  partnership:\n    synonyms: [joint working]\n"
        "  my-theme:\n    label: Mine\n    description: My own theme.\n",
        encoding="utf-8",
    )
    bank = load_bank(own)
    shipped = SHIPPED.themes["partnership"]
    assert bank.themes["partnership"].synonyms == (*shipped.synonyms, "joint working")
    assert bank.themes["partnership"].label == shipped.label
    assert bank.themes["my-theme"].label == "Mine"
    assert list(bank.themes)[: len(SHIPPED.themes)] == list(SHIPPED.themes)


def test_a_new_theme_needs_a_label_and_description(own: Path) -> None:
    (own / "themes.yaml").write_text(
        "extends: carecite\nthemes:\n  my-theme:\n    synonyms: [x]\n", encoding="utf-8"
    )
    with pytest.raises(BankError) as raised:
        load_bank(own)
    assert str(raised.value) == (
        f"{own / 'themes.yaml'}:3: theme 'my-theme' is new (not a shipped theme), so it needs "
        "a label and a description — add 'label:' and 'description:', or use a shipped "
        "theme's id ('carecite themes' lists them)"
    )


def test_a_bank_that_does_not_extend_still_needs_labels(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "themes.yaml").write_text(
        "themes:\n  partnership:\n    synonyms: [x]\n", encoding="utf-8"
    )
    with pytest.raises(BankError) as raised:
        load_bank(folder)
    messages = [p.message for p in raised.value.problems]
    assert messages == [
        "missing required field 'themes.partnership.label'",
        "missing required field 'themes.partnership.description'",
    ]


def test_extends_names_only_carecite(own: Path) -> None:
    (own / "themes.yaml").write_text("extends: elsewhere\nthemes: {}\n", encoding="utf-8")
    with pytest.raises(BankError) as raised:
        load_bank(own)
    assert str(raised.value) == (
        f"{own / 'themes.yaml'}:1: 'extends' must be 'carecite' (the bank shipped with "
        "carecite), got 'elsewhere' — write 'extends: carecite', or remove the line"
    )


def test_init_refuses_a_folder_that_is_a_bank(own: Path) -> None:
    before = (own / "themes.yaml").read_bytes()
    with pytest.raises(OutputExistsError, match="is already a carecite bank; nothing was changed"):
        init_bank(own)
    assert (own / "themes.yaml").read_bytes() == before


def test_init_copies_the_schemas_and_themes_yaml_names_the_copy(own: Path) -> None:
    assert (
        (own / "themes.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=bank.schema.json\n")
    )
    for name in ("bank.schema.json", "thesaurus.schema.json"):
        assert (own / name).read_bytes() == schema_file(name).read_bytes()
    assert refresh_schemas(own) == SchemaRefresh(written=(), kept=())


def test_init_keeps_what_the_folder_holds(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "README.md").write_text("our chambers' bank", encoding="utf-8")
    init_bank(folder)
    assert (folder / "README.md").read_text(encoding="utf-8") == "our chambers' bank"
    assert (folder / "themes.yaml").is_file() and (folder / "reports").is_dir()


def test_init_without_a_folder_uses_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    made = init_bank()
    assert made == tmp_path / "data" / "carecite" / "bank"
    assert load_bank(made).base is not None


def test_init_refuses_an_installed_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("carecite.resources.is_installed", lambda folder: True)
    with pytest.raises(BankError, match="is the bank installed with carecite"):
        init_bank(tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_examples_are_copied_and_never_overwritten(tmp_path: Path) -> None:
    written = copy_examples(tmp_path / "cases")
    shipped = sorted(
        p.name for p in shipped_dir("examples").iterdir() if p.suffix in (".yaml", ".json")
    )
    assert [p.name for p in written] == shipped
    assert "case.schema.json" in shipped
    mine = written[0]
    mine.write_text("my edits", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        copy_examples(tmp_path / "cases")
    assert mine.read_text(encoding="utf-8") == "my edits"
    shutil.rmtree(tmp_path / "cases")
