"""Schema validation: the schema's own words and the value's line, and a cache by content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from carecite.bank import validate
from carecite.bank.load import load_bank
from carecite.bank.validate import BANK_SCHEMA, CASE_SCHEMA, read_document
from carecite.errors import BankError
from carecite.resources import schema_file
from tests.conftest import REPORT_YAML, THEMES_YAML, BankMaker


def _line_holding(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def _problems(tmp_path: Path, text: str, part: str = "sourceFile") -> list[str]:
    path = tmp_path / "report-2017.yaml"
    path.write_text(text, encoding="utf-8")
    return [
        str(p).removeprefix(f"{path}:") for p in read_document(path, BANK_SCHEMA, part).problems
    ]


# (change to the fixture, the text of the line reported, the problem: what is wrong — what to do)
SAID = [
    (
        ("  published: 2017-04-07", "  published: 20150731"),
        "published:",
        "'source.published' 20150731 is not a date — write it as YYYY-MM-DD (a real day), or null where the source gives none",
    ),
    (
        ("  published: 2017-04-07", "  published: 2017-02-29"),
        "published:",
        "'source.published' '2017-02-29' is not a date — write it as YYYY-MM-DD (a real day), or null where the source gives none",
    ),
    (
        ("  published: 2017-04-07", "  published: 2017-4-7"),
        "published:",
        "'source.published' '2017-4-7' is not a date — write it as YYYY-MM-DD (a real day), or null where the source gives none",
    ),
    (
        ("    text: There are widespread and serious failures.", "    text: ' '"),
        "text: ' '",
        "'passages[1].text' must be text that is not blank, got ' ' — give the words verbatim, as the source prints them",
    ),
    (
        ("  framework: SIF", "  framework: ILAC"),
        "framework:",
        "unknown framework 'ILAC' — did you mean 'ILACS'?",
    ),
    (
        ("grade: inadequate", "grade: requires improvement"),
        "grade:",
        "grade 'requires improvement' is not on the SIF scale — did you mean 'requires improvement to be good'?",
    ),
    (
        ("grade: inadequate", "grade: adequate"),
        "grade:",
        "grade 'adequate' is not on the SIF scale — did you mean 'inadequate'?",
    ),
    (
        ("  author: Ofsted\n", "  author: '   '\n"),
        "author:",
        "'source.author' must be text that is not blank, got '   ' — write the author in words (in quotes if YAML would read it as something else)",
    ),
    (
        ("  report_file: example.pdf\n", ""),
        "  id: report-2017",
        "a report's 'source' needs 'report_file' — add 'report_file:' (null where the report does not give it, with a note)",
    ),
    (
        ("    themes: [partnership]", "    themes: [partnership, Oversight]"),
        "themes: [partnership, Oversight]",
        "'passages[1].themes[2]' 'Oversight' is not a valid id — use lower-case letters, digits and single hyphens, e.g. th17-exec-summary",
    ),
    (
        (
            "    checked: report\n  - id: ex-oversight\n",
            "    checked: report\n    checked_via: report-2017\n  - id: ex-oversight\n",
        ),
        "checked_via:",
        "'passages[1].checked_via' is only for checked: secondary — remove it, or mark the pinpoint secondary",
    ),
    (
        (
            "    section: Executive summary\n",
            "    section: Executive summary\n    paragraph_end: 4\n",
        ),
        "    paragraph: null",
        "'passages[1].paragraph' is null but paragraph_end is given — give the paragraph where the passage starts",
    ),
    (
        ("    page: 2\n    paragraph: null\n", "    paragraph: null\n    page_end: 3\n"),
        "  - id: ex-summary",
        "'passages[1]' has a page_end but no 'page' — give the page where the passage starts",
    ),
    (
        ("  kind: inspection-report", "  kind: inspection-report\n  publised: 2017-04-07"),
        "publised:",
        "unknown key 'source.publised' — did you mean 'published' or 'publisher'?",
    ),
    (
        ("  kind: inspection-report", "  kind: statute"),
        "  - id: ex-summary",
        "'passages[1]' of a statute needs 'provision' — add e.g. 'provision: s 14'",
    ),
]


@pytest.mark.parametrize(
    ("change", "line_text", "said"), SAID, ids=[s.split(" — ")[0] for *_, s in SAID]
)
def test_a_schema_error_is_said_in_the_schemas_words_at_its_line(
    tmp_path: Path, change: tuple[str, str], line_text: str, said: str
) -> None:
    old, new = change
    assert old in REPORT_YAML
    text = REPORT_YAML.replace(old, new, 1)
    assert f"{_line_holding(text, line_text)}: {said}" in _problems(tmp_path, text)


def test_a_misspelt_required_key_is_one_problem_at_its_line(tmp_path: Path) -> None:
    text = REPORT_YAML.replace("    text: Managers", "    txt: Managers", 1)
    assert _problems(tmp_path, text) == [
        f"{_line_holding(text, 'txt:')}: unknown key 'passages[3].txt' — did you mean 'text'?"
    ]


def test_a_control_character_is_named(tmp_path: Path) -> None:
    text = REPORT_YAML.replace('  title: "London', '  title: "\\u0007London', 1)
    assert _problems(tmp_path, text) == [
        "7: 'source.title' holds the control character U+0007 — delete it (it usually comes from copying out of a PDF)"
    ]


def test_a_bad_theme_id_is_said_at_its_key(tmp_path: Path) -> None:
    text = THEMES_YAML.replace("  partnership:", "  Partner Ship:")
    assert _problems(tmp_path, text, "themesFile") == [
        f"{_line_holding(text, '  Partner Ship:')}: 'themes' key 'Partner Ship' is not a valid id — "
        "use lower-case letters, digits and single hyphens, e.g. th17-exec-summary"
    ]


def test_a_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert _problems(tmp_path, "- just\n- a list\n") == [
        "1: a source file must be a mapping with 'source:' and 'passages:' — see FORMAT.md"
    ]


@pytest.mark.parametrize("name", [BANK_SCHEMA, CASE_SCHEMA])
def test_the_schemas_are_found_where_they_ship(name: str) -> None:
    """In a checkout beside the files they describe; a wheel carries them in carecite/data."""
    assert schema_file(name).is_file()
    assert schema_file(name).parent.name == {BANK_SCHEMA: "quotes", CASE_SCHEMA: "examples"}[name]


# --- the cache ------------------------------------------------------------------------------


@pytest.fixture
def validations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts the files jsonschema validates; empty caches in a cache folder of the test's own."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(validate, "_VALID", {})
    monkeypatch.setattr(validate, "_CHECKED", {})
    calls: list[int] = []
    real = validate._schema_errors

    def counting(validator, data):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(validator, data)

    monkeypatch.setattr(validate, "_schema_errors", counting)
    yield calls


def test_an_unchanged_file_is_never_validated_twice(
    make_bank: BankMaker, validations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_bank()
    load_bank(folder)
    assert len(validations) == 2  # themes.yaml and the report
    load_bank(folder)
    assert len(validations) == 2
    # A later process: the verdicts kept in the cache folder are used.
    monkeypatch.setattr(validate, "_VALID", {})
    load_bank(folder)
    assert len(validations) == 2
    report = folder / "report-2017.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("page: 5", "page: 6"))
    load_bank(folder)
    assert len(validations) == 3


def test_an_invalid_file_is_validated_once_and_reported_each_time(
    make_bank: BankMaker, validations: list[int]
) -> None:
    folder = make_bank({"report-2017.yaml": REPORT_YAML.replace("page: 5", "page: five", 1)})
    reports = []
    for _ in range(2):
        with pytest.raises(BankError) as caught:
            load_bank(folder)
        reports.append(str(caught.value))
    assert reports[0] == reports[1]
    assert "'passages[2].page' must be a whole number" in reports[0]
    assert len(validations) == 2


def test_the_same_content_elsewhere_is_reported_at_its_own_path(
    make_bank: BankMaker, validations: list[int], tmp_path: Path
) -> None:
    broken = REPORT_YAML.replace("page: 5", "page: five", 1)
    first = make_bank({"report-2017.yaml": broken})
    other = tmp_path / "other"
    other.mkdir()
    for file in first.iterdir():
        (other / file.name).write_bytes(file.read_bytes())
    with pytest.raises(BankError):
        load_bank(first)
    with pytest.raises(BankError) as caught:
        load_bank(other)
    assert caught.value.path == str(other / "report-2017.yaml")
    assert len(validations) == 2
