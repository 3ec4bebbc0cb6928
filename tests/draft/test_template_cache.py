"""Templates are compiled once and kept in the user cache; an edit is seen at once (issue 17)."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from carecite.bank.load import Bank
from carecite.cachefile import take_repaired
from carecite.draft.case import Case
from carecite.draft.render import render_draft
from carecite.errors import TemplateError
from carecite.resources import cache_dir
from tests.draft import test_render
from tests.draft.test_render import user_template

# The case and bank of the rendering tests, as fixtures here too.
bank = test_render.bank
case = test_render.case


def _compiled_files() -> list[Path]:
    return sorted((cache_dir() / "templates").rglob("*.bytecode"))


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a template was compiled")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder for this test alone."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CARECITE_CACHE", str(folder))
    return folder


def _partial_template(tmp_path: Path, partial: str) -> Path:
    """A user template including a partial of its own (partials are loaded, so cached)."""
    (tmp_path / "partials").mkdir(exist_ok=True)
    user_template(tmp_path, partial, "partials/part.md.j2")
    return user_template(tmp_path, "Top\n\n{% include 'partials/part.md.j2' %}\n")


def test_a_shipped_template_is_compiled_once(
    own_cache: Path, case: Case, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = render_draft("position-statement", case, bank).markdown
    assert _compiled_files()
    _no_compiling(monkeypatch)
    assert render_draft("position-statement", case, bank).markdown == first


def test_a_users_own_template_is_compiled_once(
    own_cache: Path, tmp_path: Path, case: Case, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = user_template(tmp_path, "Case {{ case.case_number }}\n")
    first = render_draft(template, case, bank).markdown
    assert "Case ZE17C00001" in first
    _no_compiling(monkeypatch)
    assert render_draft(template, case, bank).markdown == first


def test_an_edited_template_is_compiled_again_at_once(
    own_cache: Path, tmp_path: Path, case: Case, bank: Bank
) -> None:
    template = _partial_template(tmp_path, "Alpha {{ case.case_number }}\n")
    assert "Alpha ZE17C00001" in render_draft(template, case, bank).markdown
    partial = tmp_path / "partials" / "part.md.j2"
    before = partial.stat()
    partial.write_text("Omega {{ case.case_number }}\n", encoding="utf-8")  # same size
    os.utime(partial, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert "Omega ZE17C00001" in render_draft(template, case, bank).markdown


@pytest.mark.parametrize("failing", ["the user's template", "its partial"])
def test_a_compiled_template_still_names_the_file_and_line_of_an_error(
    own_cache: Path, tmp_path: Path, case: Case, bank: Bank, failing: str
) -> None:
    if failing == "its partial":
        template = _partial_template(tmp_path, "ok\n{{ case.nothing }}\n")
        where = (tmp_path / "partials" / "part.md.j2", 2)
    else:
        template = user_template(tmp_path, "ok\n\n{{ case.nothing }}\n")
        where = (template, 3)
    for _ in range(2):  # compiled, then from the cache
        with pytest.raises(TemplateError) as caught:
            render_draft(template, case, bank)
        assert (Path(caught.value.path).resolve(), caught.value.line) == (
            where[0].resolve(),
            where[1],
        )


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[:-30] + b"\0" * 30, lambda data: data[:10]],
    ids=["bytes-changed", "cut-short"],
)
def test_a_damaged_compiled_template_is_compiled_again_and_said_so(
    own_cache: Path, case: Case, bank: Bank, damage
) -> None:  # type: ignore[no-untyped-def]
    expected = render_draft("position-statement", case, bank).markdown
    files = _compiled_files()
    for file in files:
        file.write_bytes(damage(file.read_bytes()))
    take_repaired()
    assert render_draft("position-statement", case, bank).markdown == expected
    assert sorted(take_repaired()) == files


def test_a_cache_that_cannot_be_written_is_skipped(
    tmp_path: Path, case: Case, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("CARECITE_CACHE", str(blocked))
    first = render_draft("position-statement", case, bank).markdown
    assert render_draft("position-statement", case, bank).markdown == first
    assert blocked.read_text(encoding="utf-8") == ""
