"""The bank carecite ships: it loads, reads as the history says, and matches the reports."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import fields
from functools import cache

import pytest

from carecite.bank.load import Bank, load_bank
from carecite.cite.citation import format_citation
from carecite.history.inspections import load_history
from carecite.model import FRAMEWORK_SCALES, Passage, Source, Theme
from tests.conftest import REPORTS, SHIPPED_BANK, needs_reports


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(SHIPPED_BANK)


def test_shipped_bank_is_valid_and_covers_every_theme(bank: Bank) -> None:
    assert len(bank.passages) >= 300
    covered = {theme for passage in bank.passages.values() for theme in passage.themes}
    assert covered == set(bank.themes) - {"statutory-framework"} | (
        covered & {"statutory-framework"}
    )
    assert covered >= set(bank.themes) - {"statutory-framework"}


def test_tower_hamlets_history_reads_good_inadequate_good_outstanding(bank: Bank) -> None:
    history = [i.source for i in load_history("Tower Hamlets", bank.sources).inspections]
    assert all(history), "every Tower Hamlets inspection in the dataset is in the bank"
    overall = [(s.id, s.overall) for s in history if s and s.overall]
    assert overall == [
        ("ofsted-tower-hamlets-2012", "good"),
        ("ofsted-tower-hamlets-2017", "inadequate"),
        ("ofsted-tower-hamlets-2019", "good"),
        ("ofsted-tower-hamlets-2025", "outstanding"),
    ]
    assert history[0] and history[0].id == "ofsted-tower-hamlets-2011"


def test_the_lscb_passage_is_found_by_theme_and_cited_with_its_page(bank: Bank) -> None:
    lscb = bank.passage("th17-lscb-inadequate")
    assert lscb in bank.select(theme="partnership", source="ofsted-tower-hamlets-2017")
    assert (
        format_citation([lscb], bank.sources, style="practitioner").text
        == "Ofsted 2017 report, p 31"
    )


def test_secondary_pinpoints_name_the_commentary(bank: Bank) -> None:
    secondary = [p for p in bank.passages.values() if not p.is_checked]
    assert {p.source for p in secondary} >= {
        "ofsted-tower-hamlets-2012",
        "ofsted-tower-hamlets-2011",
    }
    assert all(p.checked_via == "commentary-tower-hamlets-2017" for p in secondary)


def test_minimum_counts_per_report(bank: Bank) -> None:
    counts: dict[str, int] = {}
    for passage in bank.passages.values():
        counts[passage.source] = counts.get(passage.source, 0) + 1
    assert counts["ofsted-tower-hamlets-2017"] >= 60
    assert counts["ofsted-tower-hamlets-2019"] >= 10
    assert counts["ofsted-tower-hamlets-2025"] >= 10
    assert counts["ofsted-norfolk-2015"] >= 25
    assert counts["ofsted-norfolk-2023"] >= 25


def test_every_schema_key_reaches_the_model() -> None:
    """The schema is the list of keys: each one the loader accepts ends up in a value."""
    schema = json.loads((SHIPPED_BANK / "bank.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    kept = {"path", "line"}
    source_keys = set(defs["source"]["properties"]) - {"inspected"}
    source_keys |= {"inspection_start", "inspection_end"}
    assert source_keys == {f.name for f in fields(Source)} - kept
    assert set(defs["passage"]["properties"]) == {f.name for f in fields(Passage)} - kept - {
        "source"
    }
    theme = defs["themesFile"]["properties"]["themes"]["additionalProperties"]
    assert set(theme["properties"]) == {f.name for f in fields(Theme)} - {"id"}


def test_the_schema_grades_each_framework_on_the_scale_search_uses() -> None:
    schema = json.loads((SHIPPED_BANK / "bank.schema.json").read_text(encoding="utf-8"))
    scales = {}
    for rule in schema["$defs"]["source"]["allOf"]:
        framework = rule["if"]["properties"].get("framework", {}).get("const")
        if framework:
            grade = rule["then"]["properties"]["judgements"]["items"]["properties"]["grade"]
            scales[framework] = tuple(grade["enum"])
    assert scales == FRAMEWORK_SCALES


# --- against the report PDFs -------------------------------------------------------------

_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "}
)


def _normalise(text: str) -> str:
    """Typography only: quotes, dashes, ligatures, white space and line breaks."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    # A hyphen at a line end in these reports is a real one ("multi-\nagency"), or a
    # suspended one ("first-\nand second-line"): a break after a hyphen is not evidence.
    text = re.sub(r"(?<=\w)-\s+", "-", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def _pages(report_file: str) -> tuple[str, ...]:
    from pypdf import PdfReader

    return tuple(_normalise(p.extract_text() or "") for p in PdfReader(REPORTS / report_file).pages)


def _report_passages() -> list:
    bank = load_bank(SHIPPED_BANK)
    return [
        pytest.param(p, bank.sources[p.source].report_file, id=p.id)
        for p in bank.passages.values()
        if bank.sources[p.source].report_file and p.is_checked
    ]


def _runs_over(words: list[str], pages: tuple[str, ...]) -> bool:
    """True when ``words`` split into pieces, each verbatim on one page in turn.

    A passage running over a page break is interrupted in the PDF text by the next
    page's running header and page number; each piece must still be exact.
    """
    if len(pages) == 1:
        return " ".join(words) in pages[0]
    return any(
        " ".join(words[:cut]) in pages[0] and _runs_over(words[cut:], pages[1:])
        for cut in range(1, len(words))
    )


@needs_reports
@pytest.mark.parametrize(("passage", "report_file"), _report_passages())
def test_passage_is_verbatim_on_its_page(passage, report_file: str) -> None:
    """Every checked passage appears word for word on the page it claims.

    The shipped reports print page numbers equal to the PDF page (checked by the bank's
    authors); a passage may run on to ``page_end``.
    """
    pages = _pages(report_file)
    start = passage.page
    end = passage.page_end or start
    text = _normalise(passage.text)
    if passage.page_end is None:
        assert text in pages[start - 1], f"{passage.id} not found verbatim on p {start}"
    else:
        assert text not in pages[start - 1], "page_end given but the passage fits on one page"
        assert _runs_over(text.split(), pages[start - 1 : end]), (
            f"{passage.id} not found verbatim over pp {start}–{end}"
        )


def _theme_ids() -> list[str]:
    return list(load_bank(SHIPPED_BANK).themes)


@pytest.mark.parametrize("theme", _theme_ids())
def test_searching_any_theme_finds_two_authorities(
    theme: str, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from carecite.search.query import search_passages

    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path))
    hits = search_passages(SHIPPED_BANK, None, theme=theme, limit=1000)
    assert len({hit.source.authority for hit in hits if hit.source.authority}) >= 2


# The 2017 report prints "The graded judgement for adoption performance…" in a box above
# para 54 that its PDF emits after para 56: ingest reads by position, so paras 54–56 sit
# under the adoption heading as printed.
def _sectioned_report_passages() -> list:
    bank = load_bank(SHIPPED_BANK)
    rows = []
    for p in bank.passages.values():
        source = bank.sources[p.source]
        if source.report_file and p.is_checked:
            rows.append(pytest.param(p, source.report_file, id=p.id))
    return rows


@needs_reports
@pytest.mark.parametrize(("passage", "report_file"), _sectioned_report_passages())
def test_ingest_puts_each_passage_under_its_section(passage, report_file: str) -> None:
    """`carecite ingest` and the bank agree on the heading each passage sits under."""
    from carecite.reports.ingest import read_report
    from carecite.reports.locate import locate_quote

    report = read_report(REPORTS / report_file)
    if passage.paragraph is None:
        assert locate_quote(report, passage.text).section == passage.section
        return
    block = report.paragraph(passage.paragraph)
    assert block is not None
    assert passage.page in block.pages  # a quotation may start part-way down a paragraph
    assert block.section == passage.section
