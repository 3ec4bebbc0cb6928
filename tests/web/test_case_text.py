"""Adding picked passages to a case file's text keeps the rest as written."""

from __future__ import annotations

import pytest

from carecite.web.case_text import (
    CannotEdit,
    add_passages,
    detail_values,
    relied_passages,
    set_details,
)

CASE = """\
court: {name: Family Court, sitting_at: East London}
relied_on:
  themes: [partnership]
  passages:           # in the order to argue them
    - th17-p20-assessments
    - th17-lscb-inadequate

# the end
hearing: {type: IRH, date: 2017-06-12}
"""


@pytest.mark.parametrize(
    ("text", "ids", "expected"),
    [
        (
            CASE,
            ["th17-exec-widespread-failures"],
            CASE.replace(
                "    - th17-lscb-inadequate\n",
                "    - th17-lscb-inadequate\n    - th17-exec-widespread-failures\n",
            ),
        ),
        (CASE, ["th17-lscb-inadequate"], CASE),
        (
            CASE,
            ["a", "a", "b"],
            CASE.replace(
                "    - th17-lscb-inadequate\n", "    - th17-lscb-inadequate\n    - a\n    - b\n"
            ),
        ),
        (
            "relied_on:\n  themes: []\n  passages: []\nx: 1\n",
            ["a"],
            "relied_on:\n  themes: []\n  passages:\n    - a\nx: 1\n",
        ),
        (
            "relied_on:\n  themes: []\n  passages:\nx: 1\n",
            ["a"],
            "relied_on:\n  themes: []\n  passages:\n    - a\nx: 1\n",
        ),
        (
            "relied_on:\n    themes: []\nx: 1\n",
            ["a"],
            "relied_on:\n    themes: []\n    passages:\n      - a\nx: 1\n",
        ),
        ("court: x\n", ["a"], "court: x\nrelied_on:\n  themes: []\n  passages:\n    - a\n"),
        ("", ["a"], "relied_on:\n  themes: []\n  passages:\n    - a\n"),
    ],
    ids=[
        "after-last",
        "already-there",
        "each-once",
        "empty-flow",
        "empty-block",
        "no-passages-key",
        "no-relied-on",
        "empty-file",
    ],
)
def test_add_passages(text: str, ids: list[str], expected: str) -> None:
    assert add_passages(text, ids) == expected


@pytest.mark.parametrize(
    "text",
    [
        "relied_on: {themes: [], passages: [a]}\n",
        "relied_on:\n  themes: []\n  passages: [a, b]\n",
        "- a\n- b\n",
        "court: [unclosed\n",
    ],
    ids=["flow-mapping", "flow-list", "not-a-mapping", "not-yaml"],
)
def test_a_shape_it_cannot_add_to_is_refused(text: str) -> None:
    with pytest.raises(CannotEdit):
        add_passages(text, ["a"])


def test_relied_passages() -> None:
    assert relied_passages(CASE) == {"th17-p20-assessments", "th17-lscb-inadequate"}
    assert relied_passages("court: [unclosed\n") == frozenset()


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        (
            "court:\n  name: Family Court  # which court\n",
            {"court.name": "High Court"},
            "court:\n  name: High Court  # which court\n",
        ),
        (
            "court: {name: X}\n",
            {"court.sitting_at": "Leeds"},
            "court: {name: X, sitting_at: Leeds}\n",
        ),
        (
            "hearing:\n  type: IRH\nx: 1\n",
            {"hearing.date": "2020-01-02"},
            "hearing:\n  type: IRH\n  date: 2020-01-02\nx: 1\n",
        ),
        (
            "x: 1\n",
            {"hearing.type": "IRH", "hearing.date": "2020-01-02"},
            "x: 1\nhearing:\n  type: IRH\n  date: 2020-01-02\n",
        ),
        ("case_number: A\n", {"case_number": "12345"}, 'case_number: "12345"\n'),
        ("guardian: Ms G\n", {"guardian": "Ms G: acting"}, 'guardian: "Ms G: acting"\n'),
        ("date: 2020-01-01\n", {"date": "1 May"}, 'date: "1 May"\n'),
        ("x: 1\n", {"guardian": ""}, "x: 1\n"),
        ("guardian: Ms G\n", {"guardian": ""}, 'guardian: ""\n'),
    ],
    ids=[
        "replace-keeps-comment",
        "flow-mapping",
        "add-to-mapping",
        "new-mapping",
        "number-quoted",
        "colon-quoted",
        "not-a-date-quoted",
        "blank-adds-nothing",
        "blank-empties",
    ],
)
def test_set_details(text: str, values: dict[str, str], expected: str) -> None:
    assert set_details(text, values) == expected
    assert (
        detail_values(expected).items()
        >= {k: v for k, v in values.items() if v or k in detail_values(text)}.items()
    )


def test_a_detail_written_as_a_list_is_refused() -> None:
    with pytest.raises(CannotEdit):
        set_details("court: [a, b]\n", {"court.name": "X"})
