"""Run the web page: a free loopback port, a fresh secret, the browser opened at it."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import secrets
import socket
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from carecite.errors import CareciteError
from carecite.web.actions import Site
from carecite.web.security import Policy, served_hosts

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class Launch:
    """One run of the server: where it listens and the address (with token) to open."""

    host: str
    port: int
    token: str

    @property
    def url(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}/?token={self.token}"


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def remote_names(host: str) -> tuple[str, ...]:
    """The names and addresses a remote user may reach ``host`` by, for the Host check.

    The host itself and its full name; for ``0.0.0.0`` or ``::`` (every interface), this
    machine's name, full name and addresses, which is what others will type.
    """
    names = {host.strip("[]"), socket.getfqdn(host.strip("[]"))}
    try:
        unspecified = ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        unspecified = False
    if unspecified:
        machine = socket.gethostname()
        names |= {machine, socket.getfqdn(machine)}
        # A machine whose own name does not resolve: its name is all there is.
        with contextlib.suppress(OSError):
            names |= set(socket.gethostbyname_ex(machine)[2])
    return tuple(sorted(names))


def free_port(host: str) -> int:
    """A port free on ``host`` now, chosen by the operating system."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host.strip("[]"), 0))
        port: int = probe.getsockname()[1]
        return port


def serve(
    bank_dir: Path,
    reports_dir: Path | None,
    *,
    host: str = LOOPBACK,
    port: int | None = None,
    open_browser: bool = True,
    announce: Callable[[Launch], None] = lambda launch: None,
    unloaded: Callable[[CareciteError], None] = lambda error: None,
) -> None:
    """Serve carecite's pages until Ctrl-C (or SIGTERM), then return.

    The bank is loaded before the server starts, so the first page comes at once. A bank
    that does not load is told to ``unloaded`` and served all the same: each page then
    names the broken file and line, and comes back by itself once the file is mended (the
    bank is read again on the next request), which is what a lawyer at the browser sees;
    a server that refused to start would show them only that the address does not answer.

    Args:
        bank_dir: the bank to search and draft from.
        reports_dir: the report PDFs for the audit and the passage page, or ``None``.
        host: the address to listen on; a non-loopback one must have been allowed by the
            caller (``--allow-remote``), and its name is then accepted as a Host too.
        port: the port, or ``None`` for a free one.
        open_browser: open the address (with its token) in the user's browser.
        announce: told the launch before the server starts, to print its address.
        unloaded: told why the bank does not load, before ``announce``.
    """
    import uvicorn

    from carecite.web.app import create_app

    launch = Launch(host, port or free_port(host), secrets.token_urlsafe(32))
    extra = () if is_loopback(host) else remote_names(host)
    policy = Policy(launch.token, served_hosts(host, launch.port, extra))
    site = Site(bank_dir, reports_dir)
    try:
        site.bank()
    except CareciteError as error:
        unloaded(error)
    app = create_app(site, policy)
    announce(launch)
    if open_browser:
        # After a moment, so the server is listening when the browser asks.
        threading.Timer(0.5, webbrowser.open, args=(launch.url,)).start()
    config = uvicorn.Config(
        app,
        host=host.strip("[]"),
        port=launch.port,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
    )
    server = uvicorn.Server(config)

    def before_a_forced_stop(record: logging.LogRecord) -> bool:
        return not server.force_exit

    # uvicorn finishes the open requests on Ctrl-C, then raises it again: stopping is what
    # the user asked for, not a failure. A second Ctrl-C cancels those requests, and uvicorn
    # logs each cancelled one as an error with its traceback: what the user asked for again.
    logged = logging.getLogger("uvicorn.error")
    logged.addFilter(before_a_forced_stop)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            server.run()
    finally:
        logged.removeFilter(before_a_forced_stop)
