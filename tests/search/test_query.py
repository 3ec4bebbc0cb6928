"""search_passages and its cache, on small banks written into tmp_path."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from carecite.bank import load as bank_module
from carecite.bank import read as bank_reading
from carecite.cli.app import cli
from carecite.errors import BankError, CareciteError, LookupFailed
from carecite.search import index as index_module
from carecite.search.index import cache_path, open_index
from carecite.search.query import MARK_END, MARK_START, Match, SearchHit, search_passages
from tests.conftest import REPORT_YAML, SHIPPED_BANK, BankMaker, report_saying

LATER_YAML = """\
source:
  id: later-2023
  kind: inspection-report
  author: Ofsted
  publisher: Ofsted
  authority: Westshire County Council
  title: "Westshire County Council: Inspection of local authority children's services"
  short_name: Ofsted 2023 report
  inspected: {from: 2023-01-09, to: 2023-01-20}
  published: 2023-03-01
  framework: ILACS
  judgements:
    - {area: Overall effectiveness, grade: good}
  report_file: null
passages:
  - id: ws-supervision
    text: Workers receive regular reflective supervision from their managers.
    page: 4
    paragraph: 12
    section: Leadership
    themes: [management-oversight]
    checked: report
  - id: ws-partners
    text: The safeguarding partners work closely together.
    page: 6
    paragraph: 20
    section: Leadership
    themes: [partnership]
    checked: report
"""


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CARECITE_CACHE", str(folder))
    return folder


@pytest.fixture
def two_sources(make_bank: BankMaker) -> Path:
    return make_bank({"report-2017.yaml": REPORT_YAML, "later-2023.yaml": LATER_YAML})


def ids(hits: tuple[SearchHit, ...]) -> list[str]:
    return [hit.passage.id for hit in hits]


def rebuilt(bank: Path) -> str:
    index = open_index(bank)
    try:
        return index.rebuilt
    finally:
        index.close()


def edit(path: Path, old: str, new: str) -> None:
    """Change a file's content and make sure its mtime moves on."""
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


# --- finding ------------------------------------------------------------------------------


def test_finds_and_marks_the_matching_words(two_sources: Path) -> None:
    hits = search_passages(two_sources, "widespread failures")
    assert hits[0].passage.id == "ex-summary"
    assert hits[0].snippet == "There are «widespread» and serious «failures»."
    assert 0 < hits[0].score <= 100
    assert hits[0].source.id == "report-2017"


@pytest.mark.parametrize(
    "query", ["special guardianship", "special guardianship SGO support", "pre proceedings"]
)
def test_a_score_is_at_most_100_when_a_phrase_names_two_concepts(query: str) -> None:
    """ "special guardianship" names kinship care and the order: its best hit was shown
    scoring 124 of 100."""
    assert all(0 < hit.score <= 100 for hit in search_passages(SHIPPED_BANK, query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("managerial oversite", "ex-oversight"),
        ("widesprd failurs", "ex-summary"),
        ("reflectve supervison", "ws-supervision"),
        ("chalenge", "ex-oversight-2"),
    ],
    ids=["oversite", "two-typos", "supervison", "chalenge"],
)
def test_misspelt_words_still_find_their_passage(
    two_sources: Path, query: str, expected: str
) -> None:
    assert ids(search_passages(two_sources, query))[0] == expected


def test_theme_synonym_finds_passages_tagged_with_it(two_sources: Path) -> None:
    # "LSCB" is only a synonym of the partnership theme; neither passage says it.
    assert set(ids(search_passages(two_sources, "LSCB"))) == {"ex-summary", "ws-partners"}


def test_a_theme_named_finds_its_passages_when_the_text_holds_no_other_word(
    two_sources: Path,
) -> None:
    # No passage's text says "meetings", "poorly" or "attended": the theme the query names
    # still finds its passages, rather than nothing.
    hits = search_passages(two_sources, "LSCB meetings poorly attended")
    assert set(ids(hits)) == {"ex-summary", "ws-partners"}
    assert all(m.via == "theme" for hit in hits for m in hit.matched)


HYPHENATED_YAML = (
    REPORT_YAML.split("passages:")[0]
    + """passages:
  - id: hy-1
    text: Multi-agency meetings are well attended.
    page: 2
    paragraph: 2
    section: Summary
    themes: [partnership]
    checked: report
  - id: hy-2
    text: The multi-agency safeguarding hub screens referrals quickly.
    page: 3
    paragraph: 3
    section: Summary
    themes: [partnership]
    checked: report
  - id: hy-3
    text: Children's well-being is promoted by their carers.
    page: 4
    paragraph: 4
    section: Summary
    themes: [partnership]
    checked: report
  - id: hy-4
    text: The Multiagency Referral Unit is staffed by partners.
    page: 5
    paragraph: 5
    section: Summary
    themes: [partnership]
    checked: report
  - id: hy-5
    text: Leaders attend to staff wellbeing.
    page: 6
    paragraph: 6
    section: Summary
    themes: [partnership]
    checked: report
"""
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("multi-agency", {"hy-1", "hy-2", "hy-4"}), ("well-being", {"hy-3", "hy-5"})],
)
def test_a_hyphenated_word_finds_both_spellings_the_bank_uses(
    make_bank: BankMaker, typed: str, expected: set[str]
) -> None:
    """ "multi-agency" is not made "multiagency" because one passage writes it so: the bank
    writes it apart more often."""
    bank = make_bank({"report-2017.yaml": HYPHENATED_YAML})
    assert expected <= set(ids(search_passages(bank, typed)))


def test_hits_are_ranked_best_first(two_sources: Path) -> None:
    hits = search_passages(two_sources, "weak managerial oversight")
    assert hits[0].passage.id == "ex-oversight"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_nothing_found_is_empty(two_sources: Path) -> None:
    assert search_passages(two_sources, "zxqv wibblewobble") == ()


def test_limit(two_sources: Path) -> None:
    assert len(search_passages(two_sources, None, limit=2)) == 2
    with pytest.raises(ValueError):
        search_passages(two_sources, "oversight", limit=0)


# --- filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"theme": "management-oversight"}, ["ws-supervision", "ex-oversight", "ex-oversight-2"]),
        ({"theme": "Management oversight"}, ["ws-supervision", "ex-oversight", "ex-oversight-2"]),
        ({"source": "later-2023"}, ["ws-supervision", "ws-partners"]),
        ({"authority": "Westshire"}, ["ws-supervision", "ws-partners"]),
        ({"authority": "Westshire County Council"}, ["ws-supervision", "ws-partners"]),
        ({"framework": "sif"}, ["ex-summary", "ex-oversight", "ex-oversight-2"]),
        ({"judgement": "Good"}, ["ws-supervision", "ws-partners"]),
        ({"since": date(2020, 1, 1)}, ["ws-supervision", "ws-partners"]),
        ({"until": date(2017, 12, 31)}, ["ex-summary", "ex-oversight", "ex-oversight-2"]),
        ({"judgement": "outstanding"}, []),
        ({"theme": "partnership", "since": date(2020, 1, 1)}, ["ws-partners"]),
    ],
    ids=[
        "theme",
        "theme-label",
        "source",
        "authority",
        "authority-full-name",
        "framework",
        "judgement",
        "since",
        "until",
        "no-source-matches",
        "theme-and-date",
    ],
)
def test_filters_alone_list_in_bank_order(  # files in name order, passages as written
    two_sources: Path, filters: dict[str, object], expected: list[str]
) -> None:
    hits = search_passages(two_sources, None, **filters)  # type: ignore[arg-type]
    assert ids(hits) == expected
    assert all(h.score == 0 for h in hits)


def test_filters_narrow_a_free_text_search(two_sources: Path) -> None:
    assert ids(search_passages(two_sources, "supervision oversight", since=date(2020, 1, 1))) == [
        "ws-supervision"
    ]
    assert "ws-supervision" not in ids(
        search_passages(two_sources, "supervision", source="report-2017")
    )


@pytest.mark.parametrize(
    ("filters", "message", "suggestion"),
    [
        (
            {"theme": "managment-oversight"},
            "no theme 'managment-oversight'",
            "management-oversight",
        ),
        ({"source": "report-2071"}, "no source with id 'report-2071'", "report-2017"),
        ({"framework": "ILAC"}, "no framework 'ILAC'", "ILACS"),
        ({"judgement": "inadequte"}, "no overall judgement 'inadequte'", "inadequate"),
        ({"authority": "Westshir"}, "no authority called 'Westshir'", "Westshire County Council"),
    ],
    ids=["theme", "source", "framework", "judgement", "authority"],
)
def test_unknown_filter_values_suggest_close_ones(
    two_sources: Path, filters: dict[str, str], message: str, suggestion: str | None
) -> None:
    with pytest.raises(LookupFailed) as caught:
        search_passages(two_sources, "oversight", **filters)  # type: ignore[arg-type]
    assert message in str(caught.value)
    if suggestion:
        assert f"did you mean '{suggestion}'" in (caught.value.hint or "")


def test_since_after_until_is_an_error(two_sources: Path) -> None:
    with pytest.raises(CareciteError, match="is after"):
        search_passages(two_sources, None, since=date(2024, 1, 1), until=date(2020, 1, 1))


# --- the cache ----------------------------------------------------------------------------


def test_cache_lives_outside_the_bank(two_sources: Path, private_cache: Path) -> None:
    before = sorted(p.name for p in two_sources.iterdir())
    search_passages(two_sources, "oversight")
    assert sorted(p.name for p in two_sources.iterdir()) == before
    assert cache_path(two_sources).parent == private_cache
    assert cache_path(two_sources).is_file()


def test_warm_search_reads_no_yaml(two_sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    search_passages(two_sources, "oversight")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("YAML was parsed on a warm search")

    monkeypatch.setattr(bank_module, "load_bank", refuse)
    monkeypatch.setattr(bank_reading, "read_document", refuse)
    assert ids(search_passages(two_sources, "supervision"))[0] == "ws-supervision"


def test_cache_is_rebuilt_only_when_a_file_changes(two_sources: Path) -> None:
    assert rebuilt(two_sources) == "full"
    assert rebuilt(two_sources) == "none"
    later = two_sources / "later-2023.yaml"
    os.utime(later, ns=(later.stat().st_atime_ns, later.stat().st_mtime_ns + 10**9))
    assert rebuilt(two_sources) == "none"  # touched, same content: nothing re-read
    edit(later, "regular reflective supervision", "fortnightly reflective supervision")
    assert rebuilt(two_sources) == "files"
    assert rebuilt(two_sources) == "none"
    edit(two_sources / "themes.yaml", "[LSCB]", "[LSCB, safeguarding board]")
    assert rebuilt(two_sources) == "full"


def test_changed_file_is_searched_with_its_new_text(two_sources: Path) -> None:
    search_passages(two_sources, "supervision")
    edit(two_sources / "later-2023.yaml", "regular reflective supervision", "fortnightly mentoring")
    assert ids(search_passages(two_sources, "fortnightly mentoring"))[0] == "ws-supervision"
    assert "ws-supervision" not in ids(search_passages(two_sources, "reflective"))
    # The vocabulary forgot the old words: no typo correction finds them.
    assert search_passages(two_sources, "reflectve") == ()


def test_added_and_removed_files(make_bank: BankMaker) -> None:
    bank = make_bank()
    assert "ws-partners" not in ids(search_passages(bank, "partners"))
    (bank / "later-2023.yaml").write_text(LATER_YAML, encoding="utf-8")
    assert ids(search_passages(bank, "partners"))[0] == "ws-partners"
    (bank / "report-2017.yaml").unlink()
    assert search_passages(bank, "widespread") == ()
    assert ids(search_passages(bank, None)) == ["ws-supervision", "ws-partners"]


def test_incremental_update_matches_a_full_build(
    two_sources: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    search_passages(two_sources, "oversight")
    edit(two_sources / "later-2023.yaml", "work closely together", "work closely with health")
    queries = ["health partners", "oversight", "supervison", "LSCB"]
    incremental = [search_passages(two_sources, q) for q in queries]
    monkeypatch.setenv("CARECITE_CACHE", str(private_cache / "fresh"))
    assert [search_passages(two_sources, q) for q in queries] == incremental


def test_a_bad_changed_file_is_reported_and_the_cache_kept(two_sources: Path) -> None:
    search_passages(two_sources, "oversight")
    later = two_sources / "later-2023.yaml"
    edit(later, "page: 4", "page: four")
    with pytest.raises(BankError) as caught:
        search_passages(two_sources, "oversight")
    assert caught.value.path == str(later)
    assert caught.value.line == 18
    assert "'passages[1].page' must be a whole number" in str(caught.value)
    edit(later, "page: four", "page: 4")
    assert ids(search_passages(two_sources, "reflective"))[0] == "ws-supervision"


def test_a_duplicate_id_in_a_changed_file_is_reported(two_sources: Path) -> None:
    search_passages(two_sources, "oversight")
    edit(two_sources / "later-2023.yaml", "id: ws-partners", "id: ex-summary")
    with pytest.raises(BankError, match="duplicate passage id 'ex-summary'"):
        search_passages(two_sources, "oversight")


def test_a_bad_bank_is_reported_on_first_build(make_bank: BankMaker) -> None:
    bank = make_bank({"report-2017.yaml": REPORT_YAML.replace("page: 5", "page: five", 1)})
    with pytest.raises(BankError, match=r"'passages\[2\]\.page' must be a whole number"):
        search_passages(bank, "oversight")


def test_missing_bank_folder(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="is not a folder"):
        search_passages(tmp_path / "nowhere", "oversight")


def test_a_corrupt_cache_is_rebuilt(two_sources: Path) -> None:
    search_passages(two_sources, "oversight")
    cache_path(two_sources).write_bytes(b"not a database")
    assert ids(search_passages(two_sources, "widespread"))[0] == "ex-summary"


def test_sqlite_without_fts5_is_a_clear_error(
    two_sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = sqlite3.connect

    class NoFts5:
        def __init__(self) -> None:
            self.inner = real_connect(":memory:")

        def execute(self, sql: str, *args: object) -> object:
            if "fts5" in sql:
                raise sqlite3.OperationalError("no such module: fts5")
            return self.inner.execute(sql, *args)

        def close(self) -> None:
            self.inner.close()

    monkeypatch.setattr(index_module, "_fts5_checked", False)
    monkeypatch.setattr(index_module.sqlite3, "connect", lambda *a, **k: NoFts5())
    with pytest.raises(CareciteError, match="no FTS5") as caught:
        search_passages(two_sources, "oversight")
    assert caught.value.hint


# --- carecite search ------------------------------------------------------------------------


def run_cli(bank: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--bank", str(bank), "search", *args])


def test_cli_prints_ranked_hits_with_citations(two_sources: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--bank", str(two_sources), "search", "managerial", "oversite"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert first.split()[0] == "1."
    # The short name does not say whose report it is: the line does.
    assert "ex-oversight  (Ofsted 2017 report at [16]) — London Borough of Example" in first
    assert "There is weak managerial oversight at all levels." in result.stdout
    assert result.stderr.strip().endswith("passages.")


def test_cli_says_a_full_page_of_hits_may_not_be_all(two_sources: Path) -> None:
    assert run_cli(two_sources, "oversight", "--limit", "1").stderr == (
        "1 passage, as many as --limit allows: there may be more.\n"
    )


def test_cli_json_has_the_keys(two_sources: Path) -> None:
    result = run_cli(two_sources, "oversight", "--since", "2017", "--until", "2017", "--json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert records[0]["id"] == "ex-oversight"
    keys = {"id", "source", "text", "page", "paragraph", "section", "themes", "checked"}
    assert keys | {"score", "citation", "snippet"} <= set(records[0])
    assert records[0]["citation"].endswith("(Ofsted, 7 April 2017) para 16")
    assert "«oversight»" in records[0]["snippet"]


def test_cli_filters_only(two_sources: Path) -> None:
    result = run_cli(two_sources, "--authority", "Westshire", "--judgement", "good", "--json")
    assert [r["id"] for r in json.loads(result.stdout)] == ["ws-supervision", "ws-partners"]


def test_cli_theme_named_by_a_word_carecite_themes_lists(two_sources: Path) -> None:
    by_word = run_cli(two_sources, "oversight", "--theme", "supervision", "--json")
    by_id = run_cli(two_sources, "oversight", "--theme", "management-oversight", "--json")
    assert by_word.exit_code == 0
    assert json.loads(by_word.stdout) == json.loads(by_id.stdout) != []


def test_cli_unknown_theme_exits_2_with_did_you_mean(two_sources: Path) -> None:
    result = run_cli(two_sources, "drift", "--theme", "managment-oversight")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: no theme 'managment-oversight' — did you mean 'management-oversight'?\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give words to search for, or at least one filter"),
        (("x", "--since", "20x"), "'20x' is not a year or a YYYY-MM-DD date"),
        (("x", "--limit", "0"), "--limit"),
    ],
    ids=["nothing", "bad-year", "limit"],
)
def test_cli_usage_errors(two_sources: Path, args: tuple[str, ...], message: str) -> None:
    result = run_cli(two_sources, *args)
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize("typed", ["***", "?", " -- "])
def test_a_query_without_a_word_is_refused_not_answered_with_the_whole_bank(
    two_sources: Path, typed: str
) -> None:
    with pytest.raises(CareciteError, match="has no words to search for"):
        search_passages(two_sources, typed)
    result = run_cli(two_sources, typed, "--authority", "Westshire")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: '{typed.strip()}' has no words to search for — type words, e.g. drift; "
        "to list passages by a filter, leave the words out\n"
    )


def test_an_unusable_cache_folder_is_a_clear_error(
    two_sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CARECITE_CACHE", str(blocker / "cache"))
    with pytest.raises(CareciteError, match="cannot keep the search cache here") as caught:
        search_passages(two_sources, "oversight")
    assert caught.value.path == str(blocker / "cache")
    assert "CARECITE_CACHE" in (caught.value.hint or "")


def test_a_search_in_one_authority_finds_what_its_passages_alone_find(
    make_bank: BankMaker,
) -> None:
    """A word's rarity was judged across the whole bank: searching Example's passages for
    "regular managers", which only Westshire's passage holds both of, found nothing."""
    bank = make_bank({"report-2017.yaml": REPORT_YAML, "later-2023.yaml": LATER_YAML})
    query = "regular managers"
    filtered = search_passages(bank, query, authority="Example")
    (bank / "later-2023.yaml").unlink()
    alone = search_passages(bank, query)
    assert filtered and alone
    assert filtered[0].passage.id == alone[0].passage.id == "ex-oversight-2"


def test_a_word_inside_a_hyphenated_word_is_another_sense(make_bank: BankMaker) -> None:
    """ "agency workers" (locums) is answered by the passage about agency workers before the
    one about multi-agency workers, which holds both words too, in fewer words;
    "multi-agency workers" the other way round."""
    report = report_saying(
        "Multi-agency workers review referrals daily.",
        "Agency workers review the referrals every single morning.",
    )
    bank = make_bank({"report-2017.yaml": report})
    assert search_passages(bank, "agency workers")[0].passage.id == "ex-oversight-2"
    assert search_passages(bank, "multi-agency workers")[0].passage.id == "ex-oversight"


def test_a_singular_typed_finds_a_plural_no_ending_makes(make_bank: BankMaker) -> None:
    """A lawyer writes of one child: "child placed out of area" finds the report's
    "children placed out of area", and says so, where it found only passages with the
    word "child" and none of the reports' three that say it."""
    report = report_saying(
        "Most children placed out of area live in suitable homes.",
        "Each child has an allocated worker in the area team.",
    )
    bank = make_bank({"report-2017.yaml": report})
    first = search_passages(bank, "child placed out of area")[0]
    assert first.passage.id == "ex-oversight"
    assert Match("child", "children", "words") in first.matched


def test_a_past_form_no_ending_makes_is_the_verb_not_a_typo(make_bank: BankMaker) -> None:
    """ "support is withdrawn" finds the report's "after services withdraw" and says it found
    the word, where it showed "withdrawn → withdraw" as a typo; "took too long" finds "take
    too long" as the word, not by chance."""
    report = report_saying(
        "Cycles of neglect continue after services withdraw from families.",
        "Some court applications take too long to be issued.",
    )
    bank = make_bank({"report-2017.yaml": report})
    first = search_passages(bank, "support withdrawn")[0]
    assert first.passage.id == "ex-oversight"
    assert Match("withdrawn", "withdraw", "words") in first.matched
    first = search_passages(bank, "applications took too long")[0]
    assert first.passage.id == "ex-oversight-2"
    assert Match("took", "take", "words") in first.matched


def test_a_verb_that_lost_its_e_is_not_a_shorter_word(make_bank: BankMaker) -> None:
    """ "concerns noted" was the word "not" ("noted" less "ed"), held by any passage saying
    what is not done, which ranked them above the reports' "noted" in the shipped bank."""
    report = report_saying(
        "Plans are not reviewed and concerns are not escalated to managers.",
        "Concerns noted by health visitors are shared with managers.",
    )
    bank = make_bank({"report-2017.yaml": report})
    hits = search_passages(bank, "concerns noted")
    assert hits[0].passage.id == "ex-oversight-2"
    assert all(m.text != "not" for hit in hits for m in hit.matched)


@pytest.mark.parametrize("query", ["section 20 drift", "s.20 drift", "s 20 drift"])
def test_a_number_after_a_statutes_label_is_the_reference_not_any_number(
    make_bank: BankMaker, query: str
) -> None:
    """ "section 20 drift" is answered by drift under section 20, not by drift "over 20
    months", which holds "section" elsewhere and "20" too."""
    report = report_saying(
        "A few children are accommodated under section 20 for too long, and plans drift.",
        "Plans drift for over 20 months in a section of the service.",
    )
    bank = make_bank({"report-2017.yaml": report})
    first = search_passages(bank, query)[0]
    assert first.passage.id == "ex-oversight"
    assert any(m.text.replace(".", " ") in ("section 20", "s 20") for m in first.matched)


def test_b_and_b_is_bed_and_breakfast_not_the_letter_b(make_bank: BankMaker) -> None:
    """ "care leavers in B&B" was searched as the word "b", found in a report's misprint
    ("placed in care without b.eing seen"), and never as "bed and breakfast"."""
    report = report_saying(
        "Some care leavers live in bed and breakfast accommodation for weeks.",
        "Children are placed in care without b.eing seen by a social worker.",
    )
    hits = search_passages(make_bank({"report-2017.yaml": report}), "care leavers in B&B")
    assert hits[0].passage.id == "ex-oversight"
    assert Match("b&b", "bed and breakfast", "thesaurus") in hits[0].matched
    assert all(m.text != "b" for hit in hits for m in hit.matched)


def test_a_word_of_praise_weighs_no_more_than_what_is_praised() -> None:
    """ "excellent" is rarer in the bank than "adoption" or "leadership", but a lawyer typing
    "adoption service is excellent" wants the adoption service praised in other words
    ("strong adoption and support services"), not care leavers' "excellent aftercare"."""

    def first_two(query: str) -> list[str]:
        return [hit.passage.id for hit in search_passages(SHIPPED_BANK, query, limit=2)]

    assert "nf23-cic-adoption-services" in first_two("adoption service is excellent")
    assert "nf23-cl-custody-aftercare" not in first_two("adoption service is excellent")
    assert "nf23-cl-custody-aftercare" not in first_two("leadership excellent")


@pytest.mark.parametrize(
    "query", ["neglect", "caseloads manageable", "domestic abuse", "SGO", "no management oversight"]
)
def test_a_snippet_marks_only_what_its_reasons_name(query: str) -> None:
    """A lawyer reads every word marked «like this» as a match: FTS5 marked every phrasing
    searched and every word sharing a stem ("prolonged period" for "neglect", "managers"
    for "manageable", "challenging" for "no management oversight")."""
    hits = search_passages(SHIPPED_BANK, query, limit=10)
    assert any(MARK_START in hit.snippet for hit in hits)
    for hit in hits:
        named = {w for m in hit.matched if m.via != "theme" for w in words_of(m.text)}
        for marked in re.findall(f"{MARK_START}(.*?){MARK_END}", hit.snippet):
            assert set(words_of(marked)) <= named, (hit.passage.id, marked, hit.matched)


def words_of(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def test_a_word_typed_finds_the_passage_writing_another_of_its_family(
    make_bank: BankMaker,
) -> None:
    """A lawyer types "managers"; the report writes "managerial oversight". The two are one
    word made an adjective ("families"), which no inflection links: the passage writing it
    comes before one that only shares the lawyer's other words, and says why, below the
    word typed itself."""
    report = report_saying(
        "Oversight of plans is weak.",
        "Managerial oversight of plans is weak.",
    )
    bank = make_bank({"report-2017.yaml": report})
    hits = search_passages(bank, "managers oversight of plans weak", expand=False)
    assert hits[0].passage.id == "ex-oversight-2"
    assert Match("managers", "managerial", "words") in hits[0].matched
    typed = search_passages(bank, "managerial oversight of plans weak", expand=False)
    assert typed[0].score > hits[0].score


def test_a_word_is_not_linked_to_one_an_ending_does_not_make_from_it(
    make_bank: BankMaker,
) -> None:
    """ "police" and "policy" share five letters but no ending makes one from the other:
    "policy" finds the passage about policy, not the one about the police."""
    report = report_saying(
        "The police attend strategy meetings.",
        "The policy on thresholds is not understood.",
    )
    hits = search_passages(make_bank({"report-2017.yaml": report}), "policy", expand=False)
    assert [hit.passage.id for hit in hits] == ["ex-oversight-2"]
