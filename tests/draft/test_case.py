"""Case files: every problem reported at once as file:line, ids checked against the bank."""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from carecite.bank.load import load_bank
from carecite.draft.case import Case, load_case
from carecite.errors import CaseError

REPO = Path(__file__).resolve().parents[2]

CASE_YAML = """\
court:
  name: Family Court
  sitting_at: East London
case_number: ZE17C00001
local_authority: London Borough of Example
parents:
  - {name: Ms X, relationship: mother}
  - {name: Mr Y, relationship: father}
children:
  - {initials: A, sex: female}
  - {initials: B, sex: male}
guardian: Ms G
acting_for: guardian
hearing:
  type: Issues Resolution Hearing
  date: 2017-06-12
author:
  name: Counsel Name
  role: counsel
  chambers: Example Chambers
relied_on:
  themes: [management-oversight]
  passages:
    - ex-summary
    - ex-oversight
"""


@pytest.fixture
def bank(make_bank):
    return load_bank(make_bank())


def write_case(tmp_path: Path, text: str = CASE_YAML, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(tmp_path: Path, bank, text: str) -> list[str]:
    with pytest.raises(CaseError) as caught:
        load_case(write_case(tmp_path, text), bank)
    return [str(p) for p in caught.value.problems]


def test_a_valid_case_loads(tmp_path, bank):
    case = load_case(write_case(tmp_path), bank)
    assert case.hearing.date == date(2017, 6, 12)
    assert case.passages == ("ex-summary", "ex-oversight")
    assert case.children_title == "A and B (Children)"
    assert case.acting_for_label == "the Children’s Guardian"
    assert [(p.name, p.label) for p in case.parties] == [
        ("LONDON BOROUGH OF EXAMPLE", "Applicant"),
        ("MS X", "First Respondent"),
        ("MR Y", "Second Respondent"),
        ("A (a child by her children’s guardian, Ms G)", "Third Respondent"),
        ("B (a child by his children’s guardian, Ms G)", "Fourth Respondent"),
    ]
    assert case.warnings == ()
    assert case.local_authority_in_text == "the London Borough of Example"


def test_a_case_is_frozen_and_hashable(tmp_path, bank):
    case = load_case(write_case(tmp_path), bank)
    with pytest.raises(AttributeError):
        case.case_number = "x"  # type: ignore[misc]
    assert hash(case) == hash(load_case(write_case(tmp_path), bank))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("case_number: ZE17C00001\n", ""),
            "case.yaml:1: missing required field 'case_number' — add 'case_number:'",
        ),
        (
            ("  date: 2017-06-12\n", ""),
            "case.yaml:15: missing required field 'hearing.date' — add 'date:'",
        ),
        (
            ("  date: 2017-06-12\n", "  date: 2017-06-31\n"),
            "case.yaml:16: 'hearing.date' '2017-06-31' is not a date — write it as YYYY-MM-DD",
        ),
        (
            ("case_number:", "case_numbr:"),
            "case.yaml:4: unknown key 'case_numbr' — did you mean 'case_number'?",
        ),
        (
            ("    - ex-oversight\n", "    - ex-oversigt\n"),
            "case.yaml:25: unknown passage 'ex-oversigt' — did you mean 'ex-oversight' or 'ex-oversight-2'?",
        ),
        (
            ("themes: [management-oversight]", "themes: [managment-oversight]"),
            "case.yaml:22: unknown theme 'managment-oversight' — did you mean 'management-oversight'?",
        ),
        (
            ("acting_for: guardian", "acting_for: gaurdian"),
            "case.yaml:13: unknown party 'gaurdian' in acting_for — did you mean 'guardian'?",
        ),
        (
            ("  - {initials: B, sex: male}", "  - {initials: B, sex: mael}"),
            "case.yaml:11: unknown sex 'mael' — did you mean 'male'?",
        ),
    ],
    ids=[
        "missing-top",
        "missing-nested",
        "bad-date",
        "unknown-key",
        "unknown-passage",
        "unknown-theme",
        "unknown-party",
        "bad-sex",
    ],
)
def test_each_problem_names_line_and_remedy(tmp_path, bank, change, expected):
    old, new = change
    assert old in CASE_YAML
    found = problems(tmp_path, bank, CASE_YAML.replace(old, new, 1))
    assert f"{tmp_path}/{expected}" in found, found


# Where the old loader and the schema disagreed, the schema rules (issue 11).
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("case_number: ZE17C00001", "case_number: 12345"),
            "case.yaml:4: 'case_number' must be text that is not blank, got 12345 — write the "
            "case_number in words (in quotes if YAML would read it as something else)",
        ),
        (
            ("guardian: Ms G", "guardian: null"),
            "case.yaml:12: 'guardian' must be text that is not blank, got null — write the "
            "guardian's name, or leave the key out until one is appointed",
        ),
        (
            ("  date: 2017-06-12\n", "  date: 20170612\n"),
            "case.yaml:16: 'hearing.date' 20170612 is not a date — write it as YYYY-MM-DD",
        ),
        (
            ("  - {initials: B, sex: male}", "  - {initials: ' ', sex: male}"),
            "case.yaml:11: 'children[2].initials' must be text that is not blank, got ' ' — "
            "write the initials in words (in quotes if YAML would read it as something else)",
        ),
    ],
    ids=["numeric-case-number", "null-guardian", "date-as-number", "blank-initials"],
)
def test_the_schema_rules_where_the_old_loader_differed(tmp_path, bank, change, expected):
    old, new = change
    assert old in CASE_YAML
    assert f"{tmp_path}/{expected}" in problems(tmp_path, bank, CASE_YAML.replace(old, new, 1))


# The rules no schema can state (carecite.bank.rules): what the case names exists in the bank.
@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "witness: {name: A B, position: p, employer: e, work_address: w,"
            " statement_number: 1, exhibit_initials: AB, exhibits: [report-2071]}\n",
            "case.yaml:26: unknown source 'report-2071' in exhibits — did you mean 'report-2017'?",
        ),
        (
            "bundle:\n  sources:\n    report-2071: F1\n",
            "case.yaml:28: unknown source 'report-2071' — did you mean 'report-2017'?",
        ),
        (
            "bundle:\n  sources:\n    report-2017: F1\n  first_report_page:\n    report-2019: 2\n",
            "case.yaml:30: first_report_page names 'report-2019', which bundle.sources does not "
            "place — add 'report-2019: F1' (its first bundle page) under bundle.sources",
        ),
        (
            "bundle:\n  sources:\n    report-2017: F1\n  first_report_page:\n    report-2017: 3\n",
            "case.yaml:30: passage ex-summary is on page 2 of the report, before page 3, the "
            "first in the bundle — file the page in the bundle and correct first_report_page, "
            "or rely on another passage",
        ),
        (
            "issues:\n  - issue: whether x\n    findings:\n      - ex-oversigt\n",
            "case.yaml:29: unknown passage 'ex-oversigt' in findings — did you mean "
            "'ex-oversight' or 'ex-oversight-2'?",
        ),
        (
            "issues:\n  - issue: whether x\n    findings:\n"
            "      - {sentence: 1,\n         passage: ex-oversigt}\n",
            "case.yaml:30: unknown passage 'ex-oversigt' in findings — did you mean "
            "'ex-oversight' or 'ex-oversight-2'?",
        ),
    ],
    ids=[
        "exhibit",
        "bundle-source",
        "first-page-unplaced",
        "page-not-filed",
        "finding",
        "finding-mapping",
    ],
)
def test_ids_the_case_names_must_be_in_the_bank(tmp_path, bank, extra, expected):
    assert f"{tmp_path}/{expected}" in problems(tmp_path, bank, CASE_YAML + extra)


def test_every_problem_is_reported_at_once(tmp_path, bank):
    text = (
        CASE_YAML.replace("case_number:", "case_numbr:")
        .replace("2017-06-12", "2017-13-01")
        .replace("- ex-oversight", "- ex-oversigt")
    )
    found = problems(tmp_path, bank, text)
    assert len(found) == 3, found  # the misspelt case_number (said once), bad date, unknown passage
    assert [int(p.split(":")[1]) for p in found] == sorted(int(p.split(":")[1]) for p in found)


@pytest.mark.parametrize(
    ("right", "wrong", "line"),
    [("children:", "childen:", 9), ("case_number:", "case_numbr:", 4), ("  date:", "  dat:", 16)],
)
def test_a_misspelt_required_key_is_one_problem_at_its_line(tmp_path, bank, right, wrong, line):
    text = CASE_YAML.replace(right, wrong)
    key = wrong.strip(" :")
    meant = right.strip(" :")
    label = f"hearing.{key}" if right.startswith(" ") else key
    assert problems(tmp_path, bank, text) == [
        f"{tmp_path}/case.yaml:{line}: unknown key '{label}' — did you mean '{meant}'?"
    ]


def test_a_child_named_in_full_is_a_warning_not_an_error(tmp_path, bank):
    case = load_case(
        write_case(tmp_path, CASE_YAML.replace("initials: A,", "initials: Amy Smith,")), bank
    )
    assert len(case.warnings) == 1
    warning = str(case.warnings[0])
    assert "case.yaml:10: child 'Amy Smith' looks like a name, not initials" in warning
    assert "Anonymisation guidance" in warning


COUNCIL_HINT = (
    " — write the council's name as its court documents give it, e.g. "
    "local_authority: Wirral Metropolitan Borough Council"
)


@pytest.mark.parametrize(
    ("typed", "warned"),
    [
        (
            "Example",
            "case.yaml:5: local_authority 'Example' names the authority, not its council, and "
            "carecite does not know the council's name: the heading would name the Applicant "
            "'EXAMPLE'" + COUNCIL_HINT,
        ),
        (
            "london borough of example",
            "case.yaml:5: local_authority 'london borough of example' is not written with a "
            "name's capitals, and each sentence of the draft prints it so: 'care proceedings "
            "brought by london borough of example'" + COUNCIL_HINT,
        ),
        (
            "LONDON BOROUGH OF EXAMPLE",
            "case.yaml:5: local_authority 'LONDON BOROUGH OF EXAMPLE' is not written with a "
            "name's capitals, and each sentence of the draft prints it so: 'care proceedings "
            "brought by LONDON BOROUGH OF EXAMPLE'" + COUNCIL_HINT,
        ),
        ("Example Council", None),
        ("London Borough of Example", None),
    ],
)
def test_an_applicant_a_court_would_not_see_so_named_is_a_warning(tmp_path, bank, typed, warned):
    text = CASE_YAML.replace(
        "local_authority: London Borough of Example", f"local_authority: {typed}"
    )
    case = load_case(write_case(tmp_path, text), bank)
    assert case.local_authority == typed  # never a council's name or capitals guessed
    assert [str(w) for w in case.warnings] == ([f"{tmp_path}/{warned}"] if warned else [])


def test_a_council_carecite_knows_names_the_applicant_without_a_warning(tmp_path):
    bank = load_bank(REPO / "quotes")
    text = (REPO / "examples" / "re-c-norfolk.yaml").read_text(encoding="utf-8")
    case_file = write_case(tmp_path, text.replace("Norfolk County Council", "NORFOLK"))
    case = load_case(case_file, bank)
    assert case.local_authority == "Norfolk County Council"
    assert case.warnings == ()


@pytest.mark.parametrize("initials", ["A", "AB", "A.B.", "J"])
def test_initials_are_not_warned_about(tmp_path, bank, initials):
    text = CASE_YAML.replace("initials: A,", f"initials: '{initials}',")
    assert load_case(write_case(tmp_path, text), bank).warnings == ()


def test_yaml_syntax_errors_name_the_line(tmp_path, bank):
    found = problems(
        tmp_path, bank, CASE_YAML.replace("  sitting_at: East London", "  sitting_at: [East")
    )
    assert len(found) == 1
    assert "YAML syntax error" in found[0]
    assert found[0].startswith(f"{tmp_path}/case.yaml:4:")


def test_a_control_character_is_named_not_a_traceback(tmp_path, bank):
    found = problems(
        tmp_path,
        bank,
        CASE_YAML.replace("  sitting_at: East London", "  sitting_at: East\x01London"),
    )
    assert found == [
        f"{tmp_path}/case.yaml:3: holds the character U+0001, which YAML does not allow"
        " — delete it (it usually comes from copying out of a PDF)"
    ]


def test_a_missing_file_is_a_case_error(tmp_path, bank):
    with pytest.raises(CaseError, match="no such case file"):
        load_case(tmp_path / "nope.yaml", bank)


def test_witness_markings(tmp_path, bank):
    text = CASE_YAML + textwrap.dedent(
        """\
        witness:
          name: Alexandra Jane Brown
          position: social worker
          employer: London Borough of Example
          work_address: Town Hall, Example E1
          statement_number: 2
          exhibit_initials: AJB
          first_exhibit: 3
        """
    )
    case = load_case(write_case(tmp_path, text), bank)
    assert case.witness is not None
    assert case.witness.initials_and_surname == "A.J. Brown"
    assert case.witness.statement_ordinal == "2nd"
    # With no exhibits listed, the reports the passages come from are exhibited, numbered on.
    assert [(e.mark, e.source) for e in case.exhibits] == [("AJB3", "report-2017")]


@pytest.mark.parametrize(
    ("n", "ordinal"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (21, "21st")],
)
def test_statement_ordinals(n, ordinal):
    from carecite.draft.witness import Witness

    assert Witness("A B", "p", "e", "w", n, "AB").statement_ordinal == ordinal


def test_respondents_past_the_twelfth_are_numbered_in_figures_with_the_right_suffix():
    from carecite.draft.case import Author, Case, Child, Court, Hearing, Parent

    case = Case(
        court=Court("Family Court", "East London"),
        case_number="ZE17C00123",
        local_authority="London Borough of Example",
        children=tuple(Child(f"C{n}") for n in range(20)),
        acting_for="guardian",
        hearing=Hearing("Issues Resolution Hearing", date(2017, 6, 12)),
        author=Author("A Barrister", "counsel"),
        themes=(),
        passages=(),
        parents=(Parent("Ms X", "mother"), Parent("Mr Y", "father")),
    )
    labels = [party.label for party in case.parties]
    assert labels[1:4] == ["First Respondent", "Second Respondent", "Third Respondent"]
    assert labels[12:14] == ["Twelfth Respondent", "13th Respondent"]
    assert labels[21:] == ["21st Respondent", "22nd Respondent"]


def test_every_schema_key_reaches_the_case():
    """The schema is the list of keys: each one it allows ends up in the ``Case``."""
    schema = json.loads((REPO / "examples" / "case.schema.json").read_text(encoding="utf-8"))
    grouped = {
        "bundle": {"essential_reading", "bundle_refs", "first_report_pages"},
        "relied_on": {"themes", "passages", "reasons"},
    }
    keys = set().union(*(grouped.get(k, {k}) for k in schema["properties"]))
    keys |= {"own_authorities"}  # authorities: shipped ids, and the case's own as mappings
    assert keys == {f.name for f in fields(Case)} - {"warnings", "path", "lines"}


@pytest.mark.parametrize(
    "example", sorted((REPO / "examples").glob("*.yaml")), ids=lambda p: p.name
)
def test_the_examples_load_against_the_shipped_bank(example):
    bank = load_bank(REPO / "quotes")
    case = load_case(example, bank)
    assert case.warnings == ()
    assert all(len(c.initials) <= 3 for c in case.children)


@pytest.mark.parametrize(
    ("example", "typed", "applicant"),
    [
        ("re-a-tower-hamlets.yaml", "TOWER HAMLETS", "London Borough of Tower Hamlets"),
        ("re-c-norfolk.yaml", "norfolk", "Norfolk County Council"),
        ("re-c-norfolk.yaml", "NORFOLK COUNTY COUNCIL", "NORFOLK COUNTY COUNCIL"),
    ],
)
def test_the_applicant_is_named_as_the_council(tmp_path, example, typed, applicant):
    """A case giving only the authority's name ("BLACKPOOL") is headed with the council's
    name where the inspections dataset records it; a council's name given is kept."""
    text = (REPO / "examples" / example).read_text(encoding="utf-8")
    given = re.search(r"^local_authority: (.*)$", text, flags=re.M)
    assert given is not None
    case_file = write_case(tmp_path, text.replace(given.group(0), f"local_authority: {typed}"))
    case = load_case(case_file, load_bank(REPO / "quotes"))
    assert case.local_authority == applicant
    assert case.parties[0].name == applicant.upper()
