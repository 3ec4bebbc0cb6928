"""Where carecite keeps its per-user files."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from carecite.resources import cache_dir


def test_carecite_cache_names_the_cache_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def test_otherwise_the_cache_is_the_platforms_user_cache_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CARECITE_CACHE", raising=False)
    assert cache_dir() == Path(platformdirs.user_cache_dir("carecite", appauthor=False))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_on_linux_the_cache_follows_xdg_cache_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CARECITE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "carecite"
