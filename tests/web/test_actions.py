"""What the web faces share: what the server keeps between requests, and where a problem is shown."""

from __future__ import annotations

from carecite.errors import CareciteError, Problem
from carecite.web.actions import FieldProblem, Kept, placed


def test_only_the_newest_are_kept_and_each_is_let_go_once() -> None:
    released: list[str] = []
    kept = Kept(2, released.append)
    first, second, third = (kept.keep(item) for item in ("a", "b", "c"))
    assert kept.get(first) is None and released == ["a"]  # pushed out by newer ones
    assert (kept.get(second), kept.get(third)) == ("b", "c")
    kept.forget(second)
    kept.forget(second)  # a second time, or an unknown key: nothing more happens
    kept.forget("no-such-key")
    assert kept.get(second) is None and released == ["a", "b"]
    kept.clear()
    assert kept.get(third) is None and released == ["a", "b", "c"]


def test_keys_cannot_be_guessed_from_one_another() -> None:
    kept: Kept[int] = Kept()
    keys = [kept.keep(n) for n in range(20)]
    assert len(set(keys)) == 20
    assert all(len(key) >= 22 for key in keys)  # 128 random bits, URL-safe


def test_a_problem_in_another_file_names_that_file_and_line() -> None:
    error = CareciteError.from_problems(
        [
            Problem("is not a PDF", "/tmp/carecite-import-x/report.pdf", None, "download it"),
            Problem("no such theme", None, 3, None),
            Problem("page must be a number", "/home/me/bank/th-2017.yaml", 42, "use the page"),
            Problem("already exists", "/home/me/bank/th-2017.yaml", None, "use --force"),
        ]
    )
    assert placed(error, "file", posted="report.pdf") == (
        FieldProblem("file", None, "is not a PDF", "download it"),
        FieldProblem("file", 3, "no such theme", None),
        # a line of a bank file beside the form's field would point into the wrong file
        FieldProblem("file", None, "th-2017.yaml:42: page must be a number", "use the page"),
        FieldProblem("file", None, "th-2017.yaml: already exists", "use --force"),
    )
