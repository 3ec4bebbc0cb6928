"""The web page under Starlette's test client: one app over the shipped bank, one secret."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install -e '.[web]'")
pytest.importorskip("httpx2", reason="the test client needs httpx2: pip install -e '.[test]'")

from starlette.testclient import TestClient

import carecite
from carecite.web.actions import Site
from carecite.web.app import create_app
from carecite.web.security import Policy, csrf_token, served_hosts

TOKEN = "launch-secret-for-tests"
PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
CSRF = csrf_token(TOKEN)


def make_client(
    max_body: int | None = None, bank: Path | None = None, reports: Path | None = None
) -> TestClient:
    """A client of an app over ``bank`` (default: the shipped bank) and ``reports``."""
    policy = Policy(TOKEN, served_hosts("127.0.0.1", PORT))
    if max_body is not None:
        policy = Policy(TOKEN, policy.hosts, max_body)
    app = create_app(Site(bank or carecite.shipped_bank(), reports), policy)
    return TestClient(app, base_url=ORIGIN, follow_redirects=False)


def broken_bank(folder: Path) -> tuple[Path, Path, int]:
    """A user's bank in ``folder`` (a copy of the shipped one) with one page number made
    text: the bank, the broken file and its line."""
    bank = folder / "bank"
    shutil.copytree(carecite.shipped_bank(), bank, ignore=shutil.ignore_patterns("reports"))
    broken = sorted(bank.glob("ofsted-*.yaml"))[0]
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, 1) if text.lstrip().startswith("page: "))
    lines[line - 1] = lines[line - 1].replace("page: ", "page: thirty #", 1)
    broken.write_text("".join(lines), encoding="utf-8")
    return bank, broken, line


@pytest.fixture
def anonymous() -> Iterator[TestClient]:
    """A client that has not presented the token."""
    with make_client() as client:
        yield client


@pytest.fixture
def browser() -> Iterator[TestClient]:
    """A client holding the cookie, as a browser does after opening the printed address."""
    with make_client() as client:
        opened = client.get(f"/?token={TOKEN}")
        assert opened.status_code == 303
        yield client


#: Headers of a cookie-authenticated form post from carecite's own page.
SAME_ORIGIN = {"Origin": ORIGIN, "X-CSRF-Token": CSRF}
AUTH = {"Authorization": f"token {TOKEN}"}


def left_empty(headers: dict[str, str]) -> dict[str, object]:
    """A form as a browser posts it with its file input left empty: a part named ``file``
    with ``filename=""`` and no bytes (httpx would leave the empty file name out), and the
    import form's published date, which is not one."""
    boundary = "carecite-test-boundary"
    body = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename=""\r\n'
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="published"\r\n\r\nJuly\r\n'
        f"--{boundary}--\r\n"
    )
    content_type = f"multipart/form-data; boundary={boundary}"
    return {"content": body.encode(), "headers": {**headers, "Content-Type": content_type}}
