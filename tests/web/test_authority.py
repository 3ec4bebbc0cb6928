"""The Authority page and GET /api/history/{authority}: the history command's answers."""

from __future__ import annotations

import json

from starlette.testclient import TestClient

import carecite
from tests.web.conftest import AUTH


def test_the_api_gives_the_inspection_records_of_the_history(anonymous: TestClient) -> None:
    response = anonymous.get("/api/history/LB%20Tower%20Hamlets", headers=AUTH)
    assert response.status_code == 200
    history = carecite.load_history(
        "Tower Hamlets", carecite.load_bank(carecite.shipped_bank()).sources
    )
    expected = json.loads(
        carecite.json_text([carecite.inspection_record(i) for i in history.inspections])
    )
    assert response.json() == expected
    assert any(row["id"] == "ofsted-tower-hamlets-2017" for row in response.json())


def test_an_unknown_authority_is_404(anonymous: TestClient) -> None:
    missing = anonymous.get("/api/history/Atlantis", headers=AUTH)
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["field"] == "authority"


def test_the_page_shows_the_table_plot_reports_and_themes(browser: TestClient) -> None:
    chosen = browser.get("/authority?name=LB+Tower+Hamlets")
    assert chosen.status_code == 303
    page = browser.get(chosen.headers["location"])
    assert page.status_code == 200
    assert "<h1>Tower Hamlets</h1>" in page.text
    assert "7 April 2017" in page.text and "inadequate" in page.text
    assert 'src="/authority/LB%20Tower%20Hamlets/history.svg"' in page.text
    assert "Passages by theme" in page.text and "/passage/th17-lscb-inadequate" in page.text
    # An inspection whose report gives no judgements shows its headline, as the history
    # command prints it (the page showed nothing for it).
    headline = "“[C]hildren’s services in the London Borough of Tower Hamlets perform well”"
    assert f"<td>{headline}</td>" in page.text
    plot = browser.get("/authority/LB%20Tower%20Hamlets/history.svg")
    assert plot.headers["content-type"] == "image/svg+xml" and plot.text.lstrip().startswith("<svg")


def test_an_unknown_authority_page_says_so_with_the_form(browser: TestClient) -> None:
    page = browser.get("/authority/Atlantis")
    assert page.status_code == 404
    assert "no authority called" in page.text and '<label for="name">' in page.text


def test_a_report_not_in_the_bank_is_linked_at_its_address_in_a_new_tab(
    browser: TestClient,
) -> None:
    page = browser.get("/authority/Barking%20and%20Dagenham")
    assert (
        '<a class="url" href="https://files.ofsted.gov.uk/v1/file/50004273" target="_blank" '
        'rel="noopener noreferrer">https://files.ofsted.gov.uk/v1/file/50004273</a>'
    ) in page.text
