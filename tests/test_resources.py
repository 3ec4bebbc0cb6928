"""Where carecite keeps its per-user files."""

from __future__ import annotations

import os
import stat
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


def test_the_default_bank_is_the_users_own_once_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from carecite.resources import default_bank_dir, shipped_bank, user_bank_dir

    monkeypatch.delenv("CARECITE_BANK", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_bank_dir() == shipped_bank()
    own = user_bank_dir()
    assert own == tmp_path / "carecite" / "bank"
    own.mkdir(parents=True)
    (own / "themes.yaml").write_text("extends: carecite\nthemes: {}\n", encoding="utf-8")
    assert default_bank_dir() == own
    monkeypatch.setenv("CARECITE_BANK", str(tmp_path / "named"))
    assert default_bank_dir() == tmp_path / "named"


def test_an_installed_bank_is_not_writable(tmp_path: Path) -> None:
    import sysconfig

    from carecite.errors import BankError
    from carecite.resources import is_installed, writable_bank_dir

    site = Path(sysconfig.get_path("purelib"))
    assert is_installed(site / "carecite" / "data" / "quotes")
    assert not is_installed(tmp_path)
    assert writable_bank_dir(tmp_path) == tmp_path
    with pytest.raises(BankError) as raised:
        writable_bank_dir(site / "carecite" / "data" / "quotes")
    assert "run 'carecite init'" in (raised.value.hint or "")


def test_without_a_home_the_cache_is_a_temporary_folder_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    from carecite import resources

    for name in ("CARECITE_CACHE", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(resources, "home_unknown", lambda: True)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert resources.cache_dir() == tmp_path / f"carecite-cache-{os.getuid()}"
    assert stat.S_IMODE((tmp_path / f"carecite-cache-{os.getuid()}").stat().st_mode) == 0o700
    assert "no home folder" in (resources.cache_warning() or "")
    assert resources.user_bank_dir() is None


def test_a_temporary_cache_folder_someone_else_could_write_is_not_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import tempfile

    from carecite import resources

    monkeypatch.delenv("CARECITE_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(resources, "home_unknown", lambda: True)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    planted = tmp_path / f"carecite-cache-{os.getuid()}"
    planted.mkdir(mode=0o777)
    planted.chmod(0o777)
    chosen = resources.cache_dir()
    assert chosen != planted and chosen.parent == tmp_path
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o700


# The top-level folders setup.py ships inside the package as carecite/data/.
SHIPPED_FOLDERS = ("quotes", "templates", "examples", "inspections")


def test_nothing_in_the_product_names_a_development_folder() -> None:
    """`../shared` means nothing to a user: no default, help text, message, shipped data file
    or the README (the package's description) may name it."""
    repo = Path(__file__).resolve().parents[1]
    shipped = [repo / "src" / "carecite", *(repo / folder for folder in SHIPPED_FOLDERS)]
    named = [
        str(path.relative_to(repo))
        for folder in shipped
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".py", ".j2", ".md", ".yaml", ".json", ".html", ".csv")
        and "shared/reference" in path.read_text(encoding="utf-8", errors="replace")
    ]
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert named == [] and "shared/reference" not in readme
