"""A user's template that fails, loops or reaches outside its folder: one line naming the
template and its line, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.conftest import Run, one_error


@pytest.mark.parametrize(
    ("template", "said"),
    [
        ("text\n{{ 1/0 }}\n", ":2: the template failed: ZeroDivisionError: division by zero"),
        (
            "{% for i in range(10**9) %}x{% endfor %}\n",
            ":1: the template failed: OverflowError: Range too big.",
        ),
        (
            "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}\n",
            ":1: the template calls itself without end",
        ),
        ('{% include "t.md.j2" %}\n', ":1: the template calls itself without end"),
        ("{{ cite(42) }}\n", ":1: the template failed: TypeError: 'int' object is not iterable"),
        ("a\n\n{{ quote() }}\n", ":3: the template failed: TypeError: "),
        (
            "{% for a in range(99999) %}{% for b in range(99999) %}xxxxxxxxxx{% endfor %}{% endfor %}\n",
            ": the template's output passed 5,000,000 characters: it is looping without end",
        ),
    ],
    ids=[
        "divide-by-zero",
        "huge-range",
        "recursive-macro",
        "self-include",
        "bad-helper-argument",
        "missing-argument",
        "nested-loops",
    ],
)
def test_a_failing_template_is_one_line_at_its_line(
    run: Run, case_file: Path, tmp_path: Path, template: str, said: str
) -> None:
    path = tmp_path / "t.md.j2"
    path.write_text(template, encoding="utf-8")
    out = tmp_path / "out.docx"
    line = one_error(run("draft", str(path), str(case_file), "-o", str(out)))
    assert line.startswith(f"error: {path}{said}"), line
    assert not out.exists()


def test_a_template_that_is_not_utf8(run: Run, case_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "t.md.j2"
    # The bad byte's line is named: a user finds it in a long template.
    path.write_bytes(b"# {{ case.case_number }}\n\nThe caf\xe9 report\n")
    assert one_error(run("draft", str(path), str(case_file), "-o", str(tmp_path / "o.docx"))) == (
        f"error: {path}:3: is not UTF-8 text (invalid continuation byte) — save the template as UTF-8"
    )


def test_include_never_follows_a_link_out_of_the_folder(
    run: Run, case_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("the other client's file", encoding="utf-8")
    (folder / "outside.md.j2").symlink_to(secret)
    path = folder / "t.md.j2"
    path.write_text('Intro\n{% include "outside.md.j2" %}\n', encoding="utf-8")
    result = run("draft", str(path), str(case_file), "-o", "-", "--format", "md")
    line = one_error(result)
    assert line == (
        f"error: {path}:2: the template did something a template may not: template "
        "'outside.md.j2' is a link out of the template folder — templates may only read the "
        "case and call carecite's helpers"
    )
    assert "other client" not in result.output
