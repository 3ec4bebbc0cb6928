"""The serve command: loopback by default, the address printed with its token, Ctrl-C stops it."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from subprocess import PIPE, Popen

import pytest
from click.testing import CliRunner

from carecite.cli.app import cli
from carecite.web.security import served_hosts
from carecite.web.server import Launch, is_loopback, remote_names
from tests.web.conftest import broken_bank


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("example.org", False),
        ("::", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_remote_host_needs_allow_remote() -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output


def test_an_allowed_remote_host_is_answered_by_its_name_too() -> None:
    hosts = served_hosts("192.168.1.20", 8000, ["192.168.1.20", "laptop.local"])
    assert {"192.168.1.20:8000", "laptop.local:8000", "127.0.0.1:8000"} <= hosts


def test_every_interface_is_answered_by_this_machine_s_name_and_addresses() -> None:
    import socket

    names = remote_names("0.0.0.0")
    assert socket.gethostname() in names and "0.0.0.0" in names
    assert "192.0.2.7" in remote_names("192.0.2.7")
    assert socket.gethostname() not in remote_names("192.0.2.7")


def test_the_printed_address_carries_the_token() -> None:
    assert Launch("127.0.0.1", 8123, "abc").url == "http://127.0.0.1:8123/?token=abc"
    assert Launch("::1", 8123, "abc").url == "http://[::1]:8123/?token=abc"


@contextlib.contextmanager
def _serving(*argv: str, env: dict[str, str] | None = None) -> Iterator[tuple[Popen[str], str]]:
    """A ``carecite serve`` process and the address it printed; killed at the end if it
    has not stopped."""
    server = subprocess.Popen(argv, stdout=PIPE, stderr=PIPE, text=True, env=env)
    try:
        assert server.stdout is not None
        server.stdout.readline()
        yield server, server.stdout.readline().strip()
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()


def test_serve_prints_its_address_answers_it_and_stops_on_ctrl_c() -> None:
    with _serving(sys.executable, "-m", "carecite", "serve", "--no-browser") as (server, address):
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{40,}", address), address
        api = address.replace("/?token=", "/api/search?q=lscb&token=")
        for _ in range(50):
            try:
                with urllib.request.urlopen(api) as response:
                    assert b"th17-lscb-inadequate" in response.read()
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(address.split("?")[0] + "api/search?q=lscb")
        assert refused.value.code == 401
        refused.value.close()
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=20)
    assert server.returncode == 0
    assert out.strip().endswith("carecite stopped.")
    assert "Traceback" not in err and "Aborted" not in err


@pytest.mark.parametrize("has_reports", [True, False])
def test_serve_checks_against_the_bank_s_own_reports_folder_by_default(
    tmp_path, monkeypatch: pytest.MonkeyPatch, has_reports: bool
) -> None:
    """As every other command does: without --reports the page's audit and passage pages
    used no reports at all, so a lawyer's imported report was never read ('the report is
    not held') while `carecite audit` read it."""
    import carecite.web.server

    seen = {}
    monkeypatch.setattr(
        carecite.web.server, "serve", lambda bank, reports, **_: seen.update(reports=reports)
    )
    monkeypatch.delenv("CARECITE_REPORTS", raising=False)
    assert CliRunner().invoke(cli, ["init", str(tmp_path / "bank")]).exit_code == 0
    if not has_reports:
        (tmp_path / "bank" / "reports").rmdir()
    result = CliRunner().invoke(cli, ["--bank", str(tmp_path / "bank"), "serve", "--no-browser"])
    assert result.exit_code == 0, result.output
    assert seen["reports"] == ((tmp_path / "bank" / "reports") if has_reports else None)


def test_serve_says_at_start_that_the_bank_does_not_load_and_serves_the_problem(
    tmp_path,
) -> None:
    """Served all the same, so the lawyer at the browser sees what is wrong (and the page
    comes back once the file is mended); said in the terminal, as the one who started it
    needs to know."""
    bank, broken, line = broken_bank(tmp_path)
    argv = (sys.executable, "-m", "carecite", "--bank", str(bank), "serve", "--no-browser")
    env = {**os.environ, "CARECITE_CACHE": str(tmp_path / "cache")}
    with _serving(*argv, env=env) as (server, address):
        page = address.replace("/?token=", "/api/passages/th17-lscb-inadequate?token=")
        for _ in range(50):
            try:
                urllib.request.urlopen(page).close()
                pytest.fail("a bank that does not load was answered as if it did")
            except urllib.error.HTTPError as refused:
                assert refused.code == 500
                assert f"{broken.name}:{line}: " in refused.read().decode()
                refused.close()
                break
            except urllib.error.URLError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer")
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=20)
    said = err.splitlines()
    assert said[0].startswith(f"warning: the bank does not load: {broken}:{line}: ")
    assert said[0].endswith("; the pages say so until it is mended")
    assert server.returncode == 0 and "Traceback" not in err


# The server, with a search that takes a minute: a request still open when Ctrl-C comes.
_SLOW_SEARCH = """
import sys, time
import carecite.web.actions
carecite.web.actions.search = lambda *_: time.sleep(60)
from carecite.cli import main
sys.argv = ["carecite", "serve", "--no-browser"]
main()
"""


def test_a_second_ctrl_c_stops_at_once_and_quietly() -> None:
    # The first Ctrl-C waits for the open search; the second cancels it, which uvicorn
    # logged as two tracebacks (the request's and the lifespan's).
    with _serving(sys.executable, "-c", _SLOW_SEARCH) as (server, address):
        search = address.replace("/?token=", "/api/search?q=lscb&token=")
        for _ in range(50):
            try:
                urllib.request.urlopen(search, timeout=0.5)
                pytest.fail("the slow search answered")
            except TimeoutError:
                break  # the server holds the search open
            except urllib.error.URLError as failed:
                if isinstance(failed.reason, TimeoutError):
                    break
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer")
        server.send_signal(signal.SIGINT)
        time.sleep(0.5)
        assert server.poll() is None  # waiting for the search, as asked
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=20)
    assert server.returncode == 0
    assert out.strip().endswith("carecite stopped.")
    assert err == ""
