"""The prepared base document: kept in the user cache, and the draft is the same either way."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Inches

from carecite.draft.write import styles
from carecite.draft.write.docx import build_document

MARKDOWN = (
    "# Title\n\n> Quoted.\n\n1. Body.[^a]\n\n| A | B |\n|---|---|\n| x | y |\n\n[^a]: Note.\n"
)


def parts(document: docx.document.Document) -> dict[str, bytes]:
    """Every part of the saved document; the core properties' times left out."""
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as package:
        found = {name: package.read(name) for name in package.namelist()}
    found["docProps/core.xml"] = re.sub(
        rb"\d{4}-\d\d-\d\dT[\d:]+Z", b"", found["docProps/core.xml"]
    )
    return found


def refuse_to_prepare(*args: object, **kwargs: object) -> None:
    raise AssertionError("the base was prepared again")


@pytest.mark.parametrize(
    "options",
    [{}, {"landscape": True}, {"font": "Times New Roman"}, {"citations": "inline"}],
    ids=["house", "landscape", "font", "inline"],
)
def test_a_draft_on_the_kept_base_is_the_draft_on_a_newly_prepared_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: dict[str, object]
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    prepared_now = parts(build_document(MARKDOWN, **options))
    monkeypatch.setattr(styles, "prepare_styles", refuse_to_prepare)
    assert parts(build_document(MARKDOWN, **options)) == prepared_now


def test_a_kept_base_is_the_one_for_its_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    portrait = build_document(MARKDOWN).sections[-1]
    landscape = build_document(MARKDOWN, landscape=True).sections[-1]
    assert build_document(MARKDOWN).sections[-1].page_width == portrait.page_width
    assert landscape.page_width > portrait.page_width


def test_an_edited_reference_docx_is_prepared_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    reference = tmp_path / "firm.docx"
    for margin in (Inches(1), Inches(2)):
        firm = docx.Document()
        firm.sections[0].left_margin = margin
        firm.save(str(reference))
        built = build_document(MARKDOWN, reference_docx=reference)
        assert built.sections[-1].left_margin == margin


#: Built-in styles a lawyer applies in Word to a draft's text and tables.
STYLES_A_LAWYER_APPLIES = (
    "Normal",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Title",
    "Quote",
    "List Bullet",
    "List Number",
    "List Paragraph",
    "Footnote Text",
    "Footnote Reference",
    "Table Grid",
    "Normal Table",
)


def test_a_house_draft_leaves_out_the_template_parts_no_draft_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    document = build_document(MARKDOWN)
    saved = parts(document)
    assert "word/stylesWithEffects.xml" not in saved
    assert "docProps/thumbnail.jpeg" not in saved  # python-docx's template's blank page
    names = {style.name.lower() for style in document.styles}
    assert "light shading" not in names  # a table design Word supplies when applied
    assert {name.lower() for name in STYLES_A_LAWYER_APPLIES} <= names


def test_a_firms_reference_docx_keeps_all_its_styles_and_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    reference = tmp_path / "firm.docx"
    docx.Document().save(str(reference))  # a firm's document made from python-docx's template
    document = build_document(MARKDOWN, reference_docx=reference)
    assert "word/stylesWithEffects.xml" in parts(document)
    assert "Light Shading" in {style.name for style in document.styles}
