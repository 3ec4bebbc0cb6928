"""The schemas and the loaders agree: a file an editor shows valid is one carecite accepts.

Each example changes one field of a valid bank or case file (a new value, the key removed,
or a key added beside it), writes it as YAML and asks two judges: plain ``jsonschema``
(Draft 2020-12, formats asserted) on the parsed YAML against the shipped schema, and
``load_bank`` (what ``carecite check`` runs) or ``load_case``. Where the schema refuses,
carecite refuses with a problem of its own words. Where the schema accepts, carecite
accepts, unless one of the rules a schema cannot state is broken (``carecite.bank.rules``),
and then that is the only kind of problem it reports.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from carecite.bank.load import load_bank
from carecite.draft.case import load_case
from carecite.errors import BankError, CaseError, Problem
from carecite.yamlfile import parse_yaml
from tests.conftest import REPORT_YAML, SHIPPED_BANK, THEMES_YAML
from tests.draft.test_case import CASE_YAML

REPO = Path(__file__).resolve().parents[2]
BANK_SCHEMA = json.loads((SHIPPED_BANK / "bank.schema.json").read_text(encoding="utf-8"))
CASE_SCHEMA = json.loads((REPO / "examples" / "case.schema.json").read_text(encoding="utf-8"))
THESAURUS_SCHEMA = json.loads((SHIPPED_BANK / "thesaurus.schema.json").read_text(encoding="utf-8"))

# What carecite says for the rules no schema can state: nothing else may stop a file the
# schema accepts.
CODE_RULES = (
    "unknown theme",
    "unknown source",
    "unknown passage",
    "unknown party",
    "duplicate passage id",
    "duplicate source id",
    "does not follow",
    "differs from the file name",
)

# A second source (a statute) with a secondary pinpoint, so the schema's branches for
# statutes and for checked: secondary have a value to change.
STATUTE_YAML = """\
source:
  id: children-act
  kind: statute
  title: Children Act 1989
  short_name: CA 1989
  author: Parliament
passages:
  - id: ca-s31
    text: A court may only make a care order if it is satisfied.
    provision: s 31(2)
    themes: [partnership]
    checked: secondary
    checked_via: report-2017
"""
WITNESS_YAML = """\
witness:
  name: Alexandra Brown
  position: social worker
  employer: London Borough of Example
  work_address: Town Hall
  statement_number: 2
  exhibit_initials: AB
  first_exhibit: 3
  exhibits: [report-2017]
bundle:
  essential_reading:
    - {document: Position statement, ref: A1}
  sources: {report-2017: F1}
date: 2017-06-09
orders_sought: [a care order]
"""

VALUES = [
    None,
    "",
    "  ",
    "words",
    "Bad Id",
    "report-2017",
    "ex-summary",
    "partnership",
    "bell\x07",
    0,
    1,
    7,
    -3,
    2.5,
    True,
    20150731,
    "2017-04-07",
    "2017-02-30",
    "17-4-7",
    [],
    ["partnership"],
    ["Bad Id"],
    {},
    {"from": "2017-01-01"},
    "inadequate",
    "adequate",
    "SIF",
    "pre-SIF",
    "statute",
    "commentary",
    "inspection-report",
    "secondary",
    "report",
    "female",
    "guardian",
    "mother",
    "AB",
]


def _plain(node: Any) -> Any:
    """A LineMap/LineList tree as plain dicts and lists, to change and dump."""
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _places(node: Any, place: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [place] if place else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*place, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*place, index))
    return found


def _mutate(data: Any, place: tuple[Any, ...], action: str, value: Any) -> Any:
    changed = _plain(data)
    parent = changed
    for step in place[:-1]:
        parent = parent[step]
    last = place[-1]
    if action == "set":
        parent[last] = value
    elif action == "remove":
        del parent[last]
    else:  # add an unknown key beside a mapping's key, or to a list's mapping item
        target = parent if isinstance(parent, dict) else parent[last]
        if isinstance(target, dict):
            target["colour"] = value
    return changed


def _schema_accepts(schema: dict[str, Any], text: str) -> bool:
    data, problem = parse_yaml(text, "mutated.yaml")
    assert problem is None
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return validator.is_valid(data)


def _judge(accepted: bool, problems: tuple[Problem, ...] | None) -> None:
    """The two judges agree (``problems`` is None when carecite accepted the file)."""
    said = [str(p) for p in problems or ()]
    if not accepted:
        assert problems is not None, "the schema refuses a file carecite accepts"
        assert any(not any(rule in p.message for rule in CODE_RULES) for p in problems), said
    elif problems is not None:
        strays = [str(p) for p in problems if not any(rule in p.message for rule in CODE_RULES)]
        assert not strays, f"carecite refuses a file the schema accepts: {strays}"


def _changes(text: str) -> st.SearchStrategy[tuple[tuple[Any, ...], str, Any]]:
    data, _ = parse_yaml(text, "fixture.yaml")
    return st.tuples(
        st.sampled_from(_places(data)),
        st.sampled_from(["set", "set", "set", "remove", "add"]),
        st.sampled_from(VALUES),
    )


BANK_FILES = {"report-2017.yaml": REPORT_YAML, "children-act.yaml": STATUTE_YAML}
SETTINGS = settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def _load_bank_with(name: str, text: str) -> tuple[bool, tuple[Problem, ...] | None]:
    files = {**BANK_FILES, "themes.yaml": THEMES_YAML, name: text}
    with tempfile.TemporaryDirectory() as folder:
        for file, content in files.items():
            (Path(folder) / file).write_text(content, encoding="utf-8")
        try:
            load_bank(folder)
        except BankError as error:
            mine = [p for p in error.problems if p.path == str(Path(folder) / name)]
            others = [p for p in error.problems if p.path != str(Path(folder) / name)]
            # Changing one file may break another's reference to it (checked_via), never
            # another file's own schema.
            assert all(any(r in p.message for r in CODE_RULES) for p in others), others
            return False, tuple(mine or error.problems)
    return True, None


@pytest.mark.parametrize(
    ("schema", "path"),
    [(BANK_SCHEMA, p) for p in sorted(SHIPPED_BANK.glob("*.yaml")) if p.name != "thesaurus.yaml"]
    + [(THESAURUS_SCHEMA, SHIPPED_BANK / "thesaurus.yaml")]
    + [(CASE_SCHEMA, p) for p in sorted((REPO / "examples").glob("*.yaml"))],
    ids=lambda v: v.name if isinstance(v, Path) else "",
)
def test_shipped_files_are_valid_as_an_editor_sees_them(schema: dict[str, Any], path: Path) -> None:
    """The whole schema (an editor uses no $defs entry point) accepts every shipped file."""
    assert _schema_accepts(schema, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [*BANK_FILES, "themes.yaml"])
def test_the_fixtures_are_valid_to_both_judges(name: str) -> None:
    text = {**BANK_FILES, "themes.yaml": THEMES_YAML}[name]
    assert _schema_accepts(BANK_SCHEMA, text)
    assert _load_bank_with(name, text) == (True, None)


@pytest.mark.parametrize("name", [*BANK_FILES, "themes.yaml"])
def test_bank_files_changed_field_by_field(name: str) -> None:
    original = {**BANK_FILES, "themes.yaml": THEMES_YAML}[name]
    data, _ = parse_yaml(original, name)

    @SETTINGS
    @given(_changes(original))
    def check(change: tuple[tuple[Any, ...], str, Any]) -> None:
        place, action, value = change
        text = yaml.safe_dump(_mutate(data, place, action, value), allow_unicode=True)
        accepted, problems = _load_bank_with(name, text)
        _judge(_schema_accepts(BANK_SCHEMA, text), None if accepted else problems)

    check()


CASE_TEXT = CASE_YAML + WITNESS_YAML


@pytest.fixture(scope="module")
def bank() -> Any:
    with tempfile.TemporaryDirectory() as folder:
        for file, content in {**BANK_FILES, "themes.yaml": THEMES_YAML}.items():
            (Path(folder) / file).write_text(content, encoding="utf-8")
        yield load_bank(folder)


def test_case_files_changed_field_by_field(bank: Any) -> None:
    data, _ = parse_yaml(CASE_TEXT, "case.yaml")
    assert _schema_accepts(CASE_SCHEMA, CASE_TEXT)

    @SETTINGS
    @given(_changes(CASE_TEXT))
    def check(change: tuple[tuple[Any, ...], str, Any]) -> None:
        place, action, value = change
        text = yaml.safe_dump(_mutate(data, place, action, value), allow_unicode=True)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "case.yaml"
            path.write_text(text, encoding="utf-8")
            try:
                load_case(path, bank)
                problems = None
            except CaseError as error:
                problems = error.problems
        _judge(_schema_accepts(CASE_SCHEMA, text), problems)

    check()
