"""Atomic, never-clobbering writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from carecite.errors import OutputExistsError
from carecite.output import write_atomic, write_text_atomic


def test_refuses_to_overwrite_and_leaves_the_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "draft.md"
    target.write_text("the lawyer's edits", encoding="utf-8")
    with pytest.raises(OutputExistsError) as raised:
        write_text_atomic(target, "new")
    assert raised.value.path == str(target)
    assert "--force" in (raised.value.hint or "")
    assert target.read_text(encoding="utf-8") == "the lawyer's edits"
    assert list(tmp_path.iterdir()) == [target]


def test_force_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "draft.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_text_atomic(tmp_path / "new.md", "text")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    target.write_bytes(b"original")

    def explode(stream) -> None:
        stream.write(b"half a docx")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(target, explode, force=True)
    assert target.read_bytes() == b"original"
    assert list(tmp_path.iterdir()) == [target]
