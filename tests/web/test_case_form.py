"""The case file as form fields: built from the schema, read back, written as YAML."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from carecite.resources import schema_file, shipped_dir
from carecite.web import case_form
from carecite.web.case_form import (
    NotFormable,
    Widget,
    add_findings,
    add_row,
    case_fields,
    case_yaml,
    form_label,
    form_path,
    load_text,
    read_form,
    remove_row,
    sections,
)

EXAMPLE = (shipped_dir("examples") / "re-a-tower-hamlets.yaml").read_text(encoding="utf-8")


# A witness with only a number given: the rest the schema requires, blank, to be reported.
WITNESS_BLANKS = dict.fromkeys(
    ("name", "position", "employer", "work_address", "exhibit_initials"), ""
)


def _posted(data: dict[str, Any]) -> dict[str, str]:
    """The fields a browser posts for a form showing ``data``."""
    found: dict[str, str] = {}

    def walk(widget: Widget) -> None:
        if widget.field.kind in ("group", "list", "map"):
            if widget.kept():
                found[f"{widget.name}.{case_form.KEPT}".replace("case..", "case.")] = widget.kept()
            for child in widget.children():
                walk(child)
        else:
            found[widget.name] = widget.text

    walk(Widget(case_fields(), "", case_form.formable(case_fields(), data, "")))
    return found


def test_every_key_of_the_case_schema_is_a_field_under_a_heading() -> None:
    schema = json.loads(schema_file("case.schema.json").read_text(encoding="utf-8"))
    shown = [w.field.key for _, widgets in sections({}) for w in widgets]
    assert sorted(shown) == sorted(schema["properties"])
    assert "Other" not in [heading for heading, _ in sections({})]


@pytest.fixture
def schema_with_a_new_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    schema = json.loads(schema_file("case.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["interpreter"] = {"$ref": "#/$defs/text", "description": "Language."}
    schema["properties"]["costs"] = {"type": "number"}  # a shape the form has no field for
    path = tmp_path / "case.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    monkeypatch.setattr(case_form, "schema_file", lambda name: path)
    case_fields.cache_clear()
    yield
    case_fields.cache_clear()


@pytest.mark.usefixtures("schema_with_a_new_key")
def test_a_key_the_schema_gains_appears_in_the_form_without_a_change_here() -> None:
    heading, (widget,) = sections({"interpreter": "Polish"})[-1]
    assert heading == "Other"
    assert (widget.field.kind, widget.field.help, widget.text) == ("text", "Language.", "Polish")


@pytest.mark.usefixtures("schema_with_a_new_key")
def test_a_key_of_a_shape_the_form_cannot_show_is_kept_not_dropped() -> None:
    data = {**load_text(EXAMPLE).data, "costs": 12.5}
    assert "costs" not in [w.field.key for _, ws in sections(data) for w in ws]
    assert read_form(_posted(data))["costs"] == 12.5


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("court.name", "text"),
        ("children", "list"),
        ("children.sex", "choice"),
        ("children.born", "date"),
        ("hearing.date", "date"),
        ("issues.findings.passage", "id"),
        ("issues.findings.sentence", "integer"),
        ("issues.findings.block", "boolean"),
        ("issues.position", "long"),
        ("bundle.sources", "map"),
        ("relied_on.passages", "list"),
        ("authorities.kind", "choice"),
        ("page_limit", "integer"),
    ],
)
def test_each_schema_type_gets_its_kind_of_field(path: str, kind: str) -> None:
    field = case_fields()
    for key in path.split("."):
        field = field.item if field.kind == "list" else field
        field = field.child(key)  # type: ignore[assignment]
    assert field.kind == kind


def test_an_authority_s_id_alone_is_enough_so_only_it_is_marked_required() -> None:
    authority = case_fields().child("authorities").item  # type: ignore[union-attr]
    marked = [f.key for f in authority.fields if f.shown_required]
    assert marked == ["id"]
    assert [f.key for f in authority.fields if f.required] == ["id", "kind", "name", "citation"]


@pytest.mark.parametrize(
    "text",
    [
        EXAMPLE,
        EXAMPLE.replace(
            "    ofsted-tower-hamlets-2017: F1",
            "    ofsted-tower-hamlets-2017: F1\n  first_report_page:\n    ofsted-tower-hamlets-2017: 2",
        ),
    ],
    ids=["example", "first-report-page"],
)
def test_an_example_read_into_the_form_and_back_is_the_same_case(text: str) -> None:
    loaded = load_text(text)
    assert loaded.header.startswith("# yaml-language-server")
    saved = case_yaml(read_form(_posted(loaded.data)), loaded.header)
    assert yaml.safe_load(saved) == yaml.safe_load(text)
    assert saved.startswith(loaded.header + "\ncourt:\n")
    assert "  date: 2017-06-12\n" in saved  # a plain date, not a quoted string


@pytest.mark.parametrize(
    ("posted", "expected"),
    [
        # Rows are read in their indexes' order; the script numbers new ones past the last.
        (
            {"case.children.10.initials": "C", "case.children.2.initials": "B"},
            {"children": [{"initials": "B"}, {"initials": "C"}]},
        ),
        # A blank row is no row; a blank optional value is no key.
        (
            {"case.children.0.initials": "A", "case.children.1.initials": " ", "case.guardian": ""},
            {"children": [{"initials": "A"}]},
        ),
        # A row with something in it has its required values, blank, to be reported there.
        (
            {"case.parents.0.relationship": "mother"},
            {"parents": [{"relationship": "mother", "name": ""}]},
        ),
        # A value written short in the file (a finding as its passage id) is written short.
        (
            {"case.issues.0.issue": "whether x", "case.issues.0.findings.0.passage": "p-1"},
            {"issues": [{"issue": "whether x", "findings": ["p-1"]}]},
        ),
        ({"case.issues.0.issue": "whether x"}, {"issues": ["whether x"]}),
        # A number is a number; letters where a number belongs are kept for the check.
        (
            {"case.page_limit": "3", "case.witness.statement_number": "two"},
            {"page_limit": 3, "witness": {"statement_number": "two", **WITNESS_BLANKS}},
        ),
        (
            {"case.history": "true", "case.attribution": "false"},
            {"history": True, "attribution": False},
        ),
        (
            {
                "case.bundle.sources.0.key": "src-1",
                "case.bundle.sources.0.value": "F1",
                "case.bundle.first_report_page.0.key": "src-1",
                "case.bundle.first_report_page.0.value": "3",
            },
            {"bundle": {"sources": {"src-1": "F1"}, "first_report_page": {"src-1": 3}}},
        ),
        # Keys the form has no field for come back from the hidden field.
        (
            {"case.children.0.initials": "A", "case.children.0._kept": '{"nickname": "Al"}'},
            {"children": [{"initials": "A", "nickname": "Al"}]},
        ),
        ({"case.facts.0": "line one\r\nline two"}, {"facts": ["line one\nline two"]}),
    ],
)
def test_a_posted_form_is_read_as_the_case_it_shows(
    posted: dict[str, str], expected: dict[str, Any]
) -> None:
    found = read_form(posted)
    # The groups the case must have are always there (their blanks reported in place).
    for required in ("court", "hearing", "author", "relied_on"):
        assert required in found
    assert found["relied_on"] == {"themes": [], "passages": []}
    assert {k: v for k, v in found.items() if k in expected} == expected


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("court.name", "court.name"),
        ("children.1.initials", "children.1.initials"),
        ("issues.2", "issues.2.issue"),  # an issue written in words
        ("issues.0.findings.1", "issues.0.findings.1.passage"),  # a finding as its id
        ("issues.0.findings.0.sentence", "issues.0.findings.0.sentence"),
        ("bundle.sources.src-2", "bundle.sources.1"),  # a map's entry is its row
        ("children.0.nickname", "children.0"),  # a key with no field: its group
        ("colour", ""),  # a key unknown at the top: the whole case
    ],
)
def test_a_problem_s_yaml_path_is_the_form_field_that_shows_it(path: str, field: str) -> None:
    data = {
        "children": [{"initials": "A", "nickname": "Al"}, {"initials": "B"}],
        "issues": [{"issue": "whether x", "findings": [{"passage": "p-1"}, "p-2"]}, "y", "z"],
        "bundle": {"sources": {"src-1": "F1", "src-2": "G1"}},
    }
    assert form_path(data, path) == field


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("court: [Family Court]\n", "court is not a mapping of keys"),
        ("children: A\n", "children is not a list"),
        ("bundle: {sources: {src-1: [F1]}}\n", "bundle.sources holds a value that is not"),
        ("- a list\n", "not a mapping of keys"),
        ("court: {name: [x\n", "does not read at line"),
        (  # the form holds one value a key: the other would be lost unseen
            "guardian: Ms G\ncourt: {name: x}\nguardian: Mr H\n",
            r"line 3: key 'guardian' is given twice \(keep one of them\)",
        ),
        ("court: {name: x, name: y}\n", "line 1: key 'court.name' is given twice"),
    ],
)
def test_a_file_the_form_cannot_show_is_refused_with_where(text: str, said: str) -> None:
    with pytest.raises(NotFormable, match=said):
        load_text(text)


def test_text_yaml_would_misread_is_quoted_and_reads_back_as_text() -> None:
    data = {
        "case_number": "12345",
        "guardian": "yes",
        "facts": ["a: b", "#1"],
        "date": "2017-02-30",
    }
    assert yaml.safe_load(case_yaml(data)) == data


def test_rows_are_added_and_removed_at_their_paths() -> None:
    data = load_text(EXAMPLE).data
    add_row(data, "children")
    add_row(data, "issues.1.findings")
    add_row(data, "bundle.sources")
    assert data["children"][-1] == {} and data["issues"][1]["findings"][-1] == {}
    assert list(data["bundle"]["sources"]) == ["ofsted-tower-hamlets-2017", ""]
    remove_row(data, "parents.0")
    remove_row(data, "bundle.sources.0")
    assert data["parents"] == [{"name": "Mr Y", "relationship": "father"}]
    assert data["bundle"]["sources"] == {"": ""}
    for bad in ("court.name", "children.9", "nothing", "parents.x"):
        with pytest.raises(KeyError):
            remove_row(data, bad) if "." in bad else add_row(data, bad)


def test_picked_passages_become_findings_of_the_chosen_issue_and_are_relied_on() -> None:
    data = load_text(EXAMPLE).data
    add_findings(data, ["th17-lscb-inadequate", "th17-p20-assessments"], 1)
    assert data["issues"][1]["findings"][-2:] == [
        {"passage": "th17-lscb-inadequate"},
        {"passage": "th17-p20-assessments"},
    ]
    assert data["relied_on"]["passages"].count("th17-p20-assessments") == 1
    assert data["relied_on"]["passages"][-1] == "th17-lscb-inadequate"
    add_findings(data, ["th17-lscb-inadequate"], 1)  # not twice
    assert len(data["issues"][1]["findings"]) == 4
    add_findings(data, ["th17-exec-widespread-failures"], None)
    assert "th17-exec-widespread-failures" not in str(data["issues"])
    with pytest.raises(KeyError):
        add_findings(data, ["th17-lscb-inadequate"], 7)
    empty: dict[str, Any] = {"issues": ["whether x"]}
    add_findings(empty, ["p-1"], 0)  # an issue written in words becomes a mapping
    assert empty == {
        "issues": [{"issue": "whether x", "findings": [{"passage": "p-1"}]}],
        "relied_on": {"passages": ["p-1"]},
    }


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("children.0.initials", "Child 1 › Initials"),
        ("court.name", "Court"),  # the key named as its group: said once
        ("issues.1.issue", "Issue 2"),
        ("parents.2", "Parent 3"),
        ("bundle.sources.0", "Bundle › Report 1"),
    ],
)
def test_a_form_field_is_named_as_the_form_labels_it(path: str, label: str) -> None:
    assert form_label(path) == label


def test_a_required_key_a_kept_key_may_misspell_is_not_written_blank() -> None:
    """A blank "" for it drew a second problem beside the misspelt key's ("'…exhibit_initials'
    '' must be one to four capital letters"); a key unlike it leaves the blank to be said."""
    witness = {"case.witness.name": "Jo Smith", "case.witness.statement_number": "1"}
    misspelt = read_form({**witness, "case.witness._kept": '{"exhibit_intials": "JS"}'})
    assert misspelt["witness"]["exhibit_intials"] == "JS"
    assert "exhibit_initials" not in misspelt["witness"]
    assert misspelt["witness"]["employer"] == ""  # the other blanks, as ever
    unrelated = read_form({**witness, "case.witness._kept": '{"nickname": "Jo"}'})
    assert unrelated["witness"]["exhibit_initials"] == ""
