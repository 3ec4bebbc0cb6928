"""The guard: token, Host, CSRF, no CORS, upload limits, path traversal — each refused."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import AUTH, CSRF, ORIGIN, PORT, SAME_ORIGIN, TOKEN, make_client

EXAMPLE_CASE = "case: {}\n"


def test_no_token_gets_nothing(anonymous: TestClient) -> None:
    for path in ("/search?q=lscb", "/api/search?q=lscb", "/passage/th17-lscb-inadequate", "/"):
        response = anonymous.get(path)
        assert response.status_code == 401, path
        assert "lscb" not in response.text.casefold()


def test_a_wrong_token_gets_nothing(anonymous: TestClient) -> None:
    assert anonymous.get("/api/search?q=lscb&token=guess").status_code == 401
    assert (
        anonymous.get("/api/search?q=lscb", headers={"Authorization": "token guess"}).status_code
        == 401
    )
    anonymous.cookies.set("carecite_token", "guess")
    assert anonymous.get("/search").status_code == 401


def test_the_token_in_the_address_sets_a_cookie_and_leaves_the_address_bar(
    anonymous: TestClient,
) -> None:
    response = anonymous.get(f"/search?q=lscb&token={TOKEN}")
    assert response.status_code == 303
    assert response.headers["location"] == "/search?q=lscb"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"carecite_token={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert anonymous.get("/search?q=lscb").status_code == 200


def test_scripts_authenticate_by_header_or_query(anonymous: TestClient) -> None:
    assert anonymous.get("/api/search?q=lscb", headers=AUTH).status_code == 200
    assert anonymous.get(f"/api/search?q=lscb&token={TOKEN}").status_code == 200


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        f"evil.example:{PORT}",
        "127.0.0.1:9",
        f"127.0.0.2:{PORT}",
        f"localhost.evil.example:{PORT}",
        "",
    ],
)
def test_another_host_is_refused_even_with_the_token(anonymous: TestClient, host: str) -> None:
    """DNS rebinding: a page on another name pointed at 127.0.0.1 sends its own Host."""
    response = anonymous.get("/api/search?q=lscb", headers={**AUTH, "Host": host})
    assert response.status_code == 403
    assert "lscb" not in response.text.casefold()


@pytest.mark.parametrize(
    "host", [f"127.0.0.1:{PORT}", f"localhost:{PORT}", f"[::1]:{PORT}", f"LOCALHOST:{PORT}"]
)
def test_the_served_hosts_are_answered(anonymous: TestClient, host: str) -> None:
    assert anonymous.get("/api/search?q=lscb", headers={**AUTH, "Host": host}).status_code == 200


def _post_draft(client: TestClient, headers: dict[str, str], query: str = "") -> int:
    return client.post(
        "/draft" + query,
        data={"action": "check", "template": "skeleton-argument", "case": EXAMPLE_CASE},
        headers=headers,
    ).status_code


def test_a_cookie_only_post_needs_same_origin_and_the_csrf_token(browser: TestClient) -> None:
    # Refused: no Origin, another origin, no CSRF token, a wrong one.
    assert _post_draft(browser, {"X-CSRF-Token": CSRF}) == 403
    assert _post_draft(browser, {"Origin": "http://evil.example", "X-CSRF-Token": CSRF}) == 403
    assert (
        _post_draft(browser, {"Origin": f"http://evil.example:{PORT}", "X-CSRF-Token": CSRF}) == 403
    )
    assert _post_draft(browser, {"Origin": ORIGIN}) == 403
    assert _post_draft(browser, {"Origin": ORIGIN, "X-CSRF-Token": "0" * 64}) == 403
    # Accepted (422: the case itself is bad): the header, or the form's ?csrf= in its action.
    assert _post_draft(browser, SAME_ORIGIN) == 422
    assert _post_draft(browser, {"Origin": ORIGIN}, f"?csrf={CSRF}") == 422
    assert _post_draft(browser, {"Referer": f"{ORIGIN}/draft"}, f"?csrf={CSRF}") == 422


def test_a_post_carrying_the_token_needs_no_csrf_token(anonymous: TestClient) -> None:
    assert _post_draft(anonymous, AUTH) == 422
    assert _post_draft(anonymous, {}, f"?token={TOKEN}") == 422


@pytest.mark.parametrize(
    "origin",
    ["http://evil.example", f"http://evil.example:{PORT}", f"https://127.0.0.1:{PORT}", "null"],
)
def test_a_request_from_another_site_gets_nothing_even_with_the_token(
    anonymous: TestClient, origin: str
) -> None:
    for request in (
        lambda: anonymous.get(
            "/api/passages/th17-lscb-inadequate", headers={**AUTH, "Origin": origin}
        ),
        lambda: anonymous.get(f"/search?q=lscb&token={TOKEN}", headers={"Origin": origin}),
        lambda: anonymous.post("/api/draft", json={}, headers={**AUTH, "Origin": origin}),
    ):
        response = request()
        assert response.status_code == 403
        assert "lscb" not in response.text.casefold() and "set-cookie" not in response.headers
    own = anonymous.get("/api/passages/th17-lscb-inadequate", headers={**AUTH, "Origin": ORIGIN})
    assert own.status_code == 200


def test_no_cors_headers_are_ever_sent(browser: TestClient) -> None:
    response = browser.get("/api/search?q=lscb", headers={"Origin": "http://evil.example"})
    assert not [h for h in response.headers if h.lower().startswith("access-control-")]
    preflight = browser.options(
        "/api/draft",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code in (403, 405)
    assert not [h for h in preflight.headers if h.lower().startswith("access-control-")]


def test_every_answer_forbids_outside_scripts_and_framing(browser: TestClient) -> None:
    for path in ("/search", "/api/search?q=lscb", "/static/style.css"):
        policy = browser.get(path).headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy, path
        assert "frame-ancestors 'self'" in policy


def test_an_upload_over_the_limit_is_refused() -> None:
    with make_client(max_body=1024) as client:
        response = client.post(
            "/api/audit", files={"file": ("big.docx", b"x" * 4096)}, headers=AUTH
        )
        assert response.status_code == 413
        assert "at most" in response.text


def test_a_body_without_a_length_is_counted_as_it_arrives() -> None:
    def chunks():  # a generator body is sent chunked, with no Content-Length
        for _ in range(8):
            yield b"x" * 512

    with make_client(max_body=1024) as client:
        response = client.post("/api/draft", content=chunks(), headers=AUTH)
        assert response.status_code == 413


@pytest.mark.parametrize(
    "path",
    [
        "/passage/..%2F..%2F..%2Fetc%2Fpasswd",
        "/passage/%2e%2e%2fpyproject.toml",
        "/api/passages/..%2F..%2Fquotes%2Fthemes.yaml",
        "/api/passages/%2e%2e",
        "/report/..%2F..%2F..%2Fetc%2Fpasswd",
        "/report/ofsted-tower-hamlets-2017",  # no reports folder given: nothing to serve
        "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/audit/..%2F..%2Fetc%2Fpasswd/cite-check.md",
        "/audit/unknown/cite-check.docx",
        "/api/history/..%2F..%2F..%2Fetc%2Fpasswd",
        "/authority/..%2F..%2F..%2Fetc%2Fpasswd/history.svg",
    ],
)
def test_path_traversal_finds_nothing(browser: TestClient, path: str) -> None:
    response = browser.get(path)
    assert response.status_code == 404, path
    assert "root:" not in response.text and "def create_app" not in response.text
    assert "[project]" not in response.text


def test_a_template_path_is_refused_as_a_draft_template(anonymous: TestClient) -> None:
    """A template is code: the web page renders only the shipped ones, never a file path."""
    response = anonymous.post(
        "/api/draft", json={"template": "/etc/passwd", "case": EXAMPLE_CASE}, headers=AUTH
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "template"
