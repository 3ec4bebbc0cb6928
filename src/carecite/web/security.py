"""The web page's guard: who may ask, from where, and how much they may send.

Every request passes through ``Guard`` before any page sees it, in this order:

1. **Host** must be an address the server was started on (``127.0.0.1:PORT``,
   ``localhost:PORT``, ``[::1]:PORT``, plus a remote host allowed with ``--allow-remote``).
   A page on another site that rebinds its DNS name to 127.0.0.1 sends its own name and is
   refused, so it can never read an answer.
2. **The launch token**, as ``?token=`` or an ``Authorization: token …`` header, or the
   cookie a browser is given after presenting it. A browser that opened the printed address
   is sent back to the same page without the token in the address bar.
3. **Cookie-only state changes** (a POST that authenticated by the cookie alone, as a
   browser's form or script does) must come from the same origin (``Origin``, else
   ``Referer``) and carry the page's CSRF token (``?csrf=`` in the form's action, or an
   ``X-CSRF-Token`` header). A request carrying the launch token itself needs neither.
4. **Size**: a request body over the limit is refused (``Content-Length``, and counted as it
   streams in for a body that does not say its length).

No CORS header is ever sent, so another origin's script cannot read any answer; every answer
carries a Content-Security-Policy allowing only this server's own scripts, styles and fonts.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "carecite_token"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
#: The largest request body accepted: a long report PDF with room to spare.
MAX_BODY = 50 * 1024 * 1024
_SAFE_METHODS = frozenset({"GET", "HEAD"})
_SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
        b"form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    # same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" on a
    # form post, which the same-origin check must refuse.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"cache-control", b"no-store"),
]


def csrf_token(token: str) -> str:
    """The CSRF token of a launch: derived from its secret, so it needs no storage."""
    return hmac.new(token.encode(), b"carecite csrf", hashlib.sha256).hexdigest()


def served_hosts(host: str, port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """The ``Host`` header values the server answers to: loopback names and any extra hosts.

    Args:
        host: the address listened on (a loopback address unless remote use was allowed).
        port: the port listened on.
        extra: further host names or addresses allowed with ``--allow-remote``.
    """
    names = {"127.0.0.1", "localhost", "[::1]", _bracketed(host), *map(_bracketed, extra)}
    return frozenset(f"{name}:{port}".casefold() for name in names)


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


@dataclass(frozen=True, slots=True)
class Policy:
    """What the guard enforces: the launch's secret, the hosts served and the body limit."""

    token: str
    hosts: frozenset[str]
    max_body: int = MAX_BODY

    @property
    def csrf(self) -> str:
        return csrf_token(self.token)


class Guard:
    """ASGI middleware enforcing a ``Policy`` on every HTTP request (see the module)."""

    def __init__(self, app: App, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        host = headers.get("host", "").casefold()
        if host not in self.policy.hosts:
            await _refuse(send, 403, "This address is not the one carecite serves.")
            return
        # A page of another site gets nothing, whatever it carries: its script may have
        # learnt the token, and a browser names the page's origin on every request it lets
        # a script send across sites.
        origin = headers.get("origin")
        if origin is not None and not self._own(origin):
            await _refuse(send, 403, "A request from another site gets nothing from carecite.")
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        by_token = self._presented(query, headers)
        by_cookie = _matches(_cookie(headers), self.policy.token)
        if not (by_token or by_cookie):
            await _refuse(
                send,
                401,
                "Open the address carecite serve printed (it ends with ?token=…).",
            )
            return
        method = scope["method"]
        if method not in _SAFE_METHODS and not by_token:
            problem = self._cross_site(headers, query)
            if problem:
                await _refuse(send, 403, problem)
                return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.policy.max_body):
            await _refuse(send, 413, _too_large(self.policy.max_body))
            return
        # A browser opening the printed address: keep the token out of its address bar.
        browsing = method in _SAFE_METHODS and not scope["path"].startswith("/api/")
        if by_token and "token" in query and browsing:
            await self._forget_token(scope, query, send)
            return
        cookie = _cookie_header(self.policy.token) if by_token else None
        await self.app(scope, _limited(receive, self.policy.max_body), _hardened(send, cookie))

    def _presented(self, query: dict[str, str], headers: dict[str, str]) -> bool:
        """True when the request carries the launch token itself."""
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.casefold() == "token" and _matches(value.strip(), self.policy.token):
            return True
        return _matches(query.get("token"), self.policy.token)

    def _cross_site(self, headers: dict[str, str], query: dict[str, str]) -> str | None:
        """Why a cookie-only state change may not be the user's own, or ``None``."""
        origin = headers.get("origin") or headers.get("referer")
        if not origin:
            return "A change must come from carecite's own page (no Origin was sent)."
        if not self._own(origin):
            return "A change must come from carecite's own page, not another site."
        given = headers.get(CSRF_HEADER) or query.get(CSRF_FIELD)
        if not _matches(given, self.policy.csrf):
            return "This form has expired: reload the page and try again."
        return None

    def _own(self, origin: str) -> bool:
        """True when an Origin (or Referer) names the address served."""
        parts = urlsplit(origin)
        return parts.scheme == "http" and parts.netloc.casefold() in self.policy.hosts

    async def _forget_token(self, scope: Scope, query: dict[str, str], send: Send) -> None:
        """Set the cookie and send the browser back without the token in its address bar."""
        rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
        location = scope["path"] + (f"?{rest}" if rest else "")
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1")),
                    (b"set-cookie", _cookie_header(self.policy.token)),
                    (b"content-length", b"0"),
                    *_SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def _matches(given: str | None, secret: str) -> bool:
    return bool(given) and hmac.compare_digest(str(given).encode(), secret.encode())


def _cookie(headers: dict[str, str]) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is simply no cookie
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel else None


def _cookie_header(token: str) -> bytes:
    return f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict".encode("latin-1")


def _too_large(limit: int) -> str:
    return f"The file is too large: at most {limit // (1024 * 1024)} MB can be uploaded."


async def _refuse(send: Send, status: int, message: str) -> None:
    body = message.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *_SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyTooLarge(Exception):
    """A request body that did not declare its length grew past the limit."""


def _limited(receive: Receive, limit: int) -> Receive:
    """``receive`` that raises ``BodyTooLarge`` once more than ``limit`` bytes arrived."""
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(_too_large(limit))
        return message

    return counted


def _hardened(send: Send, cookie: bytes | None) -> Send:
    """``send`` adding the security headers, and the cookie (if given) for a browser."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [*message.get("headers", []), *_SECURITY_HEADERS]
            if cookie is not None:
                headers.append((b"set-cookie", cookie))
            message = {**message, "headers": headers}
        await send(message)

    return sending
