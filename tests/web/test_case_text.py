"""Adding picked passages to a case file's text keeps the rest as written."""

from __future__ import annotations

import pytest

from carecite.web.case_text import CannotEdit, add_passages, relied_passages

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
