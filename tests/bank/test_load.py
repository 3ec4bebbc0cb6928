"""Loading and validating a bank: every problem named with its file and line."""

from __future__ import annotations

import pytest

from carecite.bank.load import load_bank, theme_coverage
from carecite.errors import BankError, LookupFailed
from carecite.model import Checked
from tests.conftest import REPORT_YAML, THEMES_YAML, BankMaker


def test_valid_bank_loads_in_file_order(make_bank: BankMaker) -> None:
    bank = load_bank(make_bank())
    assert list(bank.passages) == ["ex-summary", "ex-oversight", "ex-oversight-2"]
    source = bank.source("report-2017")
    assert source.overall == "inadequate"
    assert source.published is not None and source.published.isoformat() == "2017-04-07"
    oversight = bank.passage("ex-oversight")
    assert (oversight.page, oversight.paragraph, oversight.checked) == (5, 16, Checked.REPORT)
    assert oversight.line == _line_holding(REPORT_YAML, "- id: ex-oversight\n")


def _mutated(old: str, new: str) -> str:
    assert old in REPORT_YAML, old
    return REPORT_YAML.replace(old, new, 1)


# (what is changed, its replacement, text of the line reported, words in the message)
BROKEN = [
    (
        "    page: 5\n    paragraph: 16",
        "    page: thirty\n    paragraph: 16",
        "page: thirty",
        "'passages[2].page' must be a whole number",
    ),
    (
        "    page: 5\n    paragraph: 16",
        "    page: 0\n    paragraph: 16",
        "page: 0",
        "'passages[2].page' must be a whole number of 1 or more, got 0",
    ),
    (
        "    paragraph: 16",
        "    paragraph: true",
        "paragraph: true",
        "'passages[2].paragraph' must be a whole number of 1 or more, got true",
    ),
    (
        "themes: [management-oversight]\n    checked: report\n  - id: ex-oversight-2",
        "themes: [managment-oversight]\n    checked: report\n  - id: ex-oversight-2",
        "[managment-oversight]",
        "did you mean 'management-oversight'",
    ),
    (
        "  - id: ex-oversight-2",
        "  - id: ex-oversight",
        "- id: ex-oversight\n    text: Managers",
        "duplicate passage id 'ex-oversight'",
    ),
    (
        "    text: There are widespread and serious failures.",
        "    text: ''",
        "text: ''",
        "'passages[1].text' must be text that is not blank",
    ),
    (
        "    section: Executive summary\n",
        "    section: Executive summary\n    colour: red\n",
        "colour: red",
        "unknown key 'passages[1].colour'",
    ),
    (
        "    checked: report\n  - id: ex-oversight\n",
        "  - id: ex-oversight\n",
        "- id: ex-summary",
        "missing required field 'passages[1].checked'",
    ),
    ("  framework: SIF", "  framework: SIFF", "framework: SIFF", "unknown framework"),
    ("grade: inadequate", "grade: bad", "grade: bad", "not on the SIF scale"),
    (
        "  published: 2017-04-07",
        "  published: 2017-13-01",
        "published: 2017-13-01",
        "is not a date",
    ),
    ("  kind: inspection-report", "  kind: report", "kind: report", "unknown kind"),
    ("  id: report-2017", "  id: other-2017", "id: other-2017", "differs from the file name"),
    (
        "    checked: report\n  - id: ex-oversight\n",
        "    checked: secondary\n  - id: ex-oversight\n",
        "- id: ex-summary",
        "needs 'checked_via'",
    ),
    (
        "    checked: report\n  - id: ex-oversight\n",
        "    checked: secondary\n    checked_via: commentry\n  - id: ex-oversight\n",
        "checked_via: commentry",
        "unknown source 'commentry'",
    ),
    (
        "    page: 2\n",
        "    page: null\n",
        "page: null",
        "'passages[1].page' is null, but the passage was checked against the report",
    ),
    (
        "    page: 5\n    paragraph: 16\n",
        "    page: 5\n    page_end: 4\n    paragraph: 16\n",
        "page_end: 4",
        "page_end 4 does not follow page 5",
    ),
    (
        "    paragraph: null\n    section: Executive summary\n",
        "    paragraph: null\n    section: null\n",
        "section: null",
        "'passages[1].section' is null, and the passage has no paragraph either",
    ),
    (
        "    section: Help and protection\n    themes: [management-oversight]\n    checked: report\n  - id: ex-oversight-2",
        "    themes: [management-oversight]\n    checked: report\n  - id: ex-oversight-2",
        "- id: ex-oversight\n",
        "needs 'section'",
    ),
    (
        "  short_name: Ofsted 2017 report\n",
        "  short_name: Ofsted 2017 report\n  short_name: again\n",
        "short_name: again",
        "key 'source.short_name' is given twice",
    ),
    (
        "    text: There is weak managerial oversight at all levels.",
        '    text: "weak \\x01 oversight"',
        "weak \\x01",
        "control character U+0001",
    ),
    (
        "  kind: inspection-report",
        "  kind: inspection-report: x",
        "kind: inspection-report: x",
        "YAML syntax error",
    ),
    ("  - id: ex-summary", "  - id: Ex Summary", "id: Ex Summary", "is not a valid id"),
]


def _line_holding(text: str, fragment: str) -> int:
    """The 1-based line of ``text`` where ``fragment`` starts."""
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "line_text", "words"), BROKEN, ids=[row[3] for row in BROKEN]
)
def test_each_problem_names_file_and_line(
    make_bank: BankMaker, old: str, new: str, line_text: str, words: str
) -> None:
    text = _mutated(old, new)
    folder = make_bank({"report-2017.yaml": text})
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    problems = caught.value.problems
    matching = [p for p in problems if words in p.message or (p.hint and words in p.hint)]
    assert matching, [str(p) for p in problems]
    assert matching[0].path == str(folder / "report-2017.yaml")
    assert matching[0].line == _line_holding(text, line_text)
    assert matching[0].hint


def test_all_problems_are_reported_at_once(make_bank: BankMaker) -> None:
    broken = _mutated("    page: 2\n", "    page: two\n")
    broken = broken.replace("grade: inadequate", "grade: awful")
    broken = broken.replace("themes: [partnership]", "themes: [nonsense]")
    with pytest.raises(BankError) as caught:
        load_bank(make_bank({"report-2017.yaml": broken}))
    assert len(caught.value.problems) == 3
    assert [p.line for p in caught.value.problems] == sorted(p.line for p in caught.value.problems)


def test_object_tags_are_refused_not_run(make_bank: BankMaker) -> None:
    evil = _mutated('  title: "London', '  title: !!python/object/apply:os.system ["echo"]\n  #"')
    with pytest.raises(BankError) as caught:
        load_bank(make_bank({"report-2017.yaml": evil}))
    assert "YAML" in str(caught.value)


def test_duplicate_ids_across_files(make_bank: BankMaker) -> None:
    second = REPORT_YAML.replace("report-2017", "report-2018").replace("ex-summary", "ex-other")
    with pytest.raises(BankError) as caught:
        load_bank(make_bank({"report-2017.yaml": REPORT_YAML, "report-2018.yaml": second}))
    messages = [str(p) for p in caught.value.problems]
    assert any(
        "duplicate passage id 'ex-oversight'" in m and "report-2018.yaml" in m for m in messages
    )


def test_a_source_id_used_by_two_files(make_bank: BankMaker) -> None:
    folder = make_bank({"report-2017.yaml": REPORT_YAML, "another.yaml": REPORT_YAML})
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    messages = [str(p) for p in caught.value.problems]
    assert (
        f"{folder / 'report-2017.yaml'}:2: duplicate source id 'report-2017' "
        f"(first at {folder / 'another.yaml'}:2) — give each source its own id"
    ) in messages
    assert any("differs from the file name 'another'" in m for m in messages)


def test_missing_themes_file_and_non_utf8(make_bank: BankMaker) -> None:
    folder = make_bank()
    (folder / "themes.yaml").unlink()
    (folder / "latin1.yaml").write_bytes("source:\n  id: caf\xe9".encode("latin-1"))
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    text = str(caught.value)
    assert "themes.yaml: is missing" in text
    assert "latin1.yaml:2: is not UTF-8" in text


def test_not_a_folder(tmp_path) -> None:
    with pytest.raises(BankError, match="is not a folder"):
        load_bank(tmp_path / "nowhere")


def test_lookups_suggest_close_ids(make_bank: BankMaker) -> None:
    bank = load_bank(make_bank())
    with pytest.raises(LookupFailed) as caught:
        bank.passage("ex-oversigt")
    assert "did you mean 'ex-oversight'" in (caught.value.hint or "")
    with pytest.raises(LookupFailed):
        bank.select(theme="oversight-management")


def test_a_theme_is_named_by_its_id_title_or_a_word_listed_for_it(make_bank: BankMaker) -> None:
    """``carecite themes`` lists "LSCB" beside the partnership theme: a lawyer filtering by
    it (``list --theme LSCB``, ``search --theme LSCB``, a template's ``passages(theme=)``)
    gets that theme's passages."""
    bank = load_bank(make_bank())
    by_id = bank.select(theme="management-oversight")
    assert by_id
    assert bank.select(theme="Management Oversight") == by_id
    assert bank.select(theme="managerial  oversight") == by_id
    assert bank.select(theme="lscb") == bank.select(theme="partnership")


def test_a_word_listed_for_two_themes_names_neither(make_bank: BankMaker) -> None:
    themes = THEMES_YAML.replace("synonyms: [LSCB]", "synonyms: [LSCB, supervision]")
    bank = load_bank(make_bank(themes=themes))
    with pytest.raises(LookupFailed) as caught:
        bank.select(theme="Supervision")
    assert str(caught.value) == (
        "'Supervision' is listed for 2 themes — choose one: 'management-oversight', 'partnership'"
    )


def test_select_and_coverage(make_bank: BankMaker) -> None:
    bank = load_bank(make_bank())
    assert [p.id for p in bank.select(theme="management-oversight")] == [
        "ex-oversight",
        "ex-oversight-2",
    ]
    assert bank.select(authority="example") == tuple(bank.passages.values())
    assert bank.select(authority="Norfolk") == ()
    assert theme_coverage(bank) == {
        "management-oversight": {"report-2017": 2},
        "partnership": {"report-2017": 1},
    }


def test_a_raw_control_character_is_named_with_its_line(make_bank: BankMaker) -> None:
    # YAML itself refuses U+0001 typed into a file (pasted from a PDF), before any check.
    text = _mutated("    text: There is weak", "    text: There is\x01 weak")
    folder = make_bank({"report-2017.yaml": text})
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    problem = caught.value.problems[0]
    assert problem.message == "holds the character U+0001, which YAML does not allow"
    assert problem.line == _line_holding(text, "    text: There is\x01")
    assert problem.hint == "delete it (it usually comes from copying out of a PDF)"


def test_a_yml_file_is_not_silently_ignored(make_bank: BankMaker) -> None:
    folder = make_bank()
    (folder / "norfolk-2015.yml").write_text("source: {}\n", encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    assert str(caught.value) == (
        f"{folder / 'norfolk-2015.yml'}: is not read: bank files end in .yaml — rename it to .yaml"
    )
